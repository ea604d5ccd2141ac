/// Proven upper bounds on the profile-day objective.
///
/// Every bound here comes from a relaxation: a problem whose every valid timetable maps to a
/// feasible point of no smaller value, so its optimum (or any proven bound on it) bounds ours.
enum UpperBound {
    struct Result: Sendable {
        var value: Double?
        var method: BoundMethod

        /// The tighter (lower) of two bounds, `a` on a tie; one with a value over one without.
        static func tighter(_ a: Result?, _ b: Result?) -> Result? {
            guard let av = a?.value else { return b ?? a }
            guard let bv = b?.value else { return a }
            return bv < av ? b : a
        }
    }

    /// The best value student `s` could get from course `c` (its rank value less the least travel
    /// to any place a section of `c` can be held within the trip limit), or nil when unreachable.
    static func bestValue(_ p: ProblemIndex, places: [Int], student s: Int, rank r: Int) -> Double? {
        bestValue(p, places: places, school: p.students[s].school, rank: r)
    }

    /// `bestValue` for any student of `school`.
    static func bestValue(_ p: ProblemIndex, places: [Int], school: Int, rank r: Int) -> Double? {
        var best: Double?
        for site in places {
            let minutes = site < 0 ? 0 : p.minutes(school, site)
            guard StudentRule.withinTrip(minutes: minutes, limit: p.maxTrip) else { continue }
            let v = p.rankValue(r) - p.travelMinute * minutes
            if best == nil || v > best! { best = v }
        }
        return best
    }

    /// Places (sites, -1 for remote) where each course can be held.
    static func places(_ p: ProblemIndex, _ search: Search) -> [[Int]] {
        (0..<p.courses.count).map { c in Array(Set(search.templatesOfCourse[c].map { search.templates[$0].site })).sorted() }
    }

    /// The simple bound: every student gets their best `wants` reachable courses, each enrolment
    /// paying at least its share `section / max_size` of a section's cost; a course whose reachable
    /// choosers in the whole district are fewer than its minimum cannot open.
    static func perStudent(_ p: ProblemIndex, _ search: Search) -> Double {
        let places = places(p, search)
        var reachable = [Int](repeating: 0, count: p.courses.count)
        var values = [[(c: Int, v: Double)]](repeating: [], count: p.students.count)
        for s in 0..<p.students.count {
            for (r, c) in p.students[s].choices.enumerated() {
                if let v = bestValue(p, places: places[c], student: s, rank: r) {
                    reachable[c] += 1
                    values[s].append((c, v - p.sectionCost / Double(max(1, p.courses[c].maxSize))))
                }
            }
        }
        var total = 0.0
        for s in 0..<p.students.count {
            let usable = values[s].filter { reachable[$0.c] >= p.courses[$0.c].minSize && $0.v > 0 }.map(\.v).sorted(by: >)
            total += usable.prefix(p.students[s].wants).reduce(0, +)
        }
        return total
    }

    /// The least of the simple bound and the relaxation's; `found` hears each relaxation's
    /// bound below the simple one as it is proven, before the end.
    static func compute(_ p: ProblemIndex, templates search: Search, timeLimit: Double,
                        shouldStop: @escaping @Sendable () -> Bool = { false },
                        found: @escaping (Result) -> Void = { _ in }) -> Result {
        let simple = perStudent(p, search)
        let relaxation = RelaxationBound.solve(p, search, timeLimit: timeLimit, shouldStop: shouldStop) { value, method in
            if value < simple { found(Result(value: value, method: method)) }
        }
        if let relaxed = relaxation, relaxed.value < simple {
            return Result(value: relaxed.value, method: relaxed.method)
        }
        return Result(value: simple, method: .perStudent)
    }
}
