import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streaming (SAX) readers of the parts of an `.xlsx` workbook, on Foundation's `XMLParser`.
/// Element and attribute names are compared without their namespace prefix, so workbooks that
/// use prefixes (`x:c`) or the Strict Open XML namespaces read the same. A part that declares
/// entities (a DOCTYPE, which Excel never writes) is refused before anything is expanded.
class PartReader: NSObject, XMLParserDelegate {
    /// Why the part was refused (entities) or could not be read; nil when it was read.
    var failure: String?

    /// Parses `data` with this delegate; returns `failure`, or the parser's error as a message.
    func read(_ data: Data) -> String? {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        if !parser.parse(), failure == nil {
            let e = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
            failure = "its XML is malformed near line \(parser.lineNumber) (\(e))"
        }
        return failure
    }

    func stop(_ parser: XMLParser, _ message: String) {
        if failure == nil { failure = message }
        parser.abortParsing()
    }

    /// The local part of a name: `x:c` → `c`.
    @inline(__always) static func local(_ name: String) -> Substring {
        if let i = name.lastIndex(of: ":") { return name[name.index(after: i)...] }
        return Substring(name)
    }

    /// The value of attribute `name` (any prefix).
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let v = attributes[name] { return v }
        for (k, v) in attributes where local(k) == name { return v }
        return nil
    }

    // The callbacks subclasses override (a subclass's own method would not be the protocol's witness).
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {}
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {}
    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        stop(parser, "it declares XML entities (a DOCTYPE), which workbooks never do")
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        stop(parser, "it declares XML entities (a DOCTYPE), which workbooks never do")
    }

    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
        stop(parser, "it has a DOCTYPE, which workbooks never have")
    }
}

/// `_rels/*.rels`: relationship id → (type, target).
final class RelationshipsReader: PartReader {
    struct Relationship { var type: String; var target: String; var external: Bool }
    var relationships: [String: Relationship] = [:]

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        guard Self.local(elementName) == "Relationship",
              let id = Self.attribute(attributes, "Id"), let target = Self.attribute(attributes, "Target") else { return }
        relationships[id] = Relationship(type: Self.attribute(attributes, "Type") ?? "", target: target,
                                         external: Self.attribute(attributes, "TargetMode") == "External")
    }

    /// The first relationship whose type ends with `/suffix` (types differ between the
    /// transitional and strict namespaces only in their start).
    func first(typeSuffix suffix: String) -> Relationship? {
        relationships.sorted { $0.key < $1.key }.first { $0.value.type.hasSuffix("/" + suffix) }?.value
    }
}

/// `xl/workbook.xml`: the sheets in order, with their state and relationship id; the date system.
final class WorkbookPartReader: PartReader {
    struct SheetEntry { var name: String; var relationship: String; var hidden: Bool }
    var sheets: [SheetEntry] = []
    var date1904 = false

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch Self.local(elementName) {
        case "sheet":
            guard let name = Self.attribute(attributes, "name"), let rel = Self.attribute(attributes, "id") else { return }
            let state = Self.attribute(attributes, "state") ?? "visible"
            sheets.append(SheetEntry(name: name, relationship: rel, hidden: state != "visible"))
        case "workbookPr":
            let v = Self.attribute(attributes, "date1904")
            date1904 = v == "1" || v == "true"
        default: break
        }
    }
}

