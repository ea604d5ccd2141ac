import Foundation
import SetkaModel
import Testing
@testable import Reports

@Suite("Reading a result folder")
struct ResultFolderTests {
    func folder(_ files: [String: String]) throws -> URL {
        let url = Fixture.temporaryFolder()
        try Fixture.write(files, to: url)
        return url
    }

    @Test("only profile-day files")
    func onlyTimetable() throws {
        let dir = try folder(["sections.csv": Fixture.sectionsCSV, "enrolments.csv": Fixture.enrolmentsCSV,
                              "summary.json": #"{"status": "feasible", "bound": 700.5, "gap": 0.01, "enrolments": 7}"#,
                              "courses-not-opened.csv": "\u{FEFF}course,title,chosen_by,within_reach,reason\nart,Art,3,2,nobody chose it\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try ResultFolder.read(dir, scenario: try Fixture.scenario())
        #expect(read.input.timetable?.sections.count == 3)
        #expect(read.input.partners == nil)
        #expect(read.input.scheduleRun == ScheduleRunInfo(status: .feasible, bound: 700.5, gap: 0.01))
        #expect(read.input.coursesNotOpened == [NotOpenedCourse(course: "art", title: "Art", chosenBy: 3, withinReach: 2, reason: .recorded("nobody chose it"))])
        #expect(read.input.studentsShort == nil)
        let files = try Reports.writeAll(read.input, to: dir)
        #expect(files.map(\.lastPathComponent) == ["report.html", "map.svg", "report.xlsx"])
        for f in files { #expect(FileManager.default.fileExists(atPath: f.path)) }
    }

    @Test("only partner files, with the partner summary's figures")
    func onlyPartners() throws {
        let dir = try folder(["partners.csv": Fixture.partnersCSV,
                              "summary.json": #"{"status": "optimal", "objective": 7.5, "places_needed": 2, "places_served": 1}"#])
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try ResultFolder.read(dir, scenario: try Fixture.scenario())
        #expect(read.input.timetable == nil)
        let rows = try #require(read.input.partners)
        #expect(rows.count == 2)
        #expect(rows[0] == PartnerRow(rule: "Low results", recipient: "B", provider: "A", minutes: 25, gain: 20,
                                      subjectGains: [.init(subject: "math", gain: 20)], fixed: false, note: ""))
        #expect(rows[1].provider == nil && rows[1].note == "нет партнёра ближе 60 минут")
        #expect(read.input.partnerRun == PartnerRunInfo(status: .optimal, objective: 7.5, placesNeeded: 2, placesServed: 1))
        #expect(read.input.scheduleRun == nil)
    }

    @Test("both, and the scenario path recorded in summary.json")
    func both() throws {
        let dir = try folder(["sections.csv": Fixture.sectionsCSV, "enrolments.csv": Fixture.enrolmentsCSV, "partners.csv": Fixture.partnersCSV,
                              "summary.json": #"{"scenario_path": "../scen", "status": "optimal", "places_needed": 2}"#])
        defer { try? FileManager.default.removeItem(at: dir) }
        let contents = ResultFolder.contents(of: dir)
        #expect(contents.hasTimetable && contents.hasPartners)
        #expect(contents.scenarioPath?.standardizedFileURL == dir.deletingLastPathComponent().appendingPathComponent("scen").standardizedFileURL)
        let read = try ResultFolder.read(dir, scenario: try Fixture.scenario())
        #expect(read.input.timetable != nil && read.input.partners != nil)
        // The summary is the partner run's (it has places_needed): not taken as the schedule's.
        #expect(read.input.scheduleRun == nil)
        #expect(read.input.partnerRun?.status == .optimal)
    }

    @Test("a folder without results is an error that says what it looked for")
    func empty() throws {
        let dir = try folder(["summary.json": "{}"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(ResultFolder.contents(of: dir).scenarioPath == nil)
        let error = try #require(throws: ScenarioError.self) { try ResultFolder.read(dir, scenario: try Fixture.scenario()) }
        #expect(error.diagnostics.first?.description.contains("partners.csv") == true)
    }

    @Test("a bad number or a missing column names file, line and column")
    func badFiles() throws {
        let bad = "rule,recipient,provider,minutes,gain\nR,B,A,двадцать,1\n"
        let e1 = try #require(throws: ScenarioError.self) { try ResultFolder.partners(("partners.csv", Array(bad.utf8))) }
        #expect(e1.diagnostics.map(\.description) == [#"partners.csv:2:4: error: column 'minutes': expected a number, found "двадцать""#])
        let missing = "rule,recipient,minutes,gain\n"
        let e2 = try #require(throws: ScenarioError.self) { try ResultFolder.partners(("partners.csv", Array(missing.utf8))) }
        #expect(e2.diagnostics.first?.description.hasPrefix("partners.csv:1") == true)
        #expect(e2.diagnostics.first?.description.contains("missing column 'provider'") == true)
        let dir = try folder(["sections.csv": "section,course\nS1,rob\n", "enrolments.csv": Fixture.enrolmentsCSV])
        defer { try? FileManager.default.removeItem(at: dir) }
        let e3 = try #require(throws: ScenarioError.self) { try ResultFolder.read(dir, scenario: try Fixture.scenario()) }
        #expect(e3.diagnostics.contains { $0.description.hasPrefix("sections.csv") })
    }

    @Test("a partner file in Windows-1251 with ';' reads like any table")
    func windows1251() throws {
        // "Правило" in Windows-1251.
        let rule: [UInt8] = [0xCF, 0xF0, 0xE0, 0xE2, 0xE8, 0xEB, 0xEE]
        let bytes = Array("rule;recipient;provider;minutes;gain\n".utf8) + rule + Array(";B;A;25,5;3\n".utf8)
        let rows = try ResultFolder.partners(("partners.csv", bytes))
        #expect(rows.first?.rule == "Правило")
        #expect(rows.first?.minutes == 25.5)
    }
}
