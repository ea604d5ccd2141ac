import Foundation
import ProfileDay
import SetkaModel
import Testing
@testable import Reports

@Suite("Where students are and the bus plan")
struct BusPlanTests {
    @Test("places: the section's site, own school for remote, stays put in a free slot")
    func places() throws {
        let day = DayPlan(scenario: try Fixture.scenario(), timetable: try Fixture.timetable())
        #expect(day.placesOf["a1"] == ["C", "A", "A"])   // free slot 3: stays at A
        #expect(day.placesOf["b1"] == ["C", "A", "A"])
        #expect(day.placesOf["b2"] == ["B", "A", "B"])   // free first slot at home; remote = own school
        #expect(day.placesOf["a2"] == ["A", "A", "A"])
        #expect(day.placesOf["b3"] == ["B", "B", "B"])   // no elective at all
        #expect(day.sectionsOf["b2"]?.map { $0?.id } == [nil, "S2", "S3"])
    }

    @Test("trips per leg: morning, each break, home; students who stay make no trip")
    func trips() throws {
        let day = DayPlan(scenario: try Fixture.scenario(), timetable: try Fixture.timetable())
        let b = day.trips(school: "B", students: ["b1", "b2", "b3"])
        #expect(b.map { "\($0.leg):\($0.from)>\($0.to)=\($0.students.joined(separator: "+"))" } == [
            "0:B>C=b1", "1:B>A=b2", "1:C>A=b1", "2:A>B=b2", "3:A>B=b1",
        ])
        let a = day.trips(school: "A", students: ["a1", "a2", "a3"])
        #expect(a.map { "\($0.leg):\($0.from)>\($0.to)=\($0.students.count)" } == ["0:A>C=1", "1:C>A=1"])
    }

    @Test("trips of one leg are grouped and ordered by number of students")
    func grouping() throws {
        let scenario = try Fixture.scenario()
        var timetable = try Fixture.timetable()
        timetable.enrolments.append(Enrolment(student: "a2", section: "S1"))
        timetable.enrolments.append(Enrolment(student: "a3", section: "S1"))
        let day = DayPlan(scenario: scenario, timetable: timetable)
        let morning = day.trips(school: "A", students: ["a1", "a2", "a3"]).filter { $0.leg == 0 }
        #expect(morning.count == 1)
        #expect(morning.first?.students == ["a1", "a2", "a3"])
    }

    @Test("the bus table names the leg in words, the places and the travel minutes")
    func busTable() throws {
        let content = ReportContent(try Fixture.input())
        let rows = content.busTable().rows.map { $0.map { $0.display(content.words) } }
        #expect(rows.contains(["School B", "Утром, к началу занятий (к 09:00)", "School B", "Centre C", "1", "22", "b1"]))
        #expect(rows.contains(["School B", "Перемена между занятиями 2 и 3 (12:20–13:00)", "Школа А", "School B", "1", "25", "b2"]))
        #expect(rows.contains(["School B", "Домой, после занятий (после 14:30)", "Школа А", "School B", "1", "25", "b1"]))
        #expect(rows.count == 7)
    }

    @Test("a timetable naming unknown ids and slots does not stop the report")
    func unknownIDs() throws {
        let scenario = try Fixture.scenario()
        let timetable = Timetable(sections: [Section(id: "X", course: "nope", teacher: "T9", site: "Z", room: "1", slot: "9"),
                                             Section(id: "Y", course: "rob", teacher: "T1", site: "Z", room: "1", slot: "1")],
                                  enrolments: [Enrolment(student: "ghost", section: "X"), Enrolment(student: "a1", section: "Y"),
                                               Enrolment(student: "a1", section: "missing")])
        let input = ReportInput(scenario: scenario, timetable: timetable)
        let html = Reports.html(input)
        #expect(html.contains("T9"))
        #expect(DayPlan(scenario: scenario, timetable: timetable).placesOf["a1"] == ["Z", "Z", "Z"])
        _ = try Reports.xlsx(input)
    }
}
