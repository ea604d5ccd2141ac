import Testing
@testable import LinearProgramming

/// Small LPs and MIPs with known optima.
@Suite struct CoreTests {
    /// max 3x + 2y s.t. x + y <= 4, x + 3y <= 7, x <= 3  → x = 3, y = 1, obj 11.
    @Test func smallLPMaximize() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(name: "x", objective: 3)
        let y = model.addVariable(name: "y", objective: 2)
        let c1 = model.add(x + y <= 4, name: "c1")
        model.add(x + 3 * y <= 7, name: "c2")
        model.add(x <= 3)
        let s = try Solver.solve(model)
        #expect(s.status == .optimal)
        #expect(abs(s.objective! - 11) < 1e-9)
        #expect(abs(s.value(of: x)! - 3) < 1e-9)
        #expect(abs(s.value(of: y)! - 1) < 1e-9)
        #expect(abs(s.bound! - 11) < 1e-9)
        #expect(s.duals != nil)
        #expect(abs(s.dual(of: c1)! - 2) < 1e-9)
        #expect(!s.isMixedInteger)
    }

    /// min 2x + 3y s.t. x + y >= 3 (range up to 10), x - y == 1 → x = 2, y = 1, obj 7.
    @Test func smallLPMinimizeWithEqualityAndRange() throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.minimize(2 * x + 3 * y + 1)
        model.addConstraint(x + y, lower: 3, upper: 10, name: "range")
        model.addConstraint(x - y, .equal, 1, name: "eq")
        let s = try Solver.solve(model)
        #expect(s.status == .optimal)
        #expect(abs(s.objective! - 8) < 1e-9)
        #expect(abs(s.value(of: x)! - 2) < 1e-9)
        #expect(abs(s.value(of: y)! - 1) < 1e-9)
    }

    /// Integer vs continuous: max x + y s.t. 2x + 2y <= 3: LP gives 1.5, MIP gives 1.
    @Test func integerDiffersFromContinuous() throws {
        for kind in [VariableKind.continuous, .integer] {
            var model = Model(sense: .maximize)
            let x = model.addVariable(kind: kind, objective: 1)
            let y = model.addVariable(kind: kind, objective: 1)
            model.add(2 * x + 2 * y <= 3)
            let s = try Solver.solve(model)
            #expect(s.status == .optimal)
            #expect(abs(s.objective! - (kind == .integer ? 1 : 1.5)) < 1e-9)
            #expect(s.isMixedInteger == (kind == .integer))
        }
    }

    /// A small 0/1 knapsack, both with and without presolve, both senses.
    @Test(arguments: [true, false]) func knapsack(presolve: Bool) throws {
        let weights: [Double] = [12, 2, 1, 1, 4]
        let values: [Double] = [4, 2, 1, 2, 10]
        var model = Model(sense: .maximize)
        let take = model.addVariables("take", for: 0..<5, kind: .binary) { values[$0] }
        model.add(take.sum { weights[$0] } <= 15, name: "capacity")
        var options = SolverOptions()
        options.presolve = presolve
        let s = try Solver.solve(model, options: options)
        #expect(s.status == .optimal)
        #expect(abs(s.objective! - 15) < 1e-9)  // items 1, 2, 3, 4
        #expect(Set(s.keys(of: take)) == [1, 2, 3, 4])
        #expect(s.bound! >= s.objective! - 1e-9)

        // minimisation: cover at least weight 13 at minimum value
        var cover = Model(sense: .minimize)
        let pick = cover.addVariables("pick", for: 0..<5, kind: .binary) { values[$0] }
        cover.add(pick.sum { weights[$0] } >= 13)
        let t = try Solver.solve(cover, options: options)
        #expect(t.status == .optimal)
        #expect(abs(t.objective! - 5) < 1e-9)  // 12 + 1 = 13 → 4 + 1
        #expect(t.bound! <= t.objective! + 1e-9)
    }

    /// Operators compose naturally (and type-check quickly); constants move to the right side.
    @Test func expressionOperators() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(name: "x", upper: 10)
        let y = model.addVariable(name: "y", upper: 10)
        let z = model.addVariable(name: "z", upper: 10)
        let e = 2 * x + 3 * y - z + 4 - 0.5 * (x - y) + z * 2 - 1
        #expect(e.constant == 3)
        #expect(e.mergedTerms() == [Term(1.5, x), Term(3.5, y), Term(1, z)])
        var total = LinearExpression()
        total += x
        total += 2 * y
        total -= 1
        model.add(e <= 20)
        model.add(total >= x - 5)
        model.add(LinearExpression.sum([x, y, z]) <= 12)
        model.add(LinearExpression.sum([x, y]) { 2 * $0 } >= 2)
        model.add(-x + y == 0)
        model.maximize(x + y + z)
        let s = try Solver.solve(model)
        #expect(s.status == .optimal)
        let values = try [x, y, z].map { try #require(s.value(of: $0)) }
        #expect(abs(values[0] - values[1]) < 1e-9)
        #expect(try #require(s.value(of: e)) <= 20 + 1e-9)
        #expect(abs(try #require(s.objective) - 12) < 1e-9)
        #expect(model.terms(of: Constraint(index: 0)) == [Term(1.5, x), Term(3.5, y), Term(1, z)])
        #expect(model.bounds(of: Constraint(index: 0))! == (-.infinity, 17))
    }

    @Test func modelEditing() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(name: "x", upper: 5, kind: .integer, objective: 1)
        let cap = model.add(x <= 4.5, name: "cap")
        #expect(try Solver.solve(model).objective == 4)
        model.setBounds(of: cap, lower: -.infinity, upper: 2)
        #expect(try Solver.solve(model).objective == 2)
        model.fix(x, to: 1)
        #expect(try Solver.solve(model).objective == 1)
        model.setObjectiveCoefficient(of: x, to: 3)
        #expect(try Solver.solve(model).objective == 3)
        #expect(model.kind(of: x) == .integer)
        #expect(model.name(of: x) == "x")
        #expect(model.name(of: cap) == "cap")
        #expect(model.linearRelaxation().isMixedInteger == false)
    }
}
