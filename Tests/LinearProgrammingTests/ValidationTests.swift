import Testing
@testable import LinearProgramming

/// Every invalid input is rejected in Swift with the right error, before GLPK sees it.
@Suite struct ValidationTests {
    func expectError(
        _ expected: LinearProgrammingError, options: SolverOptions = SolverOptions(),
        sourceLocation: SourceLocation = #_sourceLocation, _ build: (inout Model) -> Void
    ) {
        var model = Model()
        build(&model)
        #expect(throws: expected, sourceLocation: sourceLocation) { try Solver.solve(model, options: options) }
    }

    @Test func nonFiniteNumbers() {
        expectError(.nonFiniteNumber(context: "the objective coefficient of variable 'x'")) { m in
            m.addVariable(name: "x", objective: .nan)
        }
        expectError(.nonFiniteNumber(context: "the objective constant")) { m in
            let x = m.addVariable(name: "x")
            m.minimize(x + Double.infinity)
        }
        expectError(.nonFiniteNumber(context: "the coefficient of variable 'x' in constraint 'c'")) { m in
            let x = m.addVariable(name: "x")
            m.add(Double.infinity * x <= 1, name: "c")
        }
        expectError(.nonFiniteNumber(context: "the right-hand side inf of constraint 'c'")) { m in
            let x = m.addVariable(name: "x")
            m.addConstraint(LinearExpression(x), .lessOrEqual, .infinity, name: "c")
        }
        expectError(.nonFiniteNumber(context: "the right-hand side nan of constraint #0")) { m in
            let x = m.addVariable(name: "x")
            m.add(x >= .nan)
        }
        expectError(.nonFiniteNumber(context: "the lower bound nan of variable #0")) { m in
            m.addVariable(lower: .nan)
        }
        expectError(.nonFiniteNumber(context: "the lower bound inf of variable 'y'")) { m in
            m.addVariable(name: "y", lower: .infinity)
        }
        expectError(.nonFiniteNumber(context: "the lower side nan of constraint 'r'")) { m in
            let x = m.addVariable(name: "x")
            m.addConstraint(LinearExpression(x), lower: .nan, upper: 3, name: "r")
        }
    }

