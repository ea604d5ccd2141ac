import ArgumentParser
import Foundation
import ProfileDay
import Reports
import Scenarios
import SetkaModel
import Synchronization
import Wording

/// Options shared by `setka compare` and `setka sweep`: how each scenario is solved and cached.
struct WhatIfRunOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Seconds for all the scenarios together.",
        discussion: "The first scenario is solved alone with both cores for a share, then the others, two at a time, each from the first one's timetable; the run ends within about this many seconds however many scenarios there are."))
    var timeLimit: Double = 60

    @Option(name: .long, parsing: .unconditional, help: "Seed of the profile-day search.")
    var seed: UInt64 = 1

    @Option(name: .long, parsing: .unconditional, help: "Stop each profile-day search after this many steps (reproducible on any machine).")
    var iterations: Int?

    @Option(name: .long, parsing: .unconditional, help: "Variants solved at once, each on its own thread (capped at the number of cores).")
    var jobs: Int = 2

    @Flag(name: .long, help: "Solve everything again instead of reusing results of unchanged inputs.")
    var noCache = false

    func validate() throws {
        try PositiveNumber.check(timeLimit, "--time-limit", unit: "seconds")
        if let iterations, iterations < 0 { throw ValidationError("--iterations must be ≥ 0") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    var runOptions: RunOptions { RunOptions(timeLimit: timeLimit, seed: seed, maxIterations: iterations) }

    /// The runner: standard engines (Ctrl-C and SIGTERM stop every search), the cache unless
    /// --no-cache, a line on stderr as each scenario is done unless `quiet`.
    func runner(names: [String], quiet: Bool) -> ScenarioRunner {
        Interrupts.install(quiet: quiet)
        var cache = noCache ? nil : ResultCache(folder: ResultCache.defaultFolder())
        cache?.rejected = { file, why in
            Console.error("note: the cached result \(file) was not used and is removed: \(why); solving again")
        }
        let started = Date()
        let printer = SearchProgressPrinter(started: started)
        var runner = ScenarioRunner(engines: .standard(shouldStop: Interrupts.shouldStop,
                                                       progress: quiet ? nil : printer.hear),
                                    options: runOptions, cache: cache,
                                    maxConcurrent: min(jobs, max(1, ProcessInfo.processInfo.activeProcessorCount)))
        if !quiet {
            let budget = runner.budget(scenarios: names.count)
            var plan = "solving \"\(names.first ?? "")\" first (up to \(Self.seconds(budget.base)))"
            if names.count > 1 {
                plan += ", then \(names.count - 1) more from its timetable, \(runner.maxConcurrent) at a time (up to \(Self.seconds(budget.variant)) each)"
            }
            Console.error(plan + "…")
            runner.finished = { i, r in
                var line = String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + "\(i + 1)/\(names.count) \"\(r.name)\""
                if r.fromCache { line += " (cached)" }
                if let pd = r.profileDay {
                    line += String(format: ": objective %.1f", pd.objective)
                    if let gap = pd.gap { line += String(format: ", gap %.2f%%", gap * 100) }
                }
                if let pa = r.partnering { line += "; partner pairs \(pa.pairs)" }
                if let v = r.partnering?.verified { line += v ? " (verified)" : " (REJECTED by the checker)" }
                if !r.problems.isEmpty { line += "; failed" }
                Console.error(line)
            }
            runner.crossCheckStarted = {
                Console.error(String(format: "[%6.1f s] ", Date().timeIntervalSince(started))
                    + "checking every timetable against the others' (a plan valid and better elsewhere is used there too)…")
            }
        }
        return runner
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s) }
}

/// Prints each running search's progress on stderr every few seconds (runs long enough to need it).
final class SearchProgressPrinter: Sendable {
    let started: Date
    private let last = Mutex<[String: Double]>([:])

    init(started: Date) { self.started = started }

    @Sendable func hear(_ name: String, _ p: ScheduleProgress) {
        guard p.phase == .search else { return }
        let now = Date().timeIntervalSince(started)
        let due = last.withLock { seen -> Bool in
            // The first report of a search starts its clock; then a line every 5 s.
            guard let before = seen[name] else { seen[name] = now; return false }
            if now - before < 5 { return false }
            seen[name] = now
            return true
        }
        guard due else { return }
        var line = String(format: "[%6.1f s]   ", now) + "\"" + name + "\"" + String(format: ": best %.1f", p.best)
        if let gap = p.gap { line += String(format: ", gap %.2f%%", gap * 100) }
        Console.error(line)
    }
}

/// Loads a scenario folder or a variant file for a what-if command; errors as `file:line:col` on
/// stderr. Warnings already printed (`shown`: a variant repeats its base's) are not printed again;
/// a variant's own are prefixed with its file.
func loadWhatIfInput(_ path: String, quiet: Bool, shown: inout Set<String>) throws -> ScenarioInput {
    do {
        let (input, warnings) = try ScenarioInput.load(path)
        for w in warnings where shown.insert(w.description).inserted && !quiet {
            Console.error(input.variantReport == nil ? w.description : "\(path): \(w.description)")
        }
        return input
    } catch let failure as ScenarioError {
        for d in failure.diagnostics { Console.error(d.description) }
        let n = failure.diagnostics.filter { $0.severity == .error }.count
        Console.error("\(n) error\(n == 1 ? "" : "s") in \(path): it cannot be used until \(n == 1 ? "it is" : "they are") fixed.")
        throw SetkaExit.invalidInput
    } catch {
        Console.error("error: cannot load '\(path)': \(error.localizedDescription)")
        throw SetkaExit.invalidInput
    }
}

