import Foundation

/// What `setka validate` reports about a scenario, as text or JSON (snake_case keys): the
/// tables and their rows, the slots, the partnering rules with how many each selects, every
/// warning (or the errors). Also for the browser application's data check.
public struct ValidationReport: Codable, Sendable {
    public struct TableCount: Codable, Sendable { public var table: String; public var rows: Int }
    public struct SlotInfo: Codable, Sendable { public var id: String; public var start: String; public var end: String }
    public struct RuleInfo: Codable, Sendable {
        public var name: String
        public var recipients: Int
        public var providers: Int
        public var partnersPerRecipient: Int
        public var maxTravelMinutes: Double
        public var subjects: [String]
        public var fixed: Int
        public var forbidden: Int
        public var avoidUnhelpful: Bool
    }

    public var usable: Bool
    public var name: String?
    public var language: String?
    public var tables: [TableCount] = []
    public var slots: [SlotInfo]?
    public var partnering: [RuleInfo] = []
    /// The year plan of network meetings, when the scenario has `meetings:`.
    public var meetings: MeetingsSettings?
    public var warnings: [Diagnostic] = []
    public var errors: [Diagnostic] = []

    /// The report of a scenario that could not be loaded.
    public init(errors: [Diagnostic]) {
        usable = false; self.errors = errors
    }

    /// The report of a loaded scenario.
    public init(_ loaded: LoadedScenario) {
        let s = loaded.scenario
        usable = true
        name = s.name
        language = s.language.rawValue
        tables = [
            TableCount(table: "schools", rows: s.organisations.count),
            TableCount(table: "rooms", rows: s.rooms.count),
            TableCount(table: "teachers", rows: s.teachers.count),
            TableCount(table: "courses", rows: s.courses.count),
            TableCount(table: "students", rows: s.students.count),
            TableCount(table: "travel", rows: s.travelEntries.count),
        ]
        // The tables of "Did the partnerships help?", when the scenario has them.
        if !s.results.isEmpty || !s.partnersHistory.isEmpty {
            tables += [TableCount(table: "results", rows: s.results.count),
                       TableCount(table: "partners-history", rows: s.partnersHistory.count)]
        }
        // The tables of the year plan of network meetings, when the scenario has them.
        if s.meetings != nil || !s.platforms.isEmpty || !s.participants.isEmpty {
            tables += [TableCount(table: "platforms", rows: s.platforms.count),
                       TableCount(table: "participants", rows: s.participants.count)]
        }
        meetings = s.meetings
        if !s.pins.isEmpty { tables.append(TableCount(table: "pins", rows: s.pins.count)) }
        slots = s.profileDay?.slots.map { SlotInfo(id: $0.id, start: $0.start.description, end: $0.end.description) }
        let allSubjects = Set(s.organisations.flatMap { $0.scores.keys }).sorted()
        partnering = s.partnering.map { r in
            RuleInfo(name: r.name,
                     recipients: s.organisations.filter { r.recipients.matches($0) }.count,
                     providers: s.organisations.filter { r.providers.matches($0) }.count,
                     partnersPerRecipient: r.partnersPerRecipient, maxTravelMinutes: r.maxTravelMinutes,
                     subjects: r.subjects ?? allSubjects, fixed: r.fixed.count, forbidden: r.forbidden.count,
                     avoidUnhelpful: r.avoidUnhelpful)
        }
        warnings = loaded.warnings
    }

    /// The report in words, as `setka validate` prints it (English; `text(.ru)` in Russian).
    public func text() -> String { text(.en) }

