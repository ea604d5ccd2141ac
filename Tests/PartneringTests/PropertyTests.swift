import SetkaModel
import Testing
@testable import Partnering

/// Optimality against exhaustive search on many small random instances (fixed seeds), and the
/// latitude-window candidate search against all pairs.
@Suite struct PropertyTests {
    /// A random instance: 2–4 partner schools, 1–3 ШНОР schools (k = 1 or 2), 0–2 kindergartens
    /// with a second rule sharing capacity; travel from coordinates, travel rows, or both; some
    /// forbidden pairs; some fixed pairs (always allowed and within capacity).
    static func instance(seed: UInt64) -> Scenario {
        var rng = TestRandom(seed: seed)
        var orgs: [Organisation] = []
        let useCoordinates = rng.chance(0.5)
        func place(_ o: inout Organisation) {
            if useCoordinates && rng.chance(0.9) {
                o.latitude = 51 + rng.double(-0.25...0.25)
                o.longitude = 38 + rng.double(-0.35...0.35)
            }
        }
        func scores(_ range: ClosedRange<Double>) -> [String: Double] {
            var s: [String: Double] = [:]
            if rng.chance(0.85) { s["math"] = (rng.double(range) * 10).rounded() / 10 }
            if rng.chance(0.85) { s["russian"] = (rng.double(range) * 10).rounded() / 10 }
            return s
        }
        for i in 0..<rng.int(2...4) {
            var o = Organisation(id: "p\(i)", name: "P\(i)", partnerCapacity: rng.int(0...2), scores: scores(30...90))
            place(&o); orgs.append(o)
        }
        let recipients = rng.int(1...3)
        for i in 0..<recipients {
            var o = Organisation(id: "r\(i)", name: "R\(i)", lowResults: true, partnerCapacity: rng.int(0...1), scores: scores(20...70))
            place(&o); orgs.append(o)
        }
        let kindergartens = rng.int(0...2)
        for i in 0..<kindergartens {
            var o = Organisation(id: "g\(i)", name: "G\(i)", kind: .kindergarten)
            place(&o); orgs.append(o)
        }
        var travel: [TravelEntry] = []
        for i in orgs.indices {
            for j in orgs.indices where i < j {
                let needed = orgs[i].latitude == nil || orgs[j].latitude == nil
                if (needed && rng.chance(0.85)) || rng.chance(0.1) {
                    travel.append(TravelEntry(from: orgs[i].id, to: orgs[j].id, minutes: (rng.double(0...80) * 10).rounded() / 10))
                }
            }
        }
        let k = rng.int(1...2)
        var shnor = PartnerRule(name: "ШНОР", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                                providers: OrganisationSelector(kinds: [.school], lowResults: false),
                                partnersPerRecipient: k, maxTravelMinutes: Double(rng.int(40...60)),
                                subjects: rng.chance(0.3) ? ["math"] : nil,
                                travelMinute: (rng.double(0...1) * 100).rounded() / 100)
        var rules = [shnor]
        if kindergartens > 0 {
            rules.append(PartnerRule(name: "ДОУ", recipients: OrganisationSelector(kinds: [.kindergarten]),
                                     providers: OrganisationSelector(kinds: [.school]), maxTravelMinutes: 50,
                                     subjects: [], travelMinute: 0.3))
        }
        var s = Scenario(name: "random \(seed)", partnering: rules, organisations: orgs, travelEntries: travel)
        // Forbidden and fixed pairs for the ШНОР rule.
        let providers = orgs.filter { shnor.providers.matches($0) }
        var fixedLoad: [String: Int] = [:]
        for r in orgs where shnor.recipients.matches(r) {
            for p in providers where rng.chance(0.12) {
                shnor.forbidden.append(PartnerPair(recipient: r.id, provider: p.id))
            }
            guard rng.chance(0.3) else { continue }
            let allowed = providers.filter { p in
                p.partnerCapacity > fixedLoad[p.id, default: 0]
                    && !shnor.forbidden.contains(PartnerPair(recipient: r.id, provider: p.id))
                    && (s.minutes(from: r.id, to: p.id).map { $0 <= shnor.maxTravelMinutes } ?? false)
            }
            if let p = allowed.first {
                shnor.fixed.append(PartnerPair(recipient: r.id, provider: p.id))
                fixedLoad[p.id, default: 0] += 1
            }
        }
        s.partnering[0] = shnor
        return s
    }

