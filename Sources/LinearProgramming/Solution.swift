/// A GLPK return code (`GLP_E*`), named like swift-system's `Errno`.
public struct GLPKReturnCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = GLPKReturnCode(rawValue: 0)
    public static let invalidBasis = GLPKReturnCode(rawValue: 0x01)
    public static let singularMatrix = GLPKReturnCode(rawValue: 0x02)
    public static let illConditionedMatrix = GLPKReturnCode(rawValue: 0x03)
    public static let invalidBounds = GLPKReturnCode(rawValue: 0x04)
    public static let solverFailed = GLPKReturnCode(rawValue: 0x05)
    public static let objectiveLowerLimitReached = GLPKReturnCode(rawValue: 0x06)
    public static let objectiveUpperLimitReached = GLPKReturnCode(rawValue: 0x07)
    public static let iterationLimitExceeded = GLPKReturnCode(rawValue: 0x08)
    public static let timeLimitExceeded = GLPKReturnCode(rawValue: 0x09)
    public static let noPrimalFeasibleSolution = GLPKReturnCode(rawValue: 0x0A)
    public static let noDualFeasibleSolution = GLPKReturnCode(rawValue: 0x0B)
    public static let rootLPOptimumNotProvided = GLPKReturnCode(rawValue: 0x0C)
    public static let stoppedByApplication = GLPKReturnCode(rawValue: 0x0D)
    public static let relativeGapReached = GLPKReturnCode(rawValue: 0x0E)
    public static let noFeasibleSolution = GLPKReturnCode(rawValue: 0x0F)
    public static let noConvergence = GLPKReturnCode(rawValue: 0x10)
    public static let numericalInstability = GLPKReturnCode(rawValue: 0x11)
    public static let invalidData = GLPKReturnCode(rawValue: 0x12)
    public static let resultOutOfRange = GLPKReturnCode(rawValue: 0x13)

    public var description: String {
        switch self {
        case .success: return "success"
        case .invalidBasis: return "invalid basis (GLP_EBADB)"
        case .singularMatrix: return "singular matrix (GLP_ESING)"
        case .illConditionedMatrix: return "ill-conditioned matrix (GLP_ECOND)"
        case .invalidBounds: return "invalid bounds (GLP_EBOUND)"
        case .solverFailed: return "solver failed (GLP_EFAIL)"
        case .objectiveLowerLimitReached: return "objective lower limit reached (GLP_EOBJLL)"
        case .objectiveUpperLimitReached: return "objective upper limit reached (GLP_EOBJUL)"
        case .iterationLimitExceeded: return "iteration limit exceeded (GLP_EITLIM)"
        case .timeLimitExceeded: return "time limit exceeded (GLP_ETMLIM)"
        case .noPrimalFeasibleSolution: return "no primal feasible solution (GLP_ENOPFS)"
        case .noDualFeasibleSolution: return "no dual feasible solution (GLP_ENODFS)"
        case .rootLPOptimumNotProvided: return "root LP optimum not provided (GLP_EROOT)"
        case .stoppedByApplication: return "search terminated by application (GLP_ESTOP)"
        case .relativeGapReached: return "relative MIP gap tolerance reached (GLP_EMIPGAP)"
        case .noFeasibleSolution: return "no primal/dual feasible solution (GLP_ENOFEAS)"
        case .noConvergence: return "no convergence (GLP_ENOCVG)"
        case .numericalInstability: return "numerical instability (GLP_EINSTAB)"
        case .invalidData: return "invalid data (GLP_EDATA)"
        case .resultOutOfRange: return "result out of range (GLP_ERANGE)"
        default: return "GLPK return code \(rawValue)"
        }
    }
}

/// A GLPK solution status (`GLP_UNDEF`, `GLP_OPT`, ...) as reported by `glp_get_status`,
/// `glp_ipt_status` or `glp_mip_status`.
public struct GLPKStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let undefined = GLPKStatus(rawValue: 1)
    public static let feasible = GLPKStatus(rawValue: 2)
    public static let infeasible = GLPKStatus(rawValue: 3)
    public static let noFeasible = GLPKStatus(rawValue: 4)
    public static let optimal = GLPKStatus(rawValue: 5)
    public static let unbounded = GLPKStatus(rawValue: 6)

    public var description: String {
        switch self {
        case .undefined: return "undefined (GLP_UNDEF)"
        case .feasible: return "feasible (GLP_FEAS)"
        case .infeasible: return "infeasible (GLP_INFEAS)"
        case .noFeasible: return "no feasible solution (GLP_NOFEAS)"
        case .optimal: return "optimal (GLP_OPT)"
        case .unbounded: return "unbounded (GLP_UNBND)"
        default: return "GLPK status \(rawValue)"
        }
    }
}

