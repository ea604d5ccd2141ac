import Foundation
import Testing
import ProfileDay
import Scenarios
import SetkaModel

/// Stable re-planning when the variant adds a pin the published timetable does not meet: the
/// kept-and-refilled plan cannot mend H6, so the scheduler's anchored plan (which places pins
/// first) is the one kept, and it passes the check.
@Suite struct PinReplanTests {
    @Test func aNewPinIsMetByTheReplan() throws {
        let base = Fixtures.district()
        var options = ScheduleOptions(timeLimit: 10, seed: 1, maxIterations: 10)
        options.computeBound = false
        let published = try ProfileDayScheduler.schedule(base, options: options).timetable
        // A pin on art with T4 in a slot where the published day has no such section.
        let taken = Set(published.sections.filter { $0.teacher == "T4" }.map(\.slot))
        let slot = ["1", "2"].first { !taken.contains($0) } ?? "2"
        var variant = base
        variant.pins = [Pin(course: "art", teacher: "T4", slot: slot)]
        #expect(!ProfileDayChecker.check(published, in: variant).isValid)
        options.keep = published
        let resolved = try ProfileDayScheduler.schedule(variant, options: options).timetable
        #expect(ProfileDayChecker.check(resolved, in: variant).isValid)
        let r = StableReplanning.replan(published: published, in: variant, resolved: resolved)
        #expect(r.method == .resolved)
        #expect(ProfileDayChecker.check(r.timetable, in: variant).isValid)
    }
}
