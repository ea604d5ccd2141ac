import LinearProgramming
import SetkaModel

/// The obvious per-student model of the whole profile day, as one MIP: a binary per candidate
/// section (template × slot × room) and one per student and candidate section they could attend.
///
/// GLPK cannot cope with it at district size (see `shared/notes/profile-day-probe.md`), so Setka
/// uses it only where it is small — tiny scenarios are solved to proven optimality with the
/// search's timetable as the first incumbent — and as the naive baseline in the benchmarks.
struct MonolithicModel: Sendable {
    struct Candidate: Sendable {
        var template: SectionTemplate
        var slot: Int
        var room: Int
    }

    let p: ProblemIndex
    let candidates: [Candidate]
    var model: Model
    /// open[k] for each candidate.
    let open: [Variable]
    /// (student, candidate) → attend variable.
    let attend: [Int64: Variable]
    /// The whole day's H6: pin → (candidate → "this candidate is the pin's section").
    let pinVariables: [Int: [Int: Variable]]

    /// Number of binaries the model would have, without building it.
    static func size(_ p: ProblemIndex, _ search: Search) -> Int {
        var n = 0
        for tpl in search.templates {
            let rooms = tpl.site < 0 ? 1 : p.roomsAtSite[tpl.site].filter { p.roomFits($0, course: tpl.course) }.count
            let slots = p.teachers[tpl.teacher].slotMask.nonzeroBitCount
            n += rooms * slots * (1 + p.choosers[tpl.course].count)
        }
        return n
    }

    /// An upper estimate of the binaries of the neighbourhood model freeing `courses`, cheap
    /// enough to call before deciding to build it.
    static func estimatedSize(_ p: ProblemIndex, _ search: Search, freeing courses: Set<Int>, in state: ScheduleState) -> Int {
        let people = participants(p, freeing: courses, in: state)
        var n = 0
        for c in courses {
            let choosers = p.choosers[c].reduce(0) { $0 + (people.contains($1.student) ? 1 : 0) }
            for i in search.templatesOfCourse[c] {
                let tpl = search.templates[i]
                var rooms = 1
                if tpl.site >= 0 {
                    rooms = Set(p.roomsAtSite[tpl.site].filter { p.roomFits($0, course: c) }
                        .map { min(p.courses[c].maxSize, p.rooms[$0].capacity) }).count
                }
                n += rooms * p.teachers[tpl.teacher].slotMask.nonzeroBitCount * (1 + choosers)
            }
        }
        // Stay variables of the participants' other sections.
        return n + people.count * 2
    }

    /// The students a neighbourhood freeing `courses` (in `slots`) re-decides: those in a section
    /// of a free course, and those a free course could serve better (they are short of electives,
    /// or it ranks above a course they take). Everyone else keeps their day as it is: joining a
    /// free course would only cost them. With some slots free only, one who takes a free course
    /// in a section that stays is not among them (they take it once).
    static func participants(_ p: ProblemIndex, freeing courses: Set<Int>, slots: UInt64 = .max, in state: ScheduleState) -> Set<Int> {
        var out = Set<Int>()
        for c in courses {
            for (s, r) in p.choosers[c] {
                if out.contains(s) { continue }
                let ranks = state.studentRanks[s]
                let short = state.studentLoad[s] < p.students[s].wants
                // Takes c, or takes a course ranked below it (a bit above r), or is short.
                guard short || ranks >> UInt64(r) != 0 else { continue }
                // With some slots free only: not one who takes c in a section that stays.
                if slots != .max && ranks & (1 << UInt64(r)) != 0 {
                    let stays = (0..<p.slotCount).contains { t in
                        let k = state.section(ofStudent: s, slot: t)
                        return k >= 0 && state.sections[k].course == c && !inSlots(slots, t)
                    }
                    if stays { continue }
                }
                out.insert(s)
            }
        }
        return out
    }

    @inline(__always) static func key(_ s: Int, _ k: Int) -> Int64 { Int64(s) << 32 | Int64(k) }

