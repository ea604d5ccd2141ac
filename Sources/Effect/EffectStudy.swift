import Foundation
import SetkaModel

/// Why a subject of a pair has no estimate.
public enum NoEstimateReason: Sendable, Hashable, Codable {
    /// Results of the recipient in fewer than two years up to the year its first partnership began.
    case yearsBefore(Int)
    /// Results in fewer than two years that followed a school year with this partner.
    case yearsAfter(Int)
    /// Fewer than two comparison schools (same kind, never recipients) with results in every one
    /// of those years.
    case comparisonSchools(Int)
}

/// What the data say about one subject of one pair, in one word.
public enum EffectVerdict: String, Sendable, Hashable, Codable {
    /// The interval lies above zero.
    case gain
    /// The interval lies below zero.
    case loss
    /// The interval includes zero: no difference is shown either way.
    case unclear
    /// No estimate (see the reasons).
    case none
}

/// One subject of one pair: the years on each side, the comparison schools, the estimate (or
/// why there is none) and the plain sentence.
public struct SubjectEffect: Sendable, Hashable, Codable {
    public var subject: String
    /// Assessment years used before the partnership began (≤ the first partnership's school year).
    public var yearsBefore: [Int]
    /// Assessment years used after: each follows a school year with this partner.
    public var yearsAfter: [Int]
    /// Ids of the comparison schools used (results in every year used).
    public var comparisonSchools: [String]
    public var estimate: DiDEstimate?
    /// Empty when there is an estimate.
    public var missing: [NoEstimateReason]
    public var verdict: EffectVerdict
    /// The verdict in the study's language, the interval always with the estimate:
    /// "результаты по математике выросли на 5,8 балла больше, чем у школ без партнёра (от 3,1 до 8,5)".
    public var sentence: String
}

/// One (recipient, provider) pair of one rule, over the school years it was in force.
public struct PairEffect: Sendable, Hashable, Codable {
    public var provider: String
    public var providerName: String
    /// School years (starting in September) in which the pair was in force.
    public var schoolYears: [Int]
    /// Other partners the recipient had in those years (any rule): the estimate is of them together.
    public var alongside: [String]
    public var alongsideNames: [String]
    public var subjects: [SubjectEffect]
    /// The pair's rule has `avoid_unhelpful`, the pair showed no gain and is not fixed: `setka
    /// partner` will not assign it again.
    public var avoided: Bool = false

    /// The pair showed no gain: at least one subject has an estimate, and every subject with an
    /// estimate has its whole interval at or below zero. The rule `avoid_unhelpful` applies.
    public var showsNoGain: Bool {
        let estimated = subjects.compactMap(\.estimate)
        return !estimated.isEmpty && estimated.allSatisfy(\.showsNoGain)
    }
}

/// One year of a chart: the recipient's result and the comparison schools' (their mean, and
/// the middle half of them: the 25th to the 75th percentile).
public struct ChartYear: Sendable, Hashable, Codable {
    public var year: Int
    public var recipient: Double?
    public var comparisonMean: Double?
    public var comparisonLow: Double?
    public var comparisonHigh: Double?
    public var comparisonCount: Int

    public init(year: Int, recipient: Double? = nil, comparisonMean: Double? = nil, comparisonLow: Double? = nil,
                comparisonHigh: Double? = nil, comparisonCount: Int) {
        self.year = year; self.recipient = recipient; self.comparisonMean = comparisonMean
        self.comparisonLow = comparisonLow; self.comparisonHigh = comparisonHigh; self.comparisonCount = comparisonCount
    }
}

/// A recipient's and the comparison schools' results in one subject, year by year.
public struct SubjectSeries: Sendable, Hashable, Codable {
    public var subject: String
    public var years: [ChartYear]
}

/// One recipient of one rule: its pairs and its results beside the comparison schools'.
public struct RecipientEffect: Sendable, Hashable, Codable {
    /// The rule's name (as in scenario.yaml; as in the history for a rule scenario.yaml lacks).
    public var rule: String
    /// Index in `Scenario.partnering`; nil for a rule that is only in the history.
    public var ruleIndex: Int?
    public var recipient: String
    public var recipientName: String
    public var kind: OrganisationKind
    /// The first school year the recipient had any partner (any rule): results up to that
    /// year's spring are "before".
    public var firstYear: Int
    /// School years with a partner under this rule.
    public var schoolYears: [Int]
    public var subjects: [String]
    public var pairs: [PairEffect]
    public var charts: [SubjectSeries]
    /// Comparison schools available (same kind, never a recipient, with results), any year.
    public var comparisonPool: Int
}

