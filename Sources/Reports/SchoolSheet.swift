import Foundation
import SetkaModel
import Wording

/// A page to print for one organisation or one person of the profile day (`SchoolSheet`,
/// `TeacherSheet`): its title, a line under it, its tables, and the same as a page of its own.
public protocol PrintableSheet: Sendable {
    var tables: [ReportTable] { get }
    /// Whom the sheet is for, as a file's name says it.
    var owner: String { get }
    func title(_ words: Words) -> String
    /// A line before the tables (empty for none).
    func intro(_ words: Words) -> String
    /// The sheet as a page of its own, to print or to send (`page(subtitle:words:name:)` unless
    /// a sheet says otherwise): `subtitle` (plain text) says whose timetable it is.
    func html(subtitle: String, words: Words) -> String
}

extension PrintableSheet {
    public func html(subtitle: String, words: Words) -> String { page(subtitle: subtitle, words: words, name: owner) }

    /// The one layout of a sheet's page of its own: its title, `subtitle`, its intro line, then
    /// each table as a section (grouped by its group column when it has one); `name` follows the
    /// title in the window's title.
    public func page(subtitle: String, words: Words, name: String) -> String {
        let line = intro(words)
        let body = (line.isEmpty ? "" : "<p>\(HTML.escape(line))</p>\n")
            + tables.map { ComparisonHTML.section($0.key, $0.title, wide: true, HTMLReport.grouped($0, words)) }.joined()
        return ComparisonHTML.document(title: title(words), name: name, subtitle: HTML.escape(subtitle), words: words, body: body)
    }
}

/// Лист школы: what one school (or another organisation of the day: a centre, a college) needs
/// on paper for the profile day, cut from the report's own
/// tables (`ReportContent.schoolsTable`, `busTable`, `sitesTable`, `teachersTable`): where each of
/// its students is in each slot, its transport, the sections its site hosts, and the day of the
/// teachers who work there. The one rule for which rows are the school's, for the app's page and
/// for the files sent to schools alike.
public struct SchoolSheet: PrintableSheet {
    /// The school as the tables name it (their group column).
    public var school: String
    /// The non-empty parts, in the order above, each without its group column.
    public var tables: [ReportTable]

    /// `rows(table)`: the rows of a grouped table (`schools`, `bus`, `sites`) in the group
    /// `school`, and of `groups` (`ReportContent.groupListsTable`) at its site, when the caller
    /// keeps an index of them; nil, they are found by their column.
    public init(school: String, schools: ReportTable, bus: ReportTable?, sites: ReportTable?, teachers: ReportTable?,
                groups: ReportTable? = nil, words: Words, rows: (ReportTable) -> [Int]? = { _ in nil }) {
        self.school = school
        func part(_ t: ReportTable?, by column: Int?, key: String, title: String, indexed: Bool) -> ReportTable? {
            guard let t, let column else { return nil }
            let picked = (indexed ? rows(t) : nil) ?? t.rows(in: column, showing: school, words)
            return picked.isEmpty ? nil : t.slice(picked, dropping: column, key: key, title: title)
        }
        tables = [part(schools, by: schools.groupColumn, key: "sheet-students", title: words[.whereStudentsAre], indexed: true),
                  part(bus, by: bus?.groupColumn, key: "sheet-bus", title: words[.busTitle], indexed: true),
                  part(sites, by: sites?.groupColumn, key: "sheet-site", title: words[.schoolSheetSite], indexed: true),
                  // Teachers by where they work (the teachers' table is not grouped).
                  part(teachers, by: ReportContent.teacherWorkplaceColumn, key: "sheet-teachers", title: words[.schoolSheetTeachers],
                       indexed: false),
                  groups.flatMap { Self.visitors($0, at: school, slots: sites, words: words, rows: rows($0)) }].compactMap { $0 }
    }

