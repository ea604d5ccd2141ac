import Foundation
import Meetings
import SetkaModel

/// `summary.json` of a year plan: the format's fields (`objective`, `bound`, `status`,
/// `seconds`) for the first objective (participants' travel minutes, minimised, so `bound` is a
/// lower bound), the same for the second (meetings sharing a person's week), and the checker's
/// verdict.
public struct MeetingsSummary: Sendable, Codable {
    public var scenario: String
    public var scenarioPath: String?
    public var schoolYear: Int
    public var status: String
    /// Travel minutes (one way, from each participant's organisation to the venue, per meeting).
    public var objective: Double
    public var bound: Double?
    public var gap: Double?
    public var sameWeek: Int
    public var sameWeekBound: Int?
    public var meetingsPlanned: Int
    public var meetingsExpected: Int
    public var unplaced: [UnplacedMeeting]
    public var infeasibleMonths: [MonthsInfeasibility]
    public var verified: Bool
    public var violations: Int
    public var seconds: Double
    public var stages: [StageReport]
    public var timeZone: String
}

/// Every file of `setka meetings --out DIR`, as bytes, so that the command line writes them (one
/// result folder, swapped in whole) and a web page can serve them:
///
/// - `plan.csv` (`platform,meeting,date,start,end,venue`), `people.csv` (the per-person list),
///   `unplaced.csv` (partial plans only), `meetings-summary.json` (named apart from the profile
///   day's `summary.json`, so both runs can share a folder);
/// - `meetings.ics` (the district) and `calendars/ORG.ics` (one per organisation whose people
///   attend or which hosts a meeting);
/// - `plan.html` (the printable consolidated plan) and `plan.xlsx` (the same tables as sheets).
public enum MeetingsOutput {
    public static let planFile = "plan.csv"
    public static let peopleFile = "people.csv"
    public static let unplacedFile = "unplaced.csv"
    public static let summaryFile = "meetings-summary.json"
    public static let districtCalendarFile = "meetings.ics"
    public static let calendarsFolder = "calendars"
    public static let pageFile = "plan.html"
    public static let workbookFile = "plan.xlsx"
    /// The job's name in a result folder's manifest.
    public static let jobName = "meetings"
    /// The top-level entries the job owns (it rewrites them and removes those it did not write
    /// this time, such as an `unplaced.csv` of an earlier partial plan).
    public static let ownedFiles = ResultFileSet(names: [planFile, peopleFile, unplacedFile, summaryFile, districtCalendarFile,
                                                         calendarsFolder, pageFile, workbookFile])

    public static func summary(_ plan: MeetingsPlan, check: MeetingsCheckReport, scenario: Scenario,
                               scenarioPath: String?) -> MeetingsSummary {
        let partial = plan.status == .partial
        return MeetingsSummary(
            scenario: scenario.name, scenarioPath: scenarioPath, schoolYear: plan.schoolYear, status: plan.status.rawValue,
            objective: check.travelMinutes, bound: partial ? nil : plan.travelBound, gap: plan.travelGap,
            sameWeek: check.sameWeek, sameWeekBound: partial ? nil : plan.sameWeekBound,
            meetingsPlanned: check.meetingsPlanned, meetingsExpected: check.meetingsExpected,
            unplaced: plan.unplaced, infeasibleMonths: plan.infeasibleMonths, verified: check.isValid,
            violations: check.violations.count, seconds: plan.seconds, stages: plan.stages,
            timeZone: scenario.meetings?.timeZone ?? MeetingsSettings.defaultTimeZone)
    }

    public static func summaryJSON(_ summary: MeetingsSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(summary)
    }

    /// A file name for an organisation's calendar: its id with anything but letters, digits,
    /// `-`, `_` and `.` replaced by `_` (ids may hold `/` or `:`), unique.
    static func calendarName(_ id: String, used: inout Set<String>) -> String {
        var base = String(id.unicodeScalars.map { s -> Character in
            let c = Character(s)
            return c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." ? c : "_"
        })
        if base.hasPrefix(".") { base = "_" + base.dropFirst() }
        var name = base, n = 2
        while !used.insert(name.lowercased()).inserted { name = "\(base)-\(n)"; n += 1 }
        return name
    }

    /// All files, in a fixed order.
    public static func files(_ plan: MeetingsPlan, check: MeetingsCheckReport, scenario: Scenario,
                             generated: Date = Date(), scenarioPath: String? = nil) throws -> [ResultFile] {
        var out: [ResultFile] = []
        func add(_ name: String, _ text: String) { out.append(ResultFile(name, text: text)) }
        out.append(ResultFile(planFile, PlanTables.planCSV(plan)))
        out.append(ResultFile(peopleFile, PlanTables.peopleCSV(plan, scenario: scenario)))
        if !plan.unplaced.isEmpty { out.append(ResultFile(unplacedFile, PlanTables.unplacedCSV(plan, scenario: scenario))) }
        add(districtCalendarFile, ICalendar.district(plan, scenario: scenario, generated: generated))
        var used: Set<String> = []
        for org in scenario.organisations {
            guard let text = ICalendar.organisation(org.id, plan: plan, scenario: scenario, generated: generated) else { continue }
            add("\(calendarsFolder)/\(calendarName(org.id, used: &used)).ics", text)
        }
        add(pageFile, PlanReport.html(plan, scenario: scenario, verified: check.isValid))
        out.append(ResultFile(workbookFile, Data(try PlanReport.workbook(plan, scenario: scenario))))
        out.append(ResultFile(summaryFile, try summaryJSON(summary(plan, check: check, scenario: scenario, scenarioPath: scenarioPath))))
        return out
    }
}
