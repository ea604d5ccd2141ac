import Foundation

/// Runs GLPK jobs on two dedicated threads with large stacks (GLPK keeps its environment per
/// thread and recurses deeply), each thread taking the next job when it is done; results in job
/// order. Blocks the caller. A job is told how many jobs (itself included) have not started
/// yet, so it can take its fair share of the time left.
enum BoundJobs {
    static let threads = 2
    static let stackSize = 64 << 20

    static func run<T: Sendable>(_ jobs: [@Sendable (_ waiting: Int) -> T]) -> [T] {
        guard !jobs.isEmpty else { return [] }
        let queue = Queue(jobs)
        let finished = DispatchGroup()
        for n in 0..<min(threads, jobs.count) {
            finished.enter()
            let worker = Thread {
                while let (i, job, waiting) = queue.next() { queue.store(i, job(waiting)) }
                finished.leave()
            }
            worker.stackSize = stackSize
            worker.name = "setka-meetings-bound-\(n)"
            worker.start()
        }
        finished.wait()
        return queue.results()
    }

    /// The jobs not yet taken and the results so far, behind a lock.
    private final class Queue<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private let jobs: [@Sendable (Int) -> T]
        private var taken = 0
        private var done: [T?]
        init(_ jobs: [@Sendable (Int) -> T]) { self.jobs = jobs; done = Array(repeating: nil, count: jobs.count) }
        func next() -> (Int, @Sendable (Int) -> T, Int)? {
            lock.lock(); defer { lock.unlock() }
            guard taken < jobs.count else { return nil }
            taken += 1
            return (taken - 1, jobs[taken - 1], jobs.count - taken + 1)
        }
        func store(_ i: Int, _ value: T) { lock.lock(); done[i] = value; lock.unlock() }
        func results() -> [T] { lock.lock(); defer { lock.unlock() }; return done.map { $0! } }
    }
}
