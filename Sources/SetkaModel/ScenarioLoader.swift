import Foundation

/// A scenario as loaded, with the warnings a coordinator should see before solving.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    public var warnings: [Diagnostic]
    /// The name the scenario's settings give (`name:` of `scenario.yaml`, a workbook's
    /// «Настройки»); nil when they give none and `scenario.name` is its folder's name.
    public var givenName: String?
    public init(scenario: Scenario, warnings: [Diagnostic], givenName: String? = nil) {
        self.scenario = scenario; self.warnings = warnings; self.givenName = givenName
    }
}

/// Reads a scenario folder (`scenario.yaml` + CSV tables) as `shared/spec/scenario-format.md` says.
public enum ScenarioLoader {
    /// The settings file of a scenario folder.
    public static let settingsFileName = "scenario.yaml"

    /// Loads and validates the scenario in `folder` (or the folder of a `scenario.yaml` path).
    /// Throws `ScenarioError` with every error found, each naming file, line and column.
    /// A what-if variant file (`whatif/NAME.yaml` with `base:`) is accepted too: it loads as its
    /// base scenario with the variant's changes applied (see `VariantLoader`).
    public static func load(from folder: URL) throws -> LoadedScenario {
        if VariantLoader.isVariantFile(folder) { return try VariantLoader.load(from: folder).loaded }
        return try finish(readParts(folder))
    }

    /// Reads `scenario.yaml` and every table of a scenario folder (or the sheets of a scenario
    /// workbook; only the tables named in `only`, when given: the others count as absent),
    /// without the cross-table checks.
    static func readParts(_ folder: URL, only: Set<String>? = nil) throws -> LoaderParts {
        if WorkbookPackage.looksLikeWorkbook(folder) { return try WorkbookScenario.readParts(folder, only: only) }
        let (folderURL, yamlURL) = try locate(folder)
        var diagnostics: [Diagnostic] = []

        // scenario.yaml
        let yamlName = yamlURL.lastPathComponent
        var settings = ScenarioSettings()
        switch readBytes(yamlURL, display: yamlName, required: true) {
        case .failed(let d): throw ScenarioError([d])
        case .bytes(let bytes):
            do throws(TextDecodingProblem) {
                let (text, _) = try TextDecoding.decode(bytes)
                settings = ScenarioSettings.read(yaml: text, file: yamlName)
            } catch {
                throw ScenarioError(error.diagnostics(file: yamlName))
            }
        case .absent: break
        }
        diagnostics += settings.diagnostics

        // Each table from its file: NAME.csv, or NAME.xlsx in its place (its first sheet).
        func table(_ key: String, required: Bool, why: Phrase?) -> (CSVTable?, [Diagnostic]) {
            let path = settings.path(of: key)
            var origin: Phrase?
            if let given = settings.tables[key], let line = given.location?.line {
                origin = Phrase(ru: "указан в разделе 'tables' файла \(yamlName), строка \(line)",
                                en: "named under 'tables' in \(yamlName), line \(line)")
            }
            return readTable(in: folderURL, path: path, required: required, why: why, origin: origin,
                             overridden: settings.tables[key] != nil)
        }
        var parts = assemble(folder: folderURL, yamlName: yamlName, settings: settings, diagnostics: diagnostics,
                             only: only, table: table)
        // Messages name a table read from a workbook by its sheet.
        for (key, t) in parts.read where t.sheet != nil { parts.settings.tables[key] = (t.displayName, parts.settings.tables[key]?.location) }
        return parts
    }

