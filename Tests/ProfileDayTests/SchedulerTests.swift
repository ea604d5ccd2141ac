import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

@Suite struct SchedulerTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomDistrictsGiveTimetables(seed: UInt64) throws {
        let scenario = RandomDistrict.make(seed: seed)
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 5, seed: 7, maxIterations: 300))
        #expect(!result.timetable.sections.isEmpty)
        if let bound = result.bound { #expect(result.objective <= bound + 1e-6) }
        print("seed \(seed): objective \(result.objective) bound \(result.bound ?? .nan) sections \(result.timetable.sections.count) enrolments \(result.timetable.enrolments.count) iters \(result.iterations) \(result.stoppedBy)")
    }
}
