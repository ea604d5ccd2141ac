import Foundation
import LinearProgramming
import Partnering
import ProfileDay
import SetkaModel

/// The solvers a run uses. The CLI uses `Engines.standard` (the profile-day scheduler and the
/// partner assignment); tests may pass small engines of their own.
public struct Engines: Sendable {
    /// Solves the profile day of a scenario that has one.
    public var profileDay: @Sendable (Scenario, RunOptions) throws -> ProfileDaySolve
    /// Assigns partners for a scenario with partnering rules.
    public var partnering: @Sendable (Scenario, RunOptions) throws -> PartneringSolve
    /// Names the engines' version; part of the cache key.
    public var version: String
    /// After a comparison: for a run's scenario, its own timetable and the other runs'
    /// timetables, a better timetable made from one of the others and that one's position in
    /// them, or nil. Engines without it (nil) skip the cross-check.
    public var crossCheck: (@Sendable (Scenario, Timetable, [Timetable]) throws -> (timetable: Timetable, from: Int)?)?

    public init(version: String,
                profileDay: @escaping @Sendable (Scenario, RunOptions) throws -> ProfileDaySolve,
                partnering: @escaping @Sendable (Scenario, RunOptions) throws -> PartneringSolve,
                crossCheck: (@Sendable (Scenario, Timetable, [Timetable]) throws -> (timetable: Timetable, from: Int)?)? = nil) {
        self.version = version; self.profileDay = profileDay; self.partnering = partnering
        self.crossCheck = crossCheck
    }
}

/// One scenario to run: the loaded scenario, where it came from, what a variant changed.
public struct ScenarioInput: Sendable {
    public var scenario: Scenario
    public var source: String
    public var variantReport: VariantReport?

    public init(scenario: Scenario, source: String, variantReport: VariantReport? = nil) {
        self.scenario = scenario; self.source = source; self.variantReport = variantReport
    }

    /// Loads a scenario folder or a variant file (errors as `ScenarioError`).
    public static func load(_ path: String) throws -> (input: ScenarioInput, warnings: [Diagnostic]) {
        let url = URL(fileURLWithPath: path)
        if VariantLoader.isVariantFile(url) {
            let v = try VariantLoader.load(from: url)
            return (ScenarioInput(scenario: v.loaded.scenario, source: path, variantReport: v.report), v.loaded.warnings)
        }
        let loaded = try ScenarioLoader.load(from: url)
        return (ScenarioInput(scenario: loaded.scenario, source: path), loaded.warnings)
    }
}

/// How `ScenarioRunner.run` shares one time limit among a base and its variants.
///
/// The base is solved first, alone, with the whole machine (two search threads and the bound);
/// then the variants, `concurrent` at a time with one search thread each, every one starting from
/// the base's timetable (a variant differs a little from its base, so most of the base's day is
/// still valid and good). The base's quality carries into every variant, so it gets half the
/// time; `crossCheck` (5%) is kept for comparing every plan with the others at the end
/// (`ScenarioRunner.crossChecked`); with `rounds = ⌈variants / concurrent⌉`, each variant gets
/// `(total − base − crossCheck) / rounds`.
/// The whole set takes about `total`, whatever the number of variants. (Measured on the
/// 600-senior district with five variants and 20 s: a quarter for the base gave gaps of
/// 0.62–0.89%, 0.4 gave 0.72–1.11%, a half 0.23–0.73%; bench/compare-bench.sh.)
public struct TimeBudget: Sendable, Hashable, Codable {
    public var total: Double
    public var base: Double
    public var variant: Double
    public var crossCheck: Double
    public var rounds: Int

    public init(total: Double, variants: Int, concurrent: Int) {
        self.total = total
        rounds = variants == 0 ? 0 : (variants + max(1, concurrent) - 1) / max(1, concurrent)
        base = rounds == 0 ? total : total / 2
        crossCheck = rounds == 0 ? 0 : total * 0.05
        variant = rounds == 0 ? 0 : (total - base - crossCheck) / Double(rounds)
    }
}

/// Runs scenarios: partnering when the scenario has rules, the profile day when it has slots;
/// the first scenario as the base, the others as its variants (see `TimeBudget`); results cached
/// by their inputs.
public struct ScenarioRunner: Sendable {
    public var engines: Engines
    /// `timeLimit` is for the whole set of scenarios run together.
    public var options: RunOptions
    /// nil = no cache (`--no-cache`).
    public var cache: ResultCache?
    /// Variants solved at once (each on its own thread; GLPK is per thread).
    public var maxConcurrent: Int
    /// A published timetable of the base: each variant is then also re-planned keeping as much of
    /// it as possible (half of the variant's time goes to that), see `StableReplanning`.
    public var published: Timetable?
    /// Told when the plans are compared with each other at the end (for progress on stderr).
    public var crossCheckStarted: (@Sendable () -> Void)?
    /// Told of each finished scenario (its position in the inputs and result), from the thread
    /// that ran it: for progress on stderr.
    public var finished: (@Sendable (Int, ScenarioRunResult) -> Void)?

