import Foundation
import Testing
@testable import SetkaModel

/// A scenario folder in the temporary directory, removed when the value goes away.
final class Folder {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("setka-effect-\(UUID().uuidString)", isDirectory: true)
        for (name, text) in files { try write(name, Array(text.utf8)) }
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The diagnostics of a load that must fail.
    func errors(_ load: (URL) throws -> LoadedScenario = ScenarioLoader.loadForEffect,
                sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        do {
            _ = try load(url)
            Issue.record("expected the load to fail", sourceLocation: sourceLocation)
            return []
        } catch let e as ScenarioError {
            return e.diagnostics.map(\.description)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// A small district: two recipients, a provider, three comparison schools, results 2017–2024.
    static let yaml = """
    format: setka/1
    name: test
    partnering:
      - name: "ШНОР — школы-партнёры"
        recipients: {kind: school, low_results: yes}
        providers: {kind: school, low_results: no}
        subjects: [math]
    """
    static let schools = """
    id,name,low_results,partner_capacity,lat,lon,score:math
    r1,Школа 1,yes,0,51.0,38.5,36
    r2,Школа 2,yes,0,51.01,38.51,44
    p,Школа П,no,2,51.02,38.52,62
    c1,Школа В1,no,1,51.03,38.53,52
    c2,Школа В2,no,1,51.04,38.54,54
    c3,Школа В3,no,1,51.05,38.55,53
    """
    static let history = """
    year,rule,recipient,provider
    2020,ШНОР — школы-партнёры,r1,p
    2021,ШНОР — школы-партнёры,r1,p
    2022,ШНОР — школы-партнёры,r1,p

    """

    static func results(_ rows: [(String, [Double])], from year: Int = 2017) -> String {
        var lines = ["school,year,subject,score"]
        for (id, scores) in rows { for (i, v) in scores.enumerated() { lines.append("\(id),\(year + i),math,\(v)") } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// r1 falls behind after 2020: c's move by −1…+1, r1 by −6.
    static let standardResults = results([
        ("r1", [40, 41, 40, 41, 35, 34, 35, 36]), ("r2", [42, 43, 42, 43, 44, 43, 42, 44]),
        ("p", [60, 61, 60, 61, 62, 61, 60, 62]), ("c1", [50, 51, 50, 51, 51, 50, 51, 52]),
        ("c2", [55, 54, 55, 56, 55, 54, 55, 54]), ("c3", [52, 53, 52, 53, 53, 54, 53, 53]),
    ])

    static func district(yaml: String = Folder.yaml, results: String = Folder.standardResults, history: String = Folder.history) throws -> Folder {
        try Folder(["scenario.yaml": yaml, "schools.csv": schools, "results.csv": results, "partners-history.csv": history])
    }
}

@Suite("Loading results.csv and partners-history.csv")
struct LoadingTests {
    @Test("both tables load with the scenario and for setka effect alone")
    func loads() throws {
        let f = try Folder.district()
        let full = try ScenarioLoader.load(from: f.url)
        #expect(full.scenario.results.count == 48 && full.scenario.partnersHistory.count == 3)
        #expect(full.warnings.isEmpty, "\(full.warnings)")
        let effect = try ScenarioLoader.loadForEffect(from: f.url)
        #expect(effect.scenario.results == full.scenario.results)
        #expect(effect.scenario.partnersHistory == [PartnershipYear(year: 2020, rule: "ШНОР — школы-партнёры", recipient: "r1", provider: "p"),
                                                   PartnershipYear(year: 2021, rule: "ШНОР — школы-партнёры", recipient: "r1", provider: "p"),
                                                   PartnershipYear(year: 2022, rule: "ШНОР — школы-партнёры", recipient: "r1", provider: "p")])
    }

    @Test("setka effect needs only schools, results, history and the rules: no profile-day tables, no travel times")
    func onlyWhatItNeeds() throws {
        let yaml = Folder.yaml + "\nprofile_day:\n  slots:\n    - {id: \"1\", start: \"09:00\", end: \"10:30\"}\n"
        let f = try Folder.district(yaml: yaml)
        try f.write("schools.csv", Array("id,name,low_results,score:math\nr1,Школа 1,yes\np,Школа П,no\nc1,В1,no\nc2,В2,no\nc3,В3,no\nr2,Школа 2,yes\n".utf8))
        let loaded = try ScenarioLoader.loadForEffect(from: f.url)
        #expect(loaded.scenario.organisations.count == 6 && loaded.scenario.students.isEmpty)
        // The whole scenario does need the profile-day tables.
        #expect(f.errors(ScenarioLoader.load).contains { $0.contains("missing file: rooms.csv") })
    }

    @Test("a semicolon file with decimal commas, in Windows-1251, with a BOM-less header in other capitals")
    func excelFile() throws {
        let f = try Folder.district()
        let text = "School;YEAR;Subject;Score\r\nr1;2017;Math;40,5\r\nr1;2018;math;41\r\n"
        // Windows-1251 has no Cyrillic here, so also write a Cyrillic rule name in the history.
        try f.write("results.csv", Array(text.utf8))
        let cp1251: [UInt8] = Array("year;rule;recipient;provider\r\n2020;".utf8) + [0xD8, 0xCD, 0xCE, 0xD0] + Array(";r1;p\r\n".utf8)
        try f.write("partners-history.csv", cp1251)
        let s = try ScenarioLoader.loadForEffect(from: f.url).scenario
        #expect(s.results == [SchoolResult(school: "r1", year: 2017, subject: "math", score: 40.5),
                              SchoolResult(school: "r1", year: 2018, subject: "math", score: 41)])
        #expect(s.partnersHistory.first?.rule == "ШНОР")
    }

