import Foundation
import Testing
@testable import LinearProgramming

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body` with file descriptor 1 redirected to a temporary file and returns what was written.
func capturingStandardOutput(_ body: () throws -> Void) rethrows -> String {
    fflush(nil)
    var template = Array("/tmp/lp-stdout-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    precondition(fd >= 0)
    let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let saved = dup(1)
    dup2(fd, 1)
    defer {
        fflush(nil)
        dup2(saved, 1)
        close(saved)
        close(fd)
        unlink(path)
    }
    try body()
    fflush(nil)
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

@Suite struct RobustnessTests {
    @Test func invalidGLPKCallIsCaughtAndProcessSurvives() throws {
        let error = try #require(Solver.provokeGLPKError())
        guard case .glpkError(let message) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(message.contains("glp_add_rows"))
        #expect(message.contains("invalid number of rows"))
        // Twice in a row on the same thread, then a normal solve still works there.
        #expect(Solver.provokeGLPKError() != nil)
        var model = Model(sense: .maximize)
        let x = model.addVariable(upper: 2, objective: 1)
        let s = try Solver.solve(model)
        #expect(s.value(of: x) == 2)
    }

    @Test func solverChatterGoesToTheLogNotToStdout() throws {
        let (model, _) = hardKnapsack(items: 40)
        var solution: Solution?
        let output = try capturingStandardOutput {
            solution = try Solver.solve(model, options: SolverOptions(timeLimit: 0.2))
        }
        let log = try #require(solution?.log)
        #expect(log.contains("obj ="))  // simplex progress
        #expect(log.contains("mip ="))  // branch-and-bound progress
        // Other tests may print concurrently; GLPK's own lines must not be there.
        #expect(!output.contains("obj ="))
        #expect(!output.contains("mip ="))
        #expect(!output.contains("GLPK"))
    }

    @Test func logIsBoundedKeepingTheTail() throws {
        let (model, _) = hardKnapsack()
        var options = SolverOptions(timeLimit: 0.3)
        options.logLevel = .all
        options.logCapacity = 300
        let s = try Solver.solve(model, options: options)
        #expect(s.log.utf8.count <= 300)
        #expect(s.logTruncated)
        #expect(s.log.contains("TIME LIMIT EXCEEDED"))
    }

    @Test func twoSolvesOnTwoThreadsAtOnce() throws {
        let (hard, _) = hardKnapsack(items: 60, seed: 3)
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var solutions: [Int: Solution] = [:]
            var errors: [any Error] = []
        }
        let results = Results()
        let group = DispatchGroup()
        for index in 0..<2 {
            group.enter()
            let thread = Thread {
                do {
                    var model = hard
                    if index == 1 { model = hard; model.sense = .minimize }
                    let s = try Solver.solve(model, options: SolverOptions(timeLimit: 0.4))
                    results.lock.withLock { results.solutions[index] = s }
                } catch {
                    results.lock.withLock { results.errors.append(error) }
                }
                group.leave()
            }
            thread.stackSize = Solver.dedicatedThreadStackSize
            thread.start()
        }
        group.wait()
        #expect(results.errors.isEmpty)
        let max = try #require(results.solutions[0])
        let min = try #require(results.solutions[1])
        #expect(max.status.hasSolution)
        #expect(min.status == .optimal)
        #expect(min.objective == 0)  // taking nothing
        #expect(try #require(max.objective) > 0)
    }

    @Test func solveOnDedicatedThreadAndSolveAll() async throws {
        var models: [Model] = []
        for capacity in [3.0, 5.0, 7.0, -1.0] {
            var model = Model(sense: .maximize)
            let x = model.addVariable(upper: 10, kind: .integer, objective: 1)
            model.add(2 * x <= capacity)
            models.append(model)
        }
        let single = try await Solver.solveOnDedicatedThread(models[1])
        #expect(single.objective == 2)

        let results = await Solver.solveAll(models, parallelism: 2)
        let objectives = results.map { try? $0.get().objective }
        #expect(objectives == [1, 2, 3, nil])
        #expect(try results[3].get().status == .infeasible)

        var bad = Model()
        bad.addVariable(lower: 1, upper: 0)
        await #expect(throws: LinearProgrammingError.invertedBounds(entity: "variable #0", lower: 1, upper: 0)) {
            try await Solver.solveOnDedicatedThread(bad)
        }
        let mixed = await Solver.solveAll([bad, models[0]], parallelism: 0)
        #expect(throws: LinearProgrammingError.self) { try mixed[0].get() }
        #expect(try mixed[1].get().objective == 1)
    }

    @Test("a timed wait is nil while the work runs, then its result, as often as asked")
    func dedicatedThreadTimedWait() {
        let release = DispatchSemaphore(value: 0)
        let job = DedicatedThread { release.wait(); return 42 }
        #expect(job.wait(seconds: 0.05) == nil)
        #expect(job.current == nil)
        release.signal()
        #expect(job.wait(seconds: 60) == 42)
        #expect(job.wait(seconds: 0) == 42)
        #expect(job.wait() == 42)
    }

    @Test func glpkVersionIsFive() {
        #expect(Solver.glpkVersion.hasPrefix("5."))
    }
}

@Suite struct MinCostFlowTests {
    /// Two sources, two sinks, a transshipment node; optimum computed by hand.
    @Test func knownOptimum() throws {
        var net = MinCostFlow()
        let s1 = net.addNode(supply: 4)
        let s2 = net.addNode(supply: 2)
        let hub = net.addNode()
        let t1 = net.addNode(supply: -3)
        let t2 = net.addNode(supply: -3)
        let a = net.addArc(from: s1, to: t1, upper: 2, cost: 1)
        let b = net.addArc(from: s1, to: hub, upper: 10, cost: 2)
        let c = net.addArc(from: s2, to: hub, upper: 10, cost: 1)
        let d = net.addArc(from: hub, to: t1, upper: 10, cost: 3)
        let e = net.addArc(from: hub, to: t2, upper: 10, cost: 1)
        let f = net.addArc(from: s2, to: t2, lower: 1, upper: 1, cost: 5)
        let sol = try net.solve()
        #expect(sol.status == .optimal)
        // s1→t1: 2 (2), s1→hub: 2 (4), s2→hub: 1 (1), s2→t2: 1 (5), hub→t1: 1 (3), hub→t2: 2 (2) = 17
        #expect(sol.totalCost == 17)
        #expect(sol.flow(on: a) == 2)
        #expect(sol.flow(on: f) == 1)
        #expect(sol.flow(on: b)! + sol.flow(on: c)! == sol.flow(on: d)! + sol.flow(on: e)!)
        #expect(sol.flow(on: d) == 1)
        #expect(sol.flow(on: e) == 2)
    }

    @Test func infeasibleNetwork() throws {
        var net = MinCostFlow()
        let s = net.addNode(supply: 5)
        let t = net.addNode(supply: -5)
        net.addArc(from: s, to: t, upper: 3, cost: 1)
        let sol = try net.solve()
        #expect(sol.status == .infeasible)
        #expect(sol.totalCost == nil)
        #expect(sol.flows.isEmpty)
    }

    @Test func bothAlgorithmsAgreeWhenRelax4IsAvailable() throws {
        var net = MinCostFlow()
        let s = net.addNode(supply: 3)
        let m = net.addNode()
        let t = net.addNode(supply: -3)
        net.addArc(from: s, to: t, upper: 1, cost: 5)
        net.addArc(from: s, to: m, upper: 5, cost: 1)
        net.addArc(from: m, to: t, upper: 2, cost: 1)
        let okalg = try net.solve(algorithm: .outOfKilter)
        #expect(okalg.totalCost == 9)  // 2 via m (cost 2 each) + 1 direct (5)
        #expect(okalg.algorithm == .outOfKilter)
        if MinCostFlow.isRelax4Available {
            #expect(try net.solve(algorithm: .relax4).totalCost == 9)
        } else {
            // A GLPK built with RELAX-IV disabled fails fatally; the shim recovers.
            #expect(throws: LinearProgrammingError.self) { try net.solve(algorithm: .relax4) }
            #expect(try net.solve().algorithm == .outOfKilter)
        }
    }

    @Test func invalidNetworksAreRejected() {
        var net = MinCostFlow()
        let s = net.addNode(supply: 1)
        net.addArc(from: s, to: s, upper: 1, cost: 0)
        #expect(throws: LinearProgrammingError.invalidFlowNetwork(reason: "arc #0 is a loop at node #0")) {
            try net.solve()
        }
        var other = MinCostFlow()
        let a = other.addNode()
        let b = other.addNode()
        other.addArc(from: a, to: b, lower: 3, upper: 2, cost: 1)
        #expect(
            throws: LinearProgrammingError.invalidFlowNetwork(
                reason: "arc #0 has lower bound 3 greater than upper bound 2")
        ) { try other.solve() }
        var big = MinCostFlow()
        big.addNode(supply: Int.max)
        #expect(throws: LinearProgrammingError.self) { try big.solve() }
    }
}
