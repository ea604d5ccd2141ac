import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// Pins (H6) in the scheduler: property tests on random small districts (fixed seeds; the
/// independent checker decides), and what happens when pins cannot all be met.
@Suite struct PinScheduleTests {
    /// Pins taken from another valid timetable of the same district: every `every`-th section,
    /// whole (course, teacher, place, room, slot) with up to `students` of its students; and, on
    /// the sections in between, a looser pin (course and slot only) now and then.
    static func pins(from timetable: Timetable, every: Int = 3, students: Int = 2) -> [Pin] {
        var members: [String: [String]] = [:]
        for e in timetable.enrolments { members[e.section, default: []].append(e.student) }
        var pins: [Pin] = []
        for (i, s) in timetable.sections.enumerated() {
            if i % every == 0 {
                pins.append(Pin(course: s.course, teacher: s.teacher, place: s.site.map { .site($0) } ?? .remote,
                                room: s.room, slot: s.slot, students: Array((members[s.id] ?? []).sorted().prefix(students))))
            } else if i % (2 * every + 1) == 1 {
                pins.append(Pin(course: s.course, slot: s.slot))
            }
        }
        return pins
    }

    /// Few steps, one search thread, no bound: for timetables that only have to be valid.
    static func quick(seed: UInt64, iterations: Int) -> ScheduleOptions {
        var o = ScheduleOptions(timeLimit: 20, seed: seed, maxIterations: iterations)
        o.searchThreads = 1
        o.computeBound = false
        o.exactModelLimit = 0
        return o
    }

    @Test(arguments: [(1, true), (2, true), (3, false), (4, true), (5, false), (6, true), (7, false), (8, true)] as [(UInt64, Bool)])
    func pinsFromAnotherTimetableAreHonoured(seed: UInt64, visitingRule: Bool) throws {
        var scenario = RandomDistrict.make(seed: seed, visitingRule: visitingRule)
        let other = try ProfileDayScheduler.schedule(scenario, options: Self.quick(seed: 101, iterations: 15))
        scenario.pins = Self.pins(from: other.timetable)
        #expect(!scenario.pins.isEmpty)
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 20, seed: 7, maxIterations: 40))
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
        #expect(report.violations(of: .pins).isEmpty)
        #expect(abs(report.objective.value - result.objective) < 1e-6)
        let bound = try #require(result.bound)
        #expect(result.objective <= bound + 1e-6)
        // Every pin has its own section.
        let met = PinRule.sections(meeting: scenario.pins, in: result.timetable)
        #expect(met.allSatisfy { $0 != nil })
        #expect(Set(met.compactMap { $0 }).count == scenario.pins.count)
    }

    /// A warm start and stable re-planning from a timetable keep the pins too, and take the
    /// timetable's own sections for them where they meet them.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func warmStartsAndKeepHonourPins(seed: UInt64) throws {
        var scenario = RandomDistrict.make(seed: seed)
        let other = try ProfileDayScheduler.schedule(scenario, options: Self.quick(seed: 5, iterations: 15))
        scenario.pins = Self.pins(from: other.timetable, every: 2)
        for keep in [false, true] {
            var options = Self.quick(seed: 3, iterations: 20)
            if keep { options.keep = other.timetable } else { options.start = other.timetable }
            let result = try ProfileDayScheduler.schedule(scenario, options: options)
            let report = ProfileDayChecker.check(result.timetable, in: scenario)
            #expect(report.isValid, "keep \(keep): \(report.violations.prefix(5))")
        }
        // Started from the timetable the pins came from, the pinned sections are its own.
        let search = Search(try ProblemIndex(scenario))
        let start = try search.construct(from: other.timetable).timetable()
        let kept = PinRule.sections(meeting: scenario.pins, in: start).compactMap { $0 }
        #expect(kept.count == scenario.pins.count)
        let mine = Set(other.timetable.sections.map { "\($0.course)|\($0.teacher)|\($0.site ?? "")|\($0.room ?? "")|\($0.slot)" })
        for id in kept {
            let s = start.sections.first { $0.id == id }!
            #expect(mine.contains("\(s.course)|\(s.teacher)|\(s.site ?? "")|\(s.room ?? "")|\(s.slot)"))
        }
    }

    /// Small districts end with the whole per-student MIP, which models H6 exactly: the result
    /// meets the pins and the bound still bounds it.
    @Test func exactModelHonoursPins() throws {
        var scenario = RandomDistrict.make(seed: 21, schools: 3, students: 30, courses: 4, slots: 2, teachers: 5, minSize: 4, maxSize: 10, choices: 3)
        let other = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 20, seed: 9, maxIterations: 10))
        scenario.pins = Self.pins(from: other.timetable, every: 1, students: 1)
        let problem = try ProblemIndex(scenario)
        #expect(MonolithicModel.size(problem, Search(problem)) <= ScheduleOptions().exactModelLimit)
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 20, seed: 1, maxIterations: 30))
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
        #expect(result.objective <= (result.bound ?? .infinity) + 1e-6)
    }

    /// Pins that each make sense but cannot all be met: the scheduler says which.
    @Test func pinsThatCannotAllBeMetAreAnError() throws {
        var scenario = RandomDistrict.make(seed: 1)
        // Every pin wants the same teacher in slot 1, more times than there are slots to share.
        let t = scenario.teachers.first { $0.slots == nil && ($0.maxSections ?? 3) >= 1 }!
        let c = t.courses[0]
        scenario.pins = [Pin(course: c, teacher: t.id, slot: "1"), Pin(course: c, teacher: t.id, slot: "1")]
        #expect {
            _ = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 5, seed: 1, maxIterations: 5))
        } throws: { error in
            guard let e = error as? ScenarioError, let d = e.diagnostics.first else { return false }
            return d.location?.file == "pins.csv" && d.message.hasPrefix("H6 pins: this pin (\(c), teacher \(t.id), slot 1) cannot be met")
        }
    }
}
