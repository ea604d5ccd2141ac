import Foundation

/// Where in the user's files something was found: file, and where known line and column (1-based).
/// In a workbook, `sheet` names the sheet, `line` is the row and `column` the column (1 = A):
/// `district.xlsx[students]!C17`.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The sheet of a workbook (`file` is then the workbook); nil for a text file.
    public var sheet: String?
    public init(file: String, line: Int? = nil, column: Int? = nil, sheet: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.sheet = sheet
    }
    public var description: String {
        if let sheet {
            var s = "\(file)[\(sheet)]"
            if let line, let column { s += "!\(Self.columnLetters(column))\(line)" } else if let line { s += " row \(line)" }
            return s
        }
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s
    }

    /// `A`, `B`, ..., `Z`, `AA`, ... for a 1-based column number, as spreadsheets name columns.
    public static func columnLetters(_ column: Int) -> String {
        var n = max(column, 1)
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}

/// A sentence for a person in both of Setka's languages, written together where the finding
/// is made (Russian first). Technical identifiers (file, sheet, column and key names, ids,
/// values) appear as they are in both.
public struct Phrase: Sendable, Hashable, Codable {
    public var ru: String
    public var en: String
    public init(ru: String, en: String) { self.ru = ru; self.en = en }
    public func text(_ language: ReportLanguage) -> String { language == .ru ? ru : en }
    /// Both sentences with the same identifier text around them (`prefix + sentence`).
    public func prefixed(ru p: String, en q: String) -> Phrase { Phrase(ru: p + ru, en: q + en) }
    /// `self` followed by `other` (joined by `separator`, the same in both languages).
    public static func + (a: Phrase, b: Phrase) -> Phrase { Phrase(ru: a.ru + b.ru, en: a.en + b.en) }
    /// The same text in both languages: an identifier or a value, never a sentence.
    public static func verbatim(_ s: String) -> Phrase { Phrase(ru: s, en: s) }
}

extension SourceLocation {
    /// The place in words: `students.csv:17:3` / `students.csv, строка 17, столбец 3`;
    /// a workbook's cell `district.xlsx[Ученики]!C17` in both.
    public func text(_ language: ReportLanguage) -> String {
        guard language == .ru else { return description }
        if sheet != nil, line != nil, column != nil { return description }
        var s = sheet.map { "\(file)[\($0)]" } ?? file
        if let line { s += ", строка \(line)" }
        if let column { s += ", столбец \(column)" }
        return s
    }
}