    /// The free courses of a restricted model (nil = the whole day).
    let freeCourses: Set<Int>?
    /// The slots whose sections of the free courses are re-decided (bit t; all by default).
    let freeSlots: UInt64
    /// A section of `state` this model re-decides.
    func isFree(_ sec: SectionRecord) -> Bool { Self.frees(sec, courses: freeCourses, slots: freeSlots) }
    /// Whether a neighbourhood freeing `courses` (nil: all) in `slots` re-decides `sec`.
    static func frees(_ sec: SectionRecord, courses: Set<Int>?, slots: UInt64) -> Bool {
        (courses?.contains(sec.course) ?? true) && inSlots(slots, sec.slot)
    }
    /// Whether slot `t` is among `slots` (bit t).
    @inline(__always) static func inSlots(_ slots: UInt64, _ t: Int) -> Bool { slots & (1 << UInt64(t)) != 0 }
    /// Restricted model: the students who chose a free course, and for each of them the
    /// (section, stay variable) of their enrolments in sections that stay as they are.
    let stays: [(student: Int, section: Int, v: Variable)]

    /// The whole day.
    init(_ p: ProblemIndex, _ search: Search) {
        self.init(p, search, freeing: nil, from: nil)
    }

    /// With `courses` and `state`: a neighbourhood of `state`. Sections of the free courses in
    /// the free `slots` (bit t; all by default) are decided anew; every other section stays, and
    /// the students who chose a free course may stay in or leave their other sections (which must
    /// keep their minimum).
    init(_ p: ProblemIndex, _ search: Search, freeing courses: Set<Int>?, slots: UInt64 = .max, from state: ScheduleState?) {
        self.p = p
        freeCourses = courses
        freeSlots = slots
        func free(_ sec: SectionRecord) -> Bool { Self.frees(sec, courses: courses, slots: slots) }
        let T = p.slotCount
        // What stays: sections of other courses (teachers, rooms, students in them).
        var fixedTeacherSlot = Set<Int>(), fixedRoomSlot = Set<Int>()
        var fixedTeacherLoad = [Int](repeating: 0, count: p.teachers.count)
        var fixedTeacherSite = [Int: Int]()   // q * T + t → site the teacher is at
        var freeRoomSlot = Set<Int>()          // rooms the free courses use now (kept first)
        if courses != nil, let state {
            // Pinned sections (H6) stay as they are, whatever their course.
            for (k, sec) in state.sections.enumerated() where sec.open && free(sec) && !state.pins.isPinned(k) && sec.room >= 0 {
                freeRoomSlot.insert(sec.room * T + sec.slot)
            }
            for (k, sec) in state.sections.enumerated() where sec.open && (!free(sec) || state.pins.isPinned(k)) {
                fixedTeacherSlot.insert(sec.teacher * T + sec.slot)
                fixedTeacherLoad[sec.teacher] += 1
                fixedTeacherSite[sec.teacher * T + sec.slot] = state.teacherSite(sec.teacher, site: sec.site)
                if sec.room >= 0 { fixedRoomSlot.insert(sec.room * T + sec.slot) }
            }
        }
        // A neighbourhood re-decides only its participants' days (see `participants`).
        let included: Set<Int>? = courses.flatMap { c in state.map { Self.participants(p, freeing: c, slots: slots, in: $0) } }
        // Which free-course templates share a site: each gets its own room of a size first.
        var templatesAtSite = [Int: Int]()
        var candidates: [Candidate] = []
        for (i, tpl) in search.templates.enumerated() {
            _ = i
            if let courses, !courses.contains(tpl.course) { continue }
            let nth = tpl.site < 0 ? 0 : templatesAtSite[tpl.site, default: 0]
            if tpl.site >= 0 { templatesAtSite[tpl.site] = nth + 1 }
            let q = tpl.teacher
            guard TeacherRule.mayTakeAnother(load: fixedTeacherLoad[q], maxSections: p.teachers[q].maxSections) else { continue }
            let here = TeacherRule.place(ofSectionAt: ProblemIndex.place(tpl.site), ownSite: p.teachers[q].site)
            let rooms = tpl.site < 0 ? [-1] : p.roomsAtSite[tpl.site].filter { p.roomFits($0, course: tpl.course) }
            let maxSize = p.courses[tpl.course].maxSize
            for t in 0..<T where TeacherRule.isFree(p.teachers[q].slotMask, slot: t) && !fixedTeacherSlot.contains(q * T + t) && Self.inSlots(slots, t) {
                if t > 0, let prev = fixedTeacherSite[q * T + t - 1], !p.travelFits(from: prev, to: here, afterSlot: t - 1) { continue }
                if t + 1 < T, let next = fixedTeacherSite[q * T + t + 1], !p.travelFits(from: here, to: next, afterSlot: t) { continue }
                // Rooms of equal effective size are interchangeable and a template holds at most
                // one section per slot: in a neighbourhood one room of each size, the room the
                // template's section has now first, and templates at one site each a different
                // room of the size where there are enough.
                let ordered = rooms.filter { freeRoomSlot.contains($0 * T + t) } + rooms.filter { !freeRoomSlot.contains($0 * T + t) }
                let usable = ordered.filter { $0 < 0 || !fixedRoomSlot.contains($0 * T + t) }
                if courses == nil || tpl.site < 0 {
                    for r in usable { candidates.append(Candidate(template: tpl, slot: t, room: r)) }
                    continue
                }
                var bySize = [Int: [Int]]()
                var sizes: [Int] = []
                for r in usable {
                    let size = min(maxSize, p.rooms[r].capacity)
                    if bySize[size] == nil { sizes.append(size) }
                    bySize[size, default: []].append(r)
                }
                for size in sizes {
                    let list = bySize[size]!
                    let current = state?.section(ofTeacher: q, slot: t) ?? -1
                    let mine = current >= 0 ? list.first { $0 == state!.sections[current].room } : nil
                    candidates.append(Candidate(template: tpl, slot: t, room: mine ?? list[nth % list.count]))
                }
            }
        }
        self.candidates = candidates
        var m = Model(sense: .maximize)
        var open: [Variable] = []
        var attend: [Int64: Variable] = [:]
        var members = [LinearExpression](repeating: LinearExpression(), count: candidates.count)
        var hostMembers = [LinearExpression](repeating: LinearExpression(), count: candidates.count)
        var studentSlot = [Int: LinearExpression]()   // s * T + t
        var studentCourse = [Int64: LinearExpression]()
        var studentLoad = [Int: LinearExpression]()
        var teacherSlot = [Int: LinearExpression]()
        var teacherLoad = [Int: LinearExpression]()
        var roomSlot = [Int: LinearExpression]()
        var attendByStudentSlot = [Int: [(k: Int, site: Int, v: Variable)]]()

        for (k, cand) in candidates.enumerated() {
            let tpl = cand.template
            let course = p.courses[tpl.course]
            let o = m.addVariable(kind: .binary, objective: -p.openCost(teacher: tpl.teacher, course: tpl.course, site: tpl.site, slot: cand.slot))
            open.append(o)
            let capacity = SizeRule.capacity(maxSize: course.maxSize, roomCapacity: cand.room >= 0 ? p.rooms[cand.room].capacity : nil)
            teacherSlot[tpl.teacher * T + cand.slot, default: LinearExpression()].add(1, o)
            teacherLoad[tpl.teacher, default: LinearExpression()].add(1, o)
            if cand.room >= 0 { roomSlot[cand.room * T + cand.slot, default: LinearExpression()].add(1, o) }
            for (s, r) in p.choosers[tpl.course] {
                let school = p.students[s].school
                if !p.withinTrip(from: school, to: tpl.site) { continue }
                if let included, !included.contains(s) { continue }
                let x = m.addVariable(kind: .binary, objective: p.searchValue(student: s, rank: r, site: tpl.site, slot: cand.slot))
                attend[Self.key(s, k)] = x
                m.addConstraint(x - o, .lessOrEqual, 0)
                members[k].add(1, x)
                if tpl.needsHostStudents && school == tpl.site { hostMembers[k].add(1, x) }
                studentSlot[s * T + cand.slot, default: LinearExpression()].add(1, x)
                studentCourse[Self.key(s, tpl.course), default: LinearExpression()].add(1, x)
                studentLoad[s, default: LinearExpression()].add(1, x)
                attendByStudentSlot[s * T + cand.slot, default: []].append((k, StudentRule.place(ofSectionAt: ProblemIndex.place(tpl.site), school: school), x))
            }
            m.addConstraint(members[k] - Double(capacity) * o, .lessOrEqual, 0)
            m.addConstraint(members[k] - Double(course.minSize) * o, .greaterOrEqual, 0)
            if tpl.needsHostStudents { m.addConstraint(hostMembers[k] - Double(course.minSize) * o, .greaterOrEqual, 0) }
        }
        // Restricted model: the chooser's other sections, which they may stay in or leave.
        var stays: [(student: Int, section: Int, v: Variable)] = []
        if courses != nil, let state {
            let affected = included ?? []
            var stayers = [Int: LinearExpression]()
            var hostStayers = [Int: LinearExpression]()
            for s in affected.sorted() {
                for t in 0..<T {
                    let k0 = state.section(ofStudent: s, slot: t)
                    guard k0 >= 0, !free(state.sections[k0]) || state.pins.isPinned(k0) else { continue }
                    let z = m.addVariable(kind: .binary, objective: state.value(student: s, section: k0))
                    stays.append((s, k0, z))
                    // A pinned student stays (H6); a course is taken once, new section or not.
                    if state.pins.keeps(s, in: k0) { m.addConstraint(LinearExpression.sum([z]), .greaterOrEqual, 1) }
                    studentCourse[Self.key(s, state.sections[k0].course), default: LinearExpression()].add(1, z)
                    stayers[k0, default: LinearExpression()].add(1, z)
                    if state.sections[k0].needsHostStudents && p.students[s].school == state.sections[k0].site {
                        hostStayers[k0, default: LinearExpression()].add(1, z)
                    }
                    studentSlot[s * T + t, default: LinearExpression()].add(1, z)
                    studentLoad[s, default: LinearExpression()].add(1, z)
                    attendByStudentSlot[s * T + t, default: []].append((-1, state.studentSite(s, inSection: k0), z))
                }
            }
            for (k0, e) in stayers.sorted(by: { $0.key < $1.key }) {
                let sec = state.sections[k0]
                let minSize = Double(p.courses[sec.course].minSize)
                let others = Double(sec.members.filter { !affected.contains($0) }.count)
                m.addConstraint(e, .greaterOrEqual, minSize - others)
                if sec.needsHostStudents {
                    let hostOthers = Double(sec.members.filter { !affected.contains($0) && p.students[$0].school == sec.site }.count)
                    m.addConstraint(hostStayers[k0] ?? LinearExpression(), .greaterOrEqual, minSize - hostOthers)
                }
            }
        }
        self.stays = stays
        // H6 (the whole day): each pin gets exactly one open candidate that meets it and holds
        // its students, and a candidate serves at most one pin. (A neighbourhood keeps pinned
        // sections as they are, above.)
        var pinVariables: [Int: [Int: Variable]] = [:]
        if courses == nil && !p.pins.isEmpty {
            var served = [Int: LinearExpression]()
            for pin in p.pins {
                var one = LinearExpression()
                var mine: [Int: Variable] = [:]
                for (k, cand) in candidates.enumerated() where pin.admits(cand.template, slot: cand.slot, room: cand.room) {
                    guard pin.students.allSatisfy({ attend[Self.key($0, k)] != nil }) else { continue }
                    let y = m.addVariable(kind: .binary, objective: 0)
                    mine[k] = y
                    one.add(1, y)
                    served[k, default: LinearExpression()].add(1, y)
                    for s in pin.students { m.addConstraint(attend[Self.key(s, k)]! - y, .greaterOrEqual, 0) }
                }
                pinVariables[pin.index] = mine
                m.addConstraint(one, .equal, 1)
            }
            for (k, e) in served.sorted(by: { $0.key < $1.key }) { m.addConstraint(e - open[k], .lessOrEqual, 0) }
        }
        self.pinVariables = pinVariables
        for (_, e) in studentSlot.sorted(by: { $0.key < $1.key }) where e.terms.count > 1 { m.addConstraint(e, .lessOrEqual, 1) }
        for (_, e) in studentCourse.sorted(by: { $0.key < $1.key }) where e.terms.count > 1 { m.addConstraint(e, .lessOrEqual, 1) }
        for (s, e) in studentLoad.sorted(by: { $0.key < $1.key }) { m.addConstraint(e, .lessOrEqual, Double(p.students[s].wants)) }
        for (_, e) in teacherSlot.sorted(by: { $0.key < $1.key }) where e.terms.count > 1 { m.addConstraint(e, .lessOrEqual, 1) }
        for (q, e) in teacherLoad.sorted(by: { $0.key < $1.key }) {
            m.addConstraint(e, .lessOrEqual, Double(p.teachers[q].maxSections - fixedTeacherLoad[q]))
        }
        for (_, e) in roomSlot.sorted(by: { $0.key < $1.key }) where e.terms.count > 1 { m.addConstraint(e, .lessOrEqual, 1) }
        // Travel between consecutive slots (`StudentTravelRows`).
        for s in 0..<p.students.count {
            for t in 0..<max(0, T - 1) {
                guard let a = attendByStudentSlot[s * T + t], let b = attendByStudentSlot[s * T + t + 1] else { continue }
                StudentTravelRows.add(slot: t, a.map { ($0.site, $0.v) }, next: b.map { ($0.site, $0.v) }, p, to: &m)
            }
        }
        // And a teacher cannot hold both of two sections too far apart.
        var byTeacherSlot = [Int: [Int]]()
        for (k, c) in candidates.enumerated() { byTeacherSlot[c.template.teacher * T + c.slot, default: []].append(k) }
        for q in 0..<p.teachers.count {
            for t in 0..<max(0, T - 1) {
                guard let a = byTeacherSlot[q * T + t], let b = byTeacherSlot[q * T + t + 1] else { continue }
                let home = p.teachers[q].site
                for i in a { for j in b {
                    let si = TeacherRule.place(ofSectionAt: ProblemIndex.place(candidates[i].template.site), ownSite: home)
                    let sj = TeacherRule.place(ofSectionAt: ProblemIndex.place(candidates[j].template.site), ownSite: home)
                    if !p.travelFits(from: si, to: sj, afterSlot: t) { m.addConstraint(open[i] + open[j], .lessOrEqual, 1) }
                } }
            }
        }
        model = m
        self.open = open
        self.attend = attend
    }

