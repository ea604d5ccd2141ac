import Foundation
import Testing
@testable import SetkaModel

/// `pins.csv`: the loader, and every kind of impossible pin with its message (the row, the column
/// and the rule it breaks). The fixture: schools a, b, c; slots 1 and 2 (a 20-minute break);
/// t1 at a teaches robotics and chemistry in any slot, t2 at b robotics only in slot 2, once, and
/// does not travel; chemistry needs the lab at a (15 seats, 8–15 students); students s1…s12 (odd
/// at b, even at a) choose robotics|chemistry.
@Suite("Pins: pins.csv")
struct PinTests {
    static let header = "course,teacher,site,room,slot,students\n"

    /// The fixture without rule H5 (its schools have only six students each, too few to invite a
    /// visiting teacher), for pins at another organisation than their teacher's.
    static let noH5 = ["scenario.yaml": Fixture.yaml + "\n  visiting_teacher_rule: false\n"]

    func load(_ pins: String, _ changes: [String: String] = [:]) throws -> LoadedScenario {
        try TempScenario(Fixture.with(changes.merging(["pins.csv": Self.header + pins]) { a, _ in a })).load()
    }

    func errors(_ pins: String, _ changes: [String: String] = [:]) throws -> [Diagnostic] {
        try TempScenario(Fixture.with(changes.merging(["pins.csv": Self.header + pins]) { a, _ in a })).errors()
    }

    /// The only error of a load, as `file:line:column: error: column 'x': message`.
    func only(_ pins: String, _ changes: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let e = try errors(pins, changes)
        #expect(e.count == 1, "\(e)", sourceLocation: sourceLocation)
        return e.first?.description ?? ""
    }

    @Test func validPinsLoad() throws {
        let s = try load("""
        robotics,t1,a,101,1,s2|s4
        chemistry,,a,lab,2,
        robotics,t2,b,,2,s1
        robotics,,,,,
        """).scenario
        #expect(s.pins.count == 4)
        #expect(s.pins[0] == Pin(course: "robotics", teacher: "t1", place: .site("a"), room: "101", slot: "1", students: ["s2", "s4"]))
        #expect(s.pins[1] == Pin(course: "chemistry", place: .site("a"), room: "lab", slot: "2"))
        #expect(s.pins[3] == Pin(course: "robotics"))
        #expect(s.pins[0].summary == "robotics, teacher t1, at a, room 101, slot 1, students s2|s4")
    }

    @Test func noPinsFileMeansNoPins() throws {
        #expect(try TempScenario(Fixture.files).load().scenario.pins.isEmpty)
    }

    @Test func remoteWordsAndSemicolons() throws {
        let s = try load("chemistry,t1,REMOTE,,1,\n", ["courses.csv": "id,room_kind,remote\nrobotics,any,no\nchemistry,chemistry-lab,yes\n"]).scenario
        #expect(s.pins[0].place == .remote)
        #expect(s.pins[0].isRemote)
        let t = try TempScenario(Fixture.with(["pins.csv": "Course;Site;Slot\nrobotics;a;1\n"])).load().scenario
        #expect(t.pins == [Pin(course: "robotics", place: .site("a"), slot: "1")])
    }

    // MARK: cells

    @Test func cellProblems() throws {
        #expect(try only(",t1,a,,1,\n") == "pins.csv:2:1: error: column 'course': expected the id of the pinned section's course (a course of courses.csv), found an empty cell")
        #expect(try only("robotics,t1,,101,1,\n") == "pins.csv:2:4: error: column 'room': room '101' needs its site: fill in 'site' with the organisation the room belongs to (room ids are unique only within a site)")
        #expect(try only("robotics,t1,remote,101,1,\n").hasPrefix("pins.csv:2:4: error: column 'room': a remote section has no room"))
        #expect(try only("robotics,t1,a,,1,s2|s4|s2\n") == "pins.csv:2:6: error: column 'students': student 's2' is listed twice in this pin; list each student once")
        let e = try TempScenario(Fixture.with(["pins.csv": "teacher,slot\nt1,1\n"])).errors()
        #expect(e.first?.message.hasPrefix("missing required column 'course'") == true)
    }

