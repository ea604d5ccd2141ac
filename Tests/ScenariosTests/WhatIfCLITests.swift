import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import SetkaModel

/// What a run of the `setka` binary printed and how it exited.
struct WhatIfCLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `setka` binary (next to the test bundle, or `.build/debug/setka`).
enum WhatIfCLI {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL? = {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SETKA_BINARY"] { candidates.append(URL(fileURLWithPath: env)) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 { candidates.append(dir.appendingPathComponent("setka")); dir = dir.deletingLastPathComponent() }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/setka"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct NotFound: Error {}

    /// Runs `setka arguments` with `$XDG_CACHE_HOME` set to `cache`.
    static func run(_ arguments: [String], cache: URL) throws -> WhatIfCLIResult {
        guard let binary else { throw NotFound() }
        let tmp = try Fixtures.temporaryFolder("cli")
        let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = cache.path
        p.environment = env
        p.standardOutput = out; p.standardError = err; p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close(); try err.close()
        return WhatIfCLIResult(status: p.terminationStatus,
                               stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                               stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// The fixture district without partnering rules (profile day only), written to a folder.
private func profileDayOnly() throws -> URL {
    var s = Fixtures.district()
    s.partnering = []
    return try Fixtures.write(s)
}

@Suite("setka compare and sweep")
struct WhatIfCLITests {
    let fast = ["--time-limit", "2", "--iterations", "50", "--quiet"]

    @Test("compare: table on stdout, CSV, JSON and HTML files, second run from the cache")
    func compare() throws {
        let folder = try profileDayOnly()
        let variant = try Fixtures.variant(folder, "no-chem", ["remove: {teacher: T2}"], title: "Без химика")
        let out = try Fixtures.temporaryFolder("out"), cache = try Fixtures.temporaryFolder("xdg")
        let csv = out.appendingPathComponent("table.csv").path
        let args = ["compare", folder.path, variant.path, "--out", out.path, "--csv", csv] + fast
        let first = try WhatIfCLI.run(args, cache: cache)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("v1   Без химика"))
        #expect(first.stdout.contains("fully served"))
        #expect(first.stdout.contains("sections closed:"))
        #expect(!first.stdout.contains("from the cache"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("comparison.json").path))
        // The printable page, in the scenario's language (Russian by default), without kept plans.
        let page = try String(contentsOf: out.appendingPathComponent("comparison.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains(#"<html lang="ru">"#))
        #expect(page.contains("<h1>Сравнение вариантов</h1>"))
        #expect(page.contains("Базовый сценарий: <b>Тестовый район</b>"))
        #expect(page.contains(#"<section id="variant-1"><h2>в1 «Без химика»: что изменилось</h2>"#))
        #expect(page.contains("<li>убран учитель T2</li>"))
        #expect(!page.contains(#"<section id="kept-1""#))
        #expect(page.hasSuffix("</body></html>\n"))
        let table = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(table.count == 3)
        // Cached under $XDG_CACHE_HOME/setka (never inside the result folder, which is swapped whole).
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("setka").path)
        #expect(entries.filter { $0.hasSuffix(".json") }.count == 2)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".setka-cache").path))
        let second = try WhatIfCLI.run(args, cache: cache)
        #expect(second.status == 0)
        #expect(second.stdout.components(separatedBy: "from the cache").count == 3)
        // --no-cache solves again.
        let third = try WhatIfCLI.run(args + ["--no-cache"], cache: cache)
        #expect(!third.stdout.contains("from the cache"))

        let json = try WhatIfCLI.run(["compare", folder.path, variant.path, "--json"] + fast, cache: cache)
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let comparison = object?["comparison"] as? [String: Any]
        #expect((comparison?["variants"] as? [Any])?.count == 1)
        #expect((comparison?["diffs"] as? [[String: Any]])?.first?["variant"] as? String == "Без химика")
        // The same entries serve a run without --out.
        #expect(json.stderr.isEmpty || !json.stderr.contains("was not used"))
    }

    @Test("compare on the Repyovka example: partner pairs removed when the only provider closes")
    func compareRepyovka() throws {
        let folder = WhatIfCLI.packageRoot.appendingPathComponent("scenarios/repyovka-partners")
        let r = try WhatIfCLI.run(["compare", folder.path, folder.appendingPathComponent("whatif/rossoshanskaya-closes.yaml").path,
                                   "--no-cache", "--json"] + fast, cache: try Fixtures.temporaryFolder("xdg"))
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let comparison = try #require(object?["comparison"] as? [String: Any])
        let base = try #require(comparison["base"] as? [String: Any])
        #expect((base["partnering"] as? [String: Any])?["pairs"] as? Int == 2)
        let diff = try #require((comparison["diffs"] as? [[String: Any]])?.first)
        let removed = try #require(diff["pairsRemoved"] as? [[String: Any]])
        #expect(Set(removed.compactMap { $0["recipient"] as? String }) == ["kolbinskaya", "krasnolipovskaya"])
        #expect(removed.allSatisfy { $0["provider"] as? String == "rossoshanskaya" })
        let variant = try #require((comparison["variants"] as? [[String: Any]])?.first)
        #expect((variant["partnering"] as? [String: Any])?["unservedRecipients"] as? Int == 2)
    }

    @Test("compare: a bad variant is invalid input with file:line:column")
    func compareBadVariant() throws {
        let folder = try profileDayOnly()
        let bad = try Fixtures.variant(folder, "bad", ["remove: {teacher: T99}"])
        let r = try WhatIfCLI.run(["compare", folder.path, bad.path] + fast, cache: try Fixtures.temporaryFolder("xdg"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("whatif/bad.yaml:5:13: error: remove: there is no teacher 'T99'"))
        #expect(r.stdout.isEmpty)
    }

    @Test("compare --keep: re-plans a variant from a published timetable")
    func compareKeep() throws {
        let folder = try profileDayOnly()
        let variant = try Fixtures.variant(folder, "no-chem", ["remove: {teacher: T2}"])
        let cache = try Fixtures.temporaryFolder("xdg")
        let published = try Fixtures.temporaryFolder("published")
        let s = try WhatIfCLI.run(["schedule", folder.path, "--out", published.path] + fast, cache: cache)
        #expect(s.status == 0, "\(s.stderr)")
        let out = try Fixtures.temporaryFolder("out")
        let r = try WhatIfCLI.run(["compare", folder.path, variant.path, "--keep", published.path, "--out", out.path] + fast, cache: cache)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Stable re-planning of \"no-chem\" from the published timetable (re-solved)")
                || r.stdout.contains("Stable re-planning of \"no-chem\" from the published timetable (kept and refilled)"))
        #expect(r.stdout.contains("verified by the checker: yes"))
        #expect(r.stdout.contains("students whose day changed:"))
        let page = try String(contentsOf: out.appendingPathComponent("comparison.html"), encoding: .utf8)
        #expect(page.contains(#"<section id="kept-1"><h2>в1 «no-chem»: устойчивое перепланирование</h2>"#))
        #expect(page.contains("Как получен план: <b>пересчитан с опорой на опубликованное расписание</b>")
                || page.contains("Как получен план: <b>опубликованное расписание сохранено и дополнено</b>"))
        #expect(page.contains("<th>Показатель</th><th>Сохранённый план</th><th>Расчёт с нуля</th>"))
        let kept = out.appendingPathComponent("kept-no-chem")
        #expect(FileManager.default.fileExists(atPath: kept.appendingPathComponent("sections.csv").path))
        let missing = try WhatIfCLI.run(["compare", folder.path, variant.path, "--keep", out.path] + fast, cache: cache)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("sections.csv"))

        // `schedule --keep` re-plans the variant directly; the checker accepts it.
        let direct = try Fixtures.temporaryFolder("direct")
        let d = try WhatIfCLI.run(["schedule", variant.path, "--out", direct.path, "--keep", published.path, "--time-limit", "2", "--iterations", "50"],
                                  cache: cache)
        #expect(d.status == 0, "\(d.stderr)")
        #expect(d.stderr.contains("against the published timetable:"))
        let check = try WhatIfCLI.run(["check", variant.path, direct.path], cache: cache)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("sweep: CSV, SVG and HTML files; a bad --set is invalid input")
    func sweep() throws {
        let folder = try profileDayOnly()
        let out = try Fixtures.temporaryFolder("sweep"), cache = try Fixtures.temporaryFolder("xdg")
        let r = try WhatIfCLI.run(["sweep", folder.path, "--set", "profile_day.min_section_size=4..6", "--out", out.path] + fast, cache: cache)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("sweep.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4)
        #expect(r.stdout == csv)
        let svg = try Data(contentsOf: out.appendingPathComponent("sweep.svg"))
        #expect(XMLParser(data: svg).parse())
        // The printable page: a row per value (and the heading row), the chart inline.
        let page = try String(contentsOf: out.appendingPathComponent("sweep.html"), encoding: .utf8)
        #expect(page.contains("<h1>Перебор значений параметра</h1>"))
        #expect(page.contains("<b>profile_day.min_section_size</b>"))
        #expect(page.components(separatedBy: "<tr>").count - 1 == 4)
        for value in ["4", "5", "6"] { #expect(page.contains(#"<tr><td class="id">\#(value)</td>"#)) }
        #expect(page.contains("<svg width="))
        #expect(!page.contains("xmlns"))
        let bad = try WhatIfCLI.run(["sweep", folder.path, "--set", "profile_day.min_section_size=9..3", "--out", out.path] + fast, cache: cache)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("a ≤ b"))
        let badKey = try WhatIfCLI.run(["sweep", folder.path, "--set", "min_size=1,2", "--out", out.path] + fast, cache: cache)
        #expect(badKey.status == 1)
        #expect(badKey.stderr.contains("unknown setting key 'min_size'"))
    }
}
