import Foundation
import Testing

@Suite("setka validate")
struct ValidateCLITests {
    let example = CLIRunner.packageRoot.appendingPathComponent("scenarios/repyovka-partners").path

    /// A copy of the example in a temporary folder.
    func copyOfExample() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setka-validate-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: example), to: dir)
        return dir
    }

    @Test func exampleIsUsable() throws {
        let r = try CLIRunner.run(["validate", example])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("schools   3 organisations"))
        #expect(r.stdout.contains("ШНОР — школы-партнёры: 2 recipients, 1 providers"))
        #expect(r.stdout.contains("1 fixed"))
        #expect(r.stdout.contains("The scenario is usable."))
    }

    @Test func exampleAsJSON() throws {
        let r = try CLIRunner.run(["validate", example, "--json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["usable"] as? Bool == true)
        let tables = try #require(json["tables"] as? [[String: Any]])
        #expect(tables.first { $0["table"] as? String == "schools" }?["rows"] as? Int == 3)
        let rules = try #require(json["partnering"] as? [[String: Any]])
        #expect(rules.first?["recipients"] as? Int == 2)
        #expect(rules.first?["providers"] as? Int == 1)
    }

    @Test func brokenCopyExitsOneWithFileLineColumn() throws {
        let dir = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schools = dir.appendingPathComponent("schools.csv")
        var text = try String(contentsOf: schools, encoding: .utf8)
        text = text.replacingOccurrences(of: "school,51.133,38.545,no,2", with: "school,51.133,38.545,no,two")
        try text.write(to: schools, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["validate", dir.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("schools.csv:4:7: error: column 'partner_capacity': expected a whole number ≥ 0, found \"two\""))
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func brokenCopyAsJSONListsTheErrors() throws {
        let dir = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "format: setka/9\n".write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["validate", "--json", dir.path])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["usable"] as? Bool == false)
        let errors = try #require(json["errors"] as? [[String: Any]])
        let location = try #require(errors.first?["location"] as? [String: Any])
        #expect(location["file"] as? String == "scenario.yaml")
        #expect(location["line"] as? Int == 1)
        #expect(r.stderr.contains("scenario.yaml:1:9: error: unsupported format"))
    }

    @Test func missingFolderAndGarbageAreClearMessages() throws {
        let r = try CLIRunner.run(["validate", "/nonexistent/folder/setka"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("does not exist"))
        let dir = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x13, 0x37]).write(to: dir.appendingPathComponent("schools.csv"))
        let g = try CLIRunner.run(["validate", dir.path])
        #expect(g.status == 1)
        #expect(g.stderr.contains("schools.csv: error:"))
        #expect(g.stdout.isEmpty)
    }

    @Test func helpMentionsExitCodes() throws {
        let r = try CLIRunner.run(["validate", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("1 invalid input"))
    }
}
