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
        #expect(worker.takeDay()?.objective == start.objective, "the first day handed over while the worker waited")
        #expect(worker.takeDay() == nil)
        worker.handOver(better)
        #expect(worker.takeDay()?.objective == better.objective)
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

    /// The search takes the worker's better day at the end of its step, and hands its own over.
    @Test func theSearchTakesTheWorkersBetterDay() throws {
        let (search, start) = try searchAndStart()
        let better = searched(search, from: start, seed: 1, steps: 200).best
        let worker = SubMIPWorker()
        worker.offer(better)
        let outcome = searched(search, from: start, seed: 2, steps: 1, worker: worker)
        #expect(outcome.best.objective >= better.objective - 1e-9)
        #expect(worker.takeDay() != nil, "the search's day was handed over to the waiting worker")
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
