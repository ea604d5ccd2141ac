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
    ///
    /// The hot path of every result page, so written into one `String` rather than through
    /// `Markup` interpolation (twice as fast on a city's school page): every text in it goes
    /// through `Markup.escape`, and only the finished table becomes `Markup.trusted`.
    ///   - fixed: numbers with exactly their cell's decimals and a true minus (`Fmt.fixed`), for a
    ///     column of measured values; else as the report writes them.
    ///   - link: a column whose cells link somewhere, and where each row's goes (a teacher's sheet).
    static func render(_ t: ReportTable, _ words: Words, rows: [Int]? = nil, columns: [Int]? = nil, id: String? = nil,
                       fixed: Bool = false, link: Link? = nil) -> Markup {
        let cols = columns ?? Array(t.columns.indices)
        let shown = rows ?? Array(t.rows.indices)
        var html = ""
        html.reserveCapacity(256 + shown.count * cols.count * 48)
        html += "<div class=\"scroll\"><table class=\"data\""
        if let id { html += " id=\"" + Markup.escape(id) + "\"" }
        html += "><thead><tr>"
        for c in cols { html += "<th>" + Markup.escape(t.columns[c]) + "</th>" }
        html += "</tr></thead><tbody>"
        for r in shown {
            let row = t.rows[r]
            html += t.headingRows.contains(r) ? "<tr class=\"heading\">" : "<tr>"
            for c in cols {
                let cell = c < row.count ? row[c] : .empty
                if let link, link.column == c, case .text(let text) = cell {
                    html += "<td><a href=\"" + Markup.escape(link.href(r)) + "\">"
                    appendLines(&html, text)
                    html += "</a></td>"
                } else {
                    appendCell(&html, cell, words, fixed: fixed)
                }
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        return Markup.trusted(html)
    }

    /// The cells of `column` as links, row `r`'s to `href(r)`.
    struct Link {
        var column: Int
        var href: (Int) -> String
    }

    static func cell(_ cell: ReportCell, _ words: Words) -> Markup {
        var html = ""
        appendCell(&html, cell, words)
        return Markup.trusted(html)
    }

    /// One `<td>`: the cell's text escaped with its line breaks as `<br>`; a number right-aligned
    /// with its exact value in `data-value`.
    static func appendCell(_ html: inout String, _ cell: ReportCell, _ words: Words, fixed: Bool = false) {
        switch cell {
        case .integer(let i): html += "<td class=\"num\" data-value=\"" + String(i) + "\">"
        case .number(let x, let digits):
            html += "<td class=\"num\" data-value=\"" + String(x) + "\">"
            if fixed {
                html += Markup.escape(Fmt.fixed(x, digits: digits, ru: words.language == .ru)) + "</td>"
                return
            }
        case .text, .empty: html += "<td>"
        }
        appendLines(&html, cell.display(words))
        html += "</td>"
    }

    /// Text escaped, its line breaks as `<br>`.
    static func appendLines(_ html: inout String, _ s: String) {
        guard s.utf8.contains(0x0A) else { html += Markup.escape(s); return }
        for (i, line) in s.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { html += "<br>" }
            html += Markup.escape(String(line))
        }
    }

    /// Text with its line breaks as `<br>`.
    static func lines(_ s: String) -> Markup {
        var html = ""
        appendLines(&html, s)
        return Markup.trusted(html)
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
