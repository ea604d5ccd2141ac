import SetkaModel
import Testing
@testable import Partnering

/// One test per constraint family of the "Partnering" section, on hand-sized scenarios whose
/// optimum is worked out in the comments.
@Suite struct ConstraintTests {
    /// r: math 40, russian 50. p1: math 60, russian 45, 10 min → gain 20 + 0, value 20 − 5 = 15.
    /// p2: math 70, no russian score, 32 min → gain 30 (russian adds 0), value 30 − 16 = 14.
    @Test func objectiveSumsGainsOverEveryScoreColumnMinusTravel() throws {
        let s = Fixture.scenario(
            [Fixture.school("r", low: true, math: 40, russian: 50),
             Fixture.school("p1", capacity: 1, math: 60, russian: 45),
             Fixture.school("p2", capacity: 1, math: 70)],
            rules: [Fixture.shnor()], travel: [("r", "p1", 10), ("r", "p2", 32)])
        let a = try Fixture.solve(s)
        #expect(a.status == .optimal)
        #expect(a.isComplete)
        #expect(Fixture.pairs(a) == ["r→p1"])
        #expect(a.subjects == [["math", "russian"]])
        #expect(a.pairs[0].subjectGains == [20, 0])
        #expect(a.pairs[0].gain == 20)
        #expect(abs(a.objective - 15) < 1e-9)
        #expect(a.bound == a.objective)
    }

