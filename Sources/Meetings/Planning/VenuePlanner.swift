/// Where the meetings of one platform are held, for least travel.
///
/// A meeting's travel cost depends only on its venue (Σ over the platform's participants of the
/// minutes from their organisation to it), never on its date. A `host` platform has one venue. A
/// `rotate` platform picks among its members, never the same twice in a row: over a sequence of
/// meetings that is a shortest path with "not the venue before", solved exactly by dynamic
/// programming (an alternation of the two cheapest members when nothing else constrains it).
/// Without dates the cheapest sequence is a lower bound on the platform's travel in any plan.
enum VenuePlanner {
    /// The cheapest venue sequence of `length` meetings over `costs` (one per venue option),
    /// no option twice in a row, the first not `excludingFirst`. Returns option indices and the
    /// total, or nil when impossible (no option, or one option for two meetings in a row).
    /// Ties go to the lower option index, so the result is deterministic.
    static func cheapest(costs: [Double], length: Int, excludingFirst: Int? = nil) -> (options: [Int], cost: Double)? {
        guard length > 0 else { return ([], 0) }
        let n = costs.count
        guard n > 0 else { return nil }
        // best[k][v]: cheapest cost of meetings k..<length with meeting k at v.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: length)
        best[length - 1] = costs
        if length >= 2 {
            for k in stride(from: length - 2, through: 0, by: -1) {
                let (m1, i1, m2) = twoSmallest(best[k + 1])
                for v in 0..<n { best[k][v] = costs[v] + (v == i1 ? m2 : m1) }
            }
        }
        var options: [Int] = []
        var previous = excludingFirst
        var total = 0.0
        for k in 0..<length {
            var choice: Int?
            for v in 0..<n where v != previous && best[k][v].isFinite {
                if choice == nil || best[k][v] < best[k][choice!] - 1e-9 { choice = v }
            }
            guard let v = choice else { return nil }
            options.append(v)
            total += costs[v]
            previous = v
        }
        return (options, total)
    }

    /// For each meeting of a sequence of `length`, the options it takes in at least one cheapest
    /// sequence (no option twice in a row). A plan with the least travel keeps every meeting at
    /// one of these, so restricting to them relaxes exactly those plans.
    static func cheapestOptions(costs: [Double], length: Int) -> [[Int]] {
        guard length > 0, !costs.isEmpty else { return Array(repeating: [], count: max(0, length)) }
        let n = costs.count
        // before[k][v]: cheapest meetings 0...k with k at v; after[k][v]: meetings k..<length with k at v.
        var before = [[Double]](repeating: costs, count: length)
        var after = [[Double]](repeating: costs, count: length)
        for k in 1..<max(1, length) {
            let (m1, i1, m2) = twoSmallest(before[k - 1])
            for v in 0..<n { before[k][v] = costs[v] + (v == i1 ? m2 : m1) }
        }
        if length >= 2 {
            for k in stride(from: length - 2, through: 0, by: -1) {
                let (m1, i1, m2) = twoSmallest(after[k + 1])
                for v in 0..<n { after[k][v] = costs[v] + (v == i1 ? m2 : m1) }
            }
        }
        let best = before[length - 1].min() ?? .infinity
        guard best.isFinite else { return Array(repeating: [], count: length) }
        let tolerance = 1e-9 * max(1, abs(best))
        return (0..<length).map { k in
            (0..<n).filter { v in before[k][v] + after[k][v] - costs[v] <= best + tolerance }
        }
    }

    /// The smallest value, its index, and the second smallest (infinity when there is one value).
    private static func twoSmallest(_ values: [Double]) -> (Double, Int, Double) {
        var m1 = Double.infinity, i1 = -1, m2 = Double.infinity
        for (i, v) in values.enumerated() {
            if v < m1 { m2 = m1; m1 = v; i1 = i } else if v < m2 { m2 = v }
        }
        return (m1, i1, m2)
    }
}
