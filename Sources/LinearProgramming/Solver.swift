import CGLPK

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Solves ``Model``s with GLPK.
///
/// Each solve is one self-contained GLPK session (create → load → solve → read → delete) run
/// synchronously on the calling thread by the C shim, which recovers from GLPK's fatal errors
/// and captures all of its output. Use ``solveOnDedicatedThread(_:options:)`` from async code.
public enum Solver {
    /// Solves `model` synchronously on the calling thread.
    ///
    /// - Throws: ``LinearProgrammingError`` for invalid models/options (checked before GLPK is
    ///   called) or when GLPK reports a fatal error. Infeasible, unbounded or time-limited
    ///   outcomes are not errors: see ``Solution/status``.
    public static func solve(
        _ model: Model, options: SolverOptions = SolverOptions()
    ) throws(LinearProgrammingError) -> Solution {
        let elapsed = secondsSince()
        try model.validate()
        try options.validate()

        // Integer columns get integral bounds (GLPK requires them); an empty domain is infeasible.
        var lower = model.columnLower
        var upper = model.columnUpper
        let isMIP = model.isMixedInteger
        for j in 0..<model.variableCount where model.columnKind[j] != .continuous {
            if lower[j].isFinite { lower[j] = (lower[j] - 1e-9).rounded(.up) + 0 }  // + 0 turns -0 into 0
            if upper[j].isFinite { upper[j] = (upper[j] + 1e-9).rounded(.down) + 0 }
            if lower[j] > upper[j] {
                let note = "\(model.describe(j)) is integer but has no integer value in "
                    + "[\(model.columnLower[j]), \(model.columnUpper[j])]; GLPK was not called.\n"
                return Solution(
                    status: .infeasible, objective: nil, bound: nil, values: [], duals: nil,
                    reducedCosts: nil, returnCode: .success, glpkStatus: .noFeasible, isMixedInteger: true,
                    iterations: 0, nodes: 0, initialSolutionAccepted: nil, seconds: elapsed(),
                    log: note, logTruncated: false)
            }
        }

        var incumbent: [Double]? = nil
        if isMIP, let initial = options.initialSolution {
            incumbent = try checkedIncumbent(initial, model: model, lower: lower, upper: upper)
        }

        let raw = try runShim(model: model, lower: lower, upper: upper, options: options, incumbent: incumbent)
        return solution(raw, seconds: elapsed())
    }

    static func solution(_ raw: RawResult, seconds: Double) -> Solution {
        let status = mapStatus(raw)
        let hasSolution = status.hasSolution
        return Solution(
            status: status,
            objective: hasSolution ? raw.objective : nil,
            bound: raw.bound,
            values: hasSolution ? raw.values : [],
            duals: hasSolution && !raw.isMIP ? raw.rowDuals : nil,
            reducedCosts: hasSolution && !raw.isMIP ? raw.colDuals : nil,
            returnCode: GLPKReturnCode(rawValue: raw.code),
            glpkStatus: GLPKStatus(rawValue: raw.status),
            isMixedInteger: raw.isMIP,
            iterations: raw.iterations,
            nodes: raw.nodes,
            initialSolutionAccepted: raw.incumbentUsed < 0 ? nil : raw.incumbentUsed == 1,
            seconds: seconds,
            log: raw.log,
            logTruncated: raw.logTruncated)
    }