    @Test("errors name file, line, column and what was expected")
    func cellErrors() throws {
        let results = """
        school,year,subject,score
        r1,2О17,math,40
        r1,2018,math,120
        r1,2018,math,41
        r1,2019,math,
        r 1,2020,math,40
        r1,20233,math,40
        r1,2021,math,41
        r1,2021,math,42
        """
        let history = """
        year,rule,recipient,provider
        2020,,r1,p
        2021,ШНОР — школы-партнёры,r1,r1
        2022,ШНОР — школы-партнёры,r1,p
        2022,шнор — школы-партнёры,r1,p
        """
        let errors = try Folder.district(results: results + "\n", history: history + "\n").errors()
        let expected = [
            #"results.csv:2:2: error: column 'year': expected the calendar year of the assessment (a whole number such as 2024), found "2О17""#,
            #"results.csv:3:4: error: column 'score': expected a number from 0 to 100, found 120"#,
            #"results.csv:5:4: error: column 'score': expected the school's mean result, a number from 0 to 100, found an empty cell (leave the row out when there is no result)"#,
            #"results.csv:6:1: error: column 'school': an id cannot contain spaces, found "r 1""#,
            #"results.csv:7:2: error: column 'year': expected the calendar year of the assessment (a whole number such as 2024), found "20233""#,
            #"results.csv:9:4: error: column 'score': the result of 'r1' in 'math' for 2021 is given twice (already on line 8); keep one row"#,
            #"partners-history.csv:2:2: error: column 'rule': expected the rule's name as in scenario.yaml, found an empty cell"#,
            #"partners-history.csv:3:4: error: column 'provider': 'r1' cannot be its own partner"#,
            #"partners-history.csv:5:4: error: column 'provider': the pair 'r1' – 'p' of rule 'шнор — школы-партнёры' in 2022 is given twice (already on line 4); keep one row"#,
        ]
        #expect(errors == expected)
    }

    @Test("missing columns and files")
    func missing() throws {
        let noScore = try Folder.district(results: "school,year,subject\nr1,2017,math\n")
        #expect(noScore.errors() == ["results.csv:1: error: missing required column 'score' (the header row has: school, year, subject)"])
        let f = try Folder.district()
        try FileManager.default.removeItem(at: f.url.appendingPathComponent("results.csv"))
        #expect(f.errors() == ["results.csv: error: missing file: results.csv is not in the scenario folder (setka effect needs results.csv)"])
        // Without avoid_unhelpful the whole scenario does not need them.
        #expect(try ScenarioLoader.load(from: f.url).scenario.results.isEmpty)
    }

