import Foundation
import Testing
@testable import LinearProgramming

/// A greedy feasible solution of a maximisation knapsack model: take items while every
/// constraint still holds.
func greedySolution(_ model: Model, _ take: VariableFamily<Int>) -> [Variable: Double] {
    var values = [Double](repeating: 0, count: model.variableCount)
    let order = take.keys.sorted {
        model.objectiveCoefficient(of: take[$0]!)! > model.objectiveCoefficient(of: take[$1]!)!
    }
    for key in order {
        values[take[key]!.index] = 1
        let activities = model.rowActivities(values)
        if model.constraints.contains(where: { activities[$0.index] > model.bounds(of: $0)!.upper }) {
            values[take[key]!.index] = 0
        }
    }
    return Dictionary(uniqueKeysWithValues: model.variables.map { ($0, values[$0.index]) })
}

@Suite struct SearchControlTests {
    @Test func initialSolutionIsAcceptedAndNotWorsened() throws {
        let (model, take) = hardKnapsack()
        let greedy = greedySolution(model, take)
        let greedyValue = model.objective.evaluate(model.variables.map { greedy[$0]! })
        var options = SolverOptions(timeLimit: 0.3)
        options.initialSolution = greedy
        let s = try Solver.solve(model, options: options)
        #expect(s.initialSolutionAccepted == true)
        #expect(s.hasSolution)
        #expect(try #require(s.objective) >= greedyValue - 1e-9)
        #expect(s.log.contains("Solution found by heuristic"))
    }

    /// An assignment of `n` workers to `n` jobs by a seeded random value table (its LP
    /// relaxation is integral, so branch-and-bound adds no simplex iterations to the root's).
    static func assignment(_ n: Int, seed: UInt64) -> (Model, [[Variable]]) {
        var rng = SplitMix64(state: seed)
        var model = Model(sense: .maximize)
        let x = (0..<n).map { i in (0..<n).map { j in
            model.addVariable(name: "x_\(i)_\(j)", upper: 1, kind: .integer, objective: Double(Int.random(in: 1...100, using: &rng)))
        } }
        for i in 0..<n { model.add(LinearExpression.sum(x[i]) <= 1) }
        for j in 0..<n { model.add(LinearExpression.sum((0..<n).map { x[$0][j] }) <= 1) }
        return (model, x)
    }

    @Test("the root LP started at the initial solution reaches the same optimum in fewer pivots")
    func rootStartsAtInitialSolution() throws {
        let n = 40
        let (model, x) = Self.assignment(n, seed: 11)
        var cold = SolverOptions(timeLimit: 30)
        cold.presolve = false
        let optimum = try Solver.solve(model, options: cold)
        #expect(optimum.status == .optimal)
        let best = try #require(optimum.objective)

        // From the identity assignment (feasible, far from the optimum): the same optimum.
        var diagonal = Dictionary(uniqueKeysWithValues: model.variables.map { ($0, 0.0) })
        for i in 0..<n { diagonal[x[i][i]] = 1 }
        var warm = SolverOptions(timeLimit: 30)
        warm.method = .primalSimplex
        warm.rootStartsAtInitialSolution = true
        warm.initialSolution = diagonal
        let fromDiagonal = try Solver.solve(model, options: warm)
        #expect(fromDiagonal.status == .optimal)
        #expect(abs(try #require(fromDiagonal.objective) - best) < 1e-6)

        // From the optimum itself: fewer pivots than from GLPK's standard basis.
        let atOptimum = Dictionary(uniqueKeysWithValues: model.variables.map { ($0, optimum.value(of: $0)!) })
        warm.initialSolution = atOptimum
        let fromOptimum = try Solver.solve(model, options: warm)
        var plain = warm
        plain.rootStartsAtInitialSolution = false
        let fromStandard = try Solver.solve(model, options: plain)
        #expect(abs(try #require(fromOptimum.objective) - best) < 1e-6)
        #expect(abs(try #require(fromStandard.objective) - best) < 1e-6)
        #expect(fromOptimum.iterations < fromStandard.iterations, "\(fromOptimum.iterations) against \(fromStandard.iterations)")
    }

