import Foundation
import ZIPFoundation

/// The one place Setka writes Office Open XML workbooks (`.xlsx`): the scenario template and
/// `setka template --from`, and the `report.xlsx` of the reports. Sheets of cells (text in a
/// shared-strings part, numbers as numbers, times as Excel times), a fixed set of styles,
/// column widths and column formats, a frozen header, drop-down lists and input messages (data
/// validation). The package is written by ZIPFoundation (the ZIP library the reader uses too),
/// every part deflated, with a fixed timestamp: the same sheets give the same bytes.
/// Opens in Excel and LibreOffice.
public enum WorkbookWriter {
    /// The styles every workbook has (the index is the `s` of a cell).
    public enum Style: Int, Sendable, Hashable, CaseIterable {
        case normal = 0
        /// Bold on a grey fill: header rows and headings.
        case header = 1
        /// Wrapped text at the top of its cell.
        case wrapped = 2
        /// A time of day, `9:00`.
        case time = 3
        /// Grey italic: the example rows of a template.
        case example = 4
        /// Text format (`@`): what is typed stays text (`007`, `1-2` are not made numbers or dates).
        case text = 5
        /// Bold and larger: a title.
        case title = 6
        /// Grey italic time.
        case exampleTime = 7
    }

    /// One cell's value.
    public enum Value: Sendable, Hashable {
        case empty
        case text(String)
        /// A number; written with the shortest digits that read back the same.
        case number(Double)
        /// A time of day in minutes after midnight (an Excel time: a fraction of a day).
        case time(minutes: Int)
    }

    public struct Cell: Sendable, Hashable {
        public var value: Value
        public var style: Style
        public init(_ value: Value, _ style: Style = .normal) { self.value = value; self.style = style }
        public static func text(_ s: String, _ style: Style = .normal) -> Cell { Cell(.text(s), style) }
        public static func number(_ x: Double, _ style: Style = .normal) -> Cell { Cell(.number(x), style) }
        public static let empty = Cell(.empty)
    }

    /// A column: its width in characters and the style of its empty cells (`.text` keeps ids text).
    public struct Column: Sendable, Hashable {
        public var width: Double
        public var style: Style
        public init(width: Double, style: Style = .normal) { self.width = width; self.style = style }
    }

    /// Data validation of a column's data cells: a drop-down list (strict: only its values; not
    /// strict: a suggestion, any value allowed) and/or an input message shown in the cell.
    public struct Validation: Sendable, Hashable {
        /// 0-based column.
        public var column: Int
        public var list: [String]?
        public var strict: Bool
        public var title: String?
        public var prompt: String?
        public init(column: Int, list: [String]? = nil, strict: Bool = true, title: String? = nil, prompt: String? = nil) {
            self.column = column; self.list = list; self.strict = strict; self.title = title; self.prompt = prompt
        }
    }

    public struct Sheet: Sendable, Hashable {
        public var name: String
        public var columns: [Column]
        /// Row 1 first.
        public var rows: [[Cell]]
        /// Rows kept in view at the top (1: the header).
        public var frozenRows: Int
        public var validations: [Validation]
        public init(name: String, columns: [Column] = [], rows: [[Cell]], frozenRows: Int = 1, validations: [Validation] = []) {
            self.name = name; self.columns = columns; self.rows = rows; self.frozenRows = frozenRows; self.validations = validations
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case zip(String)
        public var description: String {
            switch self { case .zip(let m): return "the workbook cannot be packed: \(m)" }
        }
    }

