import Foundation
import ProfileDay
import SetkaModel
import Testing
import Wording
@testable import Reports

@Suite("A teacher's sheet: the day's sections, the trips between them, the group lists")
struct TeacherSheetTests {
    /// The fixture's district with Teacher Two (who works at school A) teaching chemistry at
    /// school B in slot 1 and at home in slot 3: two trips, 25 minutes each way.
    static func input() throws -> ReportInput {
        let sections = """
        section,course,teacher,site,room,slot,enrolled
        S1,rob,T1,C,r1,1,2
        S2,chem,T2,B,1,1,2
        S4,chem,T2,A,11,3,1
        S3,prog,T3,,,3,2

        """
        let enrolments = "student,section\nb1,S1\na1,S1\nb1,S2\nb2,S2\na1,S4\nb2,S3\na2,S3\n"
        let timetable = try TimetableIO.read(sections: Array(sections.utf8), enrolments: Array(enrolments.utf8)).timetable
        return ReportInput(scenario: try Fixture.scenario(), timetable: timetable)
    }

    @Test("each section in slot order with the trip before it, from the workplace first")
    func daysAndTrips() throws {
        let content = ReportContent(try Self.input())
        let words = content.words
        let days = content.teacherDaysTable()
        // Each teacher's rows together, in the tables' order.
        let ids = days.rows.map { $0[ReportContent.teacherIDColumn].display(words) }
        #expect(ids.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } == ["T1", "T2", "T3"])
        let sheet = TeacherSheet(teacher: "T2", days: days, groups: content.groupListsTable(), words: words)
        #expect(sheet.name == "Teacher Two" && sheet.workplace == "Школа А")
        #expect(sheet.title(words) == "Лист педагога: Teacher Two" && sheet.intro(words) == "Место работы: Школа А")
        let day = try #require(sheet.tables.first)
        #expect(day.key == "sheet-day" && day.columns.first == words[.slot]
                && day.columns.suffix(2) == [words[.travelBefore], words[.travelAfter]])
        let before = day.columns.count - 2, after = day.columns.count - 1
        #expect(day.rows.map { $0[2].display(words) } == ["S2", "S4"])
        #expect(day.rows.map { $0[0].display(words) } == ["Занятие 1 (09:00–10:30)", "Занятие 3 (13:00–14:30)"])
        #expect(day.rows.map { $0[before].display(words) } == ["с места работы (Школа А), 25 мин в пути", "из School B, 25 мин в пути"])
        #expect(day.rows.map { $0[5] } == [.integer(2), .integer(1)])
        // The day ends at the workplace: no way back.
        #expect(day.rows.allSatisfy { $0[after] == .empty })
        // At the own site, and remote, no trip.
        for teacher in ["T1", "T3"] {
            let other = TeacherSheet(teacher: teacher, days: days, groups: nil, words: words)
            #expect(other.tables.count == 1 && other.tables[0].rows.allSatisfy { $0[before] == .text("") && $0[after] == .empty })
        }
        // English.
        let en = ReportContent(ReportInput(scenario: try Fixture.scenario(language: "en"), timetable: try Self.input().timetable))
        let enDay = TeacherSheet(teacher: "T2", days: en.teacherDaysTable(), groups: nil, words: en.words).tables[0]
        #expect(enDay.rows.map { $0[before].display(en.words) } == ["from the workplace (Школа А), 25 min", "from School B, 25 min"])
    }

    @Test("a day that ends away from the workplace gives the way back on its last section")
    func wayBack() throws {
        // Teacher Two's second section at school B too: the day ends there, 25 minutes from school A.
        let sections = """
        section,course,teacher,site,room,slot,enrolled
        S2,chem,T2,B,1,1,2
        S4,chem,T2,B,1,3,1

        """
        let enrolments = "student,section\nb1,S2\nb2,S2\na1,S4\n"
        let timetable = try TimetableIO.read(sections: Array(sections.utf8), enrolments: Array(enrolments.utf8)).timetable
        for (language, back) in [("ru", "на место работы (Школа А), 25 мин в пути"), ("en", "to the workplace (Школа А), 25 min")] {
            let content = ReportContent(ReportInput(scenario: try Fixture.scenario(language: language), timetable: timetable))
            let days = content.teacherDaysTable()
            #expect(days.columns.last == content.words[.travelAfter])
            let rows = days.rows.filter { $0[ReportContent.teacherIDColumn] == .text("T2") }
            #expect(rows.map { $0.last?.display(content.words) } == ["", back])
            // The sheet keeps it: its day's last column.
            let sheet = TeacherSheet(teacher: "T2", days: days, groups: nil, words: content.words).tables[0]
            #expect(sheet.rows.last?.last?.display(content.words) == back && sheet.columns.last == content.words[.travelAfter])
        }
    }

    @Test("every enrolment on one group list once, numbered, by school, with its choice")
    func groupLists() throws {
        let input = try Self.input()
        let content = ReportContent(input)
        let words = content.words
        let lists = content.groupListsTable()
        #expect(lists.rows.count == input.timetable?.enrolments.count)
        let days = content.teacherDaysTable()
        var seen: [String] = []
        for teacher in ["T1", "T2", "T3"] {
            let sheet = TeacherSheet(teacher: teacher, days: days, groups: lists, words: words)
            let day = sheet.tables[0]
            let groups = sheet.tables.dropFirst()
            // One list per section of the day, as many rows as the day says it has students.
            #expect(groups.count == day.rows.count)
            for (list, row) in zip(groups, day.rows) {
                #expect(list.key == "sheet-group-\(row[2].display(words))")
                #expect(list.rows.count == Int(row[5].display(words)))
                #expect(list.rows.map { $0[0] } == (1...list.rows.count).map { .integer($0) })
                #expect(list.columns.last == words[.attendance] && list.rows.allSatisfy { $0.last == .empty })
                seen += list.rows.map { "\($0[1].display(words))@\(row[2].display(words))" }
            }
        }
        let expected = (input.timetable?.enrolments ?? []).map { "\($0.student)@\($0.section)" }
        #expect(seen.sorted() == expected.sorted())
        // S1: a1 (school A) before b1 (school B), though enrolled after; both chose robotics first.
        let s1 = TeacherSheet(teacher: "T1", days: days, groups: lists, words: words).tables[1]
        #expect(s1.rows.map { $0[1].display(words) } == ["a1", "b1"])
        #expect(s1.rows.map { $0[2].display(words) } == ["Школа А", "School B"])
        #expect(s1.rows.map { $0[4] } == [.integer(1), .integer(1)])
        #expect(s1.title == "Занятие 1 (09:00–10:30): Robotics, группа S1 — Centre C, аудитория r1")
        // b2 chose chem first; in S3 (programming, remote) it is their second.
        let t2 = TeacherSheet(teacher: "T2", days: days, groups: lists, words: words)
        #expect(t2.tables[1].rows.map { $0[4] } == [.integer(2), .integer(1)])
        let s3 = TeacherSheet(teacher: "T3", days: days, groups: lists, words: words).tables[1]
        #expect(s3.title == "Занятие 3 (13:00–14:30): Programming, группа S3 — \(words[.remote])")
        #expect(s3.rows.map { $0[1].display(words) } == ["a2", "b2"] && s3.rows.map { $0[4] } == [.integer(1), .integer(2)])
    }

    @Test("the page of its own escapes what it shows; a teacher without sections has no sheet; an index is taken as it is")
    func pageOfItsOwn() throws {
        let content = ReportContent(try Self.input())
        let words = content.words
        let days = content.teacherDaysTable(), lists = content.groupListsTable()
        let sheet = TeacherSheet(teacher: "T2", days: days, groups: lists, words: words)
        let html = sheet.html(subtitle: "<x> & y", words: words)
        #expect(html.contains("<h1>Лист педагога: Teacher Two</h1>") && html.contains("&lt;x&gt; &amp; y"))
        #expect(html.contains("Место работы: Школа А") && html.contains("id=\"sheet-group-S2\"") && html.contains("id=\"sheet-group-S4\""))
        #expect(TeacherSheet(teacher: "T9", days: days, groups: lists, words: words).tables.isEmpty)
        let indexed = TeacherSheet(teacher: "T2", days: days, groups: nil, words: words) { $0.key == "teacher-days" ? [0] : nil }
        #expect(indexed.tables.count == 1 && indexed.tables[0].rows.count == 1)
        // The printable report's teacher cards give each section's list in a line, in the same order.
        let report = Reports.html(try Self.input())
        #expect(report.contains("Список группы S1 (2 уч.): a1, b1") && report.contains("Список группы S3 (2 уч.): a2, b2"))
        // The workbook has the group lists as a sheet of their own, after the teachers'.
        let keys = content.tables.map(\.key)
        #expect(keys.firstIndex(of: "groups") == keys.firstIndex(of: "teachers").map { $0 + 1 })
    }
}
