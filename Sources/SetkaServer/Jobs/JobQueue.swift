import Foundation
import Synchronization

/// Runs jobs in the background: each on a dedicated thread (GLPK keeps its state per thread, and
/// a solve must not hold one of Swift's few cooperative threads), at most `slots` at once (one
/// solve per core), the rest queued in order. Progress lives in memory (read by the pages and
/// the event stream every second) and is saved to the database every few seconds; the result
/// folder is written under `work/` and moved to `runs/<id>/` whole when the job ends.
public final class JobQueue: Sendable {
    let store: Store
    /// Solves at once.
    public let slots: Int

    /// A job that has started: its cancel flag and latest progress.
    final class Running: Sendable {
        let id: String
        let started = Date()
        let stop = Atomic<Bool>(false)
        let progress = Mutex<RunProgress?>(nil)
        let saved = Mutex<Date>(.distantPast)
        init(id: String) { self.id = id }
    }

    struct State {
        var queue: [String] = []
        var running: [String: Running] = [:]
        /// Set by `shutdown`: nothing more starts.
        var closing = false
        /// Running jobs using a second core lent while no job needs it (`secondCore`).
        var borrowing: Set<String> = []

        /// Whether the running job `id` may use a second core now: while the running jobs and
        /// those already using one fit the `slots`. A job that starts takes its core back (the
        /// borrower's next call says false) and a job that ends gives its own back.
        mutating func lendSecondCore(to id: String, slots: Int) -> Bool {
            borrowing.remove(id)
            guard running[id] != nil, !closing, running.count + borrowing.count + 1 <= slots else { return false }
            borrowing.insert(id)
            return true
        }
    }

    private let state = Mutex(State())

    public init(store: Store, slots: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.store = store
        self.slots = max(1, slots)
    }

    /// Queues runs found queued at start-up, oldest first.
    func resume(_ runs: [RunRecord]) {
        for r in runs { submit(r.id) }
    }

    /// Queues a run already stored as `queued`; starts it when a slot is free.
    public func submit(_ id: String) {
        state.withLock { $0.queue.append(id) }
        startWhatFits()
    }

    /// The latest progress of a running job (nil when it is not running here).
    public func progress(_ id: String) -> RunProgress? {
        state.withLock { $0.running[id] }?.progress.withLock { $0 }
    }

    /// 1 for the next run to start, 2 for the one after…; nil when not queued.
    public func position(_ id: String) -> Int? {
        state.withLock { s in s.queue.firstIndex(of: id).map { $0 + 1 } }
    }

    public var runningCount: Int { state.withLock { $0.running.count } }

    public enum CancelOutcome: Sendable { case cancelledBeforeStart, stopping, notActive }

    /// Cancels a run: a queued run is dropped; a running one is asked to stop and keeps the best
    /// verified result found so far.
    public func cancel(_ id: String) async throws -> CancelOutcome {
        let (wasQueued, running) = state.withLock { s -> (Bool, Running?) in
            if let i = s.queue.firstIndex(of: id) { s.queue.remove(at: i); return (true, nil) }
            return (false, s.running[id])
        }
        if wasQueued {
            _ = try store.cancelQueued(id)
            return .cancelledBeforeStart
        }
        if let running {
            running.stop.store(true, ordering: .relaxed)
            return .stopping
        }
        return .notActive
    }

    /// Whether the running job `id` may use a second core now (a profile day's sub-MIPs, see
    /// `ScheduleOptions.secondCore`; asked before and during each sub-MIP): `State.lendSecondCore`.
    func secondCore(for id: String) -> Bool {
        state.withLock { $0.lendSecondCore(to: id, slots: slots) }
    }

