import Foundation
import SetkaModel

/// A timed run's second core: sub-MIPs over the search's latest day.
///
/// The search thread (`Search.improve`) takes its steps as ever, its own sub-MIPs among them;
/// whenever the worker is free, the search hands it its current day at the end of a step, the
/// worker re-decides one neighbourhood of that day exactly (`Search.exactStep`, with sizes of
/// its own learnt by `ExactStepSize`), and the search takes the better day back at the end of a
/// later step when it is still better than its current one (the search may have gone further
/// meanwhile: then the worker's day is dropped). Until a new day comes the worker goes on with
/// the one it has (its own better day, when its last sub-MIP found one): the search's step is a
/// sub-MIP of its own most of the time, and a worker that waited for it was idle about a third
/// of a run (the process used 161% of a core, of 200%, in 1,200 s of generated district-1500-b).
///
/// Why not a second independent search: two searches from one start, one per core, end close
/// together — the better of two was 0.04% above one search alone over the 21 standard pairs
/// (bench/RESULTS.md, 2026-12-02 04:45) — while most of a search's time goes to its sub-MIPs.
final class SubMIPWorker: @unchecked Sendable {
    /// Guards the fields below; the worker waits on it for a day (signalled by `handOver` and
    /// `finish`) instead of polling.
    private let condition = NSCondition()
    private var wantsDay = true
    private var day: ScheduleState?
    private var better: ScheduleState?
    private var finished = false

    /// The search's side, at the end of each step: the worker's better day (taken once).
    func takeBetter() -> ScheduleState? {
        condition.withLock {
            let found = better
            better = nil
            return found
        }
    }

    /// The search's side, after `takeBetter`: its current day, kept when the worker waits for one.
    func handOver(_ current: ScheduleState) {
        condition.withLock {
            guard wantsDay else { return }
            day = current
            wantsDay = false
            condition.signal()
        }
    }

    /// The worker's side: the day handed over, waiting for one up to `seconds` (nil when none
    /// came by then or the search has finished; the worker then checks its clock and asks again).
    func takeDay(waitingUpTo seconds: Double) -> ScheduleState? {
        condition.withLock {
            // Asks for a day; `handOver` answers (and clears the wish) at the search's next step.
            if day == nil { wantsDay = true }
            let deadline = Date(timeIntervalSinceNow: seconds)
            while day == nil && !finished && condition.wait(until: deadline) {}
            defer { day = nil }
            return day
        }
    }

    /// The worker's side: a day better than the one it was handed (the best of those not yet
    /// taken is kept).
    func offer(_ s: ScheduleState) {
        condition.withLock { if better.map({ s.objective > $0.objective }) ?? true { better = s } }
    }

    /// The search has ended: the worker stops (its sub-MIP too); a better day it offers
    /// meanwhile is still there to take.
    func finish() {
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }

    var isFinished: Bool { condition.withLock { finished } }
}

extension Search {
    /// The share of the worker's steps that re-seat students (`reseat`) rather than solve a
    /// sub-MIP that re-decides sections (`exactStep`). Half: the 21 standard pairs +0.060% (15
    /// better) against none; all of the worker's steps: −0.067% (7 better) against half; half of
    /// the search thread's own sub-MIPs as well: −0.134% (10 better).
    static let reseatShare = 0.5

    /// The worker's loop (on its own thread) until the search finishes, the run is stopped or
    /// the time is up: sub-MIPs (the search's own size and time limits) over the day last handed
    /// over, or over the worker's own better day from it, each a re-seating (`reseatShare` of
    /// them) or a sub-MIP over sections, and each better day offered back. On a
    /// lent core (`options.secondCore`) it solves only while the core is free: it waits
    /// meanwhile, and a sub-MIP under way when the core is taken back stops. Returns how many
    /// sub-MIPs (re-seatings included) it solved.
    func solveSubMIPs(for worker: SubMIPWorker, seed: UInt64, options: ScheduleOptions, stopwatch: Stopwatch,
                      shouldStop: @escaping @Sendable () -> Bool) -> Int {
        var rng = SplitMix64(seed: seed)
        var size = ExactStepSize(largest: options.exactStepBinaries)
        var solved = 0
        // The day the worker goes on with until the search hands over a new one.
        var last: ScheduleState?
        let lent = options.searchThreads < 2 ? options.secondCore : nil
        let coreFree: @Sendable () -> Bool = { lent?() ?? true }
        while !worker.isFinished && !shouldStop() && stopwatch.seconds < options.timeLimit {
            guard coreFree() else {
                // Another job has the core: ask again shortly (the search goes on meanwhile).
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            // A new day when the search has handed one over, else the worker's own: it waits
            // (briefly, so that a stop or the clock is seen soon) only for its first.
            let handed = worker.takeDay(waitingUpTo: last == nil ? 0.05 : 0)
            guard let day = handed ?? last else { continue }
            let limit = timedSubMIPSeconds(options, elapsed: stopwatch.seconds)
            let stop: @Sendable () -> Bool = { shouldStop() || worker.isFinished || !coreFree() }
            let better: ScheduleState?
            // A share of its steps re-seat the choosers of a wanted course with the sections
            // where they are (`Reseating`); the others are sub-MIPs that re-decide sections.
            if rng.unit() < Self.reseatShare {
                let students = reseatStudents(day, courses: [pickWantedCourse(day, rng: &rng)],
                                              columns: options.exactStepBinaries, rng: &rng)
                better = reseat(day, students: students, timeLimit: limit, shouldStop: stop)
            } else {
                let outcome = exactStep(day, rng: &rng, timeLimit: limit, maxBinaries: size.current, shouldStop: stop)
                // A sub-MIP stopped because the core was taken back says nothing about its size.
                if coreFree() { size.learn(outcome.status, binaries: outcome.binaries) }
                better = outcome.better.flatMap { $0.objective > day.objective + Tolerance.value ? $0 : nil }
            }
            if let better { worker.offer(better) }
            last = better ?? day
            solved += 1
        }
        return solved
    }
}
