import Foundation
import SetkaModel

/// One change `setka advise` may propose: each is a single `update` of one row that lets the
/// timetable do more than the data allows now. None lowers a minimum section size, removes
/// anyone or anything, or sets a rule aside: the kinds below are all there is.
public enum AdviceChange: Sendable, Hashable, Codable {
    /// The teacher is also free in `slot` (`slots` becomes `slots`); with `maxSections`, they
    /// also teach one more section than now (`max_sections` becomes it).
    case teacherSlot(teacher: String, slot: String, slots: [String], maxSections: Int?)
    /// The teacher may teach one more section (`max_sections` becomes `maxSections`).
    case teacherSection(teacher: String, maxSections: Int)
    /// The teacher may teach at other organisations' sites (`travels: yes`).
    case teacherTravels(teacher: String)
    /// A room at a site is equipped as `kind` (now `from`) (`kind` of the room).
    case roomKind(site: String, room: String, from: String, kind: String)
    /// The course may run remotely (`remote: yes`).
    case courseRemote(course: String)
    /// The course may also be held at `site` (`sites` becomes `sites`).
    case courseSite(course: String, site: String, sites: [String])

    /// The change as a variant's `update`.
    public var variantChange: VariantChange.Kind {
        switch self {
        case let .teacherSlot(teacher, _, slots, maxSections):
            var values = [VariantChange.ColumnValue(column: "slots", value: slots.joined(separator: "|"))]
            if let maxSections { values.append(.init(column: "max_sections", value: String(maxSections))) }
            return .update(.teacher, id: teacher, site: nil, values: values)
        case let .teacherSection(teacher, maxSections):
            return .update(.teacher, id: teacher, site: nil, values: [.init(column: "max_sections", value: String(maxSections))])
        case let .teacherTravels(teacher):
            return .update(.teacher, id: teacher, site: nil, values: [.init(column: "travels", value: "yes")])
        case let .roomKind(site, room, _, kind):
            return .update(.room, id: room, site: site, values: [.init(column: "kind", value: kind)])
        case let .courseRemote(course):
            return .update(.course, id: course, site: nil, values: [.init(column: "remote", value: "yes")])
        case let .courseSite(course, _, sites):
            return .update(.course, id: course, site: nil, values: [.init(column: "sites", value: sites.joined(separator: "|"))])
        }
    }

    /// Whom the change asks for something: a teacher to give a slot, a section or a trip; an
    /// organisation to equip a room. Nil for what the coordinator decides (a course's sites, or
    /// that it may run remotely).
    public var asks: AdviceAsk? {
        switch self {
        case let .teacherSlot(teacher, _, _, _), let .teacherSection(teacher, _), let .teacherTravels(teacher):
            return .teacher(teacher)
        case let .roomKind(site, _, _, _):
            return .organisation(site)
        case .courseRemote, .courseSite:
            return nil
        }
    }

    /// A short stable key (ordering and names).
    public var key: String {
        switch self {
        case let .teacherSlot(t, slot, _, m): return "teacher \(t) slot \(slot)" + (m == nil ? "" : " +section")
        case let .teacherSection(t, m): return "teacher \(t) max_sections \(m)"
        case let .teacherTravels(t): return "teacher \(t) travels"
        case let .roomKind(site, room, _, kind): return "room \(site)/\(room) kind \(kind)"
        case let .courseRemote(c): return "course \(c) remote"
        case let .courseSite(c, site, _): return "course \(c) site \(site)"
        }
    }
}

/// Who is asked for something by a change.
public enum AdviceAsk: Sendable, Hashable, Codable {
    case teacher(String)
    case organisation(String)
}
