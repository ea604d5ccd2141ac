/// Construction and large-neighbourhood search over `ScheduleState`.
struct Search {
    let p: ProblemIndex
    /// Every place a section can be held, and the templates of each course.
    let templates: [SectionTemplate]
    let templatesOfCourse: [[Int]]

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
                var sites: [(Int, Bool)] = []
                if course.remote { sites.append((-1, false)) }
                sites.append((teacher.site, false))
                if teacher.travels {
                    for site in 0..<p.siteCount where site != teacher.site {
                        if hostRule {
                            if atSite[site, default: 0] >= course.minSize { sites.append((site, true)) }
                        } else {
                            let reach = atSite.reduce(0) { $0 + (p.withinTrip(from: $1.key, to: site) ? $1.value : 0) }
                            if reach >= course.minSize { sites.append((site, false)) }
                        }
                    }
                }
                for (site, host) in sites {
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
        var heap = MaxHeap()
        var scratch: [Double] = []
        for c in courses {
            var quick = [Place: Double?]()
            for i in templatesOfCourse[c] {
                let tpl = templates[i]
                for t in 0..<p.slotCount where state.teacherCanTake(tpl.teacher, site: tpl.site, slot: t) {
                    let place = Place(course: c, site: tpl.site, slot: t, host: tpl.needsHostStudents, teacher: byTeacher ? tpl.teacher : -1)
                    if quick[place] == nil { quick[place] = state.quickGain(tpl, slot: t, scratch: &scratch) }
                    if let g = quick[place]!, g > 1e-9 { heap.push(g, i * p.slotCount + t) }
                }
            }
        }
        // Keys are upper bounds (`quickGain`); a popped entry is valued exactly and taken when it
        // is still within `tolerance` of the next key, else pushed back with its exact value.
        // Exact values are shared by templates of one place until the state changes.
        let tolerance = 0.97
        var exact = [Place: ScheduleState.OpenMove?]()
        while let top = heap.pop() {
            let tpl = templates[top.item / p.slotCount], t = top.item % p.slotCount
            guard state.teacherCanTake(tpl.teacher, site: tpl.site, slot: t) else { continue }
            let place = Place(course: tpl.course, site: tpl.site, slot: t, host: tpl.needsHostStudents, teacher: byTeacher ? tpl.teacher : -1)
            if exact[place] == nil { exact[place] = state.evaluateOpen(tpl, slot: t) }
            guard var m = exact[place]!, m.gain > 1e-9 else { continue }
            if let next = heap.peek(), m.gain < next.key * tolerance - 1e-9 {
                heap.push(m.gain, top.item)
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
            for s in students where state.bestResponse(s) { improved = true }
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

/// A binary max-heap of (key, item), ties broken by the smaller item for determinism.
struct MaxHeap {
    private var keys: [Double] = []
    private var items: [Int] = []

    var isEmpty: Bool { keys.isEmpty }

    private func above(_ i: Int, _ j: Int) -> Bool {
        keys[i] > keys[j] || (keys[i] == keys[j] && items[i] < items[j])
    }

    mutating func push(_ key: Double, _ item: Int) {
        keys.append(key); items.append(item)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard above(i, parent) else { break }
            keys.swapAt(i, parent); items.swapAt(i, parent)
            i = parent
        }
    }

    func peek() -> (key: Double, item: Int)? { keys.isEmpty ? nil : (keys[0], items[0]) }

    mutating func pop() -> (key: Double, item: Int)? {
        guard !keys.isEmpty else { return nil }
        let top = (keys[0], items[0])
        let lastKey = keys.removeLast(), lastItem = items.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey; items[0] = lastItem
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < keys.count && above(l, m) { m = l }
                if r < keys.count && above(r, m) { m = r }
                if m == i { break }
                keys.swapAt(i, m); items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
