import SetkaModel

// The typed causes of the explanations: why a course did not open and why a student did not get
// a choice, each with the ids and numbers a coordinator (or `setka advise`) needs to act on it.
// `Wording` says them in Russian and English; `Explanations.swift` says how the one binding
// cause is found (the order of the tests).

/// A teacher at a place where a section could be held: their site, or remote (`site == nil`).
public struct TeacherPlace: Sendable, Hashable, Codable {
    public var teacher: String
    /// The organisation the section would be held at; nil = remote.
    public var site: String?
    public init(teacher: String, site: String?) { self.teacher = teacher; self.site = site }
}

/// A qualified teacher of a course, where they work and whether they may travel (H1).
public struct QualifiedTeacher: Sendable, Hashable, Codable {
    public var teacher: String
    public var site: String
    public var travels: Bool

    public init(teacher: String, site: String, travels: Bool) {
        self.teacher = teacher; self.site = site; self.travels = travels
    }
}

/// A section one teacher teaches in the final timetable.
public struct TaughtSection: Sendable, Hashable, Codable {
    public var slot: String
    public var course: String
    /// nil = remote.
    public var site: String?
    /// `true` when the section meets a pin (H6, `pins.csv`): the coordinator fixed it; nil when
    /// not (left out of `explanations.json`).
    public var pinned: Bool?

    public init(slot: String, course: String, site: String?, pinned: Bool = false) {
        self.slot = slot; self.course = course; self.site = site; self.pinned = pinned ? true : nil
    }

    public var isPinned: Bool { pinned == true }
}

/// A teacher's day as it stands: when they are free (their `slots`), their `max_sections`, and
/// what they teach.
public struct TeacherDay: Sendable, Hashable, Codable {
    public var teacher: String
    public var site: String
    public var travels: Bool
    public var freeSlots: [String]
    public var maxSections: Int
    public var teaches: [TaughtSection]

    public init(teacher: String, site: String, travels: Bool, freeSlots: [String], maxSections: Int, teaches: [TaughtSection]) {
        self.teacher = teacher; self.site = site; self.travels = travels; self.freeSlots = freeSlots; self.maxSections = maxSections; self.teaches = teaches
    }
}

/// A place with enough students within reach where no section of the course could open in any
/// slot: the teacher's day, and the slots where the teacher was free but every suitable room at
/// the site was taken.
public struct BlockedPlace: Sendable, Hashable, Codable {
    public var place: TeacherPlace
    /// Choosers within reach of the place (with H5 at a visiting place: of the host's own).
    public var withinReach: Int
    public var teacherDay: TeacherDay
    /// Slots in which the teacher could teach there but no suitable room was free.
    public var roomsTakenInSlots: [String]

    public init(place: TeacherPlace, withinReach: Int, teacherDay: TeacherDay, roomsTakenInSlots: [String]) {
        self.place = place; self.withinReach = withinReach; self.teacherDay = teacherDay; self.roomsTakenInSlots = roomsTakenInSlots
    }
}

/// A place where a teacher and a room are free, and the slots in which they are.
public struct FreePlace: Sendable, Hashable, Codable {
    public var place: TeacherPlace
    public var slots: [String]

    public init(place: TeacherPlace, slots: [String]) {
        self.place = place; self.slots = slots
    }
}

/// How many of the students in question take a course in one slot.
public struct CourseCount: Sendable, Hashable, Codable {
    public var course: String
    public var students: Int

    public init(course: String, students: Int) {
        self.course = course; self.students = students
    }
}

/// Why a course opened no section: the first of these tests, in this order, that holds (the
/// binding cause; `Search.explain` documents the tests).
public enum CourseCause: Sendable, Hashable, Codable {
    /// 1. No student chose it.
    case nobodyChose
    /// 2. No teacher lists it in their `courses`.
    case noQualifiedTeacher
    /// 3. No place: no room of `roomKind` with at least `minSize` seats at any site where a
    /// qualified teacher may teach it (their own site; every site when they travel; only the
    /// course's `sites` when it names them), and it cannot run remotely.
    case noSuitableRoom(roomKind: String, minSize: Int, allowedSites: [String], teachers: [QualifiedTeacher])
    /// 4. Fewer students chose it in the whole district than its minimum.
    case tooFewChose(chosenBy: Int, minSize: Int)
    /// 5. At every place it could be held, fewer than the minimum of its choosers are within
    /// `max_trip_minutes` (with H5 at a visiting teacher's place: fewer of the host's own
    /// students); `best` is the place with the most.
    case tooFewWithinReach(best: TeacherPlace, withinReach: Int, hostOnly: Bool, chosenBy: Int, minSize: Int,
                           maxTrip: Double)
    /// 6. Where enough students are within reach, no qualified teacher and suitable room were free
    /// together in any slot (nor anywhere else).
    case noFreeTeacherOrRoom(blocked: [BlockedPlace], minSize: Int)
    /// 7. Where a teacher and a room are free, fewer than the minimum are within reach (the
    /// best such place); the places with enough students are blocked.
    case tooFewNearFreeTeacher(free: FreePlace, withinReach: Int, chosenBy: Int, minSize: Int, blocked: [BlockedPlace])
    /// 8. A teacher and a room are free where enough students are within reach, but in that slot
    /// fewer than the minimum are free to come (not in a section they value more, or cannot
    /// leave, and able to travel); `busyWith` is what the others take then. With H5 at a visiting
    /// teacher's place (`hostOnly`) the numbers are of the host school's own students.
    case tooFewFreeInSlot(free: FreePlace, available: Int, withinReach: Int, hostOnly: Bool, minSize: Int, busyWith: [CourseCount])
    /// 9. A section could open (enough students free to come), but it would not add to the
    /// objective: its students are served about as well where they are.
    case notWorthOpening(free: FreePlace, students: Int, gain: Double)
    /// 10. A section could open and add `gain` to the objective; the search did not find it.
    case leftBySearch(free: FreePlace, students: Int, gain: Double)
}

