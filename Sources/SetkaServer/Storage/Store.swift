import Foundation
import GRDB

/// Every read and write of the database the routes and jobs make, in one place.
public struct Store: Sendable {
    public let db: AppDatabase
    public let folder: DataFolder

    public init(folder: DataFolder) throws {
        try folder.prepare()
        self.folder = folder
        db = try AppDatabase(at: folder.database)
    }

    var pool: DatabasePool { db.pool }

    // MARK: - projects and versions

    public func projects() async throws -> [ProjectRecord] {
        try await pool.read { try ProjectRecord.order(Column("createdAt").desc, Column("id")).fetchAll($0) }
    }

    public func project(_ id: String) async throws -> ProjectRecord? {
        guard Ids.isValid(id) else { return nil }
        return try await pool.read { try ProjectRecord.fetchOne($0, key: id) }
    }

    public func projectExists(example: String) async throws -> Bool {
        try await pool.read { try ProjectRecord.filter(Column("example") == example).fetchCount($0) > 0 }
    }

    public func versions(of project: String) async throws -> [VersionRecord] {
        try await pool.read { try VersionRecord.filter(Column("projectId") == project).order(Column("number").desc).fetchAll($0) }
    }

    public func version(_ id: String) async throws -> VersionRecord? {
        guard Ids.isValid(id) else { return nil }
        return try await pool.read { try VersionRecord.fetchOne($0, key: id) }
    }

