import Foundation
import Testing
@testable import SetkaModel

@Suite("scenario.yaml")
struct SettingsTests {
    @Test func defaultsOfEverySetting() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/1\n", "schools.csv": "id,name\na,A\n"])
        let loaded = try s.load().scenario
        #expect(loaded.name == s.url.lastPathComponent)
        #expect(loaded.language == .ru)
        #expect(loaded.travelSettings.speedKmh == 40)
        #expect(loaded.travelSettings.roadFactor == 1.3)
        #expect(loaded.profileDay == nil)
        #expect(loaded.partnering.isEmpty)
        #expect(loaded.rooms.isEmpty && loaded.students.isEmpty)
    }

    @Test func profileDayDefaults() throws {
        let s = try TempScenario(Fixture.files)
        let pd = try #require(try s.load().scenario.profileDay)
        #expect(pd.slots.map(\.id) == ["1", "2"])
        #expect(pd.slots[0].start == TimeOfDay(minutes: 9 * 60))
        #expect(pd.slots[1].end == TimeOfDay(minutes: 12 * 60 + 20))
        #expect(pd.minSectionSize == 10)
        #expect(pd.maxSectionSize == 25)
        #expect(pd.coursesPerStudent == 2)
        #expect(pd.maxTripMinutes == 60)
        #expect(pd.visitingTeacherRule == true)
        #expect(pd.weights.rank == [100, 80, 60, 40, 20, 10])
        #expect(pd.weights.travelMinute == 0.2)
        #expect(pd.weights.section == 5)
    }

    @Test func everySettingRead() throws {
        let yaml = """
        format: setka/1
        name: "Репьёвский район, 2026/27"
        language: en
        tables: {students: data/choices.csv}
        travel: {speed_kmh: 30, road_factor: 1.5}
        profile_day:
          slots:
            - {id: "1", start: "09:00", end: "10:30"}
            - {id: "2", start: 10:50, end: "12:20"}
          min_section_size: 8
          max_section_size: 20
          courses_per_student: 3
          max_trip_minutes: 45
          visiting_teacher_rule: no
          weights:
            rank: [10, 5]
            travel_minute: 0.5
            section: 2
        """
        var files = Fixture.with(["scenario.yaml": yaml])
        files["data/choices.csv"] = files.removeValue(forKey: "students.csv")
        let s = try TempScenario(files)
        let sc = try s.load().scenario
        #expect(sc.name == "Репьёвский район, 2026/27")
        #expect(sc.language == .en)
        #expect(sc.travelSettings == TravelSettings(speedKmh: 30, roadFactor: 1.5))
        #expect(sc.students.count == 12)
        let pd = try #require(sc.profileDay)
        #expect(pd.slots[1].start == TimeOfDay("10:50"))
        #expect(pd.minSectionSize == 8 && pd.maxSectionSize == 20 && pd.coursesPerStudent == 3)
        #expect(pd.maxTripMinutes == 45 && pd.visitingTeacherRule == false)
        #expect(pd.weights == ProfileDayWeights(rank: [10, 5], travelMinute: 0.5, section: 2))
    }

    @Test func partneringRuleWithDefaults() throws {
        let yaml = """
        format: setka/1
        partnering:
          - recipients: {kind: school, low_results: yes}
            providers: {kind: [school, additional]}
          - name: "ШНОР — школы-партнёры"
            recipients: {kind: school, low_results: yes}
            providers: {kind: [school, additional], low_results: no}
            partners_per_recipient: 2
            max_travel_minutes: 90
            subjects: [math, Russian]
            travel_minute: 0.1
            fixed: [[b, a]]
            forbidden: [[b, c]]
        """
        let s = try TempScenario(["scenario.yaml": yaml, "schools.csv": Fixture.schools])
        let rules = try s.load().scenario.partnering
        #expect(rules.count == 2)
        let r1 = rules[0]
        #expect(r1.name == "rule 1")
        #expect(r1.recipients == OrganisationSelector(kinds: [.school], lowResults: true))
        #expect(r1.providers == OrganisationSelector(kinds: [.school, .additional], lowResults: nil))
        #expect(r1.partnersPerRecipient == 1 && r1.maxTravelMinutes == 60 && r1.travelMinute == 0.5)
        #expect(r1.subjects == nil && r1.fixed.isEmpty && r1.forbidden.isEmpty)
        let r2 = rules[1]
        #expect(r2.name == "ШНОР — школы-партнёры")
        #expect(r2.partnersPerRecipient == 2 && r2.maxTravelMinutes == 90 && r2.travelMinute == 0.1)
        #expect(r2.subjects == ["math", "russian"])
        #expect(r2.fixed == [PartnerPair(recipient: "b", provider: "a")])
        #expect(r2.forbidden == [PartnerPair(recipient: "b", provider: "c")])
    }

    @Test func unknownKeysAreWarningsWithLine() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/1\ncolour: red\ntravel: {speed_kmh: 30, sped: 2}\n",
                                  "schools.csv": "id,name\na,A\n"])
        let w = try s.load().warnings
        let colour = try #require(w.first(containing: "'colour'"))
        #expect(colour.location == SetkaModel.SourceLocation(file: "scenario.yaml", line: 2, column: 1))
        let sped = try #require(w.first(containing: "'travel.sped'"))
        #expect(sped.location?.line == 3)
    }

    @Test func wrongFormatVersion() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/2\n", "schools.csv": "id,name\na,A\n"])
        let e = try #require(s.errors().first(containing: "unsupported format"))
        #expect(e.location == SetkaModel.SourceLocation(file: "scenario.yaml", line: 1, column: 9))
        #expect(e.message.contains("setka/1"))
    }

    @Test func missingFormat() throws {
        let s = try TempScenario(["scenario.yaml": "name: x\n", "schools.csv": "id,name\na,A\n"])
        #expect(s.errors().first(containing: "missing 'format: setka/1'") != nil)
    }

    @Test func yamlSyntaxErrorHasLineAndColumn() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/1\nprofile_day:\n  slots: [\n    {id: 1, start: \"09:00\"\n", "schools.csv": "id,name\na,A\n"])
        let errors = s.errors()
        #expect(errors.count == 1)
        let e = try #require(errors.first)
        #expect(e.message.hasPrefix("YAML syntax"))
        #expect(e.location?.file == "scenario.yaml")
        #expect(e.location?.line == 5)
        #expect(e.location?.column != nil)
    }

    @Test func badIndentationIsASyntaxError() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/1\nname: a\n  language: en\n", "schools.csv": "id,name\na,A\n"])
        let e = try #require(s.errors().first)
        #expect(e.location?.line == 3)
    }

    @Test func wrongTypesHaveLineAndColumn() throws {
        let yaml = """
        format: setka/1
        language: fr
        travel: {speed_kmh: fast}
        profile_day:
          slots: {id: 1}
          min_section_size: -1
          visiting_teacher_rule: perhaps
          weights: {rank: 5}
        """
        let s = try TempScenario(Fixture.with(["scenario.yaml": yaml]))
        let errors = s.errors()
        let lang = try #require(errors.first(containing: "'language'"))
        #expect(lang.location == SetkaModel.SourceLocation(file: "scenario.yaml", line: 2, column: 11))
        let speed = try #require(errors.first(containing: "'travel.speed_kmh' should be a number above 0"))
        #expect(speed.location?.line == 3 && speed.location?.column == 21)
        #expect(errors.first(containing: "'profile_day.slots' should be a list")?.location?.line == 5)
        #expect(errors.first(containing: "'profile_day.min_section_size' should be a whole number ≥ 1, found \"-1\"")?.location?.line == 6)
        #expect(errors.first(containing: "'profile_day.visiting_teacher_rule' should be yes or no")?.location?.line == 7)
        #expect(errors.first(containing: "'profile_day.weights.rank' should be a list")?.location?.line == 8)
    }

    @Test func slotsOutOfOrderOverlappingOrEmpty() throws {
        let yaml = """
        format: setka/1
        profile_day:
          slots:
            - {id: "1", start: "10:00", end: "11:00"}
            - {id: "2", start: "09:00", end: "09:45"}
            - {id: "3", start: "10:30", end: "11:30"}
            - {id: "4", start: "12:00", end: "12:00"}
            - {id: "5", start: "25:00", end: "26:00"}
            - {id: "1", start: "13:00", end: "14:00"}
        """
        let s = try TempScenario(Fixture.with(["scenario.yaml": yaml]))
        let errors = s.errors()
        let order = try #require(errors.first(containing: "slot '2' starting at 09:00 starts before slot '1'"))
        #expect(order.location == SetkaModel.SourceLocation(file: "scenario.yaml", line: 5, column: 24))
        #expect(errors.first(containing: "slot '3' starting at 10:30 overlaps slot '1'")?.location?.line == 6)
        #expect(errors.first(containing: "slot '4' ends at 12:00, not after it starts")?.location?.line == 7)
        #expect(errors.first(containing: "should be a time HH:MM")?.location?.line == 8)
        #expect(errors.first(containing: "slot id '1' is used twice")?.location?.line == 9)
    }

    @Test func profileDayWithoutSlots() throws {
        let s = try TempScenario(Fixture.with(["scenario.yaml": "format: setka/1\nprofile_day:\n  min_section_size: 5\n"]))
        #expect(s.errors().first(containing: "needs 'slots'")?.location?.line == 3)
    }

    @Test func partneringRuleNeedsRecipientsAndProviders() throws {
        let yaml = "format: setka/1\npartnering:\n  - name: x\n    fixed: [[a]]\n"
        let s = try TempScenario(["scenario.yaml": yaml, "schools.csv": Fixture.schools])
        let errors = s.errors()
        #expect(errors.first(containing: "needs 'recipients'") != nil)
        #expect(errors.first(containing: "needs 'providers'") != nil)
        #expect(errors.first(containing: "should be a pair [recipient, provider]")?.location?.line == 4)
    }

    @Test func scenarioGivenAsItsYamlPath() throws {
        let s = try TempScenario(Fixture.files)
        let sc = try ScenarioLoader.load(from: s.url.appendingPathComponent("scenario.yaml")).scenario
        #expect(sc.name == "Test district")
        #expect(sc.students.count == 12)
    }
}
