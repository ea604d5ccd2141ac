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
        language == .ru ? russianText() : englishText()
    }

    private func russianText() -> String {
        var out = "Сценарий: \(name ?? "?") (язык \(language ?? "?"))\n"
        out += "Таблицы:\n"
        let labels = ["schools": "организаций", "rooms": "помещений", "teachers": "педагогов",
                      "courses": "курсов", "students": "учеников", "travel": "строк времени в пути",
                      "results": "результатов", "partners-history": "пар по годам", "pins": "закреплённых групп (H6)",
                      "platforms": "сетевых площадок", "participants": "участников"]
        let width = max(9, tables.map(\.table.count).max() ?? 0)
        for t in tables { out += "  \(t.table + String(repeating: " ", count: max(0, width - t.table.count))) \(t.rows) \(labels[t.table] ?? "строк")\n" }
        if let slots {
            out += "Профильный день: занятий \(slots.count)\n"
            for sl in slots { out += "  занятие \(sl.id): \(sl.start)–\(sl.end)\n" }
        } else {
            out += "Профильный день: нет (в scenario.yaml нет profile_day)\n"
        }
        if let m = meetings {
            out += "Годовой план сетевых встреч: учебный год \(m.schoolYear)/\(String(m.schoolYear + 1).suffix(2)), "
            out += "\(m.weekdays.map(\.code).joined(separator: ", ")) в \(m.startTimes.map(\.description).joined(separator: ", ")), "
            out += "периодов без встреч: \(m.noMeetings.count), дней между встречами: \(m.minDaysBetween), "
            out += "встреч в одном месте одновременно: \(m.maxPerVenue), часовой пояс \(m.timeZone)\n"
        }
        if partnering.isEmpty {
            out += "Партнёрство: правил нет\n"
        } else {
            out += "Партнёрство: правил \(partnering.count)\n"
            for (i, r) in partnering.enumerated() {
                out += "  \(i + 1). \(r.name): получателей \(r.recipients), помощников \(r.providers), "
                out += "партнёров у каждого \(r.partnersPerRecipient), "
                out += "в пределах \(Self.format(r.maxTravelMinutes)) мин, предметы \(r.subjects.isEmpty ? "нет" : r.subjects.joined(separator: ", ")), "
                out += "закреплено \(r.fixed), запрещено \(r.forbidden)\(r.avoidUnhelpful ? ", избегает пар, не давших прироста" : "")\n"
            }
        }
        if warnings.isEmpty {
            out += "Предупреждений нет.\n"
        } else {
            out += "Предупреждения (\(warnings.count)):\n"
            for w in warnings { out += "  \(w.text(.ru))\n" }
        }
        out += "Сценарием можно пользоваться.\n"
        return out
    }

    private func englishText() -> String {
        var out = "Scenario: \(name ?? "?") (language \(language ?? "?"))\n"
        out += "Tables:\n"
        let labels = ["schools": "organisations", "rooms": "rooms", "teachers": "teachers",
                      "courses": "courses", "students": "students", "travel": "travel rows",
                      "results": "results", "partners-history": "pairs by year", "pins": "pinned sections (H6)",
                      "platforms": "network platforms", "participants": "participants"]
        let width = max(9, tables.map(\.table.count).max() ?? 0)
        for t in tables { out += "  \(t.table + String(repeating: " ", count: max(0, width - t.table.count))) \(t.rows) \(labels[t.table] ?? "rows")\n" }
        if let slots {
            out += "Profile day: \(slots.count) slot\(slots.count == 1 ? "" : "s")\n"
            for sl in slots { out += "  slot \(sl.id): \(sl.start)–\(sl.end)\n" }
        } else {
            out += "Profile day: none (no profile_day in scenario.yaml)\n"
        }
        if let m = meetings {
            out += "Year plan of network meetings: school year \(m.schoolYear)/\(String(m.schoolYear + 1).suffix(2)), "
            out += "\(m.weekdays.map(\.code).joined(separator: ", ")) at \(m.startTimes.map(\.description).joined(separator: ", ")), "
            out += "\(m.noMeetings.count) closed period\(m.noMeetings.count == 1 ? "" : "s"), \(m.minDaysBetween) days between, "
            out += "\(m.maxPerVenue) per venue at once, time zone \(m.timeZone)\n"
        }
        if partnering.isEmpty {
            out += "Partnering: no rules\n"
        } else {
            out += "Partnering: \(partnering.count) rule\(partnering.count == 1 ? "" : "s")\n"
            for (i, r) in partnering.enumerated() {
                out += "  \(i + 1). \(r.name): \(r.recipients) recipients, \(r.providers) providers, "
                out += "\(r.partnersPerRecipient) partner\(r.partnersPerRecipient == 1 ? "" : "s") each, "
                out += "within \(Self.format(r.maxTravelMinutes)) min, subjects \(r.subjects.isEmpty ? "none" : r.subjects.joined(separator: ", ")), "
                out += "\(r.fixed) fixed, \(r.forbidden) forbidden\(r.avoidUnhelpful ? ", avoids pairs that showed no gain" : "")\n"
            }
        }
        if warnings.isEmpty {
            out += "No warnings.\n"
        } else {
            out += "\(warnings.count) warning\(warnings.count == 1 ? "" : "s"):\n"
            for w in warnings { out += "  \(w)\n" }
        }
        out += "The scenario is usable.\n"
        return out
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
