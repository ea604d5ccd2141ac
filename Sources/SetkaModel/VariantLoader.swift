import Foundation
import Yams

/// Reads what-if variant files and applies them to their base scenario.
///
/// Loading a variant = read the base folder's tables (the same loader code and messages as any
/// scenario), apply the changes in file order, then run the scenario validator on the result.
/// Every problem names file, line and column: a change that names an id the scenario does not
/// have, an unknown change kind, an unknown setting key, a bad value, a bad row in an added table.
public enum VariantLoader {
    /// The change kinds of `changes:`.
    public static let changeKinds = ["add", "remove", "scale_demand", "set", "update"]
    /// The tables `add:` may append rows to.
    public static let addableTables = ["schools", "rooms", "teachers", "courses", "students", "travel", "pins"]

    /// True when `url` is a variant file: a YAML file (not `scenario.yaml`) whose top level has
    /// `base:` or `changes:`.
    public static func isVariantFile(_ url: URL) -> Bool {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
              url.lastPathComponent != ScenarioLoader.settingsFileName, !WorkbookPackage.looksLikeWorkbook(url),
              let data = fm.contents(atPath: url.path),
              let decoded = try? TextDecoding.decode([UInt8](data)),
              let root = try? Yams.compose(yaml: decoded.text), case .mapping(let m) = root else { return false }
        return m.contains { k, _ in
            if case .scalar(let s) = k { return s.string == "base" || s.string == "changes" }
            return false
        }
    }

    /// Loads the variant in `file`: its base scenario with the changes applied, validated.
    /// Throws `ScenarioError` with every error (variant file, added tables, the changed scenario).
    public static func load(from file: URL) throws -> LoadedVariant {
        let variant = try read(file)
        let parts = try ScenarioLoader.readParts(variant.base)
        return try apply(variant, to: parts)
    }

    /// Applies `changes` (made by a program, e.g. `setka sweep`) to the scenario folder `base`
    /// and validates the result, which is named `name`. Errors name `at` of each change.
    public static func load(base: URL, name: String, changes: [VariantChange]) throws -> LoadedVariant {
        try VariantBase(base).apply(name: name, changes: changes)
    }

    /// Reads a variant file without applying it. Throws every error found in it.
    public static func read(_ file: URL) throws -> Variant {
        let display = file.relativePath
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ScenarioError([.error(ru: "не удаётся прочитать файл варианта '\(display)' (его нет или нет прав на чтение)",
                                        en: "cannot read the variant file '\(display)' (missing, or no permission)",
                                        at: SourceLocation(file: display))])
        }
        let text: String
        do throws(TextDecodingProblem) { text = try TextDecoding.decode([UInt8](data)).text } catch {
            throw ScenarioError(error.diagnostics(file: display))
        }
        var parser = VariantParser(file: file, display: display)
        let variant = parser.parse(text)
        let errors = parser.r.diagnostics.filter { $0.severity == .error }
        guard let variant, errors.isEmpty else { throw ScenarioError(errors) }
        return variant
    }

    /// Applies `variant` to the parts of its base scenario and validates the result.
    static func apply(_ variant: Variant, to base: LoaderParts) throws -> LoadedVariant {
        var applier = VariantApplier(variant: variant, parts: base)
        applier.run()
        let errors = applier.diagnostics.filter { $0.severity == .error }
        // Errors in the variant itself (and in the base's cells) are reported without validating
        // a scenario that is half changed.
        if !errors.isEmpty { throw ScenarioError(base.diagnostics.filter { $0.severity == .error } + errors) }
        var loaded = try ScenarioLoader.finish(applier.parts, name: variant.name)
        loaded.warnings += applier.diagnostics.filter { $0.severity == .warning }
        return LoadedVariant(variant: variant, loaded: loaded, report: applier.report)
    }

    // MARK: columns an update may set

    /// The columns of `target`'s table (`TableLoading`'s known columns).
    static func tableColumns(_ target: VariantChange.Target) -> Set<String> {
        switch target {
        case .school: TableLoading.schoolColumns
        case .room: TableLoading.roomColumns
        case .teacher: TableLoading.teacherColumns
        case .course: TableLoading.courseColumns
        case .student: TableLoading.studentColumns
        }
    }

    /// The columns that name a row of `target`'s table (`update` finds the row by them).
    static func namingColumns(_ target: VariantChange.Target) -> Set<String> {
        target == .room ? ["site", "id"] : ["id"]
    }

    /// The columns `update` may set on a row of `target` (schools also `score:<subject>`).
    public static func updatableColumns(_ target: VariantChange.Target) -> Set<String> {
        tableColumns(target).subtracting(namingColumns(target))
    }

    /// The updatable columns as a sorted list for messages.
    static func columnList(_ target: VariantChange.Target) -> String {
        updatableColumns(target).sorted().joined(separator: ", ") + (target == .school ? ", score:<subject>" : "")
    }

    // MARK: settings a variant may set

    /// The type of a setting's value.
    enum SettingType {
        case integer(minimum: Int)
        case number(minimum: Double, strictlyAbove: Bool)
        case yesNo
    }

    /// Settings `set:` may change, by their full dotted key.
    static let settings: [(key: String, type: SettingType)] = [
        ("profile_day.min_section_size", .integer(minimum: 1)),
        ("profile_day.max_section_size", .integer(minimum: 1)),
        ("profile_day.courses_per_student", .integer(minimum: 0)),
        ("profile_day.max_trip_minutes", .number(minimum: 0, strictlyAbove: false)),
        ("profile_day.visiting_teacher_rule", .yesNo),
        ("profile_day.weights.travel_minute", .number(minimum: 0, strictlyAbove: false)),
        ("profile_day.weights.section", .number(minimum: 0, strictlyAbove: false)),
        ("travel.speed_kmh", .number(minimum: 0, strictlyAbove: true)),
        ("travel.road_factor", .number(minimum: 0, strictlyAbove: true)),
        ("partnering.partners_per_recipient", .integer(minimum: 1)),
        ("partnering.max_travel_minutes", .number(minimum: 0, strictlyAbove: false)),
        ("partnering.travel_minute", .number(minimum: 0, strictlyAbove: false)),
        ("partnering.avoid_unhelpful", .yesNo),
    ]

    /// The dotted keys `set:` may change, in the spec's order (for forms that build variants).
    public static var settableKeys: [String] { settings.map(\.key) }

    /// A setting key as written → (full key, rule number for `partnering.N.key` or nil, type).
    /// Profile-day keys may leave out `profile_day.` (`weights.section`, `min_section_size`);
    /// `partnering.KEY` changes every rule, `partnering.N.KEY` rule N (from 1).
    static func settingKey(_ written: String) -> (key: String, rule: Int?, type: SettingType)? {
        let parts = written.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0] == "partnering", let n = Int(parts[1]), n >= 1 {
            let key = "partnering." + parts[2]
            return settings.first { $0.key == key }.map { (key, n, $0.type) }
        }
        for candidate in [written, "profile_day." + written] {
            if let s = settings.first(where: { $0.key == candidate }) { return (s.key, nil, s.type) }
        }
        return nil
    }

    /// `a`, `a.b`… as an English list of the keys `set:` knows.
    static var knownSettingKeys: String {
        settings.map(\.key).joined(separator: ", ") + " (partnering keys also as partnering.N.KEY for rule N)"
    }

    /// `unknown setting key 'x' (known: …)`.
    static func unknownSettingKey(_ key: String) -> Phrase {
        let keys = settings.map(\.key).joined(separator: ", ")
        return Phrase(ru: "неизвестный ключ настройки '\(key)' (допустимы: \(keys); ключи partnering также в виде partnering.N.KEY для правила N)",
                      en: "unknown setting key '\(key)' (known: \(knownSettingKeys))")
    }

    /// The hash `scale_demand` draws from: FNV-1a over the parts (separated), then a SplitMix64
    /// finaliser. The same parts give the same value on every run and machine.
    public static func stableHash(_ parts: [String]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, p) in parts.enumerated() {
            if i > 0 { h ^= 0x1F; h &*= 0x0000_0100_0000_01B3 }
            for b in p.utf8 { h ^= UInt64(b); h &*= 0x0000_0100_0000_01B3 }
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}

