import Foundation
import SetkaModel

/// A parameter sweep: one setting and the values to run it at (`--set key=6..12`).
public struct SweepSpec: Sendable, Hashable, Codable {
    /// The setting key, as `set:` in a variant takes it (`profile_day.min_section_size`).
    public var key: String
    /// The values, as text, in the order given.
    public var values: [String]

    public init(key: String, values: [String]) { self.key = key; self.values = values }

    /// Parses `KEY=a..b` (whole numbers a to b), `KEY=a..b:step` (step may be a decimal) or
    /// `KEY=a,b,c`. Throws `SweepError` saying what was expected.
    public static func parse(_ text: String) throws -> SweepSpec {
        guard let eq = text.firstIndex(of: "=") else {
            throw SweepError("--set should be KEY=VALUES, e.g. profile_day.min_section_size=6..12 or weights.section=0,5,10; found \"\(text)\"")
        }
        let key = text[..<eq].trimmingCharacters(in: .whitespaces)
        let spec = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        if key.isEmpty { throw SweepError("--set needs a setting key before '=' (e.g. profile_day.min_section_size=6..12)") }
        if let range = spec.range(of: "..") {
            let lo = String(spec[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            var rest = String(spec[range.upperBound...])
            var step = "1"
            if let colon = rest.firstIndex(of: ":") {
                step = String(rest[rest.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                rest = String(rest[..<colon])
            }
            let hi = rest.trimmingCharacters(in: .whitespaces)
            guard let a = Double(lo), let b = Double(hi), let s = Double(step), s > 0, a <= b else {
                throw SweepError("--set \(key)=\(spec): a range is a..b with a ≤ b (and optionally :step > 0), e.g. 6..12 or 0..1:0.25")
            }
            let count = Int(((b - a) / s + 1e-9).rounded(.down)) + 1
            guard count <= 1000 else { throw SweepError("--set \(key)=\(spec) gives \(count) values; at most 1000") }
            let integral = [a, b, s].allSatisfy { $0 == $0.rounded() }
            let values = (0..<count).map { i -> String in
                let v = a + Double(i) * s
                return integral ? String(Int(v)) : Self.format(v)
            }
            return SweepSpec(key: key, values: values)
        }
        let values = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if values.isEmpty || values.contains(where: \.isEmpty) {
            throw SweepError("--set \(key)=\(spec): give a range a..b or a list a,b,c without empty items")
        }
        return SweepSpec(key: key, values: values)
    }

    static func format(_ v: Double) -> String {
        var s = String(format: "%.6f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// The scenario at each value: the base with `set: {key: value}`, named `BASE [key=value]`.
    /// Throws `ScenarioError` (an unknown key or a bad value, located at `--set`).
    public func inputs(base: URL, baseName: String) throws -> [ScenarioInput] {
        try values.map { value in
            let name = "\(baseName) [\(key)=\(value)]"
            let change = VariantChange(.set(key: key, value: value), at: SourceLocation(file: "--set \(key)=\(value)"))
            let v = try VariantLoader.load(base: base, name: name, changes: [change])
            return ScenarioInput(scenario: v.loaded.scenario, source: "\(key)=\(value)", variantReport: v.report)
        }
    }
}

/// A `--set` argument that cannot be read.
public struct SweepError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The results of a sweep and their CSV table and SVG chart.
public struct SweepResult: Sendable {
    public var spec: SweepSpec
    /// One run per value, in the order of `spec.values`.
    public var runs: [ScenarioRunResult]

    public init(spec: SweepSpec, runs: [ScenarioRunResult]) { self.spec = spec; self.runs = runs }

    /// A figure charted against the parameter.
    public struct Series: Sendable {
        /// A stable key (`fully_served`, `objective`, …: the CSV column it comes from), for
        /// reports that name the figure in another language.
        public var key: String
        public var name: String
        public var values: [Double?]
    }

    /// The key figures that any run has, in a fixed order.
    public var series: [Series] {
        func s(_ key: String, _ name: String, _ f: (ScenarioRunResult) -> Double?) -> Series {
            Series(key: key, name: name, values: runs.map(f))
        }
        let all = [
            s("fully_served", "students fully served") { $0.profileDay.map { Double($0.fullyServed) } },
            s("not_served", "students not served") { $0.profileDay.map { Double($0.notServed) } },
            s("first_choice_share", "first-choice share, %") { $0.profileDay.map { $0.firstChoiceShare * 100 } },
            s("sections", "sections") { $0.profileDay.map { Double($0.sections) } },
            s("mean_travel_minutes", "mean travel, min") { $0.profileDay.map(\.meanTravelMinutes) },
            s("objective", "profile-day objective") { $0.profileDay.map(\.objective) },
            s("partner_pairs", "partner pairs") { $0.partnering.map { Double($0.pairs) } },
            s("partner_gain", "partner gain") { $0.partnering.map(\.totalGain) },
        ]
        return all.filter { $0.values.contains { $0 != nil } }
    }

    /// One row per value: the parameter, then the key figures.
    public func csv() -> String {
        let header = [spec.key, "students", "fully_served", "partly_served", "not_served", "first_choice_share",
                      "sections", "teachers_teaching", "mean_travel_minutes", "max_travel_minutes", "objective",
                      "gap", "status", "partner_pairs", "partner_gain", "recipients_unserved", "cached"]
        var lines = [header.map { CSVWriter.escape($0) }.joined(separator: ",")]
        for (value, r) in zip(spec.values, runs) {
            let p = r.profileDay, q = r.partnering
            func f(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "" }
            func n(_ x: Int?) -> String { x.map(String.init) ?? "" }
            let cells = [value, n(p?.students), n(p?.fullyServed), n(p?.partlyServed), n(p?.notServed),
                         f(p?.firstChoiceShare), n(p?.sections), n(p?.teachersTeaching), f(p?.meanTravelMinutes),
                         f(p?.maxTravelMinutes), f(p?.objective), f(p?.gap ?? nil), p?.status.rawValue ?? "", n(q?.pairs),
                         f(q?.totalGain), n(q?.unservedRecipients), r.fromCache ? "yes" : "no"]
            lines.append(cells.map { CSVWriter.escape($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A hand-written SVG: one small line chart per key figure against the parameter, two per row.
    /// `standalone` adds the XML namespace a separate `.svg` file needs (inline in HTML it is
    /// not needed); `name` titles each small chart (the English `Series.name` by default).
    public func svg(title: String, standalone: Bool = true, name: (Series) -> String = \.name) -> String {
        let named = series.map { var s = $0; s.name = name($0); return s }
        return SweepChart(title: title, parameter: spec.key, labels: spec.values, series: named, standalone: standalone).svg()
    }
}

/// Draws small-multiple line charts as plain SVG (no dependencies).
struct SweepChart {
    var title: String
    var parameter: String
    var labels: [String]
    var series: [SweepResult.Series]
    /// With the XML namespace, for a separate file.
    var standalone = true

    let panelWidth = 360.0, panelHeight = 220.0, columns = 2
    let margin = (left: 56.0, right: 16.0, top: 30.0, bottom: 40.0)

    static func escape(_ s: String) -> String { Markup.html(s) }

    static func number(_ v: Double) -> String {
        if abs(v) >= 1000 || v == v.rounded() { return String(format: "%.0f", v) }
        return String(format: abs(v) >= 10 ? "%.1f" : "%.2f", v)
    }

    static func coord(_ v: Double) -> String { String(format: "%.1f", v) }

    func svg() -> String {
        let rows = max(1, (series.count + columns - 1) / columns)
        let width = panelWidth * Double(columns), height = 40 + panelHeight * Double(rows)
        var out = """
        <svg\(standalone ? #" xmlns="http://www.w3.org/2000/svg""# : "") width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="11">
        <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="white"/>
        <text x="\(Self.coord(width / 2))" y="24" text-anchor="middle" font-size="15">\(Self.escape(title))</text>

        """
        if series.isEmpty {
            out += "<text x=\"\(Self.coord(width / 2))\" y=\"80\" text-anchor=\"middle\">no figures to chart</text>\n"
        }
        for (i, s) in series.enumerated() {
            let x0 = Double(i % columns) * panelWidth, y0 = 40 + Double(i / columns) * panelHeight
            out += panel(s, x0: x0, y0: y0)
        }
        return out + "</svg>\n"
    }

    private func panel(_ s: SweepResult.Series, x0: Double, y0: Double) -> String {
        let left = x0 + margin.left, right = x0 + panelWidth - margin.right
        let top = y0 + margin.top, bottom = y0 + panelHeight - margin.bottom
        let present = s.values.compactMap { $0 }
        var lo = present.min() ?? 0, hi = present.max() ?? 1
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let n = labels.count
        func x(_ i: Int) -> Double { n <= 1 ? (left + right) / 2 : left + (right - left) * Double(i) / Double(n - 1) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - lo) / (hi - lo) }
        var g = "<g>\n"
        g += "<text x=\"\(Self.coord((left + right) / 2))\" y=\"\(Self.coord(y0 + 18))\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">\(Self.escape(s.name))</text>\n"
        g += "<line x1=\"\(Self.coord(left))\" y1=\"\(Self.coord(bottom))\" x2=\"\(Self.coord(right))\" y2=\"\(Self.coord(bottom))\" stroke=\"#444\"/>\n"
        g += "<line x1=\"\(Self.coord(left))\" y1=\"\(Self.coord(top))\" x2=\"\(Self.coord(left))\" y2=\"\(Self.coord(bottom))\" stroke=\"#444\"/>\n"
        for v in [lo, (lo + hi) / 2, hi] {
            g += "<line x1=\"\(Self.coord(left))\" y1=\"\(Self.coord(y(v)))\" x2=\"\(Self.coord(right))\" y2=\"\(Self.coord(y(v)))\" stroke=\"#ddd\"/>\n"
            g += "<text x=\"\(Self.coord(left - 4))\" y=\"\(Self.coord(y(v) + 4))\" text-anchor=\"end\">\(Self.number(v))</text>\n"
        }
        let every = max(1, n / 8)
        for (i, label) in labels.enumerated() where i % every == 0 || i == n - 1 {
            g += "<text x=\"\(Self.coord(x(i)))\" y=\"\(Self.coord(bottom + 14))\" text-anchor=\"middle\">\(Self.escape(label))</text>\n"
        }
        g += "<text x=\"\(Self.coord((left + right) / 2))\" y=\"\(Self.coord(bottom + 30))\" text-anchor=\"middle\" fill=\"#555\">\(Self.escape(parameter))</text>\n"
        // The line, broken where a value is missing.
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                g += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>\n"
            }
            segment = []
        }
        for (i, v) in s.values.enumerated() {
            guard let v else { flush(); continue }
            segment.append("\(Self.coord(x(i))),\(Self.coord(y(v)))")
        }
        flush()
        for (i, v) in s.values.enumerated() {
            guard let v else { continue }
            g += "<circle cx=\"\(Self.coord(x(i)))\" cy=\"\(Self.coord(y(v)))\" r=\"3\" fill=\"#1f77b4\"><title>\(Self.escape("\(parameter)=\(labels[i]): \(Self.number(v))"))</title></circle>\n"
        }
        return g + "</g>\n"
    }
}