    public init(engines: Engines, options: RunOptions, cache: ResultCache?, maxConcurrent: Int = 2) {
        self.engines = engines; self.options = options; self.cache = cache; self.maxConcurrent = maxConcurrent
    }

    /// The cache key of one input under these engines and options. A variant's key names its
    /// base's (`startedFrom`), since it starts from the base's timetable. The key depends on the
    /// options the user gave, not on the share of time a run got, so adding a variant to a
    /// comparison does not invalidate the others.
    public func key(_ input: ScenarioInput, startedFrom base: String? = nil) -> String {
        var extra = [engines.version, base.map { "variant of " + $0 } ?? "base"]
        if base != nil, let published { extra.append("keep " + ResultCache.hash(published)) }
        return ResultCache.key(for: input.scenario, options: options, extra: extra)
    }

    /// How `run` will share the time limit among `count` scenarios.
    public func budget(scenarios count: Int) -> TimeBudget {
        TimeBudget(total: options.timeLimit, variants: max(0, count - 1), concurrent: maxConcurrent)
    }

    /// Runs the first input as the base, then the rest as its variants (cache hits are not solved
    /// again); results in the order of `inputs`. Every solve runs on a dedicated thread.
    public func run(_ inputs: [ScenarioInput]) -> [ScenarioRunResult] {
        guard let first = inputs.first else { return [] }
        let deadline = Date().addingTimeInterval(options.timeLimit)
        let budget = budget(scenarios: inputs.count)
        let baseKey = key(first)
        let baseOptions = { var o = options; o.timeLimit = budget.base; return o }()
        let base = DedicatedThread.run([{ @Sendable [self] in
            let r = runOne(first, key: baseKey, options: baseOptions, deadline: deadline)
            finished?(0, r)
            return r
        }], maxConcurrent: 1)[0]
        let variantOptions = {
            var o = options
            o.timeLimit = budget.variant
            o.searchThreads = 1
            o.start = base.timetable
            return o
        }()
        let jobs: [@Sendable () -> ScenarioRunResult] = inputs.enumerated().dropFirst().map { i, input in
            { [self] in
                let r = runOne(input, key: key(input, startedFrom: baseKey), options: variantOptions, deadline: deadline,
                               published: published)
                finished?(i, r)
                return r
            }
        }
        let results = [base] + DedicatedThread.run(jobs, maxConcurrent: maxConcurrent)
        return crossChecked(results, inputs)
    }

    /// Each run's timetable against the others' (`Engines.crossCheck`): where another run's plan,
    /// cut to this scenario and completed greedily, is better than the run's own, it is taken
    /// (the figures recomputed by the checker, `adoptedFrom` set, the cache updated). So a
    /// variant that only took something away cannot end better than its base merely because its
    /// search ran on from the base's result, and a plan good for one variant is not missed for
    /// another. Runs on dedicated threads, `maxConcurrent` at a time.
    func crossChecked(_ results: [ScenarioRunResult], _ inputs: [ScenarioInput]) -> [ScenarioRunResult] {
        guard let cross = engines.crossCheck, results.filter({ $0.timetable != nil }).count >= 2 else { return results }
        crossCheckStarted?()
        let plans = results.map(\.timetable)
        let jobs: [@Sendable () -> ScenarioRunResult] = results.indices.map { i in
            { [self] in
                var r = results[i]
                guard let mine = plans[i], r.problems.isEmpty, let figures = r.profileDay, figures.status != .optimal else { return r }
                let others = plans.indices.filter { $0 != i && plans[$0] != nil }
                guard let better = try? cross(inputs[i].scenario, mine, others.map { plans[$0]! }) else { return r }
                let solve = ProfileDaySolve(timetable: better.timetable, bound: figures.bound, status: .feasible,
                                            seconds: figures.seconds)
                let checked = ProfileDayFigures(solve, in: inputs[i].scenario)
                guard checked.verified, checked.objective > figures.objective else { return r }
                r.timetable = better.timetable
                r.profileDay = checked
                r.adoptedFrom = results[others[better.from]].name
                if !r.fromCache { cache?.store(r, key: r.inputHash) }
                return r
            }
        }
        return DedicatedThread.run(jobs, maxConcurrent: maxConcurrent)
    }

