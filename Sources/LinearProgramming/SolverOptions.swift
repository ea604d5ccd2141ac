/// Parameters of a solve. The defaults suit small and medium MIPs: 60 s time limit, presolve on,
/// no cuts, GLPK's default branching (Driebeck–Tomlin) and backtracking (best local bound).
public struct SolverOptions: Sendable {
    /// Wall-clock limit in seconds for the whole solve (simplex and branch-and-bound). Must be
    /// positive; values beyond ~24 days are capped. Not enforced by the interior-point method.
    public var timeLimit: Double = 60
    /// Stop branch-and-bound once the relative gap `|best − bound| / (|best| + ε)` is at most this.
    public var relativeGap: Double = 0
    /// Use GLPK's presolver (LP presolver for LPs, MIP presolver for MIPs). Ignored (off) when an
    /// ``initialSolution`` is given, because GLPK can only take it for the original problem.
    public var presolve: Bool = true
    /// Cutting planes to generate in branch-and-bound.
    public var cuts: Cuts = []
    /// Run the feasibility pump heuristic.
    public var feasibilityPump: Bool = false
    /// Run the proximity search heuristic.
    public var proximitySearch: Bool = false
    /// Branching technique.
    public var branching: Branching = .driebeckTomlin
    /// Backtracking (node selection) technique.
    public var backtracking: Backtracking = .bestLocalBound
    /// A known solution (every variable must have a value) handed to GLPK once as the first
    /// incumbent. It is checked first (bounds, integrality, constraints with tolerance 1e-6);
    /// integer values are rounded. MIPs only; ignored for LPs.
    public var initialSolution: [Variable: Double]? = nil
    /// Start the root LP from the basis at ``initialSolution`` (every constraint basic, every
    /// variable at the bound the solution holds it at) instead of GLPK's standard basis. For a
    /// 0-1 model that basis is feasible, so with ``Method/primalSimplex`` the root LP starts at
    /// the known solution and only improves on it: near that solution it takes a few pivots where
    /// a fresh one takes thousands. Used only when the initial solution is given.
    public var rootStartsAtInitialSolution: Bool = false
    /// Stop as soon as an integer solution strictly better than this objective value is found
    /// (status ``SolutionStatus/stoppedWithSolution``). MIPs only.
    public var stopAtObjectiveBetterThan: Double? = nil
    /// Asked often during branch-and-bound: `true` ends the search at once, keeping the best
    /// integer solution found so far (status ``SolutionStatus/stoppedWithSolution``, or
    /// ``SolutionStatus/stoppedNoSolution`` before the first one). How a caller's Ctrl-C or
    /// cancel reaches a running MIP. MIPs only: the simplex of an LP (or of a MIP's root
    /// relaxation) runs to its end or its time limit.
    public var shouldStop: (@Sendable () -> Bool)? = nil
    /// Told each proven bound of a MIP as it tightens (its root LP's, then branch-and-bound's),
    /// on the calling thread while ``Solver/solve(_:options:)`` runs: how a caller shows or uses a
    /// bound before the solve ends (the last one told is the solution's ``Solution/bound``
    /// unless the solve ends otherwise). MIPs only.
    public var boundImproved: (@Sendable (Double) -> Void)? = nil
    /// Honour ``shouldStop`` only once an integer solution is found (a stopped solve then always
    /// has one): for models whose first solution comes quickly and is always wanted.
    public var stopNeedsSolution: Bool = false
    /// End branch-and-bound once it has made this many nodes, keeping the best integer solution
    /// found (status ``SolutionStatus/stoppedWithSolution``, or ``SolutionStatus/stoppedNoSolution``
    /// before the first one). Unlike ``timeLimit`` it stops at the same point on every machine and
    /// in every run, so a run that must be reproducible uses it (with a time limit that it
    /// reaches first). MIPs only; nil: no limit.
    public var nodeLimit: Int? = nil
    /// Algorithm for LPs and for a MIP's root relaxation when the MIP presolver is off (a MIP
    /// never uses the interior-point method; branch-and-bound nodes always use the dual simplex).
    public var method: Method = .simplex
    /// How much GLPK writes to the captured log.
    public var logLevel: LogLevel = .normal
    /// Maximum size of the captured log in bytes; when exceeded the oldest lines are dropped.
    public var logCapacity: Int = 256 * 1024

    public init() {}

    /// Options with a time limit in seconds.
    public init(timeLimit: Double) {
        self.timeLimit = timeLimit
    }

    /// Cutting-plane families.
    public struct Cuts: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Gomory's mixed-integer cuts.
        public static let gomory = Cuts(rawValue: 1 << 0)
        /// Mixed-integer rounding cuts.
        public static let mixedIntegerRounding = Cuts(rawValue: 1 << 1)
        /// Mixed cover cuts.
        public static let cover = Cuts(rawValue: 1 << 2)
        /// Clique cuts.
        public static let clique = Cuts(rawValue: 1 << 3)
        /// All of the above.
        public static let all: Cuts = [.gomory, .mixedIntegerRounding, .cover, .clique]
    }

    /// GLPK branching techniques (`GLP_BR_*`).
    public enum Branching: Int32, Sendable, Hashable, CaseIterable {
        case firstFractional = 1
        case lastFractional = 2
        case mostFractional = 3
        case driebeckTomlin = 4
        case hybridPseudocost = 5
    }

    /// GLPK backtracking techniques (`GLP_BT_*`).
    public enum Backtracking: Int32, Sendable, Hashable, CaseIterable {
        case depthFirst = 1
        case breadthFirst = 2
        case bestLocalBound = 3
        case bestProjection = 4
    }

    /// LP algorithm.
    public enum Method: Sendable, Hashable {
        /// GLPK's dual simplex, falling back to the primal simplex if it fails (`GLP_DUALP`);
        /// usually much faster than the primal simplex on covering/assignment LPs.
        case simplex
        /// GLPK's primal simplex (`GLP_PRIMAL`).
        case primalSimplex
        /// GLPK's primal-dual interior-point method (no time limit, no basis).
        case interiorPoint
    }

    /// GLPK message levels (`GLP_MSG_*`).
    public enum LogLevel: Int32, Sendable, Hashable {
        case off = 0
        case errors = 1
        case normal = 2
        case all = 3
    }

    /// Checks option values.
    public func validate() throws(LinearProgrammingError) {
        if timeLimit.isNaN || timeLimit <= 0 {
            throw .invalidOption(name: "timeLimit", reason: "must be a positive number of seconds, got \(timeLimit)")
        }
        if !relativeGap.isFinite || relativeGap < 0 {
            throw .invalidOption(name: "relativeGap", reason: "must be a finite number ≥ 0, got \(relativeGap)")
        }
        if let stop = stopAtObjectiveBetterThan, !stop.isFinite {
            throw .invalidOption(name: "stopAtObjectiveBetterThan", reason: "must be finite, got \(stop)")
        }
        if let nodes = nodeLimit, nodes < 1 {
            throw .invalidOption(name: "nodeLimit", reason: "must be at least 1, got \(nodes)")
        }
        if logCapacity < 0 {
            throw .invalidOption(name: "logCapacity", reason: "must be ≥ 0, got \(logCapacity)")
        }
    }

    /// The time limit in whole milliseconds, capped to GLPK's `int`.
    var timeLimitMilliseconds: Int32 {
        let ms = (timeLimit * 1000).rounded(.up)
        return ms >= Double(Int32.max) ? Int32.max : max(1, Int32(ms))
    }
}
