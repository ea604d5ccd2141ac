import SetkaModel

/// One section: a course taught by one teacher in one slot, at a site in a room, or remote
/// (`site == nil && room == nil`).
public struct Section: Sendable, Hashable, Codable {
    public var id: String
    public var course: String
    public var teacher: String
    public var site: String?
    public var room: String?
    public var slot: String

    public init(id: String, course: String, teacher: String, site: String?, room: String?, slot: String) {
        self.id = id; self.course = course; self.teacher = teacher
        self.site = site; self.room = room; self.slot = slot
    }

    public var isRemote: Bool { site == nil }
}

extension Pin {
    /// The pin that names exactly `section` (course, teacher, site or remote, room, slot): the
    /// row of `pins.csv` that keeps this section as it is (rule H6), with `students` attending it.
    public init(section: Section, students: [String] = []) {
        self.init(course: section.course, teacher: section.teacher, place: section.site.map(Place.site) ?? .remote,
                  room: section.room, slot: section.slot, students: students)
    }
}

/// A student attending a section.
public struct Enrolment: Sendable, Hashable, Codable {
    public var student: String
    public var section: String
    public init(student: String, section: String) { self.student = student; self.section = section }
}

/// A profile-day timetable: the opened sections and who attends them
/// (`sections.csv` and `enrolments.csv`).
public struct Timetable: Sendable, Hashable, Codable {
    public var sections: [Section]
    public var enrolments: [Enrolment]
    public init(sections: [Section] = [], enrolments: [Enrolment] = []) {
        self.sections = sections; self.enrolments = enrolments
    }
}
