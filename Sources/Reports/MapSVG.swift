import Foundation
import SetkaModel

/// The map: organisations at their coordinates, partner pairs as dashed lines, and the profile
/// day's student trips between sites as lines whose width grows with the number of students.
/// Drawn from coordinates alone (an equirectangular projection around the district's mean
/// latitude), so it needs no map tiles and works offline.
public enum MapSVG {
    /// Width and height of the drawing in SVG units.
    static let width = 900.0, height = 640.0, margin = 70.0

    /// A line between two organisations with a number of students (0 for partner pairs).
    struct Flow: Hashable { var a: String; var b: String; var students: Int }

    /// Student trips of the bus plan, both directions added, by pair of places.
    static func flows(_ content: ReportContent) -> [Flow] {
        guard let day = content.day else { return [] }
        var count: [String: (String, String, Int)] = [:]
        for (school, students) in content.schoolsWithStudents {
            for trip in day.trips(school: school, students: students) {
                let (a, b) = trip.from < trip.to ? (trip.from, trip.to) : (trip.to, trip.from)
                count["\(a)\u{1}\(b)", default: (a, b, 0)].2 += trip.students.count
            }
        }
        return count.values.map { Flow(a: $0.0, b: $0.1, students: $0.2) }.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    /// The SVG. `standalone` adds the XML namespace a separate `.svg` file needs; inline in
    /// HTML it is left out (HTML knows `<svg>`, and the report names no URL at all).
    public static func svg(_ content: ReportContent, standalone: Bool) -> String {
        let words = content.words
        let orgs = content.input.scenario.organisations
        let placed = orgs.filter { $0.latitude != nil && $0.longitude != nil }
        let ns = standalone ? #" xmlns="http://www.w3.org/2000/svg""# : ""
        var s = #"<svg\#(ns) class="map" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))" role="img" aria-label="\#(HTML.escape(words[.map]))">"#
        s += #"<rect x="0" y="0" width="\#(Int(width))" height="\#(Int(height))" fill='#fbfbf8' stroke='#999'/>"#
        guard !placed.isEmpty else {
            s += #"<text x="\#(Int(width / 2))" y="\#(Int(height / 2))" text-anchor="middle" font-size="16">\#(HTML.escape(words[.mapNothing]))</text>"#
            return s + "</svg>"
        }
        // Projection.
        let lats = placed.map { $0.latitude! }, lons = placed.map { $0.longitude! }
        let meanLat = lats.reduce(0, +) / Double(lats.count)
        let k = max(cos(meanLat * .pi / 180), 0.01)
        let minX = lons.min()! * k, maxX = lons.max()! * k, minY = lats.min()!, maxY = lats.max()!
        let legendHeight = 70.0
        let spanX = max(maxX - minX, 1e-9), spanY = max(maxY - minY, 1e-9)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin - legendHeight) / spanY)
        let offX = (width - scale * (maxX - minX)) / 2, offY = (height - legendHeight - scale * (maxY - minY)) / 2
        var at: [String: (x: Double, y: Double)] = [:]
        for o in placed {
            let x = (spanX < 1e-6 ? width / 2 : offX + (o.longitude! * k - minX) * scale)
            let y = (spanY < 1e-6 ? (height - legendHeight) / 2 : offY + (maxY - o.latitude!) * scale)
            at[o.id] = (x, y)
        }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        // Student flows, widest drawn first so thin lines stay visible.
        let flows = flows(content).filter { at[$0.a] != nil && at[$0.b] != nil }
        let most = max(flows.map(\.students).max() ?? 1, 1)
        s += #"<g class="flows">"#
        var countBoxes: [(x: Double, y: Double)] = []
        var countLabels = ""
        for fl in flows.sorted(by: { $0.students > $1.students }) {
            let p = at[fl.a]!, q = at[fl.b]!
            let w = 1.5 + 10.5 * Double(fl.students) / Double(most)
            let title = "\(content.org(fl.a)) — \(content.org(fl.b)): \(words.studentsCount(fl.students))"
            s += #"<line x1="\#(f(p.x))" y1="\#(f(p.y))" x2="\#(f(q.x))" y2="\#(f(q.y))" stroke='#2b7bb9' stroke-opacity="0.55" stroke-width="\#(f(w))" stroke-linecap="round"><title>\#(HTML.escape(title))</title></line>"#
            // The number near the middle of its line, moved along the line away from numbers already drawn.
            var spot = (x: (p.x + q.x) / 2, y: (p.y + q.y) / 2)
            for t in [0.5, 0.62, 0.38, 0.74, 0.26, 0.82, 0.18] {
                let c = (x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t)
                if !countBoxes.contains(where: { abs($0.x - c.x) < 22 && abs($0.y - c.y) < 14 }) { spot = c; break }
            }
            // With more than 30 lines, numbers only on the 15 largest flows (every line has its tooltip).
            if flows.count > 30 && (fl.students * 5 < most || countBoxes.count >= 15) { continue }
            countBoxes.append(spot)
            countLabels += #"<text x="\#(f(spot.x))" y="\#(f(spot.y + 4))" font-size="11" font-weight="bold" fill='#1d5a88' stroke='#fbfbf8' stroke-width="3" paint-order="stroke" text-anchor="middle">\#(fl.students)</text>"#
        }
        s += countLabels + "</g>"