    /// With subjects [russian]: p1 gains 0 (45 < 50), p3 gains 10 at 10 min → p3 (value 5 > −5).
    @Test func ruleSubjectsRestrictTheGain() throws {
        let s = Fixture.scenario(
            [Fixture.school("r", low: true, math: 40, russian: 50),
             Fixture.school("p1", capacity: 1, math: 90, russian: 45),
             Fixture.school("p3", capacity: 1, math: 40, russian: 60)],
            rules: [Fixture.shnor(subjects: ["russian"])], travel: [("r", "p1", 10), ("p3", "r", 10)])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["r→p3"])
        #expect(abs(a.objective - 5) < 1e-9)
    }

    /// p (capacity 1) is the only provider of both r (ШНОР rule, value 15) and kindergarten g
    /// (kindergarten rule, no subjects, value −5): one place over both rules; r wins.
    @Test func capacityIsSharedByTwoRules() throws {
        let orgs = [Fixture.school("r", low: true, math: 40), Fixture.school("p", capacity: 1, math: 60),
                    Fixture.kindergarten("g")]
        let rules = [Fixture.shnor(), Fixture.kindergartens()]
        let travel = [("r", "p", 10.0), ("g", "p", 10.0)]
        let a = try Fixture.solve(Fixture.scenario(orgs, rules: rules, travel: travel))
        #expect(Fixture.pairs(a) == ["r→p"])
        #expect(a.placesNeeded == 2 && a.placesServed == 1)
        #expect(a.unserved.count == 1)
        #expect(a.unserved.first?.recipient == "g")
        #expect(a.unserved.first?.reason == .allAtCapacity(
            limit: 60, providers: [ProviderLoad(provider: "p", minutes: 10, capacity: 1, supports: ["r"])]))

        var roomier = orgs
        roomier[1].partnerCapacity = 2
        let b = try Fixture.solve(Fixture.scenario(roomier, rules: rules, travel: travel))
        #expect(Fixture.pairs(b) == ["g→p", "r→p"])
        #expect(b.isComplete)
        #expect(abs(b.objective - 10) < 1e-9)
    }

    /// p1 is better (15) than p2 (5 − 5 = 0), but r–p2 is fixed.
    @Test func fixedPairIsForced() throws {
        let s = Fixture.scenario(
            [Fixture.school("r", low: true, math: 40), Fixture.school("p1", capacity: 1, math: 60),
             Fixture.school("p2", capacity: 1, math: 45)],
            rules: [Fixture.shnor(fixed: [("r", "p2")])], travel: [("r", "p1", 10), ("r", "p2", 10)])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["r→p2"])
        #expect(a.pairs[0].fixed)
        #expect(a.isComplete)
        #expect(abs(a.objective - 0) < 1e-9)
    }

    @Test func forbiddenPairIsNeverChosen() throws {
        let s = Fixture.scenario(
            [Fixture.school("r", low: true, math: 40), Fixture.school("p1", capacity: 1, math: 60),
             Fixture.school("p2", capacity: 1, math: 45)],
            rules: [Fixture.shnor(forbidden: [("r", "p1")])], travel: [("r", "p1", 10), ("r", "p2", 10)])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["r→p2"])
        #expect(a.isComplete)
    }

    /// p1 is far better but 61 minutes away; at exactly 60 minutes it is allowed.
    @Test func travelLimitIsInclusive() throws {
        let orgs = [Fixture.school("r", low: true, math: 40), Fixture.school("p1", capacity: 1, math: 95),
                    Fixture.school("p2", capacity: 1, math: 45)]
        let far = try Fixture.solve(Fixture.scenario(orgs, rules: [Fixture.shnor(limit: 60)],
                                                     travel: [("r", "p1", 61), ("r", "p2", 10)]))
        #expect(Fixture.pairs(far) == ["r→p2"])
        let edge = try Fixture.solve(Fixture.scenario(orgs, rules: [Fixture.shnor(limit: 60)],
                                                      travel: [("r", "p1", 60), ("r", "p2", 10)]))
        #expect(Fixture.pairs(edge) == ["r→p1"])
    }

    /// k = 2: the two best of p1 (15), p2 (0), p3 (25 − 5 = 20), each used once.
    @Test func severalDistinctPartnersPerRecipient() throws {
        let s = Fixture.scenario(
            [Fixture.school("r", low: true, math: 40), Fixture.school("p1", capacity: 3, math: 60),
             Fixture.school("p2", capacity: 3, math: 45), Fixture.school("p3", capacity: 3, math: 65)],
            rules: [Fixture.shnor(k: 2)], travel: [("r", "p1", 10), ("r", "p2", 10), ("r", "p3", 10)])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["r→p1", "r→p3"])
        #expect(abs(a.objective - 35) < 1e-9)
        #expect(a.placesNeeded == 2 && a.placesServed == 2)
    }

    /// Recipients and providers overlap (providers: every school); nobody is its own partner.
    @Test func noOrganisationIsItsOwnPartner() throws {
        let rule = PartnerRule(name: "all", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                               providers: OrganisationSelector(kinds: [.school]), travelMinute: 0)
        let s = Fixture.scenario(
            [Fixture.school("a", low: true, capacity: 5, math: 90), Fixture.school("b", low: true, capacity: 5, math: 10)],
            rules: [rule], travel: [("a", "b", 5)])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["a→b", "b→a"])
    }

    /// Serving more recipients beats any objective: r1–p1 alone would be worth 100, but r2 can only
    /// use p1, so r1 takes p2 (value −20) and r2 takes p1.
    @Test func servingMorePlacesComesFirst() throws {
        let s = Fixture.scenario(
            [Fixture.school("r1", low: true, math: 0), Fixture.school("r2", low: true, math: 99),
             Fixture.school("p1", capacity: 1, math: 100), Fixture.school("p2", capacity: 1, math: 0)],
            rules: [Fixture.shnor(travelMinute: 1)],
            travel: [("r1", "p1", 0), ("r1", "p2", 20), ("r2", "p1", 0)])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["r1→p2", "r2→p1"])
        #expect(a.isComplete)
        #expect(abs(a.objective - (-19)) < 1e-9)
    }

    /// A pair found only through coordinates, and one only through travel.csv, are both candidates.
    @Test func coordinatesAndTravelRowsBothGiveCandidates() throws {
        var r = Fixture.school("r", low: true, math: 40)
        r.latitude = 51.0; r.longitude = 38.0
        var near = Fixture.school("near", capacity: 1, math: 50)
        near.latitude = 51.05; near.longitude = 38.0   // ≈ 5.6 km ≈ 10.8 min at 40 km/h × 1.3
        let listed = Fixture.school("listed", capacity: 1, math: 80)  // no coordinates
        let s = Fixture.scenario([r, near, listed], rules: [Fixture.shnor(k: 2)], travel: [("listed", "r", 30)])
        let problem = PartnerProblem(scenario: s)
        #expect(problem.candidates.map { s.organisations[$0.provider].id }.sorted() == ["listed", "near"])
        let a = try Fixture.solve(s)
        #expect(Fixture.pairs(a) == ["r→listed", "r→near"])
    }

    /// The LP-relaxation route and branch-and-bound agree.
    @Test func bothProofRoutesAgree() throws {
        let s = Fixture.scenario(
            [Fixture.school("r1", low: true, math: 0), Fixture.school("r2", low: true, math: 99),
             Fixture.school("p1", capacity: 1, math: 100), Fixture.school("p2", capacity: 1, math: 0)],
            rules: [Fixture.shnor(travelMinute: 1)],
            travel: [("r1", "p1", 0), ("r1", "p2", 20), ("r2", "p1", 0)])
        let mip = try Fixture.solve(s, strategy: .mipOnly)
        let lp = try Fixture.solve(s, strategy: .relaxationFirst)
        #expect(mip.proof == .branchAndBound)
        #expect(lp.proof == .integralRelaxation)
        #expect(Fixture.pairs(mip) == Fixture.pairs(lp))
        #expect(abs(mip.objective - lp.objective) < 1e-9)
    }
}