    @Test("boundImproved hears each tighter proven bound while the MIP runs, the last one its bound")
    func boundImprovedIsTold() throws {
        let (model, take) = hardKnapsack()
        final class Told: @unchecked Sendable {
            let lock = NSLock()
            var values: [Double] = []
            func add(_ v: Double) { lock.withLock { values.append(v) } }
        }
        let told = Told()
        var options = SolverOptions(timeLimit: 0.5)
        options.initialSolution = greedySolution(model, take)
        options.boundImproved = { told.add($0) }
        let s = try Solver.solve(model, options: options)
        let values = told.values
        #expect(!values.isEmpty)
        // Maximising: each one at most the one before, none below the best solution found.
        #expect(zip(values, values.dropFirst()).allSatisfy { $1 <= $0 + 1e-9 }, "\(values.prefix(10))")
        let objective = try #require(s.objective)
        #expect(values.allSatisfy { $0 >= objective - 1e-6 })
        // Stopped by the clock, its bound is the last one told (a finished search's is its
        // optimum, which the last one told may lie above).
        let bound = try #require(s.bound)
        let last = try #require(values.last)
        if s.status == .optimal {
            #expect(last >= bound - 1e-6 * max(1, abs(bound)))
        } else {
            #expect(abs(last - bound) <= 1e-6 * max(1, abs(bound)), "last told \(last), bound \(bound), \(s.status)")
        }

        // An LP is never told (MIPs only).
        var lp = Model(sense: .maximize)
        let x = lp.addVariable(upper: 3, objective: 1)
        lp.add(2 * x <= 5)
        var lpOptions = SolverOptions()
        let lpTold = Told()
        lpOptions.boundImproved = { lpTold.add($0) }
        _ = try Solver.solve(lp, options: lpOptions)
        #expect(lpTold.values.isEmpty)
    }

    @Test func stopsAtFirstSolutionBetterThanThreshold() throws {
        let (model, take) = hardKnapsack()
        let greedy = greedySolution(model, take)
        let greedyValue = model.objective.evaluate(model.variables.map { greedy[$0]! })

        // The incumbent itself beats the threshold: the search stops right after taking it.
        var options = SolverOptions(timeLimit: 30)
        options.initialSolution = greedy
        options.stopAtObjectiveBetterThan = greedyValue - 1
        let s = try Solver.solve(model, options: options)
        #expect(s.status == .stoppedWithSolution)
        #expect(s.returnCode == .stoppedByApplication)
        #expect(abs(try #require(s.objective) - greedyValue) < 1e-6)
        #expect(try #require(s.bound) >= greedyValue)

        // Without an incumbent: the first integer solution above a low threshold stops it.
        var plain = SolverOptions(timeLimit: 30)
        plain.stopAtObjectiveBetterThan = greedyValue / 2
        let t = try Solver.solve(model, options: plain)
        #expect(t.status == .stoppedWithSolution)
        #expect(try #require(t.objective) > greedyValue / 2)
    }

