/// A place a section of a course can be held by a teacher: the teacher's own site, a host school
/// (the teacher travels there; H5 then asks for `minSize` of the host's own students), or remote.
struct SectionTemplate: Sendable, Hashable {
    var course: Int
    var teacher: Int
    /// Compact site, or -1 for remote.
    var site: Int
    /// H5 applies: the section is held at an organisation other than the teacher's own.
    var needsHostStudents: Bool
}

/// One section of the working timetable. Closed sections stay in the array (ids are positions).
struct SectionRecord: Sendable {
    var course: Int
    var teacher: Int
    var site: Int
    var room: Int
    var slot: Int
    var capacity: Int
    var needsHostStudents: Bool
    var open: Bool
    var members: [Int]
    /// Members whose school is the section's site (H5).
    var hostMembers: Int
}

/// The working timetable, always feasible for H1–H6 (pinned sections: `pins`), with its objective kept up to date.
///
/// Every mutation goes through `open`, `close`, `enrol` and `unenrol`, which keep the per-slot
/// occupancy of students, teachers and rooms and the objective in step.
struct ScheduleState: Sendable {
    let p: ProblemIndex
    var sections: [SectionRecord] = []
    /// Open sections of each course.
    var sectionsOfCourse: [[Int]]
    /// studentSlot[s * T + t] = section or -1.
    var studentSlot: [Int32]
    var studentLoad: [Int]
    /// Bit r set when the student attends their r-th choice.
    var studentRanks: [UInt64]
    /// studentValue[s * T + t] = the value of the student's enrolment in slot t (0 if none).
    var studentValue: [Double]
    var teacherSlot: [Int32]
    var teacherLoad: [Int]
    var roomSlot: [Int32]
    var objective: Double = 0
    var openCount: Int = 0
    /// H6: the sections that meet pins and the students who may not leave them.
    var pins = PinnedSections()

    init(_ p: ProblemIndex) {
        self.p = p
        let T = p.slotCount
        sectionsOfCourse = Array(repeating: [], count: p.courses.count)
        studentSlot = Array(repeating: -1, count: p.students.count * T)
        studentLoad = Array(repeating: 0, count: p.students.count)
        studentRanks = Array(repeating: 0, count: p.students.count)
        studentValue = Array(repeating: 0, count: p.students.count * T)
        teacherSlot = Array(repeating: -1, count: p.teachers.count * T)
        teacherLoad = Array(repeating: 0, count: p.teachers.count)
        roomSlot = Array(repeating: -1, count: p.rooms.count * T)
    }

    // MARK: - Reading

    @inline(__always) func section(ofStudent s: Int, slot t: Int) -> Int { Int(studentSlot[s * p.slotCount + t]) }
    @inline(__always) func section(ofTeacher q: Int, slot t: Int) -> Int { Int(teacherSlot[q * p.slotCount + t]) }

    /// The site a student is at during section `k` (H4: remote = the student's own school).
    @inline(__always) func studentSite(_ s: Int, inSection k: Int) -> Int {
        studentSite(s, site: sections[k].site)
    }

    /// The site a student is at during a section held at `site` (H4: remote = their own school).
    @inline(__always) func studentSite(_ s: Int, site: Int) -> Int {
        StudentRule.place(ofSectionAt: ProblemIndex.place(site), school: p.students[s].school)
    }

    /// The site a teacher is at during a section held at `site` (H1: remote = the teacher's own site).
    @inline(__always) func teacherSite(_ q: Int, site: Int) -> Int {
        TeacherRule.place(ofSectionAt: ProblemIndex.place(site), ownSite: p.teachers[q].site)
    }

    /// 0-based rank of course `c` in student `s`'s choices, or nil.
    @inline(__always) func rank(of c: Int, for s: Int) -> Int? {
        let ch = p.students[s].choices
        for i in 0..<ch.count where ch[i] == c { return i }
        return nil
    }

    func value(student s: Int, section k: Int) -> Double {
        p.searchValue(student: s, rank: rank(of: sections[k].course, for: s) ?? p.rankValues.count, site: sections[k].site,
                      slot: sections[k].slot)
    }

    /// Whether student `s` is short of electives: fewer than wanted, or than listed (as the
    /// checker counts "fully served").
    func isShort(_ s: Int) -> Bool {
        studentLoad[s] < min(p.students[s].wants, p.students[s].choices.count)
    }

    /// Whether student `s` takes a course while missing one they ranked above it: their ranks
    /// taken (`studentRanks`) are not the first few. Ranks 0 and 2 taken (0b101): yes; 0 and 1
    /// (0b011) or none: no.
    func missesBetterChoice(_ s: Int) -> Bool {
        let ranks = studentRanks[s]
        return ranks & (ranks &+ 1) != 0
    }

