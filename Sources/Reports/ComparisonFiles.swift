import Foundation
import ProfileDay
import Scenarios
import SetkaModel

/// What a what-if comparison leaves in a folder (`setka compare --out DIR` and the browser app's
/// comparison runs alike): `comparison.json`, `comparison.csv`, the printable `comparison.html`,
/// and each kept plan's timetable under `kept-NAME/`.
public enum ComparisonFiles {
    public static let jsonFile = "comparison.json"
    public static let csvFile = "comparison.csv"

    /// `comparison.json` (and `setka compare --json`): the comparison without timetables and
    /// student lists (they can be large), and the kept plans once, without their timetables.
    public struct Summary: Codable, Sendable {
        public var comparison: Comparison
        public var kept: [KeptPlan]

        public init(_ comparison: Comparison) {
            var c = comparison
            kept = comparison.keptPlans.map(\.withoutPlan)
            c.base.timetable = nil; c.base.studentsKnown = nil
            for i in c.variants.indices {
                c.variants[i].timetable = nil; c.variants[i].studentsKnown = nil
                // Kept plans are reported once, under `kept` (their timetables in kept-NAME/).
                c.variants[i].kept = nil
            }
            self.comparison = c
        }
    }

    /// The folder of a kept plan's timetable: `kept-` and the variant's name as a slug.
    public static func keptFolder(_ variantName: String) -> String { "kept-" + slug(variantName) }

    /// A folder-safe name: letters, digits and '-' (Cyrillic kept).
    public static func slug(_ name: String) -> String {
        let mapped = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let collapsed = String(mapped).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return collapsed.isEmpty ? "variant" : collapsed
    }

    /// Pretty, stable JSON of the summary.
    public static func json(_ comparison: Comparison) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Summary(comparison))
    }

    /// Writes every file into `folder` (which must exist). `inputs` are the scenarios as run,
    /// base first (for the kept timetables' files and the page's names).
    public static func write(_ comparison: Comparison, inputs: [ScenarioInput], to folder: URL,
                             language: ReportLanguage? = nil) throws {
        for (input, result) in zip(inputs.dropFirst(), comparison.variants) {
            guard let r = result.kept else { continue }
            let kept = folder.appendingPathComponent(keptFolder(input.scenario.name), isDirectory: true)
            try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
            _ = try TimetableIO.write(r.timetable, scenario: input.scenario, to: kept)
        }
        try json(comparison).write(to: folder.appendingPathComponent(jsonFile))
        try Data(comparison.csv().utf8).write(to: folder.appendingPathComponent(csvFile))
        let page = ComparisonReportInput(comparison: comparison, scenario: inputs.first?.scenario, language: language)
        try Data(Reports.comparisonHTML(page).utf8).write(to: folder.appendingPathComponent(Reports.comparisonFile))
    }
}

extension Reports {
    /// The tables of `comparison.html`, in its order: the legend of the columns, the key
    /// figures side by side, then per variant what it changed against the base, then per kept
    /// plan the plan beside a fresh solve. For pages that show the comparison themselves.
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
