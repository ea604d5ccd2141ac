import Foundation
import ProfileDay
import SetkaModel

/// Results of past runs, stored by a hash of their inputs, so that re-running an unchanged
/// scenario or variant is instant.
///
/// The key hashes the scenario's full content (every table and setting, as `ScenarioWriter`
/// writes them, so the same data gives the same key whatever file it came from), the run options,
/// which parts are run and `ResultCache.version`. Entries are JSON files `KEY.json`; a file that
/// cannot be read back is treated as a miss.
public struct ResultCache: Sendable {
    /// Bumped whenever the solvers or the stored result change meaning.
    public static let version = "setka-whatif-2"

    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// `DIR/.setka-cache` for an output folder; else `$XDG_CACHE_HOME/setka`, else `~/.cache/setka`.
    public static func defaultFolder(output: URL?) -> URL {
        if let output { return output.appendingPathComponent(".setka-cache", isDirectory: true) }
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("setka", isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache/setka", isDirectory: true)
    }

    /// The cache key of running `scenario` with `options`; `extra` says what else the run
    /// depends on (e.g. the parts run, a published timetable).
    public static func key(for scenario: Scenario, options: RunOptions, extra: [String] = []) -> String {
        var h = StableHasher()
        h.add(version)
        for file in ScenarioWriter.files(for: scenario) {
            h.add(file.name)
            h.add(bytes: [UInt8](file.data))
        }
        h.add("timeLimit=\(options.timeLimit) seed=\(options.seed) iterations=\(options.maxIterations.map(String.init) ?? "-")")
        for e in extra { h.add(e) }
        return h.hex
    }

    /// A stable hash of a timetable (for keys of runs that depend on one).
    public static func hash(_ timetable: Timetable) -> String {
        var h = StableHasher()
        for s in timetable.sections { h.add([s.id, s.course, s.teacher, s.site ?? "", s.room ?? "", s.slot].joined(separator: "\u{1F}")) }
        h.add("enrolments")
        for e in timetable.enrolments { h.add(e.student + "\u{1F}" + e.section) }
        return h.hex
    }

    private func url(_ key: String) -> URL { folder.appendingPathComponent(key + ".json") }

    /// The stored result for `key`, or nil.
    public func load(_ key: String) -> ScenarioRunResult? {
        guard let data = FileManager.default.contents(atPath: url(key).path),
              var result = try? JSONDecoder().decode(ScenarioRunResult.self, from: data) else { return nil }
        result.fromCache = true
        return result
    }

    /// Stores `result` under `key` (atomically; failures to write are ignored: the cache is an aid).
    public func store(_ result: ScenarioRunResult, key: String) {
        var stored = result
        stored.fromCache = false
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(stored) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? data.write(to: url(key), options: .atomic)
    }
}

/// A 128-bit hash of a sequence of byte strings (two FNV-1a lanes with different bases and a
/// SplitMix64 finish), stable across runs and machines. Not cryptographic: it keys a cache.
struct StableHasher {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x8422_2325_cbf2_9ce4
    private var length: UInt64 = 0

    mutating func add(_ s: String) { add(bytes: Array(s.utf8)) }

    mutating func add(bytes: [UInt8]) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 ^ (b >> 29)
        }
        length &+= UInt64(bytes.count)
        // Separator between parts, so ("ab","c") and ("a","bc") differ.
        a = (a ^ 0xFF ^ length) &* 0x0000_0100_0000_01B3
        b = (b ^ 0xFE ^ (length << 7)) &* 0x0000_0100_0000_01B3
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    var hex: String {
        String(format: "%016llx%016llx", Self.mix(a), Self.mix(b ^ length))
    }
}
