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
/// parsed when its table is asked for (or all at once by `prefetch`). Nothing is written anywhere.
/// Use a workbook from one thread at a time (it keeps what it has read).
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
        func parse<R: XMLStream>(_ path: String, _ reader: R, what: String) throws -> R? {
            guard try package.stream(path, into: reader) else { return nil }
            if let failure = reader.finish() { throw fail("the workbook's \(what) (\(path)) cannot be read: \(failure)") }
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
        sharedStringsPart = rels.first(typeSuffix: "sharedStrings").map { Self.resolve($0.target, from: folder) }
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
        if let done = read[sheet.name] { return try done.get() }
        let here = SourceLocation(file: display, sheet: sheet.name)
        guard let part = sheet.part else {
            throw ScenarioError([.error("sheet '\(sheet.name)' is not a sheet of cells (a chart sheet?); Setka reads tables of cells", at: here)])
        }
        let strings = try loadSharedStrings()
        let reader = makeReader()
        guard try package.stream(part, sheet: sheet.name, into: reader) else {
            throw ScenarioError([.error("sheet '\(sheet.name)' is missing from the file (part \(part)); the workbook is damaged", at: here)])
        }
        if let failure = reader.finish() {
            throw ScenarioError([.error("sheet '\(sheet.name)' cannot be read: \(failure)", at: here)])
        }
        return makeTable(sheet, reader.takeCells().resolved(strings))
    }

    /// The shared strings, read on first use.
    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let path = sharedStringsPart {
            let reader = SharedStringsReader()
            if try package.stream(path, into: reader), let failure = reader.finish() {
                throw WorkbookPackage.refuse(display, "the workbook's shared strings (\(path)) cannot be read: \(failure)")
            }
            strings = reader.strings
        }
        sharedStrings = strings
        return strings
    }

    /// Sheets already read by `prefetch`, by name.
    private var read: [String: Result<(table: CSVTable, warnings: [Diagnostic]), ScenarioError>] = [:]

    private func makeReader() -> SheetReader {
        SheetReader(dateKinds: dateKinds, date1904: date1904, limits: package.limits)
    }

    /// Reads the sheets of the tables `keys` at once, ahead of `table(for:)`: the parts are
    /// unpacked one after another (the archive is one file), then parsed in parallel with the
    /// shared strings (a sheet's shared-string cells are filled in afterwards). Problems are kept
    /// for `table(for:)` to throw. Not thread-safe: call it from one thread.
    public func prefetch(_ keys: [String]) {
        // The shared strings are read alongside the sheets when they are not read yet; when they
        // cannot be, no sheet is read here (`table(for:)` then throws why).
        var sstData: Data?
        if sharedStrings == nil {
            if let path = sharedStringsPart {
                guard let data = try? package.part(path) else { return }
                sstData = data
            } else {
                sharedStrings = []
            }
        }
        var chosen: [(Sheet, Data)] = []
        for key in keys {
            let found = sheets(for: key)
            guard found.count == 1, let sheet = found.first, read[sheet.name] == nil, let part = sheet.part,
                  !chosen.contains(where: { $0.0.name == sheet.name }) else { continue }
            do {
                guard let data = try package.part(part, sheet: sheet.name) else { continue }
                chosen.append((sheet, data))
            } catch let e as ScenarioError {
                read[sheet.name] = .failure(e)
            } catch {}
        }
        // Largest first: the students sheet starts at once, the small ones fill in beside it.
        let order = chosen.indices.sorted { chosen[$0].1.count > chosen[$1].1.count }
        let results = Results(count: chosen.count)
        let documents = chosen.map(\.1)
        let sst = SharedStringsReader()
        let sstFailure = Results.Text()
        // Job 0 reads the shared strings (when they are to be read), the others the sheets.
        let extra = sstData == nil ? 0 : 1
        let sstBytes = sstData ?? Data()
        DispatchQueue.concurrentPerform(iterations: chosen.count + extra) { k in
            if extra == 1, k == 0 { sstFailure.text = sst.read(sstBytes); return }
            let j = order[k - extra]
            let reader = makeReader()
            if let failure = reader.read(documents[j]) { results.set(j, .failure(failure)) } else { results.set(j, .success(reader.takeCells())) }
        }
        if extra == 1 {
            // Unreadable shared strings: `table(for:)` reads them again and throws why.
            guard sstFailure.text == nil else { return }
            sharedStrings = sst.strings
        }
        let strings = sharedStrings ?? []
        for (i, (sheet, _)) in chosen.enumerated() {
            switch results.take(i) {
            case .success(let cells)?: read[sheet.name] = .success(makeTable(sheet, cells.resolved(strings)))
            case .failure(let message)?:
                read[sheet.name] = .failure(ScenarioError([.error("sheet '\(sheet.name)' cannot be read: \(message)",
                                                                  at: SourceLocation(file: display, sheet: sheet.name))]))
            case nil: break
            }
        }
    }

    /// One result per job, each written by one thread only.
    private final class Results: @unchecked Sendable {
        enum Outcome { case success(SheetReader.Cells), failure(String) }
        private let slots: UnsafeMutableBufferPointer<Outcome?>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        func set(_ i: Int, _ c: Outcome) { slots[i] = c }
        /// The outcome of job `i`, moved out.
        func take(_ i: Int) -> Outcome? {
            defer { slots[i] = nil }
            return slots[i]
        }
        deinit { slots.deinitialize(); slots.deallocate() }

        /// A text written by one thread and read after the others are done.
        final class Text: @unchecked Sendable { var text: String? }
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
            warnings.append(.warning("\(hidden.count) row\(hidden.count == 1 ? " is" : "s are") hidden (a filter?): row\(hidden.count == 1 ? "" : "s") \(shown); "
                                     + "Setka reads hidden rows too", at: SourceLocation(file: display, line: hidden[0], sheet: sheet.name)))
        }
        if sheet.hidden {
            warnings.append(.warning("sheet '\(sheet.name)' is hidden in the workbook; Setka reads it all the same", at: here))
        }
        return (CSVTable(file: display, encoding: .utf8, document: document, sheet: sheet.name), warnings)
    }
}
