import Effect
import Foundation
import Meetings
import MeetingsReports
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
        /// The same in Russian when the failure is a scenario's findings (worded in both).
        var russian: String?
        init(ru: String, en: String) { description = en; russian = ru }
        /// A message already worded in the page's language (a form's field error).
        init(shown text: String) { description = text }

        /// The first `limit` findings, one a line (after `prefix`, e.g. the variant's name), in both languages.
        init(_ diagnostics: [Diagnostic], limit: Int = 10, prefix: String = "") {
            let shown = ScenarioError(Array(diagnostics.prefix(limit)))
            description = prefix + shown.text(.en)
            russian = prefix + shown.text(.ru)
        }
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
        /// Whether the job may use a second core now (`JobQueue.secondCore`); never by default.
        var secondCore: @Sendable () -> Bool = { false }
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
            return (Validation(valid: false, errors: [Finding(Phrase(ru: "не удаётся загрузить сценарий: \(error.localizedDescription)",
                                                                     en: "cannot load the scenario: \(error.localizedDescription)"))]), nil)
        }
    }

    /// Loads a scenario for a job; a scenario that does not load is the job's failure.
    static func load(_ url: URL) throws -> Scenario {
        do { return try ScenarioLoader.load(from: url).scenario } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics, limit: 20)
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
            return Validation(valid: false, errors: [Finding(Phrase(ru: "не удаётся загрузить вариант: \(error.localizedDescription)",
                                                                    en: "cannot load the variant: \(error.localizedDescription)"))])
        }
    }

    static func finding(_ d: Diagnostic) -> Finding {
        let l = d.location
        return Finding(message: d.message, messageRu: d.messageRu, location: l?.description, file: l?.file, line: l?.line, column: l?.column, field: d.field,
                       sheet: l?.sheet,
                       cell: l?.sheet != nil ? l?.column.flatMap { c in l?.line.map { SourceLocation.columnLetters(c) + String($0) } } : nil)
    }

    static func facts(_ s: Scenario) -> ScenarioFacts {
        ScenarioFacts(name: s.name, language: s.language.rawValue, organisations: s.organisations.count,
                      students: s.students.count, teachers: s.teachers.count, courses: s.courses.count,
                      rooms: s.rooms.count, slots: s.profileDay?.slots.count ?? 0, partnerRules: s.partnering.count,
                      results: s.results.count, history: s.partnersHistory.count,
                      platforms: MeetingsRun.inputProblem(s) == nil ? s.platforms.count : 0)
    }

    // MARK: - the profile day (`setka schedule`)

    /// Solves the profile day of the scenario at `url` within `timeLimit` seconds (one search
    /// thread: one solve per core; sub-MIPs on a second core while no other job needs it,
    /// `hooks.secondCore`) as `setka schedule --out --report` does: `ProfileDayRun`
    /// (solve, independent check, summary, reasons), its files and the reports, and the CSV
    /// files as one ZIP, written into `target` whole by a `ResultFolderWriter`.
    /// `keep`: a published result folder to stay close to.
    static func schedule(_ url: URL, timeLimit: Double, seed: UInt64, keep: URL?, hooks: Hooks, into target: URL) throws -> Outcome {
        let started = Date()
        let scenario = try load(url)
        var usable: Timetable?
        if let keep {
            let published: Timetable
            do { published = try TimetableIO.read(from: keep).timetable } catch let failure as ScenarioError {
                throw Failure(failure.diagnostics)
            }
            let check = PublishedTimetableCheck(published, in: scenario)
            let names = Names(scenario)
            if let why = check.whyNothingFits(ru: Words(.ru, names: names).dropped, en: Words(.en, names: names).dropped) {
                throw Failure(ru: "из опубликованного расписания ничего нельзя сохранить: \(why.ru)",
                              en: "nothing of the published timetable can be kept: \(why.en)")
            }
            usable = check.usable
        }
        let settings = ScheduleSummary.Settings(timeLimit: timeLimit, seed: seed, iterations: nil, scenarioPath: url.path)
        var options = scheduleOptions(timeLimit: timeLimit, spent: Date().timeIntervalSince(started),
                                      students: scenario.students.count, seed: seed, hooks: hooks)
        options.keep = usable
        let run: ProfileDayRun
        do {
            run = try ProfileDayRun.run(scenario, options: options, settings: settings, progress: { p in
                hooks.progress(RunProgress(phase: p.phase.rawValue, best: p.best, bound: p.bound, gap: p.gap, elapsed: p.seconds,
                                           steps: p.iterations))
            }, shouldStop: hooks.shouldStop)
        } catch .invalidInput(let findings) {
            throw Failure(findings)
        } catch {
            throw Failure(ru: "профильный день не удалось составить: \(error.description)", en: error.description)
        }
        let files = run.files(wording: Words(scenario))
        try write(into: target, job: run.job(also: Reports.ownedFiles + archiveFiles), files + Reports.files(ReportInput(run)))
        return Outcome(summary: text(files, ScheduleOutput.summaryFile), stopped: run.status == .interrupted, note: nil)
    }

    /// The search's options of a profile day solved in the app, as `setka schedule --time-limit`
    /// sets them: the coordinator's time bounds the whole run, less what loading took (`spent`)
    /// and a reserve for checking and writing; it is used whole (no stop because nothing better
    /// was found for a while; the run still ends early once its gap to the proven bound is
    /// within `ScheduleOptions.defaultTargetGap`, 0.1%). One search thread: one job per core,
    /// the second core lent by `hooks.secondCore` while no other job needs it.
    static func scheduleOptions(timeLimit: Double, spent: Double, students: Int, seed: UInt64, hooks: Hooks) -> ScheduleOptions {
        let reserve = 0.5 + Double(students) * 0.0002
        var options = ScheduleOptions(timeLimit: max(0.5, timeLimit - spent - reserve), seed: seed)
        options.stopWhenStalled = false
        options.searchThreads = 1
        options.secondCore = hooks.secondCore
        return options
    }

    // MARK: - partners (`setka partner`)

    /// The proven-optimal partner assignment of the scenario at `url`, as `setka partner --out
    /// --report` makes it: `PartnerRun` (build, solve, independent check, report), its files
    /// (`partners.csv`, `appendix.md`, `partners-summary.json`) and the reports, and the CSV
    /// files as one ZIP, written into `target` whole.
    static func partner(_ url: URL, timeLimit: Double, hooks: Hooks, into target: URL) throws -> Outcome {
        let started = Date()
        let scenario = try load(url)
        let run: PartnerRun
        do {
            run = try PartnerRun.run(scenario, options: PartnerOptions(timeLimit: timeLimit), scenarioPath: url.path,
                                     loadSeconds: Date().timeIntervalSince(started),
                                     progress: { phase in hooks.progress(RunProgress(phase: phase.rawValue, elapsed: Date().timeIntervalSince(started))) },
                                     shouldStop: hooks.shouldStop)
        } catch .invalidInput(let findings) {
            throw Failure(findings)
        } catch {
            throw Failure(ru: "распределение партнёров не удалось: \(error.description)", en: error.description)
        }
        let files = run.files()
        try write(into: target, job: run.job(also: Reports.ownedFiles + archiveFiles), files + Reports.files(ReportInput(run)))
        hooks.progress(RunProgress(phase: "done", best: run.report.objective, bound: run.report.bound, elapsed: Date().timeIntervalSince(started)))
        let note = run.status == .incomplete ? run.shortfallLines.joined(separator: "\n") : nil
        return Outcome(summary: text(files, PartnerRun.summaryFile), stopped: run.status == .interrupted, note: note)
    }

    // MARK: - what-if (`setka compare`)

    /// The base scenario and its variants side by side within `timeLimit` seconds, as
    /// `setka compare BASE VARIANT… --out` does (cached in `cache`), one variant at a time (one
    /// solve per core); `keep`: a published result folder to re-plan stably from.
    /// `labels`: each scenario's `source`, the file the run read as people know it (not the
    /// path in the data folder), base first; `sources`: what each was made from in a language,
    /// for the printable page's legend (`ComparisonReportInput.sources`).
    static func compare(base: URL, variants: [URL], labels: [String], sources: (ReportLanguage) -> [String]? = { _ in nil },
                        timeLimit: Double, seed: UInt64, keep: URL?, cache: URL,
                        hooks: Hooks, into target: URL) throws -> Outcome {
        let started = Date()
        var inputs: [ScenarioInput] = []
        for (i, url) in ([base] + variants).enumerated() {
            do {
                var input = try ScenarioInput.load(url.path).input
                if i < labels.count { input.source = labels[i] }
                inputs.append(input)
            } catch let failure as ScenarioError {
                throw Failure(failure.diagnostics, prefix: "\(i < labels.count ? labels[i] : url.lastPathComponent): ")
            }
        }
        var published: Timetable?
        if let keep {
            do { published = try TimetableIO.read(from: keep).timetable } catch let failure as ScenarioError {
                throw Failure(failure.diagnostics)
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
        let json = try ComparisonOutput.json(comparison)
        let language = inputs[0].scenario.language
        let page = ComparisonReportInput(comparison: comparison, kept: comparison.keptPlans, scenario: inputs[0].scenario,
                                         language: language, sources: sources(language))
        let files = [ResultFile(ComparisonOutput.jsonFile, json), ResultFile(ComparisonOutput.csvFile, text: comparison.csv()),
                     ResultFile(ComparisonOutput.htmlFile, text: Reports.comparisonHTML(page))]
            + ComparisonOutput.keptFiles(Array(inputs.dropFirst()), Array(results.dropFirst()))
        let job = ResultJob(name: ComparisonOutput.compareJob, owns: ComparisonOutput.compareFiles + archiveFiles,
                            scenario: inputs[0].scenario.name, scenarioPath: base.path)
        try write(into: target, job: job, files)
        let problems = results.flatMap { r in r.problems.map { "\(r.name): \($0)" } }
            + results.filter { $0.profileDay?.verified == false || $0.partnering?.verified == false }
                .map { "\($0.name): the checker rejected its result" }
        return Outcome(summary: String(decoding: json, as: UTF8.self), stopped: hooks.shouldStop(),
                       note: problems.isEmpty ? nil : problems.joined(separator: "\n"))
    }

    // MARK: - did the partnerships help (`setka effect`)

    /// The study of `setka effect`: the scenario at `url` loaded as it loads it
    /// (`ScenarioLoader.loadForEffect`), its words in `language` (the scenario's own by default).
    static func effectStudy(_ url: URL, language: ReportLanguage? = nil) throws -> EffectStudy {
        var scenario: Scenario
        do { scenario = try ScenarioLoader.loadForEffect(from: url).scenario } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics, limit: 20)
        }
        if let language { scenario.language = language }
        return EffectStudy(scenario: scenario)
    }

    /// Whether the partnerships helped, as `setka effect --out` works it out and writes it
    /// (`effect.csv`, `effect.html`, `effect.xlsx`, by `Reports.effectFiles`), into `target`
    /// whole; the run's summary is the study as `setka effect --json` prints it.
    static func effect(_ url: URL, into target: URL) throws -> Outcome {
        let study = try effectStudy(url)
        let scenarioName = study.scenario
        try write(into: target, job: Reports.effectJob(scenario: scenarioName, scenarioPath: url.path), try Reports.effectFiles(study))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Outcome(summary: String(decoding: try encoder.encode(study), as: UTF8.self), stopped: false, note: nil)
    }

    // MARK: - the year plan of meetings (`setka meetings`)

    /// The year plan of the network platforms' meetings of the scenario at `url`, as `setka
    /// meetings --out` makes it: `MeetingsRun` (plan, independent check), its files (`plan.csv`,
    /// the calendars, the printable `plan.html`, `plan.xlsx`, `meetings-summary.json`) and the CSV
    /// files as one ZIP, written into `target` whole. A plan that cannot hold every meeting is
    /// written partial, with the reasons in the run's note.
    static func meetings(_ url: URL, timeLimit: Double, hooks: Hooks, into target: URL) throws -> Outcome {
        let started = Date()
        let scenario = try load(url)
        let reserve = 1 + Double(scenario.participants.count) * 0.0015
        let options = MeetingsOptions(timeLimit: max(0.5, timeLimit - Date().timeIntervalSince(started) - reserve),
                                      shouldStop: hooks.shouldStop)
        let run: MeetingsRun
        do {
            run = try MeetingsRun.run(scenario, options: options, scenarioPath: url.path) { p in
                hooks.progress(RunProgress(phase: "meetings-\(p.phase.rawValue): \(p.block)/\(p.blocks)",
                                           elapsed: Date().timeIntervalSince(started), steps: p.placed))
            }
        } catch {
            throw Failure(ru: "план встреч не удалось составить: \(error.description)", en: error.description)
        }
        let files = try run.files()
        try write(into: target, job: ResultJob(name: MeetingsOutput.jobName, owns: MeetingsOutput.ownedFiles + archiveFiles,
                                               scenario: scenario.name, scenarioPath: url.path), files)
        let words = MeetingsWords(scenario.language)
        let plan = run.plan
        let why = plan.infeasibleMonths.map { words.proof($0, schoolYear: plan.schoolYear, scenario: scenario) }
            + plan.unplaced.map { words.unplaced($0, schoolYear: plan.schoolYear, scenario: scenario) }
        return Outcome(summary: text(files, MeetingsOutput.summaryFile), stopped: false,
                       note: plan.isComplete ? nil : why.joined(separator: "\n"))
    }

    // MARK: - advice (`setka advise`)

    /// The single changes that would serve the most students, on the timetable of the finished
    /// profile day in `from`, as `setka advise SCENARIO RESULT_DIR --out` finds and writes them
    /// (`Advisor.advise` on one thread — one solve per core —, `AdviceOutput.files`, the
    /// printable `advice.html`), into `target` whole. Each variant's `base:` points at the
    /// uploaded scenario from `target`, so the advice's variants run as they are.
    static func advise(_ url: URL, from: URL, timeLimit: Double, seed: UInt64, hooks: Hooks, into target: URL) throws -> Outcome {
        let started = Date()
        let scenario = try load(url)
        guard let folder = scenario.folder else { throw Failure(ru: "у сценария нет папки, на которой можно построить варианты советов", en: "the scenario has no folder to base the advice's variants on") }
        let timetable: Timetable
        do { timetable = try TimetableIO.read(from: from).timetable } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics)
        }
        let reserve = 0.5 + Double(scenario.students.count) * 0.0002
        let options = AdviceOptions(timeLimit: max(1, timeLimit - Date().timeIntervalSince(started) - reserve), top: 5, seed: seed,
                                    maxCandidates: 60, threads: 1)
        let words = Words(scenario)
        let advice: Advice
        do {
            advice = try Advisor.advise(AdviceInput(folder: folder, scenario: scenario, timetable: timetable), options: options,
                                        progress: { p in
                                            hooks.progress(RunProgress(phase: p.phase.rawValue, best: nil, bound: nil, gap: nil,
                                                                       elapsed: p.seconds, steps: p.done))
                                        }, shouldStop: hooks.shouldStop)
        } catch {
            switch error {
            case .noProfileDay: throw Failure(ru: "в сценарии нет единого профильного дня (profile_day)", en: "the scenario has no profile day")
            case .invalidInput(let d): throw Failure(d)
            case .timetableDoesNotFit(let v):
                throw Failure(ru: "расписание не подходит к этому сценарию: " + v.prefix(10).map(Words(.ru, names: words.names).line).joined(separator: "; "),
                              en: "the timetable does not fit this scenario: " + v.prefix(10).map(Words(.en, names: words.names).line).joined(separator: "; "))
            }
        }
        let files = try AdviceOutput.files(advice, scenarioFolder: folder, outFolder: target, wording: words)
            + [ResultFile(AdviceOutput.htmlFile, text: Reports.adviceHTML(advice, names: words.names))]
        let job = ResultJob(name: AdviceOutput.jobName, owns: AdviceOutput.ownedFiles + archiveFiles, scenario: scenario.name,
                            scenarioPath: folder.path)
        try write(into: target, job: job, files)
        return Outcome(summary: text(files, AdviceOutput.jsonFile), stopped: advice.stoppedEarly && hooks.shouldStop(),
                       note: advice.problems.isEmpty ? nil : advice.problems.joined(separator: "\n"))
    }

    // MARK: - writing

    /// The ZIP of a run's CSV files.
    static let csvArchive = "csv.zip"
    static let archiveFiles = ResultFileSet(names: [csvArchive])

    /// `files` and the ZIP of their CSV files into `target`, through a `ResultFolderWriter`:
    /// swapped in whole once all is written, or nothing.
    static func write(into target: URL, job: ResultJob, _ files: [ResultFile]) throws {
        let writer = try ResultFolderWriter(target: target.path, job: job)
        do {
            try writer.write(files)
            try writer.write([ResultFile(csvArchive, try csvArchive(files))])
            _ = try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Every `.csv` of `files` (those in `kept-*/` too) in one ZIP, in memory.
    static func csvArchive(_ files: [ResultFile]) throws -> Data {
        try zip(files.filter { $0.name.hasSuffix(".csv") }.sorted { $0.name < $1.name })
    }

    /// `files` in one ZIP, in memory, in their order, each by its name.
    static func zip(_ files: [ResultFile]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for f in files {
            let data = f.data
            try archive.addEntry(with: f.name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// The text of file `name` among `files`.
    static func text(_ files: [ResultFile], _ name: String) -> String {
        files.first { $0.name == name }.map { String(decoding: $0.data, as: UTF8.self) } ?? "null"
    }

    /// The file a finished run's key figures are in (`summary.json`, `partners-summary.json`,
    /// `comparison.json`); an effect run's figures are worked out from its study.
    static func summaryFile(_ job: JobKind) -> String? {
        switch job {
        case .schedule: ScheduleOutput.summaryFile
        case .partner: PartnerRun.summaryFile
        case .compare: ComparisonOutput.jsonFile
        case .effect: nil
        case .meetings: MeetingsOutput.summaryFile
        case .advise: AdviceOutput.jsonFile
        }
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
    /// `comparison.html`, in `language`; `sources` as `ComparisonReportInput.sources`.
    static func comparisonTables(run folder: URL, scenario: Scenario?, language: ReportLanguage, sources: [String]? = nil) throws -> [ReportTable] {
        let data = try Data(contentsOf: folder.appendingPathComponent(ComparisonOutput.jsonFile))
        let summary = try JSONDecoder().decode(CompareReport.self, from: data)
        return Reports.comparisonTables(ComparisonReportInput(comparison: summary.comparison, kept: summary.kept,
                                                              scenario: scenario, language: language, sources: sources))
    }

}
