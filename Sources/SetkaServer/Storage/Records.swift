import Foundation
import GRDB
import ProfileDay
import SetkaModel

/// What a run does.
public enum JobKind: String, Codable, Sendable, CaseIterable {
    /// The profile day (`setka schedule`).
    case schedule
    /// The partner assignment (`setka partner`).
    case partner
    /// A scenario and its what-if variants side by side (`setka compare`).
    case compare
    /// Did the partnerships help: past results against schools without a partner (`setka effect`).
    case effect
    /// The year plan of the network platforms' meetings (`setka meetings`).
    case meetings
    /// The single changes to the data that would serve the most students, tried on a finished
    /// profile day (`setka advise`).
    case advise
}

/// A run's life: queued → running → done | failed | cancelled | interrupted.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case queued, running, done, failed, cancelled
    /// Found running when the server started: the process that ran it stopped.
    case interrupted

    /// The run will not change any more.
    public var isFinal: Bool { self != .queued && self != .running }
}

/// A project: one district's scenario, uploaded again and again as versions.
public struct ProjectRecord: Codable, Sendable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "project"
    public var id: String
    public var name: String
    public var createdAt: Date
    public var example: String?
}

/// One upload of a project's scenario, kept as received.
public struct VersionRecord: Codable, Sendable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "version"
    public var id: String
    public var projectId: String
    public var number: Int
    public var createdAt: Date
    public var originalName: String
    public var kind: String
    public var scenarioPath: String
    public var valid: Bool
    public var validation: String

    public var decodedValidation: Validation { JSONCoding.decode(Validation.self, validation) ?? Validation(valid: valid) }
}

/// A job on a version: its status, progress and key figures. Its files are in `runs/<id>/`.
public struct RunRecord: Codable, Sendable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "run"
    public var id: String
    public var projectId: String
    public var versionId: String
    public var job: JobKind
    public var status: RunStatus
    public var timeLimit: Double
    public var createdAt: Date
    public var startedAt: Date?
    public var endedAt: Date?
    public var progress: String?
    public var summary: String?
    public var message: String?
    /// `message` in Russian, when it is worded in both (a failed run's scenario findings).
    public var messageRu: String? = nil
    public var options: String?
    public var hasResults: Bool
    /// The result's objective (for lists), nil without one.
    public var objective: Double?

    public var decodedProgress: RunProgress? { progress.flatMap { JSONCoding.decode(RunProgress.self, $0) } }
    public var decodedOptions: RunOptionsRecord { options.flatMap { JSONCoding.decode(RunOptionsRecord.self, $0) } ?? RunOptionsRecord() }
}

/// A what-if variant of a version's scenario.
public struct VariantRecord: Codable, Sendable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "variant"
    public var id: String
    public var projectId: String
    public var versionId: String
    public var name: String
    public var path: String
    public var origin: String
    public var createdAt: Date
    public var valid: Bool
    public var validation: String

    public var decodedValidation: Validation { JSONCoding.decode(Validation.self, validation) ?? Validation(valid: valid) }

    /// `origin` of a variant made in the app's form, of one made from advice
    /// (`VariantBuilder.fromAdvice`), and of one that came with the uploaded data (`whatif/`).
    public static let formOrigin = "form", adviceOrigin = "advice", uploadOrigin = "upload"
}

/// What a job was asked beyond its kind and time limit.
public struct RunOptionsRecord: Codable, Sendable, Hashable {
    /// `compare`: the variants set beside the base, in order.
    public var variants: [String]?
    /// `schedule`, `compare`: a finished schedule run of the same project whose timetable is
    /// kept as stable as possible (`--keep`).
    public var keep: String?
    public var seed: UInt64?
    /// `advise`: the finished schedule run of the same version whose timetable is advised on.
    public var from: String?
    /// A hand edit accepted in the browser: the finished schedule run it edits, and the edit as
    /// the command line writes it (`--close S012`).
    public var editOf: String?
    public var edit: String?
    /// The edit itself, applied by the run's job to `editOf`'s timetable and the scenario of
    /// version `editVersion` (the one that timetable was made for); with `pin`, its sections
    /// become pins (then the run's own version is the one with those pins).
    public var editRequest: TimetableEdit?
    public var editVersion: String?
    public var pin: Bool?
    /// A timetable made elsewhere taken as this profile-day run («Проверить своё расписание»):
    /// the names its files had (sections and enrolments, or one workbook); the files are in
    /// `DataFolder.importedTimetable(run id)`.
    public var imported: [String]?
    /// A profile day whose timetable was not searched for (a hand edit, or files made
    /// elsewhere): no time limit; a hand edit has no bound of its own, files made elsewhere the
    /// data's bound their job proved.
    public var notSearched: Bool { editOf != nil || imported != nil }
    public init(variants: [String]? = nil, keep: String? = nil, seed: UInt64? = nil, from: String? = nil,
                editOf: String? = nil, edit: String? = nil, editRequest: TimetableEdit? = nil, editVersion: String? = nil,
                pin: Bool? = nil, imported: [String]? = nil) {
        self.variants = variants; self.keep = keep; self.seed = seed; self.from = from
        self.editOf = editOf; self.edit = edit; self.editRequest = editRequest; self.editVersion = editVersion; self.pin = pin
        self.imported = imported
    }
}

