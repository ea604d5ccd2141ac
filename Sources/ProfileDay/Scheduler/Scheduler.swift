import Foundation
import LinearProgramming
import SetkaModel

/// How long and how hard to search.
public struct ScheduleOptions: Sendable {
    /// Wall-clock limit for the whole run, seconds.
    public var timeLimit: Double
    /// Seed of the search: same input, same seed, same iterations → same timetable.
    public var seed: UInt64
    /// Stop after this many improvement steps (nil = until the time limit). With an iteration
    /// limit that is reached before the time limit, the result does not depend on machine speed:
    /// the gap criterion is then not used, and sub-MIPs get time to finish. The run ends with
    /// the search: no whole-model phase, no waiting for the bound.
    public var maxIterations: Int?
    /// Stop once the gap to the proven bound is at most this (relative).
    public var targetGap: Double
    /// The target gap of a run that names none (`setka schedule --gap`, the app): 0.1%, where a
    /// day is as good as proven and a longer search would only spend the coordinator's time.
    public static let defaultTargetGap = 0.001
    /// Share of the time limit the bound may use.
    public var boundTimeShare: Double
    /// Scenarios whose per-student model has at most this many binaries are also solved exactly
    /// with GLPK (started from the search's timetable), which proves optimality when it finishes.
    public var exactModelLimit: Int = 6000
    /// Every this many steps, one neighbourhood is re-decided exactly with GLPK.
    public var exactStepEvery: Int = 15
    /// Time limit of one such sub-MIP, seconds.
    public var exactStepSeconds: Double = 1
    /// Search threads (the machine has two cores; a third thread computes the bound). With two,
    /// a timed run's second thread solves sub-MIPs over the first one's latest day
    /// (`SubMIPWorker`); a run with an iteration limit searches twice, independently (its result
    /// must not depend on timing).
    public var searchThreads: Int = 2
    /// A second core lent while it is free (a server's job, one search thread, while no other job
    /// needs the core): a timed run then solves sub-MIPs on it (`SubMIPWorker`) whenever this
    /// says true, asked before each sub-MIP and while it runs (false stops it). Nil: no lending
    /// (`searchThreads` decides).
    public var secondCore: (@Sendable () -> Bool)?
    /// Share of the objective by which a step may make the day worse early in the search.
    public var acceptWorse: Double = 0.0005
    /// Largest sub-MIP (binaries: its model's variables, see `Search.estimateSlack`) such a step
    /// builds (sizes are learnt below it, see `ExactStepSize`). 6,000 rather than 4,000 once
    /// sub-MIPs ended within a tolerance of their bound: held-out district-1500-b +0.24% over 6
    /// pairs of 30 s runs, 5 better (then measured by the estimate, about twice the model there).
    public var exactStepBinaries: Int = 6000
    /// A timetable to start from (e.g. the base scenario's result when solving a what-if variant):
    /// what of it is still valid is kept and completed greedily; the better of that and a fresh
    /// construction starts the search.
    public var start: Timetable?
    /// A published timetable to stay close to (stable re-planning): the search then maximises
    /// "keep as many of its enrolments and sections as possible, then the objective" (see
    /// `Anchors`), starts from it, and reports the spec's objective of what it found. No bound is
    /// computed for such a run (the stability objective is not the spec's).
    public var keep: Timetable?
    /// End the search when it has found nothing better for many steps (`StopReason.noImprovement`)
    /// rather than at the time limit: for a run whose time nobody chose (`setka schedule`
    /// without `--time-limit`). A chosen time is used whole: the held-out district-1500-b and
    /// family b's generated seed 1, which stalled and stopped after 47 and 46 s of 240 and 150,
    /// went on to gaps of 2.04% and 4.30% against 2.33% and 4.79% when allowed their 150 s.
    public var stopWhenStalled: Bool = true
    /// Compute the proven bound (on its own thread) during the run.
    public var computeBound: Bool = true

