import Foundation

/// A difference-in-differences estimate with its interval: how much more a recipient's results
/// moved after its partnership began than those of comparable schools without a partner.
public struct DiDEstimate: Sendable, Hashable, Codable {
    /// Points: the recipient's change minus the comparison schools' mean change.
    public var effect: Double
    /// The interval at `level` (0.9: a 90% interval).
    public var low: Double
    public var high: Double
    public var level: Double
    /// Comparison schools − 1: the interval is a t-interval with these degrees of freedom.
    public var degreesOfFreedom: Int
    /// Standard error of `effect`: the comparison schools' spread of changes × √(1 + 1/n).
    public var standardError: Double
    /// Mean after − mean before, of the recipient and (mean over them) of the comparison schools.
    public var recipientChange: Double
    public var comparisonChange: Double
    /// The standard deviation of the comparison schools' own changes (their placebo differences).
    public var comparisonSpread: Double
    public var comparisonSchools: Int

    /// The whole interval lies above zero: results rose more than at schools without a partner.
    /// The only case in which a gain is stated.
    public var showsGain: Bool { low > 0 }
    /// The whole interval lies below zero: results rose less than at schools without a partner.
    public var showsLoss: Bool { high < 0 }
    /// The whole interval lies at or below zero: the data show no gain (not merely fail to show
    /// one). What `avoid_unhelpful` avoids.
    public var showsNoGain: Bool { high <= 0 }
}

/// The estimator, on numbers only.
///
/// For a school x let Δx = (mean of its results in the years after) − (mean in the years before),
/// over the same years for every school. With n comparison schools c₁…cₙ:
///
///     effect = Δ(recipient) − mean(Δc)
///     s      = standard deviation of the Δc (n − 1 degrees of freedom)
///     SE     = s · √(1 + 1/n)
///     interval = effect ± t(1 − (1 − level)/2; n − 1) · SE
///
/// Each comparison school's Δc is a placebo: what a school's change looks like without a
/// partner. If the recipient's change without its partner would have been like theirs (the same
/// common trend and the same year-to-year spread), `effect − true effect` is the difference of
/// one more such school from the mean of n, whose variance is σ²(1 + 1/n); `s` estimates σ from
/// n − 1 degrees of freedom, so the interval is an exact Student-t prediction interval for
/// normal year-to-year noise, whatever the number of years and however results of one school are
/// correlated from year to year (that correlation is inside each Δc). Few comparison schools
/// give few degrees of freedom and a wide interval: that is the honest answer.
enum DifferenceInDifferences {
    /// The change of one school: mean over `after` − mean over `before` (both non-empty).
    static func change(before: [Double], after: [Double]) -> Double {
        mean(after) - mean(before)
    }

    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    /// The estimate from the recipient's change and the comparison schools' changes; nil with
    /// fewer than two comparison schools (no spread can be measured). `t` is the quantile
    /// t(1 − (1 − level)/2; n − 1) when the caller has it already.
    static func estimate(recipientChange: Double, comparisonChanges: [Double], level: Double, t known: Double? = nil) -> DiDEstimate? {
        let n = comparisonChanges.count
        guard n >= 2, level > 0, level < 1 else { return nil }
        let m = mean(comparisonChanges)
        let variance = comparisonChanges.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
        let spread = variance.squareRoot()
        let se = spread * (1 + 1 / Double(n)).squareRoot()
        let t = known ?? StudentT.quantile(1 - (1 - level) / 2, df: Double(n - 1))
        let effect = recipientChange - m
        return DiDEstimate(effect: effect, low: effect - t * se, high: effect + t * se, level: level,
                           degreesOfFreedom: n - 1, standardError: se, recipientChange: recipientChange,
                           comparisonChange: m, comparisonSpread: spread, comparisonSchools: n)
    }
}
