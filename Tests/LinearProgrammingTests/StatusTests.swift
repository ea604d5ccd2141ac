import Testing
@testable import LinearProgramming

/// A deterministic pseudo-random generator (SplitMix64) for reproducible hard instances.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A multi-dimensional 0/1 knapsack with strongly correlated weights: far too hard for GLPK to
/// finish within a fraction of a second.
func hardKnapsack(items: Int = 120, dimensions: Int = 5, seed: UInt64 = 7) -> (Model, VariableFamily<Int>) {
    var rng = SplitMix64(state: seed)
    var model = Model(sense: .maximize)
    var weights: [[Double]] = []
    for _ in 0..<dimensions {
        weights.append((0..<items).map { _ in Double(Int.random(in: 100...1000, using: &rng)) })
    }
    let values = (0..<items).map { i in weights.reduce(0) { $0 + $1[i] } / Double(dimensions) + 100 }
    let take = model.addVariables("take", for: 0..<items, kind: .binary) { values[$0] }
    for d in 0..<dimensions {
        let capacity = weights[d].reduce(0, +) / 2
        model.add(take.sum { weights[d][$0] } <= capacity, name: "capacity\(d)")
    }
    return (model, take)
}

@Suite struct StatusTests {
    static let lpMethods: [SolverOptions.Method] = [.simplex, .primalSimplex, .interiorPoint]

    @Test(arguments: lpMethods) func infeasibleLP(method: SolverOptions.Method) throws {
        var model = Model()
        let x = model.addVariable(name: "x", objective: 1)
        model.add(x >= 5)
        model.add(x <= 3)
        for presolve in [true, false] {
            var options = SolverOptions()
            options.presolve = presolve
            options.method = method
            let s = try Solver.solve(model, options: options)
            #expect(s.status == .infeasible, "presolve \(presolve): \(s.status) \(s.returnCode)")
            #expect(s.objective == nil)
            #expect(s.value(of: x) == nil)
            #expect(s.bound == nil)
        }
    }

    @Test(arguments: [SolverOptions.Method.simplex, .primalSimplex]) func unboundedLP(method: SolverOptions.Method) throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(objective: 1)
        let y = model.addVariable(objective: 1)
        model.add(x - y <= 1)
        for presolve in [true, false] {
            var options = SolverOptions()
            options.presolve = presolve
            options.method = method
            let s = try Solver.solve(model, options: options)
            #expect(s.status == .unbounded, "presolve \(presolve): \(s.status) \(s.returnCode)")
            #expect(s.objective == nil)
        }
    }

    @Test(arguments: [SolverOptions.Method.simplex, .primalSimplex]) func infeasibleMIP(method: SolverOptions.Method) throws {
        // 2x + 2y == 3 has no integer solution although its relaxation is feasible.
        var model = Model()
        let x = model.addVariable(upper: 10, kind: .integer, objective: 1)
        let y = model.addVariable(upper: 10, kind: .integer, objective: 1)
        model.add(2 * x + 2 * y == 3)
        for presolve in [true, false] {
            var options = SolverOptions()
            options.presolve = presolve
            options.method = method
            let s = try Solver.solve(model, options: options)
            #expect(s.status == .infeasible, "presolve \(presolve): \(s.status) \(s.returnCode)")
            #expect(s.objective == nil)
        }
    }

    @Test(arguments: [SolverOptions.Method.simplex, .primalSimplex]) func unboundedMIP(method: SolverOptions.Method) throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(kind: .integer, objective: 1)
        let y = model.addVariable(kind: .integer, objective: 1)
        model.add(x - y <= 1)
        for presolve in [true, false] {
            var options = SolverOptions()
            options.presolve = presolve
            options.method = method
            let s = try Solver.solve(model, options: options)
            #expect(s.status == .unbounded, "presolve \(presolve): \(s.status) \(s.returnCode)")
        }
    }

    /// Assert the status, not the time.
    @Test(arguments: [true, false]) func timeLimitOnHardMIP(presolve: Bool) throws {
        let (model, _) = hardKnapsack()
        var options = SolverOptions(timeLimit: 0.5)
        options.presolve = presolve
        let s = try Solver.solve(model, options: options)
        #expect(s.status == .timeLimitWithSolution || s.status == .timeLimitNoSolution, "\(s.status)")
        #expect(s.returnCode == .timeLimitExceeded)
        if s.status == .timeLimitWithSolution {
            let objective = try #require(s.objective)
            let bound = try #require(s.bound)
            #expect(bound >= objective)  // maximisation: the bound is an upper bound
            #expect(s.gap! > 0)
            // ... and never weaker than the LP relaxation's optimum
            let relaxation = try Solver.solve(model.linearRelaxation())
            #expect(relaxation.status == .optimal)
            let relaxed = try #require(relaxation.objective)
            #expect(bound <= relaxed + 1e-6)
        }
        #expect(s.nodes > 1)
    }
}
