import Foundation
import LinearProgramming
import ProfileDay
import SetkaModel

/// How `Advisor.advise` spends its time.
public struct AdviceOptions: Sendable, Hashable, Codable {
    /// Seconds for the whole advice: screening and verifying (writing comes after).
    public var timeLimit: Double
    /// How many verified changes to find (`--top`).
    public var top: Int
    /// Seed of every search.
    public var seed: UInt64
    /// The most candidates screened (the best supported first).
    public var maxCandidates: Int
    /// Threads used at once (the machine's cores).
    public var threads: Int
    /// Share of the time at most for screening (the re-solves come after it).
    public var screeningShare: Double

    public init(timeLimit: Double = 120, top: Int = 5, seed: UInt64 = 1, maxCandidates: Int = 60, threads: Int = 2,
                screeningShare: Double = 0.3) {
        self.timeLimit = timeLimit; self.top = top; self.seed = seed; self.maxCandidates = maxCandidates
        self.threads = threads; self.screeningShare = screeningShare
    }
}

/// What advice is asked for: a scenario folder and a timetable of it (a `setka schedule` result).
public struct AdviceInput: Sendable {
    /// The scenario folder (or its `scenario.yaml`): the base of every variant tried and written.
    public var folder: URL
    /// The scenario as loaded from `folder`.
    public var scenario: Scenario
    /// The current timetable.
    public var timetable: Timetable

    public init(folder: URL, scenario: Scenario, timetable: Timetable) {
        self.folder = folder; self.scenario = scenario; self.timetable = timetable
    }
}

/// Why no advice could be given.
public enum AdviceError: Error, Sendable {
    /// The scenario has no profile-day slots.
    case noProfileDay
    /// The scenario folder cannot be read as the base of variants.
    case invalidInput([Diagnostic])
    /// The timetable breaks rules of the scenario (made from other data?).
    case timetableDoesNotFit([Violation])
}

/// Where a run of `Advisor.advise` is.
public enum AdvicePhase: String, Sendable, Codable {
    /// Trying each candidate change quickly (the current timetable cut to it, completed greedily).
    case screening
    /// Re-solving without a change and with the most promising changes, each timetable checked independently.
    case verifying
}

/// Progress of `Advisor.advise`, for a progress line or a page.
public struct AdviceProgress: Sendable {
    public var phase: AdvicePhase
    /// Candidates screened, or verifications finished, so far.
    public var done: Int
    /// Candidates to screen, or verifications planned.
    public var total: Int
    public var seconds: Double
    /// The change just verified, with its verified gain.
    public var verified: AdviceItem?
}

/// One verified change of the advice, with its verified gains.
public struct AdviceItem: Sendable, Hashable, Codable {
    /// 1 = best (set when ranked).
    public var rank: Int
    public var change: AdviceChange
    /// Whom the change asks for something (nil: the coordinator decides).
    public var asks: AdviceAsk?
    /// Verified: students fully served with the change, minus the baseline's.
    public var studentsGained: Int
    /// Verified: the objective with the change, minus the baseline's.
    public var objectiveGain: Double
    /// The verified timetable's figures (`ProfileDayChecker`).
    public var figures: ProfileDayFigures
    /// The screening's estimate (a greedy warm start), kept for the record; never a claim.
    public var screenedStudents: Int?
    public var screenedObjective: Double?
    /// Short students whose binding cause this change addresses, and courses not opened.
    public var addresses: Int
    public var courses: [String]
    /// The variant file in the advice folder (`variants/01.yaml`), once ranked.
    public var variantFile: String

    public init(rank: Int = 0, change: AdviceChange, studentsGained: Int, objectiveGain: Double, figures: ProfileDayFigures,
                screenedStudents: Int? = nil, screenedObjective: Double? = nil, addresses: Int = 0, courses: [String] = [],
                variantFile: String = "") {
        self.rank = rank; self.change = change; asks = change.asks; self.studentsGained = studentsGained
        self.objectiveGain = objectiveGain; self.figures = figures; self.screenedStudents = screenedStudents
        self.screenedObjective = screenedObjective; self.addresses = addresses; self.courses = courses
        self.variantFile = variantFile
    }
}