    /// The tables of a scenario, each from `table(key, required, why)`, loaded into domain rows.
    /// `table(key, required, why)` gives a table (nil when absent) and the problems of reading it.
    /// Only the tables in `only` are read, when given.
    static func assemble(folder: URL, yamlName: String, settings: ScenarioSettings, diagnostics: [Diagnostic],
                         order: [String] = [], only: Set<String>? = nil,
                         table read: (String, Bool, Phrase?) -> (CSVTable?, [Diagnostic])) -> LoaderParts {
        var diagnostics = diagnostics
        var order = order
        var tablesRead: [String: CSVTable] = [:]
        func table(_ key: String, _ required: Bool, _ why: Phrase?) -> CSVTable? {
            if let only, !only.contains(key) { return nil }
            let (t, d) = read(key, required, why)
            diagnostics += d
            if let t { tablesRead[key] = t; order.append(t.displayName) }
            return t
        }
        let hasProfileDay = settings.profileDay != nil
        // Tables: schools always; the profile-day tables when there is a profile day; travel optional.
        let pdWhy = Phrase(ru: "в сценарии есть profile_day, поэтому он нужен", en: "the scenario has a profile_day, so it needs")
        let schoolsTable = table("schools", true, Phrase(ru: "он нужен любому сценарию", en: "every scenario needs"))
        let roomsTable = table("rooms", hasProfileDay, pdWhy)
        let teachersTable = table("teachers", hasProfileDay, pdWhy)
        let coursesTable = table("courses", hasProfileDay, pdWhy)
        let studentsTable = table("students", hasProfileDay, pdWhy)
        let travelTable = table("travel", false, nil)
        let pinsTable = table("pins", false, nil)
        let (platformsTable, participantsTable) = meetingsTables(settings, table)
        let (resultsTable, historyTable) = historyTables(settings, table)

        func rows<V>(_ t: CSVTable?, _ f: (CSVTable) -> (LoadedRows<V>, [Diagnostic])) -> LoadedRows<V> {
            guard let t else { return LoadedRows<V>(table: nil) }
            if t.document.header.isEmpty {
                diagnostics.append(.error(.emptyTable(sheet: t.sheet != nil),
                                          at: t.location(line: 1)))
                return LoadedRows<V>(table: nil)
            }
            let (r, d) = f(t)
            diagnostics += d
            return r
        }
        var tables = ScenarioTables(
            schools: rows(schoolsTable, TableLoading.schools), rooms: rows(roomsTable, TableLoading.rooms),
            teachers: rows(teachersTable, TableLoading.teachers), courses: rows(coursesTable, TableLoading.courses),
            students: rows(studentsTable, TableLoading.students), travel: rows(travelTable, TableLoading.travel),
            results: rows(resultsTable, TableLoading.results), history: rows(historyTable, TableLoading.partnersHistory),
            pins: rows(pinsTable, TableLoading.pins))
        tables.platforms = rows(platformsTable, TableLoading.platforms)
        tables.participants = rows(participantsTable, TableLoading.participants)
        return LoaderParts(folder: folder, yamlName: yamlName, settings: settings, tables: tables, diagnostics: diagnostics,
                           order: order, read: tablesRead)
    }

