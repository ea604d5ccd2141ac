import Crypto
import Foundation
import Partnering
import ProfileDay
import SetkaModel

/// Results of past runs, stored by a SHA-256 of their inputs, so that re-running an unchanged
/// scenario or variant is instant — and never served unchecked.
///
/// The key is the SHA-256 (swift-crypto) of the scenario's full content (every table and
/// setting, as `ScenarioWriter` writes them, so the same data gives the same key whatever file it
/// came from), the run options, what else the run depends on (the engines' version, a base, a
/// published timetable) and `ResultCache.version`. An entry (`KEY.json`) stores the plans only —
/// the timetable, the partner assignment, the kept plan — with the figures claimed when it was
/// stored. Before an entry is used, every plan is verified again against the scenario by the
/// independent checkers and every figure recomputed from it (`ScenarioRunner.assemble`, the path
/// of a fresh solve); an entry whose plan breaks a rule, or whose claims differ from what is
/// recomputed (an objective edited by hand, a section changed), is deleted and the scenario
/// solved again. A proven bound cannot be recomputed without solving: it is kept only when it
/// is consistent (not below the recomputed objective, and "optimal" only when it meets it).
public struct ResultCache: Sendable {
    /// Bumped whenever the solvers or the stored entry change meaning.
    public static let version = "setka-whatif-3"

    public let folder: URL
    /// Told (with the entry's file name and why) when an entry is rejected; for stderr.
    public var rejected: (@Sendable (String, String) -> Void)?

    public init(folder: URL) { self.folder = folder }