/// The outcome of a solve.
public enum SolutionStatus: Sendable, Hashable, CustomStringConvertible {
    /// Proven optimal.
    case optimal
    /// A solution within ``SolverOptions/relativeGap`` of the proven bound.
    case optimalWithinGap
    /// A feasible solution, not proven optimal (e.g. iteration limit).
    case feasible
    /// The time limit was reached; the best solution found is returned.
    case timeLimitWithSolution
    /// The time limit was reached before any (integer) feasible solution was found.
    case timeLimitNoSolution
    /// Stopped early on ``SolverOptions/stopAtObjectiveBetterThan`` or
    /// ``SolverOptions/shouldStop``; the best solution found is returned.
    case stoppedWithSolution
    /// Stopped by ``SolverOptions/shouldStop`` before any integer solution was found.
    case stoppedNoSolution
    /// No feasible solution exists.
    case infeasible
    /// The objective is unbounded (for a MIP: its LP relaxation is unbounded, so the MIP is
    /// unbounded unless it has no integer solution at all).
    case unbounded
    /// The presolver or interior-point method proved there is no primal or no dual feasible
    /// solution without telling which: infeasible or unbounded.
    case infeasibleOrUnbounded
    /// GLPK failed (numerical trouble, ...); see ``Solution/returnCode`` and the log.
    case failed

    /// Whether a solution (values, objective) comes with this status.
    public var hasSolution: Bool {
        switch self {
        case .optimal, .optimalWithinGap, .feasible, .timeLimitWithSolution, .stoppedWithSolution: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .optimalWithinGap: return "optimal within gap"
        case .feasible: return "feasible"
        case .timeLimitWithSolution: return "time limit reached (with a solution)"
        case .timeLimitNoSolution: return "time limit reached (no solution)"
        case .stoppedWithSolution: return "stopped early (with a solution)"
        case .stoppedNoSolution: return "stopped early (no solution)"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .infeasibleOrUnbounded: return "infeasible or unbounded"
        case .failed: return "solver failed"
        }
    }
}

/// The result of ``Solver/solve(_:options:)``.
public struct Solution: Sendable {
    /// What happened.
    public let status: SolutionStatus
    /// Objective value of the returned solution (nil without a solution).
    public let objective: Double?
    /// Best proven bound on the optimal objective, in the model's sense (a lower bound when
    /// minimising, an upper bound when maximising). Equals ``objective`` when optimal; nil when
    /// nothing was proven (e.g. infeasible, or a time limit before the root LP was solved).
    public let bound: Double?
    /// Column values (one per variable; empty without a solution).
    public let values: [Double]
    /// Row duals for LPs (one per constraint; nil for MIPs or without a solution).
    public let duals: [Double]?
    /// Column reduced costs for LPs (nil for MIPs or without a solution).
    public let reducedCosts: [Double]?
    /// Return code of the last GLPK solver call.
    public let returnCode: GLPKReturnCode
    /// GLPK's status of the last solver call.
    public let glpkStatus: GLPKStatus
    /// Whether the model was solved as a MIP.
    public let isMixedInteger: Bool
    /// Simplex iterations.
    public let iterations: Int
    /// Branch-and-bound nodes.
    public let nodes: Int
    /// Whether GLPK accepted ``SolverOptions/initialSolution`` (nil if none was given or it was
    /// never offered because the search ended before a heuristic point).
    public let initialSolutionAccepted: Bool?
    /// Wall-clock seconds spent in the solve (validation and GLPK).
    public let seconds: Double
    /// Everything GLPK wrote (nothing reaches stdout).
    public let log: String
    /// Whether the oldest part of the log was dropped (see ``SolverOptions/logCapacity``).
    public let logTruncated: Bool

    /// Whether values and objective are available.
    public var hasSolution: Bool { status.hasSolution }

    /// Relative gap `|objective − bound| / max(|objective|, 1e-9)` (nil without both).
    public var gap: Double? {
        guard let objective, let bound else { return nil }
        return abs(objective - bound) / max(abs(objective), 1e-9)
    }

    /// Value of a variable (nil without a solution or for an unknown variable).
    public func value(of variable: Variable) -> Double? {
        guard hasSolution, variable.index >= 0, variable.index < values.count else { return nil }
        return values[variable.index]
    }

    /// Value of an expression (nil without a solution or if it uses an unknown variable).
    public func value(of expression: LinearExpression) -> Double? {
        guard hasSolution else { return nil }
        var total = expression.constant
        for term in expression.terms {
            guard term.variable.index >= 0, term.variable.index < values.count else { return nil }
            total += term.coefficient * values[term.variable.index]
        }
        return total
    }

    /// Values of a family by key (empty without a solution).
    public func values<Key>(of family: VariableFamily<Key>) -> [Key: Double] {
        guard hasSolution else { return [:] }
        var result: [Key: Double] = [:]
        for (key, variable) in family.variables {
            if let v = value(of: variable) { result[key] = v }
        }
        return result
    }

    /// Keys of a family whose variable is at least `threshold` (for binaries: the chosen keys),
    /// in the family's key order.
    public func keys<Key>(of family: VariableFamily<Key>, atLeast threshold: Double = 0.5) -> [Key] {
        guard hasSolution else { return [] }
        return family.keys.filter { key in (family[key].flatMap { value(of: $0) } ?? 0) >= threshold }
    }

    /// Dual value of a constraint for an LP (nil for MIPs or without a solution).
    public func dual(of constraint: Constraint) -> Double? {
        guard let duals, constraint.index >= 0, constraint.index < duals.count else { return nil }
        return duals[constraint.index]
    }

    /// Reduced cost of a variable for an LP (nil for MIPs or without a solution).
    public func reducedCost(of variable: Variable) -> Double? {
        guard let reducedCosts, variable.index >= 0, variable.index < reducedCosts.count else { return nil }
        return reducedCosts[variable.index]
    }
}