/// One open section as an explanation names it.
public struct SectionFact: Sendable, Hashable, Codable {
    public var section: String
    /// nil = remote.
    public var site: String?
    public var slot: String
    public var enrolled: Int
    public var capacity: Int
    /// `true` when the section meets a pin (H6, `pins.csv`); nil when not (left out of
    /// `explanations.json`).
    public var pinned: Bool?

    public init(section: String, site: String?, slot: String, enrolled: Int, capacity: Int, pinned: Bool = false) {
        self.section = section; self.site = site; self.slot = slot; self.enrolled = enrolled; self.capacity = capacity
        self.pinned = pinned ? true : nil
    }

    public var isPinned: Bool { pinned == true }
}

/// A course a student takes, with its place in their choices (0 = first).
public struct TakenCourse: Sendable, Hashable, Codable {
    public var course: String
    public var rank: Int
    public var section: SectionFact

    public init(course: String, rank: Int, section: SectionFact) {
        self.course = course; self.rank = rank; self.section = section
    }
}

/// Why a student did not get one of their choices: per section of the course, the first of
/// these obstacles in this order; for the choice, the obstacle of the sections that came
/// furthest (the binding cause; `Search.explain` documents the tests).
public enum ChoiceCause: Sendable, Hashable, Codable {
    /// A. No place where a section of the course could be held is within `max_trip_minutes` of
    /// the student's school; `nearest` is the closest one (nil when no travel time is known).
    case noPlaceWithinReach(nearestSite: String?, minutes: Double?, maxTrip: Double)
    /// B. The course opened no section (its own cause is in the courses not opened).
    case courseNotOpened
    /// 1. Every section is further than `max_trip_minutes`; `nearest` is the closest (`minutes`
    /// nil: no section's travel time is known).
    case tooFar(nearest: SectionFact, minutes: Double?, maxTrip: Double, openSections: Int)
    /// 2. The sections are in slots where the student takes a course they rank higher.
    case slotTaken(sections: [SectionFact], by: [TakenCourse], openSections: Int)
    /// 3. The student could not get there from the section before or after it (or back) in the
    /// break between the slots (`minutes` nil: the travel time is not known).
    case travelBetweenSlots(section: SectionFact, neighbour: TakenCourse, minutes: Double?, gap: Double, openSections: Int)
    /// 4. The sections are full.
    case full(sections: [SectionFact], openSections: Int)
    /// 5. The student would have to leave a course they rank lower, whose section would then fall
    /// below its minimum (`host`: below its minimum of host students, H5).
    case cannotLeave(section: SectionFact, leaving: TakenCourse, minSize: Int, host: Bool, openSections: Int)
    /// 5. The student is pinned (H6, `pins.csv`) to the section they take in that slot
    /// (`pinnedTo`), which they may not leave.
    case pinnedInSlot(section: SectionFact, pinnedTo: TakenCourse, openSections: Int)
    /// 6. The student could join, but it is worth less to the objective than what they have
    /// (`instead`, in that slot) or than nothing (the travel costs more than the choice is worth).
    case notWorthIt(section: SectionFact, value: Double, instead: TakenCourse?, openSections: Int)
    /// 7. The student could join with a gain; the search did not place them.
    case leftBySearch(section: SectionFact, gain: Double, openSections: Int)
}

/// A choice a student did not get, and why.
public struct ChoiceExplanation: Sendable, Codable, Hashable {
    public var course: String
    /// Place in the student's choices, 0 = first.
    public var rank: Int
    public var cause: ChoiceCause

    public init(course: String, rank: Int, cause: ChoiceCause) {
        self.course = course; self.rank = rank; self.cause = cause
    }
}
