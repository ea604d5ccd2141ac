import ArgumentParser
import Foundation
import ProfileDay
import Scenarios
import SetkaModel
import Synchronization
import Wording

/// Set by Ctrl-C: the search stops and the best verified timetable so far is written.
let interruptRequested = Atomic<Bool>(false)

/// Installs the Ctrl-C handler: the first press asks the search to stop, a second one quits.
func installInterruptHandler() {
    signal(SIGINT) { _ in
        if interruptRequested.exchange(true, ordering: .relaxed) { _exit(130) }
    }
}

/// `setka schedule SCENARIO --out DIR`: the unified profile day.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Build the unified profile day's timetable.",
        discussion: """
        Opens sections (course, teacher, site, room, slot) and enrols students by their ranked \
        choices, keeping rules H1–H5 of the scenario format, and maximising the objective. Before \
        anything is written the independent checker re-verifies the timetable. Progress (best, \
        bound, gap, elapsed) goes to stderr; Ctrl-C stops the search and writes the best timetable \
        found so far.
        Writes sections.csv, enrolments.csv, per-student/teacher/site/school timetables, \
        courses-not-opened.csv, students-short.csv and summary.json into --out.
        Exit codes: 0 written; 1 invalid input; 3 the checker rejected the result (nothing written).
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Option(name: .long, help: "Folder for the results (created if missing).")
    var out: String

    @Option(name: .long, help: "Seconds for the whole run (loading, search, checking, writing).")
    var timeLimit: Double = 60

    @Option(name: .long, help: "Seed of the search: the same input and seed give the same timetable.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Stop after this many improvement steps (reproducible on any machine).")
    var iterations: Int?

    @Option(name: .long, help: "Stop once the gap to the proven bound is at most this many percent.")
    var gap: Double = 0.05

    @Option(name: .long, help: ArgumentHelp(
        "A published timetable (a folder with sections.csv and enrolments.csv) to stay close to.",
        discussion: "Stable re-planning after the data changed: as few students and teachers moved as possible (a person moves only where that serves clearly more), then the objective. No bound is computed for such a run."))
    var keep: String?

    @Flag(name: .long, help: "Also write report.html, map.svg and report.xlsx into --out.")
    var report = false

    @Flag(name: .long, help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        guard timeLimit.isFinite, timeLimit > 0 else { throw ValidationError("--time-limit must be a positive number of seconds") }
        guard gap.isFinite, gap >= 0 else { throw ValidationError("--gap must be a percentage ≥ 0") }
        if let iterations, iterations < 0 { throw ValidationError("--iterations must be ≥ 0") }
    }

    func run() throws {
        let started = Date()
        let loaded = try Console.loadScenario(scenario, quiet: quiet)
        let scenario = loaded.scenario
        guard scenario.profileDay?.slots.isEmpty == false else {
            Console.error("error: \(self.scenario): scenario.yaml has no profile_day.slots, so there is no profile day to schedule")
            throw SetkaExit.invalidInput
        }
        var published: Timetable?
        if let keep {
            do { published = try TimetableIO.read(from: URL(fileURLWithPath: keep)).timetable } catch let failure as ScenarioError {
                for d in failure.diagnostics { Console.error("\(keep)/\(d.description)") }
                throw SetkaExit.invalidInput
            }
        }
        let outURL = try Console.prepareOutput(out)
        installInterruptHandler()
        let quiet = self.quiet
        // --time-limit bounds the whole run: loading is spent, and checking and writing the
        // files need a moment at the end, as may the search's last step past its own limit
        // (half a second and 0.2 ms per student: district-1500 ran 0.3 s over with half that).
        let reserve = 0.5 + Double(scenario.students.count) * 0.0002
        let searchLimit = max(0.5, timeLimit - Date().timeIntervalSince(started) - reserve)
        var options = ScheduleOptions(timeLimit: searchLimit, seed: seed, maxIterations: iterations, targetGap: gap / 100)
        options.keep = published
        let result: ScheduleResult
        do {
            result = try ProfileDayScheduler.schedule(
                scenario, options: options,
                progress: { p in
                    guard !quiet else { return }
                    Console.error(ProgressLine.format(p))
                },
                shouldStop: { interruptRequested.load(ordering: .relaxed) })
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { Console.error(d.description) }
            throw SetkaExit.invalidInput
        }

        // Independent re-verification before anything is written.
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        guard report.isValid else {
            Console.error("internal error: the checker rejected the timetable the scheduler built; nothing was written.")
            for v in report.violations.prefix(50) { Console.error("  \(Words(.en).line(v))") }
            throw SetkaExit.failure
        }
        guard abs(report.objective.value - result.objective) <= 1e-6 * max(1, abs(result.objective)) else {
            Console.error("internal error: the checker's objective \(report.objective.value) differs from the scheduler's \(result.objective); nothing was written.")
            throw SetkaExit.failure
        }

        try ScheduleOutput.write(result: result, report: report, scenario: scenario, to: outURL,
                                 settings: ScheduleOutput.RunSettings(timeLimit: timeLimit, seed: seed, iterations: iterations,
                                                                      scenarioPath: URL(fileURLWithPath: self.scenario).standardizedFileURL.path),
                                 wording: Words(scenario.language))
        if !quiet { Console.error(ScheduleOutput.keyFigures(result: result, report: report)) }
        if let published, !quiet {
            let students = StableReplanning.changedStudents(published, result.timetable, in: scenario).count
            let teachers = StableReplanning.changedTeachers(published, result.timetable, in: scenario)
            Console.error("against the published timetable: \(students) of \(scenario.students.count) students' days changed, \(teachers) teachers' sections changed")
        }
        if self.report { try Console.writeReport(folder: outURL, scenario: scenario) }
        print(outURL.path)
    }
}

enum ProgressLine {
    static func format(_ p: ScheduleProgress) -> String {
        var line = String(format: "[%6.1f s] ", p.seconds) + p.phase.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            + String(format: " best %.1f", p.best)
        if let bound = p.bound { line += String(format: "  bound %.1f", bound) }
        if let gap = p.gap { line += String(format: "  gap %.2f%%", gap * 100) }
        if p.iterations > 0 { line += "  (\(p.iterations) steps)" }
        return line
    }
}
