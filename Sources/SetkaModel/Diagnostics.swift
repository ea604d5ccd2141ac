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

/// One finding about a scenario, for a person to read: an error stops a run, a warning does not.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }
    public var severity: Severity
    public var location: SourceLocation?
    /// The column name when the finding is about one cell (e.g. `capacity`).
    public var field: String?
    public var message: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, field: String? = nil) {
        self.severity = severity; self.message = Self.capped(message); self.location = location; self.field = field
    }
    public static func error(_ message: String, at location: SourceLocation? = nil, field: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, field: field)
    }
    public static func warning(_ message: String, at location: SourceLocation? = nil, field: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, field: field)
    }

    /// `file:line:col: error: [column 'x'] message`, the form compilers use.
    public var description: String {
        var s = ""
        if let location { s += "\(location): " }
        s += "\(severity.rawValue): "
        if let field { s += "column '\(field)': " }
        return s + message
    }
}

extension Diagnostic {
    /// The most characters of a value a message quotes (`found "…"`): a 10 MB cell is not
    /// echoed in full. Applied to every message in one place, `Diagnostic.init`.
    public static let quoteLimit = 80
    /// The most characters of a whole message.
    public static let messageLimit = 2000

    /// `value` in double quotes, cut to `quoteLimit` characters (the rest counted).
    public static func quoted(_ value: String) -> String {
        "\"" + cut(value) + "\""
    }

    static func cut(_ value: String) -> String {
        guard value.utf8.count > quoteLimit, value.count > quoteLimit else { return value }
        return String(value.prefix(quoteLimit)) + "… (\(value.count) characters in all)"
    }

    /// `message` with every double-quoted span longer than `quoteLimit` cut, and the whole
    /// message cut to `messageLimit` characters.
    static func capped(_ message: String) -> String {
        guard message.utf8.count > quoteLimit else { return message }
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "\"") {
            out += rest[...open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "\"") else { rest = after; break }
            out += cut(String(after[..<close])) + "\""
            rest = after[after.index(after: close)...]
        }
        out += rest
        if out.count > messageLimit { out = String(out.prefix(messageLimit)) + "… (message cut: \(out.count) characters)" }
        return out
    }
}

/// Thrown when a scenario cannot be used; carries every error found (not only the first).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
