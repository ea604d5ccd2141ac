import Foundation
import SetkaModel

/// Local search for one block on the level the objective lives on: **weeks**.
///
/// The same-week count depends only on which week each meeting falls in; the hard rules inside a
/// block (overlap, travel, venue capacity) only link meetings on the same day, hence in the same
/// week. So a plan is a week per meeting plus, per week, a packing of its meetings onto days,
/// start times and venues — and weeks can be packed independently. The search moves a meeting
/// to another week or swaps two meetings' weeks (simulated annealing on the same-week count,
/// seeded, with a fixed number of steps so a run repeats exactly), and accepts a move only if
/// the receiving week still packs: first by fitting the meeting in beside the others, else by an
/// exact backtracking search over that week alone (a dozen meetings, a few days and times). Moves:
/// one meeting to another week; one meeting into another's week while that one goes back (a swap)
/// or on to a third week (an ejection).
///
/// Applies to blocks where each platform has at most one meeting (no order or rotation rows
/// between weeks); other blocks go to the MIP.
struct WeekSearch {
    let stage: StageProblem
    /// Week starts (day numbers of Mondays) of the block, in order.
    let weeks: [Int]
    /// Per item, per week: candidates.
    let candidatesIn: [[[Int]]]
    /// Per item, per week: same-week terms it counts in.
    let termsIn: [[[Int]]]
    let termWeight: [Int]

    private(set) var weekOf: [Int]
    private(set) var chosen: [Int]
    private(set) var itemsIn: [Set<Int>]
    private(set) var load: [Int]
    private(set) var count: [Int]
    private(set) var cost: Int

    /// Nil when the block does not suit (rows across weeks) or `initial` misses a meeting.
    init?(_ stage: StageProblem, initial: [Int?]) {
        guard initial.allSatisfy({ $0 != nil }), !stage.items.isEmpty else { return nil }
        let weeks = Array(Set(stage.candidates.map(\.week))).sorted()
        var index: [Int: Int] = [:]
        for (i, w) in weeks.enumerated() { index[w] = i }
        for row in stage.rows {
            let w = stage.candidates[row.candidates[0]].week
            if row.candidates.contains(where: { stage.candidates[$0].week != w }) { return nil }
        }
        var candidatesIn = [[[Int]]](repeating: [[Int]](repeating: [], count: weeks.count), count: stage.items.count)
        for (c, cand) in stage.candidates.enumerated() { candidatesIn[cand.item][index[cand.week]!].append(c) }
        var termsIn = [[[Int]]](repeating: [[Int]](repeating: [], count: weeks.count), count: stage.items.count)
        for (t, term) in stage.spread.enumerated() {
            guard let first = term.candidates.first else { continue }
            let w = index[stage.candidates[first].week]!
            for k in Set(term.candidates.map { stage.candidates[$0].item }) { termsIn[k][w].append(t) }
        }
        self.stage = stage
        self.weeks = weeks
        self.candidatesIn = candidatesIn
        self.termsIn = termsIn
        termWeight = stage.spread.map(\.weight)
        chosen = initial.map { $0! }
        weekOf = chosen.map { index[stage.candidates[$0].week]! }
        itemsIn = Array(repeating: [], count: weeks.count)
        for (k, w) in weekOf.enumerated() { itemsIn[w].insert(k) }
        load = Array(repeating: 0, count: stage.rows.count)
        for c in chosen { for r in stage.rowsOfCandidate[c] { load[r] += 1 } }
        count = stage.spread.map(\.fixed)
        for (k, w) in weekOf.enumerated() { for t in termsIn[k][w] { count[t] += 1 } }
        cost = 0
        for (t, n) in count.enumerated() { cost += termWeight[t] * max(0, n - 1) }
    }

    /// The plan: a candidate per meeting.
    var choice: [Int?] { chosen.map { $0 } }

    // MARK: - cost

