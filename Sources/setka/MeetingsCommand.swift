import ArgumentParser
import Foundation
import Meetings
import MeetingsReports
import SetkaModel

/// `setka meetings SCENARIO --out DIR`: the year plan of network meetings (площадки «НЕТВОРКИНГ»).
struct MeetingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meetings",
        abstract: "Plan the year's meetings of the network platforms (сводный план).",
        discussion: """
        Reads schools.csv (with coordinates or travel.csv), platforms.csv, participants.csv and \
        the `meetings:` settings of scenario.yaml; a profile day is not needed. Places every \
        meeting in its month group, on an allowed weekday and start time, off the closed dates, \
        so that nobody is expected in two places at once (travel between venues counts), no \
        organisation holds more than max_per_venue meetings at once, a platform's meetings are \
        min_days_between apart and rotating platforms never meet twice in a row at the same place; \
        it minimises the participants' travel, then the meetings a person has in one week. The \
        independent checker re-verifies every rule before anything is written. Progress goes to \
        stderr.

        Writes into DIR: plan.csv (platform,meeting,date,start,end,venue), people.csv (who attends \
        which meeting), meetings.ics (the district's calendar) and calendars/ORG.ics (one per \
        organisation), plan.html (the consolidated plan to print), plan.xlsx, meetings-summary.json, \
        and for a partial plan unplaced.csv; all at once (the folder is swapped in whole).

        Ctrl-C (or SIGTERM) stops the search for lower bounds: the plan is checked and written as \
        usual (exit code 2); a second Ctrl-C quits at once, writing nothing.

        Exit codes: 0 every meeting planned; 1 invalid input (file:line:column messages on \
        stderr); 2 not every meeting fits (the best partial plan is written and the months, \
        platforms and people that clash are on stderr), or stopped early by Ctrl-C; 3 solver or \
        checker failure (nothing written); 5 the files could not be written (the folder keeps what \
        it held); 64 usage error.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Option(name: .long, help: "The folder to write the plan into (created if missing).")
    var out: String

    @Option(name: .customLong("time-limit"), help: ArgumentHelp(
        "Seconds for the whole run (loading, planning, proving, checking, writing).",
        discussion: "The plan itself takes a fraction of a second for a city; the rest of the time goes to proving lower bounds (a longer limit can prove more)."))
    var timeLimit: Double = 10

    @Flag(name: .long, help: "No progress lines on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Print summary.json on stdout instead of the short text summary.")
    var json = false

    func validate() throws {
        guard timeLimit.isFinite, timeLimit > 0 else { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double {
            let d = clock.now - mark
            mark = clock.now
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let s = try Console.loadScenario(scenario, quiet: quiet).scenario
        if let why = MeetingsRun.inputProblem(s) {
            Console.error("error: \(scenario): \(why)")
            throw SetkaExit.invalidInput
        }
        let scenarioPath = URL(fileURLWithPath: scenario).standardizedFileURL.path
        try Console.checkOutput(out, job: ResultJob(name: MeetingsOutput.jobName, owns: MeetingsOutput.ownedFiles,
                                                    scenario: s.name, scenarioPath: scenarioPath))
        Interrupts.install(quiet: quiet)
        let loadSeconds = lap()
        let quiet = self.quiet

        // Plan, then the independent check (inside the run): nothing is written unless it passes.
        // Checking and writing need a moment at the end (about 1.5 ms per participant on the
        // benchmark city, on a busy machine).
        let reserve = 1 + Double(s.participants.count) * 0.0015
        let options = MeetingsOptions(timeLimit: max(0.5, timeLimit - loadSeconds - reserve), shouldStop: Interrupts.shouldStop)
        let run: MeetingsRun
        do {
            run = try MeetingsRun.run(s, options: options, scenarioPath: scenarioPath) { p in
                guard !quiet else { return }
                Console.error(Self.progressLine(p, language: s.language))
            }
        } catch {
            Console.error((error.isRejection ? "internal error: " : "error: ") + error.description)
            throw error.isInvalidInput ? SetkaExit.invalidInput : SetkaExit.failure
        }
        let plan = run.plan
        let planSeconds = lap()

        if !quiet { Console.error("checked: every rule holds; writing the plan, calendars and reports into \(out)") }
        let files: [ResultFile]
        do { files = try run.files() } catch {
            Console.error("error: the plan's files could not be made: \(error)")
            throw SetkaExit.failure
        }
        let committed = try Console.writeResults(out, job: run.job, files: files)
        let writeSeconds = lap()
        if !quiet {
            Console.error(String(format: "load %.2f s, plan and check %.2f s, write %.2f s", loadSeconds, planSeconds, writeSeconds))
        }
        let words = MeetingsWords(s.language)
        if json, let summary = files.first(where: { $0.name == MeetingsOutput.summaryFile }) {
            print(String(decoding: summary.data, as: UTF8.self))
        } else {
            print(textSummary(plan, files: files.count, folder: committed.folder.path))
        }
        if Interrupts.requested {
            Console.error("stopped early: every meeting is planned and checked, but the lower bounds were not finished")
        }
        let cut = plan.stages.filter(\.searchCut).map { words.months($0.months, schoolYear: plan.schoolYear) }
        if !cut.isEmpty && !Interrupts.requested {
            Console.error("note: the time limit cut the week search short in \(cut.joined(separator: ", ")); a longer --time-limit may give a better plan (and the same plan on every run)")
        }
        if !plan.isComplete {
            for m in plan.infeasibleMonths { Console.error(words.proof(m, schoolYear: plan.schoolYear, scenario: s)) }
            for u in plan.unplaced { Console.error(words.unplaced(u, schoolYear: plan.schoolYear, scenario: s)) }
            Console.error("incomplete: \(plan.meetings.count) of \(plan.meetings.count + plan.unplaced.count) meetings planned; the partial plan is in \(out)")
            throw SetkaExit.incomplete
        }
        if Interrupts.requested { throw SetkaExit.incomplete }
    }

    static func progressLine(_ p: MeetingsProgress, language: ReportLanguage) -> String {
        let words = MeetingsWords(.en)
        let months = words.months(p.months, schoolYear: 0).replacingOccurrences(of: " 0", with: "").replacingOccurrences(of: " 1", with: "")
        let what: String
        switch p.phase {
        case .stage: what = "planned \(p.placed) of \(p.meetings) meetings"
        case .bound: what = "lower bound"
        case .proof: what = "why not all \(p.meetings) meetings fit"
        }
        return String(format: "[%6.1f s] ", p.seconds) + "block \(p.block)/\(p.blocks) (\(months)): \(what)"
    }

    private func textSummary(_ plan: MeetingsPlan, files: Int, folder: String) -> String {
        let w = MeetingsWords(.en)
        var status: String
        switch plan.status {
        case .optimal: status = "proven optimal"
        case .bounded: status = "valid, not proven optimal"
        case .partial: status = "partial"
        }
        var lines = ["\(plan.scenario): \(status), \(plan.meetings.count) of \(plan.meetings.count + plan.unplaced.count) meetings planned, checked"]
        if plan.status == .partial {
            lines.append("  travel \(w.number(plan.travelMinutes)) participant-minutes, \(plan.sameWeek) meetings sharing a person's week")
        } else {
            lines.append("  travel \(w.number(plan.travelMinutes)) participant-minutes (lower bound \(w.number(plan.travelBound)))")
            lines.append("  meetings sharing a person's week: \(plan.sameWeek) (lower bound \(plan.sameWeekBound))")
        }
        lines.append("  wrote \(folder)/: plan.csv, plan.html, plan.xlsx, people.csv, meetings.ics, calendars/, \(MeetingsOutput.summaryFile) (\(files) files, \(w.number(plan.seconds, digits: 2)) s)")
        return lines.joined(separator: "\n")
    }
}

extension GenerateCommand {
    static var meetingsPresetNames: [String] { MeetingsGeneratorParameters.presets.map(\.name) }

    /// The parameters of a year plan of network meetings when `--preset` names one
    /// (`meetings-city`, `meetings-town`).
    func meetingsScenarioPreset() throws -> MeetingsGeneratorParameters? {
        guard let preset, var p = MeetingsGeneratorParameters.preset(preset) else { return nil }
        if let seed { p.seed = seed }
        let problems = p.problems()
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "; ")) }
        return p
    }

    /// The year plan of network meetings `--preset` names, generated; nil for the other presets.
    func meetingsScenario() throws -> Scenario? {
        try meetingsScenarioPreset().map { MeetingsGenerator($0).generate() }
    }

    static func meetingsSummary(_ s: Scenario) -> String {
        "\(s.organisations.count) organisations, \(s.platforms.count) platforms, \(s.participants.count) participants, \(s.platforms.reduce(0) { $0 + $1.meetings }) meetings to plan"
    }
}

extension MeetingsRunError {
    var isRejection: Bool { if case .rejected = self { return true } else { return false } }
    var isInvalidInput: Bool { if case .invalidInput = self { return true } else { return false } }
}
