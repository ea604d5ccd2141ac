import Effect
import Foundation
import SetkaModel

/// Everything the partner reports show, as plain Codable data (reusable by other renderers,
/// e.g. an HTML report): one ``RuleReport`` per rule with numbered rows and reasons in words.
public struct PartnerReport: Sendable, Codable {
    public struct Seconds: Sendable, Codable {
        public var load: Double
        public var build: Double
        public var solve: Double
        public var check: Double
        public var total: Double
        public init(load: Double = 0, build: Double = 0, solve: Double = 0, check: Double = 0, total: Double = 0) {
            self.load = load; self.build = build; self.solve = solve; self.check = check; self.total = total
        }
    }

    public struct PairRow: Sendable, Codable {
        /// 1-based number within the rule's table.
        public var number: Int
        public var recipient: String
        public var recipientName: String
        public var provider: String
        public var providerName: String
        public var minutes: Double
        public var gain: Double
        /// Gain per subject of the rule.
        public var subjectGains: [String: Double]
        /// `gain − travel_minute · minutes`.
        public var value: Double
        public var fixed: Bool
        /// Why this pair, in the report's language.
        public var why: String
    }

    public struct UnservedRow: Sendable, Codable {
        public var recipient: String
        public var recipientName: String
        public var served: Int
        public var needed: Int
        public var reason: String
    }

    /// A pair `avoid_unhelpful` kept out (or, being fixed, kept), with the estimates in words.
    public struct AvoidedRow: Sendable, Codable {
        public var recipient: String
        public var recipientName: String
        public var provider: String
        public var providerName: String
        public var keptBecauseFixed: Bool
        public var reason: String
    }

    public struct RuleReport: Sendable, Codable {
        public var name: String
        public var subjects: [String]
        public var partnersPerRecipient: Int
        public var maxTravelMinutes: Double
        public var travelMinute: Double
        public var recipients: Int
        public var providers: Int
        public var placesNeeded: Int
        public var placesServed: Int
        /// This rule's part of the objective, its total gain and total travel minutes.
        public var objective: Double
        public var gain: Double
        public var minutes: Double
        /// Column headings of the numbered table (recipient, partner).
        public var recipientHeading: String
        public var providerHeading: String
        public var pairs: [PairRow]
        public var unserved: [UnservedRow]
        public var fixedProblems: [String]
        /// Pairs of earlier years not assigned again because they showed no gain (`avoid_unhelpful`).
        public var avoided: [AvoidedRow]
    }

    public var scenario: String
    /// The scenario folder the assignment was made from (standardised), so that `setka report`
    /// finds it; nil when not known.
    public var scenarioPath: String?
    public var language: ReportLanguage
    /// Proven optimal, or feasible.
    public var status: PartnerStatus
    /// How optimality was proven (`integral-lp-relaxation`, `branch-and-bound`, `none`).
    public var proof: String
    public var complete: Bool
    public var objective: Double
    public var bound: Double?
    public var placesNeeded: Int
    public var placesServed: Int
    public var candidatePairs: Int
    public var seconds: Seconds
    public var rules: [RuleReport]

