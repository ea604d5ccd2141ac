import Foundation

/// The `settings`, `slots`, `partnering` and `no_meetings` sheets of a workbook read as the `scenario.yaml` of
/// a folder would be (`scenario-format.md`, "Workbooks").
///
/// The sheets are turned into the YAML text `scenario.yaml` would hold, one value per line, and
/// that text is read by `ScenarioSettings.read`: every setting is checked by the same code with
/// the same messages as in a folder, and a setting added to `scenario.yaml` later is understood
/// in the sheet too. Each YAML line remembers the cell it came from, and every location in the
/// settings read is mapped back to that cell (`district.xlsx[settings]!B4`).
struct WorkbookSettings {
    /// Keys whose value is a list even when it has one item (other values are lists when they
    /// hold `|`).
    static let listKeys: Set<String> = ["profile_day.weights.rank", "meetings.weekdays", "meetings.start_times"]

    /// The keys the settings sheet knows, for messages and the template's drop-down list.
    static let knownKeys = [
        "name", "language", "travel.speed_kmh", "travel.road_factor",
        "profile_day.min_section_size", "profile_day.max_section_size", "profile_day.courses_per_student",
        "profile_day.max_trip_minutes", "profile_day.visiting_teacher_rule",
        "profile_day.weights.rank", "profile_day.weights.travel_minute", "profile_day.weights.section",
        "meetings.school_year", "meetings.weekdays", "meetings.start_times", "meetings.min_days_between",
        "meetings.max_per_venue", "meetings.time_zone",
    ]

    static let partneringColumns: Set<String> = [
        "name", "recipients_kind", "recipients_low_results", "providers_kind", "providers_low_results",
        "partners_per_recipient", "max_travel_minutes", "subjects", "travel_minute", "fixed", "forbidden", "avoid_unhelpful",
    ]

    /// A `subjects` cell that says "no subjects" (`subjects: []`: partners chosen by travel alone);
    /// an empty cell means every score column.
    static let noSubjects: Set<String> = ["нет", "none", "-"]

    /// The file name the generated YAML is read under (never shown: every location is mapped back).
    static let syntheticFile = "\u{1}workbook-settings.yaml"

    /// Where a YAML line came from: the key's place (a cell, or a row), the value's cell and the
    /// column of the line where the value starts.
    struct Origin {
        var key: SourceLocation
        var value: SourceLocation
        var valueColumn: Int
        /// True for a key written in the settings sheet by a person (an unknown one is an error).
        var isSheetKey = false
    }

    let book: Workbook
    var lines: [String] = []
    var origins: [Origin] = []
    var diagnostics: [Diagnostic] = []
    /// The sheets read, in reading order, as `file[sheet]` (for ordering messages).
    var sheetOrder: [String] = []

    init(book: Workbook) { self.book = book }

    private var fileOnly: SourceLocation { SourceLocation(file: book.display) }

    /// Appends a YAML line: `indent` spaces, then `head` (key part), then `value` (may be empty).
    private mutating func line(_ indent: Int, _ head: String, _ value: String = "", key: SourceLocation, valueAt: SourceLocation? = nil,
                               sheetKey: Bool = false) {
        let prefix = String(repeating: " ", count: indent) + head
        lines.append(prefix + value)
        origins.append(Origin(key: key, value: valueAt ?? key, valueColumn: prefix.count + 1, isSheetKey: sheetKey))
    }

    private static func q(_ s: String) -> String { ScenarioWriter.yamlString(s) }

    /// A YAML flow list of quoted items.
    private static func flowList(_ items: [String]) -> String { "[" + items.map(q).joined(separator: ", ") + "]" }

