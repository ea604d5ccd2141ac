import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// A student's best day (`ScheduleState.bestDay`, the search behind best responses and seat
/// chains) against every day there is: each slot empty or one of the open sections of the
/// student's choices, tried by brute force.
@Suite struct BestDayTests {
    /// Every day of student `s` that keeps H4 (choices once each, at most `wants`, a free seat or
    /// their own, within the trip, travel between consecutive slots), keeps the sections they
    /// cannot leave and never joins `avoid`: the most any is worth.
    static func bruteForceBest(_ state: ScheduleState, _ s: Int, avoid: Int) -> Double {
        let p = state.p, info = p.students[s]
        var perSlot = [[(section: Int, rank: Int)]](repeating: [], count: p.slotCount)
        for k in state.sections.indices where state.sections[k].open && k != avoid {
            let sec = state.sections[k]
            guard let rank = info.choices.firstIndex(of: sec.course) else { continue }
            let attends = state.section(ofStudent: s, slot: sec.slot) == k
            if !attends && (sec.members.count >= sec.capacity || !p.withinTrip(from: info.school, to: sec.site)) { continue }
            perSlot[sec.slot].append((k, rank))
        }
        var best = -Double.infinity
        var pick = [Int](repeating: -1, count: p.slotCount)
        func visit(_ t: Int) {
            if t == p.slotCount {
                // The sections the student cannot leave stay.
                for u in 0..<p.slotCount {
                    let k = state.section(ofStudent: s, slot: u)
                    if k >= 0 && !state.canLeave(s, k) && pick[u] != k { return }
                }
                var ranks = Set<Int>(), value = 0.0, load = 0
                var previous: (slot: Int, site: Int)?
                for u in 0..<p.slotCount {
                    guard pick[u] >= 0 else { previous = nil; continue }
                    let sec = state.sections[pick[u]]
                    let rank = info.choices.firstIndex(of: sec.course)!
                    guard ranks.insert(rank).inserted else { return }
                    let site = sec.site < 0 ? info.school : sec.site
                    if let prev = previous, prev.slot == u - 1, !p.travelFits(from: prev.site, to: site, afterSlot: prev.slot) { return }
                    previous = (u, site)
                    load += 1
                    value += p.searchValue(student: s, rank: rank, site: sec.site, slot: u)
                }
                if load <= info.wants { best = max(best, value) }
                return
            }
            pick[t] = -1
            visit(t + 1)
            for option in perSlot[t] {
                pick[t] = option.section
                visit(t + 1)
            }
            pick[t] = -1
        }
        visit(0)
        return best
    }

    /// Random districts after construction, with every third student's sections left where they
    /// could be: for every student (and once more never joining one of their sections),
    /// `bestDay` finds a day worth what the brute force finds, and the day it returns is worth
    /// what it says.
    @Test(arguments: [UInt64(1), 2, 3])
    func bestDayIsTheBestDay(seed: UInt64) throws {
        let scenario = RandomDistrict.make(seed: seed, schools: 5, students: 60, courses: 7, slots: 4)
        let p = try ProblemIndex(scenario)
        var state = try Search(p).construct()
        state.everyThirdStudentLeaves()
        var compared = 0
        for s in 0..<p.students.count {
            let own = (0..<p.slotCount).map { state.section(ofStudent: s, slot: $0) }.first { $0 >= 0 } ?? -1
            for avoid in [-1, own] {
                let expected = Self.bruteForceBest(state, s, avoid: avoid)
                let found = state.bestDay(s, avoid: avoid, above: -1e18)
                guard expected > -Double.infinity else {
                    #expect(found == nil)
                    continue
                }
                let day = try #require(found)
                #expect(abs(day.value - expected) < 1e-9, "student \(s), avoid \(avoid): \(day.value) against \(expected)")
                var value = 0.0
                for (t, k) in day.day.enumerated() where k >= 0 {
                    #expect(state.sections[k].slot == t && k != avoid)
                    let rank = p.students[s].choices.firstIndex(of: state.sections[k].course)!
                    value += p.searchValue(student: s, rank: rank, site: state.sections[k].site, slot: t)
                }
                #expect(abs(value - day.value) < 1e-9)
                // Above its own value there is no day.
                #expect(state.bestDay(s, avoid: avoid, above: expected + 1e-7) == nil)
                compared += 1
            }
        }
        #expect(compared > p.students.count)
    }
}
