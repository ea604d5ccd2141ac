import ArgumentParser
import Foundation
import ProfileDay
import SetkaModel

/// `setka bench-bound SCENARIO --time-limit S` (hidden): the profile day's proven bound alone.
///
/// Computes the bound as a run's bound thread does with `S` seconds (without the search, so on
/// a quiet core) and prints one JSON object: `bound`, `method`, `seconds` and `trajectory` (each
/// bound as it was proven). Used to measure changes to the relaxations apart from the search.
struct BenchBoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-bound",
        abstract: "Benchmark: the profile day's proven upper bound alone, as JSON on stdout.",
        shouldDisplay: false
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Option(name: .long, parsing: .unconditional, help: "Seconds the bound may take (a run's bound gets a share of its limit).")
    var timeLimit: Double = 60

    @Option(name: .long, help: ArgumentHelp("Instead: write the relaxation by places as a MIP in free MPS to FILE (for another solver's bound; bench/peer-bound.py) and stop.", valueName: "FILE"))
    var writePlaces: String?

    func validate() throws {
        try PositiveNumber.check(timeLimit, "--time-limit", unit: "seconds")
    }

    struct Output: Encodable {
        var scenario: String
        var bound: Double?
        var method: String
        var seconds: Double
        var trajectory: [[Double]]
    }

    func run() throws {
        let scenario = try Console.loadScenario(self.scenario, quiet: true).scenario
        try Console.requireProfileDay(scenario, path: self.scenario, to: "bound")
        do {
            if let file = writePlaces {
                guard let text = try ProfileDayScheduler.placesMIP(scenario) else {
                    Console.error("this scenario has no relaxation by places to write")
                    throw SetkaExit.invalidInput
                }
                try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
                return
            }
            let r = try ProfileDayScheduler.bound(scenario, timeLimit: timeLimit)
            let output = Output(scenario: scenario.name, bound: r.value, method: r.method.rawValue, seconds: r.seconds,
                                trajectory: r.trajectory.map { [$0.seconds, $0.value] })
            print(String(decoding: try Console.json(output), as: UTF8.self))
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { Console.error(d.description) }
            throw SetkaExit.invalidInput
        }
    }
}
