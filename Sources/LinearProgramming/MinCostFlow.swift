import CGLPK

/// A minimum-cost flow problem with integer data, solved by GLPK's RELAX-IV
/// (`glp_mincost_relax4`, Bertsekas–Tseng relaxation method) when the linked GLPK provides it,
/// else by GLPK's out-of-kilter algorithm (`glp_mincost_okalg`). Debian's GLPK 5.0 ships
/// RELAX-IV disabled ("temporarily disabled due to licensing problems").
///
/// Nodes have an integer supply (positive: source, negative: sink; supplies must balance for a
/// feasible flow); arcs have integer lower/upper bounds and an integer cost per unit of flow.
public struct MinCostFlow: Sendable {
    /// A node of the network.
    public struct Node: Hashable, Sendable {
        public let index: Int
    }

    /// An arc of the network.
    public struct Arc: Hashable, Sendable {
        public let index: Int
    }

    /// Data of one arc.
    public struct ArcData: Hashable, Sendable {
        public var tail: Node
        public var head: Node
        public var lower: Int
        public var upper: Int
        public var cost: Int
    }

    /// Largest magnitude RELAX-IV accepts for supplies, bounds and costs (`INT_MAX / 4`).
    public static let maximumMagnitude = Int(Int32.max) / 4

    /// Supplies by node index.
    public private(set) var supplies: [Int] = []
    /// Arcs by arc index.
    public private(set) var arcs: [ArcData] = []

    public init() {}

    /// Adds a node with the given supply (negative for a demand).
    @discardableResult
    public mutating func addNode(supply: Int = 0) -> Node {
        supplies.append(supply)
        return Node(index: supplies.count - 1)
    }

    /// Changes the supply of a node (ignored for an unknown node; checked when solving).
    public mutating func setSupply(of node: Node, to supply: Int) {
        guard node.index >= 0 && node.index < supplies.count else { return }
        supplies[node.index] = supply
    }

    /// Adds an arc `from → to` carrying a flow in `lower...upper` at `cost` per unit.
    @discardableResult
    public mutating func addArc(from tail: Node, to head: Node, lower: Int = 0, upper: Int, cost: Int) -> Arc {
        arcs.append(ArcData(tail: tail, head: head, lower: lower, upper: upper, cost: cost))
        return Arc(index: arcs.count - 1)
    }

    /// Checks the network against RELAX-IV's requirements.
    public func validate() throws(LinearProgrammingError) {
        let limit = Self.maximumMagnitude
        if supplies.count >= limit || arcs.count >= limit {
            throw .invalidFlowNetwork(reason: "too many nodes or arcs")
        }
        for (i, supply) in supplies.enumerated() where abs(supply) > limit {
            throw .invalidFlowNetwork(reason: "node #\(i) has supply \(supply) beyond ±\(limit)")
        }
        for (k, arc) in arcs.enumerated() {
            for node in [arc.tail, arc.head] where node.index < 0 || node.index >= supplies.count {
                throw .invalidFlowNetwork(reason: "arc #\(k) uses unknown node #\(node.index)")
            }
            if arc.tail == arc.head {
                throw .invalidFlowNetwork(reason: "arc #\(k) is a loop at node #\(arc.tail.index)")
            }
            if arc.lower < 0 {
                throw .invalidFlowNetwork(reason: "arc #\(k) has negative lower bound \(arc.lower)")
            }
            if arc.lower > arc.upper {
                throw .invalidFlowNetwork(
                    reason: "arc #\(k) has lower bound \(arc.lower) greater than upper bound \(arc.upper)")
            }
            if arc.upper > limit || abs(arc.cost) > limit {
                throw .invalidFlowNetwork(reason: "arc #\(k) has a bound or cost beyond ±\(limit)")
            }
        }
    }

    /// GLPK's min-cost flow algorithms.
    public enum Algorithm: Sendable, Hashable {
        /// RELAX-IV if the linked GLPK provides it, else out-of-kilter.
        case automatic
        /// `glp_mincost_relax4` (Bertsekas–Tseng relaxation).
        case relax4
        /// `glp_mincost_okalg` (out-of-kilter).
        case outOfKilter
    }

    /// Whether the linked GLPK provides a working `glp_mincost_relax4` (probed once, on a
    /// two-node network, under the shim's error recovery).
    public static let isRelax4Available: Bool = {
        var probe = MinCostFlow()
        let a = probe.addNode(supply: 1)
        let b = probe.addNode(supply: -1)
        probe.addArc(from: a, to: b, upper: 1, cost: 1)
        return (try? probe.run(algorithm: .relax4).status) == .optimal
    }()

