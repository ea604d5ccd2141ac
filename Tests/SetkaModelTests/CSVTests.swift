import Foundation
import Testing
@testable import SetkaModel

@Suite("CSV reading")
struct CSVTests {
    @Test func windows1251TableMatchesKnownLetters() {
        // "Привет" in Windows-1251, plus «ё», «№» and a no-break space.
        let bytes: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x20, 0xB8, 0xA8, 0xB9, 0xA0, 0xAB, 0xBB]
        #expect(!TextDecoding.isValidUTF8(bytes))
        let (text, encoding) = try! TextDecoding.decode(bytes)
        #expect(encoding == .windows1251)
        #expect(text == "Привет ёЁ№\u{00A0}«»")
    }

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = Array("id,name\nа,Школа\n".utf8)
        let (t1, e1) = try TextDecoding.decode(plain)
        #expect(e1 == .utf8 && t1.hasPrefix("id,"))
        let (t2, e2) = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + plain)
        #expect(e2 == .utf8WithBOM)
        #expect(t2 == t1)
        let table = try CSVTable(file: "x.csv", bytes: [0xEF, 0xBB, 0xBF] + plain)
        #expect(table.headerNames == ["id", "name"])
    }

    @Test func binaryAndUTF16AreRefused() {
        #expect(throws: TextDecodingProblem.binary) { try TextDecoding.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]) }
        #expect(throws: TextDecodingProblem.utf16) { try TextDecoding.decode([0xFF, 0xFE, 0x69, 0x00]) }
    }

    @Test func separatorDetectedFromHeaderOutsideQuotes() {
        #expect(CSVParser.detectSeparator(Array("a;b;c\n1,5;2;3\n".utf8)) == UInt8(ascii: ";"))
        #expect(CSVParser.detectSeparator(Array("\"x;y;z\",b\n".utf8)) == UInt8(ascii: ","))
        #expect(CSVParser.detectSeparator(Array("\n\nid,name;x\n".utf8)) == UInt8(ascii: ","))
        #expect(CSVParser.detectSeparator(Array("id\n".utf8)) == UInt8(ascii: ","))
    }

    @Test func quotingWithSeparatorsNewlinesAndDoubledQuotes() {
        let text = "id,name,note\r\n1,\"Школа, \"\"Лицей\"\"\",\"two\r\nlines\"\r\n2,plain,x\r\n\r\n\r\n"
        let doc = CSVParser.parse(Array(text.utf8))
        #expect(doc.header == ["id", "name", "note"])
        #expect(doc.records.count == 2)
        #expect(doc.records[0].fields == ["1", "Школа, \"Лицей\"", "two\r\nlines"])
        #expect(doc.records[0].line == 2)
        // The record after a two-line cell starts on line 4.
        #expect(doc.records[1].line == 4)
        #expect(doc.records[1].fields == ["2", "plain", "x"])
        #expect(doc.problems.isEmpty)
    }

    @Test func cellLinesInsideAMultilineRecord() {
        let doc = CSVParser.parse(Array("a,b,c\n\"x\ny\",q,r\n".utf8))
        #expect(doc.records[0].line(ofField: 0) == 2)
        #expect(doc.records[0].line(ofField: 1) == 3)
    }

    @Test func blankAndSeparatorOnlyRowsAreSkipped() {
        let doc = CSVParser.parse(Array("a;b\n1;2\n;;\n\n3;4\n;\n".utf8))
        #expect(doc.records.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(doc.records.map(\.line) == [2, 5])
    }

    @Test func unclosedQuoteIsAProblem() {
        let doc = CSVParser.parse(Array("a,b\n1,\"oops\n2,3\n".utf8))
        #expect(doc.problems.count == 1)
        #expect(doc.problems.first?.line == 2)
        #expect(doc.problems.first?.column == 2)
    }

    @Test func headerNamesAreTrimmedAndCaseInsensitive() throws {
        let t = try CSVTable(file: "s.csv", bytes: Array(" ID ;Name; Score:Math \nx;y;5\n".utf8))
        #expect(t.headerNames == ["id", "name", "score:math"])
        #expect(t.scoreColumns.map(\.subject) == ["math"])
        #expect(t.cell(t.records[0], "score:math")?.text == "5")
    }

    @Test func numbersWithDecimalComma() {
        #expect(TableReader.parseNumber("55,3") == 55.3)
        #expect(TableReader.parseNumber("55.3") == 55.3)
        #expect(TableReader.parseNumber("-0,5") == -0.5)
        #expect(TableReader.parseNumber("1,234,5") == nil)
        #expect(TableReader.parseNumber("1.234,5") == nil)
        #expect(TableReader.parseNumber(",5") == nil)
        #expect(TableReader.parseNumber("nan") == nil)
        #expect(TableReader.parseNumber("inf") == nil)
        #expect(TableReader.parseNumber("0x10") == nil)
        #expect(TableReader.parseNumber("1e2") == 100)
    }

    @Test func integersAndYesNo() {
        #expect(TableReader.parseInteger("12") == 12)
        #expect(TableReader.parseInteger("+3") == 3)
        #expect(TableReader.parseInteger("-3") == -3)
        #expect(TableReader.parseInteger("12.0") == nil)
        #expect(TableReader.parseInteger("два") == nil)
        for yes in ["yes", "YES", "true", "True", "1", "да", "ДА"] { #expect(TableReader.parseYesNo(yes) == true) }
        for no in ["no", "No", "false", "0", "нет", "Нет"] { #expect(TableReader.parseYesNo(no) == false) }
        #expect(TableReader.parseYesNo("maybe") == nil)
    }

    @Test func idRules() {
        #expect(TableReader.idProblem("школа-1") == nil)
        #expect(TableReader.idProblem("")?.en.contains("empty") == true)
        #expect(TableReader.idProblem("a b")?.en.contains("spaces") == true)
        #expect(TableReader.idProblem("a|b")?.en.contains("'|'") == true)
    }
}