    public init(timeLimit: Double = 60, seed: UInt64 = 1, maxIterations: Int? = nil,
                targetGap: Double = ScheduleOptions.defaultTargetGap, boundTimeShare: Double = 0.6) {
        self.timeLimit = timeLimit; self.seed = seed; self.maxIterations = maxIterations
        self.targetGap = targetGap; self.boundTimeShare = boundTimeShare
    }
}

/// What a run reached.
public enum ScheduleStatus: String, Sendable, Codable {
    /// The objective equals the proven bound.
    case optimal
    /// A valid timetable; the bound may be higher.
    case feasible

    /// `.optimal` when the proven `bound` is within a millionth (at least 1e-6) of `objective`,
    /// else `.feasible`.
    static func of(objective: Double, bound: Double?) -> ScheduleStatus {
        bound.map { $0 - objective <= 1e-6 * max(1, abs($0)) } == true ? .optimal : .feasible
    }
}

/// Why the search stopped (`summary.json`'s `stoppedBy`).
public enum StopReason: String, Sendable, Codable {
    /// The gap to the proven bound reached the target.
    case gap
    /// The iteration limit (`--iterations`) was reached.
    case iterations
    /// The time limit was reached (or the next step would have passed it).
    case time
    /// Stopped from outside (Ctrl-C): the best timetable so far is kept.
    case interrupted
    /// Many steps in a row found nothing better.
    case noImprovement = "no-improvement"
    /// Not a search: a timetable edited by hand (`TimetableEditing`).
    case edit
    /// Not a search: a timetable made elsewhere, read from its files and checked
    /// (`ProfileDayRun.imported`).
    case imported
}

/// How the proven bound was found (`summary.json`'s `boundMethod`).
public enum BoundMethod: String, Sendable, Codable {
    /// The whole per-student MIP (small scenarios), solved by GLPK.
    case perStudentMIP = "per-student MIP (GLPK)"
    /// Every student's best reachable choices (instant).
    case perStudent = "per-student"
    /// The relaxation by places (`RelaxationBound.model`), a GLPK MIP.
    case relaxationPlaces = "relaxation: sections per place, students with equal choices together (GLPK MIP)"
    /// The linear relaxation of `relaxationPlaces`' model (sections fractional), a GLPK LP:
    /// larger districts, where GLPK's MIP does not finish its root in time.
    case relaxationPlacesLP = "relaxation: sections per place, students with equal choices together (GLPK LP)"
    /// `relaxationPlacesLP`'s model with whole sections, by Lagrangian relaxation
    /// (`LagrangianBound`) from the duals of the course-level LP (`relaxationCourses`), or of
    /// that LP when the course-level one is not solved: districts and cities.
    case relaxationPlacesLagrangian = "relaxation: whole sections per place, students with equal choices together (Lagrangian, GLPK LPs)"
    /// The relaxation by places with each school's students together (`RelaxationBound.model`,
    /// `.perSchool`), a GLPK MIP: larger districts.
    case relaxationSchoolPlaces = "relaxation: sections per place, students per school, course and rank (GLPK MIP)"
    /// The course-level relaxation of a city (`RelaxationBound.courseLevelModel`), a GLPK LP.
    case relaxationCourses = "relaxation: sections per course, students per school, course and rank (GLPK LP)"
    /// The course-level relaxation with students of equal choices together
    /// (`RelaxationBound.courseLevelModel`, `.equalChoices`), a GLPK MIP: larger districts,
    /// where it is smaller than `relaxationSchoolPlaces`' bound.
    case relaxationStudentCourses = "relaxation: sections per course, students with equal choices together (GLPK MIP)"
    /// Its linear relaxation (`RelaxationBound.courseLevelModel`, `.equalChoices`), a GLPK
    /// LP: cities.
    case relaxationStudentCoursesLP = "relaxation: sections per course, students with equal choices together (GLPK LP)"
    /// No bound (a stable re-plan, which does not maximise the spec's objective).
    case none
}

/// Which part of a run is reporting progress.
public enum SchedulePhase: String, Sendable, Codable {
    /// The constructed start.
    case start
    /// The large-neighbourhood search (about once a second).
    case search
    /// The whole per-student model of a small scenario.
    case exact
    /// Waiting for the proven bound after the search (a relaxation's MIP still running).
    case bound
}

