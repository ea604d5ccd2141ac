import Foundation
import Testing
import LinearProgramming
import SetkaModel
import Wording
@testable import ProfileDay

@Suite struct SchedulerTests {
    /// Random small districts (fixed seeds): every result passes the independent checker, the
    /// scheduler's objective is the checker's, and the bound is not below it.
    @Test(arguments: [(1, true), (2, true), (3, false), (4, true), (5, false), (6, true)] as [(UInt64, Bool)])
    func randomDistrictsPassTheChecker(seed: UInt64, visitingRule: Bool) throws {
        let scenario = RandomDistrict.make(seed: seed, visitingRule: visitingRule)
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 20, seed: 7, maxIterations: 60))
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
        #expect(abs(report.objective.value - result.objective) < 1e-6)
        #expect(!result.timetable.sections.isEmpty)
        let bound = try #require(result.bound)
        #expect(result.objective <= bound + 1e-6)
    }

    /// A course only remote sections can serve (no room of its kind anywhere) still opens remotely.
    @Test func remoteOnlyCourseOpensRemotely() throws {
        var scenario = RandomDistrict.make(seed: 9, students: 60, courses: 3)
        scenario.courses[0] = Course(id: "c0", roomKind: "planetarium", remote: true)
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 20, seed: 1, maxIterations: 40))
        let c0 = result.timetable.sections.filter { $0.course == "c0" }
        #expect(!c0.isEmpty)
        #expect(c0.allSatisfy { $0.isRemote })
        #expect(ProfileDayChecker.check(result.timetable, in: scenario).isValid)
    }

    /// Every course that did not open is explained, and so is every student short of electives.
    @Test func outcomesAreExplained() throws {
        let scenario = RandomDistrict.make(seed: 3, students: 120, courses: 10, teachers: 6)
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 20, seed: 1, maxIterations: 40))
        let opened = Set(result.timetable.sections.map(\.course))
        let unexplained = scenario.courses.map(\.id).filter { !opened.contains($0) }
        #expect(Set(result.explanations.coursesNotOpened.map(\.course)) == Set(unexplained))
        #expect(result.explanations.coursesNotOpened.allSatisfy { !Words(.en).reason($0).isEmpty })
        var got = [String: Int]()
        for e in result.timetable.enrolments { got[e.student, default: 0] += 1 }
        let short = scenario.students.filter { got[$0.id, default: 0] < min($0.wants ?? 2, $0.choices.count) }.map(\.id)
        #expect(Set(result.explanations.studentsShort.map(\.student)) == Set(short))
    }

    /// The bound the run shows before its bound's thread is done: the least proven so far, with
    /// the method that proved it; a looser one offered later does not replace it.
    @Test func aProvisionalBoundKeepsTheLeast() {
        let shared = SharedBound()
        #expect(shared.value == nil)
        shared.offer(UpperBound.Result(value: nil, method: .none))
        #expect(shared.value == nil)
        shared.offer(UpperBound.Result(value: 120, method: .relaxationPlacesLP))
        shared.offer(UpperBound.Result(value: 118.5, method: .relaxationPlacesLagrangian))
        shared.offer(UpperBound.Result(value: 119, method: .relaxationStudentCoursesLP))
        #expect(shared.value?.value == 118.5)
        #expect(shared.value?.method == .relaxationPlacesLagrangian)
    }
}

/// When the search ends: a run whose time nobody chose ends once it stalls; a chosen time is
/// used whole.
@Suite struct StallStopTests {
    /// 30 students, one search thread and no sub-MIPs or bound: the 2,000 steps without a better
    /// day that end a stalled search take about 20 s in a debug build on a quiet machine, and
    /// more than 60 s when the other suites run beside it on a slower one (a clean-clone CI run,
    /// 2026-12-01), so the stalling run gets 600 s: a limit, not a timing. No gap target (0) and
    /// no whole-model phase, so only the stall or the clock can end the search.
    func run(seconds: Double, stopWhenStalled: Bool) throws -> ScheduleResult {
        let scenario = RandomDistrict.make(seed: 11, schools: 4, students: 30, courses: 5)
        var options = ScheduleOptions(timeLimit: seconds, seed: 3, targetGap: 0)
        options.exactModelLimit = 0
        options.searchThreads = 1
        options.exactStepEvery = .max
        options.computeBound = false
        options.stopWhenStalled = stopWhenStalled
        return try ProfileDayScheduler.schedule(scenario, options: options)
    }