    @Test func infiniteRangeSidesAreAllowed() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(upper: 4, objective: 1)
        model.addConstraint(LinearExpression(x), lower: -.infinity, upper: .infinity)
        let s = try Solver.solve(model)
        #expect(s.status == .optimal)
        #expect(s.value(of: x) == 4)
    }

    @Test func names() {
        expectError(.emptyName(entity: "variable #0")) { m in m.addVariable(name: "") }
        expectError(.emptyName(entity: "constraint #0")) { m in
            let x = m.addVariable()
            m.add(x <= 1, name: "")
        }
        let long = String(repeating: "щ", count: 128)  // 256 bytes
        expectError(.nameTooLong(name: long, bytes: 256)) { m in m.addVariable(name: long) }
        expectError(.nameContainsControlCharacter(name: "a\tb")) { m in m.addVariable(name: "a\tb") }
    }

    @Test func longFamilyKeysAreSanitisedNotRejected() throws {
        var model = Model(sense: .maximize)
        let keys = [String(repeating: "ключ", count: 100), "line\nbreak"]
        let family = model.addVariables("f", for: keys, upper: 1) { _ in 1 }
        let s = try Solver.solve(model)
        #expect(s.status == .optimal)
        #expect(s.values(of: family) == [keys[0]: 1, keys[1]: 1])
        let name = try #require(model.name(of: family[keys[0]]!))
        #expect(name.utf8.count <= 255)
        #expect(model.name(of: family[keys[1]]!) == "f[line break]")
    }

    @Test func bounds() {
        expectError(.invertedBounds(entity: "variable 'x'", lower: 2, upper: 1)) { m in
            m.addVariable(name: "x", lower: 2, upper: 1)
        }
        expectError(.invertedBounds(entity: "constraint 'r'", lower: 5, upper: 3)) { m in
            let x = m.addVariable()
            m.addConstraint(LinearExpression(x), lower: 5, upper: 3, name: "r")
        }
        expectError(.binaryBoundsOutsideUnitInterval(variable: "variable 'b'", lower: 0, upper: 2)) { m in
            m.addVariable(name: "b", upper: 2, kind: .binary)
        }
        expectError(.binaryBoundsOutsideUnitInterval(variable: "variable #0", lower: -1, upper: 1)) { m in
            m.addVariable(lower: -1, kind: .binary)
        }
    }

    @Test func unknownVariables() {
        var other = Model()
        for _ in 0..<5 { other.addVariable() }
        let foreign = other.variables[4]
        expectError(.unknownVariable(index: 4, context: "constraint 'c'")) { m in
            let x = m.addVariable()
            m.add(x + foreign <= 1, name: "c")
        }
        expectError(.unknownVariable(index: 4, context: "the objective")) { m in
            let x = m.addVariable()
            m.maximize(x + foreign)
        }
    }

    @Test func options() {
        var o = SolverOptions(timeLimit: 0)
        expectError(.invalidOption(name: "timeLimit", reason: "must be a positive number of seconds, got 0.0"), options: o) { m in
            m.addVariable()
        }
        o = SolverOptions()
        o.relativeGap = -1
        expectError(.invalidOption(name: "relativeGap", reason: "must be a finite number ≥ 0, got -1.0"), options: o) { m in
            m.addVariable()
        }
        o = SolverOptions()
        o.nodeLimit = 0
        expectError(.invalidOption(name: "nodeLimit", reason: "must be at least 1, got 0"), options: o) { m in
            m.addVariable()
        }
        o = SolverOptions()
        o.stopAtObjectiveBetterThan = .nan
        expectError(.invalidOption(name: "stopAtObjectiveBetterThan", reason: "must be finite, got nan"), options: o) { m in
            m.addVariable()
        }
    }

    @Test func initialSolutionChecks() {
        var model = Model(sense: .maximize)
        let x = model.addVariable(name: "x", upper: 3, kind: .integer, objective: 1)
        let y = model.addVariable(name: "y", upper: 3, kind: .integer, objective: 1)
        model.add(x + y <= 4, name: "cap")
        func check(_ initial: [Variable: Double], _ expected: LinearProgrammingError) {
            var options = SolverOptions()
            options.initialSolution = initial
            #expect(throws: expected) { try Solver.solve(model, options: options) }
        }
        check([x: 1], .invalidInitialSolution(reason: "no value for variable 'y'"))
        check([x: 1.5, y: 1], .invalidInitialSolution(reason: "variable 'x' is integer but has value 1.5"))
        check([x: 4, y: 0], .invalidInitialSolution(reason: "variable 'x' = 4.0 is outside its bounds [0.0, 3.0]"))
        check(
            [x: 3, y: 3],
            .invalidInitialSolution(reason: "constraint 'cap' is violated: activity 6.0 outside [-inf, 4.0]"))
        check([x: .infinity, y: 0], .nonFiniteNumber(context: "the initial value of variable 'x'"))
    }

    @Test func integerVariableWithoutIntegerValueIsInfeasible() throws {
        var model = Model()
        model.addVariable(name: "z", lower: 0.2, upper: 0.8, kind: .integer)
        let s = try Solver.solve(model)
        #expect(s.status == .infeasible)
        #expect(s.log.contains("variable 'z'"))
    }

    @Test func errorDescriptionsAreReadable() {
        let e = LinearProgrammingError.invertedBounds(entity: "variable 'x'", lower: 2, upper: 1)
        #expect(e.description == "variable 'x' has lower bound 2.0 greater than upper bound 1.0")
        #expect(
            LinearProgrammingError.nonFiniteNumber(context: "the objective constant").description
                == "the objective constant is not a finite number")
    }
}
