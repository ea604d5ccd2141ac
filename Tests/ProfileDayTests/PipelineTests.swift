import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// Issue 15 part 3: one profile-day job as one value — solve, independent check, summary,
/// reasons, files in memory — for the CLI, compare and the browser application alike.
@Suite("ProfileDayRun")
struct PipelineTests {
    static func quick(iterations: Int = 20) -> ScheduleOptions {
        var o = ScheduleOptions(timeLimit: 60, seed: 3, maxIterations: iterations)
        o.exactModelLimit = 0
        o.exactStepEvery = 10_000
        return o
    }

    let settings = ScheduleSummary.Settings(timeLimit: 60, seed: 3, iterations: 20, scenarioPath: "/scenarios/random")

    @Test("a run is verified, its summary is the checker's, its files are the job's files")
    func verifiedRun() throws {
        let scenario = RandomDistrict.make(seed: 5)
        let progress = ProgressCount()
        let run = try ProfileDayRun.run(scenario, options: Self.quick(), settings: settings,
                                        progress: { _ in progress.add() })
        #expect(run.check.isValid)
        #expect(run.summary.objective == run.check.objective.value)
        #expect(run.summary.verified)
        #expect(run.summary.studentsShort == run.explanations.studentsShort.count)
        #expect(run.status == (run.explanations.studentsShort.isEmpty ? .complete : .studentsShort))
        #expect(progress.count >= 1)
        let files = run.files(wording: PlainWording())
        #expect(Set(files.map(\.name)) == ProfileDayRun.ownedFiles.names)
        let summary = try #require(files.first { $0.name == "summary.json" })
        let object = try #require(try JSONSerialization.jsonObject(with: summary.data) as? [String: Any])
        #expect(object["scenarioPath"] as? String == "/scenarios/random")
        #expect(object["stoppedBy"] as? String == StopReason.iterations.rawValue)
        // The timetable files read back to the same timetable.
        let sections = try #require(files.first { $0.name == TimetableIO.sectionsFile })
        let enrolments = try #require(files.first { $0.name == TimetableIO.enrolmentsFile })
        let back = try TimetableIO.read(sections: [UInt8](sections.data), enrolments: [UInt8](enrolments.data))
        #expect(back.timetable == run.timetable)
        #expect(run.job().name == "schedule" && run.job().scenarioPath == "/scenarios/random")
    }

    @Test("a timetable made elsewhere: checked, stopped by .imported, with the data's proven bound as its gap; a 'bound' below it left out")
    func imported() throws {
        let scenario = RandomDistrict.make(seed: 5)
        let searched = try ProfileDayRun.run(scenario, options: Self.quick(), settings: settings)
        let timetable = searched.timetable
        let objective = searched.check.objective.value
        let proven = try ProfileDayScheduler.bound(scenario, timeLimit: 20)
        let bound = try #require(proven.value)
        #expect(bound >= objective - 1e-6)

        let run = try ProfileDayRun.imported(timetable, in: scenario, settings: settings, bound: { (proven.value, proven.method) })
        #expect(run.summary.stoppedBy == .imported && run.summary.verified)
        #expect(run.summary.objective == objective)
        #expect(run.summary.bound == bound && run.summary.boundMethod == proven.method)
        #expect(abs((run.summary.gap ?? .nan) - (bound - objective) / abs(bound)) < 1e-12)
        #expect(run.summary.status == (bound - objective <= 1e-6 * max(1, abs(bound)) ? .optimal : .feasible))

        // No bound asked: none. One equal to the objective proves it optimal. One below the
        // checked objective is not a bound: left out, the timetable still taken.
        #expect(try ProfileDayRun.imported(timetable, in: scenario, settings: settings).summary.bound == nil)
        let tight = try ProfileDayRun.imported(timetable, in: scenario, settings: settings, bound: { (objective, proven.method) })
        #expect(tight.summary.status == .optimal && tight.summary.gap == 0)
        let below = try ProfileDayRun.imported(timetable, in: scenario, settings: settings, bound: { (objective - 50, proven.method) })
        #expect(below.summary.bound == nil && below.summary.status == .feasible)

        // A timetable that breaks a rule is refused before its bound is asked (a city's takes
        // about a minute).
        var broken = timetable
        let first = try #require(broken.sections.first)
        broken.sections.append(Section(id: "X1", course: first.course, teacher: first.teacher, site: first.site,
                                       room: first.room, slot: first.slot))
        var asked = false
        #expect(throws: ProfileDayRunError.self) {
            try ProfileDayRun.imported(broken, in: scenario, settings: settings, bound: { asked = true; return (bound, proven.method) })
        }
        #expect(!asked)
    }

    @Test("a stop asked from the start still returns a verified timetable, marked interrupted")
    func stoppedAtOnce() throws {
        let run = try ProfileDayRun.run(RandomDistrict.make(seed: 6), options: Self.quick(iterations: 100_000),
                                        settings: settings, shouldStop: { true })
        #expect(run.status == .interrupted)
        #expect(run.check.isValid)
        #expect(run.summary.stoppedBy == .interrupted)
    }

    @Test("a result the checker rejects, or whose objective differs, is an error, never written")
    func rejected() throws {
        let scenario = RandomDistrict.make(seed: 7)
        let good = try ProfileDayScheduler.schedule(scenario, options: Self.quick())
        var wrongObjective = good
        wrongObjective.objective += 5
        #expect(throws: ProfileDayRunError.self) { try ProfileDayRun.verified(wrongObjective, in: scenario, settings: settings) }
        var broken = good
        let first = try #require(broken.timetable.sections.first)
        broken.timetable.sections.append(Section(id: "X1", course: first.course, teacher: first.teacher, site: first.site,
                                                 room: first.room, slot: first.slot))
        do {
            _ = try ProfileDayRun.verified(broken, in: scenario, settings: settings)
            Issue.record("expected the checker to reject the timetable")
        } catch {
            guard case .rejected(let violations) = error else { Issue.record("\(error)"); return }
            #expect(!violations.isEmpty)
        }
    }

    @Test("a scenario without a profile day is invalid input")
    func noProfileDay() {
        var scenario = RandomDistrict.make(seed: 8)
        scenario.profileDay = nil
        #expect(throws: ProfileDayRunError.self) { try ProfileDayRun.run(scenario, options: Self.quick(), settings: settings) }
    }
}

final class ProgressCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}

/// Reasons as the typed causes' descriptions (the Wording module words them for people).
struct PlainWording: ExplanationWording {
    func reason(_ course: CourseExplanation) -> String { "\(course.cause)" }
    func reason(_ student: StudentExplanation) -> String { "\(student.choices.count) choices not got" }
}
