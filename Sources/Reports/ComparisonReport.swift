import Foundation
import ProfileDay
import Scenarios
import SetkaModel

/// Everything the printable comparison (`comparison.html`) is built from: plain values, as
/// `setka compare` holds them.
public struct ComparisonReportInput: Sendable {
    public var comparison: Comparison
    /// Variants re-planned against a published timetable (`setka compare --keep`); one section each.
    public var kept: [KeptPlan]
    /// The base scenario, for the titles of courses and the names of schools (ids without it).
    public var scenario: Scenario?
    public var language: ReportLanguage
    /// How many students, sections or pairs a list names before "and N more".
    public var listLimit: Int
    /// What each column (base first) was made from, as its reader knows it, in `language`: the
    /// app's data version and variants («версия данных № 2: закрепления изменены вручную»,
    /// «задан в форме, 04.12.2026 05:26»). Without it the legend shows each run's `source`, the
    /// file it was loaded from (what `setka compare` was given).
    public var sources: [String]?

    /// `kept` defaults to the comparison's own (`Comparison.keptPlans`), `language` to the
    /// scenario's `language:` (Russian without a scenario).
    public init(comparison: Comparison, kept: [KeptPlan]? = nil, scenario: Scenario? = nil,
                language: ReportLanguage? = nil, listLimit: Int = 20, sources: [String]? = nil) {
        self.comparison = comparison; self.kept = kept ?? comparison.keptPlans; self.scenario = scenario
        self.language = language ?? scenario?.language ?? .ru; self.listLimit = listLimit; self.sources = sources
    }
}

/// The comparison's tables in the report's language, built from the run results' figures (not
/// from the English `Comparison.rows`). Each table has one builder function below.
struct ComparisonContent: Sendable {
    let input: ComparisonReportInput
    let words: Words

    /// No-break spaces: an indent that HTML keeps.
    static let indent = "\u{00A0}\u{00A0}\u{00A0}"

    init(_ input: ComparisonReportInput) {
        self.input = input
        words = Words(input.language, names: input.scenario.map(Names.init) ?? Names())
    }

    var comparison: Comparison { input.comparison }

    func org(_ id: String) -> String { words.names.organisation(id) }
    func course(_ id: String) -> String { words.names.course(id) }

    /// Column titles: "база", "в1", "в2", … (the legend names each).
    var columnTitles: [String] { [words[.baseColumn]] + comparison.variants.indices.map { words.variantColumn($0 + 1) } }

    /// The legend: each column's scenario name and the file it was loaded from (or what it was
    /// made from, `input.sources`).
    func columnsTable() -> ReportTable {
        let runs = comparison.runs
        let noted = runs.contains { $0.fromCache || $0.adoptedFrom != nil }
        let sources = input.sources.flatMap { $0.count == runs.count ? $0 : nil }
        var columns = [words[.column], words[.name], sources == nil ? words[.file] : words[.madeFrom]]
        if noted { columns.append(words[.note]) }
        let rows: [[ReportCell]] = zip(columnTitles, runs).enumerated().map { i, pair in
            let (title, r) = pair
            var row: [ReportCell] = [.text(title), .text(r.name), .text(sources?[i] ?? r.source)]
            if noted {
                var notes: [String] = []
                if r.fromCache { notes.append(words[.fromCache]) }
                if let from = r.adoptedFrom { notes.append(words.adoptedFrom(from)) }
                row.append(notes.isEmpty ? .empty : .text(notes.joined(separator: "; ")))
            }
            return row
        }
        return ReportTable(key: "columns", title: words[.columnsTitle], columns: columns, rows: rows)
    }

