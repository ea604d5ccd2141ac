import SetkaModel

/// **H2 room**: the room is at the section's site, of the course's `room_kind` (or the course says
/// `any`), and holds one section per slot; the site is in the course's `sites` when that is given.
/// A remote section has no site and no room, and its course must allow `remote: yes`.
public enum RoomRule {
    /// Whether a room of `roomKind` suits a course asking for `courseKind` (`any` = every room).
    @inline(__always)
    public static func kindFits(roomKind: String, courseKind: String) -> Bool {
        courseKind == Course.anyRoomKind || roomKind == courseKind
    }

    /// Whether a course whose `sites` are `allowed` (nil or empty = any) may be held at `site`.
    @inline(__always)
    public static func siteAllowed<Sites: Collection>(_ site: Sites.Element, allowed: Sites?) -> Bool
    where Sites.Element: Equatable {
        guard let allowed, !allowed.isEmpty else { return true }
        return allowed.contains(site)
    }
}
