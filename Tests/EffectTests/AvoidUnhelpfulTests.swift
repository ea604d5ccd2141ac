import Foundation
import Testing
@testable import Effect
@testable import Partnering
import SetkaModel

/// `avoid_unhelpful: true`: in Folder.district r1's results fell about 6 points against the
/// comparison schools while p was its partner (2020/21–2022/23), with an interval well below 0.
@Suite("avoid_unhelpful")
struct AvoidUnhelpfulTests {
    static func scenario(avoid: Bool, extra: String = "") throws -> Scenario {
        let yaml = Folder.yaml + (avoid ? "\n    avoid_unhelpful: true" : "") + extra + "\n"
        let folder = try Folder.district(yaml: yaml)
        return try withExtendedLifetime(folder) { try ScenarioLoader.load(from: folder.url).scenario }
    }

    static func partner(of recipient: String, _ a: PartnerAssignment) -> [String] {
        a.pairs.filter { $0.recipient == recipient }.map(\.provider)
    }

    @Test("the study finds r1–p without gain")
    func evidence() throws {
        let study = EffectStudy(scenario: try Self.scenario(avoid: true))
        let unhelpful = study.unhelpfulPairs(rule: 0)
        #expect(unhelpful.map { "\($0.recipient.recipient)–\($0.pair.provider)" } == ["r1–p"])
        let e = try #require(unhelpful.first?.pair.subjects.first?.estimate)
        #expect(e.high < 0 && e.effect < -5)
        #expect(unhelpful.first?.pair.avoided == true)
        #expect(EffectStudy(scenario: try Self.scenario(avoid: false)).recipients.flatMap(\.pairs).allSatisfy { !$0.avoided })
        #expect(EffectStudy(scenario: try Self.scenario(avoid: true, extra: "\n    fixed: [[r1, p]]")).recipients.flatMap(\.pairs).allSatisfy { !$0.avoided })
    }

    @Test("without the option the pair is repeated; with it, another partner is chosen and the appendix says why")
    func avoided() throws {
        let plain = try Partnering.assign(try Self.scenario(avoid: false))
        #expect(Self.partner(of: "r1", plain) == ["p"])
        #expect(plain.avoided.isEmpty)

        let s = try Self.scenario(avoid: true)
        let a = try Partnering.assign(s)
        #expect(a.isComplete)
        #expect(!Self.partner(of: "r1", a).contains("p") && Self.partner(of: "r1", a).count == 1)
        #expect(a.avoided.map { "\($0.recipient)–\($0.provider)" } == ["r1–p"] && a.avoided[0].keptBecauseFixed == false)
        #expect(PartnerChecker(scenario: s).check(a).isEmpty)

        let report = PartnerReport(scenario: s, assignment: a)
        let appendix = report.appendixMarkdown()
        #expect(appendix.contains("Пары, не назначенные повторно: партнёрство не дало роста (avoid_unhelpful):"))
        #expect(appendix.contains("- Школа 1 — Школа П: в 2020/21–2022/23 партнёрство не дало роста: результаты по математике изменились на"))
        #expect(appendix.contains("хуже, чем у школ без партнёра (от −"))
        #expect(report.rules[0].avoided.count == 1)
        let json = String(decoding: try report.summaryJSON(), as: UTF8.self)
        #expect(json.contains("\"avoided\""))
    }

    @Test("the independent checker rejects the avoided pair")
    func checker() throws {
        let s = try Self.scenario(avoid: true)
        let a = try Partnering.assign(s)
        var pairs = a.pairs.filter { $0.recipient != "r1" }
        let minutes = try #require(s.minutes(from: "r1", to: "p"))
        pairs.append(AssignedPair(rule: 0, recipient: "r1", provider: "p", minutes: minutes, gain: 26, subjectGains: [26],
                                  value: 26 - 0.5 * minutes, fixed: false))
        let violations = PartnerChecker(scenario: s).check(pairs: pairs)
        #expect(violations.contains(.unhelpfulPair(rule: 0, recipient: "r1", provider: "p")))
    }

    @Test("a fixed pair is kept all the same, and said so")
    func fixed() throws {
        let s = try Self.scenario(avoid: true, extra: "\n    fixed: [[r1, p]]")
        let a = try Partnering.assign(s)
        #expect(Self.partner(of: "r1", a) == ["p"])
        #expect(a.avoided.first?.keptBecauseFixed == true)
        #expect(PartnerChecker(scenario: s).check(a).isEmpty)
        #expect(PartnerReport(scenario: s, assignment: a).appendixMarkdown()
            .contains("пара закреплена в правиле (fixed) и сохранена, хотя партнёрство не дало роста."))
    }

    @Test("when the avoided pair was the only one in reach, the recipient is left without a partner and told why")
    func onlyOne() throws {
        let s = try Self.scenario(avoid: true, extra: "\n    max_travel_minutes: 6")
        let a = try Partnering.assign(s)
        #expect(Self.partner(of: "r1", a).isEmpty)
        let u = try #require(a.unserved.first { $0.recipient == "r1" })
        let text = PartnerMessages(language: .ru, scenario: s).describe(u)
        #expect(text.contains("Школа П") && text.contains("партнёрство с ним не дало роста (avoid_unhelpful)"), "\(text)")
        #expect(PartnerChecker(scenario: s).check(a).isEmpty)
    }
}
