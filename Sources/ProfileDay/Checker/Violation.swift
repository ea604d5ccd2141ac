import SetkaModel

/// One broken rule in a profile-day timetable.
///
/// `rule` says which hard rule of `scenario-format.md` (H1…H6) is broken, or `structure` when
/// the timetable does not fit the scenario at all (an unknown id, a duplicate row). `kind`
/// names the exact clause; `detail` holds the ids and numbers of the finding, which `Wording`
/// says for a person in Russian or English.
public struct Violation: Sendable, Hashable, Codable {
    /// The hard rule (or structural problem) a violation belongs to.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        case teacher = "H1"
        case room = "H2"
        case size = "H3"
        case student = "H4"
        case visitingTeacher = "H5"
        case pins = "H6"
        case structure = "structure"
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

    /// Where a person is for one of two sections in consecutive slots (travel findings).
    public struct Stop: Sendable, Hashable, Codable {
        public var section: String
        /// The site the person is at: the section's, or (remote) the teacher's own site or the
        /// student's own school.
        public var site: String
        /// The section is remote and counted at `site`.
        public var remote: Bool
        public var slot: String
        public init(section: String, site: String, remote: Bool, slot: String) {
            self.section = section; self.site = site; self.remote = remote; self.slot = slot
        }
    }

    /// Whose day a travel finding is about.
    public enum Person: Sendable, Hashable, Codable {
        case teacher(String)
        case student(String)
    }

    /// The finding with every id and number it involves: what a person reads is made from this
    /// (in Russian or English, by `Wording`), never the other way round.
    public enum Detail: Sendable, Hashable, Codable {
        // Structure.
        case noProfileDay
        case duplicateSection(section: String)
        case unknownCourse(section: String, course: String)
        case unknownTeacher(section: String, teacher: String)
        case unknownSlot(section: String, slot: String)
        case unknownSite(section: String, site: String)
        case unknownSection(student: String, section: String)
        case duplicateEnrolment(student: String, section: String)
        case unknownStudent(student: String, sections: [String])
        case unknownRoom(section: String, room: String, site: String)
        // H1 teacher.
        case teacherCourseNotTaught(teacher: String, section: String, course: String, courses: [String])
        case teacherSlotNotFree(teacher: String, section: String, slot: String, free: [String])
        case teacherDoesNotTravel(teacher: String, section: String, site: String, ownSite: String)
        case teacherTooManySections(teacher: String, sections: [String], maxSections: Int)
        case teacherTwoSectionsInSlot(teacher: String, sections: [String], slot: String)
        // H1 or H4: two sections in consecutive slots.
        case travelTooLong(person: Person, from: Stop, to: Stop, minutes: Double, gap: Double)
        case travelUnknown(person: Person, from: Stop, to: Stop)
        // H2 room.
        case roomWithoutSite(section: String, room: String)
        case courseNotRemote(section: String, course: String)
        case siteNotAllowedForCourse(section: String, course: String, site: String, allowed: [String])
        case roomMissing(section: String, site: String)
        case roomNotAtSite(section: String, room: String, site: String, roomSites: [String])
        case roomWrongKind(section: String, course: String, kind: String, room: String, site: String, roomKind: String)
        case roomTwoSectionsInSlot(room: String, site: String, sections: [String], slot: String)
        // H3 size.
        case sectionTooSmall(section: String, course: String, enrolled: Int, minSize: Int)
        case sectionTooLarge(section: String, course: String, enrolled: Int, maxSize: Int)
        case sectionOverRoomCapacity(section: String, enrolled: Int, room: String, site: String, capacity: Int)
        // H4 student.
        case studentCourseNotChosen(student: String, section: String, course: String)
        case studentCourseTwice(student: String, course: String, sections: [String])
        case studentTwoSectionsInSlot(student: String, sections: [String], slot: String)
        case studentTooManySections(student: String, sections: [String], wants: Int)
        case studentTripTooLong(student: String, school: String, section: String, site: String, minutes: Double, limit: Double)
        case studentTripUnknown(student: String, school: String, section: String, site: String)
        // H5 visiting teacher.
        // H6 pins (`pin` is the pin's position in `scenario.pins`: row `pin + 2` of pins.csv).
        /// No open section has the pin's columns.
        case pinNotMet(pin: Int, pinned: Pin)
        /// `sections` have its columns, but `students` (named by the pin) attend none of them.
        case pinStudentsMissing(pin: Int, pinned: Pin, sections: [String], students: [String])
        /// `sections` meet the pin, but each is the section of another of `pins`.
        case pinSectionShared(pin: Int, pinned: Pin, sections: [String], pins: [Int])
        case visitingTeacherTooFewHostStudents(section: String, course: String, site: String, teacher: String,
                                               teacherSite: String, hostStudents: Int, enrolled: Int, needed: Int)

