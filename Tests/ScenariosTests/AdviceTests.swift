import Foundation
import Testing
import ProfileDay
import Scenarios
import SetkaModel
import Wording

/// Small districts where what would help is known by construction.
enum AdviceFixtures {
    /// `Tests/Fixtures/one-slot` (the server's and the browser's advice tests upload it too): one
    /// school, two slots, 40 students who all choose B, then A. B's only teacher, tB («В»), may
    /// teach two sections but is free in slot 1 only: one section of B (25 seats), so 15 students
    /// get A alone. The one change that serves them: tB also free in slot 2.
    static func oneSlotShort() throws -> Scenario {
        try ScenarioLoader.load(from: WhatIfCLI.packageRoot.appendingPathComponent("Tests/Fixtures/one-slot")).scenario
    }

    /// `oneSlotShort` with more reasons to be short: a lab course with no lab anywhere (L); a
    /// course whose only teacher works at a far school and does not travel (F); a course that
    /// may be held only at the far school (G, `sites: far`) though its choosers are at the near one.
    static func manyCauses() throws -> Scenario {
        var s = try oneSlotShort()
        s.name = "Много причин"
        s.organisations.append(Organisation(id: "far", name: "Дальняя школа", latitude: 51.6, longitude: 38))
        s.rooms += [Room(site: "far", id: "f1", capacity: 25), Room(site: "s1", id: "big", capacity: 30, kind: "gym")]
        s.teachers += [Teacher(id: "tL", site: "s1", courses: ["L"]), Teacher(id: "tF", site: "far", courses: ["F"], travels: false),
                       Teacher(id: "tG", site: "s1", courses: ["G"])]
        s.courses += [Course(id: "L", roomKind: "lab"), Course(id: "F"), Course(id: "G", sites: ["far"])]
        s.students += (1...14).map { Student(id: String(format: "q%02d", $0), school: "s1", choices: ["L", "F", "A"]) }
        s.students += (1...12).map { Student(id: String(format: "r%02d", $0), school: "s1", choices: ["G", "A"]) }
        return s
    }

    /// The scenario written to a folder, and a verified timetable of it.
    static func solved(_ scenario: Scenario) throws -> (folder: URL, input: AdviceInput) {
        let folder = try Fixtures.write(scenario)
        let loaded = try ScenarioLoader.load(from: folder).scenario
        let run = try ProfileDayRun.run(loaded, options: ScheduleOptions(timeLimit: 3, maxIterations: 200),
                                        settings: .init(timeLimit: 3, seed: 1, iterations: 200))
        return (folder, AdviceInput(folder: folder, scenario: loaded, timetable: run.timetable))
    }
}

@Suite("setka advise")
struct AdviceTests {
    @Test("a teacher one slot short: that change is found first, with the students it serves (verified)")
    func oneSlotShortFoundFirst() throws {
        let (_, input) = try AdviceFixtures.solved(try AdviceFixtures.oneSlotShort())
        #expect(ProfileDayChecker.check(input.timetable, in: input.scenario).objective.studentsFullyServed == 25)
        let advice = try Advisor.advise(input, options: AdviceOptions(timeLimit: 8, top: 3))
        let first = try #require(advice.items.first)
        #expect(first.change == .teacherSlot(teacher: "tB", slot: "2", slots: ["1", "2"], maxSections: nil))
        #expect(first.asks == .teacher("tB"))
        #expect(first.rank == 1 && first.variantFile == "variants/01.yaml")
        #expect(first.studentsGained == 15)
        #expect(first.figures.verified && first.figures.fullyServed == 40)
        #expect(advice.baseline.fullyServed == 25 && advice.electivesEach == 2)
        #expect(advice.items.allSatisfy { $0.studentsGained > 0 || $0.objectiveGain > Advisor.objectiveEpsilon })
        #expect(Words(.ru).sentence(first, in: advice) == "Если педагог tB сможет вести занятие в слоте 2, ещё 15 учеников получат оба курса")
        #expect(Words(.en).sentence(first, in: advice) == "If teacher tB can teach in slot 2, 15 more students will get both electives")
    }

