import Foundation
import SetkaModel
import Testing
@testable import Reports

@Suite("Map")
struct MapTests {
    @Test("student flows: trips of the bus plan added up per pair of places, both directions")
    func flows() throws {
        let content = ReportContent(try Fixture.input())
        let flows = MapSVG.flows(content).map { "\($0.a)-\($0.b):\($0.students)" }
        #expect(flows == ["A-B:3", "A-C:3", "B-C:1"])
    }

    @Test("lines: width by number of students, partner pairs dashed, one dot per placed organisation")
    func drawing() throws {
        let svg = Reports.mapSVG(try Fixture.input())
        #expect(svg.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(svg.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#))
        let widths = try NSRegularExpression(pattern: #"stroke-width="([0-9.]+)" stroke-linecap"#)
        let found = widths.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { Double(svg[Range($0.range(at: 1), in: svg)!])! }
        #expect(found == [12, 12, 5])   // 1.5 + 10.5 × students / most
        #expect(svg.components(separatedBy: #"stroke-dasharray="6 4"><title>Low results: School B — Школа А</title>"#).count == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3 + 3)   // A, B, C + three legend marks
        #expect(!svg.contains("No coordinates</text>"))                        // D has no coordinates
        let html = Reports.html(try Fixture.input())
        #expect(html.contains("Без координат (нет на карте): No coordinates"))
    }

    @Test("no coordinates at all: a sentence instead of a map")
    func nothingToDraw() throws {
        var input = try Fixture.input(language: "en")
        input.scenario.organisations = input.scenario.organisations.map { var o = $0; o.latitude = nil; o.longitude = nil; return o }
        let svg = Reports.mapSVG(input)
        #expect(svg.contains("No organisation has coordinates: no map can be drawn."))
        #expect(!svg.contains("<circle"))
    }

    @Test("labels that would overlap move apart")
    func labels() {
        let orgs = (0..<4).map { Organisation(id: "o\($0)", name: "Organisation \($0)", latitude: 50, longitude: 40) }
        var at: [String: (x: Double, y: Double)] = [:]
        for o in orgs { at[o.id] = (300, 300) }
        let placed = MapSVG.labels(orgs + [Organisation(id: "x", name: "МКОУ «Луговская СОШ»", latitude: 50, longitude: 40)],
                                   at: at.merging(["x": (300, 300)]) { a, _ in a })
        let boxes = placed.map { l -> (Double, Double, Double, Double) in
            let w = Double(l.text.count) * 6.6
            let x0 = l.end ? l.x - w : l.x
            return (x0, l.y - 11, x0 + w, l.y + 3)
        }
        for i in boxes.indices {
            for j in boxes.indices where i < j {
                let a = boxes[i], b = boxes[j]
                #expect(!(a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3), "labels \(i) and \(j) overlap")
            }
        }
        #expect(placed.filter(\.moved).count == 1)        // right, left, above, below, then moved
        #expect(placed.contains { $0.text == "Луговская СОШ" })
    }

    @Test("map names: what stands inside «...»")
    func shortNames() {
        #expect(MapSVG.shortName("МКОУ «Луговская СОШ»") == "Луговская СОШ")
        #expect(MapSVG.shortName("МБУ ДО «Центр «Радуга»»") == "Центр «Радуга»")
        #expect(MapSVG.shortName("School B") == "School B")
        #expect(MapSVG.shortName("«»") == "«»")
    }
}
