import Testing
import SetkaModel
@testable import ProfileDay

/// Days built by hand for the re-seating tests (`ReseatingTests`, `SlotReseatingTests`).
enum ChainDay {
    /// One slot, one school, each student wants one elective; c0 and c1 hold two each, c2 twelve.
    /// Student 0 chose c0 only and has no seat; students 1 and 2 chose c0 then c1 and sit in c0;
    /// 3 and 4 chose c1 then c2 and sit in c1; the rest chose c2 and sit in it.
    static func make() throws -> (scenario: Scenario, state: ScheduleState, search: Search, sections: [Int]) {
        var scenario = RandomDistrict.make(seed: 5, schools: 2, students: 12, courses: 2, slots: 1, visitingRule: false)
        scenario.courses = [Course(id: "c0", minSize: 1, maxSize: 2), Course(id: "c1", minSize: 1, maxSize: 2),
                            Course(id: "c2", minSize: 1, maxSize: 12)]
        scenario.teachers = (0..<3).map { Teacher(id: "t\($0)", site: "sch0", courses: ["c\($0)"]) }
        scenario.rooms = (0..<3).map { Room(site: "sch0", id: "r\($0)", capacity: 30) }
        for i in scenario.students.indices {
            scenario.students[i].school = "sch0"
            scenario.students[i].wants = 1
            scenario.students[i].choices = i == 0 ? ["c0"] : i < 3 ? ["c0", "c1"] : i < 5 ? ["c1", "c2"] : ["c2"]
        }
        let p = try ProblemIndex(scenario)
        var state = ScheduleState(p)
        let search = Search(p)
        let sections = try openOneSectionEach(of: 0..<3, slot: 0, in: &state, search: search)
        for s in 1..<p.students.count { state.enrol(s, in: sections[s < 3 ? 0 : s < 5 ? 1 : 2]) }
        return (scenario, state, search, sections)
    }

    /// Opens a section of each of `courses` in `slot`: the course's first template held at a
    /// school, in that school's first free room. Returns the sections in the courses' order.
    static func openOneSectionEach(of courses: Range<Int>, slot: Int, in state: inout ScheduleState, search: Search) throws -> [Int] {
        try courses.map { c in
            let tpl = try #require(search.templatesOfCourse[c].map { search.templates[$0] }.first { $0.site >= 0 })
            return state.open(tpl, slot: slot, room: try #require(state.freeRooms(site: tpl.site, course: c, slot: slot).first))
        }
    }
}
