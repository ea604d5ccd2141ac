import SetkaModel

/// **H1 teacher**: a teacher teaches only courses in their `courses`, only in their `slots`, at
/// most `max_sections` sections and at most one per slot; a teacher with `travels: no` teaches
/// only at their own site (or remotely); two sections of one teacher in consecutive slots at sites
/// A and B need `travel(A, B) <= gap` (`ConsecutiveTravel`). A remote section counts as held at
/// the teacher's own site.
public enum TeacherRule {
    /// `max_sections`, by default the number of slots.
    @inline(__always)
    public static func maxSections(_ maxSections: Int?, slotCount: Int) -> Int { maxSections ?? slotCount }

    /// Whether a teacher who teaches `load` sections may take one more.
    @inline(__always)
    public static func mayTakeAnother(load: Int, maxSections: Int) -> Bool { load < maxSections }

    /// Whether slot number `slot` is among the teacher's free slots (bit `slot` of `freeSlots`).
    @inline(__always)
    public static func isFree(_ freeSlots: UInt64, slot: Int) -> Bool { freeSlots & (1 << UInt64(slot)) != 0 }

    /// Where the teacher is during a section held at `site` (nil = remote: their own site).
    @inline(__always)
    public static func place<Site>(ofSectionAt site: Site?, ownSite: Site) -> Site { site ?? ownSite }

    /// `travels: no`: the teacher may be only at their own site (a remote section counts as there).
    @inline(__always)
    public static func mayBe<Site: Equatable>(at place: Site, ownSite: Site, travels: Bool) -> Bool {
        travels || place == ownSite
    }
}