        // Partner pairs.
        s += #"<g class="partners">"#
        var drawn = Set<String>()
        for r in content.input.partners ?? [] {
            guard let provider = r.provider, let p = at[r.recipient], let q = at[provider],
                  drawn.insert("\(r.recipient)\u{1}\(provider)").inserted else { continue }
            let title = "\(r.rule): \(content.org(r.recipient)) — \(content.org(provider))"
            s += #"<line x1="\#(f(p.x))" y1="\#(f(p.y))" x2="\#(f(q.x))" y2="\#(f(q.y))" stroke='#c0392b' stroke-width="2" stroke-dasharray="6 4"><title>\#(HTML.escape(title))</title></line>"#
        }
        s += "</g>"

        // Organisations.
        s += #"<g class="organisations">"#
        for o in placed {
            let p = at[o.id]!
            let fill = o.kind == .school ? (o.lowResults ? "#e67e22" : "#27ae60") : "#7f8c8d"
            s += #"<circle cx="\#(f(p.x))" cy="\#(f(p.y))" r="7" fill="\#(fill)" stroke='#222' stroke-width="1"><title>\#(HTML.escape(o.name))</title></circle>"#
        }
        for label in labels(placed, at: at) {
            if label.moved {
                s += #"<line x1="\#(f(label.anchor.x))" y1="\#(f(label.anchor.y))" x2="\#(f(label.x + (label.end ? 2 : -2)))" y2="\#(f(label.y - 4))" stroke='#888' stroke-width="0.7"/>"#
            }
            let anchor = label.end ? #" text-anchor="end""# : ""
            s += #"<text x="\#(f(label.x))" y="\#(f(label.y))"\#(anchor) font-size="12" fill='#222' stroke='#fbfbf8' stroke-width="3" paint-order="stroke">\#(HTML.escape(label.text))</text>"#
        }
        s += "</g>"

