import Foundation
import Meetings
import Reports
import SetkaModel

/// The consolidated plan (сводный план) for people: a printable HTML page and an `.xlsx`
/// workbook with the same tables, in the scenario's language (Russian by default).
public enum PlanReport {
    /// The tables of the plan, shared by the page and the workbook.
    struct Content {
        let plan: MeetingsPlan
        let scenario: Scenario
        let words: MeetingsWords
        let platforms: [String: Platform]
        let attendees: [String: Int]

        init(_ plan: MeetingsPlan, _ scenario: Scenario) {
            self.plan = plan; self.scenario = scenario
            words = MeetingsWords(scenario.language)
            platforms = Dictionary(scenario.platforms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var count: [String: Int] = [:]
            for person in scenario.participants { for p in Set(person.platforms) { count[p, default: 0] += 1 } }
            attendees = count
        }

        func org(_ id: String) -> String { scenario.organisation(id)?.name ?? id }
        func platformName(_ id: String) -> String { platforms[id]?.name ?? id }

        /// The whole plan, one row per meeting in date order.
        func planTable() -> ReportTable {
            let w = words
            let rows: [[ReportCell]] = plan.meetings.enumerated().map { n, m in
                [.integer(n + 1), .text(w.date(m.date)), .text(w.weekdayShort(m.date.weekday)), .text("\(m.start)–\(m.end)"),
                 .text(platformName(m.platform)), .integer(m.number), .text(org(m.venue)), .integer(attendees[m.platform] ?? 0),
                 .text(m.platform), .text(m.venue)]
            }
            return ReportTable(key: "plan", title: w.t("Сводный план", "Consolidated plan"),
                               columns: [w.t("№", "No."), w.t("Дата", "Date"), w.t("День", "Day"), w.t("Время", "Time"),
                                         w.t("Площадка", "Platform"), w.t("Заседание", "Meeting"), w.t("Место проведения", "Venue"),
                                         w.t("Участников", "Participants"), w.t("Код площадки", "Platform id"),
                                         w.t("Код места", "Venue id")],
                               rows: rows)
        }

        /// One row per platform: host, venue rule, its meetings' dates.
        func platformsTable() -> ReportTable {
            let w = words
            var byPlatform: [String: [PlannedMeeting]] = [:]
            for m in plan.meetings { byPlatform[m.platform, default: []].append(m) }
            let rows: [[ReportCell]] = scenario.platforms.map { p in
                let mine = (byPlatform[p.id] ?? []).sorted { ($0.date, $0.start) < ($1.date, $1.start) }
                let dates = mine.map { m in
                    "\(m.number): \(w.date(m.date)) \(m.start)" + (p.venue == .rotate ? " — \(org(m.venue))" : "")
                }.joined(separator: "\n")
                return [.text(p.name), .text(org(p.host)), .text(p.venue == .host ? w.t("на базе", "at the host") : w.t("поочерёдно у участников", "rotating among members")),
                        .integer(attendees[p.id] ?? 0), .text("\(mine.count)/\(p.meetings)"), .text(dates), .text(p.id)]
            }
            return ReportTable(key: "platforms", title: w.t("Площадки", "Platforms"),
                               columns: [w.t("Площадка", "Platform"), w.t("Базовая организация", "Base organisation"),
                                         w.t("Место", "Venue"), w.t("Участников", "Participants"),
                                         w.t("Заседаний", "Meetings"), w.t("Даты", "Dates"), w.t("Код", "Id")],
                               rows: rows)
        }

        /// The per-person list.
        func peopleTable() -> ReportTable {
            let w = words
            let rows: [[ReportCell]] = PersonalLists.entries(plan, scenario: scenario).map { e in
                let m = e.meeting
                return [.text(e.person), .text(org(e.school)), .text(w.date(m.date)), .text(w.weekdayShort(m.date.weekday)),
                        .text("\(m.start)–\(m.end)"), .text(platformName(m.platform)), .integer(m.number), .text(org(m.venue))]
            }
            return ReportTable(key: "people", title: w.t("Участники", "Participants"),
                               columns: [w.t("Участник", "Person"), w.t("Организация", "Organisation"), w.t("Дата", "Date"),
                                         w.t("День", "Day"), w.t("Время", "Time"), w.t("Площадка", "Platform"),
                                         w.t("Заседание", "Meeting"), w.t("Место проведения", "Venue")],
                               rows: rows)
        }

        /// Meetings not in the plan, with why.
        func unplacedTable() -> ReportTable {
            let w = words
            let rows: [[ReportCell]] = plan.unplaced.map { u in
                [.text(platformName(u.platform)), .integer(u.number), .text(w.months(u.months, schoolYear: plan.schoolYear)),
                 .text(w.reason(u.reason, scenario: scenario)), .text(u.platform)]
            }
            return ReportTable(key: "unplaced", title: w.t("Не вошли в план", "Not in the plan"),
                               columns: [w.t("Площадка", "Platform"), w.t("Заседание", "Meeting"), w.t("Месяцы", "Months"),
                                         w.t("Причина", "Reason"), w.t("Код площадки", "Platform id")],
                               rows: rows)
        }

        /// Key figures.
        func figures(verified: Bool) -> [(String, String)] {
            let w = words
            var out: [(String, String)] = [
                (w.t("Учебный год", "School year"), w.schoolYear(plan.schoolYear)),
                (w.t("Площадок", "Platforms"), String(scenario.platforms.count)),
                (w.t("Участников", "Participants"), String(scenario.participants.count)),
                (w.t("Заседаний в плане", "Meetings in the plan"), "\(plan.meetings.count) " + w.t("из", "of") + " \(plan.meetings.count + plan.unplaced.count)"),
                (w.t("Статус плана", "Status"), w.status(plan.status)),
                (w.t("Суммарное время в пути участников, мин", "Participants' total travel, min"),
                 w.number(plan.travelMinutes, digits: 0) + (plan.status == .partial ? "" : " (" + w.t("нижняя граница", "lower bound") + " \(w.number(plan.travelBound, digits: 0)))")),
                (w.t("Заседаний на одной неделе у одного участника", "A person's meetings sharing a week"),
                 String(plan.sameWeek) + (plan.status == .partial ? "" : " (" + w.t("нижняя граница", "lower bound") + " \(plan.sameWeekBound))")),
                (w.t("Проверено независимой проверкой", "Verified by the independent checker"), verified ? w.t("да", "yes") : w.t("НЕТ", "NO")),
            ]
            if let s = scenario.meetings {
                out.append((w.t("Часовой пояс", "Time zone"), s.timeZone))
            }
            return out
        }
    }

