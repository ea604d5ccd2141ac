import Foundation
import Testing
@testable import Effect
import SetkaModel

@Suite("Student's t")
struct StudentTTests {
    /// Published two-sided 90% and 95% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    @Test("quantiles match the tables", arguments: [
        (0.95, 1.0, 6.313752), (0.95, 2.0, 2.919986), (0.95, 3.0, 2.353363), (0.95, 5.0, 2.015048),
        (0.95, 10.0, 1.812461), (0.95, 15.0, 1.753050), (0.95, 30.0, 1.697261), (0.95, 100.0, 1.660234),
        (0.975, 4.0, 2.776445), (0.975, 20.0, 2.085963), (0.95, 1_000_000.0, 1.644855),
    ])
    func quantiles(p: Double, df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, df: df) - expected) < 1e-5)
        #expect(abs(StudentT.quantile(1 - p, df: df) + expected) < 1e-5)
    }

    @Test("the CDF is symmetric and monotone")
    func cdf() {
        #expect(StudentT.cdf(0, df: 3) == 0.5)
        var last = 0.0
        for t in stride(from: -10.0, through: 10, by: 0.25) {
            let c = StudentT.cdf(t, df: 4)
            #expect(c >= last)
            #expect(abs(c + StudentT.cdf(-t, df: 4) - 1) < 1e-12)
            last = c
        }
        // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π.
        for t in [-3.0, -0.5, 0.7, 12] { #expect(abs(StudentT.cdf(t, df: 1) - (0.5 + atan(t) / Double.pi)) < 1e-12) }
    }
}

@Suite("Difference in differences")
struct EstimatorTests {
    /// By hand: the recipient moves from 41 to 49 (+8), the comparison schools by +1, +3, +2:
    /// mean 2, sd 1; SE = 1·√(1 + 1/3); t(0.95; 2) = 2.919986.
    @Test("a small case computed by hand")
    func byHand() throws {
        let e = try #require(DifferenceInDifferences.estimate(recipientChange: 8, comparisonChanges: [1, 3, 2], level: 0.9))
        let half = 2.919986 * (4.0 / 3).squareRoot()
        #expect(abs(e.effect - 6) < 1e-12)
        #expect(abs(e.low - (6 - half)) < 1e-5 && abs(e.high - (6 + half)) < 1e-5)
        #expect(e.degreesOfFreedom == 2 && e.comparisonSchools == 3)
        #expect(abs(e.comparisonSpread - 1) < 1e-12 && abs(e.comparisonChange - 2) < 1e-12)
        #expect(e.showsGain && !e.showsLoss && !e.showsNoGain)
        #expect(DifferenceInDifferences.change(before: [40, 42], after: [48, 50]) == 8)
    }

    @Test("one comparison school gives no spread and no estimate")
    func tooFew() {
        #expect(DifferenceInDifferences.estimate(recipientChange: 3, comparisonChanges: [1], level: 0.9) == nil)
        #expect(DifferenceInDifferences.estimate(recipientChange: 3, comparisonChanges: [], level: 0.9) == nil)
    }
}

@Suite("Verdicts in words")
struct WordsTests {
    static func estimate(_ effect: Double, _ low: Double, _ high: Double) -> DiDEstimate {
        DiDEstimate(effect: effect, low: low, high: high, level: 0.9, degreesOfFreedom: 9, standardError: 1,
                    recipientChange: effect, comparisonChange: 0, comparisonSpread: 1, comparisonSchools: 10)
    }

    @Test("Russian: a gain, a loss, no difference shown, no estimate")
    func russian() {
        let w = EffectWords(.ru)
        #expect(w.sentence(subject: "math", estimate: Self.estimate(5.8, 3.1, 8.5), missing: [])
                == "результаты по математике выросли на 5,8 балла больше, чем у школ без партнёра (от 3,1 до 8,5)")
        #expect(w.sentence(subject: "russian", estimate: Self.estimate(-2.4, -4.04, -0.8), missing: [])
                == "результаты по русскому языку изменились на 2,4 балла хуже, чем у школ без партнёра (от −4,0 до −0,8)")
        #expect(w.sentence(subject: "math", estimate: Self.estimate(1.2, -2, 4.4), missing: [])
                == "по математике отличие от школ без партнёра не доказано: +1,2 балла (от −2,0 до 4,4), интервал включает ноль")
        #expect(w.sentence(subject: "physics", estimate: nil, missing: [.yearsBefore(0), .yearsAfter(1)])
                == "по физике оценки нет: нет результатов за годы до начала партнёрства; после начала партнёрства результаты только за 1 год (нужно не меньше 2)")
        #expect(w.reason(.comparisonSchools(1)) == "школ того же типа без партнёра с результатами за все эти годы: 1 (нужно не меньше 2)")
        #expect(w.yearList([2017, 2018, 2019, 2021, 2023, 2024]) == "2017–2019, 2021, 2023–2024")
        #expect(w.schoolYears([2019, 2020, 2021, 2024]) == "2019/20–2021/22, 2024/25")
        #expect([1, 2, 5, 11, 21, 22].map(w.years) == ["1 год", "2 года", "5 лет", "11 лет", "21 год", "22 года"])
    }

    @Test("English")
    func english() {
        let w = EffectWords(.en)
        #expect(w.sentence(subject: "math", estimate: Self.estimate(5.8, 3.1, 8.5), missing: [])
                == "results in mathematics rose 5.8 points more than at schools without a partner (from 3.1 to 8.5)")
        #expect(w.sentence(subject: "math", estimate: Self.estimate(-0.04, -3, 2.96), missing: [])
                == "in mathematics no difference from schools without a partner is shown: 0.0 points (from −3.0 to 3.0), the interval includes zero")
        #expect(w.sentence(subject: "art", estimate: nil, missing: [.yearsAfter(0)])
                == "in art no estimate: no results yet from after the partnership began")
    }
}