/// `xl/sharedStrings.xml`: the strings cells refer to by index (`t="s"`). Rich text runs are
/// joined; phonetic runs (`rPh`, furigana) are not part of the text.
final class SharedStringsReader: PartReader {
    var strings: [String] = []
    private var current = ""
    private var inText = false, inPhonetic = false, inItem = false

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch Self.local(elementName) {
        case "si": inItem = true; current = ""
        case "t": inText = inItem && !inPhonetic
        case "rPh": inPhonetic = true
        case "sst":
            if let n = Self.attribute(attributes, "uniqueCount").flatMap({ Int($0) }), n > 0, n < 10_000_000 {
                strings.reserveCapacity(n)
            }
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch Self.local(elementName) {
        case "si": strings.append(CellText.unescapeOOXML(current)); inItem = false
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// `xl/styles.xml`: for each cell style index (`s="N"`), whether its number format shows a date
/// or a time (and which).
final class StylesReader: PartReader {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false

    /// Style index → the date kind of its number format, nil for numbers.
    var dateKinds: [DateKind?] {
        formatIDs.map { id in customFormats[id].flatMap(DateKind.of(formatCode:)) ?? DateKind.builtin(id) }
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch Self.local(elementName) {
        case "numFmt":
            if let id = Self.attribute(attributes, "numFmtId").flatMap({ Int($0) }), let code = Self.attribute(attributes, "formatCode") {
                customFormats[id] = code
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            formatIDs.append(Self.attribute(attributes, "numFmtId").flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if Self.local(elementName) == "cellXfs" { inCellXfs = false }
    }
}

/// One worksheet, streamed: each row's cells as the text a CSV file would hold (shared and
/// inline strings, numbers as people read them, booleans as `true`/`false`, dates and times as
/// `2026-09-01` / `09:00`, a formula's saved value), with the problems of single cells (an
/// error value, a formula without a saved value) and the hidden rows that hold values.
/// Empty rows are skipped; a sheet with more than `limits.maxEmptyRows` empty rows (or
/// `maxEmptyCells` empty cells) is refused as soon as that is known.
final class SheetReader: PartReader {
    let sharedStrings: [String]
    let dateKinds: [DateKind?]
    let date1904: Bool
    let limits: WorkbookLimits

    /// Rows with at least one value: (row number, cells by 0-based column).
    var rows: [(row: Int, cells: [String])] = []
    var problems: [(line: Int, column: Int, message: String)] = []
    var hiddenRows: [Int] = []

    private var rowNumber = 0
    private var rowHidden = false
    private var cells: [String] = []
    private var rowHasValue = false
    private var column = 0
    private var cellType = ""
    private var cellStyle = 0
    private var text = ""
    private var collecting = false
    private var hasValue = false, hasFormula = false, inInline = false, inPhonetic = false
    private var emptyRows = 0, emptyCells = 0

    init(sharedStrings: [String], dateKinds: [DateKind?], date1904: Bool, limits: WorkbookLimits) {
        self.sharedStrings = sharedStrings; self.dateKinds = dateKinds; self.date1904 = date1904; self.limits = limits
    }

    /// `C17` → (3, 17); nil when malformed.
    static func reference(_ r: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0, seenDigit = false
        for b in r.utf8 {
            if b >= 0x41 && b <= 0x5A, !seenDigit { column = column * 26 + Int(b - 0x40) }
            else if b >= 0x61 && b <= 0x7A, !seenDigit { column = column * 26 + Int(b - 0x60) }
            else if b >= 0x30 && b <= 0x39 { seenDigit = true; row = row * 10 + Int(b - 0x30) }
            else if b == 0x24 { continue }   // $A$1
            else { return nil }
            if column > 16_384 || row > 1_048_576 { return nil }
        }
        return column > 0 && row > 0 ? (column, row) : nil
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch Self.local(elementName) {
        case "c":
            column += 1
            if let r = attributes["r"] {
                guard let ref = Self.reference(r) else { return stop(parser, "a cell has the malformed reference '\(r)'") }
                column = ref.column
            }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            hasValue = false; hasFormula = false; text = ""
        case "v":
            collecting = true; hasValue = true; text = ""
        case "t":
            if inInline && !inPhonetic { collecting = true; hasValue = true }
        case "is":
            inInline = true; text = ""
        case "rPh":
            inPhonetic = true
        case "f":
            hasFormula = true
        case "row":
            let r = attributes["r"].flatMap { Int($0) } ?? (rowNumber + 1)
            guard r >= 1, r <= 1_048_576, r > rowNumber || rowNumber == 0 else {
                return stop(parser, "row numbers are out of order or beyond Excel's 1 048 576 rows (row \(r))")
            }
            rowNumber = r
            let h = attributes["hidden"]
            rowHidden = h == "1" || h == "true"
            cells.removeAll(keepingCapacity: true)
            rowHasValue = false
            column = 0
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch Self.local(elementName) {
        case "v": collecting = false
        case "t": collecting = false
        case "is": inInline = false
        case "rPh": inPhonetic = false
        case "c": endCell(parser)
        case "row": endRow(parser)
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    private func endCell(_ parser: XMLParser) {
        var value: String?
        if hasValue {
            switch cellType {
            case "s":
                if let i = Int(text.trimmingCharacters(in: .whitespaces)), i >= 0, i < sharedStrings.count { value = sharedStrings[i] }
                else { problem("this cell refers to shared string \(text), which the workbook does not have (the file is damaged)") }
            case "inlineStr", "str": value = CellText.unescapeOOXML(text)
            case "b": value = (text == "1" || text.lowercased() == "true") ? "true" : "false"
            case "e":
                problem("this cell shows the error \(text) (a formula that failed); correct the formula or type the value")
            case "d": value = CellText.isoDate(text)
            default:
                if let kind = cellStyle < dateKinds.count ? dateKinds[cellStyle] : nil, let v = Double(text),
                   let d = CellText.date(serial: v, kind: kind, date1904: date1904) {
                    value = d
                } else if let n = CellText.number(text) {
                    value = n
                } else {
                    problem("this cell should hold a number but holds \"\(text)\" (the file is damaged)")
                }
            }
        } else if hasFormula {
            problem("this cell has a formula but no saved value (the workbook was written by a program that does not calculate); "
                    + "open it in Excel or LibreOffice and save it, or type the value")
        }
        if let value, !value.isEmpty {
            let index = column - 1
            if cells.count <= index { cells.append(contentsOf: repeatElement("", count: index - cells.count + 1)) }
            cells[index] = value
            if !rowHasValue, value.contains(where: { !$0.isWhitespace }) { rowHasValue = true }
        } else {
            emptyCells += 1
            if emptyCells > limits.maxEmptyCells {
                stop(parser, "the sheet has more than \(limits.maxEmptyCells) empty cells (formatted but empty, up to row \(rowNumber)); "
                     + "delete the empty rows and columns around the table and save again")
            }
        }
        text = ""
    }

    private func problem(_ message: String) {
        problems.append((rowNumber, column, message))
        rowHasValue = true
    }

    private func endRow(_ parser: XMLParser) {
        if rowHasValue {
            rows.append((rowNumber, cells))
            if rowHidden { hiddenRows.append(rowNumber) }
        } else {
            emptyRows += 1
            if emptyRows > limits.maxEmptyRows {
                stop(parser, "the sheet has more than \(limits.maxEmptyRows) empty rows (up to row \(rowNumber)); "
                     + "delete the empty rows below the table (select them, right-click, Delete) and save again")
            }
        }
    }
}
