import Foundation
import ProfileDay
import Scenarios
import SetkaModel
import Testing
@testable import Reports

/// A base run of the report fixture and one variant without teacher T2 (chemistry, section S2),
/// with figures from the checker as `setka compare` makes them.
enum ComparisonFixture {
    static func runs(language: String = "ru", schoolA: String = "Школа А", variantName: String = "Без химика",
                     source: String = "district/whatif/no-chem.yaml", kept: Bool = false)
        throws -> (input: ComparisonReportInput, base: Scenario, variant: Scenario) {
        let base = try Fixture.scenario(language: language, schoolA: schoolA)
        let published = try Fixture.timetable()
        var variant = base
        variant.name = variantName
        variant.teachers.removeAll { $0.id == "T2" }
        var fresh = published
        fresh.sections.removeAll { $0.id == "S2" }
        fresh.enrolments.removeAll { $0.section == "S2" }

        let pair = Scenarios.PartnerRow(rule: "Low results", recipient: "B", provider: "A", minutes: 25, gain: 20)
        var b = ScenarioRunResult(
            name: base.name, source: "district", inputHash: "base",
            profileDay: ProfileDayFigures(ProfileDaySolve(timetable: published, bound: 520, status: .feasible, seconds: 1), in: base),
            timetable: published,
            partnering: PartneringFigures(PartneringSolve(pairs: [pair], unservedRecipients: ["D"], objective: 20, status: .optimal, seconds: 0.1)),
            partnerPairs: [pair])
        b.studentsKnown = base.students.map(\.id)
        let report = VariantReport(effects: [.removedTeacher("T2"),
                                             .scaledDemand(course: "rob", factor: 1.5, choosersBefore: 2, choosersAfter: 3, studentsChanged: 1)],
                                   demandChanges: [DemandChange(course: "rob", factor: 1.5, choosersBefore: 2, choosersAfter: 3,
                                                                added: [.init(student: "a2", position: 0)], removed: [])])
        var v = ScenarioRunResult(
            name: variantName, source: source, inputHash: "variant",
            profileDay: ProfileDayFigures(ProfileDaySolve(timetable: fresh, bound: 400, status: .optimal, seconds: 1), in: variant),
            timetable: fresh,
            partnering: PartneringFigures(PartneringSolve(pairs: [], unservedRecipients: ["B", "D"], objective: 0, status: .optimal, seconds: 0.1)),
            partnerPairs: [], variantReport: report)
        v.studentsKnown = variant.students.map(\.id)
        if kept { v.kept = StableReplanning.replan(published: published, in: variant, fresh: fresh) }
        let comparison = Comparison(base: b, variants: [v])
        return (ComparisonReportInput(comparison: comparison, scenario: base), base, variant)
    }

    static func html(language: String = "ru", schoolA: String = "Школа А", kept: Bool = false) throws -> String {
        Reports.comparisonHTML(try runs(language: language, schoolA: schoolA, kept: kept).input)
    }

    /// A sweep of three values, the runs of the fixture's base at each.
    static func sweep(language: String = "ru") throws -> (SweepResult, Scenario) {
        let (input, base, _) = try runs(language: language, schoolA: language == "ru" ? "Школа А" : "School A")
        var runs: [ScenarioRunResult] = []
        for n in 1...3 {
            var r = input.comparison.base
            r.profileDay?.sections = n + 2
            runs.append(r)
        }
        return (SweepResult(spec: SweepSpec(key: "profile_day.min_section_size", values: ["1", "2", "3"]), runs: runs), base)
    }
}

/// Tags that are opened and never closed, or closed out of order: the elements the reports emit
/// must nest properly (void elements and `<x/>` aside).
func unbalancedTags(_ html: String) -> [String] {
    let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "wbr"]
    let tag = try! NSRegularExpression(pattern: #"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>"#)
    var stack: [String] = [], problems: [String] = []
    for m in tag.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        let closing = !Range(m.range(at: 1), in: html)!.isEmpty
        let name = html[Range(m.range(at: 2), in: html)!].lowercased()
        let selfClosing = !Range(m.range(at: 3), in: html)!.isEmpty
        if void.contains(name) || selfClosing { continue }
        if !closing { stack.append(name); continue }
        if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> where <\(stack.last ?? "nothing")> is open") }
    }
    return problems + stack.map { "<\($0)> never closed" }
}