    /// Reads the table file at `path` (relative to `folder`, or absolute): a CSV file, or the
    /// first sheet of an `.xlsx` workbook. A table not given by `tables:` (`overridden` false)
    /// may be `NAME.xlsx` in place of `NAME.csv`. Nil (with the reason when `required`) when absent.
    static func readTable(in folder: URL, path: String, required: Bool, why: Phrase?, origin: Phrase? = nil,
                          overridden: Bool = false) -> (CSVTable?, [Diagnostic]) {
        func url(_ p: String) -> URL { p.hasPrefix("/") ? URL(fileURLWithPath: p) : folder.appendingPathComponent(p) }
        var path = path
        var notes: [Diagnostic] = []
        if !overridden, path.lowercased().hasSuffix(".csv") {
            let xlsx = String(path.dropLast(4)) + ".xlsx"
            let csvExists = FileManager.default.fileExists(atPath: url(path).path)
            if FileManager.default.fileExists(atPath: url(xlsx).path) {
                if csvExists {
                    notes.append(.warning(ru: "в папке есть и \(path), и \(xlsx); читается \(path), а \(xlsx) нет (оставьте один)",
                                          en: "both \(path) and \(xlsx) are in the folder; \(path) is read and \(xlsx) ignored (keep one)",
                                          at: SourceLocation(file: xlsx)))
                } else {
                    path = xlsx
                }
            }
        }
        if WorkbookPackage.spreadsheetExtensions.contains((path as NSString).pathExtension.lowercased()) {
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: url(path).path, isDirectory: &isDir) || isDir.boolValue {
                if case .failed(let d) = readBytes(url(path), display: path, required: required, why: why, origin: origin) { return (nil, [d]) }
                return (nil, notes)
            }
            do {
                let book = try Workbook.open(url(path), display: path)
                guard let first = book.sheets.first else {
                    return (nil, notes + [.error(ru: "в книге нет ни одного листа", en: "the workbook has no sheets", at: SourceLocation(file: path))])
                }
                let (t, warnings) = try book.table(first)
                return (t, notes + warnings)
            } catch let e as ScenarioError {
                return (nil, notes + e.diagnostics)
            } catch {
                return (nil, notes + [.error(ru: "не удаётся прочитать \(path): \(error)", en: "cannot read \(path): \(error)", at: SourceLocation(file: path))])
            }
        }
        switch readBytes(url(path), display: path, required: required, why: why, origin: origin) {
        case .failed(let d): return (nil, notes + [d])
        case .absent: return (nil, notes)
        case .bytes(let bytes):
            do throws(TextDecodingProblem) { return (try CSVTable(file: path, bytes: bytes), notes) } catch {
                return (nil, notes + error.diagnostics(file: path))
            }
        }
    }

    /// Builds the scenario from its parts and runs the cross-table checks; throws every error.
    static func finish(_ parts: LoaderParts, name: String? = nil) throws -> LoadedScenario {
        let (folderURL, settings, tables) = (parts.folder, parts.settings, parts.tables)
        var diagnostics = parts.diagnostics
        var scenario = Scenario(
            name: name ?? settings.name ?? folderURL.lastPathComponent, language: settings.language, folder: folderURL,
            travelSettings: settings.travel, profileDay: settings.profileDay, partnering: settings.partnering,
            organisations: tables.schools.values, rooms: tables.rooms.values, teachers: tables.teachers.values,
            courses: tables.courses.values, students: tables.students.values, travelEntries: tables.travel.values,
            results: tables.results.values, partnersHistory: tables.history.values, pins: tables.pins.values)
        scenario.platforms = tables.platforms.values
        scenario.participants = tables.participants.values
        scenario.meetings = settings.meetings

        var validator = ScenarioValidator(scenario: scenario, tables: tables, settings: settings)
        validator.run()
        diagnostics += validator.diagnostics
        diagnostics += HistoryValidator(scenario: scenario, tables: tables, settings: settings).run()
        diagnostics += PinValidator(scenario: scenario, rows: tables.pins).run()

        diagnostics = ordered(diagnostics, files: [parts.yamlName] + parts.order + ScenarioSettings.tableNames.map { settings.path(of: $0.key) })
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return LoadedScenario(scenario: scenario, warnings: diagnostics.filter { $0.severity == .warning }, givenName: name ?? settings.name)
    }

    /// Diagnostics in reading order: by file (settings first, then the tables in the spec's
    /// order), then line and column; a stable sort keeps the order of findings on one cell.
    static func ordered(_ diagnostics: [Diagnostic], files: [String]) -> [Diagnostic] {
        var rank: [String: Int] = [:]
        for (i, f) in files.enumerated() where rank[f] == nil { rank[f] = i }
        func key(_ d: Diagnostic) -> (Int, Int, Int) {
            let file = d.location.map { l in l.sheet.map { "\(l.file)[\($0)]" } ?? l.file }
            return (file.flatMap { rank[$0] } ?? files.count, d.location?.line ?? 0, d.location?.column ?? 0)
        }
        return diagnostics.enumerated().sorted { a, b in
            let ka = key(a.element), kb = key(b.element)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    /// The scenario folder and its settings file, from a folder or a `.yaml` path.
    static func locate(_ given: URL) throws -> (folder: URL, yaml: URL) {
        let fm = FileManager.default
        let url = given.standardizedFileURL
        var isDir: ObjCBool = false
        let path = url.path
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ScenarioError([.error(ru: "сценария здесь нет: '\(path)' не существует", en: "no scenario here: '\(path)' does not exist", at: SourceLocation(file: path))])
        }
        if isDir.boolValue {
            let yaml = url.appendingPathComponent(settingsFileName)
            guard fm.fileExists(atPath: yaml.path) else {
                throw ScenarioError([.error(ru: "в этой папке нет \(settingsFileName); он нужен в папке сценария (файл начинается со строки 'format: setka/1')",
                                            en: "this folder has no \(settingsFileName); a scenario folder needs one (it starts with 'format: setka/1')",
                                            at: SourceLocation(file: path))])
            }
            return (url, yaml)
        }
        return (url.deletingLastPathComponent(), url)
    }

    /// The bytes of a file, nil when it is absent and optional; an error naming the file otherwise.
    static func readBytes(_ url: URL, display: String, required: Bool, why: Phrase? = nil, origin: Phrase? = nil)
        -> FileRead {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else {
            // A symbolic link to nothing is there, but broken: say so (even for an optional table).
            if let target = try? fm.destinationOfSymbolicLink(atPath: url.path) {
                return .failed(.error(ru: "\(display) — символическая ссылка на '\(target)', которого нет (перемещён или удалён?); скопируйте сюда сам файл или исправьте ссылку",
                                      en: "\(display) is a symbolic link to '\(target)', which does not exist (moved or deleted?); copy the file itself here or fix the link",
                                       at: SourceLocation(file: display)))
            }
            if !required { return .absent }
            var hint = Phrase.verbatim("")
            let dir = url.deletingLastPathComponent()
            if let names = try? fm.contentsOfDirectory(atPath: dir.path),
               let other = names.first(where: { $0 != url.lastPathComponent && $0.lowercased() == url.lastPathComponent.lowercased() }) {
                hint = Phrase(ru: "; есть '\(other)': имена файлов должны совпадать точно, включая заглавные буквы",
                              en: "; there is '\(other)': file names must match exactly, including capital letters")
            }
            return .failed(.error(ru: "нет файла \(display): \(origin.map { "его нет (\($0.ru))" } ?? "его нет в папке сценария")\(why.map { " (\($0.ru))" } ?? "")\(hint.ru)",
                                  en: "missing file: \(display) \(origin.map { "does not exist (\($0.en))" } ?? "is not in the scenario folder")\(why.map { " (\($0.en) \(display))" } ?? "")\(hint.en)",
                                   at: SourceLocation(file: display)))
        }
        if isDir.boolValue {
            return .failed(.error(ru: "\(display) — это папка, а здесь ожидался файл", en: "\(display) is a folder, but a file was expected here", at: SourceLocation(file: display)))
        }
        guard let data = fm.contents(atPath: url.path) else {
            return .failed(.error(ru: "не удаётся прочитать \(display) (нет прав на чтение?)", en: "cannot read \(display) (no permission to read it?)", at: SourceLocation(file: display)))
        }
        return .bytes([UInt8](data))
    }
}

