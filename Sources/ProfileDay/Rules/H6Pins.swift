import SetkaModel

/// **H6 pins**: every row of `pins.csv` is met by its own open section (two rows never by the same
/// section): that section has the pin's course and every column the pin gives, and the students
/// it names attend it.
///
/// The checker finds, for each pin, the open sections that meet its columns and hold its
/// students, and gives the pins distinct sections (`assign`); the scheduler opens each pin's
/// section first and never closes or moves it, nor takes its pinned students out of it.
public enum PinRule {
    /// Whether a section with these values meets the pin's columns: the pin's course, and the
    /// teacher, site (`nil` = a remote section), room and slot wherever the pin gives them.
    @inline(__always)
    public static func admits(_ pin: Pin, course: String, teacher: String, site: String?, room: String?, slot: String) -> Bool {
        pin.admits(course: course, teacher: teacher, site: site, room: room, slot: slot)
    }

    /// Whether every student the pin names attends the section (`attends(student)`).
    @inline(__always)
    public static func holdsStudents(_ pin: Pin, attends: (String) -> Bool) -> Bool {
        pin.students.allSatisfy(attends)
    }

    /// Pins to distinct sections: `candidates[i]` are the sections that meet pin `i` (columns and
    /// students); the result gives pin `i` its own section, or nil when the pins cannot all have
    /// one (two rows are never met by the same section).
    public static func assign(_ candidates: [[Int]]) -> [Int?] {
        DistinctAssignment.match(candidates)
    }
}