/// "Did the partnerships help?" for a whole scenario: for each recipient in
/// `partners-history.csv` and each subject of its rule, a difference-in-differences estimate
/// against schools of the same kind that were never recipients, with a 90% interval (see
/// ``DifferenceInDifferences``), or why there is none.
public struct EffectStudy: Sendable, Hashable, Codable {
    /// The interval's level.
    public static let defaultLevel = 0.90
    /// Fewest assessment years on each side for an estimate.
    public static let minimumYears = 2
    /// Fewest comparison schools for an estimate (one gives no spread).
    public static let minimumComparisonSchools = 2

    public var scenario: String
    public var language: ReportLanguage
    public var level: Double
    /// By rule (scenario.yaml's order, then rules only in the history), then recipient name.
    public var recipients: [RecipientEffect]

    /// Estimates every pair of `scenario.partnersHistory` (empty when it has none). `level` is
    /// the interval's level, strictly between 0 and 1 (0.9 unless a program asks otherwise).
    public init(scenario: Scenario, level: Double = EffectStudy.defaultLevel) {
        precondition(level > 0 && level < 1, "an interval's level is between 0 and 1")
        self.scenario = scenario.name
        language = scenario.language
        self.level = level
        recipients = EffectBuilder(scenario: scenario, level: level).build()
    }

    /// Every subject row, flattened: (recipient, pair, subject).
    public var rows: [(recipient: RecipientEffect, pair: PairEffect, subject: SubjectEffect)] {
        recipients.flatMap { r in r.pairs.flatMap { p in p.subjects.map { (r, p, $0) } } }
    }

    /// The pairs of rule `ruleIndex` whose partnership showed no gain (``PairEffect/showsNoGain``):
    /// what `avoid_unhelpful: true` keeps from being assigned again.
    public func unhelpfulPairs(rule ruleIndex: Int) -> [(recipient: RecipientEffect, pair: PairEffect)] {
        recipients.filter { $0.ruleIndex == ruleIndex }.flatMap { r in r.pairs.filter(\.showsNoGain).map { (r, $0) } }
    }
}

/// Builds the study: indexes results by subject and school, finds each recipient's comparison
/// schools, and estimates each pair and subject. The comparison schools of a recipient depend
/// only on its kind, so their year-by-year figures and their changes over a given pair of year
/// sets are computed once and shared (a city has hundreds of recipients that started together).
final class EffectBuilder {
    let scenario: Scenario
    let level: Double
    let words: EffectWords
    /// subject → school → year → score.
    var scores: [String: [String: [Int: Double]]] = [:]
    /// Every organisation that was ever a recipient (any rule, also rules only in the history).
    var everRecipient: Set<String> = []
    /// Comparison schools by kind: same kind, never a recipient, in schools.csv order.
    private var pools: [OrganisationKind: [String]] = [:]
    /// (subject, kind, years before, years after) → the comparison schools used and their changes.
    private var changes: [ChangeKey: (used: [String], changes: [Double])] = [:]
    /// (subject, kind) → the comparison schools' figures by year.
    private var comparisonYears: [String: [Int: ChartYear]] = [:]
    /// Degrees of freedom → the t quantile of the interval.
    private var quantiles: [Int: Double] = [:]

    private struct ChangeKey: Hashable {
        var subject: String
        var kind: OrganisationKind
        var before: [Int]
        var after: [Int]
    }

    init(scenario: Scenario, level: Double) {
        self.scenario = scenario; self.level = level
        words = EffectWords(scenario.language)
        for r in scenario.results where scenario.organisationIndex[r.school] != nil {
            scores[r.subject, default: [:]][r.school, default: [:]][r.year] = r.score
        }
        everRecipient = Set(scenario.partnersHistory.map(\.recipient))
    }

    /// The default subjects of a rule: every score column of schools.csv and every subject of results.csv.
    var allSubjects: [String] {
        var set = Set(scores.keys)
        for o in scenario.organisations { set.formUnion(o.scores.keys.map { $0.lowercased() }) }
        return set.sorted()
    }

    func name(_ id: String) -> String { scenario.organisation(id)?.name ?? id }

