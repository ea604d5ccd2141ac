import SetkaModel
import Foundation

extension SplitMix64 {
    /// Uniform in 0..<n (0 when n <= 1).
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : int(0...(n - 1)) }
}

/// Destroy-and-repair: free a part of the timetable chosen to interact (a course and the course
/// sharing most of its students, one teacher's day, one site's slot, the courses of a student who
/// is short of electives, one section, the sections that keep a wanted course from a place and
/// slot where its teacher is free), rebuild it greedily, let the affected students re-choose and
/// those still short take seats by seat chains, keep the result when it is no worse. A seventh
/// kind frees nothing: seat chains alone, for students short of electives anywhere.
extension Search {
    enum Neighbourhood: Int, CaseIterable, Sendable { case courses, teacher, siteSlot, shortStudent, section, blocked, seatChain }

    /// How many other courses of the displaced students a step may open sections of.
    static let extraCoursesPerStep = 8
    /// The most sections the site-and-slot neighbourhood frees.
    static let siteSlotSections = 24
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

    /// Frees part of `state`; returns the courses to rebuild, the students to re-settle and, for
    /// `.blocked`, the wanted course the place was freed for.
    func destroy(_ state: inout ScheduleState, _ kind: Neighbourhood, rng: inout SplitMix64) -> (courses: Set<Int>, students: Set<Int>, wanted: Int?) {
        var closing: [Int] = []
        var courses = Set<Int>()
        var wanted: Int? = nil
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
            guard !open.isEmpty else { return ([], [], nil) }
            let q = state.sections[open[rng.below(open.count)]].teacher
            closing = open.filter { state.sections[$0].teacher == q }
            for q2 in 0..<p.teachers.count where q2 != q && p.teachers[q2].courses == p.teachers[q].courses {
                if rng.unit() < 0.3 { closing += open.filter { state.sections[$0].teacher == q2 } }
            }
        case .siteSlot:
            guard !open.isEmpty else { return ([], [], nil) }
            let k = open[rng.below(open.count)]
            let site = state.sections[k].site, slot = state.sections[k].slot
            closing = open.filter { state.sections[$0].site == site && (state.sections[$0].slot == slot || rng.unit() < 0.3) }
            // At most `siteSlotSections`, the picked one and others at random: a remote pick
            // (all remote sections count as one place) freed a hundred and more in a city, whose
            // rebuild took 55 ms a step against 2–7 ms for the other kinds.
            if closing.count > Self.siteSlotSections {
                closing.removeAll { $0 == k }
                rng.shuffle(&closing)
                closing = [k] + closing.prefix(Self.siteSlotSections - 1)
            }
        case .shortStudent:
            let short = (0..<p.students.count).filter { state.studentLoad[$0] < p.students[$0].wants }
            guard !short.isEmpty else { return destroy(&state, .courses, rng: &rng) }
            let s = short[rng.below(short.count)]
            for c in p.students[s].choices.prefix(3) { courses.insert(c) }
            closing = open.filter { courses.contains(state.sections[$0].course) && rng.unit() < 0.7 }
        case .section:
            // One section, to be held elsewhere or at another time (or not at all).
            guard !open.isEmpty else { return ([], [], nil) }
            closing = [open[rng.below(open.count)]]
        case .blocked:
            // Ejection: a wanted course cannot open where and when its teacher is free because
            // the teacher or every suitable room there is taken then: free that place.
            let c = pickWantedCourse(state, rng: &rng)
            courses.insert(c)
            wanted = c
            closing = blockers(of: c, in: state, closable: Set(open), rng: &rng)
        case .seatChain:
            // Not destroy-and-repair: `step` applies seat chains directly (`seatChains`).
            return ([], [], nil)
        }
        var students = Set<Int>()
        for k in closing {
            courses.insert(state.sections[k].course)
            students.formUnion(state.sections[k].members)
            state.close(k)
        }
        return (courses, students, wanted)
    }

    /// A course weighted by its unmet demand: students who are short of electives, or who take
    /// a course they rank below it, and do not take it.
    func pickWantedCourse(_ state: ScheduleState, rng: inout SplitMix64) -> Int {
        var weights = [Double](repeating: 0, count: p.courses.count)
        for s in 0..<p.students.count {
            let choices = p.students[s].choices
            let short = state.studentLoad[s] < p.students[s].wants
            // The rank of the worst course the student takes (or all ranks when short).
            var worst = short ? choices.count : -1
            if !short { for r in choices.indices where state.studentRanks[s] & (1 << UInt64(r)) != 0 { worst = r } }
            for r in 0..<min(worst, choices.count) where state.studentRanks[s] & (1 << UInt64(r)) == 0 {
                weights[choices[r]] += 1
            }
        }
        for c in 0..<p.courses.count where templatesOfCourse[c].isEmpty { weights[c] = 0 }
        guard weights.contains(where: { $0 > 0 }) else { return rng.below(p.courses.count) }
        return rng.weighted(weights)
    }

    /// The open sections that keep course `c` from a place and slot where its teacher is free
    /// (H1 slots): the teacher's own section then, one of theirs when they are at their
    /// `max_sections`, or a section in a suitable room at the place when all are taken.
    /// Tries the course's templates and slots in random order; empty when nothing blocks it.
    func blockers(of c: Int, in state: ScheduleState, closable: Set<Int>, rng: inout SplitMix64) -> [Int] {
        var order = templatesOfCourse[c]
        rng.shuffle(&order)
        // A visiting teacher's place (H5) opens only with ten of the host's own choosers, which
        // a course's short students spread over a city seldom are: the places of teachers at
        // their own site (or remote) first. (City-20000-b: `c232`'s idle teacher at s009, whose
        // lab other courses held all day, was one of about 240 places of the course, 6 tried.)
        order = order.filter { !templates[$0].needsHostStudents } + order.filter { templates[$0].needsHostStudents }
        for i in order.prefix(6) {
            let tpl = templates[i]
            let teacher = p.teachers[tpl.teacher]
            var slots = (0..<p.slotCount).filter { TeacherRule.isFree(teacher.slotMask, slot: $0) }
            rng.shuffle(&slots)
            for t in slots {
                var out: [Int] = []
                let own = state.section(ofTeacher: tpl.teacher, slot: t)
                if own >= 0 {
                    if state.sections[own].course == c { continue }
                    out.append(own)
                } else if !TeacherRule.mayTakeAnother(load: state.teacherLoad[tpl.teacher], maxSections: teacher.maxSections) {
                    let theirs = (0..<p.slotCount).map { state.section(ofTeacher: tpl.teacher, slot: $0) }
                        .filter { $0 >= 0 && state.sections[$0].course != c }
                    guard !theirs.isEmpty else { continue }
                    out.append(theirs[rng.below(theirs.count)])
                }
                if tpl.site >= 0 && state.freeRooms(site: tpl.site, course: c, slot: t).isEmpty {
                    let taken = p.roomsAtSite[tpl.site].filter { p.roomFits($0, course: c) }
                        .map { Int(state.roomSlot[$0 * p.slotCount + t]) }.filter { $0 >= 0 && !out.contains($0) }
                    guard !taken.isEmpty else { continue }
                    out.append(taken[rng.below(taken.count)])
                }
                if !out.isEmpty && out.allSatisfy({ closable.contains($0) }) { return out }
            }
        }
        return []
    }

    /// How many students one seat-chain step tries.
    static let seatChainStudents = 16

    /// Seat chains (`ScheduleState.seatChain`) for up to `seatChainStudents` students short of
    /// electives, of `among` (all when nil), taken in random order; each chain applied gains, so
    /// the day only gets better. False when none of them is short.
    ///
    /// After a destroy-and-repair step (`among` given) where none of the affected students is
    /// short, the chains go to those of them who take a course while missing one they ranked
    /// higher (`ScheduleState.missesBetterChoice`): a seat in a full section of the better choice
    /// is worth a chain too (measured: 30 of 42 paired runs better, +0.04% on the mean).
    @discardableResult
    func seatChains(_ state: inout ScheduleState, rng: inout SplitMix64, among: [Int]? = nil) -> Bool {
        var chosen = (among ?? Array(0..<p.students.count)).filter { state.isShort($0) }
        if chosen.isEmpty, let among { chosen = among.filter { state.missesBetterChoice($0) } }
        guard !chosen.isEmpty else { return false }
        rng.shuffle(&chosen)
        for x in chosen.prefix(Self.seatChainStudents) {
            if shouldStop() { return true }
            _ = state.seatChain(x)
        }
        return true
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

    /// One destroy-and-repair step on a copy of `state`, of neighbourhood `chosen` (a random one
    /// when nil); the new day and the neighbourhood it used.
    func step(_ state: ScheduleState, rng: inout SplitMix64, kind chosen: Neighbourhood? = nil) -> (state: ScheduleState, kind: Neighbourhood) {
        var candidate = state
        let kinds = Neighbourhood.allCases
        var kind = chosen ?? kinds[rng.below(kinds.count)]
        // Seat chains for students short of electives; when nobody is short, another kind (the
        // last case is `seatChain`, so the others are the first `count - 1`).
        if kind == .seatChain {
            if seatChains(&candidate, rng: &rng) { return (candidate, kind) }
            kind = kinds[rng.below(kinds.count - 1)]
        }
        let (freed, students, wanted) = destroy(&candidate, kind, rng: &rng)
        guard !freed.isEmpty else { return (state, kind) }
        // The wanted course first, into the place just freed for it (else the greedy fill may
        // give it back to the course it was taken from, whose students were just there).
        if let wanted { fill(&candidate, courses: [wanted]) }
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
        let touchedList = touched.sorted()
        settle(&candidate, students: touchedList, sweeps: 2)
        fill(&candidate, courses: courseList)
        // Then seat chains for the affected students still short: a seat in a full section whose
        // member has another choice (best responses and the greedy cannot make that exchange).
        seatChains(&candidate, rng: &rng, among: touchedList)
        return (candidate, kind)
    }
}

