import Foundation
import Reports
import Wording

/// A report table (`Reports.ReportTable`, the same values the HTML report and the workbook
/// show) as an HTML table: text escaped, line breaks kept, numbers right-aligned with their
/// exact value in `data-value` (what the browser test compares with `summary.json`).
enum TableView {
    /// - Parameters:
    ///   - rows: which rows to show, in order (a page of them, or those a search found).
    ///   - columns: which columns to show (default all).
    ///   - link: a link for a cell (row index, column index), or nil.
    static func render(_ t: ReportTable, _ words: Words, rows: [Int]? = nil, columns: [Int]? = nil,
                       id: String? = nil, link: ((Int, Int) -> String?)? = nil) -> Markup {
        let cols = columns ?? Array(t.columns.indices)
        let idAttribute: Markup = id.map { " id=\"\($0)\"" } ?? .empty
        var out: Markup = "<div class=\"scroll\"><table class=\"data\"\(idAttribute)>"
        out += "<thead><tr>"
        for c in cols { out += "<th>\(t.columns[c])</th>" }
        out += "</tr></thead><tbody>"
        for r in rows ?? Array(t.rows.indices) {
            let row = t.rows[r]
            out += t.headingRows.contains(r) ? "<tr class=\"heading\">" : "<tr>"
            for c in cols {
                let cell = c < row.count ? row[c] : .empty
                out += Self.cell(cell, words, href: link?(r, c))
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    static func cell(_ cell: ReportCell, _ words: Words, href: String? = nil) -> Markup {
        let shown = cell.display(words)
        var inner = lines(shown)
        if let href, !shown.isEmpty { inner = "<a href=\"\(href)\">\(inner)</a>" }
        switch cell {
        case .integer(let i): return "<td class=\"num\" data-value=\"\(i)\">\(inner)</td>"
        case .number(let x, _): return "<td class=\"num\" data-value=\"\(String(x))\">\(inner)</td>"
        case .text, .empty: return "<td>\(inner)</td>"
        }
    }

    /// Text with its line breaks as `<br>`.
    static func lines(_ s: String) -> Markup {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { Markup.text(String($0)) }.joined(separator: "<br>")
    }

    /// A two-column table of labelled figures (the run's key figures), one `<dl>`-like table
    /// with each value's exact number in `data-value` and its key in `data-key`.
    static func figures(_ rows: [(key: String, label: String, cell: ReportCell)], _ words: Words) -> Markup {
        var out: Markup = "<table class=\"figures\"><tbody>"
        for r in rows {
            out += "<tr data-key=\"\(r.key)\"><th>\(r.label)</th>\(cell(r.cell, words))</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// One page of a long list: at most `size` rows, links to the others.
struct Paging {
    let page: Int
    let size: Int
    let total: Int

    init(page: Int?, size: Int, total: Int) {
        self.size = size; self.total = total
        let last = max(0, (total - 1) / size)
        self.page = min(max(0, (page ?? 1) - 1), last)
    }

    var range: Range<Int> { min(total, page * size)..<min(total, (page + 1) * size) }
    var pages: Int { max(1, (total + size - 1) / size) }

    /// "Rows 51–100 of 20 000 · ‹ previous · next ›"; `link(n)` makes the URL of page n (1-based).
    func nav(_ tr: Tr, link: (Int) -> String) -> Markup {
        guard total > 0 else { return .empty }
        var out: Markup = "<nav class=\"pager\"><span>\(tr("Строки", "Rows")) \(range.lowerBound + 1)–\(range.upperBound) \(tr("из", "of")) \(total)</span>"
        if pages > 1 {
            if page > 0 {
                out += " <a href=\"\(link(1))\">« \(tr("первая", "first"))</a> <a rel=\"prev\" href=\"\(link(page))\">‹ \(tr("назад", "previous"))</a>"
            }
            out += " <span>\(tr("страница", "page")) \(page + 1) \(tr("из", "of")) \(pages)</span>"
            if page + 1 < pages {
                out += " <a rel=\"next\" href=\"\(link(page + 2))\">\(tr("дальше", "next")) ›</a> <a href=\"\(link(pages))\">\(tr("последняя", "last")) »</a>"
            }
        }
        return out + "</nav>"
    }
}
