import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports
import SetkaModel

@Suite("XLSX report")
struct WorkbookTests {
    final class XMLCheck: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var sheetNames: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "sheet", let n = attributes["name"] { sheetNames.append(n) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }
    }

    @Test("the workbook has every part, well-formed XML, one sheet per table, shared strings and numbers")
    func workbook() throws {
        var input = try Fixture.input(schoolA: "A & <b> \"q\" \u{1}")
        input.scenario.name = "x"
        let content = ReportContent(input)
        let entries = Fixture.unzip(try Reports.xlsx(input))
        let tables = content.tables
        var expected = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                        "xl/sharedStrings.xml"]
        expected += tables.indices.map { "xl/worksheets/sheet\($0 + 1).xml" }
        #expect(Set(entries.keys) == Set(expected))
        var allText = ""
        for (name, bytes) in entries {
            let check = XMLCheck()
            let parser = XMLParser(data: Data(bytes))
            parser.delegate = check
            #expect(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))")
            if name == "xl/workbook.xml" {
                #expect(check.sheetNames == ["Показатели", "Партнёры", "Площадки", "Школы", "Подвоз", "Учителя", "Списки групп", "Ученики", "Не открылись", "Недобор курсов"])
            }
            allText += check.texts.joined()
        }
        #expect(allText.contains("A & <b> \"q\" "))          // escaped in XML, read back as written
        let sheet = String(decoding: entries["xl/worksheets/sheet5.xml"]!, as: UTF8.self)  // transport
        #expect(sheet.contains(#"t="s""#))
        #expect(sheet.contains("<v>22</v>"))   // minutes as a number
        #expect(!allText.contains("\u{1}"))
        // Read back by Setka's own workbook reader: the same cells.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(try Reports.xlsx(input)).write(to: dir)
        let book = try Workbook.open(dir)
        #expect(book.sheets.map(\.name) == ["Показатели", "Партнёры", "Площадки", "Школы", "Подвоз", "Учителя", "Списки групп", "Ученики", "Не открылись", "Недобор курсов"])
        let (schools, _) = try book.table(book.sheets[3])
        #expect(schools.document.header == tables[3].columns)
        #expect(schools.records.count == tables[3].rows.count)
    }

    @Test("the workbook's sheets hold the same tables as the HTML report")
    func sameTables() throws {
        let content = ReportContent(try Fixture.input())
        let keys = content.tables.map(\.key)
        #expect(keys == ["figures", "partners", "sites", "schools", "bus", "teachers", "groups", "students", "not-opened", "short"])
        let bus = content.busTable()
        #expect(bus.rows.count == 7)
        #expect(content.studentsTable().rows.count == 6)
        #expect(content.teachersTable().rows.count == 3)
        #expect(content.groupListsTable().rows.count == 7)  // one per enrolment
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
        #expect(sheet.contains(#"<c r="A\#(day + 2)" s="1" t="s">"#))
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
        let entries = Fixture.unzip(try XLSXWriter.workbook([t], words: Words(.en)))
        let sst = String(decoding: try #require(entries["xl/sharedStrings.xml"]), as: UTF8.self)
        let open = try #require(sst.range(of: "<si><t>", options: .backwards))
        let close = try #require(sst.range(of: "</t>", range: open.upperBound..<sst.endIndex))
        let text = sst[open.upperBound..<close.lowerBound]
        #expect(text.count == 32_767)
        #expect(text.hasSuffix("x…"))
    }
}
