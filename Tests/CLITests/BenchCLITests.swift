import Foundation
import Testing

/// `setka bench-naive`: the hidden baseline command of bench/run.sh; `setka bench-bound`: the
/// proven bound alone.
@Suite("setka bench-naive")
struct BenchCLITests {
    static let keys = ["scenario", "status", "timeLimit", "binaries", "rows", "objective", "bound", "gap",
                       "seconds", "hasTimetable", "verified", "checkerObjective", "violations"]

    func tempFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("setka-bench-\(UUID().uuidString)")
    }

    func naiveJSON(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("naive.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The small district of `CheckCLITests`, written to a fresh folder.
    func tinyScenario() throws -> URL {
        let folder = tempFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in CheckCLITests.scenarioFiles {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test("on a tiny district GLPK proves the naive optimum, the checker accepts it, and Setka reaches it")
    func tinyDistrictOptimal() throws {
        let scenario = try tinyScenario(), out = tempFolder(), setkaOut = tempFolder()
        defer { for f in [scenario, out, setkaOut] { try? FileManager.default.removeItem(at: f) } }
        let run = try CLIRunner.run(["bench-naive", scenario.path, "--time-limit", "5", "--out", out.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try naiveJSON(out)
        for key in Self.keys { #expect(json[key] != nil, "naive.json lacks \(key)") }
        #expect(json["status"] as? String == "optimal")
        #expect(json["hasTimetable"] as? Bool == true)
        #expect(json["verified"] as? Bool == true)
        #expect(json["violations"] as? Int == 0)
        let objective = try #require(json["objective"] as? Double)
        let bound = try #require(json["bound"] as? Double)
        #expect(abs(objective - bound) <= 1e-6 * max(1, abs(bound)))
        #expect(abs(objective - (json["checkerObjective"] as? Double ?? .nan)) <= 1e-6 * max(1, abs(objective)))
        // The timetable written beside naive.json is the one verified.
        let check = try CLIRunner.run(["check", scenario.path, out.path])
        #expect(check.status == 0, "check: \(check.stdout) \(check.stderr)")
        // The naive optimum is proven, so Setka's schedule can only match it.
        let schedule = try CLIRunner.run(["schedule", scenario.path, "--out", setkaOut.path, "--time-limit", "5", "--quiet"])
        #expect(schedule.status == 0, "schedule: \(schedule.stderr)")
        let summaryData = try Data(contentsOf: setkaOut.appendingPathComponent("summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
        let setka = try #require(summary["objective"] as? Double)
        #expect(abs(setka - objective) <= 1e-6 * max(1, abs(objective)))
    }

    @Test("the rural district: every field is written, and any timetable passes setka check")
    func ruralDistrict() throws {
        let out = tempFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRunner.run(["bench-naive", "scenarios/rural-district", "--time-limit", "5", "--out", out.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try naiveJSON(out)
        for key in Self.keys { #expect(json[key] != nil, "naive.json lacks \(key)") }
        #expect((json["binaries"] as? Int ?? 0) > 0)
        #expect((json["rows"] as? Int ?? 0) > 0)
        #expect(json["status"] as? String != "too-large")
        if json["hasTimetable"] as? Bool == true {
            #expect(json["verified"] as? Bool == true)
            #expect(json["violations"] as? Int == 0)
            let objective = try #require(json["objective"] as? Double)
            let checker = try #require(json["checkerObjective"] as? Double)
            #expect(abs(objective - checker) <= 1e-6 * max(1, abs(objective)))
            if let bound = json["bound"] as? Double { #expect(objective <= bound + 1e-6 * max(1, abs(bound))) }
            // The written timetable is the one verified: `setka check` accepts it too.
            let check = try CLIRunner.run(["check", "scenarios/rural-district", out.path])
            #expect(check.status == 0, "check: \(check.stdout) \(check.stderr)")
        } else {
            #expect(json["verified"] is NSNull)
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sections.csv").path))
        }
    }

    @Test("a model above --max-binaries is not built: status too-large, no timetable")
    func tooLarge() throws {
        let out = tempFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRunner.run(["bench-naive", "scenarios/rural-district", "--time-limit", "5",
                                     "--max-binaries", "1", "--out", out.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try naiveJSON(out)
        #expect(json["status"] as? String == "too-large")
        #expect((json["binaries"] as? Int ?? 0) > 1)
        #expect(json["hasTimetable"] as? Bool == false)
        #expect(json["objective"] is NSNull)
        #expect(json["verified"] is NSNull)
    }

    @Test("a scenario without a profile day is invalid input (exit 1), and the command is hidden from help")
    func invalidInputAndHidden() throws {
        let out = tempFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRunner.run(["bench-naive", "scenarios/repyovka-partners", "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("profile_day"))
        let help = try CLIRunner.run(["--help"])
        #expect(!help.stdout.contains("bench-naive"))
    }

    @Test("bench-bound: the bound alone, as JSON, never below the day Setka schedules")
    func boundAlone() throws {
        let scenario = try tinyScenario(), out = tempFolder()
        defer { for f in [scenario, out] { try? FileManager.default.removeItem(at: f) } }
        let run = try CLIRunner.run(["bench-bound", scenario.path, "--time-limit", "5"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let bound = try #require(json["bound"] as? Double)
        #expect((json["method"] as? String)?.isEmpty == false)
        #expect((json["seconds"] as? Double ?? -1) >= 0)
        let trajectory = try #require(json["trajectory"] as? [[Double]])
        #expect(trajectory.allSatisfy { $0.count == 2 && $0[1] >= bound - 1e-6 })
        let schedule = try CLIRunner.run(["schedule", scenario.path, "--out", out.path, "--time-limit", "5", "--quiet"])
        #expect(schedule.status == 0, "schedule: \(schedule.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let objective = try #require(summary["objective"] as? Double)
        #expect(bound >= objective - 1e-6 * max(1, abs(objective)))

        let missing = try CLIRunner.run(["bench-bound", scenario.appendingPathComponent("nowhere").path])
        #expect(missing.status != 0 && !missing.stderr.isEmpty)

        // The relaxation by places as a MIP in MPS, for a peer's bound: a maximisation with
        // integer section counts, nothing on stdout.
        let file = out.appendingPathComponent("places.mps")
        let written = try CLIRunner.run(["bench-bound", scenario.path, "--write-places", file.path])
        #expect(written.status == 0 && written.stdout.isEmpty, "stderr: \(written.stderr)")
        let mps = try String(contentsOf: file, encoding: .utf8)
        #expect(mps.hasPrefix("NAME places\nOBJSENSE\n    MAX\nROWS\n N obj\n") && mps.hasSuffix("ENDATA\n"))
        #expect(mps.contains("'INTORG'") && mps.contains("\nRHS\n") && mps.contains("\nBOUNDS\n"))
    }
}
