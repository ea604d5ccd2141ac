import Foundation
import Testing
import SetkaModel
@testable import Meetings

/// Tiny random districts solved by brute force: every placement of every meeting (all dates of
/// the autumn, both start times, every organisation), kept only where the independent checker
/// accepts it; the lexicographic optimum (travel, then meetings sharing a week) is compared with
/// the planner's plan and bounds.
@Suite("Meetings planner against exhaustive search")
struct MeetingsExhaustiveTests {
    struct Instance {
        var scenario: Scenario
    }

    /// Three organisations, three platforms (one rotating), four to six people; September and
    /// October with three open days each (Tuesdays and Thursdays), two start times.
    static func instance(seed: UInt64) -> Scenario {
        var rng = SplitMix64(seed: seed, stream: 99)
        let orgs = ["A", "B", "C"].map { Organisation(id: $0, name: "Школа \($0)") }
        var travel: [TravelEntry] = []
        for (a, b) in [("A", "B"), ("A", "C"), ("B", "C")] {
            travel.append(TravelEntry(from: a, to: b, minutes: Double(10 * rng.int(1...6))))
        }
        var s = Scenario(name: "tiny-\(seed)", organisations: orgs, travelEntries: travel)
        let ids = ["p", "q", "r"]
        s.platforms = ids.enumerated().map { i, id in
            let meetings = i == 2 ? 1 : 2
            return Platform(id: id, host: orgs[rng.int(0...2)].id, meetings: meetings,
                            months: meetings == 2 ? [MonthGroup("9")!, MonthGroup("10")!] : [MonthGroup("9-10")!],
                            durationMinutes: rng.unit() < 0.5 ? 90 : 120, venue: i == rng.int(0...3) ? .rotate : .host)
        }
        let people = rng.int(4...6)
        s.participants = (0..<people).map { x in
            var mine = ids.filter { _ in rng.unit() < 0.55 }
            if mine.isEmpty { mine = [ids[rng.int(0...2)]] }
            return Participant(person: "x\(x)", school: orgs[rng.int(0...2)].id, platforms: mine)
        }
        func d(_ text: String) -> LocalDate { LocalDate(text)! }
        s.meetings = MeetingsSettings(
            schoolYear: 2026, weekdays: [.tue, .thu], startTimes: [TimeOfDay("15:00")!, TimeOfDay("17:00")!],
            noMeetings: [ClosedDates(from: d("2026-09-01"), to: d("2026-09-14")), ClosedDates(from: d("2026-09-23"), to: d("2026-10-12")),
                         ClosedDates(from: d("2026-10-21"), to: d("2027-08-31"))],
            minDaysBetween: rng.unit() < 0.5 ? 7 : 14, maxPerVenue: 1)
        return s
    }

    struct Optimum { var travel: Double; var sameWeek: Int }

