import Foundation
import ProfileDay
import SetkaModel

/// A section as the diff sees it: which course runs where and when (teacher and room aside).
public struct SectionPlace: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var course: String
    /// The site, or nil for a remote section.
    public var site: String?
    public var slot: String

    public init(course: String, site: String?, slot: String) { self.course = course; self.site = site; self.slot = slot }
    public init(_ s: Section) { self.init(course: s.course, site: s.site, slot: s.slot) }

    public static func < (a: SectionPlace, b: SectionPlace) -> Bool {
        (a.course, a.site ?? "", a.slot) < (b.course, b.site ?? "", b.slot)
    }
    public var description: String { site.map { "\(course) at \($0), slot \(slot)" } ?? "\(course) remote, slot \(slot)" }
}

/// A student and a course they gained or lost.
public struct StudentCourse: Sendable, Hashable, Codable, Comparable {
    public var student: String
    public var course: String
    public init(student: String, course: String) { self.student = student; self.course = course }
    public static func < (a: StudentCourse, b: StudentCourse) -> Bool { (a.student, a.course) < (b.student, b.course) }
}

/// A partner pair under a rule.
public struct PairKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rule: String
    public var recipient: String
    public var provider: String
    public init(rule: String, recipient: String, provider: String) {
        self.rule = rule; self.recipient = recipient; self.provider = provider
    }
    public static func < (a: PairKey, b: PairKey) -> Bool {
        (a.rule, a.recipient, a.provider) < (b.rule, b.recipient, b.provider)
    }
    public var description: String { "\(recipient) ← \(provider) (\(rule))" }
}

/// What changed from the base to one variant.
public struct VariantDiff: Sendable, Hashable, Codable {
    public var variant: String
    /// Sections the variant has and the base does not (by course, site and slot; repeated when
    /// several sections of one place opened).
    public var sectionsOpened: [SectionPlace]
    public var sectionsClosed: [SectionPlace]
    /// Students (in both scenarios) who lost or gained a course.
    public var coursesLost: [StudentCourse]
    public var coursesGained: [StudentCourse]
    /// Students whose set of sections (course, site, slot) differs; students in both scenarios.
    public var studentsWithChangedDay: Int
    public var pairsAdded: [PairKey]
    public var pairsRemoved: [PairKey]
    /// Students of the base the variant does not have, and new ones.
    public var studentsRemoved: Int
    public var studentsAdded: Int

    /// The differences between a base run and a variant run.
    public init(base: ScenarioRunResult, variant: ScenarioRunResult) {
        self.variant = variant.name
        let bt = base.timetable ?? Timetable(), vt = variant.timetable ?? Timetable()
        (sectionsOpened, sectionsClosed) = Self.sectionChanges(base: bt, variant: vt)
        let bDays = Self.days(bt), vDays = Self.days(vt)
        let bStudents = Set(base.studentIDs), vStudents = Set(variant.studentIDs)
        var lost: [StudentCourse] = [], gained: [StudentCourse] = []
        var changed = 0
        for s in bStudents.intersection(vStudents) {
            let b = bDays[s] ?? [], v = vDays[s] ?? []
            if b != v { changed += 1 }
            let bc = Set(b.map(\.course)), vc = Set(v.map(\.course))
            lost += bc.subtracting(vc).map { StudentCourse(student: s, course: $0) }
            gained += vc.subtracting(bc).map { StudentCourse(student: s, course: $0) }
        }
        coursesLost = lost.sorted(); coursesGained = gained.sorted()
        studentsWithChangedDay = changed
        studentsRemoved = bStudents.subtracting(vStudents).count
        studentsAdded = vStudents.subtracting(bStudents).count
        let bp = Set((base.partnerPairs ?? []).map { PairKey(rule: $0.rule, recipient: $0.recipient, provider: $0.provider) })
        let vp = Set((variant.partnerPairs ?? []).map { PairKey(rule: $0.rule, recipient: $0.recipient, provider: $0.provider) })
        pairsAdded = vp.subtracting(bp).sorted(); pairsRemoved = bp.subtracting(vp).sorted()
    }

    /// Sections opened and closed, as multisets of places.
    public static func sectionChanges(base: Timetable, variant: Timetable) -> (opened: [SectionPlace], closed: [SectionPlace]) {
        var count: [SectionPlace: Int] = [:]
        for s in variant.sections { count[SectionPlace(s), default: 0] += 1 }
        for s in base.sections { count[SectionPlace(s), default: 0] -= 1 }
        var opened: [SectionPlace] = [], closed: [SectionPlace] = []
        for (place, n) in count.sorted(by: { $0.key < $1.key }) {
            if n > 0 { opened += repeatElement(place, count: n) }
            if n < 0 { closed += repeatElement(place, count: -n) }
        }
        return (opened, closed)
    }

