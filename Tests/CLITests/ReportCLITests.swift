import Foundation
import Testing

/// `setka report RESULT_DIR [--scenario S] [--out DIR] [--language ru|en]`.
@Suite("setka report")
struct ReportCLITests {
    static let scenarioFiles: [String: String] = [
        "scenario.yaml": """
        format: setka/1
        name: "CLI district"
        language: ru
        profile_day:
          slots:
            - {id: "1", start: "09:00", end: "10:30"}
            - {id: "2", start: "10:50", end: "12:20"}
          min_section_size: 1
          visiting_teacher_rule: false
        partnering:
          - name: "Low results"
            recipients: {kind: school, low_results: yes}
            providers: {kind: school, low_results: no}

        """,
        "schools.csv": "id,name,lat,lon,low_results,partner_capacity,score:math\nA,School A,51.6,39.7,no,1,70\nB,School B,51.7,39.8,yes,0,50\n",
        "rooms.csv": "site,id,capacity\nA,11,25\n",
        "teachers.csv": "id,name,site,courses\nT1,Teacher One,A,chem\n",
        "courses.csv": "id,title\nchem,Chemistry\n",
        "students.csv": "id,school,choices\na1,A,chem\nb1,B,chem\n",
    ]
    static let timetable: [String: String] = [
        "sections.csv": "section,course,teacher,site,room,slot,enrolled\nS1,chem,T1,A,11,1,2\n",
        "enrolments.csv": "student,section\na1,S1\nb1,S1\n",
    ]
    static let partners: [String: String] = [
        "partners.csv": "rule,recipient,provider,minutes,gain,gain:math\nLow results,B,A,20,20,20\n",
    ]

    /// A temporary folder with `scenario/` and `result/` holding `files`.
    func setUp(result files: [String: String]) throws -> (root: URL, scenario: URL, result: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("setka-report-cli-\(UUID().uuidString)")
        let scenario = root.appendingPathComponent("scenario"), result = root.appendingPathComponent("result")
        for dir in [scenario, result] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        for (name, text) in Self.scenarioFiles { try Data(text.utf8).write(to: scenario.appendingPathComponent(name)) }
        for (name, text) in files { try Data(text.utf8).write(to: result.appendingPathComponent(name)) }
        return (root, scenario, result)
    }

    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    @Test("timetable and partners: writes report.html, map.svg, report.xlsx and prints their paths")
    func both() throws {
        let (root, scenario, result) = try setUp(result: Self.timetable.merging(Self.partners) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLIRunner.run(["report", result.path, "--scenario", scenario.path])
        #expect(run.status == 0, "\(run.stderr)")
        let paths = run.stdout.split(separator: "\n").map(String.init)
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["report.html", "map.svg", "report.xlsx"])
        let html = read(result.appendingPathComponent("report.html"))
        #expect(html.contains("Ученик a1 — School A"))
        #expect(html.contains("Chemistry / Teacher One / 2 уч."))
        #expect(html.contains(#"<section id="partners""#))
        #expect(read(result.appendingPathComponent("map.svg")).contains("<svg xmlns="))
        let xlsx = try Data(contentsOf: result.appendingPathComponent("report.xlsx"))
        #expect(Array(xlsx.prefix(4)) == [0x50, 0x4b, 0x03, 0x04])
    }

    @Test("real `setka schedule` and `setka partner` output in one folder reads back into one report")
    func realOutputs() throws {
        let (root, scenario, _) = try setUp(result: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("both")
        let schedule = try CLIRunner.run(["schedule", scenario.path, "--out", out.path, "--time-limit", "5", "--iterations", "3", "--quiet"])
        #expect(schedule.status == 0, "\(schedule.stderr)")
        let partner = try CLIRunner.run(["partner", scenario.path, "--out", out.path])
        #expect(partner.status == 0, "\(partner.stderr)")
        let run = try CLIRunner.run(["report", out.path, "--scenario", scenario.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = read(out.appendingPathComponent("report.html"))
        // The partner table as the order's appendix, from partners.csv as `setka partner` writes it.
        #expect(html.contains(#"<td class="num">1</td><td>School B</td><td>School A</td>"#))
        #expect(html.contains("Распределение партнёров</td><td>оптимально (доказано)"))
        // The timetable, from sections.csv and enrolments.csv as `setka schedule` writes them.
        #expect(html.contains("Chemistry / Teacher One / 2 уч."))
        #expect(html.contains("Проверка правил расписания: нарушений нет"))
    }

    @Test("only partners; --language en; --out elsewhere")
    func onlyPartnersEnglish() throws {
        let (root, scenario, result) = try setUp(result: Self.partners)
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("reports/en")
        let run = try CLIRunner.run(["report", result.path, "--scenario", scenario.path, "--language", "en", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = read(out.appendingPathComponent("report.html"))
        #expect(html.contains("Partner assignment"))
        #expect(html.contains("The result folder holds no profile-day timetable."))
        #expect(!FileManager.default.fileExists(atPath: result.appendingPathComponent("report.html").path))
    }

    @Test("the scenario path recorded in summary.json is used when --scenario is not given")
    func recordedScenario() throws {
        var files = Self.timetable
        files["summary.json"] = #"{"scenario_path": "../scenario", "status": "optimal", "enrolments": 2}"#
        let (root, _, result) = try setUp(result: files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLIRunner.run(["report", result.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(read(result.appendingPathComponent("report.html")).contains("оптимально (доказано)"))
    }

    @Test("no --scenario and none recorded: exit 1 and says to give --scenario")
    func needsScenario() throws {
        let (root, _, result) = try setUp(result: Self.timetable)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLIRunner.run(["report", result.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--scenario"))
        #expect(run.stdout.isEmpty)
    }

    @Test("a folder without results, a missing folder, a broken file: exit 1 with the file named")
    func invalid() throws {
        let (root, scenario, result) = try setUp(result: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = try CLIRunner.run(["report", result.path, "--scenario", scenario.path])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("partners.csv") && empty.stderr.contains("sections.csv"))
        let missing = try CLIRunner.run(["report", root.appendingPathComponent("nope").path, "--scenario", scenario.path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("is not a folder"))
        try Data("rule,recipient,provider,minutes,gain\nR,B,A,far,1\n".utf8).write(to: result.appendingPathComponent("partners.csv"))
        let broken = try CLIRunner.run(["report", result.path, "--scenario", scenario.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("partners.csv:2:4: error: column 'minutes': expected a number"))
        #expect(!broken.stderr.contains("Fatal") && !broken.stderr.contains("Stack"))
    }

    @Test("a bad --language is a usage error (64)")
    func usage() throws {
        let (root, scenario, result) = try setUp(result: Self.timetable)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLIRunner.run(["report", result.path, "--scenario", scenario.path, "--language", "de"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--language must be ru or en"))
    }
}