/// Says when something done often is due again, about every `every` seconds (progress lines
/// from a loop or a solver's callback).
final class Ticker: @unchecked Sendable {
    private let lock = NSLock()
    private let clock = Stopwatch()
    private let every: Double
    private var last = 0.0

    init(every: Double) { self.every = every }

    func due() -> Bool {
        lock.withLock {
            let now = clock.seconds
            guard now - last >= every else { return false }
            last = now
            return true
        }
    }
}

/// Progress of a run, for stderr.
public struct ScheduleProgress: Sendable {
    public var phase: SchedulePhase
    public var best: Double
    public var bound: Double?
    public var seconds: Double
    public var iterations: Int
    public var gap: Double? {
        guard let bound, bound.isFinite else { return nil }
        return relativeGap(best: best, bound: bound)
    }
}

func relativeGap(best: Double, bound: Double) -> Double {
    max(0, bound - best) / max(1, abs(bound))
}

/// The result of `ProfileDayScheduler.schedule`.
public struct ScheduleResult: Sendable {
    public var timetable: Timetable
    public var objective: Double
    /// A proven upper bound on the objective of any valid timetable, when one was computed.
    public var bound: Double?
    public var boundMethod: BoundMethod
    public var status: ScheduleStatus
    public var seconds: Double
    public var iterations: Int
    /// Why the search stopped.
    public var stoppedBy: StopReason
    public var explanations: Explanations
    public var gap: Double? { bound.map { relativeGap(best: objective, bound: $0) } }
}

/// The unified profile day: builds a timetable that keeps H1–H6 and maximises the spec's objective.
///
/// The algorithm: a greedy construction that opens, one at a time, the section (course × teacher ×
/// place × slot × room) whose best students gain most, lazily re-valued; then large-neighbourhood
/// search that frees interacting parts of the day and rebuilds them, with students re-choosing by
/// best response. Every state of the search keeps the hard rules. The bound comes from a
/// relaxation solved with GLPK (see `UpperBound`).
public enum ProfileDayScheduler {
    /// The proven bound alone, as a run's bound thread computes it with `timeLimit` seconds
    /// (`setka bench-bound`, to measure the bound apart from the search): its value (nil when
    /// none), method, seconds, and each bound as it was proven (seconds, value).
    public static func bound(_ scenario: Scenario, timeLimit: Double,
                             found: ((_ seconds: Double, _ value: Double) -> Void)? = nil) throws
        -> (value: Double?, method: BoundMethod, seconds: Double, trajectory: [(seconds: Double, value: Double)]) {
        let stopwatch = Stopwatch()
        let problem = try ProblemIndex(scenario)
        let search = Search(problem)
        var trajectory: [(seconds: Double, value: Double)] = []
        let result = UpperBound.compute(problem, templates: search, timeLimit: timeLimit, found: { bound in
            if let v = bound.value {
                trajectory.append((stopwatch.seconds, v))
                found?(stopwatch.seconds, v)
            }
        })
        return (result.value, result.method, stopwatch.seconds, trajectory)
    }

    /// The relaxation by places with whole sections (`RelaxationBound.placesModel`: integer
    /// section counts per template, seats of students with equal choices per place) as a MIP
    /// in free MPS (`Model.mps`), for another solver to bound: its optimum is at least every
    /// valid timetable's objective, and the bound a run reports (its Lagrangian) is at least
    /// that optimum. Nil when the scenario has nothing to place.
    public static func placesMIP(_ scenario: Scenario) throws -> String? {
        let problem = try ProblemIndex(scenario)
        return RelaxationBound.placesModel(problem, Search(problem), maxColumns: .max)?.model.mps(name: "places")
    }

