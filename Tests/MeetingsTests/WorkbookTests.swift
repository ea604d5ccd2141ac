import Foundation
import Testing
@testable import SetkaModel
@testable import Meetings
import MeetingsReports

/// The year plan in an Excel workbook: the `platforms`/`площадки`, `participants`/`участники` and
/// `no_meetings`/`без встреч` sheets and the `meetings.*` keys of the settings sheet, read by the
/// same code as the folder (`scenario-format.md`, "Workbooks"), written by `setka template --from`.
@Suite("Meetings in a workbook")
struct MeetingsWorkbookTests {
    typealias Cell = WorkbookWriter.Cell

    /// A workbook written from `scenario` in `language`, loaded back.
    static func roundTrip(_ scenario: Scenario, _ language: ReportLanguage, in dir: TemporaryScenarioFolder) throws -> Scenario {
        let url = dir.url.appendingPathComponent("year-\(language).xlsx")
        try ScenarioWorkbook.workbook(scenario, language: language).write(to: url)
        return try ScenarioLoader.load(from: url).scenario
    }

    @Test(arguments: ["meetings-town", "meetings-city"])
    func generatedYearRoundTripsThroughAWorkbook(preset: String) throws {
        let s = MeetingsGenerator(MeetingsGeneratorParameters.preset(preset)!).generate()
        #expect(s.meetings?.noMeetings.isEmpty == false && !s.platforms.isEmpty && !s.participants.isEmpty)
        let dir = try TemporaryScenarioFolder([:])
        for language in [ReportLanguage.ru, .en] {
            let back = try Self.roundTrip(s, language, in: dir)
            #expect(back.meetings == s.meetings, "\(preset) [\(language)]")
            #expect(back.platforms == s.platforms, "\(preset) [\(language)]")
            #expect(back.participants == s.participants, "\(preset) [\(language)]")
            #expect(back.organisations == s.organisations && back.travelEntries == s.travelEntries, "\(preset) [\(language)]")
            // The folder written from the workbook is byte for byte the folder of the scenario.
            let a = ScenarioWriter.files(for: s), b = ScenarioWriter.files(for: back)
            #expect(a.map(\.name) == b.map(\.name))
            for (x, y) in zip(a, b) { #expect(x.data == y.data, "\(preset) [\(language)]: \(x.name) differs") }
        }
    }

    @Test func theSheetsHaveTheirRussianNamesAndTheSettingsTheirKeys() throws {
        let f = MeetingsFixture()
        let dir = try TemporaryScenarioFolder([:])
        let url = dir.url.appendingPathComponent("book.xlsx")
        try ScenarioWorkbook.workbook(f.scenario, language: .ru).write(to: url)
        let book = try Workbook.open(url)
        #expect(book.sheets.map(\.name).suffix(3) == ["Площадки", "Участники", "Без встреч"])
        let (settings, _) = try #require(try book.table(for: "settings"))
        let values = Dictionary(uniqueKeysWithValues: settings.records.map { ($0.fields[0], $0.fields[1]) })
        #expect(values["meetings.school_year"] == "2026")
        #expect(values["meetings.weekdays"] == "tue|thu")
        #expect(values["meetings.start_times"] == "15:00|17:00")
        #expect(values["meetings.min_days_between"] == "14" && values["meetings.max_per_venue"] == "1")
        #expect(values["meetings.no_meetings"] == nil)
        let (closed, _) = try #require(try book.table(for: "no_meetings"))
        #expect(closed.records.map(\.fields) == [["2026-10-01", "2026-10-01", "день здоровья"]])
        let (platforms, _) = try #require(try book.table(for: "platforms"))
        #expect(platforms.records.last?.fields == ["art", "Искусство", "A", "1", "9", "90", "host"])
    }

    @Test func aWorkbookAndItsFolderGiveTheSamePlan() throws {
        let f = MeetingsFixture()
        let dir = try TemporaryScenarioFolder([:])
        let folder = dir.url.appendingPathComponent("folder")
        try ScenarioWriter.write(f.scenario, to: folder)
        let fromFolder = try ScenarioLoader.load(from: folder).scenario
        let fromBook = try Self.roundTrip(f.scenario, .ru, in: dir)
        let a = try MeetingsPlanner.plan(fromFolder), b = try MeetingsPlanner.plan(fromBook)
        #expect(MeetingsChecker.check(b, in: fromBook).isValid)
        #expect(b.status == .optimal)
        #expect(PlanTables.planCSV(a) == PlanTables.planCSV(b))
    }

    /// A workbook typed by a person: Russian sheet names, one weekday in Russian, a start time as
    /// an Excel time, a number as a number, a closed day without `to`.
    static func handWritten(settings extra: [[Cell]] = [], closed: [[Cell]]? = nil, participants: [[Cell]]? = nil) throws -> Data {
        func row(_ texts: String...) -> [Cell] { texts.map { $0.isEmpty ? .empty : .text($0) } }
        var settings: [[Cell]] = [row("key", "value"), row("name", "Городские площадки"),
                                  [.text("meetings.school_year"), .number(2026)],
                                  row("meetings.weekdays", "ср"),
                                  [.text("meetings.start_times"), Cell(.time(minutes: 16 * 60 + 30), .time)]]
        settings += extra
        return try WorkbookWriter.workbook([
            .init(name: "Настройки", rows: settings),
            .init(name: "Организации", rows: [row("id", "name", "lat", "lon"), row("A", "Школа № 1", "61.03", "76.10"),
                                             row("B", "Школа № 2", "61.04", "76.12")]),
            .init(name: "площадки", rows: [row("id", "name", "host", "meetings", "months", "duration_minutes", "venue"),
                                           [.text("math"), .text("Математики"), .text("A"), .number(2), .text("9|10"), .number(90), .text("rotate")]]),
            .init(name: "УЧАСТНИКИ", rows: participants ?? [row("person", "school", "platforms"), row("p1", "A", "math"), row("p2", "B", "math")]),
            .init(name: "Без встреч", rows: closed ?? [row("from", "to", "name"), row("2026-09-16", "", "день города"),
                                                       row("2026-11-02", "2026-11-06", "каникулы")]),
        ])
    }

    @Test func aHandWrittenWorkbookLoads() throws {
        let dir = try TemporaryScenarioFolder([:])
        let url = dir.url.appendingPathComponent("площадки.xlsx")
        try Self.handWritten().write(to: url)
        let s = try ScenarioLoader.load(from: url).scenario
        let m = try #require(s.meetings)
        #expect(m.schoolYear == 2026 && m.weekdays == [.wed] && m.startTimes.map(\.description) == ["16:30"])
        #expect(m.noMeetings == [ClosedDates(from: LocalDate("2026-09-16")!, name: "день города"),
                                 ClosedDates(from: LocalDate("2026-11-02")!, to: LocalDate("2026-11-06")!, name: "каникулы")])
        #expect(s.platforms == [Platform(id: "math", name: "Математики", host: "A", meetings: 2,
                                         months: [MonthGroup("9")!, MonthGroup("10")!], durationMinutes: 90, venue: .rotate)])
        #expect(s.participants.map(\.school) == ["A", "B"])
        let plan = try MeetingsPlanner.plan(s)
        #expect(MeetingsChecker.check(plan, in: s).isValid)
        #expect(plan.meetings.count == 2)
        #expect(plan.meetings.allSatisfy { $0.date.weekday == .wed && $0.start.description == "16:30" && $0.date != LocalDate("2026-09-16")! })
    }

    @Test func errorsNameTheSheetAndTheCell() throws {
        let dir = try TemporaryScenarioFolder([:])
        let url = dir.url.appendingPathComponent("book.xlsx")
        func row(_ texts: String...) -> [Cell] { texts.map { .text($0) } }
        try Self.handWritten(settings: [row("meetings.no_meetings", "2026-11-04"), row("meetings.max_per_venue", "много")],
                             closed: [row("from", "to", "name"), row("2026-11-31", "2026-12-01", "x"), row("2026-12-05", "2026-12-01", "y")],
                             participants: [row("person", "school", "platforms"), row("p1", "A", "math|chess")]).write(to: url)
        let errors: [String]
        do {
            _ = try ScenarioLoader.load(from: url)
            Issue.record("expected the workbook to fail to load")
            return
        } catch let e as ScenarioError {
            errors = e.diagnostics.filter { $0.severity == .error }.map(\.description)
        }
        func has(_ prefix: String, _ words: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(errors.contains { $0.hasPrefix(prefix) && $0.contains(words) }, "\(prefix) … \(words) in \(errors)", sourceLocation: sourceLocation)
        }
        has("book.xlsx[Настройки]!A6", "closed dates go in the 'no_meetings' (без встреч) sheet")
        has("book.xlsx[Настройки]!B7", "meetings.max_per_venue")
        has("book.xlsx[Без встреч]!A2", "should be a date YYYY-MM-DD")
        has("book.xlsx[Без встреч]", "before it starts")
        has("book.xlsx[УЧАСТНИКИ]!C2", "chess")
    }

    @Test func anUnknownMeetingsKeyIsAnErrorAtItsCell() throws {
        let dir = try TemporaryScenarioFolder([:])
        let url = dir.url.appendingPathComponent("book.xlsx")
        try Self.handWritten(settings: [[.text("meetings.weekday"), .text("вт")]]).write(to: url)
        do {
            _ = try ScenarioLoader.load(from: url)
            Issue.record("expected the workbook to fail to load")
        } catch let e as ScenarioError {
            let d = try #require(e.diagnostics.first { $0.severity == .error })
            #expect(d.description.hasPrefix("book.xlsx[Настройки]!A6"))
            #expect(d.message.contains("meetings.weekdays"))   // the known keys are listed
        }
    }

    @Test func anEmptyClosedDatesSheetAddsNothing() throws {
        // A workbook for the profile day alone may keep the template's empty year-plan sheets.
        let dir = try TemporaryScenarioFolder([:])
        let url = dir.url.appendingPathComponent("book.xlsx")
        try WorkbookWriter.workbook([
            .init(name: "Организации", rows: [[.text("id"), .text("name")], [.text("A"), .text("Школа")]]),
            .init(name: "Без встреч", rows: [[.text("from"), .text("to"), .text("name")]]),
        ]).write(to: url)
        let s = try ScenarioLoader.load(from: url).scenario
        #expect(s.meetings == nil && s.organisations.count == 1)
    }
}
