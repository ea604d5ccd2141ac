import Foundation

/// Projects and their versions: an upload becomes a version (the first makes the project), the
/// bundled examples become projects on first start.
struct Projects: Sendable {
    let store: Store
    var folder: DataFolder { store.folder }

    /// A new project from an upload; its name is the one the scenario's settings give it (as
    /// the examples' are named), else the uploaded file's name without the extension (a
    /// workbook saved as «Книга1.xlsx» is still called what its «Настройки» say).
    func create(upload bytes: Data, originalName: String) async throws -> (ProjectRecord, VersionRecord) {
        let stored = try await offload { try Uploads.store(bytes, folder: folder) }
        let now = Date()
        let given = stored.givenName?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
        let name = given.flatMap { $0.isEmpty ? nil : String($0) } ?? Self.displayName(originalName) ?? stored.validation.facts?.name ?? "project"
        let project = ProjectRecord(id: Ids.make(), name: name, createdAt: now, example: nil)
        let version = versionRecord(stored, project: project.id, number: 1, originalName: originalName, at: now)
        try await store.insert(project: project, version: version, variants: variantRecords(stored, project: project.id, at: now))
        return (project, version)
    }

    /// The next version of `project` from an upload.
    func addVersion(to project: ProjectRecord, upload bytes: Data, originalName: String) async throws -> VersionRecord {
        let stored = try await offload { try Uploads.store(bytes, folder: folder) }
        let now = Date()
        let version = versionRecord(stored, project: project.id, number: 0, originalName: originalName, at: now)
        return try await store.insert(version: version, variants: variantRecords(stored, project: project.id, at: now))
    }

    /// Every scenario folder under `examples` (a folder with `scenario.yaml`) not yet loaded
    /// becomes a project. Returns the names of those added.
    @discardableResult
    func loadExamples(from examples: URL) async throws -> [String] {
        let fm = FileManager.default
        let children = (try? fm.contentsOfDirectory(at: examples, includingPropertiesForKeys: nil)) ?? []
        var added: [String] = []
        for dir in children.sorted(by: { $0.path < $1.path })
        where fm.fileExists(atPath: dir.appendingPathComponent("scenario.yaml").path) {
            let example = dir.lastPathComponent
            if try await store.projectExists(example: example) { continue }
            let stored = try await offload { try Uploads.storeExample(dir, folder: folder) }
            let now = Date()
            let project = ProjectRecord(id: Ids.make(), name: stored.validation.facts?.name ?? example, createdAt: now, example: example)
            let version = versionRecord(stored, project: project.id, number: 1, originalName: example + "/", at: now)
            try await store.insert(project: project, version: version, variants: variantRecords(stored, project: project.id, at: now))
            added.append(example)
        }
        return added
    }

    func versionRecord(_ s: Uploads.Stored, project: String, number: Int, originalName: String, at date: Date) -> VersionRecord {
        var validation = s.validation
        if s.kind == "xlsx", let shown = originalName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last {
            validation = validation.naming(Uploads.workbookName, as: String(shown.prefix(120)))
        }
        return VersionRecord(id: s.versionId, projectId: project, number: number, createdAt: date,
                             originalName: String(originalName.prefix(200)), kind: s.kind, scenarioPath: s.scenarioPath,
                             valid: validation.valid, validation: JSONCoding.encode(validation))
    }

    func variantRecords(_ s: Uploads.Stored, project: String, at date: Date) -> [VariantRecord] {
        s.variants.map { v in
            VariantRecord(id: Ids.make(), projectId: project, versionId: s.versionId, name: v.validation.facts?.name ?? v.name,
                          path: v.path, origin: VariantRecord.uploadOrigin, createdAt: date, valid: v.validation.valid,
                          validation: JSONCoding.encode(v.validation))
        }
    }

    /// "district.xlsx" → "district"; nil when nothing is left.
    static func displayName(_ original: String) -> String? {
        var name = Forms.baseName(original)
        for ext in [".xlsx", ".zip", ".XLSX", ".ZIP"] where name.hasSuffix(ext) { name = String(name.dropLast(ext.count)) }
        name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : String(name.prefix(120))
    }
}

/// Runs blocking work (unpacking, loading, rendering a large table) on a thread of its own, so
/// that it never holds one of Swift concurrency's few cooperative threads.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
        thread.stackSize = 16 << 20
        thread.start()
    }
}
