import Foundation

/// Readers of the parts of an `.xlsx` workbook, each a streaming `XMLStream`. Element and
/// attribute names are compared by their local name (libxml2 resolves prefixes), so workbooks
/// that use prefixes (`x:c`) or the Strict Open XML namespaces read the same.

/// `_rels/*.rels`: relationship id → (type, target).
final class RelationshipsReader: XMLStream, @unchecked Sendable {
    struct Relationship { var type: String; var target: String; var external: Bool }
    var relationships: [String: Relationship] = [:]

    override func start(_ name: Bytes, _ attributes: Attributes) {
        guard name.equals("Relationship"), let id = attributes("Id"), let target = attributes("Target") else { return }
        relationships[id.text] = Relationship(type: attributes("Type")?.text ?? "", target: target.text,
                                                external: attributes("TargetMode")?.equals("External") ?? false)
    }

    /// The first relationship whose type ends with `/suffix` (types differ between the
    /// transitional and strict namespaces only in their start).
    func first(typeSuffix suffix: String) -> Relationship? {
        relationships.sorted { $0.key < $1.key }.first { $0.value.type.hasSuffix("/" + suffix) }?.value
    }
}

/// `xl/workbook.xml`: the sheets in order, with their state and relationship id; the date system.
final class WorkbookPartReader: XMLStream, @unchecked Sendable {
    struct SheetEntry { var name: String; var relationship: String; var hidden: Bool }
    var sheets: [SheetEntry] = []
    var date1904 = false

    override func start(_ name: Bytes, _ attributes: Attributes) {
        if name.equals("sheet") {
            guard let n = attributes("name"), let rel = attributes("id") else { return }
            let hidden = attributes("state").map { !$0.equals("visible") } ?? false
            sheets.append(SheetEntry(name: n.text, relationship: rel.text, hidden: hidden))
        } else if name.equals("workbookPr") {
            date1904 = attributes("date1904").map { $0.equals("1") || $0.equals("true") } ?? false
        }
    }
}

/// `xl/sharedStrings.xml`: the strings cells refer to by index (`t="s"`). Rich text runs are
/// joined; phonetic runs (`rPh`, furigana) are not part of the text.
final class SharedStringsReader: XMLStream, @unchecked Sendable {
    var strings: [String] = []
    private var current: [UInt8] = []
    private var inText = false, inPhonetic = false, inItem = false

    override func start(_ name: Bytes, _ attributes: Attributes) {
        if name.equals("t") { inText = inItem && !inPhonetic }
        else if name.equals("si") { inItem = true; current.removeAll(keepingCapacity: true) }
        else if name.equals("rPh") { inPhonetic = true }
        else if name.equals("sst"), let n = attributes("uniqueCount")?.int, n > 0, n < 10_000_000 { strings.reserveCapacity(n) }
    }

    override func end(_ name: Bytes) {
        if name.equals("t") { inText = false }
        else if name.equals("si") { strings.append(CellText.unescapeOOXML(String(decoding: current, as: UTF8.self))); inItem = false }
        else if name.equals("rPh") { inPhonetic = false }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: bytes) }
    }
}

/// `xl/styles.xml`: for each cell style index (`s="N"`), whether its number format shows a date
/// or a time (and which).
final class StylesReader: XMLStream, @unchecked Sendable {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false

    /// Style index → the date kind of its number format, nil for numbers.
    var dateKinds: [DateKind?] {
        formatIDs.map { id in customFormats[id].flatMap(DateKind.of(formatCode:)) ?? DateKind.builtin(id) }
    }

    override func start(_ name: Bytes, _ attributes: Attributes) {
        if name.equals("numFmt") {
            if let id = attributes("numFmtId")?.int, let code = attributes("formatCode") { customFormats[id] = code.text }
        } else if name.equals("cellXfs") {
            inCellXfs = true
        } else if name.equals("xf"), inCellXfs {
            formatIDs.append(attributes("numFmtId")?.int ?? 0)
        }
    }

    override func end(_ name: Bytes) {
        if name.equals("cellXfs") { inCellXfs = false }
    }
}

