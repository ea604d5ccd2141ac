import Foundation
import SetkaModel

/// A timetable read back from `sections.csv` and `enrolments.csv`, with the warnings found.
public struct LoadedTimetable: Sendable {
    public var timetable: Timetable
    public var warnings: [Diagnostic]
    public init(timetable: Timetable, warnings: [Diagnostic] = []) {
        self.timetable = timetable; self.warnings = warnings
    }
}

/// Timetable files: the two machine files of `scenario-format.md` (`sections.csv`,
/// `enrolments.csv`) and four views for people (`timetable-students.csv`,
/// `timetable-teachers.csv`, `timetable-sites.csv`, `timetable-schools.csv`).
///
/// Encoding decision: every file is UTF-8 with `,` separators, CRLF line ends and RFC 4180
/// quoting. The machine files are written **without** a byte-order mark (they are the output
/// contract and other programs read them); the views are written **with** one, so that Excel
/// opens their Cyrillic text correctly on a double click. The reader accepts both, and also
/// `;` separators and Windows-1251 (what Excel saves), since people may edit a timetable.
public enum TimetableIO {
    public static let sectionsFile = "sections.csv"
    public static let enrolmentsFile = "enrolments.csv"
    public static let studentsViewFile = "timetable-students.csv"
    public static let teachersViewFile = "timetable-teachers.csv"
    public static let sitesViewFile = "timetable-sites.csv"
    public static let schoolsViewFile = "timetable-schools.csv"

    /// The header of `sections.csv`.
    public static let sectionColumns = ["section", "course", "teacher", "site", "room", "slot", "enrolled"]
    /// The header of `enrolments.csv`.
    public static let enrolmentColumns = ["student", "section"]

    /// How a remote section is shown in the views (where a site/room would be).
    public static let remoteLabel = "remote"

    // MARK: - Writing

    /// `sections.csv` and `enrolments.csv`, and the four views when `scenario` is given, in memory.
    public static func files(_ timetable: Timetable, scenario: Scenario?) -> [ResultFile] {
        var files = [
            ResultFile(sectionsFile, sectionsCSV(timetable, pins: scenario?.pins ?? []).data(byteOrderMark: false)),
            ResultFile(enrolmentsFile, enrolmentsCSV(timetable).data(byteOrderMark: false)),
        ]
        if let scenario {
            files += [
                ResultFile(studentsViewFile, studentsView(timetable, scenario).data(byteOrderMark: true)),
                ResultFile(teachersViewFile, teachersView(timetable, scenario).data(byteOrderMark: true)),
                ResultFile(sitesViewFile, sitesView(timetable, scenario).data(byteOrderMark: true)),
                ResultFile(schoolsViewFile, schoolsView(timetable, scenario).data(byteOrderMark: true)),
            ]
        }
        return files
    }

