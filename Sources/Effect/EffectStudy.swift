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

    /// Estimates every pair of `scenario.partnersHistory` (empty when it has none).
    public init(scenario: Scenario, level: Double = EffectStudy.defaultLevel) {
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
/// schools, and estimates each pair and subject.
struct EffectBuilder {
    let scenario: Scenario
    let level: Double
    let words: EffectWords
    /// subject → school → year → score.
    var scores: [String: [String: [Int: Double]]] = [:]
    /// Every organisation that was ever a recipient (any rule, also rules only in the history).
    var everRecipient: Set<String> = []

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
            let pool = comparisonPool(for: org)
            let pairs = g.providers.map { provider, years -> PairEffect in
                let alongside = Set(years.flatMap { partnersIn[r]?[$0] ?? [] }).subtracting([provider]).sorted()
                return PairEffect(
                    provider: provider, providerName: name(provider), schoolYears: years.sorted(),
                    alongside: alongside, alongsideNames: alongside.map(name),
                    subjects: subjects.map { estimate(r, subject: $0, first: firstYear[r]!, pairYears: years, pool: pool) })
            }.sorted { ($0.schoolYears.first ?? 0, $0.providerName, $0.provider) < ($1.schoolYears.first ?? 0, $1.providerName, $1.provider) }
            let schoolYears = Set(g.providers.values.flatMap { $0 }).sorted()
            out.append(RecipientEffect(
                rule: g.name, ruleIndex: g.index, recipient: r, recipientName: org.name, kind: org.kind,
                firstYear: firstYear[r]!, schoolYears: schoolYears, subjects: subjects, pairs: pairs,
                charts: subjects.map { series(r, subject: $0, pool: pool) },
                comparisonPool: pool.filter { c in subjects.contains { scores[$0]?[c] != nil } }.count))
        }
        return out.sorted {
            ($0.ruleIndex ?? rules.count, $0.ruleIndex == nil ? $0.rule : "", $0.recipientName, $0.recipient)
                < ($1.ruleIndex ?? rules.count, $1.ruleIndex == nil ? $1.rule : "", $1.recipientName, $1.recipient)
        }
    }

    /// Comparison schools of `recipient`: the same kind, never a recipient, not itself, in
    /// schools.csv order.
    func comparisonPool(for recipient: Organisation) -> [String] {
        scenario.organisations.filter { $0.kind == recipient.kind && $0.id != recipient.id && !everRecipient.contains($0.id) }.map(\.id)
    }

    /// One subject of one pair.
    func estimate(_ r: String, subject: String, first: Int, pairYears: Set<Int>, pool: [String]) -> SubjectEffect {
        let mine = scores[subject]?[r] ?? [:]
        let before = mine.keys.filter { $0 <= first }.sorted()
        let after = mine.keys.filter { pairYears.contains($0 - 1) }.sorted()
        var missing: [NoEstimateReason] = []
        if before.count < EffectStudy.minimumYears { missing.append(.yearsBefore(before.count)) }
        if after.count < EffectStudy.minimumYears { missing.append(.yearsAfter(after.count)) }
        var used: [String] = []
        var estimate: DiDEstimate?
        if missing.isEmpty {
            let bySchool = scores[subject] ?? [:]
            var changes: [Double] = []
            for c in pool {
                guard let theirs = bySchool[c] else { continue }
                let b = before.compactMap { theirs[$0] }, a = after.compactMap { theirs[$0] }
                guard b.count == before.count, a.count == after.count else { continue }
                used.append(c)
                changes.append(DifferenceInDifferences.change(before: b, after: a))
            }
            let own = DifferenceInDifferences.change(before: before.map { mine[$0]! }, after: after.map { mine[$0]! })
            if used.count < EffectStudy.minimumComparisonSchools {
                missing.append(.comparisonSchools(used.count))
            } else {
                estimate = DifferenceInDifferences.estimate(recipientChange: own, comparisonChanges: changes, level: level)
            }
        }
        let verdict: EffectVerdict
        if let e = estimate { verdict = e.showsGain ? .gain : e.showsLoss ? .loss : .unclear } else { verdict = .none }
        return SubjectEffect(subject: subject, yearsBefore: before, yearsAfter: after, comparisonSchools: used,
                             estimate: estimate, missing: missing, verdict: verdict,
                             sentence: words.sentence(subject: subject, estimate: estimate, missing: missing))
    }

    /// The chart of one subject: every year with a result of the recipient or of a comparison school.
    func series(_ r: String, subject: String, pool: [String]) -> SubjectSeries {
        let bySchool = scores[subject] ?? [:]
        let mine = bySchool[r] ?? [:]
        var years = Set(mine.keys)
        for c in pool { if let theirs = bySchool[c] { years.formUnion(theirs.keys) } }
        let points = years.sorted().map { y -> ChartYear in
            let values = pool.compactMap { bySchool[$0]?[y] }.sorted()
            return ChartYear(year: y, recipient: mine[y],
                             comparisonMean: values.isEmpty ? nil : DifferenceInDifferences.mean(values),
                             comparisonLow: Self.percentile(values, 0.25), comparisonHigh: Self.percentile(values, 0.75),
                             comparisonCount: values.count)
        }
        return SubjectSeries(subject: subject, years: points)
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
