import LinearProgramming

/// The exact model of one stage on GLPK: a binary per candidate, an "exactly one" (or "at most
/// one") row per meeting, the stage's packing rows, and for the same-week count one continuous
/// `e ≥ Σ x + fixed − 1, e ≥ 0` per term. Small (one block of months, a few thousand binaries for
/// a city), so GLPK's branch-and-bound usually proves it; otherwise its bound is reported.
enum StageMIP {
    enum Objective: Sendable {
        /// Minimise the same-week count; every meeting placed.
        case sameWeek
        /// Minimise travel; every meeting placed.
        case travel
        /// Minimise the same-week count with travel at most this; every meeting placed.
        case sameWeekWithTravelAtMost(Double)
        /// Place as many meetings as possible.
        case mostPlaced
        /// Minimise travel with at least this many meetings placed.
        case travelWithPlacedAtLeast(Int)
    }

    struct Result: Sendable {
        /// Candidate per meeting (nil: not placed); nil when GLPK found no solution.
        var choice: [Int?]?
        var status: SolutionStatus
        /// GLPK's objective and proven bound (in the objective's own direction).
        var objective: Double?
        var bound: Double?
        var variables: Int
        var constraints: Int
        var seconds: Double
        var proven: Bool { status == .optimal }
        var provenInfeasible: Bool { status == .infeasible }
    }

    static func solve(_ stage: StageProblem, objective: Objective, initial: [Int?]?, timeLimit: Double,
                      shouldStop: (@Sendable () -> Bool)? = nil) throws(LinearProgrammingError) -> Result {
        var model = Model(sense: .minimize)
        let x = stage.candidates.indices.map { _ in model.addVariable(kind: .binary) }
        let all: Bool
        switch objective {
        case .mostPlaced, .travelWithPlacedAtLeast: all = false
        default: all = true
        }
        for cands in stage.candidatesOfItem {
            let e = LinearExpression(terms: cands.map { Term(1, x[$0]) })
            model.addConstraint(e, lower: all ? 1 : -.infinity, upper: 1)
        }
        for row in stage.rows {
            model.addConstraint(LinearExpression(terms: row.candidates.map { Term(1, x[$0]) }), lower: -.infinity, upper: Double(row.rhs))
        }
        var e: [Variable] = []
        let usesSpread: Bool
        switch objective {
        case .sameWeek, .sameWeekWithTravelAtMost: usesSpread = true
        default: usesSpread = false
        }
        if usesSpread {
            for term in stage.spread {
                let v = model.addVariable(lower: Double(max(0, term.fixed - 1)), objective: Double(term.weight))
                e.append(v)
                var expr = LinearExpression(terms: term.candidates.map { Term(1, x[$0]) })
                expr.add(-1, v)
                model.addConstraint(expr, lower: -.infinity, upper: Double(1 - term.fixed))
            }
        }
        let travel = LinearExpression(terms: stage.candidates.indices.map { Term(stage.candidates[$0].cost, x[$0]) })
        switch objective {
        case .sameWeek: break
        case .travel:
            model.minimize(travel)
        case .sameWeekWithTravelAtMost(let cap):
            model.addConstraint(travel, lower: -.infinity, upper: cap + 1e-6 * max(1, abs(cap)))
        case .mostPlaced:
            model.maximize(LinearExpression.sum(x))
        case .travelWithPlacedAtLeast(let m):
            model.addConstraint(LinearExpression.sum(x), lower: Double(m), upper: .infinity)
            model.minimize(travel)
        }

        var options = SolverOptions(timeLimit: max(0.05, timeLimit))
        options.logLevel = .off
        options.cuts = [.clique]
        options.shouldStop = shouldStop
        if let initial, !all || initial.allSatisfy({ $0 != nil }) {
            var start: [Variable: Double] = [:]
            var chosen = Set<Int>()
            for c in initial { if let c { chosen.insert(c) } }
            for (c, v) in x.enumerated() { start[v] = chosen.contains(c) ? 1 : 0 }
            if usesSpread {
                for (t, term) in stage.spread.enumerated() {
                    let n = term.candidates.reduce(0) { $0 + (chosen.contains($1) ? 1 : 0) }
                    start[e[t]] = Double(max(0, n + term.fixed - 1))
                }
            }
            var feasibleStart = true
            if case .travelWithPlacedAtLeast(let m) = objective, chosen.count < m { feasibleStart = false }
            if case .sameWeekWithTravelAtMost(let cap) = objective {
                let t = chosen.reduce(0.0) { $0 + stage.candidates[$1].cost }
                if t > cap + 1e-6 * max(1, abs(cap)) { feasibleStart = false }
            }
            if feasibleStart { options.initialSolution = start }
        }
        let solution = try Solver.solve(model, options: options)
        var choice: [Int?]?
        if solution.status.hasSolution {
            var out = [Int?](repeating: nil, count: stage.items.count)
            for (c, v) in x.enumerated() where (solution.value(of: v) ?? 0) > 0.5 { out[stage.candidates[c].item] = c }
            choice = out
        }
        return Result(choice: choice, status: solution.status, objective: solution.objective, bound: solution.bound,
                      variables: model.variableCount, constraints: model.constraintCount, seconds: solution.seconds)
    }
}
