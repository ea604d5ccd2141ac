/// Where and when one meeting is held: a calendar day, a start time and a venue.
struct Placement: Sendable, Hashable {
    /// Index into the calendar's open days.
    var day: Int
    /// Index into `meetings.start_times`.
    var start: Int
    /// Organisation index.
    var venue: Int
}

/// The meetings of one block of months as a packing problem: every meeting picks at most one
/// candidate (day, start, venue); every hard rule inside the block is a packing row
/// `Σ x ≤ rhs`; the same-week count is a sum of `weight × (meetings in the week + fixed − 1)⁺`
/// terms. The greedy and the MIP read the same rows, so they keep the same rules.
///
/// - person rows: for each largest group of platforms some people all attend, each day and each
///   start minute τ, the candidates running at τ (overlap); and pairs that do not overlap but
///   leave less than the travel time between their venues;
/// - venue rows: candidates at one organisation running at τ, at most `max_per_venue`;
/// - order rows: two meetings of one platform in the block keep their order and
///   `min_days_between` (if the first is at time ≥ T, the second is not before T + min days);
/// - rotation rows: two consecutive meetings of a `rotate` platform not at the same venue.
///
/// Meetings of other blocks are fixed: they narrow the candidates (`min_days_between` after the
/// previous meeting of the platform, not the venue of the previous meeting for `rotate`, and room
/// left before the next block's meeting) and add their count to the weeks the block shares.
struct StageProblem: Sendable {
    /// How `rotate` platforms choose venues in this stage.
    enum VenueMode: Sendable {
        /// The cheapest sequence (`VenuePlanner`) from the previous held meeting on: travel stays
        /// at its bound.
        case cheapest
        /// Any member organisation (with its travel cost), for when the cheapest cannot fit.
        case any
        /// No link to other blocks, and rotating platforms without a venue: a relaxation of every
        /// full plan, for proofs that meetings cannot all fit.
        case relaxed
        /// No link to other blocks, rotating platforms at any venue they take in some cheapest
        /// sequence: a relaxation of every plan with the least travel, for the same-week bound.
        case relaxedCheapest
    }

    struct Candidate: Sendable {
        var item: Int        // index into `items`
        var day: Int
        var start: Int
        var venue: Int       // organisation index, −1 in the relaxed mode
        var begin: Int       // minutes after midnight
        var end: Int
        var dayNumber: Int
        var week: Int
        var cost: Double     // travel minutes of the venue
        var placement: Placement { Placement(day: day, start: start, venue: venue) }
    }

    struct Row: Sendable, Hashable {
        var candidates: [Int]
        var rhs: Int
    }

    /// `weight × (Σ x over candidates + fixed − 1)⁺`: the people of one group in one week.
    struct SpreadTerm: Sendable {
        var weight: Int
        var candidates: [Int]
        var fixed: Int
    }

    let block: Int
    let mode: VenueMode
    /// Global item indices of the block, in the block's order.
    let items: [Int]
    private(set) var candidates: [Candidate] = []
    private(set) var candidatesOfItem: [[Int]]
    private(set) var rows: [Row] = []
    private(set) var rowsOfCandidate: [[Int]] = []
    private(set) var spread: [SpreadTerm] = []
    private(set) var spreadOfCandidate: [[Int]] = []
    /// The largest groups of meetings (local indices) some people all attend.
    private(set) var personGroups: [[Int]] = []

