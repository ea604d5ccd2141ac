import SetkaModel

/// Starting the search from a given timetable: a base scenario's result when solving a what-if
/// variant, or the published timetable when re-planning it stably.
extension Search {
    /// The part of `timetable` that is valid in this scenario, as a working state.
    ///
    /// A section is kept when its course, teacher, place, room and slot still exist and the
    /// teacher may hold it there (a section template), its room fits the course and is free, and
    /// the teacher is free, available and can travel in time (H1, H2). An enrolment is kept when
    /// the student still chose the course, does not take it already, is free in that slot, wants
    /// another course, is within the trip limit, can travel in time and there is a seat (H3, H4).
    /// Sections then left below their minimum, or without enough of their host's students (H5),
    /// are closed. Every rule holds for the result, as for every state of the search.
    /// With `into`, the timetable is added to that state (whose pinned sections stay).
    func load(_ timetable: Timetable, into start: ScheduleState? = nil) -> ScheduleState {
        var state = start ?? ScheduleState(p)
        let ids = TimetableNumbering(p)
        struct Key: Hashable { var course: Int; var teacher: Int; var site: Int }
        var templateOf = [Key: Int]()
        for (i, tpl) in templates.enumerated() {
            templateOf[Key(course: tpl.course, teacher: tpl.teacher, site: tpl.site)] = i
        }
        var opened = [String: Int]()
        for sec in timetable.sections where opened[sec.id] == nil {
            guard let c = ids.course[sec.course], let q = ids.teacher[sec.teacher], let t = ids.slot[sec.slot],
                  let site = ids.place(sec.site),
                  let i = templateOf[Key(course: c, teacher: q, site: site)] else { continue }
            var room = -1
            if site >= 0 {
                guard let id = sec.room, let r = ids.room[RoomKey(site: site, id: id)], p.roomFits(r, course: c),
                      state.roomSlot[r * p.slotCount + t] < 0 else { continue }
                room = r
            }
            guard state.teacherCanTake(q, site: site, slot: t) else { continue }
            opened[sec.id] = state.open(templates[i], slot: t, room: room)
        }
        for e in timetable.enrolments {
            guard let s = ids.student[e.student], let k = opened[e.section] else { continue }
            let sec = state.sections[k]
            guard state.rank(of: sec.course, for: s) != nil, !state.takes(student: s, course: sec.course),
                  state.section(ofStudent: s, slot: sec.slot) < 0,
                  StudentRule.mayTakeAnother(load: state.studentLoad[s], wants: p.students[s].wants),
                  SizeRule.hasSeat(enrolled: sec.members.count, capacity: sec.capacity) else { continue }
            guard p.withinTrip(from: p.students[s].school, to: sec.site),
                  state.studentTravelFits(s, site: state.studentSite(s, site: sec.site), slot: sec.slot) else { continue }
            state.enrol(s, in: k)
        }
        for k in state.sections.indices where state.sections[k].open && !state.pins.isPinned(k) {
            let sec = state.sections[k]
            let minSize = p.courses[sec.course].minSize
            if !SizeRule.isEnough(sec.members.count, minSize: minSize)
                || (sec.needsHostStudents && !VisitingTeacherRule.hostStudentsSuffice(sec.hostMembers, minSize: minSize)) {
                state.close(k)
            }
        }
        return state
    }

    /// A start from `timetable`: the pins' sections (taking the timetable's own where they meet
    /// a pin), what else of it is valid (`load`), completed greedily like `construct`.
    func construct(from timetable: Timetable) throws -> ScheduleState {
        var pinned = ScheduleState(p)
        try placePins(&pinned, prefer: timetable)
        var state = load(timetable, into: pinned)
        let all = Array(0..<p.courses.count)
        fill(&state, courses: all)
        settle(&state, students: Array(0..<p.students.count))
        fill(&state, courses: all)
        return state
    }
}

extension ProfileDayScheduler {
    /// The best of `current` and `others` for `scenario`: each other timetable is cut to what this
    /// scenario allows and completed greedily (`Search.construct(from:)`), and returned when its
    /// objective beats `current`'s. Used after a comparison, so that a plan found for one variant
    /// that is valid and better for another is used there too (otherwise the base could look
    /// worse than a variant that only took something away, merely because the variant's search
    /// ran on from the base's result). nil when none is better. `shouldStop` is asked between
    /// timetables.
    public static func bestOf(_ scenario: Scenario, current: Timetable, others: [Timetable],
                              shouldStop: @Sendable () -> Bool = { false })
        throws -> (timetable: Timetable, objective: Double, from: Int)? {
        let search = Search(try ProblemIndex(scenario))
        var best = search.load(current).specObjective()
        var found: (Timetable, Double, Int)?
        for (i, other) in others.enumerated() {
            if shouldStop() { break }
            let state = try search.construct(from: other)
            if state.objective > best + 1e-6 * max(1, abs(best)) {
                best = state.objective
                found = (state.timetable(), state.objective, i)
            }
        }
        return found
    }
}