    /// The lexicographic optimum over every valid full plan, or nil when there is none.
    static func bruteForce(_ s: Scenario) -> Optimum? {
        var meetings: [(platform: String, number: Int, minutes: Int)] = []
        for p in s.platforms { for k in 1...p.meetings { meetings.append((p.id, k, p.durationMinutes)) } }
        let starts = s.meetings!.startTimes
        // Every date from 1 September to 31 October, every start, every organisation; kept when
        // the checker finds nothing wrong with the meeting alone.
        var options: [[PlannedMeeting]] = []
        for m in meetings {
            var mine: [PlannedMeeting] = []
            var date = LocalDate("2026-09-01")!
            while date <= LocalDate("2026-10-31")! {
                // (Other weekdays are rejected by the checker too; skipping them only saves time.)
                for t in starts where s.meetings!.weekdays.contains(date.weekday) {
                    for o in s.organisations {
                        let candidate = PlannedMeeting(platform: m.platform, number: m.number, date: date, start: t,
                                                       end: TimeOfDay(minutes: t.minutes + m.minutes), venue: o.id)
                        if valid([candidate], meetings, s) { mine.append(candidate) }
                    }
                }
                date = date.adding(days: 1)
            }
            options.append(mine)
        }
        // Pairwise compatibility by the checker (with capacity 1 and at most two meetings per
        // platform every rule is about pairs), then every consistent full plan checked whole.
        var memo: [[Int: Bool]] = Array(repeating: [:], count: meetings.count * meetings.count)
        func compatible(_ i: Int, _ a: Int, _ j: Int, _ b: Int) -> Bool {
            let key = a * 10_000 + b
            if let known = memo[i * meetings.count + j][key] { return known }
            let ok = valid([options[i][a], options[j][b]], meetings, s)
            memo[i * meetings.count + j][key] = ok
            return ok
        }
        // Travel adds up over meetings (the checker's figure for a meeting alone), so a partial
        // plan already above the best travel cannot lead to the optimum.
        var travelOf = options.map { $0.map { MeetingsChecker.check(meetings: [$0], unplaced: [], in: s).travelMinutes } }
        for i in options.indices {  // cheapest first: the best travel is found early
            let order = options[i].indices.sorted { travelOf[i][$0] < travelOf[i][$1] }
            options[i] = order.map { options[i][$0] }
            travelOf[i] = order.map { travelOf[i][$0] }
        }
        var best: Optimum?
        var chosen: [Int] = []
        var travel = 0.0
        func search(_ i: Int) {
            if let best, travel > best.travel + 1e-9 { return }
            if i == meetings.count {
                let plan = chosen.enumerated().map { options[$0.offset][$0.element] }
                let report = MeetingsChecker.check(meetings: plan, unplaced: [], in: s)
                guard report.isValid else { return }
                let o = Optimum(travel: report.travelMinutes, sameWeek: report.sameWeek)
                if best == nil || o.travel < best!.travel - 1e-9 || (abs(o.travel - best!.travel) <= 1e-9 && o.sameWeek < best!.sameWeek) {
                    best = o
                }
                return
            }
            for option in options[i].indices where chosen.enumerated().allSatisfy({ compatible($0.offset, $0.element, i, option) }) {
                chosen.append(option)
                travel += travelOf[i][option]
                search(i + 1)
                travel -= travelOf[i][option]
                chosen.removeLast()
            }
        }
        search(0)
        return best
    }

    /// The checker finds nothing wrong with `plan` apart from the meetings not in it yet.
    static func valid(_ plan: [PlannedMeeting], _ all: [(platform: String, number: Int, minutes: Int)], _ s: Scenario) -> Bool {
        let inPlan = Set(plan.map { "\($0.platform)#\($0.number)" })
        let rest = all.filter { !inPlan.contains("\($0.platform)#\($0.number)") }.map { ($0.platform, $0.number) }
        return MeetingsChecker.check(meetings: plan, unplaced: rest, in: s).isValid
    }

    @Test func plannerMatchesExhaustiveSearch() throws {
        var proven = 0, full = 0
        for seed in UInt64(1)...12 {
            let s = Self.instance(seed: seed)
            let plan = try MeetingsPlanner.plan(s)
            let check = MeetingsChecker.check(plan, in: s)
            #expect(check.isValid, "seed \(seed): \(check.violations)")
            guard let optimum = Self.bruteForce(s) else {
                #expect(plan.status == .partial, "seed \(seed): no full plan exists, but the planner says \(plan.status)")
                continue
            }
            full += 1
            // The bounds hold for every full plan, so for the optimum.
            #expect(plan.travelBound <= optimum.travel + 1e-6, "seed \(seed)")
            if plan.status == .partial {
                // The planner may miss a plan, but must not claim to have proven that none exists.
                #expect(plan.infeasibleMonths.allSatisfy { $0.proof == .notProven }, "seed \(seed): \(plan.infeasibleMonths)")
                continue
            }
            #expect(plan.sameWeekBound <= optimum.sameWeek, "seed \(seed)")
            #expect(plan.travelMinutes >= optimum.travel - 1e-6, "seed \(seed)")
            if plan.status == .optimal {
                proven += 1
                #expect(abs(plan.travelMinutes - optimum.travel) <= 1e-6, "seed \(seed)")
                #expect(plan.sameWeek == optimum.sameWeek, "seed \(seed)")
            }
        }
        #expect(full >= 6, "instances with a full plan: \(full)")
        #expect(proven * 4 >= full * 3, "proven optimal: \(proven) of \(full)")
    }
}
