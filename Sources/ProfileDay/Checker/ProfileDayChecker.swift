import SetkaModel

/// What the independent checker found: every broken rule, and the objective recomputed from
/// scratch. `Codable` so that `summary.json` can embed it.
public struct CheckReport: Sendable, Hashable, Codable {
    /// Every violation, structural problems first, then H1…H6 in the order of the checks.
    public var violations: [Violation]
    /// True when no rule is broken.
    public var isValid: Bool
    /// The objective and its parts, recomputed by the checker.
    public var objective: ProfileDayObjective

    public init(violations: [Violation], objective: ProfileDayObjective) {
        self.violations = violations
        self.isValid = violations.isEmpty
        self.objective = objective
    }

    /// The violations of one rule.
    public func violations(of rule: Violation.Rule) -> [Violation] {
        violations.filter { $0.rule == rule }
    }

    /// How many violations each rule has, in the order H1…H6, structure (rules with none left out).
    public var countsByRule: [(rule: Violation.Rule, count: Int)] {
        Violation.Rule.allCases.compactMap { rule in
            let n = violations.reduce(0) { $0 + ($1.rule == rule ? 1 : 0) }
            return n > 0 ? (rule, n) : nil
        }
    }
}

/// The independent profile-day checker: plain Swift, no solver. It re-reads a timetable against
/// the hard rules H1…H6 of `scenario-format.md` and recomputes the objective.
///
/// Decisions the specification leaves open:
/// - Slots are consecutive when they are next to each other in `profile_day.slots`; the gap is
///   the later slot's start minus the earlier slot's end. Travel is checked only between two
///   different sites (a site to itself is 0 minutes).
/// - Travel comparisons allow a tolerance of `Tolerance.minutes`.
///
/// Independence: the checker shares with the scheduler only the pure predicates of `Rules/` (the
/// spec's sentences written once: a comparison of minutes, a minimum of two sizes). It applies
/// them to values it works out itself from the scenario's raw tables and the timetable's ids
/// (`TimetableIndex`), never to the scheduler's compiled numbers, state or templates.
/// - A remote section is held at the teacher's own site for H1 and at each student's own school
///   for H4; it therefore never makes its teacher a visitor, and H5 does not apply to it.
/// - A travel time that a rule needs but the scenario does not give is itself a violation.
/// - A room id that exists at no site is a structural error; one that exists at another site
///   than the section's breaks H2.
public enum ProfileDayChecker {

    /// Checks `timetable` against every hard rule and recomputes its objective.
    /// Runs in time linear in the size of the timetable and the scenario.
    public static func check(_ timetable: Timetable, in scenario: Scenario) -> CheckReport {
        let ix = TimetableIndex(timetable, in: scenario)
        var v: [Violation] = []
        v += checkStructure(ix)
        v += checkTeachers(ix)
        v += checkRooms(ix)
        v += checkSizes(ix)
        v += checkStudents(ix)
        v += checkVisitingTeachers(ix)
        v += checkPins(ix)
        return CheckReport(violations: v, objective: ProfileDayObjective.evaluate(ix))
    }

    // MARK: - Structure

