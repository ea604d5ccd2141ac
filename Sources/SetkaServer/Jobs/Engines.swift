import Foundation
import Partnering
import ProfileDay
import Reports
import Wording
import Scenarios
import SetkaModel
import ZIPFoundation

/// Every call the server makes into Setka's engines, and only here: loading and validating a
/// scenario or variant, the profile day, the partner assignment, the what-if comparison, and
/// the reports. The server has no optimisation or checking of its own: each job below is the
/// same sequence of library calls as the CLI command it names, so that a figure on a page and a
/// figure in a CLI file cannot differ.
enum EngineCalls {
    /// A job's failure, in words for the coordinator (the run's message).
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// What a job hands back to its runner.
    struct Outcome: Sendable {
        /// `summary.json` as written, for the database (the key figures of the run's page).
        var summary: String
        /// True when the job stopped early because it was asked to (cancel).
        var stopped: Bool
        /// A note for people (an incomplete assignment, a failed variant), or nil.
        var note: String?
    }

    /// What a running job hears and says.
    struct Hooks: Sendable {
        var progress: @Sendable (RunProgress) -> Void
        var shouldStop: @Sendable () -> Bool
    }

    // MARK: - loading

    /// Loads and validates a scenario (a folder, its `scenario.yaml`, or a workbook once the
    /// loader reads them), as `setka validate` does.
    static func validate(_ url: URL) -> (validation: Validation, loaded: LoadedScenario?) {
        do {
            let loaded = try ScenarioLoader.load(from: url)
            return (Validation(valid: true, warnings: loaded.warnings.map(finding), facts: facts(loaded.scenario)), loaded)
        } catch let failure as ScenarioError {
            let errors = failure.diagnostics.filter { $0.severity == .error }
            let warnings = failure.diagnostics.filter { $0.severity == .warning }
            return (Validation(valid: false, errors: errors.map(finding), warnings: warnings.map(finding)), nil)
        } catch {
            return (Validation(valid: false, errors: [Finding(message: "cannot load the scenario: \(error.localizedDescription)")]), nil)
        }
    }

