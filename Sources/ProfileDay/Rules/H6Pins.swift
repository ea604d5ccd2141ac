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

extension PinRule {
    /// The section that meets each pin in `timetable` (H6 as the checker reads it, from ids):
    /// `result[i]` is the id of pin `i`'s own section, or nil when it has none. Sections are
    /// matched in the timetable's order, so the same timetable always gives the same answer.
    public static func sections(meeting pins: [Pin], in timetable: Timetable) -> [String?] {
        guard !pins.isEmpty else { return [] }
        var members: [String: Set<String>] = [:]
        for e in timetable.enrolments { members[e.section, default: []].insert(e.student) }
        let sections = timetable.sections
        let candidates: [[Int]] = pins.map { pin in
            sections.indices.filter { k in
                let s = sections[k]
                return admits(pin, course: s.course, teacher: s.teacher, site: s.site, room: s.room, slot: s.slot)
                    && holdsStudents(pin) { members[s.id]?.contains($0) == true }
            }
        }
        return assign(candidates).map { $0.map { sections[$0].id } }
    }

    /// The ids of the sections that meet a pin (for reports that mark pinned sections).
    public static func pinnedSections(_ pins: [Pin], in timetable: Timetable) -> Set<String> {
        Set(sections(meeting: pins, in: timetable).compactMap { $0 })
    }
}