/// `setka compare BASE VARIANT…`: solves each scenario and sets the results side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run a scenario and its what-if variants and compare the results.",
        discussion: """
        Each scenario (a folder) or variant (whatif/NAME.yaml) gets partner assignment when it has \
        partnering rules and the profile day when it has slots. The base is solved first with both \
        cores; then the variants, two at a time on their own threads, each starting from the base's \
        timetable (what of it the variant still allows), so differences come from the change rather \
        than from the search. At the end every timetable is checked against the others': a plan \
        that is valid and better for another scenario is used there too (the table says so). All \
        of it within --time-limit. \
        Prints a table of key figures (students served, first choices, sections, travel, partner \
        pairs and gain, objective and gap) and what changed against the base: sections opened and \
        closed, students who lost or gained a course, partner pairs added and removed, and the \
        students a scale_demand changed. Every timetable and partner assignment is verified by the \
        independent checkers. Results are cached by a SHA-256 of their inputs (in \
        $XDG_CACHE_HOME/setka, else ~/.cache/setka), so re-running an unchanged variant is \
        instant; a cached plan is verified again and its figures recomputed before it is used \
        (an entry that does not pass is removed and solved again).
        With --keep DIR (a `setka schedule` output of the base, as published; checked against the \
        base first: an error when nothing of it fits, a warning for what cannot be kept), each variant is also \
        re-solved preferring that timetable: as few students and teachers moved as possible (a \
        person moves only where that serves clearly more), then \
        the objective (half of each variant's time goes to this). The number of students whose day \
        changes is reported beside that of a fresh solve; the kept timetables go to \
        --out/kept-NAME/.
        With --out DIR, also writes DIR/comparison.json, DIR/comparison.csv and DIR/comparison.html: \
        a printable page for a meeting, in the scenario's language (Russian by default), with the \
        table, what each variant changed and the kept plans; all of it swapped into DIR at once \
        when complete (files there from other commands stay).
        Exit codes: 0 done (unserved recipients or students are results, shown in the table); \
        1 invalid input; 2 stopped early by Ctrl-C or SIGTERM (the results so far are verified, \
        shown and written); 3 a solve failed or a result did not pass the checker; 5 the results \
        could not be written.
        """
    )

    @Argument(help: "The base scenario folder (or .xlsx workbook).")
    var base: String

    @Argument(help: "Variant files (whatif/NAME.yaml) or other scenario folders.")
    var variants: [String] = []

    @OptionGroup var solving: WhatIfRunOptions

    @Option(name: .long, help: "Folder for comparison.json, comparison.csv, comparison.html and kept timetables.")
    var out: String?

    @Option(name: .long, help: "Write the table of key figures as CSV to this file.")
    var csv: String?

    @Flag(name: .long, help: "Print the comparison as JSON on stdout instead of the table.")
    var json = false

    @Option(name: .long, help: "A published timetable of the base (sections.csv, enrolments.csv, or one .xlsx with their sheets) to keep stable.")
    var keep: String?

    @Flag(name: .long, help: "No warnings on stderr.")
    var quiet = false

    func run() throws {
        var shown = Set<String>()
        let baseInput = try loadWhatIfInput(base, quiet: quiet, shown: &shown)
        let inputs = try [baseInput] + variants.map { try loadWhatIfInput($0, quiet: quiet, shown: &shown) }
        let published = try keep.map { try Console.publishedTimetable($0, for: baseInput.scenario, quiet: quiet).published }
        let job = ResultJob(name: ComparisonOutput.compareJob, owns: ComparisonOutput.compareFiles,
                            scenario: baseInput.scenario.name, scenarioPath: URL(fileURLWithPath: base).standardizedFileURL.path)
        if let out { try Console.checkOutput(out, job: job) }
        if let csv {
            try Console.checkOutput(URL(fileURLWithPath: csv).deletingLastPathComponent().path,
                                    job: ResultJob(name: "compare --csv", owns: ResultFileSet(names: [])))
        }
        var runner = solving.runner(names: inputs.map(\.scenario.name), quiet: quiet)
        runner.published = published
        let results = runner.run(inputs)
        let comparison = Comparison(base: results[0], variants: Array(results.dropFirst()))
        let kept = comparison.keptPlans
        let json = try ComparisonOutput.json(comparison)
        if self.json {
            print(String(decoding: json, as: UTF8.self))
        } else {
            print(comparison.text(effect: Words(.en, names: Names(inputs[0].scenario)).sentence), terminator: "")
            for k in kept { print("\n" + k.text, terminator: "") }
        }
        if let csv {
            do { try Data(comparison.csv().utf8).write(to: URL(fileURLWithPath: csv), options: .atomic) } catch {
                throw Console.failed(OutputError(path: csv, reason: OutputError.reason(error)))
            }
        }
        if let out {
            let page = ComparisonReportInput(comparison: comparison, kept: kept, scenario: baseInput.scenario)
            try Console.writeResults(out, job: job, files: [
                ResultFile(ComparisonOutput.jsonFile, json),
                ResultFile(ComparisonOutput.csvFile, text: comparison.csv()),
                ResultFile(ComparisonOutput.htmlFile, text: Reports.comparisonHTML(page)),
            ] + ComparisonOutput.keptFiles(Array(inputs.dropFirst()), Array(results.dropFirst())))
        }
        let failed = results.filter { !$0.problems.isEmpty || $0.profileDay?.verified == false || $0.partnering?.verified == false }
        for r in failed { for p in r.problems { Console.error("error: \(r.name): \(p)") } }
        if !failed.isEmpty { throw SetkaExit.failure }
        if Interrupts.requested { throw SetkaExit.incomplete }
    }
}