    /// The variable values of a state, as GLPK's first incumbent; nil when a section of the state
    /// has no candidate here.
    func incumbent(_ state: ScheduleState) -> [Variable: Double]? {
        var index = [Int: Int]()  // (template, slot, room) → candidate
        var templateNumber = [SectionTemplate: Int]()
        for c in candidates where templateNumber[c.template] == nil { templateNumber[c.template] = templateNumber.count }
        func code(_ tpl: Int, _ slot: Int, _ room: Int) -> Int { (tpl * 64 + slot) * (p.rooms.count + 1) + room + 1 }
        for (k, c) in candidates.enumerated() { index[code(templateNumber[c.template]!, c.slot, c.room)] = k }
        var values = [Variable: Double]()
        for v in open { values[v] = 0 }
        for v in attend.values { values[v] = 0 }
        for st in stays { values[st.v] = 1 }
        for (k0, sec) in state.sections.enumerated() where sec.open && isFree(sec) {
            if freeCourses != nil && state.pins.isPinned(k0) { continue }  // a stay
            let tpl = SectionTemplate(course: sec.course, teacher: sec.teacher, site: sec.site, needsHostStudents: sec.needsHostStudents)
            guard let n = templateNumber[tpl], let k = index[code(n, sec.slot, sec.room)] else { return nil }
            values[open[k]] = 1
            for s in sec.members {
                guard let x = attend[Self.key(s, k)] else { return nil }
                values[x] = 1
            }
            if let pin = state.pins.pin(of: k0) {
                guard let y = pinVariables[pin]?[k] else { return nil }
                values[y] = 1
            }
        }
        for v in pinVariables.values.flatMap(\.values) where values[v] == nil { values[v] = 0 }
        return values
    }

