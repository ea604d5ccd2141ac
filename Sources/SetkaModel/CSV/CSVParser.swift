import Foundation

/// One data row of a CSV table: its cells and where each starts in the file.
public struct CSVRecord: Sendable {
    /// 1-based line of the file where the record starts.
    public var line: Int
    /// The cells, unquoted, not yet trimmed.
    public var fields: [String]
    /// The 1-based line where each field starts; nil when every field starts on `line`.
    public var fieldLines: [Int]?

    /// Line where field `index` (0-based) starts.
    public func line(ofField index: Int) -> Int {
        if let fieldLines, index < fieldLines.count { return fieldLines[index] }
        return line
    }
}

/// The raw parse of a CSV file: header cells, data records, separator and problems found.
public struct CSVDocument: Sendable {
    public var separator: UInt8
    public var header: [String]
    /// Line of the header (1 unless blank lines come first).
    public var headerLine: Int
    public var records: [CSVRecord]
    /// Syntax problems (an unclosed quote), as (line, column, message).
    public var problems: [(line: Int, column: Int, message: Phrase)]
}

/// RFC 4180 CSV reading over UTF-8 bytes: `"`-quoting with doubled quotes, separators and
/// newlines inside quotes, CRLF or LF (or a lone CR), blank lines skipped (also rows of only
/// separators, which Excel leaves behind), separator `,` or `;` detected from the header line.
public enum CSVParser {
    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";")
    static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// The separator of the first non-empty line: `;` when it has more `;` than `,` outside quotes.
    public static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        var commas = 0, semicolons = 0, inQuotes = false, seenContent = false
        for b in bytes {
            if b == quote { inQuotes.toggle(); seenContent = true; continue }
            if inQuotes { continue }
            if b == lf || b == cr {
                if seenContent { break } else { continue }
            }
            if b == comma { commas += 1 } else if b == semicolon { semicolons += 1 }
            if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") { seenContent = true }
        }
        return semicolons > commas ? semicolon : comma
    }

    /// Parses UTF-8 `bytes` into a header and records.
    public static func parse(_ bytes: [UInt8]) -> CSVDocument {
        let sep = detectSeparator(bytes)
        var records: [CSVRecord] = []
        var problems: [(line: Int, column: Int, message: Phrase)] = []
        var header: [String]? = nil
        var headerLine = 1

        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            var line = 1
            var fields: [String] = []
            var fieldLines: [Int] = []
            var multiline = false
            var recordLine = 1
            var scratch: [UInt8] = []

            func endRecord() {
                // Skip blank rows and rows of only empty cells.
                if !fields.allSatisfy({ $0.isEmpty || ($0.utf8.first! <= 0x20 && $0.allSatisfy(\.isWhitespace)) }) {
                    if header == nil {
                        header = fields; headerLine = recordLine
                    } else {
                        records.append(CSVRecord(line: recordLine, fields: fields,
                                                 fieldLines: multiline ? fieldLines : nil))
                    }
                }
                fields.removeAll(keepingCapacity: true)
                fieldLines.removeAll(keepingCapacity: true)
                multiline = false
            }

            recordLine = line
            while true {
                // Start of a field.
                let fieldLine = line
                if fieldLine != recordLine { multiline = true }
                if i < n, p[i] == quote {
                    let openColumn = fields.count + 1
                    i += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    while i < n {
                        let b = p[i]
                        if b == quote {
                            if i + 1 < n, p[i + 1] == quote { scratch.append(quote); i += 2; continue }
                            i += 1; closed = true; break
                        }
                        if b == lf { line += 1 } else if b == cr {
                            if !(i + 1 < n && p[i + 1] == lf) { line += 1 }
                        }
                        scratch.append(b); i += 1
                    }
                    if !closed {
                        problems.append((fieldLine, openColumn,
                                         Phrase(ru: "ячейка в кавычках, открытая здесь, нигде не закрыта (пропущена \" ?)",
                                                en: "a quoted cell opened here is never closed (a missing \" ?)")))
                    }
                    // Lenient: text after the closing quote up to the separator is kept as is.
                    while i < n, p[i] != sep, p[i] != lf, p[i] != cr { scratch.append(p[i]); i += 1 }
                    fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    let start = i
                    while i < n, p[i] != sep, p[i] != lf, p[i] != cr { i += 1 }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
                }
                fieldLines.append(fieldLine)
                // After a field: separator, end of line, or end of input.
                if i >= n { endRecord(); break }
                let b = p[i]
                if b == sep { i += 1; continue }
                // Newline.
                if b == cr, i + 1 < n, p[i + 1] == lf { i += 2 } else { i += 1 }
                line += 1
                endRecord()
                recordLine = line
                if i >= n { break }
            }
        }
        return CSVDocument(separator: sep, header: header ?? [], headerLine: headerLine,
                           records: records, problems: problems)
    }
}
