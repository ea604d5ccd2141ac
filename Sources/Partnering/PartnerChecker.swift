import Effect
import Foundation
import SetkaModel

/// A way an assignment breaks the "Partnering" rules of the scenario format.
public enum PartnerViolation: Sendable, Hashable, CustomStringConvertible {
    case unknownRule(rule: Int)
    case unknownOrganisation(rule: Int, id: String)
    case notRecipient(rule: Int, recipient: String)
    case notProvider(rule: Int, provider: String)
    case selfPair(rule: Int, id: String)
    case duplicatePair(rule: Int, recipient: String, provider: String)
    case forbiddenPair(rule: Int, recipient: String, provider: String)
    case noTravelTime(rule: Int, recipient: String, provider: String)
    case tooFar(rule: Int, recipient: String, provider: String, minutes: Double, limit: Double)
    case overCapacity(provider: String, used: Int, capacity: Int)
    /// A recipient has a number of partners other than `partners_per_recipient` minus its declared shortfall.
    case wrongPartnerCount(rule: Int, recipient: String, partners: Int, expected: Int)
    /// A fixed pair is missing and not declared as impossible.
    case fixedPairMissing(rule: Int, recipient: String, provider: String)
    /// The minutes or gain written for a pair differ from the data.
    case pairFigures(rule: Int, recipient: String, provider: String, field: String, claimed: Double, actual: Double)
    /// The objective claimed differs from the one recomputed.
    case objective(claimed: Double, actual: Double)
    /// A rule with `avoid_unhelpful` assigned a (not fixed) pair whose past partnership showed no gain.
    case unhelpfulPair(rule: Int, recipient: String, provider: String)

    public var description: String {
        switch self {
        case .unknownRule(let r): return "pair of rule #\(r + 1), which does not exist"
        case .unknownOrganisation(let r, let id): return "rule #\(r + 1): unknown organisation '\(id)'"
        case .notRecipient(let r, let id): return "rule #\(r + 1): '\(id)' is not a recipient of the rule"
        case .notProvider(let r, let id): return "rule #\(r + 1): '\(id)' is not a provider of the rule"
        case .selfPair(let r, let id): return "rule #\(r + 1): '\(id)' is paired with itself"
        case .duplicatePair(let r, let a, let b): return "rule #\(r + 1): pair \(a)–\(b) appears more than once"
        case .forbiddenPair(let r, let a, let b): return "rule #\(r + 1): pair \(a)–\(b) is forbidden"
        case .noTravelTime(let r, let a, let b): return "rule #\(r + 1): pair \(a)–\(b) has no travel time"
        case .tooFar(let r, let a, let b, let m, let l): return "rule #\(r + 1): pair \(a)–\(b) is \(m) min apart, over the limit \(l)"
        case .overCapacity(let p, let used, let cap): return "provider '\(p)' supports \(used) recipients, over its partner_capacity \(cap)"
        case .wrongPartnerCount(let r, let id, let n, let k): return "rule #\(r + 1): '\(id)' has \(n) partners, expected \(k)"
        case .fixedPairMissing(let r, let a, let b): return "rule #\(r + 1): fixed pair \(a)–\(b) is missing"
        case .pairFigures(let r, let a, let b, let f, let c, let v): return "rule #\(r + 1): pair \(a)–\(b) says \(f) \(c), the data give \(v)"
        case .objective(let c, let v): return "objective claimed \(c), recomputed \(v)"
        case .unhelpfulPair(let r, let a, let b): return "rule #\(r + 1): pair \(a)–\(b) showed no gain and the rule avoids such pairs"
        }
    }
}

/// An independent check of a partner assignment against the scenario, written without the
/// solver's code: every rule constraint, shared capacity, travel limit, fixed and forbidden
/// pairs, no self-pairs, and the objective recomputed from the scores and travel times.
public struct PartnerChecker: Sendable {
    public let scenario: Scenario
    /// Tolerance on minutes, gains and the objective.
    public var tolerance = 1e-6

    public init(scenario: Scenario) { self.scenario = scenario }

    /// Checks `assignment`: its pairs, its declared shortfalls (`unserved`), its excused fixed
    /// pairs (`fixedProblems`) and its objective.
    public func check(_ assignment: PartnerAssignment) -> [PartnerViolation] {
        var shortfall: [String: Int] = [:]
        for u in assignment.unserved { shortfall["\(u.rule)|\(u.recipient)", default: 0] += u.needed - u.served }
        let excused = Set(assignment.fixedProblems.map { "\($0.rule)|\($0.recipient)|\($0.provider)" })
        return check(pairs: assignment.pairs, shortfall: shortfall, excusedFixed: excused, objective: assignment.objective)
    }