/// A base scenario folder read once, to apply many programs' variants to (the candidate changes
/// of `setka advise`): each `apply` gives what `VariantLoader.load(base:name:changes:)` gives,
/// without reading the tables again.
public struct VariantBase: @unchecked Sendable {
    // Read-only after `init` (the parts are values; `apply` changes a copy).
    let parts: LoaderParts
    let yaml: URL
    /// The scenario folder.
    public var folder: URL { parts.folder }

    /// Reads the scenario folder (or its `scenario.yaml`, or a workbook); throws `ScenarioError`.
    public init(_ base: URL) throws {
        if WorkbookPackage.looksLikeWorkbook(base) {
            yaml = base
            parts = try ScenarioLoader.readParts(base)
        } else {
            let (folder, yaml) = try ScenarioLoader.locate(base)
            self.yaml = yaml
            parts = try ScenarioLoader.readParts(folder)
        }
    }

    /// The base with `changes` applied, validated, named `name`. Throws `ScenarioError`.
    public func apply(name: String, changes: [VariantChange]) throws -> LoadedVariant {
        try VariantLoader.apply(Variant(name: name, file: yaml, base: parts.folder, changes: changes), to: parts)
    }
}

// MARK: - Parsing

/// Reads the YAML of a variant file into a `Variant`, collecting diagnostics.
struct VariantParser {
    let file: URL
    let display: String
    var r: YAMLReader

    init(file: URL, display: String) {
        self.file = file; self.display = display; r = YAMLReader(file: display)
    }

