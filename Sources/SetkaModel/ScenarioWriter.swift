import Foundation

/// Writes a `Scenario` to a folder in the `setka/1` format (`shared/spec/scenario-format.md`).
///
/// The output is deterministic: the same `Scenario` value always gives the same bytes (rows in
/// the order of the arrays, score columns sorted by subject, YAML keys in a fixed order). CSV is
/// UTF-8 with `,` as separator, `\n` line ends and RFC 4180 quoting only where a field needs it;
/// lists are joined by `|`, booleans are `yes`/`no`, and a `nil` domain value is an empty cell
/// (which reads back as the format's default). `scenario.yaml` is emitted by hand, every string
/// double-quoted, so the output does not depend on a YAML library's emitter.
///
/// One thing the CSV format cannot say: a teacher whose `slots` is an empty list (free in no
/// slot). An empty `slots` cell means "all slots", so such a teacher is written with an empty
/// `slots` cell and `max_sections` 0, which means the same thing (never teaches).
public enum ScenarioWriter {
    /// The file names the writer uses (the format's default table names).
    public enum FileName {
        public static let scenario = "scenario.yaml"
        public static let schools = "schools.csv"
        public static let rooms = "rooms.csv"
        public static let teachers = "teachers.csv"
        public static let courses = "courses.csv"
        public static let students = "students.csv"
        public static let travel = "travel.csv"
        public static let results = "results.csv"
        public static let partnersHistory = "partners-history.csv"
        public static let platforms = "platforms.csv"
        public static let participants = "participants.csv"
        public static let pins = "pins.csv"
    }

    /// The files of `scenario` as (file name, UTF-8 bytes), in a fixed order.
    ///
    /// `scenario.yaml` and `schools.csv` are always present. The profile-day tables (rooms,
    /// teachers, courses, students) are present when the scenario has a profile day or the table
    /// has rows; `travel.csv`, `results.csv`, `partners-history.csv` and `pins.csv` only when they have rows.
    public static func files(for scenario: Scenario, byteOrderMark: Bool = false) -> [(name: String, data: Data)] {
        var out: [(String, String)] = [(FileName.scenario, scenarioYAML(scenario)),
                                       (FileName.schools, schoolsCSV(scenario.organisations))]
        let profile = scenario.profileDay != nil
        if profile || !scenario.rooms.isEmpty { out.append((FileName.rooms, roomsCSV(scenario.rooms))) }
        if profile || !scenario.teachers.isEmpty { out.append((FileName.teachers, teachersCSV(scenario.teachers))) }
        if profile || !scenario.courses.isEmpty { out.append((FileName.courses, coursesCSV(scenario.courses))) }
        if profile || !scenario.students.isEmpty { out.append((FileName.students, studentsCSV(scenario.students))) }
        if !scenario.travelEntries.isEmpty { out.append((FileName.travel, travelCSV(scenario.travelEntries))) }
        if !scenario.results.isEmpty { out.append((FileName.results, resultsCSV(scenario.results))) }
        if !scenario.partnersHistory.isEmpty { out.append((FileName.partnersHistory, historyCSV(scenario.partnersHistory))) }
        if !scenario.pins.isEmpty { out.append((FileName.pins, pinsCSV(scenario.pins))) }
        out += meetingsFiles(scenario)
        let bom = Data([0xEF, 0xBB, 0xBF])
        return out.map { name, text in
            let body = Data(text.utf8)
            return (name, byteOrderMark && name.hasSuffix(".csv") ? bom + body : body)
        }
    }

