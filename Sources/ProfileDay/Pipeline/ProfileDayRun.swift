import Foundation
import SetkaModel

/// Why a profile-day run produced nothing to write.
public enum ProfileDayRunError: Error, Sendable, CustomStringConvertible {
    /// The scenario cannot be scheduled (no profile day, bad data the loader let through).
    case invalidInput([Diagnostic])
    /// The independent checker rejected the scheduler's timetable (a bug in Setka).
    case rejected([Violation])
    /// The checker's objective differs from the scheduler's (a bug in Setka).
    case objectiveMismatch(checker: Double, scheduler: Double)
    /// A timetable made elsewhere breaks these rules (`imported`): not a bug, the file's.
    case notValid([Violation])

    public var description: String {
        switch self {
        case .invalidInput(let d): return d.map(\.description).joined(separator: "\n")
        case .rejected(let v):
            return "internal error: the checker rejected the timetable the scheduler built (\(v.count) violation\(v.count == 1 ? "" : "s")); nothing was written"
        case .objectiveMismatch(let c, let s):
            return "internal error: the checker's objective \(c) differs from the scheduler's \(s); nothing was written"
        case .notValid(let v):
            return "the timetable breaks \(v.count) rule\(v.count == 1 ? "" : "s") of the scenario; nothing was written"
        }
    }
}

/// One profile-day job, start to end: solve → independent check → summary → reasons → files, as
/// values in memory. The command line (`setka schedule`), `setka compare` and the browser
/// application all run the profile day through it, so that a figure in a file, on stderr and on
/// a page cannot differ. Writing is a separate step (`files` into a `ResultFolderWriter`).
///
///     let run = try ProfileDayRun.run(scenario, options: options, settings: settings,
///                                     progress: { … }, shouldStop: { cancelled })
///     let writer = try ResultFolderWriter(target: out, job: run.job)
///     try writer.write(run.files(wording: Words(scenario.language)))
///     try writer.commit()
public struct ProfileDayRun: Sendable {
    /// The job's name in a result folder's manifest.
    public static let jobName = "schedule"

    /// Every file a profile-day run writes (and so owns in a result folder).
    public static let ownedFiles = ResultFileSet(names: [
        TimetableIO.sectionsFile, TimetableIO.enrolmentsFile, TimetableIO.studentsViewFile,
        TimetableIO.teachersViewFile, TimetableIO.sitesViewFile, TimetableIO.schoolsViewFile,
        ScheduleOutput.coursesNotOpenedFile, ScheduleOutput.studentsShortFile, ScheduleOutput.explanationsFile,
        ScheduleOutput.summaryFile,
    ])

    /// How the run ended, beside its timetable (always verified: a rejected one is an error).
    public enum Status: String, Sendable, Codable {
        /// Every student got as many electives as wanted.
        case complete
        /// Some students are short of electives (`explanations.studentsShort` says why): a
        /// result, not a failure.
        case studentsShort = "students-short"
        /// Stopped early from outside (Ctrl-C, SIGTERM, a cancelled job): the best verified
        /// timetable found so far.
        case interrupted
    }

    public let scenario: Scenario
    public let result: ScheduleResult
    /// The independent checker's report on `result.timetable` (valid: checked in `run`).
    public let check: CheckReport
    public let summary: ScheduleSummary
    public let settings: ScheduleSummary.Settings

    public var timetable: Timetable { result.timetable }
    /// Why courses did not open and students are short (the scheduler's, as they are).
    public var explanations: Explanations { result.explanations }
    public var objective: ProfileDayObjective { check.objective }

    public var status: Status {
        if result.stoppedBy == .interrupted { return .interrupted }
        return result.explanations.studentsShort.isEmpty ? .complete : .studentsShort
    }

    /// Solves `scenario` and verifies the timetable independently. `progress` hears the search
    /// about once a second; `shouldStop` returning true ends the search with the best timetable
    /// so far (which is verified and returned like any other).
    public static func run(_ scenario: Scenario, options: ScheduleOptions, settings: ScheduleSummary.Settings,
                           progress: (@Sendable (ScheduleProgress) -> Void)? = nil,
                           shouldStop: @escaping @Sendable () -> Bool = { false }) throws(ProfileDayRunError) -> ProfileDayRun {
        guard scenario.profileDay?.slots.isEmpty == false else {
            throw .invalidInput([.error(ru: "в scenario.yaml нет profile_day.slots, поэтому профильный день составлять не для чего",
                                        en: "scenario.yaml has no profile_day.slots, so there is no profile day to schedule",
                                        at: SourceLocation(file: ScenarioLoader.settingsFileName))])
        }
        let result: ScheduleResult
        do {
            result = try ProfileDayScheduler.schedule(scenario, options: options, progress: progress, shouldStop: shouldStop)
        } catch let e as ScenarioError {
            throw .invalidInput(e.diagnostics)
        } catch {
            throw .invalidInput([.error(ru: "по этому сценарию нельзя составить расписание: \(error)", en: "the scenario cannot be scheduled: \(error)")])
        }
        return try verified(result, in: scenario, settings: settings)
    }

