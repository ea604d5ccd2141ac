import Effect
import Foundation
import SetkaModel

/// "Did the partnerships help?" for people: a printable page (`effect.html`) with a small chart
/// per recipient, and a workbook (`effect.xlsx`). Built from an ``EffectStudy``; every estimate
/// is shown with its interval.
extension Reports {
    public static let effectHTMLFile = "effect.html"
    public static let effectWorkbookFile = "effect.xlsx"

    /// The printable page: how to read the estimates, a summary table, then per recipient its
    /// chart (its results and the comparison schools', the partnership years shaded) and the
    /// verdict of each partner and subject; a line to sign at the end.
    public static func effectHTML(_ study: EffectStudy) -> String { EffectPage.html(study) }

    /// The chart of one recipient: one panel per subject (standalone adds the XML namespace,
    /// for a file of its own).
    public static func effectChartSVG(_ recipient: RecipientEffect, language: ReportLanguage, standalone: Bool = false) -> String {
        EffectChart(recipient: recipient, words: EffectWords(language), standalone: standalone).svg()
    }

    /// The workbook's tables: the estimates (one row per pair and subject) and the results year
    /// by year beside the comparison schools'.
    public static func effectTables(_ study: EffectStudy) -> [ReportTable] { EffectPage.tables(study) }

    /// The workbook's bytes.
    public static func effectXLSX(_ study: EffectStudy) throws -> [UInt8] {
        try XLSXWriter.workbook(EffectPage.tables(study), words: Words(study.language))
    }
}

enum EffectPage {
    static func html(_ study: EffectStudy) -> String {
        let w = EffectWords(study.language), words = Words(study.language), e = HTML.escape
        var body = ComparisonHTML.section("how", w.howTitle, ComparisonHTML.list(w.how(level: study.level)))
        if study.recipients.isEmpty {
            body += "<p>\(e(w.nothing))</p>"
        } else {
            body += ComparisonHTML.section("summary", w.summaryTitle, wide: true, summary(study, w, words))
            for (i, r) in study.recipients.enumerated() {
                body += recipientCard(r, index: i + 1, study: study, w)
            }
        }
        return ComparisonHTML.document(title: w.title, name: study.scenario,
                                       subtitle: "\(e(words[.scenario])): <b>\(e(study.scenario))</b><br>\(e(w.subtitle))",
                                       words: words, body: body)
    }

    /// The summary: per rule, a row per recipient, partner and subject.
    static func summary(_ study: EffectStudy, _ w: EffectWords, _ words: Words) -> String {
        var s = ""
        var rules: [String] = []
        for r in study.recipients where !rules.contains(r.rule) { rules.append(r.rule) }
        for rule in rules {
            if rules.count > 1 || study.recipients.contains(where: { $0.ruleIndex == nil }) { s += "<h3>\(HTML.escape(rule))</h3>" }
            let rows: [[ReportCell]] = study.rows.filter { $0.recipient.rule == rule }.map { r, p, subject in
                [.text(r.recipientName), .text(p.providerName), .text(PlainWords.subjectName(subject.subject, study.language)),
                 .text(w.yearList(subject.yearsBefore)), .text(w.yearList(subject.yearsAfter)),
                 .text(subject.estimate.map(w.estimateWithInterval) ?? "—"), .text(w.short(subject.verdict))]
            }
            let table = ReportTable(key: "summary", title: w.summaryTitle,
                                    columns: [w.recipient, w.provider, w.subject, w.yearsBefore, w.yearsAfter,
                                              w.effectHeading(level: study.level), w.verdict], rows: rows)
            s += HTMLReport.table(table, words)
        }
        return s
    }

