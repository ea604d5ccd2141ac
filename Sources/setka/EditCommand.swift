import ArgumentParser
import Foundation
import ProfileDay
import Reports
import SetkaModel
import Wording

/// `setka edit SCENARIO RESULT_DIR --out DIR`: a hand edit of a profile-day timetable, checked.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a profile-day timetable by hand: close, move or open a section, assign or unassign a student.",
        discussion: """
        Reads the scenario and the timetable in RESULT_DIR (sections.csv, enrolments.csv, as \
        `setka schedule` writes them; or one .xlsx workbook with the sheets sections/«Группы» and \
        enrolments/«Записи», as the app's «Выгрузки» page gives it), applies the edits, and writes the edited timetable into \
        --out with the same files as `setka schedule`, plus edit.json and changes.csv (who moved). \
        Only the people an edit touches move: students who lose a seat get their best remaining \
        option; a section left below its minimum closes and its students are re-seated the same \
        way. The objective before and after and who moved are printed.
        An edit that cannot be made legal is refused with the rule and the people that block it, \
        and nothing is written; so is closing a pinned section (pins.csv, rule H6). The result is \
        re-verified by the independent checker before it is written.
        Several edits apply in this order: --close, --move, --open, --unassign, --assign (each in \
        the order given), all or nothing.
        --pin adds the moved, opened and assigned-to sections to the scenario's pins and writes \
        all the pins to --out/pins.csv (or --pins-file): the scenario's own pins.csv is never \
        changed. To keep them, copy that file into the scenario folder.
        Exit codes: 0 written (or, with --dry-run, the edit can be made); 1 invalid input (the \
        scenario or the timetable cannot be read, or the timetable breaks a rule already); \
        3 checker failure (nothing written); 5 the results could not be written; 6 the edit was \
        refused (nothing written); 64 usage error.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml, or a what-if variant file).")
    var scenario: String

    @Argument(help: "The timetable to edit: a folder with sections.csv and enrolments.csv, or one .xlsx with their two sheets.")
    var resultDir: String

    @Option(name: .long, help: "Folder for the edited timetable (may be RESULT_DIR itself).")
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Close a section.", valueName: "SECTION"))
    var close: [String] = []

    @Option(name: .long, help: ArgumentHelp("Move a section (with --to).", valueName: "SECTION"))
    var move: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where --move goes: slot=S[,room=R][,site=X|remote][,teacher=T].", valueName: "PLACE"))
    var to: [String] = []

    @Option(name: .long, help: ArgumentHelp("Open a section: course=C,teacher=T,site=X,room=R,slot=S (site=remote without a room).", valueName: "SECTION"))
    var open: [String] = []

    @Option(name: .long, help: ArgumentHelp("Put a student into a section.", valueName: "STUDENT=SECTION"))
    var assign: [String] = []

    @Option(name: .long, help: ArgumentHelp("Take a student out of a section.", valueName: "STUDENT=SECTION"))
    var unassign: [String] = []

    @Flag(name: .long, help: "Pin the moved, opened and assigned-to sections (written to --out/pins.csv or --pins-file).")
    var pin = false

    @Option(name: .long, help: ArgumentHelp("Where --pin writes all the pins instead of --out/pins.csv (replaced if it exists).", valueName: "FILE"))
    var pinsFile: String?

    @Flag(name: .long, help: "Check and report the edit without writing anything.")
    var dryRun = false

    @Flag(name: .long, help: "Print what the edit did (or why it was refused) as JSON on stdout.")
    var json = false

    @Flag(name: .long, help: "Fewer lines on stderr.")
    var quiet = false

    /// The edits in the order they apply.
    func edits() throws -> [TimetableEdit] {
        var edits: [TimetableEdit] = close.map { .close(section: $0) }
        for (section, place) in zip(move, to) { edits.append(.move(section: section, to: try EditSpec.placement(place))) }
        edits += try open.map { .open(try EditSpec.newSection($0)) }
        edits += try unassign.map { let (s, k) = try EditSpec.studentSection($0, option: "--unassign"); return .unassign(student: s, section: k) }
        edits += try assign.map { let (s, k) = try EditSpec.studentSection($0, option: "--assign"); return .assign(student: s, section: k) }
        return edits
    }

    func validate() throws {
        if move.count != to.count {
            throw ValidationError("every --move SECTION needs its --to PLACE (found \(move.count) --move and \(to.count) --to)")
        }
        if close.isEmpty && move.isEmpty && open.isEmpty && assign.isEmpty && unassign.isEmpty {
            throw ValidationError("say what to change: --close, --move … --to, --open, --assign or --unassign")
        }
        if out == nil && !dryRun { throw ValidationError("give --out DIR for the edited timetable, or --dry-run") }
        if pinsFile != nil && !pin { throw ValidationError("--pins-file goes with --pin") }
        do { _ = try edits() } catch let problem as EditSpec.Problem { throw ValidationError(problem.message) }
    }

    func run() throws {
        let edits = try self.edits()
        let loaded = try Console.loadScenario(scenario, quiet: quiet)
        let scenario = loaded.scenario
        let read = try Console.readTimetable(resultDir, quiet: quiet)

        if !dryRun, let out { try Console.checkOutput(out, job: job) }
        let words = Words(scenario)
        let outcome: EditOutcome
        do {
            outcome = try TimetableEditing.apply(edits, to: read.timetable, in: scenario, pin: pin)
        } catch {
            if json { Console.printJSON(EditCLIOutput(accepted: false, refusal: words.refusal(error), report: nil)) }
            Console.error((scenario.language == .ru ? "отказ: " : "refused: ") + words.refusal(error))
            Console.error(scenario.language == .ru ? "ничего не записано." : "nothing was written.")
            switch error.reason {
            case .invalidTimetable, .noProfileDay: throw SetkaExit.invalidInput
            case .rejected: throw SetkaExit.failure
            default: throw SetkaExit.refused
            }
        }
        if json { Console.printJSON(EditCLIOutput(accepted: true, refusal: nil, report: outcome.report)) }
        if !quiet || dryRun { Console.error(words.editSummary(outcome)) }
        guard !dryRun, let out else { return }

        // Written like `setka schedule`'s results (the edited timetable is the folder's profile
        // day), whole or not at all, after the independent check (`EditOutput`, as the server's
        // «Принять правку» writes it).
        let run: ProfileDayRun
        do { run = try EditOutput.run(outcome, scenarioPath: scenarioPath) } catch {
            throw Console.failed(error)
        }
        let pinsText = ScenarioWriter.pinsCSV(outcome.pins)
        let files = try EditOutput.files(outcome, run: run, wording: words, pinsFile: pin && pinsFile == nil)
        let committed = try Console.writeResults(out, job: job, files: files)
        if pin {
            let where_ = pinsFile ?? committed.folder.appendingPathComponent(ScenarioWriter.FileName.pins).path
            if let pinsFile {
                do { try Data(pinsText.utf8).write(to: URL(fileURLWithPath: pinsFile), options: .atomic) } catch {
                    Console.error("error: cannot write \(pinsFile): \(error.localizedDescription)")
                    throw SetkaExit.couldNotWrite
                }
            }
            Console.error(scenario.language == .ru
                ? "закрепления: \(outcome.pins.count) (новых: \(outcome.newPins.count)) записаны в \(where_); pins.csv сценария не изменён"
                : "pins: \(outcome.pins.count) (\(outcome.newPins.count) new) written to \(where_); the scenario's own pins.csv is unchanged")
        }
        print(committed.folder.path)
    }

    /// The result folder's job (`EditOutput.job`).
    var job: ResultJob { EditOutput.job(scenarioPath: scenarioPath) }

    var scenarioPath: String { URL(fileURLWithPath: scenario).standardizedFileURL.path }

}

/// What `setka edit --json` prints.
struct EditCLIOutput: Encodable {
    var accepted: Bool
    var refusal: String?
    var report: EditReport?
}
