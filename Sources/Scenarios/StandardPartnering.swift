import Foundation
import SetkaModel

/// The partner assignment is not in this build yet.
struct PartneringUnavailable: Error, CustomStringConvertible {
    var description: String { "partner assignment is not available in this build" }
}

func standardPartnering(_ scenario: Scenario, _ options: RunOptions) throws -> PartneringSolve {
    throw PartneringUnavailable()
}