    /// The side-by-side key figures: one row per figure, one column per run (base first); "—"
    /// where a run has no such part.
    func figuresTable() -> ReportTable {
        let runs = comparison.runs
        var rows: [[ReportCell]] = []
        var headings: Set<Int> = []
        func add(_ label: String, _ cell: (ScenarioRunResult) -> ReportCell?) {
            rows.append([.text(label)] + runs.map { cell($0) ?? .text("—") })
        }
        func heading(_ label: String) {
            headings.insert(rows.count)
            rows.append([.text(label)] + runs.map { _ in .empty })
        }
        let day = runs.contains { $0.profileDay != nil }, partners = runs.contains { $0.partnering != nil }
        let i = Self.indent
        if day {
            if partners { heading(words[.profileDay]) }
            add(words[.studentsTotal]) { $0.profileDay.map { .integer($0.students) } }
            add(i + words[.fullyServed]) { $0.profileDay.map { .integer($0.fullyServed) } }
            add(i + words[.partlyServed]) { $0.profileDay.map { .integer($0.partlyServed) } }
            add(i + words[.notServed]) { $0.profileDay.map { .integer($0.notServed) } }
            add(words[.firstChoiceShare]) { $0.profileDay.map { .number($0.firstChoiceShare * 100, digits: 1) } }
            add(words[.sectionsOpened]) { $0.profileDay.map { .integer($0.sections) } }
            add(i + words[.remoteSections]) { $0.profileDay.map { .integer($0.remoteSections) } }
            add(words[.teachersTeaching]) { $0.profileDay.map { .integer($0.teachersTeaching) } }
            add(words[.travelMean]) { $0.profileDay.map { .number($0.meanTravelMinutes, digits: 1) } }
            add(words[.travelMax]) { $0.profileDay.map { .number($0.maxTravelMinutes, digits: 1) } }
            add(words[.objective]) { $0.profileDay.map { .number($0.objective, digits: 1) } }
            if runs.contains(where: { $0.profileDay?.bound != nil }) {
                add(words[.bound]) { $0.profileDay?.bound.map { .number($0, digits: 1) } }
                add(words[.gap]) { $0.profileDay?.gap.map { .number($0 * 100, digits: 2) } }
            }
            add(words[.statusSchedule]) { $0.profileDay.map { .text(words.status($0.status)) } }
            add(words[.verified]) { $0.profileDay.map { .text(words.verified($0.verified, violations: $0.violations)) } }
        }
        if partners {
            if day { heading(words[.partnering]) }
            add(words[.statusPartners]) { $0.partnering.map { .text(words.status($0.status)) } }
            add(words[.pairs]) { $0.partnering.map { .integer($0.pairs) } }
            add(words[.totalGain]) { $0.partnering.map { .number($0.totalGain, digits: 1) } }
            add(words[.recipientsWithout]) { $0.partnering.map { .integer($0.unservedRecipients) } }
            if runs.contains(where: { $0.partnering?.objective != nil }) {
                add(words[.objective]) { $0.partnering?.objective.map { .number($0, digits: 1) } }
            }
        }
        return ReportTable(key: "figures", title: words[.keyFigures], columns: [words[.figure]] + columnTitles,
                           rows: rows, headingRows: headings)
    }

    /// What the variant file changes in the data, one line each (students a `scale_demand`
    /// changed listed after); nil for a plain scenario compared as a variant.
    func changeLines(_ v: ScenarioRunResult) -> [String]? {
        guard let report = v.variantReport else { return nil }
        var lines = report.effects.map { words.sentence($0) }
        for dc in report.demandChanges where !dc.changedStudents.isEmpty {
            let students = dc.changedStudents
            lines.append(words.demandStudents(course: course(dc.course), count: students.count) + ": "
                         + words.list(students, limit: input.listLimit))
        }
        return lines
    }

    /// What changed from the base to variant `index` (0-based): sections opened and closed,
    /// students who lost or gained a course, whose day changed, partner pairs added and removed.
    /// A part is compared only when both runs have it: a part that failed to solve (see the
    /// problems) would otherwise look as if everything of it closed.
    func diffTable(_ index: Int) -> ReportTable {
        let v = comparison.variants[index], d = comparison.diffs[index], base = comparison.base
        let limit = input.listLimit
        var rows: [[ReportCell]] = []
        func add(_ label: String, _ count: Int, _ items: [String] = []) {
            rows.append([.text(label), .integer(count), items.isEmpty ? .empty : .text(words.list(items, limit: limit))])
        }
        if base.profileDay != nil && v.profileDay != nil {
            func place(_ p: SectionPlace) -> String { words.sectionPlace(course: course(p.course), site: p.site.map(org), slot: p.slot) }
            func studentCourse(_ c: StudentCourse) -> String { "\(c.student) (\(course(c.course)))" }
            add(words[.diffSectionsOpened], d.sectionsOpened.count, d.sectionsOpened.map(place))
            add(words[.diffSectionsClosed], d.sectionsClosed.count, d.sectionsClosed.map(place))
            add(words[.studentsLostCourse], Set(d.coursesLost.map(\.student)).count, d.coursesLost.map(studentCourse))
            add(words[.studentsGainedCourse], Set(d.coursesGained.map(\.student)).count, d.coursesGained.map(studentCourse))
            add(words[.studentsDayChanged], d.studentsWithChangedDay)
            if d.studentsRemoved > 0 { add(words[.studentsRemoved], d.studentsRemoved) }
            if d.studentsAdded > 0 { add(words[.studentsAdded], d.studentsAdded) }
        }
        if base.partnering != nil && v.partnering != nil {
            func pair(_ p: PairKey) -> String { words.pair(recipient: org(p.recipient), provider: org(p.provider), rule: p.rule) }
            add(words[.pairsAdded], d.pairsAdded.count, d.pairsAdded.map(pair))
            add(words[.pairsRemoved], d.pairsRemoved.count, d.pairsRemoved.map(pair))
        }
        return ReportTable(key: "diff-\(index + 1)", title: words[.againstBase],
                           columns: [words[.what], words[.howMany], words[.whoOrWhat]], rows: rows)
    }

