import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// Starting from a given timetable (a base's, for a what-if variant) and staying close to a
/// published one (stable re-planning).
@Suite struct WarmStartTests {
    /// A reproducible run of LNS steps only: no whole-model phase, no bound, no exact sub-MIPs
    /// (in a debug build they take most of the time; other suites test them).
    static func quick(seed: UInt64, iterations: Int) -> ScheduleOptions {
        var o = ScheduleOptions(timeLimit: 60, seed: seed, maxIterations: iterations)
        o.exactModelLimit = 0
        o.computeBound = false
        o.exactStepEvery = 10_000
        return o
    }

    /// The teacher with the most sections in `t`.
    static func busiestTeacher(_ t: Timetable) throws -> String {
        let counts = Dictionary(t.sections.map { ($0.teacher, 1) }, uniquingKeysWith: +)
        return try #require(counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
    }

    /// Each student's day: the (course, site, slot) of every section they attend.
    static func days(_ t: Timetable) -> [String: Set<String>] {
        let sections = Dictionary(t.sections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = [String: Set<String>]()
        for e in t.enrolments {
            guard let s = sections[e.section] else { continue }
            out[e.student, default: []].insert("\(s.course)@\(s.site ?? "remote")#\(s.slot)")
        }
        return out
    }

    static func studentsMoved(_ a: Timetable, _ b: Timetable, in scenario: Scenario) -> Int {
        let da = days(a), db = days(b)
        return scenario.students.filter { da[$0.id] ?? [] != db[$0.id] ?? [] }.count
    }

    @Test func loadingASchedulersOwnTimetableKeepsAllOfIt() throws {
        let scenario = RandomDistrict.make(seed: 4, visitingRule: true)
        let result = try ProfileDayScheduler.schedule(scenario, options: Self.quick(seed: 1, iterations: 30))
        let search = Search(try ProblemIndex(scenario))
        let state = search.load(result.timetable)
        #expect(abs(state.specObjective() - result.objective) < 1e-6)
        #expect(state.timetable().sections.count == result.timetable.sections.count)
        #expect(state.timetable().enrolments.count == result.timetable.enrolments.count)
        #expect(Self.studentsMoved(result.timetable, state.timetable(), in: scenario) == 0)
    }

    @Test func aBaseTimetableLoadsIntoAVariantWithoutItsRemovedTeacher() throws {
        let scenario = RandomDistrict.make(seed: 2, visitingRule: true)
        let base = try ProfileDayScheduler.schedule(scenario, options: Self.quick(seed: 1, iterations: 30))
        let gone = try Self.busiestTeacher(base.timetable)
        var variant = scenario
        variant.teachers.removeAll { $0.id == gone }
        let state = Search(try ProblemIndex(variant)).load(base.timetable)
        let loaded = state.timetable()
        #expect(ProfileDayChecker.check(loaded, in: variant).isValid)
        #expect(!loaded.sections.contains { $0.teacher == gone })
        // Every other section of the base stays unless its students fell below the minimum.
        let others = base.timetable.sections.filter { $0.teacher != gone }.count
        #expect(loaded.sections.count * 2 >= others)

        var options = Self.quick(seed: 1, iterations: 10)
        options.start = base.timetable
        let warm = try ProfileDayScheduler.schedule(variant, options: options)
        let report = ProfileDayChecker.check(warm.timetable, in: variant)
        #expect(report.isValid, "\(report.violations.prefix(3))")
        #expect(abs(report.objective.value - warm.objective) < 1e-6)
    }

    /// Re-planning with the published timetable kept moves fewer students than a fresh solve,
    /// reports the spec's objective (the checker's) and no bound (its objective is another).
    @Test(arguments: [3, 5] as [UInt64])
    func keepingThePublishedTimetableMovesFewerStudents(seed: UInt64) throws {
        let scenario = RandomDistrict.make(seed: seed, students: 120, visitingRule: seed % 2 == 1)
        let published = try ProfileDayScheduler.schedule(scenario, options: Self.quick(seed: 1, iterations: 15)).timetable
        let gone = try Self.busiestTeacher(published)
        var variant = scenario
        variant.teachers.removeAll { $0.id == gone }
        let fresh = try ProfileDayScheduler.schedule(variant, options: Self.quick(seed: 9, iterations: 15))
        var options = Self.quick(seed: 9, iterations: 15)
        options.keep = published
        let kept = try ProfileDayScheduler.schedule(variant, options: options)
        let report = ProfileDayChecker.check(kept.timetable, in: variant)
        #expect(report.isValid, "\(report.violations.prefix(3))")
        #expect(abs(report.objective.value - kept.objective) < 1e-6)
        #expect(kept.bound == nil)
        let movedKept = Self.studentsMoved(published, kept.timetable, in: variant)
        let movedFresh = Self.studentsMoved(published, fresh.timetable, in: variant)
        #expect(movedKept < movedFresh, "kept moved \(movedKept), fresh \(movedFresh)")
        // Only students of the removed teacher's sections had to move.
        let taught = Set(published.sections.filter { $0.teacher == gone }.map(\.id))
        let affected = Set(published.enrolments.filter { taught.contains($0.section) }.map(\.student))
        #expect(movedKept <= affected.count + affected.count / 2 + 5, "kept moved \(movedKept) for \(affected.count) affected")
    }
}
