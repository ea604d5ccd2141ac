import Foundation
import Partnering
import ProfileDay
import SetkaModel

/// How each scenario of a comparison or sweep is solved. Part of the cache key.
public struct RunOptions: Sendable, Hashable, Codable {
    /// Wall-clock limit, seconds: for `ScenarioRunner.run`, of the whole set of scenarios (it
    /// shares it out); for an engine, of one solve (profile day, partnering).
    public var timeLimit: Double
    /// Seed of the profile-day search.
    public var seed: UInt64
    /// Stop the profile-day search after this many steps (nil = time limit only). With an
    /// iteration limit reached before the time limit, results do not depend on machine speed.
    public var maxIterations: Int?
    /// Search threads of one profile-day solve (the runner gives the base two and each variant
    /// one, as variants run two at a time).
    public var searchThreads: Int
    /// A timetable the profile-day search starts from (the base's, for a variant).
    public var start: Timetable?
    /// A published timetable to stay close to: the search keeps as much of it as it can, then
    /// optimises (`ScheduleOptions.keep`).
    public var keep: Timetable?

    public init(timeLimit: Double = 30, seed: UInt64 = 1, maxIterations: Int? = nil,
                searchThreads: Int = 2, start: Timetable? = nil) {
        self.timeLimit = timeLimit; self.seed = seed; self.maxIterations = maxIterations
        self.searchThreads = searchThreads; self.start = start
    }
}

/// What a profile-day engine returns: a timetable and what the solver knows about it.
public struct ProfileDaySolve: Sendable, Hashable, Codable {
    public var timetable: Timetable
    /// A proven upper bound on the objective, when known.
    public var bound: Double?
    /// What the scheduler proved.
    public var status: ScheduleStatus
    public var seconds: Double
    /// True when the search was stopped from outside (Ctrl-C): such a result is not cached.
    public var interrupted: Bool

    public init(timetable: Timetable, bound: Double?, status: ScheduleStatus, seconds: Double, interrupted: Bool = false) {
        self.timetable = timetable; self.bound = bound; self.status = status; self.seconds = seconds
        self.interrupted = interrupted
    }
}

/// One partner pair of an assignment (a row of `partners.csv`).
public struct PartnerRow: Sendable, Hashable, Codable {
    public var rule: String
    public var recipient: String
    public var provider: String
    public var minutes: Double
    public var gain: Double

    public init(rule: String, recipient: String, provider: String, minutes: Double, gain: Double) {
        self.rule = rule; self.recipient = recipient; self.provider = provider
        self.minutes = minutes; self.gain = gain
    }
}

/// What a partnering engine returns.
public struct PartneringSolve: Sendable, Codable {
    public var pairs: [PartnerRow]
    /// Recipients that could not get all their partners.
    public var unservedRecipients: [String]
    public var objective: Double?
    public var status: PartnerStatus
    public var seconds: Double
    /// The assignment itself, when the engine made one: the runner verifies it with
    /// `PartnerRun.verified` (every rule, the objective recomputed), and the cache stores it.
    public var assignment: PartnerAssignment?
    /// True when the solve was stopped from outside (Ctrl-C): such a result is not cached.
    public var interrupted: Bool

    public init(pairs: [PartnerRow], unservedRecipients: [String] = [], objective: Double? = nil,
                status: PartnerStatus, seconds: Double, assignment: PartnerAssignment? = nil, interrupted: Bool = false) {
        self.pairs = pairs; self.unservedRecipients = unservedRecipients; self.objective = objective
        self.status = status; self.seconds = seconds; self.assignment = assignment; self.interrupted = interrupted
    }

    /// The rows and figures of a verified partner run.
    public init(_ run: PartnerRun, seconds: Double) {
        let names = run.scenario.partnering.map(\.name)
        func rule(_ i: Int) -> String { names.indices.contains(i) ? names[i] : "rule \(i + 1)" }
        let a = run.assignment
        self.init(pairs: a.pairs.map { PartnerRow(rule: rule($0.rule), recipient: $0.recipient, provider: $0.provider,
                                                  minutes: $0.minutes, gain: $0.gain) },
                  unservedRecipients: a.unserved.map(\.recipient), objective: a.objective,
                  status: a.status, seconds: seconds, assignment: a, interrupted: run.status == .interrupted)
    }
}

/// What is known of a profile-day plan in a comparison: the scheduler's status, or for a plan
/// kept from a published timetable whether the checker accepted it.
public enum PlanStatus: String, Sendable, Hashable, Codable {
    /// The objective equals the proven bound.
    case optimal
    /// A valid timetable; the bound may be higher.
    case feasible
    /// A published timetable re-planned stably, verified.
    case kept
    /// A kept plan the checker rejected (never expected: it would not be used).
    case invalid

    public init(_ status: ScheduleStatus) {
        switch status {
        case .optimal: self = .optimal
        case .feasible: self = .feasible
        }
    }
}

