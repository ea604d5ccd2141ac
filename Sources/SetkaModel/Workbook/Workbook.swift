import Foundation

/// An `.xlsx` workbook opened for reading: its sheets by name, each readable as the same
/// `CSVTable` value a CSV file gives, with every cell's place (`district.xlsx[students]!C17`)
/// for messages. This is how any table of the scenario format is read from a workbook:
///
/// ```swift
/// let book = try Workbook.open(url)                  // throws ScenarioError with a plain reason
/// if let (table, warnings) = try book.table(for: "platforms") { ... TableLoading as for platforms.csv ... }
/// ```
///
/// Reading is lazy: opening reads the list of sheets and the styles; a sheet is unpacked and
/// parsed when its table is asked for, and `prefetch` starts the largest one early on a thread
/// of its own. Nothing is written anywhere. Use a workbook from one thread at a time (it keeps
/// what it has read).
public final class Workbook: @unchecked Sendable {
    /// One sheet: its name as the workbook spells it, whether it is hidden, and its part.
    public struct Sheet: Sendable, Hashable {
        public var name: String
        public var hidden: Bool
        /// The path of the sheet's XML part in the package; nil for a chart sheet or a missing part.
        var part: String?
    }

    /// The name used in messages (`district.xlsx`).
    public let display: String
    /// The sheets, in the workbook's order.
    public let sheets: [Sheet]
    let package: WorkbookPackage
    /// The shared-strings part (nil when the workbook has none) and, once read, its strings.
    private let sharedStringsPart: String?
    private var sharedStrings: [String]?
    let dateKinds: [DateKind?]
    let date1904: Bool

    /// The names each table of the scenario format may have as a sheet (matched ignoring case
    /// and `ё`/`е`): English as the CSV file's name, and Russian.
    public static let sheetNames: [String: [String]] = [
        "schools": ["schools", "организации"],
        "rooms": ["rooms", "помещения"],
        "teachers": ["teachers", "педагоги"],
        "courses": ["courses", "курсы"],
        "students": ["students", "ученики"],
        "travel": ["travel", "переезды"],
        "pins": ["pins", "закрепления"],
        "slots": ["slots", "занятия"],
        "partnering": ["partnering", "партнёрство"],
        "settings": ["settings", "настройки"],
        "platforms": ["platforms", "площадки"],
        "participants": ["participants", "участники"],
        "no_meetings": ["no_meetings", "без встреч"],
        "results": ["results"],
        "partners-history": ["partners-history"],
        // A profile-day timetable as one workbook (`TimetableIO.read(workbook:name:)`).
        "sections": ["sections", "группы"],
        "enrolments": ["enrolments", "записи"],
    ]

    /// Opens the workbook at `url` (`display` is its name in messages, by default the file name).
    /// Throws `ScenarioError` with one plain message when the file is not a workbook Setka reads:
    /// an old `.xls`, a password-protected workbook, an `.ods` or `.xlsb`, not a ZIP, damaged,
    /// or larger than `limits` allow.
    public static func open(_ url: URL, display: String? = nil, limits: WorkbookLimits = .standard) throws -> Workbook {
        let name = display ?? url.lastPathComponent
        let package = try WorkbookPackage.open(url, display: name, limits: limits)
        return try Workbook(package: package)
    }

    /// Opens a workbook held in memory (e.g. an upload), `display` naming it in messages.
    public static func open(data: Data, display: String, limits: WorkbookLimits = .standard) throws -> Workbook {
        try Workbook(package: WorkbookPackage.open(data: data, display: display, limits: limits))
    }

    /// True when `url` names a file Setka reads as a workbook (by its name or its first bytes),
    /// or one it refuses with a reason (an old `.xls`, an `.ods`...): a scenario given as a file
    /// that is not a YAML file.
    public static func isWorkbook(_ url: URL) -> Bool { WorkbookPackage.looksLikeWorkbook(url) }

