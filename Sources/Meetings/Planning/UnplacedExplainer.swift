import LinearProgramming
import SetkaModel

/// Why meetings are missing from a partial plan: per meeting, what takes each of its possible
/// days and times (people it shares with other platforms, full venues, its own platform's
/// spacing); per block of months, a proof that not all of them fit when there is one.
struct UnplacedExplainer {
    let problem: MeetingsProblem
    let placed: [Placement?]

    /// The reason meeting `i` is not placed, read off the plan around it.
    func reason(_ i: Int) -> UnplacedReason {
        let item = problem.items[i]
        let p = item.platform
        let platform = problem.platforms[p]
        let calendar = problem.calendar
        if item.days.isEmpty { return .noOpenDay }
        let starts = problem.startIndices(of: p)
        if starts.isEmpty { return .noStartTime }
        let seq = problem.itemsOfPlatform[p]
        let previous = seq[..<item.rank].last { placed[$0] != nil }.flatMap { placed[$0] }
        let next = seq[(item.rank + 1)...].first { placed[$0] != nil }.flatMap { placed[$0] }
        var venues = problem.venueOptions[p]
        if platform.venue == .rotate {
            if venues.isEmpty { return .noVenue(members: 0) }
            let own = Set([previous?.venue, next?.venue].compactMap { $0 })
            if venues.allSatisfy(own.contains) { return .noVenue(members: venues.count) }
        }
        let minDays = problem.settings.minDaysBetween
        let earliest = previous.map { calendar.days[$0.day].dayNumber + minDays } ?? Int.min
        let latest = next.map { calendar.days[$0.day].dayNumber - minDays } ?? Int.max
        let days = item.days.filter { calendar.days[$0].dayNumber >= earliest && calendar.days[$0].dayNumber <= latest }
        if days.isEmpty {
            return .spacing(previous: previous.map { calendar.days[$0.day].date }, next: next.map { calendar.days[$0.day].date },
                            minDays: minDays)
        }

        // Held meetings by day.
        var heldOn: [Int: [Int]] = [:]
        for (j, at) in placed.enumerated() { if let at { heldOn[at.day, default: []].append(j) } }
        let cap = problem.settings.maxPerVenue
        var options = 0, ownBlocked = 0
        var blockedBy: [Int: Int] = [:]        // platform → options it takes
        var fullVenues: Set<Int> = []
        if platform.venue == .rotate { venues = venues.filter { $0 != previous?.venue && $0 != next?.venue } }
        let excludedByRotation = platform.venue == .rotate ? (problem.venueOptions[p].count - venues.count) : 0
        for d in days {
            for s in starts {
                let begin = problem.startTimes[s], end = begin + platform.durationMinutes
                for v in venues {
                    options += 1
                    var atVenue = 0
                    var takers: Set<Int> = []
                    for j in heldOn[d] ?? [] {
                        let other = problem.items[j], at = placed[j]!
                        let ob = problem.startTimes[at.start], oe = ob + problem.platforms[other.platform].durationMinutes
                        if at.venue == v, ob < end, begin < oe { atVenue += 1 }
                        let q = other.platform
                        guard q == p || problem.sharesPeople[p].contains(q) else { continue }
                        if Self.clash(begin, end, v, ob, oe, at.venue, problem) { takers.insert(q) }
                    }
                    if atVenue >= cap { fullVenues.insert(v) }
                    if takers.contains(p) { ownBlocked += 1 }
                    for q in takers where q != p { blockedBy[q, default: 0] += 1 }
                }
            }
        }
        ownBlocked += excludedByRotation * days.count * starts.count
        let shared = blockedBy.map { q, n in
            SharedPeople(platform: problem.platforms[q].id, people: problem.sharedPeople(p, q), options: n)
        }.sorted { ($1.options, $0.platform) < ($0.options, $1.platform) }
        return .clash(.init(options: options + excludedByRotation * days.count * starts.count, platforms: shared,
                            fullVenues: fullVenues.map { problem.scenario.organisations[$0].id }.sorted(),
                            ownMeetings: ownBlocked))
    }