    /// Solves the linear relaxation of `model`, then again each time `next` answers a solution
    /// with new objective coefficients (one per variable, in variable order), from the last
    /// optimal basis: GLPK's primal simplex in one session, which after a change of the
    /// objective alone needs a few pivots where a fresh solve needs thousands (a Lagrangian
    /// bound's flow LP). `next` sees only optimal solutions; nil ends. `options.timeLimit`
    /// applies to each solve; `options.method` and `presolve` are not used (primal simplex, no
    /// presolver: it would drop the basis). Returns the last solution.
    ///
    /// - Throws: as ``solve(_:options:)``, and ``LinearProgrammingError/nonFiniteNumber(context:)``
    ///   when `next` answers a coefficient that is not finite or the wrong number of them.
    public static func reoptimize(
        _ model: Model, options: SolverOptions = SolverOptions(), next: @escaping (Solution) -> [Double]?
    ) throws(LinearProgrammingError) -> Solution {
        let elapsed = secondsSince()
        let relaxed = model.linearRelaxation()
        try relaxed.validate()
        try options.validate()
        let n = relaxed.variableCount, m = relaxed.constraintCount
        let box = ObjectiveBox(columns: n, rows: m) { raw in next(solution(raw, seconds: elapsed())) }
        let raw = try withExtendedLifetime(box) { () throws(LinearProgrammingError) -> RawResult in
            try withShim(model: relaxed, lower: relaxed.columnLower, upper: relaxed.columnUpper,
                         options: options, incumbent: nil) { cModel, cOptions, result in
                cglpk_reoptimize(&cModel, &cOptions, { context, result, objective in
                    guard let context, let result, let objective else { return 0 }
                    let box = Unmanaged<ObjectiveBox>.fromOpaque(context).takeUnretainedValue()
                    return box.next(result.pointee, into: objective) ? 1 : 0
                }, Unmanaged.passUnretained(box).toOpaque(), &result)
            }
        }
        if let bad = box.rejected { throw .nonFiniteNumber(context: bad) }
        return solution(raw, seconds: elapsed())
    }

    /// Checks an initial solution and returns it as a full, rounded column vector.
    static func checkedIncumbent(
        _ initial: [Variable: Double], model: Model, lower: [Double], upper: [Double]
    ) throws(LinearProgrammingError) -> [Double] {
        let tolerance = 1e-6
        var vector = [Double](repeating: .nan, count: model.variableCount)
        for (variable, value) in initial {
            guard model.contains(variable) else {
                throw .unknownVariable(index: variable.index, context: "the initial solution")
            }
            guard value.isFinite else {
                throw .nonFiniteNumber(context: "the initial value of \(model.describe(variable.index))")
            }
            vector[variable.index] = value
        }
        for j in 0..<model.variableCount {
            var value = vector[j]
            if value.isNaN {
                throw .invalidInitialSolution(reason: "no value for \(model.describe(j))")
            }
            if model.columnKind[j] != .continuous {
                let rounded = value.rounded()
                if abs(rounded - value) > tolerance {
                    throw .invalidInitialSolution(reason: "\(model.describe(j)) is integer but has value \(value)")
                }
                value = rounded
            }
            if value < lower[j] - tolerance || value > upper[j] + tolerance {
                throw .invalidInitialSolution(
                    reason: "\(model.describe(j)) = \(value) is outside its bounds [\(lower[j]), \(upper[j])]")
            }
            vector[j] = min(max(value, lower[j]), upper[j])
        }
        let activities = model.rowActivities(vector)
        for i in 0..<model.constraintCount {
            let a = activities[i], lo = model.rowLower[i], up = model.rowUpper[i]
            if a < lo - tolerance * max(1, abs(lo)) || a > up + tolerance * max(1, abs(up)) {
                throw .invalidInitialSolution(
                    reason: "\(model.describe(row: i)) is violated: activity \(a) outside [\(lo), \(up)]")
            }
        }
        return vector
    }

    // MARK: - Shim call

    struct RawResult {
        var code: Int32
        var stage: Int32
        var status: Int32
        var isMIP: Bool
        var hasObjective: Bool
        var objective: Double
        var bound: Double?
        var values: [Double]
        var rowDuals: [Double]
        var colDuals: [Double]
        var iterations: Int
        var nodes: Int
        var incumbentUsed: Int32
        var log: String
        var logTruncated: Bool
    }

    static func runShim(
        model: Model, lower: [Double], upper: [Double], options: SolverOptions, incumbent: [Double]?
    ) throws(LinearProgrammingError) -> RawResult {
        try withShim(model: model, lower: lower, upper: upper, options: options, incumbent: incumbent) {
            cglpk_solve(&$0, &$1, &$2)
        }
    }

