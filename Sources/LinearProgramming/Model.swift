/// Direction of optimisation.
public enum ObjectiveSense: Sendable, Hashable {
    case minimize
    case maximize
}

/// A linear or mixed-integer program built as a plain value (like JuMP / OR-Tools' CpModel):
/// variables, linear constraints and a linear objective. Solve it with ``Solver/solve(_:options:)``.
///
/// Building never fails; every input is checked by ``validate()`` (called by the solver) and
/// reported as a ``LinearProgrammingError`` before anything reaches GLPK.
public struct Model: Sendable {
    /// Direction of optimisation.
    public var sense: ObjectiveSense
    /// Constant added to the objective.
    public var objectiveConstant: Double = 0

    // Columns.
    var columnLower: [Double] = []
    var columnUpper: [Double] = []
    var columnObjective: [Double] = []
    var columnKind: [VariableKind] = []
    var columnName: [String?] = []
    /// Whether the name was generated (family member); generated names are sanitised, not rejected.
    var columnNameGenerated: [Bool] = []

    // Rows (CSR, merged terms, constants moved into the bounds).
    var rowLower: [Double] = []
    var rowUpper: [Double] = []
    var rowName: [String?] = []
    var rowStart: [Int] = [0]
    var entryColumn: [Int] = []
    var entryValue: [Double] = []

    /// An empty model.
    public init(sense: ObjectiveSense = .minimize) {
        self.sense = sense
    }

    // MARK: sizes and handles

    /// Number of variables (columns).
    public var variableCount: Int { columnLower.count }
    /// Number of constraints (rows).
    public var constraintCount: Int { rowLower.count }
    /// Number of non-zero constraint coefficients.
    public var nonZeroCount: Int { entryValue.count }
    /// Whether some variable is integer or binary.
    public var isMixedInteger: Bool { columnKind.contains { $0 != .continuous } }
    /// All variables, in creation order.
    public var variables: [Variable] { (0..<variableCount).map(Variable.init(index:)) }
    /// All constraints, in creation order.
    public var constraints: [Constraint] { (0..<constraintCount).map(Constraint.init(index:)) }

    // MARK: variables

    /// Adds a variable.
    ///
    /// - Parameters:
    ///   - name: optional name (1...255 UTF-8 bytes, no control characters) used in GLPK's log
    ///     and in error messages.
    ///   - lower: lower bound (`-.infinity` for none). Defaults to 0.
    ///   - upper: upper bound (`.infinity` for none). Defaults to +∞, or 1 for a binary.
    ///   - kind: continuous, integer or binary.
    ///   - objective: objective coefficient.
    @discardableResult
    public mutating func addVariable(
        name: String? = nil, lower: Double = 0, upper: Double? = nil,
        kind: VariableKind = .continuous, objective: Double = 0
    ) -> Variable {
        appendColumn(name: name, generated: false, lower: lower, upper: upper, kind: kind, objective: objective)
    }

    private mutating func appendColumn(
        name: String?, generated: Bool, lower: Double, upper: Double?, kind: VariableKind, objective: Double
    ) -> Variable {
        let index = columnLower.count
        columnLower.append(lower)
        columnUpper.append(upper ?? (kind == .binary ? 1 : .infinity))
        columnObjective.append(objective)
        columnKind.append(kind)
        columnName.append(name)
        columnNameGenerated.append(generated)
        return Variable(index: index)
    }

    /// Adds one variable per key, named `name[key]`, and returns them as a family keyed by the
    /// domain values. Keys are taken in sequence order; a repeated key gets a single variable.
    public mutating func addVariables<Key: Hashable & Sendable>(
        _ name: String, for keys: some Sequence<Key>, lower: Double = 0, upper: Double? = nil,
        kind: VariableKind = .continuous, objective: (Key) -> Double = { _ in 0 }
    ) -> VariableFamily<Key> {
        var family = VariableFamily<Key>(name: name)
        for key in keys where family.variables[key] == nil {
            let variable = appendColumn(
                name: VariableFamily<Key>.memberName(name, key), generated: true,
                lower: lower, upper: upper, kind: kind, objective: objective(key))
            family.insert(key, variable)
        }
        return family
    }

    /// Name given to a variable, if any.
    public func name(of variable: Variable) -> String? {
        guard contains(variable) else { return nil }
        return columnName[variable.index]
    }

    /// Kind of a variable (nil for an unknown variable).
    public func kind(of variable: Variable) -> VariableKind? {
        guard contains(variable) else { return nil }
        return columnKind[variable.index]
    }

    /// Bounds of a variable (nil for an unknown variable).
    public func bounds(of variable: Variable) -> (lower: Double, upper: Double)? {
        guard contains(variable) else { return nil }
        return (columnLower[variable.index], columnUpper[variable.index])
    }

