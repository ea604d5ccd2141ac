import Foundation

// `pins.csv` (scenario-format.md, table "pins.csv", hard rule H6): sections a coordinator fixes
// by hand. A plain value like the rest of the domain; what a pin may not contradict is checked
// by `PinValidator` when the scenario loads, and a timetable meets its pins when the profile-day
// checker's H6 says so.

/// One row of `pins.csv`: an open section the timetable must have. The course is required; every
/// other column narrows the section (nil = any), and the named students attend it.
public struct Pin: Sendable, Hashable, Codable {
    /// The `site` column: an organisation, or `remote` (no site, no room).
    public enum Place: Sendable, Hashable, Codable {
        case remote
        case site(String)
    }

    /// The word that means "a remote section" in the `site` column.
    public static let remoteWord = "remote"

    public var course: String
    public var teacher: String?
    /// nil = any place (a site, or remote when the course allows it).
    public var place: Place?
    /// A room at `place` (which must then be a site).
    public var room: String?
    public var slot: String?
    /// Students who attend the pinned section (others may join it).
    public var students: [String]

    public init(course: String, teacher: String? = nil, place: Place? = nil, room: String? = nil,
                slot: String? = nil, students: [String] = []) {
        self.course = course; self.teacher = teacher; self.place = place; self.room = room
        self.slot = slot; self.students = students
    }

    /// The pin's site when it names one (nil when any place or remote).
    public var site: String? {
        if case .site(let s) = place { return s }
        return nil
    }

    /// True when the pin says the section is remote.
    public var isRemote: Bool { place == .remote }

    /// Whether a section with these values meets the pin's columns (H6 without its students):
    /// the pin's course, and every column the pin gives. `site == nil` is a remote section.
    public func admits(course: String, teacher: String, site: String?, room: String?, slot: String) -> Bool {
        guard course == self.course else { return false }
        if let t = self.teacher, t != teacher { return false }
        switch place {
        case .none: break
        case .remote?: if site != nil { return false }
        case .site(let s)?: if site != s { return false }
        }
        if let r = self.room, r != room { return false }
        if let s = self.slot, s != slot { return false }
        return true
    }

    /// The `site` cell as written in `pins.csv` (empty for any place).
    public var siteCell: String {
        switch place {
        case .none: ""
        case .remote?: Self.remoteWord
        case .site(let s)?: s
        }
    }

    /// The pin in a few words for messages: `robotics, teacher t017, at s003, room 12, slot 3,
    /// students st1|st2` (only the columns it gives).
    public var summary: String {
        var parts = [course]
        if let teacher { parts.append("teacher \(teacher)") }
        switch place {
        case .none: break
        case .remote?: parts.append("remote")
        case .site(let s)?: parts.append("at \(s)")
        }
        if let room { parts.append("room \(room)") }
        if let slot { parts.append("slot \(slot)") }
        if !students.isEmpty { parts.append("students \(students.joined(separator: "|"))") }
        return parts.joined(separator: ", ")
    }
}
