import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

@Suite("ZIP and XLSX")
struct WorkbookTests {
    @Test("CRC-32 check values")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test("deflated entries are smaller and inflate back; data that does not shrink is stored")
    func deflate() throws {
        let xml = Array(String(repeating: "<row><c t=\"inlineStr\"><is><t>Ученик</t></is></c></row>", count: 500).utf8)
        var z = ZipWriter()
        try z.add("big.xml", xml)
        try z.add("tiny", Array("ab".utf8))
        try z.add("stored.xml", xml, compress: false)
        let bytes = try z.finish()
        #expect(bytes[8] == 8)                     // the first entry is deflated (method 8)
        let compressed = Int(bytes[18]) | Int(bytes[19]) << 8 | Int(bytes[20]) << 16
        #expect(compressed * 20 < xml.count)       // ...to much less than its size
        let entries = Fixture.unzip(bytes)
        #expect(entries["big.xml"] == xml)
        #expect(entries["tiny"] == Array("ab".utf8))
        #expect(entries["stored.xml"] == xml)
    }

    @Test("a ZIP reads back: names (UTF-8), contents, central directory and end record")
    func zip() throws {
        var z = ZipWriter()
        try z.add("a.txt", Array("hello".utf8))
        try z.add("папка/б.xml", Array("<x/>".utf8))
        try z.add("empty", [])
        let bytes = try z.finish()
        let entries = Fixture.unzip(bytes)
        #expect(entries.count == 3)
        #expect(entries["a.txt"] == Array("hello".utf8))
        #expect(entries["папка/б.xml"] == Array("<x/>".utf8))
        #expect(entries["empty"] == [])
        // End of central directory: signature, 3 entries, and the directory offset it names.
        let end = bytes.count - 22
        #expect(Array(bytes[end..<(end + 4)]) == [0x50, 0x4b, 0x05, 0x06])
        #expect(Int(bytes[end + 10]) == 3)
        let offset = Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16 | Int(bytes[end + 19]) << 24
        #expect(Array(bytes[offset..<(offset + 4)]) == [0x50, 0x4b, 0x01, 0x02])
        // The same input gives the same bytes.
        var again = ZipWriter()
        try again.add("a.txt", Array("hello".utf8)); try again.add("папка/б.xml", Array("<x/>".utf8)); try again.add("empty", [])
        #expect(try again.finish() == bytes)
    }

    @Test("sheet names: at most 31 characters, none of []:*?/\\, unique ignoring case")
    func sheetNames() {
        let names = XLSXWriter.sheetNames(["Очень длинное название листа, больше тридцати одного символа", "a[b]:c*d?e/f\\g",
                                           "Sheet", "SHEET", "", "'quoted'", String(repeating: "x", count: 40), String(repeating: "x", count: 40)])
        for n in names {
            #expect(n.count <= 31 && !n.isEmpty, "\(n)")
            #expect(!n.contains(where: { "[]:*?/\\".contains($0) }), "\(n)")
            #expect(!n.hasPrefix("'") && !n.hasSuffix("'"), "\(n)")
        }
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
        #expect(names[1] == "a b  c d e f g")
        #expect(names[3] == "SHEET (2)")
        #expect(names[4] == "Sheet5")
        #expect(names[7] == String(repeating: "x", count: 27) + " (2)")
    }

    @Test("column names A, Z, AA, AZ, BA")
    func columns() {
        #expect([0, 25, 26, 51, 52, 701, 702].map(XLSXWriter.columnName) == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"])
    }

