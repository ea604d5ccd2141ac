import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// A slot's seats re-decided by a minimum-cost circulation (`ScheduleState.reseat(slot:)`,
/// `MinCostCirculation`).
@Suite struct SlotReseatingTests {
    /// A small random district's constructed day after every third student left the sections
    /// they could leave and the others took the seats by best response.
    static func leftAndRetaken(seed: UInt64) throws -> (Scenario, ProblemIndex, ScheduleState) {
        let scenario = RandomDistrict.make(seed: seed, schools: 6, students: 120, courses: 8)
        let p = try ProblemIndex(scenario)
        var state = try Search(p).construct()
        state.everyThirdStudentLeaves()
        for s in 0..<p.students.count where s % 3 != 0 { _ = state.bestResponse(s) }
        return (scenario, p, state)
    }

    /// Small districts where every third student left the sections they could leave and the
    /// others took the seats by best response: re-seating each slot gives a day at least as good,
    /// better in at least one slot, whose running objective is the recomputed one and which keeps
    /// every rule (the independent checker), with the same sections open.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func reseatingSlotsImprovesAndKeepsTheRules(seed: UInt64) throws {
        let (scenario, p, start) = try Self.leftAndRetaken(seed: seed)
        var state = start
        var gained = false
        for t in 0..<p.slotCount {
            let before = state.objective
            let changed = state.reseat(slot: t)
            #expect(changed == (state.objective > before + Tolerance.value))
            #expect(state.objective >= before - 1e-9)
            gained = gained || changed
        }
        #expect(gained, "no slot was re-seated better")
        #expect(abs(state.recomputedObjective() - state.objective) < 1e-6)
        #expect(state.openCount == start.openCount)
        let report = ProfileDayChecker.check(state.timetable(), in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
        // A second pass over a slot just re-seated finds nothing more in it.
        var again = state
        let againChanged = again.reseat(slot: p.slotCount - 1)
        #expect(!againChanged)
        // Against a day with the same seats no slot differs, so nothing is re-seated; against
        // the day before the students left, every slot where one left is.
        var same = start
        let sameChanged = same.reseatSlots(differingFrom: start)
        #expect(!sameChanged)
        #expect((0..<p.slotCount).allSatisfy { !start.seatsDiffer(from: start, slot: $0) })
        var fromBefore = start
        let fromBeforeChanged = fromBefore.reseatSlots(differingFrom: try Search(p).construct())
        #expect(fromBeforeChanged)
        #expect(fromBefore.objective > start.objective + Tolerance.value)
        #expect(ProfileDayChecker.check(fromBefore.timetable(), in: scenario).isValid)
    }

    /// Re-seating only the students of the sections a step touched (`reseatTouchedSlots`):
    /// with every section touched it reaches what the whole slot's re-seating reaches; with
    /// one section touched, only students who chose its course change seats, and the day is at
    /// least as good and keeps every rule.
    @Test(arguments: [UInt64(1), 2, 3])
    func reseatingOnlyTheTouchedStudents(seed: UInt64) throws {
        let (scenario, p, start) = try Self.leftAndRetaken(seed: seed)
        for t in 0..<p.slotCount {
            var whole = start, all = start
            whole.reseat(slot: t)
            all.reseat(slot: t, touched: [Bool](repeating: true, count: start.sections.count))
            #expect(abs(whole.objective - all.objective) < 1e-6, "slot \(t): \(whole.objective) and \(all.objective)")
            guard let k = start.sections.indices.first(where: { start.sections[$0].open && start.sections[$0].slot == t })
            else { continue }
            var one = start
            var touched = [Bool](repeating: false, count: start.sections.count)
            touched[k] = true
            one.reseat(slot: t, touched: touched)
            #expect(one.objective >= start.objective - 1e-9)
            #expect(one.objective <= whole.objective + 1e-6)
            #expect(abs(one.recomputedObjective() - one.objective) < 1e-6)
            let course = start.sections[k].course
            for s in 0..<p.students.count where one.section(ofStudent: s, slot: t) != start.section(ofStudent: s, slot: t) {
                #expect(p.students[s].choices.contains(course), "student \(s) moved without choosing the touched course")
            }
            #expect(ProfileDayChecker.check(one.timetable(), in: scenario).isValid)
        }
        // Against the day before the students left, the touched students of every slot where
        // one left are re-seated: better, and valid.
        var fromBefore = start
        let changed = fromBefore.reseatTouchedSlots(differingFrom: try Search(p).construct())
        #expect(changed)
        #expect(fromBefore.objective > start.objective + Tolerance.value)
        #expect(ProfileDayChecker.check(fromBefore.timetable(), in: scenario).isValid)
    }

