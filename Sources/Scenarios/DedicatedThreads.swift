import Foundation

/// Runs jobs on dedicated OS threads, at most `maxConcurrent` at once.
///
/// GLPK keeps its environment per thread, so each solve gets a thread of its own (with a large
/// stack: the solvers recurse); Swift concurrency's cooperative pool could move a job between
/// threads or run two on one. Results come back in the order of `jobs`.
public enum DedicatedThreads {
    /// Stack size of each job's thread: 64 MiB.
    public static let stackSize = 64 << 20

    /// Runs every job and returns their results in order. Blocks the caller until all are done.
    public static func run<T: Sendable>(_ jobs: [@Sendable () -> T], maxConcurrent: Int = 2) -> [T] {
        guard !jobs.isEmpty else { return [] }
        let box = ResultBox<T>(count: jobs.count)
        let slots = DispatchSemaphore(value: max(1, maxConcurrent))
        let done = DispatchGroup()
        for (i, job) in jobs.enumerated() {
            slots.wait()
            done.enter()
            let thread = Thread {
                box.set(i, job())
                slots.signal()
                done.leave()
            }
            thread.stackSize = stackSize
            thread.name = "setka-scenario-\(i)"
            thread.start()
        }
        done.wait()
        return box.values()
    }
}

/// Results written from several threads, read once all are done.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); items[i] = value; lock.unlock() }
    func values() -> [T] { lock.lock(); defer { lock.unlock() }; return items.map { $0! } }
}
