import Foundation
// The words of every report come from Wording; whoever builds reports uses its `Words` too.
@_exported import Wording
import ProfileDay
import Scenarios
import SetkaModel

/// Reports people read, built from plain values:
///
/// - ``Reports/html(_:)``: one self-contained HTML file (key figures, the partner table as an
///   order's appendix, the map, the profile-day grid per site, per school where each student is
///   and the bus plan, per teacher, a card per student, courses that did not open and why);
/// - ``Reports/mapSVG(_:)``: the map alone;
/// - ``Reports/xlsx(_:)``: the same tables as a workbook, one sheet each;
/// - ``Reports/writeAll(_:to:)``: all three files into a folder;
/// - ``ResultFolder/read(_:scenario:)``: a ``ReportInput`` from what `setka schedule` and
///   `setka partner` wrote;
/// - ``Reports/comparisonHTML(_:)`` and ``Reports/sweepHTML(_:scenario:language:)``: the
///   printable pages of `setka compare` and `setka sweep`.
///
/// `--report` builds the files from the pipeline values in hand, in memory, and writes them with
/// the run's other files (one `ResultFolderWriter`):
///
///     var input = ReportInput(run)                         // a ProfileDayRun or a PartnerRun
///     input.addResultsKept(from: out)                      // the other job's results in the folder
///     try writer.write(Reports.files(input))
///
/// `setka report` reads a result folder instead (`ResultFolder.read`).
///
/// Russian by default (the scenario's `language:`), English with `language: en`. Students
/// appear by id only.
public enum Reports {
    public static let htmlFile = "report.html"
    public static let mapFile = "map.svg"
    public static let workbookFile = "report.xlsx"
    public static let comparisonFile = ComparisonOutput.htmlFile
    public static let sweepFile = ComparisonOutput.sweepHTMLFile

    /// The HTML report.
    public static func html(_ input: ReportInput) -> String { HTMLReport.html(ReportContent(input)) }

    /// `setka compare` as one printable page (`comparison.html`) in the input's language: the
    /// base scenario's name, a legend naming each column (base, в1/v1, … with the variant's name
    /// and file), the key figures side by side, then per variant what its file changes and what
    /// changed against the base (sections opened and closed, students who lost or gained a
    /// course, whose day changed, partner pairs added and removed), then per kept plan
    /// (`--keep`) how it was made, the sections it dropped and why, and how many students and
    /// teachers it moves against a fresh solve; a line to sign at the end.
    public static func comparisonHTML(_ input: ComparisonReportInput) -> String { ComparisonHTML.html(input) }

    /// `setka sweep` as one printable page (`sweep.html`): a table row per value of the setting
    /// and the line charts of `SweepResult.svg` inline, in `language` (the scenario's by default).
    public static func sweepHTML(_ result: SweepResult, scenario: Scenario, language: ReportLanguage? = nil) -> String {
        ComparisonHTML.sweep(result, scenario: scenario, language: language ?? scenario.language)
    }

    /// The map as a standalone SVG file.
    public static func mapSVG(_ input: ReportInput) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + MapSVG.svg(ReportContent(input), standalone: true) + "\n"
    }

    /// The workbook's bytes.
    public static func xlsx(_ input: ReportInput) throws -> [UInt8] {
        let content = ReportContent(input)
        return try XLSXWriter.workbook(content.tables, words: content.words)
    }

    /// The report files a result folder holds: every job that may write them owns them, so a
    /// report never survives beside results it does not show.
    public static let ownedFiles = ResultFileSet(names: [htmlFile, mapFile, workbookFile])
    /// The job name of `setka report` in a result folder's manifest.
    public static let jobName = "report"

    /// `report.html`, `map.svg` and `report.xlsx`, in memory.
    public static func files(_ input: ReportInput) throws -> [ResultFile] {
        let content = ReportContent(input)
        return [
            ResultFile(htmlFile, text: HTMLReport.html(content)),
            ResultFile(mapFile, text: #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + MapSVG.svg(content, standalone: true) + "\n"),
            ResultFile(workbookFile, Data(try XLSXWriter.workbook(content.tables, words: content.words))),
        ]
    }

    /// Writes `report.html`, `map.svg` and `report.xlsx` into `folder` (which must exist), each
    /// file whole, and returns their URLs.
    @discardableResult
    public static func writeAll(_ input: ReportInput, to folder: URL) throws -> [URL] {
        try files(input).map { f in
            let url = folder.appendingPathComponent(f.name)
            try f.data.write(to: url, options: .atomic)
            return url
        }
    }

    /// Reads a result folder for `scenario` and writes the three reports into `outFolder`
    /// (the result folder itself by default).
    @discardableResult
    public static func writeAll(fromResultFolder folder: URL, scenario: Scenario, to outFolder: URL? = nil) throws -> [URL] {
        let read = try ResultFolder.read(folder, scenario: scenario)
        return try writeAll(read.input, to: outFolder ?? folder)
    }
}
