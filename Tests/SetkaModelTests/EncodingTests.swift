import Foundation
import Testing
@testable import SetkaModel

/// Issue 19, finding 6: the encoding is decided per file, and a line that does not fit it is an
/// error at that line — never a silent mixture (`олк01` read as `РѕР»Рк01`).
@Suite("Strict decoding")
struct EncodingTests {
    func cp1251(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { u -> UInt8 in
            if u.value < 0x80 { return UInt8(u.value) }
            if let i = TextDecoding.windows1251High.firstIndex(of: UInt16(u.value)) { return UInt8(0x80 + i) }
            Issue.record("no Windows-1251 byte for \(u)")
            return 0x3F
        }
    }

    func lines(_ bytes: [UInt8]) -> [TextDecodingProblem.LineProblem]? {
        do { _ = try TextDecoding.utf8Bytes(of: bytes); return nil } catch {
            guard case .lines(let p, _) = error else { Issue.record("unexpected \(error)"); return nil }
            return p
        }
    }

    @Test("a UTF-8 file with one Windows-1251 row: an error at that row, showing it as read")
    func windows1251RowInUTF8File() throws {
        let bytes = Array("id,school,choices\nолк01,olkhovskaya,law\nолк02,olkhovskaya,law\n".utf8)
            + cp1251("олк03,olkhovskaya,law\n") + Array("олк04,olkhovskaya,law\n".utf8)
        let problems = try #require(lines(bytes))
        #expect(problems.map(\.line) == [4])
        #expect(problems[0].column == 1)
        #expect(problems[0].message.en.contains("the file is UTF-8, but this line is not"))
        #expect(problems[0].message.en.contains("\"олк03,olkhovskaya,law\""))
    }

    @Test("a Windows-1251 file with one UTF-8 row: an error at that row")
    func utf8RowInWindows1251File() throws {
        let bytes = cp1251("id;name\nа1;Кольская школа\nа2;Россошанская школа\n") + Array("а3;Луговская школа\n".utf8)
        let problems = try #require(lines(bytes))
        #expect(problems.map(\.line) == [4])
        #expect(problems[0].message.en.contains("the file is Windows-1251, but this line is UTF-8"))
    }

    @Test("one bad byte in an otherwise UTF-8 line: an error at its column")
    func badByteInUTF8Line() throws {
        let bytes = Array("name: \"Район\"\ntitle: \"Профильный день".utf8) + [0xFF] + Array("\"\n".utf8)
        let problems = try #require(lines(bytes))
        #expect(problems.map(\.line) == [2])
        #expect(problems[0].column == 24)
        #expect(problems[0].message.en.contains("byte 0xFF"))
    }

    @Test("a byte-order mark inside the file (two files joined) is an error at its line, never part of an id")
    func bomInside() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("id,school\na1,x\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("a2,x\n".utf8)
        let problems = try #require(lines(bytes))
        #expect(problems.map(\.line) == [3])
        #expect(problems[0].column == 1)
        #expect(problems[0].message.en.contains("byte-order mark"))
        // In a Windows-1251 file too (where it would read as "п»ї").
        let legacy = cp1251("id;name\nа1;Школа\n") + [0xEF, 0xBB, 0xBF] + cp1251("а2;Школа\n")
        #expect(try #require(lines(legacy)).map(\.line) == [3])
    }

    @Test("valid Windows-1251 files still load, with ё, № and «» in them")
    func windows1251StillLoads() throws {
        let text = "id;name;note\nа1;Школа «Ёлочка»;№ 5\nа2;ВСЁ ЕЁ;ДЁ\nа3;Лицей;\n"
        let (decoded, encoding) = try TextDecoding.decode(cp1251(text))
        #expect(encoding == .windows1251)
        #expect(decoded == text)
    }

    @Test("many bad lines: the first ten listed, the rest counted")
    func manyLinesCounted() throws {
        var bytes = Array("id\n".utf8)
        for i in 0..<30 { bytes += Array("правильная строка \(i)\n".utf8) }
        for i in 0..<15 { bytes += cp1251("строка \(i)\n") }
        do { _ = try TextDecoding.utf8Bytes(of: bytes); Issue.record("expected an error") } catch {
            guard case .lines(let listed, let total) = error else { Issue.record("\(error)"); return }
            #expect(listed.count == TextDecoding.linesListed)
            #expect(total == 15)
            let d = error.diagnostics(file: "students.csv")
            #expect(d.count == 11)
            #expect(d.last?.message.contains("5 more lines") == true)
            #expect(d.first?.location == SourceLocation(file: "students.csv", line: 32, column: 1))
        }
    }

    @Test("a scenario whose students.csv mixes encodings does not load; the error names file and line")
    func scenarioRefused() throws {
        let s = try TempScenario(Fixture.files)
        var students = Array(Fixture.files["students.csv"]!.utf8)
        students += cp1251("ы9,a,robotics\n")
        students += Array("ю9,a,robotics\n".utf8)
        try s.write("students.csv", students)
        let errors = s.errors()
        #expect(errors.contains { $0.location?.file == "students.csv" && $0.message.contains("not") && $0.location?.line != nil },
                "\(errors)")
    }

    @Test("scenario.yaml with a bad byte does not load; the error names the line")
    func yamlRefused() throws {
        let s = try TempScenario(Fixture.files)
        let yaml = Array(Fixture.yaml.replacingOccurrences(of: "name: Test district", with: "name: Тестовый район").utf8)
        try s.write("scenario.yaml", yaml + Array("\n# примечание ".utf8) + [0xC0, 0x20, 0xFF] + [0x0A])
        let errors = s.errors()
        #expect(errors.contains { $0.location?.file == "scenario.yaml" && $0.location?.line == 7 && $0.location?.column == 14 }, "\(errors)")
    }

    @Test("quoted values in messages are cut to 80 characters, in Diagnostic itself")
    func quotesCapped() {
        let long = String(repeating: "я", count: 10_000)
        let d = Diagnostic.error(ru: "ожидался код без пробелов, найдено \"\(long) x\"", en: "expected an id without spaces, found \"\(long) x\"")
        #expect(d.message.count < 200)
        #expect(d.message.contains("(10002 characters in all)"))
        #expect(d.messageRu.count < 200)
        #expect(d.messageRu.contains("(всего символов: 10002)"))
        #expect(Diagnostic.error(ru: "найдено \"short\"", en: "found \"short\"").message == "found \"short\"")
        #expect(Diagnostic.quoted(long).count < 140)
    }
}
