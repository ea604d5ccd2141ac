import Foundation
import SetkaModel

extension EffectStudy {
    /// The columns of `effect.csv` the scenario format names, in its order.
    public static let csvColumns = ["rule", "recipient", "provider", "subject", "years_before", "years_after",
                                    "effect", "low", "high"]
    /// Columns after those, for people: the verdict in words and the names.
    public static let csvExtraColumns = ["verdict", "sentence", "recipient_name", "provider_name",
                                         "comparison_schools", "note"]

    /// `effect.csv`: UTF-8 with a BOM (Excel shows Cyrillic), `,`-separated, CRLF line ends; one
    /// row per rule, recipient, provider and subject. `years_before` and `years_after` list the
    /// assessment years used (`2018|2019|2020`); `effect`, `low` and `high` (the 90% interval) are
    /// empty where nothing can be said, and `sentence` says why. `verdict` is `gain`, `loss`,
    /// `unclear` or `none`; `note` names other partners whose years overlap (a joint estimate).
    public func csv() -> String {
        let words = EffectWords(language)
        var lines = [(Self.csvColumns + Self.csvExtraColumns).joined(separator: ",")]
        for (r, p, s) in rows {
            func number(_ x: Double?) -> String { x.map { PlainWords.plain($0, digits: 2) } ?? "" }
            let note = p.alongside.isEmpty ? "" : words.alongside(p.alongsideNames)
            let cells = [r.rule, r.recipient, p.provider, s.subject,
                         s.yearsBefore.map(String.init).joined(separator: "|"),
                         s.yearsAfter.map(String.init).joined(separator: "|"),
                         number(s.estimate?.effect), number(s.estimate?.low), number(s.estimate?.high),
                         s.verdict.rawValue, s.sentence, r.recipientName, p.providerName,
                         String(s.comparisonSchools.count), note]
            lines.append(cells.map { CSVWriter.escape($0) }.joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }
}
