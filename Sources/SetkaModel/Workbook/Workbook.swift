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
/// Reading is lazy: opening reads the workbook, shared-strings and styles parts; a sheet is
/// unpacked and parsed when its table is asked for. Nothing is written anywhere.
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
    let sharedStrings: [String]
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
        "results": ["results"],
        "partners-history": ["partners-history"],
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
        func fail(_ message: String) -> ScenarioError { WorkbookPackage.refuse(package.display, message) }
        func parse<R: PartReader>(_ path: String, _ reader: R, what: String) throws -> R? {
            guard let data = try package.part(path) else { return nil }
            if let failure = reader.read(data) { throw fail("the workbook's \(what) (\(path)) cannot be read: \(failure)") }
            return reader
        }
        // The main part: named by the package's relationships, usually xl/workbook.xml.
        var mainPath = "xl/workbook.xml"
        if let rels = try parse("_rels/.rels", RelationshipsReader(), what: "package relationships"),
           let office = rels.first(typeSuffix: "officeDocument") {
            mainPath = Self.resolve(office.target, from: "")
        }
        guard let main = try parse(mainPath, WorkbookPartReader(), what: "list of sheets") else {
            throw fail("this is a ZIP archive, but not an Excel workbook (it has no \(mainPath)); give the .xlsx file itself")
        }
        let folder = (mainPath as NSString).deletingLastPathComponent
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (mainPath as NSString).lastPathComponent + ".rels"
        let rels = try parse(relsPath, RelationshipsReader(), what: "relationships") ?? RelationshipsReader()
        sheets = main.sheets.map { s in
            let rel = rels.relationships[s.relationship]
            let isWorksheet = rel.map { $0.type.hasSuffix("/worksheet") && !$0.external } ?? false
            return Sheet(name: s.name, hidden: s.hidden, part: isWorksheet ? rel.map { Self.resolve($0.target, from: folder) } : nil)
        }
        date1904 = main.date1904
        if let sst = rels.first(typeSuffix: "sharedStrings") {
            sharedStrings = try parse(Self.resolve(sst.target, from: folder), SharedStringsReader(), what: "shared strings")?.strings ?? []
        } else {
            sharedStrings = []
        }
        if let styles = rels.first(typeSuffix: "styles") {
            dateKinds = try parse(Self.resolve(styles.target, from: folder), StylesReader(), what: "styles")?.dateKinds ?? []
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

    /// The sheets that hold the table `key` (`students`, `pins`, `platforms`...), by their
    /// English or Russian name; more than one is a problem the caller reports.
    public func sheets(for key: String) -> [Sheet] {
        let names = Set((Self.sheetNames[key] ?? [key]).map(Self.normalise))
        return sheets.filter { names.contains(Self.normalise($0.name)) }
    }

    /// The table `key` read from its sheet, with warnings about the sheet (hidden rows); nil when
    /// the workbook has no such sheet. Throws `ScenarioError` when two sheets hold the table or
    /// the sheet cannot be read.
    public func table(for key: String) throws -> (table: CSVTable, warnings: [Diagnostic])? {
        let found = sheets(for: key)
        if found.count > 1 {
            throw ScenarioError([.error("sheets \(found.map { "'\($0.name)'" }.joined(separator: " and ")) both hold the \(key) table; keep one",
                                        at: SourceLocation(file: display, sheet: found[1].name))])
        }
        guard let sheet = found.first else { return nil }
        return try table(sheet)
    }

    /// The cells of `sheet` as a table: the first row with a value is the header, each further
    /// row with a value a record whose `line` is its row number and whose fields are its cells
    /// by column (A = field 0). Throws `ScenarioError` naming the sheet when it cannot be read.
    public func table(_ sheet: Sheet) throws -> (table: CSVTable, warnings: [Diagnostic]) {
        let here = SourceLocation(file: display, sheet: sheet.name)
        guard let part = sheet.part else {
            throw ScenarioError([.error("sheet '\(sheet.name)' is not a sheet of cells (a chart sheet?); Setka reads tables of cells", at: here)])
        }
        guard let data = try package.part(part, sheet: sheet.name) else {
            throw ScenarioError([.error("sheet '\(sheet.name)' is missing from the file (part \(part)); the workbook is damaged", at: here)])
        }
        let reader = SheetReader(sharedStrings: sharedStrings, dateKinds: dateKinds, date1904: date1904, limits: package.limits)
        if let failure = reader.read(data) {
            throw ScenarioError([.error("sheet '\(sheet.name)' cannot be read: \(failure)", at: here)])
        }
        var header: [String] = []
        var headerLine = 1
        var records: [CSVRecord] = []
        records.reserveCapacity(reader.rows.count)
        for (i, row) in reader.rows.enumerated() {
            if i == 0 { header = row.cells; headerLine = row.row } else { records.append(CSVRecord(line: row.row, fields: row.cells)) }
        }
        let document = CSVDocument(separator: UInt8(ascii: ","), header: header, headerLine: headerLine,
                                   records: records, problems: reader.problems)
        var warnings: [Diagnostic] = []
        let hidden = reader.hiddenRows.filter { $0 != headerLine }
        if !hidden.isEmpty {
            let shown = hidden.prefix(5).map(String.init).joined(separator: ", ") + (hidden.count > 5 ? "…" : "")
            warnings.append(.warning("\(hidden.count) row\(hidden.count == 1 ? " is" : "s are") hidden (a filter?): row\(hidden.count == 1 ? "" : "s") \(shown); "
                                     + "Setka reads hidden rows too", at: SourceLocation(file: display, line: hidden[0], sheet: sheet.name)))
        }
        if sheet.hidden {
            warnings.append(.warning("sheet '\(sheet.name)' is hidden in the workbook; Setka reads it all the same", at: here))
        }
        return (CSVTable(file: display, encoding: .utf8, document: document, sheet: sheet.name), warnings)
    }
}