    /// Waits until no job is queued or running (for tests and shutdown).
    public func waitUntilIdle() async {
        while state.withLock({ !$0.queue.isEmpty || !$0.running.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The server is stopping: queued runs stay queued (in the database, for the next start);
    /// running ones stop, keep their best result and are marked interrupted.
    public func shutdown() {
        let running = state.withLock { s -> [Running] in
            s.queue.removeAll()
            s.closing = true
            return Array(s.running.values)
        }
        for r in running { r.stop.store(true, ordering: .relaxed) }
    }

    private func startWhatFits() {
        let starting: [Running] = state.withLock { s in
            var out: [Running] = []
            while !s.closing, s.running.count < slots, !s.queue.isEmpty {
                let id = s.queue.removeFirst()
                let r = Running(id: id)
                s.running[id] = r
                out.append(r)
            }
            return out
        }
        for job in starting {
            let thread = Thread { [self] in
                execute(job)
                state.withLock {
                    _ = $0.running.removeValue(forKey: job.id)
                    _ = $0.borrowing.remove(job.id)
                }
                startWhatFits()
            }
            thread.stackSize = 64 << 20
            thread.name = "setka-run-\(job.id)"
            thread.start()
        }
    }

    /// One job, start to end, on its own thread.
    private func execute(_ job: Running) {
        let folder = store.folder
        do {
            guard let run = try store.runSync(job.id), run.status == .queued,
                  let version = try store.versionSync(run.versionId) else { return }
            try store.markStarted(job.id)
            // Written whole by the engines' ResultFolderWriter when the run ends.
            let out = folder.run(job.id)
            let hooks = EngineCalls.Hooks(progress: { [store] p in
                var p = p
                p.elapsed = Date().timeIntervalSince(job.started)
                job.progress.withLock { $0 = p }
                let due = job.saved.withLock { last -> Bool in
                    guard Date().timeIntervalSince(last) >= 2 else { return false }
                    last = Date()
                    return true
                }
                if due { try? store.saveProgress(job.id, p) }
            }, shouldStop: { job.stop.load(ordering: .relaxed) }, secondCore: { [weak self] in self?.secondCore(for: job.id) ?? false })
            let options = run.decodedOptions
            let scenario = folder.resolve(version.scenarioPath)
            let keep = options.keep.flatMap { Ids.isValid($0) ? folder.run($0) : nil }
            let outcome: EngineCalls.Outcome
            switch run.job {
            case .schedule where options.editOf != nil:
                // An accepted hand edit of a finished run, on the version that run was made for.
                guard let of = options.editOf, Ids.isValid(of), let edit = options.editRequest,
                      let base = try options.editVersion.flatMap(store.versionSync) else {
                    throw EngineCalls.Failure(ru: "нет расчёта или версии данных, к которым относится правка", en: "the hand edit's run or data version is missing")
                }
                outcome = try EngineCalls.edit(edit, source: folder.run(of), base: folder.resolve(base.scenarioPath),
                                               scenarioPath: scenario.path, pin: options.pin ?? false, hooks: hooks, into: out)
            case .schedule where options.imported != nil:
                // A timetable made elsewhere, taken as this run (checked again here).
                outcome = try EngineCalls.importTimetable(folder.importedTimetable(job.id), names: options.imported ?? [],
                                                          scenario: scenario, hooks: hooks, into: out)
            case .schedule:
                outcome = try EngineCalls.schedule(scenario, timeLimit: run.timeLimit, seed: options.seed ?? 1, keep: keep,
                                                   hooks: hooks, into: out)
            case .partner:
                outcome = try EngineCalls.partner(scenario, timeLimit: run.timeLimit, hooks: hooks, into: out)
            case .effect:
                outcome = try EngineCalls.effect(scenario, into: out)
            case .meetings:
                outcome = try EngineCalls.meetings(scenario, timeLimit: run.timeLimit, hooks: hooks, into: out)
            case .advise:
                guard let from = options.from, Ids.isValid(from) else { throw EngineCalls.Failure(ru: "для советов нужно готовое расписание", en: "advice needs a finished timetable") }
                outcome = try EngineCalls.advise(scenario, from: folder.run(from), timeLimit: run.timeLimit, seed: options.seed ?? 1,
                                                 hooks: hooks, into: out)
            case .compare:
                let variants = try store.variantsSync(options.variants ?? [])
                let labels = ["\(version.originalName) (№ \(version.number))"] + variants.map { v in
                    v.origin == VariantRecord.uploadOrigin ? "whatif/" + URL(fileURLWithPath: v.path).lastPathComponent : v.path
                }
                outcome = try EngineCalls.compare(base: scenario, variants: variants.map { folder.resolve($0.path) }, labels: labels,
                                                  sources: { Fmt.compareSources(version, variants, Tr($0)) }, timeLimit: run.timeLimit,
                                                  seed: options.seed ?? 1, keep: keep, cache: folder.cache, hooks: hooks, into: out)
            }
            var last = job.progress.withLock { $0 }
            last?.elapsed = Date().timeIntervalSince(job.started)
            let closing = state.withLock { $0.closing }
            let status: RunStatus = outcome.stopped ? (closing ? .interrupted : .cancelled) : .done
            let message: String? = switch status {
            case .cancelled: "cancelled: the best verified result found until then is kept"
            case .interrupted: "interrupted: the server stopped; the best verified result found until then is kept"
            default: outcome.note
            }
            try store.finish(job.id, status: status, summary: outcome.summary, message: message, hasResults: true, progress: last)
        } catch {
            let message: String
            var russian: String?
            if let failure = error as? EngineCalls.Failure { message = failure.description; russian = failure.russian }
            else {
                message = "the run could not be completed: \(error.localizedDescription)"
                russian = "расчёт не удалось завершить: \(error.localizedDescription)"
            }
            try? store.finish(job.id, status: .failed, summary: nil, message: message, messageRu: russian, hasResults: false, progress: nil)
        }
    }
}