    /// Change of the same-week count if item `k` moved from its week to `w`.
    func delta(_ k: Int, to w: Int) -> Int {
        let from = weekOf[k]
        var d = 0
        for t in termsIn[k][from] where count[t] >= 2 { d -= termWeight[t] }
        for t in termsIn[k][w] where count[t] >= 1 { d += termWeight[t] }
        return d
    }

    private mutating func shiftCounts(_ k: Int, from: Int, to: Int) {
        for t in termsIn[k][from] {
            count[t] -= 1
            if count[t] >= 1 { cost -= termWeight[t] }
        }
        for t in termsIn[k][to] {
            if count[t] >= 1 { cost += termWeight[t] }
            count[t] += 1
        }
    }

    // MARK: - packing

    private func fits(_ c: Int) -> Bool {
        for r in stage.rowsOfCandidate[c] where load[r] >= stage.rows[r].rhs { return false }
        return true
    }

    private mutating func take(_ c: Int) { for r in stage.rowsOfCandidate[c] { load[r] += 1 } }
    private mutating func release(_ c: Int) { for r in stage.rowsOfCandidate[c] { load[r] -= 1 } }

    /// Puts item `k` into week `w` (it is in no week's packing now), repacking `w` if needed.
    /// Returns false (and changes nothing) when the week cannot hold it.
    private mutating func insert(_ k: Int, into w: Int) -> Bool {
        for c in candidatesIn[k][w] where fits(c) {
            take(c); chosen[k] = c; return true
        }
        // Repack the whole week with k.
        let members = Array(itemsIn[w]) + [k]
        let old = itemsIn[w].map { chosen[$0] }
        for c in old { release(c) }
        if let packed = pack(members, week: w) {
            for (item, c) in packed { chosen[item] = c; take(c) }
            return true
        }
        for c in old { take(c) }
        return false
    }

    /// An exact packing of `items` into week `w` (backtracking, most constrained first), or nil;
    /// gives up (nil) after `limit` nodes. Uses and restores `load`.
    private mutating func pack(_ items: [Int], week w: Int, limit: Int = 20_000) -> [(Int, Int)]? {
        var assignment: [(Int, Int)] = []
        var left = Set(items)
        var nodes = 0
        func search() -> Bool {
            if left.isEmpty { return true }
            nodes += 1
            if nodes > limit { return false }
            var pick = -1, options: [Int] = []
            for k in left {
                let open = candidatesIn[k][w].filter(fits)
                if pick == -1 || open.count < options.count || (open.count == options.count && k < pick) { pick = k; options = open }
                if open.isEmpty { return false }
            }
            left.remove(pick)
            for c in options {
                take(c)
                assignment.append((pick, c))
                if search() { return true }
                assignment.removeLast()
                release(c)
            }
            left.insert(pick)
            return false
        }
        if search() {
            for (_, c) in assignment { release(c) }
            return assignment
        }
        return nil
    }

    // MARK: - moves

    /// Moves item `k` to week `w` if that week packs; true when done.
    mutating func move(_ k: Int, to w: Int) -> Bool {
        let from = weekOf[k]
        guard from != w, !candidatesIn[k][w].isEmpty else { return false }
        let old = chosen[k]
        release(old)
        itemsIn[from].remove(k)
        if insert(k, into: w) {
            itemsIn[w].insert(k)
            weekOf[k] = w
            shiftCounts(k, from: from, to: w)
            return true
        }
        itemsIn[from].insert(k)
        chosen[k] = old
        take(old)
        return false
    }

    /// Change of the same-week count if item `a` moved to week `wa` and item `b` to week `wb`.
    mutating func pairDelta(_ a: Int, to wa: Int, _ b: Int, to wb: Int) -> Int {
        let fa = weekOf[a], fb = weekOf[b], before = cost
        shiftCounts(a, from: fa, to: wa); shiftCounts(b, from: fb, to: wb)
        let d = cost - before
        shiftCounts(b, from: wb, to: fb); shiftCounts(a, from: wa, to: fa)
        return d
    }