    /// The kept plan beside a fresh solve of the variant (`fresh`: the variant's run).
    func keptTable(_ k: KeptPlan, fresh: ScenarioRunResult?) -> ReportTable {
        let r = k.result, f = r.fresh, figures = fresh?.profileDay
        var rows: [[ReportCell]] = []
        func add(_ label: String, _ kept: ReportCell, _ fresh: ReportCell?) { rows.append([.text(label), kept, fresh ?? .text("—")]) }
        func gap(_ objective: Double, _ bound: Double) -> ReportCell {
            .number(100 * max(0, bound - objective) / max(1, abs(bound)), digits: 2)
        }
        add(words[.studentsDayChanged], .integer(r.kept.studentsChanged), f.map { .integer($0.studentsChanged) })
        add(words[.teachersChanged], .integer(r.kept.teachersChanged), f.map { .integer($0.teachersChanged) })
        add(words[.objective], .number(r.kept.objective, digits: 1), f.map { .number($0.objective, digits: 1) })
        if let b = k.freshBound {
            add(words[.bound], .number(b, digits: 1), .number(b, digits: 1))
            add(words[.gap], gap(r.kept.objective, b), f.map { gap($0.objective, b) })
        }
        let i = Self.indent
        add(words[.studentsTotal], .integer(r.figures.students), figures.map { .integer($0.students) })
        add(i + words[.fullyServed], .integer(r.figures.fullyServed), figures.map { .integer($0.fullyServed) })
        add(i + words[.partlyServed], .integer(r.figures.partlyServed), figures.map { .integer($0.partlyServed) })
        add(i + words[.notServed], .integer(r.figures.notServed), figures.map { .integer($0.notServed) })
        add(words[.sectionsOpened], .integer(r.figures.sections), figures.map { .integer($0.sections) })
        add(words[.enrolmentsDropped], .integer(r.enrolmentsDropped), nil)
        add(words[.enrolmentsAdded], .integer(r.enrolmentsAdded), nil)
        add(words[.verified], .text(words.verified(r.figures.verified, violations: r.figures.violations)),
            figures.map { .text(words.verified($0.verified, violations: $0.violations)) })
        return ReportTable(key: "kept", title: words[.keptTitle], columns: [words[.figure], words[.keptPlan], words[.freshSolve]],
                           rows: rows)
    }

    /// The published sections the variant could not keep, with the checker's reason.
    func droppedTable(_ r: StableReplanResult) -> ReportTable {
        ReportTable(key: "dropped", title: words[.sectionsDropped], columns: [words[.section], words[.reason]],
                    rows: r.sectionsDropped.map { [.text($0.section), .text(words.dropped($0.reason))] })
    }

    /// For each kept plan, the index of its variant (by name, each variant used once).
    func keptVariants() -> [(plan: KeptPlan, variant: Int?)] {
        var used = Set<Int>()
        return input.kept.map { k in
            let i = comparison.variants.indices.first { !used.contains($0) && comparison.variants[$0].name == k.variant }
            if let i { used.insert(i) }
            return (k, i)
        }
    }
}

/// `comparison.html` and `sweep.html`: one self-contained printable page each, in the style
/// (and with the CSS) of `report.html`.
enum ComparisonHTML {
    /// The report's CSS, a chart that shrinks to the page, and a dense table (many columns) in a
    /// smaller font whose headings may break where they must.
    static let css = HTMLReport.css + """

    .chart svg { max-width: 100%; height: auto; display: block; }
    .dense table { font-size: 8pt; }
    .dense th { overflow-wrap: anywhere; }
    section[id^="sheet-group-"] th:last-child { min-width: 8em; }
    """

