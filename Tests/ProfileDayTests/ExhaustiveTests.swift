import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// On tiny districts, the scheduler's objective equals the best of *every* timetable, found by
/// brute force and judged by the independent checker alone.
@Suite struct ExhaustiveTests {
    /// Every candidate section of a scenario: course × qualified teacher × site (own, any other
    /// school, remote) × room × slot. Validity is left to the checker.
    static func candidateSections(_ scenario: Scenario) -> [Section] {
        var out: [Section] = []
        let slots = scenario.profileDay!.slots
        for course in scenario.courses {
            for teacher in scenario.teachers where teacher.courses.contains(course.id) {
                for slot in slots where teacher.slots?.contains(slot.id) ?? true {
                    if course.remote {
                        out.append(Section(id: "x\(out.count)", course: course.id, teacher: teacher.id, site: nil, room: nil, slot: slot.id))
                    }
                    for room in scenario.rooms where teacher.travels || room.site == teacher.site {
                        out.append(Section(id: "x\(out.count)", course: course.id, teacher: teacher.id, site: room.site, room: room.id, slot: slot.id))
                    }
                }
            }
        }
        return out
    }

    /// The best objective over all valid timetables (nil if the search space is too large).
    static func bruteForce(_ scenario: Scenario, limit: Int = 400_000) -> Double? {
        let candidates = candidateSections(scenario)
        guard candidates.count <= 12 else { return nil }
        var best = 0.0  // the empty timetable is always valid
        var evaluated = 0
        for mask in 1..<(1 << candidates.count) {
            let open = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
            // Quick structural filter through the checker with no students: teacher/room clashes.
            let bare = ProfileDayChecker.check(Timetable(sections: open, enrolments: []), in: scenario)
            if bare.violations.contains(where: { $0.rule != .size && $0.rule != .visitingTeacher }) { continue }
            // Each student: any subset (of size <= wants) of open sections of courses they chose.
            let options: [[[String]]] = scenario.students.map { st in
                let mine = open.filter { st.choices.contains($0.course) }
                var subsets: [[String]] = [[]]
                for sec in mine {
                    subsets += subsets.filter { $0.count < (st.wants ?? scenario.profileDay!.coursesPerStudent) }.map { $0 + [sec.id] }
                }
                return subsets
            }
            var index = [Int](repeating: 0, count: options.count)
            while true {
                evaluated += 1
                if evaluated > limit { return nil }
                var enrolments: [Enrolment] = []
                for (s, o) in options.enumerated() {
                    for id in o[index[s]] { enrolments.append(Enrolment(student: scenario.students[s].id, section: id)) }
                }
                let report = ProfileDayChecker.check(Timetable(sections: open, enrolments: enrolments), in: scenario)
                if report.isValid { best = max(best, report.objective.value) }
                var s = 0
                while s < options.count {
                    index[s] += 1
                    if index[s] < options[s].count { break }
                    index[s] = 0
                    s += 1
                }
                if s == options.count { break }
            }
        }
        return best
    }

    static func tiny(seed: UInt64) -> Scenario {
        var rng = SplitMix64(seed: seed)
        let orgs = [
            Organisation(id: "a", name: "A", latitude: 51.0, longitude: 38.6),
            Organisation(id: "b", name: "B", latitude: 51.0 + rng.unit() * 0.3, longitude: 38.6 + rng.unit() * 0.3),
        ]
        let rooms = [Room(site: "a", id: "r1", capacity: 3 + rng.int(2)), Room(site: "b", id: "r1", capacity: 3)]
        let courses = [Course(id: "c0"), Course(id: "c1", remote: rng.unit() < 0.5)]
        let slots = [Slot(id: "1", start: TimeOfDay(minutes: 540), end: TimeOfDay(minutes: 630)),
                     Slot(id: "2", start: TimeOfDay(minutes: 640), end: TimeOfDay(minutes: 730))]
        let teachers = [
            Teacher(id: "t0", site: "a", courses: ["c0", "c1"], maxSections: 1 + rng.int(2), travels: rng.unit() < 0.5),
            Teacher(id: "t1", site: "b", courses: ["c1"], slots: ["2"], travels: false),
        ]
        var students: [Student] = []
        for s in 0..<4 {
            let school = rng.unit() < 0.6 ? "a" : "b"
            let choices = rng.unit() < 0.5 ? ["c0", "c1"] : ["c1", "c0"]
            students.append(Student(id: "s\(s)", school: school, wants: 1 + rng.int(2), choices: choices))
        }
        let settings = ProfileDaySettings(slots: slots, minSectionSize: 2, maxSectionSize: 3, coursesPerStudent: 2,
                                          maxTripMinutes: 60, visitingTeacherRule: rng.unit() < 0.7)
        return Scenario(name: "tiny-\(seed)", profileDay: settings, organisations: orgs, rooms: rooms,
                        teachers: teachers, courses: courses, students: students)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func schedulerMatchesBruteForce(seed: UInt64) throws {
        let scenario = Self.tiny(seed: seed)
        let result = try ProfileDayScheduler.schedule(scenario, options: ScheduleOptions(timeLimit: 5, seed: 1, maxIterations: 200))
        let report = ProfileDayChecker.check(result.timetable, in: scenario)
        #expect(report.isValid, "\(report.violations)")
        #expect(abs(report.objective.value - result.objective) < 1e-6)
        guard let optimum = Self.bruteForce(scenario) else {
            Issue.record("search space too large for seed \(seed)")
            return
        }
        #expect(abs(result.objective - optimum) < 1e-6, "seed \(seed): scheduler \(result.objective), optimum \(optimum)")
        if let bound = result.bound { #expect(bound >= optimum - 1e-6) }
    }
}
