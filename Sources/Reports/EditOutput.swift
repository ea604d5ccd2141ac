import Foundation
import ProfileDay
import SetkaModel

/// What a hand edit of a profile-day timetable writes (`setka edit --out`, and the browser's
/// «Принять правку»): the edited timetable as `setka schedule` writes it (`ProfileDayRun`,
/// re-verified by the independent checker), `edit.json` (what the edit did), `changes.csv` (who
/// moved) and, with pins, `pins.csv`. One place, so that the command line and the server write
/// the same folder.
public enum EditOutput {
    /// `edit.json` (what the edit did) and `changes.csv` (who moved).
    public static let reportFile = "edit.json"
    public static let changesFile = "changes.csv"

    /// The result folder's job: the schedule's (an edited timetable replaces it), with the edit's
    /// own files (and `also`).
    public static func job(scenarioPath: String, also: ResultFileSet = ResultFileSet(names: [])) -> ResultJob {
        ResultJob(name: ProfileDayRun.jobName,
                  owns: ProfileDayRun.ownedFiles + Reports.ownedFiles
                      + ResultFileSet(names: [reportFile, changesFile, ScenarioWriter.FileName.pins]) + also,
                  scenarioPath: scenarioPath)
    }

    /// The edited timetable as a profile-day run, re-verified by the independent checker (an
    /// error when it is rejected: nothing is written then).
    public static func run(_ outcome: EditOutcome, scenarioPath: String) throws(ProfileDayRunError) -> ProfileDayRun {
        let settings = ScheduleSummary.Settings(timeLimit: 0, seed: 0, iterations: nil, scenarioPath: scenarioPath)
        return try ProfileDayRun.verified(outcome.scheduleResult(), in: outcome.scenario, settings: settings)
    }

    /// Every file of the edited result folder, in memory: `run`'s files in `wording`'s words,
    /// `edit.json`, `changes.csv`, and `pins.csv` (all the pins after the edit) when `pinsFile`.
    public static func files(_ outcome: EditOutcome, run: ProfileDayRun, wording: some ExplanationWording,
                             pinsFile: Bool) throws -> [ResultFile] {
        var files = run.files(wording: wording) + [ResultFile(reportFile, try reportJSON(outcome.report)),
                                                   ResultFile(changesFile, changesCSV(outcome))]
        if pinsFile { files.append(ResultFile(ScenarioWriter.FileName.pins, text: ScenarioWriter.pinsCSV(outcome.pins))) }
        return files
    }

    /// `changes.csv`: every student whose sections changed, before and after (ids joined by `|`).
    public static func changesCSV(_ outcome: EditOutcome) -> Data {
        var changes = CSVWriter()
        changes.row(["student", "before", "after"])
        for m in outcome.moves { changes.row([m.student, m.before.joined(separator: "|"), m.after.joined(separator: "|")]) }
        return changes.data(byteOrderMark: true)
    }

    /// `edit.json`: the edit's report, pretty-printed with sorted keys.
    public static func reportJSON(_ report: EditReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(report)
    }
}