    mutating func parse(_ text: String) -> Variant? {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let e as YamlError {
            r.diagnostics.append(ScenarioSettings.yamlSyntaxDiagnostic(e, file: display)); return nil
        } catch {
            r.diagnostics.append(.error(ru: "не удаётся прочитать YAML: \(error)", en: "cannot read YAML: \(error)", at: SourceLocation(file: display))); return nil
        }
        guard let root, !YAMLReader.isNull(root) else {
            r.diagnostics.append(.error(ru: "файл варианта пуст; в нём нужны 'format: setka/1', 'base:' и 'changes:'",
                                        en: "the variant file is empty; it needs 'format: setka/1', 'base:' and 'changes:'",
                                        at: SourceLocation(file: display, line: 1)))
            return nil
        }
        guard let m = r.mapping(root, "variant", allowed: ["format", "base", "name", "changes"]) else { return nil }
        if let n = m["format"] {
            if let s = r.scalar(n, "format", expected: .verbatim("'\(ScenarioSettings.supportedFormat)'")), s != ScenarioSettings.supportedFormat {
                r.error(n, ru: "неподдерживаемый формат \"\(s)\": эта версия Setka читает '\(ScenarioSettings.supportedFormat)'",
                        en: "unsupported format \"\(s)\": this version of Setka reads '\(ScenarioSettings.supportedFormat)'")
            }
        } else {
            r.diagnostics.append(.error(ru: "нет строки 'format: \(ScenarioSettings.supportedFormat)' (первая строка любого файла варианта)",
                                        en: "missing 'format: \(ScenarioSettings.supportedFormat)' (the first line of every variant file)",
                                        at: SourceLocation(file: display, line: root.mark?.line ?? 1)))
        }
        var baseURL: URL?
        if let n = m["base"], let s = r.scalar(n, "base", expected: Phrase(ru: "папка базового сценария, например '..'", en: "the folder of the base scenario, e.g. '..'")) {
            let url = (s.hasPrefix("/") ? URL(fileURLWithPath: s, isDirectory: true)
                : file.deletingLastPathComponent().appendingPathComponent(s.isEmpty ? "." : s)).standardizedFileURL
            var isDir: ObjCBool = false
            if WorkbookPackage.looksLikeWorkbook(url) {
                baseURL = url   // a scenario workbook (`base: ../district.xlsx`)
            } else if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) || !isDir.boolValue {
                r.error(n, ru: "'base' должен указывать папку (или книгу .xlsx) сценария, который меняет этот вариант (относительно этого файла); '\(url.path)' — ни то ни другое",
                        en: "'base' should be the folder (or .xlsx workbook) of the scenario this variant changes (relative to this file); '\(url.path)' is neither")
            } else if !FileManager.default.fileExists(atPath: url.appendingPathComponent(ScenarioLoader.settingsFileName).path) {
                r.error(n, ru: "в папке 'base' '\(url.path)' нет \(ScenarioLoader.settingsFileName); это должна быть папка сценария",
                        en: "'base' folder '\(url.path)' has no \(ScenarioLoader.settingsFileName); it should be a scenario folder")
            } else {
                baseURL = url
            }
        } else if m["base"] == nil {
            r.diagnostics.append(.error(ru: "нет 'base:' — папки сценария, который меняет этот вариант (например 'base: ..')",
                                        en: "missing 'base:', the folder of the scenario this variant changes (e.g. 'base: ..')",
                                        at: SourceLocation(file: display, line: root.mark?.line ?? 1)))
        }
        var name = file.deletingPathExtension().lastPathComponent
        if let n = m["name"], !YAMLReader.isNull(n), let s = r.string(n, "name"), !s.isEmpty { name = s }
        var changes: [VariantChange] = []
        if let n = m["changes"], !YAMLReader.isNull(n), let items = r.sequence(n, "changes") {
            for item in items { changes += change(item) }
        }
        guard let baseURL else { return nil }
        return Variant(name: name, file: file, base: baseURL, changes: changes)
    }

    /// One entry of `changes:` (an `add:` or `set:` with several keys gives several changes).
    mutating func change(_ item: Node) -> [VariantChange] {
        let example = "remove: {teacher: T17}, set: {profile_day.min_section_size: 8}, scale_demand: {course: robotics, factor: 1.5}, add: {teachers: extra.csv} or update: {teacher: T05, max_sections: 3}"
        guard case .mapping(let m) = item, m.count == 1, let (k, v) = m.first.map({ ($0.key, $0.value) }),
              case .scalar(let ks) = k else {
            let found = YAMLReader.describe(item)
            r.error(item, ru: "каждое изменение — это один вид изменения с подробностями, например \(example); найдено: \(found.ru)",
                    en: "each change should be one kind with its details, e.g. \(example); found \(found.en)")
            return []
        }
        switch ks.string {
        case "remove": return remove(v)
        case "set": return set(v)
        case "scale_demand": return scaleDemand(v)
        case "add": return add(v)
        case "update": return update(v)
        default:
            let known = VariantLoader.changeKinds.joined(separator: ", ")
            r.error(k, ru: "неизвестный вид изменения '\(ks.string)' (допустимы: \(known))", en: "unknown change kind '\(ks.string)' (known: \(known))")
            return []
        }
    }

    mutating func remove(_ v: Node) -> [VariantChange] {
        let targets = VariantChange.Target.allCases.map(\.rawValue)
        guard case .mapping(let m) = v else {
            let found = YAMLReader.describe(v)
            r.error(v, ru: "в 'remove' нужно указать, что удалить, например {teacher: T17}; найдено: \(found.ru)",
                    en: "'remove' should say what to remove, e.g. {teacher: T17}; found \(found.en)"); return []
        }
        var target: (VariantChange.Target, String)?
        var site: String?
        let before = r.diagnostics.count
        for (k, value) in m {
            guard case .scalar(let ks) = k else { r.error(k, ru: "'remove': ключом должно быть слово", en: "'remove': a key should be a word"); continue }
            if ks.string == "site" { site = r.id(value, "remove.site"); continue }
            guard let t = VariantChange.Target(rawValue: ks.string) else {
                let list = targets.joined(separator: ", ")
                r.error(k, ru: "'remove' не умеет удалять '\(ks.string)' (он удаляет одно из: \(list))", en: "'remove' cannot remove a '\(ks.string)' (it removes one of: \(list))"); continue
            }
            if target != nil {
                r.error(k, ru: "'remove' удаляет одно за раз; добавьте ещё одну строку '- remove:'", en: "'remove' removes one thing per change; write another '- remove:' line"); continue
            }
            if let id = r.id(value, "remove.\(ks.string)") { target = (t, id) }
        }
        guard let target else {
            if r.diagnostics.count == before {
                let list = targets.joined(separator: ", ")
                r.error(v, ru: "в 'remove' нужно одно из \(list) с кодом, например {teacher: T17}", en: "'remove' needs one of \(list) with an id, e.g. {teacher: T17}")
            }
            return []
        }
        if site != nil && target.0 != .room { r.error(v, ru: "'site' в 'remove' указывается только вместе с 'room'", en: "'site' only goes with 'room' in 'remove'"); return [] }
        return [VariantChange(.remove(target.0, id: target.1, site: site), at: r.location(v))]
    }

    mutating func set(_ v: Node) -> [VariantChange] {
        guard case .mapping(let m) = v, !m.isEmpty else {
            let found = YAMLReader.describe(v)
            r.error(v, ru: "в 'set' нужны настройки со значениями, например {profile_day.min_section_size: 8}; найдено: \(found.ru)",
                    en: "'set' should be settings with values, e.g. {profile_day.min_section_size: 8}; found \(found.en)")
            return []
        }
        var out: [VariantChange] = []
        for (k, value) in m {
            guard case .scalar(let ks) = k else {
                r.error(k, ru: "'set': ключом должно быть название настройки через точку", en: "'set': a key should be a dotted setting name"); continue
            }
            let key = ks.string.trimmingCharacters(in: .whitespaces)
            guard let (_, _, type) = VariantLoader.settingKey(key) else {
                r.error(k, VariantLoader.unknownSettingKey(key)); continue
            }
            let ok: Bool
            switch type {
            case .integer(let minimum): ok = r.integer(value, key, minimum: minimum) != nil
            case .number(let minimum, let above): ok = r.number(value, key, minimum: minimum, strictlyAbove: above) != nil
            case .yesNo: ok = r.yesNo(value, key) != nil
            }
            guard ok, case .scalar(let vs) = value else { continue }
            out.append(VariantChange(.set(key: key, value: vs.string.trimmingCharacters(in: .whitespaces)), at: r.location(value)))
        }
        return out
    }

    mutating func scaleDemand(_ v: Node) -> [VariantChange] {
        guard let m = r.mapping(v, "scale_demand", allowed: ["course", "factor"]) else { return [] }
        var course: String?, factor: Double?
        if let n = m["course"] { course = r.id(n, "scale_demand.course") } else {
            r.error(v, ru: "в 'scale_demand' нужен 'course', например {course: robotics, factor: 1.5}", en: "'scale_demand' needs 'course', e.g. {course: robotics, factor: 1.5}")
        }
        if let n = m["factor"] { factor = r.number(n, "scale_demand.factor", minimum: 0, strictlyAbove: false) }
        else { r.error(v, ru: "в 'scale_demand' нужен 'factor', например {course: robotics, factor: 1.5}", en: "'scale_demand' needs 'factor', e.g. {course: robotics, factor: 1.5}") }
        guard let course, let factor else { return [] }
        return [VariantChange(.scaleDemand(course: course, factor: factor), at: r.location(m["course"] ?? v))]
    }

    mutating func add(_ v: Node) -> [VariantChange] {
        guard case .mapping(let m) = v, !m.isEmpty else {
            let found = YAMLReader.describe(v)
            r.error(v, ru: "в 'add' нужно указать таблицу и файл CSV, например {teachers: extra-teachers.csv}; найдено: \(found.ru)",
                    en: "'add' should name a table and a CSV file, e.g. {teachers: extra-teachers.csv}; found \(found.en)")
            return []
        }
        var out: [VariantChange] = []
        for (k, value) in m {
            guard case .scalar(let ks) = k else { r.error(k, ru: "'add': ключом должно быть название таблицы", en: "'add': a key should be a table name"); continue }
            guard VariantLoader.addableTables.contains(ks.string) else {
                let list = VariantLoader.addableTables.joined(separator: ", ")
                r.error(k, ru: "'add' не умеет добавлять в '\(ks.string)' (таблицы: \(list))", en: "'add' cannot add to '\(ks.string)' (tables: \(list))"); continue
            }
            guard let path = r.scalar(value, "add.\(ks.string)", expected: Phrase(ru: "путь к файлу CSV относительно файла варианта", en: "a CSV file path relative to the variant file")), !path.isEmpty else { continue }
            out.append(VariantChange(.add(table: ks.string, path: path), at: r.location(value)))
        }
        return out
    }

    /// `update: {teacher: T05, max_sections: 3, slots: "1|2|3"}` or
    /// `update: {room: {site: s001, id: "204"}, kind: chemistry-lab}`: the row (the one key that
    /// names a table: `school`, `teacher`, `course`, `student` or `room`), then the columns to set.
    /// A student's `school` is a column: `{student: x, school: s002}` changes the student.
    mutating func update(_ v: Node) -> [VariantChange] {
        let example = "{teacher: T05, max_sections: 3} or {room: {site: s001, id: \"204\"}, kind: chemistry-lab}"
        guard case .mapping(let m) = v, !m.isEmpty else {
            let found = YAMLReader.describe(v)
            r.error(v, ru: "в 'update' нужно назвать одну строку и столбцы, которые меняются, например \(example); найдено: \(found.ru)",
                    en: "'update' should name one row and the columns to set, e.g. \(example); found \(found.en)")
            return []
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        var seen = Set<String>()
        for (k, value) in m {
            guard case .scalar(let ks) = k else { r.error(k, ru: "'update': ключом должно быть название столбца", en: "'update': a key should be a column name"); continue }
            let key = CSVTable.normaliseHeader(ks.string)
            if !seen.insert(key).inserted { r.error(k, ru: "'update': '\(key)' задан дважды", en: "'update': '\(key)' is given twice"); continue }
            entries.append((key, k, value))
        }
        // The row: `room`, else the one table key that is not a column of the other's table.
        let named = entries.filter { VariantChange.Target(rawValue: $0.key) != nil }.map(\.key)
        let targetKey: String
        if named.contains("room") {
            targetKey = "room"
        } else if let only = named.first(where: { t in named.allSatisfy { $0 == t || VariantLoader.updatableColumns(VariantChange.Target(rawValue: t)!).contains($0) } }) {
            targetKey = only
        } else {
            r.error(v, named.isEmpty
                ? Phrase(ru: "в 'update' нужна строка, которая меняется: одно из school, teacher, course, student (по коду) или room (по площадке и коду), например \(example)",
                         en: "'update' needs the row it changes: one of school, teacher, course, student (by id) or room (by site and id), e.g. \(example)")
                : Phrase(ru: "'update' меняет одну строку за раз, а здесь названы \(named.joined(separator: " и ")); добавьте ещё одну строку '- update:'",
                         en: "'update' changes one row per change, but this names \(named.joined(separator: " and ")); write another '- update:' line"))
            return []
        }
        let target = VariantChange.Target(rawValue: targetKey)!
        guard let row = entries.first(where: { $0.key == targetKey }) else { return [] }
        var id: String?, site: String?
        if target == .room, case .mapping = row.value {
            if let rm = r.mapping(row.value, "update.room", allowed: ["site", "id"]) {
                let needs = Phrase(ru: "в 'update.room' нужны 'site' и 'id', например {site: s001, id: \"204\"}", en: "'update.room' needs 'site' and 'id', e.g. {site: s001, id: \"204\"}")
                if let n = rm["site"] { site = r.id(n, "update.room.site") } else { r.error(row.value, needs) }
                if let n = rm["id"] { id = r.id(n, "update.room.id") } else { r.error(row.value, needs) }
            }
        } else {
            id = r.id(row.value, "update.\(targetKey)")
        }
        let columns = VariantLoader.updatableColumns(target)
        var values: [VariantChange.ColumnValue] = []
        var locations: [String: SourceLocation] = [:]
        let before = r.diagnostics.count
        for e in entries where e.key != targetKey {
            if VariantLoader.namingColumns(target).contains(e.key) {
                r.error(e.keyNode, target == .room
                    ? Phrase(ru: "'update' не может менять '\(e.key)' помещения: помещение называется площадкой и кодом (чтобы перенести или переименовать его, удалите его и добавьте новую строку)",
                             en: "'update' cannot change a room's '\(e.key)': a room is named by its site and id (to move or rename it, remove it and add a new row)")
                    : Phrase(ru: "'update' не может менять '\(e.key)': по коду находится строка (чтобы переименовать, удалите строку и добавьте новую)",
                             en: "'update' cannot change '\(e.key)': the id names the row (to rename it, remove the row and add a new one)"))
                continue
            }
            guard columns.contains(e.key) || (target == .school && e.key.hasPrefix("score:") && e.key.count > "score:".count) else {
                let list = VariantLoader.columnList(target)
                r.error(e.keyNode, ru: "'update': у строки '\(target.rawValue)' нет столбца '\(e.key)' (столбцы: \(list))",
                        en: "'update': a \(target.rawValue) has no column '\(e.key)' (columns: \(list))")
                continue
            }
            let text: String
            switch e.value {
            case .scalar(let s): text = YAMLReader.isNull(e.value) ? "" : s.string.trimmingCharacters(in: .whitespaces)
            case .sequence(let items):
                // A YAML list stands for a list cell: [1, 2, 3] = "1|2|3".
                var parts: [String] = []
                for item in items {
                    guard case .scalar(let s) = item else {
                        r.error(item, ru: "'update.\(e.key)': элемент списка должен быть кодом", en: "'update.\(e.key)': a list item should be an id"); continue
                    }
                    parts.append(s.string.trimmingCharacters(in: .whitespaces))
                }
                text = parts.joined(separator: "|")
            default:
                let found = YAMLReader.describe(e.value)
                r.error(e.value, ru: "'update.\(e.key)': ожидалось значение в том виде, как его хранит ячейка этого столбца, найдено: \(found.ru)",
                        en: "'update.\(e.key)' should be a value as a cell of that column holds it, found \(found.en)")
                continue
            }
            values.append(VariantChange.ColumnValue(column: e.key, value: text))
            locations[e.key] = r.location(e.value)
        }
        guard let id, r.diagnostics.count == before else { return [] }
        if values.isEmpty {
            r.error(v, ru: "в 'update' нужно изменить хотя бы один столбец строки '\(target.rawValue)', например \(example)",
                    en: "'update' should set at least one column of the \(target.rawValue), e.g. \(example)")
            return []
        }
        return [VariantChange(.update(target, id: id, site: site, values: values), at: r.location(row.value), valueLocations: locations)]
    }
}

