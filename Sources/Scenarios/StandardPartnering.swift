import Foundation
import Partnering
import SetkaModel

/// Partner assignment by `Partnering.assign` (the lexicographic MIP), as rows for the comparison.
func standardPartnering(_ scenario: Scenario, _ options: RunOptions) throws -> PartneringSolve {
    let clock = ContinuousClock()
    let start = clock.now
    let a = try Partnering.assign(scenario, options: PartnerOptions(timeLimit: options.timeLimit))
    let d = clock.now - start
    let names = scenario.partnering.map(\.name)
    func rule(_ i: Int) -> String { names.indices.contains(i) ? names[i] : "rule \(i + 1)" }
    let pairs = a.pairs.map {
        PartnerRow(rule: rule($0.rule), recipient: $0.recipient, provider: $0.provider, minutes: $0.minutes, gain: $0.gain)
    }
    return PartneringSolve(pairs: pairs, unservedRecipients: a.unserved.map(\.recipient), objective: a.objective,
                           status: a.status,
                           seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
}
