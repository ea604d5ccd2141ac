import Foundation

/// Rows of one table as domain values, each with the CSV record it came from (for messages).
struct LoadedRows<Value> {
    var table: CSVTable?
    var values: [Value] = []
    var records: [CSVRecord] = []
    /// Rows that came from another file than `table` (rows a what-if variant appends): row index → its table.
    var rowTables: [Int: CSVTable] = [:]
    /// Cells a what-if `update:` set: row index → column → where the value is written.
    var cellLocations: [Int: [String: SourceLocation]] = [:]

    /// Where the cell of `column` in the row at `index` is, for a diagnostic.
    func location(_ index: Int, _ column: String) -> (SourceLocation, String?) {
        if let set = cellLocations[index]?[column] { return (set, column) }
        guard let table = rowTables[index] ?? table else { return (SourceLocation(file: "?"), nil) }
        let record = records[index]
        guard let c = table.cell(record, column) else { return (table.location(line: record.line), nil) }
        return (table.location(line: c.line, column: c.column), c.header)
    }
}

/// Turns CSV tables into domain rows, one named function per table, reporting every cell problem.
enum TableLoading {
    static let schoolColumns: Set<String> = ["id", "name", "kind", "lat", "lon", "low_results", "partner_capacity"]
    static let roomColumns: Set<String> = ["site", "id", "capacity", "kind"]
    static let teacherColumns: Set<String> = ["id", "name", "site", "courses", "max_sections", "slots", "travels"]
    static let courseColumns: Set<String> = ["id", "title", "subject", "room_kind", "min_size", "max_size", "remote", "sites"]
    static let studentColumns: Set<String> = ["id", "school", "grade", "wants", "choices"]
    static let travelColumns: Set<String> = ["from", "to", "minutes"]
    static let minutesExpected = Phrase(ru: "ожидалось число минут ≥ 0", en: "a number of minutes ≥ 0")
    static func duplicateID(_ id: String) -> Phrase { Phrase(ru: "код '\(id)' повторяется", en: "duplicate id '\(id)'") }

    /// A required cell that is empty: one error naming what was expected.
    private static func requireNonEmpty(_ r: inout TableReader, _ rec: CSVRecord, _ column: String, _ expected: Phrase) -> Bool {
        guard let c = r.table.cell(rec, column) else { return false }
        if c.text.isEmpty { r.error(c, ru: "ожидалось: \(expected.ru), а ячейка пуста", en: "expected \(expected.en), found an empty cell"); return false }
        return true
    }

    /// Reports a repeated id at its second and later rows.
    private static func checkDuplicate(_ r: inout TableReader, _ rec: CSVRecord, _ column: String, key: String,
                                       what: Phrase, seen: inout [String: Int]) {
        if let first = seen[key] {
            if let c = r.table.cell(rec, column) { r.error(c, ru: "\(what.ru) (уже есть в строке \(first))", en: "\(what.en) (already on line \(first))") }
        } else {
            seen[key] = rec.line
        }
    }

    // MARK: schools.csv

