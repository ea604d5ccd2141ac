import Foundation
import ProfileDay
import SetkaModel

/// What `setka compare --out DIR` and `setka sweep --out DIR` write, as files in memory (the
/// printable pages come from Reports): one named place for their file names, the JSON the
/// comparison is printed and stored as, and the kept plans' text and folders.
public enum ComparisonOutput {
    /// The job names in a result folder's manifest.
    public static let compareJob = "compare"
    public static let sweepJob = "sweep"

    public static let jsonFile = "comparison.json"
    public static let csvFile = "comparison.csv"
    public static let htmlFile = "comparison.html"
    /// Kept timetables go to `kept-NAME/` (NAME the variant's `slug`).
    public static let keptPrefix = "kept-"
    public static let sweepCSVFile = "sweep.csv"
    public static let sweepSVGFile = "sweep.svg"
    public static let sweepHTMLFile = "sweep.html"

    public static let compareFiles = ResultFileSet(names: [jsonFile, csvFile, htmlFile], prefixes: [keptPrefix])
    public static let sweepFiles = ResultFileSet(names: [sweepCSVFile, sweepSVGFile, sweepHTMLFile])

    /// A folder-safe name: letters, digits and '-' (Cyrillic kept).
    public static func slug(_ name: String) -> String {
        let mapped = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let collapsed = String(mapped).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return collapsed.isEmpty ? "variant" : collapsed
    }

    /// Every kept timetable as `kept-NAME/sections.csv`, `enrolments.csv` and the views.
    public static func keptFiles(_ inputs: [ScenarioInput], _ results: [ScenarioRunResult]) -> [ResultFile] {
        var files: [ResultFile] = []
        for (input, result) in zip(inputs, results) {
            guard let r = result.kept else { continue }
            let folder = keptPrefix + slug(input.scenario.name)
            files += TimetableIO.files(r.timetable, scenario: input.scenario).map { ResultFile(folder + "/" + $0.name, $0.data) }
        }
        return files
    }

    /// `comparison.json` (and `compare --json`): the comparison without the plans, and the kept
    /// plans without their timetables.
    public static func json(_ comparison: Comparison) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(CompareReport(comparison: comparison.withoutPlans,
                                                kept: comparison.keptPlans.map(\.withoutPlan)))
    }
}

/// `setka compare --json` and `comparison.json`.
public struct CompareReport: Codable, Sendable {
    public var comparison: Comparison
    public var kept: [KeptPlan]
}

extension Comparison {
    /// The comparison without the timetables, assignments and student lists (they can be large).
    public var withoutPlans: Comparison {
        var c = self
        c.base.timetable = nil; c.base.studentsKnown = nil; c.base.partnerAssignment = nil
        for i in c.variants.indices {
            c.variants[i].timetable = nil; c.variants[i].studentsKnown = nil; c.variants[i].partnerAssignment = nil
            // Kept plans are reported once, under `kept` (their timetables under --out/kept-*).
            c.variants[i].kept = nil
        }
        return c
    }
}
