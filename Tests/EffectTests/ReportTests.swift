import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Effect
@testable import Reports
import SetkaModel

@Suite("effect.csv, effect.html and effect.xlsx")
struct EffectReportTests {
    /// The planted district with a one-year-old pairing and a school whose name needs escaping.
    static func study(language: ReportLanguage = .ru, seed: UInt64 = 3) -> EffectStudy {
        var district = PlantedDistrict(comparisonSchools: 6)
        district.recipients.append(PlantedDistrict.oneYearOld(district))
        var s = district.scenario(seed: seed, language: language)
        s.organisations[0].name = "A & <b>\"Школа\"</b>"
        return EffectStudy(scenario: s)
    }

    @Test("effect.csv: the spec's columns first, empty effect/low/high where nothing can be said")
    func csv() throws {
        let study = Self.study()
        let text = study.csv()
        #expect(text.hasPrefix("\u{FEFF}rule,recipient,provider,subject,years_before,years_after,effect,low,high,verdict,sentence,recipient_name,provider_name,comparison_schools,note\r\n"))
        let lines = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + study.rows.count)
        let young = try #require(lines.first { $0.hasPrefix("ШНОР,young,provider,math,") })
        #expect(young.hasPrefix("ШНОР,young,provider,math,2016|2017|2018|2019|2020|2021|2022,2023,,,,none,"))
        let plus = try #require(lines.first { $0.hasPrefix("ШНОР,plus6,") })
        #expect(plus.hasPrefix("ШНОР,plus6,provider,math,2016|2017|2018|2019,2020|2021|2022|2023,"))
        let e = try #require(study.rows.first { $0.recipient.recipient == "plus6" }?.subject.estimate)
        #expect(plus.contains(",\(PlainWords.plain(e.effect, digits: 2)),\(PlainWords.plain(e.low, digits: 2)),\(PlainWords.plain(e.high, digits: 2)),"))
        // A name with a quote is quoted as RFC 4180 says.
        #expect(plus.contains(#""A & <b>""Школа""</b>""#))
    }

    @Test("effect.html: one chart per recipient, every estimate with its interval, escaped names, Russian and English")
    func html() throws {
        let study = Self.study()
        let html = Reports.effectHTML(study)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains(#"<html lang="ru">"#))
        #expect(html.contains("<h1>Помогло ли партнёрство?</h1>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == study.recipients.count)
        for tag in ["section", "svg", "table", "ul", "g"] {
            #expect(html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count - 2
                    == html.components(separatedBy: "</\(tag)>").count - 1, "<\(tag)> balanced")
        }
        for (_, _, s) in study.rows {
            if let e = s.estimate {
                #expect(html.contains(EffectWords(.ru).estimateWithInterval(e)))   // the summary table
                #expect(html.contains(HTML.escape(EffectWords.capitalised(s.sentence))))   // the recipient's card
            } else {
                #expect(html.contains("оценки нет"))
            }
        }
        #expect(html.contains("A &amp; &lt;b&gt;&quot;Школа&quot;&lt;/b&gt;") && !html.contains("<b>\"Школа\""))
        #expect(html.contains(#"fill="rgb(253,231,200)""#))   // the partnership years, shaded
        let en = Reports.effectHTML(Self.study(language: .en))
        #expect(en.contains(#"<html lang="en">"#) && en.contains("<h1>Did the partnerships help?</h1>") && !en.contains("балла"))
    }

    @Test("the chart: a point per result of the recipient, the shading within the plot")
    func chart() throws {
        let study = Self.study()
        let r = try #require(study.recipients.first { $0.recipient == "plus6" })
        let svg = Reports.effectChartSVG(r, language: .ru, standalone: true)
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg""#))
        #expect(svg.components(separatedBy: "<circle").count - 1 == r.charts[0].years.filter { $0.recipient != nil }.count)
        #expect(svg.contains("<polygon"))   // the middle half of the comparison schools
        #expect(EffectChart.spans([2019, 2020, 2021, 2024]).map { [$0.0, $0.1] } == [[2019, 2021], [2024, 2024]])
        #expect([0.5, 3, 7, 12, 35, 140].map { EffectChart.step($0) } == [0.2, 1, 2, 5, 10, 50])
        #expect([-0.04, -12.36, 3.06, 250, 0.95].map(EffectChart.coord) == ["0.0", "-12.4", "3.1", "250.0", "1.0"])
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the standalone chart is well-formed XML: \(String(describing: parser.parserError))")
    }

    @Test("effect.xlsx: the estimates and the results by year")
    func workbook() throws {
        let study = Self.study()
        let tables = Reports.effectTables(study)
        #expect(tables.map(\.title) == ["Эффект партнёрства", "Результаты по годам"])
        #expect(tables[0].rows.count == study.rows.count)
        #expect(tables[1].rows.count == study.recipients.reduce(0) { $0 + $1.charts.reduce(0) { $0 + $1.years.count } })
        let young = try #require(tables[0].rows.first { $0[2] == .text("young") })
        #expect(young[9] == .empty && young[10] == .empty && young[11] == .empty)
        let bytes = try Reports.effectXLSX(study)
        #expect(Array(bytes.prefix(2)) == Array("PK".utf8))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("xl/worksheets/sheet1.xml") && text.contains("xl/worksheets/sheet2.xml"))
    }

    /// Headless Chromium prints the page to PDF (a real browser reads it); where Chromium is installed.
    @Test("Chromium prints effect.html", .enabled(if: EffectReportTests.chromium != nil, "chromium is not installed"))
    func chromiumPrints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setka-effect-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("effect.html"), pdf = dir.appendingPathComponent("effect.pdf")
        try Data(Reports.effectHTML(Self.study()).utf8).write(to: page)
        let p = Process()
        p.executableURL = Self.chromium
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                       "--print-to-pdf=\(pdf.path)", page.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.starts(with: Array("%PDF".utf8)) && bytes.count > 10_000)
    }

    static let chromium: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()
}