    // MARK: - workbook

    /// The workbook: the plan, the platforms, the per-person list, and what did not fit.
    public static func workbook(_ plan: MeetingsPlan, scenario: Scenario) throws -> [UInt8] {
        let c = Content(plan, scenario)
        var tables = [c.planTable(), c.platformsTable(), c.peopleTable()]
        if !plan.unplaced.isEmpty { tables.append(c.unplacedTable()) }
        return try XLSXWriter.workbook(tables, words: Words(scenario))
    }

    // MARK: - HTML

    static let css = """
    @page { size: A4; margin: 14mm 12mm; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 1100px; padding: 12px; }
    h1 { font-size: 16pt; margin: 8px 0 4px; text-align: center; }
    h2 { font-size: 13pt; border-bottom: 2px solid #333; padding-bottom: 2px; margin-top: 24px; }
    h3 { font-size: 11.5pt; margin: 16px 0 6px; }
    table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
    th, td { border: 1px solid #888; padding: 2px 5px; vertical-align: top; text-align: left; overflow-wrap: break-word; }
    th { background: #e8e8e8; }
    td.num { text-align: right; white-space: nowrap; }
    td.nowrap { white-space: nowrap; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    .order { text-align: right; font-size: 9.5pt; }
    .subtitle { text-align: center; margin: 0 0 12px; }
    .muted { color: #555; }
    .note { font-size: 9pt; color: #333; }
    .warning { border: 2px solid #a00; padding: 6px 10px; margin: 10px 0; }
    .signature { margin-top: 28px; }
    table.figures { width: auto; }
    @media print {
      body { max-width: none; padding: 0 2px; font-size: 9pt; }
      .page { break-before: page; page-break-before: always; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
    }
    """