    /// Builds the report of `assignment` for `scenario`.
    public init(scenario: Scenario, assignment a: PartnerAssignment, seconds: Seconds = Seconds()) {
        let words = PartnerMessages(language: scenario.language, scenario: scenario)
        let effectWords = EffectWords(scenario.language)
        let ru = scenario.language == .ru
        self.scenario = scenario.name
        language = scenario.language
        status = a.status
        proof = a.proof.rawValue
        complete = a.isComplete
        objective = a.objective
        bound = a.bound
        placesNeeded = a.placesNeeded
        placesServed = a.placesServed
        candidatePairs = a.candidatePairs
        self.seconds = seconds
        let orgs = scenario.organisations
        rules = scenario.partnering.enumerated().map { ri, rule in
            let subjects = a.subjects[ri]
            let mine = a.pairs.filter { $0.rule == ri }.sorted {
                (words.name($0.recipient), words.name($0.provider)) < (words.name($1.recipient), words.name($1.provider))
            }
            let rows = mine.enumerated().map { n, p in
                PairRow(number: n + 1, recipient: p.recipient, recipientName: words.name(p.recipient),
                        provider: p.provider, providerName: words.name(p.provider), minutes: p.minutes, gain: p.gain,
                        subjectGains: Dictionary(uniqueKeysWithValues: zip(subjects, p.subjectGains)),
                        value: p.value, fixed: p.fixed,
                        why: words.why(subjects: subjects, gains: p.subjectGains, minutes: p.minutes, fixed: p.fixed))
            }
            let unserved = a.unserved.filter { $0.rule == ri }.map {
                UnservedRow(recipient: $0.recipient, recipientName: words.name($0.recipient), served: $0.served,
                            needed: $0.needed, reason: words.describe($0))
            }
            let recipients = orgs.filter { rule.recipients.matches($0) }.count
            let headings = Self.headings(rule, ru: ru)
            return RuleReport(
                name: rule.name, subjects: subjects, partnersPerRecipient: rule.partnersPerRecipient,
                maxTravelMinutes: rule.maxTravelMinutes, travelMinute: rule.travelMinute,
                recipients: recipients, providers: orgs.filter { rule.providers.matches($0) }.count,
                placesNeeded: recipients * rule.partnersPerRecipient, placesServed: mine.count,
                objective: mine.reduce(0) { $0 + $1.value }, gain: mine.reduce(0) { $0 + $1.gain },
                minutes: mine.reduce(0) { $0 + $1.minutes },
                recipientHeading: headings.0, providerHeading: headings.1, pairs: rows, unserved: unserved,
                fixedProblems: a.fixedProblems.filter { $0.rule == ri }.map(words.describe),
                avoided: a.avoided.filter { $0.rule == ri }.map { v in
                    AvoidedRow(recipient: v.recipient, recipientName: words.name(v.recipient), provider: v.provider,
                               providerName: words.name(v.provider), keptBecauseFixed: v.keptBecauseFixed,
                               reason: effectWords.avoidedBecause(v.evidence) + (v.keptBecauseFixed ? "; " + effectWords.avoidedKeptFixed : ""))
                })
        }
    }

    /// Table headings from what the rule selects: low-result schools, kindergartens, or generic.
    static func headings(_ rule: PartnerRule, ru: Bool) -> (String, String) {
        let r: String
        if rule.recipients.lowResults == true, rule.recipients.kinds == [.school] || rule.recipients.kinds == nil {
            r = ru ? "Школа с низкими образовательными результатами" : "School with low results"
        } else if rule.recipients.kinds == [.kindergarten] {
            r = ru ? "Дошкольное учреждение" : "Kindergarten"
        } else {
            r = ru ? "Получатель поддержки" : "Recipient"
        }
        let p = rule.providers.kinds == [.school] ? (ru ? "Школа-партнёр" : "Partner school") : (ru ? "Партнёр" : "Partner")
        return (r, p)
    }

    // MARK: - files

    /// Every subject of every rule, in first-seen order (the per-subject columns of partners.csv).
    public var allSubjects: [String] {
        var seen = Set<String>(), out: [String] = []
        for r in rules { for s in r.subjects where seen.insert(s).inserted { out.append(s) } }
        return out
    }