    /// With one slot the slot's re-seating is the whole re-seating: it reaches what the MIP of
    /// `Reseating` (GLPK, exact up to its small gap) reaches, or more.
    @Test(arguments: [UInt64(1), 2, 3])
    func inOneSlotItIsAsGoodAsTheExactReseating(seed: UInt64) throws {
        let scenario = RandomDistrict.make(seed: seed, schools: 5, students: 90, courses: 6, slots: 1)
        let p = try ProblemIndex(scenario)
        let search = Search(p)
        var state = try search.construct()
        state.everyThirdStudentLeaves()
        let exact = search.reseat(state, timeLimit: 30)?.objective ?? state.objective
        var flow = state
        flow.reseat(slot: 0)
        #expect(flow.objective >= exact - 1e-6 * max(1, abs(exact)), "flow \(flow.objective), MIP \(exact)")
        #expect(ProfileDayChecker.check(flow.timetable(), in: scenario).isValid)
    }

    /// Student 0 gets a seat in c0 only when one of c0's students moves to c1 and one of c1's to
    /// c2: a chain of two moves, each of which alone loses (no best response or seat chain finds
    /// it). The slot's re-seating does, and gains what it should.
    @Test func aChainOfTwoMovesInOneSlot() throws {
        let (scenario, start, _, k) = try ChainDay.make()
        var state = start
        let stateChanged = state.reseat(slot: 0)
        #expect(stateChanged)
        #expect(state.section(ofStudent: 0, slot: 0) == k[0])
        #expect(state.sections[k[0]].members.count == 2)
        #expect(state.sections[k[1]].members.count == 2)
        #expect(state.sections[k[2]].members.count == scenario.students.count - 5 + 1)
        let p = state.p
        #expect(abs(state.objective - start.objective - (p.rankValue(0) - 2 * (p.rankValue(0) - p.rankValue(1)))) < 1e-6)
        #expect(ProfileDayChecker.check(state.timetable(), in: scenario).isValid)
    }

    /// Pinned students keep their seats (H6): with both of c1's students held the chain is closed
    /// and nothing changes; with one held, the other moves.
    @Test func heldStudentsStay() throws {
        let (_, start, _, k) = try ChainDay.make()
        var bothHeld = start
        bothHeld.pins.hold(3, in: k[1])
        bothHeld.pins.hold(4, in: k[1])
        let bothHeldChanged = bothHeld.reseat(slot: 0)
        #expect(!bothHeldChanged)
        #expect(bothHeld.objective == start.objective)
        var oneHeld = start
        oneHeld.pins.hold(3, in: k[1])
        let oneHeldChanged = oneHeld.reseat(slot: 0)
        #expect(oneHeldChanged)
        #expect(oneHeld.section(ofStudent: 3, slot: 0) == k[1])
        #expect(oneHeld.section(ofStudent: 4, slot: 0) == k[2])
        #expect(oneHeld.section(ofStudent: 0, slot: 0) == k[0])
    }