/// One worksheet, streamed: each row's cells as the text a CSV file would hold (shared and
/// inline strings, numbers as people read them, booleans as `true`/`false`, dates and times as
/// `2026-09-01` / `09:00`, a formula's saved value), with the problems of single cells (an
/// error value, a formula without a saved value) and the hidden rows that hold values.
/// Empty rows are skipped; a sheet with more than `limits.maxEmptyRows` empty rows (or
/// `maxEmptyCells` empty cells) is refused as soon as that is known.
final class SheetReader: XMLStream, @unchecked Sendable {
    /// What a sheet holds.
    struct Cells {
        /// Rows with at least one value: (row number, cells by 0-based column).
        var rows: [(row: Int, cells: [String])] = []
        var problems: [(line: Int, column: Int, message: Phrase)] = []
        var hiddenRows: [Int] = []
        var emptyRows = 0, emptyCells = 0
        /// Cells that hold a shared string, filled in by `resolve` once the strings are read:
        /// (index in `rows`, 0-based column, index of the string).
        var shared: [(row: Int, column: Int, index: Int)] = []

        /// The cells with their shared strings filled in; a reference the workbook has no string
        /// for is a problem, and a row left with only blank text is dropped (as an empty row).
        /// Consumes the value (filled in place, without copying the rows).
        consuming func resolved(_ strings: [String]) -> Cells {
            guard !shared.isEmpty else { return self }
            var out = self
            let shared = out.shared
            out.shared = []
            var touched = Set<Int>()
            for ref in shared {
                if ref.index < strings.count {
                    out.rows[ref.row].cells[ref.column] = strings[ref.index]
                    if !SheetReader.hasContent(strings[ref.index]) { touched.insert(ref.row) }
                } else {
                    out.problems.append((out.rows[ref.row].row, ref.column + 1,
                                         Phrase(ru: "ячейка ссылается на общую строку \(ref.index), которой в книге нет (файл повреждён)",
                                                en: "this cell refers to shared string \(ref.index), which the workbook does not have (the file is damaged)")))
                }
            }
            let lines = Set(out.problems.map(\.line))
            let blank = touched.filter { r in !lines.contains(out.rows[r].row) && !out.rows[r].cells.contains(where: SheetReader.hasContent) }
            if !blank.isEmpty {
                let dropped = Set(blank.map { out.rows[$0].row })
                out.rows = out.rows.enumerated().filter { !blank.contains($0.offset) }.map(\.element)
                out.hiddenRows.removeAll { dropped.contains($0) }
                out.emptyRows += blank.count
            }
            return out
        }
    }
    /// What was read so far.
    var cells: Cells { state.pointee.cells }

    /// What was read, moved out of the reader (so that it can be changed without a copy).
    func takeCells() -> Cells {
        defer { state.pointee.cells = Cells() }
        return state.pointee.cells
    }

    /// The reading state: a value type, so that each callback is one access to it rather than
    /// one per field (measured: a tenth of the time on a city's sheet), held by a pointer of the
    /// reader's own, so that the callbacks (180 000 on a city's students sheet) reach it without
    /// the run-time exclusivity checks of a class's stored property (another 3% of loading).
    private let state: UnsafeMutablePointer<SheetState>

    init(dateKinds: [DateKind?], date1904: Bool, limits: WorkbookLimits) {
        state = .allocate(capacity: 1)
        state.initialize(to: SheetState(dateKinds: dateKinds, date1904: date1904, limits: limits))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    override func start(_ name: Bytes, _ attributes: Attributes) {
        if let failure = state.pointee.start(name, attributes) { stop(failure) }
    }

    override func end(_ name: Bytes) {
        if let failure = state.pointee.end(name) { stop(failure) }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        state.pointee.text(bytes)
    }

    /// True when `s` is not only whitespace (checked on the first byte first: cells seldom start with a space).
    @inline(__always) static func hasContent(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        if first > 0x20 && first < 0x80 { return true }
        return s.contains { !$0.isWhitespace }
    }
}

/// The state of reading one sheet: the row and cell being read and what was read.
struct SheetState {
    typealias Bytes = XMLStream.Bytes
    let dateKinds: [DateKind?]
    let date1904: Bool
    let limits: WorkbookLimits
    var cells = SheetReader.Cells()

    /// The type of a cell (`t`).
    private enum CellType { case number, shared, inline, string, boolean, error, date }