    /// Checks pairs; `shortfall["rule|recipient"]` is the number of partners declared missing,
    /// `excusedFixed` holds `"rule|recipient|provider"` of fixed pairs declared impossible.
    public func check(pairs: [AssignedPair], shortfall: [String: Int] = [:], excusedFixed: Set<String> = [],
                      objective: Double? = nil) -> [PartnerViolation] {
        var violations: [PartnerViolation] = []
        let rules = scenario.partnering
        let allSubjects = Set(scenario.organisations.flatMap { $0.scores.keys }).sorted()
        var used: [String: Int] = [:]
        var partnerCount: [String: Int] = [:]
        var seen = Set<String>()
        var total = 0.0
        let unhelpful = unhelpfulPairs()
        for pair in pairs {
            guard rules.indices.contains(pair.rule) else { violations.append(.unknownRule(rule: pair.rule)); continue }
            let rule = rules[pair.rule]
            guard let r = scenario.organisation(pair.recipient) else {
                violations.append(.unknownOrganisation(rule: pair.rule, id: pair.recipient)); continue
            }
            guard let p = scenario.organisation(pair.provider) else {
                violations.append(.unknownOrganisation(rule: pair.rule, id: pair.provider)); continue
            }
            if !rule.recipients.matches(r) { violations.append(.notRecipient(rule: pair.rule, recipient: r.id)) }
            if !rule.providers.matches(p) { violations.append(.notProvider(rule: pair.rule, provider: p.id)) }
            if r.id == p.id { violations.append(.selfPair(rule: pair.rule, id: r.id)) }
            if !seen.insert("\(pair.rule)|\(r.id)|\(p.id)").inserted {
                violations.append(.duplicatePair(rule: pair.rule, recipient: r.id, provider: p.id))
            }
            if rule.forbidden.contains(PartnerPair(recipient: r.id, provider: p.id)) {
                violations.append(.forbiddenPair(rule: pair.rule, recipient: r.id, provider: p.id))
            }
            if unhelpful.contains("\(pair.rule)|\(r.id)|\(p.id)") {
                violations.append(.unhelpfulPair(rule: pair.rule, recipient: r.id, provider: p.id))
            }
            var minutes = 0.0
            if let m = scenario.minutes(from: r.id, to: p.id) {
                minutes = m
                if m > rule.maxTravelMinutes + tolerance {
                    violations.append(.tooFar(rule: pair.rule, recipient: r.id, provider: p.id, minutes: m, limit: rule.maxTravelMinutes))
                }
                if abs(m - pair.minutes) > tolerance {
                    violations.append(.pairFigures(rule: pair.rule, recipient: r.id, provider: p.id, field: "minutes", claimed: pair.minutes, actual: m))
                }
            } else {
                violations.append(.noTravelTime(rule: pair.rule, recipient: r.id, provider: p.id))
            }
            var gain = 0.0
            for s in rule.subjects ?? allSubjects {
                if let a = r.scores[s], let b = p.scores[s], b > a { gain += b - a }
            }
            if abs(gain - pair.gain) > tolerance {
                violations.append(.pairFigures(rule: pair.rule, recipient: r.id, provider: p.id, field: "gain", claimed: pair.gain, actual: gain))
            }
            total += gain - rule.travelMinute * minutes
            used[p.id, default: 0] += 1
            partnerCount["\(pair.rule)|\(r.id)", default: 0] += 1
        }
        for id in used.keys.sorted() {
            let capacity = scenario.organisation(id)?.partnerCapacity ?? 0
            if used[id]! > capacity { violations.append(.overCapacity(provider: id, used: used[id]!, capacity: capacity)) }
        }
        for (ri, rule) in rules.enumerated() {
            for o in scenario.organisations where rule.recipients.matches(o) {
                let key = "\(ri)|\(o.id)"
                let expected = rule.partnersPerRecipient - (shortfall[key] ?? 0)
                let n = partnerCount[key] ?? 0
                if n != expected { violations.append(.wrongPartnerCount(rule: ri, recipient: o.id, partners: n, expected: expected)) }
            }
            for f in Set(rule.fixed).sorted(by: { ($0.recipient, $0.provider) < ($1.recipient, $1.provider) })
            where !seen.contains("\(ri)|\(f.recipient)|\(f.provider)") && !excusedFixed.contains("\(ri)|\(f.recipient)|\(f.provider)") {
                violations.append(.fixedPairMissing(rule: ri, recipient: f.recipient, provider: f.provider))
            }
        }
        if let objective, abs(objective - total) > tolerance * max(1, abs(total)) {
            violations.append(.objective(claimed: objective, actual: total))
        }
        return violations
    }

    /// `"rule|recipient|provider"` of the pairs rules with `avoid_unhelpful` must not assign: those
    /// the effect study finds without gain, unless the rule fixes them. Recomputed from the
    /// results and history here, not taken from the problem the solver was given.
    func unhelpfulPairs() -> Set<String> {
        guard scenario.partnering.contains(where: \.avoidUnhelpful) else { return [] }
        let study = EffectStudy(scenario: scenario)
        var out = Set<String>()
        for (ri, rule) in scenario.partnering.enumerated() where rule.avoidUnhelpful {
            for (r, p) in study.unhelpfulPairs(rule: ri)
            where !rule.fixed.contains(PartnerPair(recipient: r.recipient, provider: p.provider)) {
                out.insert("\(ri)|\(r.recipient)|\(p.provider)")
            }
        }
        return out
    }
}
