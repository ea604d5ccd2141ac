import Foundation
import Meetings
import SetkaModel

/// Calendar files (RFC 5545 iCalendar) of the year plan: one VEVENT per meeting, local times
/// with a `TZID` and the matching `VTIMEZONE`, lines ending in CRLF and folded at 75 octets
/// (never inside a UTF-8 character), TEXT values escaped (`\\`, `\;`, `\,`, `\n`).
///
/// Decisions:
/// - The time zone is `meetings.time_zone` (Europe/Moscow unless the scenario says otherwise).
///   Its `VTIMEZONE` is built from the system's zone data for the school year: one `STANDARD`
///   observance for a zone without clock changes (Russia since 2014), one observance per change
///   otherwise.
/// - `UID` is stable: the school year, the platform id, the meeting number and a hash of the
///   scenario's name, so re-importing an updated plan updates the events instead of duplicating
///   them, and one meeting has the same `UID` in the district's and every organisation's file.
/// - `DTSTAMP` is the time the files were made (UTC).
/// - `SEQUENCE` is 0, `STATUS:CONFIRMED`, `METHOD:PUBLISH` (a published calendar, not an invitation).
public enum ICalendar {
    /// What a calendar file holds.
    public struct Event: Sendable {
        public var meeting: PlannedMeeting
        /// People of the calendar's organisation who attend (empty in the district's file).
        public var ownPeople: [String]
    }

    /// The district's calendar: every meeting.
    public static func district(_ plan: MeetingsPlan, scenario: Scenario, generated: Date) -> String {
        let words = MeetingsWords(scenario.language)
        let name = words.t("Сводный план заседаний площадок — \(scenario.name)", "Network meetings — \(scenario.name)")
        return calendar(name: name, events: plan.meetings.map { Event(meeting: $0, ownPeople: []) },
                        plan: plan, scenario: scenario, generated: generated)
    }

    /// The calendar of one organisation: the meetings its people attend and those it hosts.
    public static func organisation(_ org: String, plan: MeetingsPlan, scenario: Scenario, generated: Date) -> String? {
        let events = eventsOf(org, plan: plan, scenario: scenario)
        guard !events.isEmpty else { return nil }
        let words = MeetingsWords(scenario.language)
        let orgName = scenario.organisation(org)?.name ?? org
        let name = words.t("Заседания площадок — \(orgName)", "Network meetings — \(orgName)")
        return calendar(name: name, events: events, plan: plan, scenario: scenario, generated: generated)
    }

    /// The meetings of `org`'s people or at `org`, with its people at each.
    static func eventsOf(_ org: String, plan: MeetingsPlan, scenario: Scenario) -> [Event] {
        var peopleOf: [String: [String]] = [:]
        for person in scenario.participants where person.school == org {
            for p in Set(person.platforms) { peopleOf[p, default: []].append(person.person) }
        }
        return plan.meetings.compactMap { m in
            let own = (peopleOf[m.platform] ?? []).sorted()
            return own.isEmpty && m.venue != org ? nil : Event(meeting: m, ownPeople: own)
        }
    }

