import SetkaModel

/// A given timetable held in the scheduler's working state (`ScheduleState`), for changes that
/// must keep the hard rules: stable re-planning places students into kept sections (`fill`) and
/// opens new sections with free teachers and rooms (`openSections`), each move tested by the same
/// rule predicates the search uses (`Rules/`). The timetable keeps its section ids and the order of
/// its rows; what is added comes after them. Sections that meet the scenario's pins are marked
/// (H6), so that the explanations name them and an edit keeps them.
public struct WorkingTimetable: Sendable {
    /// Why a timetable cannot be held (the caller keeps it as it is).
    public enum LoadError: Error, Sendable, Hashable {
        /// The scenario has no profile-day slots.
        case noProfileDay
        /// A section names something the scenario does not have, or breaks H1/H2 (a teacher or a
        /// room twice in a slot, a teacher out of their slots or at max_sections…).
        case section(String)
        /// An enrolment names an unknown student or section, or breaks H3/H4 (a full section, a
        /// second section in a slot, a course twice…).
        case enrolment(student: String, section: String)
    }

    var state: ScheduleState
    /// The timetable as given, with what was added appended in order.
    public private(set) var timetable: Timetable
    /// Section id of each section of `state`.
    private(set) var ids: [String]
    private var usedIDs: Set<String>

    public init(_ timetable: Timetable, in scenario: Scenario) throws(LoadError) {
        guard let p = try? ProblemIndex(scenario) else { throw .noProfileDay }
        var state = ScheduleState(p)
        let numbers = TimetableNumbering(p)
        var sectionNumber = [String: Int]()
        var ids: [String] = []
        for sec in timetable.sections {
            guard sectionNumber[sec.id] == nil, let c = numbers.course[sec.course], let q = numbers.teacher[sec.teacher],
                  let t = numbers.slot[sec.slot], let site = numbers.place(sec.site) else { throw .section(sec.id) }
            var room = -1
            if site >= 0 {
                guard let id = sec.room, let r = numbers.room[RoomKey(site: site, id: id)], p.roomFits(r, course: c),
                      state.roomSlot[r * p.slotCount + t] < 0 else { throw .section(sec.id) }
                room = r
            } else if !p.courses[c].remote || sec.room != nil {
                throw .section(sec.id)
            }
            guard p.teachers[q].courses.contains(c), state.teacherCanTake(q, site: site, slot: t) else { throw .section(sec.id) }
            let host = VisitingTeacherRule.applies(ruleOn: p.settings.visitingTeacherRule, site: ProblemIndex.place(site),
                                                   teacherSite: p.teachers[q].site)
            sectionNumber[sec.id] = state.open(SectionTemplate(course: c, teacher: q, site: site, needsHostStudents: host),
                                               slot: t, room: room)
            ids.append(sec.id)
        }
        for e in timetable.enrolments {
            guard let s = numbers.student[e.student], let k = sectionNumber[e.section],
                  state.admits(s, into: k) != nil else { throw .enrolment(student: e.student, section: e.section) }
            state.enrol(s, in: k)
        }
        // H6 as the checker sees it: each pin's own section, its pinned students kept there.
        state.markPins(scenario.pins, in: timetable) { sectionNumber[$0] }
        self.state = state
        self.timetable = timetable
        self.ids = ids
        usedIDs = Set(ids)
    }

    /// Puts students who can take more sections into sections there are of courses they chose
    /// (their choices in order; among a course's sections the least travel, then the smaller id),
    /// where the student rules (H4) and the size limit (H3) hold. No section is opened or moved, so
    /// no teacher moves. With `only`, just those students are placed; students in the order of
    /// `students.csv`.
    public mutating func fill(only: Set<String>? = nil) {
        let p = state.p
        for (s, student) in p.scenario.students.enumerated() where only?.contains(student.id) ?? true {
            let limit = min(p.students[s].wants, Set(student.choices).count)
            for c in p.students[s].choices {
                if state.studentLoad[s] >= limit { break }
                var best: (section: Int, trip: Double)?
                for k in state.sectionsOfCourse[c] {
                    guard let trip = state.admits(s, into: k) else { continue }
                    if best == nil || (trip, ids[k]) < (best!.trip, ids[best!.section]) { best = (k, trip) }
                }
                if let best { enrol(s, in: best.section) }
            }
        }
    }

