import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

@Suite("Timetable files")
struct TimetableIOTests {
    static func tempFolder() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("setka-timetable-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func lines(_ w: CSVWriter) -> [String] {
        w.text.components(separatedBy: "\r\n").dropLast().map { String($0) }
    }

    static func readText(_ sections: String, _ enrolments: String = "student,section\n") throws -> LoadedTimetable {
        try TimetableIO.read(sections: Array(sections.utf8), enrolments: Array(enrolments.utf8))
    }

    /// The error messages (`file:line:col: error: ...`) of a read that must fail.
    static func errors(_ sections: String, _ enrolments: String = "student,section\n") -> [String] {
        do {
            _ = try readText(sections, enrolments)
            return []
        } catch let e as ScenarioError {
            return e.diagnostics.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func sectionsFileHasTheContractColumns() {
        let t = CheckerFixture().timetable
        let lines = Self.lines(TimetableIO.sectionsCSV(t))
        #expect(lines == [
            "section,course,teacher,site,room,slot,enrolled",
            "S1,math,T1,a,r1,1,3",
            "S2,robo,T3,c,ws,2,2",
            "S3,online,T1,,,3,2",
            "S4,chem,T2,a,lab,2,2",
            "S5,math,T2,b,r1,1,2",
        ])
        let enrol = Self.lines(TimetableIO.enrolmentsCSV(t))
        #expect(enrol.first == "student,section")
        #expect(enrol.count == 12 && enrol[1] == "a1,S1")
    }

