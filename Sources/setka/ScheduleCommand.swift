import ArgumentParser
import Foundation
import ProfileDay
import Reports
import Scenarios
import SetkaModel
import Wording

/// `setka schedule SCENARIO --out DIR`: the unified profile day.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Build the unified profile day's timetable.",
        discussion: """
        Opens sections (course, teacher, site, room, slot) and enrols students by their ranked \
        choices, keeping rules H1–H6 of the scenario format (H6: the pins of pins.csv), and maximising the objective. Before \
        anything is written the independent checker re-verifies the timetable. Progress (best, \
        bound, gap, elapsed) goes to stderr; Ctrl-C stops the search and writes the best timetable \
        found so far.
        Writes sections.csv, enrolments.csv, per-student/teacher/site/school timetables, \
        courses-not-opened.csv, students-short.csv and summary.json into --out, all at once: \
        they are written beside the folder and swapped in when complete, so the folder holds the \
        old results or the new ones, never a mixture. Partner results of the same scenario in the \
        folder (setka partner) stay; a report.html from an earlier --report is removed unless \
        --report writes a new one. SIGTERM is handled like Ctrl-C; a second one quits at once.
        Students short of electives are a result (listed in students-short.csv, with why), not \
        an error.
        Exit codes: 0 written; 1 invalid input; 2 stopped early by Ctrl-C or SIGTERM (the best \
        timetable so far is verified and written); 3 the checker rejected the result (nothing \
        written); 5 the results could not be written (--out not writable, a file in the way, a \
        full disk; checked before solving where possible; the folder keeps what it held).
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml), or an .xlsx workbook.")
    var scenario: String

    @Option(name: .long, help: "Folder for the results (created if missing).")
    var out: String

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Seconds for the whole run (loading, search, checking, writing).",
        discussion: "Given, the search uses them all (unless --gap is reached first). Not given: at most 60 s, and the search ends sooner once it has found nothing better for many steps."))
    var timeLimit: Double?

    /// The run's time when `--time-limit` is not given.
    static let defaultTimeLimit = 60.0

    @Option(name: .long, parsing: .unconditional, help: "Seed of the search: the same input and seed give the same timetable.")
    var seed: UInt64 = 1

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Stop after this many improvement steps per search thread (reproducible on any machine).",
        discussion: "The run ends there (within --time-limit): no whole-model phase that would run until the clock says, and the bound is the best one ready by then."))
    var iterations: Int?

    @Option(name: .long, parsing: .unconditional, help: "Stop once the gap to the proven bound is at most this many percent.")
    var gap: Double = ScheduleOptions.defaultTargetGap * 100

    @Option(name: .long, help: ArgumentHelp(
        "A published timetable (a folder with sections.csv and enrolments.csv, or one .xlsx with their sheets) to stay close to.",
        discussion: "Stable re-planning after the data changed: as few students and teachers moved as possible (a person moves only where that serves clearly more), then the objective. No bound is computed for such a run."))
    var keep: String?

    @Flag(name: .long, help: "Also write report.html, map.svg and report.xlsx into --out.")
    var report = false

    @Flag(name: .long, help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        if let timeLimit { try PositiveNumber.check(timeLimit, "--time-limit", unit: "seconds") }
        guard gap.isFinite, gap >= 0 else { throw ValidationError("--gap must be a percentage ≥ 0") }
        if let iterations, iterations < 0 { throw ValidationError("--iterations must be ≥ 0") }
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out must name a folder (it is empty)") }
    }

    func run() throws {
        let started = Date()
        let loaded = try Console.loadScenario(scenario, quiet: quiet)
        let scenario = loaded.scenario
        try Console.requireProfileDay(scenario, path: self.scenario, to: "schedule")
        let published = try keep.map { try Console.publishedTimetable($0, for: scenario, quiet: self.quiet) }
        let timeLimit = self.timeLimit ?? Self.defaultTimeLimit
        let settings = ScheduleSummary.Settings(timeLimit: timeLimit, seed: seed, iterations: iterations,
                                                scenarioPath: URL(fileURLWithPath: self.scenario).standardizedFileURL.path)
        let job = ResultJob(name: ProfileDayRun.jobName, owns: ProfileDayRun.ownedFiles + Reports.ownedFiles,
                            scenario: scenario.name, scenarioPath: settings.scenarioPath)
        try Console.checkOutput(out, job: job)
        let quiet = self.quiet
        Interrupts.install(quiet: quiet)
        // --time-limit bounds the whole run: loading is spent, and checking and writing the
        // files need a moment at the end, as may the search's last step past its own limit
        // (half a second and 0.2 ms per student: district-1500 ran 0.3 s over with half that).
        let reserve = 0.5 + Double(scenario.students.count) * 0.0002
        let searchLimit = max(0.5, timeLimit - Date().timeIntervalSince(started) - reserve)
        var options = ScheduleOptions(timeLimit: searchLimit, seed: seed, maxIterations: iterations, targetGap: gap / 100)
        options.keep = published?.usable
        options.stopWhenStalled = self.timeLimit == nil
        let run: ProfileDayRun
        do {
            run = try ProfileDayRun.run(scenario, options: options, settings: settings,
                                        progress: { p in if !quiet { Console.error(ProgressLine.format(p)) } },
                                        shouldStop: Interrupts.shouldStop)
        } catch {
            throw Console.failed(error)
        }
        let writeReport = self.report
        let committed = try Console.writeResults(out, job: run.job(also: Reports.ownedFiles), files: run.files(wording: Words(scenario)),
                                                 report: writeReport ? Console.reportFiles(ReportInput(run)) : nil)
        if !quiet {
            Console.error(run.keyFigures)
            if let published {
                let students = StableReplanning.changedStudents(published.published, run.timetable, in: scenario).count
                let teachers = StableReplanning.changedTeachers(published.published, run.timetable, in: scenario)
                Console.error("against the published timetable: \(students) of \(scenario.students.count) students' days changed, \(teachers) teachers' sections changed")
            }
            if writeReport { Console.error("report: " + Reports.ownedFiles.names.sorted().joined(separator: ", ")) }
            if !committed.carriedOver.isEmpty {
                Console.error("kept in the folder beside the timetable: " + committed.carriedOver.joined(separator: ", "))
            }
        }
        print(committed.folder.path)
        if run.status == .interrupted { throw SetkaExit.incomplete }
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
