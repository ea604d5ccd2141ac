/// A decision variable of a ``Model``: a small index value, cheap to copy and hash.
///
/// Variables are created by ``Model/addVariable(name:lower:upper:kind:objective:)`` and are only
/// meaningful for the model that created them (a variable of another model is rejected with
/// ``LinearProgrammingError/unknownVariable(index:context:)`` when solving).
public struct Variable: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Position of the variable in its model (0-based).
    public let index: Int

    init(index: Int) { self.index = index }

    public static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }
    public var description: String { "Variable(\(index))" }
}

/// A constraint (row) of a ``Model``, used to read its dual value from a ``Solution``.
public struct Constraint: Hashable, Sendable, CustomStringConvertible {
    /// Position of the constraint in its model (0-based).
    public let index: Int

    init(index: Int) { self.index = index }

    public var description: String { "Constraint(\(index))" }
}

/// The domain of a variable.
public enum VariableKind: Sendable, Hashable {
    /// A real-valued variable.
    case continuous
    /// An integer variable.
    case integer
    /// A 0/1 variable (bounds within [0, 1]).
    case binary
}

/// `coefficient * variable`.
public struct Term: Hashable, Sendable {
    public var variable: Variable
    public var coefficient: Double

    public init(_ coefficient: Double, _ variable: Variable) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// An affine expression `Σ cᵢ·xᵢ + constant`, built with `+`, `-`, `*` over variables and doubles.
///
/// Terms are kept as written (a variable may appear several times); the model merges them.
public struct LinearExpression: Sendable, CustomStringConvertible {
    /// The terms in the order they were added (not merged).
    public var terms: [Term]
    /// The constant part.
    public var constant: Double

    /// The zero expression.
    public init() {
        terms = []
        constant = 0
    }

    /// `1 · variable`.
    public init(_ variable: Variable) {
        terms = [Term(1, variable)]
        constant = 0
    }

    /// A constant expression.
    public init(_ constant: Double) {
        terms = []
        self.constant = constant
    }

    public init(terms: [Term], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    public var description: String {
        var parts = terms.map { "\($0.coefficient)·x\($0.variable.index)" }
        if constant != 0 || parts.isEmpty { parts.append("\(constant)") }
        return parts.joined(separator: " + ")
    }

    /// Adds `coefficient · variable` in place.
    public mutating func add(_ coefficient: Double, _ variable: Variable) {
        terms.append(Term(coefficient, variable))
    }

    /// Adds another expression in place.
    public mutating func add(_ other: LinearExpression) {
        terms.append(contentsOf: other.terms)
        constant += other.constant
    }

    /// The terms with duplicates merged (sorted by variable) and zero coefficients dropped.
    public func mergedTerms() -> [Term] {
        if terms.count <= 1 { return terms.filter { $0.coefficient != 0 } }
        let sorted = terms.sorted { $0.variable.index < $1.variable.index }
        var merged: [Term] = []
        merged.reserveCapacity(sorted.count)
        for term in sorted {
            if let last = merged.last, last.variable == term.variable {
                merged[merged.count - 1].coefficient += term.coefficient
            } else {
                merged.append(term)
            }
        }
        return merged.filter { $0.coefficient != 0 }
    }

    /// Value of the expression for the given column values (missing variables count as 0).
    public func evaluate(_ values: [Double]) -> Double {
        var total = constant
        for term in terms where term.variable.index >= 0 && term.variable.index < values.count {
            total += term.coefficient * values[term.variable.index]
        }
        return total
    }

    /// The sum of expressions.
    public static func sum(_ expressions: some Sequence<LinearExpression>) -> LinearExpression {
        var result = LinearExpression()
        for e in expressions { result.add(e) }
        return result
    }

    /// The sum of variables.
    public static func sum(_ variables: some Sequence<Variable>) -> LinearExpression {
        LinearExpression(terms: variables.map { Term(1, $0) })
    }

    /// `Σ transform(element)` over a sequence.
    public static func sum<S: Sequence>(
        _ elements: S, _ transform: (S.Element) throws -> LinearExpression
    ) rethrows -> LinearExpression {
        var result = LinearExpression()
        for e in elements { result.add(try transform(e)) }
        return result
    }

    // MARK: operators

    public static func + (lhs: consuming LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(rhs)
        return result
    }
    public static func + (lhs: consuming LinearExpression, rhs: Variable) -> LinearExpression {
        var result = lhs
        result.add(1, rhs)
        return result
    }
    public static func + (lhs: Variable, rhs: LinearExpression) -> LinearExpression {
        var result = LinearExpression(lhs)
        result.add(rhs)
        return result
    }
    public static func + (lhs: consuming LinearExpression, rhs: Double) -> LinearExpression {
        var result = lhs
        result.constant += rhs
        return result
    }
    public static func + (lhs: Double, rhs: LinearExpression) -> LinearExpression {
        var result = rhs
        result.constant += lhs
        return result
    }
    public static func - (lhs: consuming LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(-rhs)
        return result
    }
    public static func - (lhs: consuming LinearExpression, rhs: Variable) -> LinearExpression {
        var result = lhs
        result.add(-1, rhs)
        return result
    }
    public static func - (lhs: Variable, rhs: LinearExpression) -> LinearExpression {
        var result = LinearExpression(lhs)
        result.add(-rhs)
        return result
    }
    public static func - (lhs: consuming LinearExpression, rhs: Double) -> LinearExpression {
        var result = lhs
        result.constant -= rhs
        return result
    }
    public static func - (lhs: Double, rhs: LinearExpression) -> LinearExpression {
        var result = -rhs
        result.constant += lhs
        return result
    }
    public static prefix func - (operand: LinearExpression) -> LinearExpression {
        LinearExpression(
            terms: operand.terms.map { Term(-$0.coefficient, $0.variable) }, constant: -operand.constant)
    }
    public static func * (lhs: Double, rhs: LinearExpression) -> LinearExpression {
        LinearExpression(
            terms: rhs.terms.map { Term(lhs * $0.coefficient, $0.variable) }, constant: lhs * rhs.constant)
    }
    public static func * (lhs: LinearExpression, rhs: Double) -> LinearExpression { rhs * lhs }
    public static func += (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs) }
    public static func += (lhs: inout LinearExpression, rhs: Variable) { lhs.add(1, rhs) }
    public static func += (lhs: inout LinearExpression, rhs: Double) { lhs.constant += rhs }
    public static func -= (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(-rhs) }
    public static func -= (lhs: inout LinearExpression, rhs: Variable) { lhs.add(-1, rhs) }
    public static func -= (lhs: inout LinearExpression, rhs: Double) { lhs.constant -= rhs }
}

extension Variable {
    public static func + (lhs: Variable, rhs: Variable) -> LinearExpression {
        LinearExpression(terms: [Term(1, lhs), Term(1, rhs)])
    }
    public static func - (lhs: Variable, rhs: Variable) -> LinearExpression {
        LinearExpression(terms: [Term(1, lhs), Term(-1, rhs)])
    }
    public static func + (lhs: Variable, rhs: Double) -> LinearExpression {
        LinearExpression(terms: [Term(1, lhs)], constant: rhs)
    }
    public static func + (lhs: Double, rhs: Variable) -> LinearExpression {
        LinearExpression(terms: [Term(1, rhs)], constant: lhs)
    }
    public static func - (lhs: Variable, rhs: Double) -> LinearExpression {
        LinearExpression(terms: [Term(1, lhs)], constant: -rhs)
    }
    public static func - (lhs: Double, rhs: Variable) -> LinearExpression {
        LinearExpression(terms: [Term(-1, rhs)], constant: lhs)
    }
    public static prefix func - (operand: Variable) -> LinearExpression {
        LinearExpression(terms: [Term(-1, operand)])
    }
    public static func * (lhs: Double, rhs: Variable) -> LinearExpression {
        LinearExpression(terms: [Term(lhs, rhs)])
    }
    public static func * (lhs: Variable, rhs: Double) -> LinearExpression {
        LinearExpression(terms: [Term(rhs, lhs)])
    }
}

// MARK: - Constraints as values

/// The relation of a one-sided or equality constraint.
public enum ConstraintRelation: Sendable, Hashable {
    /// `expression <= rhs`
    case lessOrEqual
    /// `expression >= rhs`
    case greaterOrEqual
    /// `expression == rhs`
    case equal
}

/// `lower <= expression <= upper` (either side may be infinite), made by comparing expressions,
/// e.g. `x + y <= 5`, and added with ``Model/add(_:name:)``.
public struct LinearConstraint: Sendable {
    /// The expression (its constant is moved into the bounds by the model).
    public var expression: LinearExpression
    public var lower: Double
    public var upper: Double