/// The advice for a timetable: the verified single changes that serve the most students.
public struct Advice: Sendable, Hashable, Codable {
    public static let format = "setka-advice/1"
    public var format: String
    /// The scenario's name and language.
    public var scenario: String
    public var language: ReportLanguage
    /// `ResultCache.hash` of the timetable the advice is for (a report shows the advice only
    /// beside that timetable).
    public var timetableHash: String
    /// The current timetable's figures.
    public var current: ProfileDayFigures
    /// What every gain is measured from: the best of the current timetable, a re-solve without
    /// any change (from it, as long as each change's) and each change's timetable cut to the
    /// unchanged scenario, so that a gain is the change's and not merely more search.
    public var baseline: ProfileDayFigures
    public var baselineIsCurrent: Bool
    /// The number of electives every student can take, when it is the same for all (2: "both").
    public var electivesEach: Int?
    /// The verified changes with a gain, best first (at most `options.top`).
    public var items: [AdviceItem]
    /// Candidates found in the explanations, screened, and verified by a re-solve.
    public var candidates: Int
    public var screened: Int
    public var verified: Int
    public var options: AdviceOptions
    public var seconds: Double
    /// Stopped from outside before the time was up (what was verified by then is kept).
    public var stoppedEarly: Bool
    /// Re-solves whose timetable the checker rejected (a bug in Setka; left out of the advice).
    public var problems: [String]
}

/// `setka advise`: the single changes to the data that serve the most students, each verified.
///
/// 1. The current timetable is checked (`ProfileDayChecker`) and explained (`WorkingTimetable`),
///    and candidate changes are drawn from the binding causes (`AdviceCandidates`).
/// 2. Screening: each candidate (the best supported first, up to `maxCandidates`, within
///    `screeningShare` of the time) is applied to the scenario as the variant it will be written
///    as (`VariantBase`), and the current timetable is cut to it and completed greedily
///    (`ProfileDayScheduler.bestOf`): a cheap estimate (district-1500: 17 candidates in 0.6 s).
/// 3. Verification, `threads` at a time, each as long as the others and from the current
///    timetable (`ProfileDayScheduler.schedule` with `start`), every timetable checked by
///    `ProfileDayRun.verified`: first the unchanged scenario (the baseline's re-solve), then the
///    candidates with the best estimates (then the best supported), until `top` changes serve
///    more students or 90% of the time is up.
/// 4. The cross-check (`crossChecked`): the baseline is the best of the current timetable, its
///    re-solve and every change's timetable cut to the unchanged scenario, so that a gain that
///    needs no change (more search) is nobody's; each change's timetable is the better of its own
///    and the baseline cut to it.
/// 5. The gains are the verified timetables' figures minus the baseline's: students fully served
///    first, then the objective; a change that serves fewer students is not advice. The screening
///    estimate is never claimed.
///
/// `progress` hears every screened candidate and every verification; `shouldStop` ends the run
/// early with what is verified (as `ProfileDayRun.run` does).
public enum Advisor {
    /// Objective differences at most this count as none (they would show as 0.00).
    public static let objectiveEpsilon = 0.005

    /// The candidate changes of `input`'s timetable, the best supported first (what `advise`
    /// screens), with how many short students each addresses.
    public static func candidates(_ input: AdviceInput) throws(AdviceError) -> [AdviceCandidate] {
        let (_, explanations) = try checked(input)
        return AdviceCandidates.generate(scenario: input.scenario, timetable: input.timetable, explanations: explanations)
    }

    /// The timetable's check and explanations; an error when it does not fit the scenario.
    static func checked(_ input: AdviceInput) throws(AdviceError) -> (CheckReport, Explanations) {
        guard input.scenario.profileDay?.slots.isEmpty == false else { throw .noProfileDay }
        let check = ProfileDayChecker.check(input.timetable, in: input.scenario)
        guard check.isValid else { throw .timetableDoesNotFit(check.violations) }
        do { return (check, try WorkingTimetable(input.timetable, in: input.scenario).explanations()) } catch {
            throw .timetableDoesNotFit([])
        }
    }

