import SetkaModel
import Testing
@testable import Partnering

/// The independent checker: accepts the solver's assignments and rejects each kind of violation.
@Suite struct CheckerTests {
    /// r1, r2 (low; math 40, 30); p1 (cap 1, math 60), p2 (cap 1, math 50), g kindergarten.
    /// Travel r1–p1 10, r1–p2 20, r2–p1 15, r2–p2 70 (over the limit), r1–g 5.
    let scenario = Fixture.scenario(
        [Fixture.school("r1", low: true, math: 40), Fixture.school("r2", low: true, math: 30),
         Fixture.school("p1", capacity: 1, math: 60), Fixture.school("p2", capacity: 1, math: 50),
         Fixture.kindergarten("g")],
        rules: [Fixture.shnor(fixed: [("r2", "p1")], forbidden: [("r1", "p1")])],
        travel: [("r1", "p1", 10), ("r1", "p2", 20), ("r2", "p1", 15), ("r2", "p2", 70), ("r1", "g", 5)])

    /// The valid assignment: r1–p2 (gain 10, 20 min, value 0), r2–p1 (gain 30, 15 min, value 22.5).
    var valid: [AssignedPair] {
        [AssignedPair(rule: 0, recipient: "r1", provider: "p2", minutes: 20, gain: 10, value: 0),
         AssignedPair(rule: 0, recipient: "r2", provider: "p1", minutes: 15, gain: 30, value: 22.5, fixed: true)]
    }

    func check(_ pairs: [AssignedPair], shortfall: [String: Int] = [:], excused: Set<String> = [], objective: Double? = nil) -> [PartnerViolation] {
        PartnerChecker(scenario: scenario).check(pairs: pairs, shortfall: shortfall, excusedFixed: excused, objective: objective)
    }

    @Test func acceptsTheSolversAssignment() throws {
        let a = try Fixture.solve(scenario)
        #expect(Fixture.pairs(a) == ["r1→p2", "r2→p1"])
        #expect(PartnerChecker(scenario: scenario).check(a).isEmpty)
        #expect(check(valid, objective: 22.5).isEmpty)
    }

    @Test func unknownRuleAndOrganisation() {
        var pairs = valid
        pairs.append(AssignedPair(rule: 3, recipient: "r1", provider: "p1", minutes: 0, gain: 0, value: 0))
        pairs.append(AssignedPair(rule: 0, recipient: "r1", provider: "zz", minutes: 0, gain: 0, value: 0))
        let v = check(pairs)
        #expect(v.contains(.unknownRule(rule: 3)))
        #expect(v.contains(.unknownOrganisation(rule: 0, id: "zz")))
    }

    @Test func notRecipientOrProvider() {
        var pairs = valid
        pairs[0] = AssignedPair(rule: 0, recipient: "p1", provider: "g", minutes: 0, gain: 0, value: 0)
        let v = check(pairs)
        #expect(v.contains(.notRecipient(rule: 0, recipient: "p1")))
        #expect(v.contains(.notProvider(rule: 0, provider: "g")))
    }

    @Test func selfPair() {
        let v = check(valid + [AssignedPair(rule: 0, recipient: "r1", provider: "r1", minutes: 0, gain: 0, value: 0)])
        #expect(v.contains(.selfPair(rule: 0, id: "r1")))
    }

    @Test func duplicatePair() {
        let v = check(valid + [valid[0]])
        #expect(v.contains(.duplicatePair(rule: 0, recipient: "r1", provider: "p2")))
    }

    @Test func forbiddenPair() {
        var pairs = valid
        pairs[0] = AssignedPair(rule: 0, recipient: "r1", provider: "p1", minutes: 10, gain: 20, value: 15)
        #expect(check(pairs).contains(.forbiddenPair(rule: 0, recipient: "r1", provider: "p1")))
    }

    @Test func travelOverTheLimitOrUnknown() {
        var pairs = valid
        pairs[1] = AssignedPair(rule: 0, recipient: "r2", provider: "p2", minutes: 70, gain: 20, value: -15)
        #expect(check(pairs).contains(.tooFar(rule: 0, recipient: "r2", provider: "p2", minutes: 70, limit: 60)))
        var s = scenario
        s.travelEntries.removeAll { $0.from == "r1" && $0.to == "p2" }
        let v = PartnerChecker(scenario: s).check(pairs: valid)
        #expect(v.contains(.noTravelTime(rule: 0, recipient: "r1", provider: "p2")))
    }

    @Test func overCapacity() {
        var pairs = valid
        pairs[0] = AssignedPair(rule: 0, recipient: "r1", provider: "p1", minutes: 10, gain: 20, value: 15)
        #expect(check(pairs).contains(.overCapacity(provider: "p1", used: 2, capacity: 1)))
    }

    @Test func wrongNumberOfPartners() {
        let v = check([valid[1]])
        #expect(v.contains(.wrongPartnerCount(rule: 0, recipient: "r1", partners: 0, expected: 1)))
        // Declared as a shortfall, it is accepted.
        #expect(check([valid[1]], shortfall: ["0|r1": 1]).isEmpty)
    }

    @Test func missingFixedPair() {
        let pairs = [valid[0], AssignedPair(rule: 0, recipient: "r2", provider: "p2", minutes: 70, gain: 20, value: -15)]
        #expect(check(pairs).contains(.fixedPairMissing(rule: 0, recipient: "r2", provider: "p1")))
        #expect(!check(pairs, excused: ["0|r2|p1"]).contains(.fixedPairMissing(rule: 0, recipient: "r2", provider: "p1")))
    }

    @Test func wrongFiguresOrObjective() {
        var pairs = valid
        pairs[0].minutes = 19
        pairs[1].gain = 31
        let v = check(pairs, objective: 30)
        #expect(v.contains(.pairFigures(rule: 0, recipient: "r1", provider: "p2", field: "minutes", claimed: 19, actual: 20)))
        #expect(v.contains(.pairFigures(rule: 0, recipient: "r2", provider: "p1", field: "gain", claimed: 31, actual: 30)))
        #expect(v.contains(.objective(claimed: 30, actual: 22.5)))
    }
}