/// One finding about a scenario, for a person to read: an error stops a run, a warning does not.
/// The sentence is in both languages (`phrase`), written where the finding is made: there is
/// no initialiser from one language's text alone.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }
    public var severity: Severity
    public var location: SourceLocation?
    /// The column name when the finding is about one cell (e.g. `capacity`).
    public var field: String?
    /// The finding in Russian and English, each capped (`Diagnostic.capped`).
    public var phrase: Phrase
    /// The English sentence (the CLI's default, `message` in JSON).
    public var message: String { phrase.en }
    /// The Russian sentence (`message_ru` in JSON).
    public var messageRu: String { phrase.ru }

    public init(_ severity: Severity, _ phrase: Phrase, at location: SourceLocation? = nil, field: String? = nil) {
        self.severity = severity
        self.phrase = Phrase(ru: Self.capped(phrase.ru, .ru), en: Self.capped(phrase.en, .en))
        self.location = location; self.field = field
    }
    public static func error(_ phrase: Phrase, at location: SourceLocation? = nil, field: String? = nil) -> Diagnostic {
        Diagnostic(.error, phrase, at: location, field: field)
    }
    public static func warning(_ phrase: Phrase, at location: SourceLocation? = nil, field: String? = nil) -> Diagnostic {
        Diagnostic(.warning, phrase, at: location, field: field)
    }
    public static func error(ru: String, en: String, at location: SourceLocation? = nil, field: String? = nil) -> Diagnostic {
        Diagnostic(.error, Phrase(ru: ru, en: en), at: location, field: field)
    }
    public static func warning(ru: String, en: String, at location: SourceLocation? = nil, field: String? = nil) -> Diagnostic {
        Diagnostic(.warning, Phrase(ru: ru, en: en), at: location, field: field)
    }

    /// The sentence in `language`.
    public func message(_ language: ReportLanguage) -> String { phrase.text(language) }

    /// The same finding at another place (a variant's lines inside its file).
    public func moved(to location: SourceLocation?) -> Diagnostic {
        var d = self; d.location = location; return d
    }

    /// `file:line:col: error: [column 'x'] message`, the form compilers use (English).
    public var description: String { text(.en) }

    /// The whole line in `language`: `students.csv:17:3: error: column 'capacity': …` /
    /// `students.csv, строка 17, столбец 3: ошибка: столбец 'capacity': …`.
    public func text(_ language: ReportLanguage) -> String {
        var s = ""
        if let location { s += "\(location.text(language)): " }
        s += "\(severity.word(language)): "
        if let field { s += language == .ru ? "столбец '\(field)': " : "column '\(field)': " }
        return s + message(language)
    }

    /// `message_ru` in every JSON Setka writes (with or without snake_case keys); read back
    /// also as `messageRu` (a decoder converting from snake_case), else the English text.
    enum CodingKeys: String, CodingKey { case severity, location, field, message, messageRu = "message_ru", messageRuConverted = "messageRu" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        severity = try c.decode(Severity.self, forKey: .severity)
        location = try c.decodeIfPresent(SourceLocation.self, forKey: .location)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        let en = try c.decode(String.self, forKey: .message)
        let ru = try c.decodeIfPresent(String.self, forKey: .messageRu) ?? c.decodeIfPresent(String.self, forKey: .messageRuConverted)
        phrase = Phrase(ru: ru ?? en, en: en)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity, forKey: .severity)
        try c.encodeIfPresent(location, forKey: .location)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encode(phrase.en, forKey: .message)
        try c.encode(phrase.ru, forKey: .messageRu)
    }
}

extension Diagnostic.Severity {
    /// `error` / `ошибка`, `warning` / `предупреждение`.
    public func word(_ language: ReportLanguage) -> String {
        switch (self, language) {
        case (.error, .ru): "ошибка"
        case (.warning, .ru): "предупреждение"
        default: rawValue
        }
    }
}

extension Diagnostic {
    /// The most characters of a value a message quotes (`found "…"`): a 10 MB cell is not
    /// echoed in full. Applied to every message in one place, `Diagnostic.init`.
    public static let quoteLimit = 80
    /// The most characters of a whole message.
    public static let messageLimit = 2000

    /// `value` in double quotes, cut to `quoteLimit` characters (the rest counted).
    public static func quoted(_ value: String, _ language: ReportLanguage = .en) -> String {
        "\"" + cut(value, language) + "\""
    }

    static func cut(_ value: String, _ language: ReportLanguage) -> String {
        guard value.utf8.count > quoteLimit, value.count > quoteLimit else { return value }
        return String(value.prefix(quoteLimit))
            + (language == .ru ? "… (всего символов: \(value.count))" : "… (\(value.count) characters in all)")
    }

    /// `message` with every double-quoted span longer than `quoteLimit` cut, and the whole
    /// message cut to `messageLimit` characters.
    static func capped(_ message: String, _ language: ReportLanguage) -> String {
        guard message.utf8.count > quoteLimit else { return message }
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "\"") {
            out += rest[...open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "\"") else { rest = after; break }
            out += cut(String(after[..<close]), language) + "\""
            rest = after[after.index(after: close)...]
        }
        out += rest
        if out.count > messageLimit {
            out = String(out.prefix(messageLimit))
                + (language == .ru ? "… (сообщение обрезано, всего символов: \(out.count))" : "… (message cut: \(out.count) characters)")
        }
        return out
    }
}

/// Thrown when a scenario cannot be used; carries every error found (not only the first).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    /// Every finding, one a line, in `language`.
    public func text(_ language: ReportLanguage) -> String { diagnostics.map { $0.text(language) }.joined(separator: "\n") }
}