    /// Opens new sections for `students` (those whose day changed anyway) with teachers and rooms
    /// that are free, so that no other student moves: greedily, the section (teacher, slot,
    /// course, place) whose eligible students add the most objective value, until none reaches
    /// its course's minimum size or adds value. A section is held at the teacher's own site in its
    /// largest free room of the course's kind (so H5 never applies), or remotely when the course
    /// allows it; every rule H1–H4 is tested for it. New sections get ids `K1`, `K2`, … (skipping
    /// ids in use).
    public mutating func openSections(for students: Set<String>) {
        guard !students.isEmpty else { return }
        let p = state.p
        let scenario = p.scenario
        let numbers = TimetableNumbering(p)
        let pool = scenario.students.indices.filter { students.contains(scenario.students[$0].id) }
        let canTake = pool.map { min(p.students[$0].wants, Set(scenario.students[$0].choices).count) }
        var nextID = 1
        struct Candidate { var teacher: Int; var course: Int; var site: Int; var room: Int; var slot: Int
                           var members: [Int]; var value: Double }
        while true {
            var best: Candidate?
            for (q, teacher) in scenario.teachers.enumerated() {
                let info = p.teachers[q]
                for t in 0..<p.slotCount {
                    for courseID in teacher.courses {
                        guard let c = numbers.course[courseID] else { continue }
                        let course = p.courses[c]
                        // Places: the largest free room of the course's kind at the teacher's own site, or remote.
                        var places: [(site: Int, room: Int)] = []
                        let rooms = p.roomsAtSite[info.site].filter { state.roomSlot[$0 * p.slotCount + t] < 0 && p.roomFits($0, course: c) }
                        if let room = rooms.max(by: { (p.rooms[$0].capacity, scenario.rooms[$1].id) < (p.rooms[$1].capacity, scenario.rooms[$0].id) }) {
                            places.append((info.site, room))
                        }
                        if course.remote { places.append((-1, -1)) }
                        for place in places where state.teacherCanTake(q, site: place.site, slot: t) {
                            let limit = SizeRule.capacity(maxSize: course.maxSize, roomCapacity: place.room >= 0 ? p.rooms[place.room].capacity : nil)
                            var eligible: [(student: Int, value: Double)] = []
                            for (i, s) in pool.enumerated() {
                                guard let r = state.rank(of: c, for: s), state.studentLoad[s] < canTake[i],
                                      state.section(ofStudent: s, slot: t) < 0, !state.takes(student: s, course: c),
                                      p.withinTrip(from: p.students[s].school, to: place.site),
                                      state.studentTravelFits(s, site: state.studentSite(s, site: place.site), slot: t) else { continue }
                                eligible.append((s, p.enrolmentValue(student: s, rank: r, site: place.site)))
                            }
                            guard SizeRule.isEnough(eligible.count, minSize: course.minSize) else { continue }
                            let members = eligible.sorted {
                                ($0.value, scenario.students[$1.student].id) > ($1.value, scenario.students[$0.student].id)
                            }.prefix(limit)
                            let value = members.reduce(0) { $0 + $1.value } - p.sectionCost
                            guard value > 0, value > (best?.value ?? 0) else { continue }
                            best = Candidate(teacher: q, course: c, site: place.site, room: place.room, slot: t,
                                             members: members.map(\.student), value: value)
                        }
                    }
                }
            }
            guard let chosen = best else { break }
            while usedIDs.contains("K\(nextID)") { nextID += 1 }
            let id = "K\(nextID)"
            nextID += 1
            let k = state.open(SectionTemplate(course: chosen.course, teacher: chosen.teacher, site: chosen.site, needsHostStudents: false),
                               slot: chosen.slot, room: chosen.room)
            ids.append(id)
            usedIDs.insert(id)
            timetable.sections.append(Section(
                id: id, course: scenario.courses[chosen.course].id, teacher: scenario.teachers[chosen.teacher].id,
                site: chosen.site < 0 ? nil : scenario.organisations[p.siteOrganisation[chosen.site]].id,
                room: chosen.room < 0 ? nil : scenario.rooms[chosen.room].id, slot: p.settings.slots[chosen.slot].id))
            for s in chosen.members { enrol(s, in: k) }
        }
    }

    /// Why each course did not open and why each short student did not get each choice, for
    /// this timetable as it stands (`Search.explain`).
    public func explanations() -> Explanations {
        Search(state.p).explain(state, sectionIDs: Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0, $1) }))
    }

    private mutating func enrol(_ s: Int, in k: Int) {
        state.enrol(s, in: k)
        timetable.enrolments.append(Enrolment(student: state.p.scenario.students[s].id, section: ids[k]))
    }
}

extension ScheduleState {
    /// Whether student `s` may join open section `k` as it stands (H3 a free seat; H4 a chosen
    /// course not taken yet, the slot free, below `wants`, within the trip limit, travel to the
    /// sections before and after): the trip in minutes (0 when remote), or nil.
    func admits(_ s: Int, into k: Int) -> Double? {
        let sec = sections[k]
        guard sec.open, rank(of: sec.course, for: s) != nil, !takes(student: s, course: sec.course),
              section(ofStudent: s, slot: sec.slot) < 0,
              StudentRule.mayTakeAnother(load: studentLoad[s], wants: p.students[s].wants),
              SizeRule.hasSeat(enrolled: sec.members.count, capacity: sec.capacity),
              p.withinTrip(from: p.students[s].school, to: sec.site),
              studentTravelFits(s, site: studentSite(s, site: sec.site), slot: sec.slot) else { return nil }
        return sec.site < 0 ? 0 : p.minutes(p.students[s].school, sec.site)
    }
}
