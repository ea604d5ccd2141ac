import Foundation
import GRDB
import Testing
import SetkaModel
@testable import SetkaServer

@Suite struct StorageTests {
    /// A store in `folder` with one project and its version 1.
    static func storeWithVersion(_ folder: URL) async throws -> (Store, ProjectRecord, VersionRecord) {
        let store = try Store(folder: DataFolder(folder))
        let project = ProjectRecord(id: Ids.make(), name: "p", createdAt: Date(), example: nil)
        let version = VersionRecord(id: Ids.make(), projectId: project.id, number: 1, createdAt: Date(), originalName: "x.zip",
                                    kind: "zip", scenarioPath: "uploads/x", valid: true, validation: "{}")
        try await store.insert(project: project, version: version, variants: [])
        return (store, project, version)
    }

    @Test func migrationsFromEmptyCreateEveryTableInWALMode() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try AppDatabase(at: folder.appendingPathComponent("setka.sqlite"))
        let (tables, mode, completed, applied) = try db.pool.read { db throws -> ([Bool], String?, Bool, Int) in
            (try ["project", "version", "run", "variant"].map { try db.tableExists($0) },
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try AppDatabase.migrator.hasCompletedMigrations(db),
             try AppDatabase.migrator.appliedIdentifiers(db).count)
        }
        #expect(tables == [true, true, true, true])
        #expect(mode == "wal")
        #expect(completed)
        #expect(applied == AppDatabase.migrator.migrations.count)
    }

    @Test func migrationFromThePreviousSchemaKeepsTheData() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("setka.sqlite")
        // The first schema only, with a project in it.
        do {
            let pool = try DatabasePool(path: url.path)
            let first = try #require(AppDatabase.migrator.migrations.first)
            try AppDatabase.migrator.migrate(pool, upTo: first)
            try pool.write { db in
                try db.execute(sql: "INSERT INTO project (id, name, createdAt) VALUES ('aaaaaaaaaaaa', 'Old', '2026-01-01 00:00:00')")
                try db.execute(sql: """
                    INSERT INTO version (id, projectId, number, createdAt, originalName, kind, scenarioPath, valid, validation)
                    VALUES ('bbbbbbbbbbbb', 'aaaaaaaaaaaa', 1, '2026-01-01 00:00:00', 'a.zip', 'zip', 'uploads/b', 1, '{}')
                    """)
                try db.execute(sql: """
                    INSERT INTO run (id, projectId, versionId, job, status, timeLimit, createdAt, summary, hasResults)
                    VALUES ('cccccccccccc', 'aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'schedule', 'done', 5, '2026-01-01 00:00:00',
                            '{"objective": 1234.5, "coursesNotOpened": []}', 1)
                    """)
            }
            let variant = try pool.read { db throws -> Bool in try db.tableExists("variant") }
            #expect(!variant)
        }
        let db = try AppDatabase(at: url)
        let (variant, name, objective) = try db.pool.read { db throws -> (Bool, String?, Double?) in
            (try db.tableExists("variant"), try String.fetchOne(db, sql: "SELECT name FROM project WHERE id = 'aaaaaaaaaaaa'"),
             try Double.fetchOne(db, sql: "SELECT objective FROM run WHERE id = 'cccccccccccc'"))
        }
        #expect(variant)
        #expect(name == "Old")
        // v3 filled the new column from the stored summary.
        #expect(objective == 1234.5)
    }

    @Test func aRunFoundRunningAtStartupIsInterruptedAndQueuedOnesComeBack() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, project, version) = try await Self.storeWithVersion(folder)
        func run(_ status: RunStatus, at t: Double) -> RunRecord {
            RunRecord(id: Ids.make(), projectId: project.id, versionId: version.id, job: .schedule, status: status, timeLimit: 5,
                      createdAt: Date(timeIntervalSince1970: t), startedAt: nil, endedAt: nil, progress: nil, summary: nil,
                      message: nil, options: nil, hasResults: false, objective: nil)
        }
        let running = run(.running, at: 1), queued2 = run(.queued, at: 3), queued1 = run(.queued, at: 2), done = run(.done, at: 0)
        for r in [running, queued2, queued1, done] { try await store.insert(run: r) }
        let again = try store.recoverAtStartup()
        #expect(again.map(\.id) == [queued1.id, queued2.id])
        #expect(try await store.run(running.id)?.status == .interrupted)
        #expect(try await store.run(running.id)?.message?.contains("interrupted") == true)
        #expect(try await store.run(done.id)?.status == .done)
    }

    @Test func aRunFailedByTheScenariosFindingsKeepsThemInBothLanguages() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, project, version) = try await Self.storeWithVersion(folder)
        let run = RunRecord(id: Ids.make(), projectId: project.id, versionId: version.id, job: .schedule, status: .running, timeLimit: 5,
                            createdAt: Date(), startedAt: nil, endedAt: nil, progress: nil, summary: nil,
                            message: nil, options: nil, hasResults: false, objective: nil)
        try await store.insert(run: run)
        let finding = Diagnostic.error(ru: "ожидалось целое число ≥ 1, найдено \"lots\"", en: "expected a whole number ≥ 1, found \"lots\"",
                                       at: SourceLocation(file: "rooms.csv", line: 2, column: 3), field: "capacity")
        let failure = EngineCalls.Failure([finding])
        try store.finish(run.id, status: .failed, summary: nil, message: failure.description, messageRu: failure.russian,
                         hasResults: false, progress: nil)
        let stored = try #require(try await store.run(run.id))
        #expect(stored.message == "rooms.csv:2:3: error: column 'capacity': expected a whole number ≥ 1, found \"lots\"")
        #expect(stored.messageRu == "rooms.csv, строка 2, столбец 3: ошибка: столбец 'capacity': ожидалось целое число ≥ 1, найдено \"lots\"")
        #expect(RunPages.message(stored, Tr(.ru)) == stored.messageRu)
        #expect(RunPages.message(stored, Tr(.en)) == stored.message)
    }

    /// A job's failure that is not a loader's finding is worded in both languages too: a
    /// profile day asked of a scenario without one.
    @Test func aProfileDayJobWithoutAProfileDayFailsInBothLanguages() throws {
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let hooks = EngineCalls.Hooks(progress: { _ in }, shouldStop: { false })
        do {
            _ = try EngineCalls.schedule(examplesFolder.appendingPathComponent("repyovka-partners"), timeLimit: 5, seed: 1,
                                         keep: nil, hooks: hooks, into: out)
            Issue.record("a scenario without profile_day was scheduled")
        } catch let failure as EngineCalls.Failure {
            #expect(failure.description.contains("profile_day.slots"), "\(failure.description)")
            let russian = try #require(failure.russian)
            #expect(russian.contains("profile_day.slots") && russian.contains("профильный день"), "\(russian)")
        }
    }

    /// The app's profile day is searched as `setka schedule --time-limit`: the coordinator's time
    /// is used whole (a stalled search goes on; only the gap target, as the command line's
    /// default 0.1%, ends it early), less loading and a reserve for checking and writing that
    /// grows with the students; one search thread, the lent core asked of the queue.
    @Test func theAppsProfileDayUsesTheChosenTimeWhole() {
        let lent = EngineCalls.Hooks(progress: { _ in }, shouldStop: { false }, secondCore: { true })
        let options = EngineCalls.scheduleOptions(timeLimit: 30, spent: 1, students: 1_500, seed: 7, hooks: lent)
        #expect(!options.stopWhenStalled)
        #expect(options.targetGap == 0.001)
        #expect(abs(options.timeLimit - (30 - 1 - 0.5 - 0.3)) < 1e-9)
        #expect(options.searchThreads == 1)
        #expect(options.seed == 7)
        #expect(options.secondCore?() == true)
        let notLent = EngineCalls.Hooks(progress: { _ in }, shouldStop: { false })
        #expect(EngineCalls.scheduleOptions(timeLimit: 30, spent: 1, students: 10, seed: 1, hooks: notLent).secondCore?() == false)
        // A limit shorter than loading and the reserve still leaves the search half a second.
        #expect(EngineCalls.scheduleOptions(timeLimit: 1, spent: 2, students: 10, seed: 1, hooks: notLent).timeLimit == 0.5)
    }

    @Test func summariesParseWithBooleansAndNumbersApart() throws {
        let v = try #require(JSONValue.parse(#"{"verified": true, "n": 1, "zero": 0, "x": [1.5, null, "s", false], "o": {}}"#))
        #expect(v["verified"] == .bool(true))
        #expect(v["n"] == .number(1))
        #expect(v["zero"] == .number(0))
        #expect(v["x"] == .array([.number(1.5), .null, .string("s"), .bool(false)]))
        #expect(v["o"] == .object([:]))
        #expect(JSONValue.parse("not json") == nil)
    }

    /// A second core is lent to a running job while the running jobs and the borrowers fit the
    /// slots; a job that starts takes it back, one that ends gives its own back.
    @Test func aSecondCoreIsLentOnlyWhileNoJobNeedsIt() {
        var s = JobQueue.State()
        func lend(_ id: String, slots: Int) -> Bool { s.lendSecondCore(to: id, slots: slots) }
        #expect(!lend("a", slots: 2), "not a running job")
        s.running["a"] = JobQueue.Running(id: "a")
        #expect(lend("a", slots: 2), "alone on two cores")
        #expect(lend("a", slots: 2), "asked again while it has the core")
        #expect(!lend("a", slots: 1), "one core: nothing to lend")
        s.running["b"] = JobQueue.Running(id: "b")
        #expect(!lend("a", slots: 2), "b started: the core is taken back")
        #expect(s.borrowing.isEmpty)
        #expect(lend("a", slots: 4) && lend("b", slots: 4), "two jobs, four cores")
        s.running["c"] = JobQueue.Running(id: "c")
        #expect(!lend("a", slots: 4), "three jobs and b's borrowed core fill four")
        #expect(!lend("c", slots: 4))
        s.running["b"] = nil
        s.borrowing.remove("b")
        #expect(lend("c", slots: 4), "b ended")
        s.closing = true
        #expect(!lend("c", slots: 4), "the server is stopping")
    }

    @Test func idsAreTheServersOwn() {
        let ids = (0..<1000).map { _ in Ids.make() }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { Ids.isValid($0) })
        for bad in ["", "../../etc/pa", "ABCDEFGHIJKL", "abc", "abcdefghijk/", "abcdefghijklm", "abcdefghij.."] {
            #expect(!Ids.isValid(bad), "\(bad)")
        }
    }

    @Test func theDefaultDataFolderIsTheUsersDataFolder() {
        #expect(DataFolder.defaultLocation(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/u"]).path == "/x/data/setka")
        #expect(DataFolder.defaultLocation(environment: ["HOME": "/home/u"]).path == "/home/u/.local/share/setka")
        // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
        #expect(DataFolder.defaultLocation(environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/u"]).path == "/home/u/.local/share/setka")
    }

    @Test func publishMovesAFinishedFolderInWhole() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = DataFolder(root)
        try folder.prepare()
        let target = folder.upload(Ids.make())
        let scratch = try folder.scratch("upload")
        try Data("x".utf8).write(to: scratch.appendingPathComponent("upload.zip"))
        try folder.publish(scratch, to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["upload.zip"])
        // Nothing is left half-written in work/; a second folder for the same id is refused.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.work.path).isEmpty)
        let again = try folder.scratch("upload")
        #expect(throws: (any Error).self) { try folder.publish(again, to: target) }
        // Start-up empties work/.
        try folder.prepare()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.work.path).isEmpty)
    }
}
