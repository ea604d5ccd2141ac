import Foundation
import Testing
import SetkaModel
@testable import Meetings

@Suite("Meetings planner")
struct MeetingsPlannerTests {
    @Test func fixtureIsPlannedOptimally() throws {
        let f = MeetingsFixture()
        let plan = try MeetingsPlanner.plan(f.scenario)
        let check = MeetingsChecker.check(plan, in: f.scenario)
        #expect(check.isValid, "\(check.violations)")
        #expect(plan.status == .optimal)
        #expect(plan.travelMinutes == 240 && plan.travelBound == 240)   // rot alternates B, A, B
        #expect(plan.sameWeek == 0 && plan.sameWeekBound == 0)
        #expect(check.travelMinutes == plan.travelMinutes && check.sameWeek == plan.sameWeek)
        let rot = plan.meetings.filter { $0.platform == "rot" }.sorted { $0.date < $1.date }.map(\.venue)
        #expect(rot == ["B", "A", "B"])
    }

    @Test func samePlanEveryRun() throws {
        let s = MeetingsGenerator(MeetingsGeneratorParameters.preset("meetings-town")!).generate()
        let a = try MeetingsPlanner.plan(s), b = try MeetingsPlanner.plan(s)
        #expect(a.meetings == b.meetings)
        #expect(MeetingsChecker.check(a, in: s).isValid)
    }

    @Test func personWithTooManyMeetingsInAMonthIsExplained() throws {
        // p1 attends four platforms that all meet in September, which has three open days
        // (Tuesdays 15, 22, 29) and one start time: one meeting cannot be placed, provably.
        var s = MeetingsFixture().scenario
        s.meetings!.weekdays = [.tue]
        s.meetings!.startTimes = [TimeOfDay("15:00")!]
        s.meetings!.noMeetings = [ClosedDates(from: LocalDate("2026-09-01")!, to: LocalDate("2026-09-14")!)]
        s.platforms = ["a", "b", "c", "d"].map { Platform(id: $0, name: "Площадка \($0)", host: "A", meetings: 1, months: [MonthGroup("9")!]) }
        s.participants = [Participant(person: "p1", school: "A", platforms: ["a", "b", "c", "d"]),
                          Participant(person: "p2", school: "B", platforms: ["c"])]
        s.meetings!.maxPerVenue = 4
        let plan = try MeetingsPlanner.plan(s)
        #expect(MeetingsChecker.check(plan, in: s).isValid)
        #expect(plan.status == .partial)
        #expect(plan.meetings.count == 3 && plan.unplaced.count == 1)
        let months = try #require(plan.infeasibleMonths.first)
        #expect(months.months == MonthGroup("9"))
        #expect(months.proof == .person(person: "p1", platforms: ["a", "b", "c", "d"], meetings: 4, times: 3))
        guard case .clash(let clash) = plan.unplaced[0].reason else {
            Issue.record("expected a clash, got \(plan.unplaced[0].reason)"); return
        }
        #expect(clash.options == 3)
        #expect(clash.platforms.map(\.options).reduce(0, +) == 3)
        #expect(clash.platforms.allSatisfy { $0.people == ["p1"] || $0.people.contains("p1") })
    }

    @Test func venueWithTooManyMeetingsIsExplained() throws {
        var s = MeetingsFixture().scenario
        s.meetings!.weekdays = [.tue]
        s.meetings!.startTimes = [TimeOfDay("15:00")!]
        s.meetings!.noMeetings = [ClosedDates(from: LocalDate("2026-09-01")!, to: LocalDate("2026-09-21")!)]
        s.platforms = ["a", "b", "c"].map { Platform(id: $0, host: "A", meetings: 1, months: [MonthGroup("9")!]) }
        s.participants = [Participant(person: "p1", school: "A", platforms: ["a"]), Participant(person: "p2", school: "B", platforms: ["b"]),
                          Participant(person: "p3", school: "C", platforms: ["c"])]
        let plan = try MeetingsPlanner.plan(s)
        #expect(plan.unplaced.count == 1)
        #expect(plan.infeasibleMonths.first?.proof == .venue(venue: "A", platforms: ["a", "b", "c"], meetings: 3, times: 2))
        guard case .clash(let clash) = plan.unplaced[0].reason else { Issue.record("\(plan.unplaced)"); return }
        #expect(clash.fullVenues == ["A"] && clash.platforms.isEmpty)
    }

    @Test func closedMonthIsExplained() throws {
        var s = MeetingsFixture().scenario
        s.meetings!.noMeetings = [ClosedDates(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!)]
        let plan = try MeetingsPlanner.plan(s)
        #expect(MeetingsChecker.check(plan, in: s).isValid)
        #expect(plan.unplaced.map { "\($0.platform)#\($0.number)" } == ["rot#3"])
        #expect(plan.unplaced.first?.reason == .noOpenDay)
    }

    @Test func rotatingPlatformWithOneMemberIsExplained() throws {
        var s = MeetingsFixture().scenario
        s.participants = s.participants.map { p in
            var p = p
            if p.platforms.contains("rot") { p.school = "C" }
            return p
        }
        let plan = try MeetingsPlanner.plan(s)
        #expect(MeetingsChecker.check(plan, in: s).isValid)
        // Every held meeting would follow another at C: only one can be held.
        #expect(plan.meetings.filter { $0.platform == "rot" }.count == 1)
        #expect(plan.unplaced.map(\.reason) == [.noVenue(members: 1), .noVenue(members: 1)])
    }

    @Test func meetingsBeyondTheGroupsGoToFreeMonths() {
        // Groups 9|11|1|3|5-6 leave October, December, February and April free: a sixth and a
        // seventh meeting go to the longest runs of free months first.
        let windows = MeetingsProblem.extraWindows(count: 2, groups: MonthGroup.regulation.map(\.schoolIndices))
        #expect(windows == [1...1, 3...3])
        let none = MeetingsProblem.extraWindows(count: 1, groups: [0...9])
        #expect(none == [0...9])
    }

    @Test func venuePlannerAlternatesTheTwoCheapest() {
        let best = VenuePlanner.cheapest(costs: [60, 50, 70], length: 3)
        #expect(best?.options == [1, 0, 1] && best?.cost == 160)
        #expect(VenuePlanner.cheapest(costs: [60, 50, 70], length: 2, excludingFirst: 1)?.options == [0, 1])
        #expect(VenuePlanner.cheapest(costs: [10], length: 2) == nil)
    }

    @Test func generatedCityIsPlannedCompletelyAndChecked() throws {
        let s = MeetingsGenerator(MeetingsGeneratorParameters(platforms: 20, participants: 400, schools: 8, kindergartens: 8)).generate()
        let plan = try MeetingsPlanner.plan(s, options: MeetingsOptions(timeLimit: 3))
        let check = MeetingsChecker.check(plan, in: s)
        #expect(check.isValid, "\(check.violations.prefix(5))")
        #expect(plan.isComplete)
        #expect(abs(plan.travelMinutes - plan.travelBound) <= 1e-6 * plan.travelBound)
        #expect(plan.sameWeekBound <= plan.sameWeek)
        #expect(check.sameWeek == plan.sameWeek)
    }
}
