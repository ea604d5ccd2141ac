import Foundation
import GRDB

/// `setka.sqlite` in the data folder: a GRDB pool (SQLite in WAL mode: pages read while a run
/// writes) and the schema's migrations, one per change, applied in order at start-up.
public struct AppDatabase: Sendable {
    public let pool: DatabasePool

    /// Opens (creating when missing) the database at `url` and brings its schema up to date.
    public init(at url: URL) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: url.path, configuration: config)
        try Self.migrator.migrate(pool)
    }

    /// The migrations, oldest first. Never edit one that has shipped: add the next.
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: projects, versions, runs") { db in
            try db.create(table: "project") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                // The bundled example it was made from (folder name), nil for uploads.
                t.column("example", .text)
            }
            try db.create(table: "version") { t in
                t.primaryKey("id", .text)
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.column("number", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
                // The file name the person uploaded (shown, never used as a path).
                t.column("originalName", .text).notNull()
                // xlsx | zip | folder (a bundled example)
                t.column("kind", .text).notNull()
                // Where the scenario is, relative to the data folder (a folder or a workbook).
                t.column("scenarioPath", .text).notNull()
                t.column("valid", .boolean).notNull()
                // JSON: the loader's errors and warnings, and what the scenario holds.
                t.column("validation", .text).notNull()
                t.uniqueKey(["projectId", "number"])
            }
            try db.create(table: "run") { t in
                t.primaryKey("id", .text)
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.belongsTo("version", onDelete: .cascade).notNull()
                // schedule | partner | compare
                t.column("job", .text).notNull()
                // queued | running | done | failed | cancelled | interrupted
                t.column("status", .text).notNull().indexed()
                t.column("timeLimit", .double).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("startedAt", .datetime)
                t.column("endedAt", .datetime)
                // JSON: the last progress (best, bound, gap, elapsed).
                t.column("progress", .text)
                // JSON: the job's key figures once it ended with a result.
                t.column("summary", .text)
                // Why it failed, for people.
                t.column("message", .text)
                // JSON: job options (variants compared, the run kept stable).
                t.column("options", .text)
                // True when the run folder holds results.
                t.column("hasResults", .boolean).notNull().defaults(to: false)
            }
        }
        m.registerMigration("v2: what-if variants") { db in
            try db.create(table: "variant") { t in
                t.primaryKey("id", .text)
                t.belongsTo("project", onDelete: .cascade).notNull()
                // The version whose scenario is the variant's base.
                t.belongsTo("version", onDelete: .cascade).notNull()
                t.column("name", .text).notNull()
                // The variant file, relative to the data folder.
                t.column("path", .text).notNull()
                // upload (came with the scenario) | form (built in the browser)
                t.column("origin", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("valid", .boolean).notNull()
                // JSON: the loader's errors and warnings, and what the changes did.
                t.column("validation", .text).notNull()
            }
        }
        m.registerMigration("v3: a run's objective for the lists") { db in
            try db.alter(table: "run") { t in
                // The objective of the result (nil without one): lists show it without reading
                // a city's 50 KB summary per run.
                t.add(column: "objective", .double)
            }
            let runs = try Row.fetchAll(db, sql: "SELECT id, summary FROM run WHERE summary IS NOT NULL")
            for row in runs {
                let text: String = row["summary"]
                if let objective = JSONValue.parse(text)?["objective"]?.double {
                    try db.execute(sql: "UPDATE run SET objective = ? WHERE id = ?", arguments: [objective, row["id"] as String])
                }
            }
        }
        m.registerMigration("v4: a failed run's message in Russian") { db in
            try db.alter(table: "run") { t in
                // The scenario's findings that failed the run, in Russian (`message` is English).
                t.add(column: "messageRu", .text)
            }
        }
        return m
    }
}
