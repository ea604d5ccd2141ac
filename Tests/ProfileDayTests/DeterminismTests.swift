import Testing
import SetkaModel
@testable import ProfileDay

/// Same input, same seed, same iteration limit: the same timetable.
@Suite struct DeterminismTests {
    @Test func sameSeedSameTimetable() throws {
        let scenario = RandomDistrict.make(seed: 11, schools: 7, students: 120, courses: 9)
        var options = ScheduleOptions(timeLimit: 120, seed: 5, maxIterations: 60)
        options.exactModelLimit = 0
        let a = try ProfileDayScheduler.schedule(scenario, options: options)
        let b = try ProfileDayScheduler.schedule(scenario, options: options)
        #expect(a.timetable == b.timetable)
        #expect(a.objective == b.objective)
        #expect(a.iterations == 60 * options.searchThreads && b.iterations == a.iterations)
    }
}