    /// The report in words in `language`: the findings with their places in that language.
    public func text(_ language: ReportLanguage) -> String {
        let ru = language == .ru
        func plural(_ n: Int, _ en: String) -> String { n == 1 ? en : en + "s" }
        var out = ru ? "Сценарий: \(name ?? "?") (язык \(self.language ?? "?"))\n" : "Scenario: \(name ?? "?") (language \(self.language ?? "?"))\n"
        out += ru ? "Таблицы:\n" : "Tables:\n"
        let labels = ru
            ? ["schools": "организаций", "rooms": "помещений", "teachers": "педагогов", "courses": "курсов", "students": "учеников",
               "travel": "строк времени в пути", "results": "результатов", "partners-history": "пар по годам",
               "pins": "закреплённых групп (H6)", "platforms": "сетевых площадок", "participants": "участников"]
            : ["schools": "organisations", "rooms": "rooms", "teachers": "teachers", "courses": "courses", "students": "students",
               "travel": "travel rows", "results": "results", "partners-history": "pairs by year",
               "pins": "pinned sections (H6)", "platforms": "network platforms", "participants": "participants"]
        let width = max(9, tables.map(\.table.count).max() ?? 0)
        for t in tables {
            out += "  \(t.table + String(repeating: " ", count: max(0, width - t.table.count))) \(t.rows) \(labels[t.table] ?? (ru ? "строк" : "rows"))\n"
        }
        if let slots {
            out += ru ? "Профильный день: занятий \(slots.count)\n" : "Profile day: \(slots.count) \(plural(slots.count, "slot"))\n"
            for sl in slots { out += "  \(ru ? "занятие" : "slot") \(sl.id): \(sl.start)–\(sl.end)\n" }
        } else {
            out += ru ? "Профильный день: нет (в scenario.yaml нет profile_day)\n" : "Profile day: none (no profile_day in scenario.yaml)\n"
        }
        if let m = meetings {
            let year = "\(m.schoolYear)/\(String(m.schoolYear + 1).suffix(2))"
            let days = m.weekdays.map(\.code).joined(separator: ", "), times = m.startTimes.map(\.description).joined(separator: ", ")
            out += ru
                ? "Годовой план сетевых встреч: учебный год \(year), \(days) в \(times), периодов без встреч: \(m.noMeetings.count), "
                    + "дней между встречами: \(m.minDaysBetween), встреч в одном месте одновременно: \(m.maxPerVenue), часовой пояс \(m.timeZone)\n"
                : "Year plan of network meetings: school year \(year), \(days) at \(times), \(m.noMeetings.count) closed \(plural(m.noMeetings.count, "period")), "
                    + "\(m.minDaysBetween) days between, \(m.maxPerVenue) per venue at once, time zone \(m.timeZone)\n"
        }
        if partnering.isEmpty {
            out += ru ? "Партнёрство: правил нет\n" : "Partnering: no rules\n"
        } else {
            out += ru ? "Партнёрство: правил \(partnering.count)\n" : "Partnering: \(partnering.count) \(plural(partnering.count, "rule"))\n"
            for (i, r) in partnering.enumerated() {
                let subjects = r.subjects.isEmpty ? (ru ? "нет" : "none") : r.subjects.joined(separator: ", ")
                let minutes = Self.format(r.maxTravelMinutes)
                out += "  \(i + 1). \(r.name): " + (ru
                    ? "получателей \(r.recipients), помощников \(r.providers), партнёров у каждого \(r.partnersPerRecipient), "
                        + "в пределах \(minutes) мин, предметы \(subjects), закреплено \(r.fixed), запрещено \(r.forbidden)"
                        + (r.avoidUnhelpful ? ", избегает пар, не давших прироста" : "")
                    : "\(r.recipients) recipients, \(r.providers) providers, \(r.partnersPerRecipient) \(plural(r.partnersPerRecipient, "partner")) each, "
                        + "within \(minutes) min, subjects \(subjects), \(r.fixed) fixed, \(r.forbidden) forbidden"
                        + (r.avoidUnhelpful ? ", avoids pairs that showed no gain" : "")) + "\n"
            }
        }
        if warnings.isEmpty {
            out += ru ? "Предупреждений нет.\n" : "No warnings.\n"
        } else {
            out += ru ? "Предупреждения (\(warnings.count)):\n" : "\(warnings.count) \(plural(warnings.count, "warning")):\n"
            for w in warnings { out += "  \(w.text(language))\n" }
        }
        out += ru ? "Сценарием можно пользоваться.\n" : "The scenario is usable.\n"
        return out
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