    @Test("a school not in schools.csv is a warning; one that differs only in capitals is an error")
    func unknownSchools() throws {
        let f = try Folder.district(results: Folder.standardResults + "closed,2017,math,40\nclosed,2018,math,41\nC1,2019,math,50\n",
                                    history: Folder.history + "2019,ШНОР — школы-партнёры,closed,p\n")
        #expect(f.errors() == ["results.csv:52:1: error: column 'school': unknown school 'C1'; did you mean 'c1'? ids must match schools.csv exactly"])
        try f.write("results.csv", Array((Folder.standardResults + "closed,2017,math,40\nclosed,2018,math,41\n").utf8))
        let warnings = try ScenarioLoader.loadForEffect(from: f.url).warnings.map(\.description)
        #expect(warnings == [
            "results.csv:50:1: warning: column 'school': 'closed' is not in schools.csv: its 2 rows are not used (a school that has closed may stay here; if it is a typing mistake, correct the id)",
            "partners-history.csv:5:3: warning: column 'recipient': 'closed' is not in schools.csv: its 1 row is not used (a school that has closed may stay here; if it is a typing mistake, correct the id)",
        ])
    }

    @Test("a rule the scenario does not have is a warning")
    func unknownRule() throws {
        let f = try Folder.district(history: Folder.history + "2019,Старое правило,r2,p\n")
        let warnings = try ScenarioLoader.loadForEffect(from: f.url).warnings.map(\.description)
        #expect(warnings == [#"partners-history.csv:5:2: warning: column 'rule': rule 'Старое правило' is not a partnering rule of scenario.yaml (the rules are 'ШНОР — школы-партнёры'): its pairs are estimated over every subject, and avoid_unhelpful does not apply to them"#])
    }

    @Test("avoid_unhelpful: read from scenario.yaml, needs both tables, written back by ScenarioWriter")
    func avoidOption() throws {
        let yaml = Folder.yaml + "\n    avoid_unhelpful: true\n"
        let f = try Folder.district(yaml: yaml)
        let s = try ScenarioLoader.load(from: f.url).scenario
        #expect(s.partnering[0].avoidUnhelpful)
        #expect(ScenarioWriter.scenarioYAML(s).contains("    avoid_unhelpful: true\n"))
        // Round trip: the same data from the written folder.
        let copy = try Folder([:])
        try ScenarioWriter.write(s, to: copy.url)
        let again = try ScenarioLoader.load(from: copy.url).scenario
        #expect(again.results == s.results && again.partnersHistory == s.partnersHistory && again.partnering == s.partnering)

        try FileManager.default.removeItem(at: f.url.appendingPathComponent("partners-history.csv"))
        #expect(f.errors(ScenarioLoader.load) == ["partners-history.csv: error: missing file: partners-history.csv is not in the scenario folder (partnering rule 'ШНОР — школы-партнёры' has avoid_unhelpful: true, so the scenario needs partners-history.csv)"])
        let bad = try Folder.district(yaml: Folder.yaml + "\n    avoid_unhelpful: maybe\n")
        #expect(bad.errors(ScenarioLoader.load).first?.contains("'partnering[1].avoid_unhelpful' should be yes or no") == true)
    }

    @Test("tables: may move both files")
    func tablePaths() throws {
        let f = try Folder.district(yaml: Folder.yaml.replacingOccurrences(of: "name: test", with: "name: test\ntables: {results: data/ege.csv, partners-history: data/pairs.csv}"))
        try f.write("data/ege.csv", Array(Folder.standardResults.utf8))
        try f.write("data/pairs.csv", Array(Folder.history.utf8))
        try FileManager.default.removeItem(at: f.url.appendingPathComponent("results.csv"))
        try FileManager.default.removeItem(at: f.url.appendingPathComponent("partners-history.csv"))
        let s = try ScenarioLoader.loadForEffect(from: f.url).scenario
        #expect(s.results.count == 48 && s.partnersHistory.count == 3)
    }

    @Test("a what-if variant: removing a school removes its past rows; set partnering.avoid_unhelpful")
    func variant() throws {
        let f = try Folder.district()
        try f.write("whatif/v.yaml", Array("""
        format: setka/1
        base: ..
        name: v
        changes:
          - remove: {school: r1}
          - set: {partnering.avoid_unhelpful: yes}
        """.utf8))
        let s = try ScenarioLoader.loadForEffect(from: f.url.appendingPathComponent("whatif/v.yaml"))
        #expect(!s.scenario.results.contains { $0.school == "r1" })
        #expect(s.scenario.partnering[0].avoidUnhelpful)
        #expect(s.warnings.map(\.description) == ["scenario.yaml:4:5: warning: rule 'ШНОР — школы-партнёры' has avoid_unhelpful: true, but partners-history.csv has no pair of this rule, so no pair is avoided"])
        // r1 was the only recipient in the history: nothing is left for setka effect.
        #expect(s.scenario.partnersHistory.isEmpty)
    }
}