    /// Runs one scenario on the calling thread with the runner's options as they are (the time
    /// limit for this one solve; use `run` for a base and its variants).
    public func runOne(_ input: ScenarioInput) -> ScenarioRunResult {
        runOne(input, key: key(input), options: options, deadline: nil)
    }

    /// Runs one scenario with `options` (its share of the time), never past `deadline`; with
    /// `published`, the profile day gets half of it and a re-plan keeping `published` the rest.
    func runOne(_ input: ScenarioInput, key: String, options: RunOptions, deadline: Date?,
                published: Timetable? = nil) -> ScenarioRunResult {
        if let cache, var hit = cache.load(key, input: input, published: published) {
            hit.source = input.source
            hit.variantReport = input.variantReport
            return hit
        }
        let started = Date()
        // The share, but not past the deadline (an earlier run may have overrun a little).
        func remaining() -> Double {
            var limit = options.timeLimit - Date().timeIntervalSince(started)
            if let deadline { limit = min(limit, deadline.timeIntervalSinceNow) }
            return max(0.5, limit)
        }
        let scenario = input.scenario
        var problems: [String] = []
        var partnering: PartneringSolve?
        if !scenario.partnering.isEmpty {
            do {
                var o = options
                o.timeLimit = remaining()
                partnering = try engines.partnering(scenario, o)
            } catch {
                problems.append("partnering: \(error)")
            }
        }
        var interrupted = partnering?.interrupted == true
        var profileDay: ProfileDaySolve?
        var resolved: Timetable?
        if let pd = scenario.profileDay, !pd.slots.isEmpty {
            do {
                var o = options
                o.timeLimit = published == nil ? remaining() : max(0.5, remaining() / 2)
                let solve = try engines.profileDay(scenario, o)
                interrupted = interrupted || solve.interrupted
                profileDay = solve
                if let published, !interrupted {
                    var k = options
                    k.timeLimit = remaining()
                    k.start = nil
                    k.keep = published
                    let r = try engines.profileDay(scenario, k)
                    interrupted = interrupted || r.interrupted
                    resolved = r.timetable
                }
            } catch {
                problems.append("profile day: \(error)")
            }
        }
        var result = Self.assemble(input, key: key, partnering: partnering, profileDay: profileDay,
                                   keptResolved: resolved, published: resolved == nil ? nil : published)
        result.problems = problems + result.problems
        // Only complete results are kept: not a failed or interrupted run.
        if result.problems.isEmpty && !interrupted { cache?.store(result, key: key) }
        return result
    }

    /// A run's result from its plans, every plan verified independently and every figure
    /// recomputed from it: the timetable by `ProfileDayChecker` (`ProfileDayFigures`), the
    /// partner assignment by `PartnerRun.verified` (`PartnerChecker`), the kept plan by
    /// `StableReplanning.replan`. The one path of fresh solves and cache entries alike, so a
    /// cached result cannot say more than its plans prove.
    public static func assemble(_ input: ScenarioInput, key: String, partnering: PartneringSolve?,
                                profileDay: ProfileDaySolve?, keptResolved: Timetable?,
                                published: Timetable?) -> ScenarioRunResult {
        let scenario = input.scenario
        var result = ScenarioRunResult(name: scenario.name, source: input.source, inputHash: key,
                                       variantReport: input.variantReport)
        if let partnering {
            if let a = partnering.assignment {
                do {
                    // Rows and figures from the checked assignment, whatever the solve claimed.
                    let run = try PartnerRun.verified(a, in: scenario, interrupted: partnering.interrupted)
                    let checked = PartneringSolve(run, seconds: partnering.seconds)
                    result.partnerPairs = checked.pairs
                    result.partnerAssignment = a
                    result.partnering = PartneringFigures(checked, verified: true)
                } catch {
                    result.partnering = PartneringFigures(partnering, verified: false)
                    result.problems.append("partnering: \(error)")
                }
            } else {
                result.partnerPairs = partnering.pairs
                result.partnering = PartneringFigures(partnering)
            }
        }
        if let solve = profileDay {
            result.profileDay = ProfileDayFigures(solve, in: scenario)
            result.timetable = solve.timetable
            result.studentsKnown = scenario.students.map(\.id)
            if let published, let keptResolved {
                result.kept = StableReplanning.replan(published: published, in: scenario, resolved: keptResolved,
                                                      fresh: solve.timetable)
            }
        }
        return result
    }
}
