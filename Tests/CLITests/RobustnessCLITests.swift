import Foundation
import SetkaModel
import Testing

/// A small tmpfs mounted for a test (a full disk, a read-only disk): root in a container can
/// usually mount one; where it cannot, the tests that need it are skipped with a message.
enum Tmpfs {
    /// Mounts a tmpfs of `kilobytes` at `dir` (created); false when that is not possible here.
    static func mount(_ dir: URL, kilobytes: Int, readOnly: Bool = false) -> Bool {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k\(readOnly ? ",ro" : "")", "tmpfs", dir.path])
    }

    static func unmount(_ dir: URL) {
        _ = run("/bin/umount", [dir.path])
        try? FileManager.default.removeItem(at: dir)
    }

    /// Whether this process may mount a tmpfs (tried once, for the tests' `.enabled(if:)`).
    static let available: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("setka-tmpfs-probe-\(UUID().uuidString)")
        defer { unmount(probe) }
        return mount(probe, kilobytes: 64)
    }()

    private static func run(_ tool: String, _ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}

/// Issue 19: nothing lost, nothing mixed. Interruptions, full disks, bad output folders, two
/// jobs in one folder, published timetables that do not fit, and the smaller findings; each
/// against the built `setka` binary.
@Suite("Robustness of the command line", .serialized)
struct RobustnessCLITests {
    let rural = CLIRunner.packageRoot.appendingPathComponent("scenarios/rural-district")
    let repyovka = CLIRunner.packageRoot.appendingPathComponent("scenarios/repyovka-partners")

