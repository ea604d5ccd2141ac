import Foundation
import SetkaModel

/// One hand edit of a profile-day timetable, as `setka edit` and the browser application's grid
/// ask for it. Ids are those of the timetable (`sections.csv`) and the scenario.
public enum TimetableEdit: Sendable, Hashable, Codable {
    /// Close a section: its students get their best remaining option.
    case close(section: String)
    /// Move a section to another slot, room, site or teacher (what `to` leaves nil stays).
    case move(section: String, to: SectionPlacement)
    /// Open a new section; the students who gain most from it (or lose least) fill it.
    case open(NewSection)
    /// Put a student into a section (leaving what it clashes with).
    case assign(student: String, section: String)
    /// Take a student out of a section (they get their best remaining option elsewhere).
    case unassign(student: String, section: String)

    /// The section the edit names (nil for `open`).
    public var section: String? {
        switch self {
        case .close(let s), .move(let s, _), .assign(_, let s), .unassign(_, let s): s
        case .open: nil
        }
    }
}

/// Where a moved section goes: each field nil keeps the section's own. A new site without a
/// room takes a free room of the course's kind there; `place == .remote` has no room.
public struct SectionPlacement: Sendable, Hashable, Codable {
    public var slot: String?
    public var room: String?
    public var place: Pin.Place?
    public var teacher: String?

    public init(slot: String? = nil, room: String? = nil, place: Pin.Place? = nil, teacher: String? = nil) {
        self.slot = slot; self.room = room; self.place = place; self.teacher = teacher
    }
}

/// A section to open: every column given (a remote section has no room).
public struct NewSection: Sendable, Hashable, Codable {
    public var course: String
    public var teacher: String
    public var place: Pin.Place
    public var room: String?
    public var slot: String

    public init(course: String, teacher: String, place: Pin.Place, room: String? = nil, slot: String) {
        self.course = course; self.teacher = teacher; self.place = place; self.room = room; self.slot = slot
    }
}

// MARK: - The command line's words

/// `key=value` lists as the command line and forms write them (`slot=3,room=101,site=s003`).
public enum EditSpec {
    /// A problem with a spec, in plain words (what was expected).
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// `key=value` pairs separated by commas; keys lower-cased, values trimmed. A key may come once.
    static func pairs(_ text: String, allowed: [String], what: String) throws(Problem) -> [String: String] {
        var out: [String: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else {
                throw Problem(message: "\(what): expected key=value pairs separated by commas (\(allowed.map { "\($0)=…" }.joined(separator: ",")))), found \"\(part)\"")
            }
            let key = kv[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = kv[1].trimmingCharacters(in: .whitespaces)
            guard allowed.contains(key) else {
                throw Problem(message: "\(what): unknown key '\(key)' (known: \(allowed.joined(separator: ", ")))")
            }
            guard !value.isEmpty else { throw Problem(message: "\(what): '\(key)=' needs a value") }
            guard out[key] == nil else { throw Problem(message: "\(what): '\(key)' is given twice") }
            out[key] = value
        }
        return out
    }

    /// A site cell: `remote` (or `дистанционно`) or an organisation id.
    static func place(_ text: String) -> Pin.Place {
        ["remote", "дистанционно"].contains(text.lowercased()) ? .remote : .site(text)
    }

    /// `--to slot=S[,room=R][,site=X][,teacher=T]`.
    public static func placement(_ text: String) throws(Problem) -> SectionPlacement {
        let p = try pairs(text, allowed: ["slot", "room", "site", "teacher"], what: "--to")
        guard !p.isEmpty else { throw Problem(message: "--to: say where the section goes, e.g. slot=3 or slot=3,room=101") }
        let place = p["site"].map(Self.place)
        if place == .remote, p["room"] != nil { throw Problem(message: "--to: a remote section has no room; leave out room=") }
        return SectionPlacement(slot: p["slot"], room: p["room"], place: place, teacher: p["teacher"])
    }

    /// `--open course=C,teacher=T,site=X,room=R,slot=S` (`site=remote` without a room).
    public static func newSection(_ text: String) throws(Problem) -> NewSection {
        let p = try pairs(text, allowed: ["course", "teacher", "site", "room", "slot"], what: "--open")
        for key in ["course", "teacher", "site", "slot"] where p[key] == nil {
            throw Problem(message: "--open: '\(key)=' is missing (give course, teacher, site, room and slot; site=remote needs no room)")
        }
        let place = Self.place(p["site"]!)
        if place == .remote, p["room"] != nil { throw Problem(message: "--open: a remote section has no room; leave out room=") }
        if place != .remote, p["room"] == nil { throw Problem(message: "--open: 'room=' is missing (the room at \(p["site"]!))") }
        return NewSection(course: p["course"]!, teacher: p["teacher"]!, place: place, room: p["room"], slot: p["slot"]!)
    }

    /// `STUDENT=SECTION` of `--assign` and `--unassign`.
    public static func studentSection(_ text: String, option: String) throws(Problem) -> (student: String, section: String) {
        let kv = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let student = kv.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let section = kv.count == 2 ? kv[1].trimmingCharacters(in: .whitespaces) : ""
        guard kv.count == 2, !student.isEmpty, !section.isEmpty else {
            throw Problem(message: "\(option): expected STUDENT=SECTION (e.g. st0042=S017), found \"\(text)\"")
        }
        return (student, section)
    }
}
