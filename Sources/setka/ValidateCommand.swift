import ArgumentParser
import Foundation
import SetkaModel

/// `setka validate SCENARIO [--json] [--language ru|en]`: loads a scenario, says what it holds and what is wrong.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario (folder or .xlsx workbook) and show what was loaded.",
        discussion: """
        Reads scenario.yaml and the CSV tables, prints the number of rows of each table, the \
        profile-day slots, the partnering rules with how many recipients and providers each \
        selects, and every warning. Errors go to stderr as file:line:column: error: message \
        (--language ru: in Russian, as `students.csv, строка 17, столбец 3: ошибка: …`). \
        With --json each finding has `message` (English) and `message_ru` (Russian).
        Exit codes: 0 the scenario is usable (warnings allowed); 1 invalid input.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml), or an .xlsx workbook.")
    var scenario: String

    @Flag(name: .long, help: "Print the same report as JSON on stdout.")
    var json = false

    @Option(name: .long, help: "The language of the report and its findings: en (default) or ru.")
    var language: String = "en"

    func validate() throws {
        guard ReportLanguage(rawValue: language.lowercased()) != nil else {
            throw ValidationError("--language should be ru or en, found '\(language)'")
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: scenario)
        let words = ReportLanguage(rawValue: language.lowercased()) ?? .en
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(from: url)
        } catch let error as ScenarioError {
            for d in error.diagnostics { Console.error(d.text(words)) }
            Console.error(Console.cannotBeUsed(error.diagnostics.count, words))
            if json { Console.printJSON(ValidationReport(errors: error.diagnostics), snakeCase: true) }
            throw SetkaExit.invalidInput
        } catch {
            let d = Diagnostic.error(ru: "не удаётся загрузить '\(scenario)': \(error.localizedDescription)",
                                     en: "cannot load '\(scenario)': \(error.localizedDescription)")
            Console.error(d.text(words))
            if json { Console.printJSON(ValidationReport(errors: [d]), snakeCase: true) }
            throw SetkaExit.invalidInput
        }
        let report = ValidationReport(loaded)
        if json { Console.printJSON(report, snakeCase: true) } else { print(report.text(words), terminator: "") }
    }

}