// MARK: - Applying

extension LoadedRows {
    /// Removes the rows where `predicate` holds (keeping records and row files in step); returns them.
    @discardableResult
    mutating func removeRows(where predicate: (Value) -> Bool) -> [Value] {
        var removed: [Value] = []
        var keptValues: [Value] = [], keptRecords: [CSVRecord] = [], keptTables: [Int: CSVTable] = [:]
        var keptCells: [Int: [String: SourceLocation]] = [:]
        for i in values.indices {
            if predicate(values[i]) { removed.append(values[i]); continue }
            if let t = rowTables[i] { keptTables[keptValues.count] = t }
            if let c = cellLocations[i] { keptCells[keptValues.count] = c }
            keptValues.append(values[i]); keptRecords.append(records[i])
        }
        values = keptValues; records = keptRecords; rowTables = keptTables; cellLocations = keptCells
        return removed
    }

    /// Appends the rows of another file's table.
    mutating func appendRows(_ other: LoadedRows<Value>) {
        for i in other.values.indices {
            if let t = other.table {
                if table == nil { table = t } else { rowTables[values.count] = t }
            }
            values.append(other.values[i]); records.append(other.records[i])
        }
    }
}

/// Applies a variant's changes to the parts of its base scenario, one named function per kind.
struct VariantApplier {
    let variant: Variant
    var parts: LoaderParts
    var diagnostics: [Diagnostic] = []
    var report = VariantReport()

