import Foundation
import SetkaModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM (what `timeout`, CI and systemd send), handled alike.
///
/// The first signal asks the running search to stop (`Interrupts.requested`): it returns the
/// best timetable found so far, which is checked and written as usual. A second signal quits at
/// once with 130 (SIGINT) or 143 (SIGTERM): result folders being written are dropped (the swap
/// of one under way finishes first), so the old results stay as they were and nothing is left
/// half-written. Commands without a search (`report`) quit at the first signal the same way.
///
/// The signal handler only sets atomics and writes a byte to a pipe (async-signal-safe); a
/// watcher thread does the rest.
enum Interrupts {
    /// Whether a first signal asked the searches to stop.
    static var requested: Bool { stopRequested.load(ordering: .relaxed) }

    /// `requested`, as the closures the libraries take.
    static let shouldStop: @Sendable () -> Bool = { stopRequested.load(ordering: .relaxed) }

    /// Installs the handlers (once). With `firstStops` false the first signal already quits.
    static func install(firstStops: Bool = true, quiet: Bool = false) {
        guard !installed.exchange(true, ordering: .relaxed) else { return }
        quitAtFirst.store(!firstStops, ordering: .relaxed)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        wakeFD.store(fds[1], ordering: .relaxed)
        let readFD = fds[0]
        let watcher = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(readFD, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                let signal = Int32(byte)
                if signalCount.load(ordering: .relaxed) >= 2 || quitAtFirst.load(ordering: .relaxed) {
                    ResultFolderWriter.discardAllInProgress()
                    FileHandle.standardError.write(Data("\n\(name(signal)): quitting at once; nothing more was written.\n".utf8))
                    _exit(128 + signal)
                }
                if !quiet {
                    FileHandle.standardError.write(Data(
                        "\n\(name(signal)): stopping the search; the best timetable found so far is checked and written (press Ctrl-C again to quit at once, writing nothing)\n".utf8))
                }
            }
        }
        watcher.name = "setka-signals"
        watcher.start()
        // A parent may start us with these signals blocked (the mask is inherited across exec:
        // some CI runners and test harnesses do): unblock them, or the handler never runs.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for s in [SIGINT, SIGTERM] {
            signal(s) { sig in
                signalCount.add(1, ordering: .relaxed)
                stopRequested.store(true, ordering: .relaxed)
                var byte = UInt8(truncatingIfNeeded: sig)
                _ = write(wakeFD.load(ordering: .relaxed), &byte, 1)
            }
        }
    }

    static func name(_ signal: Int32) -> String {
        signal == SIGTERM ? "terminated (SIGTERM)" : "interrupted (Ctrl-C)"
    }
}

private let stopRequested = Atomic<Bool>(false)
private let installed = Atomic<Bool>(false)
private let quitAtFirst = Atomic<Bool>(false)
private let signalCount = Atomic<Int>(0)
private let wakeFD = Atomic<Int32>(-1)
