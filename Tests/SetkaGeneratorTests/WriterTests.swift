import Foundation
import SetkaModel
import Testing

/// A small scenario using every field, with awkward text in it.
func sampleScenario(travel: Bool = true) -> Scenario {
    let slots = [Slot(id: "1", start: TimeOfDay(minutes: 540), end: TimeOfDay(minutes: 630)),
                 Slot(id: "2", start: TimeOfDay(minutes: 650), end: TimeOfDay(minutes: 740))]
    return Scenario(
        name: "Район \"Тест\", 2026\\27",
        language: .en,
        travelSettings: TravelSettings(speedKmh: 45.5, roadFactor: 1.25),
        profileDay: ProfileDaySettings(slots: slots, minSectionSize: 8, maxSectionSize: 20, coursesPerStudent: 1,
                                       maxTripMinutes: 45.5, visitingTeacherRule: false,
                                       weights: ProfileDayWeights(rank: [100, 50.5], travelMinute: 0.25, section: 3)),
        partnering: [PartnerRule(name: "ШНОР", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                                 providers: OrganisationSelector(kinds: [.school, .college], lowResults: nil),
                                 subjects: ["math"], fixed: [PartnerPair(recipient: "b", provider: "a")],
                                 forbidden: [PartnerPair(recipient: "b", provider: "c")]),
                     PartnerRule(name: "rule 2", recipients: OrganisationSelector(lowResults: true),
                                 providers: OrganisationSelector())],
        organisations: [
            Organisation(id: "a", name: "МКОУ «Школа, № 1»", latitude: 51.5, longitude: 39.25, partnerCapacity: 2,
                         scores: ["math": 70.5, "russian": 80]),
            Organisation(id: "b", name: "Школа \"Б\"", kind: .school, lowResults: true, scores: ["math": 40]),
            Organisation(id: "c", name: " leading space", kind: .college, latitude: 51.6, longitude: 39.3),
        ],
        rooms: [Room(site: "a", id: "101", capacity: 25), Room(site: "c", id: "chem", capacity: 15, kind: "chemistry-lab")],
        teachers: [Teacher(id: "T1", name: "Иванова, А. А.", site: "a", courses: ["x", "y"], maxSections: 2,
                           slots: ["1"], travels: false),
                   Teacher(id: "T2", site: "c", courses: ["y"]),
                   Teacher(id: "T3", site: "c", courses: ["y"], slots: [])],
        courses: [Course(id: "x", title: "Химия; практикум", subject: "chemistry", roomKind: "chemistry-lab",
                         minSize: 5, maxSize: 15, remote: false, sites: ["a", "c"]),
                  Course(id: "y", remote: true)],
        students: [Student(id: "s1", school: "a", grade: 10, wants: 1, choices: ["x", "y"]),
                   Student(id: "s2", school: "b", choices: ["y"])],
        travelEntries: travel ? [TravelEntry(from: "a", to: "b", minutes: 12.5)] : [])
}

func text(_ files: [(name: String, data: Data)], _ name: String) -> String? {
    files.first { $0.name == name }.map { String(decoding: $0.data, as: UTF8.self) }
}

@Test func csvFieldsAreQuotedOnlyWhenNeeded() {
    #expect(CSVWriter.escape("plain") == "plain")
    #expect(CSVWriter.escape("МКОУ «Школа»") == "МКОУ «Школа»")
    #expect(CSVWriter.escape("a,b") == "\"a,b\"")
    #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVWriter.escape("a;b") == "\"a;b\"")
    #expect(CSVWriter.escape("two\nlines") == "\"two\nlines\"")
    #expect(CSVWriter.escape(" x") == "\" x\"")
    #expect(CSVWriter.escape("") == "")
}