    static func schools(_ table: CSVTable) -> (LoadedRows<Organisation>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Organisation>(table: table)
        r.checkHeader(known: schoolColumns, allowScores: true)
        guard r.requireColumns(["id", "name"]) else { return (rows, r.diagnostics) }
        let scoreColumns = table.scoreColumns
        var seen: [String: Int] = [:]
        rows.values.reserveCapacity(table.records.count)
        for rec in table.records {
            let id = r.id(rec, "id")
            var name = r.text(rec, "name")
            if name == nil { _ = requireNonEmpty(&r, rec, "name", Phrase(ru: "название организации", en: "the organisation's name")) }
            let kind = r.kind(rec, "kind") ?? .school
            let lat = r.number(rec, "lat", range: -90...90, expected: Phrase(ru: "ожидалась широта в десятичных градусах (от -90 до 90)", en: "a latitude in decimal degrees (-90 to 90)"))
            let lon = r.number(rec, "lon", range: -180...180, expected: Phrase(ru: "ожидалась долгота в десятичных градусах (от -180 до 180)", en: "a longitude in decimal degrees (-180 to 180)"))
            if (lat == nil) != (lon == nil) {
                let given = lat == nil ? "lon" : "lat", missing = lat == nil ? "lat" : "lon"
                if let c = table.cell(rec, missing), c.text.isEmpty {
                    r.error(c, ru: "'\(given)' указана, а '\(missing)' пуста; укажите обе координаты или ни одной",
                            en: "'\(given)' is given but '\(missing)' is empty; give both coordinates or neither")
                }
            }
            let low = r.yesNo(rec, "low_results") ?? false
            let capacity = r.integer(rec, "partner_capacity", minimum: 0) ?? 0
            var scores: [String: Double] = [:]
            for (subject, index) in scoreColumns {
                let c = table.cell(rec, index: index)
                if c.text.isEmpty { continue }
                if let v = r.number(c, range: 0...100) { scores[subject] = v }
            }
            guard let id else { continue }
            checkDuplicate(&r, rec, "id", key: id, what: duplicateID(id), seen: &seen)
            if name == nil { name = id }
            rows.values.append(Organisation(id: id, name: name!, kind: kind, latitude: lat, longitude: lon,
                                            lowResults: low, partnerCapacity: capacity, scores: scores))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }

    // MARK: rooms.csv

    static func rooms(_ table: CSVTable) -> (LoadedRows<Room>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Room>(table: table)
        r.checkHeader(known: roomColumns)
        guard r.requireColumns(["site", "id", "capacity"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        for rec in table.records {
            let site = r.id(rec, "site"), id = r.id(rec, "id")
            var capacity = r.integer(rec, "capacity", minimum: 1)
            if capacity == nil, let c = table.cell(rec, "capacity"), c.text.isEmpty {
                r.error(c, ru: "ожидалось целое число ≥ 1 (число мест), а ячейка пуста", en: "expected a whole number ≥ 1 (the seats), found an empty cell")
            }
            if capacity == nil { capacity = 1 }
            let kind = r.optionalID(rec, "kind") ?? "classroom"
            guard let site, let id else { continue }
            checkDuplicate(&r, rec, "id", key: site + "|" + id, what: Phrase(ru: "код помещения '\(id)' на площадке '\(site)' повторяется", en: "duplicate room id '\(id)' at site '\(site)'"), seen: &seen)
            rows.values.append(Room(site: site, id: id, capacity: capacity!, kind: kind))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }

    // MARK: teachers.csv

    static func teachers(_ table: CSVTable) -> (LoadedRows<Teacher>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Teacher>(table: table)
        r.checkHeader(known: teacherColumns)
        guard r.requireColumns(["id", "site", "courses"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        for rec in table.records {
            let id = r.id(rec, "id"), site = r.id(rec, "site")
            let name = r.text(rec, "name")
            let courses = r.idList(rec, "courses") ?? []
            let maxSections = r.integer(rec, "max_sections", minimum: 0)
            let slots = r.idList(rec, "slots")
            let travels = r.yesNo(rec, "travels") ?? true
            guard let id, let site else { continue }
            checkDuplicate(&r, rec, "id", key: id, what: duplicateID(id), seen: &seen)
            rows.values.append(Teacher(id: id, name: name, site: site, courses: courses, maxSections: maxSections,
                                       slots: slots, travels: travels))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }

    // MARK: courses.csv

    static func courses(_ table: CSVTable) -> (LoadedRows<Course>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Course>(table: table)
        r.checkHeader(known: courseColumns)
        guard r.requireColumns(["id"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        for rec in table.records {
            let id = r.id(rec, "id")
            let title = r.text(rec, "title")
            let subject = r.optionalID(rec, "subject")
            let roomKind = r.optionalID(rec, "room_kind") ?? "classroom"
            let minSize = r.integer(rec, "min_size", minimum: 1)
            let maxSize = r.integer(rec, "max_size", minimum: 1)
            if let minSize, let maxSize, minSize > maxSize, let c = table.cell(rec, "min_size") {
                r.error(c, ru: "min_size \(minSize) больше, чем max_size \(maxSize)", en: "min_size \(minSize) is larger than max_size \(maxSize)")
            }
            let remote = r.yesNo(rec, "remote") ?? false
            let sites = r.idList(rec, "sites") ?? []
            guard let id else { continue }
            checkDuplicate(&r, rec, "id", key: id, what: duplicateID(id), seen: &seen)
            rows.values.append(Course(id: id, title: title, subject: subject, roomKind: roomKind, minSize: minSize,
                                      maxSize: maxSize, remote: remote, sites: sites))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }

    // MARK: students.csv

    static func students(_ table: CSVTable) -> (LoadedRows<Student>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Student>(table: table)
        r.checkHeader(known: studentColumns)
        guard r.requireColumns(["id", "school", "choices"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(table.records.count)
        rows.values.reserveCapacity(table.records.count)
        rows.records.reserveCapacity(table.records.count)
        for rec in table.records {
            let id = r.id(rec, "id"), school = r.id(rec, "school")
            let grade = r.integer(rec, "grade")
            let wants = r.integer(rec, "wants", minimum: 0)
            let choices = r.idList(rec, "choices") ?? []
            if choices.count > 1 {
                var set: Set<String> = []
                for ch in choices where !set.insert(ch).inserted {
                    if let c = table.cell(rec, "choices") {
                        r.error(c, ru: "курс '\(ch)' указан в choices дважды; каждый курс можно указать один раз",
                                en: "course '\(ch)' is listed twice in the choices; each course may appear once")
                    }
                }
            }
            guard let id, let school else { continue }
            checkDuplicate(&r, rec, "id", key: id, what: duplicateID(id), seen: &seen)
            rows.values.append(Student(id: id, school: school, grade: grade, wants: wants, choices: choices))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }

    // MARK: travel.csv

    static func travel(_ table: CSVTable) -> (LoadedRows<TravelEntry>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<TravelEntry>(table: table)
        r.checkHeader(known: travelColumns)
        guard r.requireColumns(["from", "to", "minutes"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        for rec in table.records {
            let from = r.id(rec, "from"), to = r.id(rec, "to")
            var minutes = r.number(rec, "minutes", range: 0...Double.greatestFiniteMagnitude, expected: Self.minutesExpected)
            if minutes == nil { _ = requireNonEmpty(&r, rec, "minutes", Phrase(ru: "число минут ≥ 0", en: "a number of minutes ≥ 0")) }
            guard let from, let to else { continue }
            if minutes == nil { minutes = 0 }
            if from == to {
                if let c = table.cell(rec, "to") {
                    r.warning(c, ru: "строка из '\(from)' в саму себя не учитывается (от площадки до неё самой 0 минут)",
                              en: "a row from '\(from)' to itself is ignored (a site to itself is 0 minutes)")
                }
                continue
            }
            checkDuplicate(&r, rec, "from", key: from + "|" + to, what: Phrase(ru: "время в пути из '\(from)' в '\(to)' задано дважды", en: "travel from '\(from)' to '\(to)' is given twice"), seen: &seen)
            rows.values.append(TravelEntry(from: from, to: to, minutes: minutes!))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }
}