    private init(package: WorkbookPackage) throws {
        self.package = package
        display = package.display
        func parse<R: XMLStream>(_ path: String, _ reader: R, what: Phrase) throws -> R? {
            guard try package.stream(path, into: reader) else { return nil }
            if let failure = reader.finish() {
                throw WorkbookPackage.refuse(package.display, ru: "не удаётся прочитать \(what.ru) книги (\(path)): \(failure.ru)",
                                             en: "the workbook's \(what.en) (\(path)) cannot be read: \(failure.en)")
            }
            return reader
        }
        // The main part: named by the package's relationships, usually xl/workbook.xml.
        var mainPath = "xl/workbook.xml"
        if let rels = try parse("_rels/.rels", RelationshipsReader(), what: Phrase(ru: "связи пакета", en: "package relationships")),
           let office = rels.first(typeSuffix: "officeDocument") {
            mainPath = Self.resolve(office.target, from: "")
        }
        guard let main = try parse(mainPath, WorkbookPartReader(), what: Phrase(ru: "список листов", en: "list of sheets")) else {
            throw WorkbookPackage.refuse(package.display, ru: "это ZIP-архив, но не книга Excel (в нём нет \(mainPath)); загрузите сам файл .xlsx",
                                         en: "this is a ZIP archive, but not an Excel workbook (it has no \(mainPath)); give the .xlsx file itself")
        }
        let folder = (mainPath as NSString).deletingLastPathComponent
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (mainPath as NSString).lastPathComponent + ".rels"
        let rels = try parse(relsPath, RelationshipsReader(), what: Phrase(ru: "связи", en: "relationships")) ?? RelationshipsReader()
        sheets = main.sheets.map { s in
            let rel = rels.relationships[s.relationship]
            let isWorksheet = rel.map { $0.type.hasSuffix("/worksheet") && !$0.external } ?? false
            return Sheet(name: s.name, hidden: s.hidden, part: isWorksheet ? rel.map { Self.resolve($0.target, from: folder) } : nil)
        }
        normalisedNames = sheets.map { Self.normalise($0.name) }
        date1904 = main.date1904
        sharedStringsPart = rels.first(typeSuffix: "sharedStrings").map { Self.resolve($0.target, from: folder) }
        if let styles = rels.first(typeSuffix: "styles") {
            dateKinds = try parse(Self.resolve(styles.target, from: folder), StylesReader(), what: Phrase(ru: "стили", en: "styles"))?.dateKinds ?? []
        } else {
            dateKinds = []
        }
    }

