import Foundation

/// Student's t distribution: the quantiles the effect intervals need, from the regularised
/// incomplete beta function (continued fraction, Numerical Recipes §6.4). Accurate to about
/// 1e-10 for 1 ≤ df ≤ 10⁶, which the tests check against published tables.
enum StudentT {
    /// P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0).
    static func cdf(_ t: Double, df: Double) -> Double {
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        let tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t))
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p`-quantile (0 < p < 1): the t with `cdf(t, df) == p`, by bisection on the CDF.
    static func quantile(_ p: Double, df: Double) -> Double {
        precondition(p > 0 && p < 1 && df > 0, "quantile needs 0 < p < 1 and df > 0")
        if p < 0.5 { return -quantile(1 - p, df: df) }
        if p == 0.5 { return 0 }
        var lo = 0.0, hi = 1.0
        while cdf(hi, df: df) < p { lo = hi; hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, df: df) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-12 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }

    /// The regularised incomplete beta function I_x(a, b).
    static func incompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let front = exp(logPowers - logBeta)
        // The continued fraction converges quickly for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) { return front * betaFraction(a, b, x) / a }
        return 1 - front * betaFraction(b, a, 1 - x) / b
    }

    /// The continued fraction of the incomplete beta function (modified Lentz's method).
    private static func betaFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300, eps = 1e-15
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return h
    }
}