    /// What student `s`'s day is worth now: the values of their enrolments (`enrolmentValue`).
    func dayValue(_ s: Int) -> Double {
        var total = 0.0
        for t in 0..<p.slotCount { total += enrolmentValue(s, slot: t) }
        return total
    }

    /// Whether student `s` attends course `c` (kept in `studentRanks` by `enrol`/`unenrol`).
    func takes(student s: Int, course c: Int) -> Bool {
        guard let r = rank(of: c, for: s) else { return false }
        return studentRanks[s] & (1 << UInt64(r)) != 0
    }

    /// H3 and H5: may student `s` leave section `k` without it falling below its minimum size, or
    /// below its minimum of host students (`extraLeavers`/`extraHostLeavers` leave with them)?
    func canLeave(_ s: Int, _ k: Int, extraLeavers: Int = 0, extraHostLeavers: Int = 0) -> Bool {
        if !pins.isEmpty && pins.keeps(s, in: k) { return false }  // H6: a pinned student stays
        // Fields read one by one: a copy of the record would retain and release its members.
        let minSize = p.courses[sections[k].course].minSize
        if !SizeRule.isEnough(sections[k].members.count - 1 - extraLeavers, minSize: minSize) { return false }
        if sections[k].needsHostStudents && p.students[s].school == sections[k].site
            && !VisitingTeacherRule.hostStudentsSuffice(sections[k].hostMembers - 1 - extraHostLeavers, minSize: minSize) {
            return false
        }
        return true
    }

    /// H4 travel between consecutive slots for a student at `site` in slot `t`, ignoring section `ignore`.
    func studentTravelFits(_ s: Int, site: Int, slot t: Int, ignoring ignore: Int = -1) -> Bool {
        if t > 0 {
            let k = section(ofStudent: s, slot: t - 1)
            if k >= 0 && k != ignore && !p.travelFits(from: studentSite(s, inSection: k), to: site, afterSlot: t - 1) { return false }
        }
        if t + 1 < p.slotCount {
            let k = section(ofStudent: s, slot: t + 1)
            if k >= 0 && k != ignore && !p.travelFits(from: site, to: studentSite(s, inSection: k), afterSlot: t) { return false }
        }
        return true
    }

    /// H1 for a new section of teacher `q` at `site` (-1 remote) in slot `t`: free in the slot,
    /// below `max_sections`, no other section then, allowed there (`travels`), and able to travel
    /// from and to their sections in the slots before and after.
    func teacherCanTake(_ q: Int, site: Int, slot t: Int) -> Bool {
        let info = p.teachers[q]
        guard TeacherRule.isFree(info.slotMask, slot: t),
              TeacherRule.mayTakeAnother(load: teacherLoad[q], maxSections: info.maxSections),
              section(ofTeacher: q, slot: t) < 0 else { return false }
        let here = teacherSite(q, site: site)
        if !TeacherRule.mayBe(at: here, ownSite: info.site, travels: info.travels) { return false }
        if t > 0 {
            let k = section(ofTeacher: q, slot: t - 1)
            if k >= 0 && !p.travelFits(from: teacherSite(q, site: sections[k].site), to: here, afterSlot: t - 1) { return false }
        }
        if t + 1 < p.slotCount {
            let k = section(ofTeacher: q, slot: t + 1)
            if k >= 0 && !p.travelFits(from: here, to: teacherSite(q, site: sections[k].site), afterSlot: t) { return false }
        }
        return true
    }

    // MARK: - Mutations

    /// Opens an empty section (the caller fills it to the minimum before anything else reads it).
    mutating func open(_ template: SectionTemplate, slot t: Int, room: Int) -> Int {
        let c = p.courses[template.course]
        let capacity = SizeRule.capacity(maxSize: c.maxSize, roomCapacity: room >= 0 ? p.rooms[room].capacity : nil)
        let k = sections.count
        sections.append(SectionRecord(course: template.course, teacher: template.teacher, site: template.site,
                                      room: room, slot: t, capacity: capacity,
                                      needsHostStudents: template.needsHostStudents, open: true,
                                      members: [], hostMembers: 0))
        sectionsOfCourse[template.course].append(k)
        teacherSlot[template.teacher * p.slotCount + t] = Int32(k)
        teacherLoad[template.teacher] += 1
        if room >= 0 { roomSlot[room * p.slotCount + t] = Int32(k) }
        objective -= p.openCost(teacher: template.teacher, course: template.course, site: template.site, slot: t)
        openCount += 1
        return k
    }

