import Foundation
import SetkaModel

/// One allowed (recipient, provider) pair of one rule: within `max_travel_minutes`, not
/// forbidden, not the organisation itself, provider selected by the rule with capacity > 0.
public struct PartnerCandidate: Sendable, Hashable {
    /// Index of the rule in `Scenario.partnering`.
    public var rule: Int
    /// Index of the recipient in `Scenario.organisations`.
    public var recipient: Int
    /// Index of the provider in `Scenario.organisations`.
    public var provider: Int
    /// Travel minutes recipient → provider.
    public var minutes: Double
    /// Per-subject gains `max(0, score_p − score_r)`, aligned with the rule's `subjects`
    /// (0 where either score is missing).
    public var subjectGains: [Double]
    /// Sum of `subjectGains`.
    public var gain: Double
    /// `gain − travel_minute · minutes`: the pair's contribution to the objective.
    public var value: Double
    /// The pair is in the rule's `fixed` list (and was accepted as forcible).
    public var isFixed: Bool
}

/// One recipient of one rule: who needs `demand` partners and which candidates it has.
public struct RecipientSlot: Sendable, Hashable {
    public var rule: Int
    public var recipient: Int
    /// `partners_per_recipient`.
    public var demand: Int
    /// Indices into `PartnerProblem.candidates`.
    public var candidates: [Int]
}

/// The partnering problem of a scenario: every rule's recipients, their candidate pairs and the
/// fixed pairs that cannot be honoured. Built once; solved by ``PartnerSolver``.
public struct PartnerProblem: Sendable {
    public let scenario: Scenario
    /// Per rule: the subjects its gains sum over (`subjects`, default every score column).
    public let subjects: [[String]]
    /// Per rule: organisation indices the rule selects as recipients / providers.
    public let recipients: [[Int]]
    public let providers: [[Int]]
    public private(set) var candidates: [PartnerCandidate] = []
    public private(set) var slots: [RecipientSlot] = []
    /// Fixed pairs that cannot be forced, with why.
    public private(set) var fixedProblems: [FixedPairProblem] = []
    /// Pairs of rules with `avoid_unhelpful` that are not candidates (their past partnership
    /// showed no gain), and fixed ones kept all the same.
    public let avoided: [AvoidedPair]

    /// Every score subject of the scenario's organisations, sorted (the default `subjects`).
    public static func allSubjects(_ scenario: Scenario) -> [String] {
        var set = Set<String>()
        for o in scenario.organisations { set.formUnion(o.scores.keys) }
        return set.sorted()
    }

    /// Builds candidates for every rule. Pairs are searched only within reach: providers are
    /// sorted by latitude and only those whose latitude is within `max_travel_minutes` of the
    /// recipient's are measured (a great-circle distance is never below its latitude part),
    /// plus every pair given in `travel.csv`.
    public init(scenario: Scenario) {
        self.scenario = scenario
        let orgs = scenario.organisations
        let defaultSubjects = Self.allSubjects(scenario)
        subjects = scenario.partnering.map { $0.subjects ?? defaultSubjects }
        recipients = scenario.partnering.map { rule in orgs.indices.filter { rule.recipients.matches(orgs[$0]) } }
        providers = scenario.partnering.map { rule in orgs.indices.filter { rule.providers.matches(orgs[$0]) } }

        avoided = AvoidedPair.find(in: scenario)
        let explicit = Self.explicitNeighbours(scenario)
        let minutesPerKm = scenario.travelSettings.roadFactor / scenario.travelSettings.speedKmh * 60
        let kmPerDegree = TravelTimes.earthRadiusKm * Double.pi / 180

        // Fixed pairs forced so far per provider (capacity is shared over rules).
        var fixedLoad = [Int](repeating: 0, count: orgs.count)
        for (ri, rule) in scenario.partnering.enumerated() {
            let providerSet = Set(providers[ri])
            let forbidden = Set(rule.forbidden.compactMap { pair -> Int64? in
                guard let r = scenario.organisationIndex[pair.recipient],
                      let p = scenario.organisationIndex[pair.provider] else { return nil }
                return Self.key(r, p)
            })
            // Pairs avoided as unhelpful (never the fixed ones: those are forced or reported below).
            let unhelpful = Set(avoided.filter { $0.rule == ri && !$0.keptBecauseFixed }.compactMap { a -> Int64? in
                guard let r = scenario.organisationIndex[a.recipient], let p = scenario.organisationIndex[a.provider] else { return nil }
                return Self.key(r, p)
            })
            // Fixed pairs: checked one by one; the accepted ones are forced.
            var fixedAccepted = Set<Int64>()
            var seenFixed = Set<PartnerPair>()
            var fixedPerRecipient: [Int: Int] = [:]
            for pair in rule.fixed where seenFixed.insert(pair).inserted {
                if let problem = Self.fixedPairProblem(pair, ruleIndex: ri, rule: rule, scenario: scenario,
                                                       providerSet: providerSet, forbidden: forbidden,
                                                       fixedLoad: fixedLoad, fixedPerRecipient: fixedPerRecipient) {
                    fixedProblems.append(problem)
                    continue
                }
                let r = scenario.organisationIndex[pair.recipient]!, p = scenario.organisationIndex[pair.provider]!
                fixedAccepted.insert(Self.key(r, p))
                fixedLoad[p] += 1
                fixedPerRecipient[r, default: 0] += 1
            }

            // Providers with coordinates and capacity, sorted by latitude.
            let located: [(lat: Double, index: Int)] = providers[ri].compactMap { p in
                guard orgs[p].partnerCapacity > 0, let lat = orgs[p].latitude, orgs[p].longitude != nil else { return nil }
                return (lat, p)
            }.sorted { $0.lat < $1.lat }
            let lats = located.map(\.lat)
            let windowDegrees: Double = {
                guard minutesPerKm > 0, minutesPerKm.isFinite else { return .infinity }
                return rule.maxTravelMinutes / minutesPerKm / kmPerDegree * (1 + 1e-9) + 1e-9
            }()

            for r in recipients[ri] {
                var seen = Set<Int>()
                var list: [Int] = []
                func consider(_ p: Int) {
                    guard p != r, providerSet.contains(p), orgs[p].partnerCapacity > 0, seen.insert(p).inserted,
                          !forbidden.contains(Self.key(r, p)), !unhelpful.contains(Self.key(r, p)),
                          let m = scenario.travel.minutes(r, p), m <= rule.maxTravelMinutes else { return }
                    let (gains, total) = Self.gains(orgs[r], orgs[p], subjects: subjects[ri])
                    list.append(candidates.count)
                    candidates.append(PartnerCandidate(
                        rule: ri, recipient: r, provider: p, minutes: m, subjectGains: gains, gain: total,
                        value: total - rule.travelMinute * m, isFixed: fixedAccepted.contains(Self.key(r, p))))
                }
                if let lat = orgs[r].latitude, orgs[r].longitude != nil {
                    if windowDegrees.isInfinite {
                        for item in located { consider(item.index) }
                    } else {
                        var k = Self.lowerBound(lats, lat - windowDegrees)
                        while k < located.count, located[k].lat <= lat + windowDegrees {
                            consider(located[k].index); k += 1
                        }
                    }
                }
                for p in explicit[r] ?? [] { consider(p) }
                // A fixed pair accepted above is a candidate by construction; make sure of it
                // even for pairs the window could not see (no coordinates, travel.csv only).
                for pair in rule.fixed {
                    guard pair.recipient == orgs[r].id, let p = scenario.organisationIndex[pair.provider],
                          fixedAccepted.contains(Self.key(r, p)) else { continue }
                    consider(p)
                }
                slots.append(RecipientSlot(rule: ri, recipient: r, demand: rule.partnersPerRecipient, candidates: list))
            }
        }
    }