    /// Whether a person attending both meetings could not make it: they overlap, or the gap
    /// between them is shorter than the travel between their venues.
    static func clash(_ b1: Int, _ e1: Int, _ v1: Int, _ b2: Int, _ e2: Int, _ v2: Int, _ problem: MeetingsProblem) -> Bool {
        if b1 < e2 && b2 < e1 { return true }
        if v1 == v2 { return false }
        if e1 <= b2 { return !(problem.travel(v1, v2).map { $0 <= Double(b2 - e1) + 1e-9 } ?? false) }
        return !(problem.travel(v2, v1).map { $0 <= Double(b1 - e2) + 1e-9 } ?? false)
    }

    /// A proof that the meetings of block `b` do not all fit, when there is one: a person or a
    /// venue with more meetings than the months hold (counting), else GLPK on the block relaxed.
    func proof(block b: Int, timeLimit: Double) throws(MeetingsError) -> MonthsProof {
        if let counted = countingProof(block: b) { return counted }
        let stage = StageProblem(problem, block: b, placed: placed, mode: .relaxed)
        let result: StageMIP.Result
        do { result = try StageMIP.solve(stage, objective: .mostPlaced, initial: nil, timeLimit: timeLimit) } catch {
            throw .solver(error)
        }
        let total = stage.items.count
        if let bound = result.bound {
            let most = Int((bound + 1e-6).rounded(.down))
            if most < total { return .solver(placeable: most, meetings: total) }
        }
        return .notProven
    }

    /// How many meetings of the given lengths fit one after another into a day with these start
    /// times (earliest end first), at most.
    static func perDay(starts: [Int], duration: Int) -> Int {
        var count = 0, free = Int.min
        for s in starts.sorted() where s >= free && s + duration <= 24 * 60 {
            count += 1
            free = s + duration
        }
        return count
    }

    /// The counting proof of block `b`: the group of people (or the organisation) with the most
    /// meetings beyond what the block's open days and start times hold.
    func countingProof(block b: Int) -> MonthsProof? {
        let block = problem.blocks[b]
        var itemsOf: [Int: [Int]] = [:]
        for i in block.items { itemsOf[problem.items[i].platform, default: []].append(i) }
        func capacity(_ its: [Int], perTime: Int) -> Int {
            var days: Set<Int> = []
            for i in its { days.formUnion(problem.items[i].days) }
            let shortest = its.map { problem.platforms[problem.items[$0].platform].durationMinutes }.min() ?? 1
            return days.count * Self.perDay(starts: problem.startTimes, duration: shortest) * perTime
        }
        var best: (excess: Int, proof: MonthsProof)?
        for set in problem.personSets {
            let its = set.platforms.flatMap { itemsOf[$0] ?? [] }
            guard its.count >= 2 else { continue }
            let times = capacity(its, perTime: 1)
            guard its.count > times, its.count - times > (best?.excess ?? 0) else { continue }
            let person = set.people.map { problem.participants[$0].person }.min() ?? "?"
            let ids = set.platforms.filter { itemsOf[$0] != nil }.map { problem.platforms[$0].id }
            best = (its.count - times, .person(person: person, platforms: ids, meetings: its.count, times: times))
        }
        var byHost: [Int: [Int]] = [:]
        for (p, its) in itemsOf where problem.platforms[p].venue == .host {
            if let v = problem.venueOptions[p].first { byHost[v, default: []].append(contentsOf: its) }
        }
        for (v, its) in byHost.sorted(by: { $0.key < $1.key }) {
            let times = capacity(its, perTime: problem.settings.maxPerVenue)
            guard its.count > times, its.count - times > (best?.excess ?? 0) else { continue }
            let ids = Set(its.map { problem.items[$0].platform }).sorted().map { problem.platforms[$0].id }
            best = (its.count - times, .venue(venue: problem.scenario.organisations[v].id, platforms: ids, meetings: its.count, times: times))
        }
        return best?.proof
    }
}