    /// Who studies at the site: the group lists of its sections, by slot (in the order of the
    /// grid's slot columns) and section, each with its room and teacher — so that the site knows
    /// whom to expect, its own students and visitors alike.
    static func visitors(_ groups: ReportTable, at site: String, slots grid: ReportTable?, words: Words, rows: [Int]?) -> ReportTable? {
        typealias C = ReportContent.GroupListColumn
        let picked = rows ?? groups.rows(in: C.site, showing: site, words)
        guard !picked.isEmpty else { return nil }
        var slotOrder: [String: Int] = [:]
        for (i, heading) in (grid?.columns ?? []).enumerated() where slotOrder[heading] == nil { slotOrder[heading] = i }
        func key(_ r: Int) -> (Int, String) {
            let row = groups.rows[r]
            return (slotOrder[row[C.slot].display(words)] ?? .max, row[C.section].display(words))
        }
        let ordered = picked.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka.0 != kb.0 ? ka.0 < kb.0 : ka.1 != kb.1 ? ka.1.compare(kb.1, options: .numeric) == .orderedAscending : a.offset < b.offset
        }.map(\.element)
        return groups.slice(ordered, columns: [C.slot, C.section, C.course, C.room, C.teacherName, C.firstStudentColumn, C.student,
                                              C.school, C.grade],
                            key: "sheet-visitors", title: words[.schoolSheetVisitors])
    }

    /// Маршрутные листы: one small table per student of the school (the rows of its part
    /// `sheet-students`, whose columns are the student, one per slot, then the electives), each
    /// the student's slots, where they are in each and who teaches them there, to cut out and
    /// hand to the student. The teachers come from `groups` (`ReportContent.groupListsTable`):
    /// its rows of the school's students, `rows` when the caller keeps an index of them.
    public func routeCards(_ words: Words, groups: ReportTable? = nil, rows: [Int]? = nil) -> RouteCards {
        guard let students = tables.first(where: { $0.key == "sheet-students" }), students.columns.count > 2 else {
            return RouteCards(school: school, tables: [])
        }
        typealias C = ReportContent.GroupListColumn
        // Who teaches a student in a slot: student id → slot heading → the teacher's name.
        var teacher: [String: [String: String]] = [:]
        if let groups {
            for r in rows ?? groups.rows(in: C.school, showing: school, words) where C.student < groups.rows[r].count {
                let row = groups.rows[r]
                teacher[row[C.student].display(words), default: [:]][row[C.slot].display(words)] = row[C.teacherName].display(words)
            }
        }
        let slots = 1..<(students.columns.count - 1)
        return RouteCards(school: school, tables: students.rows.map { row in
            let id = row.first?.display(words) ?? ""
            let mine = teacher[id] ?? [:]
            return ReportTable(key: "card-\(id)", title: "\(words[.student]) \(id) · \(school)",
                               columns: [words[.slot], words[.routeWhere], words[.routeTeacher]],
                               rows: slots.map { [.text(students.columns[$0]), $0 < row.count ? row[$0] : .empty,
                                                  mine[students.columns[$0]].map(ReportCell.text) ?? .empty] })
        })
    }

    /// The organisations that get a sheet, in order: the schools with students (as the report
    /// lists them), then the other sites and the teachers' other workplaces (a centre, a
    /// college: the groups they host and their teachers), not the remote "site".
    public static func organisations(schools: ReportTable, sites: ReportTable?, teachers: ReportTable?, words: Words) -> [String] {
        var out: [String] = [], seen: Set<String> = []
        func add(_ name: String) { if !name.isEmpty, name != words[.remote], seen.insert(name).inserted { out.append(name) } }
        for (t, column) in [(schools, schools.groupColumn), (sites, sites?.groupColumn), (teachers, ReportContent.teacherWorkplaceColumn)] {
            guard let t, let column else { continue }
            for row in t.rows where column < row.count { add(row[column].display(words)) }
        }
        return out
    }

    /// The sheet's title: «Профильный день: МБОУ «СОШ № 1»».
    public func title(_ words: Words) -> String { words[.schoolSheet] + ": " + school }
    public var owner: String { school }
    public func intro(_ words: Words) -> String { "" }

}

/// Маршрутные листы учеников школы (`SchoolSheet.routeCards`): a card (a small table) per student.
public struct RouteCards: PrintableSheet {
    public var school: String
    public var tables: [ReportTable]
    public var owner: String { school }
    public func title(_ words: Words) -> String { words[.routeCards] + ": " + school }
    public func intro(_ words: Words) -> String { words[.routeCardsHint] }

    /// The cards as a page of their own, to print and cut out at the school: the hint, then
    /// the cards side by side (two to a printed row, none split by a page break).
    public func html(subtitle: String, words: Words) -> String {
        var body = "<p class=\"muted\">\(HTML.escape(intro(words)))</p>\n<div class=\"route-cards\" id=\"route-cards\">\n"
        for card in tables {
            body += #"<section id="\#(card.key)" class="route-card"><h3>\#(HTML.escape(card.title))</h3>"# + HTMLReport.table(card, words) + "</section>\n"
        }
        body += "</div>\n"
        return ComparisonHTML.document(title: title(words), name: owner, subtitle: HTML.escape(subtitle), words: words, body: body)
    }
}

extension ReportTable {
    /// The rows whose cell in `column` shows `value` (in `words`), in order.
    public func rows(in column: Int, showing value: String, _ words: Words) -> [Int] {
        rows.indices.filter { column < rows[$0].count && rows[$0][column].display(words) == value }
    }

    /// The rows `rows`, in that order, without the column `dropping`, as a table of its own.
    public func slice(_ rows: [Int], dropping column: Int?, key: String, title: String) -> ReportTable {
        slice(rows, columns: columns.indices.filter { $0 != column }, key: key, title: title)
    }
}
