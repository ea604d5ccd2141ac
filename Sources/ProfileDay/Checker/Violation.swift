import Foundation
import SetkaModel

/// One broken rule in a profile-day timetable, in plain words.
///
/// `rule` says which hard rule of `scenario-format.md` (H1…H5) is broken, or `structure` when
/// the timetable does not fit the scenario at all (an unknown id, a duplicate row). `kind`
/// names the exact clause; `message` says it for a person and names the ids involved.
public struct Violation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The hard rule (or structural problem) a violation belongs to.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        case teacher = "H1"
        case room = "H2"
        case size = "H3"
        case student = "H4"
        case visitingTeacher = "H5"
        case pins = "H6"
        case structure = "structure"

        /// A short name for reports: `H1 teacher`, `structure`.
        public var title: String {
            switch self {
            case .teacher: "H1 teacher"
            case .room: "H2 room"
            case .size: "H3 size"
            case .student: "H4 student"
            case .visitingTeacher: "H5 visiting teacher"
            case .pins: "H6 pins"
            case .structure: "structure"
            }
        }
    }

    /// The exact clause that is broken.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        // Structure: the timetable refers to things the scenario does not have.
        case noProfileDay
        case unknownCourse
        case unknownTeacher
        case unknownSite
        case unknownRoom
        case unknownSlot
        case unknownStudent
        case duplicateSection
        case unknownSection
        case duplicateEnrolment
        // H1 teacher.
        case teacherCourseNotTaught
        case teacherSlotNotFree
        case teacherTooManySections
        case teacherTwoSectionsInSlot
        case teacherDoesNotTravel
        case teacherTravelTooLong
        // H2 room.
        case roomNotAtSite
        case roomMissing
        case roomWithoutSite
        case roomWrongKind
        case roomTwoSectionsInSlot
        case siteNotAllowedForCourse
        case courseNotRemote
        // H3 size.
        case sectionTooSmall
        case sectionTooLarge
        case sectionOverRoomCapacity
        // H4 student.
        case studentCourseNotChosen
        case studentCourseTwice
        case studentTwoSectionsInSlot
        case studentTooManySections
        case studentTripTooLong
        case studentTravelTooLong
        // H5 visiting teacher.
        case visitingTeacherTooFewHostStudents
        // H1 or H4: a travel time needed by a rule is not known.
        case travelUnknown
        // H6 pins.
        case pinNotMet
        case pinStudentsMissing
        case pinSectionShared
    }

    public var rule: Rule
    public var kind: Kind
    /// The finding in plain words, naming the student/teacher/section/room/slot.
    public var message: String
    /// Ids involved, for programs (the message already names them for people).
    public var sections: [String]
    public var teacher: String?
    public var student: String?
    public var site: String?
    public var room: String?
    public var slot: String?

    public init(_ rule: Rule, _ kind: Kind, _ message: String, sections: [String] = [],
                teacher: String? = nil, student: String? = nil, site: String? = nil,
                room: String? = nil, slot: String? = nil) {
        self.rule = rule; self.kind = kind; self.message = message; self.sections = sections
        self.teacher = teacher; self.student = student; self.site = site; self.room = room; self.slot = slot
    }

    /// `H1 teacher: teacher T3 teaches sections S4 and S9 in slot 2`.
    public var description: String { "\(rule.title): \(message)" }
}

/// Joins ids the way a sentence lists them: `A`, `A and B`, `A, B and C`.
func wordList(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

/// Minutes for a message: `12`, `12.5`, `12.35`.
func minutesText(_ m: Double) -> String {
    if m == m.rounded() && abs(m) < 1e12 { return String(Int(m)) }
    let s = String(format: "%.2f", m)
    var t = Substring(s)
    while t.hasSuffix("0") { t = t.dropLast() }
    if t.hasSuffix(".") { t = t.dropLast() }
    return String(t)
}
