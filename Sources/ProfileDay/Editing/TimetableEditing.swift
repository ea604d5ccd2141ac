import Foundation
import SetkaModel

/// Hand edits of a profile-day timetable: the one operation behind `setka edit` and the browser
/// application's grid (which calls it as a dry run on every drag, then again to apply).
///
///     let outcome = try TimetableEditing.apply([.close(section: "S012")], to: timetable, in: scenario)
///     outcome.objectiveChange, outcome.moves, outcome.timetable   // nothing is written here
///
/// What an edit does:
/// - **close** a section: its students get their best remaining option (best response among the
///   open sections with free seats).
/// - **move** a section to another slot, room, site or teacher: its students follow where they
///   can; those who cannot (another section in that slot, too far, no seat) get their best
///   remaining option, which may be the moved section again in place of the one they have then.
/// - **open** a section: the students who gain most from it join it (leaving a worse section
///   that stays at its minimum); when fewer than its minimum gain, those who lose least join too.
/// - **assign** a student to a section: they leave what clashes with it (the section in that
///   slot, another section of the course, a section too far before or after, their least valued
///   section when they would have too many) and their free slots get their best option.
/// - **unassign** a student from a section: they get their best remaining option elsewhere.
///
/// Only the people an edit touches move: the students of the edited section, those who join or
/// leave it, and the students of a section that falls below its minimum (or below the host
/// students a visiting teacher needs, H5) because of the edit, which then closes and whose
/// students are re-seated the same way. The edited section itself never closes that way: an edit
/// that would leave it below its minimum is refused.
///
/// An edit that cannot be made legal is refused (`EditRefusal`) with the rule and the people that
/// block it, as the independent checker states them (`Violation`s: "teacher t017 is not free in
/// slot 3"). Pinned sections (H6) are never closed, and moved only where the pin allows; a
/// pinned student never leaves their section. With `pin`, every section an edit moved, opened or
/// assigned a student to becomes a pin (`EditOutcome.newPins`), which the result also meets.
///
/// The result always passes `ProfileDayChecker` (against the scenario with the new pins) before
/// it is returned; the input must pass it too.
public enum TimetableEditing {
    /// Applies `edits` in order (all or nothing) to `timetable` of `scenario`.
    public static func apply(_ edits: [TimetableEdit], to timetable: Timetable, in scenario: Scenario,
                             pin: Bool = false) throws(EditRefusal) -> EditOutcome {
        let stopwatch = Stopwatch()
        guard scenario.profileDay?.slots.isEmpty == false else { throw EditRefusal(nil, .noProfileDay) }
        let before = ProfileDayChecker.check(timetable, in: scenario)
        guard before.isValid else { throw EditRefusal(nil, .invalidTimetable(before.violations)) }
        if pin, let edit = edits.first(where: { if case .close = $0 { true } else if case .unassign = $0 { true } else { false } }) {
            throw EditRefusal(edit, .pinNeedsASection)
        }
        var session = try EditSession(timetable, in: scenario)
        for edit in edits {
            try session.apply(edit)
        }
        var pins = scenario.pins
        var newPins: [Pin] = []
        if pin { (pins, newPins) = session.pinsAfter() }
        var checkedScenario = scenario
        checkedScenario.pins = pins
        let result = session.timetable()
        let check = ProfileDayChecker.check(result, in: checkedScenario)
        guard check.isValid else { throw EditRefusal(nil, .rejected(check.violations)) }
        return EditOutcome(
            edits: edits, timetable: result, scenario: checkedScenario, before: before.objective, check: check,
            moves: session.studentMoves(from: timetable, to: result), closed: session.closedSections(),
            opened: session.openedIDs(), moved: session.movedIDs(), pins: pins, newPins: newPins,
            seconds: stopwatch.seconds, state: session.state, sectionIDs: session.sectionIDs())
    }
}

extension TimetableEditing {
    /// The dry run the browser application asks on every drag: whether the edit can be made and,
    /// when it can, what it would do (the objective change, who would move); the library never
    /// writes anything. Same as `apply`, as one `Codable` value.
    public static func dryRun(_ edits: [TimetableEdit], to timetable: Timetable, in scenario: Scenario,
                              pin: Bool = false) -> EditVerdict {
        do { return .accepted(try apply(edits, to: timetable, in: scenario, pin: pin).report) } catch { return .refused(error) }
    }
}

/// The verdict of a dry run (`TimetableEditing.dryRun`): what the edit would do, or why not.
public enum EditVerdict: Sendable, Codable {
    case accepted(EditReport)
    case refused(EditRefusal)