    /// `(per-subject gains, total)` of provider `p` for recipient `r` over `subjects`:
    /// `max(0, score_p − score_r)`, 0 when either score is missing.
    public static func gains(_ r: Organisation, _ p: Organisation, subjects: [String]) -> ([Double], Double) {
        var total = 0.0
        let gains = subjects.map { s -> Double in
            guard let a = r.scores[s], let b = p.scores[s] else { return 0 }
            let g = max(0, b - a)
            total += g
            return g
        }
        return (gains, total)
    }

    /// Why a fixed pair cannot be forced, or nil when it can (in the order the checks are made:
    /// unknown id, self, recipient/provider of the rule, forbidden, travel, capacity, too many).
    static func fixedPairProblem(_ pair: PartnerPair, ruleIndex: Int, rule: PartnerRule, scenario: Scenario,
                                 providerSet: Set<Int>, forbidden: Set<Int64>, fixedLoad: [Int],
                                 fixedPerRecipient: [Int: Int]) -> FixedPairProblem? {
        func problem(_ kind: FixedPairProblem.Kind) -> FixedPairProblem {
            FixedPairProblem(rule: ruleIndex, recipient: pair.recipient, provider: pair.provider, kind: kind)
        }
        guard let r = scenario.organisationIndex[pair.recipient] else { return problem(.unknownOrganisation(pair.recipient)) }
        guard let p = scenario.organisationIndex[pair.provider] else { return problem(.unknownOrganisation(pair.provider)) }
        if r == p { return problem(.selfPair) }
        if !rule.recipients.matches(scenario.organisations[r]) { return problem(.notRecipient) }
        if !providerSet.contains(p) { return problem(.notProvider) }
        if forbidden.contains(key(r, p)) { return problem(.forbidden) }
        guard let m = scenario.travel.minutes(r, p) else { return problem(.noTravelTime) }
        if m > rule.maxTravelMinutes { return problem(.tooFar(minutes: m, limit: rule.maxTravelMinutes)) }
        let capacity = scenario.organisations[p].partnerCapacity
        if fixedLoad[p] >= capacity { return problem(.overCapacity(capacity: capacity)) }
        if fixedPerRecipient[r, default: 0] >= rule.partnersPerRecipient {
            return problem(.tooManyFixed(partnersPerRecipient: rule.partnersPerRecipient))
        }
        return nil
    }

    /// Pairs given in `travel.csv`, both directions, by organisation index.
    static func explicitNeighbours(_ scenario: Scenario) -> [Int: [Int]] {
        var map: [Int: [Int]] = [:]
        for e in scenario.travelEntries {
            guard let a = scenario.organisationIndex[e.from], let b = scenario.organisationIndex[e.to], a != b else { continue }
            map[a, default: []].append(b)
            map[b, default: []].append(a)
        }
        return map
    }

    @inline(__always) static func key(_ r: Int, _ p: Int) -> Int64 { Int64(r) << 32 | Int64(p) }

    static func lowerBound(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