    /// A section keeps its minimum (H3): students 0 and 1 sit in c0 and rank c1 higher, where
    /// student 2 sits with seats to spare. With c0's minimum at 2 neither may leave; at 1, one does.
    @Test(arguments: [1, 2])
    func aSectionKeepsItsMinimum(minimum: Int) throws {
        var scenario = RandomDistrict.make(seed: 3, schools: 2, students: 3, courses: 2, slots: 1, visitingRule: false)
        scenario.courses = [Course(id: "c0", minSize: minimum, maxSize: 5), Course(id: "c1", minSize: 1, maxSize: 5)]
        scenario.teachers = (0..<2).map { Teacher(id: "t\($0)", site: "sch0", courses: ["c\($0)"]) }
        scenario.rooms = (0..<2).map { Room(site: "sch0", id: "r\($0)", capacity: 30) }
        scenario.students = [Student(id: "st0", school: "sch0", wants: 1, choices: ["c1", "c0"]),
                             Student(id: "st1", school: "sch0", wants: 1, choices: ["c1", "c0"]),
                             Student(id: "st2", school: "sch0", wants: 1, choices: ["c1"])]
        let p = try ProblemIndex(scenario)
        let search = Search(p)
        var state = ScheduleState(p)
        let k = try ChainDay.openOneSectionEach(of: 0..<2, slot: 0, in: &state, search: search)
        state.enrol(0, in: k[0])
        state.enrol(1, in: k[0])
        state.enrol(2, in: k[1])
        let changed = state.reseat(slot: 0)
        #expect(changed == (minimum == 1))
        #expect(state.sections[k[0]].members.count == minimum)
        #expect(state.sections[k[1]].members.count == 3 - minimum)
        #expect(ProfileDayChecker.check(state.timetable(), in: scenario).isValid)
    }
}

/// The minimum-cost circulation by cycle cancelling, against every assignment of small random
/// networks of the slot's shape: students to sections with capacities and minimums.
@Suite struct MinCostCirculationTests {
    @Test(arguments: Array(UInt64(1)...12))
    func reachesTheLeastCostAssignment(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let students = 3 + rng.below(4), sections = 2 + rng.below(2)
        // Each student's value of each section (nil: not a choice of theirs).
        var value = [[Double?]](repeating: [Double?](repeating: nil, count: sections), count: students)
        for s in 0..<students { for k in 0..<sections where rng.unit() < 0.7 { value[s][k] = Double(1 + rng.below(9)) } }
        let capacity = (0..<sections).map { _ in 1 + rng.below(3) }
        let minimum = capacity.map { rng.below($0 + 1) }
        // Every assignment (each student: none or a section of theirs) by brute force: the best
        // feasible one, and a feasible one to start from.
        func assignments(_ s: Int, _ current: [Int], _ visit: ([Int]) -> Void) {
            if s == students { visit(current); return }
            for k in -1..<sections where k < 0 || value[s][k] != nil { assignments(s + 1, current + [k], visit) }
        }
        var best: Double?
        var start: [Int]?
        assignments(0, []) { a in
            let size = (0..<sections).map { k in a.filter { $0 == k }.count }
            guard (0..<sections).allSatisfy({ minimum[$0] <= size[$0] && size[$0] <= capacity[$0] }) else { return }
            let v = (0..<students).reduce(0.0) { $0 + (a[$1] >= 0 ? value[$1][a[$1]]! : 0) }
            if best == nil || v > best! { best = v }
            if start == nil || rng.unit() < 0.3 { start = a }
        }
        guard let best, let start else { return }  // no feasible assignment: nothing to compare
        // The network: 0 source, 1 sink, sections 2..., students after them.
        var network = MinCostCirculation(nodes: 2 + sections + students)
        network.addArc(from: 1, to: 0, upper: students, cost: 0, flow: start.filter { $0 >= 0 }.count)
        for s in 0..<students {
            network.addArc(from: 0, to: 2 + sections + s, upper: 1, cost: 0, flow: start[s] >= 0 ? 1 : 0)
            for k in 0..<sections { if let v = value[s][k] { network.addArc(from: 2 + sections + s, to: 2 + k, upper: 1, cost: -v, flow: start[s] == k ? 1 : 0) } }
        }
        for k in 0..<sections {
            network.addArc(from: 2 + k, to: 1, lower: minimum[k], upper: capacity[k], cost: 0, flow: start.filter { $0 == k }.count)
        }
        #expect(network.isFeasible)
        let before = network.cost
        network.improve()
        #expect(network.isFeasible)
        #expect(network.cost <= before + 1e-9)
        #expect(abs(-network.cost - best) < 1e-9, "circulation \(-network.cost), best assignment \(best)")
    }
}
