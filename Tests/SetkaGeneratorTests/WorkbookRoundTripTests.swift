import Foundation
import SetkaGenerator
import SetkaModel
import Testing

/// Generated districts written as workbooks (what `setka template --from` writes) load to the
/// same scenario, and written back to a folder give the same CSV files: folder → workbook → folder
/// is lossless.
@Test(arguments: ["district-600", "region-2500", "city-20000"])
func generatedScenarioRoundTripsThroughAWorkbook(preset: String) throws {
    let s = generate(preset, seed: 21) { $0.kindergartens = $0.mode == .region ? 100 : 3 }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("setka-workbook-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for language in [ReportLanguage.ru, .en] {
        let book = folder.appendingPathComponent("\(preset)-\(language).xlsx")
        try ScenarioWorkbook.workbook(s, language: language).write(to: book)
        let loaded = try ScenarioLoader.load(from: book)
        expectSameValues(s, loaded.scenario, "\(preset) [\(language)]")
        let a = ScenarioWriter.files(for: s), b = ScenarioWriter.files(for: loaded.scenario)
        #expect(a.map(\.name) == b.map(\.name))
        for (x, y) in zip(a, b) { #expect(x.data == y.data, "\(preset) [\(language)]: \(x.name)") }
    }
}
