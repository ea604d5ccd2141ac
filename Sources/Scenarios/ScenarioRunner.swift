import Foundation
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

    public init(version: String,
                profileDay: @escaping @Sendable (Scenario, RunOptions) throws -> ProfileDaySolve,
                partnering: @escaping @Sendable (Scenario, RunOptions) throws -> PartneringSolve) {
        self.version = version; self.profileDay = profileDay; self.partnering = partnering
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

/// Runs scenarios: partnering when the scenario has rules, the profile day when it has slots;
/// several scenarios in parallel on dedicated threads; results cached by their inputs.
public struct ScenarioRunner: Sendable {
    public var engines: Engines
    public var options: RunOptions
    /// nil = no cache (`--no-cache`).
    public var cache: ResultCache?
    /// Scenarios solved at once (each on its own thread; GLPK is per thread).
    public var maxConcurrent: Int

    public init(engines: Engines, options: RunOptions, cache: ResultCache?, maxConcurrent: Int = 2) {
        self.engines = engines; self.options = options; self.cache = cache; self.maxConcurrent = maxConcurrent
    }

    /// The cache key of one input under these engines and options.
    public func key(_ input: ScenarioInput) -> String {
        ResultCache.key(for: input.scenario, options: options, extra: [engines.version])
    }

    /// Runs every input (cache hits are not solved again); results in the order of `inputs`.
    public func run(_ inputs: [ScenarioInput]) -> [ScenarioRunResult] {
        let jobs: [@Sendable () -> ScenarioRunResult] = inputs.map { input in
            { [self] in runOne(input) }
        }
        return DedicatedThreads.run(jobs, maxConcurrent: maxConcurrent)
    }

    /// Runs one scenario on the calling thread (use `run` for dedicated threads).
    public func runOne(_ input: ScenarioInput) -> ScenarioRunResult {
        let key = key(input)
        if let cache, var hit = cache.load(key) {
            hit.source = input.source
            hit.variantReport = input.variantReport
            return hit
        }
        let scenario = input.scenario
        var result = ScenarioRunResult(name: scenario.name, source: input.source, inputHash: key,
                                       variantReport: input.variantReport)
        if !scenario.partnering.isEmpty {
            do {
                let solve = try engines.partnering(scenario, options)
                result.partnering = PartneringFigures(solve)
                result.partnerPairs = solve.pairs
            } catch {
                result.problems.append("partnering: \(error)")
            }
        }
        var interrupted = false
        if let pd = scenario.profileDay, !pd.slots.isEmpty {
            do {
                let solve = try engines.profileDay(scenario, options)
                interrupted = solve.interrupted
                result.profileDay = ProfileDayFigures(solve, in: scenario)
                result.timetable = solve.timetable
                result.studentsKnown = scenario.students.map(\.id)
            } catch {
                result.problems.append("profile day: \(error)")
            }
        }
        // Only complete results are kept: not a failed or interrupted run.
        if result.problems.isEmpty && !interrupted { cache?.store(result, key: key) }
        return result
    }
}