    /// A whole document: head with the title (and `name`, the scenario's, in the window title)
    /// and CSS, a header with `subtitle` (HTML, escaped by the caller), `body`, the signature
    /// line, the footer.
    static func document(title: String, name: String, subtitle: String, words w: Words, body: String) -> String {
        let e = HTML.escape
        var html = "<!DOCTYPE html>\n"
        html += #"<html lang="\#(w.language.rawValue)"><head><meta charset="utf-8">"#
        html += #"<meta name="viewport" content="width=device-width, initial-scale=1">"#
        html += "<title>\(e(title)): \(e(name))</title>"
        html += "<style>\n\(css)\n</style></head><body>\n"
        html += "<header><h1>\(e(title))</h1><p>\(subtitle)</p></header>\n"
        html += body
        html += #"<p class="signature">\#(e(w[.preparedBy]))</p>"# + "\n"
        html += #"<footer><p class="muted">\#(e(w[.generatedBy]))</p></footer>"#
        html += "\n</body></html>\n"
        return html
    }

    static func section(_ id: String, _ title: String, wide: Bool = false, _ inner: String) -> String {
        #"<section id="\#(id)"\#(wide ? #" class="wide""# : "")><h2>\#(HTML.escape(title))</h2>"# + inner + "</section>\n"
    }