    private var rowNumber = 0
    private var rowHidden = false
    private var row: [String] = []
    private var rowHasValue = false
    private var column = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var buffer: [UInt8] = []
    private var collecting = false
    private var hasValue = false, hasFormula = false, inInline = false, inPhonetic = false

    init(dateKinds: [DateKind?], date1904: Bool, limits: WorkbookLimits) {
        self.dateKinds = dateKinds; self.date1904 = date1904; self.limits = limits
    }

    /// `C17` → (3, 17) (`$C$17` too); nil when malformed or beyond Excel's 16 384 × 1 048 576.
    static func reference(_ r: Bytes) -> (column: Int, row: Int)? {
        var column = 0, row = 0, seenDigit = false
        for i in 0..<r.count {
            let b = r.start[i]
            if b >= 0x41 && b <= 0x5A, !seenDigit { column = column * 26 + Int(b - 0x40) }
            else if b >= 0x61 && b <= 0x7A, !seenDigit { column = column * 26 + Int(b - 0x60) }
            else if b >= 0x30 && b <= 0x39 { seenDigit = true; row = row * 10 + Int(b - 0x30) }
            else if b == 0x24 { continue }
            else { return nil }
            if column > 16_384 || row > 1_048_576 { return nil }
        }
        return column > 0 && row > 0 ? (column, row) : nil
    }

    private static func type(_ t: Bytes?) -> CellType {
        guard let t else { return .number }
        if t.equals("s") { return .shared }
        if t.equals("n") { return .number }
        if t.equals("inlineStr") { return .inline }
        if t.equals("str") { return .string }
        if t.equals("b") { return .boolean }
        if t.equals("e") { return .error }
        if t.equals("d") { return .date }
        return .number
    }

    /// An element starts; a message when the sheet cannot be read on.
    mutating func start(_ name: Bytes, _ attributes: XMLStream.Attributes) -> Phrase? {
        switch name.count {
        case 1 where name.start[0] == 0x63:   // c
            column += 1
            let (r, t, s) = attributes.letters(0x72, 0x74, 0x73)   // r, t, s
            if let r {
                guard let ref = Self.reference(r) else {
                    return Phrase(ru: "у ячейки неверная ссылка '\(r.string)'", en: "a cell has the malformed reference '\(r.string)'")
                }
                column = ref.column
            }
            cellType = Self.type(t)
            cellStyle = s?.int ?? 0
            hasValue = false; hasFormula = false
            buffer.removeAll(keepingCapacity: true)
        case 1 where name.start[0] == 0x76:   // v
            collecting = true; hasValue = true
            buffer.removeAll(keepingCapacity: true)
        case 1 where name.start[0] == 0x74:   // t
            if inInline && !inPhonetic { collecting = true; hasValue = true }
        case 1 where name.start[0] == 0x66:   // f
            hasFormula = true
        default:
            if name.equals("row") {
                let r = attributes("r")?.int ?? (rowNumber + 1)
                guard r >= 1, r <= 1_048_576, r > rowNumber else {
                    return Phrase(ru: "номера строк идут не по порядку или больше 1 048 576 строк Excel (строка \(r))",
                                  en: "row numbers are out of order or beyond Excel's 1 048 576 rows (row \(r))")
                }
                rowNumber = r
                rowHidden = attributes("hidden").map { $0.equals("1") || $0.equals("true") } ?? false
                row.removeAll(keepingCapacity: true)
                rowHasValue = false
                column = 0
            } else if name.equals("is") {
                inInline = true
                buffer.removeAll(keepingCapacity: true)
            } else if name.equals("rPh") {
                inPhonetic = true
            }
        }
        return nil
    }

    /// An element ends; a message when the sheet cannot be read on.
    mutating func end(_ name: Bytes) -> Phrase? {
        switch name.count {
        case 1 where name.start[0] == 0x63: return endCell()
        case 1 where name.start[0] == 0x76 || name.start[0] == 0x74: collecting = false
        default:
            if name.equals("row") { return endRow() }
            else if name.equals("is") { inInline = false }
            else if name.equals("rPh") { inPhonetic = false }
        }
        return nil
    }

    @inline(__always) mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collecting { buffer.append(contentsOf: bytes) }
    }