    /// One recipient: heading, rule and partners, the chart, the verdicts.
    static func recipientCard(_ r: RecipientEffect, index: Int, study: EffectStudy, _ w: EffectWords) -> String {
        let e = HTML.escape
        let ru = study.language == .ru
        var s = #"<section id="recipient-\#(index)" class="card"><h3>\#(e(r.recipientName))</h3>"#
        let partners = r.pairs.map { "\($0.providerName) (\(w.schoolYears($0.schoolYears)))" }.joined(separator: "; ")
        s += "<p>\(e(w.rule)): \(e(r.rule)). \(e(w.provider)): \(e(partners)).</p>"
        s += #"<div class="chart">"# + EffectChart(recipient: r, words: w, standalone: false).svg() + "</div>"
        for p in r.pairs {
            if r.pairs.count > 1 { s += "<h4>\(e(w.provider)): \(e(p.providerName)) (\(e(w.schoolYears(p.schoolYears))))</h4>" }
            s += "<ul>"
            for subject in p.subjects {
                var line = e(EffectWords.capitalised(subject.sentence)) + "."
                if !subject.yearsBefore.isEmpty || !subject.yearsAfter.isEmpty {
                    let detail = ru
                        ? "годы «до»: \(w.yearList(subject.yearsBefore)); «после»: \(w.yearList(subject.yearsAfter))"
                        : "years before: \(w.yearList(subject.yearsBefore)); after: \(w.yearList(subject.yearsAfter))"
                    let compared = subject.estimate.map { ru ? "; школ для сравнения: \($0.comparisonSchools)" : "; comparison schools: \($0.comparisonSchools)" } ?? ""
                    line += #" <span class="muted">("# + e(detail + compared) + ")</span>"
                }
                s += "<li>\(subject.verdict == .gain || subject.verdict == .loss ? "<b>\(line)</b>" : line)</li>"
            }
            s += "</ul>"
            if !p.alongside.isEmpty { s += #"<p class="note">\#(e(EffectWords.capitalised(w.alongside(p.alongsideNames)))).</p>"# }
            if p.avoided { s += "<p><b>\(e(w.willBeAvoided))</b></p>" }
        }
        s += #"<p class="note">\#(e(w.comparisonPool(r.comparisonPool)))</p>"#
        return s + "</section>\n"
    }

    static func tables(_ study: EffectStudy) -> [ReportTable] {
        let w = EffectWords(study.language)
        let estimates: [[ReportCell]] = study.rows.map { r, p, s in
            func number(_ x: Double?) -> ReportCell { x.map { .number($0, digits: 1) } ?? .empty }
            return [.text(r.rule), .text(r.recipientName), .text(r.recipient), .text(p.providerName), .text(p.provider),
                    .text(PlainWords.subjectName(s.subject, study.language)), .text(w.schoolYears(p.schoolYears)),
                    .text(w.yearList(s.yearsBefore)), .text(w.yearList(s.yearsAfter)),
                    number(s.estimate?.effect), number(s.estimate?.low), number(s.estimate?.high),
                    s.estimate.map { .integer($0.comparisonSchools) } ?? .empty, .text(EffectWords.capitalised(s.sentence))]
        }
        let first = ReportTable(key: "effect", title: w.sheetEffect,
                                columns: [w.rule, w.recipient, w.recipientID, w.provider, w.providerID, w.subject,
                                          w.partnershipYears, w.yearsBefore, w.yearsAfter, w.effect, w.low, w.high,
                                          w.comparisonCount, w.verdict], rows: estimates)
        var results: [[ReportCell]] = []
        for r in study.recipients {
            for chart in r.charts {
                for y in chart.years {
                    func number(_ x: Double?) -> ReportCell { x.map { .number($0, digits: 1) } ?? .empty }
                    results.append([.text(r.rule), .text(r.recipientName), .text(PlainWords.subjectName(chart.subject, study.language)),
                                    .integer(y.year), number(y.recipient), number(y.comparisonMean), number(y.comparisonLow),
                                    number(y.comparisonHigh), .integer(y.comparisonCount)])
                }
            }
        }
        let second = ReportTable(key: "results", title: w.sheetResults,
                                 columns: [w.rule, w.recipient, w.subject, w.year, w.recipientResult, w.comparisonMean,
                                           w.comparisonLow, w.comparisonHigh, w.comparisonCount], rows: results)
        return [first, second]
    }
}

/// A recipient's chart as plain SVG: one panel per subject with the recipient's results (a dark
/// line with points), the comparison schools' mean (dashed) and middle half (a grey band), and the
/// school years with a partner shaded (a school year starting in September Y covers the
/// assessment of spring Y + 1).
struct EffectChart {
    var recipient: RecipientEffect
    var words: EffectWords
    var standalone: Bool

    let panelWidth = 300.0, panelHeight = 190.0, columns = 3
    let margin = (left: 40.0, right: 10.0, top: 24.0, bottom: 26.0)

    /// A coordinate with one decimal (integer arithmetic: a page has tens of thousands of them).
    static func coord(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let a = tenths.magnitude
        return "\(tenths < 0 ? "-" : "")\(a / 10).\(a % 10)"
    }

