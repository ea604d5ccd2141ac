import Foundation
import SetkaModel

/// A minimal Office Open XML workbook (`.xlsx`): one sheet per ``ReportTable``, strings inline
/// (`t="inlineStr"`, no shared-strings part), numbers as numbers, a bold header row that stays
/// in view (frozen pane), column widths from the content. Parts: `[Content_Types].xml`,
/// `_rels/.rels`, `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, `xl/styles.xml`,
/// `xl/worksheets/sheetN.xml`. Opens in Excel and LibreOffice.
public enum XLSXWriter {
    /// The workbook's bytes.
    public static func workbook(_ tables: [ReportTable], words: Words) throws -> [UInt8] {
        let names = sheetNames(tables.map(\.title))
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Array(contentTypes(count: tables.count).utf8))
        try zip.add("_rels/.rels", Array(rootRels.utf8))
        try zip.add("xl/workbook.xml", Array(workbookXML(names).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRels(count: tables.count).utf8))
        try zip.add("xl/styles.xml", Array(styles.utf8))
        for (i, t) in tables.enumerated() {
            try zip.add("xl/worksheets/sheet\(i + 1).xml", Array(sheetXML(t, words: words).utf8))
        }
        return try zip.finish()
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

    static func contentTypes(count: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for i in 1...max(count, 1) where i <= count {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
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
        return s + "</Relationships>"
    }

    /// Style 0: normal; 1: bold header with a grey fill; 2: wrapped text.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFE8E8E8"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func sheetXML(_ table: ReportTable, words: Words) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        s += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        // Column widths from the longest text in each column (capped, so notes wrap).
        if !table.columns.isEmpty {
            s += "<cols>"
            for c in 0..<table.columns.count {
                var longest = table.columns[c].count
                for row in table.rows where c < row.count { longest = max(longest, row[c].display(words).count) }
                let width = min(max(Double(longest) + 2, 6), 60)
                s += #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(width)" customWidth="1"/>"#
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        func cellXML(_ cell: ReportCell, ref: String, style: Int) -> String {
            let st = style == 0 ? "" : #" s="\#(style)""#
            switch cell {
            case .empty:
                return ""
            case .integer(let i):
                return #"<c r="\#(ref)"\#(st)><v>\#(i)</v></c>"#
            case .number(let d, let digits):
                guard d.isFinite else { return #"<c r="\#(ref)"\#(st) t="inlineStr"><is><t>\#(xml(String(d)))</t></is></c>"# }
                // Rounded as the HTML shows it, so Excel does not show 0.7022813752725.
                let p = pow(10, Double(min(max(digits, 0), 6)))
                return #"<c r="\#(ref)"\#(st)><v>\#((d * p).rounded() / p)</v></c>"#
            case .text(var t):
                // Excel holds at most 32 767 characters in a cell.
                if t.count > 32_767 { t = String(t.prefix(32_766)) + "…" }
                return #"<c r="\#(ref)"\#(st) t="inlineStr"><is><t xml:space="preserve">\#(xml(t))</t></is></c>"#
            }
        }
        s += #"<row r="1">"#
        for (c, title) in table.columns.enumerated() { s += cellXML(.text(title), ref: columnName(c) + "1", style: 1) }
        s += "</row>"
        for (r, row) in table.rows.enumerated() {
            s += #"<row r="\#(r + 2)">"#
            for (c, cell) in row.enumerated() {
                let wraps: Bool
                if case .text(let t) = cell, t.count > 60 || t.contains("\n") { wraps = true } else { wraps = false }
                let style = table.headingRows.contains(r) ? 1 : (wraps ? 2 : 0)
                s += cellXML(cell, ref: columnName(c) + String(r + 2), style: style)
            }
            s += "</row>"
        }
        s += "</sheetData></worksheet>"
        return s
    }

    /// `A`, `B`, ..., `Z`, `AA`, ... for a 0-based column index.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Text for XML (`Markup.xml`).
    public static func xml(_ s: String) -> String { Markup.xml(s) }
}
