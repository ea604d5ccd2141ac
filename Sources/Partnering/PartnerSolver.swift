import Foundation
import LinearProgramming
import SetkaModel

/// One chosen pair of the assignment.
public struct AssignedPair: Sendable, Hashable, Codable {
    /// Index of the rule in `Scenario.partnering`.
    public var rule: Int
    public var recipient: String
    public var provider: String
    public var minutes: Double
    /// Sum of the per-subject gains.
    public var gain: Double
    /// Per-subject gains, aligned with the rule's subjects (``PartnerAssignment/subjects``).
    public var subjectGains: [Double]
    /// `gain − travel_minute · minutes`.
    public var value: Double
    /// The pair was fixed by the rule.
    public var fixed: Bool

    public init(rule: Int, recipient: String, provider: String, minutes: Double, gain: Double,
                subjectGains: [Double] = [], value: Double, fixed: Bool = false) {
        self.rule = rule; self.recipient = recipient; self.provider = provider; self.minutes = minutes
        self.gain = gain; self.subjectGains = subjectGains; self.value = value; self.fixed = fixed
    }
}

/// What the solver proved about the assignment.
public enum PartnerStatus: String, Sendable, Codable {
    /// Proven optimal: most partner places served, then the best objective among those.
    case optimal
    /// A valid assignment, not proven optimal (time limit).
    case feasible
}

/// The result of ``PartnerSolver/solve(_:options:)``.
public struct PartnerAssignment: Sendable, Codable {
    public var status: PartnerStatus
    /// How optimality was proven.
    public var proof: PartnerProof
    /// Objective of the served part: Σ gain − travel_minute · minutes over the chosen pairs.
    public var objective: Double
    /// Proven upper bound on that objective among assignments serving as many places (nil if unknown).
    public var bound: Double?
    /// Per rule: the subjects its gains sum over.
    public var subjects: [[String]]
    /// Chosen pairs, by rule, then recipient id, then provider id.
    public var pairs: [AssignedPair]
    /// Recipients with fewer partners than needed, with why.
    public var unserved: [UnservedRecipient]
    /// Fixed pairs that could not be forced.
    public var fixedProblems: [FixedPairProblem]
    /// Pairs `avoid_unhelpful` kept out (and fixed ones it kept), with the estimates.
    public var avoided: [AvoidedPair] = []
    /// Partner places asked for (Σ recipients × partners_per_recipient) and served.
    public var placesNeeded: Int
    public var placesServed: Int
    /// Model size and solver figures.
    public var candidatePairs: Int
    public var solverSeconds: Double
    public var buildSeconds: Double

    /// Every recipient has all its partners and every fixed pair is in.
    public var isComplete: Bool { unserved.isEmpty && fixedProblems.isEmpty }
}

/// Options of a partner solve.
public struct PartnerOptions: Sendable {
    /// How optimality is proven.
    public enum Strategy: String, Sendable, Codable {
        /// Solve the LP relaxation; if its optimum is integral it is a proven optimum of the MIP
        /// (the LP optimum bounds every integral assignment). Otherwise solve the MIP.
        case relaxationFirst
        /// Always solve the MIP with binaries (GLPK branch-and-bound).
        case mipOnly
    }
    /// Wall-clock limit of each solve in seconds.
    public var timeLimit: Double = 60
    /// Branch-and-bound by default: on the region benchmark GLPK's MIP (with its presolver) is
    /// as fast as the primal simplex on the relaxation, and much faster than the dual simplex.
    public var strategy: Strategy = .mipOnly
    /// Asked during branch-and-bound: `true` ends the search with the best assignment found so
    /// far (status `feasible`, not proven). How Ctrl-C or a cancelled job reaches the solver.
    public var shouldStop: (@Sendable () -> Bool)?
    public init(timeLimit: Double = 60, strategy: Strategy = .mipOnly, shouldStop: (@Sendable () -> Bool)? = nil) {
        self.timeLimit = timeLimit; self.strategy = strategy; self.shouldStop = shouldStop
    }
}

/// How the optimum was proven.
public enum PartnerProof: String, Sendable, Codable {
    /// The LP relaxation's optimum is integral, so no integral assignment is better.
    case integralRelaxation = "integral-lp-relaxation"
    /// GLPK's branch-and-bound proved it (gap 0).
    case branchAndBound = "branch-and-bound"
    /// Not proven (time limit).
    case none
}

/// Why a solve failed (not incomplete: failed).
public enum PartnerError: Error, Sendable, CustomStringConvertible {
    case solver(LinearProgrammingError)
    /// The solver returned no usable solution (should not happen: the model is always feasible).
    case noSolution(status: String)
    /// The MIP solution is not integral (should not happen).
    case notIntegral(variable: Int, value: Double)

    public var description: String {
        switch self {
        case .solver(let e): return "the solver failed: \(e)"
        case .noSolution(let status): return "the solver returned no assignment (status: \(status))"
        case .notIntegral(let v, let value): return "the solver returned a fractional value \(value) for pair variable #\(v)"
        }
    }
}