        // Legend.
        let ly = height - legendHeight + 14
        let items: [(String, String)] = [
            (#"<circle cx="20" cy="\#(f(ly))" r="6" fill='#27ae60' stroke='#222'/>"#, words[.mapLegendSchool]),
            (#"<circle cx="20" cy="\#(f(ly + 18))" r="6" fill='#e67e22' stroke='#222'/>"#, words[.mapLegendLowResults]),
            (#"<circle cx="20" cy="\#(f(ly + 36))" r="6" fill='#7f8c8d' stroke='#222'/>"#, words[.mapLegendOther]),
        ]
        s += #"<g class="legend" font-size="12">"#
        for (i, (mark, text)) in items.enumerated() {
            s += mark + #"<text x="32" y="\#(f(ly + 4 + Double(i) * 18))">\#(HTML.escape(text))</text>"#
        }
        s += #"<line x1="380" y1="\#(f(ly))" x2="410" y2="\#(f(ly))" stroke='#c0392b' stroke-width="2" stroke-dasharray="6 4"/>"#
        s += #"<text x="418" y="\#(f(ly + 4))">\#(HTML.escape(words[.mapLegendPartners]))</text>"#
        s += #"<line x1="380" y1="\#(f(ly + 18))" x2="410" y2="\#(f(ly + 18))" stroke='#2b7bb9' stroke-opacity="0.55" stroke-width="6"/>"#
        s += #"<text x="418" y="\#(f(ly + 22))">\#(HTML.escape(words[.mapLegendFlows]))</text>"#
        s += "</g>"
        return s + "</svg>"
    }

    struct PlacedLabel {
        var text: String
        /// Where the text starts (`anchor` start) or ends (`end`).
        var x: Double
        var y: Double
        var end: Bool
        var anchor: (x: Double, y: Double)
        var moved: Bool
    }

    /// The name on the map: what stands inside «...» (`МКОУ «Луговская СОШ»` → `Луговская СОШ`),
    /// else the whole name. The full name is the dot's tooltip and in every table.
    static func shortName(_ name: String) -> String {
        guard let open = name.firstIndex(of: "«"), let close = name.lastIndex(of: "»"), open < close else { return name }
        let inner = name[name.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        return inner.isEmpty ? name : inner
    }

    /// Labels beside their dots: right, left, then above or below, then further up or down
    /// (with a thin leader line) until they overlap no other label and no dot.
    static func labels(_ orgs: [Organisation], at: [String: (x: Double, y: Double)]) -> [PlacedLabel] {
        let lineHeight = 14.0
        typealias Box = (x0: Double, y0: Double, x1: Double, y1: Double)
        var boxes: [Box] = orgs.map { o in let p = at[o.id]!; return (p.x - 8, p.y - 8, p.x + 8, p.y + 8) }
        var out: [PlacedLabel] = []
        for o in orgs.sorted(by: { (at[$0.id]!.y, at[$0.id]!.x) < (at[$1.id]!.y, at[$1.id]!.x) }) {
            let p = at[o.id]!
            let text = shortName(o.name)
            let w = Double(text.count) * 6.6
            // Candidates: (x of the text's start, baseline y, right-aligned?).
            var candidates: [(Double, Double, Bool)] = [(p.x + 10, p.y + 4, false), (p.x - 10, p.y + 4, true),
                                                        (p.x - w / 2, p.y - 12, false), (p.x - w / 2, p.y + 20, false)]
            for step in 1..<(orgs.count > 40 ? 3 : 30) {
                for sign in [1.0, -1.0] {
                    candidates.append((p.x + 10, p.y + 4 + sign * Double(step) * lineHeight, false))
                    candidates.append((p.x - 10, p.y + 4 + sign * Double(step) * lineHeight, true))
                }
            }
            // With many organisations a label that finds no free place is left out (its dot's
            // tooltip still names it) rather than drawn over others.
            var chosen: (Double, Double, Bool)? = orgs.count > 40 ? nil : candidates[0]
            for c in candidates {
                let x0 = c.2 ? c.0 - w : c.0
                guard x0 > 2, x0 + w < width - 2, c.1 > 14, c.1 < height - 80 else { continue }
                let box = (x0: x0, y0: c.1 - 11, x1: x0 + w, y1: c.1 + 3)
                if !boxes.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) {
                    chosen = c
                    break
                }
            }
            guard let chosen else { continue }
            let x0 = chosen.2 ? chosen.0 - w : chosen.0
            boxes.append((x0, chosen.1 - 11, x0 + w, chosen.1 + 3))
            let near = abs(chosen.1 - (p.y + 4)) < 0.5 || abs(chosen.1 - (p.y - 12)) < 0.5 || abs(chosen.1 - (p.y + 20)) < 0.5
            out.append(PlacedLabel(text: text, x: chosen.0, y: chosen.1, end: chosen.2, anchor: p, moved: !near))
        }
        return out
    }

    /// Organisations the map cannot place.
    static func unplaced(_ content: ReportContent) -> [Organisation] {
        content.input.scenario.organisations.filter { $0.latitude == nil || $0.longitude == nil }
    }
}
