import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// The seat chain (`ScheduleState.seatChain`): a student takes a seat in a full section whose
/// member moves to their best day without it.
@Suite struct SeatChainTests {
    /// Small districts where every third student left the sections they could leave and the
    /// others took the seats by best response: a chain tried for each of those students; each
    /// one applied raises the objective and leaves the student with as many electives or one
    /// more, the running objective stays the recomputed one, and the day keeps every rule (the
    /// independent checker).
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func chainsImproveAndKeepTheRules(seed: UInt64) throws {
        let scenario = RandomDistrict.make(seed: seed, schools: 6, students: 120, courses: 8)
        let p = try ProblemIndex(scenario)
        var state = try Search(p).construct()
        let leavers = state.everyThirdStudentLeaves()
        for s in 0..<p.students.count where s % 3 != 0 { _ = state.bestResponse(s) }
        var applied = 0
        for x in leavers {
            let before = state.objective, load = state.studentLoad[x]
            guard state.seatChain(x) else { continue }
            applied += 1
            #expect(state.objective > before + Tolerance.value)
            #expect(state.studentLoad[x] >= load)
        }
        #expect(applied > 0, "no chain was found: nothing was tested")
        #expect(abs(state.recomputedObjective() - state.objective) < 1e-6)
        let report = ProfileDayChecker.check(state.timetable(), in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
    }

    /// One slot, one school; c0 holds three, c1 twelve, c2 has no teacher; the first three
    /// want c0 then c1 and sit in c0, the fourth chooses `fourth`, the rest only c1 and sit in
    /// c1; each wants one elective. The fourth sits in c1 when `fourthInC1`.
    private static func oneSlot(fourth: [String], fourthInC1: Bool) throws -> (scenario: Scenario, state: ScheduleState, search: Search, k0: Int, k1: Int) {
        var scenario = RandomDistrict.make(seed: 5, schools: 2, students: 12, courses: 2, slots: 1, visitingRule: false)
        scenario.courses = [Course(id: "c0", minSize: 2, maxSize: 3), Course(id: "c1", minSize: 2, maxSize: 12),
                            Course(id: "c2", minSize: 2, maxSize: 12)]
        scenario.teachers = [Teacher(id: "t0", site: "sch0", courses: ["c0"]), Teacher(id: "t1", site: "sch0", courses: ["c1"])]
        for i in scenario.students.indices {
            scenario.students[i].school = "sch0"
            scenario.students[i].wants = 1
            scenario.students[i].choices = i < 3 ? ["c0", "c1"] : i == 3 ? fourth : ["c1"]
        }
        let p = try ProblemIndex(scenario)
        var state = ScheduleState(p)
        let search = Search(p)
        let t0 = try #require(search.templatesOfCourse[0].map { search.templates[$0] }.first { $0.site >= 0 })
        let t1 = try #require(search.templatesOfCourse[1].map { search.templates[$0] }.first { $0.site >= 0 })
        let k0 = state.open(t0, slot: 0, room: try #require(state.freeRooms(site: t0.site, course: 0, slot: 0).first))
        for s in 0..<3 { state.enrol(s, in: k0) }
        let k1 = state.open(t1, slot: 0, room: try #require(state.freeRooms(site: t1.site, course: 1, slot: 0).first))
        for s in 4..<p.students.count { state.enrol(s, in: k1) }
        if fourthInC1 { state.enrol(3, in: k1) }
        return (scenario, state, search, k0, k1)
    }

    /// A student short of electives whose one choice is full gets its seat when a member of the
    /// section has another choice with a free seat: the member moves, the student joins.
    @Test func aShortStudentTakesTheSeatOfOneWhoHasAnotherChoice() throws {
        let (scenario, start, _, k0, k1) = try Self.oneSlot(fourth: ["c0"], fourthInC1: false)
        var state = start
        let responded = state.bestResponse(3)
        #expect(!responded, "the fourth student finds no seat by themself")
        let before = state.objective
        let chained = state.seatChain(3)
        #expect(chained)
        #expect(state.section(ofStudent: 3, slot: 0) == k0)
        #expect(state.sections[k0].members.count == 3)
        #expect(state.sections[k1].members.count == scenario.students.count - 4 + 1)
        #expect(state.objective > before)
        #expect(ProfileDayChecker.check(state.timetable(), in: scenario).isValid)
    }

    /// `missesBetterChoice`: a student who takes their third choice while their first is full is
    /// served but misses a better choice. The seat-chain neighbourhood (`Search.seatChains`
    /// without `among`) leaves them, as it tries only students who are short; after a step that
    /// touched them (`among`, nobody short) they get the chain: a member of the full first choice
    /// moves to their second, and the day gains.
    @Test func aStudentWhoMissesABetterChoiceGetsAChainAfterAStep() throws {
        let (scenario, start, search, k0, k1) = try Self.oneSlot(fourth: ["c0", "c2", "c1"], fourthInC1: true)
        var state = start
        #expect(!state.isShort(3))
        #expect(state.missesBetterChoice(3))
        #expect(!state.missesBetterChoice(0), "the first three take their first choice")
        #expect(!state.missesBetterChoice(4), "the rest take their only choice")
        var rng = SplitMix64(seed: 1)
        let before = state.objective
        #expect(!search.seatChains(&state, rng: &rng), "nobody is short: the neighbourhood does nothing")
        #expect(state.objective == before)
        #expect(state.section(ofStudent: 3, slot: 0) == k1)
        #expect(search.seatChains(&state, rng: &rng, among: [3, 4, 5]))
        #expect(state.section(ofStudent: 3, slot: 0) == k0)
        #expect(!state.missesBetterChoice(3))
        #expect(state.sections[k0].members.count == 3)
        #expect(state.sections[k1].members.count == scenario.students.count - 4 + 1)
        #expect(state.objective > before + Tolerance.value)
        #expect(abs(state.recomputedObjective() - state.objective) < 1e-6)
        #expect(ProfileDayChecker.check(state.timetable(), in: scenario).isValid)
    }
}
