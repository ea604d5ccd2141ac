import Foundation
import SetkaModel

/// `report.xlsx`: one sheet per ``ReportTable``, written by the workbook core of SetkaModel
/// (`WorkbookWriter`, the same code that writes scenario workbooks): a bold header row that
/// stays in view, column widths from the content, numbers as numbers (rounded as the HTML shows
/// them), headed rows bold, long text wrapped. Opens in Excel and LibreOffice.
public enum XLSXWriter {
    /// The workbook's bytes.
    public static func workbook(_ tables: [ReportTable], words: Words) throws -> [UInt8] {
        [UInt8](try WorkbookWriter.workbook(tables.map { sheet($0, words: words) }))
    }

    /// One table as a sheet.
    static func sheet(_ table: ReportTable, words: Words) -> WorkbookWriter.Sheet {
        // Column widths from the longest text in each column (capped, so notes wrap).
        let columns = table.columns.indices.map { c -> WorkbookWriter.Column in
            var longest = table.columns[c].count
            for row in table.rows where c < row.count { longest = max(longest, row[c].display(words).count) }
            return WorkbookWriter.Column(width: min(max(Double(longest) + 2, 6), 60))
        }
        var rows: [[WorkbookWriter.Cell]] = [table.columns.map { .text($0, .header) }]
        for (r, row) in table.rows.enumerated() {
            rows.append(row.map { cell in
                let wraps: Bool
                if case .text(let t) = cell, t.count > 60 || t.contains("\n") { wraps = true } else { wraps = false }
                return WorkbookWriter.Cell(value(cell), table.headingRows.contains(r) ? .header : (wraps ? .wrapped : .normal))
            })
        }
        return WorkbookWriter.Sheet(name: table.title, columns: columns, rows: rows, frozenRows: 1)
    }

    static func value(_ cell: ReportCell) -> WorkbookWriter.Value {
        switch cell {
        case .empty: return .empty
        case .integer(let i): return .number(Double(i))
        case .number(let d, let digits):
            guard d.isFinite else { return .text(String(d)) }
            // Rounded as the HTML shows it, so Excel does not show 0.7022813752725.
            let p = pow(10, Double(min(max(digits, 0), 6)))
            return .number((d * p).rounded() / p)
        case .text(let t): return .text(t)
        }
    }
}