/// The text of the first Cyrillic letter and what precedes it, or nil.
func firstCyrillic(_ text: String) -> String? {
    let cyrillic = try! NSRegularExpression(pattern: "[А-Яа-яЁё]")
    guard let m = cyrillic.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), let r = Range(m.range, in: text) else { return nil }
    let from = text.index(r.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
    return String(text[from..<r.upperBound])
}

@Suite("Comparison report (comparison.html)")
struct ComparisonReportTests {
    @Test("the tag checker catches what it is meant to catch")
    func tagCheckerSelfCheck() {
        #expect(unbalancedTags("<p><b>x</b></p><br><rect x='1'/>") == [])
        #expect(!unbalancedTags("<p><b>x</p></b>").isEmpty)
        #expect(!unbalancedTags("<table><tr><td>x</td></table>").isEmpty)
    }

    @Test("one self-contained document with balanced tags", arguments: ["ru", "en"])
    func wellFormed(language: String) throws {
        for kept in [false, true] {
            let html = try ComparisonFixture.html(language: language, kept: kept)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains(#"<html lang="\#(language)"><head><meta charset="utf-8">"#))
            #expect(unbalancedTags(html) == [])
            #expect(HTMLReportTests.externalReferences(html) == [])
            #expect(html.contains("@page { size: A4;"))
            #expect(html.hasSuffix("</body></html>\n"))
        }
    }

    @Test("Russian: title, legend, translated rows and changes, decimal comma, no English label")
    func russian() throws {
        let html = try ComparisonFixture.html(kept: true)
        #expect(html.contains("<h1>Сравнение вариантов</h1>"))
        #expect(html.contains("Базовый сценарий: <b>Test district</b>"))
        // The legend: column, name, file.
        #expect(html.contains(#"<tr><td class="id">в1</td><td>Без химика</td><td>district/whatif/no-chem.yaml</td></tr>"#))
        #expect(html.contains("<th>Показатель</th><th>база</th><th>в1</th>"))
        for label in ["Проверено независимой проверкой", "Доля записей по 1-му выбору, %", "Учителей ведут занятия",
                      "Пар партнёров", "Получателей без (всех) партнёров"] {
            #expect(html.contains("<td>\(label)</td>"), "\(label)")
        }
        #expect(html.contains("допустимо, оптимальность не доказана"))
        // What the variant file changes, translated, and whom scale_demand changed.
        #expect(html.contains("<li>убран учитель Teacher Two (T2)</li>"))
        #expect(html.contains("<li>спрос на курс «Robotics» ×1,5: выбирали 2 учеников, теперь 3 (изменён выбор учеников: 1)</li>"))
        #expect(html.contains("<li>Курс «Robotics»: изменён выбор 1 уч.: a2</li>"))
        // Against the base: S2 (chemistry at school A, slot 2) closed; a1, b1, b2 lost it; the pair removed.
        #expect(html.contains("<td>Закрылись группы</td><td class=\"num\">1</td><td>Chemistry — Школа А, занятие 2</td>"))
        #expect(html.contains("<td>Ученики, потерявшие курс</td><td class=\"num\">3</td><td>a1 (Chemistry); b1 (Chemistry); b2 (Chemistry)</td>"))
        #expect(html.contains("<td>Пары партнёров, которых больше нет</td><td class=\"num\">1</td><td>School B: партнёр Школа А (Low results)</td>"))
        #expect(html.contains(#"<p class="signature">Подготовил"#))
        for label in Label.allCases {
            let en = label.text(.en)
            guard en.count > 4 else { continue }
            #expect(!html.contains(">" + en + "<"), "English label \(label) in the Russian report")
        }
    }

    @Test("English: English labels, and with Latin data not one Cyrillic letter")
    func english() throws {
        let (input, _, _) = try ComparisonFixture.runs(language: "en", schoolA: "School A", variantName: "No chemistry", kept: true)
        let html = Reports.comparisonHTML(input)
        #expect(firstCyrillic(html) == nil)
        #expect(html.contains("<h1>Comparison of what-if variants</h1>"))
        #expect(html.contains("<th>Figure</th><th>base</th><th>v1</th>"))
        #expect(html.contains("<td>Verified by the independent checker</td>"))
        #expect(html.contains("<li>removed teacher Teacher Two (T2)</li>"))
        #expect(html.contains("a1 (Chemistry); b1 (Chemistry); b2 (Chemistry)"))
        #expect(html.contains("Chemistry — School A, slot 2"))
        #expect(html.contains(#"<section id="kept-1"><h2>v1 “No chemistry”: stable re-planning</h2>"#))
        #expect(html.contains("How the plan was made: <b>the published timetable kept and refilled</b>"))
    }

    @Test("numbers in the report's style, from the run results' figures")
    func figures() throws {
        let (input, _, _) = try ComparisonFixture.runs()
        let content = ComparisonContent(input)
        let table = content.figuresTable()
        let rows = table.rows.map { $0.map { $0.display(content.words) } }
        let base = try #require(input.comparison.base.profileDay), variant = try #require(input.comparison.variants[0].profileDay)
        #expect(rows.first == ["Профильный день", "", ""])
        #expect(rows.contains(["Открыто занятий (групп)", "\(base.sections)", "\(variant.sections)"]))
        #expect(rows.contains([ComparisonContent.indent + "получили все выбранные курсы", "\(base.fullyServed)", "\(variant.fullyServed)"]))
        #expect(rows.contains(["Доля записей по 1-му выбору, %", Words(.ru).number(base.firstChoiceShare * 100), Words(.ru).number(variant.firstChoiceShare * 100)]))
        #expect(rows.contains(["Разрыв до границы, %", Words(.ru).number(base.gap! * 100, digits: 2), Words(.ru).number(variant.gap! * 100, digits: 2)]))
        #expect(rows.contains(["Пар партнёров", "1", "0"]))
        #expect(rows.contains(["Получателей без (всех) партнёров", "1", "2"]))
        #expect(rows.contains(["Проверено независимой проверкой", "да", "да"]))
        #expect(table.headingRows.count == 2)
        // A run without a part shows a dash.
        var onlyPartners = input
        onlyPartners.comparison.variants[0].profileDay = nil
        let dashed = ComparisonContent(onlyPartners).figuresTable().rows.map { $0.map { $0.display(content.words) } }
        #expect(dashed.contains(["Учеников", "6", "—"]))
    }

    @Test("names, files and ids from the data are escaped")
    func escaping() throws {
        let hostile = #"<script>alert('x')</script> & "Химия""#
        var (input, _, _) = try ComparisonFixture.runs(schoolA: #"Школа <А> & "Б""#, variantName: hostile,
                                                        source: #"whatif/<a&b>".yaml"#, kept: true)
        input.comparison.base.name = "Base <i>&</i>"
        input.comparison.variants[0].variantReport?.effects.append(.removedStudent("<b>&amp;"))
        input.comparison.variants[0].problems = ["profile day: <broken> & \"gone\""]
        let html = Reports.comparisonHTML(input)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<i>&"))
        #expect(!html.contains("<b>&amp;"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Химия&quot;"))
        #expect(html.contains("whatif/&lt;a&amp;b&gt;&quot;.yaml"))
        #expect(html.contains("Base &lt;i&gt;&amp;&lt;/i&gt;"))
        #expect(html.contains("убран ученик &lt;b&gt;&amp;amp;"))
        #expect(html.contains("Chemistry — Школа &lt;А&gt; &amp; &quot;Б&quot;, занятие 2"))
        #expect(html.contains("profile day: &lt;broken&gt; &amp; &quot;gone&quot;"))
        #expect(unbalancedTags(html) == [])
        #expect(HTMLReportTests.externalReferences(html) == [])
    }

    @Test("the kept-plan section appears only with kept plans, with the method and reasons translated")
    func keptSection() throws {
        let without = try ComparisonFixture.html()
        #expect(!without.contains(#"<section id="kept-1""#))
        #expect(!without.contains("Устойчивое перепланирование"))
        #expect(!without.contains("Сохранённый план"))

        let (input, _, _) = try ComparisonFixture.runs(kept: true)
        let k = try #require(input.kept.first)
        #expect(input.kept.count == 1 && k.variant == "Без химика")
        let html = Reports.comparisonHTML(input)
        #expect(html.contains(#"<section id="kept-1"><h2>в1 «Без химика»: устойчивое перепланирование</h2>"#))
        #expect(k.result.method == .keptAndRefilled)
        #expect(html.contains("Как получен план: <b>опубликованное расписание сохранено и дополнено</b>"))
        #expect(html.contains("<th>Показатель</th><th>Сохранённый план</th><th>Расчёт с нуля</th>"))
        // S2's teacher is gone: the section is dropped with the checker's reason in Russian.
        #expect(k.result.sectionsDropped.map(\.section) == ["S2"])
        #expect(html.contains(#"<td class="id">S2</td><td>учителя T2 больше нет</td>"#))
        #expect(html.contains("<td>Ученики, у которых изменился день</td><td class=\"num\">\(k.result.kept.studentsChanged)</td><td class=\"num\">\(k.result.fresh!.studentsChanged)</td>"))
        #expect(html.contains(#"<td>Проверено независимой проверкой</td><td class="id">да</td><td class="id">да</td>"#))
        #expect(html.contains(k.result.changedStudents.joined(separator: "; ")))
        // Given explicitly (as the CLI does) or not at all.
        var none = input
        none.kept = []
        #expect(!Reports.comparisonHTML(none).contains(#"<section id="kept-1""#))
    }

    @Test("a variant whose profile day failed: the problem is shown, not every section as closed")
    func failedVariant() throws {
        var (input, _, _) = try ComparisonFixture.runs()
        input.comparison.variants[0].profileDay = nil
        input.comparison.variants[0].timetable = nil
        input.comparison.variants[0].problems = ["profile day: the solver failed"]
        input.comparison = Comparison(base: input.comparison.base, variants: input.comparison.variants)
        let content = ComparisonContent(input)
        let labels = content.diffTable(0).rows.map { $0[0].display(content.words) }
        #expect(labels == ["Новые пары партнёров", "Пары партнёров, которых больше нет"])
        let html = Reports.comparisonHTML(input)
        #expect(html.contains("<h3>Не удалось рассчитать</h3><ul><li>profile day: the solver failed</li></ul>"))
        #expect(!html.contains("Закрылись группы"))
    }

    @Test("long lists name the first ones and say how many more")
    func listLimit() throws {
        var (input, _, _) = try ComparisonFixture.runs()
        input.listLimit = 2
        let html = Reports.comparisonHTML(input)
        #expect(html.contains("a1 (Chemistry); b1 (Chemistry) и ещё 1"))
        #expect(Words(.en).list(["a", "b", "c"], limit: 1) == "a and 2 more")
        #expect(Words(.ru).list(["a"], limit: 3) == "a")
    }

    @Test("every effect of the variant loader and the usual dropped-section findings are worded in Russian and English")
    func variantWordings() {
        let ru = Words(.ru), en = Words(.en)
        let cases: [(VariantEffect, String, String)] = [
            (.removedTeacher("T17"), "removed teacher T17", "убран учитель T17"),
            (.removedStudent("s01"), "removed student s01", "убран ученик s01"),
            (.removedRoom(room: "12", site: "a"), "removed room 12 at a", "убрана аудитория 12 на площадке a"),
            (.removedCourse(course: "chem", teachers: 2, students: 1),
             "removed course chem (from 2 teachers' courses and 1 student' choices)",
             "убран курс chem (из курсов учителей: 2, из выбора учеников: 1)"),
            (.removedSchool(school: "k", rooms: 1, teachers: 2, students: 3, coursesRemoved: ["law"], partnerPairsDropped: 1),
             "removed school k with 1 room, 2 teachers and 3 students; course law could only be held there and is removed too; 1 fixed/forbidden partner pair naming it dropped",
             "убрана школа k (аудиторий: 1, учителей: 2, учеников: 3); курсы, которые можно было провести только там, тоже убраны: law; заданных или запрещённых пар партнёров с ней снято: 1"),
            (.set(key: "profile_day.min_section_size", value: "8"), "set profile_day.min_section_size = 8",
             "настройка profile_day.min_section_size = 8"),
            (.scaledDemand(course: "rob", factor: 1.5, choosersBefore: 2, choosersAfter: 3, studentsChanged: 1),
             "scale_demand rob ×1.5: 2 → 3 students choose it (1 student changed)",
             "спрос на курс rob ×1,5: выбирали 2 учеников, теперь 3 (изменён выбор учеников: 1)"),
            (.addedRows(rows: 1, file: "extra.csv", table: "teachers"), "added 1 row from extra.csv to teachers",
             "добавлено строк: 1 (из extra.csv в таблицу teachers)"),
        ]
        for (effect, english, russian) in cases {
            #expect(en.sentence(effect) == english)
            #expect(ru.sentence(effect) == russian)
        }
        #expect(ru.sentence(Violation.Detail.sectionTooSmall(section: "S1", course: "rob", enrolled: 3, minSize: 8))
                == "в группе S1 курса rob 3 ученика — меньше минимума 8")
        #expect(ru.sentence(Violation.Detail.unknownSite(section: "S4", site: "k")) == "группа S4 — на площадке k, которой нет в schools.csv")
        #expect(ru.dropped(Violation(.sectionTooSmall(section: "S1", course: "rob", enrolled: 3, minSize: 8)))
                == "в группе курса rob осталось 3 уч. — меньше минимума 8")
        #expect(ru.dropped(Violation(.unknownSite(section: "S4", site: "k"))) == "площадки k больше нет")
        #expect(en.dropped(Violation(.unknownTeacher(section: "S4", teacher: "T2"))) == "teacher T2 is gone")
    }
}

