import Foundation
import Partnering
import SetkaModel

/// Partner assignment by `PartnerRun` (the lexicographic MIP, checked by `PartnerChecker`), as
/// rows for the comparison with the assignment itself (the runner verifies it again with the
/// cache's entries, on one path).
func standardPartnering(_ scenario: Scenario, _ options: RunOptions, shouldStop: @escaping @Sendable () -> Bool) throws -> PartneringSolve {
    let clock = ContinuousClock()
    let start = clock.now
    let run = try PartnerRun.run(scenario, options: PartnerOptions(timeLimit: options.timeLimit), shouldStop: shouldStop)
    let d = clock.now - start
    return PartneringSolve(run, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
}