    /// Structural problems: the timetable names courses, teachers, sites, slots, students or
    /// sections the scenario does not have, repeats a section id, or repeats an enrolment.
    /// (Unknown rooms are reported by `checkRooms`, which knows the section's site.)
    static func checkStructure(_ ix: TimetableIndex) -> [Violation] {
        var v: [Violation] = []
        if !ix.hasProfileDay {
            v.append(Violation(.noProfileDay))
        }
        let sections = ix.timetable.sections
        for k in ix.duplicateSections {
            let s = sections[k]
            v.append(Violation(.duplicateSection(section: s.id), sections: [s.id]))
        }
        for (k, s) in sections.enumerated() {
            if ix.sectionCourse[k] == nil {
                v.append(Violation(.unknownCourse(section: s.id, course: s.course), sections: [s.id]))
            }
            if ix.sectionTeacher[k] == nil {
                v.append(Violation(.unknownTeacher(section: s.id, teacher: s.teacher), sections: [s.id], teacher: s.teacher))
            }
            if ix.sectionSlot[k] == nil {
                v.append(Violation(.unknownSlot(section: s.id, slot: s.slot), sections: [s.id], slot: s.slot))
            }
            if let site = s.site, ix.sectionSite[k] == nil {
                v.append(Violation(.unknownSite(section: s.id, site: site), sections: [s.id], site: site))
            }
        }
        let enrolments = ix.timetable.enrolments
        for e in ix.enrolmentsInUnknownSections {
            let en = enrolments[e]
            v.append(Violation(.unknownSection(student: en.student, section: en.section),
                               sections: [en.section], student: en.student))
        }
        for e in ix.duplicateEnrolments {
            let en = enrolments[e]
            v.append(Violation(.duplicateEnrolment(student: en.student, section: en.section),
                               sections: [en.section], student: en.student))
        }
        // One finding per unknown student, naming all their sections.
        var unknown: [String: [String]] = [:]
        var order: [String] = []
        for e in ix.enrolmentsOfUnknownStudents {
            let en = enrolments[e]
            if unknown[en.student] == nil { order.append(en.student) }
            unknown[en.student, default: []].append(en.section)
        }
        for id in order {
            let secs = unknown[id] ?? []
            v.append(Violation(.unknownStudent(student: id, sections: secs), sections: secs, student: id))
        }
        return v
    }

    // MARK: - H1 teacher

    /// H1: a teacher teaches only courses in their `courses`, only in their `slots`, at most
    /// `max_sections` sections (default: the number of slots) and at most one per slot; with
    /// `travels: no` only at their own site or remotely; and two of their sections in consecutive
    /// slots at sites A and B need `travel(A, B) <= gap`. A remote section counts as held at the
    /// teacher's own site.
    static func checkTeachers(_ ix: TimetableIndex) -> [Violation] {
        var v: [Violation] = []
        let sections = ix.timetable.sections
        for (t, teacher) in ix.scenario.teachers.enumerated() {
            let mine = ix.teacherSections[t]
            if mine.isEmpty { continue }
            for k in mine {
                let s = sections[k]
                if !teacher.courses.contains(s.course) {
                    v.append(Violation(.teacherCourseNotTaught(teacher: teacher.id, section: s.id, course: s.course,
                                                               courses: teacher.courses),
                                       sections: [s.id], teacher: teacher.id))
                }
                if let free = teacher.slots, ix.sectionSlot[k] != nil, !free.contains(s.slot) {
                    v.append(Violation(.teacherSlotNotFree(teacher: teacher.id, section: s.id, slot: s.slot, free: free),
                                       sections: [s.id], teacher: teacher.id, slot: s.slot))
                }
                if let site = s.site, !TeacherRule.mayBe(at: site, ownSite: teacher.site, travels: teacher.travels) {
                    v.append(Violation(.teacherDoesNotTravel(teacher: teacher.id, section: s.id, site: site, ownSite: teacher.site),
                                       sections: [s.id], teacher: teacher.id, site: site))
                }
            }
            let limit = TeacherRule.maxSections(teacher.maxSections, slotCount: ix.slots.count)
            if mine.count > limit {
                let ids = mine.map { sections[$0].id }
                v.append(Violation(.teacherTooManySections(teacher: teacher.id, sections: ids, maxSections: limit),
                                   sections: ids, teacher: teacher.id))
            }
            // Where each section is held for travel: a remote section at the teacher's own site (H1).
            let place: (Int) -> Place? = { k in
                if let site = sections[k].site { return ix.sectionSite[k].map { Place(id: site, index: $0, remote: false) } }
                return Place(id: TeacherRule.place(ofSectionAt: nil, ownSite: teacher.site), index: ix.teacherSite[t], remote: true)
            }
            v += sameSlotAndTravel(ix, mine, person: .teacher(teacher.id), place: place) { slot, group in
                Violation(.teacherTwoSectionsInSlot(teacher: teacher.id, sections: group, slot: slot),
                          sections: group, teacher: teacher.id, slot: slot)
            }
        }
        return v
    }