/// A run's progress: what `setka schedule` prints on stderr, every second.
public struct RunProgress: Codable, Sendable, Hashable {
    public var phase: String
    public var best: Double?
    public var bound: Double?
    /// (bound − best) / |bound|, a fraction.
    public var gap: Double?
    /// Seconds since the run started.
    public var elapsed: Double
    public var steps: Int?
    public init(phase: String, best: Double? = nil, bound: Double? = nil, gap: Double? = nil, elapsed: Double, steps: Int? = nil) {
        self.phase = phase; self.best = best; self.bound = bound; self.gap = gap; self.elapsed = elapsed; self.steps = steps
    }
}

/// The loader's verdict on a scenario or variant: errors and warnings each with where they
/// are, and what the scenario holds.
public struct Validation: Codable, Sendable, Hashable {
    public var valid: Bool
    public var errors: [Finding]
    public var warnings: [Finding]
    public var facts: ScenarioFacts?
    /// What a variant's changes did, one effect per change (`VariantReport.effects`, put in
    /// words by `Words.sentence` in the page's language).
    public var changes: [VariantEffect]?
    public init(valid: Bool, errors: [Finding] = [], warnings: [Finding] = [], facts: ScenarioFacts? = nil, changes: [VariantEffect]? = nil) {
        self.valid = valid; self.errors = errors; self.warnings = warnings; self.facts = facts; self.changes = changes
    }
}

/// One error or warning: the message and where (file or sheet, line or cell, column).
public struct Finding: Codable, Sendable, Hashable {
    /// The finding in English.
    public var message: String
    /// The finding in Russian (nil in records stored before findings were worded in both).
    public var messageRu: String?
    /// `file:line:column` (or the workbook's `book.xlsx[sheet]!C17`) as the CLI prints it.
    public var location: String?
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The column name when the finding is about one cell.
    public var field: String?
    /// In a workbook: the sheet, and the cell (`C17`) when the finding is about one.
    public var sheet: String?
    public var cell: String?
    public init(message: String, messageRu: String? = nil, location: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil,
                field: String? = nil, sheet: String? = nil, cell: String? = nil) {
        self.message = message; self.messageRu = messageRu; self.location = location; self.file = file; self.line = line; self.column = column
        self.field = field; self.sheet = sheet; self.cell = cell
    }

    /// A finding with its sentence in both languages and no place (a file that cannot be loaded at all).
    public init(_ phrase: Phrase) { self.init(message: phrase.en, messageRu: phrase.ru) }

    /// The sentence in `language` (English when a stored record has no Russian one).
    public func message(_ language: ReportLanguage) -> String { language == .ru ? messageRu ?? message : message }

    /// The place in `language`: `students.csv, строка 17, столбец 3`, a workbook's `book.xlsx[Ученики]!C17`.
    public func place(_ language: ReportLanguage) -> String? {
        guard language == .ru, let file else { return location }
        return SourceLocation(file: file, line: line, column: column, sheet: sheet).text(.ru)
    }

    /// `place: message` in `language`, one line.
    public func text(_ language: ReportLanguage) -> String {
        [place(language), message(language)].compactMap { $0 }.joined(separator: ": ")
    }
}

extension Validation {
    /// The same findings with the file `stored` shown as `shown` (a workbook is kept as
    /// `scenario.xlsx`; people know it by the name they uploaded).
    func naming(_ stored: String, as shown: String) -> Validation {
        func rename(_ f: Finding) -> Finding {
            guard f.file == stored else { return f }
            var f = f
            f.file = shown
            if let location = f.location, location.hasPrefix(stored) { f.location = shown + location.dropFirst(stored.count) }
            return f
        }
        var v = self
        v.errors = errors.map(rename)
        v.warnings = warnings.map(rename)
        return v
    }
}

/// What a valid scenario holds, for the project page.
public struct ScenarioFacts: Codable, Sendable, Hashable {
    public var name: String
    public var language: String
    public var organisations: Int
    public var students: Int
    public var teachers: Int
    public var courses: Int
    public var rooms: Int
    public var slots: Int
    public var partnerRules: Int
    /// Rows of `results.csv` and of `partners-history.csv` (nil in versions stored before
    /// they were counted).
    public var results: Int?
    public var history: Int?
    /// Network platforms to plan meetings for, when the scenario has `meetings:` settings (nil
    /// in versions stored before they were counted).
    public var platforms: Int?
    public var hasProfileDay: Bool { slots > 0 }
    public var hasPartnering: Bool { partnerRules > 0 }
    /// `setka effect` can run: past results and past partnerships.
    public var hasEffect: Bool { (results ?? 0) > 0 && (history ?? 0) > 0 }
    /// `setka meetings` can run: platforms and the `meetings:` settings.
    public var hasMeetings: Bool { (platforms ?? 0) > 0 }
}

/// JSON to and from the text columns.
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
