import SetkaModel
@testable import Partnering

/// Small scenarios built in code. Travel times come from `travel.csv`-like rows (no coordinates),
/// so every minute is exact; a pair without a row has no travel time.
enum Fixture {
    /// A school on (or off) the ШНОР list with math/russian scores.
    static func school(_ id: String, low: Bool = false, capacity: Int = 0, math: Double? = nil,
                       russian: Double? = nil) -> Organisation {
        var scores: [String: Double] = [:]
        if let math { scores["math"] = math }
        if let russian { scores["russian"] = russian }
        return Organisation(id: id, name: "Школа \(id)", kind: .school, lowResults: low, partnerCapacity: capacity, scores: scores)
    }

    static func kindergarten(_ id: String) -> Organisation {
        Organisation(id: id, name: "Детский сад \(id)", kind: .kindergarten)
    }

    /// The ШНОР rule: low-result schools → other schools.
    static func shnor(k: Int = 1, limit: Double = 60, travelMinute: Double = 0.5, subjects: [String]? = nil,
                      fixed: [(String, String)] = [], forbidden: [(String, String)] = []) -> PartnerRule {
        PartnerRule(name: "ШНОР", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                    providers: OrganisationSelector(kinds: [.school], lowResults: false),
                    partnersPerRecipient: k, maxTravelMinutes: limit, subjects: subjects, travelMinute: travelMinute,
                    fixed: fixed.map { PartnerPair(recipient: $0.0, provider: $0.1) },
                    forbidden: forbidden.map { PartnerPair(recipient: $0.0, provider: $0.1) })
    }

    /// Kindergartens → schools.
    static func kindergartens(limit: Double = 60, travelMinute: Double = 0.5) -> PartnerRule {
        PartnerRule(name: "Детские сады", recipients: OrganisationSelector(kinds: [.kindergarten]),
                    providers: OrganisationSelector(kinds: [.school]), maxTravelMinutes: limit, subjects: [],
                    travelMinute: travelMinute)
    }

    static func scenario(_ orgs: [Organisation], rules: [PartnerRule], travel: [(String, String, Double)],
                         language: ReportLanguage = .en) -> Scenario {
        Scenario(name: "test", language: language, partnering: rules, organisations: orgs,
                 travelEntries: travel.map { TravelEntry(from: $0.0, to: $0.1, minutes: $0.2) })
    }

    /// Solves and returns the assignment.
    static func solve(_ s: Scenario, strategy: PartnerOptions.Strategy = .mipOnly) throws -> PartnerAssignment {
        try Partnering.assign(s, options: PartnerOptions(timeLimit: 30, strategy: strategy))
    }

    /// `recipient→provider` strings of the chosen pairs, sorted.
    static func pairs(_ a: PartnerAssignment) -> [String] {
        a.pairs.map { "\($0.recipient)→\($0.provider)" }.sorted()
    }
}

/// A small deterministic generator (SplitMix64) for property tests.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }
    mutating func chance(_ p: Double) -> Bool { double(0...1) < p }
}
