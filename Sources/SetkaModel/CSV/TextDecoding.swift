import Foundation

/// The text encodings a table may come in (`shared/spec/scenario-format.md`: UTF-8 with or
/// without BOM, or Windows-1251 as Excel on a Russian Windows saves it).
public enum TableEncoding: String, Sendable, Codable {
    case utf8, utf8WithBOM = "utf8-bom", windows1251 = "windows-1251"
}

/// Why the bytes of a file cannot be read as text.
public enum TextDecodingProblem: Error, Sendable, Equatable {
    /// The file holds NUL bytes or other control bytes: a spreadsheet (`.xlsx`), an image...
    case binary
    /// The file starts with a UTF-16 or UTF-32 byte-order mark ("Unicode text" in Excel).
    case utf16
    /// Lines that do not fit the file's encoding (a Windows-1251 row in a UTF-8 file, a UTF-8
    /// row in a Windows-1251 file, a byte-order mark in the middle): the first `LineProblem`s
    /// and how many lines there are in all.
    case lines([LineProblem], total: Int)

    /// One line that does not fit.
    public struct LineProblem: Sendable, Equatable {
        public var line: Int
        public var column: Int?
        public var message: Phrase
    }

    /// The problem in English (the first line's, with how many more).
    public var message: String { phrase.en }

    public var phrase: Phrase {
        switch self {
        case .binary:
            return Phrase(ru: "это не текстовая таблица (в файле двоичные данные; книга .xlsx, сохранённая под именем .csv?). "
                + "В Excel выберите «Сохранить как» → \"CSV UTF-8 (разделитель — запятая)\"",
                          en: "this is not a text table (it holds binary data; an .xlsx workbook saved under a .csv name?). "
                + "In Excel use \"Save as\" → \"CSV UTF-8 (comma delimited)\"")
        case .utf16:
            return Phrase(ru: "файл сохранён в UTF-16 (\"Текст Юникод\"); сохраните его как \"CSV UTF-8\" или CSV в Windows-1251",
                          en: "this file is saved as UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" or CSV in Windows-1251")
        case .lines(let problems, let total):
            guard let p = problems.first else { return .verbatim("") }
            let more = total - 1
            return Phrase(ru: "строка \(p.line): \(p.message.ru)" + (more > 0 ? " (и ещё строк: \(more))" : ""),
                          en: "line \(p.line): \(p.message.en)" + (more > 0 ? " (and \(more) more line\(more == 1 ? "" : "s"))" : ""))
        }
    }

    /// The problem as diagnostics of `file`: one per line listed (at its line and column), and
    /// a last one saying how many more there are.
    public func diagnostics(file: String) -> [Diagnostic] {
        guard case .lines(let problems, let total) = self else {
            return [.error(phrase, at: SourceLocation(file: file))]
        }
        var out = problems.map { Diagnostic.error($0.message, at: SourceLocation(file: file, line: $0.line, column: $0.column)) }
        if total > problems.count {
            let more = total - problems.count
            out.append(.error(ru: "ещё строк этого файла не в его кодировке: \(more); сохраните весь файл в одной кодировке",
                              en: "\(more) more line\(more == 1 ? "" : "s") of this file do not fit its encoding either; save the whole file in one encoding",
                              at: SourceLocation(file: file)))
        }
        return out
    }
}

/// Decodes table files (and `scenario.yaml`, variant files) strictly: the encoding is decided
/// once per file — UTF-8 when it starts with a byte-order mark or most of its non-ASCII lines
/// are UTF-8, Windows-1251 otherwise (what Excel on a Russian Windows saves) — and every line that
/// does not fit it is an error naming the line: a Windows-1251 row pasted into a UTF-8 file
/// (which would otherwise turn `олк01` into `РѕР»Рє01`), a UTF-8 row in a Windows-1251 file, a
/// byte-order mark in the middle of the file (two files joined; it would become part of an id).
/// Windows-1251 goes through a fixed table (no reliance on the platform's encodings).
public enum TextDecoding {
    /// Lines listed one by one in `TextDecodingProblem.lines`; the rest are counted.
    public static let linesListed = 10

    /// Unicode scalars of Windows-1251 bytes 0x80...0xFF (0x98 is unassigned: U+FFFD).
    static let windows1251High: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    ]

