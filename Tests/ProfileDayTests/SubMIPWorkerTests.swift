import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// A timed run's second core solves sub-MIPs over the search's latest day (`SubMIPWorker`).
@Suite struct SubMIPWorkerTests {
    func searchAndStart(seed: UInt64 = 11) throws -> (Search, ScheduleState) {
        let scenario = RandomDistrict.make(seed: seed, schools: 7, students: 120, courses: 9)
        let search = Search(try ProblemIndex(scenario))
        return (search, try search.construct())
    }

    func searched(_ search: Search, from start: ScheduleState, seed: UInt64, steps: Int, worker: SubMIPWorker? = nil) -> SearchOutcome {
        let options = ScheduleOptions(timeLimit: 100_000, seed: seed, maxIterations: steps)
        return search.improve(start, seed: seed, options: options, stopwatch: Stopwatch(), bound: { nil },
                              shouldStop: { false }, progress: nil, worker: worker)
    }

    /// The hand-over: a day only when the worker asks for one, each day and each better day
    /// taken once, the better of two offers kept.
    @Test func daysAndBetterDaysAreHandedOverOnce() throws {
        let (search, start) = try searchAndStart()
        let better = searched(search, from: start, seed: 1, steps: 100).best
        #expect(better.objective > start.objective)
        let worker = SubMIPWorker()
        worker.handOver(start)
        worker.handOver(better)
        #expect(worker.takeDay(waitingUpTo: 0)?.objective == start.objective, "the first day handed over while the worker waited")
        #expect(worker.takeDay(waitingUpTo: 0) == nil)
        worker.handOver(better)
        #expect(worker.takeDay(waitingUpTo: 0)?.objective == better.objective)
        worker.offer(start)
        worker.offer(better)
        worker.offer(start)
        #expect(worker.takeBetter()?.objective == better.objective)
        #expect(worker.takeBetter() == nil)
        worker.offer(better)
        worker.finish()
        #expect(worker.isFinished)
        #expect(worker.takeBetter()?.objective == better.objective, "a day offered before the end is still taken")
    }

    /// The worker waits for a day without polling: a hand-over from another thread wakes it,
    /// and so does the end of the search.
    @Test func theWorkerWaitsForTheDayOrTheEnd() throws {
        let (_, start) = try searchAndStart()
        let worker = SubMIPWorker()
        let handing = Thread { Thread.sleep(forTimeInterval: 0.05); worker.handOver(start) }
        handing.start()
        let clock = Stopwatch()
        #expect(worker.takeDay(waitingUpTo: 30)?.objective == start.objective)
        #expect(clock.seconds < 10, "woken by the hand-over, not by the 30 s limit")
        #expect(worker.takeDay(waitingUpTo: 0.02) == nil, "no day was handed over since")
        let finishing = Thread { Thread.sleep(forTimeInterval: 0.05); worker.finish() }
        finishing.start()
        let waited = Stopwatch()
        #expect(worker.takeDay(waitingUpTo: 30) == nil)
        #expect(waited.seconds < 10, "woken by the end of the search")
    }

    /// On a lent core (`ScheduleOptions.secondCore`, one search thread) the worker solves only
    /// while the core is free: never when it is not, and sub-MIPs again once it is.
    @Test func onALentCoreTheWorkerSolvesOnlyWhileItIsFree() throws {
        let (search, start) = try searchAndStart()
        func subMIPs(coreFree: Bool) -> Int {
            var options = ScheduleOptions(timeLimit: 1.5, seed: 3)
            options.searchThreads = 1
            options.secondCore = { coreFree }
            let worker = SubMIPWorker()
            let clock = Stopwatch()
            // The search's side: a day at every hand-over until the time is up.
            let search = Thread {
                while clock.seconds < 1.2 { worker.handOver(start); Thread.sleep(forTimeInterval: 0.01) }
                worker.finish()
            }
            search.start()
            return searchUnderTest.solveSubMIPs(for: worker, seed: 1, options: options, stopwatch: clock, shouldStop: { false })
        }
        let searchUnderTest = search
        #expect(subMIPs(coreFree: false) == 0)
        #expect(subMIPs(coreFree: true) > 0)
    }

    /// Until the search hands over a new day the worker goes on with the one it has: a day
    /// handed over once gets sub-MIP after sub-MIP (the search's own step is mostly a sub-MIP of
    /// its own, and a worker that waited for the next day was idle a third of a run).
    @Test func theWorkerGoesOnWithItsDayUntilANewOneComes() throws {
        let (search, start) = try searchAndStart()
        let options = ScheduleOptions(timeLimit: 1.5, seed: 3)
        let worker = SubMIPWorker()
        let clock = Stopwatch()
        worker.handOver(start)
        let ending = Thread {
            while clock.seconds < 1 { Thread.sleep(forTimeInterval: 0.01) }
            worker.finish()
        }
        ending.start()
        let solved = search.solveSubMIPs(for: worker, seed: 1, options: options, stopwatch: clock, shouldStop: { false })
        #expect(solved > 1, "one day handed over, \(solved) sub-MIP(s) solved")
        if let better = worker.takeBetter() {
            let report = ProfileDayChecker.check(better.timetable(), in: search.p.scenario)
            #expect(report.isValid, "\(report.violations.prefix(5))")
        }
    }

    /// The search takes the worker's better day at the end of its step, and hands its own over.
    @Test func theSearchTakesTheWorkersBetterDay() throws {
        let (search, start) = try searchAndStart()
        let better = searched(search, from: start, seed: 1, steps: 200).best
        let worker = SubMIPWorker()
        worker.offer(better)
        let outcome = searched(search, from: start, seed: 2, steps: 1, worker: worker)
        #expect(outcome.best.objective >= better.objective - 1e-9)
        #expect(worker.takeDay(waitingUpTo: 0) != nil, "the search's day was handed over to the waiting worker")
    }

    /// A timed run with the worker (two threads, no iteration limit): its day passes the
    /// independent checker, with the checker's objective.
    @Test func aTimedRunWithTheWorkerIsValid() throws {
        let scenario = RandomDistrict.make(seed: 4, schools: 7, students: 120, courses: 9)
        var options = ScheduleOptions(timeLimit: 3, seed: 5)
        options.exactModelLimit = 0
        options.stopWhenStalled = false
        let result = try ProfileDayScheduler.schedule(scenario, options: options)
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
        #expect(abs(report.objective.value - result.objective) < 1e-6)
    }
}