/// The key figures of a profile-day timetable, recomputed by the independent checker.
public struct ProfileDayFigures: Sendable, Hashable, Codable {
    public var students: Int
    public var fullyServed: Int
    public var partlyServed: Int
    public var notServed: Int
    /// Enrolments in a first choice / all enrolments (0 when there are none).
    public var firstChoiceShare: Double
    public var enrolments: Int
    public var sections: Int
    public var remoteSections: Int
    /// Teachers who teach at least one section.
    public var teachersTeaching: Int
    public var meanTravelMinutes: Double
    public var maxTravelMinutes: Double
    public var objective: Double
    public var bound: Double?
    /// (bound − objective) / max(1, |bound|), when the bound is known.
    public var gap: Double?
    public var status: PlanStatus
    /// True when the checker found no broken rule.
    public var verified: Bool
    public var violations: Int
    public var seconds: Double

    /// The figures of `solve` under `scenario`, from `ProfileDayChecker`.
    public init(_ solve: ProfileDaySolve, in scenario: Scenario) {
        let report = ProfileDayChecker.check(solve.timetable, in: scenario)
        self.init(report: report, students: scenario.students.count, bound: solve.bound,
                  status: PlanStatus(solve.status), seconds: solve.seconds)
    }

    init(report: CheckReport, students: Int, bound: Double?, status: PlanStatus, seconds: Double) {
        let o = report.objective
        self.students = students
        fullyServed = o.studentsFullyServed; partlyServed = o.studentsPartlyServed; notServed = o.studentsNotServed
        enrolments = o.enrolments
        firstChoiceShare = o.enrolments > 0 ? Double(o.enrolmentsByRank.first ?? 0) / Double(o.enrolments) : 0
        sections = o.sections; remoteSections = o.remoteSections; teachersTeaching = o.teachersTeaching
        meanTravelMinutes = o.meanTravelMinutes; maxTravelMinutes = o.maxTravelMinutes
        objective = o.value
        self.bound = bound
        gap = bound.map { max(0, $0 - o.value) / max(1, abs($0)) }
        self.status = status
        verified = report.isValid; violations = report.violations.count
        self.seconds = seconds
    }
}

/// The key figures of a partner assignment.
public struct PartneringFigures: Sendable, Hashable, Codable {
    public var pairs: Int
    public var totalGain: Double
    public var meanMinutes: Double
    public var unservedRecipients: Int
    public var objective: Double?
    public var status: PartnerStatus
    public var seconds: Double
    /// True when `PartnerChecker` accepted the assignment (the figures are then the checked
    /// pairs'); nil when the engine gave rows only (nothing to check).
    public var verified: Bool?

    public init(_ solve: PartneringSolve, verified: Bool? = nil) {
        self.verified = verified
        pairs = solve.pairs.count
        totalGain = solve.pairs.reduce(0) { $0 + $1.gain }
        meanMinutes = solve.pairs.isEmpty ? 0 : solve.pairs.reduce(0) { $0 + $1.minutes } / Double(solve.pairs.count)
        unservedRecipients = solve.unservedRecipients.count
        objective = solve.objective; status = solve.status; seconds = solve.seconds
    }
}

/// Everything a run of one scenario produced: figures for the table and the plans for the diff.
public struct ScenarioRunResult: Sendable, Codable {
    /// The scenario's (or variant's) name.
    public var name: String
    /// The path it was loaded from, as given.
    public var source: String
    /// The cache key of its inputs.
    public var inputHash: String
    public var profileDay: ProfileDayFigures?
    public var timetable: Timetable?
    /// Ids of the scenario's students (for the diff: who is in both scenarios).
    public var studentsKnown: [String]?
    public var partnering: PartneringFigures?
    public var partnerPairs: [PartnerRow]?
    /// The verified partner assignment behind `partnerPairs` (for the cache; not in the
    /// comparison's JSON).
    public var partnerAssignment: PartnerAssignment?
    /// Why a part could not be run (solver error); empty when all went well.
    public var problems: [String]
    /// What the variant changed (nil for a plain scenario).
    public var variantReport: VariantReport?
    /// True when the result came from the cache, not a fresh solve.
    public var fromCache: Bool
    /// The variant re-planned from the published timetable (`ScenarioRunner.published`).
    public var kept: StableReplanResult?
    /// The run whose timetable, cut to this scenario and completed, beat this run's own and was
    /// taken instead (see `ScenarioRunner.crossCheck`), or nil.
    public var adoptedFrom: String?

    public init(name: String, source: String, inputHash: String, profileDay: ProfileDayFigures? = nil,
                timetable: Timetable? = nil, partnering: PartneringFigures? = nil, partnerPairs: [PartnerRow]? = nil,
                problems: [String] = [], variantReport: VariantReport? = nil, fromCache: Bool = false) {
        self.name = name; self.source = source; self.inputHash = inputHash; self.profileDay = profileDay
        self.timetable = timetable; self.partnering = partnering; self.partnerPairs = partnerPairs
        self.problems = problems; self.variantReport = variantReport; self.fromCache = fromCache
    }
}