    // MARK: references

    @Test func unknownReferences() throws {
        #expect(try only("astronomy,t1,a,,1,\n") == "pins.csv:2:1: error: column 'course': unknown course 'astronomy' (not an id in courses.csv)")
        #expect(try only("robotics,t9,a,,1,\n") == "pins.csv:2:2: error: column 'teacher': unknown teacher 't9' (not an id in teachers.csv)")
        #expect(try only("robotics,t1,zz,,1,\n") == "pins.csv:2:3: error: column 'site': unknown organisation 'zz' (not an id in schools.csv; write 'remote' for a remote section)")
        #expect(try only("robotics,t1,a,999,1,\n") == "pins.csv:2:4: error: column 'room': unknown room '999' at 'a' (not in rooms.csv)")
        #expect(try only("robotics,t1,a,201,1,\n") == "pins.csv:2:4: error: column 'room': H2 room: 'a' has no room '201' (a room '201' is at b)")
        #expect(try only("robotics,t1,a,,7,\n") == "pins.csv:2:5: error: column 'slot': unknown slot '7' (the slots in scenario.yaml are: 1, 2)")
        #expect(try only("robotics,t1,a,,1,s2|s99\n") == "pins.csv:2:6: error: column 'students': unknown student 's99' (not an id in students.csv)")
    }

    // MARK: H1 teacher

    @Test func teacherCannotTeachTheCourse() throws {
        #expect(try only("chemistry,t2,,,2,\n") == "pins.csv:2:2: error: column 'teacher': H1 teacher: 't2' cannot teach course 'chemistry' (their courses in teachers.csv: robotics)")
    }

    @Test func teacherNotFreeInTheSlot() throws {
        #expect(try only("robotics,t2,b,,1,\n") == "pins.csv:2:5: error: column 'slot': H1 teacher: 't2' is not free in slot '1' (free in slots 2)")
    }

    @Test func teacherWhoDoesNotTravel() throws {
        #expect(try only("robotics,t2,a,,2,\n", Self.noH5) == "pins.csv:2:3: error: column 'site': H1 teacher: 't2' does not travel (travels: no) and works at 'b', not at 'a'")
    }

    @Test func noTeacherCanTakeThePin() throws {
        let teachers = "id,site,courses,slots\nt1,a,robotics|chemistry,2\nt2,b,robotics,2\n"
        #expect(try only("chemistry,,a,lab,1,\n", ["teachers.csv": teachers]) == "pins.csv:2:1: error: column 'course': H1 teacher: no teacher can teach course 'chemistry' in slot '1' at 'a': the teachers of the course (t1) are not free then or do not travel there")
    }

    @Test func oneTeacherPinnedTwiceInASlot() throws {
        #expect(try only("robotics,t1,a,101,1,\nchemistry,t1,a,lab,1,\n") == "pins.csv:3:5: error: column 'slot': H1 teacher: 't1' is pinned twice in slot '1' (also on line 2)")
    }

    @Test func teacherPinnedBeyondMaxSections() throws {
        let teachers = "id,site,courses,max_sections\nt1,a,robotics|chemistry,1\nt2,b,robotics,1\n"
        #expect(try only("robotics,t1,a,101,1,\nchemistry,t1,a,lab,2,\n", ["teachers.csv": teachers]) == "pins.csv:3:2: error: column 'teacher': H1 teacher: 't1' is pinned to 2 sections (lines 2 and 3), more than max_sections 1")
    }

    @Test func teacherPinnedToConsecutiveSlotsTooFarApart() throws {
        let travel = "from,to,minutes\na,b,30\n"
        #expect(try only("robotics,t1,b,201,1,\nchemistry,t1,a,lab,2,\n", Self.noH5.merging(["travel.csv": travel]) { a, _ in a }) == "pins.csv:3:3: error: column 'site': H1 teacher: 't1' would teach at 'b' in slot '1' (line 2) and at 'a' in slot '2': the trip takes 30 minutes but the break is 20")
        // A remote pin counts at the teacher's own site.
        let courses = "id,room_kind,remote\nrobotics,any,yes\nchemistry,chemistry-lab,no\n"
        #expect(try load("robotics,t1,remote,,1,\nchemistry,t1,a,lab,2,\n", ["travel.csv": travel, "courses.csv": courses]).scenario.pins.count == 2)
    }