    func svg() -> String {
        let charts = recipient.charts
        let perRow = max(1, min(columns, charts.count))
        let rows = max(1, (charts.count + perRow - 1) / perRow)
        let width = panelWidth * Double(perRow)
        let legendLines = legendWidth <= width - 8 ? 1 : 3
        let height = panelHeight * Double(rows) + Double(legendLines) * 15 + 6
        var out = #"<svg\#(standalone ? #" xmlns="http://www.w3.org/2000/svg""# : "") width="\#(Int(width))" height="\#(Int(height))" viewBox="0 0 \#(Int(width)) \#(Int(height))" font-family="sans-serif" font-size="10" role="img">"#
        out += "<title>\(HTML.escape(recipient.recipientName))</title>\n"
        out += #"<rect x="0" y="0" width="\#(Int(width))" height="\#(Int(height))" fill="white"/>"# + "\n"
        for (i, chart) in charts.enumerated() {
            out += panel(chart, x0: Double(i % perRow) * panelWidth, y0: Double(i / perRow) * panelHeight)
        }
        out += legend(y: panelHeight * Double(rows) + 2, oneLine: legendLines == 1)
        return out + "</svg>\n"
    }

    /// A tick step of 1, 2, 5, 10, 20… giving about four ticks over `span`.
    static func step(_ span: Double) -> Double {
        let raw = max(span, 1e-9) / 4
        let p = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * p >= raw { return m * p }
        return 10 * p
    }

    private func panel(_ chart: SubjectSeries, x0: Double, y0: Double) -> String {
        let left = x0 + margin.left, right = x0 + panelWidth - margin.right
        let top = y0 + margin.top, bottom = y0 + panelHeight - margin.bottom
        let e = HTML.escape
        var g = #"<g><text x="\#(Self.coord((left + right) / 2))" y="\#(Self.coord(y0 + 14))" text-anchor="middle" font-size="11" font-weight="bold">\#(e(PlainWords.subjectName(chart.subject, words.language)))</text>"# + "\n"
        let years = chart.years.map(\.year)
        guard let firstYear = years.first, let lastYear = years.last else {
            return g + #"<text x="\#(Self.coord((left + right) / 2))" y="\#(Self.coord((top + bottom) / 2))" text-anchor="middle" fill="rgb(85,85,85)">\#(e(words.noChartData))</text></g>"# + "\n"
        }
        let values = chart.years.flatMap { [$0.recipient, $0.comparisonMean, $0.comparisonLow, $0.comparisonHigh].compactMap { $0 } }
        let step = Self.step((values.max() ?? 1) - (values.min() ?? 0))
        let lo = ((values.min() ?? 0) / step).rounded(.down) * step
        var hi = ((values.max() ?? 1) / step).rounded(.up) * step
        if hi <= lo { hi = lo + step }
        let xLo = Double(firstYear) - 0.5, xHi = Double(lastYear) + 0.5
        func x(_ t: Double) -> Double { left + (right - left) * (t - xLo) / (xHi - xLo) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - lo) / (hi - lo) }