    /// Reads a solution back into a fresh state (with its pinned sections).
    func state(from solution: Solution) -> ScheduleState {
        var state = ScheduleState(p)
        var opened: [Int: Int] = [:]
        for (k, cand) in candidates.enumerated() where (solution.value(of: open[k]) ?? 0) > 0.5 {
            let id = state.open(cand.template, slot: cand.slot, room: cand.room)
            opened[k] = id
            for (s, _) in p.choosers[cand.template.course] {
                if let x = attend[Self.key(s, k)], (solution.value(of: x) ?? 0) > 0.5 { state.enrol(s, in: id) }
            }
        }
        for pin in p.pins {
            guard let (k, _) = pinVariables[pin.index]?.first(where: { (solution.value(of: $0.value) ?? 0) > 0.5 }),
                  let id = opened[k] else { continue }
            state.pins.pin(id, pin: pin.index, students: pin.students)
        }
        return state
    }

    /// The objective of an incumbent (from `incumbent(_:)`) in this model.
    func value(of values: [Variable: Double]) -> Double {
        model.objective.evaluate(model.variables.map { values[$0] ?? 0 }) + model.objectiveConstant
    }

    /// Applies a restricted model's solution to `state`: students leave the sections they left,
    /// the free courses' sections are replaced by the solution's.
    func apply(_ solution: Solution, to state: inout ScheduleState) {
        guard freeCourses != nil else { state = self.state(from: solution); return }
        for k in state.sections.indices where state.sections[k].open && isFree(state.sections[k]) && !state.pins.isPinned(k) {
            state.close(k)
        }
        for st in stays where (solution.value(of: st.v) ?? 1) < 0.5 { state.unenrol(st.student, from: st.section) }
        for (k, cand) in candidates.enumerated() where (solution.value(of: open[k]) ?? 0) > 0.5 {
            let id = state.open(cand.template, slot: cand.slot, room: cand.room)
            for (s, _) in p.choosers[cand.template.course] {
                if let x = attend[Self.key(s, k)], (solution.value(of: x) ?? 0) > 0.5 { state.enrol(s, in: id) }
            }
        }
    }
}

