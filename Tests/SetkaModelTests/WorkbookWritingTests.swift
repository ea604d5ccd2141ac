import Foundation
import Testing
import ZIPFoundation
@testable import SetkaModel

/// A scenario written as a workbook by `ScenarioWorkbook` (what `setka template --from` writes),
/// then loaded: the same scenario, and the same CSV files when written back to a folder.
enum WorkbookRoundTrip {
    static func write(_ s: Scenario, language: ReportLanguage, to dir: TempScenario, name: String = "book.xlsx") throws -> URL {
        let data = try ScenarioWorkbook.workbook(s, language: language)
        let url = dir.url.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// Folder → workbook → folder: the loaded values and the bytes of the CSV files and settings agree.
    static func check(_ original: Scenario, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for language in [ReportLanguage.ru, .en] {
            let dir = try TempScenario()
            let url = try write(original, language: language, to: dir)
            let back = try ScenarioLoader.load(from: url)
            Workbooks.expectSame(original, back.scenario, "\(label) [\(language)]", sourceLocation: sourceLocation)
            let a = ScenarioWriter.files(for: original), b = ScenarioWriter.files(for: back.scenario)
            #expect(a.map(\.name) == b.map(\.name), sourceLocation: sourceLocation)
            for (x, y) in zip(a, b) { #expect(x.data == y.data, "\(label) [\(language)]: \(x.name) differs", sourceLocation: sourceLocation) }
            // And the folder written from the workbook loads to the same scenario again.
            let folder = dir.url.appendingPathComponent("folder")
            try ScenarioWriter.write(back.scenario, to: folder)
            Workbooks.expectSame(original, try ScenarioLoader.load(from: folder).scenario, "\(label) [\(language)] folder", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Workbook: round trip folder → workbook → folder")
struct WorkbookRoundTripTests {
    /// Every scenario folder under scenarios/.
    static let examples: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("scenarios").path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("scenarios/\($0)/scenario.yaml").path) }.sorted()

    @Test("every bundled example", arguments: examples)
    func bundled(_ name: String) throws {
        let folder = packageRoot.appendingPathComponent("scenarios/\(name)")
        try WorkbookRoundTrip.check(try ScenarioLoader.load(from: folder).scenario, name)
    }

    @Test("the bundled what-if variants, written as workbooks", arguments: examples)
    func variants(_ name: String) throws {
        let whatif = packageRoot.appendingPathComponent("scenarios/\(name)/whatif")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: whatif.path)) ?? [] where file.hasSuffix(".yaml") {
            try WorkbookRoundTrip.check(try ScenarioLoader.load(from: whatif.appendingPathComponent(file)).scenario, "\(name)/\(file)")
        }
    }

    @Test("at least the four examples are found")
    func found() { #expect(Self.examples.count >= 4, "\(Self.examples)") }

    @Test("quotes, line breaks, Cyrillic ids, numbers with 17 significant digits, empty lists, remote courses")
    func awkwardValues() throws {
        var s = RoundTripTests.sample()
        s.organisations[0].latitude = 51.123456789012345     // more digits than Excel keeps: written as text
        s.organisations[1].scores["physics"] = 0.1 + 0.2
        s.travelEntries.append(TravelEntry(from: "центр", to: "rossoshanskaya", minutes: 1e-7))
        try WorkbookRoundTrip.check(s, "sample")
    }

    @Test("the shipped scenarios/rural-district.xlsx is the same scenario as the folder")
    func shipped() throws {
        let folder = try ScenarioLoader.load(from: packageRoot.appendingPathComponent("scenarios/rural-district"))
        let book = try ScenarioLoader.load(from: packageRoot.appendingPathComponent("scenarios/rural-district.xlsx"))
        Workbooks.expectSame(folder.scenario, book.scenario, "rural-district.xlsx")
        #expect(book.warnings.isEmpty, "\(book.warnings)")
    }

    @Test("partnering subjects: every score column (empty cell), none (нет), a list")
    func subjects() throws {
        for subjects in [nil, [], ["math"], ["math", "russian"]] as [[String]?] {
            var s = RoundTripTests.sample()
            s.partnering[0].subjects = subjects
            try WorkbookRoundTrip.check(s, "subjects \(String(describing: subjects))")
        }
    }

    @Test("pins.csv is the pins sheet (Закрепления) and platforms.csv the platforms sheet (Площадки), both from the scenario")
    func pinsAndPlatformsSheets() throws {
        let dir = try TempScenario(Fixture.files.merging(["pins.csv": "course,teacher,site,room,slot,students\nrobotics,,a,,1,s1|s2\n",
                                                          "platforms.csv": "id,name,host\np1,Площадка «Старт»,a\n"]) { a, _ in a })
        let url = try WorkbookRoundTrip.write(try dir.load().scenario, language: .ru, to: dir)
        let book = try Workbook.open(url)
        let (pins, _) = try #require(try book.table(for: "pins"))
        #expect(book.sheets(for: "pins").first?.name == "Закрепления")
        #expect(pins.document.header == ["course", "teacher", "site", "room", "slot", "students"])
        #expect(pins.records.map(\.fields) == [["robotics", "", "a", "", "1", "s1|s2"]])
        let (platforms, _) = try #require(try book.table(for: "platforms"))
        #expect(platforms.records.first?.fields == ["p1", "Площадка «Старт»", "a", "5", "9|11|1|3|5-6", "120", "host"])
        // The workbook loads with the same pins, and writes back the same pins.csv.
        #expect(try ScenarioLoader.load(from: url).scenario.pins == [Pin(course: "robotics", place: .site("a"), slot: "1", students: ["s1", "s2"])])
    }

    @Test("a scenario with pins: folder → workbook → folder, the same pins.csv")
    func pins() throws {
        let dir = try TempScenario(Fixture.with(["pins.csv": "course,teacher,site,room,slot,students\nrobotics,t1,a,101,1,s2|s4\nchemistry,,a,lab,2,\n"]))
        try WorkbookRoundTrip.check(try dir.load().scenario, "pins")
    }
}

@Suite("Workbook: setka template")
struct WorkbookTemplateTests {
    static func parts(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [String: String] = [:]
        for e in archive {
            var d = Data()
            _ = try archive.extract(e) { d.append($0) }
            out[e.path] = String(decoding: d, as: UTF8.self)
        }
        return out
    }

    @Test("the empty template loads as it is: an example district in both languages", arguments: [ReportLanguage.ru, .en])
    func loads(_ language: ReportLanguage) throws {
        let dir = try TempScenario()
        let url = dir.url.appendingPathComponent("template.xlsx")
        try ScenarioWorkbook.template(language: language).write(to: url)
        let loaded = try ScenarioLoader.load(from: url)
        #expect(loaded.scenario.organisations.count == 2)
        #expect(loaded.scenario.profileDay?.slots.count == 3)
        #expect(loaded.scenario.partnering.count == 1)
        #expect(loaded.scenario.meetings?.schoolYear == 2026)
        #expect(loaded.scenario.meetings?.noMeetings.map(\.to.description) == ["2026-11-04"])
        #expect(loaded.scenario.platforms.map(\.host) == ["sosh1"])
        #expect(loaded.scenario.participants.map(\.platforms) == [["robotics-net"]])
        #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
        let book = try Workbook.open(url)
        let names = book.sheets.map(\.name)
        #expect(names.first == (language == .ru ? "Инструкция" : "Instructions"))
        let expected = language == .ru
            ? ["Инструкция", "Настройки", "Занятия", "Партнёрство", "Организации", "Помещения", "Педагоги", "Курсы", "Ученики", "Переезды", "Закрепления",
               "Площадки", "Участники", "Без встреч"]
            : ["Instructions", "settings", "slots", "partnering", "schools", "rooms", "teachers", "courses", "students", "travel", "pins",
               "platforms", "participants", "no_meetings"]
        #expect(names == expected)
    }

    @Test("every sheet: header frozen, column widths, drop-downs for kind and yes/no, input messages, grey example row")
    func sheetDetails() throws {
        let p = try Self.parts(try ScenarioWorkbook.template(language: .ru))
        let workbook = try #require(p["xl/workbook.xml"])
        #expect(workbook.contains(#"<sheet name="Организации" sheetId="5" r:id="rId5"/>"#))
        for i in 2...14 {
            let sheet = try #require(p["xl/worksheets/sheet\(i).xml"])
            #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "sheet \(i)")
            #expect(sheet.contains("<cols><col min=\"1\" max=\"1\" width="), "sheet \(i)")
            #expect(sheet.contains(#"type="none" allowBlank="1" showInputMessage="1""#) || sheet.contains(#"type="list""#), "sheet \(i)")
        }
        let schools = try #require(p["xl/worksheets/sheet5.xml"])
        #expect(schools.contains(#"<formula1>&quot;school,kindergarten,additional,college,university&quot;</formula1>"#))
        #expect(schools.contains(#"<formula1>&quot;да,нет&quot;</formula1>"#))
        #expect(schools.contains(#"sqref="C2:C1048576""#))
        #expect(schools.contains(#"<c r="A2" s="4" t="s">"#))          // the example row, grey italic
        #expect(schools.contains(#"<col min="1" max="1" width="#) && schools.contains(#"style="5""#))   // id columns as text
        let rooms = try #require(p["xl/worksheets/sheet6.xml"])
        #expect(rooms.contains(#"showErrorMessage="0""#))                 // room kinds: suggested, others allowed
        let slots = try #require(p["xl/worksheets/sheet3.xml"])
        #expect(slots.contains(#"<c r="B2" s="3"><v>0.375</v></c>"#))     // 09:00 as an Excel time
        let guide = try #require(p["xl/worksheets/sheet1.xml"])
        #expect(!guide.contains("<pane"))
        let strings = try #require(p["xl/sharedStrings.xml"])
        for column in ["partner_capacity", "visiting_teacher_rule", "room_kind", "max_sections", "recipients_low_results", "choices"] {
            #expect(strings.contains(column), "the instruction explains \(column)")
        }
        #expect(strings.contains("Как заполнить эту книгу для Setka"))
    }

    @Test("the English template explains itself in English: the instructions, the input messages, the required marks")
    func english() throws {
        let p = try Self.parts(try ScenarioWorkbook.template(language: .en))
        #expect(try #require(p["xl/workbook.xml"]).contains(#"<sheet name="Instructions" sheetId="1""#))
        let strings = try #require(p["xl/sharedStrings.xml"])
        #expect(strings.contains("How to fill in this workbook for Setka") && !strings.contains("Как заполнить"))
        #expect(strings.contains("The ids of the courses in order of preference, the best first"))
        #expect(strings.contains("the smallest section that opens (default 10)"))
        // Every guide text has its English, and no English one is left in Russian.
        let guides = WorkbookGuide.all
        for sheet in guides {
            #expect(!sheet.en.isEmpty && sheet.en != sheet.about, "\(sheet.key)")
            for column in sheet.columns {
                #expect(!column.en.isEmpty && column.en.range(of: "[а-яё]", options: .regularExpression) == nil, "\(sheet.key).\(column.name)")
            }
        }
        for (key, _, en) in WorkbookGuide.settingKeys { #expect(en.range(of: "[а-яё]", options: .regularExpression) == nil, "\(key)") }
        // The input messages of a sheet: English, with “Required.” where a column must be filled.
        let students = try #require(p["xl/worksheets/sheet9.xml"])
        #expect(students.contains("Required.") && !students.contains("Обязательно"))
        #expect(students.range(of: "prompt=\"[^\"]*[а-яё]", options: .regularExpression) == nil)
        // And the Russian one stays Russian.
        let ru = try #require(try Self.parts(try ScenarioWorkbook.template(language: .ru))["xl/worksheets/sheet9.xml"])
        #expect(ru.contains("Обязательно.") && !ru.contains("Required."))
        #expect(WorkbookGuide.columnNotes("teachers", language: .en)["slots"] == "The slots in which the teacher is free, separated by | (for example 1|2); empty — all.")
        #expect(WorkbookGuide.columnNotes("teachers", language: .ru)["slots"] == "Занятия, когда педагог свободен, через | (например 1|2); пусто — все.")
    }

    @Test("the same scenario gives the same bytes")
    func deterministic() throws {
        #expect(try ScenarioWorkbook.template(language: .ru) == (try ScenarioWorkbook.template(language: .ru)))
    }
}

@Suite("Workbook: variants, tables and reading paths")
struct WorkbookPathsTests {
    @Test("a variant whose base is a workbook loads like the same variant of the folder")
    func variantOfWorkbook() throws {
        let base = packageRoot.appendingPathComponent("scenarios/rural-district")
        let dir = try TempScenario()
        _ = try WorkbookRoundTrip.write(try ScenarioLoader.load(from: base).scenario, language: .ru, to: dir, name: "district.xlsx")
        let variant = """
        format: setka/1
        base: ../district.xlsx
        name: "Учитель химии уходит"
        changes:
          - remove: {teacher: T01}
          - set: {profile_day.min_section_size: 8}
          - add: {teachers: extra.xlsx}
        """
        try dir.write("whatif/leaves.yaml", variant)
        let extra = "id,name,site,courses,max_sections,slots,travels\nT99,Новый педагог,cdo,robotics,2,,yes\n"
        let csv = CSVTable(file: "x", encoding: .utf8, document: CSVParser.parse(Array(extra.utf8)))
        let rows = [csv.document.header.map { WorkbookWriter.Cell.text($0) }] + csv.records.map { $0.fields.map { WorkbookWriter.Cell.text($0) } }
        try dir.write("whatif/extra.xlsx", [UInt8](try WorkbookWriter.workbook([.init(name: "Лист1", rows: rows)])))
        let fromBook = try VariantLoader.load(from: dir.url.appendingPathComponent("whatif/leaves.yaml"))
        // The same variant of the folder.
        let folderDir = try TempScenario()
        try FileManager.default.removeItem(at: folderDir.url)
        try FileManager.default.copyItem(at: base, to: folderDir.url)
        try folderDir.write("whatif/leaves.yaml", variant.replacingOccurrences(of: "../district.xlsx", with: "..")
            .replacingOccurrences(of: "extra.xlsx", with: "extra.csv"))
        try folderDir.write("whatif/extra.csv", extra)
        let fromFolder = try VariantLoader.load(from: folderDir.url.appendingPathComponent("whatif/leaves.yaml"))
        Workbooks.expectSame(fromFolder.loaded.scenario, fromBook.loaded.scenario, "variant")
        #expect(fromBook.loaded.scenario.teachers.contains { $0.id == "T99" })
        #expect(fromBook.report.effects.count == 3)
        #expect(fromBook.report.effects.last == .addedRows(rows: 1, file: "extra.xlsx", table: "teachers"))
        #expect(Array(fromBook.report.effects.prefix(2)) == Array(fromFolder.report.effects.prefix(2)))
    }

    @Test("errors of a variant of a workbook name the workbook's sheets")
    func variantErrors() throws {
        let dir = try TempScenario()
        _ = try WorkbookRoundTrip.write(try ScenarioLoader.load(from: packageRoot.appendingPathComponent("scenarios/rural-district")).scenario,
                                        language: .en, to: dir, name: "district.xlsx")
        try dir.write("v.yaml", "format: setka/1\nbase: district.xlsx\nchanges:\n  - remove: {teacher: T404}\n")
        do {
            _ = try VariantLoader.load(from: dir.url.appendingPathComponent("v.yaml"))
            Issue.record("expected an error")
        } catch let e as ScenarioError {
            #expect(e.description.contains("remove: there is no teacher 'T404' in district.xlsx[teachers]"))
        }
    }

    @Test("read ahead (the largest sheet on another thread) or sheet by sheet: the same tables")
    func prefetchSame() throws {
        let s = try ScenarioLoader.load(from: packageRoot.appendingPathComponent("scenarios/rural-district")).scenario
        let dir = try TempScenario()
        let url = try WorkbookRoundTrip.write(s, language: .ru, to: dir)
        let lazy = try Workbook.open(url), eager = try Workbook.open(url)
        eager.prefetch(["schools", "rooms", "teachers", "courses", "students", "settings", "slots"])
        for key in ["schools", "rooms", "teachers", "courses", "students", "settings", "slots"] {
            let a = try #require(try lazy.table(for: key)).table, b = try #require(try eager.table(for: key)).table
            #expect(a.document.header == b.document.header, "\(key)")
            #expect(a.records.map(\.fields) == b.records.map(\.fields), "\(key)")
            #expect(a.records.map(\.line) == b.records.map(\.line), "\(key)")
        }
    }

    @Test("one table of a folder or a workbook, for loaders outside SetkaModel (platforms, participants...)")
    func oneTable() throws {
        let dir = try TempScenario(Fixture.files.merging(["platforms.csv": "id,name,host\np1,Площадка,a\n"]) { a, _ in a })
        let (fromFolder, d1) = ScenarioLoader.table("platforms", fileName: "platforms.csv", of: dir.url)
        #expect(d1.isEmpty)
        #expect(fromFolder?.records.first?.fields == ["p1", "Площадка", "a"])
        let url = try WorkbookRoundTrip.write(try dir.load().scenario, language: .ru, to: dir)
        let (fromBook, d2) = ScenarioLoader.table("platforms", fileName: "platforms.csv", of: url)
        #expect(d2.isEmpty)
        #expect(fromBook?.records.first?.fields == ["p1", "Площадка", "a", "5", "9|11|1|3|5-6", "120", "host"])
        #expect(fromBook?.displayName == "book.xlsx[Площадки]")
        // The scenario has platforms, so the workbook has both sheets of the year plan (the second empty).
        #expect(ScenarioLoader.table("participants", fileName: "participants.csv", of: url).table?.records.isEmpty == true)
        #expect(ScenarioLoader.table("participants", fileName: "participants.csv", of: dir.url).table == nil)
    }

    @Test("a part whose checksum does not match is refused as damaged")
    func crc() throws {
        let dir = try TempScenario()
        let url = dir.url.appendingPathComponent("crc.xlsx")
        // Stored (not deflated) parts, so a byte of the sheet can be changed in the file.
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in Workbooks.minimalParts(sheetData: #"<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2"><v>12345</v></c></row>"#) {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
        var bytes = try Data(contentsOf: url)
        let at = try #require(bytes.range(of: Data("12345".utf8)))
        bytes[at.lowerBound] = UInt8(ascii: "9")
        try bytes.write(to: url)
        let book = try Workbook.open(url)
        do {
            _ = try book.table(for: "students")
            Issue.record("expected the checksum to fail")
        } catch let e as ScenarioError {
            #expect(e.description == "crc.xlsx[students]: error: part xl/worksheets/sheet1.xml of the workbook is damaged (its checksum does not match); save the workbook again")
        }
        var crc = ZipChecksum()
        crc.update(Data("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        var split = ZipChecksum()
        split.update(Data("The quick brown fox ".utf8)); split.update(Data("jumps over the lazy dog".utf8))
        #expect(split.value == 0x414F_A339)
    }

    @Test("a sheet name with markup characters, a cell with a line break, an OOXML escape")
    func markup() throws {
        let dir = try TempScenario()
        let url = dir.url.appendingPathComponent("m.xlsx")
        let rows: [[WorkbookWriter.Cell]] = [[.text("id"), .text("name")], [.text("a"), .text("R&D <\"x\">\nline 2")]]
        try WorkbookWriter.workbook([.init(name: "R&D's", rows: rows)]).write(to: url)
        let book = try Workbook.open(url)
        #expect(book.sheets.map(\.name) == ["R&D's"])
        let (t, _) = try book.table(book.sheets[0])
        #expect(t.records[0].fields == ["a", "R&D <\"x\">\nline 2"])
    }
}