    @Test func pinsOfOneSlotNeedDistinctTeachers() throws {
        // Only t1 teaches chemistry: two chemistry pins in slot 2 cannot both have a teacher.
        let rooms = Fixture.rooms + "\na,lab2,15,chemistry-lab"
        #expect(try only("chemistry,,a,lab,2,\nchemistry,,a,lab2,2,\n", ["rooms.csv": rooms]) == "pins.csv:3:1: error: column 'course': H1 teacher: no teacher is left for this pin in slot '2': the teachers who could teach 'chemistry' here (t1) are needed by the pins on line 2")
        // A named teacher is matched first: the unnamed pin is the one left over.
        #expect(try only("chemistry,,a,lab,2,\nrobotics,t1,a,101,2,\n", ["rooms.csv": rooms]).hasPrefix("pins.csv:2:1: error: column 'course': H1 teacher: no teacher is left for this pin in slot '2'"))
    }

    // MARK: H2 room

    @Test func remotePinOfACourseThatIsNotRemote() throws {
        #expect(try only("robotics,t1,remote,,1,\n") == "pins.csv:2:3: error: column 'site': H2 room: course 'robotics' cannot run remotely (remote: no in courses.csv)")
    }

    @Test func siteTheCourseDoesNotAllow() throws {
        let e = try errors("chemistry,t1,b,,1,\n", Self.noH5).map(\.description)
        #expect(e == ["pins.csv:2:3: error: column 'site': H2 room: course 'chemistry' may be held only at a, not at 'b'",
                      "pins.csv:2:3: error: column 'site': H2 room: 'b' has no room of kind 'chemistry-lab' for course 'chemistry'"])
    }

    @Test func roomOfTheWrongKind() throws {
        #expect(try only("chemistry,t1,a,101,1,\n") == "pins.csv:2:4: error: column 'room': H2 room: course 'chemistry' needs a room of kind 'chemistry-lab', but room '101' at 'a' is of kind 'classroom'")
    }

    @Test func siteWithoutARoomOfTheKind() throws {
        let courses = Fixture.courses + "\nwood,Столярное дело,tech,workshop,,,,"
        let students = "id,school,choices\n" + (1...12).map { "s\($0),a,wood\n" }.joined()
        #expect(try only("wood,,a,,1,\n", ["courses.csv": courses, "students.csv": students, "teachers.csv": "id,site,courses\nt1,a,wood\n"]) == "pins.csv:2:3: error: column 'site': H2 room: 'a' has no room of kind 'workshop' for course 'wood'")
    }

    @Test func oneRoomPinnedTwiceInASlot() throws {
        let teachers = Fixture.teachers + "\nt3,,a,robotics,,,"
        #expect(try only("robotics,t1,a,101,2,\nrobotics,t3,a,101,2,\n", ["teachers.csv": teachers]) == "pins.csv:3:4: error: column 'room': H2 room: room '101' at 'a' is pinned twice in slot '2' (also on line 2)")
    }

    @Test func pinsOfOneSiteAndSlotNeedDistinctRooms() throws {
        let teachers = Fixture.teachers + "\nt3,,a,chemistry,,,"
        #expect(try only("chemistry,,a,,1,\nchemistry,,a,,1,\n", ["teachers.csv": teachers]) == "pins.csv:3:3: error: column 'site': H2 room: no room is left for this pin at 'a' in slot '1': the rooms that suit 'chemistry' there (lab) are needed by the pins on line 2")
    }

    // MARK: H3 size

    @Test func morePinnedStudentsThanTheRoomHolds() throws {
        let rooms = "site,id,capacity,kind\na,101,30,classroom\na,lab,3,chemistry-lab\nb,201,25,\n"
        let courses = "id,room_kind,min_size,sites\nrobotics,any,,\nchemistry,chemistry-lab,2,a\n"
        #expect(try only("chemistry,t1,a,lab,1,s2|s4|s6|s8\n", ["rooms.csv": rooms, "courses.csv": courses]) == "pins.csv:2:6: error: column 'students': H3 size: 4 students are pinned, but the section holds at most 3 (room 'lab' seats 3)")
        #expect(try only("chemistry,t1,a,,1,s2|s4|s6|s8\n", ["rooms.csv": rooms, "courses.csv": courses]).hasSuffix("H3 size: 4 students are pinned, but the section holds at most 3 (the largest room of kind 'chemistry-lab' at 'a' seats 3)"))
        let small = "id,room_kind,min_size,max_size\nrobotics,any,1,2\nchemistry,chemistry-lab,,\n"
        #expect(try errors("robotics,,,,,s1|s2|s3\n", ["courses.csv": small]).first?.message == "H3 size: 3 students are pinned, but the section holds at most 2 (max_size 2)")
    }

    @Test func tooFewStudentsCanReachThePinnedSection() throws {
        let courses = "id,room_kind,min_size,max_size\nrobotics,any,13,25\nchemistry,chemistry-lab,,\n"
        let e = try errors("robotics,,,,,\n", ["courses.csv": courses])
        #expect(e.contains { $0.description == "pins.csv:2:1: error: column 'course': H3 size: only 12 students who chose 'robotics' can attend, fewer than its minimum of 13; the pinned section cannot open" })
        // Within reach: c is 90 minutes from everyone.
        let travel = "from,to,minutes\na,c,90\nb,c,90\n"
        let e2 = try errors("robotics,,c,ws,1,\n", ["travel.csv": travel])
        #expect(e2.contains { $0.message == "H3 size: only 0 students who chose 'robotics' within max_trip_minutes 60 of 'c' can attend, fewer than its minimum of 10; the pinned section cannot open" })
    }

    // MARK: H4 student

    @Test func studentWhoDidNotChooseTheCourse() throws {
        let students = Fixture.students + "s13,a,10,,robotics\n"
        #expect(try only("chemistry,t1,a,lab,1,s13\n", ["students.csv": students]) == "pins.csv:2:6: error: column 'students': H4 student: 's13' did not choose course 'chemistry' (their choices: robotics)")
    }

    @Test func studentBeyondTheTripLimit() throws {
        let travel = "from,to,minutes\na,c,90\n"
        let e = try errors("robotics,t1,c,ws,1,s2\n", ["travel.csv": travel])
        #expect(e.contains { $0.description == "pins.csv:2:6: error: column 'students': H4 student: 's2' of 'a' would travel 90 minutes to 'c' (max_trip_minutes 60)" })
    }

    @Test func studentPinnedTwiceInOneSlot() throws {
        #expect(try only("robotics,t2,b,,2,s1\nchemistry,t1,a,lab,2,s1\n") == "pins.csv:3:6: error: column 'students': H4 student: 's1' is pinned to two sections in slot '2' (also on line 2)")
    }

    @Test func studentPinnedToOneCourseTwice() throws {
        #expect(try only("robotics,t1,a,101,1,s2\nrobotics,t2,b,,2,s2\n") == "pins.csv:3:6: error: column 'students': H4 student: 's2' is pinned to course 'robotics' twice (also on line 2); a student takes a course once")
    }

    @Test func studentPinnedBeyondWhatTheyWant() throws {
        let students = Fixture.students + "s13,a,10,1,robotics|chemistry\n"
        #expect(try only("robotics,t1,a,101,1,s13\nchemistry,t1,a,lab,2,s13\n", ["students.csv": students]) == "pins.csv:3:6: error: column 'students': H4 student: 's13' is pinned to 2 sections (lines 2 and 3) but wants 1")
    }

    @Test func studentPinnedToConsecutiveSlotsTooFarApart() throws {
        let travel = "from,to,minutes\na,b,30\n"
        let teachers = Fixture.teachers + "\nt3,,b,robotics,,,"
        #expect(try only("robotics,t3,b,201,1,s2\nchemistry,t1,a,lab,2,s2\n", ["travel.csv": travel, "teachers.csv": teachers]) == "pins.csv:3:3: error: column 'site': H4 student: 's2' would attend at 'b' in slot '1' (line 2) and at 'a' in slot '2': the trip takes 30 minutes but the break is 20")
    }

    // MARK: H5 visiting teacher

    @Test func visitingTeacherWithoutEnoughHostStudents() throws {
        #expect(try only("robotics,t1,b,201,1,\n") == "pins.csv:2:3: error: column 'site': H5 visiting teacher: 't1' works at 'a', and at 'b' only 6 students of its own chose 'robotics' (at least 10 needed to invite a visiting teacher)")
        let yaml = Fixture.yaml + "\n  visiting_teacher_rule: false\n"
        #expect(try load("robotics,t1,b,201,1,\n", ["scenario.yaml": yaml]).scenario.pins.count == 1)
    }

    @Test func pinsWithoutAProfileDayAreAWarning() throws {
        let t = try TempScenario(["scenario.yaml": "format: setka/1\n", "schools.csv": Fixture.schools, "pins.csv": Self.header + "robotics,,,,,\n"])
        let loaded = try t.load()
        #expect(loaded.warnings.first(containing: "no profile_day, so its pins are not used")?.location?.line == 2)
    }

    // MARK: workbooks

    @Test func aWorkbooksPinsSheetLoadsAndItsErrorsNameSheetAndCell() throws {
        let dir = try TempScenario(Fixture.files)
        var scenario = try dir.load().scenario
        scenario.pins = [Pin(course: "robotics", teacher: "t1", place: .site("a"), room: "101", slot: "1", students: ["s2"]),
                         Pin(course: "robotics", teacher: "t2", slot: "1")]
        let url = dir.url.appendingPathComponent("district.xlsx")
        try ScenarioWorkbook.workbook(scenario, language: .ru).write(to: url)
        let e = Workbooks.errors(url)
        #expect(e.map(\.description) == ["district.xlsx[Закрепления]!E3: error: column 'slot': H1 teacher: 't2' is not free in slot '1' (free in slots 2)"])
        scenario.pins.removeLast()
        scenario.pins.append(Pin(course: "chemistry", teacher: "t1", slot: "1"))
        try ScenarioWorkbook.workbook(scenario, language: .en).write(to: url)
        #expect(Workbooks.errors(url).map(\.message) == ["H1 teacher: 't1' is pinned twice in slot '1' (also on row 2)"])
    }

    // MARK: matching

    @Test func matchingFindsAugmentingPaths() {
        // Item 0 could take 1 or 2; item 1 only 1: both matched.
        #expect(DistinctAssignment.match([[1, 2], [1]]) == [2, 1])
        #expect(DistinctAssignment.match([[1], [1]]) == [1, nil])
        #expect(DistinctAssignment.match([[], [3]]) == [nil, 3])
    }

    // MARK: writing

    @Test func writerWritesPinsThatLoadBack() throws {
        let t = try TempScenario(Fixture.with(["pins.csv": Self.header + "robotics,t1,a,101,1,s2|s4\nrobotics,t2,b,,2,\n"]))
        let s = try t.load().scenario
        let csv = ScenarioWriter.pinsCSV(s.pins + [Pin(course: "robotics", place: .remote)])
        #expect(csv == "course,teacher,site,room,slot,students\nrobotics,t1,a,101,1,s2|s4\nrobotics,t2,b,,2,\nrobotics,,remote,,,\n")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("setka-pins-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try ScenarioWriter.write(s, to: out)
        #expect(try ScenarioLoader.load(from: out).scenario.pins == s.pins)
        var none = s
        none.pins = []
        try ScenarioWriter.write(none, to: out)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("pins.csv").path))
    }
}