    /// Loads a scenario for a job; a scenario that does not load is the job's failure.
    static func load(_ url: URL) throws -> Scenario {
        do { return try ScenarioLoader.load(from: url).scenario } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics.prefix(20).map(\.description).joined(separator: "\n"))
        }
    }

    /// Loads and validates a what-if variant file (`VariantLoader`), with what its changes did.
    static func validateVariant(_ url: URL) -> Validation {
        do {
            let v = try VariantLoader.load(from: url)
            return Validation(valid: true, warnings: v.loaded.warnings.map(finding), facts: facts(v.loaded.scenario),
                              changes: v.report.effects)
        } catch let failure as ScenarioError {
            return Validation(valid: false, errors: failure.diagnostics.filter { $0.severity == .error }.map(finding),
                              warnings: failure.diagnostics.filter { $0.severity == .warning }.map(finding))
        } catch {
            return Validation(valid: false, errors: [Finding(message: "cannot load the variant: \(error.localizedDescription)")])
        }
    }

    static func finding(_ d: Diagnostic) -> Finding {
        Finding(message: d.message, location: d.location?.description, file: d.location?.file,
                line: d.location?.line, column: d.location?.column, field: d.field)
    }

    static func facts(_ s: Scenario) -> ScenarioFacts {
        ScenarioFacts(name: s.name, language: s.language.rawValue, organisations: s.organisations.count,
                      students: s.students.count, teachers: s.teachers.count, courses: s.courses.count,
                      rooms: s.rooms.count, slots: s.profileDay?.slots.count ?? 0, partnerRules: s.partnering.count)
    }

    // MARK: - the profile day (`setka schedule`)

    /// Solves the profile day of the scenario at `url` within `timeLimit` seconds (one search
    /// thread: one solve per core), re-verifies it with the independent checker and writes what
    /// `setka schedule --out --report` writes into `folder`, plus the CSV files as one ZIP.
    /// `keep`: a published result folder to stay close to.
    static func schedule(_ url: URL, timeLimit: Double, seed: UInt64, keep: URL?, hooks: Hooks, into folder: URL) throws -> Outcome {
        let started = Date()
        let scenario = try load(url)
        guard scenario.profileDay?.slots.isEmpty == false else {
            throw Failure("the scenario has no profile_day.slots, so there is no profile day to schedule")
        }
        var published: Timetable?
        if let keep {
            do { published = try TimetableIO.read(from: keep).timetable } catch let failure as ScenarioError {
                throw Failure(failure.diagnostics.prefix(10).map(\.description).joined(separator: "\n"))
            }
        }
        // As `setka schedule`: the time limit bounds the whole run, with a reserve for checking
        // and writing.
        let reserve = 0.5 + Double(scenario.students.count) * 0.0002
        var options = ScheduleOptions(timeLimit: max(0.5, timeLimit - Date().timeIntervalSince(started) - reserve),
                                      seed: seed, targetGap: 0.0005)
        options.searchThreads = 1
        options.keep = published
        let result: ScheduleResult
        do {
            result = try ProfileDayScheduler.schedule(scenario, options: options, progress: { p in
                hooks.progress(RunProgress(phase: p.phase.rawValue, best: p.best, bound: p.bound, gap: p.gap, elapsed: p.seconds, steps: p.iterations))
            }, shouldStop: hooks.shouldStop)
        } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics.prefix(20).map(\.description).joined(separator: "\n"))
        }
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        guard report.isValid else {
            throw Failure("the independent checker rejected the timetable (a bug in Setka; nothing was kept): "
                          + report.violations.prefix(5).map(Words(.en).line).joined(separator: "; "))
        }
        guard abs(report.objective.value - result.objective) <= 1e-6 * max(1, abs(result.objective)) else {
            throw Failure("the checker's objective \(report.objective.value) differs from the scheduler's \(result.objective) (a bug in Setka; nothing was kept)")
        }
        try ScheduleOutput.write(result: result, report: report, scenario: scenario, to: folder,
                                 settings: ScheduleOutput.RunSettings(timeLimit: timeLimit, seed: seed, iterations: nil,
                                                                      scenarioPath: url.path),
                                 wording: Words(scenario.language))
        try Reports.writeAll(ReportInput(scenario: scenario, schedule: result), to: folder)
        try writeCSVArchive(folder)
        return Outcome(summary: try summaryText(folder), stopped: result.stoppedBy == .interrupted, note: nil)
    }

    // MARK: - partners (`setka partner`)

    /// The proven-optimal partner assignment of the scenario at `url`, checked independently,
    /// written as `setka partner --out --report` writes it (`partners.csv`, `appendix.md`,
    /// `summary.json`, the reports) and the CSV files as one ZIP.
    static func partner(_ url: URL, timeLimit: Double, hooks: Hooks, into folder: URL) throws -> Outcome {
        let started = Date()
        let scenario = try load(url)
        guard !scenario.partnering.isEmpty else {
            throw Failure("the scenario has no rules under `partnering:`; nothing to assign")
        }
        hooks.progress(RunProgress(phase: "solve", elapsed: Date().timeIntervalSince(started)))
        let loadSeconds = Date().timeIntervalSince(started)
        let buildStart = Date()
        let problem = PartnerProblem(scenario: scenario)
        let problemSeconds = Date().timeIntervalSince(buildStart)
        let assignment: PartnerAssignment
        do {
            assignment = try PartnerSolver.solve(problem, options: PartnerOptions(timeLimit: timeLimit))
        } catch {
            throw Failure("the solver failed: \(error)")
        }
        let checkStart = Date()
        let violations = PartnerChecker(scenario: scenario).check(assignment)
        guard violations.isEmpty else {
            throw Failure("the independent checker rejected the assignment (a bug in Setka; nothing was kept): "
                          + violations.prefix(5).map(\.description).joined(separator: "; "))
        }
        var report = PartnerReport(scenario: scenario, assignment: assignment, seconds: .init(
            load: loadSeconds, build: problemSeconds + assignment.buildSeconds, solve: assignment.solverSeconds,
            check: Date().timeIntervalSince(checkStart)))
        report.seconds.total = Date().timeIntervalSince(started)
        try Data(report.partnersCSV().utf8).write(to: folder.appendingPathComponent(ResultFolder.partnersFile))
        try Data(report.appendixMarkdown().utf8).write(to: folder.appendingPathComponent("appendix.md"))
        try report.summaryJSON().write(to: folder.appendingPathComponent(ResultFolder.summaryFile))
        var input = ReportInput(scenario: scenario)
        input.addPartners(report)
        try Reports.writeAll(input, to: folder)
        try writeCSVArchive(folder)
        hooks.progress(RunProgress(phase: "done", best: report.objective, bound: report.bound, elapsed: Date().timeIntervalSince(started)))
        let note = assignment.isComplete ? nil
            : "incomplete: \(assignment.placesServed) of \(assignment.placesNeeded) partner places filled (the reasons are in the table)"
        return Outcome(summary: try summaryText(folder), stopped: false, note: note)
    }

    // MARK: - what-if (`setka compare`)

    /// The base scenario and its variants side by side within `timeLimit` seconds, as
    /// `setka compare BASE VARIANT… --out` does (cached in `cache`), one variant at a time (one
    /// solve per core); `keep`: a published result folder to re-plan stably from.
    /// `labels`: how each scenario is named in the comparison's legend (the file people know,
    /// not the path in the data folder), base first.
    static func compare(base: URL, variants: [URL], labels: [String], timeLimit: Double, seed: UInt64, keep: URL?, cache: URL,
                        hooks: Hooks, into folder: URL) throws -> Outcome {
        let started = Date()
        var inputs: [ScenarioInput] = []
        for (i, url) in ([base] + variants).enumerated() {
            do {
                var input = try ScenarioInput.load(url.path).input
                if i < labels.count { input.source = labels[i] }
                inputs.append(input)
            } catch let failure as ScenarioError {
                throw Failure("\(i < labels.count ? labels[i] : url.lastPathComponent): "
                              + failure.diagnostics.prefix(10).map(\.description).joined(separator: "\n"))
            }
        }
        var published: Timetable?
        if let keep {
            do { published = try TimetableIO.read(from: keep).timetable } catch let failure as ScenarioError {
                throw Failure(failure.diagnostics.prefix(10).map(\.description).joined(separator: "\n"))
            }
        }
        let names = inputs.map(\.scenario.name)
        let engines = Scenarios.Engines.standard(shouldStop: hooks.shouldStop, progress: { name, p in
            hooks.progress(RunProgress(phase: "\(p.phase.rawValue): \(name)", best: p.best, bound: p.bound, gap: p.gap,
                                       elapsed: Date().timeIntervalSince(started), steps: p.iterations))
        })
        var runner = ScenarioRunner(engines: engines, options: RunOptions(timeLimit: timeLimit, seed: seed),
                                    cache: ResultCache(folder: cache), maxConcurrent: 1)
        runner.published = published
        runner.finished = { i, r in
            hooks.progress(RunProgress(phase: "\(i + 1)/\(names.count) \(r.name)", best: r.profileDay?.objective,
                                       bound: r.profileDay?.bound, gap: r.profileDay?.gap, elapsed: Date().timeIntervalSince(started)))
        }
        let results = runner.run(inputs)
        let comparison = Comparison(base: results[0], variants: Array(results.dropFirst()))
        try ComparisonFiles.write(comparison, inputs: inputs, to: folder)
        try writeCSVArchive(folder)
        let problems = results.flatMap { r in r.problems.map { "\(r.name): \($0)" } }
            + results.filter { $0.profileDay?.verified == false }.map { "\($0.name): the checker rejected its timetable" }
        let text = String(decoding: try ComparisonFiles.json(comparison), as: UTF8.self)
        return Outcome(summary: text, stopped: hooks.shouldStop(), note: problems.isEmpty ? nil : problems.joined(separator: "\n"))
    }

    // MARK: - reading results back for the pages

    /// What the pages of a finished schedule or partner run show, read from its folder as
    /// `setka report` reads it, in `language`.
    static func reportContent(run folder: URL, scenario: Scenario, language: ReportLanguage) throws -> ReportContent {
        var input = try ResultFolder.read(folder, scenario: scenario).input
        input.language = language
        return ReportContent(input)
    }

    /// The comparison of a finished compare run (`comparison.json`) as the tables of
    /// `comparison.html`, in `language`.
    static func comparisonTables(run folder: URL, scenario: Scenario?, language: ReportLanguage) throws -> [ReportTable] {
        let data = try Data(contentsOf: folder.appendingPathComponent(ComparisonFiles.jsonFile))
        let summary = try JSONDecoder().decode(ComparisonFiles.Summary.self, from: data)
        return Reports.comparisonTables(ComparisonReportInput(comparison: summary.comparison, kept: summary.kept,
                                                              scenario: scenario, language: language))
    }

    // MARK: - files

    /// The name of the ZIP of a run's CSV files.
    static let csvArchive = "csv.zip"

    /// Every `.csv` file of `folder` (and of its `kept-*` folders) in one ZIP, `csv.zip`.
    static func writeCSVArchive(_ folder: URL) throws {
        let fm = FileManager.default
        let url = folder.appendingPathComponent(csvArchive)
        let archive = try Archive(url: url, accessMode: .create)
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: nil) else { return }
        var paths: [String] = []
        for case let file as URL in enumerator where file.pathExtension == "csv" {
            paths.append(String(file.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        for path in paths.sorted() {
            try archive.addEntry(with: path, relativeTo: folder, compressionMethod: .deflate)
        }
    }

    static func summaryText(_ folder: URL) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(ResultFolder.summaryFile)), as: UTF8.self)
    }
}