    init(variant: Variant, parts: LoaderParts) { self.variant = variant; self.parts = parts }

    mutating func run() {
        for change in variant.changes {
            switch change.kind {
            case let .remove(target, id, site): remove(target, id: id, site: site, at: change.location)
            case let .set(key, value): set(key, value, at: change.location)
            case let .scaleDemand(course, factor): scaleDemand(course: course, factor: factor, at: change.location)
            case let .add(table, path): add(table, path: path, at: change.location)
            case let .update(target, id, site, values): update(target, id: id, site: site, values: values, change)
            }
        }
    }

    private mutating func error(_ message: Phrase, at: SourceLocation) { diagnostics.append(.error(message, at: at)) }
    private mutating func error(ru: String, en: String, at: SourceLocation) { error(Phrase(ru: ru, en: en), at: at) }

    /// `there is no teacher 'T1' in teachers.csv (after the changes above it)`.
    private func notThere(_ change: String, ru what: String, en whatEn: String, in table: String) -> Phrase {
        Phrase(ru: "\(change): в \(file(table)) нет \(what) (после изменений выше)",
               en: "\(change): there is no \(whatEn) in \(file(table)) (after the changes above it)")
    }

    private func file(_ key: String) -> String { parts.settings.path(of: key) }

    // MARK: remove

    /// `remove:` one teacher, school, course, student or room, with what depends on it.
    mutating func remove(_ target: VariantChange.Target, id: String, site: String?, at: SourceLocation) {
        switch target {
        case .teacher:
            guard !parts.tables.teachers.removeRows(where: { $0.id == id }).isEmpty else {
                return error(notThere("remove", ru: "педагога '\(id)'", en: "teacher '\(id)'", in: "teachers"), at: at)
            }
            report.effects.append(.removedTeacher(id))
            pinEffect(dropped: dropPins { $0.teacher == id })
        case .student:
            guard !parts.tables.students.removeRows(where: { $0.id == id }).isEmpty else {
                return error(notThere("remove", ru: "ученика '\(id)'", en: "student '\(id)'", in: "students"), at: at)
            }
            report.effects.append(.removedStudent(id))
            pinEffect(unpinned: unpin([id]))
        case .room:
            let matches = parts.tables.rooms.values.filter { $0.id == id && (site == nil || $0.site == site) }
            if matches.isEmpty {
                return error(notThere("remove", ru: "помещения '\(id)'" + (site.map { " на площадке '\($0)'" } ?? ""),
                                      en: "room '\(id)'" + (site.map { " at site '\($0)'" } ?? ""), in: "rooms"), at: at)
            }
            if matches.count > 1 {
                let sites = matches.map(\.site).joined(separator: ", ")
                return error(ru: "remove: помещение '\(id)' есть на нескольких площадках (\(sites)); укажите какое, например {room: \(id), site: \(matches[0].site)}",
                             en: "remove: room '\(id)' exists at several sites (\(sites)); say which, e.g. {room: \(id), site: \(matches[0].site)}", at: at)
            }
            let roomSite = matches[0].site
            parts.tables.rooms.removeRows { $0.id == id && $0.site == roomSite }
            report.effects.append(.removedRoom(room: id, site: roomSite))
            pinEffect(dropped: dropPins { $0.site == roomSite && $0.room == id })
        case .course:
            guard parts.tables.courses.values.contains(where: { $0.id == id }) else {
                return error(notThere("remove", ru: "курса '\(id)'", en: "course '\(id)'", in: "courses"), at: at)
            }
            let (teachers, students, pins) = removeCourse(id)
            report.effects.append(.removedCourse(course: id, teachers: teachers, students: students))
            pinEffect(dropped: pins)
        case .school:
            guard parts.tables.schools.values.contains(where: { $0.id == id }) else {
                return error(notThere("remove", ru: "школы '\(id)'", en: "school '\(id)'", in: "schools"), at: at)
            }
            removeSchool(id)
        }
    }

    /// Removes a course, takes it out of every teacher's `courses` and every student's `choices`.
    /// Its pins are dropped. Returns how many teachers and students listed it, and the pins dropped.
    mutating func removeCourse(_ id: String) -> (teachers: Int, students: Int, pins: Int) {
        parts.tables.courses.removeRows { $0.id == id }
        let pins = dropPins { $0.course == id }
        var teachers = 0, students = 0
        for i in parts.tables.teachers.values.indices where parts.tables.teachers.values[i].courses.contains(id) {
            parts.tables.teachers.values[i].courses.removeAll { $0 == id }; teachers += 1
        }
        for i in parts.tables.students.values.indices where parts.tables.students.values[i].choices.contains(id) {
            parts.tables.students.values[i].choices.removeAll { $0 == id }; students += 1
        }
        return (teachers, students, pins)
    }