    public static func advise(_ input: AdviceInput, options: AdviceOptions,
                              progress: (@Sendable (AdviceProgress) -> Void)? = nil,
                              shouldStop: @escaping @Sendable () -> Bool = { false }) throws(AdviceError) -> Advice {
        let started = Date()
        @Sendable func elapsed() -> Double { Date().timeIntervalSince(started) }
        let scenario = input.scenario
        let (check, explanations) = try checked(input)
        let base: VariantBase
        do { base = try VariantBase(input.folder) } catch let e as ScenarioError { throw .invalidInput(e.diagnostics) } catch {
            throw .invalidInput([.error(ru: "не удаётся прочитать сценарий: \(error)", en: "\(error)")])
        }
        let current = ProfileDayFigures(report: check, students: scenario.students.count, bound: nil, status: .feasible, seconds: 0)
        let candidates = AdviceCandidates.generate(scenario: scenario, timetable: input.timetable, explanations: explanations)
        let toScreen = Array(candidates.prefix(max(0, options.maxCandidates)))
        let workers = max(1, options.threads)
        // The plan: screening for at most a share of the time; then the re-solves, `workers` at a
        // time, each as long as the others; a tenth of the time is kept for the cross-check.
        let screenEnd = options.timeLimit * options.screeningShare
        let verifyEnd = options.timeLimit * 0.9

        // Phase A: screening.
        let screening = Screening(candidates: toScreen)
        let screeners = (0..<workers).map { w in
            DedicatedThread(name: "setka-advice-screen-\(w)") {
                while let (i, candidate) = screening.next(), !shouldStop(), elapsed() < screenEnd {
                    screening.record(i, screen(candidate, base: base, current: input.timetable, figures: current))
                    progress?(AdviceProgress(phase: .screening, done: screening.count, total: toScreen.count, seconds: elapsed()))
                }
            }
        }
        for s in screeners { s.wait() }
        let screened = screening.results()

        // Phase B: the re-solve without a change first, then the changes, best estimates first,
        // then the best supported; every one from the current timetable, as long as the others.
        func promising(_ s: Screened) -> Bool { s.estimate.map { $0.students > 0 || $0.objective > Advisor.objectiveEpsilon } ?? false }
        let queue = screened.filter(promising).sorted { a, b in
            (a.estimate!.students, a.estimate!.objective) > (b.estimate!.students, b.estimate!.objective)
        } + screened.filter { $0.scenario != nil && !promising($0) }
        let planned = min(queue.count, options.top + max(2, options.top / 2))
        let rounds = max(1, (planned + 1 + workers - 1) / workers)
        let perRun = max(1, (verifyEnd - elapsed()) / Double(rounds))
        let verification = Verification(queue: queue, wanted: options.top)
        let verifiers = (0..<workers).map { w in
            DedicatedThread(name: "setka-advice-verify-\(w)") {
                while !shouldStop(), verifyEnd - elapsed() >= perRun * 0.5, let job = verification.next() {
                    let seconds = min(perRun, max(0.5, verifyEnd - elapsed()))
                    guard let job else {
                        verification.control = solve(scenario, from: input.timetable, seconds: seconds, seed: options.seed,
                                                      shouldStop: shouldStop)
                        continue
                    }
                    guard let changed = job.scenario else { continue }
                    switch solve(changed, from: input.timetable, seconds: seconds, seed: options.seed, shouldStop: shouldStop) {
                    case .success(let run):
                        let figures = run.figures(changed.students.count)
                        let item = job.item(figures, against: current)
                        verification.record(Verified(screened: job, scenario: changed, timetable: run.timetable, figures: figures),
                                            gain: item.studentsGained > 0)
                        progress?(AdviceProgress(phase: .verifying, done: verification.finished, total: planned, seconds: elapsed(),
                                                 verified: item))
                    case .failure(let why):
                        verification.fail("\(job.candidate.change.key): \(why.description)")
                        progress?(AdviceProgress(phase: .verifying, done: verification.finished, total: planned, seconds: elapsed()))
                    }
                }
            }
        }
        for v in verifiers { v.wait() }
        var problems: [String] = []
        var baseline = (figures: current, timetable: input.timetable)
        switch verification.control {
        case .success(let run)?:
            let figures = run.figures(scenario.students.count)
            if figures.objective > current.objective + Advisor.objectiveEpsilon { baseline = (figures, run.timetable) }
        case .failure(let why)?:
            problems.append(why.description)
        case nil:
            break
        }

        // Phase C: the cross-check, so that a gain is the change's and not merely more search.
        let (final, verified) = crossChecked(scenario, baseline: baseline, verification.results, threads: workers)
        let items = verified.map { $0.screened.item($0.figures, against: final.figures) }.filter(isGain).sorted(by: better)
            .prefix(max(0, options.top)).enumerated().map { n, item in
                var ranked = item
                ranked.rank = n + 1
                ranked.variantFile = AdviceOutput.variantPath(n + 1)
                return ranked
            }
        let each = Set(scenario.students.map { min($0.wants ?? scenario.profileDay!.coursesPerStudent, Set($0.choices).count) })
        return Advice(format: Advice.format, scenario: scenario.name, language: scenario.language,
                      timetableHash: ResultCache.hash(input.timetable), current: current, baseline: final.figures,
                      baselineIsCurrent: final.timetable == input.timetable, electivesEach: each.count == 1 ? each.first : nil,
                      items: Array(items), candidates: candidates.count, screened: screened.filter { $0.scenario != nil }.count,
                      verified: verified.count, options: options, seconds: elapsed(), stoppedEarly: shouldStop(),
                      problems: problems + verification.problems)
    }