    // MARK: - H2 room

    /// H2: a section with a site has a room at that site, of the course's `room_kind` (unless the
    /// course says `any`), and a room holds one section per slot; the site is in the course's
    /// `sites` when those are given. A remote section has neither site nor room, and its course
    /// must allow `remote: yes`.
    static func checkRooms(_ ix: TimetableIndex) -> [Violation] {
        var v: [Violation] = []
        let sections = ix.timetable.sections
        struct RoomSlot: Hashable { var site: String; var room: String; var slot: String }
        var groupOf: [RoomSlot: Int] = [:]
        var byRoomSlot: [[Int]] = []  // sections per (room, slot), in order of first appearance
        for (k, s) in sections.enumerated() {
            let course = ix.sectionCourse[k].map { ix.scenario.courses[$0] }
            guard let site = s.site else {
                if let room = s.room {
                        v.append(Violation(.roomWithoutSite(section: s.id, room: room), sections: [s.id], room: room))
                }
                if let course, !course.remote {
                    v.append(Violation(.courseNotRemote(section: s.id, course: course.id), sections: [s.id]))
                }
                continue
            }
            if let course, !RoomRule.siteAllowed(site, allowed: course.sites) {
                v.append(Violation(.siteNotAllowedForCourse(section: s.id, course: course.id, site: site, allowed: course.sites),
                                   sections: [s.id], site: site))
            }
            guard let roomID = s.room else {
                v.append(Violation(.roomMissing(section: s.id, site: site), sections: [s.id], site: site))
                continue
            }
            guard let r = ix.sectionRoom[k] else {
                if ix.sectionSite[k] == nil { continue }  // unknown site: already a structural error
                if let elsewhere = ix.roomSites[roomID] {
                    v.append(Violation(.roomNotAtSite(section: s.id, room: roomID, site: site, roomSites: elsewhere),
                                       sections: [s.id], site: site, room: roomID))
                } else {
                    v.append(Violation(.unknownRoom(section: s.id, room: roomID, site: site),
                                       sections: [s.id], site: site, room: roomID))
                }
                continue
            }
            let room = ix.scenario.rooms[r]
            if let course, !RoomRule.kindFits(roomKind: room.kind, courseKind: course.roomKind) {
                v.append(Violation(.roomWrongKind(section: s.id, course: course.id, kind: course.roomKind, room: roomID,
                                                  site: site, roomKind: room.kind),
                                   sections: [s.id], site: site, room: roomID))
            }
            if ix.sectionSlot[k] != nil {
                let key = RoomSlot(site: site, room: roomID, slot: s.slot)
                if let g = groupOf[key] {
                    byRoomSlot[g].append(k)
                } else {
                    groupOf[key] = byRoomSlot.count
                    byRoomSlot.append([k])
                }
            }
        }
        for group in byRoomSlot where group.count > 1 {
            let s = sections[group[0]]
            let ids = group.map { sections[$0].id }
            v.append(Violation(.roomTwoSectionsInSlot(room: s.room ?? "", site: s.site ?? "", sections: ids, slot: s.slot),
                               sections: ids, site: s.site, room: s.room, slot: s.slot))
        }
        return v
    }

    // MARK: - H3 size