    private mutating func endCell() -> Phrase? {
        var value: String?
        // An empty <v/> (openpyxl writes one under a formula it has not calculated) is no value.
        if hasValue && buffer.isEmpty && cellType != .inline && cellType != .string { hasValue = false }
        if hasValue {
            switch cellType {
            case .shared:
                // Filled in from the shared strings later (they may be read at the same time as this sheet).
                if let i = buffer.withUnsafeBufferPointer(XMLStream.integer) {
                    place("", at: column - 1)
                    cells.shared.append((cells.rows.count, column - 1, i))
                    rowHasValue = true
                    return nil
                }
                let ref = String(decoding: buffer, as: UTF8.self)
                problem(Phrase(ru: "ячейка ссылается на общую строку \"\(ref)\", а это не номер строки (файл повреждён)",
                               en: "this cell refers to shared string \"\(ref)\", which is not a string's number (the file is damaged)"))
            case .inline, .string: value = CellText.unescapeOOXML(String(decoding: buffer, as: UTF8.self))
            case .boolean: value = buffer == [0x31] || String(decoding: buffer, as: UTF8.self).lowercased() == "true" ? "true" : "false"
            case .error:
                let shown = String(decoding: buffer, as: UTF8.self)
                problem(Phrase(ru: "в ячейке ошибка \(shown) (формула не вычислилась); исправьте формулу или введите значение",
                               en: "this cell shows the error \(shown) (a formula that failed); correct the formula or type the value"))
            case .date: value = CellText.isoDate(String(decoding: buffer, as: UTF8.self))
            case .number:
                let raw = String(decoding: buffer, as: UTF8.self)
                if let kind = cellStyle < dateKinds.count ? dateKinds[cellStyle] : nil, let v = Double(raw),
                   let d = CellText.date(serial: v, kind: kind, date1904: date1904) {
                    value = d
                } else if let n = CellText.number(raw) {
                    value = n
                } else {
                    problem(Phrase(ru: "в ячейке должно быть число, а в ней \"\(raw)\" (файл повреждён)",
                                   en: "this cell should hold a number but holds \"\(raw)\" (the file is damaged)"))
                }
            }
        } else if hasFormula {
            problem(Phrase(ru: "в ячейке формула без сохранённого значения (книгу записала программа, которая не вычисляет формулы); "
                    + "откройте её в Excel или LibreOffice и сохраните или введите значение",
                           en: "this cell has a formula but no saved value (the workbook was written by a program that does not calculate); "
                    + "open it in Excel or LibreOffice and save it, or type the value"))
        }
        if let value, !value.isEmpty {
            place(value, at: column - 1)
            if !rowHasValue, SheetReader.hasContent(value) { rowHasValue = true }
        } else {
            cells.emptyCells += 1
            if cells.emptyCells > limits.maxEmptyCells {
                return Phrase(ru: "на листе больше \(limits.maxEmptyCells) пустых ячеек (с оформлением, но пустых, до строки \(rowNumber)); "
                    + "удалите пустые строки и столбцы вокруг таблицы и сохраните снова",
                              en: "the sheet has more than \(limits.maxEmptyCells) empty cells (formatted but empty, up to row \(rowNumber)); "
                    + "delete the empty rows and columns around the table and save again")
            }
        }
        return nil
    }

    @inline(__always) private mutating func place(_ value: String, at index: Int) {
        if row.count <= index { row.append(contentsOf: repeatElement("", count: index - row.count + 1)) }
        row[index] = value
    }

    private mutating func problem(_ message: Phrase) {
        cells.problems.append((rowNumber, column, message))
        rowHasValue = true
    }

    private mutating func endRow() -> Phrase? {
        if rowHasValue {
            cells.rows.append((rowNumber, row))
            if rowHidden { cells.hiddenRows.append(rowNumber) }
        } else {
            cells.emptyRows += 1
            if cells.emptyRows > limits.maxEmptyRows {
                return Phrase(ru: "на листе больше \(limits.maxEmptyRows) пустых строк (до строки \(rowNumber)); "
                    + "удалите пустые строки под таблицей (выделите их, правая кнопка мыши, «Удалить») и сохраните снова",
                              en: "the sheet has more than \(limits.maxEmptyRows) empty rows (up to row \(rowNumber)); "
                    + "delete the empty rows below the table (select them, right-click, Delete) and save again")
            }
        }
        return nil
    }
}
