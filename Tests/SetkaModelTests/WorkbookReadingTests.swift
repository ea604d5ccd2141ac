import Foundation
import Testing
import ZIPFoundation
@testable import SetkaModel

/// The workbook fixtures, written by `Tests/Fixtures/make_workbooks.py` with openpyxl, LibreOffice
/// Calc and msoffcrypto-tool (the script's header says which program made which file).
enum Workbooks {
    static let folder = packageRoot.appendingPathComponent("Tests/Fixtures/workbooks")
    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Every loaded value two scenarios must share to be the same scenario.
    static func expectSame(_ a: Scenario, _ b: Scenario, _ what: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(a.name == b.name, "\(what) name", sourceLocation: sourceLocation)
        #expect(a.language == b.language, "\(what) language", sourceLocation: sourceLocation)
        #expect(a.travelSettings == b.travelSettings, "\(what) travel", sourceLocation: sourceLocation)
        #expect(a.profileDay == b.profileDay, "\(what) profile day", sourceLocation: sourceLocation)
        #expect(a.partnering == b.partnering, "\(what) partnering", sourceLocation: sourceLocation)
        #expect(a.organisations == b.organisations, "\(what) organisations", sourceLocation: sourceLocation)
        #expect(a.rooms == b.rooms, "\(what) rooms", sourceLocation: sourceLocation)
        #expect(a.teachers == b.teachers, "\(what) teachers", sourceLocation: sourceLocation)
        #expect(a.courses == b.courses, "\(what) courses", sourceLocation: sourceLocation)
        #expect(a.students == b.students, "\(what) students", sourceLocation: sourceLocation)
        #expect(a.travelEntries == b.travelEntries, "\(what) travel rows", sourceLocation: sourceLocation)
    }

    /// The diagnostics of a load that must fail.
    static func errors(_ url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(from: url)
            Issue.record("expected \(url.lastPathComponent) to fail to load", sourceLocation: sourceLocation)
        } catch let e as ScenarioError {
            return e.diagnostics
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return []
    }

    /// A package of `parts` written with ZIPFoundation, for malformed workbooks made in the test.
    static func zip(_ parts: [(String, Data)], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
    }

    /// The parts of a minimal workbook whose one sheet, `students`, holds `sheetData`.
    static func minimalParts(sheetData: String, sheetName: String = "students", prolog: String = "") -> [(String, Data)] {
        [
            ("[Content_Types].xml", Data(WorkbookWriter.contentTypes(count: 1).utf8)),
            ("_rels/.rels", Data(WorkbookWriter.rootRels.utf8)),
            ("xl/workbook.xml", Data(WorkbookWriter.workbookXML([sheetName]).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(WorkbookWriter.workbookRels(count: 1).utf8)),
            ("xl/worksheets/sheet1.xml", Data((prolog + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
                                               + sheetData + "</sheetData></worksheet>").utf8)),
        ]
    }
}

@Suite("Workbook: the same scenario as the CSV folder")
struct WorkbookEquivalenceTests {
    @Test("a workbook and the folder of CSV files with the same content load to the same scenario",
          arguments: ["openpyxl-district-en.xlsx", "libreoffice-district-ru.xlsx"])
    func sameScenario(_ name: String) throws {
        let folder = try ScenarioLoader.load(from: Workbooks.url("district"))
        let book = try ScenarioLoader.load(from: Workbooks.url(name))
        Workbooks.expectSame(folder.scenario, book.scenario, name)
        #expect(folder.warnings.isEmpty)
        #expect(book.scenario.students.count == 12)
        #expect(book.scenario.partnering.count == 2)
    }

