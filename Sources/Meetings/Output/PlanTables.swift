import Foundation
import Meetings
import SetkaModel

/// The plan as CSV files, through Setka's one `CSVWriter` (UTF-8 with a BOM, so that Excel shows
/// Cyrillic; `,`-separated; CRLF; RFC 4180 quoting where needed).
public enum PlanTables {
    static func csv(_ rows: [[String]]) -> Data {
        var writer = CSVWriter()
        for row in rows { writer.row(row) }
        return writer.data(byteOrderMark: true)
    }

    /// `plan.csv`: `platform,meeting,date,start,end,venue`, in date order — the format's columns
    /// exactly, ids only.
    public static func planCSV(_ plan: MeetingsPlan) -> Data {
        var rows = [["platform", "meeting", "date", "start", "end", "venue"]]
        for m in plan.meetings {
            rows.append([m.platform, String(m.number), m.date.description, m.start.description, m.end.description, m.venue])
        }
        return csv(rows)
    }

    /// `people.csv`: one row per person and meeting they attend, by person then date:
    /// `person,school,platform,platform_name,meeting,date,weekday,start,end,venue,venue_name`.
    public static func peopleCSV(_ plan: MeetingsPlan, scenario: Scenario) -> Data {
        var rows = [["person", "school", "platform", "platform_name", "meeting", "date", "weekday", "start", "end", "venue", "venue_name"]]
        let names = Dictionary(scenario.platforms.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for entry in PersonalLists.entries(plan, scenario: scenario) {
            let m = entry.meeting
            rows.append([entry.person, entry.school, m.platform, names[m.platform] ?? m.platform, String(m.number),
                         m.date.description, m.date.weekday.code, m.start.description, m.end.description, m.venue,
                         scenario.organisation(m.venue)?.name ?? m.venue])
        }
        return csv(rows)
    }

    /// `unplaced.csv` (only for a partial plan): `platform,meeting,months,reason` with the reason
    /// in the scenario's language.
    public static func unplacedCSV(_ plan: MeetingsPlan, scenario: Scenario) -> Data {
        let words = MeetingsWords(scenario.language)
        var rows = [["platform", "meeting", "months", "reason"]]
        for u in plan.unplaced {
            rows.append([u.platform, String(u.number), u.months.description, words.reason(u.reason, scenario: scenario)])
        }
        return csv(rows)
    }
}

/// Who attends which meeting: the per-person lists.
public enum PersonalLists {
    public struct Entry: Sendable, Hashable {
        public var person: String
        public var school: String
        public var meeting: PlannedMeeting
    }

    /// Every (person, meeting they attend), by person id, then date and start.
    public static func entries(_ plan: MeetingsPlan, scenario: Scenario) -> [Entry] {
        var byPlatform: [String: [PlannedMeeting]] = [:]
        for m in plan.meetings { byPlatform[m.platform, default: []].append(m) }
        var out: [Entry] = []
        for person in scenario.participants.sorted(by: { $0.person < $1.person }) {
            var mine: [PlannedMeeting] = []
            for p in Set(person.platforms) { mine += byPlatform[p] ?? [] }
            mine.sort { ($0.date, $0.start, $0.platform) < ($1.date, $1.start, $1.platform) }
            out += mine.map { Entry(person: person.person, school: person.school, meeting: $0) }
        }
        return out
    }
}