    /// The bytes of a workbook of these sheets (names made valid and unique, see `sheetNames`).
    public static func workbook(_ sheets: [Sheet]) throws -> Data {
        let names = sheetNames(sheets.map(\.name))
        var strings = SharedStrings()
        var parts: [(String, Data)] = []
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", Data(sheetXML(sheet, strings: &strings).utf8)))
        }
        let head: [(String, Data)] = [
            ("[Content_Types].xml", Data(contentTypes(count: sheets.count).utf8)),
            ("_rels/.rels", Data(rootRels.utf8)),
            ("xl/workbook.xml", Data(workbookXML(names).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRels(count: sheets.count).utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
            ("xl/sharedStrings.xml", Data(strings.xml().utf8)),
        ]
        return try zip(head + parts)
    }

    /// 1980-01-01 00:00 UTC, the earliest ZIP time: every entry's timestamp, so output is reproducible.
    static let timestamp = Date(timeIntervalSince1970: 315_532_800)

    /// A ZIP archive of the parts, each deflated, in the given order.
    static func zip(_ parts: [(String, Data)]) throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for (name, data) in parts {
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: timestamp,
                                     compressionMethod: .deflate, bufferSize: 1 << 16) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw Failure.zip("no archive data") }
            return bytes
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure.zip("\(error)")
        }
    }

    /// Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or
    /// ending with `'`, not empty, unique ignoring case (a repeat gets ` (2)`, ` (3)`...).
    public static func sheetNames(_ titles: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        for (i, title) in titles.enumerated() {
            var base = String(title.map { "[]:*?/\\".contains($0) || $0.isNewline || $0 == "\t" ? " " : $0 })
            base = base.trimmingCharacters(in: .whitespaces)
            while base.hasPrefix("'") { base.removeFirst() }
            while base.hasSuffix("'") { base.removeLast() }
            if base.isEmpty { base = "Sheet\(i + 1)" }
            var name = String(base.prefix(31))
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            out.append(name)
        }
        return out
    }

    /// `A`, `B`, ..., `Z`, `AA`, ... for a 0-based column index.
    public static func columnName(_ index: Int) -> String { SourceLocation.columnLetters(index + 1) }

    /// Text for XML: `& < > " '` as entities; characters XML 1.0 forbids (most control
    /// characters) are dropped.
    public static func xml(_ s: String) -> String {
        // Fast path: printable ASCII without markup characters needs no change.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }) {
            return s
        }
        return Markup.xml(s)
    }

    /// Excel keeps at most 32 767 characters in a cell; longer text is cut with an ellipsis.
    static func cellText(_ t: String) -> String {
        t.count > 32_767 ? String(t.prefix(32_766)) + "…" : t
    }

    // MARK: parts

    /// The shared-strings table: each distinct text once, cells refer to it by index.
    struct SharedStrings {
        var index: [String: Int] = [:]
        var list: [String] = []
        var references = 0
        mutating func id(_ s: String) -> Int {
            references += 1
            if let i = index[s] { return i }
            index[s] = list.count
            list.append(s)
            return list.count - 1
        }
        func xml() -> String {
            var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            s += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(list.count)">"#
            for t in list {
                let preserve = t.first?.isWhitespace == true || t.last?.isWhitespace == true || t.contains("\n")
                s += preserve ? #"<si><t xml:space="preserve">"# : "<si><t>"
                s += WorkbookWriter.xml(t) + "</t></si>"
            }
            return s + "</sst>"
        }
    }

    static func contentTypes(count: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        s += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        for i in 0..<count {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return s + "</Types>"
    }

    static let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbookXML(_ names: [String]) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (i, n) in names.enumerated() {
            s += #"<sheet name="\#(xml(n))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return s + "</sheets></workbook>"
    }

    static func workbookRels(count: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 0..<count {
            s += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        s += #"<Relationship Id="rId\#(count + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return s + "</Relationships>"
    }

    /// The styles of `Style`, in its order. Fonts: normal, bold, grey italic, bold 14 pt.
    /// Number formats: 20 is Excel's built-in `h:mm`, 49 its text format `@`.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="4"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>"#
        + #"<font><i/><sz val="11"/><color rgb="FF707070"/><name val="Calibri"/></font><font><b/><sz val="14"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFE8E8E8"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>"#
        + #"<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="20" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func sheetXML(_ sheet: Sheet, strings: inout SharedStrings) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s.reserveCapacity(64 * sheet.rows.count + 1024)
        s += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        let width = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
        if width > 0, !sheet.rows.isEmpty {
            s += #"<dimension ref="A1:\#(columnName(width - 1))\#(sheet.rows.count)"/>"#
        }
        if sheet.frozenRows > 0 {
            let top = "A\(sheet.frozenRows + 1)"
            s += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(sheet.frozenRows)" topLeftCell="\#(top)" activePane="bottomLeft" state="frozen"/>"#
            s += #"<selection pane="bottomLeft" activeCell="\#(top)" sqref="\#(top)"/></sheetView></sheetViews>"#
        }
        if !sheet.columns.isEmpty {
            s += "<cols>"
            for (c, col) in sheet.columns.enumerated() {
                let style = col.style == .normal ? "" : #" style="\#(col.style.rawValue)""#
                s += #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(ScenarioWriter.number(col.width))"\#(style) customWidth="1"/>"#
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            let rowNumber = String(r + 1)
            s += #"<row r="\#(rowNumber)">"#
            for (c, cell) in row.enumerated() {
                let ref = columnName(c) + rowNumber
                let st = cell.style == .normal ? "" : #" s="\#(cell.style.rawValue)""#
                switch cell.value {
                case .empty:
                    if cell.style != .normal { s += #"<c r="\#(ref)"\#(st)/>"# }
                case .text(let t):
                    s += #"<c r="\#(ref)"\#(st) t="s"><v>\#(strings.id(cellText(t)))</v></c>"#
                case .number(let x):
                    if x.isFinite {
                        s += #"<c r="\#(ref)"\#(st)><v>\#(ScenarioWriter.number(x))</v></c>"#
                    } else {
                        s += #"<c r="\#(ref)"\#(st) t="s"><v>\#(strings.id(String(x)))</v></c>"#
                    }
                case .time(let minutes):
                    s += #"<c r="\#(ref)"\#(st)><v>\#(Double(minutes) / 1440)</v></c>"#
                }
            }
            s += "</row>"
        }
        s += "</sheetData>"
        let validations = sheet.validations.filter { $0.list != nil || $0.prompt != nil }
        if !validations.isEmpty {
            s += #"<dataValidations count="\#(validations.count)">"#
            for v in validations {
                let column = columnName(v.column)
                let range = "\(column)\(sheet.frozenRows + 1):\(column)1048576"
                var a = v.list == nil ? #"type="none""# : #"type="list""#
                a += #" allowBlank="1" showInputMessage="1""#
                if v.list != nil { a += v.strict ? #" showErrorMessage="1" errorStyle="stop""# : #" showErrorMessage="0""# }
                if let t = v.title { a += #" promptTitle="\#(xml(String(t.prefix(32))))""# }
                if let p = v.prompt { a += #" prompt="\#(xml(String(p.prefix(255))))""# }
                if v.list != nil, v.strict {
                    a += #" errorTitle="\#(xml(String((v.title ?? "").prefix(32))))" error="\#(xml(String(("→ " + (v.list ?? []).joined(separator: ", ")).prefix(225))))""#
                }
                s += #"<dataValidation \#(a) sqref="\#(range)">"#
                if let list = v.list {
                    // An inline list: quoted, comma-separated, at most 255 characters.
                    s += "<formula1>\(xml("\"" + list.joined(separator: ",") + "\""))</formula1>"
                }
                s += "</dataValidation>"
            }
            s += "</dataValidations>"
        }
        s += "</worksheet>"
        return s
    }
}
