import Foundation
import SetkaModel

/// A project's pins changed by hand («Закрепить» on a run's grid, «Открепить» on the project
/// page, «закрепить» with an accepted hand edit): the next version of the project is the base
/// version's scenario with the new pins, written as a scenario folder (`ScenarioWriter`, the
/// `pins.csv` of the format) and loaded again before it is stored, so `PinValidator` judges
/// the pins as it judges an uploaded `pins.csv`. A pin it refuses stores nothing.
struct PinRefusal: Error, CustomStringConvertible {
    /// The loader's errors (each with its file, line and column).
    var errors: [Finding]

    var description: String { text(.en) }

    /// The errors one a line, each with its place, in `language`.
    func text(_ language: ReportLanguage) -> String { errors.map { $0.text(language) }.joined(separator: "\n") }
}

extension Uploads {
    /// The kind of a version whose pins were changed by hand (a scenario folder the server wrote).
    static let pinsKind = "pins"

    /// `scenario` written as version `versionId`'s scenario folder (`scenario/`) and validated
    /// by the loader; throws `PinRefusal` (nothing kept) when the loader finds an error.
    static func storeScenario(_ scenario: Scenario, folder: DataFolder, versionId: String = Ids.make()) throws -> Stored {
        let scratch = try folder.scratch("pins")
        do {
            let tree = scratch.appendingPathComponent("scenario", isDirectory: true)
            try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
            for file in ScenarioWriter.files(for: scenario) {
                try file.data.write(to: tree.appendingPathComponent(file.name), options: .atomic)
            }
            let (validation, _) = EngineCalls.validate(tree)
            guard validation.valid else { throw PinRefusal(errors: validation.errors) }
            let final = folder.upload(versionId)
            try folder.publish(scratch, to: final)
            return Stored(versionId: versionId, kind: pinsKind, scenarioPath: folder.relative(final.appendingPathComponent("scenario")),
                          validation: validation, variants: [])
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
    }
}

extension Projects {
    /// The next version of `project`: `scenario` (the base version's) with `pins` as its pins.
    /// Throws `PinRefusal` when the loader refuses them; nothing is stored then.
    func pinVersion(of project: ProjectRecord, scenario: Scenario, pins: [Pin]) async throws -> VersionRecord {
        let changed = { var s = scenario; s.pins = pins; return s }()
        let stored = try await offload { try Uploads.storeScenario(changed, folder: folder) }
        let version = versionRecord(stored, project: project.id, number: 0, originalName: ScenarioWriter.FileName.pins, at: Date())
        return try await store.insert(version: version, variants: [])
    }
}
