import Foundation
import SetkaModel

/// Why a partner run produced nothing to write.
public enum PartnerRunError: Error, Sendable, CustomStringConvertible {
    /// The scenario has no partnering rules.
    case invalidInput([Diagnostic])
    /// The solver failed.
    case solver(PartnerError)
    /// The independent checker rejected the assignment (a bug in Setka).
    case rejected([PartnerViolation])

    public var description: String {
        switch self {
        case .invalidInput(let d): return d.map(\.description).joined(separator: "\n")
        case .solver(let e): return "error: \(e)"
        case .rejected(let v):
            return "the independent checker rejected the assignment (a bug in Setka; nothing was written): "
                + v.prefix(20).map(\.description).joined(separator: "; ")
        }
    }
}

/// One partner-assignment job, start to end: build → solve → independent check → report →
/// files, as values in memory. Used by `setka partner`, by `setka compare` (which so checks its
/// partner results too) and by the browser application; writing is a separate step (`files`
/// into a `ResultFolderWriter`).
public struct PartnerRun: Sendable {
    /// The job's name in a result folder's manifest.
    public static let jobName = "partner"
    public static let partnersFile = "partners.csv"
    public static let appendixFile = "appendix.md"
    /// The partner job's own summary: a profile-day `summary.json` in the same folder keeps the
    /// spec's fields (`objective`, `bound`, `status`, `seconds`) for the timetable.
    public static let summaryFile = "partners-summary.json"
    /// Every file a partner run writes (and so owns in a result folder).
    public static let ownedFiles = ResultFileSet(names: [partnersFile, appendixFile, summaryFile])

    /// What a run is doing, for progress lines.
    public enum Phase: String, Sendable {
        case building, solving, checking
    }

    /// How the run ended (the assignment is always verified: a rejected one is an error).
    public enum Status: String, Sendable, Codable {
        /// Every recipient has all its partners and every fixed pair is kept.
        case complete
        /// Some recipients lack partners or a fixed pair could not be kept (reasons in the report).
        case incomplete
        /// Stopped early from outside: the best assignment found so far, not proven optimal.
        case interrupted
    }

    public let scenario: Scenario
    public let assignment: PartnerAssignment
    /// The report data (tables, reasons, summary figures) the files are written from.
    public internal(set) var report: PartnerReport
    public let status: Status

    /// Builds and solves the assignment of `scenario`'s rules and verifies it independently.
    /// `loadSeconds` is reported in the timings; `shouldStop` ends the solve early with the best
    /// assignment so far.
    public static func run(_ scenario: Scenario, options: PartnerOptions, scenarioPath: String? = nil,
                           loadSeconds: Double = 0, progress: (@Sendable (Phase) -> Void)? = nil,
                           shouldStop: (@Sendable () -> Bool)? = nil) throws(PartnerRunError) -> PartnerRun {
        guard !scenario.partnering.isEmpty else {
            throw .invalidInput([.error(ru: "в scenario.yaml нет правил в разделе `partnering:`; распределять нечего",
                                        en: "scenario.yaml has no rules under `partnering:`; nothing to assign",
                                        at: SourceLocation(file: ScenarioLoader.settingsFileName))])
        }
        let clock = ContinuousClock()
        let start = clock.now
        progress?(.building)
        let problem = PartnerProblem(scenario: scenario)
        let problemSeconds = PartnerSolver.seconds(clock.now - start)
        progress?(.solving)
        var options = options
        if let shouldStop { options.shouldStop = shouldStop }
        let assignment: PartnerAssignment
        do { assignment = try PartnerSolver.solve(problem, options: options) } catch { throw .solver(error) }
        let stopped = assignment.status != .optimal && (shouldStop?() ?? false)
        progress?(.checking)
        let checkStart = clock.now
        var run = try verified(assignment, in: scenario, scenarioPath: scenarioPath, interrupted: stopped)
        run.report.seconds = .init(load: loadSeconds, build: problemSeconds + assignment.buildSeconds,
                                   solve: assignment.solverSeconds, check: PartnerSolver.seconds(clock.now - checkStart),
                                   total: loadSeconds + PartnerSolver.seconds(clock.now - start))
        return run
    }

    /// The run value of an assignment: checked by `PartnerChecker` (every rule, capacity,
    /// travel, fixed and forbidden pair, the objective recomputed), then its report.
    public static func verified(_ assignment: PartnerAssignment, in scenario: Scenario, scenarioPath: String? = nil,
                                interrupted: Bool = false) throws(PartnerRunError) -> PartnerRun {
        let violations = PartnerChecker(scenario: scenario).check(assignment)
        guard violations.isEmpty else { throw .rejected(violations) }
        var report = PartnerReport(scenario: scenario, assignment: assignment)
        report.scenarioPath = scenarioPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let status: Status = interrupted ? .interrupted : (assignment.isComplete ? .complete : .incomplete)
        return PartnerRun(scenario: scenario, assignment: assignment, report: report, status: status)
    }

    private init(scenario: Scenario, assignment: PartnerAssignment, report: PartnerReport, status: Status) {
        self.scenario = scenario; self.assignment = assignment; self.report = report; self.status = status
    }

    /// The job as a result folder's writer sees it: `ownedFiles` plus `also` (the report files).
    public func job(also: ResultFileSet = ResultFileSet(names: [])) -> ResultJob {
        ResultJob(name: Self.jobName, owns: Self.ownedFiles + also, scenario: scenario.name, scenarioPath: report.scenarioPath)
    }

    /// `partners.csv`, `appendix.md` and `partners-summary.json`, in memory.
    public func files() -> [ResultFile] {
        [ResultFile(Self.partnersFile, text: report.partnersCSV()),
         ResultFile(Self.appendixFile, text: report.appendixMarkdown()),
         ResultFile(Self.summaryFile, (try? report.summaryJSON()) ?? Data())]
    }

    /// The short text summary `setka partner` prints.
    public var text: String {
        let r = report
        let state = r.status == .optimal ? "proven optimal" : (status == .interrupted ? "stopped early, not proven optimal" : r.status.rawValue)
        var lines = ["\(r.scenario): \(state), objective \(PartnerMessages.plain(r.objective, digits: 2)), \(r.placesServed) of \(r.placesNeeded) partner places filled"]
        for rule in r.rules {
            lines.append("  \(rule.name): \(rule.placesServed)/\(rule.placesNeeded) places, gain \(PartnerMessages.plain(rule.gain, digits: 1)), travel \(PartnerMessages.plain(rule.minutes, digits: 1)) min, objective \(PartnerMessages.plain(rule.objective, digits: 2))")
        }
        return lines.joined(separator: "\n")
    }

    /// One line per recipient left without partners and per fixed pair not kept, then a total
    /// (for stderr when the run is incomplete); empty when complete.
    public var shortfallLines: [String] {
        guard !assignment.isComplete else { return [] }
        var lines: [String] = []
        for rule in report.rules {
            for u in rule.unserved { lines.append("\(rule.name): \(u.recipientName) (\(u.recipient)): \(u.reason)") }
            for f in rule.fixedProblems { lines.append("\(rule.name): \(f)") }
        }
        lines.append("incomplete: \(assignment.placesServed) of \(assignment.placesNeeded) partner places filled"
            + (assignment.fixedProblems.isEmpty ? "" : ", \(assignment.fixedProblems.count) fixed pair(s) not kept"))
        return lines
    }
}
