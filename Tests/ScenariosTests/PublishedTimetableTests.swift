import Testing
import ProfileDay
import Scenarios
import SetkaModel

/// Why nothing of a published timetable can be kept, in both languages.
@Suite struct PublishedTimetableTests {
    @Test func anotherScenariosTimetableIsNamedInBothLanguages() throws {
        let scenario = Fixtures.district()
        let other = Timetable(sections: [Section(id: "S1", course: "math", teacher: "T1", site: "a", room: "r1", slot: "1")],
                              enrolments: [Enrolment(student: "zz1", section: "S1"), Enrolment(student: "zz2", section: "S1")])
        let check = PublishedTimetableCheck(other, in: scenario)
        let why = try #require(check.whyNothingFits(ru: { _ in "причина" }, en: { _ in "reason" }))
        #expect(why.en == "none of its 2 students is in this scenario: it is the timetable of another scenario")
        #expect(why.ru == "ни одного из его учеников (2) нет в этом сценарии: это расписание другого сценария")
    }
}
