import Foundation
import Testing
import SetkaModel
import Wording
@testable import ProfileDay

/// Hand edits (`TimetableEditing`) on `CheckerFixture`, worked out by hand:
///
/// | section | course | teacher (site) | where   | slot | students |
/// |---------|--------|----------------|---------|------|----------|
/// | S1      | math   | T1 (a)         | a / r1  | 1    | a1 a2 a3 |
/// | S2      | robo   | T3 (c)         | c / ws  | 2    | b1 b2    |
/// | S3      | online | T1 (a)         | remote  | 3    | a1 b1    |
/// | S4      | chem   | T2 (b)         | a / lab | 2    | a2 a3    |
/// | S5      | math   | T2 (b)         | b / r1  | 1    | b3 b4    |
///
/// Sizes 2…4; travel a–b 20, b–c 15, a–c 30; trips up to 40; rank values 100, 80, 60; 0.5 per
/// minute; 5 per section; objective 940. b3 and b4 (of b, one elective each) choose math, robo:
/// math at a is worth 100 − 10 = 90 to them, robo at c 80 − 7.5 = 72.5.
@Suite struct EditTests {
    func apply(_ edits: [TimetableEdit], _ f: CheckerFixture = CheckerFixture(), pins: [Pin] = [], pin: Bool = false)
        throws(EditRefusal) -> EditOutcome {
        var scenario = f.scenario
        scenario.pins = pins
        return try TimetableEditing.apply(edits, to: f.timetable, in: scenario, pin: pin)
    }

    /// The refusal of edits that must be refused (an issue is recorded otherwise).
    func refusal(_ edits: [TimetableEdit], _ f: CheckerFixture = CheckerFixture(), pins: [Pin] = [],
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) -> EditRefusal? {
        do {
            let o = try apply(edits, f, pins: pins)
            Issue.record("expected a refusal, got \(o.moves)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    func sections(_ o: EditOutcome, of student: String) -> [String] {
        o.timetable.enrolments.filter { $0.student == student }.map(\.section).sorted()
    }

    // MARK: close

    @Test func closeReseatsItsStudentsAtTheirBestRemainingOption() throws {
        let o = try apply([.close(section: "S5")])
        // b3 comes first: the last seat of S1 (math at a, 90); b4 then robo at c (72.5).
        #expect(o.moves == [StudentMove(student: "b3", before: ["S5"], after: ["S1"]),
                            StudentMove(student: "b4", before: ["S5"], after: ["S2"])])
        #expect(o.closed == [ClosedSection(section: "S5", course: "math", reason: .edit)])
        #expect(o.before.value == 940)
        #expect(o.after.value == 907.5)
        #expect(o.objectiveChange == -32.5)
        #expect(o.check.isValid)
        // The other sections keep their ids and order.
        #expect(o.timetable.sections.map(\.id) == ["S1", "S2", "S3", "S4"])
    }

    // MARK: move

    @Test func moveToASlotWhereTheTeacherTeachesIsRefused() {
        let r = refusal([.move(section: "S5", to: SectionPlacement(slot: "2"))])
        guard case .breaks(let v) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(v.map(\.kind) == [.teacherTwoSectionsInSlot])
        #expect(Words(.en).refusal(r!) == "--move S5 --to slot=2: H1 teacher: teacher T2 teaches sections S4 and S5 in slot 2")
        #expect(Words(.ru).refusal(r!) == "--move S5 --to slot=2: H1 учитель: учитель T2 ведёт группы S4 и S5 на одном занятии 2")
    }

    @Test func moveToASlotTheTeacherIsNotFreeIsRefused() {
        let r = refusal([.move(section: "S5", to: SectionPlacement(slot: "3"))])
        guard case .breaks(let v) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(v.map(\.kind) == [.teacherSlotNotFree])
        #expect(Words(.en).refusal(r!).hasSuffix("teacher T2 teaches section S5 in slot 3, but is free only in slots 1 and 2"))
    }

    @Test func moveIntoARoomOfTheWrongKindIsRefused() {
        let r = refusal([.move(section: "S1", to: SectionPlacement(room: "lab"))])
        guard case .breaks(let v) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(v.map(\.kind) == [.roomWrongKind])
    }

    @Test func moveToAnotherTeacherWhoCannotTeachItIsRefused() {
        let r = refusal([.move(section: "S4", to: SectionPlacement(teacher: "T3"))])
        guard case .breaks(let v) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(v.map(\.kind).contains(.teacherCourseNotTaught))
    }

