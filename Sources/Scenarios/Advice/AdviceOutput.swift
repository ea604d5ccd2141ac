import Foundation
import SetkaModel

/// The words the advice files need; `Wording` says them in the scenario's language (`Words`).
public protocol AdviceWording: Sendable {
    /// The change as a clause: "педагог t012 сможет вести занятие в слоте 3".
    func clause(_ change: AdviceChange) -> String
    /// The change with its verified gain: "Если педагог t012 сможет вести занятие в слоте 3,
    /// ещё 24 ученика получат оба курса".
    func sentence(_ item: AdviceItem, in advice: Advice) -> String
    /// Whom the change asks for something ("" when nobody).
    func asked(_ ask: AdviceAsk?) -> String
    /// The name of the change's variant: "Совет 1: педагог t012, слот 3".
    func variantName(_ item: AdviceItem) -> String
    /// The comment lines at the top of the change's variant file.
    func variantComments(_ item: AdviceItem, in advice: Advice) -> [String]
}

/// The files of `setka advise`: `advice.csv`, `advice.json` (typed, for the report and the
/// browser application) and one variant per change, `variants/NN.yaml`, that `setka compare` and
/// `setka schedule` run as they are. The printable page (`advice.html`) comes from `Reports`.
public enum AdviceOutput {
    public static let csvFile = "advice.csv"
    public static let jsonFile = "advice.json"
    public static let htmlFile = "advice.html"
    public static let variantsFolder = "variants"
    /// The job's name in a result folder's manifest.
    public static let jobName = "advise"
    /// Every entry `setka advise` writes (and so owns) in a result folder.
    public static let ownedFiles = ResultFileSet(names: [csvFile, jsonFile, htmlFile, variantsFolder])

    /// The variant file of the change ranked `rank`: `variants/01.yaml`.
    public static func variantPath(_ rank: Int) -> String {
        variantsFolder + "/" + (rank < 10 ? "0\(rank)" : "\(rank)") + ".yaml"
    }

    /// `base:` for a variant in `variantsFolder` that changes the scenario folder `scenario`:
    /// relative when the two share a folder below the root, else absolute.
    public static func basePath(from variantsFolder: URL, to scenario: URL) -> String {
        let from = variantsFolder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = scenario.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < min(from.count, to.count) && from[common] == to[common] { common += 1 }
        guard common > 1 else { return scenario.standardizedFileURL.path }
        let up = Array(repeating: "..", count: from.count - common)
        let path = (up + to[common...]).joined(separator: "/")
        return path.isEmpty ? "." : path
    }

    /// `advice.csv`: `rank,change,students_gained,objective_gain`, then who is asked and the
    /// variant file.
    public static func csv(_ advice: Advice, wording: some AdviceWording) -> String {
        var rows = [["rank", "change", "students_gained", "objective_gain", "asks", "variant"]]
        for item in advice.items {
            rows.append([String(item.rank), wording.clause(item.change), String(item.studentsGained),
                         ScenarioWriter.number((item.objectiveGain * 100).rounded() / 100), wording.asked(item.asks), item.variantFile])
        }
        return ScenarioWriter.csv(rows)
    }

    /// `advice.json`: the whole `Advice`, typed.
    public static func json(_ advice: Advice) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(advice)
    }

    /// The advice of a result folder (`advice.json`), when it holds advice this version reads.
    public static func read(_ folder: URL) -> Advice? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(jsonFile).path),
              let advice = try? JSONDecoder().decode(Advice.self, from: data), advice.format == Advice.format else { return nil }
        return advice
    }

    /// The variant of each change, its `base:` pointing at `scenarioFolder` from the advice
    /// folder `outFolder` (where the files will be), as `VariantLoader` reads it.
    public static func variantFiles(_ advice: Advice, scenarioFolder: URL, outFolder: URL, wording: some AdviceWording) -> [ResultFile] {
        let base = basePath(from: outFolder.appendingPathComponent(variantsFolder, isDirectory: true), to: scenarioFolder)
        return advice.items.map { item in
            ResultFile(item.variantFile, text: ScenarioWriter.variantYAML(
                name: wording.variantName(item), base: base, changes: [item.change.variantChange],
                comments: wording.variantComments(item, in: advice)))
        }
    }

    /// `advice.csv`, `advice.json` and the variants.
    public static func files(_ advice: Advice, scenarioFolder: URL, outFolder: URL, wording: some AdviceWording) throws -> [ResultFile] {
        [ResultFile(csvFile, text: csv(advice, wording: wording)), ResultFile(jsonFile, try json(advice))]
            + variantFiles(advice, scenarioFolder: scenarioFolder, outFolder: outFolder, wording: wording)
    }
}