    /// The bytes of `data` as UTF-8 (ready for byte-level parsing) and the encoding they came
    /// in; throws when they are not text or a line does not fit the file's encoding.
    public static func utf8Bytes(of data: [UInt8]) throws(TextDecodingProblem) -> (bytes: [UInt8], encoding: TableEncoding) {
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            throw .utf16
        }
        if containsBinary(data) { throw .binary }
        let hasBOM = data.count >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF
        let body = hasBOM ? Array(data[3...]) : data
        // Fast path: a valid UTF-8 file without a BOM inside (nearly every file).
        if isValidUTF8(body) && !containsBOM(body) { return (body, hasBOM ? .utf8WithBOM : .utf8) }
        let lines = LineSurvey(body)
        let utf8 = hasBOM || lines.decidesUTF8
        var problems: [TextDecodingProblem.LineProblem] = []
        var total = 0
        func add(_ p: TextDecodingProblem.LineProblem) {
            total += 1
            if problems.count < linesListed { problems.append(p) }
        }
        for line in lines.lines {
            if let bom = line.bomColumn {
                add(.init(line: line.number, column: bom,
                          message: Phrase(ru: "метка порядка байтов (BOM) посреди файла, здесь (два файла склеены?); удалите её: она не часть данных и попала бы в код",
                                          en: "a byte-order mark (BOM) in the middle of the file, here (were two files joined?); delete it: it is not part of the data and would become part of an id")))
            } else if utf8 && line.kind == .legacy && line.hasUTF8Run {
                let bad = body[line.firstInvalidByte ?? line.start]
                add(.init(line: line.number, column: line.firstInvalidColumn,
                          message: { let text = String(decoding: line.bytes(body), as: UTF8.self), byte = String(bad, radix: 16, uppercase: true)
                              return Phrase(ru: "файл в UTF-8, но байт 0x\(byte) здесь не из UTF-8 (символ другой кодировки?): \(Diagnostic.quoted(text, .ru)). Наберите этот символ заново или сохраните весь файл в одной кодировке (в Excel: \"CSV UTF-8\")",
                                            en: "the file is UTF-8, but byte 0x\(byte) here is not (a character of another encoding?): \(Diagnostic.quoted(text)). Retype that character, or save the whole file in one encoding (in Excel: \"CSV UTF-8\")") }()))
            } else if utf8 && line.kind == .legacy {
                add(.init(line: line.number, column: line.firstInvalidColumn,
                          message: { let text = String(decoding: windows1251ToUTF8(line.bytes(body)), as: UTF8.self)
                              return Phrase(ru: "файл в UTF-8\(hasBOM ? " (он начинается с метки UTF-8)" : ""), а эта строка нет; в Windows-1251 она читается так: \(Diagnostic.quoted(text, .ru)). Сохраните весь файл в одной кодировке (в Excel: \"CSV UTF-8\")",
                                            en: "the file is UTF-8\(hasBOM ? " (it starts with a UTF-8 byte-order mark)" : ""), but this line is not; it reads as Windows-1251: \(Diagnostic.quoted(text)). Save the whole file in one encoding (in Excel: \"CSV UTF-8\")") }()))
            } else if !utf8 && (line.hasUTF8Run || line.looksUTF8) {
                add(.init(line: line.number, column: nil,
                          message: { let text = String(decoding: line.bytes(body), as: UTF8.self)
                              return Phrase(ru: "файл в Windows-1251, а эта строка в UTF-8; в UTF-8 она читается так: \(Diagnostic.quoted(text, .ru)). Сохраните весь файл в одной кодировке (в Excel: \"CSV UTF-8\")",
                                            en: "the file is Windows-1251, but this line is UTF-8; it reads as UTF-8: \(Diagnostic.quoted(text)). Save the whole file in one encoding (in Excel: \"CSV UTF-8\")") }()))
            }
        }
        if total > 0 { throw .lines(problems, total: total) }
        return utf8 ? (body, hasBOM ? .utf8WithBOM : .utf8) : (windows1251ToUTF8(body), .windows1251)
    }

    /// Decodes `data` to a String (UTF-8 or Windows-1251, as `utf8Bytes(of:)`).
    public static func decode(_ data: [UInt8]) throws(TextDecodingProblem) -> (text: String, encoding: TableEncoding) {
        let (bytes, encoding) = try utf8Bytes(of: data)
        return (String(decoding: bytes, as: UTF8.self), encoding)
    }

    /// Whether the UTF-8 byte-order mark (EF BB BF) occurs anywhere in `data`.
    static func containsBOM(_ data: [UInt8]) -> Bool {
        guard data.count >= 3 else { return false }
        for i in 0..<(data.count - 2) where data[i] == 0xEF && data[i + 1] == 0xBB && data[i + 2] == 0xBF { return true }
        return false
    }

    /// Every line of a file's bytes, classified: ASCII, UTF-8, or not UTF-8 (legacy).
    struct LineSurvey {
        enum Kind { case ascii, utf8, legacy }
        struct Line {
            var number: Int
            var start: Int
            var end: Int
            var kind: Kind
            /// Two adjacent multi-byte UTF-8 sequences, or one of three bytes or more: UTF-8 text
            /// (a Windows-1251 line almost never has them; Cyrillic in UTF-8 always does).
            var hasUTF8Run: Bool
            /// Valid UTF-8 whose every multi-byte character is Cyrillic (U+0400–U+04FF): a UTF-8
            /// line even when its letters stand alone (`10А`). A Windows-1251 line reads so only
            /// when its only non-ASCII bytes are a `Р`/`С` before a rare sign.
            var looksUTF8: Bool { kind == .utf8 && (hasUTF8Run || onlyCyrillic) }
            var onlyCyrillic = true
            var firstInvalidColumn: Int?
            var firstInvalidByte: Int?
            var bomColumn: Int?
            func bytes(_ all: [UInt8]) -> [UInt8] { Array(all[start..<end]) }
        }
        var lines: [Line] = []

        init(_ data: [UInt8]) {
            var start = 0, number = 1
            while start <= data.count {
                var end = start
                while end < data.count && data[end] != 0x0A { end += 1 }
                lines.append(Self.classify(data, start, end, number))
                number += 1
                start = end + 1
            }
        }

        /// UTF-8 when the lines that surely are UTF-8 are at least as many as those that are not
        /// UTF-8; Windows-1251 otherwise (and when every line is ASCII or UTF-8, UTF-8).
        var decidesUTF8: Bool {
            let legacy = lines.filter { $0.kind == .legacy }.count
            if legacy == 0 { return true }
            let utf8 = lines.filter(\.looksUTF8).count
            return utf8 > 0 && utf8 >= legacy
        }

        static func classify(_ d: [UInt8], _ start: Int, _ end: Int, _ number: Int) -> Line {
            var line = Line(number: number, start: start, end: end, kind: .ascii, hasUTF8Run: false)
            var i = start, column = 1
            var lastMultiEnd = -1
            while i < end {
                let b = d[i]
                if b < 0x80 { i += 1; column += 1; continue }
                if i + 2 < end, d[i] == 0xEF, d[i + 1] == 0xBB, d[i + 2] == 0xBF {
                    if line.bomColumn == nil { line.bomColumn = column }
                    i += 3; column += 1; continue
                }
                let n = sequenceLength(d, i, end)
                if n == 0 {
                    line.kind = .legacy
                    if line.firstInvalidColumn == nil { line.firstInvalidColumn = column; line.firstInvalidByte = i }
                    i += 1; column += 1
                    continue
                }
                if line.kind == .ascii { line.kind = .utf8 }
                if n >= 3 || lastMultiEnd == i { line.hasUTF8Run = true }
                if n != 2 || (b != 0xD0 && b != 0xD1 && b != 0xD2 && b != 0xD3) { line.onlyCyrillic = false }
                i += n; column += 1
                lastMultiEnd = i
            }
            return line
        }

        /// The length of the valid UTF-8 sequence at `i` (2–4), or 0 when there is none.
        static func sequenceLength(_ d: [UInt8], _ i: Int, _ end: Int) -> Int {
            let b = d[i]
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return 0
            }
            guard i + need < end else { return 0 }
            guard d[i + 1] >= lo, d[i + 1] <= hi else { return 0 }
            var k = 2
            while k <= need {
                guard d[i + k] >= 0x80, d[i + k] <= 0xBF else { return 0 }
                k += 1
            }
            return need + 1
        }
    }

    /// NUL bytes, or many control bytes other than tab/CR/LF, mean this is not a text file.
    static func containsBinary(_ data: [UInt8]) -> Bool {
        var controls = 0
        for b in data.prefix(65_536) {
            if b == 0 { return true }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D, b != 0x0C { controls += 1 }
        }
        return controls > 8
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
    public static func isValidUTF8(_ data: [UInt8]) -> Bool {
        var i = 0
        while i < data.count {
            if data[i] < 0x80 { i += 1; continue }
            let n = LineSurvey.sequenceLength(data, i, data.count)
            if n == 0 { return false }
            i += n
        }
        return true
    }

    /// Windows-1251 bytes to UTF-8 bytes.
    public static func windows1251ToUTF8(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count * 2)
        for b in data {
            if b < 0x80 { out.append(b); continue }
            let u = UInt32(windows1251High[Int(b) - 0x80])
            if u < 0x800 {
                out.append(UInt8(0xC0 | (u >> 6)))
                out.append(UInt8(0x80 | (u & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (u >> 12)))
                out.append(UInt8(0x80 | ((u >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (u & 0x3F)))
            }
        }
        return out
    }
}
