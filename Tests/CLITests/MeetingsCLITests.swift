import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Testing

/// `setka meetings` end to end: the built binary on the bundled example, a generated city, a
/// year that does not fit, and bad input.
@Suite("setka meetings")
struct MeetingsCLITests {
    let example = CLIRunner.packageRoot.appendingPathComponent("scenarios/networking-town")

    func temporaryFolder(_ tag: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setka-meetings-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    @Test func bundledExample() throws {
        let out = try temporaryFolder("example")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["meetings", example.path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("70 of 70 meetings planned, checked"))
        #expect(r.stderr.contains("block 1/9 (September): planned 14 of 14 meetings"))
        let plan = try read(out.appendingPathComponent("plan.csv")).dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(plan.first == "platform,meeting,date,start,end,venue")
        #expect(plan.count == 71)
        for name in ["people.csv", "meetings.ics", "plan.html", "plan.xlsx", "meetings-summary.json", "calendars/school-1.ics", "calendars/ds-1.ics"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("unplaced.csv").path))
        let ics = try read(out.appendingPathComponent("meetings.ics"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 70)
        #expect(ics.contains("DTSTART;TZID=Asia/Yekaterinburg:2026"))
        let html = try read(out.appendingPathComponent("plan.html"))
        #expect(html.contains("Сводный план заседаний площадок сетевого взаимодействия"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("meetings-summary.json"))) as? [String: Any])
        #expect(summary["verified"] as? Bool == true)
        #expect(summary["meetings_planned"] as? Int == 70)
        #expect(["optimal", "bounded"].contains(summary["status"] as? String ?? ""))
    }

    @Test func sameFilesOnASecondRun() throws {
        let a = try temporaryFolder("a"), b = try temporaryFolder("b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        // A generous limit: on a loaded machine a debug build could otherwise cut the search.
        for out in [a, b] { _ = try CLIRunner.run(["meetings", example.path, "--out", out.path, "--quiet", "--time-limit", "120"]) }
        #expect(try read(a.appendingPathComponent("plan.csv")) == read(b.appendingPathComponent("plan.csv")))
    }

    @Test func yearThatDoesNotFitIsPartialWithReasons() throws {
        let scenario = try temporaryFolder("closed")
        let out = try temporaryFolder("closed-out")
        defer { try? FileManager.default.removeItem(at: scenario); try? FileManager.default.removeItem(at: out) }
        for name in ["schools.csv", "platforms.csv", "participants.csv"] {
            try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: scenario.appendingPathComponent(name))
        }
        // All of January closed: the January meetings cannot be held.
        let yaml = try read(example.appendingPathComponent("scenario.yaml"))
            .replacingOccurrences(of: "    - {from: \"2026-12-30\", to: \"2027-01-11\"", with: "    - {from: \"2026-12-30\", to: \"2027-01-31\"")
        try Data(yaml.utf8).write(to: scenario.appendingPathComponent("scenario.yaml"))
        let r = try CLIRunner.run(["meetings", scenario.path, "--out", out.path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("январь 2027"))
        #expect(r.stderr.contains("в эти месяцы нет ни одного дня для заседаний"))
        #expect(r.stderr.contains("incomplete: 58 of 70 meetings planned"))
        let unplaced = try read(out.appendingPathComponent("unplaced.csv"))
        #expect(unplaced.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 13)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.csv").path))
    }

    @Test func badCellIsReportedWithItsPlace() throws {
        let scenario = try temporaryFolder("bad")
        let out = try temporaryFolder("bad-out")
        defer { try? FileManager.default.removeItem(at: scenario); try? FileManager.default.removeItem(at: out) }
        for name in ["scenario.yaml", "schools.csv", "participants.csv"] {
            try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: scenario.appendingPathComponent(name))
        }
        let platforms = try read(example.appendingPathComponent("platforms.csv")).replacingOccurrences(of: ",9|11|1|3|5-6,90,", with: ",9|11|13|3|5-6,90,")
        try Data(platforms.utf8).write(to: scenario.appendingPathComponent("platforms.csv"))
        let r = try CLIRunner.run(["meetings", scenario.path, "--out", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("platforms.csv:2:5: error: column 'months'"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.csv").path))
    }

    @Test func workbookFromTheExamplePlansTheSameYear() throws {
        let dir = try temporaryFolder("book")
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = dir.appendingPathComponent("площадки.xlsx").path
        let t = try CLIRunner.run(["template", book, "--from", example.path])
        #expect(t.status == 0, "\(t.stderr)")
        let a = try CLIRunner.run(["validate", example.path, "--json"]), b = try CLIRunner.run(["validate", book, "--json"])
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        #expect(a.stdout == b.stdout)   // the same tables, settings and warnings
        let fromFolder = dir.appendingPathComponent("folder"), fromBook = dir.appendingPathComponent("book")
        for (scenario, out) in [(example.path, fromFolder), (book, fromBook)] {
            let r = try CLIRunner.run(["meetings", scenario, "--out", out.path, "--quiet", "--time-limit", "120"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try read(fromFolder.appendingPathComponent("plan.csv")) == read(fromBook.appendingPathComponent("plan.csv")))
        #expect(try read(fromFolder.appendingPathComponent("people.csv")) == read(fromBook.appendingPathComponent("people.csv")))
    }

    @Test func scenarioWithoutMeetingsSettings() throws {
        let r = try CLIRunner.run(["meetings", CLIRunner.packageRoot.appendingPathComponent("scenarios/repyovka-partners").path, "--out", "/tmp/never"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no 'meetings:' settings"))
    }

    @Test func generatedCityIsDeterministic() throws {
        let a = try temporaryFolder("gen-a"), b = try temporaryFolder("gen-b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        for dir in [a, b] {
            let r = try CLIRunner.run(["generate", dir.path, "--preset", "meetings-city", "--seed", "3", "--force"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("40 platforms"))
        }
        for name in ["schools.csv", "platforms.csv", "participants.csv", "scenario.yaml"] {
            #expect(try read(a.appendingPathComponent(name)) == read(b.appendingPathComponent(name)))
        }
    }

    @Test func ctrlCWhileProvingBoundsWritesTheCheckedPlan() throws {
        let city = try temporaryFolder("city"), out = try temporaryFolder("city-out")
        defer { try? FileManager.default.removeItem(at: city); try? FileManager.default.removeItem(at: out) }
        let generated = try CLIRunner.run(["generate", city.path, "--preset", "meetings-city", "--force"])
        #expect(generated.status == 0, "\(generated.stderr)")
        // Without the signal the bounds would be worked on for 300 s.
        let running = try CLIRunner.start(["meetings", city.path, "--out", out.path, "--time-limit", "300"])
        #expect(running.waitForStderr("block 9/9"), "the blocks were not planned: \(running.stderrSoFar)")
        Thread.sleep(forTimeInterval: 1)
        let sent = Date()
        running.send(SIGINT)
        let r = try running.wait()
        #expect(Date().timeIntervalSince(sent) < 30, "ended \(Date().timeIntervalSince(sent)) s after Ctrl-C")
        #expect(r.status == 2, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("stopped early"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("meetings-summary.json"))) as? [String: Any])
        #expect(summary["verified"] as? Bool == true)
        #expect(summary["meetings_planned"] as? Int == 204)
    }
}