    public static func schedule(
        _ scenario: Scenario,
        options: ScheduleOptions = ScheduleOptions(),
        progress: (@Sendable (ScheduleProgress) -> Void)? = nil,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws -> ScheduleResult {
        let stopwatch = Stopwatch()
        func elapsed() -> Double { stopwatch.seconds }
        let problem = try {
            var p = try ProblemIndex(scenario)
            if let keep = options.keep { p.anchors = Anchors(keep, in: p) }
            return p
        }()
        let anchored = options.keep != nil
        let search = { var s = Search(problem); s.shouldStop = shouldStop; return s }()

        // The bound is computed on its own thread (GLPK is thread-local) while the search runs.
        // With anchors the search's objective is not the spec's, so no bound applies to it.
        // `boundStop` ends its GLPK search when the run ends without waiting for it.
        let boundLimit = max(0.5, options.timeLimit * options.boundTimeShare)
        let boundStop = StopFlag()
        let provisional = SharedBound()
        let boundTask: DedicatedThread<UpperBound.Result>? = options.computeBound && !anchored
            ? DedicatedThread(name: "setka-bound") { UpperBound.compute(problem, templates: search, timeLimit: boundLimit,
                                                                        shouldStop: { boundStop.isSet || shouldStop() },
                                                                        found: { provisional.offer($0) }) } : nil
        // The relaxation's bound: the better of its final one and the best it has proven so far
        // (a relaxation told to stop may end with less than it had shown).
        let relaxedBound: @Sendable () -> UpperBound.Result? = { .tighter(boundTask?.current, provisional.value) }
        // A bound found on this thread: the whole per-student MIP's, or the instant per-student one.
        var ownBound: UpperBound.Result?
        func bestBound() -> UpperBound.Result? {
            anchored ? nil : .tighter(relaxedBound(), ownBound)
        }

        let start = try {
            let fresh = try search.construct()
            guard let given = options.keep ?? options.start else { return fresh }
            let warm = try search.construct(from: given)
            return warm.objective >= fresh.objective - Tolerance.value ? warm : fresh
        }()
        var best = start
        progress?(ScheduleProgress(phase: .start, best: best.shownObjective, bound: nil, seconds: elapsed(), iterations: 0))

        // Small scenarios end with the whole per-student model (below): leave it time.
        let exactApplies = MonolithicModel.size(problem, search) <= options.exactModelLimit
        let searchOptions = {
            var o = options
            if exactApplies && options.maxIterations == nil { o.timeLimit = options.timeLimit * 0.75 }
            return o
        }()

        // A timed run: the search on this thread, and sub-MIPs over its latest day on the second
        // core (`SubMIPWorker`). With an iteration limit: two searches from the same start with
        // different seeds, one on each core (the second on its own thread), the better day
        // winning. GLPK's sub-MIPs run on threads of their own.
        let bestBoundNow: @Sendable () -> Double? = { relaxedBound()?.value }
        let twoThreads = options.searchThreads >= 2
        let worker = options.maxIterations == nil && (twoThreads || options.secondCore != nil) ? SubMIPWorker() : nil
        let subMIPs: DedicatedThread<Int>? = worker.map { worker in
            DedicatedThread(name: "setka-sub-mips") {
                search.solveSubMIPs(for: worker, seed: options.seed &+ 0x9E37_79B9, options: searchOptions,
                                    stopwatch: stopwatch, shouldStop: shouldStop)
            }
        }
        let second: DedicatedThread<SearchOutcome>? = twoThreads && options.maxIterations != nil ? DedicatedThread(name: "setka-search") {
            search.improve(start, seed: options.seed &+ 0x9E37_79B9, options: searchOptions, stopwatch: stopwatch,
                           bound: bestBoundNow, shouldStop: shouldStop, progress: nil)
        } : nil
        var first = search.improve(start, seed: options.seed, options: searchOptions, stopwatch: stopwatch,
                                   bound: bestBoundNow, shouldStop: shouldStop, progress: progress, worker: worker)
        if let worker, let subMIPs {
            // Its sub-MIP is stopped; a better day it found until then still counts.
            worker.finish()
            first.iterations += subMIPs.wait()
            if let last = worker.takeBetter(), last.objective > first.best.objective + Tolerance.value { first.best = last }
        }
        // The second search may go on after the first has stopped (it stalled later): progress
        // about once a second meanwhile.
        while let second, second.wait(seconds: 1) == nil {
            progress?(ScheduleProgress(phase: .search, best: first.best.shownObjective,
                                       bound: bestBound()?.value, seconds: elapsed(), iterations: first.iterations))
        }
        let other = second?.wait()
        if first.best.objective > best.objective + Tolerance.value { best = first.best }
        if let other, other.best.objective > best.objective + Tolerance.value { best = other.best }
        let iterations = first.iterations + (other?.iterations ?? 0)
        let stoppedBy = first.stoppedBy

        // The run ends with the search when it was interrupted or reached its iteration limit:
        // no phase that runs until the clock says (that would make `--iterations` wait for the
        // time limit and Ctrl-C wait for GLPK), and no waiting for the bound.
        let endsNow = stoppedBy == .interrupted || stoppedBy == .iterations

        // Small scenarios: the whole per-student model, started from the search's best day; when
        // GLPK finishes it proves optimality.
        if exactApplies && !endsNow {
            let exact = MonolithicModel(problem, search)
            var lp = SolverOptions()
            lp.timeLimit = max(0.5, options.timeLimit - elapsed())
            lp.presolve = false
            lp.initialSolution = exact.incumbent(best)
            lp.cuts = [.gomory, .mixedIntegerRounding, .cover, .clique]
            // It ends within the target gap of its own bound, or once the relaxation's bound
            // (still being proven on its thread) or its own puts the day within it, and tells
            // progress about once a second.
            lp.relativeGap = options.targetGap
            let exactBound = SharedBound()
            lp.boundImproved = { exactBound.offer(UpperBound.Result(value: $0, method: .perStudentMIP)) }
            let start = (objective: best.objective, shown: best.shownObjective)
            let ticker = Ticker(every: 1)
            lp.shouldStop = {
                let known = UpperBound.Result.tighter(relaxedBound(), exactBound.value)?.value
                if ticker.due() {
                    progress?(ScheduleProgress(phase: .exact, best: start.shown, bound: known, seconds: stopwatch.seconds, iterations: iterations))
                }
                return shouldStop() || known.map { relativeGap(best: start.objective, bound: $0) <= options.targetGap } == true
            }
            if let solution = try? Solver.solve(exact.model, options: lp) {
                if solution.hasSolution, let value = solution.objective, value > best.objective + 1e-7 {
                    best = exact.state(from: solution)
                }
                if let b = solution.bound {
                    ownBound = UpperBound.Result(value: max(b, best.objective), method: .perStudentMIP)
                }
            }
            progress?(ScheduleProgress(phase: .exact, best: best.shownObjective, bound: bestBound()?.value, seconds: elapsed(), iterations: iterations))
        }
        // Ending now: don't wait for the relaxation (it is told to stop); the simple bound is
        // instant. (The exact phase is skipped then, so there is no other bound of our own.)
        if let boundTask {
            if endsNow && boundTask.current == nil {
                boundStop.set()
                ownBound = UpperBound.Result(value: UpperBound.perStudent(problem, search), method: .perStudent)
            } else {
                // Waiting for the relaxation: progress about once a second, and it is told to
                // stop once a bound it has shown puts the day within the target gap (a small
                // district's places MIP would otherwise run to the end of its share of the time:
                // generated 200 seniors, 6 schools, seed 1, without --time-limit: 15 s after the
                // search and the whole-model phase had ended).
                let ticker = Ticker(every: 1)
                while boundTask.wait(seconds: 0.02) == nil {
                    let known = bestBound()?.value
                    if let known, relativeGap(best: best.objective, bound: known) <= options.targetGap { boundStop.set(); break }
                    if ticker.due() {
                        progress?(ScheduleProgress(phase: .bound, best: best.shownObjective, bound: known, seconds: elapsed(), iterations: iterations))
                    }
                    if shouldStop() { boundStop.set(); break }
                }
                boundTask.wait()
            }
        }
        let bound = bestBound() ?? UpperBound.Result(value: nil, method: .none)
        let objective = anchored ? best.specObjective() : best.recomputedObjective()
        let (timetable, sectionIDs) = best.timetableAndIDs()
        let status = ScheduleStatus.of(objective: objective, bound: bound.value)
        return ScheduleResult(timetable: timetable, objective: objective, bound: bound.value,
                              boundMethod: bound.method, status: status, seconds: elapsed(),
                              iterations: iterations, stoppedBy: stoppedBy,
                              explanations: search.explain(best, sectionIDs: sectionIDs))
    }
}

extension ScheduleState {
    /// The open sections and enrolments as a `Timetable`, in a stable order (slot, site, room, course).
    func timetable() -> Timetable { timetableAndIDs().timetable }

