import HeapModule

/// Construction and large-neighbourhood search over `ScheduleState`.
struct Search {
    let p: ProblemIndex
    /// Every place a section can be held, and the templates of each course.
    let templates: [SectionTemplate]
    let templatesOfCourse: [[Int]]
    /// Asked now and then inside `fill` and `settle` (Ctrl-C, a cancelled job): true cuts them
    /// short. Every state keeps the hard rules, so a cut construction is a valid, poorer day,
    /// and `improve` drops a step that was cut. In a city a step or the construction takes
    /// seconds; without this a stop waits for them.
    var shouldStop: @Sendable () -> Bool = { false }

    init(_ p: ProblemIndex) {
        self.p = p
        var list: [SectionTemplate] = []
        var byCourse = [[Int]](repeating: [], count: p.courses.count)
        let hostRule = p.settings.visitingTeacherRule
        // Students of each course at each site, and within reach of each site.
        for c in 0..<p.courses.count {
            let course = p.courses[c]
            var atSite = [Int: Int]()
            for (s, _) in p.choosers[c] { atSite[p.students[s].school, default: 0] += 1 }
            for q in p.teachersOfCourse[c] {
                let teacher = p.teachers[q]
                // Remote (when the course allows it), the teacher's own site, then every other site
                // (in order) that H1 lets them travel to and where a section could fill: with H5,
                // `min_size` of the host's own students chose the course; without, as many within
                // reach of it.
                let others = (0..<p.siteCount).filter { $0 != teacher.site }
                for site in (course.remote ? [-1] : []) + [teacher.site] + others {
                    let place = ProblemIndex.place(site)
                    let here = TeacherRule.place(ofSectionAt: place, ownSite: teacher.site)
                    guard TeacherRule.mayBe(at: here, ownSite: teacher.site, travels: teacher.travels) else { continue }
                    let host = VisitingTeacherRule.applies(ruleOn: hostRule, site: place, teacherSite: teacher.site)
                    if site >= 0 && site != teacher.site {
                        if host {
                            guard VisitingTeacherRule.hostStudentsSuffice(atSite[site, default: 0], minSize: course.minSize) else { continue }
                        } else {
                            let reach = atSite.reduce(0) { $0 + (p.withinTrip(from: $1.key, to: site) ? $1.value : 0) }
                            guard SizeRule.isEnough(reach, minSize: course.minSize) else { continue }
                        }
                    }
                    if site >= 0 && !p.roomsAtSite[site].contains(where: { p.roomFits($0, course: c) }) { continue }
                    byCourse[c].append(list.count)
                    list.append(SectionTemplate(course: c, teacher: q, site: site, needsHostStudents: host))
                }
            }
        }
        templates = list
        templatesOfCourse = byCourse
    }

    /// Greedy: repeatedly opens the section (template × slot) that gains most, re-evaluating lazily,
    /// until no section gains anything. Only templates of `courses` are considered.
    func fill(_ state: inout ScheduleState, courses: [Int]) {
        // Students' side of a would-be section depends on the course, place, slot and whether
        // H5 applies — not on which qualified teacher holds it — so templates that share those
        // are valued once; each teacher who can take the slot gets the same key. (With anchors a
        // section's cost depends on its teacher, so then the teacher is part of the place.)
        struct Place: Hashable { var course: Int; var site: Int; var slot: Int; var host: Bool; var teacher: Int }
        let byTeacher = p.anchors != nil
        var heap = Heap<FillCandidate>()
        var scratch: [Double] = []
        for c in courses {
            if shouldStop() { return }
            var quick = [Place: Double?]()
            for i in templatesOfCourse[c] {
                let tpl = templates[i]
                for t in 0..<p.slotCount where state.teacherCanTake(tpl.teacher, site: tpl.site, slot: t) {
                    let place = Place(course: c, site: tpl.site, slot: t, host: tpl.needsHostStudents, teacher: byTeacher ? tpl.teacher : -1)
                    if quick[place] == nil { quick[place] = state.quickGain(tpl, slot: t, scratch: &scratch) }
                    if let g = quick[place]!, g > Tolerance.value { heap.insert(FillCandidate(key: g, item: i * p.slotCount + t)) }
                }
            }
        }
        // Keys are upper bounds (`quickGain`); a popped entry is valued exactly and taken when it
        // is still within `tolerance` of the next key, else pushed back with its exact value.
        // Exact values are shared by templates of one place until the state changes.
        let tolerance = 0.97
        var exact = [Place: ScheduleState.OpenMove?]()
        var pops = 0
        while let top = heap.popMax() {
            pops += 1
            if pops & 63 == 0 && shouldStop() { return }
            let tpl = templates[top.item / p.slotCount], t = top.item % p.slotCount
            guard state.teacherCanTake(tpl.teacher, site: tpl.site, slot: t) else { continue }
            let place = Place(course: tpl.course, site: tpl.site, slot: t, host: tpl.needsHostStudents, teacher: byTeacher ? tpl.teacher : -1)
            if exact[place] == nil { exact[place] = state.evaluateOpen(tpl, slot: t) }
            guard var m = exact[place]!, m.gain > Tolerance.value else { continue }
            if let next = heap.max, m.gain < next.key * tolerance - Tolerance.value {
                heap.insert(FillCandidate(key: m.gain, item: top.item))
                continue
            }
            m.template = tpl
            state.apply(m)
            exact.removeAll(keepingCapacity: true)
        }
    }

    /// Best responses for `students` until none improves (bounded number of sweeps).
    func settle(_ state: inout ScheduleState, students: [Int], sweeps: Int = 3) {
        for _ in 0..<sweeps {
            var improved = false
            for (n, s) in students.enumerated() {
                if n & 63 == 0 && shouldStop() { return }
                if state.bestResponse(s) { improved = true }
            }
            if !improved { break }
        }
    }

    /// A constructive start: the pins' sections (H6), greedy opening over every course, then
    /// best responses for all.
    func construct() throws -> ScheduleState {
        var state = ScheduleState(p)
        try placePins(&state)
        fill(&state, courses: Array(0..<p.courses.count))
        settle(&state, students: Array(0..<p.students.count))
        fill(&state, courses: Array(0..<p.courses.count))
        return state
    }
}

/// An entry of `fill`'s heap: a would-be section (template × slot, as `item`) keyed by an upper
/// bound on its gain. The largest key comes first; equal keys by the smaller item, so that the
/// order, and with it the timetable, is the same on every run.
struct FillCandidate: Comparable {
    var key: Double
    var item: Int

    static func < (a: Self, b: Self) -> Bool { a.key < b.key || (a.key == b.key && a.item > b.item) }
}
