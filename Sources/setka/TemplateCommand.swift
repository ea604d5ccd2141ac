import ArgumentParser
import Foundation
import SetkaModel

/// `setka template OUT.xlsx [--from SCENARIO]`: the workbook a coordinator fills in, or an
/// existing scenario as a workbook.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write an Excel workbook to fill in (or an existing scenario as a workbook).",
        discussion: """
        Without --from: an empty scenario workbook with an «Инструкция» sheet («Instructions» with \
        --language en) that \
        explains every column, and on every sheet the header row frozen, drop-down lists for \
        kinds and yes/no cells, and one example row to replace (the year plan of network meetings \
        too: the Площадки, Участники and Без встреч sheets and the meetings.* settings). With \
        --from: the scenario (a folder, a workbook or a what-if variant file) as a workbook that \
        loads to the same scenario (its pins and year plan too). \
        Every command that takes a scenario folder takes the workbook too.
        Exit codes: 0 written; 1 the scenario given to --from has errors, or OUT cannot be written; \
        64 usage error (OUT is not .xlsx, or exists and --force is not given).
        """
    )

    @Argument(help: "The workbook to write (.xlsx).")
    var out: String

    @Option(name: .long, help: "A scenario folder, workbook or variant file to write as the workbook.")
    var from: String?

    @Option(name: .long, help: "Sheet names, yes/no words and the instructions: ru (Организации, да/нет) or en (schools, yes/no). Default: the scenario's language, else ru.")
    var language: String?

    @Flag(help: "Replace OUT if it exists.")
    var force = false

    @Flag(help: "No warnings on stderr.")
    var quiet = false

    func validate() throws {
        guard out.lowercased().hasSuffix(".xlsx") else {
            throw ValidationError("the workbook to write should be named .xlsx, found '\(out)'")
        }
        if let language, ReportLanguage(rawValue: language.lowercased()) == nil {
            throw ValidationError("--language should be ru or en, found '\(language)'")
        }
    }

    func run() throws {
        let outURL = URL(fileURLWithPath: out)
        if FileManager.default.fileExists(atPath: outURL.path), !force {
            Console.error("error: \(out) exists; give --force to replace it")
            throw ExitCode.validationFailure
        }
        let chosen = language.flatMap { ReportLanguage(rawValue: $0.lowercased()) }
        let data: Data
        do {
            if let from {
                let loaded = try Console.loadScenario(from, quiet: quiet)
                data = try ScenarioWorkbook.workbook(loaded.scenario, language: chosen ?? loaded.scenario.language)
            } else {
                data = try ScenarioWorkbook.template(language: chosen ?? .ru)
            }
        } catch let e as WorkbookWriter.Failure {
            Console.error("error: \(e.description)")
            throw SetkaExit.failure
        }
        do {
            try data.write(to: outURL, options: .atomic)
        } catch {
            Console.error("error: cannot write \(out): \(error.localizedDescription)")
            throw SetkaExit.invalidInput
        }
        if !quiet { Console.error("wrote \(out)") }
    }
}