        // The school years with a partner: September Y (Y + 0.4 on the axis of spring assessments) to June Y + 1.
        for (a, b) in Self.spans(recipient.schoolYears) {
            let x1 = max(x(Double(a) + 0.4), left), x2 = min(x(Double(b) + 1.1), right)
            guard x2 > x1 else { continue }
            g += #"<rect x="\#(Self.coord(x1))" y="\#(Self.coord(top))" width="\#(Self.coord(x2 - x1))" height="\#(Self.coord(bottom - top))" fill="rgb(253,231,200)"/>"# + "\n"
        }
        // Grid and axes.
        var v = lo
        while v <= hi + step / 2 {
            g += #"<line x1="\#(Self.coord(left))" y1="\#(Self.coord(y(v)))" x2="\#(Self.coord(right))" y2="\#(Self.coord(y(v)))" stroke="rgb(221,221,221)"/>"#
            g += #"<text x="\#(Self.coord(left - 4))" y="\#(Self.coord(y(v) + 3))" text-anchor="end">\#(PlainWords.number(v, digits: 1, words.language))</text>"# + "\n"
            v += step
        }
        g += #"<line x1="\#(Self.coord(left))" y1="\#(Self.coord(bottom))" x2="\#(Self.coord(right))" y2="\#(Self.coord(bottom))" stroke="rgb(68,68,68)"/>"#
        g += #"<line x1="\#(Self.coord(left))" y1="\#(Self.coord(top))" x2="\#(Self.coord(left))" y2="\#(Self.coord(bottom))" stroke="rgb(68,68,68)"/>"# + "\n"
        let every = max(1, years.count / 6)
        for (i, t) in years.enumerated() where i % every == 0 || i == years.count - 1 {
            g += #"<text x="\#(Self.coord(x(Double(t))))" y="\#(Self.coord(bottom + 13))" text-anchor="middle">\#(t)</text>"#
        }
        g += "\n"
        // The middle half of the comparison schools, then their mean, then the recipient.
        let band = chart.years.compactMap { p -> (Int, Double, Double)? in
            guard let l = p.comparisonLow, let h = p.comparisonHigh else { return nil }
            return (p.year, l, h)
        }
        if band.count > 1 {
            let upper = band.map { "\(Self.coord(x(Double($0.0)))),\(Self.coord(y($0.2)))" }
            let lower = band.reversed().map { "\(Self.coord(x(Double($0.0)))),\(Self.coord(y($0.1)))" }
            g += #"<polygon points="\#((upper + lower).joined(separator: " "))" fill="rgb(217,217,217)" fill-opacity="0.7"/>"# + "\n"
        }
        g += polyline(chart.years.map { p in p.comparisonMean.map { (p.year, $0) } }, x: x, y: y,
                      style: #"stroke="rgb(102,102,102)" stroke-width="1.5" stroke-dasharray="4 3""#)
        g += polyline(chart.years.map { p in p.recipient.map { (p.year, $0) } }, x: x, y: y,
                      style: #"stroke="rgb(31,78,156)" stroke-width="2""#)
        for p in chart.years {
            guard let r = p.recipient else { continue }
            let tip = "\(p.year): \(words.value(r))" + (p.comparisonMean.map { " (\(words.comparisonMean.lowercased()): \(words.value($0)))" } ?? "")
            g += #"<circle cx="\#(Self.coord(x(Double(p.year))))" cy="\#(Self.coord(y(r)))" r="2.5" fill="rgb(31,78,156)"><title>\#(e(tip))</title></circle>"#
        }
        return g + "\n</g>\n"
    }

    /// A line through the present points, broken where a year has no value.
    private func polyline(_ points: [(Int, Double)?], x: (Double) -> Double, y: (Double) -> Double, style: String) -> String {
        var out = "", segment: [String] = []
        func flush() {
            if segment.count > 1 { out += #"<polyline fill="none" \#(style) points="\#(segment.joined(separator: " "))"/>"# + "\n" }
            segment = []
        }
        for p in points {
            guard let (t, v) = p else { flush(); continue }
            segment.append("\(Self.coord(x(Double(t)))),\(Self.coord(y(v)))")
        }
        flush()
        return out
    }

    /// Consecutive years as (first, last) spans.
    static func spans(_ years: [Int]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for y in years.sorted() {
            if let last = out.last, y == last.1 + 1 { out[out.count - 1].1 = y } else { out.append((y, y)) }
        }
        return out
    }

    /// The legend's items: how each is drawn and its words.
    private var legendItems: [(swatch: String, text: String)] {
        [(#"<line x1="0" y1="6" x2="18" y2="6" stroke="rgb(31,78,156)" stroke-width="2"/>"#, words.legendRecipient),
         (#"<rect x="0" y="1" width="18" height="10" fill="rgb(217,217,217)"/><line x1="0" y1="6" x2="18" y2="6" stroke="rgb(102,102,102)" stroke-width="1.5" stroke-dasharray="4 3"/>"#,
          words.legendComparison),
         (#"<rect x="0" y="1" width="18" height="10" fill="rgb(253,231,200)"/>"#, words.legendPartnership)]
    }

    /// About how wide one legend item is (10-pixel sans-serif: about 5.5 pixels a character).
    private static func itemWidth(_ text: String) -> Double { 22 + Double(text.count) * 5.5 + 14 }

    private var legendWidth: Double { legendItems.reduce(0) { $0 + Self.itemWidth($1.text) } }

    /// The legend on one line, or one item a line when the chart is narrow.
    private func legend(y: Double, oneLine: Bool) -> String {
        var g = "<g>"
        var x = 8.0, line = y
        for item in legendItems {
            g += #"<g transform="translate(\#(Self.coord(x)),\#(Self.coord(line)))">\#(item.swatch)<text x="22" y="9">\#(HTML.escape(item.text))</text></g>"#
            if oneLine { x += Self.itemWidth(item.text) } else { line += 15 }
        }
        return g + "</g>\n"
    }
}