    @Test func moveThatLeavesTheSectionBelowItsMinimumIsRefusedWithWhoCannotCome() {
        // Online moved to slot 2: b1 takes robo (S2) then and keeps it; a1 alone stays.
        let r = refusal([.move(section: "S3", to: SectionPlacement(slot: "2"))])
        guard case let .belowMinimum(section, enrolled, minSize, blocked) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(section == "S3" && enrolled == 1 && minSize == 2)
        #expect(blocked.map(\.kind) == [.studentTwoSectionsInSlot])
        #expect(blocked.first?.student == "b1")
        #expect(Words(.en).refusal(r!) == "--move S3 --to slot=2: H3 size: section S3 would keep 1 student, fewer than the minimum 2; the others cannot come: H4 student: student b1 attends sections S2 and S3 in slot 2")
    }

    @Test func moveWhereEveryoneFollows() throws {
        // Math at b moves from slot 1 to room r1 at b… in slot 1 is where it is; to T2's slot 2
        // T2 is busy: give S5 to T1's free slot 2 instead? T1 cannot travel to b in time from a
        // (20 ≤ 20 fits). Everyone (b3, b4) follows: same ids, their day changed.
        let o = try apply([.move(section: "S5", to: SectionPlacement(slot: "2", teacher: "T1"))])
        #expect(o.moved == ["S5"])
        #expect(o.moves.map(\.student) == ["b3", "b4"])
        #expect(o.moves.allSatisfy { $0.before == ["S5"] && $0.after == ["S5"] })
        let s5 = o.timetable.sections.first { $0.id == "S5" }
        #expect(s5?.teacher == "T1" && s5?.slot == "2" && s5?.site == "b" && s5?.room == "r1")
        #expect(o.check.isValid)
    }

    // MARK: open

    @Test func openFillsWithTheStudentsWhoGainMost() throws {
        var f = CheckerFixture()
        f.students.append(Student(id: "c1", school: "c", choices: ["robo"]))
        f.students.append(Student(id: "c2", school: "c", choices: ["robo"]))
        let o = try apply([.open(NewSection(course: "robo", teacher: "T3", place: .site("c"), room: "ws", slot: "3"))], f)
        #expect(o.opened == ["E1"])
        #expect(o.moves == [StudentMove(student: "c1", before: [], after: ["E1"]), StudentMove(student: "c2", before: [], after: ["E1"])])
        #expect(o.objectiveChange == 2 * 100 - 5)
        #expect(o.timetable.sections.last == Section(id: "E1", course: "robo", teacher: "T3", site: "c", room: "ws", slot: "3"))
    }

    @Test func openThatTooFewCanJoinIsRefused() {
        // Nobody can take math with T4 at a in slot 2: its choosers have math, or live too far.
        let r = refusal([.open(NewSection(course: "math", teacher: "T4", place: .site("a"), room: "r1", slot: "2"))])
        guard case let .belowMinimum(section, enrolled, minSize, _) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(section == "E1" && enrolled == 0 && minSize == 2)
    }

    @Test func openWithABusyTeacherIsRefused() {
        let r = refusal([.open(NewSection(course: "math", teacher: "T1", place: .site("a"), room: "r1", slot: "1"))])
        guard case .breaks(let v) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(Set(v.map(\.kind)) == [.teacherTwoSectionsInSlot, .roomTwoSectionsInSlot])
    }

    // MARK: assign

