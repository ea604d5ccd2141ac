import Foundation

// The two tables of "Did the partnerships help?" in `shared/spec/scenario-format.md`:
// past results and past partner pairs. Plain values, like the rest of the domain.

/// One row of `results.csv`: a school's mean result in a subject in one assessment year.
public struct SchoolResult: Sendable, Hashable, Codable {
    public var school: String
    /// The calendar year of the assessment (spring: before the school year that starts that September).
    public var year: Int
    /// As in `score:<subject>` (lower-cased).
    public var subject: String
    /// 0–100.
    public var score: Double

    public init(school: String, year: Int, subject: String, score: Double) {
        self.school = school; self.year = year; self.subject = subject; self.score = score
    }
}

/// One row of `partners-history.csv`: a pair in force in one school year.
public struct PartnershipYear: Sendable, Hashable, Codable {
    /// The school year that starts in September of this year (its results are those of `year + 1`).
    public var year: Int
    /// The rule's name as written (matched to `partnering:` rules by ``PartnershipYear/sameRule(_:_:)``).
    public var rule: String
    public var recipient: String
    public var provider: String

    public init(year: Int, rule: String, recipient: String, provider: String) {
        self.year = year; self.rule = rule; self.recipient = recipient; self.provider = provider
    }

    /// A rule name of the history and a rule name of `scenario.yaml` name the same rule when they
    /// are equal ignoring case and runs of spaces (what Excel and retyping change); nothing looser.
    public static func sameRule(_ a: String, _ b: String) -> Bool {
        normalisedRule(a) == normalisedRule(b)
    }

    /// The rule name as compared: lower-cased, trimmed, inner runs of whitespace as one space.
    public static func normalisedRule(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
