import Foundation
import ProfileDay
import SetkaModel
import Testing
import Wording
@testable import Reports

@Suite("Whom to notify: the students and teachers whose day a new timetable changes")
struct ChangeNoticeTests {
    static func timetable(_ sections: String, _ enrolments: String) throws -> Timetable {
        try TimetableIO.read(sections: Array(("section,course,teacher,site,room,slot,enrolled\n" + sections).utf8),
                             enrolments: Array(("student,section\n" + enrolments).utf8)).timetable
    }

    @Test("a section moved to another slot, a student moved between sections: each named once, by school, with what changed")
    func movedAndReseated() throws {
        let scenario = try Fixture.scenario()
        let words = Words(scenario)
        // The fixture's timetable; then chemistry (S2) moves from slot 2 to slot 3 and b2 leaves
        // programming (S3) for nothing.
        let before = try Fixture.timetable()
        let after = try Self.timetable("S1,rob,T1,C,r1,1,2\nS2,chem,T2,A,11,3,3\nS3,prog,T3,,,3,1\n",
                                       "a1,S1\nb1,S1\na1,S2\nb1,S2\nb2,S2\na2,S3\n")
        let notice = ChangeNotice(scenario: scenario, before: before, after: after, words: words)
        let students = try #require(notice.tables.first { $0.key == "notice-students" })
        // a1, b1: chemistry in another slot; b2: chemistry moved and programming gone. a2 keeps its day.
        #expect(students.rows.map { $0[1].display(words) } == ["a1", "b1", "b2"])
        #expect(students.rows.map { $0[0].display(words) } == ["Школа А", "School B", "School B"])
        #expect(students.rows[0][2] == .text("Занятие 2 (10:50–12:20): Chemistry — Школа А (Teacher Two)"))
        #expect(students.rows[0][3] == .text("Занятие 3 (13:00–14:30): Chemistry — Школа А (Teacher Two)"))
        #expect(students.rows[2][2] == .text("Занятие 2 (10:50–12:20): Chemistry — Школа А (Teacher Two)\nЗанятие 3 (13:00–14:30): Programming — \(words[.remote]) (Teacher Three)"))
        #expect(notice.studentsChanged == 3 && notice.schoolsChanged == 2)
        // Teachers: T2's section moved; T3 keeps theirs with one student fewer; T1 unchanged.
        let teachers = try #require(notice.tables.first { $0.key == "notice-teachers" })
        #expect(teachers.rows.map { $0[0].display(words) } == ["T2", "T3"])
        #expect(teachers.rows[0][3] == .text("Занятие 2 (10:50–12:20): Chemistry — Школа А") && teachers.rows[0][5] == .text("—"))
        #expect(teachers.rows[1][3] == .text("—") && teachers.rows[1][4] == .text("—"))
        #expect(teachers.rows[1][5] == .text("Занятие 3 (13:00–14:30): Programming — выбыли: b2"))
        #expect(notice.intro(words) == "Изменился день у 3 учеников из 2 школ; у 2 педагогов изменились занятия или списки групп.")
        let html = notice.html(subtitle: "<x>", words: words)
        #expect(html.contains("<h1>Кого оповестить об изменениях</h1>") && html.contains("&lt;x&gt;") && html.contains("id=\"notice-teachers\""))
        // The same timetable: nobody to notify.
        let same = ChangeNotice(scenario: scenario, before: before, after: before, words: words)
        #expect(same.tables.isEmpty && same.studentsChanged == 0 && same.teachersChanged == 0)
        #expect(same.intro(words) == "Оповещать никого не нужно: у всех учеников и педагогов день тот же.")
    }

    @Test("the counts agree in number, in Russian and English")
    func counts() {
        let ru = Words(.ru), en = Words(.en)
        #expect(ru.noticeCounts(students: 1, schools: 1, teachers: 21) == "Изменился день у 1 ученика из 1 школы; у 21 педагога изменились занятия или списки групп.")
        #expect(ru.noticeCounts(students: 11, schools: 2, teachers: 0) == "Изменился день у 11 учеников из 2 школ; у 0 педагогов изменились занятия или списки групп.")
        #expect(en.noticeCounts(students: 1, schools: 2, teachers: 1) == "The day changed for 1 student of 2 schools; the sections or the group lists of 1 teacher changed.")
        #expect(ru.rosterChange(added: ["a1", "b1"], removed: ["c1"]) == "новые: a1, b1; выбыли: c1")
    }
}