import LinearProgramming
import Foundation

extension Search {
    /// A sub-MIP ends once its proven bound is within this share of a first choice's value of
    /// the best it has found: the most it could still gain is less than a twentieth of one
    /// student's first choice. (district-1500-b: sub-MIPs over the same course ran to their
    /// second again and again with a bound 0.7–4.4 above the start, first choices worth 100:
    /// 25 s of a 30 s run's 58 search-thread seconds for a gain of 76.)
    static let exactStepTolerance = 0.05

    /// The share of sub-MIPs that re-decide their courses in one or two slots only (the courses'
    /// sections in the other slots stay, and so do their students). A popular course's whole-day
    /// model is larger than the sizes `ExactStepSize` learns, so it was dropped from every
    /// sub-MIP: in a 30 s run of generated district-1500-b seed 1, none of the eleven most chosen
    /// courses (214–773 choosers) was in any of 1,038 sub-MIPs, whose median was 254 variables.
    /// Over one or two slots the same courses make models of about 1,600.
    static let slotExactShare = 0.5

    /// The slots (bit t) a sub-MIP re-decides: all of them, or (`slotExactShare` of the time)
    /// one slot or two at random.
    func pickSlots(rng: inout SplitMix64) -> UInt64 {
        guard p.slotCount > 1, rng.unit() < Self.slotExactShare else { return .max }
        let a = rng.below(p.slotCount)
        var slots: UInt64 = 1 << UInt64(a)
        if rng.unit() < 0.5 {
            var b = rng.below(p.slotCount - 1)
            if b >= a { b += 1 }
            slots |= 1 << UInt64(b)
        }
        return slots
    }