    public init(_ expression: LinearExpression, lower: Double, upper: Double) {
        self.expression = expression
        self.lower = lower
        self.upper = upper
    }

    /// The right-hand side when made from a relation (must be finite); nil for a range.
    var relationRightHandSide: Double?

    public init(_ expression: LinearExpression, _ relation: ConstraintRelation, _ rhs: Double) {
        self.expression = expression
        self.relationRightHandSide = rhs
        switch relation {
        case .lessOrEqual: (lower, upper) = (-.infinity, rhs)
        case .greaterOrEqual: (lower, upper) = (rhs, .infinity)
        case .equal: (lower, upper) = (rhs, rhs)
        }
    }
}

extension LinearExpression {
    public static func <= (lhs: LinearExpression, rhs: Double) -> LinearConstraint {
        LinearConstraint(lhs, .lessOrEqual, rhs)
    }
    public static func >= (lhs: LinearExpression, rhs: Double) -> LinearConstraint {
        LinearConstraint(lhs, .greaterOrEqual, rhs)
    }
    public static func == (lhs: LinearExpression, rhs: Double) -> LinearConstraint {
        LinearConstraint(lhs, .equal, rhs)
    }
    public static func <= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
        LinearConstraint(lhs - rhs, .lessOrEqual, 0)
    }
    public static func >= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
        LinearConstraint(lhs - rhs, .greaterOrEqual, 0)
    }
    public static func == (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
        LinearConstraint(lhs - rhs, .equal, 0)
    }
}

extension Variable {
    public static func <= (lhs: Variable, rhs: Double) -> LinearConstraint {
        LinearConstraint(LinearExpression(lhs), .lessOrEqual, rhs)
    }
    public static func >= (lhs: Variable, rhs: Double) -> LinearConstraint {
        LinearConstraint(LinearExpression(lhs), .greaterOrEqual, rhs)
    }
    public static func == (lhs: Variable, rhs: Double) -> LinearConstraint {
        LinearConstraint(LinearExpression(lhs), .equal, rhs)
    }
}