    /// `timetable()`, and the id it gives each open section of the state.
    func timetableAndIDs() -> (timetable: Timetable, ids: [Int: String]) {
        let scenario = p.scenario
        let open = sections.indices.filter { sections[$0].open }
        func siteID(_ site: Int) -> String { site < 0 ? "" : scenario.organisations[p.siteOrganisation[site]].id }
        let ordered = open.sorted { a, b in
            let x = sections[a], y = sections[b]
            return (x.slot, siteID(x.site), x.room, scenario.courses[x.course].id, scenario.teachers[x.teacher].id)
                < (y.slot, siteID(y.site), y.room, scenario.courses[y.course].id, scenario.teachers[y.teacher].id)
        }
        let width = String(ordered.count).count
        var ids = [Int: String]()
        var out: [Section] = []
        for (n, k) in ordered.enumerated() {
            let sec = sections[k]
            let number = String(n + 1)
            let id = "S" + String(repeating: "0", count: max(0, width - number.count)) + number
            ids[k] = id
            out.append(Section(
                id: id, course: scenario.courses[sec.course].id, teacher: scenario.teachers[sec.teacher].id,
                site: sec.site < 0 ? nil : siteID(sec.site),
                room: sec.room < 0 ? nil : scenario.rooms[sec.room].id,
                slot: scenario.profileDay!.slots[sec.slot].id))
        }
        var enrolments: [Enrolment] = []
        for s in 0..<p.students.count {
            for t in 0..<p.slotCount {
                let k = section(ofStudent: s, slot: t)
                if k >= 0, let id = ids[k] { enrolments.append(Enrolment(student: scenario.students[s].id, section: id)) }
            }
        }
        return (Timetable(sections: out, enrolments: enrolments), ids)
    }
}

/// A flag one thread sets and others read (the bound's stop when the run ends without it).
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// The least bound the bound's thread has proven so far (each relaxation's as it is solved, the
/// Lagrangian's as it improves), for the progress, the search's stop at the target gap and an
/// interrupted run, before the thread is done.
final class SharedBound: @unchecked Sendable {
    private let lock = NSLock()
    private var best: UpperBound.Result?
    var value: UpperBound.Result? { lock.withLock { best } }
    func offer(_ r: UpperBound.Result) {
        guard r.value != nil else { return }
        lock.withLock { best = .tighter(best, r) }
    }
}

/// What one search thread reached.
struct SearchOutcome: Sendable {
    var best: ScheduleState
    var iterations: Int
    var stoppedBy: StopReason
}

extension Search {
    /// Branch-and-bound nodes of a sub-MIP of a reproducible run (`--iterations`): an end that
    /// does not depend on the machine or its load, with `reproducibleSeconds` as a safety net.
    /// (The held-out district-600-b, `--iterations 400 --seed 1`: sub-MIPs stopped by a 30 s
    /// clock had taken 123 s of the run, and 1,415 nodes took 30 s; with 500 nodes the slowest
    /// took 11.3 s, the run 35 s.)
    static let reproducibleNodes = 500
    static let reproducibleSeconds = 120.0

