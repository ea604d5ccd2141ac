import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Scenarios
import SetkaModel

/// Counts elements while parsing; `ok` is false on any XML error.
private final class XMLProbe: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
    }
}

@Suite("Sweep")
struct SweepTests {
    @Test("parse: ranges, stepped ranges, lists and errors")
    func parse() throws {
        #expect(try SweepSpec.parse("profile_day.min_section_size=6..12").values == ["6", "7", "8", "9", "10", "11", "12"])
        #expect(try SweepSpec.parse("weights.travel_minute=0..1:0.25").values == ["0", "0.25", "0.5", "0.75", "1"])
        let list = try SweepSpec.parse("visiting_teacher_rule=yes,no")
        #expect(list.key == "visiting_teacher_rule" && list.values == ["yes", "no"])
        for bad in ["min_section_size", "=1..2", "k=5..2", "k=1,,2", "k=a..b"] {
            #expect(throws: SweepError.self) { try SweepSpec.parse(bad) }
        }
    }

    @Test("inputs: one scenario per value; a bad key or value names --set")
    func inputs() throws {
        let folder = try Fixtures.write()
        let spec = try SweepSpec.parse("profile_day.min_section_size=4..6")
        let inputs = try spec.inputs(base: folder, baseName: "R")
        #expect(inputs.map { $0.scenario.profileDay?.minSectionSize } == [4, 5, 6])
        #expect(inputs.map(\.scenario.name) == ["R [profile_day.min_section_size=4]", "R [profile_day.min_section_size=5]",
                                                "R [profile_day.min_section_size=6]"])
        do {
            _ = try SweepSpec.parse("profile_day.min_size=4..6").inputs(base: folder, baseName: "R")
            Issue.record("an unknown key should fail")
        } catch let e as ScenarioError {
            #expect(e.diagnostics.first?.message.contains("unknown setting key 'profile_day.min_size'") == true)
            #expect(e.diagnostics.first?.location?.file == "--set profile_day.min_size=4")
        }
        do {
            _ = try SweepSpec.parse("min_section_size=0,2").inputs(base: folder, baseName: "R")
            Issue.record("a bad value should fail")
        } catch let e as ScenarioError {
            #expect(e.diagnostics.first?.message.contains("a whole number ≥ 1") == true)
        }
    }

    @Test("results: CSV with one row per value and a well-formed SVG chart")
    func outputs() throws {
        let folder = try Fixtures.write()
        let spec = try SweepSpec.parse("profile_day.min_section_size=4..7")
        let inputs = try spec.inputs(base: folder, baseName: "R")
        let runner = ScenarioRunner(engines: TestEngines.greedy(), options: RunOptions(timeLimit: 1), cache: nil)
        let result = SweepResult(spec: spec, runs: runner.run(inputs))
        let lines = result.csv().split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("profile_day.min_section_size,students,fully_served"))
        #expect(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) } == ["4", "5", "6", "7"])
        let width = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width })

        let svg = result.svg(title: "R & <min> sweep")
        let parser = XMLParser(data: Data(svg.utf8))
        let probe = XMLProbe()
        parser.delegate = probe
        #expect(parser.parse())
        #expect(probe.elements["svg"] == 1)
        // One line and four points per charted figure.
        let figures = result.series.count
        #expect(figures >= 6)
        #expect(probe.elements["polyline"] == figures)
        #expect(probe.elements["circle"] == 4 * figures)
        #expect(svg.contains("R &amp; &lt;min&gt; sweep"))
    }
}
