import SetkaModel

/// **H4 student**: a student attends only courses in their `choices`, each course at most once, at
/// most one section per slot, at most `wants` sections; every site attended is within
/// `max_trip_minutes` of the student's school; two sections in consecutive slots at sites A and B
/// need `travel(A, B) <= gap` (`ConsecutiveTravel`). A remote section counts as held at the
/// student's own school.
public enum StudentRule {
    /// `wants`, by default `profile_day.courses_per_student`.
    @inline(__always)
    public static func wants(_ student: Student, _ settings: ProfileDaySettings) -> Int {
        student.wants ?? settings.coursesPerStudent
    }

    /// Whether a student who attends `load` sections may take one more.
    @inline(__always)
    public static func mayTakeAnother(load: Int, wants: Int) -> Bool { load < wants }

    /// Where the student is during a section held at `site` (nil = remote: their own school).
    @inline(__always)
    public static func place<Site>(ofSectionAt site: Site?, school: Site) -> Site { site ?? school }

    /// The trip limit: a site `minutes` from the student's school (`.infinity` when unknown) may be
    /// attended when it is at most `max_trip_minutes` away.
    @inline(__always)
    public static func withinTrip(minutes: Double, limit: Double) -> Bool {
        minutes <= limit + Tolerance.minutes
    }
}
