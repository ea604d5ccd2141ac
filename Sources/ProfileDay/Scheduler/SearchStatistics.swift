import Foundation
import LinearProgramming

/// Counts of what the search tried and what worked (diagnostics: printed to stderr when the
/// environment variable SETKA_SEARCH_STATS is set).
struct SearchStatistics: Sendable {
    struct Kind: Sendable {
        var tries = 0
        var seconds = 0.0
        var better = 0
        var betterGain = 0.0
        var accepted = 0
        var improved = 0
        var gain = 0.0
        var lateImproved = 0
        var lateGain = 0.0
    }
    var kinds: [String: Kind] = [:]

    static let enabled = ProcessInfo.processInfo.environment["SETKA_SEARCH_STATS"] != nil

    /// One step of `kind` that took `seconds` and led from `current` to `candidate` (`best` before
    /// it); `late` when past half of the run.
    mutating func record(_ kind: String, seconds: Double, current: Double, candidate: Double, accepted: Bool, best: Double, late: Bool) {
        var k = kinds[kind, default: Kind()]
        k.tries += 1
        k.seconds += seconds
        if candidate > current + Tolerance.value { k.better += 1; k.betterGain += candidate - current }
        if accepted {
            k.accepted += 1
            if candidate > best + Tolerance.value {
                k.improved += 1; k.gain += candidate - best
                if late { k.lateImproved += 1; k.lateGain += candidate - best }
            }
        }
        kinds[kind] = k
    }

    /// One step that took `seconds` (written at once: the report comes at the end). Generated
    /// district-600-b seed 3, 10 s: the first thread's first four sub-MIPs took 3.1 s of its
    /// first 3.3 s, while its neighbourhood steps took milliseconds.
    static func note(slowStep kind: String, seconds: Double, at elapsed: Double, iteration: Int, seed: UInt64) {
        guard enabled else { return }
        let line = String(format: "slow step: seed %llu %@ %.3f s at %.2f s (step %d)\n",
                          seed, kind as NSString, seconds, elapsed, iteration)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// A sub-MIP's proven bound on its gain over `startValue`, for the statistics lines, or
    /// "none" when GLPK proved none (a stop without a solution).
    static func boundGain(_ solved: Solution?, startValue: Double) -> String {
        solved?.bound.map { String(format: "%.1f", $0 - startValue) } ?? "none"
    }

    func report(seed: UInt64, start: Double, best: Double, iterations: Int, seconds: Double) {
        guard Self.enabled else { return }
        var lines = [String(format: "search seed %llu: %.1f → %.1f in %d steps, %.1f s", seed, start, best, iterations, seconds)]
        for (name, k) in kinds.sorted(by: { $0.key < $1.key }) {
            lines.append(String(format: "  %-13@ tries %5d  %6.2f s (%.1f ms each)  better %4d (+%.0f)  accepted %5d  best %4d (+%.0f)  late best %3d (+%.0f)",
                                name as NSString, k.tries, k.seconds, k.seconds / Double(max(1, k.tries)) * 1000, k.better, k.betterGain,
                                k.accepted, k.improved, k.gain, k.lateImproved, k.lateGain))
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
