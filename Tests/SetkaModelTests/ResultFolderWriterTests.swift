import Foundation
import Testing
@testable import SetkaModel

/// Issue 19, findings 2–4: result folders written whole, swapped in by one rename; two jobs in
/// one folder keep each other's files; stale files of the same job go; failures name the path.
@Suite("ResultFolderWriter")
struct ResultFolderWriterTests {
    func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setka-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    let schedule = ResultJob(name: "schedule", owns: ResultFileSet(names: ["sections.csv", "summary.json", "report.html"]),
                             scenario: "A", scenarioPath: "/scenarios/a")
    let partner = ResultJob(name: "partner", owns: ResultFileSet(names: ["partners.csv", "partners-summary.json", "report.html"]),
                            scenario: "A", scenarioPath: "/scenarios/a")

    func write(_ target: URL, _ job: ResultJob, _ files: [String: String]) throws -> ResultFolderWriter.Committed {
        let w = try ResultFolderWriter(target: target.path, job: job)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) { try w.write(Data(text.utf8), to: name) }
        return try w.commit()
    }

    func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    func entries(_ dir: URL) -> Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []) }

    @Test("nothing appears in the target until commit; then everything at once, nothing left beside")
    func atomicSwap() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out")
        _ = try write(target, schedule, ["sections.csv": "old", "summary.json": "{\"old\":1}"])
        let w = try ResultFolderWriter(target: target.path, job: schedule)
        try w.write(Data("new".utf8), to: "sections.csv")
        // Half-way: the old folder is as it was.
        #expect(read(target.appendingPathComponent("sections.csv")) == "old")
        #expect(read(target.appendingPathComponent("summary.json")) == "{\"old\":1}")
        try w.write(Data("{\"new\":1}".utf8), to: "summary.json")
        try w.commit()
        #expect(read(target.appendingPathComponent("sections.csv")) == "new")
        #expect(read(target.appendingPathComponent("summary.json")) == "{\"new\":1}")
        #expect(entries(root) == ["out"])
        #expect(!w.inPlace)
    }

    @Test("discard (a failed or interrupted run) leaves the old results exactly as they were")
    func discardKeepsOld() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out")
        _ = try write(target, schedule, ["sections.csv": "old"])
        do {
            let w = try ResultFolderWriter(target: target.path, job: schedule)
            try w.write(Data("new".utf8), to: "sections.csv")
            w.discard()
        }
        #expect(read(target.appendingPathComponent("sections.csv")) == "old")
        #expect(entries(root) == ["out"])
        // A writer dropped without commit discards too.
        do {
            let w = try ResultFolderWriter(target: target.path, job: schedule)
            try w.write(Data("newer".utf8), to: "sections.csv")
        }
        #expect(entries(root) == ["out"])
        #expect(read(target.appendingPathComponent("sections.csv")) == "old")
    }

    @Test("two jobs in one folder: each keeps the other's files; a job's stale files go")
    func twoJobs() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out")
        _ = try write(target, schedule, ["sections.csv": "t1", "summary.json": "s1", "report.html": "r1"])
        let c = try write(target, partner, ["partners.csv": "p1", "partners-summary.json": "ps1"])
        #expect(c.carriedOver == ["sections.csv", "summary.json"])
        #expect(c.removed == ["report.html"])
        #expect(entries(target) == [".setka-results.json", "sections.csv", "summary.json", "partners.csv", "partners-summary.json"])
        let manifest = try #require(ResultManifest.read(target))
        #expect(manifest.jobs["schedule"]?.files == ["sections.csv", "summary.json"])
        #expect(manifest.jobs["partner"]?.files == ["partners-summary.json", "partners.csv"])
        // The schedule again, without its summary this time: the stale one goes, the partner's stay.
        _ = try write(target, schedule, ["sections.csv": "t2"])
        #expect(entries(target) == [".setka-results.json", "sections.csv", "partners.csv", "partners-summary.json"])
        #expect(read(target.appendingPathComponent("partners.csv")) == "p1")
    }

    @Test("another scenario's results of another job are not mixed in: refused before solving")
    func otherScenarioRefused() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out")
        _ = try write(target, schedule, ["sections.csv": "t1"])
        var other = partner
        other.scenarioPath = "/scenarios/b"
        #expect(throws: OutputError.self) { try ResultFolderWriter.check(target.path, job: other) }
        do {
            try ResultFolderWriter.check(target.path, job: other)
        } catch {
            #expect(error.reason.contains("another scenario"))
        }
        // The same job of another scenario replaces its own results.
        var schedule2 = schedule
        schedule2.scenarioPath = "/scenarios/b"
        #expect(throws: Never.self) { try ResultFolderWriter.check(target.path, job: schedule2) }
    }

    @Test("a folder holding a person's own files is written file by file, their files untouched")
    func foreignFilesInPlace() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Documents")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: target.appendingPathComponent("letter.docx"))
        let w = try ResultFolderWriter(target: target.path, job: schedule)
        #expect(w.inPlace)
        try w.write(Data("t".utf8), to: "sections.csv")
        try w.commit()
        #expect(read(target.appendingPathComponent("letter.docx")) == "mine")
        #expect(read(target.appendingPathComponent("sections.csv")) == "t")
        #expect(entries(target) == ["letter.docx", "sections.csv", ".setka-results.json"])
    }

    @Test("subfolders (kept-NAME/) are written, replaced whole and owned by prefix")
    func subfolders() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out")
        let compare = ResultJob(name: "compare", owns: ResultFileSet(names: ["comparison.json"], prefixes: ["kept-"]))
        _ = try write(target, compare, ["comparison.json": "1", "kept-a/sections.csv": "a", "kept-b/sections.csv": "b"])
        _ = try write(target, compare, ["comparison.json": "2", "kept-a/sections.csv": "a2"])
        #expect(entries(target) == [".setka-results.json", "comparison.json", "kept-a"])
        #expect(read(target.appendingPathComponent("kept-a/sections.csv")) == "a2")
    }

    @Test("paths: empty, a file in the way, a file as the target, a dangling link")
    func badPaths() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("afile")
        try Data("x".utf8).write(to: file)
        func reason(_ path: String) -> String? {
            do { try ResultFolderWriter.check(path, job: schedule); return nil } catch { return error.reason }
        }
        #expect(reason("")?.contains("empty") == true)
        #expect(reason(file.appendingPathComponent("sub").path) == "\(file.path) is a file, not a folder")
        #expect(reason(file.path) == "it is a file, not a folder")
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: root.appendingPathComponent("gone").path)
        #expect(reason(link.path)?.contains("symbolic link to something that does not exist") == true)
        #expect(reason(root.appendingPathComponent("new/deeper").path) == nil)
    }

    @Test("a link to a folder writes into that folder; the link stays a link")
    func linkTarget() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let real = root.appendingPathComponent("real")
        _ = try write(real, schedule, ["sections.csv": "1"])
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        _ = try write(link, schedule, ["sections.csv": "2"])
        #expect(read(real.appendingPathComponent("sections.csv")) == "2")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == real.path)
    }

    @Test("a staging folder left by a killed process is removed by the next writer")
    func leftovers() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out")
        _ = try write(target, schedule, ["sections.csv": "1"])
        // No process has id 2^22 + 1 (above Linux's default pid_max).
        let dead = root.appendingPathComponent(".out.setka-staging-4194305-17")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        _ = try write(target, schedule, ["sections.csv": "2"])
        #expect(entries(root) == ["out"])
    }

    @Test("OutputError words errno plainly, never a framework's domain and code")
    func plainReasons() {
        #expect(OutputError.reason(errno: ENOSPC).contains("the disk is full"))
        #expect(OutputError.reason(errno: EACCES) == "permission denied")
        #expect(OutputError.reason(errno: EROFS) == "the disk is read-only")
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: NSFileWriteOutOfSpaceError)
        #expect(OutputError.reason(cocoa).contains("the disk is full"))
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: 642, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(!OutputError.reason(wrapped).contains("642"))
        #expect(OutputError(path: "/x/out", reason: "permission denied").description == "cannot write /x/out: permission denied")
    }
}
