import Foundation
import LinearProgramming
import SetkaModel

/// A re-seating: the days of some students re-decided at once, every open section staying where
/// and when it is and everyone else keeping their seats; a MIP that GLPK solves fast because its
/// linear relaxation is nearly integral (a re-seating of a whole district of 1,500, 32,565
/// seats: 452 fractional, within 8.5 of the MIP's optimum; HiGHS, offline).
///
/// Where seats are scarce, who gets a popular section's last seats decides much of what is left
/// to gain: in a 30 s run of generated district-1500-b seed 1, 860 of the 893 top choices
/// students missed were of courses whose every section within reach was full, and re-seating
/// that day's 1,500 students exactly gained 981 (0.45% of the objective; a day after 1,200 s
/// still gained 316). Best responses and seat chains move one or two students at a time and the
/// sub-MIPs re-decide a few courses' sections with their choosers, whose other seats stay; this
/// moves whole chains of students across courses. GLPK solves the whole district's model too
/// slowly (its LP did not end in 15 s), so the worker re-seats the choosers of one course at a
/// time (`Search.reseatStudents`): 30 such pieces gained 900 of the 981 (offline).
///
/// Variables: `attend[s, k]` for each free student and open section of a course they chose within
/// their trip limit (H4), valued as the search values the enrolment. Rows: H4 per free student
/// (at most `wants`, each course once, one section per slot, travel between consecutive slots)
/// and H3 and H5 per section, the seats of the students who stay counted where they are.
/// Students with a seat they may not leave (H6 pins, held students) stay.
struct Reseating {
    let p: ProblemIndex
    var model: Model
    /// The free students' seats: (student, section, variable).
    let seats: [(student: Int, section: Int, attend: Variable)]
    /// The students whose day the model re-decides.
    let students: [Int]

    /// The model of `state`'s day with `chosen` students free (nil: all), the others keeping
    /// their seats; nil when it would have more than `maxColumns` columns (seats).
    init?(_ state: ScheduleState, students chosen: Set<Int>? = nil, maxColumns: Int) {
        let p = state.p
        self.p = p
        // The students who stay: their seats, and those of them from each section's host school.
        let open = state.sections.indices.filter { state.sections[$0].open }
        var fixed = [Int: Int](), fixedHost = [Int: Int]()
        var free: [Int] = []
        for s in 0..<p.students.count {
            let keeps = (0..<p.slotCount).contains { t in
                let k = state.section(ofStudent: s, slot: t)
                return k >= 0 && state.pins.keeps(s, in: k)
            }
            guard keeps || chosen?.contains(s) == false else { free.append(s); continue }
            for t in 0..<p.slotCount {
                let k = state.section(ofStudent: s, slot: t)
                guard k >= 0 else { continue }
                fixed[k, default: 0] += 1
                if p.students[s].school == state.sections[k].site { fixedHost[k, default: 0] += 1 }
            }
        }
        guard free.reduce(0, { $0 + Self.columns(state, student: $1) }) <= maxColumns else { return nil }

        var model = Model(sense: .maximize)
        var seatsOf = [Int: LinearExpression](), hostSeatsOf = [Int: LinearExpression]()
        var seats: [(student: Int, section: Int, attend: Variable)] = []
        for s in free {
            let info = p.students[s]
            var all = LinearExpression()
            // Per slot, the student's seats with the site they are at then (`StudentTravelRows`).
            var bySlot = [[(site: Int, x: Variable)]](repeating: [], count: p.slotCount)
            for (r, c) in info.choices.enumerated() {
                var course = LinearExpression()
                for k in state.sectionsOfCourse[c] {
                    let sec = state.sections[k]
                    guard p.withinTrip(from: info.school, to: sec.site) else { continue }
                    let x = model.addVariable(lower: 0, upper: 1, kind: .integer,
                                              objective: p.searchValue(student: s, rank: r, site: sec.site, slot: sec.slot))
                    seats.append((s, k, x))
                    all.add(1, x)
                    course.add(1, x)
                    bySlot[sec.slot].append((state.studentSite(s, inSection: k), x))
                    seatsOf[k, default: LinearExpression()].add(1, x)
                    if sec.needsHostStudents && info.school == sec.site { hostSeatsOf[k, default: LinearExpression()].add(1, x) }
                }
                if course.terms.count > 1 { model.addConstraint(course, .lessOrEqual, 1) }
            }
            guard !all.terms.isEmpty else { continue }
            if all.terms.count > info.wants { model.addConstraint(all, .lessOrEqual, Double(info.wants)) }
            for t in 0..<p.slotCount where bySlot[t].count > 1 {
                model.addConstraint(LinearExpression.sum(bySlot[t].map(\.x)), .lessOrEqual, 1)
            }
            // Travel between consecutive slots (`StudentTravelRows`).
            for t in 0..<max(0, p.slotCount - 1) where !bySlot[t].isEmpty && !bySlot[t + 1].isEmpty {
                StudentTravelRows.add(slot: t, bySlot[t], next: bySlot[t + 1], p, to: &model)
            }
        }
        // H3 and H5 for the sections free students may take (the others keep their day's seats).
        for k in open {
            guard let seated = seatsOf[k] else { continue }
            let sec = state.sections[k]
            let minSize = Double(p.courses[sec.course].minSize)
            let staying = Double(fixed[k, default: 0])
            model.addConstraint(seated, .lessOrEqual, Double(sec.capacity) - staying)
            model.addConstraint(seated, .greaterOrEqual, minSize - staying)
            if sec.needsHostStudents, let host = hostSeatsOf[k] {
                model.addConstraint(host, .greaterOrEqual, minSize - Double(fixedHost[k, default: 0]))
            }
        }
        self.model = model
        self.seats = seats
        self.students = free
    }

