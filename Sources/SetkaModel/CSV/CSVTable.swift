import Foundation

/// One cell, trimmed, with where it is: 1-based file line, 1-based field number, header name.
public struct CSVCell: Sendable {
    public var text: String
    public var line: Int
    public var column: Int
    public var header: String
}

/// A CSV table read from a file: header names (trimmed, lower-cased), data records, and typed
/// access to cells whose problems become diagnostics naming file, line and column.
public struct CSVTable: Sendable {
    /// The name used in messages (the path relative to the scenario folder, e.g. `students.csv`;
    /// for a sheet of a workbook, the workbook, e.g. `district.xlsx`).
    public var file: String
    /// The sheet, when the table is a sheet of a workbook (then `line` is the row number and
    /// `column` the column number of a cell); nil for a CSV file.
    public var sheet: String?
    public var encoding: TableEncoding
    public var document: CSVDocument
    /// Normalised header name → 0-based field index (the first, when a name repeats).
    public private(set) var columns: [String: Int] = [:]
    /// Normalised header names, in file order.
    public private(set) var headerNames: [String] = []

    public var records: [CSVRecord] { document.records }

    public init(file: String, encoding: TableEncoding, document: CSVDocument, sheet: String? = nil) {
        self.file = file; self.encoding = encoding; self.document = document; self.sheet = sheet
        headerNames = document.header.map { CSVTable.normaliseHeader($0) }
        for (i, name) in headerNames.enumerated() where columns[name] == nil { columns[name] = i }
    }

    /// Parses a table from raw file bytes; throws the reason when they are not text.
    public init(file: String, bytes: [UInt8]) throws(TextDecodingProblem) {
        let (utf8, encoding) = try TextDecoding.utf8Bytes(of: bytes)
        self.init(file: file, encoding: encoding, document: CSVParser.parse(utf8))
    }

    /// Header names are trimmed and case-insensitive (`Score:Math ` = `score:math`).
    public static func normaliseHeader(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if t.hasPrefix("score:") {
            let subject = t.dropFirst("score:".count).trimmingCharacters(in: .whitespaces)
            t = "score:" + subject
        }
        return t
    }

    public func has(_ column: String) -> Bool { columns[column] != nil }

    /// The table's name in messages: `students.csv`, or `district.xlsx[students]` for a sheet.
    public var displayName: String { sheet.map { "\(file)[\($0)]" } ?? file }

