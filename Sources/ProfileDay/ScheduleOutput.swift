import Foundation
import SetkaModel

/// `summary.json` of a profile-day run: the spec's fields (`objective`, `bound`, `status`,
/// `seconds`) and the key figures a coordinator asks about.
public struct ScheduleSummary: Sendable, Codable {
    public struct Settings: Sendable, Codable {
        public var timeLimit: Double
        public var seed: UInt64
        public var iterations: Int?
        /// The scenario folder (or variant file) the run read, so `setka report DIR` finds it.
        public var scenarioPath: String?
        public init(timeLimit: Double, seed: UInt64, iterations: Int?, scenarioPath: String? = nil) {
            self.timeLimit = timeLimit; self.seed = seed; self.iterations = iterations; self.scenarioPath = scenarioPath
        }
    }

    public var scenario: String
    /// Where the scenario was read from (also in `settings`), for `setka report`.
    public var scenarioPath: String?
    public var objective: Double
    public var bound: Double?
    /// (bound − objective) / |bound|, as a fraction.
    public var gap: Double?
    public var boundMethod: BoundMethod
    public var status: ScheduleStatus
    public var seconds: Double
    public var searchSteps: Int
    public var stoppedBy: StopReason
    public var verified: Bool
    public var settings: Settings
    public var studentsTotal: Int
    public var studentsFullyServed: Int
    public var studentsPartlyServed: Int
    public var studentsNotServed: Int
    /// Enrolments by choice rank: index 0 = first choices.
    public var enrolmentsByRank: [Int]
    public var enrolments: Int
    public var sections: Int
    public var remoteSections: Int
    public var teacherSections: Int
    public var teachersTeaching: Int
    public var meanTravelMinutes: Double
    public var maxTravelMinutes: Double
    public var objectiveParts: ObjectiveParts
    public var coursesNotOpened: [CourseExplanation]
    public var studentsShort: Int

    public struct ObjectiveParts: Sendable, Codable {
        public var rankValue: Double
        public var travelCost: Double
        public var sectionCost: Double
    }
}

/// Writes a verified schedule result into a folder.
public enum ScheduleOutput {
    public typealias RunSettings = ScheduleSummary.Settings

    public static func summary(result: ScheduleResult, report: CheckReport, scenario: Scenario,
                               settings: RunSettings) -> ScheduleSummary {
        let o = report.objective
        return ScheduleSummary(
            scenario: scenario.name, scenarioPath: settings.scenarioPath, objective: o.value, bound: result.bound, gap: result.gap,
            boundMethod: result.boundMethod, status: result.status, seconds: result.seconds,
            searchSteps: result.iterations, stoppedBy: result.stoppedBy, verified: report.isValid,
            settings: settings, studentsTotal: scenario.students.count,
            studentsFullyServed: o.studentsFullyServed, studentsPartlyServed: o.studentsPartlyServed,
            studentsNotServed: o.studentsNotServed, enrolmentsByRank: o.enrolmentsByRank,
            enrolments: o.enrolments, sections: o.sections, remoteSections: o.remoteSections,
            teacherSections: o.sections, teachersTeaching: o.teachersTeaching,
            meanTravelMinutes: o.meanTravelMinutes, maxTravelMinutes: o.maxTravelMinutes,
            objectiveParts: .init(rankValue: o.rankValue, travelCost: o.travelCost, sectionCost: o.sectionCost),
            coursesNotOpened: result.explanations.coursesNotOpened,
            studentsShort: result.explanations.studentsShort.count)
    }

    /// Key figures for stderr.
    public static func keyFigures(result: ScheduleResult, report: CheckReport) -> String {
        let o = report.objective
        var lines: [String] = []
        lines.append(String(format: "objective %.1f", o.value)
                     + (result.bound.map { String(format: ", bound %.1f, gap %.2f%%", $0, (result.gap ?? 0) * 100) } ?? "")
                     + " (\(result.status.rawValue), \(String(format: "%.1f", result.seconds)) s, \(result.iterations) steps, stopped by \(result.stoppedBy.rawValue))")
        let total = o.studentsFullyServed + o.studentsPartlyServed + o.studentsNotServed
        lines.append("students: \(total); fully served \(o.studentsFullyServed), partly \(o.studentsPartlyServed), not at all \(o.studentsNotServed)")
        let ranks = o.enrolmentsByRank.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: ", ")
        lines.append("enrolments: \(o.enrolments) by choice rank (\(ranks))")
        lines.append("sections: \(o.sections) (\(o.remoteSections) remote), teachers teaching: \(o.teachersTeaching)")
        lines.append(String(format: "travel: mean %.1f min, max %.1f min", o.meanTravelMinutes, o.maxTravelMinutes))
        lines.append("courses not opened: \(result.explanations.coursesNotOpened.count); students short of electives: \(result.explanations.studentsShort.count)")
        lines.append("verified by the independent checker: \(report.isValid ? "yes" : "NO")")
        return lines.joined(separator: "\n")
    }
}

extension ScheduleOutput {
    public static let coursesNotOpenedFile = "courses-not-opened.csv"
    public static let studentsShortFile = "students-short.csv"
    public static let summaryFile = "summary.json"
    /// The typed explanations, for `setka report` (which words them in its own language).
    public static let explanationsFile = "explanations.json"

    /// The output files of a verified result, in memory: the timetable files (`TimetableIO`),
    /// `courses-not-opened.csv` and `students-short.csv` (reasons in the words `wording` gives:
    /// the scenario's language), `explanations.json` (the typed causes) and `summary.json`.
    public static func files(result: ScheduleResult, summary: ScheduleSummary, scenario: Scenario,
                             wording: some ExplanationWording) -> [ResultFile] {
        var files = TimetableIO.files(result.timetable, scenario: scenario)
        var courses = CSVWriter()
        courses.row(["course", "title", "chosen_by", "within_reach", "reason"])
        for c in result.explanations.coursesNotOpened {
            courses.row([c.course, c.title, String(c.chosenBy), String(c.withinReach), wording.reason(c)])
        }
        files.append(ResultFile(coursesNotOpenedFile, courses.data(byteOrderMark: true)))
        var students = CSVWriter()
        students.row(["student", "school", "wanted", "got", "reason"])
        for s in result.explanations.studentsShort {
            students.row([s.student, s.school, String(s.wanted), String(s.got), wording.reason(s)])
        }
        files.append(ResultFile(studentsShortFile, students.data(byteOrderMark: true)))
        // Compact: a city's explanations name tens of thousands of sections. Keys sorted: the
        // same timetable gives the same bytes (a dictionary's order differs from run to run).
        let compact = JSONEncoder()
        compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        files.append(ResultFile(explanationsFile, (try? compact.encode(result.explanations)) ?? Data()))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        files.append(ResultFile(summaryFile, (try? encoder.encode(summary)) ?? Data()))
        return files
    }

    /// Writes the files of a verified result into `folder`, swapped in whole
    /// (`ResultFolderWriter`; the folder's other jobs' files are kept).
    public static func write(result: ScheduleResult, report: CheckReport, scenario: Scenario, to folder: URL,
                             settings: RunSettings, wording: some ExplanationWording) throws(OutputError) {
        let summary = summary(result: result, report: report, scenario: scenario, settings: settings)
        let writer = try ResultFolderWriter(target: folder.path, job: ResultJob(
            name: ProfileDayRun.jobName, owns: ProfileDayRun.ownedFiles, scenario: scenario.name, scenarioPath: settings.scenarioPath))
        try writer.write(files(result: result, summary: summary, scenario: scenario, wording: wording))
        try writer.commit()
    }
}