    @Test("a gain is the change's: measured from the re-solve without a change when that is better than the timetable given")
    func gainsAreTheChangesNotMoreSearch() throws {
        let (_, solved) = try AdviceFixtures.solved(try AdviceFixtures.oneSlotShort())
        // A valid but poor timetable: five of B's 25 students taken out of their A section (it
        // keeps at least the minimum of 10), so 20 are fully served where a plain re-solve serves
        // 25; the other 15 are still short because B is full and tB is busy in slot 2.
        var input = solved
        let sections = Dictionary(uniqueKeysWithValues: input.timetable.sections.map { ($0.id, $0) })
        let inB = Set(input.timetable.enrolments.filter { sections[$0.section]?.course == "B" }.map(\.student))
        try #require(inB.count == 25)
        let aOfB = input.timetable.enrolments.filter { inB.contains($0.student) && sections[$0.section]?.course == "A" }
        let bySection = Dictionary(grouping: aOfB, by: \.section)
        let (a, members) = try #require(bySection.max { $0.value.count < $1.value.count })
        let size = input.timetable.enrolments.filter { $0.section == a }.count
        try #require(size >= 15 && members.count >= 5)
        let dropped = Set(members.prefix(5).map(\.student))
        input.timetable.enrolments.removeAll { $0.section == a && dropped.contains($0.student) }
        let check = ProfileDayChecker.check(input.timetable, in: input.scenario)
        try #require(check.isValid)
        #expect(check.objective.studentsFullyServed == 20)

        let advice = try Advisor.advise(input, options: AdviceOptions(timeLimit: 8, top: 3))
        #expect(advice.current.fullyServed == 20)
        #expect(!advice.baselineIsCurrent && advice.baseline.fullyServed == 25)
        let first = try #require(advice.items.first)
        #expect(first.change == .teacherSlot(teacher: "tB", slot: "2", slots: ["1", "2"], maxSections: nil))
        // 40 with the change: 15 more than without it, not 20 more than the timetable given.
        #expect(first.figures.fullyServed == 40 && first.studentsGained == 15)
        for item in advice.items {
            #expect(item.figures.verified)
            #expect(item.studentsGained == item.figures.fullyServed - advice.baseline.fullyServed)
            #expect(abs(item.objectiveGain - (item.figures.objective - advice.baseline.objective)) < 1e-9)
        }
        // No change is advised for what the re-solve alone gives: a candidate whose verified
        // timetable serves no more than the baseline is not in the advice.
        #expect(advice.items.allSatisfy { $0.studentsGained > 0 || $0.objectiveGain > Advisor.objectiveEpsilon })
    }

    @Test("every student served: no candidate, no re-solve, the advice says nothing was found")
    func nothingToAdvise() throws {
        var scenario = try AdviceFixtures.oneSlotShort()
        scenario.teachers = scenario.teachers.map { var t = $0; if t.id == "tB" { t.slots = ["1", "2"] }; return t }
        let (_, input) = try AdviceFixtures.solved(scenario)
        try #require(ProfileDayChecker.check(input.timetable, in: input.scenario).objective.studentsFullyServed == 40)
        let phases = Phases()
        let advice = try Advisor.advise(input, options: AdviceOptions(timeLimit: 20, top: 3), progress: { phases.add($0.phase) })
        #expect(advice.candidates == 0 && advice.verified == 0 && advice.items.isEmpty)
        #expect(advice.baselineIsCurrent && advice.baseline == advice.current)
        #expect(!phases.all.contains(.verifying))
        // No time spent on a re-solve without a change, which could advise nothing (it would
        // take 90% of the 20 s).
        #expect(advice.seconds < 10, "\(advice.seconds) s")
        #expect(AdviceOutput.csv(advice, wording: Words(.ru)) == "rank,change,students_gained,objective_gain,asks,variant\n")
    }

