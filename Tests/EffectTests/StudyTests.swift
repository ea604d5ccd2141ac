import Foundation
import Testing
@testable import Effect
import SetkaModel

/// Small hand-made districts: which years, schools and partners an estimate uses.
@Suite("Effect study")
struct StudyTests {
    static let rule = PartnerRule(name: "ШНОР — школы-партнёры", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                                  providers: OrganisationSelector(kinds: [.school], lowResults: false), subjects: ["math"])

    /// Results of `id`: `base + trend(year) + bump(year)`, every year in `years`.
    static func results(_ id: String, _ base: Double, years: [Int], bump: (Int) -> Double = { _ in 0 }) -> [SchoolResult] {
        years.map { SchoolResult(school: id, year: $0, subject: "math", score: base + Double($0 - 2017) * 0.5 + bump($0)) }
    }

    static func school(_ id: String, low: Bool = false, kind: OrganisationKind = .school) -> Organisation {
        Organisation(id: id, name: "Школа " + id, kind: kind, lowResults: low, partnerCapacity: low ? 0 : 1)
    }

    static let years = [2017, 2018, 2019, 2021, 2022, 2023, 2024]  // no assessment in 2020

    /// A recipient partnered from the school year 2019/20: before = 2017–2019, after = 2021–2024
    /// (2020 has no results); comparison schools c1–c3 with different changes; a kindergarten and
    /// a recipient of another rule are not compared with.
    static func district(history: [PartnershipYear], extra: [SchoolResult] = [], organisations extraOrgs: [Organisation] = [],
                         rules: [PartnerRule] = [rule]) -> Scenario {
        let orgs = [school("r", low: true), school("p"), school("c1"), school("c2"), school("c3"),
                    school("k", kind: .kindergarten), school("other", low: true)] + extraOrgs
        var results = results("r", 40, years: years) { $0 >= 2021 ? 5 : 0 }
        results += Self.results("p", 60, years: years)
        results += Self.results("c1", 50, years: years) { $0 >= 2021 ? 1 : 0 }
        results += Self.results("c2", 55, years: years) { $0 >= 2021 ? -1 : 0 }
        results += Self.results("c3", 52, years: years) { $0 >= 2021 ? 0.5 : 0 }
        results += Self.results("k", 30, years: years) { $0 >= 2021 ? 20 : 0 }
        results += Self.results("other", 45, years: years) { $0 >= 2021 ? -9 : 0 }
        return Scenario(name: "test", partnering: rules, organisations: orgs, results: results + extra, partnersHistory: history)
    }

    static func history(_ recipient: String, _ provider: String, _ years: ClosedRange<Int>, rule: String = rule.name) -> [PartnershipYear] {
        years.map { PartnershipYear(year: $0, rule: rule, recipient: recipient, provider: provider) }
    }

    @Test("years on each side follow the school year: results of spring Y+1 close the school year Y")
    func years() throws {
        let s = Self.district(history: Self.history("r", "p", 2019...2023) + Self.history("other", "c1", 2022...2022, rule: "Старое правило"))
        let study = EffectStudy(scenario: s)
        let r = try #require(study.recipients.first { $0.recipient == "r" })
        #expect(r.ruleIndex == 0 && r.rule == Self.rule.name && r.firstYear == 2019 && r.schoolYears == Array(2019...2023))
        let subject = try #require(r.pairs.first?.subjects.first)
        #expect(subject.yearsBefore == [2017, 2018, 2019])
        #expect(subject.yearsAfter == [2021, 2022, 2023, 2024])
        // p, c1, c2, c3: schools never recipients; not the kindergarten, not "other" (a recipient of another rule).
        #expect(subject.comparisonSchools == ["p", "c1", "c2", "c3"])
        let e = try #require(subject.estimate)
        // r: +5; comparison changes 0, +1, −1, +0.5 (the shared trend cancels): mean 0.125.
        #expect(abs(e.effect - 4.875) < 1e-9)
        #expect(e.degreesOfFreedom == 3 && subject.verdict == .gain)
    }

    @Test("a rule only in the history is estimated over every subject and cannot be avoided")
    func unknownRule() throws {
        let s = Self.district(history: Self.history("r", "p", 2019...2023, rule: "Сетевое взаимодействие 2019"))
        let study = EffectStudy(scenario: s)
        let r = try #require(study.recipients.first)
        #expect(r.ruleIndex == nil && r.rule == "Сетевое взаимодействие 2019" && r.subjects == ["math"])
        #expect(study.unhelpfulPairs(rule: 0).isEmpty)
        // The same name in other capitals and spacing is the same rule.
        let same = EffectStudy(scenario: Self.district(history: Self.history("r", "p", 2019...2023, rule: "  шнор —  школы-партнёры ")))
        #expect(same.recipients.first?.ruleIndex == 0)
    }

