import Foundation
import ProfileDay
import SetkaModel
import Testing
@testable import Reports

@Suite("Report of a schedule run")
struct ScheduleInputTests {
    @Test("a fresh ScheduleResult gives the same report as its result folder read back")
    func sameAsFolder() throws {
        let scenario = try Fixture.scenario()
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 5, seed: 1, maxIterations: 5))
        let direct = ReportInput(scenario: scenario, schedule: result)
        #expect(direct.timetable == result.timetable)
        #expect(direct.scheduleRun?.status == result.status.rawValue)
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        try ScheduleOutput.write(result: result, report: report, scenario: scenario, to: dir,
                                 settings: .init(timeLimit: 5, seed: 1, iterations: 5))
        let read = try ResultFolder.read(dir, scenario: scenario).input
        #expect(read.coursesNotOpened == direct.coursesNotOpened)
        #expect(read.studentsShort == direct.studentsShort)
        #expect(read.scheduleRun?.status == direct.scheduleRun?.status)
        #expect(Reports.html(read) == Reports.html(direct))
        let files = try Reports.writeAll(fromResultFolder: dir, scenario: scenario)
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }
}
