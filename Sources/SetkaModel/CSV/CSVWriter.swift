import Foundation

/// Writes CSV text as RFC 4180 says: fields joined by the separator, records ended by CRLF, and
/// a field quoted (with inner quotes doubled) when it holds the separator, either of the
/// separators a reader may detect (`,` and `;`), a quote, a line break, or starts or ends with a
/// space (which readers would otherwise trim). The one CSV writer of Setka: every file it writes
/// (timetables, explanations, partners, comparisons, generated scenarios) quotes with `escape`.
public struct CSVWriter: Sendable {
    public var separator: Character
    public private(set) var text = ""

    public init(separator: Character = ",") { self.separator = separator }

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        var first = true
        for f in fields {
            if !first { text.append(separator) }
            first = false
            text += Self.escape(f, separator: separator)
        }
        text += "\r\n"
    }

    /// `f` as one CSV field.
    public static func escape(_ f: String, separator: Character = ",") -> String {
        guard let first = f.utf8.first, let last = f.utf8.last else { return f }
        let sep = separator.asciiValue
        var needs = false
        if first <= 0x20 || last <= 0x20 || first >= 0x80 || last >= 0x80 {
            // Edges: ASCII blanks, or (rarely) Unicode spaces such as a no-break space.
            needs = f.first!.isWhitespace || f.last!.isWhitespace
        }
        if !needs {
            needs = f.utf8.contains { b in b == 0x22 || b == 0x0A || b == 0x0D || b == 0x2C || b == 0x3B || b == sep }
            if !needs, sep == nil { needs = f.contains(separator) }
        }
        guard needs else { return f }
        return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The bytes to write: UTF-8, with a byte-order mark first when `byteOrderMark` is set.
    public func data(byteOrderMark: Bool) -> Data {
        var d = Data()
        if byteOrderMark { d.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        d.append(contentsOf: Array(text.utf8))
        return d
    }
}