    /// A relationship target as a package path: relative to `folder`, or absolute (`/xl/...`).
    static func resolve(_ target: String, from folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for p in target.split(separator: "/") {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(String(p)) }
        }
        return parts.joined(separator: "/")
    }

    /// A sheet name compared as people mean it: ignoring case, surrounding spaces and `ё`/`е`.
    public static func normalise(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: "ё", with: "е")
    }

    /// The error of a workbook without a sheet for table `key`: its names (`sheetNames`), `why`
    /// it is needed (the Russian said in brackets, the English as "(… it)"), and the sheets the
    /// workbook has.
    public func missingSheet(_ key: String, why: Phrase?) -> Diagnostic {
        let names = (Self.sheetNames[key] ?? [key]).map { "'\($0)'" }
        let have = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        return .error(ru: "в книге нет листа \(names.joined(separator: " или "))\(why.map { " (\($0.ru))" } ?? ""); её листы: \(have)",
                      en: "the workbook has no sheet \(names.joined(separator: " or "))\(why.map { " (\($0.en) it)" } ?? ""); its sheets are: \(have)",
                      at: SourceLocation(file: display))
    }

    /// The sheets that hold the table `key` (`students`, `pins`, `platforms`...), by their
    /// English or Russian name; more than one is a problem the caller reports.
    public func sheets(for key: String) -> [Sheet] {
        let names = Set((Self.sheetNames[key] ?? [key]).map(Self.normalise))
        return sheets.indices.filter { names.contains(normalisedNames[$0]) }.map { sheets[$0] }
    }

    /// The sheets' names as `normalise` gives them, in the order of `sheets` (made once: the
    /// loader looks tables up by name many times).
    private let normalisedNames: [String]

    /// The table `key` read from its sheet, with warnings about the sheet (hidden rows); nil when
    /// the workbook has no such sheet. Throws `ScenarioError` when two sheets hold the table or
    /// the sheet cannot be read.
    public func table(for key: String) throws -> (table: CSVTable, warnings: [Diagnostic])? {
        let found = sheets(for: key)
        if found.count > 1 {
            let names = found.map { "'\($0.name)'" }
            throw ScenarioError([.error(ru: "на листах \(names.joined(separator: " и ")) — одна и та же таблица \(key); оставьте один",
                                        en: "sheets \(names.joined(separator: " and ")) both hold the \(key) table; keep one",
                                        at: SourceLocation(file: display, sheet: found[1].name))])
        }
        guard let sheet = found.first else { return nil }
        return try table(sheet)
    }

    /// The cells of `sheet` as a table: the first row with a value is the header, each further
    /// row with a value a record whose `line` is its row number and whose fields are its cells
    /// by column (A = field 0). Throws `ScenarioError` naming the sheet when it cannot be read.
    public func table(_ sheet: Sheet) throws -> (table: CSVTable, warnings: [Diagnostic]) {
        guard let part = sheet.part else {
            throw ScenarioError([.error(ru: "лист '\(sheet.name)' — не лист с ячейками (лист диаграммы?); Setka читает таблицы из ячеек",
                                        en: "sheet '\(sheet.name)' is not a sheet of cells (a chart sheet?); Setka reads tables of cells",
                                        at: SourceLocation(file: display, sheet: sheet.name))])
        }
        let strings = try loadSharedStrings()
        let cells: SheetReader.Cells
        if let ahead = readingAhead, ahead.sheet.name == sheet.name {
            readingAhead = nil
            cells = try ahead.take(counting: package)
        } else {
            cells = try readCells(sheet, part: part, from: package)
        }
        return makeTable(sheet, cells.resolved(strings))
    }

    /// The shared strings, read on first use.
    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let path = sharedStringsPart {
            let reader = SharedStringsReader()
            if try package.stream(path, into: reader), let failure = reader.finish() {
                throw WorkbookPackage.refuse(display, ru: "не удаётся прочитать общие строки книги (\(path)): \(failure.ru)",
                                             en: "the workbook's shared strings (\(path)) cannot be read: \(failure.en)")
            }
            strings = reader.strings
        }
        sharedStrings = strings
        return strings
    }

    /// The cells of `sheet` (whose part is `part`), unpacked from `package` and parsed as they
    /// come out; their shared-string cells are left to `Cells.resolved`. Throws `ScenarioError`
    /// naming the sheet. Reads nothing of the workbook but `package`, so it may run on any thread.
    private func readCells(_ sheet: Sheet, part: String, from package: WorkbookPackage) throws -> SheetReader.Cells {
        let here = SourceLocation(file: display, sheet: sheet.name)
        let reader = SheetReader(dateKinds: dateKinds, date1904: date1904, limits: package.limits)
        guard try package.stream(part, sheet: sheet.name, into: reader) else {
            throw ScenarioError([.error(ru: "листа '\(sheet.name)' в файле нет (часть \(part)); книга повреждена",
                                        en: "sheet '\(sheet.name)' is missing from the file (part \(part)); the workbook is damaged", at: here)])
        }
        if let failure = reader.finish() {
            throw ScenarioError([.error(ru: "не удаётся прочитать лист '\(sheet.name)': \(failure.ru)",
                                        en: "sheet '\(sheet.name)' cannot be read: \(failure.en)", at: here)])
        }
        return reader.takeCells()
    }

    // MARK: reading ahead

    /// Starts reading the largest of the sheets of the tables `keys` on a thread of its own,
    /// through a file handle of its own, while the caller goes on reading the shared strings, the
    /// other sheets and loading their tables (a city's students sheet, 3.4 MB of XML, is read
    /// beside everything else). `table(for:)` of that sheet waits for it and then gives what it
    /// gives reading sheet by sheet, the same problems included: the bytes the thread unpacked
    /// are counted against `maxUnpackedBytes` at that moment, as if unpacked then. Call it from
    /// the thread that uses the workbook; nothing happens when a sheet is read ahead already.
    public func prefetch(_ keys: [String]) {
        guard readingAhead == nil else { return }
        var largest: (sheet: Sheet, part: String, size: Int)?
        for key in keys {
            let found = sheets(for: key)
            guard found.count == 1, let sheet = found.first, let part = sheet.part else { continue }
            let size = package.declaredSize(part)
            if size > largest?.size ?? 0 { largest = (sheet, part, size) }
        }
        // When the file cannot be opened again, `table(for:)` reads the sheet here and says what is wrong.
        guard let largest, let own = try? package.reopened() else { return }
        let ahead = ReadAhead(sheet: largest.sheet, part: largest.part, package: own)
        readingAhead = ahead
        DispatchQueue.global(qos: .userInitiated).async(group: ahead.done) {
            ahead.outcome = Result { try self.readCells(ahead.sheet, part: ahead.part, from: ahead.package) }
                .mapError { ScenarioError.readingWorkbook($0, at: SourceLocation(file: self.display)) }
        }
    }

    /// The sheet `prefetch` is reading on a thread of its own, until `table` takes it.
    private var readingAhead: ReadAhead?

    /// One sheet read on another thread, through a package of its own: `outcome` is written by
    /// that thread before it leaves `done`, and read after.
    private final class ReadAhead: @unchecked Sendable {
        let sheet: Sheet, part: String
        let package: WorkbookPackage
        let done = DispatchGroup()
        var outcome: Result<SheetReader.Cells, ScenarioError>?

        init(sheet: Sheet, part: String, package: WorkbookPackage) { self.sheet = sheet; self.part = part; self.package = package }

        /// Waits for the sheet; its bytes are counted into `package`'s budget now, so that passing
        /// `maxUnpackedBytes` is reported at the part where reading sheet by sheet reports it.
        func take(counting main: WorkbookPackage) throws -> SheetReader.Cells {
            done.wait()
            try main.count(unpackedElsewhere: package.budget.unpacked, part: part, sheet: sheet.name)
            guard let outcome else { throw WorkbookPackage.refuse(main.display, ru: "лист '\(sheet.name)' не прочитан", en: "sheet '\(sheet.name)' was not read") }
            return try outcome.get()
        }
    }

    /// The table and warnings of a sheet from its cells.
    private func makeTable(_ sheet: Sheet, _ cells: SheetReader.Cells) -> (table: CSVTable, warnings: [Diagnostic]) {
        let here = SourceLocation(file: display, sheet: sheet.name)
        var header: [String] = []
        var headerLine = 1
        var records: [CSVRecord] = []
        records.reserveCapacity(cells.rows.count)
        for (i, row) in cells.rows.enumerated() {
            if i == 0 { header = row.cells; headerLine = row.row } else { records.append(CSVRecord(line: row.row, fields: row.cells)) }
        }
        let document = CSVDocument(separator: UInt8(ascii: ","), header: header, headerLine: headerLine,
                                   records: records, problems: cells.problems)
        var warnings: [Diagnostic] = []
        let hidden = cells.hiddenRows.filter { $0 != headerLine }
        if !hidden.isEmpty {
            let shown = hidden.prefix(5).map(String.init).joined(separator: ", ") + (hidden.count > 5 ? "…" : "")
            warnings.append(.warning(ru: "скрыт\(hidden.count == 1 ? "а строка" : "ы строки") (фильтр?): \(shown); Setka читает и скрытые строки",
                                     en: "\(hidden.count) row\(hidden.count == 1 ? " is" : "s are") hidden (a filter?): row\(hidden.count == 1 ? "" : "s") \(shown); "
                                     + "Setka reads hidden rows too", at: SourceLocation(file: display, line: hidden[0], sheet: sheet.name)))
        }
        if sheet.hidden {
            warnings.append(.warning(ru: "лист '\(sheet.name)' в книге скрыт; Setka всё равно его читает",
                                     en: "sheet '\(sheet.name)' is hidden in the workbook; Setka reads it all the same", at: here))
        }
        return (CSVTable(file: display, encoding: .utf8, document: document, sheet: sheet.name), warnings)
    }
}