    /// The `|`-separated items of a cell, trimmed, empty ones dropped.
    static func items(_ text: String) -> [String] {
        text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: reading

    /// Reads the four sheets into settings (with every location on a cell); `defaultName` when
    /// the settings give no name.
    mutating func read(defaultName: String) -> ScenarioSettings {
        let settingsTable = sheet("settings")
        let slotsTable = sheet("slots")
        let partneringTable = sheet("partnering")
        let closedTable = sheet("no_meetings")
        var tree = SettingsTree()
        if let t = settingsTable { tree = readSettingsSheet(t) }
        if tree.root.child("format") == nil {
            line(0, "format: ", Self.q(ScenarioSettings.supportedFormat), key: fileOnly)
        }
        for (group, example) in [("profile_day", "profile_day.min_section_size"), ("meetings", "meetings.school_year")] {
            if let node = tree.root.child(group), node.value != nil {
                diagnostics.append(.error(ru: "'\(group)' — это группа настроек (\(example), ...), а не значение",
                                          en: "'\(group)' is a group of settings (\(example), ...), not a value", at: node.key ?? fileOnly))
                node.value = nil
            }
        }
        if slotsTable == nil, let first = tree.firstProfileDayKey {
            diagnostics.append(.error(ru: "в настройках есть ключи profile_day, но в книге нет листа 'slots' (занятия); "
                                      + "добавьте его (столбцы id, start, end) или уберите ключи profile_day, если сценарий только о партнёрстве",
                                      en: "the settings name profile_day keys but the workbook has no 'slots' (занятия) sheet; "
                                      + "add it (columns id, start, end) or remove the profile_day keys for a partnering-only scenario", at: first))
            tree.remove("profile_day")
        }
        emit(tree, slots: slotsTable, closed: closedTable)
        if let t = partneringTable { emitPartnering(t) }
        let text = lines.joined(separator: "\n") + "\n"
        var settings = ScenarioSettings.read(yaml: text, file: Self.syntheticFile)
        // Unknown keys in the settings sheet are errors (in scenario.yaml they are warnings).
        settings.diagnostics = settings.diagnostics.map { d in
            guard d.severity == .warning, let o = origin(of: d.location), o.isSheetKey, let l = d.location,
                  l.column ?? 0 < o.valueColumn else { return d }
            var e = d
            e.severity = .error
            let known = Self.knownKeys.joined(separator: ", ")
            return .error(ru: "неизвестная настройка '\(keyText(at: o))'; на листе настроек допустимы: \(known)",
                          en: "unknown setting '\(keyText(at: o))'; the settings sheet knows: \(known)", at: d.location, field: d.field)
        }
        settings.mapLocations { self.map($0) }
        if settings.name == nil { settings.name = defaultName }
        diagnostics += settings.diagnostics
        settings.diagnostics = []
        return settings
    }

    /// The key text a person wrote at an origin (the settings sheet's key cell).
    private func keyText(at o: Origin) -> String { sheetKeys[o.key] ?? "?" }
    private var sheetKeys: [SourceLocation: String] = [:]

    private func origin(of location: SourceLocation?) -> Origin? {
        guard let l = location, l.file == Self.syntheticFile, let line = l.line, line >= 1, line <= origins.count else { return nil }
        return origins[line - 1]
    }

    /// A location in the generated YAML as the cell (or row) it came from.
    func map(_ l: SourceLocation) -> SourceLocation {
        guard l.file == Self.syntheticFile else { return l }
        guard let o = origin(of: l) else { return fileOnly }
        if let c = l.column, c >= o.valueColumn { return o.value }
        return o.key
    }

    private func map(_ d: Diagnostic) -> Diagnostic {
        var d = d
        d.location = d.location.map(map)
        return d
    }

    /// The table of sheet `key`, with its warnings noted; nil when absent or unreadable (noted).
    private mutating func sheet(_ key: String) -> CSVTable? {
        do {
            guard let (table, warnings) = try book.table(for: key) else { return nil }
            diagnostics += warnings
            sheetOrder.append(table.displayName)
            return table
        } catch {
            diagnostics += ScenarioError.readingWorkbook(error, at: fileOnly).diagnostics
        }
        return nil
    }

    // MARK: settings sheet

    /// Settings as a tree of dotted keys: each leaf a value with its cells.
    struct SettingsTree {
        final class Node {
            var children: [(String, Node)] = []
            var value: (text: String, key: SourceLocation, cell: SourceLocation)?
            var key: SourceLocation?
            func child(_ name: String) -> Node? { children.first { $0.0 == name }?.1 }
        }
        var root = Node()
        var firstProfileDayKey: SourceLocation? {
            root.child("profile_day")?.key
        }
        mutating func remove(_ name: String) { root.children.removeAll { $0.0 == name } }
    }

    private mutating func readSettingsSheet(_ t: CSVTable) -> SettingsTree {
        var r = TableReader(t)
        r.checkHeader(known: ["key", "value"])
        let tree = SettingsTree()
        guard r.requireColumns(["key", "value"]) else { diagnostics += r.diagnostics; return tree }
        var seen: [String: Int] = [:]
        for rec in t.records {
            guard let k = t.cell(rec, "key"), let v = t.cell(rec, "value") else { continue }
            let keyLoc = t.location(line: k.line, column: k.column), cellLoc = t.location(line: v.line, column: v.column)
            let key = k.text
            if key.isEmpty {
                if !v.text.isEmpty {
                    diagnostics.append(.error(ru: "значение без ключа; впишите название настройки в столбец '\(k.header)'",
                                              en: "a value without a key; write the setting's name in column '\(k.header)'", at: keyLoc))
                }
                continue
            }
            if v.text.isEmpty { continue }   // an empty value leaves the setting at its default
            let parts = key.split(separator: ".", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.contains(where: { $0.isEmpty || $0.contains(where: { $0.isWhitespace || $0 == "\"" }) }) {
                diagnostics.append(.error(ru: "'\(key)' — не ключ настройки; ключ — это путь через точку, например profile_day.min_section_size",
                                          en: "'\(key)' is not a setting key; a key is a dotted path such as profile_day.min_section_size", at: keyLoc))
                continue
            }
            switch parts[0] {
            case "partnering":
                diagnostics.append(.error(ru: "правила партнёрства записываются на листе 'partnering' (партнёрство), по строке на правило, а не в настройках",
                                          en: "partnering rules go in the 'partnering' (партнёрство) sheet, one row per rule, not in the settings", at: keyLoc)); continue
            case "tables":
                diagnostics.append(.error(ru: "'tables' в книге не имеет смысла: каждая таблица — свой лист",
                                          en: "'tables' has no meaning in a workbook: each table is its own sheet", at: keyLoc)); continue
            case "profile_day" where parts.count > 1 && parts[1] == "slots":
                diagnostics.append(.error(ru: "занятия записываются на листе 'slots' (занятия), столбцы id, start, end",
                                          en: "slots go in the 'slots' (занятия) sheet, columns id, start, end", at: keyLoc)); continue
            case "meetings" where parts.count > 1 && parts[1] == "no_meetings":
                diagnostics.append(.error(ru: "даты без встреч записываются на листе 'no_meetings' (без встреч), столбцы from, to, name",
                                          en: "closed dates go in the 'no_meetings' (без встреч) sheet, columns from, to, name", at: keyLoc)); continue
            default: break
            }
            if let first = seen[key] {
                diagnostics.append(.error(ru: "'\(key)' задан дважды (ещё в строке \(first)); оставьте один",
                                          en: "'\(key)' is given twice (also in row \(first)); keep one", at: keyLoc)); continue
            }
            seen[key] = k.line
            sheetKeys[keyLoc] = key
            var node = tree.root
            var clash = false
            for (i, p) in parts.enumerated() {
                if node.value != nil { clash = true; break }
                if let c = node.child(p) { node = c } else {
                    let c = SettingsTree.Node()
                    c.key = keyLoc
                    node.children.append((p, c))
                    node = c
                }
                if i == parts.count - 1, !node.children.isEmpty { clash = true }
            }
            if clash {
                diagnostics.append(.error(ru: "'\(key)' конфликтует с другим ключом этого листа: у группы настроек (как 'travel') не может быть своего значения",
                                          en: "'\(key)' clashes with another key of this sheet: a group of settings (like 'travel') cannot also have a value", at: keyLoc))
                continue
            }
            node.value = (v.text, keyLoc, cellLoc)
        }
        diagnostics += r.diagnostics
        return tree
    }

    /// Writes the tree as YAML (and the slots under `profile_day`, which exists when the slots
    /// sheet does; the closed dates under `meetings`, which exists when that sheet has a row).
    private mutating func emit(_ tree: SettingsTree, slots: CSVTable?, closed: CSVTable?) {
        var children = tree.root.children
        func group(_ name: String, for t: CSVTable?) {
            guard let t, tree.root.child(name) == nil else { return }
            let node = SettingsTree.Node()
            node.key = t.location(line: t.document.headerLine)
            children.append((name, node))
        }
        group("profile_day", for: slots)
        let closed = closed.flatMap { $0.records.isEmpty ? nil : $0 }
        group("meetings", for: closed)
        for (name, node) in children {
            emitNode(name, node, indent: 0, path: name)
            if name == "profile_day", let slots { emitSlots(slots) }
            if name == "meetings", let closed { emitClosedDates(closed) }
        }
    }

    private mutating func emitNode(_ name: String, _ node: SettingsTree.Node, indent: Int, path: String) {
        let head = Self.q(name) + ": "
        if let v = node.value {
            let list = Self.listKeys.contains(path) || v.text.contains("|")
            line(indent, head, list ? Self.flowList(Self.items(v.text)) : Self.q(v.text), key: v.key, valueAt: v.cell, sheetKey: true)
            return
        }
        line(indent, Self.q(name) + ":", key: node.key ?? fileOnly, sheetKey: true)
        for (n, c) in node.children { emitNode(n, c, indent: indent + 2, path: path + "." + n) }
    }

    // MARK: slots sheet

    private mutating func emitSlots(_ t: CSVTable) {
        var r = TableReader(t)
        r.checkHeader(known: ["id", "start", "end"])
        let ok = r.requireColumns(["id", "start", "end"])
        diagnostics += r.diagnostics
        let header = t.location(line: t.document.headerLine)
        guard ok, !t.records.isEmpty else {
            line(2, "\"slots\": ", "[]", key: header)
            return
        }
        line(2, "\"slots\":", key: header)
        emitItems(t, columns: ["id", "start", "end"])
    }

    /// Each row of `t` as an item of a YAML list at indent 4, a mapping of its non-empty
    /// `columns` (`{}` for a row without any: the reader then asks for what is missing there).
    private mutating func emitItems(_ t: CSVTable, columns: [String]) {
        for rec in t.records {
            let row = t.location(line: rec.line)
            var first = true
            for column in columns {
                guard let c = t.cell(rec, column), !c.text.isEmpty else { continue }
                line(4, (first ? "- " : "  ") + Self.q(column) + ": ", Self.q(c.text), key: row,
                     valueAt: t.location(line: c.line, column: c.column))
                first = false
            }
            if first { line(4, "- ", "{}", key: row) }
        }
    }

    // MARK: no_meetings sheet

    /// The rows of the `no_meetings` sheet as `meetings.no_meetings` items `{from, to, name}`.
    private mutating func emitClosedDates(_ t: CSVTable) {
        var r = TableReader(t)
        r.checkHeader(known: ["from", "to", "name"])
        let ok = r.requireColumns(["from"])
        diagnostics += r.diagnostics
        guard ok else { return }
        line(2, "\"no_meetings\":", key: t.location(line: t.document.headerLine))
        emitItems(t, columns: ["from", "to", "name"])
    }

    // MARK: partnering sheet

    private mutating func emitPartnering(_ t: CSVTable) {
        var r = TableReader(t)
        r.checkHeader(known: Self.partneringColumns)
        let header = t.location(line: t.document.headerLine)
        for side in ["recipients", "providers"] where !t.has(side + "_kind") && !t.has(side + "_low_results") {
            r.diagnostics.append(.error(ru: "на листе партнёрства нужен столбец '\(side)_kind' или '\(side)_low_results': кто такие \(side == "recipients" ? "получатели" : "помощники")",
                                        en: "the partnering sheet needs a column '\(side)_kind' or '\(side)_low_results' to say who the \(side) are", at: header))
        }
        diagnostics += r.diagnostics
        if t.records.isEmpty { return }
        line(0, "\"partnering\":", key: header)
        for rec in t.records {
            let row = t.location(line: rec.line)
            var first = true
            func head(_ key: String) -> String {
                defer { first = false }
                return (first ? "- " : "  ") + Self.q(key) + ": "
            }
            func cell(_ column: String) -> (text: String, at: SourceLocation)? {
                guard let c = t.cell(rec, column), !c.text.isEmpty else { return nil }
                return (c.text, t.location(line: c.line, column: c.column))
            }
            if let c = cell("name") { line(2, head("name"), Self.q(c.text), key: row, valueAt: c.at) }
            for side in ["recipients", "providers"] {
                let kind = cell(side + "_kind"), low = cell(side + "_low_results")
                if kind == nil && low == nil { line(2, head(side), "{}", key: row); continue }
                line(2, String(head(side).dropLast()), key: row)
                if let kind {
                    let items = Self.items(kind.text)
                    line(6, "\"kind\": ", items.count == 1 ? Self.q(items[0]) : Self.flowList(items), key: row, valueAt: kind.at)
                }
                if let low { line(6, "\"low_results\": ", Self.q(low.text), key: row, valueAt: low.at) }
            }
            for key in ["partners_per_recipient", "max_travel_minutes", "travel_minute", "avoid_unhelpful"] {
                if let c = cell(key) { line(2, head(key), Self.q(c.text), key: row, valueAt: c.at) }
            }
            if let c = cell("subjects") {
                let none = Self.noSubjects.contains(c.text.lowercased())
                line(2, head("subjects"), none ? "[]" : Self.flowList(Self.items(c.text)), key: row, valueAt: c.at)
            }
            for key in ["fixed", "forbidden"] {
                guard let c = cell(key) else { continue }
                var pairs: [String] = []
                for item in Self.items(c.text) {
                    let ends = item.split(separator: ">", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard ends.count == 2, !ends[0].isEmpty, !ends[1].isEmpty else {
                        diagnostics.append(.error(ru: "ожидались пары получатель>помощник через '|' (например lugovskaya>olkhovskaya), найдено \"\(item)\"",
                                                  en: "expected pairs recipient>provider separated by '|' (e.g. lugovskaya>olkhovskaya), found \"\(item)\"",
                                                  at: c.at, field: key))
                        continue
                    }
                    pairs.append("[\(Self.q(ends[0])), \(Self.q(ends[1]))]")
                }
                line(2, head(key), "[" + pairs.joined(separator: ", ") + "]", key: row, valueAt: c.at)
            }
            if first { line(2, "- ", "{}", key: row) }
        }
    }
}
