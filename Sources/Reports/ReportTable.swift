/// One cell of a report table: text, or a number that stays a number in Excel.
public enum ReportCell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    /// A number shown with `digits` decimals in HTML (Excel keeps the full value).
    case number(Double, digits: Int)
    case empty

    /// The text of the cell for people, in `language`'s number style.
    public func display(_ words: Words) -> String {
        switch self {
        case .text(let s): return s
        case .integer(let i): return words.integer(i)
        case .number(let d, let digits): return words.number(d, digits: digits)
        case .empty: return ""
        }
    }
}

/// A flat table shared by the HTML report and the workbook: the workbook shows it as one sheet;
/// the HTML report shows it as one table, or one table per value of `groupColumn` (a site, a
/// school) with that value as the heading.
public struct ReportTable: Sendable, Hashable {
    /// Stable key (`figures`, `partners`, `sites`, ...), used as the HTML anchor.
    public var key: String
    /// Title in the report's language; also the sheet name (shortened to Excel's rules).
    public var title: String
    public var columns: [String]
    public var rows: [[ReportCell]]
    /// Rows are grouped by this column in HTML (kept as a column in the workbook).
    public var groupColumn: Int?
    /// Indices of rows that head the rows below them (shown bold).
    public var headingRows: Set<Int>

    public init(key: String, title: String, columns: [String], rows: [[ReportCell]], groupColumn: Int? = nil,
                headingRows: Set<Int> = []) {
        self.key = key; self.title = title; self.columns = columns; self.rows = rows; self.groupColumn = groupColumn
        self.headingRows = headingRows
    }
}
