import ArgumentParser
import Foundation
import Reports
import Scenarios
import SetkaModel

/// `setka sweep SCENARIO --set KEY=a..b --out DIR`: one setting at several values.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario at several values of one setting and chart the key figures.",
        discussion: """
        --set takes a setting a variant's 'set:' may change, with a range a..b (whole numbers), \
        a..b:step, or a list a,b,c — e.g. --set profile_day.min_section_size=6..12. Each value is \
        solved like `setka compare` solves a scenario: the first value alone, then the others two \
        at a time from its timetable, all within --time-limit, cached by a SHA-256 of the inputs \
        (verified again before use). Writes \
        DIR/sweep.csv (one row per value), DIR/sweep.svg (a line chart per key figure) and \
        DIR/sweep.html (the table and the charts on one printable page, in the scenario's language) \
        and prints the CSV on stdout.
        Exit codes: 0 done; 1 invalid input; 2 stopped early by Ctrl-C or SIGTERM (the values \
        done so far are written); 3 a solve failed or a result did not pass the checker; 5 the \
        results could not be written.
        """
    )

    @Argument(help: "The scenario folder (or .xlsx workbook).")
    var scenario: String

    @Option(name: .customLong("set"), help: "KEY=a..b, KEY=a..b:step or KEY=a,b,c.")
    var setting: String

    @Option(name: .long, help: "Folder for sweep.csv, sweep.svg and sweep.html (created if missing; swapped in whole).")
    var out: String

    @OptionGroup var solving: WhatIfRunOptions

    @Flag(name: .long, help: "No warnings or progress on stderr.")
    var quiet = false

    func validate() throws {
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out must name a folder (it is empty)") }
    }

    func run() throws {
        let spec: SweepSpec
        do { spec = try SweepSpec.parse(setting) } catch let e as SweepError {
            Console.error("error: \(e.description)")
            throw SetkaExit.invalidInput
        }
        var shown = Set<String>()
        let base = try loadWhatIfInput(scenario, quiet: quiet, shown: &shown)
        let inputs: [ScenarioInput]
        do {
            if VariantLoader.isVariantFile(URL(fileURLWithPath: scenario)) {
                Console.error("error: sweep a scenario folder, not a variant file (\(scenario)); put the variant's changes in a folder first")
                throw SetkaExit.invalidInput
            }
            inputs = try spec.inputs(base: URL(fileURLWithPath: scenario), baseName: base.scenario.name)
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { Console.error(d.description) }
            throw SetkaExit.invalidInput
        }
        let job = ResultJob(name: ComparisonOutput.sweepJob, owns: ComparisonOutput.sweepFiles, scenario: base.scenario.name,
                            scenarioPath: URL(fileURLWithPath: scenario).standardizedFileURL.path)
        try Console.checkOutput(out, job: job)
        if !quiet { Console.error("sweeping \(spec.key) over \(spec.values.count) values") }
        let runner = solving.runner(names: inputs.map(\.scenario.name), quiet: quiet)
        let result = SweepResult(spec: spec, runs: runner.run(inputs))
        let csv = result.csv()
        try Console.writeResults(out, job: job, files: [
            ResultFile(ComparisonOutput.sweepCSVFile, text: csv),
            ResultFile(ComparisonOutput.sweepSVGFile, text: result.svg(title: "\(base.scenario.name): \(spec.key)")),
            ResultFile(ComparisonOutput.sweepHTMLFile, text: Reports.sweepHTML(result, scenario: base.scenario)),
        ])
        print(csv, terminator: "")
        let failed = result.runs.filter { !$0.problems.isEmpty || $0.profileDay?.verified == false || $0.partnering?.verified == false }
        for r in failed { for p in r.problems { Console.error("error: \(r.name): \(p)") } }
        if !failed.isEmpty { throw SetkaExit.failure }
        if Interrupts.requested { throw SetkaExit.incomplete }
    }
}