    @Test("English sheet names, a hidden row and an unknown column: warnings naming sheet and cell")
    func englishWarnings() throws {
        let book = try ScenarioLoader.load(from: Workbooks.url("openpyxl-district-en.xlsx"))
        #expect(book.warnings.map(\.description) == [
            "openpyxl-district-en.xlsx[students] row 1: warning: unknown column 'note' ignored",
            "openpyxl-district-en.xlsx[students] row 9: warning: 1 row is hidden (a filter?): row 9; Setka reads hidden rows too",
        ])
    }

    @Test("sheet names in Russian, any case, ё or е: Партнерство finds partnering, занятия finds slots")
    func russianNames() throws {
        let book = try Workbook.open(Workbooks.url("libreoffice-district-ru.xlsx"))
        #expect(book.sheets(for: "partnering").map(\.name) == ["Партнерство"])
        #expect(book.sheets(for: "slots").map(\.name) == ["занятия"])
        #expect(book.sheets(for: "students").map(\.name) == ["Ученики"])
        #expect(book.sheets(for: "pins").isEmpty)
        #expect(Workbook.normalise(" ПАРТНЁРСТВО ") == "партнерство")
    }

    @Test("a workbook held in memory (an upload) reads as the file does; refusals too")
    func inMemory() throws {
        let url = Workbooks.url("libreoffice-district-ru.xlsx")
        let fromFile = try Workbook.open(url), fromData = try Workbook.open(data: try Data(contentsOf: url), display: "upload.xlsx")
        #expect(fromFile.sheets.map(\.name) == fromData.sheets.map(\.name))
        let a = try #require(try fromFile.table(for: "students")).table, b = try #require(try fromData.table(for: "students")).table
        #expect(a.records.map(\.fields) == b.records.map(\.fields))
        #expect(b.displayName == "upload.xlsx[Ученики]")
        do {
            _ = try Workbook.open(data: try Data(contentsOf: Workbooks.url("encrypted.xlsx")), display: "upload.xlsx")
            Issue.record("expected a refusal")
        } catch let e as ScenarioError {
            #expect(e.description.hasPrefix("upload.xlsx: error: this workbook is protected by a password"))
        }
    }

    @Test("a workbook that cannot be read for a reason outside the book says so in both languages; a finding in the book stays as it is")
    func unreadable() {
        struct Broken: Error, CustomStringConvertible { var description: String { "the disk went away" } }
        let place = SourceLocation(file: "расписание.xlsx")
        let e = ScenarioError.readingWorkbook(Broken(), at: place)
        #expect(e.diagnostics.count == 1 && e.diagnostics[0].severity == .error)
        #expect(e.text(.en) == "расписание.xlsx: error: cannot read the workbook: the disk went away")
        #expect(e.text(.ru).contains("не удаётся прочитать книгу: the disk went away") && e.text(.ru).hasPrefix("расписание.xlsx"))
        let finding = ScenarioError([.error(ru: "лист пуст", en: "the sheet is empty", at: SourceLocation(file: "a.xlsx", sheet: "Группы"))])
        #expect(ScenarioError.readingWorkbook(finding, at: place).description == finding.description)
    }

    @Test("LibreOffice saved the formulas' values: a capacity of =20+5 loads as 25")
    func formulaValues() throws {
        let book = try Workbook.open(Workbooks.url("libreoffice-district-ru.xlsx"))
        let (rooms, _) = try #require(try book.table(for: "rooms"))
        #expect(rooms.cell(rooms.records[0], "capacity")?.text == "25")
    }
}

@Suite("Workbook: cells")
struct WorkbookCellTests {
    /// `what` → the cell's text as the table holds it (untrimmed field), and the problems.
    static func cells(_ name: String) throws -> (values: [String: String], problems: [String: String], hidden: [Int]) {
        let book = try Workbook.open(Workbooks.url(name))
        let (table, warnings) = try book.table(book.sheets[0])
        var values: [String: String] = [:]
        for rec in table.records {
            values[rec.fields[0]] = rec.fields.count > 1 ? rec.fields[1] : ""
        }
        var problems: [String: String] = [:]
        for p in table.document.problems {
            let label = table.records.first { $0.line == p.line }?.fields[0] ?? "?"
            problems[label] = "\(SourceLocation.columnLetters(p.column))\(p.line): \(p.message.en)"
        }
        let hidden = warnings.compactMap { $0.location?.line }
        return (values, problems, hidden)
    }

