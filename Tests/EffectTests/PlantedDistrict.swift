import Foundation
import SetkaModel

/// A district of schools with generated results in which the effects of partnerships are known
/// (planted), for tests of the estimator:
///
///     score(school, year) = base(school) + trend(year) + noise(school, year) [+ effect after]
///
/// `base` ~ U(40, 70), `trend` ~ N(0, 2) per year (shared by every school), `noise` an AR(1)
/// series per school with correlation `rho` and standard deviation `sigma`. Recipients get
/// their effect in every assessment year that follows a school year with their partner.
struct PlantedDistrict {
    struct Recipient {
        var id: String
        var effect: Double
        /// School years with the partner; nil = the district's standard partnership.
        var partnerYears: ClosedRange<Int>?
    }

    /// Schools never partnered (the provider is one more such school).
    var comparisonSchools = 15
    var yearsBefore = 4
    var yearsAfter = 4
    var sigma = 2.0
    var rho = 0.0
    var recipients: [Recipient] = [
        Recipient(id: "plus6", effect: 6),
        Recipient(id: "zero", effect: 0),
    ]
    static let rule = "ШНОР"
    static let provider = "provider"
    static let firstYear = 2016

    /// The first partnership's school year: the last "before" assessment is in its spring.
    var startYear: Int { Self.firstYear + yearsBefore - 1 }
    var lastResultYear: Int { startYear + yearsAfter }
    /// The standard partnership: from `startYear` for `yearsAfter` school years.
    var standardPartnership: ClosedRange<Int> { startYear...(startYear + yearsAfter - 1) }

    /// A recipient paired only in the last school year with results after it: one year old.
    static func oneYearOld(_ district: PlantedDistrict, id: String = "young", effect: Double = 6) -> Recipient {
        Recipient(id: id, effect: effect, partnerYears: (district.lastResultYear - 1)...(district.lastResultYear - 1))
    }

    func scenario(seed: UInt64, language: ReportLanguage = .ru) -> Scenario {
        var rng = SplitMix64(seed: seed)
        func normal() -> Double {
            // Box–Muller: exactly normal (the Irwin–Hall `gaussian()` has light tails).
            let u = max(rng.unit(), 1e-300), v = rng.unit()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        let years = Array(Self.firstYear...lastResultYear)
        let trend = Dictionary(uniqueKeysWithValues: years.map { ($0, 2 * normal()) })
        var organisations: [Organisation] = []
        var results: [SchoolResult] = []
        var history: [PartnershipYear] = []
        func addSchool(_ id: String, low: Bool, effect: Double, partnerYears: ClosedRange<Int>?) {
            organisations.append(Organisation(id: id, name: "Школа \(id)", kind: .school, latitude: 51, longitude: 38.5,
                                              lowResults: low, partnerCapacity: low ? 0 : 1))
            let base = rng.uniform(40, 70)
            var noise = sigma * normal()
            for y in years {
                if y > years[0] { noise = rho * noise + sigma * (1 - rho * rho).squareRoot() * normal() }
                var score = base + trend[y]! + noise
                if let partnerYears, partnerYears.contains(y - 1) { score += effect }
                results.append(SchoolResult(school: id, year: y, subject: "math", score: score))
            }
            if let partnerYears {
                for y in partnerYears { history.append(PartnershipYear(year: y, rule: Self.rule, recipient: id, provider: Self.provider)) }
            }
        }
        for r in recipients { addSchool(r.id, low: true, effect: r.effect, partnerYears: r.partnerYears ?? standardPartnership) }
        addSchool(Self.provider, low: false, effect: 0, partnerYears: nil)
        for i in 0..<comparisonSchools { addSchool("c\(i + 1)", low: false, effect: 0, partnerYears: nil) }
        let rule = PartnerRule(name: Self.rule, recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                               providers: OrganisationSelector(kinds: [.school], lowResults: false), subjects: ["math"])
        return Scenario(name: "planted \(seed)", language: language, partnering: [rule], organisations: organisations,
                        results: results, partnersHistory: history)
    }
}