@Test func schoolsTableHasSortedScoreColumnsAndEmptyDefaults() throws {
    let files = ScenarioWriter.files(for: sampleScenario())
    let schools = try #require(text(files, "schools.csv"))
    #expect(schools == #"""
    id,name,kind,lat,lon,low_results,partner_capacity,score:math,score:russian
    a,"МКОУ «Школа, № 1»",school,51.5,39.25,no,2,70.5,80
    b,"Школа ""Б""",school,,,yes,0,40,
    c," leading space",college,51.6,39.3,no,0,,

    """#)
}

@Test func profileDayTablesWriteListsYesNoAndEmptyDefaults() throws {
    let files = ScenarioWriter.files(for: sampleScenario())
    #expect(text(files, "rooms.csv") == "site,id,capacity,kind\na,101,25,classroom\nc,chem,15,chemistry-lab\n")
    #expect(text(files, "teachers.csv") == #"""
    id,name,site,courses,max_sections,slots,travels
    T1,"Иванова, А. А.",a,x|y,2,1,no
    T2,T2,c,y,,,yes
    T3,T3,c,y,0,,yes

    """#)
    #expect(text(files, "courses.csv") == #"""
    id,title,subject,room_kind,min_size,max_size,remote,sites
    x,"Химия; практикум",chemistry,chemistry-lab,5,15,no,a|c
    y,y,,classroom,,,yes,

    """#)
    #expect(text(files, "students.csv") == "id,school,grade,wants,choices\ns1,a,10,1,x|y\ns2,b,,,y\n")
    #expect(text(files, "travel.csv") == "from,to,minutes\na,b,12.5\n")
}

@Test func scenarioYAMLIsWrittenInFullWithQuotedStrings() throws {
    let yaml = ScenarioWriter.scenarioYAML(sampleScenario())
    #expect(yaml == #"""
    format: setka/1
    name: "Район \"Тест\", 2026\\27"
    language: en
    travel: {speed_kmh: 45.5, road_factor: 1.25}
    profile_day:
      slots:
        - {id: "1", start: "09:00", end: "10:30"}
        - {id: "2", start: "10:50", end: "12:20"}
      min_section_size: 8
      max_section_size: 20
      courses_per_student: 1
      max_trip_minutes: 45.5
      visiting_teacher_rule: false
      weights:
        rank: [100, 50.5]
        travel_minute: 0.25
        section: 3
    partnering:
      - name: "ШНОР"
        recipients: {kind: school, low_results: yes}
        providers: {kind: [school, college]}
        partners_per_recipient: 1
        max_travel_minutes: 60
        subjects: ["math"]
        travel_minute: 0.5
        fixed: [["b", "a"]]
        forbidden: [["b", "c"]]
      - name: "rule 2"
        recipients: {low_results: yes}
        providers: {}
        partners_per_recipient: 1
        max_travel_minutes: 60
        travel_minute: 0.5
        fixed: []
        forbidden: []

    """#)
}

@Test func travelTableOnlyWhenThereAreEntries() {
    let names = ScenarioWriter.files(for: sampleScenario(travel: false)).map(\.name)
    #expect(names == ["scenario.yaml", "schools.csv", "rooms.csv", "teachers.csv", "courses.csv", "students.csv"])
    let partnering = Scenario(name: "p", organisations: [Organisation(id: "a", name: "A")])
    #expect(ScenarioWriter.files(for: partnering).map(\.name) == ["scenario.yaml", "schools.csv"])
}

@Test func numbersAreWrittenWithoutExponentsOrTrailingZeros() {
    #expect(ScenarioWriter.number(40) == "40")
    #expect(ScenarioWriter.number(-3) == "-3")
    #expect(ScenarioWriter.number(0.2) == "0.2")
    #expect(ScenarioWriter.number(51.71054) == "51.71054")
    #expect(ScenarioWriter.number(0.00001) == "0.00001")
    #expect(Double(ScenarioWriter.number(1.0 / 3)) == 1.0 / 3)
}

@Test func yamlStringsEscapeQuotesBackslashesAndControls() {
    #expect(ScenarioWriter.yamlString("a\"b\\c") == "\"a\\\"b\\\\c\"")
    #expect(ScenarioWriter.yamlString("x\ny\tz") == "\"x\\ny\\tz\"")
    #expect(ScenarioWriter.yamlString("yes") == "\"yes\"")
}

@Test func writeCreatesTheFolderAndRemovesAStaleTravelTable() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("setka-writer-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try ScenarioWriter.write(sampleScenario(travel: true), to: folder)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("travel.csv").path))
    try ScenarioWriter.write(sampleScenario(travel: false), to: folder)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("travel.csv").path))
    let schools = try Data(contentsOf: folder.appendingPathComponent("schools.csv"))
    #expect(schools == ScenarioWriter.files(for: sampleScenario(travel: false))[1].data)
}

@Test func byteOrderMarkOnlyOnCSVWhenAsked() throws {
    let files = ScenarioWriter.files(for: sampleScenario(), byteOrderMark: true)
    for f in files {
        #expect(f.data.starts(with: [0xEF, 0xBB, 0xBF]) == f.name.hasSuffix(".csv"), "\(f.name)")
    }
}
