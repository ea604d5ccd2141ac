import Foundation
import Scenarios
import SetkaModel
import Wording

/// A what-if variant built in the browser's form, written as the spec's variant file
/// (`variants/<id>/variant.yaml`, added rows beside it) and loaded by the same `VariantLoader`
/// as `setka compare` uses.
struct VariantRequest: Sendable {
    var name: String
    var removeTeachers: [String] = []
    var removeSchools: [String] = []
    var removeCourses: [String] = []
    /// `set: {key: value}` (a key `VariantLoader.settableKeys` names).
    var set: [(key: String, value: String)] = []
    /// `scale_demand: {course:, factor:}`.
    var scale: [(course: String, factor: Double)] = []
    /// `add: {table: file}`: the table and its CSV text (header row first).
    var add: [(table: String, csv: String)] = []
    /// `update: {teacher: T05, max_sections: 3}`: one column of one teacher's or course's row.
    var update: [(target: VariantChange.Target, id: String, column: String, value: String)] = []

    var isEmpty: Bool {
        removeTeachers.isEmpty && removeSchools.isEmpty && removeCourses.isEmpty && set.isEmpty && scale.isEmpty && add.isEmpty && update.isEmpty
    }
}

enum VariantBuilder {
    static let fileName = "variant.yaml"

    /// The variant file's text. `base` is the scenario's path relative to the variant's folder;
    /// every id and value is quoted, so no text from the form can change the file's structure.
    static func yaml(_ r: VariantRequest, base: String, addedFiles: [String]) -> String {
        var lines = ["# Вариант «что если», собран в браузере (setka serve).", "format: setka/1",
                     "base: \(quote(base))", "name: \(quote(r.name))", "changes:"]
        for id in r.removeTeachers { lines.append("  - remove: {teacher: \(quote(id))}") }
        for id in r.removeSchools { lines.append("  - remove: {school: \(quote(id))}") }
        for id in r.removeCourses { lines.append("  - remove: {course: \(quote(id))}") }
        for (key, value) in r.set { lines.append("  - set: {\(key): \(plain(value) ? value : quote(value))}") }
        for (course, factor) in r.scale { lines.append("  - scale_demand: {course: \(quote(course)), factor: \(factor)}") }
        for ((table, _), file) in zip(r.add, addedFiles) { lines.append("  - add: {\(table): \(quote(file))}") }
        for u in r.update {
            lines.append("  - update: {\(u.target.rawValue): \(quote(u.id)), \(u.column): \(plain(u.value) ? u.value : quote(u.value))}")
        }
        if lines.last == "changes:" { lines[lines.count - 1] = "changes: []" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number or yes/no, written as it is.
    static func plain(_ s: String) -> Bool {
        s == "yes" || s == "no" || (!s.isEmpty && s.count < 20 && Double(s) != nil && s.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") })
    }

    /// A YAML double-quoted scalar (the scenario writer's).
    static func quote(_ s: String) -> String { ScenarioWriter.yamlString(s) }

    /// Writes the variant for `version` into `variants/<id>/`, validates it, and returns its record.
    static func create(_ r: VariantRequest, version: VersionRecord, folder: DataFolder) throws -> VariantRecord {
        let id = Ids.make()
        let scratch = try folder.scratch("variant")
        do {
            let final = folder.variant(id)
            // From variants/<id>/ up to the data folder, then to the version's scenario.
            let base = "../../" + version.scenarioPath
            var files: [String] = []
            for (i, add) in r.add.enumerated() {
                let name = "added-\(add.table)-\(i + 1).csv"
                try Data(add.csv.utf8).write(to: scratch.appendingPathComponent(name))
                files.append(name)
            }
            try Data(yaml(r, base: base, addedFiles: files).utf8).write(to: scratch.appendingPathComponent(fileName))
            try folder.publish(scratch, to: final)
            let validation = EngineCalls.validateVariant(final.appendingPathComponent(fileName))
            return VariantRecord(id: id, projectId: version.projectId, versionId: version.id, name: r.name,
                                 path: folder.relative(final.appendingPathComponent(fileName)), origin: VariantRecord.formOrigin,
                                 createdAt: Date(), valid: validation.valid, validation: JSONCoding.encode(validation))
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
    }
}

extension VariantBuilder {
    /// «Создать вариант» under an advice: the variant of its change ranked `rank`, as `setka
    /// advise` writes it (`AdviceOutput.variantFiles`, in the scenario's words), written into
    /// `variants/<id>/` with its `base:` pointing at the version's scenario folder from there,
    /// validated by `VariantLoader`; its record, or nil when the advice has no such change.
    static func fromAdvice(_ advice: Advice, rank: Int, scenario: Scenario, version: VersionRecord, folder: DataFolder) throws -> VariantRecord? {
        guard let item = advice.items.first(where: { $0.rank == rank }), let scenarioFolder = scenario.folder else { return nil }
        let id = Ids.make()
        let final = folder.variant(id)
        let words = Words(scenario)
        guard let file = AdviceOutput.variantFiles(advice, scenarioFolder: scenarioFolder, outFolder: final, wording: words)
            .first(where: { $0.name == item.variantFile }) else { return nil }
        let scratch = try folder.scratch("variant")
        do {
            let target = scratch.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: target)
            try folder.publish(scratch, to: final)
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
        let path = final.appendingPathComponent(file.name)
        let validation = EngineCalls.validateVariant(path)
        return VariantRecord(id: id, projectId: version.projectId, versionId: version.id, name: words.variantName(item),
                             path: folder.relative(path), origin: VariantRecord.adviceOrigin, createdAt: Date(), valid: validation.valid,
                             validation: JSONCoding.encode(validation))
    }
}
