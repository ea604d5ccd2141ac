import SetkaModel
import Testing
@testable import Partnering

/// Every reason a recipient can go without a partner, and every fixed-pair problem, computed
/// from the data and worded for the report.
@Suite struct ExplanationTests {
    let words = { (s: Scenario) in PartnerMessages(language: .en, scenario: s) }

    @Test func noProviderWithinReachNamesTheNearest() throws {
        let s = Fixture.scenario(
            [Fixture.school("r", low: true, math: 40), Fixture.school("p1", capacity: 1, math: 60),
             Fixture.school("p2", capacity: 1, math: 60), Fixture.school("p3", capacity: 1, math: 60)],
            rules: [Fixture.shnor(limit: 60)], travel: [("r", "p1", 74), ("r", "p2", 90)])
        let a = try Fixture.solve(s)
        #expect(a.pairs.isEmpty)
        #expect(!a.isComplete)
        let u = try #require(a.unserved.first)
        #expect(u.reason == .noneWithinReach(limit: 60, nearest: "p1", nearestMinutes: 74, unknownTravel: 1))
        let text = words(s).describe(u)
        #expect(text.hasPrefix("no provider within 60 min (nearest: Школа p1, 74 min)"))
        #expect(text.contains("1 provider(s) have no travel time"))
        let ru = PartnerMessages(language: .ru, scenario: s).describe(u)
        #expect(ru.hasPrefix("нет партнёра в пределах 60 мин (ближайший: Школа p1, 74 мин)"))
    }

    @Test func allProvidersInReachAtCapacity() throws {
        let s = Fixture.scenario(
            [Fixture.school("r1", low: true, math: 10), Fixture.school("r2", low: true, math: 50),
             Fixture.school("p", capacity: 1, math: 60), Fixture.school("q", capacity: 1, math: 60)],
            rules: [Fixture.shnor()], travel: [("r1", "p", 10), ("r2", "p", 10), ("r1", "q", 80)])
        let a = try Fixture.solve(s)
        // r1 gains 50 from p, r2 only 10: p goes to r1, r2 is left out.
        #expect(Fixture.pairs(a) == ["r1→p"])
        let u = try #require(a.unserved.first)
        #expect(u.recipient == "r2")
        #expect(u.reason == .allAtCapacity(limit: 60, providers: [ProviderLoad(provider: "p", minutes: 10, capacity: 1, supports: ["r1"])]))
        #expect(words(s).describe(u) == "all providers within 60 min are at capacity: Школа p, 10 min: capacity 1, used by Школа r1")
    }

    /// Five full providers in reach: the text names the three nearest and counts the rest.
    @Test func longListsNameTheNearestThree() throws {
        var orgs = [Fixture.school("r", low: true, math: 0)]
        var travel: [(String, String, Double)] = []
        for i in 1...5 {
            orgs.append(Fixture.school("p\(i)", capacity: 1, math: 50))
            orgs.append(Fixture.school("x\(i)", low: true, math: 0))
            travel.append(("x\(i)", "p\(i)", 1))
            travel.append(("r", "p\(i)", Double(10 * i)))
        }
        let s = Fixture.scenario(orgs, rules: [Fixture.shnor()], travel: travel)
        let a = try Fixture.solve(s)
        let u = try #require(a.unserved.first)
        #expect(u.recipient == "r")
        let text = words(s).describe(u)
        #expect(text.contains("Школа p3, 30 min: capacity 1, used by Школа x3; and 2 more, also full"))
        #expect(!text.contains("Школа p4"))
    }