    @Test func stalledSearchEndsEarlyOnlyWhenAllowed() throws {
        let stalls = try run(seconds: 600, stopWhenStalled: true)
        #expect(stalls.stoppedBy == .noImprovement)
        #expect(stalls.seconds < 600)
        let whole = try run(seconds: 2, stopWhenStalled: false)
        #expect(whole.stoppedBy == .time)
        #expect(whole.seconds >= 1.5)
    }
}

/// The search's sub-MIPs: when one is done, and what its end teaches the next one's size.
@Suite struct ExactStepTests {
    /// GLPK's gap is relative to the best found: a sub-MIP whose start is worth 20,000 ends once
    /// its bound is within a twentieth of a first choice (5 when first choices are worth 100);
    /// a start worth no more than that is solved to the end.
    @Test func subMIPEndsWithinATwentiethOfAFirstChoice() throws {
        let scenario = RandomDistrict.make(seed: 3, schools: 7, students: 120, courses: 9)
        let search = Search(try ProblemIndex(scenario))
        let tolerance = Search.exactStepTolerance * search.p.rankValue(0)
        #expect(tolerance > 0)
        #expect(abs(search.exactStepGap(startValue: 20_000) * 20_000 - tolerance) < 1e-9)
        #expect(search.exactStepGap(startValue: tolerance) == 0)
        #expect(search.exactStepGap(startValue: 0) == 0)
    }

    /// A sub-MIP over one slot re-decides its course's sections in that slot only: the course's
    /// sections in the other slots keep their place, room and students, and the day it gives
    /// back keeps every rule and is no worse.
    @Test func aSubMIPOverOneSlotKeepsTheOtherSlots() throws {
        let scenario = RandomDistrict.make(seed: 3, schools: 7, students: 120, courses: 9)
        let p = try ProblemIndex(scenario)
        let search = Search(p)
        let state = try search.construct()
        let open = state.sections.filter(\.open)
        // The course held in the most slots, and the slot of its first section.
        let c = try #require((0..<p.courses.count).max { a, b in
            Set(open.filter { $0.course == a }.map(\.slot)).count < Set(open.filter { $0.course == b }.map(\.slot)).count
        })
        let t = try #require(open.first { $0.course == c }?.slot)
        func elsewhere(_ day: ScheduleState) -> [String] {
            day.sections.filter { $0.open && $0.course == c && $0.slot != t }
                .map { "\($0.teacher) \($0.site) \($0.slot) \($0.room) \($0.members.sorted())" }.sorted()
        }
        #expect(!elsewhere(state).isEmpty, "the course is held in one slot only: nothing to test")
        let sub = MonolithicModel(p, search, freeing: [c], slots: 1 << UInt64(t), from: state)
        #expect(sub.candidates.allSatisfy { $0.slot == t })
        var options = SolverOptions()
        options.timeLimit = 60
        options.presolve = false
        options.initialSolution = try #require(sub.incumbent(state))
        let solution = try Solver.solve(sub.model, options: options)
        #expect(solution.hasSolution)
        var next = state
        sub.apply(solution, to: &next)
        #expect(elsewhere(next) == elsewhere(state))
        let report = ProfileDayChecker.check(next.timetable(), in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
        #expect(next.recomputedObjective() >= state.recomputedObjective() - 1e-6)
    }

    /// One near the size limit that ends within that tolerance shows there is room, as one solved
    /// to optimality does; one that ran out of time, with a solution or without, shrinks the next
    /// ones; one stopped from outside says nothing.
    @Test func withinTheToleranceGrowsLikeOptimal() {
        var size = ExactStepSize(largest: 4000)
        size.learn(.timeLimitNoSolution, binaries: 3000)
        #expect(size.current == 2100)
        size.learn(.optimalWithinGap, binaries: 2100)
        let grown = Int(2100 * ExactStepSize.grow)
        #expect(size.current == grown)
        size.learn(.stoppedWithSolution, binaries: 2400)
        #expect(size.current == grown)
        size.learn(.timeLimitWithSolution, binaries: 2000)
        #expect(size.current == Int(2000 * ExactStepSize.shrink))
    }
}