    /// A sub-MIP is sized by its model's variables, not by `MonolithicModel.estimatedSize`,
    /// which counts every template's rooms, slots and choosers and is 0.93 to 15 times the
    /// model (5,129 sub-MIPs logged; median 1.8 on district-1500-b, 3.6 on city-20000-b): a limit
    /// on the estimate made most sub-MIPs one course of a few hundred variables (district-1500-b,
    /// 30 s: 564 of 623, median 341 variables). Only a neighbourhood whose estimate is more than
    /// this many times the limit is left unbuilt.
    static let estimateSlack = 3

    /// GLPK's relative gap for a sub-MIP whose start is worth `startValue`: `exactStepTolerance`
    /// of a first choice over it (GLPK divides by the best found, at least the start's value, so
    /// the sub-MIP ends a little earlier only when it has gained), or 0 for a start worth less.
    func exactStepGap(startValue: Double) -> Double {
        let tolerance = Self.exactStepTolerance * p.rankValue(0)
        return startValue > tolerance ? tolerance / startValue : 0
    }

    /// The course of `courses` with the most choosers, the higher number on a tie: never the
    /// Set's order, which differs from process to process (Swift seeds its hashing per process),
    /// so that a run with an iteration limit gives the same day in every process.
    func mostChosen(_ courses: Set<Int>) -> Int {
        courses.max { (p.choosers[$0].count, $0) < (p.choosers[$1].count, $1) }!
    }

