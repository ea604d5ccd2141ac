import Effect
import Foundation
import HTTPTypes
import HummingbirdTesting
import Reports
import SetkaModel
import Testing
@testable import SetkaServer

/// "Did the partnerships help?" in the browser: the same study as `setka effect`.
@Suite struct EffectPageTests {
    let folder = examplesFolder.appendingPathComponent("partners-effect")

    @Test func anEffectRunShowsTheStudysFiguresAndWritesTheFilesOfSetkaEffect() async throws {
        let study = EffectStudy(scenario: try ScenarioLoader.loadForEffect(from: folder).scenario)
        let english = EffectStudy(scenario: { var s = try! ScenarioLoader.loadForEffect(from: folder).scenario; s.language = .en; return s }())
        #expect(!study.rows.isEmpty)
        try await withApp { h in
            let project = try await h.exampleProject("partners-effect")
            // The project page offers the job (the scenario has results.csv and partners-history.csv).
            let projectPage = try await h.html("/projects/\(project.id)")
            #expect(projectPage.contains("<option value=\"effect\">"))
            let run = try await h.runToEnd(project: project.id, job: "effect", timeLimit: 10)
            #expect(run.status == .done, "\(run.message ?? "")")
            #expect(run.hasResults)

            // The figures are the study's.
            let page = try await h.html("/runs/\(run.id)")
            #expect(figure(page, "recipients") == Double(study.recipients.count))
            #expect(figure(page, "pairs") == Double(study.recipients.reduce(0) { $0 + $1.pairs.count }))
            #expect(figure(page, "estimates") == Double(study.rows.count))
            for v in [EffectVerdict.gain, .loss, .unclear, .none] {
                #expect(figure(page, v.rawValue) == Double(study.rows.filter { $0.subject.verdict == v }.count), "\(v)")
            }
            #expect(bodyRows(page, table: "effect") == study.rows.count)
            // Each estimate's sentence, in Russian here and in English on the English page.
            for row in study.rows { #expect(page.contains(Markup.escape(EffectWords.capitalised(row.subject.sentence)))) }
            let en = String(buffer: try await h.get("/runs/\(run.id)", headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
            for row in english.rows { #expect(en.contains(Markup.escape(EffectWords.capitalised(row.subject.sentence)))) }
            #expect(en.contains("rose more than without a partner"))
            // The table's numbers as the sentences write them: one decimal, a true minus (U+2212).
            let ru = EffectWords(.ru)
            for row in study.rows {
                guard let e = row.subject.estimate else { continue }
                for x in [e.effect, e.low, e.high] { #expect(page.contains("data-value=\"\(x)\">\(ru.value(x))</td>"), "\(x)") }
            }
            #expect(study.rows.contains { ($0.subject.estimate?.low ?? 0) < 0 }, "the example has a negative bound to show")
            let table = try #require(page.range(of: "id=\"effect\"")).lowerBound
            #expect(!page[table...].contains("\">-"))
            #expect(Fmt.fixed(-0.5, digits: 1, ru: true) == "\u{2212}0,5" && Fmt.fixed(11, digits: 1, ru: true) == "11,0"
                    && Fmt.fixed(-0.04, digits: 1, ru: false) == "0.0" && Fmt.fixed(2.25, digits: 1, ru: false) == "2.3"
                    && Fmt.fixed(-20_978.46, digits: 1, ru: true) == "\u{2212}20\u{00A0}978,5" && Fmt.fixed(20_978.46, digits: 2, ru: false) == "20,978.46")

            // The files are those `setka effect --out` writes, byte for byte (the CSV), and the API
            // summary is the study as `setka effect --json` gives it.
            let expected = try Reports.effectFiles(study)
            let csv = try await h.get("/api/runs/\(run.id)/files/effect.csv")
            #expect(csv.status == .ok)
            #expect(Data(buffer: csv.body) == expected.first { $0.name == "effect.csv" }?.data)
            for name in ["effect.html", "effect.xlsx", "csv.zip"] {
                #expect(try await h.get("/runs/\(run.id)/files/\(name)").status == .ok, "\(name)")
            }
            let api = try #require(try await h.json("/api/runs/\(run.id)") as? [String: Any])
            let summary = try #require(api["summary"] as? [String: Any])
            #expect((summary["recipients"] as? [Any])?.count == study.recipients.count)
            let downloads = try await h.html("/runs/\(run.id)/downloads")
            #expect(downloads.contains(">effect.html</a>"))
        }
    }

    @Test func aScenarioWithoutPastResultsHasNoEffectJob() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            #expect(!(try await h.html("/projects/\(project.id)")).contains("<option value=\"effect\">"))
            let r = try await h.postJSON("/api/projects/\(project.id)/runs", #"{"job": "effect", "time_limit": 5}"#)
            #expect(r.status == .unprocessableContent)
        }
    }
}
