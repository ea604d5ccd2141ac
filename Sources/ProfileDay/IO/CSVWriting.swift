import Foundation

/// Writes CSV text as RFC 4180 says: fields joined by the separator, records ended by CRLF, and
/// a field quoted (with inner quotes doubled) when it holds the separator, a quote, a line
/// break, or starts or ends with a space (which readers would otherwise trim).
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
        let needs = f.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || f.first?.isWhitespace == true || f.last?.isWhitespace == true
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