    /// Removes an organisation with its rooms, teachers, students and travel rows; takes it out
    /// of courses' `sites` (a course that could only be held there is removed too) and drops the
    /// partnering `fixed`/`forbidden` pairs that name it, and the pins at it or of its teachers
    /// (its students leave the pins they are named in).
    mutating func removeSchool(_ id: String) {
        parts.tables.schools.removeRows { $0.id == id }
        let rooms = parts.tables.rooms.removeRows { $0.site == id }.count
        let removedTeachers = Set(parts.tables.teachers.removeRows { $0.site == id }.map(\.id))
        let removedStudents = Set(parts.tables.students.removeRows { $0.school == id }.map(\.id))
        let (teachers, students) = (removedTeachers.count, removedStudents.count)
        var pinsDropped = dropPins { $0.site == id || $0.teacher.map(removedTeachers.contains) == true }
        let pinsChanged = unpin(removedStudents)
        parts.tables.travel.removeRows { $0.from == id || $0.to == id }
        parts.tables.results.removeRows { $0.school == id }
        parts.tables.history.removeRows { $0.recipient == id || $0.provider == id }
        var orphaned: [String] = []
        for i in parts.tables.courses.values.indices where parts.tables.courses.values[i].sites.contains(id) {
            parts.tables.courses.values[i].sites.removeAll { $0 == id }
            if parts.tables.courses.values[i].sites.isEmpty { orphaned.append(parts.tables.courses.values[i].id) }
        }
        for c in orphaned { pinsDropped += removeCourse(c).pins }
        var pairs = 0
        let s = parts.settings
        for ri in s.partnering.indices {
            func keep(_ list: [PartnerPair], _ locs: [SourceLocation]) -> ([PartnerPair], [SourceLocation]) {
                var l: [PartnerPair] = [], ls: [SourceLocation] = []
                for (k, p) in list.enumerated() where p.recipient != id && p.provider != id {
                    l.append(p); if k < locs.count { ls.append(locs[k]) }
                }
                pairs += list.count - l.count
                return (l, ls)
            }
            (parts.settings.partnering[ri].fixed, parts.settings.fixedLocations[ri]) = keep(s.partnering[ri].fixed, s.fixedLocations[ri])
            (parts.settings.partnering[ri].forbidden, parts.settings.forbiddenLocations[ri]) = keep(s.partnering[ri].forbidden, s.forbiddenLocations[ri])
        }
        report.effects.append(.removedSchool(school: id, rooms: rooms, teachers: teachers, students: students,
                                             coursesRemoved: orphaned, partnerPairsDropped: pairs))
        pinEffect(dropped: pinsDropped, unpinned: pinsChanged)
    }

    // MARK: pins

    // What a removal does to `pins.csv`: a pin is the coordinator's decision about one teacher,
    // room, course or site, so a pin naming something removed is dropped whole (the report says
    // so) rather than left to mean something else; a removed student only leaves the pins that
    // name them (the section still stands). Whatever else the change makes impossible (a pinned
    // teacher no longer free, a minimum no longer reachable) is a validation error at the pin.

    /// Drops the pins where `predicate` holds; returns how many.
    mutating func dropPins(where predicate: (Pin) -> Bool) -> Int {
        parts.tables.pins.removeRows(where: predicate).count
    }

    /// Takes `students` out of every pin's students; returns how many pins changed.
    mutating func unpin(_ students: Set<String>) -> Int {
        guard !students.isEmpty else { return 0 }
        var changed = 0
        for i in parts.tables.pins.values.indices where parts.tables.pins.values[i].students.contains(where: students.contains) {
            parts.tables.pins.values[i].students.removeAll(where: students.contains)
            changed += 1
        }
        return changed
    }

    /// The report's line on the pins a removal dropped or changed (none when it touched none).
    private mutating func pinEffect(dropped: Int = 0, unpinned: Int = 0) {
        if dropped > 0 || unpinned > 0 { report.effects.append(.pinsChanged(dropped: dropped, studentsTakenOut: unpinned)) }
    }

    // MARK: update

    /// `update:` sets columns of one row. The row is written as a CSV row (`ScenarioWriter`), the
    /// given cells put in place of its own, and the row read again by the table's loader
    /// (`TableLoading`): a value means exactly what it would in that column of the CSV file, and
    /// a bad one gets the same message, named at the value in the variant file (as are the
    /// scenario validator's findings about it).
    mutating func update(_ target: VariantChange.Target, id: String, site: String?, values: [VariantChange.ColumnValue],
                         _ change: VariantChange) {
        let at = change.location
        func missing(_ table: String, _ what: Phrase) { error(notThere("update", ru: what.ru, en: what.en, in: table), at: at) }
        var rowSite: String?
        switch target {
        case .teacher:
            guard let i = parts.tables.teachers.values.firstIndex(where: { $0.id == id }) else { return missing("teachers", Phrase(ru: "педагога '\(id)'", en: "teacher '\(id)'")) }
            guard let row = reread(parts.tables.teachers.values[i], ScenarioWriter.teachersCSV, TableLoading.teachers, values, change) else { return }
            parts.tables.teachers.values[i] = row
            parts.tables.teachers.cellLocations[i, default: [:]].merge(cells(values, change)) { $1 }
        case .school:
            guard let i = parts.tables.schools.values.firstIndex(where: { $0.id == id }) else { return missing("schools", Phrase(ru: "организации '\(id)'", en: "organisation '\(id)'")) }
            guard let row = reread(parts.tables.schools.values[i], ScenarioWriter.schoolsCSV, TableLoading.schools, values, change) else { return }
            parts.tables.schools.values[i] = row
            parts.tables.schools.cellLocations[i, default: [:]].merge(cells(values, change)) { $1 }
        case .course:
            guard let i = parts.tables.courses.values.firstIndex(where: { $0.id == id }) else { return missing("courses", Phrase(ru: "курса '\(id)'", en: "course '\(id)'")) }
            guard let row = reread(parts.tables.courses.values[i], ScenarioWriter.coursesCSV, TableLoading.courses, values, change) else { return }
            parts.tables.courses.values[i] = row
            parts.tables.courses.cellLocations[i, default: [:]].merge(cells(values, change)) { $1 }
        case .student:
            guard let i = parts.tables.students.values.firstIndex(where: { $0.id == id }) else { return missing("students", Phrase(ru: "ученика '\(id)'", en: "student '\(id)'")) }
            guard let row = reread(parts.tables.students.values[i], ScenarioWriter.studentsCSV, TableLoading.students, values, change) else { return }
            parts.tables.students.values[i] = row
            parts.tables.students.cellLocations[i, default: [:]].merge(cells(values, change)) { $1 }
        case .room:
            let matches = parts.tables.rooms.values.indices.filter {
                parts.tables.rooms.values[$0].id == id && (site == nil || parts.tables.rooms.values[$0].site == site)
            }
            if matches.isEmpty {
                return missing("rooms", Phrase(ru: "помещения '\(id)'" + (site.map { " на площадке '\($0)'" } ?? ""),
                                               en: "room '\(id)'" + (site.map { " at site '\($0)'" } ?? "")))
            }
            if matches.count > 1 {
                let sites = matches.map { parts.tables.rooms.values[$0].site }.joined(separator: ", ")
                let first = parts.tables.rooms.values[matches[0]].site
                return error(ru: "update: помещение '\(id)' есть на нескольких площадках (\(sites)); укажите какое, например {room: {site: \(first), id: \(id)}, ...}",
                             en: "update: room '\(id)' exists at several sites (\(sites)); say which, e.g. {room: {site: \(first), id: \(id)}, ...}", at: at)
            }
            let i = matches[0]
            guard let row = reread(parts.tables.rooms.values[i], ScenarioWriter.roomsCSV, TableLoading.rooms, values, change) else { return }
            parts.tables.rooms.values[i] = row
            parts.tables.rooms.cellLocations[i, default: [:]].merge(cells(values, change)) { $1 }
            rowSite = row.site
        }
        report.effects.append(.updated(target: target, id: id, site: rowSite, values: values))
    }

