import Foundation
import Yams

/// What `scenario.yaml` says, with the places of the values later checks refer to.
struct ScenarioSettings {
    /// The table names `tables:` may override, with their default file names.
    static let tableNames: [(key: String, file: String)] = [
        ("schools", "schools.csv"), ("rooms", "rooms.csv"), ("teachers", "teachers.csv"),
        ("courses", "courses.csv"), ("students", "students.csv"), ("travel", "travel.csv"),
        ("results", "results.csv"), ("partners-history", "partners-history.csv"), ("pins", "pins.csv"),
        ("platforms", "platforms.csv"), ("participants", "participants.csv"),
    ]
    static let supportedFormat = "setka/1"

    var name: String?
    var language: ReportLanguage = .ru
    /// Table key → (path relative to the folder, where it was given).
    var tables: [String: (path: String, location: SourceLocation?)] = [:]
    var travel = TravelSettings()
    var profileDay: ProfileDaySettings?
    var slotLocations: [SourceLocation] = []
    var partnering: [PartnerRule] = []
    /// Per rule: where it starts, and where each fixed / forbidden pair is.
    var ruleLocations: [SourceLocation] = []
    var fixedLocations: [[SourceLocation]] = []
    var forbiddenLocations: [[SourceLocation]] = []
    /// Per rule: where each of `subjects` is (empty when not given).
    var subjectLocations: [[SourceLocation]] = []
    /// `meetings:` (the year plan of network meetings), and where it was given.
    var meetings: MeetingsSettings?
    var meetingsLocation: SourceLocation?
    var diagnostics: [Diagnostic] = []

    /// Changes every location these settings hold (diagnostics and the places of slots, rules,
    /// pairs, subjects, table paths): how a workbook's settings sheet points its messages at cells.
    /// A new location-holding field belongs here too.
    mutating func mapLocations(_ f: (SourceLocation) -> SourceLocation) {
        diagnostics = diagnostics.map { d in var d = d; d.location = d.location.map(f); return d }
        for (key, value) in tables { tables[key] = (value.path, value.location.map(f)) }
        slotLocations = slotLocations.map(f)
        ruleLocations = ruleLocations.map(f)
        fixedLocations = fixedLocations.map { $0.map(f) }
        forbiddenLocations = forbiddenLocations.map { $0.map(f) }
        subjectLocations = subjectLocations.map { $0.map(f) }
    }

    /// The path of a table, relative to the scenario folder.
    func path(of key: String) -> String {
        tables[key]?.path ?? Self.tableNames.first { $0.key == key }!.file
    }

