import ArgumentParser
import Foundation
import Partnering
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
          summary.json  status, objective, bound, places served, timings and per-rule figures.
        The assignment is checked independently before anything is written.

        Exit codes: 0 every recipient served and every fixed pair kept; 1 invalid input \
        (file:line:column messages on stderr); 2 solved but incomplete (files written, reasons on \
        stderr); 3 solver or checker failure (nothing written); 64 usage error.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Option(name: .long, help: "The folder to write the reports into (created if missing).")
    var out: String

    @Option(name: .customLong("time-limit"), help: "Solver time limit in seconds.")
    var timeLimit: Double = 60

    @Flag(name: .customLong("lp-first"), help: "Solve the LP relaxation first and take it when integral (a proof of optimality); branch-and-bound otherwise.")
    var lpFirst = false

    @Flag(name: .long, help: "Also write report.html, map.svg and report.xlsx into the folder.")
    var report = false

    @Flag(name: .long, help: "Print summary.json on stdout instead of the short text summary.")
    var json = false

    func validate() throws {
        guard timeLimit > 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        func since(_ t: ContinuousClock.Instant) -> Double {
            let d = clock.now - t
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }

        // Load (errors as file:line:column, warnings to stderr).
        let s = try Console.loadScenario(scenario).scenario
        guard !s.partnering.isEmpty else {
            Console.error("error: \(scenario): scenario.yaml has no rules under `partnering:`; nothing to assign")
            throw SetkaExit.invalidInput
        }
        let loadSeconds = since(start)

        // Build and solve.
        let buildStart = clock.now
        let problem = PartnerProblem(scenario: s)
        let problemSeconds = since(buildStart)
        let assignment: PartnerAssignment
        do {
            assignment = try PartnerSolver.solve(problem, options: PartnerOptions(timeLimit: timeLimit, strategy: lpFirst ? .relaxationFirst : .mipOnly))
        } catch {
            Console.error("error: \(error)")
            throw SetkaExit.failure
        }

        // Independent check before writing.
        let checkStart = clock.now
        let violations = PartnerChecker(scenario: s).check(assignment)
        let checkSeconds = since(checkStart)
        guard violations.isEmpty else {
            Console.error("error: the independent checker rejected the assignment (a bug in Setka; nothing was written):")
            for v in violations.prefix(20) { Console.error("  \(v)") }
            throw SetkaExit.failure
        }

        // Write.
        var report = PartnerReport(scenario: s, assignment: assignment, seconds: .init(
            load: loadSeconds, build: problemSeconds + assignment.buildSeconds, solve: assignment.solverSeconds,
            check: checkSeconds))
        report.seconds.total = since(start)
        let folder = try Console.prepareOutput(out)
        let summary: Data
        do {
            summary = try report.summaryJSON()
            try Data(report.partnersCSV().utf8).write(to: folder.appendingPathComponent("partners.csv"))
            try Data(report.appendixMarkdown().utf8).write(to: folder.appendingPathComponent("appendix.md"))
            try summary.write(to: folder.appendingPathComponent("summary.json"))
        } catch {
            Console.error("error: cannot write into '\(out)': \(error.localizedDescription)")
            throw SetkaExit.invalidInput
        }

        if self.report { try Console.writeReport(folder: folder, scenario: s) }
        if json {
            print(String(decoding: summary, as: UTF8.self))
        } else {
            print(textSummary(report))
        }
        if !assignment.isComplete {
            for rule in report.rules {
                for u in rule.unserved { Console.error("\(rule.name): \(u.recipientName) (\(u.recipient)): \(u.reason)") }
                for f in rule.fixedProblems { Console.error("\(rule.name): \(f)") }
            }
            Console.error("incomplete: \(assignment.placesServed) of \(assignment.placesNeeded) partner places filled"
                + (assignment.fixedProblems.isEmpty ? "" : ", \(assignment.fixedProblems.count) fixed pair(s) not kept"))
            throw SetkaExit.incomplete
        }
    }

    private func textSummary(_ r: PartnerReport) -> String {
        var lines = ["\(r.scenario): \(r.status == .optimal ? "proven optimal" : r.status.rawValue), objective \(PartnerMessages.plain(r.objective, digits: 2)), \(r.placesServed) of \(r.placesNeeded) partner places filled"]
        for rule in r.rules {
            lines.append("  \(rule.name): \(rule.placesServed)/\(rule.placesNeeded) places, gain \(PartnerMessages.plain(rule.gain, digits: 1)), travel \(PartnerMessages.plain(rule.minutes, digits: 1)) min, objective \(PartnerMessages.plain(rule.objective, digits: 2))")
        }
        lines.append("  wrote \(out)/partners.csv, appendix.md, summary.json (\(PartnerMessages.plain(r.seconds.total, digits: 2)) s)")
        return lines.joined(separator: "\n")
    }
}
