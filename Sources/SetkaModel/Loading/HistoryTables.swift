import Foundation

/// `results.csv` and `partners-history.csv` ("Did the partnerships help?"): one named function per
/// table, in the style of the other tables (every cell problem with file, line and column). A
/// workbook sheet maps onto these as onto the others: `TableLoading.results(table)`.
extension TableLoading {
    static let resultColumns: Set<String> = ["school", "year", "subject", "score"]
    static let historyColumns: Set<String> = ["year", "rule", "recipient", "provider"]

    /// Years outside this range are typing mistakes (`224`, `20233`), not assessments.
    static let plausibleYears = 1900...2200

    /// A required year; nil (with an error) when empty, not a whole number or implausible.
    private static func year(_ r: inout TableReader, _ rec: CSVRecord, _ what: Phrase) -> Int? {
        guard let c = r.table.cell(rec, "year") else { return nil }
        let expected = Phrase(ru: "ожидался \(what.ru) (целое число, например 2024)", en: "expected \(what.en) (a whole number such as 2024)")
        if c.text.isEmpty { r.error(c, expected + Phrase(ru: ", а ячейка пуста", en: ", found an empty cell")); return nil }
        guard let v = TableReader.parseInteger(c.text), plausibleYears.contains(v) else {
            r.error(c, expected + Phrase.found("\"\(c.text)\"")); return nil
        }
        return v
    }

    /// True the first time `key` is seen; later an error at `column` ("… (already on line N); keep one row").
    private static func firstTime(_ r: inout TableReader, _ rec: CSVRecord, _ column: String, key: String,
                                  seen: inout [String: Int], _ message: Phrase) -> Bool {
        guard let first = seen[key] else { seen[key] = rec.line; return true }
        if let c = r.table.cell(rec, column) {
            r.error(c, ru: "\(message.ru) (уже есть в строке \(first)); оставьте одну строку", en: "\(message.en) (already on line \(first)); keep one row")
        }
        return false
    }

    // MARK: results.csv

    static func results(_ table: CSVTable) -> (LoadedRows<SchoolResult>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<SchoolResult>(table: table)
        r.checkHeader(known: resultColumns)
        guard r.requireColumns(["school", "year", "subject", "score"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        rows.values.reserveCapacity(table.records.count)
        for rec in table.records {
            let school = r.id(rec, "school")
            let year = year(&r, rec, Phrase(ru: "календарный год оценки", en: "the calendar year of the assessment"))
            let subject = r.id(rec, "subject")?.lowercased()
            let score = r.number(rec, "score", range: 0...100)
            if score == nil, let c = table.cell(rec, "score"), c.text.isEmpty {
                r.error(c, ru: "ожидался средний результат школы, число от 0 до 100, а ячейка пуста (если результата нет, уберите строку)",
                        en: "expected the school's mean result, a number from 0 to 100, found an empty cell (leave the row out when there is no result)")
            }
            guard let school, let year, let subject, score != nil else { continue }
            guard firstTime(&r, rec, "score", key: "\(school)|\(year)|\(subject)", seen: &seen,
                            Phrase(ru: "результат '\(school)' по '\(subject)' за \(year) год указан дважды",
                                   en: "the result of '\(school)' in '\(subject)' for \(year) is given twice")) else { continue }
            rows.values.append(SchoolResult(school: school, year: year, subject: subject, score: score!))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }

    // MARK: partners-history.csv

    static func partnersHistory(_ table: CSVTable) -> (LoadedRows<PartnershipYear>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<PartnershipYear>(table: table)
        r.checkHeader(known: historyColumns)
        guard r.requireColumns(["year", "rule", "recipient", "provider"]) else { return (rows, r.diagnostics) }
        var seen: [String: Int] = [:]
        for rec in table.records {
            let year = year(&r, rec, Phrase(ru: "учебный год (год, в сентябре которого он начинается)", en: "the school year (the year it starts in September)"))
            let rule = r.text(rec, "rule")
            if rule == nil, let c = table.cell(rec, "rule") {
                r.error(c, ru: "ожидалось название правила, как в scenario.yaml, а ячейка пуста", en: "expected the rule's name as in scenario.yaml, found an empty cell")
            }
            let recipient = r.id(rec, "recipient"), provider = r.id(rec, "provider")
            guard let year, let rule, let recipient, let provider else { continue }
            if recipient == provider {
                if let c = table.cell(rec, "provider") { r.error(c, ru: "'\(recipient)' не может быть партнёром самой себе", en: "'\(recipient)' cannot be its own partner") }
                continue
            }
            guard firstTime(&r, rec, "provider", key: "\(year)|\(PartnershipYear.normalisedRule(rule))|\(recipient)|\(provider)",
                            seen: &seen, Phrase(ru: "пара '\(recipient)' – '\(provider)' правила '\(rule)' за \(year) год указана дважды",
                                                en: "the pair '\(recipient)' – '\(provider)' of rule '\(rule)' in \(year) is given twice")) else { continue }
            rows.values.append(PartnershipYear(year: year, rule: rule, recipient: recipient, provider: provider))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }
}