    /// The cross-check of the verified timetables (as `setka compare` does it): the baseline
    /// becomes the best of itself and every change's timetable cut to the unchanged scenario and
    /// completed greedily (a timetable that does not need its change is as good without it);
    /// then each change's timetable the better of itself and that baseline cut to the change.
    /// Every timetable taken is checked by `ProfileDayChecker`.
    static func crossChecked(_ scenario: Scenario, baseline: (figures: ProfileDayFigures, timetable: Timetable), _ verified: [Verified],
                             threads: Int) -> (baseline: (figures: ProfileDayFigures, timetable: Timetable), verified: [Verified]) {
        var final = baseline
        if let better = try? ProfileDayScheduler.bestOf(scenario, current: baseline.timetable, others: verified.map(\.timetable)) {
            let report = ProfileDayChecker.check(better.timetable, in: scenario)
            if report.isValid && report.objective.value > baseline.figures.objective + objectiveEpsilon {
                final = (ProfileDayFigures(report: report, students: scenario.students.count, bound: nil, status: .feasible, seconds: 0),
                         better.timetable)
            }
        }
        let start = final.timetable
        let jobs: [@Sendable () -> Verified] = verified.map { v in
            {
                guard let better = try? ProfileDayScheduler.bestOf(v.scenario, current: v.timetable, others: [start]) else { return v }
                let report = ProfileDayChecker.check(better.timetable, in: v.scenario)
                guard report.isValid, report.objective.value > v.figures.objective else { return v }
                var adopted = v
                adopted.timetable = better.timetable
                adopted.figures = ProfileDayFigures(report: report, students: v.scenario.students.count, bound: v.figures.bound,
                                                    status: .feasible, seconds: v.figures.seconds)
                return adopted
            }
        }
        return (final, DedicatedThread.run(jobs, maxConcurrent: threads, name: "setka-advice-cross"))
    }

    /// A verified change is advice when it serves more students fully, or as many with a better
    /// objective (never fewer students).
    static func isGain(_ item: AdviceItem) -> Bool {
        item.studentsGained > 0 || (item.studentsGained == 0 && item.objectiveGain > Advisor.objectiveEpsilon)
    }

    /// Students fully served gained, then the objective, then a stable key.
    static func better(_ a: AdviceItem, _ b: AdviceItem) -> Bool {
        (a.studentsGained, a.objectiveGain, b.change.key) > (b.studentsGained, b.objectiveGain, a.change.key)
    }

    // MARK: - Steps

    /// The estimate of one candidate: its variant applied to the base, the current timetable cut
    /// to it and completed greedily (nil estimate: no better than what of the current is valid).
    static func screen(_ candidate: AdviceCandidate, base: VariantBase, current: Timetable,
                       figures: ProfileDayFigures) -> Screened {
        let changed: Scenario
        do {
            changed = try base.apply(name: candidate.change.key,
                                     changes: [VariantChange(candidate.change.variantChange, at: SourceLocation(file: "advice"))]).loaded.scenario
        } catch {
            return Screened(candidate: candidate, scenario: nil, estimate: nil)
        }
        guard let better = try? ProfileDayScheduler.bestOf(changed, current: current, others: [current]) else {
            return Screened(candidate: candidate, scenario: changed, estimate: Estimate(students: 0, objective: 0))
        }
        let o = ProfileDayObjective.evaluate(better.timetable, in: changed)
        return Screened(candidate: candidate, scenario: changed,
                        estimate: Estimate(students: o.studentsFullyServed - figures.fullyServed, objective: o.value - figures.objective))
    }

