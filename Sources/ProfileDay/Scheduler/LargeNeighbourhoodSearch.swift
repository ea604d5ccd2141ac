import SetkaModel
import Foundation

extension SplitMix64 {
    /// Uniform in 0..<n (0 when n <= 1).
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : int(0...(n - 1)) }
}

/// Destroy-and-repair: free a part of the timetable chosen to interact (a course and the course
/// sharing most of its students, one teacher's day, one site's slot, the courses of a student who
/// is short of electives), rebuild it greedily, let the affected students re-choose, keep the
/// result when it is no worse.
extension Search {
    enum Neighbourhood: Int, CaseIterable, Sendable { case courses, teacher, siteSlot, shortStudent }

    /// How many other courses of the displaced students a step may open sections of.
    static let extraCoursesPerStep = 8
    /// Roughly how many (student, course) choices one step may re-value.
    static let choosersPerStep = 3000

    /// The course sharing most choosers with `c` (deterministic ties by number).
    func mostRelatedCourse(to c: Int) -> Int? {
        var counts = [Int: Int]()
        for (s, _) in p.choosers[c] {
            for c2 in p.students[s].choices where c2 != c { counts[c2, default: 0] += 1 }
        }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }

    /// Frees part of `state`; returns the courses to rebuild and the students to re-settle.
    func destroy(_ state: inout ScheduleState, _ kind: Neighbourhood, rng: inout SplitMix64) -> (courses: Set<Int>, students: Set<Int>) {
        var closing: [Int] = []
        var courses = Set<Int>()
        // Pinned sections (H6) are never closed; their other students may still move.
        let open = state.sections.indices.filter { state.sections[$0].open && !state.pins.isPinned($0) }
        switch kind {
        case .courses:
            // Weighted towards courses with unmet demand.
            let c = pickCourse(state, rng: &rng)
            courses.insert(c)
            if rng.unit() < 0.6, let c2 = mostRelatedCourse(to: c) { courses.insert(c2) }
            closing = open.filter { courses.contains(state.sections[$0].course) }
        case .teacher:
            guard !open.isEmpty else { return ([], []) }
            let q = state.sections[open[rng.below(open.count)]].teacher
            closing = open.filter { state.sections[$0].teacher == q }
            for q2 in 0..<p.teachers.count where q2 != q && p.teachers[q2].courses == p.teachers[q].courses {
                if rng.unit() < 0.3 { closing += open.filter { state.sections[$0].teacher == q2 } }
            }
        case .siteSlot:
            guard !open.isEmpty else { return ([], []) }
            let k = open[rng.below(open.count)]
            let site = state.sections[k].site, slot = state.sections[k].slot
            closing = open.filter { state.sections[$0].site == site && (state.sections[$0].slot == slot || rng.unit() < 0.3) }
        case .shortStudent:
            let short = (0..<p.students.count).filter { state.studentLoad[$0] < p.students[$0].wants }
            guard !short.isEmpty else { return destroy(&state, .courses, rng: &rng) }
            let s = short[rng.below(short.count)]
            for c in p.students[s].choices.prefix(3) { courses.insert(c) }
            closing = open.filter { courses.contains(state.sections[$0].course) && rng.unit() < 0.7 }
        }
        var students = Set<Int>()
        for k in closing {
            courses.insert(state.sections[k].course)
            students.formUnion(state.sections[k].members)
            state.close(k)
        }
        return (courses, students)
    }

    private func pickCourse(_ state: ScheduleState, rng: inout SplitMix64) -> Int {
        var weights = [Double](repeating: 1, count: p.courses.count)
        for s in 0..<p.students.count where state.studentLoad[s] < p.students[s].wants {
            for c in p.students[s].choices where !state.takes(student: s, course: c) { weights[c] += 1 }
        }
        for c in 0..<p.courses.count where templatesOfCourse[c].isEmpty { weights[c] = 0 }
        let total = weights.reduce(0, +)
        guard total > 0 else { return rng.below(p.courses.count) }
        var x = rng.unit() * total
        for (c, w) in weights.enumerated() {
            x -= w
            if x < 0 { return c }
        }
        return p.courses.count - 1
    }

    /// One destroy-and-repair step on a copy of `state`.
    func step(_ state: ScheduleState, rng: inout SplitMix64) -> ScheduleState {
        var candidate = state
        let kinds = Neighbourhood.allCases
        let kind = kinds[rng.below(kinds.count)]
        let (freed, students) = destroy(&candidate, kind, rng: &rng)
        guard !freed.isEmpty else { return state }
        // Rebuild the freed courses and any course the displaced students chose; then let the
        // displaced students and everyone who chose a freed course re-choose.
        // The displaced students' other choices: the most frequent few (the rest re-join
        // existing sections by best response).
        var courses = freed
        var counts = [Int: Int]()
        for s in students { for c in p.students[s].choices where !freed.contains(c) { counts[c, default: 0] += 1 } }
        // Bounded by the number of choosers to value, so steps stay cheap in a city.
        var budget = Self.choosersPerStep - courses.reduce(0) { $0 + p.choosers[$1].count }
        for (c, _) in counts.sorted(by: { ($0.value, -$0.key) > ($1.value, -$1.key) }).prefix(Self.extraCoursesPerStep) {
            guard budget > 0 else { break }
            courses.insert(c)
            budget -= p.choosers[c].count
        }
        let courseList = courses.sorted()
        fill(&candidate, courses: courseList)
        var touched = students
        for c in freed { for (s, _) in p.choosers[c] { touched.insert(s) } }
        settle(&candidate, students: touched.sorted(), sweeps: 2)
        fill(&candidate, courses: courseList)
        return candidate
    }
}

import LinearProgramming

extension Search {
    /// A step that frees a few interacting courses and re-decides them exactly with GLPK: the
    /// per-student model of that neighbourhood (everything else fixed), started from the current
    /// timetable. Finds joint moves the greedy cannot (moving one course's section so that
    /// another can open). Returns nil when nothing better was found. `shouldStop` ends GLPK's
    /// search at once (Ctrl-C), keeping what it found.
    func exactStep(_ state: ScheduleState, rng: inout SplitMix64, timeLimit: Double, maxBinaries: Int,
                   shouldStop: @escaping @Sendable () -> Bool = { false }) -> ScheduleState? {
        let first = pickCourse(state, rng: &rng)
        var courses: Set<Int> = [first]
        if let second = mostRelatedCourse(to: first) { courses.insert(second) }
        if rng.unit() < 0.5 {
            let other = pickCourse(state, rng: &rng)
            courses.insert(other)
        }
        while MonolithicModel.estimatedSize(p, self, freeing: courses) > maxBinaries && courses.count > 1 {
            courses.remove(courses.max { p.choosers[$0].count < p.choosers[$1].count }!)
        }
        guard MonolithicModel.estimatedSize(p, self, freeing: courses) <= maxBinaries else { return nil }
        let sub = MonolithicModel(p, self, freeing: courses, from: state)
        guard let start = sub.incumbent(state) else { return nil }
        let startValue = sub.value(of: start)
        var options = SolverOptions()
        options.timeLimit = timeLimit
        options.presolve = false
        options.initialSolution = start
        options.cuts = [.gomory, .mixedIntegerRounding, .clique]
        options.shouldStop = shouldStop
        guard let solution = try? Solver.solve(sub.model, options: options), solution.hasSolution,
              let value = solution.objective, value > startValue + 1e-6 else { return nil }
        var next = state
        sub.apply(solution, to: &next)
        return next
    }
}
