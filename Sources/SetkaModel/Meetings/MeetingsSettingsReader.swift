import Foundation
import Yams

extension ScenarioSettings {
    /// The keys of `meetings:`.
    static let meetingsKeys: Set<String> = ["school_year", "weekdays", "start_times", "no_meetings",
                                            "min_days_between", "max_per_venue", "time_zone"]

    /// Reads `meetings:` (see "Year plan of network meetings" in the format). `school_year` is
    /// required; the other keys default to the values the format shows (`no_meetings` to none,
    /// `time_zone` to Europe/Moscow).
    mutating func readMeetings(_ node: Node, _ r: inout YAMLReader) {
        meetingsLocation = r.location(node)
        if YAMLReader.isNull(node) {
            r.error(node, ru: "'meetings' пуст; в нём нужен хотя бы 'school_year' (например school_year: 2026 для 2026/27)",
                    en: "'meetings' is empty; it needs at least 'school_year' (e.g. school_year: 2026 for 2026/27)")
            return
        }
        guard let m = r.mapping(node, "meetings", allowed: Self.meetingsKeys) else { return }
        var settings = MeetingsSettings(schoolYear: 0)
        var valid = true
        if let n = m["school_year"] {
            if let y = r.integer(n, "meetings.school_year", minimum: 2000), y <= 2100 { settings.schoolYear = y } else {
                if case .scalar(let s) = n, let y = TableReader.parseInteger(s.string), y > 2100 {
                    r.error(n, ru: "'meetings.school_year': ожидался год начала учебного года (например 2026), найдено \(y)",
                            en: "'meetings.school_year' should be the year the school year starts in (e.g. 2026), found \(y)")
                }
                valid = false
            }
        } else {
            r.error(node, ru: "в 'meetings' нужен 'school_year': год, 1 сентября которого начинается учебный год (например 2026 для 2026/27)",
                    en: "'meetings' needs 'school_year': the year whose 1 September starts the school year (e.g. 2026 for 2026/27)")
            valid = false
        }
        if let n = m["weekdays"] { settings.weekdays = readWeekdays(n, &r) }
        if let n = m["start_times"] { settings.startTimes = readStartTimes(n, &r) }
        if let n = m["min_days_between"], let v = r.integer(n, "meetings.min_days_between", minimum: 0) { settings.minDaysBetween = v }
        if let n = m["max_per_venue"], let v = r.integer(n, "meetings.max_per_venue", minimum: 1) { settings.maxPerVenue = v }
        if let n = m["time_zone"], let s = r.scalar(n, "meetings.time_zone", expected: Phrase(ru: "название часового пояса, например Europe/Moscow", en: "a time zone name such as Europe/Moscow")) {
            if TimeZone(identifier: s) == nil || s.isEmpty {
                r.error(n, ru: "'meetings.time_zone': ожидалось название часового пояса, например Europe/Moscow или Asia/Yekaterinburg, найдено \"\(s)\"",
                        en: "'meetings.time_zone' should be a time zone name such as Europe/Moscow or Asia/Yekaterinburg, found \"\(s)\"")
            } else {
                settings.timeZone = s
            }
        }
        if valid, let n = m["no_meetings"], !YAMLReader.isNull(n) { settings.noMeetings = readClosedDates(n, settings, &r) }
        meetings = valid ? settings : nil
    }

    private func readWeekdays(_ node: Node, _ r: inout YAMLReader) -> [Weekday] {
        readList(node, "meetings.weekdays", expected: Phrase(ru: "день недели, например tue", en: "a day such as tue"), &r, parse: Weekday.init(name:),
                 bad: Phrase(ru: "дни недели как mon, tue, wed, thu, fri, sat, sun (или пн … вс)", en: "days as mon, tue, wed, thu, fri, sat, sun (or пн … вс)"), example: "[tue, wed, thu]", shown: { "'\($0.code)'" })
    }

    private func readStartTimes(_ node: Node, _ r: inout YAMLReader) -> [TimeOfDay] {
        readList(node, "meetings.start_times", expected: Phrase(ru: "время ЧЧ:ММ", en: "a time HH:MM"), &r, parse: TimeOfDay.init,
                 bad: Phrase(ru: "значения местного времени ЧЧ:ММ (например \"15:00\")", en: "local times HH:MM (e.g. \"15:00\")"), example: "[\"15:00\"]", shown: { "\($0)" })
    }

