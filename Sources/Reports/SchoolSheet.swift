import Foundation
import SetkaModel
import Wording

/// Лист школы: what one school (or another organisation of the day: a centre, a college) needs
/// on paper for the profile day, cut from the report's own
/// tables (`ReportContent.schoolsTable`, `busTable`, `sitesTable`, `teachersTable`): where each of
/// its students is in each slot, its transport, the sections its site hosts, and the day of the
/// teachers who work there. The one rule for which rows are the school's, for the app's page and
/// for the files sent to schools alike.
public struct SchoolSheet: Sendable {
    /// The school as the tables name it (their group column).
    public var school: String
    /// The non-empty parts, in the order above, each without its group column.
    public var tables: [ReportTable]

    /// `rows(table)`: the rows of a grouped table (`schools`, `bus`, `sites`) in the group
    /// `school`, when the caller keeps an index of them; nil, they are found by its group column.
    public init(school: String, schools: ReportTable, bus: ReportTable?, sites: ReportTable?, teachers: ReportTable?,
                words: Words, rows: (ReportTable) -> [Int]? = { _ in nil }) {
        self.school = school
        func grouped(_ t: ReportTable?, key: String, title: String) -> ReportTable? {
            guard let t else { return nil }
            let picked = rows(t) ?? t.groupColumn.map { g in
                t.rows.indices.filter { g < t.rows[$0].count && t.rows[$0][g].display(words) == school }
            } ?? []
            return picked.isEmpty ? nil : t.slice(picked, dropping: t.groupColumn, key: key, title: title)
        }
        var out: [ReportTable] = []
        if let t = grouped(schools, key: "sheet-students", title: words[.whereStudentsAre]) { out.append(t) }
        if let t = grouped(bus, key: "sheet-bus", title: words[.busTitle]) { out.append(t) }
        if let t = grouped(sites, key: "sheet-site", title: words[.schoolSheetSite]) {
            out.append(t)
        }
        // Teachers by where they work (the teachers' table is not grouped).
        if let teachers, let home = teachers.columns.firstIndex(of: words[.worksAt]) {
            let picked = teachers.rows.indices.filter { home < teachers.rows[$0].count && teachers.rows[$0][home].display(words) == school }
            if !picked.isEmpty {
                out.append(teachers.slice(picked, dropping: home, key: "sheet-teachers",
                                          title: words[.schoolSheetTeachers]))
            }
        }
        tables = out
    }

    /// The organisations that get a sheet, in order: the schools with students (as the report
    /// lists them), then the other sites and the teachers' other workplaces (a centre, a
    /// college: the groups they host and their teachers), not the remote "site".
    public static func organisations(schools: ReportTable, sites: ReportTable?, teachers: ReportTable?, words: Words) -> [String] {
        var out: [String] = [], seen: Set<String> = []
        func add(_ name: String) { if !name.isEmpty, name != words[.remote], seen.insert(name).inserted { out.append(name) } }
        for t in [schools, sites].compactMap({ $0 }) {
            guard let g = t.groupColumn else { continue }
            for row in t.rows where g < row.count { add(row[g].display(words)) }
        }
        if let teachers, let home = teachers.columns.firstIndex(of: words[.worksAt]) {
            for row in teachers.rows where home < row.count { add(row[home].display(words)) }
        }
        return out
    }

    /// The sheet's title: «Профильный день: МБОУ «СОШ № 1»».
    public func title(_ words: Words) -> String { words[.schoolSheet] + ": " + school }

    /// The sheet as a page of its own, to print or to send to the school: `subtitle` (plain
    /// text) says whose timetable it is (the scenario, the run, when).
    public func html(subtitle: String, words: Words) -> String {
        let title = title(words)
        let body = tables.map { ComparisonHTML.section($0.key, $0.title, wide: true, HTMLReport.table($0, words)) }.joined()
        return ComparisonHTML.document(title: title, name: school, subtitle: HTML.escape(subtitle), words: words, body: body)
    }
}

extension ReportTable {
    /// The rows `rows`, in that order, without the column `dropping`, as a table of its own.
    public func slice(_ rows: [Int], dropping column: Int?, key: String, title: String) -> ReportTable {
        let keep = columns.indices.filter { $0 != column }
        return ReportTable(key: key, title: title, columns: keep.map { columns[$0] },
                           rows: rows.map { r in keep.map { $0 < self.rows[r].count ? self.rows[r][$0] : .empty } })
    }
}
