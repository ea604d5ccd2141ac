import Foundation
import Testing
import SetkaModel
@testable import Meetings

// One test per rule, each starting from the valid fixture and breaking exactly one thing; each
// asserts the rules found, so that a check that fires too eagerly fails as well as one that
// does not fire.

@Suite("Meetings checker")
struct MeetingsCheckerTests {
    func rules(_ f: MeetingsFixture, unplaced: [(platform: String, number: Int)] = []) -> [MeetingsViolation.Rule] {
        f.check(unplaced: unplaced).violations.map(\.rule)
    }

    @Test func fixtureIsValidAndObjectiveMatchesHandComputation() {
        let report = MeetingsFixture().check()
        #expect(report.violations.map(\.description) == [])
        #expect(report.travelMinutes == 240)
        #expect(report.sameWeek == 1)        // p2: lit on 15 and rot on 17 September
        #expect(report.meetingsPlanned == 8)
        #expect(report.meetingsExpected == 8)
    }

    @Test func meetingOutsideItsMonthGroup() {
        var f = MeetingsFixture()
        f.move("math", 1, to: "2026-11-05")  // a Thursday, but meeting 1 is for September
        #expect(rules(f) == [.months])
    }

    @Test func meetingOutsideTheSchoolYear() {
        var f = MeetingsFixture()
        f.move("art", 1, to: "2027-09-07")
        #expect(rules(f) == [.months])
    }

    @Test func meetingOnAWeekdayThatIsNotAllowed() {
        var f = MeetingsFixture()
        f.move("math", 1, to: "2026-09-09")  // a Wednesday
        #expect(rules(f) == [.dayAndTime])
    }

    @Test func meetingAtAStartTimeThatIsNotAllowed() {
        var f = MeetingsFixture()
        f.move("math", 1, to: "2026-09-08", at: "16:00")
        #expect(rules(f) == [.dayAndTime])
    }

    @Test func meetingOnAClosedDate() {
        var f = MeetingsFixture()
        f.move("math", 2, to: "2026-10-01")  // a Thursday, closed
        let report = f.check()
        #expect(report.violations.map(\.rule) == [.closedDate])
        #expect(report.violations[0].message.contains("день здоровья"))
    }

    @Test func personInTwoOverlappingMeetings() {
        var f = MeetingsFixture()
        f.move("lit", 1, to: "2026-09-08", at: "15:00")  // p1 has math 15:00–16:30 at A that day
        let report = f.check()
        #expect(report.violations.map(\.rule) == [.person])
        #expect(report.violations[0].person == "p1")
        #expect(report.violations[0].message.contains("overlap"))
    }

    @Test func personWithoutTimeToTravelBetweenVenues() {
        var f = MeetingsFixture()
        // p4: math 15:00–16:30 at A, then rot at C at 17:00; A → C takes 40 minutes.
        f.move("rot", 1, to: "2026-09-08", at: "17:00", venue: "C")
        let report = f.check()
        #expect(report.violations.map(\.rule) == [.person])
        #expect(report.violations[0].person == "p4")
        #expect(report.violations[0].message.contains("40 minutes"))
    }

    @Test func backToBackAtTheSameVenueOrWithEnoughTravelIsFine() {
        var f = MeetingsFixture()
        // p4: math 15:00–16:30 at A, then rot at B at 17:00; A → B takes 20 of the 30 minutes.
        f.move("rot", 1, to: "2026-09-08", at: "17:00", venue: "B")
        #expect(rules(f) == [])
    }

    @Test func twoMeetingsAtOneVenueAtOnce() {
        var f = MeetingsFixture()
        f.move("art", 1, to: "2026-09-08", at: "15:00")  // math is at A then; nobody attends both
        let report = f.check()
        #expect(report.violations.map(\.rule) == [.venueCapacity])
        #expect(report.violations[0].venue == "A")
    }

    @Test func twoMeetingsAtOneVenueAtOnceAreFineWhenAllowed() {
        var f = MeetingsFixture()
        f.scenario.meetings!.maxPerVenue = 2
        f.move("art", 1, to: "2026-09-08", at: "15:00")
        #expect(rules(f) == [])
    }

    @Test func meetingsOfOnePlatformTooClose() {
        var f = MeetingsFixture()
        f.move("math", 1, to: "2026-09-29")  // 7 days before meeting 2 on 6 October; 14 needed
        let report = f.check()
        #expect(report.violations.map(\.rule) == [.spacing])
        #expect(report.violations[0].message.contains("7 days"))
    }

    @Test func hostPlatformAwayFromItsHost() {
        var f = MeetingsFixture()
        f.move("math", 1, to: "2026-09-08", venue: "B")
        #expect(rules(f) == [.venue])
    }

    @Test func rotatingPlatformAtANonMember() {
        var f = MeetingsFixture()
        f.move("rot", 2, to: "2026-10-20", venue: "D")  // nobody of rot works at D
        #expect(rules(f) == [.venue])
    }

    @Test func rotatingPlatformTwiceInARowAtTheSamePlace() {
        var f = MeetingsFixture()
        f.move("rot", 2, to: "2026-10-20", venue: "B")
        let report = f.check()
        #expect(report.violations.map(\.rule) == [.venue, .venue])  // 1–2 and 2–3 are both at B
        #expect(report.violations.allSatisfy { $0.message.contains("in a row") })
    }

    @Test func rotationFollowsDatesNotNumbers() {
        var f = MeetingsFixture()
        // Same venues, but meeting 3 before meeting 2 in time: B (17 Sep), B (3 Nov), A (...)
        f.scenario.platforms[2].months = [MonthGroup("9")!, MonthGroup("11")!, MonthGroup("10-11")!]
        f.move("rot", 2, to: "2026-11-24", venue: "A")
        f.move("rot", 3, to: "2026-10-20", venue: "B")
        #expect(rules(f) == [.venue])
    }

    @Test func structureProblems() {
        var f = MeetingsFixture()
        f.plan.append(MeetingsFixture.meeting("chess", 1, "2026-09-22", "15:00", 90, "A"))   // unknown platform
        f.plan.append(f.plan[0])                                                              // math#1 twice
        f.plan.removeAll { $0.platform == "art" }                                             // art#1 missing
        let i = f.plan.firstIndex { $0.platform == "lit" && $0.number == 2 }!
        f.plan[i].end = TimeOfDay("16:00")!                                                   // 60 minutes, not 120
        let messages = f.check().violations.filter { $0.rule == .structure }.map(\.message)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("chess") })
        #expect(messages.contains { $0.contains("more than once") })
        #expect(messages.contains { $0.contains("art") && $0.contains("neither") })
        #expect(messages.contains { $0.contains("120 minutes") })
    }

    @Test func meetingListedAsUnplacedIsNotMissing() {
        var f = MeetingsFixture()
        f.plan.removeAll { $0.platform == "art" }
        #expect(rules(f, unplaced: [("art", 1)]) == [])
        #expect(rules(f, unplaced: [("math", 1)]).filter { $0 == .structure }.count == 2)  // art missing; math both
    }

    @Test func unknownVenueAndMeetingNumber() {
        var f = MeetingsFixture()
        f.move("math", 1, to: "2026-09-08", venue: "Z")
        let i = f.plan.firstIndex { $0.platform == "art" }!
        f.plan[i].number = 2
        let report = f.check()
        #expect(report.violations.contains { $0.rule == .structure && $0.message.contains("Z") })
        #expect(report.violations.contains { $0.rule == .structure && $0.message.contains("number 2") })
    }
}