    /// `partners.csv`: UTF-8 with a BOM, `,`-separated, `rule,recipient,provider,minutes,gain`,
    /// then `gain:<subject>` per subject, `recipient_name`, `provider_name`, `fixed`, `note`.
    /// Recipients left without (some) partners get a row with an empty provider and the reason.
    public func partnersCSV() -> String {
        let subjects = allSubjects
        var lines = [(["rule", "recipient", "provider", "minutes", "gain"] + subjects.map { "gain:\($0)" }
            + ["recipient_name", "provider_name", "fixed", "note"]).joined(separator: ",")]
        for rule in rules {
            for p in rule.pairs {
                let cells = [rule.name, p.recipient, p.provider, PartnerMessages.plain(p.minutes, digits: 2),
                             PartnerMessages.plain(p.gain, digits: 2)]
                    + subjects.map { s in p.subjectGains[s].map { PartnerMessages.plain($0, digits: 2) } ?? "" }
                    + [p.recipientName, p.providerName, p.fixed ? "yes" : "no", ""]
                lines.append(cells.map { CSVWriter.escape($0) }.joined(separator: ","))
            }
            for u in rule.unserved {
                let cells = [rule.name, u.recipient, "", "", ""] + subjects.map { _ in "" }
                    + [u.recipientName, "", "", u.reason]
                lines.append(cells.map { CSVWriter.escape($0) }.joined(separator: ","))
            }
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }


    /// `appendix.md`: per rule, the numbered table and a "why" line per pair, then recipients
    /// without partners and fixed pairs that could not be kept.
    public func appendixMarkdown() -> String {
        let ru = language == .ru
        var out: [String] = []
        out.append(ru ? "# Приложение: закрепление партнёров" : "# Appendix: partner assignment")
        out.append("")
        out.append(ru ? "Сценарий: \(scenario)." : "Scenario: \(scenario).")
        let state: String
        if status == .optimal {
            state = ru ? "Распределение оптимально (доказано решателем)." : "The assignment is optimal (proven by the solver)."
        } else {
            state = ru ? "Распределение допустимо, оптимальность не доказана." : "The assignment is valid; optimality is not proven."
        }
        out.append(state + (ru ? " Закреплено мест: \(placesServed) из \(placesNeeded)."
            : " Partner places filled: \(placesServed) of \(placesNeeded)."))
        for rule in rules {
            out.append("")
            out.append("## \(rule.name)")
            out.append("")
            if rule.pairs.isEmpty {
                out.append(ru ? "Пар нет." : "No pairs.")
            } else {
                out.append("| № | \(rule.recipientHeading) | \(rule.providerHeading) |")
                out.append("|---|---|---|")
                for p in rule.pairs {
                    out.append("| \(p.number) | \(Self.cell(p.recipientName)) | \(Self.cell(p.providerName)) |")
                }
                out.append("")
                out.append(ru ? "Обоснование:" : "Why:")
                out.append("")
                for p in rule.pairs {
                    out.append("\(p.number). \(p.recipientName) — \(p.providerName): \(p.why).")
                }
            }
            if !rule.unserved.isEmpty {
                out.append("")
                out.append(ru ? "Без партнёра (или не со всеми партнёрами):" : "Without (all) partners:")
                out.append("")
                for u in rule.unserved { out.append("- \(u.recipientName): \(u.reason).") }
            }
            if !rule.fixedProblems.isEmpty {
                out.append("")
                out.append(ru ? "Закреплённые пары, которые нельзя выполнить:" : "Fixed pairs that cannot be kept:")
                out.append("")
                for f in rule.fixedProblems { out.append("- \(f).") }
            }
            if !rule.avoided.isEmpty {
                out.append("")
                out.append(EffectWords(language).avoidedTitle + ":")
                out.append("")
                for v in rule.avoided { out.append("- \(v.recipientName) — \(v.providerName): \(v.reason).") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    /// `partners-summary.json`: status, objective, bound, places, timings and per-rule figures
    /// (its own file, so that a profile-day `summary.json` in the same folder keeps its fields).
    public func summaryJSON() throws -> Data {
        struct RuleSummary: Codable {
            var name: String
            var recipients: Int
            var providers: Int
            var partnersPerRecipient: Int
            var placesNeeded: Int
            var placesServed: Int
            var objective: Double
            var gain: Double
            var travelMinutes: Double
            var unserved: [UnservedRow]
            var fixedProblems: [String]
            var avoided: [AvoidedRow]
        }
        struct Summary: Codable {
            var scenario: String
            var scenarioPath: String?
            var status: PartnerStatus
            var proof: String
            var complete: Bool
            var objective: Double
            var bound: Double?
            var placesNeeded: Int
            var placesServed: Int
            var candidatePairs: Int
            var seconds: Double
            var timings: Seconds
            var rules: [RuleSummary]

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(scenario, forKey: .scenario)
                try c.encodeIfPresent(scenarioPath, forKey: .scenarioPath)
                try c.encode(status, forKey: .status)
                try c.encode(proof, forKey: .proof)
                try c.encode(complete, forKey: .complete)
                try c.encode(objective, forKey: .objective)
                try c.encode(bound, forKey: .bound)  // null when unknown, as the spec's summaries do
                try c.encode(placesNeeded, forKey: .placesNeeded)
                try c.encode(placesServed, forKey: .placesServed)
                try c.encode(candidatePairs, forKey: .candidatePairs)
                try c.encode(seconds, forKey: .seconds)
                try c.encode(timings, forKey: .timings)
                try c.encode(rules, forKey: .rules)
            }
        }
        let summary = Summary(
            scenario: scenario, scenarioPath: scenarioPath, status: status, proof: proof, complete: complete, objective: objective, bound: bound,
            placesNeeded: placesNeeded, placesServed: placesServed, candidatePairs: candidatePairs, seconds: seconds.total, timings: seconds,
            rules: rules.map {
                RuleSummary(name: $0.name, recipients: $0.recipients, providers: $0.providers,
                            partnersPerRecipient: $0.partnersPerRecipient, placesNeeded: $0.placesNeeded,
                            placesServed: $0.placesServed, objective: $0.objective, gain: $0.gain,
                            travelMinutes: $0.minutes, unserved: $0.unserved, fixedProblems: $0.fixedProblems,
                            avoided: $0.avoided)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(summary)
    }
}