    /// Exhaustive search, written independently of the solver: the lexicographic optimum
    /// (most places served, then the largest objective).
    static func exhaustive(_ s: Scenario) -> (served: Int, objective: Double) {
        let allSubjects = Set(s.organisations.flatMap { $0.scores.keys }).sorted()
        struct Slot { var options: [[(provider: Int, value: Double)]] }
        var slots: [Slot] = []
        for rule in s.partnering {
            let subjects = rule.subjects ?? allSubjects
            for (ri, r) in s.organisations.enumerated() where rule.recipients.matches(r) {
                var allowed: [(Int, Double)] = []
                for (pi, p) in s.organisations.enumerated() where pi != ri && rule.providers.matches(p) && p.partnerCapacity > 0 {
                    guard let m = s.minutes(from: r.id, to: p.id), m <= rule.maxTravelMinutes,
                          !rule.forbidden.contains(PartnerPair(recipient: r.id, provider: p.id)) else { continue }
                    var gain = 0.0
                    for sub in subjects { if let a = r.scores[sub], let b = p.scores[sub] { gain += max(0, b - a) } }
                    allowed.append((pi, gain - rule.travelMinute * m))
                }
                let fixed = Set(rule.fixed.filter { $0.recipient == r.id }.compactMap { s.organisationIndex[$0.provider] })
                // Every subset of size ≤ k containing the fixed providers.
                var options: [[(provider: Int, value: Double)]] = []
                for mask in 0..<(1 << allowed.count) where mask.nonzeroBitCount <= rule.partnersPerRecipient {
                    let chosen = allowed.indices.filter { mask & (1 << $0) != 0 }.map { allowed[$0] }
                    if fixed.isSubset(of: Set(chosen.map(\.0))) { options.append(chosen.map { (provider: $0.0, value: $0.1) }) }
                }
                slots.append(Slot(options: options))
            }
        }
        var load = [Int](repeating: 0, count: s.organisations.count)
        var best = (served: -1, objective: -Double.infinity)
        func dfs(_ i: Int, _ served: Int, _ objective: Double) {
            if i == slots.count {
                if served > best.served || (served == best.served && objective > best.objective + 1e-9) {
                    best = (served, objective)
                }
                return
            }
            for option in slots[i].options {
                guard option.allSatisfy({ load[$0.provider] < s.organisations[$0.provider].partnerCapacity }) else { continue }
                for o in option { load[o.provider] += 1 }
                dfs(i + 1, served + option.count, objective + option.reduce(0) { $0 + $1.value })
                for o in option { load[o.provider] -= 1 }
            }
        }
        dfs(0, 0, 0)
        return best
    }

