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
        #expect(direct.scheduleRun?.status == result.status)
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        try ScheduleOutput.write(result: result, report: report, scenario: scenario, to: dir,
                                 settings: .init(timeLimit: 5, seed: 1, iterations: 5), wording: Words(scenario.language))
        let read = try ResultFolder.read(dir, scenario: scenario).input
        #expect(read.coursesNotOpened == direct.coursesNotOpened)
        #expect(read.studentsShort == direct.studentsShort)
        #expect(read.scheduleRun?.status == direct.scheduleRun?.status)
        #expect(Reports.html(read) == Reports.html(direct))
        let files = try Reports.writeAll(fromResultFolder: dir, scenario: scenario)
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }
}

@Suite("The example district")
struct ExampleDistrictTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/rural-district")

    @Test("scenarios/rural-district: every report part, self-contained, every student and teacher with a card")
    func ruralDistrict() throws {
        let scenario = try ScenarioLoader.load(from: Self.folder).scenario
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 10, seed: 1, maxIterations: 3))
        var input = ReportInput(scenario: scenario, schedule: result)
        input.partners = [PartnerRow(rule: "ШНОР — школы-партнёры", recipient: "kolbinskaya", provider: "olkhovskaya", minutes: 36.5, gain: 49)]
        let html = Reports.html(input)
        #expect(HTMLReportTests.externalReferences(html) == [])
        #expect(html.components(separatedBy: #"<div class="card student">"#).count - 1 == scenario.students.count)
        let teaching = Set(result.timetable.sections.map(\.teacher)).count
        #expect(html.components(separatedBy: #"<div class="teacher card">"#).count - 1 == teaching)
        #expect(html.contains("МБОУ «Ольховская СОШ»"))          // «» are not HTML specials: kept as they are
        #expect(html.contains("МКОУ «Колбинская СОШ»</td><td>МБОУ «Ольховская СОШ»</td>"))
        // The bus plan counts every trip: each student's changes of place, home included.
        let content = ReportContent(input)
        let trips = content.busTable().rows.reduce(0) { sum, row in if case .integer(let n) = row[4] { return sum + n } else { return sum } }
        let day = try #require(content.day)
        var expected = 0
        for s in scenario.students {
            let places = [s.school] + day.placesOf[s.id]! + [s.school]
            expected += zip(places, places.dropFirst()).filter { $0 != $1 }.count
        }
        #expect(trips == expected)
        #expect(trips > 0)
        let book = Fixture.unzip(try Reports.xlsx(input))
        #expect(book.values.allSatisfy { $0 != [0xBA, 0xD0] })
    }
}