    public var isAccepted: Bool { if case .accepted = self { true } else { false } }
}

/// What an edit did (what a dry run answers, and what `setka edit` writes).
public struct EditOutcome: Sendable {
    public var edits: [TimetableEdit]
    /// The edited timetable: the sections it kept keep their ids and order; new ones come last.
    public var timetable: Timetable
    /// The scenario the result was checked against (its pins include `newPins`).
    public var scenario: Scenario
    /// The objective before (the checker's, of the given timetable) and after.
    public var before: ProfileDayObjective
    /// The independent checker's report on the result (always valid).
    public var check: CheckReport
    public var after: ProfileDayObjective { check.objective }
    /// `after.value - before.value`.
    public var objectiveChange: Double { check.objective.value - before.value }
    /// Every student whose sections changed, in the order of `students.csv`.
    public var moves: [StudentMove]
    /// Sections that closed: the one closed by hand and those left below their minimum.
    public var closed: [ClosedSection]
    /// Sections opened by hand, and sections moved (same id, new place).
    public var opened: [String]
    public var moved: [String]
    /// The scenario's pins after the edit (`newPins` appended, or students added to the pin a
    /// section already met), and the new pins alone.
    public var pins: [Pin]
    public var newPins: [Pin]
    /// Seconds the edit took (loading, checks and re-seating, not reading files).
    public var seconds: Double
    /// The working state (for the explanations of the written result).
    let state: ScheduleState
    let sectionIDs: [Int: String]

    /// Why courses did not open and why students are short, for the edited timetable (the same
    /// explanations `setka schedule` writes).
    public func explanations() -> Explanations {
        guard !pins.isEmpty else { return Search(state.p).explain(state, sectionIDs: sectionIDs) }
        // The pins after the edit (with `pin`, new ones too) as the checker finds them in the result.
        var marked = state
        let number = Dictionary(sectionIDs.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        marked.markPins(pins, in: timetable) { number[$0] }
        return Search(state.p).explain(marked, sectionIDs: sectionIDs)
    }
}

/// A student whose day an edit changed: their sections before and after (ids).
public struct StudentMove: Sendable, Hashable, Codable {
    public var student: String
    public var before: [String]
    public var after: [String]
}

/// A section an edit closed, and why.
public struct ClosedSection: Sendable, Hashable, Codable {
    public enum Reason: Sendable, Hashable, Codable {
        /// Closed by the edit itself (`close`).
        case edit
        /// Left with `enrolled` students, below the minimum `minSize` (or, `hostStudents` not
        /// nil, with too few of its host organisation's students for a visiting teacher, H5).
        case belowMinimum(enrolled: Int, minSize: Int, hostStudents: Int?)
    }
    public var section: String
    public var course: String
    public var reason: Reason
}

/// Why an edit was refused. Nothing was changed.
public struct EditRefusal: Error, Sendable, Hashable, Codable {
    /// The edit refused (nil: the request as a whole, or the given timetable).
    public var edit: TimetableEdit?
    public var reason: Reason

    public init(_ edit: TimetableEdit?, _ reason: Reason) { self.edit = edit; self.reason = reason }

    /// What an id names.
    public enum Thing: String, Sendable, Hashable, Codable { case section, student, course, teacher, site, room, slot }

    public enum Reason: Sendable, Hashable, Codable {
        /// The scenario has no profile day.
        case noProfileDay
        /// The given timetable does not pass the check (against this scenario and its pins).
        case invalidTimetable([Violation])
        /// An id the timetable or the scenario does not have.
        case unknown(Thing, String)
        /// The edit would break these rules (the checker's findings on the edited section, its
        /// teacher, room or student), which re-seating students cannot mend.
        case breaks([Violation])
        /// H6: the section meets a pin (`pin` = its position in `scenario.pins`, `pinned` the
        /// pin) that the edit would break: closing it, or moving it where the pin does not allow.
        case pinned(section: String, pin: Int, pinned: Pin)
        /// H6: the student is pinned to that section.
        case pinnedStudent(student: String, section: String, pin: Int, pinned: Pin)
        /// The edited section would keep `enrolled` students, below its minimum; `blocked` are the
        /// rules that keep the others out (a student's other section in that slot, the trip…).
        case belowMinimum(section: String, enrolled: Int, minSize: Int, blocked: [Violation])
        /// A visiting teacher's section would keep too few students of its host (H5).
        case tooFewHostStudents(section: String, hostStudents: Int, minSize: Int)
        /// No free room of the course's kind at the site in that slot.
        case noFreeRoom(site: String, slot: String, course: String)
        /// The student does not attend that section (unassign), or already does (assign).
        case notEnrolled(student: String, section: String)
        case alreadyEnrolled(student: String, section: String)
        /// The move names the section's own place.
        case nothingToMove(section: String)
        /// `pin` goes with edits that leave a section to pin: move, open, assign.
        case pinNeedsASection
        /// The result failed the independent check (a defect in Setka; nothing is written).
        case rejected([Violation])
    }
}

// MARK: - The session

/// A timetable held in the scheduler's working state while edits are applied, with the section
/// ids of the given timetable.
struct EditSession {
    var state: ScheduleState
    let scenario: Scenario
    let numbers: TimetableNumbering
    /// Section id of each section of `state` (closed ones too); nil for none.
    var ids: [String?]
    var sectionOfID: [String: Int]
    /// Sections in the order of the given timetable, then those opened.
    var order: [Int]
    var closedByEdit: [(section: String, course: String, reason: ClosedSection.Reason)] = []
    var openedByEdit: [String] = []
    var movedByEdit: [String] = []
    /// Sections to pin (with `pin`): section state index → students to add to its pin.
    var toPin: [(section: Int, students: [Int])] = []