    @Test(arguments: 0..<8)
    func matchesExhaustiveSearch(batch: Int) throws {
        for seed in UInt64(batch * 25)..<UInt64(batch * 25 + 25) {
            let s = Self.instance(seed: seed)
            let a = try Fixture.solve(s)
            let best = Self.exhaustive(s)
            #expect(a.status == .optimal, "seed \(seed)")
            #expect(a.placesServed == best.served, "seed \(seed)")
            #expect(abs(a.objective - best.objective) <= 1e-6 * max(1, abs(best.objective)), "seed \(seed): \(a.objective) vs \(best.objective)")
            #expect(a.fixedProblems.isEmpty, "seed \(seed)")
            #expect(a.unserved.reduce(0) { $0 + $1.needed - $1.served } == a.placesNeeded - a.placesServed, "seed \(seed)")
            let violations = PartnerChecker(scenario: s).check(a)
            #expect(violations.isEmpty, "seed \(seed): \(violations)")
            // An unserved recipient's reason must hold in the assignment.
            for u in a.unserved {
                if case .allAtCapacity(_, let loads) = u.reason {
                    for l in loads { #expect(l.supports.count == l.capacity, "seed \(seed)") }
                }
            }
            if batch == 0 {
                let lp = try Fixture.solve(s, strategy: .relaxationFirst)
                #expect(lp.placesServed == a.placesServed && abs(lp.objective - a.objective) < 1e-6, "seed \(seed)")
            }
        }
    }

    /// The random instances exercise every feature (so the comparison above means something).
    @Test func instancesCoverEveryFeature() throws {
        var incomplete = 0, fixed = 0, forbidden = 0, twoRules = 0, twoPartners = 0, coordinates = 0, negative = 0
        for seed in UInt64(0)..<200 {
            let s = Self.instance(seed: seed)
            let a = try Fixture.solve(s)
            if a.placesServed < a.placesNeeded { incomplete += 1 }
            if !s.partnering[0].fixed.isEmpty { fixed += 1 }
            if !s.partnering[0].forbidden.isEmpty { forbidden += 1 }
            if s.partnering.count > 1 { twoRules += 1 }
            if s.partnering[0].partnersPerRecipient == 2 { twoPartners += 1 }
            if s.organisations.contains(where: { $0.latitude != nil }) { coordinates += 1 }
            if a.pairs.contains(where: { $0.value < 0 }) { negative += 1 }
        }
        for (name, n) in [("incomplete", incomplete), ("fixed", fixed), ("forbidden", forbidden), ("two rules", twoRules),
                          ("k = 2", twoPartners), ("coordinates", coordinates), ("negative pair value", negative)] {
            #expect(n >= 10, "only \(n) instances with \(name)")
        }
    }

    /// The latitude window finds exactly the pairs within reach, travel rows included.
    @Test(arguments: [UInt64(7), 8, 9])
    func candidateSearchFindsEveryPairInReach(seed: UInt64) {
        var rng = TestRandom(seed: seed)
        var orgs: [Organisation] = []
        for i in 0..<120 {
            let low = i % 4 == 0
            var o = Organisation(id: "o\(i)", name: "O\(i)", kind: i % 10 == 9 ? .kindergarten : .school,
                                 lowResults: low, partnerCapacity: low ? 0 : rng.int(0...3), scores: ["math": rng.double(0...100)])
            if i % 17 != 5 {
                o.latitude = 50 + rng.double(0...2)
                o.longitude = 37 + rng.double(0...3)
            }
            orgs.append(o)
        }
        var travel: [TravelEntry] = []
        for _ in 0..<80 {
            let a = rng.int(0...119), b = rng.int(0...119)
            travel.append(TravelEntry(from: "o\(a)", to: "o\(b)", minutes: rng.double(0...120)))
        }
        let rules = [
            PartnerRule(name: "a", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                        providers: OrganisationSelector(kinds: [.school], lowResults: false), maxTravelMinutes: 45),
            PartnerRule(name: "b", recipients: OrganisationSelector(kinds: [.kindergarten]),
                        providers: OrganisationSelector(kinds: [.school]), maxTravelMinutes: 90,
                        forbidden: [PartnerPair(recipient: "o9", provider: "o1")]),
        ]
        let s = Scenario(name: "grid", partnering: rules, organisations: orgs, travelEntries: travel)
        let problem = PartnerProblem(scenario: s)
        let found = Set(problem.candidates.map { "\($0.rule)|\($0.recipient)|\($0.provider)" })
        var expected = Set<String>()
        for (ri, rule) in rules.enumerated() {
            for r in orgs.indices where rule.recipients.matches(orgs[r]) {
                for p in orgs.indices where p != r && rule.providers.matches(orgs[p]) && orgs[p].partnerCapacity > 0 {
                    guard !rule.forbidden.contains(PartnerPair(recipient: orgs[r].id, provider: orgs[p].id)),
                          let m = s.travel.minutes(r, p), m <= rule.maxTravelMinutes else { continue }
                    expected.insert("\(ri)|\(r)|\(p)")
                }
            }
        }
        #expect(!expected.isEmpty)
        #expect(found == expected)
    }
}