/// A scenario folder as read, before the cross-table checks: what `VariantLoader` changes.
struct LoaderParts {
    var folder: URL
    /// The settings file's name, for messages.
    var yamlName: String
    var settings: ScenarioSettings
    var tables: ScenarioTables
    /// Problems found while reading (YAML and cells).
    var diagnostics: [Diagnostic]
    /// Files (or `workbook[sheet]`s) of the settings and tables, in reading order, for ordering messages.
    var order: [String] = []
    /// The table files (or sheets) read, by table key.
    var read: [String: CSVTable] = [:]
}

/// The outcome of reading one file of a scenario.
enum FileRead {
    case absent
    case bytes([UInt8])
    case failed(Diagnostic)
}

/// The tables as loaded, each row with its CSV record (for messages).
struct ScenarioTables {
    var schools: LoadedRows<Organisation>
    var rooms: LoadedRows<Room>
    var teachers: LoadedRows<Teacher>
    var courses: LoadedRows<Course>
    var students: LoadedRows<Student>
    var travel: LoadedRows<TravelEntry>
    var results = LoadedRows<SchoolResult>(table: nil)
    var history = LoadedRows<PartnershipYear>(table: nil)
    var platforms = LoadedRows<Platform>(table: nil)
    var participants = LoadedRows<Participant>(table: nil)
    var pins = LoadedRows<Pin>(table: nil)
}