    /// The newest version of each project (for the list of projects).
    public func latestVersions() async throws -> [String: VersionRecord] {
        let all = try await pool.read { db in
            try VersionRecord.fetchAll(db, sql: """
                SELECT v.* FROM version v
                JOIN (SELECT projectId, MAX(number) AS n FROM version GROUP BY projectId) last
                  ON last.projectId = v.projectId AND last.n = v.number
                """)
        }
        return Dictionary(all.map { ($0.projectId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Stores a new project with its first version (and the variants that came with it).
    public func insert(project: ProjectRecord, version: VersionRecord, variants: [VariantRecord]) async throws {
        try await pool.write { db in
            try project.insert(db)
            try version.insert(db)
            for v in variants { try v.insert(db) }
        }
    }

    /// Stores the next version of a project; its number is the last one's plus one.
    public func insert(version: VersionRecord, variants: [VariantRecord]) async throws -> VersionRecord {
        try await pool.write { db in
            var v = version
            let last = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM version WHERE projectId = ?", arguments: [v.projectId]) ?? 0
            v.number = last + 1
            try v.insert(db)
            for variant in variants { try variant.insert(db) }
            return v
        }
    }

    // MARK: - variants

    public func variants(of project: String) async throws -> [VariantRecord] {
        try await pool.read { try VariantRecord.filter(Column("projectId") == project).order(Column("createdAt"), Column("name")).fetchAll($0) }
    }

    public func variant(_ id: String) async throws -> VariantRecord? {
        guard Ids.isValid(id) else { return nil }
        return try await pool.read { try VariantRecord.fetchOne($0, key: id) }
    }

    public func insert(variant: VariantRecord) async throws {
        try await pool.write { try variant.insert($0) }
    }

    // MARK: - runs

    public func runs(of project: String) async throws -> [RunRecord] {
        try await pool.read { try RunRecord.filter(Column("projectId") == project).order(Column("createdAt").desc).fetchAll($0) }
    }

    public func run(_ id: String) async throws -> RunRecord? {
        guard Ids.isValid(id) else { return nil }
        return try await pool.read { try RunRecord.fetchOne($0, key: id) }
    }

    public func insert(run: RunRecord) async throws {
        try await pool.write { try run.insert($0) }
    }

    /// At start-up: a run the database says is running was stopped with the server that ran
    /// it; it is marked interrupted. Returns the runs still queued, oldest first (to queue again).
    public func recoverAtStartup() throws -> [RunRecord] {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE run SET status = 'interrupted', endedAt = ?, message = COALESCE(message, 'interrupted: the server stopped while it ran')
                WHERE status = 'running'
                """, arguments: [Date()])
            return try RunRecord.filter(Column("status") == RunStatus.queued.rawValue).order(Column("createdAt")).fetchAll(db)
        }
    }

    // MARK: - deleting

    /// Why a project or a run cannot be deleted now.
    public enum DeleteRefusal: Error, Sendable {
        /// A run of it, or one that reads it, is queued or running (stop it first).
        case running
        /// A bundled example (it would be loaded again at the next start).
        case example
    }

    /// The runs of `project` that are queued or running.
    private static func going(in project: String, _ db: Database) throws -> [RunRecord] {
        try RunRecord.filter(Column("projectId") == project)
            .filter([RunStatus.queued.rawValue, RunStatus.running.rawValue].contains(Column("status"))).fetchAll(db)
    }

    /// Deletes a finished run (not queued or running, nor read by one that is), then its
    /// folders (its results and, for a timetable made elsewhere, the files it was taken from). Other runs that name it (an edit
    /// of it, advice from it) keep their own results. False when there is no such run.
    public func deleteRun(_ id: String) async throws -> Bool {
        guard Ids.isValid(id) else { return false }
        let deleted = try await pool.write { db -> Bool in
            guard let run = try RunRecord.fetchOne(db, key: id) else { return false }
            guard run.status != .queued, run.status != .running else { throw DeleteRefusal.running }
            // Nor while a run that starts from it (a hand edit, advice, a comparison kept close
            // to it) is still to read it.
            guard try !Self.going(in: run.projectId, db).contains(where: { r in
                let o = r.decodedOptions
                return [o.from, o.editOf, o.keep].contains(id)
            }) else { throw DeleteRefusal.running }
            return try RunRecord.deleteOne(db, key: id)
        }
        if deleted { folder.discard([folder.run(id), folder.importedTimetable(id)]) }
        return deleted
    }

    /// Deletes a what-if variant; refused while a comparison that sets it beside the base is
    /// queued or running. A variant built here (in the form, from advice) takes its folder with
    /// it; one that came with the data leaves its file in the version's upload, which is never
    /// changed. False when there is no such variant.
    public func deleteVariant(_ id: String) async throws -> Bool {
        guard Ids.isValid(id) else { return false }
        let variant = try await pool.write { db -> VariantRecord? in
            guard let variant = try VariantRecord.fetchOne(db, key: id) else { return nil }
            guard try !Self.going(in: variant.projectId, db).contains(where: { $0.decodedOptions.variants?.contains(id) == true }) else {
                throw DeleteRefusal.running
            }
            try VariantRecord.deleteOne(db, key: id)
            return variant
        }
        guard let variant else { return false }
        if variant.origin != VariantRecord.uploadOrigin { folder.discard([folder.variant(id)]) }
        return true
    }

    /// Deletes a project with all its versions, variants and runs (the database cascades), then
    /// their folders; refused while one of its runs is queued or running, and for a bundled
    /// example. False when there is no such project.
    public func deleteProject(_ id: String) async throws -> Bool {
        guard Ids.isValid(id) else { return false }
        let gone = try await pool.write { db -> [URL]? in
            guard let project = try ProjectRecord.fetchOne(db, key: id) else { return nil }
            guard project.example == nil else { throw DeleteRefusal.example }
            guard try Self.going(in: id, db).isEmpty else { throw DeleteRefusal.running }
            let runs = try RunRecord.filter(Column("projectId") == id).fetchAll(db)
            let versions = try VersionRecord.filter(Column("projectId") == id).fetchAll(db)
            let variants = try VariantRecord.filter(Column("projectId") == id).fetchAll(db)
            try ProjectRecord.deleteOne(db, key: id)
            return versions.map { folder.upload($0.id) } + variants.map { folder.variant($0.id) }
                + runs.flatMap { [folder.run($0.id), folder.importedTimetable($0.id)] }
        }
        guard let gone else { return false }
        folder.discard(gone)
        return true
    }

    // The job threads write synchronously (they are not in Swift concurrency).

    func runSync(_ id: String) throws -> RunRecord? {
        try pool.read { try RunRecord.fetchOne($0, key: id) }
    }

    func versionSync(_ id: String) throws -> VersionRecord? {
        try pool.read { try VersionRecord.fetchOne($0, key: id) }
    }

    func variantsSync(_ ids: [String]) throws -> [VariantRecord] {
        try pool.read { db in try ids.compactMap { try VariantRecord.fetchOne(db, key: $0) } }
    }

    func markStarted(_ id: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET status = 'running', startedAt = ? WHERE id = ? AND status = 'queued'",
                           arguments: [Date(), id])
        }
    }

    func saveProgress(_ id: String, _ progress: RunProgress) throws {
        let json = JSONCoding.encode(progress)
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET progress = ? WHERE id = ?", arguments: [json, id])
        }
    }

    /// The run's end: status, figures, message, whether its folder holds results.
    /// `messageRu`: the message in Russian, when it is worded in both (a scenario's findings).
    func finish(_ id: String, status: RunStatus, summary: String?, message: String?, messageRu: String? = nil, hasResults: Bool,
                progress: RunProgress?) throws {
        let objective = JSONValue.parse(summary)?["objective"]?.double
        try pool.write { db in
            try db.execute(sql: """
                UPDATE run SET status = ?, endedAt = ?, summary = ?, message = ?, messageRu = ?, hasResults = ?,
                               progress = COALESCE(?, progress), objective = ?
                WHERE id = ?
                """, arguments: [status.rawValue, Date(), summary, message, messageRu, hasResults,
                                 progress.map(JSONCoding.encode), objective, id])
        }
    }

    /// A queued run cancelled before it started; false when it had already started.
    func cancelQueued(_ id: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET status = 'cancelled', endedAt = ?, message = 'cancelled before it started' WHERE id = ? AND status = 'queued'",
                           arguments: [Date(), id])
            return db.changesCount > 0
        }
    }
}
