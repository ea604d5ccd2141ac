import Foundation
import Meetings
import SetkaModel

/// Why a year-plan run produced nothing to write.
public enum MeetingsRunError: Error, Sendable, CustomStringConvertible {
    /// The scenario has no `meetings:` settings, or no platforms.
    case invalidInput(String)
    /// The solver failed.
    case solver(MeetingsError)
    /// The independent checker rejected the plan, or recomputed other figures (a bug in Setka).
    case rejected([MeetingsViolation], figures: String?)

    public var description: String {
        switch self {
        case .invalidInput(let why): return why
        case .solver(let e): return "\(e)"
        case .rejected(let v, let figures):
            return "the independent checker rejected the year plan (a bug in Setka; nothing was written): "
                + (figures ?? v.prefix(20).map(\.description).joined(separator: "; "))
        }
    }
}

/// One year-plan job, start to end: plan → independent check → files, as values in memory. Used
/// by `setka meetings` and by the browser application; writing is a separate step (`files` into
/// a `ResultFolderWriter`, as `job`).
public struct MeetingsRun: Sendable {
    public let scenario: Scenario
    public let plan: MeetingsPlan
    /// The checker's verdict (always valid: a rejected plan is an error) and its own figures.
    public let check: MeetingsCheckReport
    /// Where the scenario was read from (recorded in `meetings-summary.json`).
    public let scenarioPath: String?

    /// Plans the year of `scenario` and verifies the plan independently.
    public static func run(_ scenario: Scenario, options: MeetingsOptions = MeetingsOptions(), scenarioPath: String? = nil,
                           progress: (@Sendable (MeetingsProgress) -> Void)? = nil) throws(MeetingsRunError) -> MeetingsRun {
        if let why = inputProblem(scenario) { throw .invalidInput(why) }
        let plan: MeetingsPlan
        do { plan = try MeetingsPlanner.plan(scenario, options: options, progress: progress) } catch { throw .solver(error) }
        let check = MeetingsChecker.check(plan, in: scenario)
        guard check.isValid else { throw .rejected(check.violations, figures: nil) }
        guard abs(check.travelMinutes - plan.travelMinutes) <= 1e-6 * max(1, plan.travelMinutes), check.sameWeek == plan.sameWeek else {
            throw .rejected([], figures: "the checker's figures (travel \(check.travelMinutes), same week \(check.sameWeek)) differ from the planner's (\(plan.travelMinutes), \(plan.sameWeek))")
        }
        return MeetingsRun(scenario: scenario, plan: plan, check: check, scenarioPath: scenarioPath)
    }

    /// Why `scenario` has no year to plan (no `meetings:` settings, no platforms), or nil.
    public static func inputProblem(_ scenario: Scenario) -> String? {
        if scenario.meetings == nil {
            return "scenario.yaml has no 'meetings:' settings; a year plan needs at least meetings.school_year (e.g. school_year: 2026)"
        }
        if scenario.platforms.isEmpty { return "platforms.csv has no platforms; there is nothing to plan" }
        return nil
    }

    /// The job as a result folder's writer sees it.
    public var job: ResultJob {
        ResultJob(name: MeetingsOutput.jobName, owns: MeetingsOutput.ownedFiles, scenario: scenario.name, scenarioPath: scenarioPath)
    }

    /// Every file of the run (`MeetingsOutput.files`).
    public func files(generated: Date = Date()) throws -> [ResultFile] {
        try MeetingsOutput.files(plan, check: check, scenario: scenario, generated: generated, scenarioPath: scenarioPath)
    }
}