    /// A place in this table for a diagnostic: `students.csv:17:3`, or `district.xlsx[students]!C17`.
    public func location(line: Int? = nil, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column, sheet: sheet)
    }

    /// The cell of `column` in `record`, trimmed; nil when the table has no such column.
    /// A record shorter than the header has empty cells at its end.
    public func cell(_ record: CSVRecord, _ column: String) -> CSVCell? {
        guard let index = columns[column] else { return nil }
        return cell(record, index: index)
    }

    public func cell(_ record: CSVRecord, index: Int) -> CSVCell {
        let raw = index < record.fields.count ? record.fields[index] : ""
        return CSVCell(text: CSVTable.trim(raw), line: record.line(ofField: index),
                       column: index + 1, header: headerNames[index])
    }

    /// Trims spaces, tabs, newlines and no-break spaces.
    @inline(__always) static func trim(_ s: String) -> String {
        guard let f = s.utf8.first, let l = s.utf8.last else { return s }
        if f > 0x20 && f != 0xC2 && l > 0x20 && l != 0xA0 { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The `score:<subject>` columns: subject → field index.
    public var scoreColumns: [(subject: String, index: Int)] {
        headerNames.enumerated().compactMap { i, name in
            guard name.hasPrefix("score:"), columns[name] == i else { return nil }
            return (String(name.dropFirst("score:".count)), i)
        }
    }
}

/// What every reader of tables says about a header or a file (the scenario's tables, a
/// published timetable, a result folder's files), in one place.
extension Phrase {
    public static func columnTwice(_ name: String) -> Phrase {
        Phrase(ru: "столбец '\(name)' встречается в заголовке дважды; оставьте один", en: "column '\(name)' appears twice in the header; keep one")
    }

    public static func unknownColumns(_ names: [String]) -> Phrase {
        let list = names.map { "'\($0)'" }.joined(separator: ", ")
        return Phrase(ru: "\(names.count > 1 ? "неизвестные столбцы" : "неизвестный столбец") \(list) не \(names.count > 1 ? "читаются" : "читается")",
                      en: "unknown column\(names.count > 1 ? "s" : "") \(list) ignored")
    }

    /// A table file (or sheet) without even a header row.
    public static func emptyTable(sheet: Bool = false) -> Phrase {
        sheet ? Phrase(ru: "лист пуст; в строке 1 нужны названия столбцов", en: "the sheet is empty; row 1 needs the column names")
            : Phrase(ru: "файл пуст; в нём нужна строка заголовков с названиями столбцов", en: "the file is empty; it needs a header row with the column names")
    }

    /// `expected a whole number ≥ 1` / `ожидалось целое число ≥ 1` (no minimum: any whole number).
    public static func expectedInteger(_ minimum: Int?) -> Phrase {
        minimum.map { Phrase(ru: "ожидалось целое число ≥ \($0)", en: "expected a whole number ≥ \($0)") }
            ?? Phrase(ru: "ожидалось целое число", en: "expected a whole number")
    }

    /// `, found X` / `, найдено X` after an expectation (`value` as it should be shown).
    public static func found(_ value: String) -> Phrase { Phrase(ru: ", найдено \(value)", en: ", found \(value)") }

    /// `missing required column 'x' (…the header row has: a, b)`; `expected` lists the columns when given.
    public static func missingColumn(_ name: String, have: [String], expected: [String]? = nil) -> Phrase {
        let has = have.joined(separator: ", ")
        let exp = expected?.joined(separator: ",")
        return Phrase(ru: "нет обязательного столбца '\(name)' (\(exp.map { "ожидались столбцы \($0); " } ?? "")в строке заголовков: \(has.isEmpty ? "ничего" : has))",
                      en: "missing required column '\(name)' (\(exp.map { "expected the columns \($0); " } ?? "")the header row has: \(has.isEmpty ? "nothing" : has))")
    }
}

/// Reads typed cells from a `CSVTable`, collecting every problem as a diagnostic
/// (`students.csv:14:5: error: column 'wants': expected a whole number ≥ 0, found "два"`).
struct TableReader {
    let table: CSVTable
    var diagnostics: [Diagnostic] = []

    init(_ table: CSVTable) {
        self.table = table
        // A sheet's cell problems (an error value, a formula without a saved value) count only in
        // the columns the table reads: see `checkHeader`.
        if table.sheet == nil { reportProblems { _ in true } }
    }

    /// The table's syntax or cell problems as errors, those in the columns `include` accepts.
    mutating func reportProblems(_ include: (Int) -> Bool) {
        for p in table.document.problems where include(p.column) {
            diagnostics.append(.error(p.message, at: table.location(line: p.line, column: p.column)))
        }
    }

    var file: String { table.file }

    mutating func error(_ cell: CSVCell, _ message: Phrase) {
        diagnostics.append(.error(message, at: table.location(line: cell.line, column: cell.column),
                                  field: cell.header))
    }

    mutating func error(_ cell: CSVCell, ru: String, en: String) { error(cell, Phrase(ru: ru, en: en)) }

    mutating func warning(_ cell: CSVCell, ru: String, en: String) {
        diagnostics.append(.warning(ru: ru, en: en, at: table.location(line: cell.line, column: cell.column),
                                    field: cell.header))
    }

    /// One error per missing column; true when all are present.
    mutating func requireColumns(_ names: [String]) -> Bool {
        var ok = true
        for name in names where !table.has(name) {
            ok = false
            diagnostics.append(.error(.missingColumn(name, have: table.headerNames.filter { !$0.isEmpty }),
                                      at: table.location(line: table.document.headerLine)))
        }
        return ok
    }

    /// One warning listing the columns this table does not use; also errors on a repeated column.
    mutating func checkHeader(known: Set<String>, allowScores: Bool = false) {
        if table.sheet != nil {
            let names = table.headerNames
            reportProblems { column in
                guard column >= 1, column <= names.count else { return false }
                let name = names[column - 1]
                return known.contains(name) || (allowScores && name.hasPrefix("score:"))
            }
        }
        var unknown: [String] = []
        var seen: Set<String> = []
        for (i, name) in table.headerNames.enumerated() {
            if name.isEmpty { continue }
            if !seen.insert(name).inserted {
                diagnostics.append(.error(.columnTwice(name),
                                          at: table.location(line: table.document.headerLine, column: i + 1)))
                continue
            }
            if known.contains(name) { continue }
            if allowScores, name.hasPrefix("score:") {
                if name == "score:" {
                    diagnostics.append(.error(ru: "у столбца баллов после 'score:' нужен предмет, например 'score:math'",
                                              en: "a score column needs a subject after 'score:', e.g. 'score:math'",
                                              at: table.location(line: table.document.headerLine, column: i + 1)))
                }
                continue
            }
            unknown.append(name)
        }
        checkExtraCells()
        if !unknown.isEmpty {
            diagnostics.append(.warning(.unknownColumns(unknown),
                                        at: table.location(line: table.document.headerLine)))
        }
    }

    /// One warning when rows have non-empty cells beyond the header: often a decimal comma in a
    /// comma-separated file that was not quoted (`55,3` read as two cells).
    mutating func checkExtraCells() {
        let width = table.headerNames.count
        var first: (line: Int, column: Int, text: String)?
        var rows = 0
        for rec in table.records where rec.fields.count > width {
            guard let k = rec.fields[width...].firstIndex(where: { !CSVTable.trim($0).isEmpty }) else { continue }
            rows += 1
            if first == nil { first = (rec.line(ofField: k), k + 1, rec.fields[k]) }
        }
        guard let first else { return }
        let more = rows > 1 ? " (\(rows) rows have such cells)" : ""
        let moreRu = rows > 1 ? " (таких строк: \(rows))" : ""
        if table.sheet != nil {
            diagnostics.append(.warning(
                ru: "эта ячейка правее последнего столбца с названием; \"\(first.text)\" и всё дальше не читается\(moreRu). "
                + "Если столбец нужен, дайте ему название в строке заголовков",
                en: "this cell is right of the last named column; \"\(first.text)\" and what follows are ignored\(more). "
                + "Give the column a name in the header row if it should be read",
                at: table.location(line: first.line, column: first.column)))
            return
        }
        let sep = table.document.separator == UInt8(ascii: ";") ? "';'" : "','"
        diagnostics.append(.warning(
            ru: "в этой строке больше ячеек, чем столбцов в заголовке; \"\(first.text)\" и всё дальше не читается\(moreRu). "
            + "Разделитель в этом файле \(sep): число с десятичной запятой нужно взять в кавычки (\"55,3\") или сохранить файл с разделителем ';'",
            en: "this row has more cells than the header has columns; \"\(first.text)\" and what follows are ignored\(more). "
            + "The separator of this file is \(sep): a number with a decimal comma must be in quotes (\"55,3\") or the file saved with ';'",
            at: table.location(line: first.line, column: first.column)))
    }

    // MARK: typed cells

    /// Why `text` is not a valid id, or nil when it is one (non-empty, no whitespace, no `|`).
    static func idProblem(_ text: String) -> Phrase? {
        if text.isEmpty { return Phrase(ru: "ожидался код, а ячейка пуста", en: "expected an id, found an empty cell") }
        // Fast path: printable ASCII without spaces or '|'.
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x7C }) { return nil }
        if text.contains(where: { $0.isWhitespace }) { return Phrase(ru: "в коде не может быть пробелов, найдено \"\(text)\"", en: "an id cannot contain spaces, found \"\(text)\"") }
        if text.utf8.contains(0x7C) { return Phrase(ru: "в коде не может быть знака '|', найдено \"\(text)\"", en: "an id cannot contain '|', found \"\(text)\"") }
        return nil
    }

    /// A required id; nil (with an error) when empty or malformed, or when the column is absent.
    mutating func id(_ r: CSVRecord, _ column: String) -> String? {
        guard let c = table.cell(r, column) else { return nil }
        if let problem = Self.idProblem(c.text) { error(c, problem); return nil }
        return c.text
    }

    /// An optional id: nil when empty or absent (an error when malformed).
    mutating func optionalID(_ r: CSVRecord, _ column: String) -> String? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        if let problem = Self.idProblem(c.text) { error(c, problem); return nil }
        return c.text
    }

    /// Text; nil when empty or absent.
    func text(_ r: CSVRecord, _ column: String) -> String? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        return c.text
    }

    /// A whole number ≥ `minimum`; nil when empty, absent or wrong (with an error).
    mutating func integer(_ r: CSVRecord, _ column: String, minimum: Int? = nil) -> Int? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        let expected = Phrase.expectedInteger(minimum)
        guard let v = Self.parseInteger(c.text) else { error(c, expected + .found("\"\(c.text)\"")); return nil }
        if let minimum, v < minimum { error(c, expected + .found("\(v)")); return nil }
        return v
    }

    /// A number (decimal point, or an unambiguous decimal comma) within `range`.
    mutating func number(_ r: CSVRecord, _ column: String, range: ClosedRange<Double>? = nil,
                         expected: Phrase? = nil) -> Double? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        return number(c, range: range, expected: expected)
    }

    mutating func number(_ c: CSVCell, range: ClosedRange<Double>? = nil, expected: Phrase? = nil) -> Double? {
        let what = expected ?? range.map {
            Phrase(ru: "ожидалось число от \(Self.format($0.lowerBound)) до \(Self.format($0.upperBound))",
                   en: "expected a number from \(Self.format($0.lowerBound)) to \(Self.format($0.upperBound))")
        } ?? Phrase(ru: "ожидалось число", en: "expected a number")
        guard let v = Self.parseNumber(c.text) else { error(c, what + Phrase.found("\"\(c.text)\"")); return nil }
        if let range, !range.contains(v) { error(c, what + Phrase.found(c.text)); return nil }
        return v
    }

    /// yes/no, true/false, 1/0, да/нет (any case); nil when empty or absent or wrong (with an error).
    mutating func yesNo(_ r: CSVRecord, _ column: String) -> Bool? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        guard let v = Self.parseYesNo(c.text) else {
            error(c, Self.expectedYesNo + Phrase.found("\"\(c.text)\"")); return nil
        }
        return v
    }

    /// `|`-separated ids; nil when the cell is empty or the column absent. Malformed items are
    /// reported and left out; empty items (`a||b`, a trailing `|`) are skipped.
    mutating func idList(_ r: CSVRecord, _ column: String) -> [String]? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        var out: [String] = []
        for part in c.text.utf8.split(separator: 0x7C, omittingEmptySubsequences: true) {
            let item = CSVTable.trim(String(Substring(part)))
            if item.isEmpty { continue }
            if !item.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), item.contains(where: { $0.isWhitespace }) {
                error(c, ru: "ожидались коды через '|', а в \"\(c.text)\" есть \"\(item)\" с пробелом",
                      en: "expected ids separated by '|', found \"\(item)\" with a space in \"\(c.text)\"")
                continue
            }
            out.append(item)
        }
        return out
    }

    /// An organisation kind; nil when empty, absent or wrong (with an error).
    mutating func kind(_ r: CSVRecord, _ column: String) -> OrganisationKind? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        guard let k = OrganisationKind(rawValue: c.text.lowercased()) else {
            let kinds = OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")
            error(c, ru: "ожидалось одно из значений: \(kinds), найдено \"\(c.text)\"",
                  en: "expected one of \(kinds), found \"\(c.text)\"")
            return nil
        }
        return k
    }

    // MARK: what a cell should hold (shared with scenario.yaml and the workbook's settings)


    static let expectedYesNo = Phrase(ru: "ожидалось yes или no (также true/false, 1/0, да/нет)",
                                      en: "expected yes or no (also true/false, 1/0, да/нет)")


    // MARK: parsing of values (shared with scenario.yaml)

    static func parseInteger(_ s: String) -> Int? {
        var t = Substring(s)
        if t.first == "+" { t = t.dropFirst() }
        guard !t.isEmpty, t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else { return nil }
        return Int(t)
    }

    /// A decimal number: `55.3`, `-1e3`, or with a decimal comma `55,3` (exactly one comma, no
    /// point, digits on both sides). No `nan`, `inf` or hexadecimal.
    static func parseNumber(_ s: String) -> Double? {
        // Fast path: only digits, one point at most, and a leading sign.
        var points = 0, plain = !s.isEmpty
        for (k, b) in s.utf8.enumerated() {
            if b >= 0x30 && b <= 0x39 { continue }
            if b == 0x2E { points += 1; continue }
            if (b == 0x2D || b == 0x2B) && k == 0 { continue }
            plain = false; break
        }
        if plain, points <= 1, let v = Double(s), v.isFinite { return v }
        var t = s
        let commas = t.utf8.reduce(0) { $0 + ($1 == 0x2C ? 1 : 0) }
        if commas > 0 {
            guard commas == 1, !t.contains("."), !t.contains("e"), !t.contains("E"),
                  let at = t.firstIndex(of: ","), at != t.startIndex,
                  t[t.index(before: at)].isNumber, t.index(after: at) != t.endIndex,
                  t[t.index(after: at)].isNumber else { return nil }
            t.replaceSubrange(at...at, with: ".")
        }
        guard !t.isEmpty, t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }),
              let v = Double(t), v.isFinite else { return nil }
        return v
    }

    static func parseYesNo(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "yes", "true", "1", "да", "y": return true
        case "no", "false", "0", "нет", "n": return false
        default: return nil
        }
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