    func build() -> [RecipientEffect] {
        let history = scenario.partnersHistory.filter {
            scenario.organisationIndex[$0.recipient] != nil && scenario.organisationIndex[$0.provider] != nil
        }
        guard !history.isEmpty else { return [] }
        let rules = scenario.partnering
        // Rule of each history row: the scenario's rule index, or the history's own name.
        func ruleIndex(_ h: PartnershipYear) -> Int? { rules.firstIndex { PartnershipYear.sameRule($0.name, h.rule) } }
        var firstYear: [String: Int] = [:]
        for h in scenario.partnersHistory { firstYear[h.recipient] = min(firstYear[h.recipient] ?? h.year, h.year) }
        // Partners of a recipient by school year (any rule).
        var partnersIn: [String: [Int: Set<String>]] = [:]
        for h in history { partnersIn[h.recipient, default: [:]][h.year, default: []].insert(h.provider) }

        // Group: (rule key, recipient) → provider → school years.
        struct Key: Hashable { var rule: String; var recipient: String }
        var groups: [Key: (index: Int?, name: String, providers: [String: Set<Int>])] = [:]
        var order: [Key] = []
        for h in history {
            let index = ruleIndex(h)
            let key = Key(rule: index.map { "#\($0)" } ?? RuleKey.unknown(h.rule), recipient: h.recipient)
            if groups[key] == nil {
                groups[key] = (index, index.map { rules[$0].name } ?? h.rule, [:])
                order.append(key)
            }
            groups[key]!.providers[h.provider, default: []].insert(h.year)
        }
        let defaultSubjects = allSubjects
        var out: [RecipientEffect] = []
        for key in order {
            let g = groups[key]!
            let r = key.recipient
            let org = scenario.organisation(r)!
            let subjects = g.index.flatMap { rules[$0].subjects } ?? defaultSubjects
            let pairs = g.providers.map { provider, years -> PairEffect in
                let alongside = Set(years.flatMap { partnersIn[r]?[$0] ?? [] }).subtracting([provider]).sorted()
                var pair = PairEffect(
                    provider: provider, providerName: name(provider), schoolYears: years.sorted(),
                    alongside: alongside, alongsideNames: alongside.map(name),
                    subjects: subjects.map { estimate(r, kind: org.kind, subject: $0, first: firstYear[r]!, pairYears: years) })
                if let i = g.index, rules[i].avoidUnhelpful, pair.showsNoGain {
                    pair.avoided = !rules[i].fixed.contains(PartnerPair(recipient: r, provider: provider))
                }
                return pair
            }.sorted { ($0.schoolYears.first ?? 0, $0.providerName, $0.provider) < ($1.schoolYears.first ?? 0, $1.providerName, $1.provider) }
            let schoolYears = Set(g.providers.values.flatMap { $0 }).sorted()
            let pool = comparisonPool(org.kind)
            out.append(RecipientEffect(
                rule: g.name, ruleIndex: g.index, recipient: r, recipientName: org.name, kind: org.kind,
                firstYear: firstYear[r]!, schoolYears: schoolYears, subjects: subjects, pairs: pairs,
                charts: subjects.map { series(r, kind: org.kind, subject: $0) },
                comparisonPool: pool.filter { c in subjects.contains { scores[$0]?[c] != nil } }.count))
        }
        return out.sorted {
            ($0.ruleIndex ?? rules.count, $0.ruleIndex == nil ? $0.rule : "", $0.recipientName, $0.recipient)
                < ($1.ruleIndex ?? rules.count, $1.ruleIndex == nil ? $1.rule : "", $1.recipientName, $1.recipient)
        }
    }

    /// Comparison schools of a recipient of `kind`: the same kind, never a recipient (so never
    /// the recipient itself), in schools.csv order.
    func comparisonPool(_ kind: OrganisationKind) -> [String] {
        if let pool = pools[kind] { return pool }
        let pool = scenario.organisations.filter { $0.kind == kind && !everRecipient.contains($0.id) }.map(\.id)
        pools[kind] = pool
        return pool
    }