/// The naive baseline of the benchmarks: the whole per-student model handed to GLPK as it is, with
/// no incumbent, no decomposition and no heuristics of Setka's own.
public struct NaiveMonolithicResult: Sendable {
    /// Binaries and rows of the model.
    public var binaries: Int
    public var rows: Int
    public var status: String
    /// Objective of the best timetable GLPK found (nil when none), checked by the caller.
    public var objective: Double?
    public var bound: Double?
    public var seconds: Double
    public var timetable: Timetable?
}

extension ProfileDayScheduler {
    /// Solves the obvious per-student MIP with GLPK alone, within `timeLimit` seconds (the model is
    /// not built when it would exceed `maxBinaries`, status "too-large").
    public static func solveNaiveMonolithic(_ scenario: Scenario, timeLimit: Double,
                                            maxBinaries: Int = 3_000_000) throws -> NaiveMonolithicResult {
        let stopwatch = Stopwatch()
        func elapsed() -> Double { stopwatch.seconds }
        let problem = try ProblemIndex(scenario)
        let search = Search(problem)
        let size = MonolithicModel.size(problem, search)
        guard size <= maxBinaries else {
            return NaiveMonolithicResult(binaries: size, rows: 0, status: "too-large", objective: nil, bound: nil,
                                         seconds: elapsed(), timetable: nil)
        }
        let naive = MonolithicModel(problem, search)
        var options = SolverOptions()
        options.timeLimit = max(0.1, timeLimit - elapsed())
        let solution = try Solver.solve(naive.model, options: options)
        var timetable: Timetable?
        var objective: Double?
        if solution.hasSolution {
            let state = naive.state(from: solution)
            timetable = state.timetable()
            objective = state.recomputedObjective()
        }
        return NaiveMonolithicResult(binaries: naive.model.variableCount, rows: naive.model.constraintCount,
                                     status: solution.status.description, objective: objective,
                                     bound: solution.bound, seconds: elapsed(), timetable: timetable)
    }
}