    /// The printable page: approval line, key figures, the plan month by month, the platforms,
    /// what did not fit and why, the closed dates, a line to sign.
    public static func html(_ plan: MeetingsPlan, scenario: Scenario, verified: Bool) -> String {
        let c = Content(plan, scenario)
        let w = c.words
        let e = HTML.escape
        var s = "<!DOCTYPE html>\n<html lang=\"\(scenario.language.rawValue)\"><head><meta charset=\"utf-8\">"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        let title = w.t("Сводный план заседаний площадок сетевого взаимодействия", "Consolidated plan of network platform meetings")
        s += "<title>\(e(title)) — \(e(scenario.name))</title><style>\n\(css)\n</style></head><body>\n"
        s += "<p class=\"order\">\(e(w.t("Приложение № ___ к приказу от «___» ____________ 20___ г. № ______", "Appendix No. ___ to order No. ______ of ____________")))</p>"
        s += "<h1>\(e(title))</h1><p class=\"subtitle\">\(e(w.schoolYear(plan.schoolYear))) · \(e(scenario.name))</p>\n"

        if plan.status == .partial {
            s += "<div class=\"warning\"><b>\(e(w.t("Не все заседания помещаются в план.", "Not every meeting fits in the plan.")))</b> "
            s += e(w.t("Ниже — лучший найденный неполный план; заседания, которые не вошли, и причины перечислены в конце.",
                       "Below is the best partial plan found; the meetings left out and why are listed at the end.")) + "</div>"
        }

        s += "<h2>\(e(w.t("Основные показатели", "Key figures")))</h2><table class=\"figures\"><tbody>"
        for (k, v) in c.figures(verified: verified) { s += "<tr><th>\(e(k))</th><td>\(e(v))</td></tr>" }
        s += "</tbody></table>"
        s += "<p class=\"note\">\(e(w.t("Время в пути считается от организации каждого участника до места заседания. Нижняя граница — значение, лучше которого не может быть ни один план; совпадение с ней доказывает оптимальность.", "Travel is counted from each participant's organisation to the venue. A lower bound is a value no plan can beat; reaching it proves the plan optimal.")))</p>"

        // The plan, month by month.
        s += "<h2>\(e(w.t("План по месяцам", "The plan by month")))</h2>"
        let table = c.planTable()
        var monthRows: [(key: Int, title: String, rows: [[ReportCell]])] = []
        for (m, row) in zip(plan.meetings, table.rows) {
            let key = m.date.year * 100 + m.date.month
            if monthRows.last?.key != key { monthRows.append((key, w.monthTitle(m.date.month, year: m.date.year), [])) }
            monthRows[monthRows.count - 1].rows.append(row)
        }
        let shown = Array(0..<8)
        for month in monthRows {
            s += "<h3>\(e(month.title))</h3>" + htmlTable(table.columns, month.rows, columns: shown, words: w)
        }
        if plan.meetings.isEmpty { s += "<p>\(e(w.t("В плане нет заседаний.", "The plan has no meetings.")))</p>" }

        // The platforms.
        let platforms = c.platformsTable()
        s += "<section class=\"page\"><h2>\(e(w.t("Площадки и даты их заседаний", "Platforms and their meeting dates")))</h2>"
        s += htmlTable(platforms.columns, platforms.rows, columns: Array(0..<6), words: w) + "</section>"

        // What did not fit.
        if !plan.unplaced.isEmpty {
            s += "<section class=\"page\"><h2>\(e(w.t("Не вошли в план", "Not in the plan")))</h2>"
            if !plan.infeasibleMonths.isEmpty {
                s += "<ul>"
                for m in plan.infeasibleMonths { s += "<li>\(e(w.proof(m, schoolYear: plan.schoolYear, scenario: scenario)))</li>" }
                s += "</ul>"
            }
            let u = c.unplacedTable()
            s += htmlTable(u.columns, u.rows, columns: Array(0..<4), words: w) + "</section>"
        }

        // Closed dates and settings.
        if let settings = scenario.meetings {
            s += "<h2>\(e(w.t("Условия планирования", "Planning rules")))</h2><ul>"
            s += "<li>\(e(w.t("Дни заседаний", "Meeting days"))): \(e(settings.weekdays.map { w.weekday($0) }.joined(separator: ", ")))</li>"
            s += "<li>\(e(w.t("Время начала", "Start times"))): \(e(settings.startTimes.map(\.description).joined(separator: ", ")))</li>"
            s += "<li>\(e(w.t("Между заседаниями одной площадки не меньше, дней", "Days between a platform's meetings, at least"))): \(settings.minDaysBetween)</li>"
            s += "<li>\(e(w.t("Заседаний в одной организации одновременно не больше", "Meetings at one organisation at once, at most"))): \(settings.maxPerVenue)</li>"
            if !settings.noMeetings.isEmpty {
                let closed = settings.noMeetings.map { d in
                    (d.from == d.to ? w.date(d.from) : "\(w.date(d.from))–\(w.date(d.to))") + (d.name.map { " (\($0))" } ?? "")
                }
                s += "<li>\(e(w.t("Без заседаний", "No meetings"))): \(e(closed.joined(separator: "; ")))</li>"
            }
            s += "</ul>"
        }
        s += "<p class=\"signature\">\(e(w.t("Руководитель ______________________ / ______________________ /", "Head ______________________ / ______________________ /")))</p>"
        s += "<footer><p class=\"muted\">\(e(w.t("Составлено программой «Сетка»; каждое правило проверено независимой проверкой.", "Made with Setka; every rule re-verified by an independent checker.")))</p></footer>"
        s += "\n</body></html>\n"
        return s
    }

    static func htmlTable(_ header: [String], _ rows: [[ReportCell]], columns: [Int], words: MeetingsWords) -> String {
        let e = HTML.escape
        var s = "<table><thead><tr>"
        for c in columns { s += "<th>\(e(header[c]))</th>" }
        s += "</tr></thead><tbody>"
        for row in rows {
            s += "<tr>"
            for c in columns {
                switch row[c] {
                case .integer(let i): s += "<td class=\"num\">\(i)</td>"
                case .number(let x, let digits): s += "<td class=\"num\">\(e(words.number(x, digits: digits)))</td>"
                case .text(let t):
                    let lines = t.split(separator: "\n", omittingEmptySubsequences: false).map { e(String($0)) }.joined(separator: "<br>")
                    s += t.count <= 16 && !t.contains(" ") ? "<td class=\"nowrap\">\(lines)</td>" : "<td>\(lines)</td>"
                case .empty: s += "<td></td>"
                }
            }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }
}
