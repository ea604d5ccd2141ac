import Effect
import Foundation
import ProfileDay
import Reports
import Wording
import SetkaModel
import Synchronization

/// The tables a finished run's pages show, in one language: built once from the run's folder
/// (`EngineCalls.reportContent`, the report's own tables) and kept, with the rows of each
/// group (site, school, rule) indexed so that a page picks its rows without a scan.
struct RunTables: Sendable {
    /// A grouped table's groups in order: the group's name and its rows.
    struct Groups: Sendable {
        var names: [String]
        var rows: [String: [Int]]
        init(_ t: ReportTable) {
            var names: [String] = [], rows: [String: [Int]] = [:]
            if let g = t.groupColumn {
                for (i, row) in t.rows.enumerated() {
                    let name = g < row.count ? row[g].display(Words(.en)) : ""
                    if rows[name] == nil { names.append(name) }
                    rows[name, default: []].append(i)
                }
            }
            self.names = names; self.rows = rows
        }
    }

    /// The searchable text of each row of a searchable table (by the table's key): the cells
    /// people search by, lowercased, as UTF-8 (a city's 20,000 students are searched in a few
    /// milliseconds).
    struct SearchIndex: Sendable {
        var rows: [[UInt8]]
        init(_ t: ReportTable, columns: [Int], words: Words) {
            rows = t.rows.map { row in
                Array(columns.filter { $0 < row.count }.map { row[$0].display(words).lowercased() }.joined(separator: "\u{1}").utf8)
            }
        }

        /// The rows whose text contains `query` (case-insensitive).
        func matches(_ query: String) -> [Int] {
            let needle = Array(query.lowercased().utf8)
            guard !needle.isEmpty else { return Array(rows.indices) }
            return rows.indices.filter { Forms.find(needle, in: rows[$0], from: 0) != nil }
        }
    }

    /// The columns each searchable table is searched by.
    static let searchColumns: [String: [Int]] = ["teachers": [0, 1, 2], "students": [0, 1], "short": [0, 1], "not-opened": [0, 1]]
    var search: [String: SearchIndex] = [:]

    var figures: ReportTable?
    var sites: ReportTable?
    var siteGroups: Groups?
    /// The sections of each site of `sites`, by its group name (to pin from the grid).
    var siteSections: [String: [ReportContent.GridSection]] = [:]
    var schools: ReportTable?
    var schoolGroups: Groups?
    var bus: ReportTable?
    var busGroups: Groups?
    var teachers: ReportTable?
    /// Each teacher's sections and their group lists (`TeacherSheet`), indexed by teacher id.
    var teacherDays: ReportTable?
    var teacherDayGroups: Groups?
    var groupLists: ReportTable?
    var groupListGroups: Groups?
    /// The rows of `groupLists` at each site, by the site's name (a site's sheet lists them).
    var groupListSites: [String: [Int]] = [:]
    /// The rows of `groupLists` of each school's students, by the school's name (its students'
    /// route cards name their teachers).
    var groupListSchools: [String: [Int]] = [:]
    var students: ReportTable?
    var notOpened: ReportTable?
    var short: ReportTable?
    var partners: ReportTable?
    var partnerGroups: Groups?
    /// The organisations with a sheet to print (`SchoolSheet.organisations`: the schools of
    /// «Школы» in its order, then the other sites and workplaces), found once.
    var organisations: [String] = []
    /// A compare run: the tables of `comparison.html`.
    var comparison: [ReportTable]?
    /// An effect run: the study of `setka effect`, worded in the page's language.
    var effect: EffectStudy?
}

/// One finished run, loaded for its pages: its scenario and, per language, its tables.
final class RunView: Sendable {
    let run: RunRecord
    let folder: URL
    let scenario: Scenario?
    /// `summary.json` of the run, as written.
    let summary: [String: JSONValue]
    /// The version's scenario as uploaded (an effect run's study is worked out from it again
    /// in the page's language).
    let source: URL
    /// A compare run: what each column was made from, in a language (`Fmt.compareSources`).
    let compareSources: @Sendable (ReportLanguage) -> [String]?
    private let built = Mutex<[ReportLanguage: Task<RunTables, any Error>]>([:])

    init(run: RunRecord, folder: URL, scenario: Scenario?, summary: [String: JSONValue], source: URL,
         compareSources: @escaping @Sendable (ReportLanguage) -> [String]? = { _ in nil }) {
        self.run = run; self.folder = folder; self.scenario = scenario; self.summary = summary; self.source = source
        self.compareSources = compareSources
    }

    /// The run's tables in `language`, built on first use (on a thread of their own).
    func tables(_ language: ReportLanguage) async throws -> RunTables {
        let task = built.withLock { tasks -> Task<RunTables, any Error> in
            if let t = tasks[language] { return t }
            let t = Task { [self] in try await offload { try self.build(language) } }
            tasks[language] = t
            return t
        }
        return try await task.value
    }

