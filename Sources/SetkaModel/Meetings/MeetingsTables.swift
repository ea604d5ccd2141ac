import Foundation

/// `platforms.csv` and `participants.csv`: like every other table, one named function each over a
/// `CSVTable` (a CSV file, or a workbook sheet read into one), every cell problem a diagnostic
/// naming file, line and column.
extension ScenarioLoader {
    /// `platforms.csv` and `participants.csv` from `table(key, required, why)`: required when
    /// scenario.yaml has `meetings:`, read when present otherwise.
    static func meetingsTables(_ settings: ScenarioSettings,
                               _ table: (String, Bool, Phrase?) -> CSVTable?) -> (CSVTable?, CSVTable?) {
        let needed = settings.meetings != nil || settings.meetingsLocation != nil
        let why = Phrase(ru: "в сценарии есть настройки meetings, поэтому он нужен годовому плану",
                         en: "the scenario has meetings settings, so its year plan needs")
        return (table("platforms", needed, why), table("participants", needed, why))
    }
}

extension TableLoading {
    static let platformColumns: Set<String> = ["id", "name", "host", "meetings", "months", "duration_minutes", "venue"]
    static let participantColumns: Set<String> = ["person", "school", "platforms"]

    // MARK: platforms.csv

    static func platforms(_ table: CSVTable) -> (LoadedRows<Platform>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Platform>(table: table)
        r.checkHeader(known: platformColumns)
        guard r.requireColumns(["id", "host"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        for rec in table.records {
            let id = r.id(rec, "id"), host = r.id(rec, "host")
            let name = r.text(rec, "name")
            let meetings = r.integer(rec, "meetings", minimum: 1) ?? 5
            let months = r.monthGroups(rec, "months") ?? MonthGroup.regulation
            let duration = r.integer(rec, "duration_minutes", minimum: 1) ?? 120
            if duration > 24 * 60, let c = table.cell(rec, "duration_minutes") {
                r.error(c, ru: "встреча длится не больше суток (1440 минут), найдено \(duration)", en: "a meeting lasts at most a day (1440 minutes), found \(duration)")
            }
            let venue = r.venueRule(rec, "venue") ?? .host
            if let c = table.cell(rec, "months"), !c.text.isEmpty, months.count > meetings {
                let unused = months[meetings...].map(\.description).joined(separator: "|")
                r.warning(c, ru: "групп месяцев: \(months.count), а встреч: \(meetings); встреча k приходится на группу k, поэтому \(unused) не \(months.count - meetings == 1 ? "используется" : "используются")",
                          en: "\(months.count) month groups for \(meetings) meeting\(meetings == 1 ? "" : "s"): meeting k falls in group k, so \(unused) \(months.count - meetings == 1 ? "is" : "are") not used")
            }
            guard let id, let host else { continue }
            if let first = seen[id] {
                if let c = table.cell(rec, "id") { r.error(c, ru: "код '\(id)' повторяется (уже есть в строке \(first))", en: "duplicate id '\(id)' (already on line \(first))") }
                continue
            }
            seen[id] = rec.line
            rows.values.append(Platform(id: id, name: name, host: host, meetings: meetings, months: months,
                                        durationMinutes: duration, venue: venue))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }

    // MARK: participants.csv

    static func participants(_ table: CSVTable) -> (LoadedRows<Participant>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Participant>(table: table)
        r.checkHeader(known: participantColumns)
        guard r.requireColumns(["person", "school", "platforms"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(table.records.count)
        for rec in table.records {
            let person = r.id(rec, "person"), school = r.id(rec, "school")
            var platforms = r.idList(rec, "platforms") ?? []
            if platforms.count > 1 {
                var set: Set<String> = []
                var kept: [String] = []
                for p in platforms {
                    if set.insert(p).inserted { kept.append(p); continue }
                    if let c = table.cell(rec, "platforms") {
                        r.error(c, ru: "площадка '\(p)' указана дважды; каждую площадку можно указать один раз", en: "platform '\(p)' is listed twice; each platform may appear once")
                    }
                }
                platforms = kept
            }
            guard let person, let school else { continue }
            if let first = seen[person] {
                if let c = table.cell(rec, "person") {
                    r.error(c, ru: "участник '\(person)' указан дважды (уже есть в строке \(first)); перечислите все его площадки в одной строке",
                            en: "person '\(person)' is listed twice (already on line \(first)); list all their platforms in one row")
                }
                continue
            }
            seen[person] = rec.line
            rows.values.append(Participant(person: person, school: school, platforms: platforms))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }
}

extension TableReader {
    /// `9|11|1|3|5-6`: month groups separated by `|`; nil when empty or absent. A malformed group
    /// is an error at its cell naming the group.
    mutating func monthGroups(_ r: CSVRecord, _ column: String) -> [MonthGroup]? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        var out: [MonthGroup] = []
        var bad = false
        for part in c.text.split(separator: "|", omittingEmptySubsequences: true) {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            if let g = MonthGroup(item) { out.append(g); continue }
            bad = true
            let parts = item.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, let a = parts[0], let b = parts[1], (1...12).contains(a), (1...12).contains(b) {
                error(c, ru: "диапазон месяцев \"\(item)\" идёт в обратную сторону: диапазоны пишутся в порядке учебного года, с сентября по август (например 5-6 или 12-1)",
                      en: "month range \"\(item)\" runs backwards: ranges go in school-year order, September to August (e.g. 5-6 or 12-1)")
            } else {
                error(c, ru: "ожидались группы месяцев через '|', каждая — месяц 1–12 или диапазон вроде 5-6 (например 9|11|1|3|5-6), найдено \"\(item)\"",
                      en: "expected month groups separated by '|', each a month 1–12 or a range like 5-6 (e.g. 9|11|1|3|5-6), found \"\(item)\"")
            }
        }
        if bad { return nil }
        if out.isEmpty {
            error(c, ru: "ожидалась хотя бы одна группа месяцев (например 9|11|1|3|5-6), найдено \"\(c.text)\"",
                  en: "expected at least one month group (e.g. 9|11|1|3|5-6), found \"\(c.text)\""); return nil
        }
        return out
    }

    /// `host` or `rotate` (also `база`/`базовая`, `по очереди`); nil when empty, absent or wrong
    /// (with an error).
    mutating func venueRule(_ r: CSVRecord, _ column: String) -> VenueRule? {
        guard let c = table.cell(r, column), !c.text.isEmpty else { return nil }
        switch c.text.lowercased() {
        case "host", "база", "базовая": return .host
        case "rotate", "по очереди", "поочерёдно", "поочередно": return .rotate
        default:
            error(c, ru: "ожидалось host (всегда в базовой организации) или rotate (по очереди в организациях-участниках), найдено \"\(c.text)\"",
                  en: "expected host (always at the base organisation) or rotate (around the member organisations), found \"\(c.text)\"")
            return nil
        }
    }
}