    func temporaryFolder(_ tag: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setka-robust-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func entries(_ dir: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
    }

    /// A new folder with `names` copied from the rural district.
    func ruralCopy(_ tag: String, _ names: [String] = ["scenario.yaml", "schools.csv", "rooms.csv", "teachers.csv",
                                                        "courses.csv", "students.csv"]) throws -> URL {
        let dir = try temporaryFolder(tag)
        for name in names {
            try FileManager.default.copyItem(at: rural.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    /// Seconds since `start`.
    func since(_ start: Date) -> Double { Date().timeIntervalSince(start) }

    // MARK: 1. --iterations and signals

    @Test("--iterations N ends the run after N steps, long before a generous --time-limit")
    func iterationsEndTheRun() throws {
        let out = try temporaryFolder("iterations")
        defer { try? FileManager.default.removeItem(at: out) }
        let start = Date()
        let r = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--time-limit", "300", "--iterations", "5", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        // Before the fix the whole-model phase ran to the time limit (14.7 s of 15).
        #expect(since(start) < 60, "took \(since(start)) s")
        let summary = try json(out.appendingPathComponent("summary.json"))
        #expect(summary["stoppedBy"] as? String == "iterations")
        #expect(summary["verified"] as? Bool == true)
    }

    @Test("a run ends once its day is proven within --gap (default 0.1%), long before a generous --time-limit")
    func theGapEndsTheRun() throws {
        let help = try CLIRunner.run(["schedule", "--help"])
        #expect(help.stdout.contains("(default: 0.1)"), "\(help.stdout)")
        let out = try temporaryFolder("gap")
        defer { try? FileManager.default.removeItem(at: out) }
        let start = Date()
        let r = try CLIRunner.run(["schedule", CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/one-slot").path, "--out", out.path, "--time-limit", "300", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(since(start) < 60, "took \(since(start)) s")
        let summary = try json(out.appendingPathComponent("summary.json"))
        #expect(summary["stoppedBy"] as? String == "gap")
        #expect((summary["gap"] as? Double).map { $0 <= 0.001 } == true)
    }

    @Test("Ctrl-C or SIGTERM returns the best verified timetable promptly (exit 2), with and without --iterations",
          arguments: [(SIGINT, false), (SIGINT, true), (SIGTERM, false), (SIGTERM, true)])
    func signalKeepsTheBest(signal: Int32, iterations: Bool) throws {
        let out = try temporaryFolder("signal")
        defer { try? FileManager.default.removeItem(at: out) }
        // Without the signal this run would last 300 s (the search, then the whole model).
        let running = try CLIRunner.start(["schedule", rural.path, "--out", out.path, "--time-limit", "300"]
            + (iterations ? ["--iterations", "1000000"] : []))
        #expect(running.waitForStderr(" start "), "the search did not start: \(running.stderrSoFar)")
        Thread.sleep(forTimeInterval: 2)
        let sent = Date()
        running.send(signal)
        let r = try running.wait()
        #expect(since(sent) < 30, "ended \(since(sent)) s after the signal")
        #expect(r.status == 2, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.contains(signal == SIGTERM ? "terminated (SIGTERM)" : "interrupted (Ctrl-C)"))
        let summary = try json(out.appendingPathComponent("summary.json"))
        #expect(summary["stoppedBy"] as? String == "interrupted")
        #expect(summary["verified"] as? Bool == true)
        let check = try CLIRunner.run(["check", rural.path, out.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("a second signal quits at once (130/143); the folder keeps the earlier results, nothing half-written",
          arguments: [SIGINT, SIGTERM])
    func secondSignalQuits(signal: Int32) throws {
        let root = try temporaryFolder("second")
        defer { try? FileManager.default.removeItem(at: root) }
        // A district big enough that checking and writing after the first signal take longer
        // than the test needs to send the second (on the bundled rural district a fast machine
        // finished writing before a second signal sent 50 ms later arrived).
        let district = root.appendingPathComponent("district")
        let generated = try CLIRunner.run(["generate", district.path, "--seniors", "1500", "--seed", "7"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let out = root.appendingPathComponent("out")
        let first = try CLIRunner.run(["schedule", district.path, "--out", out.path, "--iterations", "1", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent(".setka-results.json"))
        let sectionsBefore = try Data(contentsOf: out.appendingPathComponent("sections.csv"))

        let running = try CLIRunner.start(["schedule", district.path, "--out", out.path, "--time-limit", "300"])
        #expect(running.waitForStderr(" start "))
        Thread.sleep(forTimeInterval: 1)
        running.send(signal)
        // The second signal as soon as the first is acknowledged, while the search winds down.
        #expect(running.waitForStderr("stopping the search", poll: 0.001))
        running.send(signal)
        let r = try running.wait()
        #expect(r.status == 128 + signal, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("quitting at once"))
        #expect(try Data(contentsOf: out.appendingPathComponent(".setka-results.json")) == before)
        #expect(try Data(contentsOf: out.appendingPathComponent("sections.csv")) == sectionsBefore)
        #expect(entries(root) == ["district", "out"], "left beside: \(entries(root))")
    }

    @Test("compare: Ctrl-C stops every search and still prints and writes the comparison (exit 2)")
    func compareInterrupted() throws {
        let root = try temporaryFolder("compare")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let running = try CLIRunner.start(["compare", rural.path, rural.appendingPathComponent("whatif/smaller-sections.yaml").path,
                                           "--time-limit", "300", "--iterations", "1000000", "--no-cache", "--out", out.path],
                                          environment: ["XDG_CACHE_HOME": root.appendingPathComponent("xdg").path])
        #expect(running.waitForStderr("solving"))
        Thread.sleep(forTimeInterval: 3)
        let sent = Date()
        running.send(SIGINT)
        let r = try running.wait()
        #expect(since(sent) < 60, "ended \(since(sent)) s after Ctrl-C")
        #expect(r.status == 2, "exit \(r.status): \(r.stderr)")
        #expect(r.stdout.contains("objective"))
        #expect(entries(out).isSuperset(of: ["comparison.json", "comparison.csv", "comparison.html"]))
    }

    // MARK: 2. Whole folders, full disk

    @Test("a full disk: exit 5, a plain message naming the path, the earlier results untouched",
          .enabled(if: Tmpfs.available, "needs root and mount(8) for a small tmpfs; skipped here"))
    func fullDisk() throws {
        let mnt = try temporaryFolder("disk")
        #expect(Tmpfs.mount(mnt, kilobytes: 1024))
        defer { Tmpfs.unmount(mnt) }
        let out = mnt.appendingPathComponent("out")
        let first = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--iterations", "3", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = entries(out)
        let manifest = try Data(contentsOf: out.appendingPathComponent(".setka-results.json"))
        // Leave about 100 KB: the timetable fits, the report (about 200 KB of HTML) does not.
        var st = statvfs()
        #expect(statvfs(mnt.path, &st) == 0)
        let free = Int(st.f_bavail) * Int(st.f_bsize)
        FileManager.default.createFile(atPath: mnt.appendingPathComponent("filler").path,
                                       contents: Data(count: max(0, free - 100 * 1024)))
        let r = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--iterations", "3", "--quiet", "--report"])
        #expect(r.status == 5, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("the disk is full"), "\(r.stderr)")
        #expect(r.stderr.contains(out.path))
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(entries(out) == before)
        #expect(try Data(contentsOf: out.appendingPathComponent(".setka-results.json")) == manifest)
        #expect(entries(mnt) == ["out", "filler"], "left behind: \(entries(mnt))")
    }

    @Test("files of an earlier run of the same job that this run does not write are gone (a stale report.html)")
    func staleFilesGo() throws {
        let out = try temporaryFolder("stale")
        defer { try? FileManager.default.removeItem(at: out) }
        let a = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--iterations", "3", "--quiet", "--report"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(entries(out).contains("report.html"))
        try Data("my notes".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let b = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--iterations", "3", "--quiet"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(!entries(out).contains("report.html"))
        #expect(!entries(out).contains("map.svg"))
        // A file Setka did not write stays.
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "my notes")
    }

    // MARK: 3. --out checked before solving

    @Test("--out \"\" is refused; --out afile/sub says afile is a file; an unwritable --out fails before solving")
    func outChecked() throws {
        let root = try temporaryFolder("out")
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = try CLIRunner.run(["schedule", rural.path, "--out", ""])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--out must name a folder"))

        let file = root.appendingPathComponent("afile")
        try Data("x".utf8).write(to: file)
        let sub = try CLIRunner.run(["schedule", rural.path, "--out", file.appendingPathComponent("sub").path])
        #expect(sub.status == 5, "\(sub.stderr)")
        #expect(sub.stderr.contains("\(file.path) is a file, not a folder"), "\(sub.stderr)")
        // No Foundation error code (NSFileWriteUnknownError is 512); the random folder name may hold those digits.
        #expect(!sub.stderr.replacingOccurrences(of: root.path, with: "").contains("512"), "\(sub.stderr)")
        let partner = try CLIRunner.run(["partner", repyovka.path, "--out", file.path])
        #expect(partner.status == 5)
        #expect(partner.stderr.contains("it is a file, not a folder"))
    }

    @Test("an unwritable --out (a read-only disk) is an error at once, before the solve",
          .enabled(if: Tmpfs.available, "needs root and mount(8) for a read-only tmpfs; skipped here"))
    func readOnlyOut() throws {
        let mnt = try temporaryFolder("ro")
        #expect(Tmpfs.mount(mnt, kilobytes: 64, readOnly: true))
        defer { Tmpfs.unmount(mnt) }
        let start = Date()
        let r = try CLIRunner.run(["schedule", rural.path, "--out", mnt.appendingPathComponent("out").path, "--time-limit", "300"])
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.contains("read-only"), "\(r.stderr)")
        #expect(!r.stderr.contains(" start "), "it solved first: \(r.stderr)")
        #expect(since(start) < 30)
    }

    // MARK: 4. Two jobs in one folder

    @Test("schedule then partner into one folder: both results stay, summary.json keeps the profile day's fields")
    func twoJobsInOneFolder() throws {
        let out = try temporaryFolder("two")
        defer { try? FileManager.default.removeItem(at: out) }
        let s = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--iterations", "3", "--quiet", "--report"])
        #expect(s.status == 0, "\(s.stderr)")
        let timetable = try Data(contentsOf: out.appendingPathComponent("sections.csv"))
        let p = try CLIRunner.run(["partner", rural.path, "--out", out.path])
        #expect(p.status == 0, "\(p.stderr)")
        let summary = try json(out.appendingPathComponent("summary.json"))
        #expect(summary["enrolments"] != nil && summary["objective"] != nil && summary["studentsTotal"] as? Int == 122)
        let partners = try json(out.appendingPathComponent("partners-summary.json"))
        #expect(partners["placesNeeded"] as? Int == 2)
        #expect(try Data(contentsOf: out.appendingPathComponent("sections.csv")) == timetable)
        #expect(entries(out).isSuperset(of: ["partners.csv", "appendix.md", "enrolments.csv", "timetable-students.csv"]))
        // The partner run did not write a report: the timetable's report (which lacks the pairs) is gone.
        #expect(!entries(out).contains("report.html"))

        // partner --report: one report with both results, the timetable read from the folder.
        let pr = try CLIRunner.run(["partner", rural.path, "--out", out.path, "--report"])
        #expect(pr.status == 0, "\(pr.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("ШНОР — школы-партнёры"))
        #expect(html.contains("olk01"))

        // Schedule again: the partner results stay.
        let again = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--iterations", "3", "--quiet"])
        #expect(again.status == 0)
        #expect(entries(out).contains("partners.csv"))

        // Another scenario's partner results are not mixed in.
        let other = try CLIRunner.run(["partner", repyovka.path, "--out", out.path])
        #expect(other.status == 5, "\(other.stderr)")
        #expect(other.stderr.contains("another scenario"), "\(other.stderr)")
        #expect(entries(out).contains("sections.csv"))
    }

    // MARK: 7. --keep checked against the scenario

    @Test("--keep: what of the published timetable cannot be kept is named; another scenario's is an error")
    func keepChecked() throws {
        let root = try temporaryFolder("keep")
        defer { try? FileManager.default.removeItem(at: root) }
        let published = root.appendingPathComponent("published")
        let p = try CLIRunner.run(["schedule", rural.path, "--out", published.path, "--iterations", "3", "--quiet"])
        #expect(p.status == 0, "\(p.stderr)")
        let sectionsURL = published.appendingPathComponent("sections.csv")
        var sections = try String(contentsOf: sectionsURL, encoding: .utf8).components(separatedBy: "\r\n")
        // The first section: an unknown course. The second, copied as S99: the same room at the same time.
        var first = sections[1].components(separatedBy: ",")
        let firstID = first[0]
        first[1] = "no-such-course"
        sections[1] = first.joined(separator: ",")
        var copy = sections[2].components(separatedBy: ",")
        copy[0] = "S99"
        copy[2] = "t-nobody"
        sections.insert(copy.joined(separator: ","), at: 3)
        try Data(sections.joined(separator: "\r\n").utf8).write(to: sectionsURL)

        let r = try CLIRunner.run(["schedule", rural.path, "--out", root.appendingPathComponent("kept").path,
                                   "--keep", published.path, "--iterations", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: --keep"), "\(r.stderr)")
        #expect(r.stderr.contains("\(firstID):"), "\(r.stderr)")
        #expect(r.stderr.contains("S99"), "\(r.stderr)")

        // Another scenario's timetable: none of its students are here.
        let enrolmentsURL = published.appendingPathComponent("enrolments.csv")
        let lines = try String(contentsOf: enrolmentsURL, encoding: .utf8).components(separatedBy: "\r\n").enumerated().map { i, l in i == 0 || l.isEmpty ? l : "other-\(i)," + l.components(separatedBy: ",")[1] }
        try Data(lines.joined(separator: "\r\n").utf8).write(to: enrolmentsURL)
        let bad = try CLIRunner.run(["schedule", rural.path, "--out", root.appendingPathComponent("kept2").path,
                                     "--keep", published.path, "--iterations", "3"])
        #expect(bad.status == 1, "\(bad.stderr)")
        #expect(bad.stderr.contains("nothing of the published timetable can be kept"), "\(bad.stderr)")
        #expect(bad.stderr.contains("another scenario"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("kept2").path))
    }

    @Test("--keep takes the published timetable as one .xlsx too: the same timetable, nobody moved")
    func keepFromAWorkbook() throws {
        let root = try temporaryFolder("keep-xlsx")
        defer { try? FileManager.default.removeItem(at: root) }
        let published = root.appendingPathComponent("published")
        let p = try CLIRunner.run(["schedule", rural.path, "--out", published.path, "--iterations", "3", "--quiet"])
        #expect(p.status == 0, "\(p.stderr)")
        func sheet(_ file: String, _ name: String) throws -> WorkbookWriter.Sheet {
            let text = try String(contentsOf: published.appendingPathComponent(file), encoding: .utf8)
            return WorkbookWriter.Sheet(name: name, rows: text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                .map { $0.components(separatedBy: ",").map { WorkbookWriter.Cell.text($0) } })
        }
        let book = root.appendingPathComponent("опубликовано.xlsx")
        try WorkbookWriter.workbook([try sheet("sections.csv", "Группы"), try sheet("enrolments.csv", "Записи")]).write(to: book)
        let kept = root.appendingPathComponent("kept")
        let r = try CLIRunner.run(["schedule", rural.path, "--out", kept.path, "--keep", book.path, "--iterations", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("warning: --keep"), "\(r.stderr)")
        func lines(_ folder: URL, _ file: String) throws -> Set<String> {
            Set(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\r\n"))
        }
        #expect(try lines(kept, "enrolments.csv") == lines(published, "enrolments.csv"))
        // A bad cell of the workbook is named by workbook, sheet and cell.
        var sections = try sheet("sections.csv", "Группы")
        sections.rows[1][2] = .text("t nobody")
        try WorkbookWriter.workbook([sections, try sheet("enrolments.csv", "Записи")]).write(to: book)
        let bad = try CLIRunner.run(["schedule", rural.path, "--out", root.appendingPathComponent("kept2").path, "--keep", book.path, "--iterations", "3"])
        #expect(bad.status == 1 && bad.stderr.contains("опубликовано.xlsx[Группы]!C2"), "\(bad.stderr)")
    }

    // MARK: 8. The smaller findings

    @Test("negative option values say what is wrong with them, not \"missing value\"")
    func negativeValues() throws {
        for args in [["schedule", rural.path, "--out", "x", "--time-limit", "-5"],
                     ["partner", repyovka.path, "--out", "x", "--time-limit", "-5"],
                     ["compare", rural.path, "--time-limit", "-5"]] {
            let r = try CLIRunner.run(args)
            #expect(r.status == 64)
            #expect(r.stderr.contains("--time-limit must be a positive number of seconds, got -5"), "\(r.stderr)")
            #expect(!r.stderr.contains("Missing value"))
        }
        let it = try CLIRunner.run(["schedule", rural.path, "--out", "x", "--iterations", "-3"])
        #expect(it.stderr.contains("--iterations must be ≥ 0"), "\(it.stderr)")
    }

    @Test("a huge cell is quoted in an error cut to about 80 characters")
    func hugeCellCapped() throws {
        let dir = try ruralCopy("huge")
        defer { try? FileManager.default.removeItem(at: dir) }
        let students = dir.appendingPathComponent("students.csv")
        var text = try String(contentsOf: students, encoding: .utf8)
        text += "big" + String(repeating: "x y ", count: 2_000_000) + ",olkhovskaya,10,,law\n"
        try Data(text.utf8).write(to: students)
        let r = try CLIRunner.run(["validate", dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.count < 2000, "stderr has \(r.stderr.count) characters")
        #expect(r.stderr.contains("characters in all"), "\(r.stderr.prefix(500))")
    }

    @Test("a symbolic link to a missing file is named as such")
    func danglingSymlink() throws {
        let dir = try ruralCopy("link", ["scenario.yaml", "schools.csv", "rooms.csv", "teachers.csv", "courses.csv"])
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("students.csv").path,
                                                   withDestinationPath: "/nowhere/students.csv")
        let r = try CLIRunner.run(["validate", dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("students.csv is a symbolic link to '/nowhere/students.csv', which does not exist"), "\(r.stderr)")
        #expect(!r.stderr.contains("there is 'students.csv'"))
    }

    @Test("schedule's exit code with students short of electives agrees with the help (0; documented)")
    func shortStudentsExitCode() throws {
        let out = try temporaryFolder("short")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["schedule", rural.path, "--out", out.path, "--iterations", "3", "--quiet"])
        #expect(r.status == 0)
        // Help text is wrapped at the terminal's width: compare with single spaces.
        func flat(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
        let help = flat(try CLIRunner.run(["schedule", "--help"]).stdout)
        #expect(help.contains("Students short of electives are a result"), "\(help)")
        #expect(help.contains("Exit codes: 0 written;"))
        let top = flat(try CLIRunner.run(["--help"]).stdout)
        #expect(top.contains("5 the results could not be written"), "\(top)")
        #expect(top.contains("partner: recipients without all their partners"))
    }

    @Test("courses_per_student: 0 is warned about")
    func zeroCoursesPerStudent() throws {
        let dir = try ruralCopy("zero")
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = dir.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        #expect(text.contains("courses_per_student: 2"))
        try Data(text.replacingOccurrences(of: "courses_per_student: 2", with: "courses_per_student: 0").utf8).write(to: yaml)
        let r = try CLIRunner.run(["validate", dir.path])
        #expect(r.stdout.contains("'profile_day.courses_per_student' is 0"), "\(r.stdout)")
    }

    @Test("generate: a hundred million seniors is refused with the limit")
    func generateLimit() throws {
        let r = try CLIRunner.run(["generate", "/tmp/setka-never-written", "--seniors", "100000000"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--seniors must be at most 1,000,000"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/setka-never-written"))
    }
}
