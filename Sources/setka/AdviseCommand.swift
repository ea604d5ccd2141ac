import ArgumentParser
import Foundation
import ProfileDay
import Reports
import Scenarios
import SetkaModel
import Synchronization

/// `setka advise SCENARIO RESULT_DIR --out DIR`: the single changes that serve the most students.
struct AdviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "Find the single changes to the data that would serve the most students.",
        discussion: """
        Reads a timetable of the scenario (a `setka schedule` result folder, or one .xlsx workbook \
        with its sections and enrolments sheets), finds why courses did \
        not open and students are short, and draws from those reasons single changes to try: a \
        teacher's extra slot or extra section, a teacher allowed to travel, a room equipped for a \
        course, a course allowed to run remotely or at one more site. None lowers a minimum \
        section size, removes anyone or sets a rule aside; changes that ask something of a \
        teacher or an organisation say whom. Each candidate is first estimated quickly (the \
        timetable cut to the change and completed greedily); then the timetable is re-solved for \
        real without any change and with the most promising changes, each from the current \
        timetable and for as long as the others, each result checked by the independent checker, \
        until --top changes with a gain are found or --time-limit is up. Gains are counted from \
        the best timetable found without a change, so that a gain is the change's and not merely \
        a longer search. The gains written are those verified ones (students who get every \
        elective they want, then the objective), never the estimates.
        Writes into --out, all at once: advice.csv (rank,change,students_gained,objective_gain, \
        asks,variant), advice.json, advice.html (a printable page in the scenario's language) \
        and variants/NN.yaml, one what-if variant per change whose base: points at the scenario, \
        so that `setka compare SCENARIO DIR/variants/01.yaml` and `setka schedule \
        DIR/variants/01.yaml` run it as it is. With --out the result folder itself, \
        `setka report` shows the advice in the report too.
        Exit codes: 0 written (also when no change helps: the page says so); 1 invalid input (the \
        scenario, or a timetable that does not fit it); 2 stopped early by Ctrl-C or SIGTERM (the \
        changes verified by then are written); 3 a re-solve did not pass the checker (left out, \
        the rest written); 5 the results could not be written.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Argument(help: "A timetable of this scenario: the result folder of `setka schedule` (sections.csv, enrolments.csv), or one .xlsx with their two sheets.")
    var result: String

    @Option(name: .long, help: "Folder for the advice (created if missing; may be the result folder).")
    var out: String

    @Option(name: .long, parsing: .unconditional, help: "Seconds for the whole search for advice.")
    var timeLimit: Double = 120

    @Option(name: .long, parsing: .unconditional, help: "How many verified changes to find and write.")
    var top: Int = 5

    @Option(name: .long, parsing: .unconditional, help: "The most candidate changes to estimate (the best supported first).")
    var candidates: Int = 60

    @Option(name: .long, parsing: .unconditional, help: "Seed of the searches.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        try PositiveNumber.check(timeLimit, "--time-limit", unit: "seconds")
        guard (1...99).contains(top) else { throw ValidationError("--top must be from 1 to 99, got \(top)") }
        guard candidates >= 1 else { throw ValidationError("--candidates must be at least 1, got \(candidates)") }
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out must name a folder (it is empty)") }
    }

    func run() throws {
        if VariantLoader.isVariantFile(URL(fileURLWithPath: scenario)) {
            Console.error("error: \(scenario) is a what-if variant; advise needs a scenario folder (the variants it writes change that folder). Run advise on the variant's base, or make the variant a scenario folder of its own.")
            throw SetkaExit.invalidInput
        }
        let loaded = try Console.loadScenario(scenario, quiet: quiet)
        let scenario = loaded.scenario
        guard scenario.profileDay?.slots.isEmpty == false, let folder = scenario.folder else {
            Console.error("error: \(self.scenario): scenario.yaml has no profile_day.slots, so there is no profile day to advise on")
            throw SetkaExit.invalidInput
        }
        let timetable: Timetable
        do { timetable = try Console.readTimetable(result, quiet: quiet).timetable } catch {
            Console.error("error: \(result) holds no timetable that can be read (expected a result folder of setka schedule, or one .xlsx with the sheets sections/«Группы» and enrolments/«Записи»)")
            throw error
        }
        let job = ResultJob(name: AdviceOutput.jobName, owns: AdviceOutput.ownedFiles, scenario: scenario.name,
                            scenarioPath: folder.standardizedFileURL.path)
        let target = try Console.checkOutput(out, job: job)
        Interrupts.install(quiet: quiet)
        let options = AdviceOptions(timeLimit: timeLimit, top: top, seed: seed, maxCandidates: candidates,
                                    threads: max(1, min(2, ProcessInfo.processInfo.activeProcessorCount)))
        let words = Words(scenario), english = Words(.en, names: words.names)
        let printer = AdviceProgressPrinter(quiet: quiet, words: english)
        if !quiet {
            Console.error("looking for changes that serve more students (up to \(WhatIfRunOptions.seconds(timeLimit)), \(top) to verify)…")
        }
        let advice: Advice
        do {
            advice = try Advisor.advise(AdviceInput(folder: folder, scenario: scenario, timetable: timetable), options: options,
                                        progress: printer.hear, shouldStop: Interrupts.shouldStop)
        } catch {
            throw Self.failed(error, result: result, words: english)
        }
        let files: [ResultFile]
        do {
            files = try AdviceOutput.files(advice, scenarioFolder: folder, outFolder: target, wording: words)
                + [ResultFile(AdviceOutput.htmlFile, text: Reports.adviceHTML(advice, names: words.names))]
        } catch {
            Console.error("error: the advice could not be written: \(error)")
            throw SetkaExit.failure
        }
        let committed = try Console.writeResults(out, job: job, files: files)
        if !quiet {
            Console.error("now: \(english.adviceFigures(advice.current))")
            if !advice.baselineIsCurrent { Console.error("re-solved without a change: \(english.adviceFigures(advice.baseline))") }
            if advice.items.isEmpty { Console.error(english[AdviceLabel.adviceNoneFound]) }
            for item in advice.items { Console.error("\(item.rank). \(english.sentence(item, in: advice)) (\(item.variantFile))") }
            Console.error(String(format: "%d candidates, %d estimated, %d re-solved and verified in %.1f s",
                                 advice.candidates, advice.screened, advice.verified, advice.seconds))
        }
        for p in advice.problems { Console.error("error: \(p)") }
        print(committed.folder.path)
        if !advice.problems.isEmpty { throw SetkaExit.failure }
        if advice.stoppedEarly { throw SetkaExit.incomplete }
    }

    /// Prints why no advice could be given (broken rules worded by `words`, with the scenario's
    /// names) and returns the exit code.
    static func failed(_ error: AdviceError, result: String, words: Words) -> ExitCode {
        switch error {
        case .noProfileDay:
            Console.error("error: the scenario has no profile day")
        case .invalidInput(let diagnostics):
            for d in diagnostics { Console.error(d.description) }
        case .timetableDoesNotFit(let violations):
            Console.error("error: the timetable in \(result) does not fit this scenario (made from other data?): \(violations.count) rule violation\(violations.count == 1 ? "" : "s"); run setka schedule again")
            for v in violations.prefix(10) { Console.error("  \(words.line(v))") }
        }
        return SetkaExit.invalidInput
    }
}

/// Progress of `setka advise` on stderr: screening every few seconds, each verification.
final class AdviceProgressPrinter: Sendable {
    let quiet: Bool
    /// English, with the scenario's names.
    let words: Words
    private let lastScreening = Mutex<Double>(-10)

    init(quiet: Bool, words: Words) { self.quiet = quiet; self.words = words }

    @Sendable func hear(_ p: AdviceProgress) {
        guard !quiet else { return }
        let stamp = String(format: "[%6.1f s] ", p.seconds)
        switch p.phase {
        case .screening:
            let due = lastScreening.withLock { last in
                if p.seconds - last < 5 && p.done < p.total { return false }
                last = p.seconds
                return true
            }
            if due { Console.error(stamp + "estimated \(p.done) of \(p.total) candidate changes") }
        case .verifying:
            var line = stamp + "re-solved \(p.done) of \(p.total)"
            if let item = p.verified {
                line += ": \(words.clause(item.change)): "
                line += "\(item.studentsGained >= 0 ? "+" : "")\(item.studentsGained) students fully served, objective "
                line += String(format: "%+.1f", item.objectiveGain)
            }
            Console.error(line)
        }
    }
}