    /// Writes `files(timetable, scenario:)` into `folder` (created if needed), each file whole
    /// (written beside and renamed), other files of the folder left alone. Returns the files
    /// written. Throws `OutputError` naming the file that could not be written.
    @discardableResult
    public static func write(_ timetable: Timetable, scenario: Scenario?, to folder: URL) throws(OutputError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder.path, reason: OutputError.reason(error))
        }
        var written: [URL] = []
        for file in files(timetable, scenario: scenario) {
            let url = folder.appendingPathComponent(file.name)
            do {
                try file.data.write(to: url, options: .atomic)
            } catch {
                throw OutputError(path: url.path, reason: OutputError.reason(error))
            }
            written.append(url)
        }
        return written
    }

    /// Distinct students enrolled in each section id.
    public static func enrolledCounts(_ timetable: Timetable) -> [String: Int] {
        var seen = Set<Enrolment>()
        var counts: [String: Int] = [:]
        for e in timetable.enrolments where seen.insert(e).inserted { counts[e.section, default: 0] += 1 }
        return counts
    }

    /// `sections.csv`: `section,course,teacher,site,room,slot,enrolled`; site and room empty for
    /// a remote section; enrolled = distinct students in `enrolments`. With `pins` (the
    /// scenario's), one more column `pinned`: `yes` for the section that meets a pin (H6).
    public static func sectionsCSV(_ timetable: Timetable, pins: [Pin] = []) -> CSVWriter {
        let counts = enrolledCounts(timetable)
        let pinned = PinRule.pinnedSections(pins, in: timetable)
        var w = CSVWriter()
        w.row(sectionColumns + (pins.isEmpty ? [] : [pinnedColumn]))
        for s in timetable.sections {
            w.row([s.id, s.course, s.teacher, s.site ?? "", s.room ?? "", s.slot, String(counts[s.id] ?? 0)]
                  + (pins.isEmpty ? [] : [pinned.contains(s.id) ? "yes" : ""]))
        }
        return w
    }

    /// The timetable as one Excel workbook to change by hand and check again
    /// (`read(workbook:name:)` reads it back as it is): a sheet of sections and one of
    /// enrolments, named in `language` (`sheetKeys`), with the columns of `sections.csv` and
    /// `enrolments.csv`; ids are text cells formatted as text (a slot `1` or a code `007` stays
    /// what it is when edited), `enrolled` a number.
    public static func workbook(_ timetable: Timetable, language: ReportLanguage) throws -> Data {
        typealias W = WorkbookWriter
        func text(_ s: String) -> W.Cell { .text(s, .text) }
        let header = { (names: [String]) in names.map { W.Cell.text($0, .header) } }
        let counts = enrolledCounts(timetable)
        let sections = [header(sectionColumns)] + timetable.sections.map { s in
            [text(s.id), text(s.course), text(s.teacher), text(s.site ?? ""), text(s.room ?? ""), text(s.slot),
             .number(Double(counts[s.id] ?? 0))]
        }
        let enrolments = [header(enrolmentColumns)] + timetable.enrolments.map { [text($0.student), text($0.section)] }
        let ru = language == .ru
        let idColumn = W.Column(width: 14, style: .text)
        return try W.workbook([
            W.Sheet(name: ru ? "Группы" : sheetKeys.sections, columns: Array(repeating: idColumn, count: 6) + [W.Column(width: 10)],
                    rows: sections),
            W.Sheet(name: ru ? "Записи" : sheetKeys.enrolments, columns: [idColumn, idColumn], rows: enrolments),
        ])
    }

    /// The column of `sections.csv` that marks pinned sections (when the scenario has pins).
    public static let pinnedColumn = "pinned"
    /// How the views mark a pinned section's cell.
    public static let pinnedMark = " [pinned]"

    /// `enrolments.csv`: `student,section`, one row per enrolment.
    public static func enrolmentsCSV(_ timetable: Timetable) -> CSVWriter {
        var w = CSVWriter()
        w.row(enrolmentColumns)
        for e in timetable.enrolments { w.row([e.student, e.section]) }
        return w
    }

    /// Where a section is: `a/r1`, or `remote`.
    static func place(_ s: Section) -> String {
        guard let site = s.site else { return remoteLabel }
        return s.room.map { "\(site)/\($0)" } ?? site
    }

    /// Slot ids in the scenario's order, then any other slot the timetable uses. The views use
    /// them as column headers.
    private static func slotColumns(_ timetable: Timetable, _ scenario: Scenario) -> (ids: [String], headers: [String]) {
        var ids = (scenario.profileDay?.slots ?? []).map(\.id)
        var known = Set(ids)
        for s in timetable.sections where known.insert(s.slot).inserted { ids.append(s.slot) }
        return (ids, ids)
    }

    /// `timetable-students.csv`: `student, school, <one column per slot>, got, wanted`. Each slot
    /// cell is `course @ site/room` (or `course @ remote`), empty when the student is free; two
    /// sections in one slot (an invalid timetable) are joined with ` + `. Every student of the
    /// scenario has a row, in its order, then students only the timetable names.
    public static func studentsView(_ timetable: Timetable, _ scenario: Scenario) -> CSVWriter {
        let (slotIDs, headers) = slotColumns(timetable, scenario)
        let column = Dictionary(slotIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sectionByID = Dictionary(timetable.sections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [String: [[String]]] = [:]
        var extra: [String] = []
        let known = Set(scenario.students.map(\.id))
        var seen = Set<Enrolment>()
        for e in timetable.enrolments where seen.insert(e).inserted {
            guard let s = sectionByID[e.section], let c = column[s.slot] else { continue }
            if rows[e.student] == nil {
                rows[e.student] = Array(repeating: [], count: slotIDs.count)
                if !known.contains(e.student) { extra.append(e.student) }
            }
            rows[e.student]![c].append("\(s.course) @ \(place(s))")
        }
        let defaultWants = scenario.profileDay?.coursesPerStudent ?? 0
        var w = CSVWriter()
        w.row(["student", "school"] + headers + ["got", "wanted"])
        for st in scenario.students {
            let cells = rows[st.id] ?? Array(repeating: [], count: slotIDs.count)
            let got = cells.reduce(0) { $0 + $1.count }
            w.row([st.id, st.school] + cells.map { $0.joined(separator: " + ") }
                  + [String(got), String(st.wants ?? defaultWants)])
        }
        for id in extra {
            let cells = rows[id]!
            w.row([id, ""] + cells.map { $0.joined(separator: " + ") } + [String(cells.reduce(0) { $0 + $1.count }), ""])
        }
        return w
    }

    /// `timetable-teachers.csv`: `teacher, site, <one column per slot>, sections`. Each slot cell
    /// is `course @ site/room` (or `@ remote`). Every teacher of the scenario has a row.
    public static func teachersView(_ timetable: Timetable, _ scenario: Scenario) -> CSVWriter {
        let (slotIDs, headers) = slotColumns(timetable, scenario)
        let column = Dictionary(slotIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [String: [[String]]] = [:]
        var extra: [String] = []
        let known = Set(scenario.teachers.map(\.id))
        let pinned = PinRule.pinnedSections(scenario.pins, in: timetable)
        for s in timetable.sections {
            guard let c = column[s.slot] else { continue }
            if rows[s.teacher] == nil {
                rows[s.teacher] = Array(repeating: [], count: slotIDs.count)
                if !known.contains(s.teacher) { extra.append(s.teacher) }
            }
            rows[s.teacher]![c].append("\(s.course) @ \(place(s))" + (pinned.contains(s.id) ? pinnedMark : ""))
        }
        var w = CSVWriter()
        w.row(["teacher", "site"] + headers + ["sections"])
        let all = scenario.teachers.map { ($0.id, $0.site) } + extra.map { ($0, "") }
        for (id, site) in all {
            let cells = rows[id] ?? Array(repeating: [], count: slotIDs.count)
            w.row([id, site] + cells.map { $0.joined(separator: " + ") } + [String(cells.reduce(0) { $0 + $1.count })])
        }
        return w
    }

    /// `timetable-sites.csv`: `site, room, <one column per slot>`. Each slot cell is
    /// `course / teacher / enrolled`. Every room of the scenario has a row (free rooms show
    /// empty cells), then rooms only the timetable names, then one row with empty site and room
    /// for remote sections.
    public static func sitesView(_ timetable: Timetable, _ scenario: Scenario) -> CSVWriter {
        struct Key: Hashable { var site: String; var room: String }
        let (slotIDs, headers) = slotColumns(timetable, scenario)
        let column = Dictionary(slotIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let counts = enrolledCounts(timetable)
        var order = scenario.rooms.map { Key(site: $0.site, room: $0.id) }
        var cells: [Key: [[String]]] = [:]
        for k in order { cells[k] = Array(repeating: [], count: slotIDs.count) }
        let remote = Key(site: "", room: "")
        let pinned = PinRule.pinnedSections(scenario.pins, in: timetable)
        var hasRemote = false
        for s in timetable.sections {
            guard let c = column[s.slot] else { continue }
            let k = s.site == nil ? remote : Key(site: s.site!, room: s.room ?? "")
            if cells[k] == nil {
                cells[k] = Array(repeating: [], count: slotIDs.count)
                if k == remote { hasRemote = true } else { order.append(k) }
            }
            cells[k]![c].append("\(s.course) / \(s.teacher) / \(counts[s.id] ?? 0)" + (pinned.contains(s.id) ? pinnedMark : ""))
        }
        if hasRemote { order.append(remote) }
        var w = CSVWriter()
        w.row(["site", "room"] + headers)
        for k in order { w.row([k.site, k.room] + cells[k]!.map { $0.joined(separator: " + ") }) }
        return w
    }

    /// `timetable-schools.csv`: `school, slot, section, course, site, students` — for each
    /// school (in the order of `schools.csv`), each slot and each section some of its students
    /// attend, how many of them go there. `site` is empty for a remote section.
    public static func schoolsView(_ timetable: Timetable, _ scenario: Scenario) -> CSVWriter {
        struct Key: Hashable { var school: String; var section: Int }
        let (slotIDs, _) = slotColumns(timetable, scenario)
        let slotRank = Dictionary(slotIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var sectionIndex: [String: Int] = [:]
        for (k, s) in timetable.sections.enumerated() where sectionIndex[s.id] == nil { sectionIndex[s.id] = k }
        let schoolOf = Dictionary(scenario.students.map { ($0.id, $0.school) }, uniquingKeysWith: { a, _ in a })
        var count: [Key: Int] = [:]
        var seen = Set<Enrolment>()
        for e in timetable.enrolments where seen.insert(e).inserted {
            guard let school = schoolOf[e.student], let k = sectionIndex[e.section] else { continue }
            count[Key(school: school, section: k), default: 0] += 1
        }
        let schoolRank = scenario.organisationIndex
        let keys = count.keys.sorted { a, b in
            let ra = schoolRank[a.school] ?? Int.max, rb = schoolRank[b.school] ?? Int.max
            if ra != rb { return ra < rb }
            if a.school != b.school { return a.school < b.school }
            let sa = slotRank[timetable.sections[a.section].slot] ?? Int.max
            let sb = slotRank[timetable.sections[b.section].slot] ?? Int.max
            if sa != sb { return sa < sb }
            return a.section < b.section
        }
        var w = CSVWriter()
        w.row(["school", "slot", "section", "course", "site", "students"])
        for k in keys {
            let s = timetable.sections[k.section]
            w.row([k.school, s.slot, s.id, s.course, s.site ?? "", String(count[k]!)])
        }
        return w
    }

    // MARK: - Reading

    /// Reads `sections.csv` and `enrolments.csv` from `folder`. Throws `ScenarioError` with every
    /// error found, each naming file, line and column and what was expected.
    public static func read(from folder: URL) throws -> LoadedTimetable {
        var errors: [Diagnostic] = []
        func bytes(_ name: String) -> [UInt8]? {
            let url = folder.appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else {
                errors.append(.error(ru: "нет файла \(name): его нет в \(folder.path)", en: "missing file: \(name) is not in \(folder.path)", at: SourceLocation(file: name)))
                return nil
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                errors.append(.error(ru: "не удаётся прочитать \(name) (нет прав на чтение?)", en: "cannot read \(name) (no permission to read it?)", at: SourceLocation(file: name)))
                return nil
            }
            return [UInt8](data)
        }
        let s = bytes(sectionsFile), e = bytes(enrolmentsFile)
        if !errors.isEmpty { throw ScenarioError(errors) }
        return try read(sections: s!, enrolments: e!)
    }

    /// Reads the timetable at `url`: a folder with `sections.csv` and `enrolments.csv`
    /// (`read(from:)`), or one `.xlsx` workbook with their two sheets (`read(workbook:name:)`).
    public static func read(at url: URL) throws -> LoadedTimetable {
        guard Workbook.isWorkbook(url) else { return try read(from: url) }
        return try read(try Workbook.open(url))
    }

    /// Reads a timetable from the bytes of `sections.csv` and `enrolments.csv` (named in messages
    /// by `sectionsName` and `enrolmentsName`).
    public static func read(sections: [UInt8], enrolments: [UInt8],
                            sectionsName: String = sectionsFile,
                            enrolmentsName: String = enrolmentsFile) throws -> LoadedTimetable {
        var diagnostics: [Diagnostic] = []
        let s = TimetableTableReader(file: sectionsName, bytes: sections, into: &diagnostics)
        let e = TimetableTableReader(file: enrolmentsName, bytes: enrolments, into: &diagnostics)
        return try read(s, e, diagnostics: diagnostics)
    }

    /// The sheets of a timetable workbook (`Workbook.sheetNames`, matched as a scenario's
    /// sheets are): the sections (`sections` or «Группы») and the enrolments (`enrolments` or
    /// «Записи»), with the columns of `sections.csv` and `enrolments.csv`.
    public static let sheetKeys = (sections: "sections", enrolments: "enrolments")

    /// Reads a timetable from one Excel workbook (`.xlsx`, named `name` in messages) with a
    /// sheet of sections and one of enrolments (`sheetKeys`), each with the columns of its CSV
    /// file; every problem names the workbook, sheet and cell.
    public static func read(workbook data: Data, name: String) throws -> LoadedTimetable {
        try read(try Workbook.open(data: data, display: name))
    }

    static func read(_ book: Workbook) throws -> LoadedTimetable {
        var diagnostics: [Diagnostic] = []
        func sheet(_ key: String, _ csv: String) -> TimetableTableReader? {
            do {
                guard let (table, warnings) = try book.table(for: key) else {
                    diagnostics.append(book.missingSheet(key, why: Phrase(ru: "на нём столбцы \(csv), он нужен расписанию", en: "with the columns of \(csv); a timetable needs")))
                    return nil
                }
                diagnostics += warnings
                return TimetableTableReader(table: table, into: &diagnostics)
            } catch {
                diagnostics += ScenarioError.readingWorkbook(error, at: SourceLocation(file: book.display)).diagnostics
            }
            return nil
        }
        let s = sheet(sheetKeys.sections, sectionsFile)
        let e = sheet(sheetKeys.enrolments, enrolmentsFile)
        return try read(s, e, diagnostics: diagnostics)
    }

    /// A timetable from its two tables (nil: not read, the reason in `diagnostics`).
    static func read(_ sectionsTable: TimetableTableReader?, _ enrolmentsTable: TimetableTableReader?,
                     diagnostics found: [Diagnostic]) throws -> LoadedTimetable {
        var diagnostics = found
        var timetable = Timetable()
        var enrolledColumn: [(section: String, count: Int, cell: CSVCell)] = []

        readSections: if var r = sectionsTable {
            defer { diagnostics += r.diagnostics }
            guard r.requireColumns(["section", "course", "teacher", "slot"], optional: ["site", "room", "enrolled", TimetableIO.pinnedColumn])
            else { break readSections }
            for rec in r.table.records {
                r.checkRowLength(rec)
                let id = r.id(rec, "section"), course = r.id(rec, "course")
                let teacher = r.id(rec, "teacher"), slot = r.id(rec, "slot")
                let site = r.optionalID(rec, "site"), room = r.optionalID(rec, "room")
                let enrolled = r.count(rec, "enrolled")
                guard let id, let course, let teacher, let slot else { continue }
                timetable.sections.append(Section(id: id, course: course, teacher: teacher,
                                                  site: site, room: room, slot: slot))
                if let enrolled { enrolledColumn.append((id, enrolled.value, enrolled.cell)) }
            }
        }
        readEnrolments: if var r = enrolmentsTable {
            defer { diagnostics += r.diagnostics }
            guard r.requireColumns(["student", "section"], optional: []) else { break readEnrolments }
            timetable.enrolments.reserveCapacity(r.table.records.count)
            for rec in r.table.records {
                r.checkRowLength(rec)
                let student = r.id(rec, "student"), section = r.id(rec, "section")
                guard let student, let section else { continue }
                timetable.enrolments.append(Enrolment(student: student, section: section))
            }
        }

        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw ScenarioError(errors) }

        // The `enrolled` column is informational: say when it disagrees with enrolments.csv.
        let counts = enrolledCounts(timetable)
        let enrolmentsName = enrolmentsTable?.table.displayName ?? enrolmentsFile
        for (section, stated, cell) in enrolledColumn where counts[section, default: 0] != stated {
            let n = counts[section, default: 0]
            diagnostics.append(.warning(ru: "у группы \(section) указано enrolled \(stated), а в \(enrolmentsName) в неё записано учеников: \(n); проверка опирается на \(enrolmentsName)",
                                        en: "section \(section) says enrolled \(stated), but \(enrolmentsName) enrols \(counts[section, default: 0]) students in it; the checker uses \(enrolmentsName)",
                                        at: sectionsTable?.table.location(line: cell.line, column: cell.column)
                                            ?? SourceLocation(file: sectionsFile, line: cell.line, column: cell.column),
                                        field: cell.header))
        }
        return LoadedTimetable(timetable: timetable, warnings: diagnostics)
    }
}

/// Typed cells of one timetable file, every problem a diagnostic naming file, line and column.
struct TimetableTableReader {
    let table: CSVTable
    var diagnostics: [Diagnostic] = []

    /// Parses `bytes`; nil (with an error in `diagnostics`) when they are not a CSV table.
    init?(file: String, bytes: [UInt8], into diagnostics: inout [Diagnostic]) {
        do throws(TextDecodingProblem) {
            table = try CSVTable(file: file, bytes: bytes)
        } catch {
            diagnostics += error.diagnostics(file: file)
            return nil
        }
        if table.document.header.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            diagnostics.append(.error(.emptyTable(),
                                      at: SourceLocation(file: file, line: 1)))
            return nil
        }
        for p in table.document.problems {
            self.diagnostics.append(.error(p.message, at: SourceLocation(file: file, line: p.line, column: p.column)))
        }
    }

    /// A sheet of a workbook already read as a table; nil (with an error) when it is empty.
    init?(table: CSVTable, into diagnostics: inout [Diagnostic]) {
        if table.document.header.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            diagnostics.append(.error(.emptyTable(sheet: true), at: table.location(line: 1)))
            return nil
        }
        self.table = table
    }

    var file: String { table.file }

    mutating func error(_ cell: CSVCell, _ message: Phrase) {
        diagnostics.append(.error(message, at: table.location(line: cell.line, column: cell.column),
                                  field: cell.header))
    }

    /// One error per missing required column; a warning naming columns that are not used.
    mutating func requireColumns(_ required: [String], optional: [String]) -> Bool {
        var ok = true
        let have = table.headerNames.filter { !$0.isEmpty }
        for name in required where !table.has(name) {
            ok = false
            diagnostics.append(.error(.missingColumn(name, have: have, expected: required + optional),
                                      at: table.location(line: table.document.headerLine)))
        }
        let known = Set(required + optional)
        var seen = Set<String>()
        for (i, name) in table.headerNames.enumerated() where known.contains(name) && !seen.insert(name).inserted {
            ok = false
            diagnostics.append(.error(.columnTwice(name),
                                      at: table.location(line: table.document.headerLine, column: i + 1)))
        }
        let unknown = have.filter { !known.contains($0) }
        if !unknown.isEmpty {
            diagnostics.append(.warning(.unknownColumns(unknown),
                                        at: table.location(line: table.document.headerLine)))
        }
        return ok
    }

    /// A row with non-empty cells beyond the header is an error (a stray separator in an id?).
    mutating func checkRowLength(_ rec: CSVRecord) {
        let n = table.document.header.count
        guard rec.fields.count > n else { return }
        for i in n..<rec.fields.count where !rec.fields[i].trimmingCharacters(in: .whitespaces).isEmpty {
            diagnostics.append(.error(ru: "в этой строке ячеек: \(rec.fields.count), а в заголовке: \(n); здесь ячейки быть не должно, найдено \"\(rec.fields[i])\" (разделитель внутри кода? возьмите ячейку в кавычки)",
                                      en: "this row has \(rec.fields.count) cells but the header has \(n); expected no cell here, found \"\(rec.fields[i])\" (a separator inside an id? quote the cell)",
                                      at: table.location(line: rec.line(ofField: i), column: i + 1)))
            return
        }
    }

    /// Why `text` is not an id (non-empty, no whitespace, no `|`), or nil when it is one.
    static func idProblem(_ text: String) -> Phrase? {
        if text.isEmpty { return Phrase(ru: "ожидался код, а ячейка пуста", en: "expected an id, found an empty cell") }
        // Fast path: printable ASCII without space or `|` is an id.
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x7C }) { return nil }
        if text.contains(where: { $0.isWhitespace }) {
            return Phrase(ru: "ожидался код без пробелов, найдено \"\(text)\"", en: "expected an id without spaces, found \"\(text)\"")
        }
        if text.contains("|") {
            return Phrase(ru: "ожидался код без знака '|', найдено \"\(text)\"", en: "expected an id without '|', found \"\(text)\"")
        }
        return nil
    }

    /// A required id.
    mutating func id(_ rec: CSVRecord, _ column: String) -> String? {
        guard let c = table.cell(rec, column) else { return nil }
        if let problem = Self.idProblem(c.text) { error(c, problem); return nil }
        return c.text
    }

    /// An id that may be empty (nil) or absent.
    mutating func optionalID(_ rec: CSVRecord, _ column: String) -> String? {
        guard let c = table.cell(rec, column), !c.text.isEmpty else { return nil }
        if let problem = Self.idProblem(c.text) { error(c, problem); return nil }
        return c.text
    }

    /// A whole number ≥ 0 that may be empty or absent.
    mutating func count(_ rec: CSVRecord, _ column: String) -> (value: Int, cell: CSVCell)? {
        guard let c = table.cell(rec, column), !c.text.isEmpty else { return nil }
        guard let v = Int(c.text), v >= 0 else {
            error(c, .expectedInteger(0) + .found("\"\(c.text)\"")); return nil
        }
        return (v, c)
    }
}