    /// Where each updated column's value is written.
    private func cells(_ values: [VariantChange.ColumnValue], _ change: VariantChange) -> [String: SourceLocation] {
        Dictionary(values.map { ($0.column, change.valueLocations[$0.column] ?? change.location) }, uniquingKeysWith: { $1 })
    }

    /// `row` with `values` set, read by `load` from the CSV row `written` makes of it with those
    /// cells replaced; nil (with the loader's errors, at the values) when a value is not valid there.
    private mutating func reread<V>(_ row: V, _ written: ([V]) -> String, _ load: (CSVTable) -> (LoadedRows<V>, [Diagnostic]),
                                    _ values: [VariantChange.ColumnValue], _ change: VariantChange) -> V? {
        let document = CSVParser.parse(Array(written([row]).utf8))
        var header = document.header.map(CSVTable.normaliseHeader)
        var fields = document.records.first?.fields ?? []
        fields += Array(repeating: "", count: max(0, header.count - fields.count))
        for v in values {
            if let k = header.firstIndex(of: v.column) { fields[k] = v.value } else { header.append(v.column); fields.append(v.value) }
        }
        let table: CSVTable
        do throws(TextDecodingProblem) {
            table = try CSVTable(file: change.location.file, bytes: Array(ScenarioWriter.csv([header, fields]).utf8))
        } catch {
            self.error(ru: "update: значения не читаются как текст", en: "update: the values cannot be read as text", at: change.location); return nil
        }
        let (rows, found) = load(table)
        var failed = false
        for d in found {
            let at = d.field.flatMap { change.valueLocations[$0] } ?? change.location
            diagnostics.append(d.moved(to: at))
            if d.severity == .error { failed = true }
        }
        guard !failed, let value = rows.values.first else { return nil }
        return value
    }

    // MARK: set

    /// `set:` one numeric or yes/no setting (already checked for type when the file was read).
    mutating func set(_ written: String, _ value: String, at: SourceLocation) {
        guard let (key, rule, _) = VariantLoader.settingKey(written) else {
            return error(VariantLoader.unknownSettingKey(written), at: at)
        }
        let int = TableReader.parseInteger(value), number = TableReader.parseNumber(value), yes = TableReader.parseYesNo(value)
        if let problem = Self.valueProblem(value, VariantLoader.settingKey(written)!.type) {
            return error(YAMLReader.shouldBe(written, problem, found: .verbatim("\"\(value)\"")), at: at)
        }
        if key.hasPrefix("profile_day.") {
            guard var pd = parts.settings.profileDay else {
                return error(ru: "в базовом сценарии нет profile_day, поэтому '\(written)' задать нельзя",
                             en: "the base scenario has no profile_day, so '\(written)' cannot be set", at: at)
            }
            switch key {
            case "profile_day.min_section_size": pd.minSectionSize = int ?? pd.minSectionSize
            case "profile_day.max_section_size": pd.maxSectionSize = int ?? pd.maxSectionSize
            case "profile_day.courses_per_student": pd.coursesPerStudent = int ?? pd.coursesPerStudent
            case "profile_day.max_trip_minutes": pd.maxTripMinutes = number ?? pd.maxTripMinutes
            case "profile_day.visiting_teacher_rule": pd.visitingTeacherRule = yes ?? pd.visitingTeacherRule
            case "profile_day.weights.travel_minute": pd.weights.travelMinute = number ?? pd.weights.travelMinute
            case "profile_day.weights.section": pd.weights.section = number ?? pd.weights.section
            default: return error(ru: "неизвестный ключ настройки '\(written)'", en: "unknown setting key '\(written)'", at: at)
            }
            if pd.minSectionSize > pd.maxSectionSize {
                return error(ru: "после этого изменения profile_day.min_section_size (\(pd.minSectionSize)) больше, чем max_section_size (\(pd.maxSectionSize))",
                             en: "after this change profile_day.min_section_size (\(pd.minSectionSize)) is larger than max_section_size (\(pd.maxSectionSize))", at: at)
            }
            parts.settings.profileDay = pd
        } else if key.hasPrefix("travel.") {
            if key == "travel.speed_kmh" { parts.settings.travel.speedKmh = number ?? parts.settings.travel.speedKmh }
            else { parts.settings.travel.roadFactor = number ?? parts.settings.travel.roadFactor }
        } else {
            let rules = parts.settings.partnering.indices
            if rules.isEmpty {
                return error(ru: "в базовом сценарии нет правил партнёрства, поэтому '\(written)' задать нельзя",
                             en: "the base scenario has no partnering rules, so '\(written)' cannot be set", at: at)
            }
            if let rule, !rules.contains(rule - 1) {
                return error(ru: "правила партнёрства \(rule) нет (в базовом сценарии их \(rules.count))",
                             en: "there is no partnering rule \(rule) (the base scenario has \(rules.count))", at: at)
            }
            for ri in rules where rule == nil || rule! - 1 == ri {
                switch key {
                case "partnering.partners_per_recipient": parts.settings.partnering[ri].partnersPerRecipient = int ?? 1
                case "partnering.max_travel_minutes": parts.settings.partnering[ri].maxTravelMinutes = number ?? 0
                case "partnering.avoid_unhelpful": parts.settings.partnering[ri].avoidUnhelpful = yes ?? false
                default: parts.settings.partnering[ri].travelMinute = number ?? 0
                }
            }
        }
        report.effects.append(.set(key: written, value: value))
    }

    /// What a value of `type` should be, when `value` is not one; nil when it is.
    static func valueProblem(_ value: String, _ type: VariantLoader.SettingType) -> Phrase? {
        switch type {
        case .integer(let minimum):
            if let v = TableReader.parseInteger(value), v >= minimum { return nil }
            return Phrase(ru: "целое число ≥ \(minimum)", en: "a whole number ≥ \(minimum)")
        case let .number(minimum, above):
            if let v = TableReader.parseNumber(value), above ? v > minimum : v >= minimum { return nil }
            let m = TableReader.format(minimum)
            return above ? Phrase(ru: "число больше \(m)", en: "a number above \(m)") : Phrase(ru: "число ≥ \(m)", en: "a number ≥ \(m)")
        case .yesNo:
            return TableReader.parseYesNo(value) == nil ? Phrase(ru: "yes или no", en: "yes or no") : nil
        }
    }

    // MARK: scale_demand

