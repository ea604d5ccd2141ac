/// Why a model, options or a flow network was rejected, or why GLPK failed.
///
/// Every check happens in Swift before GLPK is called, except ``glpkError(message:)``, which
/// reports a fatal error detected by GLPK itself (recovered without ending the process).
public enum LinearProgrammingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A name is the empty string. `entity` says which (e.g. "variable #3").
    case emptyName(entity: String)
    /// A name is longer than GLPK's limit of 255 UTF-8 bytes.
    case nameTooLong(name: String, bytes: Int)
    /// A name contains a control character (GLPK rejects those).
    case nameContainsControlCharacter(name: String)
    /// A coefficient, bound, right-hand side or option value is NaN or infinite where it must be
    /// finite. `context` says where.
    case nonFiniteNumber(context: String)
    /// A lower bound is greater than the upper bound.
    case invertedBounds(entity: String, lower: Double, upper: Double)
    /// A binary variable with bounds outside [0, 1].
    case binaryBoundsOutsideUnitInterval(variable: String, lower: Double, upper: Double)
    /// A variable that does not belong to the model (index out of range).
    case unknownVariable(index: Int, context: String)
    /// An option has a value outside its domain.
    case invalidOption(name: String, reason: String)
    /// The initial solution (incumbent) given in the options is incomplete or infeasible.
    case invalidInitialSolution(reason: String)
    /// The model is too large for GLPK's 32-bit indices.
    case modelTooLarge(reason: String)
    /// A min-cost flow network is malformed.
    case invalidFlowNetwork(reason: String)
    /// GLPK detected a fatal error (it would have called abort()); the session was discarded.
    case glpkError(message: String)
    /// The C shim could not allocate memory or rejected its arguments.
    case internalFailure(reason: String)

    public var description: String {
        switch self {
        case .emptyName(let entity):
            return "the name of \(entity) is empty"
        case .nameTooLong(let name, let bytes):
            return "the name '\(name.prefix(40))…' is \(bytes) bytes long; GLPK allows at most 255"
        case .nameContainsControlCharacter(let name):
            return "the name \(name.debugDescription) contains a control character"
        case .nonFiniteNumber(let context):
            return "\(context) is not a finite number"
        case .invertedBounds(let entity, let lower, let upper):
            return "\(entity) has lower bound \(lower) greater than upper bound \(upper)"
        case .binaryBoundsOutsideUnitInterval(let variable, let lower, let upper):
            return "binary \(variable) has bounds [\(lower), \(upper)] outside [0, 1]"
        case .unknownVariable(let index, let context):
            return "\(context) uses variable #\(index), which does not belong to the model"
        case .invalidOption(let name, let reason):
            return "solver option \(name): \(reason)"
        case .invalidInitialSolution(let reason):
            return "initial solution rejected: \(reason)"
        case .modelTooLarge(let reason):
            return "model too large for GLPK: \(reason)"
        case .invalidFlowNetwork(let reason):
            return "invalid min-cost flow network: \(reason)"
        case .glpkError(let message):
            return "GLPK error: \(message)"
        case .internalFailure(let reason):
            return "linear programming internal failure: \(reason)"
        }
    }
}

// MARK: - Validation

extension Model {
    /// Checks every number, name, bound and variable reference of the model.
    ///
    /// Called by ``Solver/solve(_:options:)`` before anything reaches GLPK.
    public func validate() throws(LinearProgrammingError) {
        let limit = Int(Int32.max) - 1
        if variableCount > limit { throw .modelTooLarge(reason: "\(variableCount) variables") }
        if constraintCount > limit { throw .modelTooLarge(reason: "\(constraintCount) constraints") }
        if nonZeroCount > limit { throw .modelTooLarge(reason: "\(nonZeroCount) non-zero coefficients") }

        if !objectiveConstant.isFinite { throw .nonFiniteNumber(context: "the objective constant") }
        if let issue = objectiveIssue { throw issue }
        if let issue = constraintIssues.first { throw issue }
        for j in 0..<variableCount {
            let lower = columnLower[j], upper = columnUpper[j]
            if let name = columnName[j], !columnNameGenerated[j] {
                try validateName(name, entity: "variable #\(j)")
            }
            if lower.isNaN || lower == .infinity {
                throw .nonFiniteNumber(context: "the lower bound \(lower) of \(describe(j))")
            }
            if upper.isNaN || upper == -.infinity {
                throw .nonFiniteNumber(context: "the upper bound \(upper) of \(describe(j))")
            }
            if lower > upper { throw .invertedBounds(entity: describe(j), lower: lower, upper: upper) }
            if columnKind[j] == .binary && (lower < 0 || upper > 1) {
                throw .binaryBoundsOutsideUnitInterval(variable: describe(j), lower: lower, upper: upper)
            }
            if !columnObjective[j].isFinite {
                throw .nonFiniteNumber(context: "the objective coefficient of \(describe(j))")
            }
        }
        for i in 0..<constraintCount {
            if let name = rowName[i] { try validateName(name, entity: "constraint #\(i)") }
            let lower = rowLower[i], upper = rowUpper[i]
            if lower.isNaN || lower == .infinity {
                throw .nonFiniteNumber(context: "the lower side \(lower) of \(describe(row: i))")
            }
            if upper.isNaN || upper == -.infinity {
                throw .nonFiniteNumber(context: "the upper side \(upper) of \(describe(row: i))")
            }
            if lower > upper { throw .invertedBounds(entity: describe(row: i), lower: lower, upper: upper) }
            for k in rowStart[i]..<rowStart[i + 1] {
                let column = entryColumn[k]
                if column < 0 || column >= variableCount {
                    throw .unknownVariable(index: column, context: describe(row: i))
                }
                if !entryValue[k].isFinite {
                    throw .nonFiniteNumber(
                        context: "the coefficient of \(describe(column)) in \(describe(row: i))")
                }
            }
        }
    }
}

/// Checks a user-given name against GLPK's rules.
func validateName(_ name: String, entity: String) throws(LinearProgrammingError) {
    if name.isEmpty { throw .emptyName(entity: entity) }
    let bytes = name.utf8.count
    if bytes > maximumNameLength { throw .nameTooLong(name: name, bytes: bytes) }
    if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        throw .nameContainsControlCharacter(name: name)
    }
}