    static let common: [String: String] = [
        "shared string": "Ольховка", "integer": "42", "decimal": "55.3", "0.1+0.2": "0.3", "negative": "-7.25",
        "large": "100000000000000000000", "boolean true": "true", "boolean false": "false", "date": "2026-09-01",
        "time": "09:05", "date and time": "2026-09-01 13:30", "text with spaces": "  padded  ", "percent": "0.25",
        "after empty rows": "x",
    ]

    @Test("openpyxl: inline strings, numbers, booleans, dates and times; a formula without a saved value is an error")
    func openpyxl() throws {
        let (values, problems, hidden) = try Self.cells("openpyxl-cells.xlsx")
        for (k, v) in Self.common { #expect(values[k] == v, "\(k)") }
        #expect(problems["formula"]?.hasPrefix("B13: this cell has a formula but no saved value") == true, "\(problems)")
        #expect(problems["error"]?.hasPrefix("B19: this cell has a formula but no saved value") == true, "\(problems)")
        #expect(hidden == [18])
    }

    @Test("LibreOffice: shared strings, formulas' saved values, an error value (#DIV/0!)")
    func libreOffice() throws {
        let (values, problems, hidden) = try Self.cells("libreoffice-cells.xlsx")
        for (k, v) in Self.common { #expect(values[k] == v, "\(k)") }
        #expect(values["formula"] == "84")
        #expect(problems["error"] == "B19: this cell shows the error #DIV/0! (a formula that failed); correct the formula or type the value")
        #expect(problems["formula"] == nil)
        #expect(hidden == [18])
    }

    @Test("the 1904 date system: the same dates and times")
    func date1904() throws {
        let (values, _, _) = try Self.cells("openpyxl-1904.xlsx")
        #expect(values["date"] == "2026-09-01")
        #expect(values["time"] == "09:05")
        #expect(values["date and time"] == "2026-09-01 13:30")
    }

    @Test("numbers as Excel shows them, dates in the 1900 system, format codes")
    func values() {
        #expect(CellText.number("10") == "10")
        #expect(CellText.number("10.0") == "10")
        #expect(CellText.number("0.30000000000000004") == "0.3")
        #expect(CellText.number("1E-3") == "0.001")
        #expect(CellText.number("-0") == "0")
        #expect(CellText.number("abc") == nil)
        #expect(CellText.date(serial: 46266, kind: .date, date1904: false) == "2026-09-01")
        #expect(CellText.date(serial: 60, kind: .date, date1904: false) == "1900-02-29")
        #expect(CellText.date(serial: 61, kind: .date, date1904: false) == "1900-03-01")
        #expect(CellText.date(serial: 1, kind: .date, date1904: false) == "1900-01-01")
        #expect(CellText.date(serial: 0.375, kind: .time, date1904: false) == "09:00")
        #expect(CellText.date(serial: 650.0 / 1440, kind: .time, date1904: false) == "10:50")
        #expect(CellText.date(serial: 1.5, kind: .elapsed, date1904: false) == "36:00")
        #expect(DateKind.of(formatCode: "dd.mm.yyyy") == .date)
        #expect(DateKind.of(formatCode: "hh:mm") == .time)
        #expect(DateKind.of(formatCode: "[h]:mm:ss") == .elapsed)
        #expect(DateKind.of(formatCode: "yyyy\\-mm\\-dd hh:mm") == .dateTime)
        #expect(DateKind.of(formatCode: "0.00") == nil)
        #expect(DateKind.of(formatCode: "General") == nil)
        #expect(DateKind.of(formatCode: "\"day \"0") == nil)
        #expect(DateKind.of(formatCode: "[Red]0.00;[Blue]-0.00") == nil)
        #expect(DateKind.builtin(14) == .date && DateKind.builtin(20) == .time && DateKind.builtin(2) == nil)
        #expect(CellText.unescapeOOXML("a_x000D_b") == "a\rb")
        #expect(CellText.unescapeOOXML("snake_xcase") == "snake_xcase")
    }
}

@Suite("Workbook: errors name workbook, sheet and cell")
struct WorkbookErrorTests {
    @Test("every error of every sheet is collected, each at its cell")
    func allErrors() {
        let errors = Workbooks.errors(Workbooks.url("openpyxl-errors.xlsx"))
        let lines = errors.map(\.description)
        let expected = [
            "openpyxl-errors.xlsx[Settings]!B6: error: 'profile_day.min_section_size' should be a whole number ≥ 1, found \"many\"",
            "openpyxl-errors.xlsx[Settings]!A14: error: unknown setting 'profile_day.min_size'; the settings sheet knows:",
            "openpyxl-errors.xlsx[SLOTS]!C3: error: 'profile_day.slots[2].end' should be a time HH:MM (e.g. \"09:00\"), found \"25:99\"",
            "openpyxl-errors.xlsx[partnering]!J2: error: column 'fixed': expected pairs recipient>provider separated by '|'",
            "openpyxl-errors.xlsx[schools]!D3: error: column 'lat': a latitude in decimal degrees (-90 to 90), found \"north\"",
            "openpyxl-errors.xlsx[rooms]!C3: error: column 'capacity': expected a whole number ≥ 1, found 0",
            "openpyxl-errors.xlsx[students]!C10: error: column 'grade': expected a whole number, found \"два\"",
        ]
        for e in expected { #expect(lines.contains { $0.hasPrefix(e) }, "\(e)\nin:\n\(lines.joined(separator: "\n"))") }
        // In reading order: settings sheets first, then the tables in the spec's order.
        let order = lines.map { l in expected.firstIndex { l.hasPrefix($0) } }.compactMap { $0 }
        #expect(order == order.sorted())
    }

    @Test("a folder may hold NAME.xlsx in place of NAME.csv; its errors name its first sheet")
    func tableWorkbookInFolder() throws {
        let s = try TempScenario([
            "scenario.yaml": Fixture.yaml, "schools.csv": Fixture.schools, "rooms.csv": Fixture.rooms,
            "teachers.csv": Fixture.teachers, "courses.csv": Fixture.courses,
        ])
        let csv = CSVTable(file: "x", encoding: .utf8, document: CSVParser.parse(Array(Fixture.students.utf8)))
        var rows = [csv.document.header.map { WorkbookWriter.Cell.text($0) }]
        rows += csv.records.map { $0.fields.map { WorkbookWriter.Cell.text($0) } }
        try s.write("students.xlsx", [UInt8](try WorkbookWriter.workbook([.init(name: "Лист1", rows: rows)])))
        let folderWithBook = try s.load().scenario
        try s.remove("students.xlsx")
        try s.write("students.csv", Fixture.students)
        Workbooks.expectSame(try s.load().scenario, folderWithBook)
        // A bad cell in the workbook table.
        try s.remove("students.csv")
        rows[2][2] = .text("десятый")
        try s.write("students.xlsx", [UInt8](try WorkbookWriter.workbook([.init(name: "Лист1", rows: rows)])))
        let e = s.errors()
        #expect(e.first(containing: "десятый")?.description.hasPrefix("students.xlsx[Лист1]!C3: error: column 'grade'") == true)
    }
}

@Suite("Workbook: files Setka refuses, with a plain message")
struct WorkbookRefusalTests {
    static func message(_ name: String) -> String {
        Workbooks.errors(Workbooks.url(name)).map(\.description).joined(separator: "\n")
    }

    @Test("an old .xls (LibreOffice)")
    func xls() { #expect(Self.message("old.xls").hasPrefix("old.xls: error: this is an old Excel 97–2003 workbook (.xls)")) }

    @Test("an .ods (LibreOffice)")
    func ods() { #expect(Self.message("spreadsheet.ods").hasPrefix("spreadsheet.ods: error: this is an OpenDocument spreadsheet (.ods")) }

    @Test("a password-protected workbook (msoffcrypto-tool)")
    func encrypted() { #expect(Self.message("encrypted.xlsx").hasPrefix("encrypted.xlsx: error: this workbook is protected by a password")) }

    @Test("a text file under an .xlsx name")
    func notAZip() {
        #expect(Self.message("not-a-zip.xlsx").hasPrefix("not-a-zip.xlsx: error: this is not an Excel workbook (.xlsx): the file does not start as one"))
        #expect(Self.message("not-a-zip.xlsx").contains("It looks like a text file"))
    }

    @Test("a workbook cut short")
    func truncated() { #expect(Self.message("truncated.xlsx").hasPrefix("truncated.xlsx: error: the workbook is damaged")) }

    @Test("a decompression bomb: 8 MB of one sheet from a few kilobytes, stopped by the ratio")
    func bomb() {
        #expect(Self.message("bomb.xlsx").hasPrefix("bomb.xlsx[Settings]: error: part xl/worksheets/sheet2.xml unpacks to more than 100 times its packed size"))
    }

    @Test("more unpacked than the limit allows, in all")
    func totalSize() throws {
        var limits = WorkbookLimits()
        limits.maxUnpackedBytes = 4000
        do {
            let book = try Workbook.open(Workbooks.url("openpyxl-district-en.xlsx"), limits: limits)
            for s in book.sheets { _ = try book.table(s) }
            Issue.record("expected the limit to stop reading")
        } catch let e as ScenarioError {
            #expect(e.description.contains("the workbook unpacks to more than 0 MB"))
        }
    }

    @Test("a sheet of a million empty rows is refused at once")
    func millionEmptyRows() throws {
        let dir = try TempScenario()
        var rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>"#
        rows.reserveCapacity(24_000_000)
        for r in 2...1_000_001 { rows += #"<row r="\#(r)"><c r="A\#(r)" s="1"/></row>"# }
        let url = dir.url.appendingPathComponent("empty.xlsx")
        try Workbooks.zip(Workbooks.minimalParts(sheetData: rows), to: url)
        let start = Date()
        let book = try Workbook.open(url)
        do {
            _ = try book.table(for: "students")
            Issue.record("expected the empty rows to be refused")
        } catch let e as ScenarioError {
            #expect(e.description.hasPrefix("empty.xlsx[students]: error: sheet 'students' cannot be read: the sheet has more than 100000 empty rows (up to row 100002)"))
        }
        #expect(Date().timeIntervalSince(start) < 30)   // not a timing test: only "not minutes"
    }

    @Test("an empty file, a binary workbook (.xlsb), a ZIP that is not a workbook, a DOCTYPE")
    func otherKinds() throws {
        let dir = try TempScenario()
        try dir.write("empty.xlsx", [])
        #expect(Workbooks.errors(dir.url.appendingPathComponent("empty.xlsx")).first?.message.hasPrefix("the file is empty (0 bytes)") == true)
        let xlsb = dir.url.appendingPathComponent("book.xlsb")
        try Workbooks.zip([("[Content_Types].xml", Data("<Types/>".utf8)), ("xl/workbook.bin", Data([1, 2, 3]))], to: xlsb)
        #expect(Workbooks.errors(xlsb).first?.message.hasPrefix("this is a binary Excel workbook (.xlsb)") == true)
        let other = dir.url.appendingPathComponent("photos.xlsx")
        try Workbooks.zip([("photo.jpg", Data([0xFF, 0xD8]))], to: other)
        #expect(Workbooks.errors(other).first?.message.hasPrefix("this is a ZIP archive, but not an Excel workbook") == true)
        let doctype = dir.url.appendingPathComponent("entities.xlsx")
        let bomb = #"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"#
        try Workbooks.zip(Workbooks.minimalParts(sheetData: #"<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>"#, prolog: bomb), to: doctype)
        let e = Workbooks.errors(doctype).map(\.description).joined()
        #expect(e.contains("entities.xlsx[students]: error: sheet 'students' cannot be read: it has a DOCTYPE, which workbooks never have"))
    }

    @Test("malformed XML in a sheet names the sheet and the line")
    func malformed() throws {
        let dir = try TempScenario()
        let url = dir.url.appendingPathComponent("bad.xlsx")
        try Workbooks.zip(Workbooks.minimalParts(sheetData: #"<row r="1"><c r="A1"><v>1</v></row>"#), to: url)
        let e = Workbooks.errors(url).map(\.description).joined()
        #expect(e.contains("bad.xlsx[students]: error: sheet 'students' cannot be read: its XML is malformed near line 1"))
    }

    @Test("nothing is written next to the input")
    func nothingWritten() throws {
        let dir = try TempScenario()
        for name in ["openpyxl-district-en.xlsx", "openpyxl-errors.xlsx", "bomb.xlsx", "encrypted.xlsx"] {
            try FileManager.default.copyItem(at: Workbooks.url(name), to: dir.url.appendingPathComponent(name))
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
        for name in before { _ = try? ScenarioLoader.load(from: dir.url.appendingPathComponent(name)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == before)
    }
}

@Suite("Workbook: a sheet read ahead on another thread gives what reading sheet by sheet gives")
struct WorkbookReadAheadTests {
    /// The sheets in the order the scenario loader asks for them, then every sheet by its name.
    static func keys(_ book: Workbook) -> [String] {
        ["settings", "slots", "partnering"] + ScenarioSettings.tableNames.map(\.key) + book.sheets.map(\.name)
    }

    /// What `table(for:)` gives for each key in turn: the table (header, records with their
    /// lines, warnings) or the error it throws, as text.
    static func outcomes(_ book: Workbook) -> [String] {
        keys(book).map { key in
            do {
                guard let (t, warnings) = try book.table(for: key) else { return "\(key): no sheet" }
                return "\(key): \(t.displayName) \(t.document.header) \(t.records.map { "\($0.line)\($0.fields)" }) "
                    + "\(t.document.problems.map { "\($0.line):\($0.column) \($0.message)" }) \(warnings.map(\.description))"
            } catch {
                return "\(key): \(error)"
            }
        }
    }

    @Test("fixtures with errors, cell problems and a bomb, within the standard limits and small ones",
          arguments: ["openpyxl-district-en.xlsx", "openpyxl-errors.xlsx", "libreoffice-district-ru.xlsx",
                      "openpyxl-cells.xlsx", "libreoffice-cells.xlsx", "bomb.xlsx"])
    func sameOutcomes(_ name: String) throws {
        // Opening reads the list of sheets and the styles; the limits below leave more or less
        // room after that: the limit is passed at one part or another, or not at all, and reading
        // ahead must report it at the same part as reading sheet by sheet.
        let opened = try Workbook.open(Workbooks.url(name)).package.budget.unpacked
        var limits = WorkbookLimits()
        var reported = 0
        for room in [Int.max / 2, 500, 2_000, 5_000, 10_000, 20_000, 50_000] {
            limits.maxUnpackedBytes = min(opened + room, WorkbookLimits.standard.maxUnpackedBytes)
            let lazy = try Workbook.open(Workbooks.url(name), limits: limits)
            let eager = try Workbook.open(Workbooks.url(name), limits: limits)
            eager.prefetch(Self.keys(eager))
            let a = Self.outcomes(lazy), b = Self.outcomes(eager)
            #expect(a == b, "\(name), at most \(limits.maxUnpackedBytes) bytes unpacked")
            if a.contains(where: { $0.contains("the workbook unpacks to more than") }) { reported += 1 }
        }
        // The small limits are passed (except in the bomb, whose ratio stops it first).
        #expect(reported >= (name == "bomb.xlsx" ? 0 : 1), "\(name)")
    }
}