    /// A list setting (one value alone counts as a list of one), each item parsed by `parse`:
    /// an item that does not parse is an error, one listed twice a warning; sorted.
    private func readList<T: Comparable>(_ node: Node, _ key: String, expected: Phrase, _ r: inout YAMLReader,
                                         parse: (String) -> T?, bad: Phrase, example: String, shown: (T) -> String) -> [T] {
        let nodes: [Node]
        if case .sequence(let s) = node { nodes = Array(s) } else { nodes = [node] }
        var items: [T] = []
        for n in nodes {
            guard let s = r.scalar(n, key, expected: expected) else { continue }
            guard let item = parse(s) else {
                r.error(n, ru: "'\(key)': ожидались \(bad.ru), найдено \"\(s)\"", en: "'\(key)' should list \(bad.en), found \"\(s)\""); continue
            }
            if items.contains(item) { r.warning(n, ru: "\(shown(item)) указано в '\(key)' дважды", en: "\(shown(item)) is listed twice in '\(key)'"); continue }
            items.append(item)
        }
        if nodes.isEmpty { r.error(node, ru: "'\(key)' пуст; укажите хотя бы одно значение, например \(example)", en: "'\(key)' is empty; give at least one, e.g. \(example)") }
        return items.sorted()
    }

    /// `- {from: "2026-10-26", to: "2026-11-04", name: осенние каникулы}` or a single date
    /// `- "2026-11-04"`; `to` defaults to `from`.
    private func readClosedDates(_ node: Node, _ settings: MeetingsSettings, _ r: inout YAMLReader) -> [ClosedDates] {
        guard let items = r.sequence(node, "meetings.no_meetings") else { return [] }
        var out: [ClosedDates] = []
        func date(_ n: Node, _ what: String) -> LocalDate? {
            guard let s = r.scalar(n, what, expected: Phrase(ru: "дата ГГГГ-ММ-ДД", en: "a date YYYY-MM-DD")) else { return nil }
            guard let d = LocalDate(s) else {
                r.error(n, YAMLReader.shouldBe(what, Phrase(ru: "дата ГГГГ-ММ-ДД (например \"2026-11-04\")", en: "a date YYYY-MM-DD (e.g. \"2026-11-04\")"),
                                               found: .verbatim("\"\(s)\""))); return nil
            }
            return d
        }
        for (i, item) in items.enumerated() {
            let what = "meetings.no_meetings[\(i + 1)]"
            var closed: ClosedDates?
            if case .scalar = item {
                if let d = date(item, what) { closed = ClosedDates(from: d) }
            } else if let m = r.mapping(item, what, allowed: ["from", "to", "name"]) {
                guard let f = m["from"] else {
                    r.error(item, ru: "в '\(what)' нужно 'from' (и 'to' для периода), например {from: \"2026-10-26\", to: \"2026-11-04\"}",
                            en: "'\(what)' needs 'from' (and 'to' for a range), e.g. {from: \"2026-10-26\", to: \"2026-11-04\"}"); continue
                }
                guard let from = date(f, "\(what).from") else { continue }
                var to = from
                if let t = m["to"] { guard let d = date(t, "\(what).to") else { continue }; to = d }
                if to < from {
                    r.error(m["to"] ?? item, ru: "'\(what)' заканчивается \(to), раньше своего начала (\(from))", en: "'\(what)' ends on \(to), before it starts (\(from))"); continue
                }
                var name: String?
                if let n = m["name"], !YAMLReader.isNull(n) { name = r.string(n, "\(what).name") }
                closed = ClosedDates(from: from, to: to, name: name)
            }
            guard let closed else { continue }
            if closed.to < settings.firstDay || closed.from > settings.lastDay {
                let year = "\(settings.schoolYear)/\(String(settings.schoolYear + 1).suffix(2))"
                r.warning(item, ru: "'\(what)' (с \(closed.from) по \(closed.to)) вне учебного года \(year) и ничего не закрывает",
                          en: "'\(what)' (\(closed.from) to \(closed.to)) is outside the school year \(year) and closes nothing")
            }
            out.append(closed)
        }
        return out
    }
}