    /// H3: `min_size <= enrolled <= min(max_size, room capacity)`; a course's sizes default to
    /// `profile_day.min_section_size` / `max_section_size`. Enrolled = distinct students.
    static func checkSizes(_ ix: TimetableIndex) -> [Violation] {
        var v: [Violation] = []
        for (k, s) in ix.timetable.sections.enumerated() {
            let n = ix.headcount[k]
            let c = ix.sectionCourse[k]
            let lo = ix.minSize(ofCourse: c), hi = ix.maxSize(ofCourse: c)
            if !SizeRule.isEnough(n, minSize: lo) {
                v.append(Violation(.sectionTooSmall(section: s.id, course: s.course, enrolled: n, minSize: lo), sections: [s.id]))
            }
            if n > hi {
                v.append(Violation(.sectionTooLarge(section: s.id, course: s.course, enrolled: n, maxSize: hi), sections: [s.id]))
            }
            if let r = ix.sectionRoom[k] {
                let room = ix.scenario.rooms[r]
                if n > room.capacity {
                    v.append(Violation(.sectionOverRoomCapacity(section: s.id, enrolled: n, room: room.id, site: room.site,
                                                                capacity: room.capacity),
                                       sections: [s.id], site: room.site, room: room.id))
                }
            }
        }
        return v
    }

    // MARK: - H4 student

    /// H4: a student attends only courses in their `choices`, each course at most once, at most
    /// one section per slot and at most `wants` sections (default `courses_per_student`); every
    /// site attended is within `max_trip_minutes` of their school; two sections in consecutive
    /// slots at sites A and B need `travel(A, B) <= gap`. A remote section counts as held at the
    /// student's own school.
    static func checkStudents(_ ix: TimetableIndex) -> [Violation] {
        var v: [Violation] = []
        let sections = ix.timetable.sections
        let maxTrip = ix.settings.maxTripMinutes
        for (st, student) in ix.scenario.students.enumerated() {
            let mine = ix.studentSections[st]
            if mine.isEmpty { continue }
            for k in mine {
                let s = sections[k]
                if !student.choices.contains(s.course) {
                    v.append(Violation(.studentCourseNotChosen(student: student.id, section: s.id, course: s.course),
                                       sections: [s.id], student: student.id))
                }
                guard let site = s.site, let siteIndex = ix.sectionSite[k] else { continue }
                if let trip = ix.minutes(ix.studentSchool[st], siteIndex) {
                    if !StudentRule.withinTrip(minutes: trip, limit: maxTrip) {
                        v.append(Violation(.studentTripTooLong(student: student.id, school: student.school, section: s.id,
                                                                   site: site, minutes: trip, limit: maxTrip),
                                           sections: [s.id], student: student.id, site: site))
                    }
                } else {
                    v.append(Violation(.studentTripUnknown(student: student.id, school: student.school, section: s.id, site: site),
                                       sections: [s.id], student: student.id, site: site))
                }
            }
            if mine.count > 1 {
                // Each course at most once (tiny lists: pairwise is fastest).
                var reported = Set<String>()
                for (i, a) in mine.enumerated() {
                    let course = sections[a].course
                    if reported.contains(course) { continue }
                    var group = [a]
                    for b in mine[(i + 1)...] where sections[b].course == course { group.append(b) }
                    if group.count > 1 {
                        reported.insert(course)
                        let ids = group.map { sections[$0].id }
                        v.append(Violation(.studentCourseTwice(student: student.id, course: course, sections: ids),
                                           sections: ids, student: student.id))
                    }
                }
            }
            let wants = StudentRule.wants(student, ix.settings)
            if mine.count > wants {
                let ids = mine.map { sections[$0].id }
                v.append(Violation(.studentTooManySections(student: student.id, sections: ids, wants: wants),
                                   sections: ids, student: student.id))
            }
            // A remote section is held at the student's own school (H4).
            let place: (Int) -> Place? = { k in
                if let site = sections[k].site { return ix.sectionSite[k].map { Place(id: site, index: $0, remote: false) } }
                return Place(id: StudentRule.place(ofSectionAt: nil, school: student.school), index: ix.studentSchool[st], remote: true)
            }
            v += sameSlotAndTravel(ix, mine, person: .student(student.id), place: place) { slot, group in
                Violation(.studentTwoSectionsInSlot(student: student.id, sections: group, slot: slot),
                          sections: group, student: student.id, slot: slot)
            }
        }
        return v
    }

    // MARK: - H5 visiting teacher