    var p: ProblemIndex { state.p }

    /// Holds `timetable` (which passed the check) in a working state; its pins are found as the
    /// checker finds them (H6: distinct sections meeting each pin).
    init(_ timetable: Timetable, in scenario: Scenario) throws(EditRefusal) {
        self.scenario = scenario
        let working: WorkingTimetable
        do { working = try WorkingTimetable(timetable, in: scenario) } catch {
            // The timetable passed the check, so this does not happen; say what did not load.
            switch error {
            case .noProfileDay: throw EditRefusal(nil, .noProfileDay)
            case .section(let id): throw EditRefusal(nil, .unknown(.section, id))
            case .enrolment(let student, _): throw EditRefusal(nil, .unknown(.student, student))
            }
        }
        // The pins' own sections are marked there (H6, as the checker finds them).
        state = working.state
        numbers = TimetableNumbering(state.p)
        ids = working.ids
        sectionOfID = Dictionary(working.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        order = Array(0..<working.ids.count)
    }

    // MARK: edits

    mutating func apply(_ edit: TimetableEdit) throws(EditRefusal) {
        switch edit {
        case .close(let id): try close(section(id, edit), edit)
        case let .move(id, to): try move(section(id, edit), to: to, edit)
        case .open(let new): try open(new, edit)
        case let .assign(student, id): try assign(self.student(student, edit), to: section(id, edit), edit)
        case let .unassign(student, id): try unassign(self.student(student, edit), from: section(id, edit), edit)
        }
    }

    private func section(_ id: String, _ edit: TimetableEdit) throws(EditRefusal) -> Int {
        guard let k = sectionOfID[id], state.sections[k].open else { throw EditRefusal(edit, .unknown(.section, id)) }
        return k
    }

    private func student(_ id: String, _ edit: TimetableEdit) throws(EditRefusal) -> Int {
        guard let s = numbers.student[id] else { throw EditRefusal(edit, .unknown(.student, id)) }
        return s
    }

    /// `close`: a pinned section only when another open section can meet its pin.
    mutating func close(_ k: Int, _ edit: TimetableEdit) throws(EditRefusal) {
        if let pin = state.pins.pin(of: k) {
            guard repin(without: k) else { throw EditRefusal(edit, .pinned(section: ids[k]!, pin: pin, pinned: scenario.pins[pin])) }
        }
        let members = state.sections[k].members
        closedByEdit.append((ids[k]!, scenario.courses[state.sections[k].course].id, .edit))
        state.close(k)
        reseat(members)
    }

    /// `move`: the section is closed and opened at its new place under the same id; its students
    /// follow where they can.
    mutating func move(_ k: Int, to: SectionPlacement, _ edit: TimetableEdit) throws(EditRefusal) {
        let old = state.sections[k]
        let course = old.course
        var teacher = old.teacher, site = old.site, slot = old.slot
        if let id = to.teacher {
            guard let q = numbers.teacher[id] else { throw EditRefusal(edit, .unknown(.teacher, id)) }
            teacher = q
        }
        if let place = to.place {
            switch place {
            case .remote: site = -1
            case .site(let id):
                guard scenario.organisationIndex[id] != nil else { throw EditRefusal(edit, .unknown(.site, id)) }
                guard let compact = numbers.site[id] else { throw EditRefusal(edit, .noFreeRoom(site: id, slot: slotID(slot), course: courseID(course))) }
                site = compact
            }
        }
        if let id = to.slot {
            guard let t = numbers.slot[id] else { throw EditRefusal(edit, .unknown(.slot, id)) }
            slot = t
        }
        let members = old.members
        // Free the old place (the pin and the members are handed to the new section below).
        state.pins.transfer(k, to: -1)
        state.close(k)
        var room = -1
        if site >= 0 {
            if let id = to.room {
                guard let r = numbers.room[RoomKey(site: site, id: id)] else {
                    throw EditRefusal(edit, .unknown(.room, "\(id) (at \(siteID(site)))"))
                }
                room = r
            } else if site == old.site && old.room >= 0 && state.roomSlot[old.room * p.slotCount + slot] < 0 {
                room = old.room
            } else {
                // A free room of the course's kind: the smallest that seats everyone, else the largest.
                let free = state.freeRooms(site: site, course: course, slot: slot)
                if let largest = free.first {
                    room = free.last(where: { p.rooms[$0].capacity >= members.count }) ?? largest
                } else if site == old.site && old.room >= 0 {
                    // Its own room is taken then: the checker below names by what (and the teacher's clashes).
                    room = old.room
                } else {
                    throw EditRefusal(edit, .noFreeRoom(site: siteID(site), slot: slotID(slot), course: courseID(course)))
                }
            }
        }
        if teacher == old.teacher && site == old.site && room == old.room && slot == old.slot {
            throw EditRefusal(edit, .nothingToMove(section: ids[k]!))
        }
        let id = ids[k]!
        let pin = state.pins.pin(of: -1)
        if let pin {
            let admits = PinRule.admits(scenario.pins[pin], course: courseID(course), teacher: scenario.teachers[teacher].id,
                                        site: site < 0 ? nil : siteID(site), room: room < 0 ? nil : scenario.rooms[room].id,
                                        slot: slotID(slot))
            guard admits else { throw EditRefusal(edit, .pinned(section: id, pin: pin, pinned: scenario.pins[pin])) }
        }
        // The section itself: what the checker says of it at its new place (H1 teacher, H2 room).
        try refuseIfSectionBreaksRules(SectionShape(course: course, teacher: teacher, site: site, room: room, slot: slot),
                                       id: id, members: members, edit)
        let host = VisitingTeacherRule.applies(ruleOn: p.settings.visitingTeacherRule, site: ProblemIndex.place(site),
                                               teacherSite: p.teachers[teacher].site)
        let k2 = state.open(SectionTemplate(course: course, teacher: teacher, site: site, needsHostStudents: host), slot: slot, room: room)
        state.pins.transfer(-1, to: k2)
        rename(k, to: k2)
        movedByEdit.append(id)
        // Students follow where they can: best valued first (the room may hold fewer).
        let ordered = members.sorted { (state.value(student: $0, section: k2), -$0) > (state.value(student: $1, section: k2), -$1) }
        var lost: [Int] = []
        for s in ordered {
            if state.admits(s, into: k2) != nil { state.enrol(s, in: k2) } else { lost.append(s) }
        }
        // A pinned student who cannot follow: the move breaks the pin.
        if let pin, let s = lost.first(where: { state.pins.keeps($0, in: k2) }) {
            throw EditRefusal(edit, .pinnedStudent(student: scenario.students[s].id, section: id, pin: pin, pinned: scenario.pins[pin]))
        }
        reseat(lost)
        try refuseIfBelowMinimum(k2, lostStudents: lost, shape: SectionShape(course: course, teacher: teacher, site: site, room: room, slot: slot), edit)
    }

    /// `open`: a new section filled with the students who gain most (those who lose least too,
    /// up to its minimum).
    mutating func open(_ new: NewSection, _ edit: TimetableEdit) throws(EditRefusal) {
        guard let c = numbers.course[new.course] else { throw EditRefusal(edit, .unknown(.course, new.course)) }
        guard let q = numbers.teacher[new.teacher] else { throw EditRefusal(edit, .unknown(.teacher, new.teacher)) }
        guard let t = numbers.slot[new.slot] else { throw EditRefusal(edit, .unknown(.slot, new.slot)) }
        var site = -1, room = -1
        if case .site(let id) = new.place {
            guard scenario.organisationIndex[id] != nil else { throw EditRefusal(edit, .unknown(.site, id)) }
            let roomID = new.room ?? ""
            guard let compact = numbers.site[id], let r = numbers.room[RoomKey(site: compact, id: roomID)] else {
                throw EditRefusal(edit, .unknown(.room, "\(roomID) (at \(id))"))
            }
            site = compact; room = r
        }
        let id = newID()
        let shape = SectionShape(course: c, teacher: q, site: site, room: room, slot: t)
        try refuseIfSectionBreaksRules(shape, id: id, members: [], edit)
        let host = VisitingTeacherRule.applies(ruleOn: p.settings.visitingTeacherRule, site: ProblemIndex.place(site),
                                               teacherSite: p.teachers[q].site)
        let template = SectionTemplate(course: c, teacher: q, site: site, needsHostStudents: host)
        // Who joins: every chooser who can (leaving a section in that slot, or their least valued
        // one, where it keeps its minimum), best gain first; those who lose least too, up to the
        // minimum; host students first for H5.
        let capacity = SizeRule.capacity(maxSize: p.courses[c].maxSize, roomCapacity: room >= 0 ? p.rooms[room].capacity : nil)
        let joiners: [ScheduleState.Joiner]
        switch state.joiners(template, slot: t, capacity: capacity) {
        case .success(let j): joiners = j
        case .failure(.tooFew(let n, let hosts)):
            if host && hosts < p.courses[c].minSize {
                throw EditRefusal(edit, .tooFewHostStudents(section: id, hostStudents: hosts, minSize: p.courses[c].minSize))
            }
            throw EditRefusal(edit, .belowMinimum(section: id, enrolled: n, minSize: p.courses[c].minSize, blocked: []))
        case .failure(.studentCannotJoin): joiners = []  // no forced students here
        }
        let k = state.open(template, slot: t, room: room, with: joiners)
        ids.append(id)
        sectionOfID[id] = k
        order.append(k)
        openedByEdit.append(id)
        try refuseIfBelowMinimum(k, lostStudents: [], shape: shape, edit)
        toPin.append((k, []))
    }

    /// `assign`: the student joins the section and leaves what clashes with it.
    mutating func assign(_ s: Int, to k: Int, _ edit: TimetableEdit) throws(EditRefusal) {
        let sec = state.sections[k]
        let studentID = scenario.students[s].id
        if sec.members.contains(s) { throw EditRefusal(edit, .alreadyEnrolled(student: studentID, section: ids[k]!)) }
        // What no re-seating mends: a course not chosen, the trip, no seat.
        let info = p.students[s]
        let raw = rawCheck(adding: (s, k))
        let fatal = raw.filter { v in
            v.student == studentID && v.sections.contains(ids[k]!)
                && [.studentCourseNotChosen, .studentTripTooLong].contains(v.kind)
                || v.kind == .travelUnknown && v.student == studentID && v.sections.count == 1
                || [.sectionTooLarge, .sectionOverRoomCapacity].contains(v.kind) && v.sections == [ids[k]!]
        }
        if !fatal.isEmpty || info.wants == 0 {
            throw EditRefusal(edit, .breaks(fatal.isEmpty ? raw.filter { $0.kind == .studentTooManySections } : fatal))
        }
        // What clashes: the section in that slot, another section of the course, sections too far
        // before or after; then the least valued one while the student would have too many.
        let here = state.studentSite(s, inSection: k)
        var leave: [Int] = []
        for t in 0..<p.slotCount {
            let other = state.section(ofStudent: s, slot: t)
            guard other >= 0 else { continue }
            let clash = t == sec.slot || state.sections[other].course == sec.course
                || (t == sec.slot - 1 && !p.travelFits(from: state.studentSite(s, inSection: other), to: here, afterSlot: t))
                || (t == sec.slot + 1 && !p.travelFits(from: here, to: state.studentSite(s, inSection: other), afterSlot: sec.slot))
            if clash { leave.append(other) }
        }
        var load = state.studentLoad[s] - leave.count
        if load + 1 > info.wants {
            let rest = (0..<p.slotCount).map { state.section(ofStudent: s, slot: $0) }.filter { $0 >= 0 && !leave.contains($0) }
            for other in rest.sorted(by: { state.value(student: s, section: $0) < state.value(student: s, section: $1) }) where load + 1 > info.wants {
                leave.append(other); load -= 1
            }
        }
        for other in leave where state.pins.keeps(s, in: other) {
            let pin = state.pins.pin(of: other)!
            throw EditRefusal(edit, .pinnedStudent(student: studentID, section: ids[other]!, pin: pin, pinned: scenario.pins[pin]))
        }
        for other in leave { state.unenrol(s, from: other) }
        state.enrol(s, in: k)
        // The sections left may now be too small: they close, and their students re-seat.
        try closeIfTooSmall(leave, edit)
        state.pins.hold(s, in: k)
        reseat([s])
        state.pins.release(s, in: k)
        toPin.append((k, [s]))
    }

    /// `unassign`: the student leaves the section and gets their best option elsewhere.
    mutating func unassign(_ s: Int, from k: Int, _ edit: TimetableEdit) throws(EditRefusal) {
        let studentID = scenario.students[s].id
        guard state.sections[k].members.contains(s) else { throw EditRefusal(edit, .notEnrolled(student: studentID, section: ids[k]!)) }
        if state.pins.keeps(s, in: k) {
            let pin = state.pins.pin(of: k)!
            throw EditRefusal(edit, .pinnedStudent(student: studentID, section: ids[k]!, pin: pin, pinned: scenario.pins[pin]))
        }
        state.unenrol(s, from: k)
        try closeIfTooSmall([k], edit)
        _ = state.bestResponse(s, avoid: k)
    }

    // MARK: helpers

    /// Best responses for students who lost a seat (two sweeps, in the order of `students.csv`).
    mutating func reseat(_ students: [Int]) {
        let list = Set(students).sorted()
        for _ in 0..<2 {
            var improved = false
            for s in list where state.bestResponse(s) { improved = true }
            if !improved { break }
        }
    }

    /// Closes those of `sections` that fell below their minimum (or H5's host students) and
    /// re-seats their students; a pinned one is a refusal.
    mutating func closeIfTooSmall(_ sections: [Int], _ edit: TimetableEdit) throws(EditRefusal) {
        for k in Set(sections).sorted() where state.sections[k].open {
            let sec = state.sections[k]
            let minSize = p.courses[sec.course].minSize
            let small = sec.members.count < minSize
            let fewHosts = sec.needsHostStudents && sec.hostMembers < minSize
            guard small || fewHosts else { continue }
            if let pin = state.pins.pin(of: k) {
                guard repin(without: k) else { throw EditRefusal(edit, .pinned(section: ids[k]!, pin: pin, pinned: scenario.pins[pin])) }
            }
            closedByEdit.append((ids[k]!, courseID(sec.course),
                                 .belowMinimum(enrolled: sec.members.count, minSize: minSize, hostStudents: fewHosts ? sec.hostMembers : nil)))
            let members = sec.members
            state.close(k)
            reseat(members)
        }
    }

    /// The edited (moved or opened) section must keep its minimum (and H5's host students).
    func refuseIfBelowMinimum(_ k: Int, lostStudents: [Int], shape: SectionShape, _ edit: TimetableEdit) throws(EditRefusal) {
        let sec = state.sections[k]
        let minSize = p.courses[sec.course].minSize
        let id = ids[k]!
        if sec.members.count < minSize {
            // Why the others cannot come: the checker's findings on each of them in this section.
            var blocked: [Violation] = []
            if !lostStudents.isEmpty {
                let lostIDs = Set(lostStudents.map { scenario.students[$0].id })
                blocked = rawCheck(shape: shape, id: id, members: lostStudents + sec.members)
                    .filter { $0.student.map(lostIDs.contains) == true && $0.sections.contains(id) }
            }
            throw EditRefusal(edit, .belowMinimum(section: id, enrolled: sec.members.count, minSize: minSize, blocked: blocked))
        }
        if sec.needsHostStudents && sec.hostMembers < minSize {
            throw EditRefusal(edit, .tooFewHostStudents(section: id, hostStudents: sec.hostMembers, minSize: minSize))
        }
    }

    /// Gives every pin a section without `k` (after `k` closes); false when some pin then has none.
    mutating func repin(without k: Int) -> Bool {
        let pins = scenario.pins
        let candidates = pinCandidates(without: k)
        let assigned = PinRule.assign(candidates)
        guard assigned.allSatisfy({ $0 != nil }) else { return false }
        var fresh = PinnedSections()
        for (i, j) in assigned.enumerated() {
            fresh.pin(j!, pin: i, students: pins[i].students.compactMap { numbers.student[$0] })
        }
        state.pins = fresh
        return true
    }

    /// For each pin, the open sections (but `k`) that meet it.
    func pinCandidates(without k: Int) -> [[Int]] {
        let open = order.filter { $0 != k && state.sections[$0].open }
        return scenario.pins.map { pin in
            let students = pin.students.compactMap { numbers.student[$0] }
            return open.filter { j in
                let sec = state.sections[j]
                return PinRule.admits(pin, course: courseID(sec.course), teacher: scenario.teachers[sec.teacher].id,
                                      site: sec.site < 0 ? nil : siteID(sec.site), room: sec.room < 0 ? nil : scenario.rooms[sec.room].id,
                                      slot: slotID(sec.slot))
                    && students.count == pin.students.count && students.allSatisfy { sec.members.contains($0) }
            }
        }
    }

    /// A section's place in the scheduler's numbers.
    struct SectionShape { var course: Int; var teacher: Int; var site: Int; var room: Int; var slot: Int }

    /// Refuses when the checker finds the section at `shape` (with `members`) breaking H1 or H2,
    /// or naming something structurally wrong: re-seating students cannot mend those.
    func refuseIfSectionBreaksRules(_ shape: SectionShape, id: String, members: [Int], _ edit: TimetableEdit) throws(EditRefusal) {
        let found = rawCheck(shape: shape, id: id, members: members).filter {
            $0.sections.contains(id) && ($0.rule == .teacher || $0.rule == .room || $0.rule == .structure)
                && $0.student == nil
        }
        if !found.isEmpty { throw EditRefusal(edit, .breaks(found)) }
    }

    /// The checker's findings on the current timetable with the section `id` placed at `shape`
    /// holding `members` (replacing a section of that id), before anyone is re-seated.
    func rawCheck(shape: SectionShape, id: String, members: [Int]) -> [Violation] {
        var t = timetable()
        t.sections.removeAll { $0.id == id }
        t.enrolments.removeAll { $0.section == id }
        t.sections.append(Section(id: id, course: courseID(shape.course), teacher: scenario.teachers[shape.teacher].id,
                                  site: shape.site < 0 ? nil : siteID(shape.site),
                                  room: shape.room < 0 ? nil : scenario.rooms[shape.room].id, slot: slotID(shape.slot)))
        t.enrolments += members.map { Enrolment(student: scenario.students[$0].id, section: id) }
        return ProfileDayChecker.check(t, in: scenario).violations
    }

    /// The checker's findings on the current timetable with student `s` added to section `k`.
    func rawCheck(adding e: (student: Int, section: Int)) -> [Violation] {
        var t = timetable()
        t.enrolments.append(Enrolment(student: scenario.students[e.student].id, section: ids[e.section]!))
        return ProfileDayChecker.check(t, in: scenario).violations
    }

    /// Section `k` (closed) is now `k2`: same id and place in the order.
    mutating func rename(_ k: Int, to k2: Int) {
        while ids.count <= k2 { ids.append(nil) }
        ids[k2] = ids[k]
        sectionOfID[ids[k]!] = k2
        if let i = order.firstIndex(of: k) { order[i] = k2 }
        for i in toPin.indices where toPin[i].section == k { toPin[i].section = k2 }
        toPin.append((k2, []))
    }

    /// A section id not in use: `E1`, `E2`, …
    func newID() -> String {
        var n = 1
        while sectionOfID["E\(n)"] != nil { n += 1 }
        return "E\(n)"
    }

    func courseID(_ c: Int) -> String { scenario.courses[c].id }
    func slotID(_ t: Int) -> String { p.settings.slots[t].id }
    func siteID(_ site: Int) -> String { scenario.organisations[p.siteOrganisation[site]].id }

    // MARK: the result

    /// The working state as a timetable: kept sections with their ids in the given order, new
    /// ones after; each section's enrolments in the order students joined it... in the order
    /// of `students.csv` within a section, sections in order.
    func timetable() -> Timetable {
        var sections: [Section] = []
        var enrolments: [Enrolment] = []
        for k in order where state.sections[k].open {
            let sec = state.sections[k]
            let id = ids[k]!
            sections.append(Section(id: id, course: courseID(sec.course), teacher: scenario.teachers[sec.teacher].id,
                                    site: sec.site < 0 ? nil : siteID(sec.site),
                                    room: sec.room < 0 ? nil : scenario.rooms[sec.room].id, slot: slotID(sec.slot)))
            for s in sec.members.sorted() { enrolments.append(Enrolment(student: scenario.students[s].id, section: id)) }
        }
        return Timetable(sections: sections, enrolments: enrolments)
    }

    func sectionIDs() -> [Int: String] {
        var out: [Int: String] = [:]
        for k in order where state.sections[k].open { out[k] = ids[k]! }
        return out
    }

    func closedSections() -> [ClosedSection] {
        closedByEdit.map { ClosedSection(section: $0.section, course: $0.course, reason: $0.reason) }
    }

    func openedIDs() -> [String] { openedByEdit.filter { sectionOfID[$0].map { state.sections[$0].open } == true } }
    func movedIDs() -> [String] { movedByEdit.filter { sectionOfID[$0].map { state.sections[$0].open } == true } }

    /// The students whose sections differ between `a` and `b`, in the order of `students.csv`.
    func studentMoves(from a: Timetable, to b: Timetable) -> [StudentMove] {
        func byStudent(_ t: Timetable) -> [String: [String]] {
            var d: [String: [String]] = [:]
            for e in t.enrolments { d[e.student, default: []].append(e.section) }
            return d.mapValues { $0.sorted() }
        }
        let before = byStudent(a), after = byStudent(b)
        var changedMembership = Set<String>()
        // A moved section keeps its id: its students' days changed too.
        for id in movedByEdit { for e in b.enrolments where e.section == id { changedMembership.insert(e.student) } }
        return scenario.students.compactMap { st in
            let x = before[st.id] ?? [], y = after[st.id] ?? []
            guard x != y || changedMembership.contains(st.id) else { return nil }
            return StudentMove(student: st.id, before: x, after: y)
        }
    }

    /// The scenario's pins with the edited sections pinned: a section that already meets a pin
    /// adds the assigned students to it; any other becomes a new pin (every column, and the
    /// students assigned to it).
    func pinsAfter() -> (pins: [Pin], new: [Pin]) {
        var pins = scenario.pins
        var new: [Pin] = []
        var newIndex: [Int: Int] = [:]  // section → position in `new`
        for (k, students) in toPin where state.sections[k].open {
            let ids = students.map { scenario.students[$0].id }
            if let i = state.pins.pin(of: k) {
                for id in ids where !pins[i].students.contains(id) { pins[i].students.append(id) }
            } else if let j = newIndex[k] {
                for id in ids where !new[j].students.contains(id) { new[j].students.append(id) }
            } else {
                let sec = state.sections[k]
                newIndex[k] = new.count
                new.append(Pin(course: courseID(sec.course), teacher: scenario.teachers[sec.teacher].id,
                               place: sec.site < 0 ? .remote : .site(siteID(sec.site)),
                               room: sec.room < 0 ? nil : scenario.rooms[sec.room].id, slot: slotID(sec.slot), students: ids))
            }
        }
        return (pins + new, new)
    }
}


extension EditOutcome {
    /// The edited timetable as a scheduler's result (for the files `setka schedule` writes): no
    /// bound (an edit proves none), stopped by the edit (`.imported`: no edit, a timetable read
    /// from files).
    public func scheduleResult(stoppedBy: StopReason = .edit) -> ScheduleResult {
        ScheduleResult(timetable: timetable, objective: check.objective.value, bound: nil, boundMethod: .none,
                       status: .feasible, seconds: seconds, iterations: 0, stoppedBy: stoppedBy, explanations: explanations())
    }

