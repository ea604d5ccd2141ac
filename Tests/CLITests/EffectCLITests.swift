import Foundation
import Testing

@Suite("setka effect")
struct EffectCLITests {
    let folder = CLIRunner.packageRoot.appendingPathComponent("scenarios/partners-effect")

    func temporaryFolder(_ tag: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setka-effect-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// The example district: Берёзовская's math rose more than without a partner, Липовская did
    /// worse in both subjects, Каменская's pairing is one year old, Полевская changed partner.
    @Test func example() throws {
        let out = try temporaryFolder("example")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["effect", folder.path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains("10 estimate row(s) for 4 recipient(s)"))
        #expect(r.stdout.contains("Результаты по математике выросли на 7,6 балла больше, чем у школ без партнёра (от 4,3 до 11,0)"))
        #expect(r.stdout.contains("По русскому языку отличие от школ без партнёра не доказано: +3,8 балла (от −0,5 до 8,1), интервал включает ноль"))
        #expect(r.stdout.contains("По математике оценки нет: после начала партнёрства результаты только за 1 год (нужно не меньше 2)"))

        let csvBytes = try Data(contentsOf: out.appendingPathComponent("effect.csv"))
        #expect(Array(csvBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = try read(out.appendingPathComponent("effect.csv")).dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first?.hasPrefix("rule,recipient,provider,subject,years_before,years_after,effect,low,high,") == true)
        #expect(lines.count == 11)
        #expect(lines.contains { $0.hasPrefix("ШНОР — школы-партнёры,berezovskaya,sosnovskaya,math,2017|2018|2019,2021|2022|2023|2024,7.6") && $0.contains(",gain,") })
        #expect(lines.contains { $0.hasPrefix("ШНОР — школы-партнёры,kamenskaya,sosnovskaya,math,2017|2018|2019|2021|2022|2023|2024,2025,,,,none,") })
        #expect(lines.filter { $0.contains(",lipovskaya,dubravnaya,") && $0.contains(",loss,") }.count == 2)
        #expect(lines.filter { $0.contains(",polevaya,") }.count == 4)

        let html = try read(out.appendingPathComponent("effect.html"))
        #expect(html.contains("МКОУ «Липовская СОШ»") && html.components(separatedBy: "<svg").count == 5)
        #expect(html.components(separatedBy: "эта пара не будет назначена повторно").count == 2)   // Липовская — Дубравная only
        let book = try Data(contentsOf: out.appendingPathComponent("effect.xlsx"))
        #expect(Array(book.prefix(2)) == Array("PK".utf8))
    }

    @Test func json() throws {
        let out = try temporaryFolder("json")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["effect", folder.path, "--out", out.path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let recipients = try #require(json["recipients"] as? [[String: Any]])
        #expect(recipients.map { $0["recipient"] as? String } == ["berezovskaya", "kamenskaya", "lipovskaya", "polevaya"])
        #expect(json["level"] as? Double == 0.9)
    }

    /// The example's rule has avoid_unhelpful: Липовская gets another partner than Дубравная,
    /// and the appendix says why; the what-if variant that switches the option off repeats the pair.
    @Test func avoidUnhelpful() throws {
        let out = try temporaryFolder("avoid")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["partner", folder.path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try read(out.appendingPathComponent("partners.csv"))
        #expect(csv.contains(",lipovskaya,") && !csv.contains(",lipovskaya,dubravnaya,"))
        let appendix = try read(out.appendingPathComponent("appendix.md"))
        #expect(appendix.contains("- МКОУ «Липовская СОШ» — МКОУ «Дубравная СОШ»: в 2019/20–2024/25 партнёрство не дало роста: результаты по математике изменились на 4,4 балла хуже, чем у школ без партнёра (от −7,7 до −1,1)"))

        let again = try CLIRunner.run(["partner", folder.appendingPathComponent("whatif/repeat-pairs.yaml").path, "--out", out.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try read(out.appendingPathComponent("partners.csv")).contains(",lipovskaya,dubravnaya,"))
    }

    @Test func errors() throws {
        let dir = try temporaryFolder("bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["scenario.yaml", "schools.csv", "partners-history.csv"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let missing = try CLIRunner.run(["effect", dir.path, "--out", dir.appendingPathComponent("out").path])
        #expect(missing.status == 1)
        // The example's rule has avoid_unhelpful, so the message names it.
        #expect(missing.stderr.contains("results.csv: error: missing file: results.csv is not in the scenario folder (partnering rule 'ШНОР — школы-партнёры' has avoid_unhelpful: true, so the scenario needs results.csv)"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))

        try Data("school,year,subject,score\nberezovskaya,2019,math,сорок\n".utf8).write(to: dir.appendingPathComponent("results.csv"))
        let bad = try CLIRunner.run(["effect", dir.path, "--out", dir.appendingPathComponent("out").path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(#"results.csv:2:4: error: column 'score': expected a number from 0 to 100, found "сорок""#))
        #expect(!bad.stderr.contains("Fatal") && !bad.stderr.contains("Stack"))
    }
}
