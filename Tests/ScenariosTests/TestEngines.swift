import Foundation
import ProfileDay
import Scenarios
import SetkaModel

/// Small deterministic engines for tests of comparisons and sweeps (not optimisers).
enum TestEngines {
    /// Opens, for each teacher and each free slot, a section of one of their courses (in turn)
    /// at their own site in a free room of the right kind; fills them with `StableReplanning.fill`
    /// and drops sections that stay too small (`StableReplanning.restrict`), twice.
    static func greedyTimetable(_ scenario: Scenario) -> Timetable {
        guard let pd = scenario.profileDay else { return Timetable() }
        var sections: [Section] = []
        var used = Set<String>()
        for t in scenario.teachers {
            let free = t.slots ?? pd.slots.map(\.id)
            var turn = 0
            for slot in pd.slots.map(\.id) where free.contains(slot) {
                if sections.filter({ $0.teacher == t.id }).count >= (t.maxSections ?? pd.slots.count) { break }
                for k in 0..<t.courses.count {
                    let courseID = t.courses[(turn + k) % t.courses.count]
                    guard let course = scenario.courses.first(where: { $0.id == courseID }) else { continue }
                    if !course.sites.isEmpty && !course.sites.contains(t.site) { continue }
                    guard let room = scenario.rooms.first(where: {
                        $0.site == t.site && (course.roomKind == Course.anyRoomKind || $0.kind == course.roomKind)
                            && !used.contains("\(slot)|\($0.site)|\($0.id)")
                    }) else { continue }
                    used.insert("\(slot)|\(room.site)|\(room.id)")
                    sections.append(Section(id: "S\(sections.count + 1)", course: courseID, teacher: t.id,
                                            site: t.site, room: room.id, slot: slot))
                    turn += k + 1
                    break
                }
            }
        }
        var t = Timetable(sections: sections)
        for _ in 0..<2 {
            t = StableReplanning.fill(t, in: scenario)
            t = StableReplanning.restrict(t, to: scenario).timetable
        }
        return StableReplanning.fill(t, in: scenario)
    }

    /// Each recipient of each rule gets the reachable provider with the most gain that still has capacity.
    static func greedyPartners(_ scenario: Scenario) -> PartneringSolve {
        var load: [String: Int] = [:]
        var pairs: [PartnerRow] = []
        var unserved: [String] = []
        for rule in scenario.partnering {
            let subjects = rule.subjects ?? Array(Set(scenario.organisations.flatMap { $0.scores.keys })).sorted()
            for r in scenario.organisations where rule.recipients.matches(r) {
                var options: [(Organisation, Double, Double)] = []
                for p in scenario.organisations where p.id != r.id && rule.providers.matches(p) {
                    guard let m = scenario.minutes(from: r.id, to: p.id), m <= rule.maxTravelMinutes,
                          load[p.id, default: 0] < p.partnerCapacity else { continue }
                    let gain = subjects.reduce(0.0) { acc, s in
                        guard let a = p.scores[s], let b = r.scores[s] else { return acc }
                        return acc + max(0, a - b)
                    }
                    options.append((p, m, gain))
                }
                guard let best = options.max(by: { ($0.2, $1.0.id) < ($1.2, $0.0.id) }) else { unserved.append(r.id); continue }
                load[best.0.id, default: 0] += 1
                pairs.append(PartnerRow(rule: rule.name, recipient: r.id, provider: best.0.id, minutes: best.1, gain: best.2))
            }
        }
        return PartneringSolve(pairs: pairs, unservedRecipients: unserved,
                               objective: pairs.reduce(0) { $0 + $1.gain }, status: .feasible, seconds: 0)
    }

    /// Both greedy engines; `calls` counts the solves (to see cache hits).
    static func greedy(calls: Counter? = nil) -> Engines {
        Engines(version: "test-greedy-1", profileDay: { scenario, _ in
            calls?.increment()
            return ProfileDaySolve(timetable: greedyTimetable(scenario), bound: nil, status: .feasible, seconds: 0)
        }, partnering: { scenario, _ in
            calls?.increment()
            return greedyPartners(scenario)
        })
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