    /// Closes a section, unenrolling everybody in it. A pinned section is never closed (H6): the
    /// callers leave pinned sections out.
    mutating func close(_ k: Int) {
        guard sections[k].open else { return }
        assert(!pins.isPinned(k), "a pinned section is closed")
        for s in sections[k].members { unenrol(s, from: k) }
        let sec = sections[k]
        sections[k].open = false
        sectionsOfCourse[sec.course].removeAll { $0 == k }
        teacherSlot[sec.teacher * p.slotCount + sec.slot] = -1
        teacherLoad[sec.teacher] -= 1
        if sec.room >= 0 { roomSlot[sec.room * p.slotCount + sec.slot] = -1 }
        objective += p.openCost(teacher: sec.teacher, course: sec.course, site: sec.site, slot: sec.slot)
        openCount -= 1
    }

    mutating func enrol(_ s: Int, in k: Int) {
        let t = sections[k].slot
        studentSlot[s * p.slotCount + t] = Int32(k)
        studentLoad[s] += 1
        sections[k].members.append(s)
        if p.students[s].school == sections[k].site { sections[k].hostMembers += 1 }
        let v = value(student: s, section: k)
        studentValue[s * p.slotCount + t] = v
        if let r = rank(of: sections[k].course, for: s) { studentRanks[s] |= 1 << UInt64(r) }
        objective += v
    }

    mutating func unenrol(_ s: Int, from k: Int) {
        let t = sections[k].slot
        studentSlot[s * p.slotCount + t] = -1
        studentLoad[s] -= 1
        if let i = sections[k].members.firstIndex(of: s) { sections[k].members.swapAt(i, sections[k].members.count - 1) }
        sections[k].members.removeLast()
        if p.students[s].school == sections[k].site { sections[k].hostMembers -= 1 }
        objective -= studentValue[s * p.slotCount + t]
        studentValue[s * p.slotCount + t] = 0
        if let r = rank(of: sections[k].course, for: s) { studentRanks[s] &= ~(1 << UInt64(r)) }
    }

    /// Drops the closed sections from `sections` and numbers the open ones anew, in the same
    /// order (so every choice among them, and every tie broken by number, comes out as before).
    /// Closed sections stay behind until then: the search opens new ones at the end, so the
    /// array grows by a few records a step (city-20000-b: 31,744 records for 1,432 open ones
    /// after 8,000 steps), and each step copies it and `destroy` walks it.
    mutating func compact() {
        guard openCount < sections.count else { return }
        var number = [Int32](repeating: -1, count: sections.count)
        var kept: [SectionRecord] = []
        kept.reserveCapacity(openCount)
        for (k, sec) in sections.enumerated() where sec.open {
            number[k] = Int32(kept.count)
            kept.append(sec)
        }
        sections = kept
        for i in studentSlot.indices where studentSlot[i] >= 0 { studentSlot[i] = number[Int(studentSlot[i])] }
        for i in teacherSlot.indices where teacherSlot[i] >= 0 { teacherSlot[i] = number[Int(teacherSlot[i])] }
        for i in roomSlot.indices where roomSlot[i] >= 0 { roomSlot[i] = number[Int(roomSlot[i])] }
        for c in sectionsOfCourse.indices { sectionsOfCourse[c] = sectionsOfCourse[c].map { Int(number[$0]) } }
        pins.renumber { Int(number[$0]) }
    }

    /// The value of student `s`'s enrolment in slot `t` (0 if none).
    @inline(__always) func enrolmentValue(_ s: Int, slot t: Int) -> Double { studentValue[s * p.slotCount + t] }

    /// Recomputes the objective from scratch (to guard the incremental sum against drift).
    /// With anchors this is what the search maximises (bonuses included); see `specObjective`.
    func recomputedObjective() -> Double {
        var total = 0.0
        for (k, sec) in sections.enumerated() where sec.open {
            total -= p.openCost(teacher: sec.teacher, course: sec.course, site: sec.site, slot: sec.slot)
            for s in sec.members { total += value(student: s, section: k) }
        }
        return total
    }

    /// The objective for people (progress lines): the spec's, also when the search keeps anchors.
    var shownObjective: Double { p.anchors == nil ? objective : specObjective() }

    /// The spec's objective of this timetable, without the anchors' bonuses.
    func specObjective() -> Double {
        var total = 0.0
        for sec in sections where sec.open {
            total -= p.sectionCost
            for s in sec.members {
                total += p.enrolmentValue(student: s, rank: rank(of: sec.course, for: s) ?? p.rankValues.count, site: sec.site)
            }
        }
        return total
    }
}