    /// What `edit.json` holds: the edits, the objective before and after, who moved, what closed,
    /// opened and moved, and the new pins.
    public var report: EditReport {
        EditReport(edits: edits, objectiveBefore: before.value, objectiveAfter: after.value, objectiveChange: objectiveChange,
                   studentsMoved: moves, sectionsClosed: closed, sectionsOpened: opened, sectionsMoved: moved,
                   newPins: newPins.map(ScenarioWriter.pinRow), seconds: seconds)
    }
}

/// `edit.json`: what an edit did, for programs (the browser application reads the same value).
public struct EditReport: Sendable, Codable {
    public var edits: [TimetableEdit]
    public var objectiveBefore: Double
    public var objectiveAfter: Double
    public var objectiveChange: Double
    public var studentsMoved: [StudentMove]
    public var sectionsClosed: [ClosedSection]
    public var sectionsOpened: [String]
    public var sectionsMoved: [String]
    /// New pins as `pins.csv` rows (`course, teacher, site, room, slot, students`).
    public var newPins: [[String]]
    public var seconds: Double
}

extension TimetableEdit {
    /// The edit as the command line writes it (`--move S012 --to slot=3`).
    public var words: String {
        switch self {
        case .close(let s): return "--close \(s)"
        case let .move(s, to):
            var parts: [String] = []
            if let slot = to.slot { parts.append("slot=\(slot)") }
            if let room = to.room { parts.append("room=\(room)") }
            if let place = to.place { parts.append("site=\(place == .remote ? Pin.remoteWord : Pin(course: "", place: place).siteCell)") }
            if let teacher = to.teacher { parts.append("teacher=\(teacher)") }
            return "--move \(s) --to \(parts.joined(separator: ","))"
        case .open(let n):
            let site = Pin(course: n.course, place: n.place).siteCell
            return "--open course=\(n.course),teacher=\(n.teacher),site=\(site)\(n.room.map { ",room=\($0)" } ?? ""),slot=\(n.slot)"
        case let .assign(st, s): return "--assign \(st)=\(s)"
        case let .unassign(st, s): return "--unassign \(st)=\(s)"
        }
    }
}