/// Builds and solves the partner-assignment MIP.
///
/// The model is a transportation problem: a binary `x` per candidate pair, an integer shortfall
/// `s` per recipient of a rule with `Σ x + s = partners_per_recipient`, and per provider
/// `Σ x ≤ partner_capacity` over all rules. Fixed pairs are forced to 1. The objective is
/// `Σ value·x − M·Σ s` with `M` larger than any possible difference of pair-value sums, so the
/// solve is lexicographic: most places served first, then the best objective. (Solving first
/// without shortfalls, `Σ x = k`, avoids the big `M` but measured slower on the region
/// benchmarks: the shortfalls give the simplex a trivial feasible start.) The constraint
/// matrix is totally unimodular, so a simplex optimum of the LP relaxation is integral; the
/// solution is still checked for integrality (an integral LP optimum is a proof of MIP
/// optimality) and the MIP with binaries is solved by branch-and-bound if it is not.
public enum PartnerSolver {
    public static func solve(_ problem: PartnerProblem, options: PartnerOptions = PartnerOptions()) throws(PartnerError) -> PartnerAssignment {
        let clock = ContinuousClock()
        var solverOptions = SolverOptions(timeLimit: options.timeLimit)
        solverOptions.logLevel = .errors
        solverOptions.shouldStop = options.shouldStop
        // The model always has a solution (shortfalls make it feasible) and its first one comes
        // at the root: a stop keeps at least that.
        solverOptions.stopNeedsSolution = true
        var solverSeconds = 0.0, buildSeconds = 0.0

        // The lexicographic model with shortfalls: most places first, then the objective.
        let t = clock.now
        let (model, x) = buildModel(problem, penalty: shortfallPenalty(problem))
        buildSeconds += seconds(clock.now - t)
        let outcome = try run(model, x: x, options: options, solverOptions: solverOptions)
        solverSeconds += outcome.seconds
        guard let chosen = outcome.chosen else { throw .noSolution(status: outcome.solverStatus) }
        return assemble(problem, chosen: chosen, status: outcome.status, proof: outcome.proof,
                        solverSeconds: solverSeconds, buildSeconds: buildSeconds)
    }

    /// The model: a binary per candidate (fixed ones forced to 1), demand rows, capacity rows.
    /// With `penalty`, an integer shortfall per recipient slot costs `penalty` per missing place;
    /// without it, every place must be served (an infeasible model when that is impossible).
    static func buildModel(_ problem: PartnerProblem, penalty: Double?) -> (Model, [Variable]) {
        var model = Model(sense: .maximize)
        let x = problem.candidates.map { c in
            model.addVariable(lower: c.isFixed ? 1 : 0, upper: 1, kind: .binary, objective: c.value)
        }
        let s = penalty.map { m in
            problem.slots.map { slot in model.addVariable(lower: 0, upper: Double(slot.demand), kind: .integer, objective: -m) }
        }
        addDemandRows(&model, slots: problem.slots, x: x, s: s)
        addCapacityRows(&model, candidates: problem.candidates, x: x, organisations: problem.scenario.organisations)
        return (model, x)
    }

    struct Outcome {
        var chosen: [Bool]?
        var status: PartnerStatus
        var proof: PartnerProof
        var seconds: Double
        var solverStatus: String
    }

    /// Solves `model` by the chosen strategy; `chosen` is nil when it has no solution.
    static func run(_ model: Model, x: [Variable], options: PartnerOptions, solverOptions: SolverOptions) throws(PartnerError) -> Outcome {
        var spent = 0.0
        // The LP relaxation first: integral at its optimum means proven optimal.
        if options.strategy == .relaxationFirst {
            var lpOptions = solverOptions
            lpOptions.method = .primalSimplex
            let lp: Solution
            do { lp = try Solver.solve(model.linearRelaxation(), options: lpOptions) } catch { throw .solver(error) }
            spent += lp.seconds
            if lp.status == .infeasible || lp.status == .infeasibleOrUnbounded {
                return Outcome(chosen: nil, status: .feasible, proof: .none, seconds: spent, solverStatus: lp.status.description)
            }
            if lp.status == .optimal, let chosen = integralChoice(lp, model: model, x: x) {
                return Outcome(chosen: chosen, status: .optimal, proof: .integralRelaxation, seconds: spent, solverStatus: "optimal")
            }
        }
        let solution: Solution
        do { solution = try Solver.solve(model, options: solverOptions) } catch { throw .solver(error) }
        spent += solution.seconds
        guard solution.hasSolution else {
            return Outcome(chosen: nil, status: .feasible, proof: .none, seconds: spent, solverStatus: solution.status.description)
        }
        var chosen = [Bool](repeating: false, count: x.count)
        for (i, v) in x.enumerated() {
            let value = solution.value(of: v) ?? 0
            if abs(value - value.rounded()) > 1e-6 { throw .notIntegral(variable: i, value: value) }
            chosen[i] = value > 0.5
        }
        let optimal = solution.status == .optimal
        return Outcome(chosen: chosen, status: optimal ? .optimal : .feasible, proof: optimal ? .branchAndBound : .none,
                       seconds: spent, solverStatus: solution.status.description)
    }