    /// The shim's result as Swift values (the log is read separately: it is only final at the end).
    static func raw(_ result: cglpk_result, columns n: Int, rows m: Int, log: String) -> RawResult {
        RawResult(
            code: result.glpk_code,
            stage: result.stage,
            status: result.status,
            isMIP: result.is_mip != 0,
            hasObjective: result.has_objective != 0,
            objective: result.objective,
            bound: result.has_bound != 0 ? result.bound : nil,
            values: Array(UnsafeBufferPointer(start: result.col_values, count: n)),
            rowDuals: Array(UnsafeBufferPointer(start: result.row_duals, count: m)),
            colDuals: Array(UnsafeBufferPointer(start: result.col_duals, count: n)),
            iterations: Int(result.iterations),
            nodes: Int(result.nodes),
            incumbentUsed: result.incumbent_used,
            log: log,
            logTruncated: result.log_truncated != 0)
    }

    /// Copies `model` and `options` into the shim's C structures, runs `call` on them with a
    /// result whose buffers fit the model, and reads the result back.
    static func withShim(
        model: Model, lower: [Double], upper: [Double], options: SolverOptions, incumbent: [Double]?,
        _ call: (inout cglpk_model, inout cglpk_options, inout cglpk_result) -> Int32
    ) throws(LinearProgrammingError) -> RawResult {
        let n = model.variableCount, m = model.constraintCount
        let kinds: [Int32] = model.columnKind.map {
            switch $0 {
            case .continuous: return Int32(CGLPK_CONTINUOUS)
            case .integer: return Int32(CGLPK_INTEGER)
            case .binary: return Int32(CGLPK_BINARY)
            }
        }
        let rowStart = model.rowStart.map { Int32($0) }
        let entryColumn = model.entryColumn.map { Int32($0) }

        var arena = CArena()
        defer { arena.release() }
        let columnNames = arena.cStrings(model.columnName)
        let rowNames = arena.cStrings(model.rowName)

        var cModel = cglpk_model()
        cModel.rows = Int32(m)
        cModel.cols = Int32(n)
        cModel.maximize = model.sense == .maximize ? 1 : 0
        cModel.objective_constant = model.objectiveConstant
        cModel.col_lower = arena.copy(lower)
        cModel.col_upper = arena.copy(upper)
        cModel.col_objective = arena.copy(model.columnObjective)
        cModel.col_kind = arena.copy(kinds)
        cModel.col_names = columnNames
        cModel.row_lower = arena.copy(model.rowLower)
        cModel.row_upper = arena.copy(model.rowUpper)
        cModel.row_names = rowNames
        cModel.row_start = arena.copy(rowStart)
        cModel.entry_col = arena.copy(entryColumn)
        cModel.entry_value = arena.copy(model.entryValue)

        var cOptions = cglpk_options()
        cOptions.time_limit_ms = options.timeLimitMilliseconds
        cOptions.use_interior = options.method == .interiorPoint ? 1 : 0
        cOptions.primal_simplex = options.method == .primalSimplex ? 1 : 0
        cOptions.presolve = options.presolve ? 1 : 0
        cOptions.mip_gap = options.relativeGap
        cOptions.gomory_cuts = options.cuts.contains(.gomory) ? 1 : 0
        cOptions.mir_cuts = options.cuts.contains(.mixedIntegerRounding) ? 1 : 0
        cOptions.cover_cuts = options.cuts.contains(.cover) ? 1 : 0
        cOptions.clique_cuts = options.cuts.contains(.clique) ? 1 : 0
        cOptions.feasibility_pump = options.feasibilityPump ? 1 : 0
        cOptions.proximity_search = options.proximitySearch ? 1 : 0
        cOptions.branching = options.branching.rawValue
        cOptions.backtracking = options.backtracking.rawValue
        cOptions.incumbent = incumbent.map { arena.copy($0) } ?? nil
        cOptions.root_at_incumbent = options.rootStartsAtInitialSolution ? 1 : 0
        if let stop = options.stopAtObjectiveBetterThan {
            cOptions.has_stop_objective = 1
            cOptions.stop_objective = stop
        }
        cOptions.message_level = options.logLevel.rawValue
        cOptions.node_limit = options.nodeLimit.map { Int32(clamping: $0) } ?? 0
        // The caller's stop flag, reached from GLPK's branch-and-bound callback through a box
        // that lives until the shim returns.
        let stopBox = options.shouldStop.map(StopBox.init)
        if let stopBox {
            cOptions.stop_needs_solution = options.stopNeedsSolution ? 1 : 0
            cOptions.stop_context = Unmanaged.passUnretained(stopBox).toOpaque()
            cOptions.should_stop = { context in
                guard let context else { return 0 }
                return Unmanaged<StopBox>.fromOpaque(context).takeUnretainedValue().ask() ? 1 : 0
            }
        }
        defer { withExtendedLifetime(stopBox) {} }
        let boundBox = options.boundImproved.map(BoundBox.init)
        if let boundBox {
            cOptions.bound_context = Unmanaged.passUnretained(boundBox).toOpaque()
            cOptions.bound_changed = { context, bound in
                guard let context else { return }
                Unmanaged<BoundBox>.fromOpaque(context).takeUnretainedValue().tell(bound)
            }
        }
        defer { withExtendedLifetime(boundBox) {} }

        let values = arena.allocate(Double.self, count: n)
        let rowDuals = arena.allocate(Double.self, count: m)
        let colDuals = arena.allocate(Double.self, count: n)
        let logCapacity = options.logCapacity > 0 ? options.logCapacity + 1 : 0
        let logBuffer = arena.allocate(CChar.self, count: logCapacity)

        var result = cglpk_result()
        result.col_values = values
        result.row_duals = rowDuals
        result.col_duals = colDuals
        result.log = logBuffer
        result.log_capacity = logCapacity

        let code = call(&cModel, &cOptions, &result)
        let log = logCapacity > 0 ? String(decoding: UnsafeBufferPointer(start: logBuffer, count: Int(result.log_length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        switch code {
        case CGLPK_OK:
            break
        case CGLPK_GLPK_ERROR:
            throw .glpkError(message: message(of: &result))
        case CGLPK_NO_MEMORY:
            throw .internalFailure(reason: "out of memory in the GLPK shim")
        default:
            throw .internalFailure(reason: "the GLPK shim rejected its arguments (code \(code))")
        }
        return raw(result, columns: n, rows: m, log: log)
    }

    static func message(of result: inout cglpk_result) -> String {
        withUnsafeBytes(of: &result.message) { bytes in
            let prefix = bytes.prefix { $0 != 0 }
            return String(decoding: prefix, as: UTF8.self)
        }
    }

    /// Translates the shim's (stage, GLPK return code, GLPK status) into a ``SolutionStatus``.
    static func mapStatus(_ raw: RawResult) -> SolutionStatus {
        let code = GLPKReturnCode(rawValue: raw.code)
        let status = GLPKStatus(rawValue: raw.status)
        switch raw.stage {
        case Int32(CGLPK_STAGE_SIMPLEX), Int32(CGLPK_STAGE_INTERIOR):
            // For a MIP this is the root relaxation that was not solved to optimality.
            switch code {
            case .success:
                switch status {
                case .optimal: return raw.isMIP ? .failed : .optimal
                case .feasible: return raw.isMIP ? .failed : .feasible
                case .noFeasible, .infeasible: return .infeasible
                case .unbounded: return .unbounded
                default: return .failed
                }
            case .timeLimitExceeded, .iterationLimitExceeded:
                if !raw.isMIP && status == .feasible && raw.hasObjective {
                    return code == .timeLimitExceeded ? .timeLimitWithSolution : .feasible
                }
                return code == .timeLimitExceeded ? .timeLimitNoSolution : .failed
            case .noPrimalFeasibleSolution: return .infeasible
            case .noDualFeasibleSolution, .noFeasibleSolution: return .infeasibleOrUnbounded
            default: return .failed
            }
        case Int32(CGLPK_STAGE_INTOPT):
            let found = status == .feasible || status == .optimal
            switch code {
            case .success:
                switch status {
                case .optimal: return .optimal
                case .feasible: return .feasible
                case .noFeasible: return .infeasible
                default: return .failed
                }
            case .relativeGapReached: return found ? .optimalWithinGap : .failed
            case .timeLimitExceeded: return found ? .timeLimitWithSolution : .timeLimitNoSolution
            case .stoppedByApplication: return found ? .stoppedWithSolution : .stoppedNoSolution
            case .noPrimalFeasibleSolution: return .infeasible
            case .noDualFeasibleSolution: return .infeasibleOrUnbounded
            default: return found ? .feasible : .failed
            }
        default:
            return .failed
        }
    }
}

/// A clock started now: each call answers the seconds since (a solve's `seconds`).
func secondsSince() -> () -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    return {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// `Solver.reoptimize`'s `next`, for the shim's C callback.
final class ObjectiveBox {
    let columns: Int
    let rows: Int
    let ask: (Solver.RawResult) -> [Double]?
    /// Why an answer was refused (then the session ended).
    var rejected: String?

    init(columns: Int, rows: Int, ask: @escaping (Solver.RawResult) -> [Double]?) {
        self.columns = columns
        self.rows = rows
        self.ask = ask
    }

    /// Asks for the next objective and copies it to `objective`; false ends the session.
    func next(_ result: cglpk_result, into objective: UnsafeMutablePointer<Double>) -> Bool {
        guard let answer = ask(Solver.raw(result, columns: columns, rows: rows, log: "")) else { return false }
        guard answer.count == columns else {
            rejected = "the next objective (\(answer.count) coefficients for \(columns) variables)"
            return false
        }
        guard answer.allSatisfy(\.isFinite) else {
            rejected = "a coefficient of the next objective"
            return false
        }
        for (j, value) in answer.enumerated() { objective[j] = value }
        return true
    }
}

/// The caller's `shouldStop`, for the shim's C callback.
final class StopBox {
    let ask: @Sendable () -> Bool
    init(_ ask: @escaping @Sendable () -> Bool) { self.ask = ask }
}

/// The caller's `boundImproved`, for the shim's C callback.
final class BoundBox {
    let tell: @Sendable (Double) -> Void
    init(_ tell: @escaping @Sendable (Double) -> Void) { self.tell = tell }
}

/// Manually managed C copies of Swift arrays for one shim call.
struct CArena {
    private var blocks: [UnsafeMutableRawPointer] = []
    private var strings: [UnsafeMutablePointer<CChar>] = []

    mutating func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        blocks.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    mutating func copy<T>(_ array: [T]) -> UnsafePointer<T> {
        let pointer = allocate(T.self, count: array.count)
        array.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { pointer.initialize(from: base, count: buffer.count) }
        }
        return UnsafePointer(pointer)
    }

    /// A C array of C strings (NULL entries for nil names), or nil if every name is nil.
    mutating func cStrings(_ names: [String?]) -> UnsafePointer<UnsafePointer<CChar>?>? {
        guard names.contains(where: { $0 != nil }) else { return nil }
        let array = allocate(UnsafePointer<CChar>?.self, count: names.count)
        for (index, name) in names.enumerated() {
            if let name, let duplicate = strdup(name) {
                strings.append(duplicate)
                (array + index).initialize(to: UnsafePointer(duplicate))
            } else {
                (array + index).initialize(to: nil)
            }
        }
        return UnsafePointer(array)
    }

    mutating func release() {
        for block in blocks { block.deallocate() }
        for string in strings { free(string) }
        blocks = []
        strings = []
    }
}
