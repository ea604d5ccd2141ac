import LinearProgramming

/// The block's same-week problem on the level of weeks, for GLPK: a binary `y[k][w]` per meeting
/// and week it has candidates in, "exactly one week" per meeting, the same-week terms
/// `e ≥ Σ y + fixed − 1`, and per week the counting conditions every packing needs (a group of
/// people attends at most as many meetings in a week as it has non-overlapping day-times; an
/// organisation holds at most `max_per_venue` × that). Those conditions are necessary, not
/// sufficient, so the model is a **relaxation** of the block: its optimum (or GLPK's bound) is a
/// lower bound on the block's same-week count, and its assignment is a plan only if every week
/// packs (`WeekSearch` checks that).
struct WeekMaster {
    let stage: StageProblem
    let weeks: [Int]
    /// (item, week) pairs with a variable.
    private(set) var keys: [(item: Int, week: Int)] = []
    private(set) var model = Model(sense: .minimize)
    private var y: [Variable] = []
    /// Interchangeable-week class of each week (−1: none) and the order symmetry is broken in.
    private var classOf: [Int] = []
    private var order: [Int] = []
    /// Each same-week variable with its row.
    private var spreadRows: [(e: Variable, row: Constraint)] = []

    init(_ stage: StageProblem, groups: [[Int]], perDayCapacity: (_ items: [Int]) -> Int, venueCapacity: Int) {
        self.stage = stage
        let weeks = Array(Set(stage.candidates.map(\.week))).sorted()
        self.weeks = weeks
        var index: [Int: Int] = [:]
        for (i, w) in weeks.enumerated() { index[w] = i }
        var daysIn = [Set<Int>](repeating: [], count: weeks.count)
        var has = [[Bool]](repeating: [Bool](repeating: false, count: weeks.count), count: stage.items.count)
        var venueOf = [Int](repeating: -2, count: stage.items.count)
        for cand in stage.candidates {
            let w = index[cand.week]!
            has[cand.item][w] = true
            daysIn[w].insert(cand.day)
            if venueOf[cand.item] == -2 { venueOf[cand.item] = cand.venue } else if venueOf[cand.item] != cand.venue { venueOf[cand.item] = -1 }
        }
        // Weeks nothing tells apart (the same meetings can use them, as many days, no meetings of
        // other blocks counted in them) are interchangeable: relabelling them maps plans onto
        // plans of the same cost. So the k-th meeting (most connected first) that can use such a
        // class needs only its first k weeks; one optimum always remains.
        var fixedWeeks: Set<Int> = []
        for term in stage.spread where term.fixed > 0 {
            if let first = term.candidates.first { fixedWeeks.insert(index[stage.candidates[first].week]!) }
        }
        var classOf = [Int](repeating: -1, count: weeks.count)
        var signatures: [[Int]: Int] = [:]
        for w in weeks.indices where !fixedWeeks.contains(w) {
            let signature = [daysIn[w].count] + stage.items.indices.filter { has[$0][w] }
            if let c = signatures[signature] { classOf[w] = c } else { classOf[w] = signatures.count; signatures[signature] = signatures.count }
        }
        var degree = [Int](repeating: 0, count: stage.items.count)
        for term in stage.spread { for k in Set(term.candidates.map { stage.candidates[$0].item }) { degree[k] += term.weight } }
        let order = stage.items.indices.sorted { (degree[$1], $0) < (degree[$0], $1) }
        self.classOf = classOf
        self.order = order
        var allowed = has
        var seenInClass: [Int: Int] = [:]
        for k in order {
            var position: [Int: Int] = [:]
            for w in weeks.indices where has[k][w] && classOf[w] >= 0 {
                let c = classOf[w]
                let j = position[c, default: 0]
                position[c] = j + 1
                if j > seenInClass[c, default: 0] { allowed[k][w] = false }
            }
            for c in position.keys { seenInClass[c, default: 0] += 1 }
        }
        var varOf: [[Variable?]] = Array(repeating: Array(repeating: nil, count: weeks.count), count: stage.items.count)
        for k in stage.items.indices {
            var row = LinearExpression()
            for w in weeks.indices where has[k][w] && allowed[k][w] {
                let v = model.addVariable(kind: .binary)
                varOf[k][w] = v
                keys.append((k, w))
                y.append(v)
                row.add(1, v)
            }
            model.addConstraint(row, lower: 1, upper: 1)
        }
        // A week of a class hosts meeting k only if the class's previous week hosts a meeting
        // before k (weeks of a class are used in order).
        var weeksOfClass: [Int: [Int]] = [:]
        for w in weeks.indices where classOf[w] >= 0 { weeksOfClass[classOf[w], default: []].append(w) }
        for (_, classWeeks) in weeksOfClass.sorted(by: { $0.key < $1.key }) where classWeeks.count > 1 {
            for (position, k) in order.enumerated() {
                for j in 1..<classWeeks.count {
                    guard let v = varOf[k][classWeeks[j]] else { continue }
                    var expr = LinearExpression(terms: [Term(1, v)])
                    for earlier in order[..<position] { if let u = varOf[earlier][classWeeks[j - 1]] { expr.add(-1, u) } }
                    model.addConstraint(expr, lower: -.infinity, upper: 0)
                }
            }
        }
        for term in stage.spread {
            guard let first = term.candidates.first else { continue }
            let w = index[stage.candidates[first].week]!
            let e = model.addVariable(lower: Double(max(0, term.fixed - 1)), objective: Double(term.weight))
            var expr = LinearExpression()
            for k in Set(term.candidates.map { stage.candidates[$0].item }) { if let v = varOf[k][w] { expr.add(1, v) } }
            expr.add(-1, e)
            spreadRows.append((e, model.addConstraint(expr, lower: -.infinity, upper: Double(1 - term.fixed))))
        }
        // Counting conditions per week.
        for w in weeks.indices {
            let days = daysIn[w].count
            for group in groups {
                let members = group.filter { varOf[$0][w] != nil }
                let cap = days * perDayCapacity(members)
                guard members.count > cap else { continue }
                model.addConstraint(LinearExpression(terms: members.map { Term(1, varOf[$0][w]!) }), lower: -.infinity, upper: Double(cap))
            }
            var byVenue: [Int: [Int]] = [:]
            for k in stage.items.indices where venueOf[k] >= 0 && varOf[k][w] != nil { byVenue[venueOf[k], default: []].append(k) }
            for (_, members) in byVenue.sorted(by: { $0.key < $1.key }) {
                let cap = days * perDayCapacity(members) * venueCapacity
                guard members.count > cap else { continue }
                model.addConstraint(LinearExpression(terms: members.map { Term(1, varOf[$0][w]!) }), lower: -.infinity, upper: Double(cap))
            }
        }
    }