    @Test func assignLeavesTheClashingSectionWhichClosesBelowItsMinimum() throws {
        // b3 into S1 (math, slot 1) leaves S5 (math, slot 1); S5 keeps b4 alone and closes; S1 is
        // then full, so b4 gets robo.
        let o = try apply([.assign(student: "b3", section: "S1")])
        #expect(o.closed == [ClosedSection(section: "S5", course: "math", reason: .belowMinimum(enrolled: 1, minSize: 2, hostStudents: nil))])
        #expect(o.moves == [StudentMove(student: "b3", before: ["S5"], after: ["S1"]),
                            StudentMove(student: "b4", before: ["S5"], after: ["S2"])])
        #expect(o.check.isValid)
    }

    @Test func assignDropsTheLeastValuedSectionOfAFullDay() throws {
        // a1 (math, online, chem) has S1 (100) and S3 (80); chem in S4 needs one of them to go:
        // S3, which then has b1 alone and closes; b1 keeps robo.
        let o = try apply([.assign(student: "a1", section: "S4")])
        #expect(sections(o, of: "a1") == ["S1", "S4"])
        #expect(o.closed.map(\.section) == ["S3"])
        #expect(Set(o.moves.map(\.student)) == ["a1", "b1"])
    }

    @Test func assignsThatNoReseatingMendsAreRefused() {
        // A course the student did not choose; a trip beyond the limit; a full room.
        let notChosen = refusal([.assign(student: "b2", section: "S1")])
        guard case .breaks(let v1) = notChosen?.reason else { Issue.record("\(String(describing: notChosen))"); return }
        #expect(v1.map(\.kind) == [.studentCourseNotChosen])
        let far = refusal([.assign(student: "d1", section: "S1")])
        guard case .breaks(let v2) = far?.reason else { Issue.record("\(String(describing: far))"); return }
        #expect(v2.map(\.kind) == [.studentTripTooLong])
        var f = CheckerFixture()
        f.room("a", "r1") { $0.capacity = 3 }
        let full = refusal([.assign(student: "b3", section: "S1")], f)
        guard case .breaks(let v3) = full?.reason else { Issue.record("\(String(describing: full))"); return }
        #expect(v3.map(\.kind) == [.sectionOverRoomCapacity])
        #expect(refusal([.assign(student: "a1", section: "S1")])?.reason == .alreadyEnrolled(student: "a1", section: "S1"))
        #expect(refusal([.assign(student: "zz", section: "S1")])?.reason == .unknown(.student, "zz"))
        #expect(refusal([.assign(student: "a1", section: "S9")])?.reason == .unknown(.section, "S9"))
    }

    // MARK: unassign

    @Test func unassignGivesTheStudentTheirBestOptionElsewhere() throws {
        // a1 leaves S1 (which keeps a2, a3): best is online (80) and math at b (90).
        let o = try apply([.unassign(student: "a1", section: "S1")])
        #expect(o.moves == [StudentMove(student: "a1", before: ["S1", "S3"], after: ["S3", "S5"])])
        #expect(o.closed.isEmpty)
    }

    @Test func unassignThatLeavesASectionBelowItsMinimumClosesIt() throws {
        let o = try apply([.unassign(student: "b3", section: "S5")])
        #expect(o.closed.map(\.section) == ["S5"])
        // b4 is re-seated first (the last seat of S1); b3 never goes back to S5 (closed) and gets robo.
        #expect(sections(o, of: "b4") == ["S1"])
        #expect(sections(o, of: "b3") == ["S2"])
        #expect(refusal([.unassign(student: "b3", section: "S1")])?.reason == .notEnrolled(student: "b3", section: "S1"))
    }

    // MARK: pins

    static let pinS4 = Pin(course: "chem", teacher: "T2")
    static let pinS5 = Pin(course: "math", teacher: "T2", place: .site("b"), room: "r1", slot: "1", students: ["b3"])

    @Test func closingAPinnedSectionIsRefused() {
        let r = refusal([.close(section: "S5")], pins: [Self.pinS5])
        #expect(r?.reason == .pinned(section: "S5", pin: 0, pinned: Self.pinS5))
        #expect(Words(.en).refusal(r!) == "--close S5: H6 pins: section S5 meets pin 1 (pins.csv row 2: math, teacher T2, at b, room r1, slot 1, students b3), which this edit would break")
        #expect(Words(.ru).refusal(r!).hasPrefix("--close S5: H6 закрепления: группа S5 выполняет закрепление 1 (pins.csv, строка 2: курс math, учитель T2"))
    }

    @Test func aPinAnotherSectionCanMeetDoesNotBlockClosing() throws {
        // Math in slot 1: S1 meets it, and S5 could.
        let o = try apply([.close(section: "S1")], pins: [Pin(course: "math", slot: "1")])
        #expect(o.closed.map(\.section) == ["S1"])
        #expect(o.check.isValid)
    }

    @Test func pinnedStudentsStay() {
        #expect(refusal([.unassign(student: "b3", section: "S5")], pins: [Self.pinS5])?.reason
                == .pinnedStudent(student: "b3", section: "S5", pin: 0, pinned: Self.pinS5))
        // b3 into S1 would make them leave S5, where they are pinned.
        #expect(refusal([.assign(student: "b3", section: "S1")], pins: [Self.pinS5])?.reason
                == .pinnedStudent(student: "b3", section: "S5", pin: 0, pinned: Self.pinS5))
        // S5 may not move out of slot 1 while its pin says slot 1.
        #expect(refusal([.move(section: "S5", to: SectionPlacement(slot: "2", teacher: "T1"))], pins: [Self.pinS5])?.reason
                == .pinned(section: "S5", pin: 0, pinned: Self.pinS5))
    }

    @Test func pinAddsTheEditedSectionsToThePins() throws {
        var f = CheckerFixture()
        f.students.append(Student(id: "c1", school: "c", choices: ["robo"]))
        f.students.append(Student(id: "c2", school: "c", choices: ["robo"]))
        let o = try apply([.open(NewSection(course: "robo", teacher: "T3", place: .site("c"), room: "ws", slot: "3")),
                           .assign(student: "b3", section: "S1")], f, pins: [Self.pinS4], pin: true)
        #expect(o.newPins == [Pin(course: "robo", teacher: "T3", place: .site("c"), room: "ws", slot: "3"),
                              Pin(course: "math", teacher: "T1", place: .site("a"), room: "r1", slot: "1", students: ["b3"])])
        #expect(o.pins == [Self.pinS4] + o.newPins)
        #expect(o.scenario.pins == o.pins)
        #expect(o.check.isValid)
        // A pinned section a later edit closes for too few students: refused (b3 leaves S5, pinned).
        let r = refusal([.assign(student: "b3", section: "S1")], f, pins: [Self.pinS5.with(students: [])])
        #expect(r?.reason == .pinned(section: "S5", pin: 0, pinned: Self.pinS5.with(students: [])))
        // Nothing to pin after a close.
        #expect(throws: EditRefusal.self) { try TimetableEditing.apply([.close(section: "S2")], to: f.timetable, in: f.scenario, pin: true) }
    }

    // MARK: the dry run

    @Test func dryRunGivesTheVerdictAsOneValue() throws {
        let f = CheckerFixture()
        guard case .accepted(let report) = TimetableEditing.dryRun([.close(section: "S5")], to: f.timetable, in: f.scenario) else {
            Issue.record("refused"); return
        }
        #expect(report.objectiveChange == -32.5)
        #expect(report.studentsMoved.map(\.student) == ["b3", "b4"])
        let refused = TimetableEditing.dryRun([.move(section: "S5", to: SectionPlacement(slot: "2"))], to: f.timetable, in: f.scenario)
        #expect(!refused.isAccepted)
        // A value a web page can take as JSON, and back.
        let data = try JSONEncoder().encode(refused)
        let back = try JSONDecoder().decode(EditVerdict.self, from: data)
        guard case .refused(let r) = back, case .breaks(let v) = r.reason else { Issue.record("\(back)"); return }
        #expect(v.map(\.kind) == [.teacherTwoSectionsInSlot])
    }

    // MARK: the input

    @Test func aTimetableThatBreaksARuleIsNotEdited() {
        var f = CheckerFixture()
        f.enrol("d1", "S1")  // trip 50 > 40
        let r = refusal([.close(section: "S2")], f)
        guard case .invalidTimetable(let v) = r?.reason else { Issue.record("\(String(describing: r))"); return }
        #expect(v.map(\.kind).contains(.studentTripTooLong))
        // So is one that does not meet its pins.
        let unmet = refusal([.close(section: "S2")], pins: [Pin(course: "math", teacher: "T4")])
        guard case .invalidTimetable(let v2) = unmet?.reason else { Issue.record("\(String(describing: unmet))"); return }
        #expect(v2.map(\.kind) == [.pinNotMet])
    }

    @Test func editsApplyInOrderAllOrNothing() throws {
        // The second edit is refused: nothing of the first is returned either.
        let r = refusal([.close(section: "S2"), .move(section: "S5", to: SectionPlacement(slot: "3"))])
        #expect(r?.edit == .move(section: "S5", to: SectionPlacement(slot: "3")))
        // Closing robo sends b2 to online (S3), which then keeps its minimum when a1 leaves it.
        let o = try apply([.close(section: "S2"), .unassign(student: "a1", section: "S3")])
        #expect(o.closed.map(\.section) == ["S2"])
        #expect(sections(o, of: "b2") == ["S3"])
        #expect(!sections(o, of: "a1").contains("S3"))
    }
}

extension Pin {
    func with(students: [String]) -> Pin {
        var p = self
        p.students = students
        return p
    }
}
