import Foundation
import Testing
@testable import SetkaModel

/// `platforms.csv`, `participants.csv` and `meetings:` through the scenario loader: defaults,
/// and errors that name file, line and column.
@Suite("Meetings tables and settings")
struct MeetingsLoadingTests {
    static let yaml = """
    format: setka/1
    name: "Город, 2026/27"
    meetings:
      school_year: 2026
      weekdays: [tue, чт]
      start_times: ["15:00", "16:30"]
      no_meetings:
        - {from: "2026-10-26", to: "2026-11-04", name: осенние каникулы}
        - "2027-02-23"
      min_days_between: 14
      max_per_venue: 2
      time_zone: Asia/Yekaterinburg
    """
    static let schools = "id,name,lat,lon\nA,Школа № 1,61.03,76.10\nB,Школа № 2,61.04,76.12\nC,Детский сад,61.02,76.09\n"
    static let platforms = "id,name,host,meetings,months,duration_minutes,venue\nmath,Учителя математики,A,,,,\nrot,Наставники,B,6,9|11|1|3|5-6,90,rotate\n"
    static let participants = "person,school,platforms\np1,A,math|rot\np2,B,rot\np3,C,rot\n"

    func folder(yaml: String = yaml, schools: String = schools, platforms: String? = platforms,
                participants: String? = participants) throws -> TemporaryScenarioFolder {
        var files = ["scenario.yaml": yaml, "schools.csv": schools]
        if let platforms { files["platforms.csv"] = platforms }
        if let participants { files["participants.csv"] = participants }
        return try TemporaryScenarioFolder(files)
    }

    @Test func loadsWithDefaultsAndWithoutAProfileDay() throws {
        let s = try folder().load().scenario
        #expect(s.profileDay == nil)
        let m = try #require(s.meetings)
        #expect(m.schoolYear == 2026)
        #expect(m.weekdays == [.tue, .thu])
        #expect(m.startTimes.map(\.description) == ["15:00", "16:30"])
        #expect(m.noMeetings.count == 2)
        #expect(m.noMeetings[0].name == "осенние каникулы")
        #expect(m.noMeetings[1].from == m.noMeetings[1].to)
        #expect(m.minDaysBetween == 14 && m.maxPerVenue == 2 && m.timeZone == "Asia/Yekaterinburg")
        #expect(s.platforms.count == 2)
        let math = s.platforms[0]
        #expect(math.meetings == 5 && math.durationMinutes == 120 && math.venue == .host)
        #expect(math.months.map(\.description) == ["9", "11", "1", "3", "5-6"])
        #expect(s.platforms[1].venue == .rotate && s.platforms[1].meetings == 6)
        #expect(s.participants.map(\.person) == ["p1", "p2", "p3"])
    }

    @Test func settingsDefaultWhenOnlySchoolYearIsGiven() throws {
        let s = try folder(yaml: "format: setka/1\nmeetings: {school_year: 2027}\n").load().scenario
        let m = try #require(s.meetings)
        #expect(m.weekdays == [.tue, .wed, .thu])
        #expect(m.startTimes.map(\.description) == ["15:00"])
        #expect(m.noMeetings.isEmpty && m.minDaysBetween == 21 && m.maxPerVenue == 1 && m.timeZone == "Europe/Moscow")
        #expect(m.firstDay.description == "2027-09-01" && m.lastTeachingDay.description == "2028-06-30")
    }

    @Test func platformsAndParticipantsAreRequiredWithMeetingsSettings() throws {
        let errors = try folder(platforms: nil, participants: nil).errors()
        #expect(errors.contains { $0.location?.file == "platforms.csv" && $0.message.contains("missing file") })
        #expect(errors.contains { $0.location?.file == "participants.csv" && $0.message.contains("missing file") })
    }

    @Test func badCellsNameFileLineAndColumn() throws {
        let platforms = "id,name,host,meetings,months,duration_minutes,venue\nmath,Математика,A,0,9|13,90,host\nrot,Наставники,B,5,6-5,-1,everywhere\n"
        let errors = try folder(platforms: platforms).errors().map(\.description)
        #expect(errors.contains { $0.hasPrefix("platforms.csv:2:4: error: column 'meetings': expected a whole number ≥ 1") })
        #expect(errors.contains { $0.hasPrefix("platforms.csv:2:5: error: column 'months'") && $0.contains("\"13\"") })
        #expect(errors.contains { $0.hasPrefix("platforms.csv:3:5: error: column 'months'") && $0.contains("backwards") })
        #expect(errors.contains { $0.hasPrefix("platforms.csv:3:6: error: column 'duration_minutes'") })
        #expect(errors.contains { $0.hasPrefix("platforms.csv:3:7: error: column 'venue': expected host") })
    }

