import Foundation

/// Loading for "Did the partnerships help?": `setka effect` needs `schools.csv`, `results.csv`,
/// `partners-history.csv` and the partnering rules of `scenario.yaml` only.
extension ScenarioLoader {
    /// The tables `setka effect` reads (keys of `tables:`).
    public static let effectTables: Set<String> = ["schools", "results", "partners-history"]

    /// Loads the scenario in `folder` as `setka effect` needs it: `scenario.yaml`, `schools.csv`,
    /// `results.csv` and `partners-history.csv` (both required), with the checks of those tables
    /// only; the profile-day tables and travel times are not read. Throws `ScenarioError` with
    /// every error, each naming file, line and column. A what-if variant file loads whole (as
    /// ``load(from:)`` does), so its changes apply; there the two tables are optional (a variant
    /// may remove every school of the history).
    public static func loadForEffect(from folder: URL) throws -> LoadedScenario {
        if VariantLoader.isVariantFile(folder) { return try VariantLoader.load(from: folder).loaded }
        var parts = try readParts(folder, only: effectTables)
        let settings = parts.settings
        for key in ["results", "partners-history"] {
            let rows = key == "results" ? parts.tables.results.table : parts.tables.history.table
            let path = settings.path(of: key)
            guard rows == nil, !parts.diagnostics.contains(where: { $0.location?.file == path }) else { continue }
            if Workbook.isWorkbook(parts.folder) {
                parts.diagnostics.append(.error(ru: "в книге нет листа '\(key)' (он нужен команде setka effect)",
                                                en: "the workbook has no sheet '\(key)' (setka effect needs it)", at: SourceLocation(file: parts.yamlName)))
                continue
            }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : parts.folder.appendingPathComponent(path)
            if case .failed(let d) = readBytes(url, display: path, required: true, why: Phrase(ru: "он нужен команде setka effect", en: "setka effect needs")) {
                parts.diagnostics.append(d)
            }
        }
        let scenario = Scenario(
            name: settings.name ?? parts.folder.lastPathComponent, language: settings.language, folder: parts.folder,
            travelSettings: settings.travel, profileDay: settings.profileDay, partnering: settings.partnering,
            organisations: parts.tables.schools.values, results: parts.tables.results.values,
            partnersHistory: parts.tables.history.values)
        var diagnostics = parts.diagnostics
        diagnostics += HistoryValidator(scenario: scenario, tables: parts.tables, settings: settings).run()
        diagnostics = ordered(diagnostics, files: [parts.yamlName] + parts.order + ["schools", "results", "partners-history"].map { settings.path(of: $0) })
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return LoadedScenario(scenario: scenario, warnings: diagnostics.filter { $0.severity == .warning }, givenName: settings.name)
    }

    /// `results.csv` and `partners-history.csv` by `table(key, required, why)`: required when a
    /// partnering rule has `avoid_unhelpful: true` (it needs them), optional otherwise.
    static func historyTables(_ settings: ScenarioSettings,
                              _ table: (String, Bool, Phrase?) -> CSVTable?) -> (CSVTable?, CSVTable?) {
        let avoiding = settings.partnering.first { $0.avoidUnhelpful }
        let why = avoiding.map { Phrase(ru: "у правила партнёрства '\($0.name)' задано avoid_unhelpful: true, поэтому он нужен сценарию",
                                        en: "partnering rule '\($0.name)' has avoid_unhelpful: true, so the scenario needs") }
        return (table("results", avoiding != nil, why), table("partners-history", avoiding != nil, why))
    }
}
