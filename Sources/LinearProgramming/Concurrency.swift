import CGLPK
import Foundation

extension Solver {
    /// Stack size of the dedicated solver threads (GLPK is C code written for big stacks).
    public static var dedicatedThreadStackSize: Int { DedicatedThread<Void>.stackSize }

    /// Solves `model` on a new ``DedicatedThread`` and resumes when it is done, so GLPK never
    /// blocks a thread of Swift's cooperative pool.
    ///
    /// A running solve cannot be cancelled; ``SolverOptions/timeLimit`` bounds it.
    public static func solveOnDedicatedThread(
        _ model: Model, options: SolverOptions = SolverOptions()
    ) async throws(LinearProgrammingError) -> Solution {
        let result: Result<Solution, LinearProgrammingError> = await withCheckedContinuation { continuation in
            _ = DedicatedThread(name: "setka.glpk") {
                continuation.resume(returning: Result { () throws(LinearProgrammingError) -> Solution in
                    try solve(model, options: options)
                })
            }
        }
        return try result.get()
    }

    /// Solves several models, each on its own dedicated thread, at most `parallelism` at a
    /// time (values below 1 count as 1). Results are in the order of `models`.
    public static func solveAll(
        _ models: [Model], options: SolverOptions = SolverOptions(), parallelism: Int = 2
    ) async -> [Result<Solution, LinearProgrammingError>] {
        let width = max(1, parallelism)
        var results = [Result<Solution, LinearProgrammingError>?](repeating: nil, count: models.count)
        await withTaskGroup(of: (Int, Result<Solution, LinearProgrammingError>).self) { group in
            var next = 0
            func launch() {
                let index = next
                let model = models[index]
                next += 1
                group.addTask {
                    do throws(LinearProgrammingError) {
                        return (index, .success(try await solveOnDedicatedThread(model, options: options)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            while next < models.count && next < width { launch() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < models.count { launch() }
            }
        }
        return results.map { $0! }
    }

    /// The version of the linked GLPK library, e.g. "5.0".
    public static var glpkVersion: String { String(cString: cglpk_version()) }

    /// Makes a deliberately invalid GLPK call under the shim's protection and returns the
    /// recovered error (for tests of the recovery path).
    static func provokeGLPKError() -> LinearProgrammingError? {
        var buffer = [CChar](repeating: 0, count: 1024)
        let code = buffer.withUnsafeMutableBufferPointer { cglpk_provoke_error($0.baseAddress, $0.count) }
        guard code == CGLPK_GLPK_ERROR else { return nil }
        let message = buffer.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return .glpkError(message: message)
    }
}
