import Testing
@testable import LinearProgramming

@Suite("A model in free MPS, for another solver")
struct MPSTests {
    @Test("every kind of row, bound and column is written as the format has it")
    func everyKindIsWritten() {
        var m = Model(sense: .maximize)
        m.objectiveConstant = 2.5
        let x = m.addVariable(lower: 0, upper: 4, kind: .integer, objective: 3)
        let y = m.addVariable(lower: -.infinity, upper: .infinity, objective: 0.5)
        let z = m.addVariable(kind: .binary, objective: -1)
        let w = m.addVariable(lower: 2, upper: 2)
        let v = m.addVariable(lower: -.infinity, upper: 7)
        _ = m.addConstraint(LinearExpression(terms: [Term(1, x), Term(2, y)]), .lessOrEqual, 10)
        _ = m.addConstraint(LinearExpression(terms: [Term(1, y), Term(-1, z)]), .greaterOrEqual, -1)
        _ = m.addConstraint(LinearExpression(terms: [Term(1, x), Term(1, w)]), .equal, 3)
        _ = m.addConstraint(LinearExpression(terms: [Term(1, v), Term(1, z)]), lower: 1, upper: 4)
        let text = m.mps()
        #expect(text == """
        NAME setka
        OBJSENSE
            MAX
        ROWS
         N obj
         L r0
         G r1
         E r2
         L r3
        COLUMNS
            MARKER 'MARKER' 'INTORG'
            c0 obj 3
            c0 r0 1
            c0 r2 1
            MARKER 'MARKER' 'INTEND'
            c1 obj 0.5
            c1 r0 2
            c1 r1 1
            MARKER 'MARKER' 'INTORG'
            c2 obj -1
            c2 r1 -1
            c2 r3 1
            MARKER 'MARKER' 'INTEND'
            c3 r2 1
            c4 r3 1
        RHS
            rhs obj -2.5
            rhs r0 10
            rhs r1 -1
            rhs r2 3
            rhs r3 4
        RANGES
            rng r3 3
        BOUNDS
         LO bnd c0 0
         UP bnd c0 4
         FR bnd c1
         LO bnd c2 0
         UP bnd c2 1
         FX bnd c3 2
         MI bnd c4
         UP bnd c4 7
        ENDATA

        """)
    }
}
