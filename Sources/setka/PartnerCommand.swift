import ArgumentParser
import Foundation
import Partnering
import Reports
import SetkaModel

/// `setka partner SCENARIO --out DIR`: the proven-optimal partner assignment and its reports.
struct PartnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Attach every recipient of the scenario's partnering rules to partners (proven optimal).",
        discussion: """
        Solves every rule under `partnering:` in scenario.yaml together (partner_capacity is shared \
        over rules): each recipient gets partners_per_recipient distinct providers within \
        max_travel_minutes, fixed pairs in, forbidden pairs out, maximising the sum over pairs of \
        gain − travel_minute × minutes. When not every recipient can be served, the assignment \
        serving the most partner places is written (best objective among those) and every \
        recipient left without a partner is listed with the reason.

        Writes into DIR (created if missing):
          partners.csv  rule,recipient,provider,minutes,gain, then gain:<subject> per subject, \
        recipient_name, provider_name, fixed, note. UTF-8 with a BOM so that Excel shows Cyrillic \
        correctly; comma-separated. Recipients without a partner have an empty provider and the \
        reason in `note`.
          appendix.md   the numbered table for the order's appendix and why each pair was chosen \
        (Russian, or English with `language: en`).
          partners-summary.json  status, objective, bound, places served, timings and per-rule \
        figures (its own file: a profile-day summary.json in the same folder stays as it is).
        The assignment is checked independently before anything is written. The files are \
        written beside DIR and swapped in together when complete; profile-day results of the \
        same scenario in DIR (setka schedule) stay, a report.html from an earlier --report is \
        removed unless --report writes a new one. Ctrl-C or SIGTERM stops the solver and writes \
        the best assignment found so far (not proven optimal); a second one quits at once.

        Exit codes: 0 every recipient served and every fixed pair kept; 1 invalid input \
        (file:line:column messages on stderr); 2 solved but incomplete (files written, reasons on \
        stderr), or stopped early by Ctrl-C or SIGTERM; 3 solver or checker failure (nothing \
        written); 5 the results could not be written (DIR not writable, a file in the way, a full \
        disk; the folder keeps what it held); 64 usage error.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml), or an .xlsx workbook.")
    var scenario: String

    @Option(name: .long, help: "The folder to write the reports into (created if missing).")
    var out: String

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Solver time limit in seconds.")
    var timeLimit: Double = 60

    @Flag(name: .customLong("lp-first"), help: "Solve the LP relaxation first and take it when integral (a proof of optimality); branch-and-bound otherwise.")
    var lpFirst = false

    @Flag(name: .long, help: "Also write report.html, map.svg and report.xlsx into the folder.")
    var report = false

    @Flag(name: .long, help: "Print summary.json on stdout instead of the short text summary.")
    var json = false

    func validate() throws {
        try PositiveNumber.check(timeLimit, "--time-limit", unit: "seconds")
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out must name a folder (it is empty)") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        // Load (errors as file:line:column, warnings to stderr).
        let s = try Console.loadScenario(scenario).scenario
        guard !s.partnering.isEmpty else {
            Console.error("error: \(scenario): scenario.yaml has no rules under `partnering:`; nothing to assign")
            throw SetkaExit.invalidInput
        }
        let loaded = clock.now - start
        let scenarioPath = URL(fileURLWithPath: scenario).standardizedFileURL.path
        try Console.checkOutput(out, job: ResultJob(name: PartnerRun.jobName, owns: PartnerRun.ownedFiles + Reports.ownedFiles,
                                                    scenario: s.name, scenarioPath: scenarioPath))
        Interrupts.install()
        let run: PartnerRun
        do {
            run = try PartnerRun.run(s, options: PartnerOptions(timeLimit: timeLimit, strategy: lpFirst ? .relaxationFirst : .mipOnly),
                                     scenarioPath: scenarioPath,
                                     loadSeconds: Double(loaded.components.seconds) + Double(loaded.components.attoseconds) * 1e-18,
                                     shouldStop: Interrupts.shouldStop)
        } catch {
            switch error {
            case .invalidInput(let d): for x in d { Console.error(x.description) }; throw SetkaExit.invalidInput
            case .solver, .rejected: Console.error("error: \(error)"); throw SetkaExit.failure
            }
        }
        let writeReport = self.report
        let committed = try Console.writeResults(out, job: run.job(also: Reports.ownedFiles), files: run.files(),
                                                 report: writeReport ? Console.reportFiles(ReportInput(run)) : nil)
        if writeReport { Console.error("report: " + Reports.ownedFiles.names.sorted().joined(separator: ", ")) }
        if json {
            print(String(decoding: (try? run.report.summaryJSON()) ?? Data(), as: UTF8.self))
        } else {
            print(run.text)
            print("  wrote \(committed.folder.path)/: \(run.files().map(\.name).joined(separator: ", ")) (\(PartnerMessages.plain(run.report.seconds.total, digits: 2)) s)")
        }
        for line in run.shortfallLines { Console.error(line) }
        if run.status != .complete { throw SetkaExit.incomplete }
    }
}