    /// One subject of one pair.
    func estimate(_ r: String, kind: OrganisationKind, subject: String, first: Int, pairYears: Set<Int>) -> SubjectEffect {
        let mine = scores[subject]?[r] ?? [:]
        let before = mine.keys.filter { $0 <= first }.sorted()
        let after = mine.keys.filter { pairYears.contains($0 - 1) }.sorted()
        var missing: [NoEstimateReason] = []
        if before.count < EffectStudy.minimumYears { missing.append(.yearsBefore(before.count)) }
        if after.count < EffectStudy.minimumYears { missing.append(.yearsAfter(after.count)) }
        var used: [String] = []
        var estimate: DiDEstimate?
        if missing.isEmpty {
            let comparison = comparisonChanges(subject: subject, kind: kind, before: before, after: after)
            used = comparison.used
            let own = DifferenceInDifferences.change(before: before.map { mine[$0]! }, after: after.map { mine[$0]! })
            if used.count < EffectStudy.minimumComparisonSchools {
                missing.append(.comparisonSchools(used.count))
            } else {
                let df = used.count - 1
                let t = quantiles[df] ?? StudentT.quantile(1 - (1 - level) / 2, df: Double(df))
                quantiles[df] = t
                estimate = DifferenceInDifferences.estimate(recipientChange: own, comparisonChanges: comparison.changes,
                                                            level: level, t: t)
            }
        }
        let verdict: EffectVerdict
        if let e = estimate { verdict = e.showsGain ? .gain : e.showsLoss ? .loss : .unclear } else { verdict = .none }
        return SubjectEffect(subject: subject, yearsBefore: before, yearsAfter: after, comparisonSchools: used,
                             estimate: estimate, missing: missing, verdict: verdict,
                             sentence: words.sentence(subject: subject, estimate: estimate, missing: missing))
    }

    /// The comparison schools with a result in every one of `before` and `after`, and their changes.
    private func comparisonChanges(subject: String, kind: OrganisationKind, before: [Int], after: [Int]) -> (used: [String], changes: [Double]) {
        let key = ChangeKey(subject: subject, kind: kind, before: before, after: after)
        if let known = changes[key] { return known }
        let bySchool = scores[subject] ?? [:]
        var used: [String] = [], deltas: [Double] = []
        for c in comparisonPool(kind) {
            guard let theirs = bySchool[c] else { continue }
            let b = before.compactMap { theirs[$0] }, a = after.compactMap { theirs[$0] }
            guard b.count == before.count, a.count == after.count else { continue }
            used.append(c)
            deltas.append(DifferenceInDifferences.change(before: b, after: a))
        }
        changes[key] = (used, deltas)
        return (used, deltas)
    }

    /// The chart of one subject: every year with a result of the recipient or of a comparison school.
    func series(_ r: String, kind: OrganisationKind, subject: String) -> SubjectSeries {
        let mine = scores[subject]?[r] ?? [:]
        let comparison = comparisonFigures(kind: kind, subject: subject)
        let years = Set(mine.keys).union(comparison.keys).sorted()
        return SubjectSeries(subject: subject, years: years.map { y in
            var point = comparison[y] ?? ChartYear(year: y, comparisonCount: 0)
            point.recipient = mine[y]
            return point
        })
    }

    /// The comparison schools' mean and middle half by year, for a recipient of `kind`.
    private func comparisonFigures(kind: OrganisationKind, subject: String) -> [Int: ChartYear] {
        let key = "\(kind.rawValue)|\(subject)"
        if let known = comparisonYears[key] { return known }
        let bySchool = scores[subject] ?? [:]
        var values: [Int: [Double]] = [:]
        for c in comparisonPool(kind) { for (y, v) in bySchool[c] ?? [:] { values[y, default: []].append(v) } }
        var figures: [Int: ChartYear] = [:]
        for (y, list) in values {
            let sorted = list.sorted()
            figures[y] = ChartYear(year: y, recipient: nil, comparisonMean: DifferenceInDifferences.mean(sorted),
                                   comparisonLow: Self.percentile(sorted, 0.25), comparisonHigh: Self.percentile(sorted, 0.75),
                                   comparisonCount: sorted.count)
        }
        comparisonYears[key] = figures
        return figures
    }

    /// The `p`-th percentile of sorted `values` (linear between neighbours); nil when empty.
    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let x = p * Double(values.count - 1)
        let i = Int(x.rounded(.down)), f = x - Double(i)
        return i + 1 < values.count ? values[i] * (1 - f) + values[i + 1] * f : values[i]
    }
}

/// Keys of rules that scenario.yaml does not have (grouped by their normalised name).
enum RuleKey {
    static func unknown(_ name: String) -> String { "?" + PartnershipYear.normalisedRule(name) }
}
