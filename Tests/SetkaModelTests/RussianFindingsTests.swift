import Foundation
import Testing
@testable import SetkaModel

/// Every finding is worded in Russian as well as English (`Diagnostic.phrase`), where it is
/// made: the Russian text of what the loader says about broken scenarios is Russian, with the
/// technical identifiers (files, sheets, columns, keys, values) as they are.
@Suite("Findings in Russian")
struct RussianFindingsTests {
    /// Common English words that never belong in a Russian sentence outside quotes.
    static let englishWords: Set<String> = [
        "the", "is", "are", "should", "be", "expected", "found", "cannot", "not", "and", "of", "has", "have",
        "with", "which", "this", "was", "were", "an", "by", "than", "must", "missing", "unknown", "error",
        "warning", "row", "line", "column", "file", "sheet", "there", "it", "its", "only", "at", "in",
    ]

    /// The English words of `text` outside quoted spans ('…', "…") and outside identifiers
    /// (words joined by `_`, `.`, `:`, `/` or `-` to something, like `profile_day.min_size`).
    static func englishOutsideQuotes(_ text: String) -> [String] {
        var plain = ""
        var quote: Character?
        for ch in text {
            if let q = quote { if ch == q { quote = nil }; continue }
            if ch == "'" || ch == "\"" { quote = ch; continue }
            plain.append(ch)
        }
        let tokens = plain.split(whereSeparator: { $0.isWhitespace || ",;()[]{}«»!?".contains($0) })
        return tokens.compactMap { token in
            let t = token.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
            guard !t.contains(where: { "_./:-|>=0123456789".contains($0) }) else { return nil }
            return englishWords.contains(t.lowercased()) ? t : nil
        }
    }

