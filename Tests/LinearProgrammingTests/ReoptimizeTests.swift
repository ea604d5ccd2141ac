import Testing
@testable import LinearProgramming

/// `Solver.reoptimize`: one GLPK session in which only the objective changes between solves,
/// each solve from the last optimal basis. Every solve must reach the optimum a fresh solve of
/// the same objective reaches.
@Suite struct ReoptimizeTests {
    /// A transportation-like LP: 3 sources (supplies 4, 5, 3) to 4 sinks (each at most 4),
    /// shipping optional; the objective is the value of each route.
    static func model(_ values: [Double]) -> (Model, [Variable]) {
        var model = Model(sense: .maximize)
        var x: [Variable] = []
        for j in 0..<12 { x.append(model.addVariable(lower: 0, upper: 3, objective: values[j])) }
        for (i, supply) in [4.0, 5, 3].enumerated() {
            model.addConstraint(LinearExpression.sum((0..<4).map { x[i * 4 + $0] }), .lessOrEqual, supply)
        }
        for k in 0..<4 { model.addConstraint(LinearExpression.sum((0..<3).map { x[$0 * 4 + k] }), .lessOrEqual, 4) }
        return (model, x)
    }

    static let objectives: [[Double]] = [
        [5, 1, 2, 0, 3, 4, -1, 2, 1, 1, 6, 2],
        [1, 5, 2, 0, 3, -4, 1, 2, 7, 1, 1, 2],
        [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1],
        [2, 2, 2, 2, 3, 3, 3, 3, 1, 9, 1, 1],
    ]

    @Test func everySolveReachesTheFreshOptimum() throws {
        var answers = Self.objectives.dropFirst().makeIterator()
        var seen: [Double] = []
        let last = try Solver.reoptimize(Self.model(Self.objectives[0]).0) { solution in
            #expect(solution.status == .optimal)
            seen.append(solution.objective ?? .nan)
            return answers.next()
        }
        #expect(last.status == .optimal)
        #expect(seen.count == Self.objectives.count)
        for (objective, value) in zip(Self.objectives, seen) {
            let fresh = try Solver.solve(Self.model(objective).0)
            #expect(abs((fresh.objective ?? .nan) - value) < 1e-9, "\(objective): \(value) against a fresh \(String(describing: fresh.objective))")
        }
        #expect(abs((last.objective ?? .nan) - seen.last!) < 1e-12)
        #expect(last.duals != nil && last.reducedCosts != nil)
    }

    @Test func nilEndsAfterTheFirstSolve() throws {
        var calls = 0
        let (model, x) = Self.model(Self.objectives[0])
        let solution = try Solver.reoptimize(model) { _ in
            calls += 1
            return nil
        }
        #expect(calls == 1)
        let fresh = try Solver.solve(model)
        #expect(abs((solution.objective ?? .nan) - (fresh.objective ?? .nan)) < 1e-9)
        #expect(solution.value(of: x[0]) != nil)
    }

    @Test func aWrongAnswerIsAnErrorNotACrash() throws {
        let (model, _) = Self.model(Self.objectives[0])
        #expect(throws: LinearProgrammingError.self) {
            _ = try Solver.reoptimize(model) { _ in [1, 2, 3] }
        }
        #expect(throws: LinearProgrammingError.self) {
            _ = try Solver.reoptimize(model) { _ in Array(repeating: .infinity, count: 12) }
        }
    }

    /// Integer columns are relaxed (the session is an LP's).
    @Test func integerColumnsAreRelaxed() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(lower: 0, upper: 10, kind: .integer, objective: 1)
        let y = model.addVariable(lower: 0, upper: 10, kind: .integer, objective: 1)
        model.addConstraint(2 * x + 2 * y, .lessOrEqual, 3)
        let solution = try Solver.reoptimize(model) { _ in nil }
        #expect(abs((solution.objective ?? .nan) - 1.5) < 1e-9)
    }
}