    @Test func unreachedThresholdLetsTheSearchFinish() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(upper: 3, kind: .integer, objective: 1)
        let y = model.addVariable(upper: 3, kind: .integer, objective: 2)
        model.add(2 * x + 3 * y <= 7.5)
        var options = SolverOptions()
        options.stopAtObjectiveBetterThan = 100
        let s = try Solver.solve(model, options: options)
        #expect(s.status == .optimal)
        #expect(s.objective == 4)  // x = 0, y = 2 or x = 2, y = 1
    }

    @Test func boundIsBelowObjectiveWhenMinimizing() throws {
        var (model, _) = hardKnapsack(seed: 11)
        model.minimize(-1 * model.objective)
        let s = try Solver.solve(model, options: SolverOptions(timeLimit: 1))
        #expect(s.status == .timeLimitWithSolution)
        let bound = try #require(s.bound)
        let objective = try #require(s.objective)
        #expect(bound <= objective)
        #expect(bound < 0)
    }

    @Test func optionsCombinationSolvesToOptimality() throws {
        // A small knapsack with every heuristic and cut switched on, all branching choices.
        let weights: [Double] = [23, 31, 29, 44, 53, 38, 63, 85, 89, 82]
        let values: [Double] = [92, 57, 49, 68, 60, 43, 67, 84, 87, 72]
        for branching in SolverOptions.Branching.allCases {
            var model = Model(sense: .maximize)
            let take = model.addVariables("take", for: 0..<10, kind: .binary) { values[$0] }
            model.add(take.sum { weights[$0] } <= 165)
            var options = SolverOptions()
            options.cuts = .all
            options.feasibilityPump = true
            options.proximitySearch = true
            options.branching = branching
            options.backtracking = .depthFirst
            options.presolve = false
            let s = try Solver.solve(model, options: options)
            #expect(s.status == .optimal)
            #expect(s.objective == 309)  // items 0, 1, 2, 3, 5
            #expect(Set(s.keys(of: take)) == [0, 1, 2, 3, 5])
        }
    }

    @Test func relativeGapStopsEarly() throws {
        let (model, _) = hardKnapsack()
        var options = SolverOptions(timeLimit: 30)
        options.relativeGap = 0.05
        let s = try Solver.solve(model, options: options)
        #expect(s.status == .optimalWithinGap || s.status == .optimal)
        #expect(try #require(s.gap) <= 0.05 + 1e-9)
    }

    @Test func interiorPointSolvesLP() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(objective: 3)
        let y = model.addVariable(objective: 2)
        model.add(x + y <= 4)
        model.add(x + 3 * y <= 7)
        model.add(x <= 3)
        var options = SolverOptions()
        options.method = .interiorPoint
        let s = try Solver.solve(model, options: options)
        #expect(s.status == .optimal)
        #expect(abs(try #require(s.objective) - 11) < 1e-6)
        #expect(abs(try #require(s.value(of: x)) - 3) < 1e-6)
        #expect(s.log.contains("rpi ="))  // interior-point progress lines
    }

    @Test func emptyModelIsOptimalWithConstantObjective() throws {
        var model = Model()
        model.objectiveConstant = 5
        let s = try Solver.solve(model)
        #expect(s.status == .optimal)
        #expect(s.objective == 5)
    }

    @Test(arguments: [true, false]) func mipWithoutConstraints(presolve: Bool) throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(lower: -2.5, upper: 3.5, kind: .integer, objective: 1)
        let y = model.addVariable(lower: -2.5, upper: 3.5, kind: .integer, objective: -1)
        var options = SolverOptions()
        options.presolve = presolve
        let s = try Solver.solve(model, options: options)
        #expect(s.status == .optimal)
        #expect(s.value(of: x) == 3)
        #expect(s.value(of: y) == -2)
        #expect(s.objective == 5)
        #expect(s.bound == 5)
    }

    @Test("shouldStop ends a long branch-and-bound at once, keeping the incumbent")
    func callerStopsTheSearch() throws {
        let (model, take) = hardKnapsack()
        let greedy = greedySolution(model, take)
        let greedyValue = model.objective.evaluate(model.variables.map { greedy[$0]! })
        // Stop after a quarter of a second: without the hook this search runs its 30 s.
        let clock = ContinuousClock()
        let start = clock.now
        var options = SolverOptions(timeLimit: 30)
        options.initialSolution = greedy
        options.shouldStop = { clock.now - start > .milliseconds(250) }
        let s = try Solver.solve(model, options: options)
        #expect(s.seconds < 5, "stopped after \(s.seconds) s")
        #expect(s.status == .stoppedWithSolution)
        #expect(s.returnCode == .stoppedByApplication)
        #expect(try #require(s.objective) >= greedyValue - 1e-9)

        // Stopped before any integer solution (no incumbent, asked to stop at once).
        var never = SolverOptions(timeLimit: 30)
        never.shouldStop = { true }
        let t = try Solver.solve(model, options: never)
        #expect(t.status == .stoppedNoSolution || t.status == .stoppedWithSolution, "\(t.status)")
        #expect(t.seconds < 5)
    }

    @Test("nodeLimit ends branch-and-bound after that many nodes, at the same point in every run")
    func nodeLimitIsReproducible() throws {
        let (model, take) = hardKnapsack()
        var options = SolverOptions(timeLimit: 60)
        options.initialSolution = greedySolution(model, take)
        options.nodeLimit = 200
        let runs = try (0..<3).map { _ in try Solver.solve(model, options: options) }
        for s in runs {
            #expect(s.status == .stoppedWithSolution)
            #expect(s.returnCode == .stoppedByApplication)
            #expect((200...201).contains(s.nodes), "\(s.nodes) nodes")  // a branch makes two at once
            #expect(s.seconds < 30, "took \(s.seconds) s")
        }
        // The same incumbent and the same proven bound every time.
        #expect(Set(runs.map(\.values)).count == 1)
        #expect(Set(runs.map { $0.bound ?? .nan }).count == 1)
        // A larger limit goes on past those nodes (the knapsack is hard).
        var longer = options
        longer.nodeLimit = 400
        #expect((400...401).contains(try Solver.solve(model, options: longer).nodes))
    }
}