    /// Changes the bounds of a variable (ignored for an unknown variable; checked when solving).
    public mutating func setBounds(of variable: Variable, lower: Double, upper: Double) {
        guard contains(variable) else { return }
        columnLower[variable.index] = lower
        columnUpper[variable.index] = upper
    }

    /// Fixes a variable to a value.
    public mutating func fix(_ variable: Variable, to value: Double) {
        setBounds(of: variable, lower: value, upper: value)
    }

    /// Whether the variable belongs to this model.
    public func contains(_ variable: Variable) -> Bool {
        variable.index >= 0 && variable.index < variableCount
    }

    /// The LP relaxation: the same model with every integer and binary variable made
    /// continuous (a binary keeps its [0, 1] bounds). Its optimum bounds the MIP's optimum.
    public func linearRelaxation() -> Model {
        var relaxed = self
        for index in relaxed.columnKind.indices { relaxed.columnKind[index] = .continuous }
        return relaxed
    }

    // MARK: objective

    /// The objective as an expression.
    public var objective: LinearExpression {
        LinearExpression(
            terms: columnObjective.enumerated().compactMap { index, c in
                c == 0 ? nil : Term(c, Variable(index: index))
            },
            constant: objectiveConstant)
    }

    /// Objective coefficient of a variable (nil for an unknown variable).
    public func objectiveCoefficient(of variable: Variable) -> Double? {
        guard contains(variable) else { return nil }
        return columnObjective[variable.index]
    }

    /// Replaces the objective by `expression` (merging repeated variables) and sets the sense.
    /// Terms over unknown variables are kept aside and reported by ``validate()``.
    public mutating func setObjective(_ expression: LinearExpression, sense: ObjectiveSense) {
        self.sense = sense
        for index in columnObjective.indices { columnObjective[index] = 0 }
        objectiveConstant = expression.constant
        objectiveIssue = nil
        for term in expression.terms {
            if contains(term.variable) {
                columnObjective[term.variable.index] += term.coefficient
            } else if objectiveIssue == nil {
                objectiveIssue = .unknownVariable(index: term.variable.index, context: "the objective")
            }
        }
    }

    /// A problem found while setting the objective (reported by validation).
    var objectiveIssue: LinearProgrammingError?
    /// Problems found while adding constraints (the first is reported by validation).
    var constraintIssues: [LinearProgrammingError] = []

    /// Sets the objective to minimise `expression`.
    public mutating func minimize(_ expression: LinearExpression) {
        setObjective(expression, sense: .minimize)
    }

    /// Sets the objective to maximise `expression`.
    public mutating func maximize(_ expression: LinearExpression) {
        setObjective(expression, sense: .maximize)
    }

    /// Changes one objective coefficient (ignored for an unknown variable).
    public mutating func setObjectiveCoefficient(of variable: Variable, to coefficient: Double) {
        guard contains(variable) else { return }
        columnObjective[variable.index] = coefficient
    }

    // MARK: constraints

    /// Adds `lower <= expression <= upper` (a range row; either side may be infinite, equal
    /// sides make an equality). The expression's constant is moved into the bounds.
    @discardableResult
    public mutating func addConstraint(
        _ expression: LinearExpression, lower: Double, upper: Double, name: String? = nil
    ) -> Constraint {
        let index = rowLower.count
        if !expression.constant.isFinite {
            constraintIssues.append(
                .nonFiniteNumber(context: "the constant \(expression.constant) of \(describe(row: index, name: name))"))
        }
        let merged = expression.mergedTerms()
        rowLower.append(lower - expression.constant)
        rowUpper.append(upper - expression.constant)
        rowName.append(name)
        for term in merged {
            entryColumn.append(term.variable.index)
            entryValue.append(term.coefficient)
        }
        rowStart.append(entryColumn.count)
        return Constraint(index: index)
    }

    /// Adds `expression (<= | >= | ==) rhs`.
    @discardableResult
    public mutating func addConstraint(
        _ expression: LinearExpression, _ relation: ConstraintRelation, _ rhs: Double, name: String? = nil
    ) -> Constraint {
        if !rhs.isFinite {
            constraintIssues.append(
                .nonFiniteNumber(context: "the right-hand side \(rhs) of \(describe(row: rowLower.count, name: name))"))
        }
        let c = LinearConstraint(expression, relation, rhs)
        return addConstraint(c.expression, lower: c.lower, upper: c.upper, name: name)
    }

    /// Adds a constraint written with comparison operators, e.g. `model.add(x + y <= 5)`.
    @discardableResult
    public mutating func add(_ constraint: LinearConstraint, name: String? = nil) -> Constraint {
        if let rhs = constraint.relationRightHandSide, !rhs.isFinite {
            constraintIssues.append(
                .nonFiniteNumber(context: "the right-hand side \(rhs) of \(describe(row: rowLower.count, name: name))"))
        }
        return addConstraint(constraint.expression, lower: constraint.lower, upper: constraint.upper, name: name)
    }

