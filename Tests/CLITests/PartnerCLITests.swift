import Foundation
import Testing

@Suite("setka partner")
struct PartnerCLITests {
    let root = CLIRunner.packageRoot.appendingPathComponent("scenarios")

    func temporaryFolder(_ tag: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setka-partner-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// The partner job's own summary (`summary.json` stays the profile day's, as the spec says).
    func summary(_ dir: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("partners-summary.json"))) as? [String: Any])
    }

    @Test func repyovkaExample() throws {
        let out = try temporaryFolder("repyovka")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["partner", root.appendingPathComponent("repyovka-partners").path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("proven optimal"))
        #expect(r.stdout.contains("2 of 2 partner places filled"))

        let csvBytes = try Data(contentsOf: out.appendingPathComponent("partners.csv"))
        #expect(Array(csvBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = try read(out.appendingPathComponent("partners.csv")).dropFirst().split(separator: "\r\n")
        #expect(lines.first == "rule,recipient,provider,minutes,gain,gain:math,gain:russian,recipient_name,provider_name,fixed,note")
        #expect(lines.contains { $0.hasPrefix("ШНОР — школы-партнёры,krasnolipovskaya,rossoshanskaya,") && $0.contains(",34.1,19.9,14.2,") && $0.hasSuffix(",yes,") })
        #expect(lines.contains { $0.hasPrefix("ШНОР — школы-партнёры,kolbinskaya,rossoshanskaya,") })

        let appendix = try read(out.appendingPathComponent("appendix.md"))
        #expect(appendix.contains("| № | Школа с низкими образовательными результатами | Школа-партнёр |"))
        #expect(appendix.contains("| 1 | МБОУ «Краснолиповская школа» | МКОУ «Россошанская СОШ» |"))
        #expect(appendix.contains("партнёр сильнее по математике на 19,9 балла, по русскому языку на 14,2 балла"))

        let json = try summary(out)
        #expect(json["status"] as? String == "optimal")
        #expect(json["complete"] as? Bool == true)
        #expect(json["placesServed"] as? Int == 2)
        let objective = try #require(json["objective"] as? Double)
        #expect(json["bound"] as? Double == objective)
        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.first?["name"] as? String == "ШНОР — школы-партнёры")
    }

    /// Both rules share partner_capacity: Novogeorgievskaya is full with the two fixed school
    /// pairs, so Teremok (in Novogeorgievka) goes to Pokrovskaya.
    @Test func oktyabrskyExample() throws {
        let out = try temporaryFolder("oktyabrsky")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["partner", root.appendingPathComponent("oktyabrsky-kindergartens").path, "--out", out.path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["placesNeeded"] as? Int == 9)
        #expect(json["placesServed"] as? Int == 9)
        let csv = try read(out.appendingPathComponent("partners.csv"))
        #expect(csv.contains(",teremok-3,pokrovskaya,"))
        #expect(csv.contains(",romashka-9,chernyatinskaya,"))
        let appendix = try read(out.appendingPathComponent("appendix.md"))
        #expect(appendix.contains("| № | Дошкольное учреждение | Школа-партнёр |"))
        #expect(appendix.contains("## Сетевые объединения школ"))
    }

    /// A low-result school whose only partner is 74 minutes away: files are still written, the
    /// reason is given, and the exit code is 2.
    @Test func incompleteAssignmentExitsTwoWithReasons() throws {
        let dir = try temporaryFolder("incomplete")
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        format: setka/1
        name: Incomplete
        language: en
        partnering:
          - name: Low results
            recipients: {kind: school, low_results: yes}
            providers: {kind: school, low_results: no}
        """.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try """
        id,name,low_results,partner_capacity,score:math
        r,Far School,yes,0,40
        near,Near Low School,yes,0,35
        p,Strong School,no,2,70
        """.write(to: dir.appendingPathComponent("schools.csv"), atomically: true, encoding: .utf8)
        try """
        from,to,minutes
        r,p,74
        near,p,20
        r,near,5
        """.write(to: dir.appendingPathComponent("travel.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLIRunner.run(["partner", dir.path, "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Far School (r): no provider within 60 min (nearest: Strong School, 74 min)"))
        #expect(r.stderr.contains("incomplete: 1 of 2 partner places filled"))
        let csv = try read(out.appendingPathComponent("partners.csv"))
        #expect(csv.contains("Low results,near,p,20,35,35,Near Low School,Strong School,no,"))
        #expect(csv.contains("Low results,r,,,,,Far School,,,\"no provider within 60 min (nearest: Strong School, 74 min)\""))
        let appendix = try read(out.appendingPathComponent("appendix.md"))
        #expect(appendix.contains("| № | School with low results | Partner school |"))
        #expect(appendix.contains("Without (all) partners:"))
        let json = try summary(out)
        #expect(json["complete"] as? Bool == false)
        #expect(json["status"] as? String == "optimal")
    }

    /// A generated region (600 organisations, 120 ШНОР schools): solved to proven optimality,
    /// every recipient served, the independent checker passed (else exit 3).
    @Test func generatedRegionEndToEnd() throws {
        let dir = try temporaryFolder("region")
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("region").path
        let g = try CLIRunner.run(["generate", scenario, "--region", "--organisations", "600", "--recipients", "120", "--seed", "3"])
        #expect(g.status == 0, "\(g.stderr)")
        let out = dir.appendingPathComponent("out")
        let r = try CLIRunner.run(["partner", scenario, "--out", out.path, "--json"])
        #expect(r.status == 0 || r.status == 2, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "optimal")
        let needed = try #require(json["placesNeeded"] as? Int)
        let served = try #require(json["placesServed"] as? Int)
        #expect(needed >= 120)
        #expect((served == needed) == (r.status == 0))
        let rules = try #require(json["rules"] as? [[String: Any]])
        let unservedRows = rules.reduce(0) { $0 + (($1["unserved"] as? [Any])?.count ?? 0) }
        let rows = try read(out.appendingPathComponent("partners.csv")).split(separator: "\r\n").count - 1
        #expect(rows == served + unservedRows)
    }

    @Test func invalidInputExitsOne() throws {
        let r = try CLIRunner.run(["partner", "/nonexistent/setka-scenario", "--out", "/tmp/setka-never-written"])
        #expect(r.status == 1)
        #expect(!r.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/setka-never-written"))
    }

    @Test func scenarioWithoutRulesExitsOne() throws {
        let dir = try temporaryFolder("norules")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "format: setka/1\n".write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try "id,name\na,A\n".write(to: dir.appendingPathComponent("schools.csv"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["partner", dir.path, "--out", dir.appendingPathComponent("out").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no rules under `partnering:`"))
    }

    @Test func helpDocumentsFilesAndExitCodes() throws {
        let r = try CLIRunner.run(["partner", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("UTF-8 with a BOM"))
        #expect(r.stdout.contains("2 solved but incomplete"))
    }
}