    /// A real re-solve of `scenario` from `start` (one search thread, no bound), checked.
    static func solve(_ scenario: Scenario, from start: Timetable, seconds: Double, seed: UInt64,
                      shouldStop: @escaping @Sendable () -> Bool) -> Result<ProfileDayRun, SolveFailure> {
        var options = ScheduleOptions(timeLimit: seconds, seed: seed)
        options.start = start
        options.searchThreads = 1
        options.computeBound = false
        do {
            let result = try ProfileDayScheduler.schedule(scenario, options: options, shouldStop: shouldStop)
            let settings = ScheduleSummary.Settings(timeLimit: seconds, seed: seed, iterations: nil, scenarioPath: scenario.folder?.path)
            return .success(try ProfileDayRun.verified(result, in: scenario, settings: settings))
        } catch let e as ProfileDayRunError {
            return .failure(SolveFailure(e.description))
        } catch {
            return .failure(SolveFailure("\(error)"))
        }
    }

    struct SolveFailure: Error { var description: String; init(_ d: String) { description = d } }

    struct Estimate: Sendable { var students: Int; var objective: Double }

    struct Screened: Sendable {
        var candidate: AdviceCandidate
        /// nil: the variant does not load (never expected: the candidates only loosen the data).
        var scenario: Scenario?
        var estimate: Estimate?

        /// The advice item of this candidate's verified `figures`, its gains against `baseline`.
        func item(_ figures: ProfileDayFigures, against baseline: ProfileDayFigures) -> AdviceItem {
            AdviceItem(change: candidate.change, studentsGained: figures.fullyServed - baseline.fullyServed,
                       objectiveGain: figures.objective - baseline.objective, figures: figures,
                       screenedStudents: estimate?.students, screenedObjective: estimate?.objective,
                       addresses: candidate.students, courses: candidate.courses)
        }
    }

    /// The screening's shared queue and results.
    final class Screening: @unchecked Sendable {
        private let lock = NSLock()
        private let candidates: [AdviceCandidate]
        private var taken = 0
        private var done: [Int: Screened] = [:]
        init(candidates: [AdviceCandidate]) { self.candidates = candidates }
        func next() -> (Int, AdviceCandidate)? {
            lock.withLock {
                guard taken < candidates.count else { return nil }
                taken += 1
                return (taken - 1, candidates[taken - 1])
            }
        }
        func record(_ i: Int, _ s: Screened) { lock.withLock { done[i] = s } }
        var count: Int { lock.withLock { done.count } }
        /// In the candidates' order.
        func results() -> [Screened] { lock.withLock { done.sorted { $0.key < $1.key }.map(\.value) } }
    }

    /// A re-solve with a change that passed the checker.
    struct Verified: Sendable {
        var screened: Screened
        var scenario: Scenario
        var timetable: Timetable
        var figures: ProfileDayFigures
    }

    /// The verification's shared queue and results: first the re-solve without a change (a nil
    /// job; none when there is no candidate), then the candidates; no new candidate once `wanted`
    /// changes serve more students (before the cross-check, which may only lower gains).
    final class Verification: @unchecked Sendable {
        private let lock = NSLock()
        private let queue: [Screened]
        private let wanted: Int
        private var controlTaken = false
        private var taken = 0
        private var stored: [Verified] = []
        private var failed: [String] = []
        private var gains = 0
        private var controlResult: Result<ProfileDayRun, SolveFailure>?
        init(queue: [Screened], wanted: Int) { self.queue = queue; self.wanted = wanted }
        /// The next job: `.some(nil)` for the re-solve without a change, nil when there is none.
        func next() -> Screened?? {
            lock.withLock {
                // With no candidate to verify, a re-solve without a change would advise nothing.
                if !controlTaken && !queue.isEmpty { controlTaken = true; return .some(nil) }
                guard taken < queue.count, gains < wanted else { return nil }
                taken += 1
                return .some(queue[taken - 1])
            }
        }
        /// The re-solve without a change.
        var control: Result<ProfileDayRun, SolveFailure>? {
            get { lock.withLock { controlResult } }
            set { lock.withLock { controlResult = newValue } }
        }
        /// `v`, and whether it serves more students than the timetable it started from.
        func record(_ v: Verified, gain: Bool = false) { lock.withLock { stored.append(v); if gain { gains += 1 } } }
        func fail(_ why: String) { lock.withLock { failed.append(why) } }
        var finished: Int { lock.withLock { stored.count + failed.count } }
        /// In the order they were taken from the queue.
        var results: [Verified] { lock.withLock { stored } }
        var problems: [String] { lock.withLock { failed } }
    }
}

extension ProfileDayRun {
    /// The comparison figures of a verified run.
    func figures(_ students: Int) -> ProfileDayFigures {
        ProfileDayFigures(report: check, students: students, bound: result.bound, status: PlanStatus(result.status),
                          seconds: result.seconds)
    }
}