    /// GLPK's options for a sub-MIP of the search (`exactStep`, `reseat`) started from the current
    /// day `start`, worth `startValue` in its model.
    func subMIPOptions(start: [Variable: Double], startValue: Double, timeLimit: Double,
                       shouldStop: @escaping @Sendable () -> Bool) -> SolverOptions {
        var options = SolverOptions()
        options.timeLimit = timeLimit
        options.presolve = false
        options.initialSolution = start
        // The root LP from the current day by the primal simplex (the day is a feasible basis,
        // and most sub-MIPs gain nothing: their LP optimum lies next to it) rather than from
        // GLPK's standard basis by the dual simplex: `setka schedule
        // .bench/instances/district-600-b-seed3 --iterations 300 --seed 1`, 40 sub-MIPs, took
        // 307 s of GLPK before, 105 s with this (115 s with the primal simplex alone); one
        // sub-MIP of 4,685 variables 86.7 s before, 18.1 s with this.
        options.method = .primalSimplex
        options.rootStartsAtInitialSolution = true
        options.relativeGap = exactStepGap(startValue: startValue)
        options.cuts = [.gomory, .mixedIntegerRounding, .clique]
        options.shouldStop = shouldStop
        return options
    }

    /// A step that frees a few interacting courses (in every slot, or in one or two: see
    /// `slotExactShare`) and re-decides them exactly with GLPK: the
    /// per-student model of that neighbourhood (everything else fixed), started from the current
    /// timetable. Finds joint moves the greedy cannot (moving one course's section so that
    /// another can open). Returns the better day (nil when nothing better was found), GLPK's
    /// status (nil when no sub-MIP was solved) and the sub-MIP's binaries (its model's
    /// variables), which `ExactStepSize` learns from. `shouldStop` ends GLPK's search at once
    /// (Ctrl-C), keeping what it found.
    func exactStep(_ state: ScheduleState, rng: inout SplitMix64, timeLimit: Double, nodeLimit: Int? = nil, maxBinaries: Int,
                   shouldStop: @escaping @Sendable () -> Bool = { false }) -> (better: ScheduleState?, status: SolutionStatus?, binaries: Int) {
        let first = pickCourse(state, rng: &rng)
        var courses: Set<Int> = [first]
        if let second = mostRelatedCourse(to: first) { courses.insert(second) }
        if rng.unit() < 0.5 {
            let other = pickCourse(state, rng: &rng)
            courses.insert(other)
        }
        let slots = pickSlots(rng: &rng)
        // At most `maxBinaries` in the model GLPK gets, the most chosen course dropped first:
        // those far above it by the estimate go unbuilt (it is cheap, see `estimateSlack`), the
        // rest by the model's own size.
        // (The estimate counts every slot: a model over some slots is about their share of it.)
        func estimated() -> Int {
            let all = MonolithicModel.estimatedSize(p, self, freeing: courses, in: state)
            return slots == .max ? all : all * slots.nonzeroBitCount / p.slotCount
        }
        var estimate = estimated()
        while estimate > Self.estimateSlack * maxBinaries && courses.count > 1 {
            courses.remove(mostChosen(courses))
            estimate = estimated()
        }
        guard estimate <= Self.estimateSlack * maxBinaries else { return (nil, nil, estimate) }
        let clock = Stopwatch()
        var sub = MonolithicModel(p, self, freeing: courses, slots: slots, from: state)
        while sub.model.variableCount > maxBinaries && courses.count > 1 {
            courses.remove(mostChosen(courses))
            sub = MonolithicModel(p, self, freeing: courses, slots: slots, from: state)
        }
        let binaries = sub.model.variableCount
        guard binaries <= maxBinaries else { return (nil, nil, binaries) }
        let built = clock.seconds
        guard let start = sub.incumbent(state) else { return (nil, nil, binaries) }
        let startValue = sub.value(of: start)
        var options = subMIPOptions(start: start, startValue: startValue, timeLimit: timeLimit, shouldStop: shouldStop)
        options.nodeLimit = nodeLimit
        let solved = try? Solver.solve(sub.model, options: options)
        if SearchStatistics.enabled {
            FileHandle.standardError.write(Data(String(format: "exact: slots %d courses %@ est %d vars %d rows %d build %.3f solve %.3f nodes %d status %@ start accepted %@ gain %.1f bound %@\n",
                Int(slots == .max ? 0 : slots), courses.sorted().description as NSString, binaries, sub.model.variableCount, sub.model.constraintCount, built, clock.seconds - built, solved?.nodes ?? 0,
                (solved.map { "\($0.status)" } ?? "fail") as NSString, "\(solved?.initialSolutionAccepted.map { "\($0)" } ?? "–")" as NSString, (solved?.objective ?? startValue) - startValue,
                SearchStatistics.boundGain(solved, startValue: startValue) as NSString).utf8))
        }
        guard let solution = solved, solution.hasSolution,
              let value = solution.objective, value > startValue + 1e-6 else { return (nil, solved?.status, binaries) }
        var next = state
        sub.apply(solution, to: &next)
        return (next, solution.status, binaries)
    }
}

