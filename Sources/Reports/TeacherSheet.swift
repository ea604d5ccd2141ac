import Foundation
import SetkaModel
import Wording

/// Лист педагога: what one teacher needs on paper for the profile day, cut from the report's
/// own tables (`ReportContent.teacherDaysTable`, `groupListsTable`): the day's sections in slot
/// order with where each is and the trip before it, then each section's group list to mark who
/// came. The one rule for which rows are the teacher's, for the app's page and for the files
/// sent to teachers alike.
public struct TeacherSheet: PrintableSheet {
    /// The teacher's id, as the tables give it (their group column).
    public var teacher: String
    public var name: String
    /// Where the teacher works (empty when the scenario does not say).
    public var workplace: String
    /// The day's sections, then one group list per section (its heading as the title), each
    /// without the teacher's columns; a group list has an empty column to mark attendance.
    public var tables: [ReportTable]

    /// `rows(table)`: the teacher's rows of `days` or `groups`, when the caller keeps an index
    /// of them; nil, they are found by the teacher's column.
    public init(teacher: String, days: ReportTable, groups: ReportTable?, words: Words, rows: (ReportTable) -> [Int]? = { _ in nil }) {
        self.teacher = teacher
        let idColumn = ReportContent.teacherIDColumn
        func mine(_ t: ReportTable) -> [Int] { rows(t) ?? t.rows(in: idColumn, showing: teacher, words) }
        let dayRows = mine(days)
        let first = dayRows.first.map { days.rows[$0] } ?? []
        name = first.count > 1 ? first[1].display(words) : teacher
        workplace = first.count > 2 ? first[2].display(words) : ""
        var out = [days.slice(dayRows, columns: Array(ReportContent.teacherDaySectionColumns..<days.columns.count), key: "sheet-day",
                              title: words[.teacherSheetDay])]
        if let groups {
            // One list per section, in the order of the day (the table's order).
            typealias C = ReportContent.GroupListColumn
            let section = C.section
            var order: [String] = [], bySection: [String: [Int]] = [:]
            for r in mine(groups) where section < groups.rows[r].count {
                let id = groups.rows[r][section].display(words)
                if bySection[id] == nil { order.append(id) }
                bySection[id, default: []].append(r)
            }
            for id in order {
                let picked = bySection[id] ?? []
                let row = groups.rows[picked[0]].map { $0.display(words) }
                let title = words.groupHeading(slot: row[C.slot], course: row[C.course], section: id, site: row[C.site], room: row[C.room])
                var list = groups.slice(picked, columns: Array(C.firstStudentColumn..<groups.columns.count), key: "sheet-group-\(id)",
                                        title: title)
                list.columns.append(words[.attendance])
                list.rows = list.rows.map { $0 + [.empty] }
                out.append(list)
            }
        }
        tables = dayRows.isEmpty ? [] : out
    }

    /// The sheet's title: «Лист педагога: Петрова Н. С.».
    public func title(_ words: Words) -> String { words[.teacherSheet] + ": " + name }

    public var owner: String { name }

    /// «Место работы: …» (nothing when unknown).
    public func intro(_ words: Words) -> String { workplace.isEmpty ? "" : words[.worksAt] + ": " + workplace }

    /// The sheet as a page of its own, to print or to send to the teacher: `subtitle` (plain
    /// text) says whose timetable it is (the scenario, the run, when).
    public func html(subtitle: String, words: Words) -> String { page(subtitle: subtitle, words: words, name: teacher) }
}

extension ReportTable {
    /// The rows `rows`, in that order, with only `columns` (in that order), as a table of its own.
    public func slice(_ rows: [Int], columns keep: [Int], key: String, title: String) -> ReportTable {
        ReportTable(key: key, title: title, columns: keep.map { $0 < columns.count ? columns[$0] : "" },
                    rows: rows.map { r in keep.map { $0 < self.rows[r].count ? self.rows[r][$0] : .empty } })
    }
}