    static func calendar(name: String, events: [Event], plan: MeetingsPlan, scenario: Scenario, generated: Date) -> String {
        let words = MeetingsWords(scenario.language)
        let zone = scenario.meetings?.timeZone ?? MeetingsSettings.defaultTimeZone
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "PRODID:-//Setka//Network meetings \(plan.schoolYear)//\(scenario.language.rawValue.uppercased())",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name), "X-WR-TIMEZONE:" + escape(zone),
        ]
        lines += timeZone(zone, schoolYear: plan.schoolYear)
        let stamp = utc(generated)
        let platforms = Dictionary(scenario.platforms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var attendees: [String: Int] = [:]
        for person in scenario.participants { for p in Set(person.platforms) { attendees[p, default: 0] += 1 } }
        let tzid = parameter(zone)
        for event in events {
            let m = event.meeting
            let p = platforms[m.platform]
            let title = p?.name ?? m.platform
            let venue = scenario.organisation(m.venue)?.name ?? m.venue
            var description = words.t("Площадка сетевого взаимодействия «\(title)», заседание \(m.number) из \(p?.meetings ?? m.number).",
                                      "Network platform “\(title)”, meeting \(m.number) of \(p?.meetings ?? m.number).")
            if let host = p?.host {
                description += "\n" + words.t("Базовая организация: ", "Base organisation: ") + (scenario.organisation(host)?.name ?? host)
            }
            description += "\n" + words.t("Место: ", "Venue: ") + venue
            description += "\n" + words.t("Участников площадки: ", "Participants: ") + String(attendees[m.platform] ?? 0)
            if !event.ownPeople.isEmpty {
                description += "\n" + words.t("От вашей организации: ", "From your organisation: ") + event.ownPeople.joined(separator: ", ")
            }
            lines += [
                "BEGIN:VEVENT",
                "UID:" + uid(m, plan: plan, scenario: scenario),
                "DTSTAMP:" + stamp,
                "DTSTART;TZID=\(tzid):" + local(m.date, m.start),
                "DTEND;TZID=\(tzid):" + local(m.date, m.end),
                "SUMMARY:" + escape(words.t("«\(title)»: заседание \(m.number)", "\(title): meeting \(m.number)")),
                "LOCATION:" + escape(venue),
                "DESCRIPTION:" + escape(description),
                "STATUS:CONFIRMED", "TRANSP:OPAQUE", "SEQUENCE:0",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    // MARK: - RFC 5545 pieces

    /// A content line folded at 75 octets (RFC 5545 §3.1): CRLF and one space before each
    /// continuation; a UTF-8 character is never split. Ends with CRLF.
    public static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(line.utf8.count + line.utf8.count / 70 * 3 + 2)
        var width = 0
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count {
            // The length of the UTF-8 sequence that starts here (continuation bytes never start one).
            let lead = bytes[i]
            let size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if width + size > 75 {
                out += [0x0D, 0x0A, 0x20]
                width = 1
            }
            out += bytes[i..<min(i + size, bytes.count)]
            width += size
            i += size
        }
        out += [0x0D, 0x0A]
        return String(decoding: out, as: UTF8.self)
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as
    /// `\n`, other control characters dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        var lastWasCR = false
        for u in text.unicodeScalars {
            defer { lastWasCR = u == "\r" }
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !lastWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0x7F { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A parameter value, quoted when it holds `:`, `;` or `,` (RFC 5545 §3.2).
    static func parameter(_ value: String) -> String {
        let clean = value.filter { $0 != "\"" && !$0.isNewline }
        return clean.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"\(clean)\"" : clean
    }

    /// `20260915T150000`: a local date-time.
    static func local(_ d: LocalDate, _ t: TimeOfDay) -> String {
        LocalDate.digits(d.year, 4) + LocalDate.digits(d.month, 2) + LocalDate.digits(d.day, 2) + "T"
            + LocalDate.digits(t.minutes / 60, 2) + LocalDate.digits(t.minutes % 60, 2) + "00"
    }

    /// `20261120T101500Z`: UTC.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The stable id of a meeting: `2026-math-1-1a2b3c4d@setka` (non-ASCII bytes of the
    /// platform id percent-encoded; the hash is of the scenario's name).
    static func uid(_ m: PlannedMeeting, plan: MeetingsPlan, scenario: Scenario) -> String {
        var id = ""
        for b in m.platform.utf8 {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E {
                id.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                id += String(format: "%%%02X", b)
            }
        }
        var hash: UInt32 = 2_166_136_261
        for b in scenario.name.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        return "\(plan.schoolYear)-\(id)-\(m.number)-\(String(format: "%08x", hash))@setka"
    }

    /// The `VTIMEZONE` of `identifier` over the school year (and a year either side): one
    /// observance per clock change, or a single `STANDARD` when the zone has none.
    static func timeZone(_ identifier: String, schoolYear: Int) -> [String] {
        guard let zone = TimeZone(identifier: identifier) else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let from = calendar.date(from: DateComponents(year: schoolYear - 1, month: 9, day: 1))!
        let to = calendar.date(from: DateComponents(year: schoolYear + 2, month: 9, day: 1))!
        func offset(_ seconds: Int) -> String {
            let sign = seconds < 0 ? "-" : "+"
            let s = abs(seconds)
            return String(format: "%@%02d%02d", sign, s / 3600, (s % 3600) / 60)
        }
        func name(_ d: Date) -> [String] {
            guard let a = zone.abbreviation(for: d), !a.isEmpty else { return [] }
            return ["TZNAME:" + escape(identifier == "Europe/Moscow" && a == "GMT+3" ? "MSK" : a)]
        }
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + identifier]
        var transitions: [Date] = []
        var cursor = from
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < to, transitions.count < 16 {
            transitions.append(next)
            cursor = next
        }
        let before = zone.secondsFromGMT(for: from)
        let kind = { (d: Date) in zone.isDaylightSavingTime(for: d) ? "DAYLIGHT" : "STANDARD" }
        lines += ["BEGIN:\(kind(from))", "DTSTART:19700101T000000", "TZOFFSETFROM:\(offset(before))", "TZOFFSETTO:\(offset(before))"]
            + name(from) + ["END:\(kind(from))"]
        var previous = before
        for t in transitions {
            let after = zone.secondsFromGMT(for: t)
            // DTSTART of an observance is the local time of the change in the offset before it.
            let localStart = t.addingTimeInterval(TimeInterval(previous))
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: localStart)
            let start = String(format: "%04d%02d%02dT%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            lines += ["BEGIN:\(kind(t))", "DTSTART:\(start)", "TZOFFSETFROM:\(offset(previous))", "TZOFFSETTO:\(offset(after))"]
                + name(t) + ["END:\(kind(t))"]
            previous = after
        }
        lines.append("END:VTIMEZONE")
        return lines
    }
}