    final class Phases: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [AdvicePhase] = []
        func add(_ p: AdvicePhase) { lock.withLock { seen.append(p) } }
        var all: [AdvicePhase] { lock.withLock { seen } }
    }

    @Test("students pinned to a course in B's only slot: a section of B in another slot is advised, and the pins are kept")
    func pinnedStudents() throws {
        var scenario = try AdviceFixtures.oneSlotShort()
        scenario.students = Array(scenario.students.prefix(30))
        let pinned = (1...10).map { String(format: "p%02d", $0) }
        scenario.pins = [Pin(course: "A", teacher: "tA1", slot: "1", students: pinned)]
        let (_, input) = try AdviceFixtures.solved(scenario)
        try #require(ProfileDayChecker.check(input.timetable, in: input.scenario).objective.studentsFullyServed == 20)
        // B has free seats; the pinned students are short of it because of their pin.
        let short = try WorkingTimetable(input.timetable, in: input.scenario).explanations().studentsShort
        #expect(Set(short.map(\.student)) == Set(pinned))
        #expect(short.allSatisfy { $0.choices.contains { if case .pinnedInSlot = $0.cause { true } else { false } } })
        let advice = try Advisor.advise(input, options: AdviceOptions(timeLimit: 8, top: 2))
        let first = try #require(advice.items.first)
        #expect(first.change == .teacherSlot(teacher: "tB", slot: "2", slots: ["1", "2"], maxSections: nil))
        #expect(first.studentsGained == 10 && first.figures.fullyServed == 30 && first.figures.violations == 0)
    }

    @Test("no candidate lowers a minimum, removes anyone or anything, or sets a rule aside")
    func candidatesOnlyLoosen() throws {
        let (folder, input) = try AdviceFixtures.solved(try AdviceFixtures.manyCauses())
        let candidates = try Advisor.candidates(input)
        #expect(!candidates.isEmpty)
        // Every kind of change is drawn from these causes.
        func has(_ p: (AdviceChange) -> Bool) -> Bool { candidates.contains { p($0.change) } }
        #expect(has { if case .teacherSlot = $0 { true } else { false } })
        #expect(has { if case .roomKind(_, _, _, "lab") = $0 { true } else { false } })
        #expect(has { $0 == .courseRemote(course: "L") })
        #expect(has { $0 == .teacherTravels(teacher: "tF") })
        #expect(has { $0 == .courseSite(course: "G", site: "s1", sites: ["far", "s1"]) })
        let base = try VariantBase(folder)
        let before = input.scenario
        let allowed: [VariantChange.Target: Set<String>] = [.teacher: ["slots", "max_sections", "travels"], .room: ["kind"],
                                                            .course: ["remote", "sites"]]
        for c in candidates {
            guard case let .update(target, _, _, values) = c.change.variantChange else {
                Issue.record("\(c.change.key) is not an update"); continue
            }
            #expect(values.allSatisfy { allowed[target]?.contains($0.column) == true }, "\(c.change.key)")
            let after = try base.apply(name: c.change.key, changes: [VariantChange(c.change.variantChange, at: SourceLocation(file: "t"))])
                .loaded.scenario
            #expect(after.students == before.students && after.organisations == before.organisations)
            #expect(after.teachers.map(\.id) == before.teachers.map(\.id) && after.rooms.map(\.id) == before.rooms.map(\.id))
            #expect(after.courses.map(\.id) == before.courses.map(\.id) && after.courses.map(\.minSize) == before.courses.map(\.minSize))
            #expect(after.profileDay == before.profileDay)
            for (t, u) in zip(before.teachers, after.teachers) {
                #expect(u.courses == t.courses && u.site == t.site)
                #expect((u.maxSections ?? 2) >= (t.maxSections ?? 2))
                #expect(Set(u.slots ?? ["1", "2"]).isSuperset(of: t.slots ?? ["1", "2"]))
                #expect(u.travels || !t.travels)
            }
            for (a, b) in zip(before.courses, after.courses) {
                #expect(b.remote || !a.remote)
                #expect(a.sites.isEmpty ? b.sites.isEmpty : Set(b.sites).isSuperset(of: a.sites))
                #expect(b.roomKind == a.roomKind && b.maxSize == a.maxSize)
            }
            for (a, b) in zip(before.rooms, after.rooms) { #expect(a.capacity == b.capacity && a.site == b.site) }
        }
    }

    @Test("every written variant loads from the advice folder and its re-solve passes the checker")
    func writtenVariantsLoadAndSolve() throws {
        let (folder, input) = try AdviceFixtures.solved(try AdviceFixtures.manyCauses())
        let advice = try Advisor.advise(input, options: AdviceOptions(timeLimit: 10, top: 4))
        #expect(!advice.items.isEmpty)
        #expect(advice.items.map(\.rank) == Array(1...advice.items.count))
        #expect(zip(advice.items, advice.items.dropFirst()).allSatisfy { a, b in
            (a.studentsGained, a.objectiveGain) >= (b.studentsGained, b.objectiveGain)
        })
        let out = try Fixtures.temporaryFolder("advice-out").appendingPathComponent("nested/advice")
        let files = try AdviceOutput.files(advice, scenarioFolder: folder, outFolder: out, wording: Words(.ru))
        for f in files {
            let url = out.appendingPathComponent(f.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try f.data.write(to: url)
        }
        let csv = try String(contentsOf: out.appendingPathComponent("advice.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("rank,change,students_gained,objective_gain,asks,variant\n"))
        #expect(csv.split(separator: "\n").count == advice.items.count + 1)
        for item in advice.items {
            let variant = try VariantLoader.load(from: out.appendingPathComponent(item.variantFile))
            #expect(variant.variant.base.standardizedFileURL.resolvingSymlinksInPath().path == folder.resolvingSymlinksInPath().path)
            #expect(variant.variant.changes.map(\.kind) == [item.change.variantChange])
            let run = try ProfileDayRun.run(variant.loaded.scenario, options: ScheduleOptions(timeLimit: 2, maxIterations: 100),
                                            settings: .init(timeLimit: 2, seed: 1, iterations: 100))
            #expect(run.check.isValid)
            // The verified figures were those of a timetable valid in exactly this variant.
            #expect(item.figures.verified && item.figures.violations == 0)
        }
        let json = try #require(AdviceOutput.read(out))
        #expect(json == advice)
    }

    @Test("a timetable that does not fit the scenario is refused, with its violations")
    func refusesForeignTimetable() throws {
        let (_, input) = try AdviceFixtures.solved(try AdviceFixtures.oneSlotShort())
        var wrong = input
        wrong.timetable.sections = wrong.timetable.sections.map { var s = $0; s.teacher = "tB"; return s }
        #expect(throws: AdviceError.self) { try Advisor.candidates(wrong) }
    }

    @Test("base: is relative inside a common folder, absolute across the root")
    func basePaths() {
        #expect(AdviceOutput.basePath(from: URL(fileURLWithPath: "/w/out/variants"), to: URL(fileURLWithPath: "/w/scen")) == "../../scen")
        #expect(AdviceOutput.basePath(from: URL(fileURLWithPath: "/w/scen/adv/variants"), to: URL(fileURLWithPath: "/w/scen")) == "../..")
        #expect(AdviceOutput.basePath(from: URL(fileURLWithPath: "/a/variants"), to: URL(fileURLWithPath: "/b/scen")) == "/b/scen")
    }
}