        /// The clause this finding breaks.
        public var kind: Kind {
            switch self {
            case .noProfileDay: .noProfileDay
            case .duplicateSection: .duplicateSection
            case .unknownCourse: .unknownCourse
            case .unknownTeacher: .unknownTeacher
            case .unknownSlot: .unknownSlot
            case .unknownSite: .unknownSite
            case .unknownSection: .unknownSection
            case .duplicateEnrolment: .duplicateEnrolment
            case .unknownStudent: .unknownStudent
            case .unknownRoom: .unknownRoom
            case .teacherCourseNotTaught: .teacherCourseNotTaught
            case .teacherSlotNotFree: .teacherSlotNotFree
            case .teacherDoesNotTravel: .teacherDoesNotTravel
            case .teacherTooManySections: .teacherTooManySections
            case .teacherTwoSectionsInSlot: .teacherTwoSectionsInSlot
            case .travelTooLong(.teacher, _, _, _, _): .teacherTravelTooLong
            case .travelTooLong(.student, _, _, _, _): .studentTravelTooLong
            case .travelUnknown, .studentTripUnknown: .travelUnknown
            case .roomWithoutSite: .roomWithoutSite
            case .courseNotRemote: .courseNotRemote
            case .siteNotAllowedForCourse: .siteNotAllowedForCourse
            case .roomMissing: .roomMissing
            case .roomNotAtSite: .roomNotAtSite
            case .roomWrongKind: .roomWrongKind
            case .roomTwoSectionsInSlot: .roomTwoSectionsInSlot
            case .sectionTooSmall: .sectionTooSmall
            case .sectionTooLarge: .sectionTooLarge
            case .sectionOverRoomCapacity: .sectionOverRoomCapacity
            case .studentCourseNotChosen: .studentCourseNotChosen
            case .studentCourseTwice: .studentCourseTwice
            case .studentTwoSectionsInSlot: .studentTwoSectionsInSlot
            case .studentTooManySections: .studentTooManySections
            case .studentTripTooLong: .studentTripTooLong
            case .visitingTeacherTooFewHostStudents: .visitingTeacherTooFewHostStudents
            case .pinNotMet: .pinNotMet
            case .pinStudentsMissing: .pinStudentsMissing
            case .pinSectionShared: .pinSectionShared
            }
        }

        /// The rule this finding belongs to (an unknown travel time: H1 for a teacher's day, H4 for
        /// a student's).
        public var rule: Rule {
            switch self {
            case .travelUnknown(.teacher, _, _): .teacher
            case .travelUnknown(.student, _, _), .studentTripUnknown: .student
            default: kind.rule
            }
        }
    }

    public var rule: Rule
    public var kind: Kind
    /// The finding, with its ids and numbers.
    public var detail: Detail
    /// Ids involved, for programs and filters.
    public var sections: [String]
    public var teacher: String?
    public var student: String?
    public var site: String?
    public var room: String?
    public var slot: String?

    public init(_ detail: Detail, sections: [String] = [], teacher: String? = nil, student: String? = nil,
                site: String? = nil, room: String? = nil, slot: String? = nil) {
        self.detail = detail; self.rule = detail.rule; self.kind = detail.kind; self.sections = sections
        self.teacher = teacher; self.student = student; self.site = site; self.room = room; self.slot = slot
    }
}

extension Violation.Kind {
    /// The rule a clause belongs to (`travelUnknown`: H4; see `Violation.Detail.rule`).
    public var rule: Violation.Rule {
        switch self {
        case .noProfileDay, .unknownCourse, .unknownTeacher, .unknownSite, .unknownRoom, .unknownSlot,
             .unknownStudent, .duplicateSection, .unknownSection, .duplicateEnrolment: .structure
        case .teacherCourseNotTaught, .teacherSlotNotFree, .teacherTooManySections, .teacherTwoSectionsInSlot,
             .teacherDoesNotTravel, .teacherTravelTooLong: .teacher
        case .roomNotAtSite, .roomMissing, .roomWithoutSite, .roomWrongKind, .roomTwoSectionsInSlot,
             .siteNotAllowedForCourse, .courseNotRemote: .room
        case .sectionTooSmall, .sectionTooLarge, .sectionOverRoomCapacity: .size
        case .studentCourseNotChosen, .studentCourseTwice, .studentTwoSectionsInSlot, .studentTooManySections,
             .studentTripTooLong, .studentTravelTooLong, .travelUnknown: .student
        case .visitingTeacherTooFewHostStudents: .visitingTeacher
        case .pinNotMet, .pinStudentsMissing, .pinSectionShared: .pins
        }
    }
}
