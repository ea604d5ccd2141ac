import Foundation
import ProfileDay
import Scenarios
import SetkaModel

/// HTML text helpers.
public enum HTML {
    /// Text for HTML content and attribute values (`Markup.html`).
    public static func escape(_ s: String) -> String { Markup.html(s) }

    /// Escaped text with line breaks as `<br>`.
    static func lines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>")
    }
}

/// The one-file HTML report: no scripts, fonts, images or links outside the file; a print
/// style for A4 with a page break before each school and each teacher.
public enum HTMLReport {
    static let css = """
    @page { size: A4; margin: 14mm 12mm; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 1100px; padding: 12px; }
    h1 { font-size: 18pt; margin: 0 0 4px; }
    h2 { font-size: 14pt; border-bottom: 2px solid #333; padding-bottom: 2px; margin-top: 28px; }
    h3 { font-size: 12pt; margin: 18px 0 6px; }
    h4 { font-size: 10.5pt; margin: 12px 0 4px; }
    table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
    th, td { border: 1px solid #888; padding: 2px 5px; vertical-align: top; text-align: left; overflow-wrap: break-word; }
    td.id { white-space: nowrap; }
    th { background: #e8e8e8; }
    td.num { text-align: right; white-space: nowrap; }
    tr.heading td { font-weight: bold; background: #f4f4f4; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    nav ol { columns: 2; }
    a { color: inherit; }
    .muted { color: #555; }
    .order { text-align: right; font-size: 9.5pt; }
    .signature { margin-top: 28px; }
    .card { border: 1px dashed #666; padding: 6px 10px; margin: 10px 0; break-inside: avoid; page-break-inside: avoid; }
    .card h3 { margin-top: 2px; }
    .card td:nth-child(2) { white-space: nowrap; }
    .route-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(26em, 1fr)); gap: 8px; }
    .route-card { border: 1px dashed #666; padding: 4px 8px; break-inside: avoid; page-break-inside: avoid; }
    .route-card h3 { margin: 0 0 4px; font-size: 10.5pt; }
    .route-card table { margin: 0; }
    .map { width: 100%; height: auto; max-width: 100%; display: block; }
    .note { font-size: 9pt; color: #333; }
    @page wide { size: A4 landscape; }
    .wide { page: wide; }
    @media print {
      body { max-width: none; padding: 0 2px; font-size: 9pt; }
      nav { display: none; }
      .page, .school, .teacher { break-before: page; page-break-before: always; }
      h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      a { text-decoration: none; }
      .route-cards { grid-template-columns: 1fr 1fr; } .route-card table { font-size: 8pt; }
    }
    """