    /// `scale_demand`: about `factor`× as many students choose the course. Which students change
    /// is drawn from `stableHash(variant name, course, student id)`: the students with the
    /// smallest hashes are taken, so the same file changes the same students on every run.
    /// Factor > 1 inserts the course among non-choosers' choices at a place drawn the same way;
    /// factor < 1 removes it from about (1 − factor) of its choosers.
    mutating func scaleDemand(course: String, factor: Double, at: SourceLocation) {
        guard parts.tables.courses.values.contains(where: { $0.id == course }) else {
            return error(notThere("scale_demand", ru: "курса '\(course)'", en: "course '\(course)'", in: "courses"), at: at)
        }
        let students = parts.tables.students.values
        let choosers = students.indices.filter { students[$0].choices.contains(course) }
        let target = Int((factor * Double(choosers.count)).rounded())
        func order(_ idx: [Int]) -> [Int] {
            idx.map { (i: $0, h: VariantLoader.stableHash([variant.name, course, students[$0].id])) }
                .sorted { $0.h != $1.h ? $0.h < $1.h : students[$0.i].id < students[$1.i].id }.map(\.i)
        }
        var change = DemandChange(course: course, factor: factor, choosersBefore: choosers.count,
                                  choosersAfter: choosers.count, added: [], removed: [])
        if target > choosers.count {
            let others = students.indices.filter { !students[$0].choices.contains(course) }
            let wanted = target - choosers.count
            if wanted > others.count {
                diagnostics.append(.warning(ru: "scale_demand: выбрать '\(course)' должны ещё \(wanted) учеников, но не выбрали его пока только \(others.count); теперь его выбирают все они",
                                            en: "scale_demand: \(wanted) more students should choose '\(course)' but only \(others.count) do not already; all of them now do", at: at))
            }
            for i in order(others).prefix(wanted) {
                let n = parts.tables.students.values[i].choices.count
                let position = Int(VariantLoader.stableHash([variant.name, course, students[i].id, "position"]) % UInt64(n + 1))
                parts.tables.students.values[i].choices.insert(course, at: position)
                change.added.append(.init(student: students[i].id, position: position))
            }
        } else if target < choosers.count {
            // A student pinned to the course keeps it: the pin is the coordinator's decision.
            let pinned = Set(parts.tables.pins.values.filter { $0.course == course }.flatMap(\.students))
            let removable = choosers.filter { !pinned.contains(students[$0].id) }
            if removable.count < choosers.count - target {
                let kept = choosers.count - removable.count
                diagnostics.append(.warning(ru: "scale_demand: из выбравших '\(course)' закреплены за ним \(kept), они его сохраняют",
                                            en: "scale_demand: \(kept) of the students who choose '\(course)' are pinned to it and keep it", at: at))
            }
            for i in order(removable).prefix(choosers.count - target) {
                parts.tables.students.values[i].choices.removeAll { $0 == course }
                change.removed.append(students[i].id)
            }
        }
        if choosers.isEmpty && factor != 1 {
            diagnostics.append(.warning(ru: "scale_demand: курс '\(course)' не выбирает никто, так что изменение спроса ничего не меняет",
                                        en: "scale_demand: no student chooses '\(course)', so scaling its demand changes nothing", at: at))
        }
        change.choosersAfter = choosers.count + change.added.count - change.removed.count
        change.added.sort { $0.student < $1.student }
        change.removed.sort()
        report.demandChanges.append(change)
        report.effects.append(.scaledDemand(course: course, factor: factor, choosersBefore: choosers.count,
                                            choosersAfter: change.choosersAfter,
                                            studentsChanged: change.added.count + change.removed.count))
    }

    // MARK: add

    /// `add:` rows of a CSV file (relative to the variant file) to a table, read by the same
    /// loader code; an id that is already in the table is an error at the added row.
    mutating func add(_ table: String, path: String, at: SourceLocation) {
        let url = variant.file.deletingLastPathComponent().appendingPathComponent(path)
        let display = URL(fileURLWithPath: at.file).deletingLastPathComponent().appendingPathComponent(path).relativePath
        let name = at.file.contains("/") ? display : path
        guard FileManager.default.fileExists(atPath: url.path) else {
            return error(ru: "add: файла \(path) нет (путь считается от файла варианта)", en: "add: \(path) does not exist (it is read relative to the variant file)", at: at)
        }
        // A CSV file, or an .xlsx workbook whose first sheet is the table.
        let (read, problems) = ScenarioLoader.readTable(in: url.deletingLastPathComponent(), path: url.lastPathComponent,
                                                        required: true, why: nil, overridden: true)
        let rename = { (l: SourceLocation) -> SourceLocation in var l = l; if l.file == url.lastPathComponent { l.file = name }; return l }
        for d in problems where d.severity == .warning { var d = d; d.location = d.location.map(rename); diagnostics.append(d) }
        let failures = problems.filter { $0.severity == .error }
        guard var csv = read, failures.isEmpty else {
            return diagnostics += failures.map { d in var d = d; d.location = d.location.map(rename); return d }
        }
        csv.file = name
        if csv.document.header.isEmpty {
            return diagnostics.append(.error(Phrase.emptyTable(sheet: csv.sheet != nil),
                                             at: csv.location(line: 1)))
        }
        var rowsAdded = 0
        func merge<V>(_ rows: inout LoadedRows<V>, _ f: (CSVTable) -> (LoadedRows<V>, [Diagnostic]),
                      key: (V) -> String, column: String, what: Phrase) {
            let (new, d) = f(csv)
            diagnostics += d
            let existing = Set(rows.values.map(key))
            for (i, v) in new.values.enumerated() where existing.contains(key(v)) {
                let (loc, field) = new.location(i, column)
                diagnostics.append(.error(ru: "\(what.ru) '\(key(v))' уже есть в сценарии; у добавленной строки должен быть новый код",
                                          en: "\(what.en) '\(key(v))' is already in the scenario; an added row needs a new id", at: loc, field: field))
            }
            rows.appendRows(new)
            rowsAdded = new.values.count
        }
        switch table {
        case "schools": merge(&parts.tables.schools, TableLoading.schools, key: \.id, column: "id", what: Phrase(ru: "организация", en: "organisation"))
        case "rooms": merge(&parts.tables.rooms, TableLoading.rooms, key: { $0.site + "/" + $0.id }, column: "id", what: Phrase(ru: "помещение", en: "room"))
        case "teachers": merge(&parts.tables.teachers, TableLoading.teachers, key: \.id, column: "id", what: Phrase(ru: "педагог", en: "teacher"))
        case "courses": merge(&parts.tables.courses, TableLoading.courses, key: \.id, column: "id", what: Phrase(ru: "курс", en: "course"))
        case "students": merge(&parts.tables.students, TableLoading.students, key: \.id, column: "id", what: Phrase(ru: "ученик", en: "student"))
        case "pins":
            // Pins have no id: every added row is one more pin.
            let (new, d) = TableLoading.pins(csv)
            diagnostics += d
            parts.tables.pins.appendRows(new)
            rowsAdded = new.values.count
        default: merge(&parts.tables.travel, TableLoading.travel, key: { $0.from + "→" + $0.to }, column: "from", what: Phrase(ru: "строка travel", en: "travel row"))
        }
        report.effects.append(.addedRows(rows: rowsAdded, file: path, table: table))
    }
}
