import Foundation
import Testing

/// `setka generate --family`: the benchmark's second family of districts.
@Suite("setka generate --family")
struct GenerateCLITests {
    func tempFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("setka-generate-\(UUID().uuidString)")
    }

    @Test("--family b over a family-a preset writes what the -b preset writes; a family of neither kind is a usage error")
    func familyOption() throws {
        let a = tempFolder(), b = tempFolder()
        defer { for f in [a, b] { try? FileManager.default.removeItem(at: f) } }
        let viaOption = try CLIRunner.run(["generate", a.path, "--preset", "district-600", "--family", "b", "--seed", "4"])
        #expect(viaOption.status == 0, "\(viaOption.stderr)")
        let viaPreset = try CLIRunner.run(["generate", b.path, "--preset", "district-600-b", "--seed", "4"])
        #expect(viaPreset.status == 0, "\(viaPreset.stderr)")
        for name in ["courses.csv", "rooms.csv", "scenario.yaml", "schools.csv", "students.csv", "teachers.csv"] {
            let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(x == y, "\(name)")
        }
        let teachers = try String(contentsOf: b.appendingPathComponent("teachers.csv"), encoding: .utf8)
        #expect(teachers.contains(",no\r\n") || teachers.contains(",no\n"), "some teachers do not travel")
        let bad = try CLIRunner.run(["generate", tempFolder().path, "--preset", "district-600", "--family", "c"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--family must be a or b"))
    }
}