    /// k = 2; in reach: p1 (usable), p2 (forbidden), p3 (capacity 0).
    @Test func tooFewUsableProvidersInReach() throws {
        let s = Fixture.scenario(
            [Fixture.school("r", low: true, math: 40), Fixture.school("p1", capacity: 1, math: 60),
             Fixture.school("p2", capacity: 1, math: 60), Fixture.school("p3", capacity: 0, math: 60)],
            rules: [Fixture.shnor(k: 2, forbidden: [("r", "p2")])],
            travel: [("r", "p1", 10), ("r", "p2", 20), ("r", "p3", 30)])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["r→p1"])
        let u = try #require(a.unserved.first)
        #expect(u.served == 1 && u.needed == 2)
        #expect(u.reason == .tooFewInReach(available: 1, needed: 2, limit: 60, excluded: [
            ExcludedProvider(provider: "p2", minutes: 20, why: .forbidden),
            ExcludedProvider(provider: "p3", minutes: 30, why: .noCapacity),
        ]))
        #expect(words(s).describe(u).hasPrefix("1 of 2 partners: only 1 usable provider(s) within 60 min, 2 needed"))
    }

    @Test func ruleWithoutProviders() throws {
        let rule = PartnerRule(name: "x", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                               providers: OrganisationSelector(kinds: [.university]))
        let s = Fixture.scenario([Fixture.school("r", low: true)], rules: [rule], travel: [])
        let a = try Fixture.solve(s)
        #expect(a.unserved.map(\.reason) == [.noProviders])
    }

    // MARK: fixed pairs

    private func fixedProblems(_ orgs: [Organisation], _ rule: PartnerRule, _ travel: [(String, String, Double)]) throws -> (PartnerAssignment, Scenario) {
        let s = Fixture.scenario(orgs, rules: [rule], travel: travel)
        return (try Fixture.solve(s), s)
    }

    private var base: [Organisation] {
        [Fixture.school("r", low: true, math: 40), Fixture.school("p1", capacity: 1, math: 60),
         Fixture.school("p2", capacity: 1, math: 50)]
    }

    @Test func fixedPairThatIsForbidden() throws {
        let (a, s) = try fixedProblems(base, Fixture.shnor(fixed: [("r", "p1")], forbidden: [("r", "p1")]),
                                       [("r", "p1", 10), ("r", "p2", 10)])
        #expect(a.fixedProblems.map(\.kind) == [.forbidden])
        #expect(Fixture.pairs(a) == ["r→p2"])  // still served, by another provider
        #expect(!a.isComplete)
        #expect(words(s).describe(a.fixedProblems[0]) == "fixed pair Школа r – Школа p1 is forbidden")
    }

    @Test func fixedPairThatIsTooFar() throws {
        let (a, s) = try fixedProblems(base, Fixture.shnor(fixed: [("r", "p1")]), [("r", "p1", 75), ("r", "p2", 10)])
        #expect(a.fixedProblems.map(\.kind) == [.tooFar(minutes: 75, limit: 60)])
        #expect(Fixture.pairs(a) == ["r→p2"])
        #expect(words(s).describe(a.fixedProblems[0]) == "fixed pair Школа r – Школа p1 is too far: 75 min, the limit is 60 min")
    }

    @Test func fixedPairsOverCapacity() throws {
        let orgs = base + [Fixture.school("r2", low: true, math: 30)]
        let (a, s) = try fixedProblems(orgs, Fixture.shnor(fixed: [("r", "p1"), ("r2", "p1")]),
                                       [("r", "p1", 10), ("r", "p2", 10), ("r2", "p1", 10), ("r2", "p2", 10)])
        #expect(a.fixedProblems.map(\.kind) == [.overCapacity(capacity: 1)])
        #expect(a.fixedProblems[0].recipient == "r2")
        #expect(Fixture.pairs(a) == ["r2→p2", "r→p1"])
        #expect(words(s).describe(a.fixedProblems[0]).hasPrefix("fixed pair Школа r2 – Школа p1 is over capacity"))
    }

    @Test func fixedPairWithoutTravelTime() throws {
        let (a, _) = try fixedProblems(base, Fixture.shnor(fixed: [("r", "p1")]), [("r", "p2", 10)])
        #expect(a.fixedProblems.map(\.kind) == [.noTravelTime])
    }

    @Test func moreFixedPairsThanPartnersPerRecipient() throws {
        let (a, _) = try fixedProblems(base, Fixture.shnor(k: 1, fixed: [("r", "p1"), ("r", "p2")]),
                                       [("r", "p1", 10), ("r", "p2", 10)])
        #expect(a.fixedProblems.map(\.kind) == [.tooManyFixed(partnersPerRecipient: 1)])
        #expect(Fixture.pairs(a) == ["r→p1"])
    }

    @Test func fixedPairOutsideTheRule() throws {
        let orgs = base + [Fixture.kindergarten("g")]
        let (a, _) = try fixedProblems(orgs, Fixture.shnor(fixed: [("r", "g"), ("r", "nobody"), ("p1", "p2"), ("r", "r")]),
                                       [("r", "p1", 10), ("r", "g", 5)])
        #expect(a.fixedProblems.map(\.kind) == [.notProvider, .unknownOrganisation("nobody"), .notRecipient, .selfPair])
    }

    @Test func russianReportWording() throws {
        let s = Fixture.scenario(base, rules: [Fixture.shnor()], travel: [("r", "p1", 12.5)], language: .ru)
        let w = PartnerMessages(language: .ru, scenario: s)
        #expect(w.why(subjects: ["math", "russian"], gains: [19.9, 0], minutes: 12.5, fixed: false)
            == "партнёр сильнее по математике на 19,9 балла; в пути 12,5 мин")
        #expect(w.why(subjects: ["math", "physics"], gains: [5, 21], minutes: 3, fixed: true)
            == "партнёр сильнее по математике на 5 баллов, по физике на 21 балл; в пути 3 мин; пара задана в правиле (fixed)")
        #expect(w.why(subjects: ["math"], gains: [0], minutes: 7, fixed: false) == "по предметам правила партнёр не сильнее; в пути 7 мин")
        #expect(w.why(subjects: [], gains: [], minutes: 7, fixed: false)
            == "правило не сравнивает предметы: выбран ближайший партнёр со свободным местом; в пути 7 мин")
        #expect(w.why(subjects: [], gains: [], minutes: 7, fixed: true) == "в пути 7 мин; пара задана в правиле (fixed)")
    }
}
