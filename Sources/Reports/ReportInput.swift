import Foundation
import Partnering
import ProfileDay
import Scenarios
import SetkaModel

/// One row of `partners.csv`: a pair, or (empty `provider`) a recipient left without a partner.
public struct PartnerRow: Sendable, Hashable {
    public var rule: String
    public var recipient: String
    /// nil for a recipient left without (some) partners; `note` then says why.
    public var provider: String?
    public var minutes: Double?
    public var gain: Double?
    /// `gain:<subject>` columns in file order; nil where the cell is empty.
    public var subjectGains: [SubjectGain]
    /// From the optional `fixed` column.
    public var fixed: Bool?
    /// From the optional `note` column.
    public var note: String

    public struct SubjectGain: Sendable, Hashable {
        public var subject: String
        public var gain: Double?
        public init(subject: String, gain: Double?) { self.subject = subject; self.gain = gain }
    }

    public init(rule: String, recipient: String, provider: String?, minutes: Double?, gain: Double?,
                subjectGains: [SubjectGain] = [], fixed: Bool? = nil, note: String = "") {
        self.rule = rule; self.recipient = recipient; self.provider = provider; self.minutes = minutes
        self.gain = gain; self.subjectGains = subjectGains; self.fixed = fixed; self.note = note
    }
}

/// Why something happened, as a report has it: the typed explanation (worded in the report's
/// language), or only the words a result folder recorded (shown as written), or nothing.
public enum RecordedReason<Explanation: Sendable & Hashable>: Sendable, Hashable {
    case explained(Explanation)
    case recorded(String)
    case notRecorded
}

/// A course that did not open and why (a row of `courses-not-opened.csv`).
public struct NotOpenedCourse: Sendable, Hashable {
    public var course: String
    public var title: String
    public var chosenBy: Int
    /// nil when not recorded.
    public var withinReach: Int?
    public var reason: RecordedReason<CourseExplanation>
    public init(course: String, title: String, chosenBy: Int, withinReach: Int?, reason: RecordedReason<CourseExplanation>) {
        self.course = course; self.title = title; self.chosenBy = chosenBy; self.withinReach = withinReach; self.reason = reason
    }
    public init(_ e: CourseExplanation) {
        self.init(course: e.course, title: e.title, chosenBy: e.chosenBy, withinReach: e.withinReach, reason: .explained(e))
    }
}

/// A student who got fewer electives than wanted, and why (a row of `students-short.csv`).
public struct ShortStudent: Sendable, Hashable {
    public var student: String
    public var school: String
    public var wanted: Int
    public var got: Int
    public var reason: RecordedReason<StudentExplanation>
    public init(student: String, school: String, wanted: Int, got: Int, reason: RecordedReason<StudentExplanation>) {
        self.student = student; self.school = school; self.wanted = wanted; self.got = got; self.reason = reason
    }
    public init(_ e: StudentExplanation) {
        self.init(student: e.student, school: e.school, wanted: e.wanted, got: e.got, reason: .explained(e))
    }
}

/// What `summary.json` of a profile-day run says beyond the timetable itself.
public struct ScheduleRunInfo: Sendable, Hashable {
    public var status: ScheduleStatus?
    public var bound: Double?
    public var gap: Double?
    public init(status: ScheduleStatus? = nil, bound: Double? = nil, gap: Double? = nil) {
        self.status = status; self.bound = bound; self.gap = gap
    }
}

/// What `summary.json` of a partner run says beyond `partners.csv`.
public struct PartnerRunInfo: Sendable, Hashable {
    public var status: PartnerStatus?
    public var objective: Double?
    public var placesNeeded: Int?
    public var placesServed: Int?
    public init(status: PartnerStatus? = nil, objective: Double? = nil, placesNeeded: Int? = nil, placesServed: Int? = nil) {
        self.status = status; self.objective = objective; self.placesNeeded = placesNeeded; self.placesServed = placesServed
    }
}

/// Everything a report is built from: plain values, so that `schedule`, `partner`, `compare`
/// and `report` all build the same report from what they hold.
public struct ReportInput: Sendable {
    public var scenario: Scenario
    /// The profile-day timetable, when there is one.
    public var timetable: Timetable?
    /// From `courses-not-opened.csv`; nil = not recorded (the report lists unopened courses
    /// with "reason not recorded").
    public var coursesNotOpened: [NotOpenedCourse]?
    /// From `students-short.csv`; nil = not recorded (the report derives who got fewer).
    public var studentsShort: [ShortStudent]?
    public var scheduleRun: ScheduleRunInfo?
    /// The partner assignment (`partners.csv` rows), when there is one.
    public var partners: [PartnerRow]?
    public var partnerRun: PartnerRunInfo?
    /// The report's language; defaults to the scenario's `language:`.
    public var language: ReportLanguage
    /// What `setka advise` found would help this timetable (`advice.json` beside it), if any.
    public var advice: Advice?

    public init(scenario: Scenario, timetable: Timetable? = nil, coursesNotOpened: [NotOpenedCourse]? = nil,
                studentsShort: [ShortStudent]? = nil, scheduleRun: ScheduleRunInfo? = nil,
                partners: [PartnerRow]? = nil, partnerRun: PartnerRunInfo? = nil, language: ReportLanguage? = nil) {
        self.scenario = scenario; self.timetable = timetable; self.coursesNotOpened = coursesNotOpened
        self.studentsShort = studentsShort; self.scheduleRun = scheduleRun; self.partners = partners
        self.partnerRun = partnerRun; self.language = language ?? scenario.language
    }
}

extension ReportInput {
    /// The report input of a profile-day run, from its values in memory (`schedule --report`).
    public init(_ run: ProfileDayRun, language: ReportLanguage? = nil) {
        self.init(scenario: run.scenario, schedule: run.result, language: language)
    }

    /// The report input of a `setka schedule` run, straight from its result (for `schedule --report`).
    public init(scenario: Scenario, schedule result: ScheduleResult, language: ReportLanguage? = nil) {
        self.init(scenario: scenario, timetable: result.timetable,
                  coursesNotOpened: result.explanations.coursesNotOpened.map(NotOpenedCourse.init),
                  studentsShort: result.explanations.studentsShort.map(ShortStudent.init),
                  scheduleRun: ScheduleRunInfo(status: result.status, bound: result.bound, gap: result.gap),
                  language: language)
    }
}
