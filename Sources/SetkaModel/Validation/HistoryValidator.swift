import Foundation

/// Checks `results.csv` and `partners-history.csv` against `schools.csv` and the partnering
/// rules. A school missing from `schools.csv` is a warning (a school that has closed may keep its
/// past rows; they are not used), but an id that differs from a school's only in capital letters
/// is an error: it is a typing mistake, and a recipient mistyped in the history would otherwise be
/// taken for a school that never had a partner.
struct HistoryValidator {
    let scenario: Scenario
    let tables: ScenarioTables
    let settings: ScenarioSettings
    private var diagnostics: [Diagnostic] = []
    private var byLowercase: [String: String] = [:]

    init(scenario: Scenario, tables: ScenarioTables, settings: ScenarioSettings) {
        self.scenario = scenario; self.tables = tables; self.settings = settings
        for o in scenario.organisations where byLowercase[o.id.lowercased()] == nil { byLowercase[o.id.lowercased()] = o.id }
    }

    consuming func run() -> [Diagnostic] {
        checkResults()
        checkHistory()
        checkRules()
        return diagnostics
    }

    private var schoolsFile: String { tables.schools.table?.file ?? "schools.csv" }

    /// Unknown ids in `column` of `rows`: an error for a case mismatch, else one warning per id.
    private mutating func checkIDs<V>(_ rows: LoadedRows<V>, _ column: String, _ id: (V) -> String) {
        var warned = Set<String>()
        var count: [String: Int] = [:]
        for v in rows.values where scenario.organisationIndex[id(v)] == nil { count[id(v), default: 0] += 1 }
        for (i, v) in rows.values.enumerated() {
            let x = id(v)
            guard scenario.organisationIndex[x] == nil else { continue }
            let (loc, field) = rows.location(i, column)
            if let known = byLowercase[x.lowercased()] {
                diagnostics.append(.error(ru: "неизвестная школа '\(x)'; может быть, имелось в виду '\(known)'? коды должны точно совпадать с \(schoolsFile)",
                                          en: "unknown school '\(x)'; did you mean '\(known)'? ids must match \(schoolsFile) exactly",
                                          at: loc, field: field))
            } else if warned.insert(x).inserted {
                let n = count[x] ?? 1
                diagnostics.append(.warning(ru: "'\(x)' нет в \(schoolsFile): строки с ней (\(n)) не используются (закрывшаяся школа может здесь остаться; если это опечатка, исправьте код)",
                                            en: "'\(x)' is not in \(schoolsFile): its \(n) row\(n == 1 ? " is" : "s are") not used (a school that has closed may stay here; if it is a typing mistake, correct the id)",
                                            at: loc, field: field))
            }
        }
    }

    private mutating func checkResults() {
        checkIDs(tables.results, "school") { $0.school }
    }

    private mutating func checkHistory() {
        checkIDs(tables.history, "recipient") { $0.recipient }
        checkIDs(tables.history, "provider") { $0.provider }
        // A rule name that matches no rule of scenario.yaml: one warning per name.
        let names = scenario.partnering.map(\.name)
        var warned = Set<String>()
        for (i, h) in scenario.partnersHistory.enumerated()
        where !names.contains(where: { PartnershipYear.sameRule($0, h.rule) }) && warned.insert(PartnershipYear.normalisedRule(h.rule)).inserted {
            let (loc, field) = tables.history.location(i, "rule")
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            let known = names.isEmpty ? Phrase(ru: "в scenario.yaml нет правил партнёрства", en: "scenario.yaml has no partnering rules")
                : Phrase(ru: "правила: \(list)", en: "the rules are \(list)")
            diagnostics.append(.warning(ru: "правило '\(h.rule)' — не правило партнёрства из \(ScenarioLoader.settingsFileName) (\(known.ru)): его пары оцениваются по всем предметам, и avoid_unhelpful к ним не применяется",
                                        en: "rule '\(h.rule)' is not a partnering rule of \(ScenarioLoader.settingsFileName) (\(known.en)): its pairs are estimated over every subject, and avoid_unhelpful does not apply to them",
                                        at: loc, field: field))
        }
    }

    /// A rule with `avoid_unhelpful` whose history has no pair: nothing can be avoided.
    private mutating func checkRules() {
        guard tables.history.table != nil else { return }
        for (ri, rule) in scenario.partnering.enumerated() where rule.avoidUnhelpful {
            if !scenario.partnersHistory.contains(where: { PartnershipYear.sameRule($0.rule, rule.name) }) {
                let loc = settings.ruleLocations.indices.contains(ri) ? settings.ruleLocations[ri] : SourceLocation(file: ScenarioLoader.settingsFileName)
                diagnostics.append(.warning(ru: "у правила '\(rule.name)' задано avoid_unhelpful: true, но в \(tables.history.table!.file) нет ни одной пары этого правила, так что избегать нечего",
                                            en: "rule '\(rule.name)' has avoid_unhelpful: true, but \(tables.history.table!.file) has no pair of this rule, so no pair is avoided",
                                            at: loc))
            }
        }
    }
}