    /// A timed run's sub-MIP limit (the search's own and the worker's): `exactStepSeconds`, never
    /// past the time limit, at least 0.1 s.
    func timedSubMIPSeconds(_ options: ScheduleOptions, elapsed: Double) -> Double {
        min(options.exactStepSeconds, max(0.1, options.timeLimit - elapsed))
    }

    /// The threshold of `improve` is `acceptWorse` of the objective of this many students.
    static let thresholdStudents = 600

    /// A step's day below the line of acceptance by at most this share of the current objective
    /// has the seats of the slots it changed re-decided (`ScheduleState.reseatSlots`) before it
    /// is judged. A step that opens, closes or moves sections seats the students it touches
    /// greedily, while the current day's seats were settled by many steps: a good change of
    /// sections could lose to the seats it came with. In 30 s of generated district-1500-b
    /// seed 1 (all slots re-seated) 1,300 such days took 5 ms each and a quarter of them were
    /// accepted after it; the 21 standard pairs +0.071% (11 better), the slots a step changed
    /// rather than all +0.038% more (13 better; bench/RESULTS.md, 2026-12-05).
    static let slotReseatMargin = 0.003

    /// Up to how many students a step's slots are re-seated whole, with `slotReseatMargin`.
    /// Above it (a city, whose slot has thousands of students) only the students with a seat in
    /// reach in a section the step touched are (`ScheduleState.reseatTouchedSlots`), with
    /// `cityReseatMargin`.
    static let slotReseatStudents = 5_000