    static func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
    }

    /// The comparison: legend, key figures side by side, what each variant changed, kept plans.
    static func html(_ input: ComparisonReportInput) -> String {
        let c = ComparisonContent(input)
        let w = c.words, e = HTML.escape
        let comparison = input.comparison
        var body = section("columns", w[.columnsTitle], HTMLReport.table(c.columnsTable(), w))
        var figures = HTMLReport.table(c.figuresTable(), w)
        if !comparison.base.problems.isEmpty {
            figures += "<h3>\(e(w[.problems])): \(e(comparison.base.name))</h3>" + list(comparison.base.problems)
        }
        // Many columns print on a landscape page.
        body += section("figures", w[.keyFigures], wide: comparison.runs.count > 5, figures)
        for (i, v) in comparison.variants.enumerated() {
            var inner = "<h3>\(e(w[.variantChanges]))</h3>"
            if let lines = c.changeLines(v) {
                inner += lines.isEmpty ? "<p>\(e(w[.noChanges]))</p>" : list(lines)
            } else {
                inner += #"<p class="muted">\#(e(w[.notAVariant]))</p>"#
            }
            let diff = c.diffTable(i)
            inner += "<h3>\(e(w[.againstBase]))</h3>"
            inner += diff.rows.isEmpty ? "<p>\(e(w[.noChanges]))</p>" : HTMLReport.table(diff, w)
            if !v.problems.isEmpty { inner += "<h3>\(e(w[.problems]))</h3>" + list(v.problems) }
            body += section("variant-\(i + 1)", w.variantHeading(c.columnTitles[i + 1], v.name), inner)
        }
        for (n, (k, index)) in c.keptVariants().enumerated() {
            let fresh = index.map { comparison.variants[$0] }
            let column = index.map { c.columnTitles[$0 + 1] } ?? ""
            // What stable re-planning is, said once, before the first kept plan.
            var inner = n == 0 ? "<p>\(e(w[.keptIntro]))</p>" : ""
            inner += "<p>\(e(w[.keptMethod])): <b>\(e(w.method(k.result.method)))</b></p>"
            inner += HTMLReport.table(c.keptTable(k, fresh: fresh), w)
            inner += "<h3>\(e(w[.sectionsDropped]))</h3>"
            inner += k.result.sectionsDropped.isEmpty ? "<p>\(e(w[.everySectionKept]))</p>" : HTMLReport.table(c.droppedTable(k.result), w)
            if !k.result.changedStudents.isEmpty {
                inner += "<h3>\(e(w[.changedStudentIDs]))</h3>"
                inner += "<p>\(e(w.list(k.result.changedStudents, limit: input.listLimit)))</p>"
            }
            body += section("kept-\(n + 1)", w.keptHeading(column, k.variant).trimmingCharacters(in: .whitespaces), inner)
        }
        let title = w[.comparisonTitle]
        return document(title: title, name: comparison.base.name, subtitle: "\(e(w[.baseScenario])): <b>\(e(comparison.base.name))</b>", words: w, body: body)
    }

    /// The sweep: the setting, one table row per value, the charts inline.
    static func sweep(_ result: SweepResult, scenario: Scenario, language: ReportLanguage) -> String {
        let w = Words(language), e = HTML.escape
        let table = sweepTable(result, w)
        // The scenario's name is in the page's header: the chart's title (one line, centred) is the setting.
        let chart = result.svg(title: result.spec.key, standalone: false) { seriesName($0, w) }
        let tableHTML = HTMLReport.table(table, w)
        var body = section("figures", w[.sweepTable], wide: table.columns.count > 10,
                           table.columns.count > 8 ? #"<div class="dense">"# + tableHTML + "</div>" : tableHTML)
        body += section("chart", w[.sweepChart], #"<div class="chart">"# + chart + "</div>")
        let problems = zip(result.spec.values, result.runs).flatMap { value, r in r.problems.map { "\(result.spec.key)=\(value): \($0)" } }
        if !problems.isEmpty { body += section("problems", w[.problems], list(problems)) }
        let subtitle = "\(e(w[.scenario])): <b>\(e(scenario.name))</b><br>\(e(w[.parameter])): <b>\(e(result.spec.key))</b>"
        return document(title: w[.sweepTitle], name: scenario.name, subtitle: subtitle, words: w, body: body)
    }

    /// One row per value of the setting: its key figures (only the parts any run has). No status
    /// column, so that the table fits a page: the gap says how far from proven each run is.
    static func sweepTable(_ result: SweepResult, _ w: Words) -> ReportTable {
        let runs = result.runs
        let day = runs.contains { $0.profileDay != nil }, partners = runs.contains { $0.partnering != nil }
        // The setting is named in the page's header; its values head the rows.
        var columns = [w[.value]]
        var cells: [(ScenarioRunResult) -> ReportCell?] = []
        func column(_ label: String, _ cell: @escaping (ScenarioRunResult) -> ReportCell?) { columns.append(label); cells.append(cell) }
        func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
        if day {
            column(capitalized(w[.fullyServed])) { $0.profileDay.map { .integer($0.fullyServed) } }
            column(capitalized(w[.partlyServed])) { $0.profileDay.map { .integer($0.partlyServed) } }
            column(capitalized(w[.notServed])) { $0.profileDay.map { .integer($0.notServed) } }
            column(w[.firstChoiceShare]) { $0.profileDay.map { .number($0.firstChoiceShare * 100, digits: 1) } }
            column(w[.sectionsOpened]) { $0.profileDay.map { .integer($0.sections) } }
            column(w[.teachersTeaching]) { $0.profileDay.map { .integer($0.teachersTeaching) } }
            column(w[.travelMean]) { $0.profileDay.map { .number($0.meanTravelMinutes, digits: 1) } }
            column(w[.travelMax]) { $0.profileDay.map { .number($0.maxTravelMinutes, digits: 1) } }
            column(w[.objective]) { $0.profileDay.map { .number($0.objective, digits: 1) } }
            column(w[.gap]) { $0.profileDay?.gap.map { .number($0 * 100, digits: 2) } }
            column(w[.verified]) { $0.profileDay.map { .text(w.verified($0.verified, violations: $0.violations)) } }
        }
        if partners {
            column(w[.pairs]) { $0.partnering.map { .integer($0.pairs) } }
            column(w[.totalGain]) { $0.partnering.map { .number($0.totalGain, digits: 1) } }
            column(w[.recipientsWithout]) { $0.partnering.map { .integer($0.unservedRecipients) } }
        }
        let rows: [[ReportCell]] = zip(result.spec.values, runs).map { value, r in
            [.text(value)] + cells.map { $0(r) ?? .text("—") }
        }
        return ReportTable(key: "sweep", title: w[.sweepTable], columns: columns, rows: rows)
    }

    /// The title of a small chart in the report's language (`Series.key`); unknown keys keep
    /// the English name.
    static func seriesName(_ s: SweepResult.Series, _ w: Words) -> String {
        switch s.key {
        case "fully_served": return "\(w[.studentsTotal]): \(w[.fullyServed])"
        case "not_served": return "\(w[.studentsTotal]): \(w[.notServed])"
        case "first_choice_share": return w[.firstChoiceShare]
        case "sections": return w[.sectionsOpened]
        case "mean_travel_minutes": return w[.travelMean]
        case "objective": return "\(w[.objective]) (\(w[.profileDay].lowercased()))"
        case "partner_pairs": return w[.pairs]
        case "partner_gain": return w[.totalGain]
        default: return s.name
        }
    }
}
