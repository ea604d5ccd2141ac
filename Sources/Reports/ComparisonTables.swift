import Foundation
import Scenarios
import Wording

extension Reports {
    /// The tables of `comparison.html`, in its order: the legend of the columns, the key
    /// figures side by side, then per variant what its file changes and what changed against
    /// the base, then per kept plan the plan beside a fresh solve. For pages that show the
    /// comparison themselves (the browser app).
    public static func comparisonTables(_ input: ComparisonReportInput) -> [ReportTable] {
        let c = ComparisonContent(input), w = c.words
        var out = [c.columnsTable(), c.figuresTable()]
        for (i, v) in c.comparison.variants.enumerated() {
            let heading = w.variantHeading(c.columnTitles[i + 1], v.name)
            if let lines = c.changeLines(v) {
                out.append(ReportTable(key: "changes-\(i + 1)", title: heading + " — " + w[.variantChanges],
                                       columns: [w[.what]], rows: lines.map { [.text($0)] }))
            }
            var diff = c.diffTable(i)
            diff.title = heading + " — " + diff.title
            out.append(diff)
        }
        for (plan, variant) in c.keptVariants() {
            var kept = c.keptTable(plan, fresh: variant.map { c.comparison.variants[$0] })
            kept.title = w.keptHeading(variant.map { c.columnTitles[$0 + 1] } ?? "", plan.variant)
            out.append(kept)
        }
        return out
    }
}