    /// The margin of a city's steps, as a share of the objective of a district's worth of
    /// students (`thresholdStudents`, as the threshold; a share of the whole city's objective would
    /// take in most steps): 0.01 × 600 / 20,000 of the objective, about 800 for the held-out city.
    /// There (300 s, seeds 1–3) the gap went from 4.39 / 4.29 / 4.15% without to 3.07 / 3.23 /
    /// 3.07% (with 0.003: 3.31 / 3.43 / 3.15%, 3,000 re-seatings of 14 ms each; 0.03: 3.13% on
    /// seed 1; bench/RESULTS.md, 2026-12-05).
    static let cityReseatMargin = 0.01

    /// Large-neighbourhood search from `start` until an iteration limit, the time limit, an
    /// interruption, the target gap or `patience` steps without improvement; with a `worker`,
    /// its days are exchanged with the worker's sub-MIPs at the end of every step.
    func improve(_ start: ScheduleState, seed: UInt64, options: ScheduleOptions, stopwatch: Stopwatch,
                 bound: @Sendable () -> Double?, shouldStop: @escaping @Sendable () -> Bool,
                 progress: (@Sendable (ScheduleProgress) -> Void)?, worker: SubMIPWorker? = nil) -> SearchOutcome {
        func elapsed() -> Double { stopwatch.seconds }
        var current = start
        var best = start
        var rng = SplitMix64(seed: seed)
        var iterations = 0
        var stoppedBy = StopReason.time
        var lastReport = elapsed()
        var sinceImprovement = 0
        var lastStep = 0.0
        var stats = SearchStatistics()
        var exactSize = ExactStepSize(largest: options.exactStepBinaries)
        let patience = max(2000, 20 * p.courses.count)
        // A step changes about as much in a city as in a district (it frees a few courses, a
        // teacher or a site's slot), so the threshold is a share of the objective of a district's
        // worth of students, not of the whole city's (else the walk drifts far below its best).
        let thresholdScale = min(1, Double(Self.thresholdStudents) / Double(max(1, p.students.count)))
        while true {
            if let limit = options.maxIterations, iterations >= limit { stoppedBy = .iterations; break }
            // Stop when the next step would likely end past the limit (steps take seconds in a city).
            if elapsed() + lastStep >= options.timeLimit { stoppedBy = .time; break }
            if shouldStop() { stoppedBy = .interrupted; break }
            // With an iteration limit the run must not depend on when the bound arrives.
            if options.maxIterations == nil, let b = bound(),
               relativeGap(best: best.objective, bound: b) <= options.targetGap { stoppedBy = .gap; break }
            if options.stopWhenStalled && sinceImprovement >= patience { stoppedBy = .noImprovement; break }
            let stepStart = elapsed()
            defer { lastStep = elapsed() - stepStart }
            var candidate = current
            var kindName = "exact"
            if iterations % options.exactStepEvery == options.exactStepEvery - 1 {
                let remaining = options.timeLimit - elapsed()
                // Reproducible runs (an iteration limit) end sub-MIPs by their number of nodes,
                // not wherever the clock says, with the time as a safety net (never past the
                // time limit).
                let reproducible = options.maxIterations != nil
                let limit = !reproducible ? timedSubMIPSeconds(options, elapsed: elapsed())
                    : min(max(Self.reproducibleSeconds, options.exactStepSeconds), max(0.1, remaining))
                let outcome = exactStep(current, rng: &rng, timeLimit: limit, nodeLimit: reproducible ? Self.reproducibleNodes : nil,
                                        maxBinaries: exactSize.current, shouldStop: shouldStop)
                exactSize.learn(outcome.status, binaries: outcome.binaries)
                if let better = outcome.better { candidate = better }
            } else {
                let r = step(current, rng: &rng)
                candidate = r.state
                kindName = "\(r.kind)"
            }
            // With `SETKA_SEARCH_STATS`, each step longer than 0.15 s (a sub-MIP near its limit,
            // a city's step): where a short run's time goes.
            if SearchStatistics.enabled, elapsed() - stepStart > 0.15 {
                SearchStatistics.note(slowStep: kindName, seconds: elapsed() - stepStart, at: elapsed(),
                                      iteration: iterations, seed: seed)
            }
            // A step cut short by a stop is dropped (it may have freed more than it rebuilt).
            if shouldStop() { stoppedBy = .interrupted; break }
            iterations += 1
            sinceImprovement += 1
            // Threshold acceptance: early on a slightly worse day is accepted to leave a local
            // optimum; the threshold shrinks to zero (by steps when they are limited, else by time).
            let progressShare = options.maxIterations.map { Double(iterations) / Double(max(1, $0)) }
                ?? elapsed() / options.timeLimit
            let threshold = options.acceptWorse * abs(best.objective) * thresholdScale * max(0, 1 - progressShare)
            // A day a little below the line gets the seats of the slots the step changed
            // re-decided before it is judged (`slotReseatMargin`; in a city `cityReseatMargin`,
            // and only the students of the sections the step touched).
            let line = current.objective - threshold - Tolerance.value
            let city = p.students.count > Self.slotReseatStudents
            let margin = (city ? Self.cityReseatMargin * thresholdScale : Self.slotReseatMargin) * abs(current.objective)
            if candidate.objective < line, candidate.objective >= line - margin {
                let reseatStart = elapsed(), before = candidate.objective
                if city { candidate.reseatTouchedSlots(differingFrom: current) } else { candidate.reseatSlots(differingFrom: current) }
                stats.record("slotReseat", seconds: elapsed() - reseatStart, current: before, candidate: candidate.objective,
                             accepted: candidate.objective >= line, best: best.objective, late: progressShare > 0.5)
            }
            let accepted = candidate.objective >= line
            stats.record(kindName, seconds: elapsed() - stepStart, current: current.objective, candidate: candidate.objective,
                         accepted: accepted, best: best.objective, late: progressShare > 0.5)
            // The day the walk goes on from (an accepted step's or the worker's), and the best.
            func moveTo(_ day: ScheduleState) {
                current = day
                if current.sections.count > 2 * current.openCount + 256 { current.compact() }
                if current.objective > best.objective + Tolerance.value {
                    best = current
                    sinceImprovement = 0
                }
            }
            if accepted { moveTo(candidate) }
            // The sub-MIP worker's better day, when it is still better than this one; and this
            // day for its next sub-MIP when it waits for one.
            if let worker {
                if let better = worker.takeBetter(), better.objective > current.objective + Tolerance.value { moveTo(better) }
                worker.handOver(current)
            }
            if let progress, elapsed() - lastReport >= 1 {
                lastReport = elapsed()
                progress(ScheduleProgress(phase: .search, best: best.shownObjective, bound: bound(),
                                          seconds: lastReport, iterations: iterations))
            }
        }
        stats.report(seed: seed, start: start.objective, best: best.objective, iterations: iterations, seconds: elapsed())
        return SearchOutcome(best: best, iterations: iterations, stoppedBy: stoppedBy)
    }
}