    /// The run value of a scheduler result: checked by `ProfileDayChecker`, its objective
    /// compared with the scheduler's, the summary built from the checker's figures.
    public static func verified(_ result: ScheduleResult, in scenario: Scenario,
                                settings: ScheduleSummary.Settings) throws(ProfileDayRunError) -> ProfileDayRun {
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        guard report.isValid else { throw .rejected(report.violations) }
        guard abs(report.objective.value - result.objective) <= 1e-6 * max(1, abs(result.objective)) else {
            throw .objectiveMismatch(checker: report.objective.value, scheduler: result.objective)
        }
        let summary = ScheduleOutput.summary(result: result, report: report, scenario: scenario, settings: settings)
        return ProfileDayRun(scenario: scenario, result: result, check: report, summary: summary, settings: settings)
    }

    /// A timetable made elsewhere (by hand in a spreadsheet, last year's, another tool's) as a
    /// profile-day run, so that everything a run offers (its views, reports, hand edits, a later
    /// run kept close to it) works on it: checked by the independent checker against `scenario`,
    /// its reasons (courses not opened, students short) found as a search's are, stopped by
    /// `.imported`. It was not searched for, so its only bound is what `bound` gives: the
    /// scenario's proven upper bound (`ProfileDayScheduler.bound`), which bounds every valid
    /// timetable of it and so tells how far this one may be from the best (its gap); nil, none
    /// (nor one below the timetable's objective, which would not be a bound). `bound` is asked
    /// only once the timetable has passed the check (a city's takes about a minute). A timetable
    /// that breaks a rule is `.notValid` with the checker's findings: nothing to write.
    public static func imported(_ timetable: Timetable, in scenario: Scenario, settings: ScheduleSummary.Settings,
                                bound: () -> (value: Double?, method: BoundMethod)? = { nil }) throws(ProfileDayRunError) -> ProfileDayRun {
        let outcome: EditOutcome
        do {
            // No edit: the timetable as it is, checked, with the state its reasons are found in.
            outcome = try TimetableEditing.apply([], to: timetable, in: scenario)
        } catch {
            switch error.reason {
            case .invalidTimetable(let violations): throw .notValid(violations)
            case .rejected(let violations): throw .rejected(violations)
            case .noProfileDay:
                throw .invalidInput([.error(ru: "в scenario.yaml нет profile_day.slots, поэтому расписание профильного дня не с чем сверить",
                                            en: "scenario.yaml has no profile_day.slots, so there is no profile day to check the timetable against",
                                            at: SourceLocation(file: ScenarioLoader.settingsFileName))])
            default: throw .invalidInput([.error(ru: "расписание не удалось принять: \(error)", en: "the timetable could not be taken: \(error)")])
            }
        }
        var result = outcome.scheduleResult(stoppedBy: .imported)
        // A "bound" below the checked timetable's objective would not be one: it is left out
        // rather than shown as a negative gap (the timetable itself is what was asked for).
        if let bound = bound(), let value = bound.value, value >= result.objective - 1e-6 * max(1, abs(value)) {
            result.bound = value
            result.boundMethod = bound.method
            result.status = .of(objective: result.objective, bound: value)
        }
        return try verified(result, in: scenario, settings: settings)
    }

    /// The job as a result folder's writer sees it: `ownedFiles` plus `also` (the report files
    /// when `--report` may write them: a stale report must not survive a new timetable).
    public func job(also: ResultFileSet = ResultFileSet(names: [])) -> ResultJob {
        ResultJob(name: Self.jobName, owns: Self.ownedFiles + also, scenario: scenario.name, scenarioPath: settings.scenarioPath)
    }

    /// Every output file, in memory: `sections.csv`, `enrolments.csv`, the four views,
    /// `courses-not-opened.csv` and `students-short.csv` with the reasons in `wording`'s words
    /// (`Words(scenario.language)` from the Wording module), `explanations.json` (typed) and
    /// `summary.json`.
    public func files(wording: some ExplanationWording) -> [ResultFile] {
        ScheduleOutput.files(result: result, summary: summary, scenario: scenario, wording: wording)
    }

    /// The key figures for stderr.
    public var keyFigures: String { ScheduleOutput.keyFigures(result: result, report: check) }
}
