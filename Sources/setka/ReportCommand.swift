import ArgumentParser
import Foundation
import Reports
import SetkaModel

/// `setka report RESULT_DIR [--scenario SCENARIO] [--out DIR]`: the reports people read.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the reports people read: one HTML file, a map and an Excel workbook.",
        discussion: """
        Reads a result folder of `setka schedule` (sections.csv, enrolments.csv, \
        courses-not-opened.csv, students-short.csv, summary.json), of `setka partner` \
        (partners.csv, partners-summary.json), or of both, with the scenario it was made from, and writes:
          report.html  one self-contained file (no links outside it, prints on A4): key figures, \
        the partner table as an order's appendix, the map, the timetable per site, per school \
        where each student is and how many students go from where to where at each break \
        (transport), a card per teacher and per student, the courses that did not open and why;
          map.svg      organisations, partner pairs and the profile day's student trips;
          report.xlsx  the same tables, one sheet each (Excel, LibreOffice).
        The language is the scenario's `language:` (ru or en) unless --language is given. \
        Students appear by id only.
        The scenario is --scenario, or the path recorded in summary.json.
        The three files are swapped in together; the folder's other files stay.
        Exit codes: 0 written; 1 invalid input (no scenario, unreadable files, a folder with \
        no results); 3 the report could not be built; 5 the reports could not be written; 64 \
        usage error.
        """
    )

    @Argument(help: "The result folder (written by `setka schedule` and/or `setka partner`).")
    var result: String

    @Option(name: .long, help: "The scenario folder (or its scenario.yaml, or an .xlsx workbook) the results were made from.")
    var scenario: String?

    @Option(name: .long, help: "Folder for the reports (default: the result folder).")
    var out: String?

    @Option(name: .long, help: "Language of the reports: ru or en (default: the scenario's).")
    var language: String?

    @Flag(name: .long, help: "No warnings on stderr.")
    var quiet = false

    func validate() throws {
        if let language, ReportLanguage(rawValue: language) == nil {
            throw ValidationError("--language must be ru or en")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: result, isDirectory: true)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            Console.error("error: \(result) is not a folder")
            throw SetkaExit.invalidInput
        }
        let contents = ResultFolder.contents(of: folder)
        guard contents.hasTimetable || contents.hasPartners else {
            Console.error("error: \(result) holds no results: neither sections.csv + enrolments.csv (setka schedule) nor partners.csv (setka partner)")
            throw SetkaExit.invalidInput
        }
        guard let scenarioPath = scenario ?? contents.scenarioPath?.path else {
            Console.error("error: the result folder does not say which scenario it was made from; give it with --scenario SCENARIO")
            throw SetkaExit.invalidInput
        }
        let loaded = try Console.loadScenario(scenarioPath, quiet: true, language: language.flatMap(ReportLanguage.init(rawValue:)) ?? .en)
        let read: ResultFolder.Read
        do {
            read = try ResultFolder.read(folder, scenario: loaded.scenario)
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { Console.error(d.description) }
            throw SetkaExit.invalidInput
        }
        if !quiet { for w in read.warnings { Console.error(w.description) } }
        var input = read.input
        if let language { input.language = ReportLanguage(rawValue: language)! }
        let target = out ?? folder.path
        let job = ResultJob(name: Reports.jobName, owns: Reports.ownedFiles)
        try Console.checkOutput(target, job: job)
        Interrupts.install(firstStops: false)
        let files: [ResultFile]
        do { files = try Reports.files(input) } catch {
            Console.error("error: the report could not be built: \(error)")
            throw SetkaExit.failure
        }
        let committed = try Console.writeResults(target, job: job, files: files)
        for f in files { print(committed.folder.appendingPathComponent(f.name).path) }
    }
}