    /// The report as one HTML document.
    public static func html(_ content: ReportContent) -> String {
        let w = content.words
        let e = HTML.escape
        var body = ""
        var contents: [(String, String)] = []
        func section(_ id: String, _ title: String, page: Bool = true, wide: Bool = false, _ inner: String) {
            contents.append((id, title))
            let classes = (page ? ["page"] : []) + (wide ? ["wide"] : [])
            let attribute = classes.isEmpty ? "" : #" class="\#(classes.joined(separator: " "))""#
            body += #"<section id="\#(id)"\#(attribute)><h2>\#(e(title))</h2>"# + inner + "</section>\n"
        }

        section("figures", w[.keyFigures], page: false, table(content.figuresTable(), w))
        if content.input.partners != nil { section("partners", w[.partnersTitle], partners(content)) }
        section("map", w[.map], map(content))
        if content.day != nil {
            // More than four slots: the grid and the per-school tables print on landscape pages.
            let wide = content.slots.count > 4
            section("sites", w[.sitesTitle], wide: wide, grouped(content.sitesTable(), w))
            section("schools", w[.schoolsTitle], page: false, wide: wide, schools(content))
            section("teachers", w[.teachersTitle], page: false, teachers(content))
            section("students", w[.studentsTitle], students(content))
            section("not-opened", w[.notOpenedTitle], notOpened(content))
            if let advice = content.input.advice { section("advice", w[AdviceLabel.adviceSectionTitle], AdviceHTML.body(advice, w)) }
        } else {
            body += #"<p class="muted">\#(e(w[.noTimetable]))</p>"#
        }
        if content.input.partners == nil { body += #"<p class="muted">\#(e(w[.noPartners]))</p>"# }

        var html = "<!DOCTYPE html>\n"
        html += #"<html lang="\#(content.input.language.rawValue)"><head><meta charset="utf-8">"#
        html += #"<meta name="viewport" content="width=device-width, initial-scale=1">"#
        html += "<title>\(e(w[.reportTitle])): \(e(content.input.scenario.name))</title>"
        html += "<style>\n\(css)\n</style></head><body>\n"
        html += "<header><h1>\(e(w[.reportTitle]))</h1><p>\(e(w[.scenario])): <b>\(e(content.input.scenario.name))</b></p></header>\n"
        html += "<nav><h2>\(e(w[.contents]))</h2><ol>"
        for (id, title) in contents { html += #"<li><a href='#\#(id)'>\#(e(title))</a></li>"# }
        html += "</ol></nav>\n"
        html += body
        html += #"<footer><p class="muted">\#(e(w[.generatedBy]))</p></footer>"#
        html += "\n</body></html>\n"
        return html
    }

    // MARK: - tables

    /// A table; `skip` leaves out one column (the group column).
    static func table(_ t: ReportTable, _ w: Words, rows: [[ReportCell]]? = nil, skip: Int? = nil) -> String {
        let columns = t.columns.indices.filter { $0 != skip }
        var s = "<table><thead><tr>"
        for c in columns { s += "<th>\(HTML.escape(t.columns[c]))</th>" }
        s += "</tr></thead><tbody>"
        for (r, row) in (rows ?? t.rows).enumerated() {
            s += rows == nil && t.headingRows.contains(r) ? #"<tr class="heading">"# : "<tr>"
            for c in columns {
                let cell = c < row.count ? row[c] : .empty
                switch cell {
                case .integer, .number: s += #"<td class="num">\#(HTML.escape(cell.display(w)))</td>"#
                default:
                    // Ids and other short words without spaces never break.
                    let text = cell.display(w)
                    let isID = !text.isEmpty && text.count <= 16 && !text.contains(where: \.isWhitespace)
                    s += (isID ? #"<td class="id">"# : "<td>") + HTML.lines(text) + "</td>"
                }
            }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }

    /// Rows grouped by the table's group column, each group under its own heading.
    static func grouped(_ t: ReportTable, _ w: Words, headingClass: String? = nil) -> String {
        guard let g = t.groupColumn else { return table(t, w) }
        var order: [String] = []
        var groups: [String: [[ReportCell]]] = [:]
        for row in t.rows {
            let key = row[g].display(w)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        var s = ""
        for key in order {
            s += "<h3>\(HTML.escape(key))</h3>" + table(t, w, rows: groups[key]!, skip: g)
        }
        return s
    }

    // MARK: - sections

    static func partners(_ c: ReportContent) -> String {
        let w = c.words
        let t = c.partnersTable()
        var s = #"<p class="order">\#(HTML.escape(w[.orderAppendix]))</p>"#
        var order: [String] = []
        var byRule: [String: [[ReportCell]]] = [:]
        for row in t.rows {
            let rule = row[0].display(w)
            if byRule[rule] == nil { order.append(rule) }
            byRule[rule, default: []].append(row)
        }
        // Pairs first (numbered), then the recipients left without a partner, per rule.
        let noteColumn = t.columns.count - 3
        for rule in order {
            let rows = byRule[rule]!
            let paired = rows.filter { if case .integer = $0[1] { return true } else { return false } }
            let unpaired = rows.filter { if case .integer = $0[1] { return false } else { return true } }
            s += "<h3>\(HTML.escape(rule))</h3>"
            if paired.isEmpty {
                s += "<p>\(HTML.escape(w[.noPairs]))</p>"
            } else {
                // The order's table: number, recipient, partner, minutes, gains, note; ids stay in the workbook.
                var shown = ReportTable(key: t.key, title: t.title, columns: Array(t.columns.prefix(noteColumn + 1)),
                                        rows: paired.map { Array($0.prefix(noteColumn + 1)) })
                let hasNote = paired.contains { !$0[noteColumn].display(w).isEmpty }
                if !hasNote {
                    shown.columns.removeLast()
                    shown.rows = shown.rows.map { Array($0.dropLast()) }
                }
                s += table(shown, w, skip: 0)
            }
            if !unpaired.isEmpty {
                s += "<h4>\(HTML.escape(w[.withoutPartner]))</h4><ul>"
                for row in unpaired {
                    let note = row[noteColumn].display(w)
                    s += "<li>\(HTML.escape(row[2].display(w)))\(note.isEmpty ? "" : ": " + HTML.escape(note))</li>"
                }
                s += "</ul>"
            }
        }
        s += #"<p class="signature">\#(HTML.escape(w[.orderSignature]))</p>"#
        return s
    }

    static func map(_ c: ReportContent) -> String {
        var s = MapSVG.svg(c, standalone: false)
        let missing = MapSVG.unplaced(c)
        if !missing.isEmpty {
            s += #"<p class="note">\#(HTML.escape(c.words[.mapNoCoordinates])): "#
            s += missing.map { HTML.escape($0.name) }.joined(separator: "; ") + "</p>"
        }
        return s
    }

    static func schools(_ c: ReportContent) -> String {
        let w = c.words
        let places = c.schoolsTable(), bus = c.busTable()
        var busBySchool: [String: [[ReportCell]]] = [:]
        for row in bus.rows { busBySchool[row[0].display(w), default: []].append(row) }
        var s = ""
        var seen = Set<String>()
        for row in places.rows where seen.insert(row[0].display(w)).inserted {
            let school = row[0].display(w)
            s += #"<div class="school"><h3>\#(HTML.escape(school))</h3>"#
            s += "<h4>\(HTML.escape(w[.whereStudentsAre]))</h4>"
            s += table(places, w, rows: places.rows.filter { $0[0].display(w) == school }, skip: 0)
            s += "<h4>\(HTML.escape(w[.busTitle]))</h4>"
            if let trips = busBySchool[school] {
                s += table(bus, w, rows: trips, skip: 0)
            } else {
                s += "<p>\(HTML.escape(w[.busNone]))</p>"
            }
            s += #"<p class="note">\#(HTML.escape(w[.busLegend]))</p></div>"#
        }
        return s
    }

    static func teachers(_ c: ReportContent) -> String {
        let w = c.words
        guard let day = c.day else { return "" }
        let order = c.groupListOrder()
        var s = ""
        for (id, sections) in c.teacherSections {
            let home = c.input.scenario.teachers.first { $0.id == id }?.site
            s += #"<div class="teacher card"><h3>\#(HTML.escape(c.teacher(id))) (\#(HTML.escape(id)))</h3>"#
            if let home { s += "<p>\(HTML.escape(w[.worksAt])): \(HTML.escape(c.org(home)))</p>" }
            let rows: [[ReportCell]] = sections.map { sec in
                let slot = day.slots.first { $0.id == sec.slot }
                return [.text(sec.slot), .text(slot.map { "\($0.start)–\($0.end)" } ?? ""), .text(c.course(sec.course)),
                        .text(c.site(sec.site)), .text(sec.room ?? "—"), .integer(day.studentsIn[sec.id]?.count ?? 0)]
            }
            let t = ReportTable(key: "teacher", title: "", columns: [w[.slot], w[.time], w[.course], w[.site], w[.room], w[.students]], rows: rows)
            s += table(t, w)
            // Each section's group list, as the workbook's «Списки групп» orders it (by school, then id).
            for sec in sections {
                s += #"<p class="note">\#(HTML.escape(w.groupList(sec.id, order(day.studentsIn[sec.id] ?? []))))</p>"#
            }
            s += "</div>"
        }
        return s
    }

    static func students(_ c: ReportContent) -> String {
        let w = c.words
        guard let day = c.day else { return "" }
        var s = ""
        let defaultWants = c.input.scenario.profileDay?.coursesPerStudent ?? 0
        for student in c.input.scenario.students {
            let sections = day.sectionsOf[student.id] ?? []
            s += #"<div class="card student"><h3>\#(HTML.escape(w[.student])) \#(HTML.escape(student.id)) — \#(HTML.escape(c.org(student.school)))</h3>"#
            let rows: [[ReportCell]] = day.slots.enumerated().map { t, slot in
                let time = ReportCell.text("\(slot.start)–\(slot.end)")
                guard t < sections.count, let sec = sections[t] else {
                    let place = (day.placesOf[student.id].map { c.org($0[t]) }) ?? ""
                    return [.text(slot.id), time, .text(w.free(at: place)), .empty, .empty, .empty]
                }
                return [.text(slot.id), time, .text(c.course(sec.course)), .text(c.site(sec.site)), .text(sec.room ?? "—"), .text(c.teacher(sec.teacher))]
            }
            let t = ReportTable(key: "student", title: "", columns: [w[.slot], w[.time], w[.course], w[.site], w[.room], w[.teacher]], rows: rows)
            s += table(t, w)
            let got = sections.compactMap { $0 }.count
            s += #"<p class="note">\#(HTML.escape(w[.got])): \#(got); \#(HTML.escape(w[.wanted].lowercased())): \#(student.wants ?? defaultWants)</p></div>"#
        }
        return s
    }

    static func notOpened(_ c: ReportContent) -> String {
        let w = c.words
        let courses = c.notOpenedTable(), short = c.shortTable()
        var s = courses.rows.isEmpty ? "<p>\(HTML.escape(w[.everyCourseOpened]))</p>" : table(courses, w)
        s += "<h3>\(HTML.escape(w[.shortTitle]))</h3>"
        s += short.rows.isEmpty ? "<p>\(HTML.escape(w[.everyStudentServed]))</p>" : table(short, w)
        return s
    }
}