    /// Finds a minimum-cost flow.
    ///
    /// - Throws: ``LinearProgrammingError/invalidFlowNetwork(reason:)`` for malformed data, or
    ///   ``LinearProgrammingError/glpkError(message:)`` if GLPK fails fatally (recovered; e.g.
    ///   `.relax4` forced on a GLPK build where it is disabled).
    public func solve(algorithm: Algorithm = .automatic) throws(LinearProgrammingError) -> FlowSolution {
        try validate()
        switch algorithm {
        case .automatic: return try run(algorithm: Self.isRelax4Available ? .relax4 : .outOfKilter)
        case .relax4, .outOfKilter: return try run(algorithm: algorithm)
        }
    }

    func run(algorithm: Algorithm) throws(LinearProgrammingError) -> FlowSolution {
        let elapsed = secondsSince()
        let supply = supplies.map { Int32($0) }
        let tail = arcs.map { Int32($0.tail.index) }
        let head = arcs.map { Int32($0.head.index) }
        let lower = arcs.map { Int32($0.lower) }
        let upper = arcs.map { Int32($0.upper) }
        let cost = arcs.map { Int32($0.cost) }

        var arena = CArena()
        defer { arena.release() }
        var flow = cglpk_flow()
        flow.nodes = Int32(supplies.count)
        flow.supply = arena.copy(supply)
        flow.arcs = Int32(arcs.count)
        flow.tail = arena.copy(tail)
        flow.head = arena.copy(head)
        flow.lower = arena.copy(lower)
        flow.upper = arena.copy(upper)
        flow.cost = arena.copy(cost)
        let flows = arena.allocate(Double.self, count: arcs.count)
        let message = arena.allocate(CChar.self, count: 1024)
        var glpkCode: Int32 = 0
        var total = 0.0

        let cAlgorithm = algorithm == .outOfKilter ? CGLPK_FLOW_OKALG : CGLPK_FLOW_RELAX4
        let code = cglpk_mincost(&flow, cAlgorithm, &glpkCode, flows, &total, message, 1024)
        switch code {
        case CGLPK_OK: break
        case CGLPK_GLPK_ERROR: throw .glpkError(message: String(cString: message))
        case CGLPK_NO_MEMORY: throw .internalFailure(reason: "out of memory in the GLPK shim")
        default: throw .internalFailure(reason: "the GLPK shim rejected the flow network (code \(code))")
        }
        let returnCode = GLPKReturnCode(rawValue: glpkCode)
        let seconds = elapsed()
        switch returnCode {
        case .success:
            let values = (0..<arcs.count).map { Int(flows[$0].rounded()) }
            var totalCost = 0
            for (k, arc) in arcs.enumerated() {
                let (product, o1) = arc.cost.multipliedReportingOverflow(by: values[k])
                let (sum, o2) = totalCost.addingReportingOverflow(product)
                if o1 || o2 { throw .invalidFlowNetwork(reason: "the total cost overflows Int") }
                totalCost = sum
            }
            return FlowSolution(status: .optimal, totalCost: totalCost, flows: values, returnCode: returnCode, algorithm: algorithm, seconds: seconds)
        case .noPrimalFeasibleSolution:
            return FlowSolution(status: .infeasible, totalCost: nil, flows: [], returnCode: returnCode, algorithm: algorithm, seconds: seconds)
        case .resultOutOfRange:
            throw .invalidFlowNetwork(reason: "the data overflow GLPK's integer range (GLP_ERANGE)")
        default:
            throw .invalidFlowNetwork(reason: "GLPK rejected the network: \(returnCode)")
        }
    }
}

/// The result of ``MinCostFlow/solve()``.
public struct FlowSolution: Sendable {
    /// Outcome of a min-cost flow solve.
    public enum Status: Sendable, Hashable {
        /// A minimum-cost flow was found.
        case optimal
        /// No flow satisfies the supplies and arc bounds.
        case infeasible
    }

    public let status: Status
    /// Total cost Σ cost·flow (nil when infeasible).
    public let totalCost: Int?
    /// Flow per arc, by arc index (empty when infeasible).
    public let flows: [Int]
    /// The algorithm's return code.
    public let returnCode: GLPKReturnCode
    /// The algorithm that produced this solution (``MinCostFlow/Algorithm/relax4`` or
    /// ``MinCostFlow/Algorithm/outOfKilter``).
    public let algorithm: MinCostFlow.Algorithm
    /// Wall-clock seconds spent.
    public let seconds: Double

    /// Flow on an arc (nil when infeasible or for an unknown arc).
    public func flow(on arc: MinCostFlow.Arc) -> Int? {
        guard arc.index >= 0 && arc.index < flows.count else { return nil }
        return flows[arc.index]
    }
}
