import ArgumentParser
import Foundation
import ProfileDay
import SetkaModel

/// `setka bench-naive SCENARIO --time-limit S --out DIR` (hidden): the benchmark baseline.
///
/// Hands the obvious per-student MIP (one binary per student × candidate section) straight to
/// GLPK via `ProfileDayScheduler.solveNaiveMonolithic`, re-verifies any timetable it returns with
/// the independent checker, and writes `DIR/naive.json` (see `NaiveBenchOutput`) plus
/// `sections.csv` / `enrolments.csv` when there is a timetable. Used by `bench/run.sh`.
struct BenchNaiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-naive",
        abstract: "Benchmark baseline: the naive monolithic profile-day MIP solved by GLPK alone.",
        discussion: """
        Writes DIR/naive.json with status, model size, objective, bound, seconds and whether the \
        independent checker accepted the timetable (and the timetable itself when there is one). \
        Status "too-large" means the model was not built (more than --max-binaries binaries).
        Exit codes: 0 ran (whatever the solver's status); 1 invalid input; 3 the checker \
        rejected the naive timetable (naive.json is still written, with verified false).
        """,
        shouldDisplay: false
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Option(name: .long, help: "Folder for naive.json and the timetable (created if missing).")
    var out: String

    @Option(name: .long, parsing: .unconditional, help: "GLPK time limit in seconds (the same as Setka's, for a fair ratio).")
    var timeLimit: Double = 60

    @Option(name: .long, parsing: .unconditional, help: "Do not build models with more binaries than this (status too-large).")
    var maxBinaries: Int = 3_000_000

    func validate() throws {
        try PositiveNumber.check(timeLimit, "--time-limit", unit: "seconds")
        guard maxBinaries > 0 else { throw ValidationError("--max-binaries must be positive") }
    }

    func run() throws {
        let scenario = try Console.loadScenario(self.scenario, quiet: true).scenario
        try Console.requireProfileDay(scenario, path: self.scenario, to: "schedule")
        let job = ResultJob(name: "bench-naive", owns: ResultFileSet(names: ["naive.json", TimetableIO.sectionsFile, TimetableIO.enrolmentsFile]))
        try Console.checkOutput(out, job: job)
        let result: NaiveMonolithicResult
        do {
            result = try ProfileDayScheduler.solveNaiveMonolithic(scenario, timeLimit: timeLimit, maxBinaries: maxBinaries)
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { Console.error(d.description) }
            throw SetkaExit.invalidInput
        } catch {
            Console.error("error: the naive model failed: \(error)")
            throw SetkaExit.failure
        }
        let output = Self.verify(result, in: scenario, timeLimit: timeLimit)
        let files = (result.timetable.map { TimetableIO.files($0, scenario: nil) } ?? []) + [ResultFile("naive.json", try Console.json(output))]
        let committed = try Console.writeResults(out, job: job, files: files)
        print(committed.folder.appendingPathComponent("naive.json").path)
        if output.verified == false {
            Console.error("error: the independent checker rejected the naive model's timetable (\(output.violations) violations)")
            throw SetkaExit.failure
        }
    }

    /// Re-checks the naive timetable (when there is one) and gathers what the benchmark reports.
    static func verify(_ result: NaiveMonolithicResult, in scenario: Scenario, timeLimit: Double) -> NaiveBenchOutput {
        var output = NaiveBenchOutput(scenario: scenario.name, status: result.status, timeLimit: timeLimit,
                                      binaries: result.binaries, rows: result.rows, objective: result.objective,
                                      bound: result.bound, gap: nil, seconds: result.seconds,
                                      hasTimetable: result.timetable != nil, verified: nil,
                                      checkerObjective: nil, violations: 0)
        if let timetable = result.timetable {
            let report = ProfileDayChecker.check(timetable, in: scenario)
            output.verified = report.isValid
            output.violations = report.violations.count
            output.checkerObjective = report.objective.value
            if let objective = result.objective, let bound = result.bound {
                output.gap = max(0, bound - objective) / max(1e-9, abs(bound))
            }
        }
        return output
    }
}

/// What `setka bench-naive` writes to `naive.json`.
struct NaiveBenchOutput: Codable {
    var scenario: String
    /// GLPK's status, or "too-large" when the model was not built.
    var status: String
    var timeLimit: Double
    var binaries: Int
    var rows: Int
    /// The naive timetable's objective (nil when GLPK found none).
    var objective: Double?
    /// GLPK's bound on the naive model (nil when unknown).
    var bound: Double?
    /// (bound − objective) / |bound| as a fraction, when both are known.
    var gap: Double?
    var seconds: Double
    var hasTimetable: Bool
    /// Whether the independent checker accepted the timetable; nil when there is none.
    var verified: Bool?
    /// The objective as the checker recomputes it.
    var checkerObjective: Double?
    var violations: Int

    func encode(to encoder: Encoder) throws {
        // Explicit nulls, so that readers can rely on every key being present.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(status, forKey: .status)
        try c.encode(timeLimit, forKey: .timeLimit)
        try c.encode(binaries, forKey: .binaries)
        try c.encode(rows, forKey: .rows)
        try c.encode(objective, forKey: .objective)
        try c.encode(bound, forKey: .bound)
        try c.encode(gap, forKey: .gap)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(hasTimetable, forKey: .hasTimetable)
        try c.encode(verified, forKey: .verified)
        try c.encode(checkerObjective, forKey: .checkerObjective)
        try c.encode(violations, forKey: .violations)
    }
}
