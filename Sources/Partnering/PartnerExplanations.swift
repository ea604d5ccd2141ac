import Foundation
import SetkaModel

/// A fixed pair of a rule that cannot be forced into the assignment.
public struct FixedPairProblem: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        case unknownOrganisation(String)
        case selfPair
        case notRecipient
        case notProvider
        case forbidden
        /// Neither a `travel.csv` row nor coordinates at both ends.
        case noTravelTime
        case tooFar(minutes: Double, limit: Double)
        /// The provider's `partner_capacity` is used up by fixed pairs listed before this one.
        case overCapacity(capacity: Int)
        /// The recipient already has `partners_per_recipient` fixed partners.
        case tooManyFixed(partnersPerRecipient: Int)
    }
    public var rule: Int
    public var recipient: String
    public var provider: String
    public var kind: Kind
}

/// Why a recipient of a rule has fewer partners than `partners_per_recipient`, computed from the
/// data and the optimal assignment.
public enum UnservedReason: Sendable, Hashable, Codable {
    /// The rule selects no provider other than the recipient itself.
    case noProviders
    /// No provider of the rule within the travel limit. `nearest` is the closest provider with a
    /// known travel time (nil when none); `unknownTravel` counts providers with no travel time.
    case noneWithinReach(limit: Double, nearest: String?, nearestMinutes: Double?, unknownTravel: Int)
    /// Fewer usable providers in reach than needed. `excluded` lists providers in reach that
    /// cannot be used: forbidden, or `partner_capacity` 0.
    case tooFewInReach(available: Int, needed: Int, limit: Double, excluded: [ExcludedProvider])
    /// Every usable provider in reach (not already this recipient's partner) is full.
    case allAtCapacity(limit: Double, providers: [ProviderLoad])
}

/// A provider within reach that a rule cannot use for a recipient.
public struct ExcludedProvider: Sendable, Hashable, Codable {
    /// `unhelpful`: a rule with `avoid_unhelpful` keeps the pair out (its partnership showed no gain).
    public enum Why: String, Sendable, Hashable, Codable { case forbidden, noCapacity, unhelpful }
    public var provider: String
    public var minutes: Double
    public var why: Why
}

/// A provider with its capacity and the recipients (over all rules) it supports.
public struct ProviderLoad: Sendable, Hashable, Codable {
    public var provider: String
    public var minutes: Double
    public var capacity: Int
    public var supports: [String]
}

/// A recipient of a rule left (partly) without partners.
public struct UnservedRecipient: Sendable, Hashable, Codable {
    public var rule: Int
    public var recipient: String
    /// Partners it got / partners it needs.
    public var served: Int
    public var needed: Int
    public var reason: UnservedReason
}

/// Computes ``UnservedReason``s from the problem and the chosen pairs.
enum UnservedExplainer {
    /// The reason recipient slot `slot` got only its `chosenProviders`, given the recipients
    /// every provider supports over all rules (`supporters`).
    static func explain(_ slot: RecipientSlot, problem: PartnerProblem, chosenProviders: Set<Int>,
                        supporters: [Int: [Int]]) -> UnservedReason {
        let scenario = problem.scenario
        let orgs = scenario.organisations
        let rule = scenario.partnering[slot.rule]
        let r = slot.recipient
        let others = problem.providers[slot.rule].filter { $0 != r }
        if others.isEmpty { return .noProviders }
        let forbidden = Set(rule.forbidden.filter { $0.recipient == orgs[r].id }.map(\.provider))
        let unhelpful = Set(problem.avoided.filter { $0.rule == slot.rule && $0.recipient == orgs[r].id && !$0.keptBecauseFixed }.map(\.provider))

        // Providers in reach (any capacity, forbidden or not).
        var inReach: [(p: Int, m: Double)] = []
        var nearest: (p: Int, m: Double)? = nil
        var unknown = 0
        for p in others {
            guard let m = scenario.travel.minutes(r, p) else { unknown += 1; continue }
            if m <= rule.maxTravelMinutes { inReach.append((p, m)) }
            if nearest == nil || m < nearest!.m || (m == nearest!.m && orgs[p].id < orgs[nearest!.p].id) { nearest = (p, m) }
        }
        if inReach.isEmpty {
            return .noneWithinReach(limit: rule.maxTravelMinutes, nearest: nearest.map { orgs[$0.p].id },
                                    nearestMinutes: nearest?.m, unknownTravel: unknown)
        }
        inReach.sort { ($0.m, orgs[$0.p].id) < ($1.m, orgs[$1.p].id) }
        var excluded: [ExcludedProvider] = []
        var usable: [(p: Int, m: Double)] = []
        for (p, m) in inReach {
            if forbidden.contains(orgs[p].id) {
                excluded.append(ExcludedProvider(provider: orgs[p].id, minutes: m, why: .forbidden))
            } else if unhelpful.contains(orgs[p].id) {
                excluded.append(ExcludedProvider(provider: orgs[p].id, minutes: m, why: .unhelpful))
            } else if orgs[p].partnerCapacity <= 0 {
                excluded.append(ExcludedProvider(provider: orgs[p].id, minutes: m, why: .noCapacity))
            } else {
                usable.append((p, m))
            }
        }
        if usable.count < slot.demand {
            return .tooFewInReach(available: usable.count, needed: slot.demand, limit: rule.maxTravelMinutes,
                                  excluded: excluded)
        }
        let loads = usable.filter { !chosenProviders.contains($0.p) }.map { p, m in
            ProviderLoad(provider: orgs[p].id, minutes: m, capacity: orgs[p].partnerCapacity,
                         supports: (supporters[p] ?? []).map { orgs[$0].id })
        }
        return .allAtCapacity(limit: rule.maxTravelMinutes, providers: loads)
    }
}