@Suite("Sweep report (sweep.html)")
struct SweepReportTests {
    @Test("a row per value, translated headers, the chart inline without a namespace", arguments: ["ru", "en"])
    func sweep(language: String) throws {
        let (result, scenario) = try ComparisonFixture.sweep(language: language)
        let html = Reports.sweepHTML(result, scenario: scenario)
        #expect(unbalancedTags(html) == [])
        #expect(HTMLReportTests.externalReferences(html) == [])
        #expect(!html.contains("xmlns"))
        #expect(html.contains(#"<div class="chart"><svg width="#))
        #expect(html.components(separatedBy: "<circle").count - 1 >= 3)
        let table = ComparisonHTML.sweepTable(result, Words(scenario.language))
        #expect(table.rows.count == 3)
        #expect(table.columns.first == Words(scenario.language)[.value])
        #expect(table.rows.map { $0[0] } == [.text("1"), .text("2"), .text("3")])
        #expect(html.contains("<b>profile_day.min_section_size</b>"))
        let sections = try #require(table.columns.firstIndex(of: Words(scenario.language)[.sectionsOpened]))
        #expect(table.rows.map { $0[sections] } == [.integer(3), .integer(4), .integer(5)])
        if language == "ru" {
            #expect(html.contains(#"<html lang="ru">"#))
            #expect(html.contains("<h1>Перебор значений параметра</h1>"))
            #expect(html.contains("<th>Открыто занятий (групп)</th>"))
            #expect(html.contains(">Открыто занятий (групп)</text>"))   // the chart's own titles too
            #expect(!html.contains(">sections</text>"))
        } else {
            #expect(firstCyrillic(html) == nil)
            #expect(html.contains("<h1>Parameter sweep</h1>"))
            #expect(html.contains(">Sections opened</text>"))
        }
    }
}

@Suite("Comparison report in a real browser")
struct ComparisonBrowserTests {
    // One headless run (a few seconds); skipped with this reason where Chromium is not installed.
    @Test("headless Chromium parses comparison.html whole, without console messages",
          .enabled(if: Tools.chromium != nil, "chromium is not on PATH (apt-get install chromium); CI does not install it"))
    func chromiumParses() throws {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (input, _, _) = try ComparisonFixture.runs(variantName: #"<script>console.error("x")</script> Без химика"#, kept: true)
        let page = dir.appendingPathComponent(Reports.comparisonFile)
        try Data(Reports.comparisonHTML(input).utf8).write(to: page)
        let dom = try Tools.chromium(["--dump-dom", page.absoluteString], profile: dir.appendingPathComponent("profile"))
        #expect(Tools.consoleLines(dom.stderr) == [])
        for id in ["columns", "figures", "variant-1", "kept-1"] { #expect(dom.stdout.contains(#"<section id="\#(id)""#), "\(id)") }
        #expect(dom.stdout.components(separatedBy: "<table>").count - 1 == 5)
        #expect(dom.stdout.contains("</footer>"))
    }
}