    /// Name given to a constraint, if any.
    public func name(of constraint: Constraint) -> String? {
        guard constraint.index >= 0 && constraint.index < constraintCount else { return nil }
        return rowName[constraint.index]
    }

    /// Bounds of a constraint row after moving the expression's constant (nil if unknown).
    public func bounds(of constraint: Constraint) -> (lower: Double, upper: Double)? {
        guard constraint.index >= 0 && constraint.index < constraintCount else { return nil }
        return (rowLower[constraint.index], rowUpper[constraint.index])
    }

    /// Changes the bounds of a constraint row (ignored for an unknown constraint).
    public mutating func setBounds(of constraint: Constraint, lower: Double, upper: Double) {
        guard constraint.index >= 0 && constraint.index < constraintCount else { return }
        rowLower[constraint.index] = lower
        rowUpper[constraint.index] = upper
    }

    /// The merged terms of a constraint row (empty for an unknown constraint).
    public func terms(of constraint: Constraint) -> [Term] {
        guard constraint.index >= 0 && constraint.index < constraintCount else { return [] }
        return (rowStart[constraint.index]..<rowStart[constraint.index + 1]).map {
            Term(entryValue[$0], Variable(index: entryColumn[$0]))
        }
    }

    /// Row activities (Σ a·x per constraint) for a full column vector.
    public func rowActivities(_ values: [Double]) -> [Double] {
        (0..<constraintCount).map { row in
            var total = 0.0
            for k in rowStart[row]..<rowStart[row + 1] {
                let column = entryColumn[k]
                if column >= 0 && column < values.count { total += entryValue[k] * values[column] }
            }
            return total
        }
    }

    /// Human-readable reference to a variable for messages: `variable 'x[3]'` or `variable #3`.
    func describe(_ variable: Int) -> String {
        if variable >= 0, variable < variableCount, let name = columnName[variable] {
            return "variable '\(name)'"
        }
        return "variable #\(variable)"
    }

    /// Human-readable reference to a constraint for messages.
    func describe(row: Int) -> String {
        describe(row: row, name: row >= 0 && row < constraintCount ? rowName[row] : nil)
    }

    func describe(row: Int, name: String?) -> String {
        if let name { return "constraint '\(name)'" }
        return "constraint #\(row)"
    }
}

/// A family of variables keyed by domain values (e.g. `assign[(school, partner)]`).
public struct VariableFamily<Key: Hashable & Sendable>: Sendable {
    /// The family's base name.
    public let name: String
    /// Keys in creation order.
    public private(set) var keys: [Key] = []
    /// Variables by key.
    public private(set) var variables: [Key: Variable] = [:]

    init(name: String) { self.name = name }

    mutating func insert(_ key: Key, _ variable: Variable) {
        keys.append(key)
        variables[key] = variable
    }

    /// The variable for `key`, or nil if the family has none.
    public subscript(key: Key) -> Variable? { variables[key] }

    /// Number of variables.
    public var count: Int { keys.count }

    /// Variables in creation order.
    public var all: [Variable] { keys.map { variables[$0]! } }

    /// `Σ x[key]` over the whole family.
    public func sum() -> LinearExpression { LinearExpression.sum(all) }

    /// `Σ x[key]` over keys satisfying `predicate`.
    public func sum(where predicate: (Key) -> Bool) -> LinearExpression {
        LinearExpression(terms: keys.filter(predicate).map { Term(1, variables[$0]!) })
    }

    /// `Σ coefficient(key) · x[key]` over the whole family.
    public func sum(_ coefficient: (Key) -> Double) -> LinearExpression {
        LinearExpression(terms: keys.map { Term(coefficient($0), variables[$0]!) })
    }

    /// Generated member name: `name[key]`, sanitised to GLPK's rules (≤ 255 bytes, no control chars).
    static func memberName(_ name: String, _ key: Key) -> String {
        sanitizedName("\(name)[\(key)]")
    }
}

/// Replaces control characters by spaces and cuts to at most 255 UTF-8 bytes.
func sanitizedName(_ raw: String) -> String {
    // Fast path: short enough and free of ASCII control bytes (what GLPK checks).
    let utf8 = raw.utf8
    if utf8.count <= maximumNameLength, !raw.isEmpty,
        !utf8.contains(where: { $0 < 0x20 || $0 == 0x7F })
    {
        return raw
    }
    var result = ""
    var bytes = 0
    for scalar in raw.unicodeScalars {
        let s: Unicode.Scalar = scalar.properties.generalCategory == .control ? " " : scalar
        let size = String(s).utf8.count
        if bytes + size > maximumNameLength { break }
        result.unicodeScalars.append(s)
        bytes += size
    }
    return result.isEmpty ? "_" : result
}

/// GLPK's limit on names, in bytes.
let maximumNameLength = 255
