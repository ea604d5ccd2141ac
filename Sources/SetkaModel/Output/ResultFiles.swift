import Foundation

/// One output file of a run, in memory: its path inside the result folder (`sections.csv`,
/// `kept-variant/enrolments.csv`) and its bytes.
public struct ResultFile: Sendable, Hashable {
    public var name: String
    public var data: Data

    public init(_ name: String, _ data: Data) {
        self.name = name; self.data = data
    }

    public init(_ name: String, text: String) {
        self.init(name, Data(text.utf8))
    }
}

/// The entries of a result folder one job owns: it rewrites them, and removes those it did not
/// write this time (a stale `report.html`); every other entry belongs to someone else and is
/// kept. Names are top-level entries of the folder; `prefixes` cover families such as
/// `kept-NAME/`.
public struct ResultFileSet: Sendable, Hashable {
    public var names: Set<String>
    public var prefixes: [String]

    public init(names: Set<String>, prefixes: [String] = []) {
        self.names = names; self.prefixes = prefixes
    }

    public func contains(_ entry: String) -> Bool {
        names.contains(entry) || prefixes.contains { entry.hasPrefix($0) }
    }

    public static func + (a: ResultFileSet, b: ResultFileSet) -> ResultFileSet {
        ResultFileSet(names: a.names.union(b.names), prefixes: a.prefixes + b.prefixes.filter { !a.prefixes.contains($0) })
    }
}

/// `.setka-results.json` in every result folder: which job wrote which entries, from which
/// scenario. With it a second job into the same folder (`schedule`, then `partner`) keeps the
/// first one's files, removes only its own stale ones, and refuses to mix in another scenario's.
public struct ResultManifest: Sendable, Codable, Hashable {
    public static let fileName = ".setka-results.json"
    public static let currentFormat = "setka-results/1"

    public struct Job: Sendable, Codable, Hashable {
        /// Top-level entries the job wrote, sorted.
        public var files: [String]
        /// The scenario's name and the path it was read from (standardised), when there is one.
        public var scenario: String?
        public var scenarioPath: String?
        /// When the job's results were swapped in (ISO 8601, UTC).
        public var written: String

        public init(files: [String], scenario: String?, scenarioPath: String?, written: String) {
            self.files = files; self.scenario = scenario; self.scenarioPath = scenarioPath; self.written = written
        }
    }

    public var format: String
    /// By job name (`schedule`, `partner`, `report`, `compare`, `sweep`, …).
    public var jobs: [String: Job]

    public init(jobs: [String: Job] = [:]) {
        format = Self.currentFormat; self.jobs = jobs
    }

    /// The manifest of `folder`, or nil when it has none (or one that cannot be read).
    public static func read(_ folder: URL) -> ResultManifest? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else { return nil }
        return try? JSONDecoder().decode(ResultManifest.self, from: data)
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// The job that wrote `entry`, if the manifest lists it.
    public func job(of entry: String) -> String? {
        jobs.first { $0.value.files.contains(entry) }?.key
    }
}
