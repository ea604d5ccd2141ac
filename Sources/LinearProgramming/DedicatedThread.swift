import Foundation

/// Work on a dedicated OS thread with a large stack: the one way Setka runs work beside the
/// caller (a GLPK solve, the scheduler's second search and its bound, the scenarios of a what-if
/// comparison).
///
/// GLPK keeps its environment per thread and is C code written for big stacks, so every solve
/// runs on a thread of its own; Swift concurrency's cooperative pool could move a job between
/// threads or run two on one.
public final class DedicatedThread<Result: Sendable>: @unchecked Sendable {
    /// Stack size of every dedicated thread: 64 MiB.
    public static var stackSize: Int { 64 << 20 }

    private let lock = NSLock()
    private var result: Result?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `body` at once on a new thread called `name`.
    public init(name: String = "setka", _ body: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let r = body()
            lock.withLock { result = r }
            finished.signal()
        }
        thread.name = name
        thread.stackSize = Self.stackSize
        thread.start()
    }

    /// The result, or nil while the work is still running.
    public var current: Result? { lock.withLock { result } }

    /// Blocks until the work is done and returns its result (again on every call).
    @discardableResult
    public func wait() -> Result {
        finished.wait()
        finished.signal()
        return current!
    }

    /// The result once the work is done, or nil when it is still running after `seconds`: a
    /// caller that waits and meanwhile tells progress or checks whether to stop the work.
    public func wait(seconds: Double) -> Result? {
        guard finished.wait(timeout: .now() + seconds) == .success else { return nil }
        finished.signal()
        return current
    }

    /// Runs every job, each on its own dedicated thread, at most `maxConcurrent` at once (values
    /// below 1 count as 1), and returns their results in the order of `jobs`. Blocks the caller
    /// until all are done.
    public static func run(_ jobs: [@Sendable () -> Result], maxConcurrent: Int = 2, name: String = "setka-job")
        -> [Result] {
        let slots = DispatchSemaphore(value: max(1, maxConcurrent))
        var threads: [DedicatedThread<Result>] = []
        for (i, job) in jobs.enumerated() {
            slots.wait()
            threads.append(DedicatedThread(name: "\(name)-\(i)") {
                defer { slots.signal() }
                return job()
            })
        }
        return threads.map { $0.wait() }
    }
}