    static func expectRussian(_ diagnostics: [Diagnostic], _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!diagnostics.isEmpty, "\(what): no findings", sourceLocation: sourceLocation)
        for d in diagnostics {
            let line = d.text(.ru)
            #expect(!d.messageRu.isEmpty, "\(what): \(d)", sourceLocation: sourceLocation)
            #expect(d.messageRu.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) },
                    "\(what): no Cyrillic in \(line)", sourceLocation: sourceLocation)
            let english = englishOutsideQuotes(line)
            #expect(english.isEmpty, "\(what): English words \(english) in \(line)", sourceLocation: sourceLocation)
            #expect(!d.message.isEmpty && d.message != d.messageRu, "\(what): \(d)", sourceLocation: sourceLocation)
        }
    }

    static func diagnostics(_ url: URL) -> [Diagnostic] {
        do {
            let loaded = try ScenarioLoader.load(from: url)
            return loaded.warnings
        } catch let e as ScenarioError {
            return e.diagnostics
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test("the broken workbook fixtures: every finding has Russian text, no English sentence", arguments: [
        "openpyxl-errors.xlsx", "bomb.xlsx", "encrypted.xlsx", "not-a-zip.xlsx", "old.xls", "spreadsheet.ods", "truncated.xlsx",
    ])
    func brokenWorkbooks(_ name: String) {
        Self.expectRussian(Self.diagnostics(Workbooks.url(name)), name)
    }

    /// A folder with typical mistakes: a bad integer, a missing column, a YAML key error, an
    /// unknown id, an unknown column, a repeated id.
    static func brokenFolder() throws -> TempScenario {
        var rooms = Fixture.rooms
        rooms = rooms.replacingOccurrences(of: "a,101,30,classroom", with: "a,101,abc,classroom")
        let yaml = Fixture.yaml + "\n  min_section_size: many\n  min_size: 3\n"
        var students = Fixture.students.replacingOccurrences(of: "s3,b,10", with: "s3,nowhere,10")
        students += "s1,a,10,,robotics\n"
        return try TempScenario(Fixture.with([
            "scenario.yaml": yaml, "rooms.csv": rooms, "students.csv": students,
            "teachers.csv": "id,name,courses,max_sections,slots,travels,hobby\nt1,Иванова,robotics,,,,chess\n",
        ]))
    }

    @Test("a broken scenario folder: every finding has Russian text, no English sentence")
    func brokenFolderInRussian() throws {
        let s = try Self.brokenFolder()
        let diagnostics: [Diagnostic]
        do { _ = try s.load(); diagnostics = [] } catch let e as ScenarioError { diagnostics = e.diagnostics }
        Self.expectRussian(diagnostics, "folder")
        let lines = diagnostics.map { $0.text(.ru) }
        let expected = [
            // A bad integer cell in a CSV file.
            "rooms.csv, строка 2, столбец 3: ошибка: столбец 'capacity': ожидалось целое число ≥ 1, найдено \"abc\"",
            // A missing column.
            "teachers.csv, строка 1: ошибка: нет обязательного столбца 'site' (в строке заголовков: id, name, courses, max_sections, slots, travels, hobby)",
            // A YAML key error.
            "scenario.yaml, строка 7, столбец 21: ошибка: 'profile_day.min_section_size': ожидается целое число ≥ 1, найдено: \"many\"",
            // An unknown id.
            "students.csv, строка 4, столбец 2: ошибка: столбец 'school': неизвестная школа 'nowhere' (такого кода нет в schools.csv)",
            // A repeated id.
            "students.csv, строка 14, столбец 1: ошибка: столбец 'id': код 's1' повторяется (уже есть в строке 2)",
        ]
        for e in expected { #expect(lines.contains(e), "\(e)\nin:\n\(lines.joined(separator: "\n"))") }
        // The same findings in English, unchanged.
        let english = diagnostics.map(\.description)
        #expect(english.contains("rooms.csv:2:3: error: column 'capacity': expected a whole number ≥ 1, found \"abc\""), "\(english)")
        #expect(english.contains("students.csv:4:2: error: column 'school': unknown school 'nowhere' (not an id in schools.csv)"), "\(english)")
    }

    @Test("a warning in a scenario.yaml: an unknown key, in Russian")
    func yamlWarning() throws {
        let s = try TempScenario(Fixture.with(["scenario.yaml": Fixture.yaml + "\n  min_size: 3\n"]))
        let w = try s.load().warnings
        Self.expectRussian(w, "warnings")
        #expect(w.contains { $0.text(.ru).hasPrefix("scenario.yaml, строка 7, столбец 3: предупреждение: неизвестная настройка 'profile_day.min_size' не учитывается (здесь допустимы: ") },
                "\(w.map { $0.text(.ru) })")
    }

    @Test("a workbook table's cell: the place stays book.xlsx[Ученики]!C17, the words are Russian")
    func workbookCell() throws {
        let s = try TempScenario(Fixture.files.filter { $0.key != "students.csv" })
        var rows: [[WorkbookWriter.Cell]] = [["id", "school", "grade", "wants", "choices"].map { .text($0) }]
        for i in 1...20 { rows.append(["s\(i)", i % 2 == 0 ? "a" : "b", i == 16 ? "десятый" : "10", "", "robotics"].map { .text($0) }) }
        try s.write("students.xlsx", [UInt8](try WorkbookWriter.workbook([.init(name: "Ученики", rows: rows)])))
        let errors = s.errors()
        Self.expectRussian(errors, "workbook")
        #expect(errors.map { $0.text(.ru) } == ["students.xlsx[Ученики]!C17: ошибка: столбец 'grade': ожидалось целое число, найдено \"десятый\""])
        #expect(errors.map(\.description) == ["students.xlsx[Ученики]!C17: error: column 'grade': expected a whole number, found \"десятый\""])
    }

    @Test("a travel reference and a missing travel time, in Russian")
    func travelReferences() throws {
        let s = try TempScenario(Fixture.with([
            "schools.csv": Fixture.schools.replacingOccurrences(of: "c,Centre C,additional,51.05,38.60", with: "c,Centre C,additional,,"),
            "travel.csv": "from,to,minutes\na,ghost,12\n",
        ]))
        let errors = s.errors()
        Self.expectRussian(errors, "travel")
        let lines = errors.map { $0.text(.ru) }
        #expect(lines.contains("travel.csv, строка 2, столбец 2: ошибка: столбец 'to': неизвестная организация 'ghost' (такого кода нет в schools.csv)"),
                "\(lines)")
        #expect(lines.contains { $0.hasPrefix("schools.csv, строка 4, столбец 4: ошибка: столбец 'lat': нет времени в пути между 'c' (Centre C) и организациями") },
                "\(lines)")
    }

    @Test("long values are cut in both languages; Codable keeps both sentences")
    func cappingAndJSON() throws {
        let long = String(repeating: "x", count: 500)
        let d = Diagnostic.error(ru: "найдено \"\(long)\"", en: "found \"\(long)\"", at: SourceLocation(file: "a.csv", line: 3))
        #expect(d.messageRu.hasSuffix("… (всего символов: 500)\""))
        #expect(d.message.hasSuffix("… (500 characters in all)\""))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = String(decoding: try encoder.encode(d), as: UTF8.self)
        #expect(json.contains("\"message_ru\""))
        let back = try JSONDecoder().decode(Diagnostic.self, from: Data(json.utf8))
        #expect(back == d)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(Diagnostic.self, from: Data(json.utf8)) == d)
    }
}