    final class XMLCheck: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var sheetNames: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "sheet", let n = attributes["name"] { sheetNames.append(n) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }
    }

    @Test("the workbook has every part, well-formed XML, one sheet per table, inline strings and numbers")
    func workbook() throws {
        var input = try Fixture.input(schoolA: "A & <b> \"q\" \u{1}")
        input.scenario.name = "x"
        let content = ReportContent(input)
        let entries = Fixture.unzip(try Reports.xlsx(input))
        let tables = content.tables
        var expected = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
        expected += tables.indices.map { "xl/worksheets/sheet\($0 + 1).xml" }
        #expect(Set(entries.keys) == Set(expected))
        var allText = ""
        for (name, bytes) in entries {
            let check = XMLCheck()
            let parser = XMLParser(data: Data(bytes))
            parser.delegate = check
            #expect(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))")
            if name == "xl/workbook.xml" {
                #expect(check.sheetNames == ["Показатели", "Партнёры", "Площадки", "Школы", "Подвоз", "Учителя", "Ученики", "Не открылись", "Недобор курсов"])
            }
            allText += check.texts.joined()
        }
        #expect(allText.contains("A & <b> \"q\" "))          // escaped in XML, read back as written
        let sheet = String(decoding: entries["xl/worksheets/sheet5.xml"]!, as: UTF8.self)  // transport
        #expect(sheet.contains(#"t="inlineStr""#))
        #expect(sheet.contains("<v>22.0</v>") || sheet.contains("<v>22</v>"))   // minutes as a number
        #expect(!sheet.contains("\u{1}"))
    }

    @Test("the workbook's sheets hold the same tables as the HTML report")
    func sameTables() throws {
        let content = ReportContent(try Fixture.input())
        let keys = content.tables.map(\.key)
        #expect(keys == ["figures", "partners", "sites", "schools", "bus", "teachers", "students", "not-opened", "short"])
        let bus = content.busTable()
        #expect(bus.rows.count == 7)
        #expect(content.studentsTable().rows.count == 6)
        #expect(content.teachersTable().rows.count == 3)
        #expect(content.partnersTable().rows.count == 2)
    }
}

@Suite("Key figures")
struct FiguresTests {
    @Test("with both results: two headed groups, bold in HTML and in the workbook")
    func headings() throws {
        let content = ReportContent(try Fixture.input())
        let t = content.figuresTable()
        let labels = t.rows.map { $0[0].display(content.words) }
        let day = try #require(labels.firstIndex(of: "Профильный день"))
        let partnering = try #require(labels.firstIndex(of: "Партнёрство"))
        #expect(t.headingRows == [day, partnering])
        #expect(labels.contains("\u{00A0}\u{00A0}\u{00A0}записей по 1-му выбору"))
        #expect(Reports.html(try Fixture.input()).contains(#"<tr class="heading"><td>Профильный день</td>"#))
        let sheet = String(decoding: Fixture.unzip(try Reports.xlsx(try Fixture.input()))["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        #expect(sheet.contains(#"<c r="A\#(day + 2)" s="1" t="inlineStr"><is><t xml:space="preserve">Профильный день</t>"#))
        // Only one kind of result: no group headings.
        let scenario = try Fixture.scenario()
        #expect(ReportContent(ReportInput(scenario: scenario, timetable: try Fixture.timetable())).figuresTable().headingRows.isEmpty)
    }

    @Test("figures recomputed from the timetable, status and bound from the summary")
    func values() throws {
        let content = ReportContent(try Fixture.input())
        var byLabel: [String: String] = [:]
        for row in content.figuresTable().rows { byLabel[row[0].display(content.words)] = row[1].display(content.words) }
        #expect(byLabel["Записей на курсы"] == "7")
        #expect(byLabel["Открыто занятий (групп)"] == "3")
        #expect(byLabel["\u{00A0}\u{00A0}\u{00A0}из них дистанционно"] == "1")
        #expect(byLabel["Расписание"] == "оптимально (доказано)")
        #expect(byLabel["Доказанная верхняя граница"] == "500")
        #expect(byLabel["Пар партнёров"] == "1")
        #expect(byLabel["Получателей без (всех) партнёров"] == "1")
        #expect(byLabel["Курсов не открылось"] == "1")
        #expect(byLabel["Проверка правил расписания: нарушений нет"] != nil)
    }
}

@Suite("Workbook limits")
struct WorkbookLimitTests {
    @Test("a cell longer than Excel's 32 767 characters is cut with an ellipsis")
    func longCell() throws {
        let t = ReportTable(key: "k", title: "T", columns: ["c"], rows: [[.text(String(repeating: "x", count: 40_000))]])
        let xml = XLSXWriter.sheetXML(t, words: Words(.en))
        let row = try #require(xml.range(of: #"<row r="2">"#))
        let open = try #require(xml.range(of: #"preserve">"#, range: row.upperBound..<xml.endIndex))
        let close = try #require(xml.range(of: "</t>", range: open.upperBound..<xml.endIndex))
        let text = xml[open.upperBound..<close.lowerBound]
        #expect(text.count == 32_767)
        #expect(text.hasSuffix("x…"))
    }
}
