/// A fast construction for one stage: repeatedly place the meeting with the fewest candidates
/// still open, at the candidate that adds least (travel in the `any` mode, then same-week count,
/// then how many candidates of the meetings still to place it closes, then the earliest day).
/// Every placement keeps every row, so the result is always valid; it may leave meetings out.
/// Its plan is the MIP's first incumbent.
enum StageGreedy {
    static func solve(_ stage: StageProblem) -> [Int?] {
        let n = stage.items.count
        var choice = [Int?](repeating: nil, count: n)
        var load = [Int](repeating: 0, count: stage.rows.count)
        var weekCount = stage.spread.map(\.fixed)
        var open = [Bool](repeating: true, count: stage.candidates.count)
        var remaining = Set(0..<n)

        func isOpen(_ c: Int) -> Bool {
            open[c] && stage.rowsOfCandidate[c].allSatisfy { load[$0] < stage.rows[$0].rhs }
        }

        while !remaining.isEmpty {
            // The most constrained meeting (fewest open candidates; ties: the lower index).
            var pick = -1, pickCount = Int.max
            var openOf: [Int: [Int]] = [:]
            for k in remaining.sorted() {
                let cands = stage.candidatesOfItem[k].filter(isOpen)
                openOf[k] = cands
                if cands.count < pickCount { pick = k; pickCount = cands.count }
            }
            remaining.remove(pick)
            guard pickCount > 0, let cands = openOf[pick] else { continue }
            var best: Int?
            var bestKey: (Double, Int, Int, Int, Int) = (.infinity, .max, .max, .max, .max)
            for c in cands {
                let cand = stage.candidates[c]
                var added = 0
                for t in stage.spreadOfCandidate[c] where weekCount[t] >= 1 { added += stage.spread[t].weight }
                var closes = 0
                for r in stage.rowsOfCandidate[c] where load[r] + 1 == stage.rows[r].rhs {
                    for other in stage.rows[r].candidates where other != c && open[other] {
                        let k = stage.candidates[other].item
                        if k != pick && remaining.contains(k) { closes += 1 }
                    }
                }
                let travel = stage.mode == .any ? cand.cost : 0
                let key = (travel, added, closes, cand.dayNumber, cand.start)
                if key < bestKey { bestKey = key; best = c }
            }
            guard let c = best else { continue }
            choice[pick] = c
            for r in stage.rowsOfCandidate[c] { load[r] += 1 }
            for t in stage.spreadOfCandidate[c] { weekCount[t] += 1 }
            for other in stage.candidatesOfItem[pick] { open[other] = false }
        }
        return choice
    }
}