    @Test func writeThenReadGivesTheSameTimetable() throws {
        let f = CheckerFixture()
        let dir = Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try TimetableIO.write(f.timetable, scenario: f.scenario, to: dir)
        #expect(written.map(\.lastPathComponent) == ["sections.csv", "enrolments.csv", "timetable-students.csv",
                                                     "timetable-teachers.csv", "timetable-sites.csv", "timetable-schools.csv"])
        let loaded = try TimetableIO.read(from: dir)
        #expect(loaded.timetable == f.timetable)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func quotedAndCyrillicIdsRoundTrip() throws {
        let t = Timetable(
            sections: [
                Section(id: "секция,1", course: "робототехника", teacher: "Иванов\"И\"", site: "россошанская",
                        room: "каб.12", slot: "1"),
                Section(id: "S;2", course: "c", teacher: "t", site: nil, room: nil, slot: "утро"),
            ],
            enrolments: [Enrolment(student: "ученик-№1", section: "секция,1"),
                         Enrolment(student: "p2", section: "S;2")])
        let text = TimetableIO.sectionsCSV(t).text
        #expect(text.contains("\"секция,1\",робототехника,\"Иванов\"\"И\"\"\",россошанская,каб.12,1,1\r\n"))
        let dir = Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try TimetableIO.write(t, scenario: nil, to: dir)
        #expect(try TimetableIO.read(from: dir).timetable == t)
    }

    @Test func machineFilesHaveNoBOMButViewsDo() throws {
        let f = CheckerFixture()
        let dir = Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try TimetableIO.write(f.timetable, scenario: f.scenario, to: dir)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        func head(_ name: String) throws -> [UInt8] {
            Array(try Data(contentsOf: dir.appendingPathComponent(name)).prefix(3))
        }
        #expect(try head("sections.csv") != bom)
        #expect(try head("enrolments.csv") != bom)
        for view in ["timetable-students.csv", "timetable-teachers.csv", "timetable-sites.csv", "timetable-schools.csv"] {
            #expect(try head(view) == bom, "\(view)")
        }
    }

    @Test func readerAcceptsBOMSemicolonsAndWindows1251() throws {
        // What Excel on a Russian Windows saves after someone edits the file: CP1251 and `;`.
        let text = "Section;Course;Teacher;Site;Room;Slot\r\nС1;math;T1;a;r1;1\r\n"
        let cp1251 = text.unicodeScalars.map { u -> UInt8 in
            let v = u.value
            if v < 0x80 { return UInt8(v) }
            if v == 0x0421 { return 0xD1 }  // С
            fatalError("unexpected character in the test text")
        }
        let bomEnrolments: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("student,section\np1,С1\n".utf8)
        let t = try TimetableIO.read(sections: cp1251, enrolments: bomEnrolments).timetable
        #expect(t.sections == [Section(id: "С1", course: "math", teacher: "T1", site: "a", room: "r1", slot: "1")])
        #expect(t.enrolments == [Enrolment(student: "p1", section: "С1")])
    }

    @Test func missingColumnNamesTheFileAndHeaderLine() {
        let errs = Self.errors("section,course,site,room,slot\nS1,math,a,r1,1\n")
        #expect(errs.count == 1)
        #expect(errs[0].hasPrefix("sections.csv:1: error: missing required column 'teacher'"))
    }

    @Test func emptyIdCellNamesLineAndColumn() {
        let errs = Self.errors("section,course,teacher,site,room,slot\nS1,math,T1,a,r1,1\nS2,,T1,a,r1,2\n")
        #expect(errs == ["sections.csv:3:2: error: column 'course': expected an id, found an empty cell"])
    }

    @Test func idWithSpaceAndBadEnrolledCount() {
        let errs = Self.errors("section,course,teacher,site,room,slot,enrolled\nS 1,math,T1,a,r1,1,many\n")
        #expect(errs == [
            "sections.csv:2:1: error: column 'section': expected an id without spaces, found \"S 1\"",
            "sections.csv:2:7: error: column 'enrolled': expected a whole number ≥ 0, found \"many\"",
        ])
    }

    @Test func unclosedQuoteAndExtraCells() {
        let errs = Self.errors("section,course,teacher,site,room,slot\nS1,math,T1,a,r1,1,oops\nS2,\"math,T1,a,r1,2\n")
        #expect(errs.contains("sections.csv:2:7: error: this row has 7 cells but the header has 6; expected no cell here, found \"oops\" (a separator inside an id? quote the cell)"))
        #expect(errs.contains { $0.hasPrefix("sections.csv:3:2: error: a quoted cell opened here is never closed") })
    }

    @Test func errorsInBothFilesAreAllReported() {
        let errs = Self.errors("section,course,teacher,slot\nS1,math,T1,\n", "student\np1\n")
        #expect(errs == [
            "sections.csv:2:4: error: column 'slot': expected an id, found an empty cell",
            "enrolments.csv:1: error: missing required column 'section' (expected the columns student,section; the header row has: student)",
        ])
    }

    @Test func repeatedColumnIsAnError() {
        let errs = Self.errors("section,course,teacher,slot,Course\nS1,math,T1,1,chem\n")
        #expect(errs == ["sections.csv:1:5: error: column 'course' appears twice in the header; keep one"])
    }

    @Test func unknownColumnsAreIgnoredWithAWarning() throws {
        let loaded = try Self.readText("Section,Course,Teacher,Slot,Note\nS1,math,T1,1,hello\n")
        #expect(loaded.timetable.sections.count == 1)
        #expect(loaded.warnings.map(\.description) == ["sections.csv:1: warning: unknown column 'note' ignored"])
    }

    @Test func emptyFileAndMissingFiles() throws {
        #expect(Self.errors("") == ["sections.csv:1: error: the file is empty; it needs a header row with the column names"])
        let dir = Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try TimetableIO.read(from: dir)
            Issue.record("reading an empty folder must fail")
        } catch let e as ScenarioError {
            #expect(e.diagnostics.map(\.location?.file) == ["sections.csv", "enrolments.csv"])
            #expect(e.diagnostics[0].message.hasPrefix("missing file: sections.csv"))
        }
    }

    @Test func siteAndRoomColumnsAreOptionalAndEmptyMeansRemote() throws {
        let t = try Self.readText("section,course,teacher,slot\nS1,online,T1,2\n").timetable
        #expect(t.sections == [Section(id: "S1", course: "online", teacher: "T1", site: nil, room: nil, slot: "2")])
        #expect(t.sections[0].isRemote)
    }

    @Test func enrolledColumnDisagreeingWithEnrolmentsIsAWarning() throws {
        let loaded = try Self.readText("section,course,teacher,site,room,slot,enrolled\nS1,math,T1,a,r1,1,5\n",
                                       "student,section\np1,S1\np2,S1\n")
        #expect(loaded.warnings.map(\.description) == [
            "sections.csv:2:7: warning: column 'enrolled': section S1 says enrolled 5, but enrolments.csv enrols 2 students in it; the checker uses enrolments.csv",
        ])
    }

    @Test func studentsView() {
        let f = CheckerFixture()
        let lines = Self.lines(TimetableIO.studentsView(f.timetable, f.scenario))
        #expect(lines[0] == "student,school,1,2,3,got,wanted")
        #expect(lines[1] == "a1,a,math @ a/r1,,online @ remote,2,2")
        #expect(lines[5] == "b2,b,,robo @ c/ws,,1,1")
        #expect(lines[8] == "d1,d,,,,0,2")
        #expect(lines.count == 10)
    }

    @Test func teachersView() {
        let f = CheckerFixture()
        let lines = Self.lines(TimetableIO.teachersView(f.timetable, f.scenario))
        #expect(lines == [
            "teacher,site,1,2,3,sections",
            "T1,a,math @ a/r1,,online @ remote,2",
            "T2,b,math @ b/r1,chem @ a/lab,,2",
            "T3,c,,robo @ c/ws,,1",
            "T4,a,,,,0",
        ])
    }

    @Test func sitesView() {
        let f = CheckerFixture()
        let lines = Self.lines(TimetableIO.sitesView(f.timetable, f.scenario))
        #expect(lines == [
            "site,room,1,2,3",
            "a,r1,math / T1 / 3,,",
            "a,lab,,chem / T2 / 2,",
            "b,r1,math / T2 / 2,,",
            "c,ws,,robo / T3 / 2,",
            ",,,,online / T1 / 2",
        ])
    }

    @Test func schoolsView() {
        let f = CheckerFixture()
        let lines = Self.lines(TimetableIO.schoolsView(f.timetable, f.scenario))
        #expect(lines == [
            "school,slot,section,course,site,students",
            "a,1,S1,math,a,3",
            "a,2,S4,chem,a,2",
            "a,3,S3,online,,1",
            "b,1,S5,math,b,2",
            "b,2,S2,robo,c,2",
            "b,3,S3,online,,1",
        ])
    }

    @Test func csvEscaping() {
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
        #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escape("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.escape(" padded") == "\" padded\"")
        // A semicolon is quoted too: Excel in a Russian locale reads `;` as the separator.
        #expect(CSVWriter.escape("a;b") == "\"a;b\"")
        #expect(CSVWriter.escape("a;b", separator: ";") == "\"a;b\"")
        #expect(CSVWriter.escape("\u{00A0}nbsp") == "\"\u{00A0}nbsp\"")
        #expect(CSVWriter.escape("школа") == "школа")
        #expect(CSVWriter.escape("") == "")
    }

    /// One `.xlsx` with a sheet of sections and one of enrolments (English or Russian names)
    /// reads as the two CSV files do; problems name the workbook, the sheet and the cell.
    @Test func aTimetableWorkbookReadsAsItsTwoFiles() throws {
        typealias W = WorkbookWriter
        func row(_ cells: [String]) -> [W.Cell] { cells.map { Int($0) != nil ? .number(Double($0)!) : .text($0) } }
        let sections = [["section", "course", "teacher", "site", "room", "slot"], ["S1", "math", "T1", "a", "r1", "1"], ["S2", "art", "T2", "", "", "2"]]
        let enrolments = [["student", "section"], ["p1", "S1"], ["p2", "S1"], ["p1", "S2"]]
        let csv = try Self.readText(sections.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n",
                                    enrolments.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").timetable
        for names in [("sections", "enrolments"), ("Группы", "Записи")] {
            let book = try W.workbook([W.Sheet(name: "Пояснения", rows: [[.text("сетка")]]),
                                       W.Sheet(name: names.0, rows: sections.map(row)), W.Sheet(name: names.1, rows: enrolments.map(row))])
            let read = try TimetableIO.read(workbook: book, name: "моё.xlsx").timetable
            #expect(read == csv, "\(names)")   // slot 1 typed as a number is the id "1"
        }
        // A cell that is not an id: the workbook, sheet and cell.
        var bad = sections
        bad[2][2] = "Т 2"
        let badBook = try W.workbook([W.Sheet(name: "Группы", rows: bad.map(row)), W.Sheet(name: "Записи", rows: enrolments.map(row))])
        #expect(throws: ScenarioError.self) { try TimetableIO.read(workbook: badBook, name: "моё.xlsx") }
        do { _ = try TimetableIO.read(workbook: badBook, name: "моё.xlsx") } catch let e as ScenarioError {
            #expect(e.diagnostics.map(\.description).contains { $0.hasPrefix("моё.xlsx[Группы]!C3") }, "\(e.diagnostics.map(\.description))")
        }
        // A sheet missing: named, with the sheets the workbook has.
        let oneSheet = try W.workbook([W.Sheet(name: "Группы", rows: sections.map(row))])
        do { _ = try TimetableIO.read(workbook: oneSheet, name: "моё.xlsx"); Issue.record("read without enrolments") } catch let e as ScenarioError {
            #expect(e.diagnostics.count == 1 && e.diagnostics[0].description.contains("'enrolments'") && e.diagnostics[0].description.contains("'Группы'"),
                    "\(e.diagnostics.map(\.description))")
        }
        // Written as a workbook and read back: the same timetable, in either language's sheet names.
        for language in [ReportLanguage.ru, .en] {
            #expect(try TimetableIO.read(workbook: TimetableIO.workbook(csv, language: language), name: "t.xlsx").timetable == csv)
        }
        let fixture = CheckerFixture().timetable
        #expect(try TimetableIO.read(workbook: TimetableIO.workbook(fixture, language: .ru), name: "t.xlsx").timetable == fixture)
        // Read from a file by `read(at:)`, as `setka check` reads it; a folder as before.
        let folder = Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("timetable.xlsx")
        try W.workbook([W.Sheet(name: "sections", rows: sections.map(row)), W.Sheet(name: "enrolments", rows: enrolments.map(row))]).write(to: file)
        #expect(try TimetableIO.read(at: file).timetable == csv)
        _ = try TimetableIO.write(csv, scenario: nil, to: folder)
        #expect(try TimetableIO.read(at: folder).timetable == csv)
    }
}