    /// `$XDG_CACHE_HOME/setka`, else `$HOME/.cache/setka`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty, xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("setka", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/setka", isDirectory: true)
    }

    /// The cache key of running `scenario` with `options`; `extra` says what else the run
    /// depends on (e.g. the engines' version, the base it starts from, a published timetable).
    public static func key(for scenario: Scenario, options: RunOptions, extra: [String] = []) -> String {
        var h = KeyHasher()
        h.add(version)
        for file in ScenarioWriter.files(for: scenario) {
            h.add(file.name)
            h.add(file.data)
        }
        h.add("timeLimit=\(options.timeLimit) seed=\(options.seed) iterations=\(options.maxIterations.map(String.init) ?? "-")")
        for e in extra { h.add(e) }
        return h.hex
    }

    /// The SHA-256 of a timetable (for keys of runs that depend on one).
    public static func hash(_ timetable: Timetable) -> String {
        var h = KeyHasher()
        for s in timetable.sections { h.add([s.id, s.course, s.teacher, s.site ?? "", s.room ?? "", s.slot].joined(separator: "\u{1F}")) }
        h.add("enrolments")
        for e in timetable.enrolments { h.add(e.student + "\u{1F}" + e.section) }
        return h.hex
    }

    private func url(_ key: String) -> URL { folder.appendingPathComponent(key + ".json") }

    /// The stored result for `key`, verified and recomputed for `input` (nil on a miss, or when
    /// the entry was rejected and removed). `published` is the timetable a kept plan was made
    /// against (`ScenarioRunner.published`), as for the fresh run.
    public func load(_ key: String, input: ScenarioInput, published: Timetable?) -> ScenarioRunResult? {
        guard let data = FileManager.default.contents(atPath: url(key).path) else { return nil }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.version == Self.version, entry.key == key else {
            return reject(key, "it cannot be read as a cache entry of this version")
        }
        var result = ScenarioRunner.assemble(input, key: key, partnering: entry.partnering, profileDay: entry.profileDay,
                                             keptResolved: entry.keptResolved, published: published)
        if let problem = entry.disagreement(with: result) { return reject(key, problem) }
        result.adoptedFrom = entry.adoptedFrom
        result.fromCache = true
        return result
    }

    private func reject(_ key: String, _ why: String) -> ScenarioRunResult? {
        try? FileManager.default.removeItem(at: url(key))
        rejected?(key + ".json", why)
        return nil
    }

    /// Stores the plans of `result` under `key` with the figures it claims (written whole
    /// beside and renamed; failures are ignored: the cache is an aid).
    public func store(_ result: ScenarioRunResult, key: String) {
        let entry = Entry(result, key: key)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entry) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? data.write(to: url(key), options: .atomic)
    }

    /// One stored entry: the plans, and the figures they were stored with (claims, checked on load).
    struct Entry: Codable {
        var version: String
        var key: String
        var name: String
        var profileDay: ProfileDaySolve?
        var partnering: PartneringSolve?
        /// The scheduler's plan that kept the published timetable (`StableReplanResult`), if any.
        var keptResolved: Timetable?
        var adoptedFrom: String?
        var claims: Claims

        struct Claims: Codable {
            var profileDayObjective: Double?
            var partneringObjective: Double?
            var keptObjective: Double?
        }

        init(_ r: ScenarioRunResult, key: String) {
            version = ResultCache.version
            self.key = key
            name = r.name
            if let t = r.timetable, let f = r.profileDay {
                profileDay = ProfileDaySolve(timetable: t, bound: f.bound, status: f.status == .optimal ? .optimal : .feasible,
                                             seconds: f.seconds)
            }
            if let f = r.partnering {
                partnering = PartneringSolve(pairs: r.partnerPairs ?? [], objective: f.objective, status: f.status,
                                             seconds: f.seconds, assignment: r.partnerAssignment)
            }
            keptResolved = r.kept?.timetable
            adoptedFrom = r.adoptedFrom
            claims = Claims(profileDayObjective: r.profileDay?.objective, partneringObjective: r.partnering?.objective,
                            keptObjective: r.kept?.kept.objective)
        }

        /// Why the recomputed `result` cannot be served as this entry (nil when it can).
        func disagreement(with result: ScenarioRunResult) -> String? {
            func differs(_ a: Double?, _ b: Double?) -> Bool {
                guard let a, let b else { return (a == nil) != (b == nil) }
                return abs(a - b) > 1e-6 * max(1, abs(b))
            }
            if !result.problems.isEmpty { return "its plans do not pass the checks: \(result.problems.joined(separator: "; "))" }
            if let f = result.profileDay {
                if !f.verified { return "its timetable breaks \(f.violations) rule(s) of the scenario" }
                if differs(claims.profileDayObjective, f.objective) {
                    return "it claims the objective \(claims.profileDayObjective.map { String($0) } ?? "none"), the checker recomputes \(f.objective)"
                }
                if let b = f.bound, b < f.objective - 1e-6 * max(1, abs(f.objective)) {
                    return "its bound \(b) is below the recomputed objective \(f.objective)"
                }
                if f.status == .optimal, f.gap.map({ $0 > 1e-6 }) ?? true {
                    return "it claims a proven optimum the bound does not give"
                }
            } else if claims.profileDayObjective != nil {
                return "it claims a timetable it does not hold"
            }
            if let p = result.partnering {
                if p.verified != true && partnering?.assignment != nil { return "its partner assignment does not pass the checker" }
                if differs(claims.partneringObjective, p.objective) {
                    return "it claims the partnering objective \(claims.partneringObjective.map { String($0) } ?? "none"), the checker recomputes \(p.objective.map { String($0) } ?? "none")"
                }
            }
            if let k = result.kept {
                if !k.figures.verified { return "its kept plan breaks a rule of the scenario" }
                if differs(claims.keptObjective, k.kept.objective) { return "its kept plan's objective differs from the recomputed one" }
            } else if claims.keptObjective != nil {
                return "it claims a kept plan it does not hold"
            }
            return nil
        }
    }
}

/// SHA-256 over a sequence of parts, each length-prefixed so ("ab","c") and ("a","bc") differ.
struct KeyHasher {
    private var sha = SHA256()

    mutating func add(_ s: String) { add(Data(s.utf8)) }

    mutating func add(_ data: Data) {
        var n = UInt64(data.count).littleEndian
        withUnsafeBytes(of: &n) { sha.update(bufferPointer: $0) }
        sha.update(data: data)
    }

    var hex: String {
        sha.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
