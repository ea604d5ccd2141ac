import Foundation
import LinearProgramming
import Testing
import ProfileDay
import Scenarios
import SetkaModel
import Wording

@Suite("Compare, keep and cache")
struct CompareTests {
    /// The fixture district and a variant of it, loaded.
    func loadPair(_ changes: [String]) throws -> (folder: URL, base: ScenarioInput, variant: ScenarioInput) {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "v", changes, title: "Вариант")
        let base = try ScenarioInput.load(folder.path).input
        let variant = try ScenarioInput.load(url.path).input
        return (folder, base, variant)
    }

    @Test("dedicated threads: results in order, at most N at once")
    func threads() {
        let running = Counter(), peak = PeakCounter()
        let jobs: [@Sendable () -> Int] = (0..<6).map { i in
            {
                peak.enter(); defer { peak.leave() }
                running.increment()
                Thread.sleep(forTimeInterval: 0.02)
                return i * i
            }
        }
        #expect(DedicatedThread.run(jobs, maxConcurrent: 2) == [0, 1, 4, 9, 16, 25])
        #expect(running.value == 6)
        #expect(peak.peak <= 2)
    }

    @Test("compare: side-by-side table and what changed when the chemistry teacher leaves")
    func compareTable() throws {
        let (_, base, variant) = try loadPair(["remove: {teacher: T2}"])
        let runner = ScenarioRunner(engines: TestEngines.greedy(), options: RunOptions(timeLimit: 1), cache: nil)
        let results = runner.run([base, variant])
        let c = Comparison(base: results[0], variants: [results[1]])
        let b = try #require(c.base.profileDay), v = try #require(c.variants[0].profileDay)
        #expect(b.verified && v.verified)
        #expect(b.students == 36 && v.students == 36)
        let baseChem = results[0].timetable!.sections.filter { $0.course == "chem" }.count
        #expect(baseChem > 0)
        let d = c.diffs[0]
        // Every chemistry section closes; students enrolled in chemistry lose it.
        #expect(d.sectionsClosed.filter { $0.course == "chem" }.count == baseChem)
        #expect(!d.sectionsOpened.contains { $0.course == "chem" })
        let chemStudents = Set(results[0].timetable!.enrolments.filter { e in
            results[0].timetable!.sections.first { $0.id == e.section }?.course == "chem" }.map(\.student))
        #expect(Set(d.coursesLost.filter { $0.course == "chem" }.map(\.student)) == chemStudents)
        #expect(d.studentsWithChangedDay >= chemStudents.count)
        let text = c.text(effect: Words(.en).sentence)
        #expect(text.contains("Тестовый район"))
        #expect(text.contains("Вариант"))
        for label in ["fully served", "first choices", "sections", "mean travel, min", "partner pairs", "objective"] {
            #expect(text.contains(label))
        }
        #expect(text.contains("change: removed teacher T2"))
        #expect(text.contains("chem at c, slot"))
        // CSV: a header and one row per run, every row as wide as the header.
        let lines = c.csv().split(separator: "\n")
        #expect(lines.count == 3)
        let width = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width })
        #expect(lines[2].hasPrefix("Вариант,"))
        // JSON round-trips.
        let data = try JSONEncoder().encode(c)
        let back = try JSONDecoder().decode(Comparison.self, from: data)
        #expect(back.diffs == c.diffs)
    }

    @Test("compare: partner pairs that change when a provider is removed")
    func comparePartners() throws {
        let (_, base, variant) = try loadPair(["remove: {school: a}"])
        let runner = ScenarioRunner(engines: TestEngines.greedy(), options: RunOptions(timeLimit: 1), cache: nil)
        let r = runner.run([base, variant])
        let c = Comparison(base: r[0], variants: [r[1]])
        #expect(r[0].partnerPairs?.map(\.provider) == ["a"])
        #expect(r[1].partnerPairs?.map(\.provider) == ["b"])
        #expect(c.diffs[0].pairsRemoved.map(\.provider) == ["a"])
        #expect(c.diffs[0].pairsAdded.map(\.provider) == ["b"])
        #expect(c.diffs[0].studentsRemoved == 12)
        #expect(c.text(effect: Words(.en).sentence).contains("partner pairs added: 1"))
    }

    @Test("standard engines: the scheduler and the partner assignment on the fixture, verified")
    func standardEngines() throws {
        let (_, base, variant) = try loadPair(["remove: {school: a}"])
        let runner = ScenarioRunner(engines: .standard(), options: RunOptions(timeLimit: 1, maxIterations: 50), cache: nil)
        let r = runner.run([base, variant])
        #expect(r.allSatisfy { $0.problems.isEmpty })
        #expect(r.allSatisfy { $0.profileDay?.verified == true })
        #expect(r[0].profileDay?.students == 36 && r[1].profileDay?.students == 24)
        // The low-results school c: fixed to b in the base; with a gone, b is still its partner.
        #expect(r[0].partnerPairs?.map(\.recipient) == ["c"])
        #expect(r[1].partnerPairs?.map(\.provider) == ["b"])
        let c = Comparison(base: r[0], variants: [r[1]])
        #expect(c.diffs[0].studentsRemoved == 12)
        // School a is gone: no section there, and every base section at a is closed.
        #expect(r[1].timetable?.sections.contains { $0.site == "a" } == false)
        let atA = r[0].timetable?.sections.filter { $0.site == "a" }.count ?? 0
        #expect(c.diffs[0].sectionsClosed.filter { $0.site == "a" }.count == atA)
        #expect(c.text(effect: Words(.en).sentence).contains("students who lost a course"))
    }

    @Test("cache: the second run of an unchanged scenario is a hit; options and content change the key")
    func cache() throws {
        let (_, base, variant) = try loadPair(["set: {profile_day.min_section_size: 6}"])
        let folder = try Fixtures.temporaryFolder("cache")
        let calls = Counter()
        let runner = ScenarioRunner(engines: TestEngines.greedy(calls: calls), options: RunOptions(timeLimit: 1),
                                    cache: ResultCache(folder: folder))
        let first = runner.run([base, variant])
        #expect(calls.value == 4)   // partnering + profile day, twice
        #expect(first.allSatisfy { !$0.fromCache })
        let second = runner.run([base, variant])
        #expect(calls.value == 4)
        #expect(second.allSatisfy { $0.fromCache })
        #expect(second.map(\.timetable) == first.map(\.timetable))
        #expect(second.map(\.profileDay) == first.map(\.profileDay))
        // Other options: a new key, solved again.
        var other = runner
        other.options.timeLimit = 2
        #expect(other.key(base) != runner.key(base))
        _ = other.run([base])
        #expect(calls.value == 6)
        // Without a cache everything is solved.
        let uncached = ScenarioRunner(engines: TestEngines.greedy(calls: calls), options: RunOptions(timeLimit: 1), cache: nil)
        _ = uncached.run([base])
        #expect(calls.value == 8)
        // The key follows the content, not the file it came from.
        #expect(runner.key(base) != runner.key(variant))
        let again = try ScenarioInput.load(base.source).input
        #expect(runner.key(again) == runner.key(base))
    }

    @Test("keep: the published plan cut to the variant, refilled and verified")
    func stableReplanning() throws {
        let (_, base, variant) = try loadPair(["remove: {teacher: T2}"])
        let published = TestEngines.greedyTimetable(base.scenario)
        #expect(ProfileDayChecker.check(published, in: base.scenario).isValid)
        let fresh = TestEngines.greedyTimetable(variant.scenario)
        let r = StableReplanning.replan(published: published, in: variant.scenario, fresh: fresh)
        #expect(r.figures.verified)
        #expect(ProfileDayChecker.check(r.timetable, in: variant.scenario).isValid)
        // Only the chemistry sections (teacher T2) are dropped; every other section stays as it was.
        #expect(!r.sectionsDropped.isEmpty)
        let droppedIDs = Set(r.sectionsDropped.map(\.section))
        #expect(published.sections.filter { $0.teacher == "T2" }.allSatisfy { droppedIDs.contains($0.id) })
        let kept = published.sections.filter { $0.teacher != "T2" }
        #expect(Array(r.timetable.sections.prefix(kept.count)) == kept)
        // Sections opened on top (for students who lost chemistry) are the only teacher changes.
        let opened = r.timetable.sections.dropFirst(kept.count)
        #expect(opened.allSatisfy { !published.sections.map(\.id).contains($0.id) })
        #expect(r.kept.teachersChanged == Set(opened.map(\.teacher)).count)
        // Students whose day changed all had chemistry in the published plan.
        let chem = Set(published.enrolments.filter { e in published.sections.first { $0.id == e.section }?.teacher == "T2" }.map(\.student))
        #expect(Set(r.changedStudents).isSubset(of: chem))
        #expect(r.kept.studentsChanged == r.changedStudents.count)
        let freshMove = try #require(r.fresh)
        #expect(r.kept.studentsChanged <= max(freshMove.studentsChanged, chem.count))
    }

    @Test("keep: a new free teacher gets sections for the students who lost chemistry, nobody else moves")
    func stableReplanningOpensSections() throws {
        let folder = try Fixtures.write()
        try Fixtures.file(folder, "whatif/t5.csv", "id,site,courses\nT5,c,art|math|robotics\n")
        let url = try Fixtures.variant(folder, "v5", ["remove: {teacher: T2}", "add: {teachers: t5.csv}"])
        let base = try ScenarioInput.load(folder.path).input
        let variant = try ScenarioInput.load(url.path).input
        let published = TestEngines.greedyTimetable(base.scenario)
        let chem = Set(published.enrolments.filter { e in published.sections.first { $0.id == e.section }?.teacher == "T2" }.map(\.student))
        let r = StableReplanning.replan(published: published, in: variant.scenario)
        #expect(r.figures.verified)
        let opened = r.timetable.sections.filter { $0.teacher == "T5" }
        #expect(!opened.isEmpty)
        #expect(opened.allSatisfy { $0.site == "c" })
        let members = Set(r.timetable.enrolments.filter { e in opened.contains { $0.id == e.section } }.map(\.student))
        #expect(members.isSubset(of: chem))
        #expect(members.count >= 5)
        #expect(Set(r.changedStudents).isSubset(of: chem))
        #expect(r.kept.teachersChanged == 1)
        // Without the new sections fewer students would be fully served.
        let restricted = StableReplanning.restrict(published, to: variant.scenario).timetable
        let filled = StableReplanning.fill(restricted, in: variant.scenario, only: chem)
        let before = ProfileDayChecker.check(filled, in: variant.scenario).objective
        #expect(r.figures.fullyServed > before.studentsFullyServed)
    }

    @Test("keep: students from whose choices scale_demand took a course lose just that enrolment")
    func stableReplanningDemandDown() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "down", ["scale_demand: {course: chem, factor: 0.5}"])
        let base = try ScenarioInput.load(folder.path).input
        let v = try VariantLoader.load(from: url)
        let removed = Set(v.report.demandChanges[0].removed)
        let published = TestEngines.greedyTimetable(base.scenario)
        let chemSections = Set(published.sections.filter { $0.course == "chem" }.map(\.id))
        let expected = published.enrolments.filter { removed.contains($0.student) && chemSections.contains($0.section) }
        let (t, _, dropped) = StableReplanning.restrict(published, to: v.loaded.scenario)
        #expect(ProfileDayChecker.check(t, in: v.loaded.scenario).isValid)
        // A section left with fewer than 5 students closes; everyone else keeps their place.
        let remaining = Set(published.enrolments).subtracting(expected)
        var size: [String: Int] = [:]
        for e in remaining { size[e.section, default: 0] += 1 }
        let tooSmall = Set(published.sections.map(\.id).filter { size[$0, default: 0] < 5 })
        #expect(Set(t.sections.map(\.id)) == Set(published.sections.map(\.id)).subtracting(tooSmall))
        #expect(Set(t.enrolments) == remaining.filter { !tooSmall.contains($0.section) })
        #expect(dropped == published.enrolments.count - t.enrolments.count)
        #expect(!expected.isEmpty)
    }

    @Test("restrict drops what breaks the variant's rules: a raised minimum closes small sections")
    func restrictRaisedMinimum() throws {
        let (_, base, variant) = try loadPair(["set: {profile_day.min_section_size: 12}"])
        let published = TestEngines.greedyTimetable(base.scenario)
        let (t, dropped, _) = StableReplanning.restrict(published, to: variant.scenario)
        #expect(ProfileDayChecker.check(t, in: variant.scenario).isValid)
        var size: [String: Int] = [:]
        for e in published.enrolments { size[e.section, default: 0] += 1 }
        let small = published.sections.filter { size[$0.id, default: 0] < 12 }.map(\.id)
        #expect(Set(dropped.map(\.section)) == Set(small))
    }
}

/// Tracks the most jobs running at once.
final class PeakCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private(set) var peak = 0
    func enter() { lock.lock(); now += 1; peak = max(peak, now); lock.unlock() }
    func leave() { lock.lock(); now -= 1; lock.unlock() }
}
