import Foundation
import Testing
@testable import SetkaModel

/// What-if variants and pins: `add: {pins: file.csv}` appends pins; removing a teacher, room,
/// course or school drops the pins that name it (the report says how many); removing a student
/// takes them out of their pins; `scale_demand` never takes a pinned course from its students;
/// anything else a change makes impossible is an error at the pin.
@Suite("Pins in what-if variants")
struct PinVariantTests {
    static let pins = """
    course,teacher,site,room,slot,students
    robotics,t1,a,101,1,s2|s4
    chemistry,,a,lab,2,s2|s6
    robotics,t2,b,,2,s1|s3
    robotics,,,,,s5|s7
    """

    /// The fixture with 24 students (odd at b, even at a), so that either school alone still
    /// fills a section.
    static var students: String {
        "id,school,grade,wants,choices\n" + (1...24).map { "s\($0),\($0 % 2 == 0 ? "a" : "b"),10,,robotics|chemistry\n" }.joined()
    }

    func base(pins: String = Self.pins) throws -> TempScenario {
        try TempScenario(Fixture.with(["pins.csv": pins, "students.csv": Self.students]))
    }

    func variant(_ t: TempScenario, _ changes: [String], files: [String: String] = [:]) throws -> LoadedVariant {
        for (name, text) in files { try t.write("whatif/" + name, text) }
        let yaml = "format: setka/1\nbase: ..\nchanges:\n" + changes.map { "  - \($0)\n" }.joined()
        try t.write("whatif/v.yaml", yaml)
        return try VariantLoader.load(from: t.url.appendingPathComponent("whatif/v.yaml"))
    }

    func variantErrors(_ t: TempScenario, _ changes: [String], files: [String: String] = [:]) throws -> [Diagnostic] {
        do { _ = try variant(t, changes, files: files); Issue.record("expected the variant to fail"); return [] }
        catch let e as ScenarioError { return e.diagnostics }
    }

    @Test func addAppendsPinsFromAFile() throws {
        let t = try base()
        let v = try variant(t, ["add: {pins: more.csv}"], files: ["more.csv": "course,students\nrobotics,s9\n"])
        #expect(v.loaded.scenario.pins.count == 5)
        #expect(v.loaded.scenario.pins.last == Pin(course: "robotics", students: ["s9"]))
        #expect(v.report.effects == [.addedRows(rows: 1, file: "more.csv", table: "pins")])
    }

    @Test func anImpossibleAddedPinIsAnErrorInItsFile() throws {
        let t = try base()
        let e = try variantErrors(t, ["add: {pins: more.csv}"], files: ["more.csv": "course,teacher,slot\nrobotics,t2,1\n"])
        #expect(e.map(\.message) == ["H1 teacher: 't2' is pinned to 2 sections (pins.csv line 4 and whatif/more.csv line 2), more than max_sections 1".replacingOccurrences(of: "whatif/more.csv", with: e.first?.location?.file ?? ""),
                                    "H1 teacher: 't2' is not free in slot '1' (free in slots 2)"])
        #expect(e.allSatisfy { $0.location?.file.hasSuffix("whatif/more.csv") == true && $0.location?.line == 2 })
    }

    @Test func anAddedPinClashingWithABasePinNamesTheOtherFile() throws {
        let t = try base()
        let e = try variantErrors(t, ["add: {pins: more.csv}"], files: ["more.csv": "course,teacher,slot\nrobotics,t1,1\n"])
        #expect(e.first?.message == "H1 teacher: 't1' is pinned twice in slot '1' (also on pins.csv line 2)")
        #expect(e.first?.location?.file.hasSuffix("whatif/more.csv") == true)
    }

    @Test func removingATeacherDropsTheirPins() throws {
        let v = try variant(try base(), ["remove: {teacher: t2}"])
        #expect(v.loaded.scenario.pins.map(\.teacher) == ["t1", nil, nil])
        #expect(v.report.effects == [.removedTeacher("t2"), .pinsChanged(dropped: 1, studentsTakenOut: 0)])
    }

    @Test func removingAStudentTakesThemOutOfTheirPins() throws {
        let v = try variant(try base(), ["remove: {student: s2}"])
        #expect(v.loaded.scenario.pins.map(\.students) == [["s4"], ["s6"], ["s1", "s3"], ["s5", "s7"]])
        #expect(v.report.effects == [.removedStudent("s2"), .pinsChanged(dropped: 0, studentsTakenOut: 2)])
    }

    @Test func removingACourseDropsItsPins() throws {
        let v = try variant(try base(), ["remove: {course: chemistry}"])
        #expect(v.loaded.scenario.pins.allSatisfy { $0.course == "robotics" })
        #expect(v.loaded.scenario.pins.count == 3)
        #expect(v.report.effects.last == .pinsChanged(dropped: 1, studentsTakenOut: 0))
    }

    @Test func removingARoomDropsThePinsInIt() throws {
        let v = try variant(try base(), ["remove: {room: 101, site: a}"])
        #expect(v.loaded.scenario.pins.count == 3)
        #expect(v.report.effects == [.removedRoom(room: "101", site: "a"), .pinsChanged(dropped: 1, studentsTakenOut: 0)])
    }

    @Test func removingASchoolDropsItsPinsAndItsTeachersPinsAndUnpinsItsStudents() throws {
        // School b: the pin at b (t2) goes; s5 and s7 (students of b) leave the last pin.
        let v = try variant(try base(), ["remove: {school: b}"])
        let pins = v.loaded.scenario.pins
        #expect(pins.map(\.summary) == ["robotics, teacher t1, at a, room 101, slot 1, students s2|s4",
                                        "chemistry, at a, room lab, slot 2, students s2|s6",
                                        "robotics"])
        #expect(v.report.effects.last == .pinsChanged(dropped: 1, studentsTakenOut: 1))
    }

    @Test func removingTheSchoolOfAPinnedTeacherDropsThatPin() throws {
        let t = try base(pins: "course,teacher\nrobotics,t2\nrobotics,t1\n")
        let v = try variant(t, ["remove: {school: b}"])
        #expect(v.loaded.scenario.pins == [Pin(course: "robotics", teacher: "t1")])
    }

    @Test func scaleDemandKeepsPinnedStudentsChoices() throws {
        let v = try variant(try base(), ["scale_demand: {course: robotics, factor: 0.5}"])
        let s = v.loaded.scenario
        let pinned: Set<String> = ["s1", "s2", "s3", "s4", "s5", "s7"]
        for st in s.students where pinned.contains(st.id) { #expect(st.choices.contains("robotics"), "\(st.id)") }
        // 24 choosers × 0.5: 12 lose it, all among the 18 who are not pinned.
        #expect(s.students.filter { $0.choices.contains("robotics") }.count == 12)
        #expect(v.report.demandChanges.first?.removed.count == 12)
        #expect(v.report.demandChanges.first?.removed.contains { pinned.contains($0) } == false)
    }

    @Test func aSettingThatMakesAPinImpossibleIsAnErrorAtThePin() throws {
        // Students of b pinned at a: 9.4 minutes away, more than a 5-minute limit.
        let t = try TempScenario(Fixture.with(["pins.csv": "course,site,room,students\nrobotics,a,101,s1\n"]))
        let e = try variantErrors(t, ["set: {profile_day.max_trip_minutes: 5}"])
        #expect(e.contains { $0.location?.file == "pins.csv" && $0.message.hasPrefix("H4 student: 's1' of 'b' would travel 9.") })
    }
}