    @Test func unknownReferencesAndDuplicates() throws {
        let platforms = "id,name,host\nmath,Математика,Z\nmath,Ещё раз,A\n"
        let participants = "person,school,platforms\np1,A,math|Math|math\np1,B,math\np2,Q,math\n"
        let errors = try folder(platforms: platforms, participants: participants).errors().map(\.description)
        #expect(errors.contains { $0.hasPrefix("platforms.csv:2:3: error: column 'host': unknown organisation 'Z'") })
        #expect(errors.contains { $0.hasPrefix("platforms.csv:3:1: error: column 'id': duplicate id 'math'") })
        #expect(errors.contains { $0.hasPrefix("participants.csv:2:3: error: column 'platforms': platform 'math' is listed twice") })
        #expect(errors.contains { $0.contains("unknown platform 'Math'") && $0.contains("did you mean 'math'") })
        #expect(errors.contains { $0.hasPrefix("participants.csv:3:1: error: column 'person': person 'p1' is listed twice") })
        #expect(errors.contains { $0.hasPrefix("participants.csv:4:2: error: column 'school': unknown organisation 'Q'") })
    }

    @Test func neededTravelTimesMustBeKnown() throws {
        let schools = "id,name,lat,lon\nA,Школа № 1,61.03,76.10\nB,Школа № 2,,\nC,Детский сад,61.02,76.09\n"
        let errors = try folder(schools: schools).errors().map(\.description)
        #expect(errors.contains { $0.hasPrefix("participants.csv:2:2: error: column 'school': the travel time from 'A' to 'B' is not known") && $0.contains("no coordinates for 'B'") })
    }

    @Test func badSettingsNameTheLine() throws {
        let yaml = """
        format: setka/1
        meetings:
          school_year: 26/27
          weekdays: [tue, someday]
          start_times: ["3pm"]
          no_meetings:
            - {from: "2026-11-04", to: "2026-11-01"}
          max_per_venue: 0
          time_zone: Mars/Olympus
        """
        let errors = try folder(yaml: yaml).errors().map(\.description)
        #expect(errors.contains { $0.hasPrefix("scenario.yaml:3:") && $0.contains("school_year") })
        #expect(errors.contains { $0.hasPrefix("scenario.yaml:4:") && $0.contains("someday") })
        #expect(errors.contains { $0.hasPrefix("scenario.yaml:5:") && $0.contains("3pm") })
        #expect(errors.contains { $0.hasPrefix("scenario.yaml:8:") && $0.contains("max_per_venue") })
        #expect(errors.contains { $0.hasPrefix("scenario.yaml:9:") && $0.contains("Mars/Olympus") })
    }

    @Test func closedRangeBackwardsIsAnError() throws {
        let yaml = "format: setka/1\nmeetings:\n  school_year: 2026\n  no_meetings:\n    - {from: \"2026-11-04\", to: \"2026-11-01\"}\n"
        let errors = try folder(yaml: yaml).errors().map(\.description)
        #expect(errors.contains { $0.hasPrefix("scenario.yaml:5:") && $0.contains("before it starts") })
    }

    @Test func writerRoundTrip() throws {
        let loaded = try folder().load().scenario
        let out = try TemporaryScenarioFolder([:])
        try ScenarioWriter.write(loaded, to: out.url)
        let again = try out.load().scenario
        #expect(again.platforms == loaded.platforms)
        #expect(again.participants == loaded.participants)
        #expect(again.meetings == loaded.meetings)
    }

    @Test func dates() {
        #expect(LocalDate("2026-09-01")!.weekday == .tue)
        #expect(LocalDate("2027-02-29") == nil)
        #expect(LocalDate("2028-02-29")!.adding(days: 1).description == "2028-03-01")
        #expect(LocalDate(dayNumber: LocalDate("1969-12-31")!.dayNumber) == LocalDate("1969-12-31"))
        #expect(LocalDate("2026-09-06")!.weekStart == LocalDate("2026-08-31")!.dayNumber)  // a Sunday's Monday
        #expect(MonthGroup("12-1")!.contains(month: 1) && !MonthGroup("12-1")!.contains(month: 2))
        #expect(MonthGroup("6-5") == nil)
    }
}

/// A scenario folder in the temporary directory, removed when the value goes away.
final class TemporaryScenarioFolder {
    let url: URL
    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("setka-meetings-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
    }
    func load() throws -> LoadedScenario { try ScenarioLoader.load(from: url) }
    func errors(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(from: url)
            Issue.record("expected the scenario to fail to load", sourceLocation: sourceLocation)
        } catch let e as ScenarioError { return e.diagnostics } catch { Issue.record("\(error)", sourceLocation: sourceLocation) }
        return []
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