    /// Writes `scenario` into `folder` (created if missing), replacing files of the same names.
    /// A stale table this scenario does not have (e.g. an old `travel.csv`) is removed, so the
    /// folder means exactly this scenario. Other files in the folder are left alone.
    /// - Parameter byteOrderMark: start CSV files with a UTF-8 BOM (helps Excel on Windows).
    public static func write(_ scenario: Scenario, to folder: URL, byteOrderMark: Bool = false) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = files(for: scenario, byteOrderMark: byteOrderMark)
        let written = Set(files.map(\.name))
        for stale in [FileName.rooms, FileName.teachers, FileName.courses, FileName.students, FileName.travel,
                      FileName.results, FileName.partnersHistory, FileName.pins, FileName.platforms, FileName.participants]
        where !written.contains(stale) {
            let url = folder.appendingPathComponent(stale)
            if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        }
        for file in files {
            try file.data.write(to: folder.appendingPathComponent(file.name), options: .atomic)
        }
    }

    // MARK: - scenario.yaml

    /// The text of `scenario.yaml`: every setting written explicitly, in the spec's key order.
    public static func scenarioYAML(_ s: Scenario) -> String {
        var y = "format: setka/1\n"
        y += "name: \(yamlString(s.name))\n"
        y += "language: \(s.language.rawValue)\n"
        y += "travel: {speed_kmh: \(number(s.travelSettings.speedKmh)), road_factor: \(number(s.travelSettings.roadFactor))}\n"
        if let p = s.profileDay {
            y += "profile_day:\n"
            y += "  slots:\n"
            for slot in p.slots {
                y += "    - {id: \(yamlString(slot.id)), start: \"\(slot.start)\", end: \"\(slot.end)\"}\n"
            }
            if p.slots.isEmpty { y += "    []\n" }
            y += "  min_section_size: \(p.minSectionSize)\n"
            y += "  max_section_size: \(p.maxSectionSize)\n"
            y += "  courses_per_student: \(p.coursesPerStudent)\n"
            y += "  max_trip_minutes: \(number(p.maxTripMinutes))\n"
            y += "  visiting_teacher_rule: \(p.visitingTeacherRule)\n"
            y += "  weights:\n"
            y += "    rank: [\(p.weights.rank.map(number).joined(separator: ", "))]\n"
            y += "    travel_minute: \(number(p.weights.travelMinute))\n"
            y += "    section: \(number(p.weights.section))\n"
        }
        if !s.partnering.isEmpty {
            y += "partnering:\n"
            for rule in s.partnering {
                y += "  - name: \(yamlString(rule.name))\n"
                y += "    recipients: \(selectorYAML(rule.recipients))\n"
                y += "    providers: \(selectorYAML(rule.providers))\n"
                y += "    partners_per_recipient: \(rule.partnersPerRecipient)\n"
                y += "    max_travel_minutes: \(number(rule.maxTravelMinutes))\n"
                if let subjects = rule.subjects {
                    y += "    subjects: [\(subjects.map(yamlString).joined(separator: ", "))]\n"
                }
                y += "    travel_minute: \(number(rule.travelMinute))\n"
                y += "    fixed: \(pairsYAML(rule.fixed))\n"
                y += "    forbidden: \(pairsYAML(rule.forbidden))\n"
                if rule.avoidUnhelpful { y += "    avoid_unhelpful: true\n" }
            }
        }
        y += meetingsYAML(s)
        return y
    }

    private static func selectorYAML(_ sel: OrganisationSelector) -> String {
        var parts: [String] = []
        if let kinds = sel.kinds {
            parts.append(kinds.count == 1 ? "kind: \(kinds[0].rawValue)"
                                          : "kind: [\(kinds.map(\.rawValue).joined(separator: ", "))]")
        }
        if let low = sel.lowResults { parts.append("low_results: \(yesNo(low))") }
        return "{\(parts.joined(separator: ", "))}"
    }

    private static func pairsYAML(_ pairs: [PartnerPair]) -> String {
        "[" + pairs.map { "[\(yamlString($0.recipient)), \(yamlString($0.provider))]" }.joined(separator: ", ") + "]"
    }

    /// A YAML double-quoted scalar: safe for any text (quotes, backslashes, control characters).
    public static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(format: "%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    // MARK: - what-if variants

    /// The text of a what-if variant file (`whatif/NAME.yaml`, "What-if variants" in the spec):
    /// `format`, `base` as given (relative to the variant file's folder, or absolute), `name`, and
    /// one line per change in YAML flow style, every value double-quoted (so `"204"` stays an id
    /// and `"1|2|3"` a list cell). Each line of `comments` becomes a `# ` line at the top.
    public static func variantYAML(name: String, base: String, changes: [VariantChange.Kind], comments: [String] = []) -> String {
        var y = ""
        for c in comments {
            for line in c.split(separator: "\n", omittingEmptySubsequences: false) {
                y += "# " + line.replacingOccurrences(of: "\r", with: "") + "\n"
            }
        }
        y += "format: setka/1\n"
        y += "base: \(yamlString(base))\n"
        y += "name: \(yamlString(name))\n"
        if changes.isEmpty { return y + "changes: []\n" }
        y += "changes:\n"
        for change in changes { y += "  - \(changeYAML(change))\n" }
        return y
    }

    /// One entry of a variant's `changes:`, as `VariantLoader` reads it back.
    public static func changeYAML(_ kind: VariantChange.Kind) -> String {
        switch kind {
        case let .remove(target, id, site):
            return "remove: {\(target.rawValue): \(yamlString(id))\(site.map { ", site: \(yamlString($0))" } ?? "")}"
        case let .set(key, value):
            return "set: {\(yamlKey(key)): \(yamlString(value))}"
        case let .scaleDemand(course, factor):
            return "scale_demand: {course: \(yamlString(course)), factor: \(number(factor))}"
        case let .add(table, path):
            return "add: {\(yamlKey(table)): \(yamlString(path))}"
        case let .update(target, id, site, values):
            let row: String
            if target == .room, let site {
                row = "room: {site: \(yamlString(site)), id: \(yamlString(id))}"
            } else {
                row = "\(target.rawValue): \(yamlString(id))"
            }
            return "update: {" + ([row] + values.map { "\(yamlKey($0.column)): \(yamlString($0.value))" }).joined(separator: ", ") + "}"
        }
    }

    /// A mapping key: plain when it has only letters, digits, `_`, `.` and `-`, else double-quoted
    /// (`"score:math"`).
    static func yamlKey(_ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-")
        } && !key.hasPrefix("-")
        return plain ? key : yamlString(key)
    }

    // MARK: - CSV tables

    /// `schools.csv`; one `score:<subject>` column per subject present anywhere, sorted by name.
    public static func schoolsCSV(_ organisations: [Organisation]) -> String { csv(schoolsRows(organisations)) }
    /// `rooms.csv`.
    public static func roomsCSV(_ rooms: [Room]) -> String { csv(roomsRows(rooms)) }
    /// `teachers.csv` (see the type's note on a teacher with an empty `slots` list).
    public static func teachersCSV(_ teachers: [Teacher]) -> String { csv(teachersRows(teachers)) }
    /// `courses.csv`.
    public static func coursesCSV(_ courses: [Course]) -> String { csv(coursesRows(courses)) }
    /// `students.csv`.
    public static func studentsCSV(_ students: [Student]) -> String { csv(studentsRows(students)) }
    /// `travel.csv`.
    public static func travelCSV(_ entries: [TravelEntry]) -> String { csv(travelRows(entries)) }

    // MARK: - Table rows (the header first), as the CSV files and the workbook sheets hold them

    /// The rows of `schools.csv`.
    public static func schoolsRows(_ organisations: [Organisation]) -> [[String]] {
        let subjects = Set(organisations.flatMap { $0.scores.keys }).sorted()
        var rows = [["id", "name", "kind", "lat", "lon", "low_results", "partner_capacity"]
                    + subjects.map { "score:\($0)" }]
        for o in organisations {
            rows.append([o.id, o.name, o.kind.rawValue, o.latitude.map(number) ?? "",
                         o.longitude.map(number) ?? "", yesNo(o.lowResults), String(o.partnerCapacity)]
                        + subjects.map { o.scores[$0].map(number) ?? "" })
        }
        return rows
    }

    /// The rows of `rooms.csv`.
    public static func roomsRows(_ rooms: [Room]) -> [[String]] {
        [["site", "id", "capacity", "kind"]] + rooms.map { [$0.site, $0.id, String($0.capacity), $0.kind] }
    }

    /// The rows of `teachers.csv`.
    public static func teachersRows(_ teachers: [Teacher]) -> [[String]] {
        [["id", "name", "site", "courses", "max_sections", "slots", "travels"]]
            + teachers.map { t in
                let noSlots = t.slots?.isEmpty == true
                return [t.id, t.name, t.site, list(t.courses),
                        noSlots ? "0" : (t.maxSections.map { String($0) } ?? ""),
                        t.slots.map(list) ?? "", yesNo(t.travels)]
            }
    }

    /// The rows of `courses.csv`.
    public static func coursesRows(_ courses: [Course]) -> [[String]] {
        [["id", "title", "subject", "room_kind", "min_size", "max_size", "remote", "sites"]]
            + courses.map { c in
                [c.id, c.title, c.subject ?? "", c.roomKind, c.minSize.map { String($0) } ?? "",
                 c.maxSize.map { String($0) } ?? "", yesNo(c.remote), list(c.sites)]
            }
    }

    /// The rows of `students.csv`.
    public static func studentsRows(_ students: [Student]) -> [[String]] {
        [["id", "school", "grade", "wants", "choices"]]
            + students.map { s in
                [s.id, s.school, s.grade.map { String($0) } ?? "", s.wants.map { String($0) } ?? "", list(s.choices)]
            }
    }

    /// The rows of `travel.csv`.
    public static func travelRows(_ entries: [TravelEntry]) -> [[String]] {
        [["from", "to", "minutes"]] + entries.map { [$0.from, $0.to, number($0.minutes)] }
    }

    /// `results.csv`.
    public static func resultsCSV(_ results: [SchoolResult]) -> String { csv(resultsRows(results)) }

    /// `partners-history.csv`.
    public static func historyCSV(_ history: [PartnershipYear]) -> String { csv(historyRows(history)) }

    /// The rows of `results.csv`.
    public static func resultsRows(_ results: [SchoolResult]) -> [[String]] {
        [["school", "year", "subject", "score"]] + results.map { [$0.school, String($0.year), $0.subject, number($0.score)] }
    }

    /// The rows of `partners-history.csv`.
    public static func historyRows(_ history: [PartnershipYear]) -> [[String]] {
        [["year", "rule", "recipient", "provider"]] + history.map { [String($0.year), $0.rule, $0.recipient, $0.provider] }
    }

    /// `pins.csv` (a remote pin's site is `remote`).
    public static func pinsCSV(_ pins: [Pin]) -> String { csv(pinsRows(pins)) }

    /// The rows of `pins.csv` (header first), for a file or a workbook's sheet.
    public static func pinsRows(_ pins: [Pin]) -> [[String]] {
        [["course", "teacher", "site", "room", "slot", "students"]] + pins.map(pinRow)
    }

    /// One row of `pins.csv`.
    public static func pinRow(_ pin: Pin) -> [String] {
        [pin.course, pin.teacher ?? "", pin.siteCell, pin.room ?? "", pin.slot ?? "", list(pin.students)]
    }

    /// Rows joined as CSV with `\n` line ends, each field quoted only when it must be.
    public static func csv(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            out += row.map { CSVWriter.escape($0) }.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    // MARK: - values

    private static func list(_ ids: [String]) -> String { ids.joined(separator: "|") }
    private static func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }

    /// A number as people write it: integers without a decimal point (`40`), others in the
    /// shortest form that reads back to the same `Double` (`51.2345`), never in exponent form.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.description }  // not a valid value: the loader will say so
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let shortest = x.description
        if !shortest.contains("e") && !shortest.contains("E") { return shortest }
        // Exponent form (very small or very large): spell it out with enough digits.
        var fixed = String(format: "%.17f", x)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }
}