    /// Each student's day: the places of the sections they attend.
    public static func days(_ t: Timetable) -> [String: Set<SectionPlace>] {
        var place: [String: SectionPlace] = [:]
        for s in t.sections where place[s.id] == nil { place[s.id] = SectionPlace(s) }
        var out: [String: Set<SectionPlace>] = [:]
        for e in t.enrolments { if let p = place[e.section] { out[e.student, default: []].insert(p) } }
        return out
    }
}

extension ScenarioRunResult {
    /// Ids of the students the run knew (from the timetable's scenario; enrolled or not).
    var studentIDs: [String] { studentsKnown ?? Array(Set((timetable?.enrolments ?? []).map(\.student))) }
}

/// A base and its variants run side by side, with what changed against the base.
public struct Comparison: Sendable, Codable {
    public var base: ScenarioRunResult
    public var variants: [ScenarioRunResult]
    public var diffs: [VariantDiff]

    public init(base: ScenarioRunResult, variants: [ScenarioRunResult]) {
        self.base = base; self.variants = variants
        diffs = variants.map { VariantDiff(base: base, variant: $0) }
    }

    /// Every run, base first.
    public var runs: [ScenarioRunResult] { [base] + variants }

    /// The variants re-planned against a published timetable (`ScenarioRunner.published`), in
    /// the order of `variants`, each with the bound of the variant's fresh solve.
    public var keptPlans: [KeptPlan] {
        variants.compactMap { v in v.kept.map { KeptPlan(variant: v.name, result: $0, freshBound: v.profileDay?.bound) } }
    }

    /// One row of the side-by-side table: a label and one cell per run.
    public struct Row: Sendable { public var label: String; public var cells: [String] }

    /// The side-by-side figures: one row per figure, one column per run (base first).
    public var rows: [Row] {
        let runs = runs
        func row(_ label: String, _ f: (ScenarioRunResult) -> String?) -> Row {
            Row(label: label, cells: runs.map { f($0) ?? "–" })
        }
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        func num(_ x: Double) -> String { String(format: "%.1f", x) }
        var out: [Row] = []
        if runs.contains(where: { $0.profileDay != nil }) {
            out += [
                row("students") { $0.profileDay.map { String($0.students) } },
                row("fully served") { $0.profileDay.map { String($0.fullyServed) } },
                row("partly served") { $0.profileDay.map { String($0.partlyServed) } },
                row("not served") { $0.profileDay.map { String($0.notServed) } },
                row("first choices") { $0.profileDay.map { pct($0.firstChoiceShare) } },
                row("sections") { $0.profileDay.map { "\($0.sections)" + ($0.remoteSections > 0 ? " (\($0.remoteSections) remote)" : "") } },
                row("teachers teaching") { $0.profileDay.map { String($0.teachersTeaching) } },
                row("mean travel, min") { $0.profileDay.map { num($0.meanTravelMinutes) } },
                row("max travel, min") { $0.profileDay.map { num($0.maxTravelMinutes) } },
                row("objective") { $0.profileDay.map { num($0.objective) } },
                row("gap") { $0.profileDay?.gap.map(pct) },
                row("status") { $0.profileDay.map { $0.status.rawValue + ($0.verified ? "" : ", NOT VERIFIED (\($0.violations) violations)") } },
            ]
        }
        if runs.contains(where: { $0.partnering != nil }) {
            out += [
                row("partner pairs") { $0.partnering.map { String($0.pairs) } },
                row("partner gain") { $0.partnering.map { num($0.totalGain) } },
                row("recipients unserved") { $0.partnering.map { String($0.unservedRecipients) } },
                row("partnering objective") { $0.partnering?.objective.map(num) },
            ]
        }
        return out
    }

    /// The side-by-side table as aligned text, then what changed against the base.
    /// Column titles: `base`, `v1`, `v2`, … (the legend above the table names them).
    public var columnTitles: [String] { ["base"] + variants.indices.map { "v\($0 + 1)" } }