    @Test("a change of partner gives two pairs; overlapping partners are named as a joint estimate")
    func partners() throws {
        let changed = EffectStudy(scenario: Self.district(history: Self.history("r", "p", 2019...2020) + Self.history("r", "c9", 2021...2023),
                                                          organisations: [Self.school("c9")]))
        let pairs = try #require(changed.recipients.first?.pairs)
        #expect(pairs.map(\.provider) == ["p", "c9"])
        #expect(pairs[0].subjects[0].yearsAfter == [2021])   // 2020: no assessment; so no estimate
        #expect(pairs[0].subjects[0].missing == [.yearsAfter(1)])
        #expect(pairs[1].subjects[0].yearsAfter == [2022, 2023, 2024])
        #expect(pairs[1].subjects[0].yearsBefore == [2017, 2018, 2019])   // before the first partnership, not the second
        #expect(pairs.allSatisfy { $0.alongside.isEmpty })

        let two = EffectStudy(scenario: Self.district(history: Self.history("r", "p", 2019...2023) + Self.history("r", "c9", 2019...2023),
                                                      organisations: [Self.school("c9")]))
        let both = try #require(two.recipients.first?.pairs)
        #expect(both.map(\.alongside) == [["c9"], ["p"]] || both.map(\.alongside) == [["p"], ["c9"]])
        #expect(both[0].subjects[0].estimate == both[1].subjects[0].estimate)
    }

    @Test("a comparison school without a result in a year used is left out of that estimate")
    func gaps() throws {
        var s = Self.district(history: Self.history("r", "p", 2019...2023))
        s.results.removeAll { $0.school == "c2" && $0.year == 2022 }
        let subject = try #require(EffectStudy(scenario: s).recipients.first?.pairs.first?.subjects.first)
        #expect(subject.comparisonSchools == ["p", "c1", "c3", "other"])   // "other" was never a recipient here
        // Too few left: no estimate, and why.
        s.results.removeAll { ["c1", "c3", "other"].contains($0.school) && $0.year == 2018 }
        let none = try #require(EffectStudy(scenario: s).recipients.first?.pairs.first?.subjects.first)
        #expect(none.estimate == nil && none.missing == [.comparisonSchools(1)] && none.verdict == .none)
    }

    @Test("no results before the partnership: no estimate")
    func nothingBefore() throws {
        var s = Self.district(history: Self.history("r", "p", 2017...2023))
        s.results.removeAll { $0.school == "r" && $0.year == 2017 }
        let subject = try #require(EffectStudy(scenario: s).recipients.first?.pairs.first?.subjects.first)
        #expect(subject.missing == [.yearsBefore(0)])
        #expect(subject.sentence.hasPrefix("по математике оценки нет: нет результатов за годы до начала партнёрства"))
    }

    @Test("schools not in schools.csv are skipped; the chart has every year of the recipient and the comparison mean")
    func chart() throws {
        let s = Self.district(history: Self.history("r", "p", 2019...2023) + Self.history("closed", "p", 2019...2023),
                              extra: Self.results("closed", 40, years: Self.years))
        let study = EffectStudy(scenario: s)
        #expect(study.recipients.map(\.recipient) == ["r"])
        let chart = try #require(study.recipients.first?.charts.first)
        #expect(chart.years.map(\.year) == Self.years)
        let y2017 = try #require(chart.years.first)
        // "other" was never a recipient here, so it is compared with too.
        #expect(y2017.recipient == 40 && y2017.comparisonCount == 5)
        #expect(abs((y2017.comparisonMean ?? 0) - (60 + 50 + 55 + 52 + 45) / 5) < 1e-9)
        #expect(study.recipients.first?.comparisonPool == 5)
    }

    @Test("a pair shows no gain only when every estimated subject's interval is at or below zero")
    func noGain() {
        func pair(_ estimates: [DiDEstimate?]) -> PairEffect {
            PairEffect(provider: "p", providerName: "p", schoolYears: [2020], alongside: [], alongsideNames: [],
                       subjects: estimates.map { SubjectEffect(subject: "math", yearsBefore: [], yearsAfter: [], comparisonSchools: [],
                                                                estimate: $0, missing: [], verdict: .none, sentence: "") })
        }
        let below = WordsTests.estimate(-3, -5, -1), crosses = WordsTests.estimate(-1, -4, 2), atZero = WordsTests.estimate(-2, -4, 0)
        #expect(pair([below]).showsNoGain)
        #expect(pair([below, atZero, nil]).showsNoGain)
        #expect(!pair([below, crosses]).showsNoGain)
        #expect(!pair([nil]).showsNoGain)
        #expect(!pair([]).showsNoGain)
    }
}