    /// Student `s`'s columns: the open sections of their choices within their trip limit.
    static func columns(_ state: ScheduleState, student s: Int) -> Int {
        let info = state.p.students[s]
        var n = 0
        for c in info.choices {
            for k in state.sectionsOfCourse[c] where state.p.withinTrip(from: info.school, to: state.sections[k].site) { n += 1 }
        }
        return n
    }

    /// `state`'s day as a solution of this model.
    func incumbent(_ state: ScheduleState) -> [Variable: Double] {
        var values = [Variable: Double]()
        for (s, k, x) in seats { values[x] = state.section(ofStudent: s, slot: state.sections[k].slot) == k ? 1 : 0 }
        return values
    }

    /// The model's value of a solution (for the state's day: its free students' seats).
    func value(of values: [Variable: Double]) -> Double {
        seats.reduce(0) { $0 + (values[$1.attend] ?? 0) * (model.objectiveCoefficient(of: $1.attend) ?? 0) }
    }

    /// Puts the solution's day into `state`: the free students leave every section, then each
    /// joins the sections the solution seats them in.
    func apply(_ solution: Solution, to state: inout ScheduleState) {
        let none = [Int](repeating: -1, count: p.slotCount)
        for s in students { state.move(s, to: none) }
        var day = [Int: [Int]]()
        for (s, k, x) in seats where (solution.value(of: x) ?? 0) > 0.5 {
            day[s, default: none][state.sections[k].slot] = k
        }
        for s in students { if let d = day[s] { state.move(s, to: d) } }
    }
}

extension Search {
    /// Re-seats `students` of `state`'s day (nil: all) within `timeLimit` seconds, started from
    /// it; the better day, or nil (nothing better found, or the model is over `maxColumns`).
    func reseat(_ state: ScheduleState, students: Set<Int>? = nil, timeLimit: Double, maxColumns: Int = 200_000,
                shouldStop: @escaping @Sendable () -> Bool = { false }) -> ScheduleState? {
        let clock = Stopwatch()
        guard let r = Reseating(state, students: students, maxColumns: maxColumns) else { return nil }
        let built = clock.seconds
        let start = r.incumbent(state)
        let startValue = r.value(of: start)
        let options = subMIPOptions(start: start, startValue: startValue, timeLimit: timeLimit, shouldStop: shouldStop)
        let solved = try? Solver.solve(r.model, options: options)
        if SearchStatistics.enabled {
            FileHandle.standardError.write(Data(String(format: "reseat: students %d vars %d rows %d build %.3f solve %.3f nodes %d status %@ gain %.1f bound %@\n",
                r.students.count, r.model.variableCount, r.model.constraintCount, built, clock.seconds - built, solved?.nodes ?? 0,
                (solved.map { "\($0.status)" } ?? "fail") as NSString,
                (solved?.objective ?? startValue) - startValue,
                SearchStatistics.boundGain(solved, startValue: startValue) as NSString).utf8))
        }
        guard let solution = solved, solution.hasSolution, let value = solution.objective,
              value > startValue + Tolerance.value else { return nil }
        var next = state
        r.apply(solution, to: &next)
        return next.objective > state.objective + Tolerance.value ? next : nil
    }

    /// Choosers of `courses` to re-seat, with at most `columns` seats between them
    /// (`Reseating.columns`): in random order, first those who take
    /// one of the courses, are short of electives or miss it for a worse choice, then the others,
    /// up to the first who does not fit.
    func reseatStudents(_ state: ScheduleState, courses: Set<Int>, columns: Int, rng: inout SplitMix64) -> Set<Int> {
        var first: [Int] = [], others: [Int] = []
        var seen = Set<Int>()
        for c in courses.sorted() {
            for (s, r) in p.choosers[c] where seen.insert(s).inserted {
                if state.isShort(s) || state.studentRanks[s] >> UInt64(r) != 0 { first.append(s) } else { others.append(s) }
            }
        }
        rng.shuffle(&first)
        rng.shuffle(&others)
        var out = Set<Int>()
        var total = 0
        for s in first + others {
            let n = Reseating.columns(state, student: s)
            guard total + n <= columns else { break }
            total += n
            out.insert(s)
        }
        return out
    }
}
