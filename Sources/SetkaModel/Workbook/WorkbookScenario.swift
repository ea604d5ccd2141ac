import Foundation

/// A whole scenario in one `.xlsx` workbook (`scenario-format.md`, "Workbooks"): the settings
/// from the `settings`, `slots` and `partnering` sheets, each table from its sheet, loaded by
/// the same table code as the CSV files of a folder. `ScenarioLoader.load(from:)` comes here
/// for a workbook, so every command that takes a scenario takes a workbook.
enum WorkbookScenario {
    /// The workbook's settings and tables, without the cross-table checks. Every problem of
    /// every sheet is collected; a file that is not a workbook Setka reads throws at once.
    static func readParts(_ url: URL, only: Set<String>? = nil) throws -> LoaderParts {
        let standard = url.standardizedFileURL
        let book = try Workbook.open(standard, display: url.lastPathComponent)
        book.prefetch(["settings", "slots", "partnering"] + ScenarioSettings.tableNames.map(\.key).filter { only?.contains($0) ?? true })
        var reader = WorkbookSettings(book: book)
        var settings = reader.read(defaultName: standard.deletingPathExtension().lastPathComponent)
        let order = [book.display] + reader.sheetOrder
        // Messages about a table name its sheet (`district.xlsx[Ученики]`).
        for (key, _) in ScenarioSettings.tableNames {
            if let sheet = book.sheets(for: key).first {
                settings.tables[key] = (SourceLocation(file: book.display, sheet: sheet.name).sheetDisplay, nil)
            } else {
                settings.tables[key] = ("a '\(key)' sheet of \(book.display)", nil)
            }
        }
        func table(_ key: String, required: Bool, why: Phrase?) -> (CSVTable?, [Diagnostic]) {
            do {
                guard let (t, warnings) = try book.table(for: key) else {
                    return required ? (nil, [book.missingSheet(key, why: why)]) : (nil, [])
                }
                return (t, warnings)
            } catch {
                return (nil, ScenarioError.readingWorkbook(error, at: SourceLocation(file: book.display)).diagnostics)
            }
        }
        return ScenarioLoader.assemble(folder: standard, yamlName: book.display, settings: settings,
                                       diagnostics: reader.diagnostics, order: order, only: only, table: table)
    }
}

extension SourceLocation {
    /// `district.xlsx[students]` (the file alone when there is no sheet).
    var sheetDisplay: String { sheet.map { "\(file)[\($0)]" } ?? file }
}

extension ScenarioLoader {
    /// One table of the scenario at `url`, as the CSV parser gives it (with each cell's place for
    /// messages), for a loader outside this module: in a folder (or the folder of a
    /// `scenario.yaml`) the file `fileName`, or `NAME.xlsx` in its place; in a workbook the sheet
    /// of `key` (its English or Russian name, see `Workbook.sheetNames`). Nil when the scenario
    /// has no such table; the diagnostics say what could not be read (and warnings, e.g. hidden rows).
    public static func table(_ key: String, fileName: String, of url: URL) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        if Workbook.isWorkbook(url) {
            do {
                let book = try Workbook.open(url.standardizedFileURL, display: url.lastPathComponent)
                guard let (t, warnings) = try book.table(for: key) else { return (nil, []) }
                return (t, warnings)
            } catch {
                return (nil, ScenarioError.readingWorkbook(error, at: SourceLocation(file: url.lastPathComponent)).diagnostics)
            }
        }
        var isDir: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
            ? url : url.deletingLastPathComponent()
        return readTable(in: folder, path: fileName, required: false, why: nil)
    }
}
