import Foundation
import ProfileDay
import SetkaModel

/// A published timetable (`--keep DIR`) checked against the scenario it is to be kept in, before
/// anything is re-planned: what of it can be kept, and what cannot and why (an unknown course,
/// teacher, room or student, a double-booked room or teacher, a section now too small…).
public struct PublishedTimetableCheck: Sendable {
    /// The published timetable cut to what the scenario allows (valid by the checker).
    public var usable: Timetable
    /// Published sections that cannot be kept, with the checker's reason.
    public var sectionsDropped: [DroppedSection]
    /// Published enrolments of students the scenario does not have.
    public var enrolmentsOfUnknownStudents: Int
    /// Distinct such students (and how many distinct students the published timetable enrols).
    public var unknownStudents: Int
    public var publishedStudents: Int
    /// Other published enrolments that cannot be kept (their section dropped, or a student rule).
    public var enrolmentsDropped: Int
    public var published: (sections: Int, enrolments: Int)

    /// Checks `published` against `scenario`.
    public init(_ published: Timetable, in scenario: Scenario) {
        let known = Set(scenario.students.map(\.id))
        var cut = published
        cut.enrolments = published.enrolments.filter { known.contains($0.student) }
        enrolmentsOfUnknownStudents = published.enrolments.count - cut.enrolments.count
        let all = Set(published.enrolments.map(\.student))
        publishedStudents = all.count
        unknownStudents = all.subtracting(known).count
        let restricted = StableReplanning.restrict(cut, to: scenario)
        usable = restricted.timetable
        sectionsDropped = restricted.dropped
        enrolmentsDropped = restricted.enrolmentsDropped
        self.published = (published.sections.count, published.enrolments.count)
    }

    /// Nothing of it can be kept: no section survives, or none of its students is in the
    /// scenario (another scenario's timetable). Then re-planning against it is an error.
    public var nothingFits: Bool {
        usable.sections.isEmpty || (publishedStudents > 0 && unknownStudents == publishedStudents)
    }

    /// Why nothing fits, in both languages (nil when something does); `ru` and `en` word the
    /// checker's findings (`Words.dropped` of the Wording module).
    public func whyNothingFits(ru: (Violation) -> String, en: (Violation) -> String) -> Phrase? {
        guard nothingFits else { return nil }
        if publishedStudents > 0 && unknownStudents == publishedStudents {
            return Phrase(ru: "ни одного из его учеников (\(publishedStudents)) нет в этом сценарии: это расписание другого сценария",
                          en: "none of its \(publishedStudents) students is in this scenario: it is the timetable of another scenario")
        }
        return Phrase(ru: "ни одну из его групп (\(published.sections)) нельзя сохранить в этом сценарии" + examples(ru, more: { "; и ещё \($0)" }),
                      en: "none of its \(published.sections) sections can be kept in this scenario" + examples(en))
    }

    /// What is dropped, one line each (empty when everything can be kept).
    public func warnings(reason: (Violation) -> String) -> [String] {
        var out: [String] = []
        if unknownStudents > 0 {
            out.append("\(unknownStudents) of its \(publishedStudents) students are not in this scenario; their \(enrolmentsOfUnknownStudents) enrolments are dropped")
        }
        if !sectionsDropped.isEmpty {
            out.append("\(sectionsDropped.count) of its \(published.sections) sections cannot be kept" + examples(reason))
        }
        if enrolmentsDropped > 0 {
            out.append("\(enrolmentsDropped) more enrolments cannot be kept (their section is dropped, or they break a student's rule)")
        }
        return out
    }

    private func examples(_ reason: (Violation) -> String, limit: Int = 5,
                          more: (Int) -> String = { "; and \($0) more" }) -> String {
        guard !sectionsDropped.isEmpty else { return "" }
        let shown = sectionsDropped.prefix(limit).map { "\($0.section): \(reason($0.reason))" }.joined(separator: "; ")
        return ": " + shown + (sectionsDropped.count > limit ? more(sectionsDropped.count - limit) : "")
    }
}
