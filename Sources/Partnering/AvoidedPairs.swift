import Effect
import Foundation
import SetkaModel

/// A pair that a rule with `avoid_unhelpful: true` keeps from being assigned again: its past
/// partnership showed no gain (``PairEffect/showsNoGain``: every subject with an estimate has its
/// whole 90% interval at or below zero). A pair the rule also lists under `fixed` is kept (the
/// coordinator's explicit choice wins) and said so.
public struct AvoidedPair: Sendable, Hashable, Codable {
    /// Index of the rule in `Scenario.partnering`.
    public var rule: Int
    public var recipient: String
    public var provider: String
    /// The pair is fixed by the rule, so it was not avoided.
    public var keptBecauseFixed: Bool
    /// The estimates that show no gain.
    public var evidence: PairEffect

    /// The pairs every rule with `avoid_unhelpful` avoids, in rule order, from the effect study of
    /// `scenario`'s results and history (no study is made when no rule asks for it).
    public static func find(in scenario: Scenario) -> [AvoidedPair] {
        guard scenario.partnering.contains(where: \.avoidUnhelpful) else { return [] }
        let study = EffectStudy(scenario: scenario)
        var out: [AvoidedPair] = []
        for (ri, rule) in scenario.partnering.enumerated() where rule.avoidUnhelpful {
            let fixed = Set(rule.fixed)
            for (r, p) in study.unhelpfulPairs(rule: ri) {
                out.append(AvoidedPair(rule: ri, recipient: r.recipient, provider: p.provider,
                                       keptBecauseFixed: fixed.contains(PartnerPair(recipient: r.recipient, provider: p.provider)),
                                       evidence: p))
            }
        }
        return out
    }
}