    struct Result {
        /// Week index per item, when GLPK found an assignment.
        var weekOf: [Int]?
        var objective: Double?
        var bound: Double?
        var proven: Bool
        var seconds: Double
    }

    /// `weekOf` with the weeks of each interchangeable class relabelled in order of first use
    /// (by `order`), so that it keeps the symmetry-breaking bounds; same cost.
    func canonical(_ weekOf: [Int]) -> [Int] {
        var map: [Int: Int] = [:]
        var next: [Int: [Int]] = [:]   // class → its weeks not yet used as targets, ascending
        for w in weeks.indices where classOf[w] >= 0 { next[classOf[w], default: []].append(w) }
        var out = weekOf
        for k in order {
            let w = weekOf[k]
            guard w >= 0, classOf[w] >= 0 else { continue }
            if map[w] == nil { map[w] = next[classOf[w]]!.removeFirst() }
            out[k] = map[w]!
        }
        return out
    }

    /// Solves the relaxation, starting from `initial` (a week index per item) when given.
    func solve(timeLimit: Double, initial: [Int]?, shouldStop: (@Sendable () -> Bool)? = nil) throws(LinearProgrammingError) -> Result {
        var options = SolverOptions(timeLimit: max(0.05, timeLimit))
        options.logLevel = .off
        options.cuts = [.clique]
        options.shouldStop = shouldStop
        if let given = initial {
            let initial = canonical(given)
            // The objective is a whole number: a bound above (incumbent − 1) proves the incumbent,
            // so GLPK may stop at that relative gap.
            let incumbent = Double(stage.spread.indices.reduce(0) { total, t in
                let term = stage.spread[t]
                let n = Set(term.candidates.map { stage.candidates[$0].item }).filter { k in
                    weeks[initial[k]] == stage.candidates[term.candidates[0]].week
                }.count
                return total + term.weight * max(0, n + term.fixed - 1)
            })
            if incumbent >= 1 { options.relativeGap = 0.999 / incumbent }
            var start: [Variable: Double] = [:]
            for (n, key) in keys.enumerated() { start[y[n]] = initial[key.item] == key.week ? 1 : 0 }
            // e values: recomputed from the terms in the model (continuous, set to their least value).
            var values = [Double](repeating: 0, count: model.variableCount)
            for (v, x) in start { values[v.index] = x }
            let activities = model.rowActivities(values)
            for (e, c) in spreadRows {
                let (_, upper) = model.bounds(of: c)!
                let need = activities[c.index] - upper  // activity without e is Σy; e ≥ Σy − (1 − fixed)
                start[e] = max(model.bounds(of: e)!.lower, need)
            }
            for v in model.variables where start[v] == nil { start[v] = 0 }
            options.initialSolution = start
        }
        let solution = try Solver.solve(model, options: options)
        var weekOf: [Int]?
        if solution.status.hasSolution {
            var out = [Int](repeating: -1, count: stage.items.count)
            for (n, key) in keys.enumerated() where (solution.value(of: y[n]) ?? 0) > 0.5 { out[key.item] = key.week }
            weekOf = out
        }
        // Whole-number objective: proven once the bound rounds up to the objective.
        let proven = solution.status == .optimal
            || (solution.objective != nil && solution.bound != nil && (solution.bound! - 1e-6).rounded(.up) >= solution.objective! - 1e-6)
        return Result(weekOf: weekOf, objective: solution.objective, bound: solution.bound, proven: proven, seconds: solution.seconds)
    }
}