    /// Moves item `b` to week `wb` and item `a` to week `wa` (a swap when each goes to the
    /// other's week; an ejection when `a` takes `b`'s week and `b` goes on to a third) if every
    /// week involved still packs; true when done. On failure every packing is as before.
    mutating func pairMove(_ a: Int, to wa: Int, _ b: Int, to wb: Int) -> Bool {
        let fa = weekOf[a], fb = weekOf[b]
        guard a != b, wa != fa || wb != fb, !candidatesIn[a][wa].isEmpty, !candidatesIn[b][wb].isEmpty else { return false }
        let touched = Set([fa, fb, wa, wb])
        let saved = touched.flatMap { w in itemsIn[w].map { ($0, chosen[$0]) } }
        let savedSets = touched.map { ($0, itemsIn[$0]) }
        release(chosen[a]); release(chosen[b])
        itemsIn[fa].remove(a); itemsIn[fb].remove(b)
        if insert(b, into: wb) {
            itemsIn[wb].insert(b)
            if insert(a, into: wa) {
                itemsIn[wa].insert(a)
                weekOf[a] = wa; weekOf[b] = wb
                shiftCounts(a, from: fa, to: wa)
                shiftCounts(b, from: fb, to: wb)
                return true
            }
        }
        // Undo: every touched week back to its packing (a repack may have moved the others).
        var current: Set<Int> = []
        for w in touched { current.formUnion(itemsIn[w]) }
        for k in current { release(chosen[k]) }
        for (w, items) in savedSets { itemsIn[w] = items }
        for (k, c) in saved { chosen[k] = c; take(c) }
        return false
    }

    // MARK: - search

    /// Simulated annealing over moves and swaps for `steps` steps (or until `target` or the
    /// deadline); ends in the best state seen.
    /// Returns false when the deadline or `shouldStop` ended it before its steps were done.
    @discardableResult
    mutating func run(steps: Int, target: Int, seed: UInt64, deadline: ContinuousClock.Instant,
                      shouldStop: (@Sendable () -> Bool)? = nil) -> Bool {
        guard cost > target, weeks.count > 1 else { return true }
        var finished = true
        var rng = SplitMix64(seed: seed, stream: UInt64(stage.block))
        var best = (weekOf, chosen, itemsIn, load, count, cost)
        let n = stage.items.count
        let clock = ContinuousClock()
        let start = 3.0, end = 0.05
        for step in 0..<steps {
            if cost <= target { break }
            if step % 256 == 0 && (clock.now > deadline || shouldStop?() == true) { finished = false; break }
            let temperature = start * pow(end / start, Double(step) / Double(max(1, steps - 1)))
            let k = rng.int(0...(n - 1))
            if rng.unit() < 0.55 {
                let w = rng.int(0...(weeks.count - 1))
                guard w != weekOf[k], !candidatesIn[k][w].isEmpty else { continue }
                let d = delta(k, to: w)
                guard d <= 0 || rng.unit() < exp(-Double(d) / temperature) else { continue }
                _ = move(k, to: w)
            } else {
                // k takes j's week; j goes to k's week (a swap) or to a third week (an ejection).
                let j = rng.int(0...(n - 1))
                let wk = weekOf[j]
                guard j != k, wk != weekOf[k] else { continue }
                let wj = rng.unit() < 0.5 ? weekOf[k] : rng.int(0...(weeks.count - 1))
                guard wj != wk, !candidatesIn[k][wk].isEmpty, !candidatesIn[j][wj].isEmpty else { continue }
                let d = pairDelta(k, to: wk, j, to: wj)
                guard d <= 0 || rng.unit() < exp(-Double(d) / temperature) else { continue }
                _ = pairMove(k, to: wk, j, to: wj)
            }
            if cost < best.5 { best = (weekOf, chosen, itemsIn, load, count, cost) }
        }
        (weekOf, chosen, itemsIn, load, count, cost) = best
        return finished
    }
}
