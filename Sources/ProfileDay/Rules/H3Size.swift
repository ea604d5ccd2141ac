import SetkaModel

/// **H3 size**: `min_size <= enrolled <= min(max_size, room capacity)`. A course's sizes default to
/// `profile_day.min_section_size` and `max_section_size`; a remote section has no room.
public enum SizeRule {
    /// The course's `min_size`, by default `profile_day.min_section_size`.
    @inline(__always)
    public static func minSize(_ course: Course?, _ settings: ProfileDaySettings) -> Int {
        course?.minSize ?? settings.minSectionSize
    }

    /// The course's `max_size`, by default `profile_day.max_section_size`.
    @inline(__always)
    public static func maxSize(_ course: Course?, _ settings: ProfileDaySettings) -> Int {
        course?.maxSize ?? settings.maxSectionSize
    }

    /// Most students a section may hold: `min(max_size, room capacity)` (no room: `max_size`).
    @inline(__always)
    public static func capacity(maxSize: Int, roomCapacity: Int?) -> Int {
        roomCapacity.map { min(maxSize, $0) } ?? maxSize
    }

    /// Whether a section of `capacity` seats holding `enrolled` students has a free seat.
    @inline(__always)
    public static func hasSeat(enrolled: Int, capacity: Int) -> Bool { enrolled < capacity }

    /// Whether `enrolled` students are enough for a section to open (or to stay open).
    @inline(__always)
    public static func isEnough(_ enrolled: Int, minSize: Int) -> Bool { enrolled >= minSize }
}