    /// H5 (only with `visiting_teacher_rule: true`): a section held at an organisation other than
    /// its teacher's own needs at least `min_size` of its students from that host organisation.
    /// A remote section is held at the teacher's own site, so H5 never applies to it.
    static func checkVisitingTeachers(_ ix: TimetableIndex) -> [Violation] {
        guard ix.settings.visitingTeacherRule else { return [] }
        var v: [Violation] = []
        for (k, s) in ix.timetable.sections.enumerated() {
            guard let site = s.site, ix.sectionSite[k] != nil, let t = ix.sectionTeacher[k] else { continue }
            let teacher = ix.scenario.teachers[t]
            if !VisitingTeacherRule.applies(ruleOn: true, site: site, teacherSite: teacher.site) { continue }
            let need = ix.minSize(ofCourse: ix.sectionCourse[k])
            let hosts = ix.sectionMembers[k].reduce(0) { $0 + (ix.scenario.students[$1].school == site ? 1 : 0) }
            if !VisitingTeacherRule.hostStudentsSuffice(hosts, minSize: need) {
                v.append(Violation(.visitingTeacherTooFewHostStudents(section: s.id, course: s.course, site: site, teacher: teacher.id,
                                                                      teacherSite: teacher.site, hostStudents: hosts,
                                                                      enrolled: ix.headcount[k], needed: need),
                                   sections: [s.id], teacher: teacher.id, site: site))
            }
        }
        return v
    }

    // MARK: - Shared: one per slot, travel between consecutive slots

    /// Where a section is held for travel purposes: the site id, its organisation index, and
    /// whether it is a remote section counted at that site.
    private struct Place { var id: String; var index: Int?; var remote: Bool }

    /// For one person's sections: reports groups sharing a slot, and pairs in consecutive slots
    /// at different sites whose travel time exceeds the gap (`ConsecutiveTravel`) or is unknown.
    /// Sections in unknown slots or at unknown sites (`place` returns nil) are skipped: a
    /// structural error already.
    private static func sameSlotAndTravel(
        _ ix: TimetableIndex, _ mine: [Int], person: Violation.Person,
        place: (Int) -> Place?,
        sameSlot: (_ slot: String, _ sectionIDs: [String]) -> Violation
    ) -> [Violation] {
        var v: [Violation] = []
        let placed = mine.compactMap { k in ix.sectionSlot[k].map { (k, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        if placed.count < 2 { return v }
        var i = 0
        while i < placed.count {
            var j = i + 1
            while j < placed.count && placed[j].1 == placed[i].1 { j += 1 }
            if j - i > 1 {
                let ids = placed[i..<j].map { ix.timetable.sections[$0.0].id }
                v.append(sameSlot(ix.slots[placed[i].1].id, ids))
            }
            i = j
        }
        for (x, (a, slotA)) in placed.enumerated() {
            for (b, slotB) in placed[(x + 1)...] {
                if slotB > slotA + 1 { break }
                if slotB != slotA + 1 { continue }
                guard let pa = place(a), let pb = place(b), pa.id != pb.id else { continue }
                let gap = ix.gap(after: slotA)
                let (sa, sb) = (ix.timetable.sections[a], ix.timetable.sections[b])
                let from = Violation.Stop(section: sa.id, site: pa.id, remote: pa.remote, slot: sa.slot)
                let to = Violation.Stop(section: sb.id, site: pb.id, remote: pb.remote, slot: sb.slot)
                let detail: Violation.Detail
                if let m = ix.minutes(pa.index, pb.index) {
                    if ConsecutiveTravel.fits(minutes: m, gap: gap) { continue }
                    detail = .travelTooLong(person: person, from: from, to: to, minutes: m, gap: gap)
                } else {
                    detail = .travelUnknown(person: person, from: from, to: to)
                }
                switch person {
                case .teacher(let id): v.append(Violation(detail, sections: [sa.id, sb.id], teacher: id, slot: sb.slot))
                case .student(let id): v.append(Violation(detail, sections: [sa.id, sb.id], student: id, slot: sb.slot))
                }
            }
        }
        return v
    }
}