    /// Reads `scenario.yaml` text. `file` is the name used in messages.
    static func read(yaml text: String, file: String) -> ScenarioSettings {
        var settings = ScenarioSettings()
        var r = YAMLReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            settings.diagnostics.append(yamlSyntaxDiagnostic(e, file: file, text: text))
            return settings
        } catch {
            settings.diagnostics.append(.error(ru: "не удаётся прочитать YAML: \(error)", en: "cannot read YAML: \(error)", at: SourceLocation(file: file)))
            return settings
        }
        guard let root, !YAMLReader.isNull(root) else {
            settings.diagnostics.append(.error(ru: "файл пуст; в нём нужна хотя бы строка 'format: \(supportedFormat)'",
                                               en: "the file is empty; it needs at least the line 'format: \(supportedFormat)'",
                                               at: SourceLocation(file: file, line: 1)))
            return settings
        }
        let top: Set<String> = ["format", "name", "language", "tables", "travel", "profile_day", "partnering", "meetings"]
        guard let m = r.mapping(root, "scenario.yaml", allowed: top) else {
            settings.diagnostics = r.diagnostics
            return settings
        }
        readFormat(m, root: root, &r)
        if let n = m["name"], !YAMLReader.isNull(n) { settings.name = r.string(n, "name") }
        if let n = m["language"], !YAMLReader.isNull(n), let s = r.scalar(n, "language", expected: Phrase(ru: "ru или en", en: "ru or en")) {
            if let l = ReportLanguage(rawValue: s.lowercased()) { settings.language = l } else {
                r.error(n, YAMLReader.shouldBe("language", Phrase(ru: "ru или en", en: "ru or en"), found: .verbatim("\"\(s)\"")))
            }
        }
        if let n = m["tables"], !YAMLReader.isNull(n) { settings.readTables(n, &r) }
        if let n = m["travel"], !YAMLReader.isNull(n) { settings.readTravel(n, &r) }
        if let n = m["profile_day"] { settings.readProfileDay(n, &r) }
        if let n = m["partnering"], !YAMLReader.isNull(n) { settings.readPartnering(n, &r) }
        if let n = m["meetings"] { settings.readMeetings(n, &r) }
        settings.diagnostics = r.diagnostics
        return settings
    }

    /// A YAML syntax error as a diagnostic at the line and column Yams reports.
    static func yamlSyntaxDiagnostic(_ e: YamlError, file: String, text: String = "") -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // `problem` and `context` are Yams' own words (English).
            var msg = Phrase(ru: "ошибка синтаксиса YAML: \(problem)", en: "YAML syntax: \(problem)")
            if let context {
                msg = msg + Phrase(ru: " (\(context.text), строка \(context.mark.line), столбец \(context.mark.column))",
                                   en: " (\(context.text) at line \(context.mark.line), column \(context.mark.column))")
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if mark.line >= 1, mark.line <= lines.count, lines[mark.line - 1].prefix(mark.column).contains("\t") {
                msg = msg + Phrase(ru: "; в этой строке есть табуляция: в YAML отступы делаются пробелами",
                                   en: "; this line has a tab: YAML needs spaces for indentation")
            }
            return .error(msg, at: at(mark))
        case let .reader(problem, offset, _, _):
            return .error(ru: "не удаётся прочитать YAML: \(problem)\(offset.map { " (байт \($0))" } ?? "")",
                          en: "YAML cannot be read: \(problem)\(offset.map { " at byte \($0)" } ?? "")", at: SourceLocation(file: file))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(ru: "YAML: \(keys) задан дважды в одном наборе настроек; оставьте один",
                          en: "YAML: \(keys) is given twice in one mapping; keep one", at: at(context.mark))
        default:
            return .error(ru: "не удаётся прочитать YAML: \(e)", en: "YAML cannot be read: \(e)", at: SourceLocation(file: file))
        }
    }

    private static func readFormat(_ m: [String: Node], root: Node, _ r: inout YAMLReader) {
        guard let n = m["format"] else {
            r.diagnostics.append(.error(ru: "нет строки 'format: \(supportedFormat)' (первая строка любого scenario.yaml)",
                                        en: "missing 'format: \(supportedFormat)' (the first line of every scenario.yaml)",
                                        at: SourceLocation(file: r.file, line: root.mark?.line ?? 1)))
            return
        }
        guard let s = r.scalar(n, "format", expected: .verbatim("'\(supportedFormat)'")) else { return }
        if s != supportedFormat {
            r.error(n, ru: "неподдерживаемый формат \"\(s)\": эта версия Setka читает '\(supportedFormat)'",
                    en: "unsupported format \"\(s)\": this version of Setka reads '\(supportedFormat)'")
        }
    }

    private mutating func readTables(_ node: Node, _ r: inout YAMLReader) {
        let keys = Set(Self.tableNames.map(\.key))
        guard let m = r.mapping(node, "tables", allowed: keys) else { return }
        for (key, v) in m {
            guard let p = r.scalar(v, "tables.\(key)", expected: Phrase(ru: "путь к файлу относительно папки сценария", en: "a file path relative to the scenario folder")) else { continue }
            if p.isEmpty {
                r.error(v, ru: "'tables.\(key)': ожидался путь к файлу, а значения нет", en: "'tables.\(key)' should be a file path, found nothing"); continue
            }
            tables[key] = (p.replacingOccurrences(of: "\\", with: "/"), r.location(v))
        }
    }

    private mutating func readTravel(_ node: Node, _ r: inout YAMLReader) {
        guard let m = r.mapping(node, "travel", allowed: ["speed_kmh", "road_factor"]) else { return }
        if let n = m["speed_kmh"], let v = r.number(n, "travel.speed_kmh", minimum: 0, strictlyAbove: true) { travel.speedKmh = v }
        if let n = m["road_factor"], let v = r.number(n, "travel.road_factor", minimum: 0, strictlyAbove: true) { travel.roadFactor = v }
    }

    private mutating func readProfileDay(_ node: Node, _ r: inout YAMLReader) {
        var pd = ProfileDaySettings()
        defer { profileDay = pd }
        if YAMLReader.isNull(node) {
            r.error(node, ru: "'profile_day' пуст; в нём нужны хотя бы 'slots' (или уберите этот ключ, если сценарий только о партнёрстве)",
                    en: "'profile_day' is empty; it needs at least 'slots' (or remove the key for a partnering-only scenario)")
            return
        }
        let keys: Set<String> = ["slots", "min_section_size", "max_section_size", "courses_per_student",
                                 "max_trip_minutes", "visiting_teacher_rule", "weights"]
        guard let m = r.mapping(node, "profile_day", allowed: keys) else { return }
        if let n = m["slots"] { pd.slots = readSlots(n, &r) } else {
            r.error(node, ru: "в 'profile_day' нужны 'slots', например - {id: \"1\", start: \"09:00\", end: \"10:30\"}",
                    en: "'profile_day' needs 'slots', e.g. - {id: \"1\", start: \"09:00\", end: \"10:30\"}")
        }
        if let n = m["min_section_size"], let v = r.integer(n, "profile_day.min_section_size", minimum: 1) { pd.minSectionSize = v }
        if let n = m["max_section_size"], let v = r.integer(n, "profile_day.max_section_size", minimum: 1) { pd.maxSectionSize = v }
        if pd.minSectionSize > pd.maxSectionSize {
            r.error(m["min_section_size"] ?? m["max_section_size"] ?? node,
                    ru: "'profile_day.min_section_size' (\(pd.minSectionSize)) больше, чем 'max_section_size' (\(pd.maxSectionSize))",
                    en: "'profile_day.min_section_size' (\(pd.minSectionSize)) is larger than 'max_section_size' (\(pd.maxSectionSize))")
        }
        if let n = m["courses_per_student"], let v = r.integer(n, "profile_day.courses_per_student", minimum: 0) {
            pd.coursesPerStudent = v
            if v == 0 {
                r.warning(n, ru: "'profile_day.courses_per_student' равно 0: ученик без своего столбца 'wants' в students.csv не получит ни одного курса; укажите, сколько курсов выбирает каждый ученик (например 2)",
                          en: "'profile_day.courses_per_student' is 0: a student without a 'wants' of their own in students.csv gets no elective at all; set it to how many electives each student takes (e.g. 2)")
            }
        }
        if let n = m["max_trip_minutes"], let v = r.number(n, "profile_day.max_trip_minutes", minimum: 0) { pd.maxTripMinutes = v }
        if let n = m["visiting_teacher_rule"], let v = r.yesNo(n, "profile_day.visiting_teacher_rule") { pd.visitingTeacherRule = v }
        if let n = m["weights"], !YAMLReader.isNull(n),
           let w = r.mapping(n, "profile_day.weights", allowed: ["rank", "travel_minute", "section"]) {
            if let rn = w["rank"], let items = r.sequence(rn, "profile_day.weights.rank") {
                let values = items.compactMap { r.number($0, "profile_day.weights.rank", minimum: -Double.greatestFiniteMagnitude) }
                if items.isEmpty { r.error(rn, ru: "в 'profile_day.weights.rank' нужно хотя бы одно значение", en: "'profile_day.weights.rank' needs at least one value") }
                else if values.count == items.count { pd.weights.rank = values }
            }
            if let n = w["travel_minute"], let v = r.number(n, "profile_day.weights.travel_minute", minimum: 0) { pd.weights.travelMinute = v }
            if let n = w["section"], let v = r.number(n, "profile_day.weights.section", minimum: 0) { pd.weights.section = v }
        }
    }

    /// Slots: ids unique, each `end > start`, in order and not overlapping.
    private mutating func readSlots(_ node: Node, _ r: inout YAMLReader) -> [Slot] {
        guard let items = r.sequence(node, "profile_day.slots") else { return [] }
        if items.isEmpty {
            r.error(node, ru: "'profile_day.slots' пуст; в профильном дне нужно хотя бы одно занятие",
                    en: "'profile_day.slots' is empty; a profile day needs at least one slot")
        }
        var slots: [Slot] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let what = "profile_day.slots[\(i + 1)]"
            guard let m = r.mapping(item, what, allowed: ["id", "start", "end"]) else { continue }
            var id: String?, start: TimeOfDay?, end: TimeOfDay?
            if let n = m["id"] { id = r.id(n, "\(what).id") } else { r.error(item, ru: "у занятия \(i + 1) нужен 'id'", en: "slot \(i + 1) needs an 'id'") }
            for key in ["start", "end"] {
                guard let n = m[key] else { r.error(item, ru: "у занятия \(i + 1) нужно '\(key)' (ЧЧ:ММ)", en: "slot \(i + 1) needs '\(key)' (HH:MM)"); continue }
                guard let s = r.scalar(n, "\(what).\(key)", expected: Phrase(ru: "время ЧЧ:ММ", en: "a time HH:MM")) else { continue }
                guard let t = TimeOfDay(s) else {
                    r.error(n, YAMLReader.shouldBe("\(what).\(key)", Phrase(ru: "время ЧЧ:ММ (например \"09:00\")", en: "a time HH:MM (e.g. \"09:00\")"),
                                                   found: .verbatim("\"\(s)\""))); continue
                }
                if key == "start" { start = t } else { end = t }
            }
            guard let id, let start, let end else { continue }
            if let first = seen[id] {
                r.error(item, ru: "код занятия '\(id)' встречается дважды (занятия \(first) и \(i + 1))",
                        en: "slot id '\(id)' is used twice (slots \(first) and \(i + 1))"); continue
            }
            seen[id] = i + 1
            if end <= start {
                r.error(m["end"] ?? item, ru: "занятие '\(id)' заканчивается в \(end), не позже своего начала (\(start))",
                        en: "slot '\(id)' ends at \(end), not after it starts (\(start))"); continue
            }
            if let prev = slots.last {
                if start < prev.end {
                    let how = start < prev.start
                        ? Phrase(ru: "начинается раньше занятия '\(prev.id)' (\(prev.start)); перечислите занятия по порядку",
                                 en: "starts before slot '\(prev.id)' (\(prev.start)); list slots in order")
                        : Phrase(ru: "пересекается с занятием '\(prev.id)' (оно заканчивается в \(prev.end))",
                                 en: "overlaps slot '\(prev.id)' (which ends at \(prev.end))")
                    r.error(m["start"] ?? item, ru: "занятие '\(id)' с началом в \(start) \(how.ru)", en: "slot '\(id)' starting at \(start) \(how.en)")
                    continue
                }
            }
            slots.append(Slot(id: id, start: start, end: end))
            slotLocations.append(r.location(item))
        }
        return slots
    }

    private mutating func readPartnering(_ node: Node, _ r: inout YAMLReader) {
        guard let items = r.sequence(node, "partnering") else { return }
        let keys: Set<String> = ["name", "recipients", "providers", "partners_per_recipient", "max_travel_minutes",
                                 "subjects", "travel_minute", "fixed", "forbidden", "avoid_unhelpful"]
        for (i, item) in items.enumerated() {
            let what = "partnering[\(i + 1)]"
            guard let m = r.mapping(item, what, allowed: keys) else { continue }
            var rule = PartnerRule(name: "rule \(i + 1)", recipients: OrganisationSelector(), providers: OrganisationSelector())
            if let n = m["name"], !YAMLReader.isNull(n), let s = r.string(n, "\(what).name"), !s.isEmpty { rule.name = s }
            if let n = m["recipients"] { rule.recipients = readSelector(n, "\(what).recipients", &r) }
            else { r.error(item, ru: "в правиле партнёрства \(i + 1) нужно 'recipients', например {kind: school, low_results: yes}",
                           en: "partnering rule \(i + 1) needs 'recipients', e.g. {kind: school, low_results: yes}") }
            if let n = m["providers"] { rule.providers = readSelector(n, "\(what).providers", &r) }
            else { r.error(item, ru: "в правиле партнёрства \(i + 1) нужно 'providers', например {kind: school, low_results: no}",
                           en: "partnering rule \(i + 1) needs 'providers', e.g. {kind: school, low_results: no}") }
            if let n = m["partners_per_recipient"], let v = r.integer(n, "\(what).partners_per_recipient", minimum: 1) { rule.partnersPerRecipient = v }
            if let n = m["max_travel_minutes"], let v = r.number(n, "\(what).max_travel_minutes", minimum: 0) { rule.maxTravelMinutes = v }
            if let n = m["travel_minute"], let v = r.number(n, "\(what).travel_minute", minimum: 0) { rule.travelMinute = v }
            var subjectLocs: [SourceLocation] = []
            if let n = m["subjects"], !YAMLReader.isNull(n), let list = r.sequence(n, "\(what).subjects") {
                var subjects: [String] = []
                for s in list {
                    if let id = r.id(s, "\(what).subjects") { subjects.append(id.lowercased()); subjectLocs.append(r.location(s)) }
                }
                rule.subjects = subjects
            }
            var fixedLocs: [SourceLocation] = [], forbiddenLocs: [SourceLocation] = []
            if let n = m["fixed"], !YAMLReader.isNull(n) { rule.fixed = readPairs(n, "\(what).fixed", &r, &fixedLocs) }
            if let n = m["forbidden"], !YAMLReader.isNull(n) { rule.forbidden = readPairs(n, "\(what).forbidden", &r, &forbiddenLocs) }
            if let n = m["avoid_unhelpful"], let v = r.yesNo(n, "\(what).avoid_unhelpful") { rule.avoidUnhelpful = v }
            partnering.append(rule)
            ruleLocations.append(r.location(item))
            fixedLocations.append(fixedLocs)
            forbiddenLocations.append(forbiddenLocs)
            subjectLocations.append(subjectLocs)
        }
    }

    private func readSelector(_ node: Node, _ what: String, _ r: inout YAMLReader) -> OrganisationSelector {
        var sel = OrganisationSelector()
        if YAMLReader.isNull(node) { return sel }
        guard let m = r.mapping(node, what, allowed: ["kind", "low_results"]) else { return sel }
        if let n = m["kind"] {
            let nodes: [Node]
            if case .sequence(let s) = n { nodes = Array(s) } else { nodes = [n] }
            var kinds: [OrganisationKind] = []
            for k in nodes {
                guard let s = r.scalar(k, "\(what).kind", expected: Phrase(ru: "тип организации", en: "a kind")) else { continue }
                if let kind = OrganisationKind(rawValue: s.lowercased()) { kinds.append(kind) } else {
                    let kinds = OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")
                    r.error(k, YAMLReader.shouldBe("\(what).kind", Phrase(ru: "одно из значений \(kinds)", en: "one of \(kinds)"), found: .verbatim("\"\(s)\"")))
                }
            }
            sel.kinds = kinds
        }
        if let n = m["low_results"] { sel.lowResults = r.yesNo(n, "\(what).low_results") }
        return sel
    }

    private func readPairs(_ node: Node, _ what: String, _ r: inout YAMLReader,
                           _ locations: inout [SourceLocation]) -> [PartnerPair] {
        guard let items = r.sequence(node, what) else { return [] }
        var pairs: [PartnerPair] = []
        for item in items {
            guard case .sequence(let s) = item, s.count == 2 else {
                r.error(item, ru: "каждый элемент '\(what)' должен быть парой [получатель, помощник], найдено: \(YAMLReader.describe(item).ru)",
                        en: "each entry of '\(what)' should be a pair [recipient, provider], found \(YAMLReader.describe(item).en)")
                continue
            }
            let a = r.id(s[s.startIndex], what), b = r.id(s[s.index(after: s.startIndex)], what)
            if let a, let b {
                pairs.append(PartnerPair(recipient: a, provider: b))
                locations.append(r.location(item))
            }
        }
        return pairs
    }
}
