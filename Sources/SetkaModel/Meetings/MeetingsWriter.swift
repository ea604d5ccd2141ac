import Foundation

/// The year plan's part of a scenario folder as `ScenarioWriter` writes it: `platforms.csv`,
/// `participants.csv` and the `meetings:` section, every value explicit.
extension ScenarioWriter {
    /// `platforms.csv` and `participants.csv` when the scenario has a year plan (settings or rows).
    static func meetingsFiles(_ s: Scenario) -> [(String, String)] {
        guard s.meetings != nil || !s.platforms.isEmpty || !s.participants.isEmpty else { return [] }
        return [(FileName.platforms, platformsCSV(s.platforms)), (FileName.participants, participantsCSV(s.participants))]
    }

    public static func platformsCSV(_ platforms: [Platform]) -> String { csv(platformsRows(platforms)) }

    public static func participantsCSV(_ participants: [Participant]) -> String { csv(participantsRows(participants)) }

    /// The rows of `platforms.csv` (header first), also the cells of a workbook's platforms sheet.
    public static func platformsRows(_ platforms: [Platform]) -> [[String]] {
        var rows = [["id", "name", "host", "meetings", "months", "duration_minutes", "venue"]]
        for p in platforms {
            rows.append([p.id, p.name, p.host, String(p.meetings), p.months.map(\.description).joined(separator: "|"),
                         String(p.durationMinutes), p.venue.rawValue])
        }
        return rows
    }

    /// The rows of `participants.csv` (header first).
    public static func participantsRows(_ participants: [Participant]) -> [[String]] {
        var rows = [["person", "school", "platforms"]]
        for p in participants { rows.append([p.person, p.school, p.platforms.joined(separator: "|")]) }
        return rows
    }

    /// The `meetings:` values a workbook's settings sheet holds (`meetings.school_year`, ...), each
    /// as its cell text; the closed dates are the `no_meetings` sheet (`noMeetingsRows`).
    static func meetingsSettingRows(_ m: MeetingsSettings) -> [[String]] {
        [["meetings.school_year", String(m.schoolYear)],
         ["meetings.weekdays", m.weekdays.map(\.code).joined(separator: "|")],
         ["meetings.start_times", m.startTimes.map(\.description).joined(separator: "|")],
         ["meetings.min_days_between", String(m.minDaysBetween)],
         ["meetings.max_per_venue", String(m.maxPerVenue)],
         ["meetings.time_zone", m.timeZone]]
    }

    /// The rows of a workbook's `no_meetings` sheet (header first): one closed range a row.
    static func noMeetingsRows(_ closed: [ClosedDates]) -> [[String]] {
        [["from", "to", "name"]] + closed.map { [$0.from.description, $0.to.description, $0.name ?? ""] }
    }

    /// The `meetings:` section (empty text when the scenario has none).
    static func meetingsYAML(_ s: Scenario) -> String {
        guard let m = s.meetings else { return "" }
        var y = "meetings:\n"
        y += "  school_year: \(m.schoolYear)\n"
        y += "  weekdays: [\(m.weekdays.map(\.code).joined(separator: ", "))]\n"
        y += "  start_times: [\(m.startTimes.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
        if m.noMeetings.isEmpty {
            y += "  no_meetings: []\n"
        } else {
            y += "  no_meetings:\n"
            for c in m.noMeetings {
                var item = "{from: \"\(c.from)\", to: \"\(c.to)\""
                if let name = c.name { item += ", name: \(yamlString(name))" }
                y += "    - \(item)}\n"
            }
        }
        y += "  min_days_between: \(m.minDaysBetween)\n"
        y += "  max_per_venue: \(m.maxPerVenue)\n"
        y += "  time_zone: \(yamlString(m.timeZone))\n"
        return y
    }
}