    /// `effect` words what a variant's change did (`Words.sentence`).
    public func text(listLimit: Int = 10, effect: (VariantEffect) -> String) -> String {
        let header = Row(label: "", cells: columnTitles)
        let all = [header] + rows
        let labelWidth = all.map(\.label.count).max() ?? 0
        let widths = runs.indices.map { i in all.map { $0.cells[i].count }.max() ?? 0 }
        var s = ""
        for (title, r) in zip(columnTitles, runs) {
            s += "\(title.padding(toLength: 4, withPad: " ", startingAt: 0)) \(r.name) (\(r.source)\(r.fromCache ? ", from the cache" : ""))\n"
            if let from = r.adoptedFrom { s += "     its timetable was improved from that of \"\(from)\" (better here too)\n" }
        }
        s += "\n"
        for (n, r) in all.enumerated() {
            var line = r.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            for (i, c) in r.cells.enumerated() { line += "  " + c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            s += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            if n == 0 { s += String(repeating: "-", count: labelWidth + widths.reduce(0) { $0 + $1 + 2 }) + "\n" }
        }
        for (v, d) in zip(variants, diffs) {
            s += "\nChanges in \"\(d.variant)\" against \"\(base.name)\":\n"
            for e in v.variantReport?.effects ?? [] { s += "  change: \(effect(e))\n" }
            for dc in v.variantReport?.demandChanges ?? [] where !dc.changedStudents.isEmpty {
                s += "  scale_demand \(dc.course): students changed: \(Self.list(dc.changedStudents, listLimit))\n"
            }
            if base.timetable != nil || v.timetable != nil {
                s += "  sections opened: \(d.sectionsOpened.count)\(d.sectionsOpened.isEmpty ? "" : " — " + Self.list(d.sectionsOpened.map(\.description), listLimit))\n"
                s += "  sections closed: \(d.sectionsClosed.count)\(d.sectionsClosed.isEmpty ? "" : " — " + Self.list(d.sectionsClosed.map(\.description), listLimit))\n"
                s += "  students who lost a course: \(Set(d.coursesLost.map(\.student)).count)\(d.coursesLost.isEmpty ? "" : " — " + Self.list(d.coursesLost.map { "\($0.student) (\($0.course))" }, listLimit))\n"
                s += "  students who gained a course: \(Set(d.coursesGained.map(\.student)).count)\(d.coursesGained.isEmpty ? "" : " — " + Self.list(d.coursesGained.map { "\($0.student) (\($0.course))" }, listLimit))\n"
                s += "  students whose day changed: \(d.studentsWithChangedDay)"
                if d.studentsRemoved > 0 || d.studentsAdded > 0 { s += " (besides \(d.studentsRemoved) removed, \(d.studentsAdded) added)" }
                s += "\n"
            }
            if base.partnerPairs != nil || v.partnerPairs != nil {
                s += "  partner pairs added: \(d.pairsAdded.count)\(d.pairsAdded.isEmpty ? "" : " — " + Self.list(d.pairsAdded.map(\.description), listLimit))\n"
                s += "  partner pairs removed: \(d.pairsRemoved.count)\(d.pairsRemoved.isEmpty ? "" : " — " + Self.list(d.pairsRemoved.map(\.description), listLimit))\n"
            }
            for p in v.problems { s += "  problem: \(p)\n" }
        }
        for p in base.problems { s += "\nProblem in \"\(base.name)\": \(p)\n" }
        return s
    }

    static func list(_ items: [String], _ limit: Int) -> String {
        let shown = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? "\(shown) and \(items.count - limit) more" : shown
    }

    /// One CSV row per run (base first) with the key figures; `,` separated, RFC 4180 quoting.
    public func csv() -> String {
        let header = ["scenario", "source", "cached", "students", "fully_served", "partly_served", "not_served",
                      "first_choice_share", "sections", "remote_sections", "teachers_teaching", "mean_travel_minutes",
                      "max_travel_minutes", "objective", "bound", "gap", "status", "verified", "partner_pairs",
                      "partner_gain", "recipients_unserved", "sections_opened", "sections_closed",
                      "students_lost_course", "students_gained_course", "students_day_changed",
                      "pairs_added", "pairs_removed"]
        var lines = [header.joined(separator: ",")]
        for (i, r) in runs.enumerated() {
            let p = r.profileDay, q = r.partnering
            let d: VariantDiff? = i == 0 ? nil : diffs[i - 1]
            func f(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "" }
            func n(_ x: Int?) -> String { x.map(String.init) ?? "" }
            let cells: [String] = [
                r.name, r.source, r.fromCache ? "yes" : "no", n(p?.students), n(p?.fullyServed), n(p?.partlyServed),
                n(p?.notServed), f(p?.firstChoiceShare), n(p?.sections), n(p?.remoteSections), n(p?.teachersTeaching),
                f(p?.meanTravelMinutes), f(p?.maxTravelMinutes), f(p?.objective), f(p?.bound), f(p?.gap),
                p?.status.rawValue ?? "", p.map { $0.verified ? "yes" : "no" } ?? "", n(q?.pairs), f(q?.totalGain),
                n(q?.unservedRecipients), n(d?.sectionsOpened.count), n(d?.sectionsClosed.count),
                n(d.map { Set($0.coursesLost.map(\.student)).count }), n(d.map { Set($0.coursesGained.map(\.student)).count }),
                n(d?.studentsWithChangedDay), n(d?.pairsAdded.count), n(d?.pairsRemoved.count),
            ]
            lines.append(cells.map { CSVWriter.escape($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
