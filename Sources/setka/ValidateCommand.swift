import ArgumentParser
import Foundation
import SetkaModel

/// `setka validate SCENARIO [--json]`: loads a scenario, says what it holds and what is wrong.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario (folder or .xlsx workbook) and show what was loaded.",
        discussion: """
        Reads scenario.yaml and the CSV tables, prints the number of rows of each table, the \
        profile-day slots, the partnering rules with how many recipients and providers each \
        selects, and every warning. Errors go to stderr as file:line:column: error: message.
        Exit codes: 0 the scenario is usable (warnings allowed); 1 invalid input.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml), or an .xlsx workbook.")
    var scenario: String

    @Flag(name: .long, help: "Print the same report as JSON on stdout.")
    var json = false

    func run() throws {
        let url = URL(fileURLWithPath: scenario)
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(from: url)
        } catch let error as ScenarioError {
            for d in error.diagnostics { Console.error(d.description) }
            let n = error.diagnostics.count
            Console.error("\(n) error\(n == 1 ? "" : "s"): the scenario cannot be used until \(n == 1 ? "it is" : "they are") fixed.")
            if json { Console.printJSON(ValidationReport(errors: error.diagnostics), snakeCase: true) }
            throw SetkaExit.invalidInput
        } catch {
            Console.error("error: cannot load '\(scenario)': \(error.localizedDescription)")
            if json { Console.printJSON(ValidationReport(errors: [.error("cannot load: \(error.localizedDescription)")]), snakeCase: true) }
            throw SetkaExit.invalidInput
        }
        let report = ValidationReport(loaded)
        if json { Console.printJSON(report, snakeCase: true) } else { print(report.text(), terminator: "") }
    }

}
