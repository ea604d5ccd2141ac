import DequeModule

/// A minimum-cost circulation by cycle cancelling, started from a feasible one: arcs with lower
/// and upper bounds and costs, each arc's flow within its bounds and every node's inflow equal to
/// its outflow. `improve` cancels negative cycles of the residual network until none is left,
/// so the flow stays feasible throughout and ends at least cost.
///
/// For the small networks of `ScheduleState.reseat(slot:)` (a slot's students and sections:
/// 600–900 nodes and 2,300–4,900 arcs in a district of 1,500) where the starting flow is the
/// current day's and few cycles are negative (0–60 cancelled in a slot).
struct MinCostCirculation {
    struct Arc {
        var from: Int
        var to: Int
        var lower: Int
        var upper: Int
        var cost: Double
        var flow: Int
    }

    private(set) var arcs: [Arc] = []
    private(set) var nodeCount: Int

    init(nodes: Int) { nodeCount = nodes }

    /// Adds a node; returns its number.
    mutating func addNode() -> Int {
        nodeCount += 1
        return nodeCount - 1
    }

    /// Adds an arc; its `flow` must lie within `lower...upper`. Returns its index.
    @discardableResult
    mutating func addArc(from: Int, to: Int, lower: Int = 0, upper: Int, cost: Double, flow: Int) -> Int {
        precondition(lower <= flow && flow <= upper && from >= 0 && from < nodeCount && to >= 0 && to < nodeCount)
        arcs.append(Arc(from: from, to: to, lower: lower, upper: upper, cost: cost, flow: flow))
        return arcs.count - 1
    }

    /// Sets an arc's flow (within its bounds), e.g. once the flows around it are known.
    mutating func setFlow(of arc: Int, to flow: Int) {
        precondition(arcs[arc].lower <= flow && flow <= arcs[arc].upper)
        arcs[arc].flow = flow
    }

    var cost: Double { arcs.reduce(0) { $0 + Double($1.flow) * $1.cost } }

    /// Whether every node's inflow equals its outflow and every flow lies within its bounds.
    var isFeasible: Bool {
        var balance = [Int](repeating: 0, count: nodeCount)
        for a in arcs {
            guard a.lower <= a.flow && a.flow <= a.upper else { return false }
            balance[a.from] -= a.flow
            balance[a.to] += a.flow
        }
        return balance.allSatisfy { $0 == 0 }
    }

    /// Cancels negative cycles (each costing less than `-tolerance`) until none is left, or at
    /// most `maxScans` node scans, or until `shouldStop`; returns how many it cancelled. Costs
    /// only fall, and the flow stays feasible.
    ///
    /// Shortest paths by a queue (each node's residual steps scanned when its label fell) from
    /// labels that carry over after each cancellation: only the cycle's nodes are queued again,
    /// as only its arcs changed. After every `nodeCount` scans the predecessor graph is searched
    /// for cycles (any cycle there is negative, its arcs the steps that lowered its labels).
    @discardableResult
    mutating func improve(tolerance: Double = 1e-7, maxScans: Int? = nil, shouldStop: () -> Bool = { false }) -> Int {
        // Each node's residual steps: (arc * 2, +1 when backward), those of node v at first[v]..<first[v + 1].
        var first = [Int](repeating: 0, count: nodeCount + 1)
        for a in arcs {
            first[a.from + 1] += 1
            first[a.to + 1] += 1
        }
        for v in 0..<nodeCount { first[v + 1] += first[v] }
        var steps = [Int](repeating: 0, count: 2 * arcs.count)
        var fill = first
        for (i, a) in arcs.enumerated() {
            steps[fill[a.from]] = 2 * i
            fill[a.from] += 1
            steps[fill[a.to]] = 2 * i + 1
            fill[a.to] += 1
        }
        var dist = [Double](repeating: 0, count: nodeCount)
        var parent = [Int](repeating: -1, count: nodeCount)
        var queued = [Bool](repeating: true, count: nodeCount)
        var queue = Deque(0..<nodeCount)
        var mark = [Int](repeating: -1, count: nodeCount)
        var walks = 0
        var scans = 0, sinceCheck = 0
        let limit = maxScans ?? 200 * max(1, nodeCount)
        var cancelled = 0
        let eps = 1e-12
        // Cancels the cycle through `v` of the predecessor graph when it costs less than
        // `-tolerance` (and can carry flow); its nodes are queued again, their steps changed.
        func cancelCycle(through v: Int) -> Bool {
            var cycle: [Int] = []
            var u = v
            repeat {
                cycle.append(parent[u])
                u = tail(of: parent[u])
            } while u != v && cycle.count <= nodeCount
            guard u == v else { return false }
            var total = 0.0, push = Int.max
            for step in cycle {
                let a = arcs[step / 2]
                total += step % 2 == 0 ? a.cost : -a.cost
                push = min(push, step % 2 == 0 ? a.upper - a.flow : a.flow - a.lower)
            }
            guard total < -tolerance && push > 0 else { return false }
            for step in cycle {
                arcs[step / 2].flow += step % 2 == 0 ? push : -push
                let w = tail(of: step)
                parent[w] = -1
                if !queued[w] {
                    queued[w] = true
                    queue.append(w)
                }
            }
            cancelled += 1
            return true
        }
        while let u = queue.popFirst() {
            queued[u] = false
            scans += 1
            if scans > limit || (scans % 1024 == 0 && shouldStop()) { break }
            scan: for i in first[u]..<first[u + 1] {
                let step = steps[i], a = arcs[step / 2]
                let forward = step % 2 == 0
                guard forward ? a.flow < a.upper : a.flow > a.lower else { continue }
                let v = forward ? a.to : a.from
                let d = dist[u] + (forward ? a.cost : -a.cost)
                guard d < dist[v] - eps else { continue }
                dist[v] = d
                parent[v] = step
                // Does the step close a cycle (is v among u's first predecessors)? Then it is
                // negative: cancel it at once; u's steps changed, and u is queued again.
                var w = u, depth = 0
                while w != v && parent[w] >= 0 && depth < Self.ancestorWalk {
                    w = tail(of: parent[w])
                    depth += 1
                }
                if w == v && cancelCycle(through: v) { break scan }
                if !queued[v] {
                    queued[v] = true
                    queue.append(v)
                }
            }
            sinceCheck += 1
            guard sinceCheck >= nodeCount else { continue }
            sinceCheck = 0
            // Longer cycles of the predecessor graph: walk from each node, marking with the
            // walk's number, until a node without a predecessor or one marked by an earlier walk.
            let base = walks
            for start in 0..<nodeCount where mark[start] < base {
                var v = start
                walks += 1
                while v >= 0 && mark[v] < base {
                    mark[v] = walks
                    v = parent[v] < 0 ? -1 : tail(of: parent[v])
                }
                if v >= 0 && mark[v] == walks { _ = cancelCycle(through: v) }
            }
        }
        return cancelled
    }

    /// How far up its predecessors a relaxed node looks for the cycle it may close.
    static let ancestorWalk = 64

    /// The node a residual step leaves from.
    private func tail(of step: Int) -> Int {
        step % 2 == 0 ? arcs[step / 2].from : arcs[step / 2].to
    }
}

