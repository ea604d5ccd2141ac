import Foundation
import SetkaModel
import Testing
@testable import Partnering

/// The report data and its files: partners.csv, appendix.md, summary.json.
@Suite struct ReportTests {
    /// r1 is served by p («Школа, лучшая», a comma in the name); r2 has no provider in reach.
    func report(language: ReportLanguage) throws -> PartnerReport {
        var p = Fixture.school("p", capacity: 2, math: 70, russian: 60)
        p.name = "Школа, лучшая"
        let s = Fixture.scenario(
            [Fixture.school("r1", low: true, math: 50, russian: 61), p, Fixture.school("r2", low: true, math: 10)],
            rules: [Fixture.shnor()], travel: [("r1", "p", 12.345), ("r2", "p", 80)], language: language)
        let a = try Fixture.solve(s)
        #expect(PartnerChecker(scenario: s).check(a).isEmpty)
        return PartnerReport(scenario: s, assignment: a)
    }

    @Test func partnersCSV() throws {
        let csv = try report(language: .en).partnersCSV()
        #expect(csv.hasPrefix("\u{FEFF}rule,recipient,provider,minutes,gain,gain:math,gain:russian,recipient_name,provider_name,fixed,note\r\n"))
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == "ШНОР,r1,p,12.35,20,20,0,Школа r1,\"Школа, лучшая\",no,")
        #expect(lines[2] == "ШНОР,r2,,,,,,Школа r2,,,\"no provider within 60 min (nearest: Школа, лучшая, 80 min)\"")
    }

    @Test func appendixInEnglishAndRussian() throws {
        let en = try report(language: .en).appendixMarkdown()
        #expect(en.contains("# Appendix: partner assignment"))
        #expect(en.contains("The assignment is optimal (proven by the solver). Partner places filled: 1 of 2."))
        #expect(en.contains("| № | School with low results | Partner school |"))
        #expect(en.contains("| 1 | Школа r1 | Школа, лучшая |"))
        #expect(en.contains("1. Школа r1 — Школа, лучшая: the partner is stronger in mathematics by 20 points; 12.3 min of travel."))
        #expect(en.contains("- Школа r2: no provider within 60 min (nearest: Школа, лучшая, 80 min)."))
        let ru = try report(language: .ru).appendixMarkdown()
        #expect(ru.contains("| № | Школа с низкими образовательными результатами | Школа-партнёр |"))
        #expect(ru.contains("1. Школа r1 — Школа, лучшая: партнёр сильнее по математике на 20 баллов; в пути 12,3 мин."))
        #expect(ru.contains("Без партнёра (или не со всеми партнёрами):"))
    }

    @Test func summaryJSON() throws {
        let r = try report(language: .en)
        let json = try #require(try JSONSerialization.jsonObject(with: r.summaryJSON()) as? [String: Any])
        #expect(json["status"] as? String == "optimal")
        #expect(json["proof"] as? String == "branch-and-bound")
        #expect(json["complete"] as? Bool == false)
        #expect(json["placesNeeded"] as? Int == 2)
        #expect(json["placesServed"] as? Int == 1)
        let objective = try #require(json["objective"] as? Double)
        #expect(abs(objective - (20 - 0.5 * 12.345)) < 1e-9)
        let rules = try #require(json["rules"] as? [[String: Any]])
        let unserved = try #require(rules.first?["unserved"] as? [[String: Any]])
        #expect(unserved.first?["recipient"] as? String == "r2")
        // The report data round-trips through Codable (for other renderers).
        let data = try JSONEncoder().encode(r)
        let back = try JSONDecoder().decode(PartnerReport.self, from: data)
        #expect(back.rules.first?.pairs.first?.provider == "p")
    }
}
