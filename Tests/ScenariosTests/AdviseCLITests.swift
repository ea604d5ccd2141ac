import Foundation
import Testing
import ProfileDay
import Scenarios
import SetkaModel

@Suite("setka advise (command line)")
struct AdviseCLITests {
    /// The one-slot-short scenario written out and scheduled (100 steps) into `root/result`.
    func scheduled(_ name: String) throws -> (scenario: URL, cache: URL, root: URL, result: URL) {
        let scenario = try Fixtures.write(try AdviceFixtures.oneSlotShort())
        let cache = try Fixtures.temporaryFolder("xdg")
        let root = try Fixtures.temporaryFolder(name)
        let result = root.appendingPathComponent("result")
        let run = try WhatIfCLI.run(["schedule", scenario.path, "--out", result.path, "--time-limit", "2", "--iterations", "100", "--quiet"],
                                    cache: cache)
        #expect(run.status == 0, "\(run.stderr)")
        return (scenario, cache, root, result)
    }

    @Test("the timetable as one workbook (as «Выгрузки» gives it) is advised on as its files are; a missing sheet is named")
    func fromATimetableWorkbook() throws {
        let (scenario, cache, root, result) = try scheduled("advise-xlsx")
        let book = root.appendingPathComponent("расписание.xlsx")
        try TimetableIO.workbook(try TimetableIO.read(from: result).timetable, language: .ru).write(to: book)
        let out = root.appendingPathComponent("advice")
        let advise = try WhatIfCLI.run(["advise", scenario.path, book.path, "--out", out.path, "--time-limit", "8", "--top", "1"], cache: cache)
        #expect(advise.status == 0, "\(advise.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("advice.csv"), encoding: .utf8).components(separatedBy: "\n")
        #expect(csv.dropFirst().first?.hasPrefix("1,педагог В (tB) сможет вести занятие в слоте 2,15,") == true, "\(csv)")

        // A workbook without the enrolments: named, nothing written.
        try WorkbookWriter.workbook([WorkbookWriter.Sheet(name: "Группы", rows: [[.text("section")]])]).write(to: book)
        let bad = try WhatIfCLI.run(["advise", scenario.path, book.path, "--out", root.appendingPathComponent("a2").path], cache: cache)
        #expect(bad.status == 1 && bad.stderr.contains("расписание.xlsx") && bad.stderr.contains("no sheet 'enrolments' or 'записи'")
                && bad.stderr.contains("expected a result folder of setka schedule, or one .xlsx"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("a2").path))
    }

    @Test("schedule, advise into the result folder, run the written variant with compare and schedule, see it in the report")
    func endToEnd() throws {
        let scenario = try Fixtures.write(try AdviceFixtures.oneSlotShort())
        let cache = try Fixtures.temporaryFolder("xdg")
        let result = try Fixtures.temporaryFolder("advise-cli").appendingPathComponent("result")
        let schedule = try WhatIfCLI.run(["schedule", scenario.path, "--out", result.path, "--time-limit", "3", "--iterations", "200",
                                          "--quiet"], cache: cache)
        #expect(schedule.status == 0, "\(schedule.stderr)")
        // The reasons name the course by its title and the place by its name, as the data does.
        let short = try String(contentsOf: result.appendingPathComponent("students-short.csv"), encoding: .utf8)
        #expect(short.contains(",\"«Курс Б»: единственная группа заполнена (S") && short.contains(", Школа 1, занятие 1: 25/25)\""),
                "\(short.prefix(300))")

        let advise = try WhatIfCLI.run(["advise", scenario.path, result.path, "--out", result.path, "--time-limit", "8", "--top", "2"],
                                       cache: cache)
        #expect(advise.status == 0, "\(advise.stderr)")
        #expect(advise.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == result.resolvingSymlinksInPath().path)
        #expect(advise.stderr.contains("1. If teacher В (tB) can teach in slot 2, 15 more students will get both electives (variants/01.yaml)"))
        let csv = try String(contentsOf: result.appendingPathComponent("advice.csv"), encoding: .utf8).components(separatedBy: "\n")
        #expect(csv.first == "rank,change,students_gained,objective_gain,asks,variant")
        #expect(csv.dropFirst().first?.hasPrefix("1,педагог В (tB) сможет вести занятие в слоте 2,15,") == true)
        #expect(csv.dropFirst().first?.hasSuffix(",педагог В (tB),variants/01.yaml") == true)
        let page = try String(contentsOf: result.appendingPathComponent("advice.html"), encoding: .utf8)
        #expect(page.contains(#"<html lang="ru">"#))
        #expect(page.contains("<li>Если педагог В (tB) сможет вести занятие в слоте 2, ещё 15 учеников получат оба курса.</li>"))
        #expect(page.hasSuffix("</body></html>\n"))
        let variant = result.appendingPathComponent("variants/01.yaml")
        let text = try String(contentsOf: variant, encoding: .utf8)
        #expect(text.contains("  - update: {teacher: \"tB\", slots: \"1|2\"}"))
        // The timetable's own files are still there beside the advice.
        #expect(FileManager.default.fileExists(atPath: result.appendingPathComponent("sections.csv").path))

        // The variant runs as it is: compare against the scenario, and schedule alone.
        let compare = try WhatIfCLI.run(["compare", scenario.path, variant.path, "--time-limit", "6", "--iterations", "200", "--json",
                                         "--quiet", "--no-cache"], cache: cache)
        #expect(compare.status == 0, "\(compare.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any]
        let runs = try #require((object?["comparison"] as? [String: Any])?["variants"] as? [[String: Any]])
        #expect((runs.first?["profileDay"] as? [String: Any])?["fullyServed"] as? Int == 40)
        let alone = try Fixtures.temporaryFolder("advise-variant")
        let solved = try WhatIfCLI.run(["schedule", variant.path, "--out", alone.path, "--time-limit", "3", "--quiet"], cache: cache)
        #expect(solved.status == 0, "\(solved.stderr)")

        // The report of the result folder has the advice (made for its timetable).
        let report = try WhatIfCLI.run(["report", result.path, "--quiet"], cache: cache)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: result.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains(#"<section id="advice" class="page"><h2>Что поможет</h2>"#))
        #expect(html.contains("ещё 15 учеников получат оба курса"))

        // Once the timetable changes, the advice is left out of the report, with a warning.
        let enrolments = result.appendingPathComponent("enrolments.csv")
        // (The file ends its lines with CR LF, one Character in Swift.)
        var lines = try String(contentsOf: enrolments, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n")
        try #require(lines.count > 2)
        lines.remove(at: 1)
        try lines.joined(separator: "\n").write(to: enrolments, atomically: true, encoding: .utf8)
        let stale = try WhatIfCLI.run(["report", result.path], cache: cache)
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(stale.stderr.contains("advice.json was made for another timetable"))
        let staleHTML = try String(contentsOf: result.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!staleHTML.contains(#"<section id="advice""#))
    }

    @Test("usage errors exit 64, an --out in a file's place exits 5 before any search, a second run replaces the first whole")
    func outputFolder() throws {
        let (scenario, cache, root, result) = try scheduled("advise-out")

        let top = try WhatIfCLI.run(["advise", scenario.path, result.path, "--out", root.appendingPathComponent("a").path, "--top", "0"],
                                    cache: cache)
        #expect(top.status == 64)
        #expect(top.stderr.contains("--top must be from 1 to 99, got 0"))
        let empty = try WhatIfCLI.run(["advise", scenario.path, result.path, "--out", ""], cache: cache)
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--out must name a folder"))
        let file = root.appendingPathComponent("afile")
        try Data("x".utf8).write(to: file)
        let started = Date()
        let blocked = try WhatIfCLI.run(["advise", scenario.path, result.path, "--out", file.appendingPathComponent("sub").path,
                                         "--time-limit", "300"], cache: cache)
        #expect(blocked.status == 5, "\(blocked.stderr)")
        #expect(blocked.stderr.contains("\(file.path) is a file, not a folder"), "\(blocked.stderr)")
        #expect(Date().timeIntervalSince(started) < 60, "it searched first")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("a").path))

        // Two runs into one folder: the second's files replace the first's, none left over.
        let out = root.appendingPathComponent("advice")
        let first = try WhatIfCLI.run(["advise", scenario.path, result.path, "--out", out.path, "--time-limit", "6", "--top", "3",
                                       "--quiet"], cache: cache)
        #expect(first.status == 0, "\(first.stderr)")
        let firstAdvice = try #require(AdviceOutput.read(out))
        #expect(!firstAdvice.items.isEmpty)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let second = try WhatIfCLI.run(["advise", scenario.path, result.path, "--out", out.path, "--time-limit", "6", "--top", "1",
                                        "--quiet"], cache: cache)
        #expect(second.status == 0, "\(second.stderr)")
        let advice = try #require(AdviceOutput.read(out))
        #expect(advice.items.count == 1 && advice.options.top == 1)
        let variants = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("variants").path).sorted()
        #expect(variants == ["01.yaml"])
        let rows = try String(contentsOf: out.appendingPathComponent("advice.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline)
        #expect(rows.count == 2)
        // The CSV's gains are advice.json's verified gains.
        let cells = rows[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells.count == 6 && cells[2] == "\(advice.items[0].studentsGained)")
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test("advise refuses a variant as the scenario and a timetable of other data, naming why")
    func invalidInput() throws {
        let scenario = try Fixtures.write(try AdviceFixtures.oneSlotShort())
        let cache = try Fixtures.temporaryFolder("xdg")
        let out = try Fixtures.temporaryFolder("advise-bad").appendingPathComponent("out")
        let variant = try Fixtures.variant(scenario, "v", ["update: {teacher: tB, slots: \"1|2\"}"])
        let r = try WhatIfCLI.run(["advise", variant.path, scenario.path, "--out", out.path], cache: cache)
        #expect(r.status == 1)
        #expect(r.stderr.contains("is a what-if variant; advise needs a scenario folder"))

        // A timetable of another scenario: its sections name teachers this one does not have.
        let other = try Fixtures.write(Fixtures.district())
        let result = try Fixtures.temporaryFolder("advise-other")
        #expect(try WhatIfCLI.run(["schedule", other.path, "--out", result.path, "--time-limit", "2", "--iterations", "50", "--quiet"],
                                  cache: cache).status == 0)
        let foreign = try WhatIfCLI.run(["advise", scenario.path, result.path, "--out", out.path], cache: cache)
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("does not fit this scenario"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let empty = try WhatIfCLI.run(["advise", scenario.path, out.path, "--out", out.path], cache: cache)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("holds no timetable"))
    }
}
