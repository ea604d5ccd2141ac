import ArgumentParser
import Foundation
import ProfileDay
import SetkaModel
import Wording

/// `setka check SCENARIO DIR [--json] [--language ru|en]`: checks a profile-day timetable independently of the
/// solver and recomputes its objective.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a profile-day timetable against the hard rules and recompute its objective.",
        discussion: """
        Reads the scenario and DIR/sections.csv + DIR/enrolments.csv (as `setka schedule` \
        writes them, or edited by hand), or one .xlsx workbook with a sheet of sections \
        (sections or Группы) and one of enrolments (enrolments or Записи) with the same columns, checks every hard rule of the profile day (H1 teacher, \
        H2 room, H3 size, H4 student, H5 visiting teacher, H6 pins) and that every id exists, then prints \
        each violation in words, the objective with its parts and the key figures. \
        Problems with the files go to stderr as file:line:column: error: message. \
        --language ru prints the report and the problems in Russian; with --json each violation \
        has `message` (English) and `message_ru` (Russian).
        Exit codes: 0 the timetable keeps every rule; 1 invalid input (the scenario or the \
        timetable files cannot be read); 4 the timetable breaks a rule.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml), or an .xlsx workbook.")
    var scenario: String

    @Argument(help: "The folder with sections.csv and enrolments.csv, or one .xlsx workbook with their sheets (sections/Группы, enrolments/Записи).")
    var timetable: String

    @Flag(name: .long, help: "Print the report as JSON on stdout.")
    var json = false

    @Option(name: .long, help: "The language of the report and its findings: en (default) or ru.")
    var language: String = "en"

    func validate() throws {
        guard ReportLanguage(rawValue: language.lowercased()) != nil else {
            throw ValidationError("--language should be ru or en, found '\(language)'")
        }
    }

    private var reportLanguage: ReportLanguage { ReportLanguage(rawValue: language.lowercased()) ?? .en }

    func run() throws {
        // Read both inputs, so that every error in either is reported at once.
        var errors: [Diagnostic] = []
        func attempt<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let error as ScenarioError {
                errors += error.diagnostics
            } catch {
                errors.append(.error(ru: "не удаётся прочитать входные данные: \(error.localizedDescription)", en: "cannot read the input: \(error.localizedDescription)"))
            }
            return nil
        }
        let loaded = attempt { try ScenarioLoader.load(from: URL(fileURLWithPath: scenario)) }
        let read = attempt { try TimetableIO.read(at: URL(fileURLWithPath: timetable)) }
        if let loaded, loaded.scenario.profileDay == nil {
            errors.append(.error(ru: "в scenario.yaml нет profile_day, поэтому проверять нечего",
                                 en: "the scenario has no profile_day in scenario.yaml, so there is no timetable to check",
                                 at: SourceLocation(file: ScenarioLoader.settingsFileName)))
        }
        guard let loaded, let read, errors.isEmpty else { fail(errors) }
        let warnings = loaded.warnings + read.warnings
        for w in warnings { Console.error(w.text(reportLanguage)) }

        let report = ProfileDayChecker.check(read.timetable, in: loaded.scenario)
        if json {
            Console.printJSON(CheckOutput(isValid: report.isValid, violations: report.violations.map(ViolationFinding.init),
                                  objective: report.objective, warnings: warnings, errors: []))
        } else {
            print(report.text(scenario: loaded.scenario, folder: timetable, language: reportLanguage), terminator: "")
        }
        if !report.isValid { throw SetkaExit.violations }
    }

    /// Prints the errors (stderr, and as JSON when asked) and exits with code 1.
    private func fail(_ diagnostics: [Diagnostic]) -> Never {
        for d in diagnostics { Console.error(d.text(reportLanguage)) }
        let n = diagnostics.count
        Console.error(reportLanguage == .ru ? "\(n) \(Words.russianPlural(n, "ошибка", "ошибки", "ошибок")): ничего не проверено."
                                   : "\(n) error\(n == 1 ? "" : "s"): nothing was checked.")
        if json {
            Console.printJSON(CheckOutput(isValid: false, violations: [], objective: nil, warnings: [], errors: diagnostics))
        }
        Self.exit(withError: SetkaExit.invalidInput)
    }
}

/// What `setka check --json` prints.
struct CheckOutput: Codable {
    var isValid: Bool
    var violations: [ViolationFinding]
    /// nil when the input could not be read.
    var objective: ProfileDayObjective?
    var warnings: [Diagnostic]
    var errors: [Diagnostic]
}