    init(_ problem: MeetingsProblem, block b: Int, placed: [Placement?], mode: VenueMode) {
        self.block = b
        self.mode = mode
        let blockItems = problem.blocks[b].items
        items = blockItems
        candidatesOfItem = Array(repeating: [], count: blockItems.count)
        let relaxed = mode == .relaxed || mode == .relaxedCheapest
        var local: [Int: Int] = [:]
        for (k, i) in blockItems.enumerated() { local[i] = k }
        let minDays = problem.settings.minDaysBetween
        let calendar = problem.calendar

        // Venue choices of rotate platforms in the cheapest mode.
        var venueOf: [Int: Int] = [:]   // global item → organisation
        if mode == .cheapest {
            for p in Set(blockItems.map { problem.items[$0].platform }) where problem.platforms[p].venue == .rotate {
                let seq = problem.itemsOfPlatform[p]
                guard let first = seq.firstIndex(where: { problem.items[$0].block == b }) else { continue }
                let previous = seq[..<first].last { placed[$0] != nil }.flatMap { placed[$0]?.venue }
                let excluded = previous.flatMap { problem.venueOptions[p].firstIndex(of: $0) }
                guard let path = VenuePlanner.cheapest(costs: problem.venueCost[p], length: seq.count - first,
                                                       excludingFirst: excluded) else { continue }
                for (k, i) in seq[first...].enumerated() where problem.items[i].block == b {
                    venueOf[i] = problem.venueOptions[p][path.options[k]]
                }
            }
        }

        // Candidates.
        for (k, i) in blockItems.enumerated() {
            let item = problem.items[i]
            let p = item.platform
            let platform = problem.platforms[p]
            let seq = problem.itemsOfPlatform[p]
            var earliest = Int.min, latest = Int.max
            var excludedVenue: Int?
            if !relaxed {
                if let prev = seq[..<item.rank].last(where: { placed[$0] != nil && problem.items[$0].block != b }),
                   let at = placed[prev] {
                    earliest = calendar.days[at.day].dayNumber + minDays
                    // The venue before: only for the platform's first meeting in this block
                    // (later ones follow it here, under the rotation rows).
                    if item.rank == 0 || problem.items[seq[item.rank - 1]].block != b { excludedVenue = at.venue }
                }
                // Leave room for the next meeting in a later block.
                if let next = seq[(item.rank + 1)...].first, problem.items[next].block != b {
                    let nextDays = problem.items[next].days
                    if let lastDay = nextDays.last { latest = calendar.days[lastDay].dayNumber - minDays }
                }
            }
            var venues: [(Int, Double)]
            switch mode {
            case .relaxed:
                venues = platform.venue == .host ? zip(problem.venueOptions[p], problem.venueCost[p]).map { ($0, $1) } : [(-1, 0)]
            case .relaxedCheapest where platform.venue == .rotate:
                let options = VenuePlanner.cheapestOptions(costs: problem.venueCost[p], length: seq.count)[item.rank]
                venues = options.map { (problem.venueOptions[p][$0], problem.venueCost[p][$0]) }
            case .cheapest where platform.venue == .rotate:
                if let v = venueOf[i], let o = problem.venueOptions[p].firstIndex(of: v) { venues = [(v, problem.venueCost[p][o])] } else { venues = [] }
            default:
                venues = zip(problem.venueOptions[p], problem.venueCost[p]).map { ($0, $1) }
                if platform.venue == .rotate, let excludedVenue { venues.removeAll { $0.0 == excludedVenue } }
            }
            let starts = problem.startIndices(of: p)
            for d in item.days {
                let day = calendar.days[d]
                guard day.dayNumber >= earliest, day.dayNumber <= latest else { continue }
                for s in starts {
                    let begin = problem.startTimes[s]
                    for (v, cost) in venues {
                        candidatesOfItem[k].append(candidates.count)
                        candidates.append(Candidate(item: k, day: d, start: s, venue: v, begin: begin,
                                                    end: begin + platform.durationMinutes, dayNumber: day.dayNumber,
                                                    week: day.weekStart, cost: cost))
                    }
                }
            }
        }

        var rowSet: Set<Row> = []
        func addRow(_ cands: [Int], rhs: Int) {
            guard cands.count > rhs else { return }
            let distinctItems = Set(cands.map { candidates[$0].item })
            guard distinctItems.count > rhs else { return }
            let row = Row(candidates: cands.sorted(), rhs: rhs)
            if rowSet.insert(row).inserted { rows.append(row) }
        }

        // Person rows over the largest groups of platforms attended together.
        var itemsOfPlatformHere: [Int: [Int]] = [:]
        for (k, i) in blockItems.enumerated() { itemsOfPlatformHere[problem.items[i].platform, default: []].append(k) }
        var groups: Set<[Int]> = []
        for set in problem.personSets {
            let here = set.platforms.filter { itemsOfPlatformHere[$0] != nil }
            if here.reduce(0, { $0 + itemsOfPlatformHere[$1]!.count }) >= 2 { groups.insert(here) }
        }
        for (p, its) in itemsOfPlatformHere where its.count >= 2 { groups.insert([p]) }
        let maximal = Self.maximalSets(Array(groups))
        personGroups = maximal.map { $0.flatMap { itemsOfPlatformHere[$0]! } }
        for group in maximal {
            var byDay: [Int: [Int]] = [:]
            for p in group { for k in itemsOfPlatformHere[p]! { for c in candidatesOfItem[k] { byDay[candidates[c].day, default: []].append(c) } } }
            for (_, cands) in byDay.sorted(by: { $0.key < $1.key }) {
                guard Set(cands.map { candidates[$0].item }).count >= 2 else { continue }
                for tau in Set(cands.map { candidates[$0].begin }).sorted() {
                    addRow(cands.filter { candidates[$0].begin <= tau && tau < candidates[$0].end }, rhs: 1)
                }
                if mode == .relaxed { continue }   // no venues: travel between them unknown
                for a in cands {
                    for b in cands where candidates[a].item != candidates[b].item {
                        let ca = candidates[a], cb = candidates[b]
                        guard ca.end <= cb.begin, ca.venue != cb.venue else { continue }
                        let gap = Double(cb.begin - ca.end)
                        if let t = problem.travel(ca.venue, cb.venue), t <= gap + 1e-9 { continue }
                        addRow([a, b], rhs: 1)
                    }
                }
            }
        }

        // Venue rows.
        let cap = problem.settings.maxPerVenue
        var byVenueDay: [Int: [Int]] = [:]
        for (c, cand) in candidates.enumerated() where cand.venue >= 0 {
            byVenueDay[cand.venue * 4096 + cand.day, default: []].append(c)
        }
        for (_, cands) in byVenueDay.sorted(by: { $0.key < $1.key }) {
            guard Set(cands.map { candidates[$0].item }).count > cap else { continue }
            for tau in Set(cands.map { candidates[$0].begin }).sorted() {
                addRow(cands.filter { candidates[$0].begin <= tau && tau < candidates[$0].end }, rhs: cap)
            }
        }

        // Order and rotation rows for consecutive meetings of one platform in the block.
        for (p, its) in itemsOfPlatformHere where its.count >= 2 {
            let ordered = its.sorted { problem.items[blockItems[$0]].rank < problem.items[blockItems[$1]].rank }
            for (ki, kj) in zip(ordered, ordered.dropFirst()) {
                func key(_ c: Int) -> Int { candidates[c].dayNumber * 1440 + candidates[c].begin }
                for t in Set(candidatesOfItem[ki].map(key)).sorted() {
                    let first = candidatesOfItem[ki].filter { key($0) >= t }
                    let second = candidatesOfItem[kj].filter { key($0) < t + minDays * 1440 }
                    if !second.isEmpty { addRow(first + second, rhs: 1) }
                }
                if problem.platforms[p].venue == .rotate, !relaxed {
                    var byVenue: [Int: [Int]] = [:]
                    for c in candidatesOfItem[ki] + candidatesOfItem[kj] { byVenue[candidates[c].venue, default: []].append(c) }
                    for (_, cands) in byVenue.sorted(by: { $0.key < $1.key }) { addRow(cands, rhs: 1) }
                }
            }
        }

        rowsOfCandidate = Array(repeating: [], count: candidates.count)
        for (r, row) in rows.enumerated() { for c in row.candidates { rowsOfCandidate[c].append(r) } }

        // Same-week terms: people grouped by the platforms that matter here (items in the block,
        // or fixed meetings in the weeks the block touches).
        let blockWeeks = Set(candidates.map(\.week))
        var fixedInWeek: [Int: [Int: Int]] = [:]     // platform → week → fixed meetings
        if !relaxed {
            for (i, at) in placed.enumerated() {
                guard let at, problem.items[i].block != b else { continue }
                let w = calendar.days[at.day].weekStart
                if blockWeeks.contains(w) { fixedInWeek[problem.items[i].platform, default: [:]][w, default: 0] += 1 }
            }
        }
        var weightOf: [[Int]: Int] = [:]
        for set in problem.personSets {
            let here = set.platforms.filter { itemsOfPlatformHere[$0] != nil || fixedInWeek[$0] != nil }
            guard here.contains(where: { itemsOfPlatformHere[$0] != nil }) else { continue }
            weightOf[here, default: 0] += set.people.count
        }
        spreadOfCandidate = Array(repeating: [], count: candidates.count)
        for (group, weight) in weightOf.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            var byWeek: [Int: [Int]] = [:]
            for p in group { for k in itemsOfPlatformHere[p] ?? [] { for c in candidatesOfItem[k] { byWeek[candidates[c].week, default: []].append(c) } } }
            for (w, cands) in byWeek.sorted(by: { $0.key < $1.key }) {
                let fixed = group.reduce(0) { $0 + (fixedInWeek[$1]?[w] ?? 0) }
                let distinct = Set(cands.map { candidates[$0].item }).count
                guard distinct + fixed >= 2 else { continue }
                let t = spread.count
                spread.append(SpreadTerm(weight: weight, candidates: cands, fixed: fixed))
                for c in cands { spreadOfCandidate[c].append(t) }
            }
        }
    }

    /// The sets not contained in another (duplicates removed).
    static func maximalSets(_ sets: [[Int]]) -> [[Int]] {
        let sorted = sets.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        var kept: [Set<Int>] = []
        var out: [[Int]] = []
        for s in sorted {
            let set = Set(s)
            if kept.contains(where: { set.isSubset(of: $0) }) { continue }
            kept.append(set)
            out.append(s)
        }
        return out
    }

    /// The same-week count of a choice (candidate per item, nil = not placed) and its travel.
    func evaluate(_ choice: [Int?]) -> (sameWeek: Int, travel: Double, placed: Int) {
        var count = [Int](repeating: 0, count: spread.count)
        var travel = 0.0, placed = 0
        for c in choice {
            guard let c else { continue }
            placed += 1
            travel += candidates[c].cost
            for t in spreadOfCandidate[c] { count[t] += 1 }
        }
        var total = 0
        for (t, term) in spread.enumerated() { total += term.weight * max(0, count[t] + term.fixed - 1) }
        return (total, travel, placed)
    }

    /// Whether a choice keeps every row.
    func isFeasible(_ choice: [Int?]) -> Bool {
        var load = [Int](repeating: 0, count: rows.count)
        for c in choice {
            guard let c else { continue }
            for r in rowsOfCandidate[c] {
                load[r] += 1
                if load[r] > rows[r].rhs { return false }
            }
        }
        return true
    }
}