    private func build(_ language: ReportLanguage) throws -> RunTables {
        var t = RunTables()
        if run.job == .compare {
            t.comparison = try EngineCalls.comparisonTables(run: folder, scenario: scenario, language: language,
                                                            sources: compareSources(language))
            return t
        }
        if run.job == .effect {
            t.effect = try EngineCalls.effectStudy(source, language: language)
            return t
        }
        guard let scenario else { return t }
        let content = try EngineCalls.reportContent(run: folder, scenario: scenario, language: language)
        t.figures = content.figuresTable()
        if content.input.timetable != nil {
            let sites = content.sitesTable(), schools = content.schoolsTable(), bus = content.busTable()
            t.sites = sites; t.siteGroups = .init(sites)
            t.siteSections = content.sectionsBySite()
            t.schools = schools; t.schoolGroups = .init(schools)
            t.bus = bus; t.busGroups = .init(bus)
            t.teachers = content.teachersTable()
            let days = content.teacherDaysTable(), lists = content.groupListsTable()
            t.teacherDays = days; t.teacherDayGroups = .init(days)
            t.groupLists = lists; t.groupListGroups = .init(lists)
            typealias C = ReportContent.GroupListColumn
            let words = Words(language)
            for (i, row) in lists.rows.enumerated() {
                t.groupListSites[row[C.site].display(words), default: []].append(i)
                t.groupListSchools[row[C.school].display(words), default: []].append(i)
            }
            t.organisations = SchoolSheet.organisations(schools: schools, sites: sites, teachers: t.teachers, words: words)
            t.students = content.studentsTable()
            t.notOpened = content.notOpenedTable()
            t.short = content.shortTable()
        }
        if content.input.partners != nil {
            let partners = content.partnersTable()
            t.partners = partners; t.partnerGroups = .init(partners)
        }
        for table in [t.teachers, t.students, t.short, t.notOpened].compactMap({ $0 }) {
            if let columns = RunTables.searchColumns[table.key] {
                t.search[table.key] = RunTables.SearchIndex(table, columns: columns, words: Words(language))
            }
        }
        return t
    }
}

/// The runs loaded for pages, the few most recently viewed kept in memory (a city's run holds
/// tens of megabytes).
actor RunViews {
    let folder: DataFolder
    let keep: Int
    private var views: [String: Task<RunView, any Error>] = [:]
    private var order: [String] = []
    private var scenarios: [String: Task<Scenario, any Error>] = [:]
    private var scenarioOrder: [String] = []
    private var choices: [String: VariantPages.Choices] = [:]

    /// What the variant builder offers for a version (its teachers, schools, courses), built once.
    func choices(_ version: VersionRecord) async -> VariantPages.Choices? {
        if let c = choices[version.id] { return c }
        guard let scenario = await scenario(version) else { return nil }
        let c = VariantPages.Choices(scenario)
        if choices.count >= keep { choices.removeAll() }
        choices[version.id] = c
        return c
    }

    /// The scenario of a version (versions never change, so it is loaded once), or nil when it
    /// does not load.
    func scenario(_ version: VersionRecord) async -> Scenario? {
        scenarioOrder.removeAll { $0 == version.id }
        scenarioOrder.append(version.id)
        let task = scenarios[version.id] ?? Task { [folder] in
            try await offload { try EngineCalls.load(folder.resolve(version.scenarioPath)) }
        }
        scenarios[version.id] = task
        while scenarioOrder.count > keep { scenarios[scenarioOrder.removeFirst()] = nil }
        return try? await task.value
    }

    init(folder: DataFolder, keep: Int = 4) { self.folder = folder; self.keep = keep }

    /// `variants`: a compare run's variants in its order (nil for one that is gone), for its legend.
    func view(_ run: RunRecord, version: VersionRecord, variants: [VariantRecord?] = []) async throws -> RunView {
        let key = run.id + "@" + String(run.endedAt?.timeIntervalSince1970 ?? 0)
        order.removeAll { $0 == key }
        order.append(key)
        if let v = views[key] { return try await v.value }
        let folder = self.folder
        let task = Task {
            let scenario = await self.scenario(version)
            return try await offload { () -> RunView in
                let runFolder = folder.run(run.id)
                var summary: [String: JSONValue] = [:]
                if let name = EngineCalls.summaryFile(run.job),
                   let data = FileManager.default.contents(atPath: runFolder.appendingPathComponent(name).path),
                   case .object(let o)? = JSONValue.parse(data) {
                    summary = o
                }
                return RunView(run: run, folder: runFolder, scenario: scenario, summary: summary,
                               source: folder.resolve(version.scenarioPath),
                               compareSources: { Fmt.compareSources(version, variants, Tr($0)) })
            }
        }
        views[key] = task
        while order.count > keep {
            let old = order.removeFirst()
            views[old] = nil
        }
        do { return try await task.value } catch {
            views[key] = nil
            throw error
        }
    }
}

/// Any JSON value (a run's `summary.json` as written, passed through the API unchanged).
enum JSONValue: Codable, Sendable, Hashable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Parses JSON text (with Foundation's JSONSerialization: a city's 50 KB summary in about a
    /// millisecond, where decoding this enum with JSONDecoder took a hundred times longer).
    static func parse(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return parse(Data(text.utf8))
    }

    static func parse(_ data: Data) -> JSONValue? {
        (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])).map(JSONValue.init(any:))
    }

    /// A value as JSONSerialization gives it.
    init(any: Any) {
        switch any {
        case let n as NSNumber:
            // Booleans come as NSNumber too, of type "c" (numbers are "i", "q", "d").
            if String(cString: n.objCType) == "c" { self = .bool(n.boolValue) } else { self = .number(n.doubleValue) }
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(JSONValue.init(any:)))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init(any:)))
        default: self = .null
        }
    }

    var double: Double? { if case .number(let n) = self { return n }; return nil }
    var int: Int? { double.map { Int($0) } }
    var string: String? { if case .string(let s) = self { return s }; return nil }
    subscript(key: String) -> JSONValue? { if case .object(let o) = self { return o[key] }; return nil }
}