    /// The chosen pairs when every pair and shortfall value of an LP solution is integral
    /// (within 1e-9), else nil.
    static func integralChoice(_ lp: Solution, model: Model, x: [Variable]) -> [Bool]? {
        for v in model.variables {
            guard let value = lp.value(of: v), abs(value - value.rounded()) <= 1e-9 else { return nil }
        }
        return x.map { (lp.value(of: $0) ?? 0) > 0.5 }
    }

    /// `M`: 1 + 2 · Σ over recipient slots of demand × the largest |value| of its candidates.
    /// Any two assignments' pair-value sums differ by less than this, so one more served place
    /// always outweighs any objective.
    static func shortfallPenalty(_ problem: PartnerProblem) -> Double {
        var total = 0.0
        for slot in problem.slots {
            let m = slot.candidates.reduce(0.0) { max($0, abs(problem.candidates[$1].value)) }
            total += Double(slot.demand) * m
        }
        return 1 + 2 * total
    }

    /// Each recipient of each rule: `Σ x[r, ·] + shortfall = partners_per_recipient`.
    static func addDemandRows(_ model: inout Model, slots: [RecipientSlot], x: [Variable], s: [Variable]?) {
        for (k, slot) in slots.enumerated() {
            var e = LinearExpression(terms: slot.candidates.map { Term(1, x[$0]) })
            if let s { e.add(1, s[k]) }
            model.addConstraint(e, lower: Double(slot.demand), upper: Double(slot.demand))
        }
    }

    /// Each provider: `Σ x[·, p] ≤ partner_capacity` over every rule (only where it can bind).
    static func addCapacityRows(_ model: inout Model, candidates: [PartnerCandidate], x: [Variable], organisations: [Organisation]) {
        var byProvider: [Int: [Int]] = [:]
        for (i, c) in candidates.enumerated() { byProvider[c.provider, default: []].append(i) }
        for p in byProvider.keys.sorted() {
            let arcs = byProvider[p]!
            let capacity = organisations[p].partnerCapacity
            guard arcs.count > capacity else { continue }
            model.addConstraint(LinearExpression(terms: arcs.map { Term(1, x[$0]) }), lower: -.infinity, upper: Double(capacity))
        }
    }

    /// The assignment for a choice of candidates: pairs, shortfalls with reasons, figures.
    static func assemble(_ problem: PartnerProblem, chosen: [Bool], status: PartnerStatus, proof: PartnerProof,
                         solverSeconds: Double, buildSeconds: Double) -> PartnerAssignment {
        let orgs = problem.scenario.organisations
        var pairs: [AssignedPair] = []
        var supporters: [Int: [Int]] = [:]
        for (i, c) in problem.candidates.enumerated() where chosen[i] {
            pairs.append(AssignedPair(rule: c.rule, recipient: orgs[c.recipient].id, provider: orgs[c.provider].id,
                                      minutes: c.minutes, gain: c.gain, subjectGains: c.subjectGains,
                                      value: c.value, fixed: c.isFixed))
            supporters[c.provider, default: []].append(c.recipient)
        }
        pairs.sort { ($0.rule, $0.recipient, $0.provider) < ($1.rule, $1.recipient, $1.provider) }
        var unserved: [UnservedRecipient] = []
        var needed = 0, served = 0
        for slot in problem.slots {
            let mine = slot.candidates.filter { chosen[$0] }.map { problem.candidates[$0].provider }
            needed += slot.demand
            served += mine.count
            guard mine.count < slot.demand else { continue }
            let reason = UnservedExplainer.explain(slot, problem: problem, chosenProviders: Set(mine),
                                                   supporters: supporters)
            unserved.append(UnservedRecipient(rule: slot.rule, recipient: orgs[slot.recipient].id, served: mine.count,
                                              needed: slot.demand, reason: reason))
        }
        let objective = pairs.reduce(0) { $0 + $1.value }
        // Only a proven optimum gives a bound on the served part's objective: a MIP bound of a
        // time-limited solve mixes the shortfall penalty in and proves nothing about it.
        return PartnerAssignment(
            status: status, proof: proof, objective: objective, bound: status == .optimal ? objective : nil,
            subjects: problem.subjects, pairs: pairs, unserved: unserved, fixedProblems: problem.fixedProblems,
            avoided: problem.avoided,
            placesNeeded: needed, placesServed: served, candidatePairs: problem.candidates.count,
            solverSeconds: solverSeconds, buildSeconds: buildSeconds)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