/// The size of the search's sub-MIPs, learnt from how they end. A sub-MIP that reaches its time
/// limit without any solution spent it all in the root LP (GLPK takes the current day as a start
/// only after the root LP): the step was wasted, so the next ones are smaller than it. So are
/// they after one that reached it with a solution but not within `Search.exactStepTolerance` of
/// its bound: too large to finish (generated district-600 seed 1, 10 s: 11 of 46 sub-MIPs, about
/// 5,000 binaries each, took 10.9 of the two threads' 18.8 s for a gain of 77). One of near the
/// limit solved to optimality (or to within that tolerance) shows there is room, so they grow
/// again, up to `ScheduleOptions.exactStepBinaries` (small ones that are solved say nothing of
/// the limit).
/// It depends only on GLPK's statuses, not on the clock (reproducible runs give sub-MIPs time to
/// finish).
struct ExactStepSize {
    let largest: Double
    static let smallest = 300.0
    static let shrink = 0.7
    static let grow = 1.15
    private(set) var binaries: Double

    init(largest: Int) {
        self.largest = Double(largest)
        binaries = Double(largest)
    }

    var current: Int { Int(binaries) }

    mutating func learn(_ status: SolutionStatus?, binaries size: Int) {
        let n = Double(size)
        switch status {
        case .timeLimitNoSolution, .timeLimitWithSolution: binaries = max(Self.smallest, min(binaries, n) * Self.shrink)
        case .optimal, .optimalWithinGap: binaries = min(largest, max(binaries, n * Self.grow))
        default: break
        }
    }
}
