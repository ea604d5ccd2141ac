import Foundation

/// What a run of the `setka` binary printed and how it exited.
struct CLIResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `setka` binary as a subprocess (for tests of the command line).
enum CLIRunner {
    /// The package root, from this source file's path (`Tests/CLITests/CLIRunner.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `setka` executable: `$SETKA_BINARY` if set, else next to the test bundle (the products
    /// directory), else `.build/debug/setka` under the package root.
    static let binary: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SETKA_BINARY"] { candidates.append(URL(fileURLWithPath: env)) }
        // The test runner lives in the products directory (…/debug/SetkaPackageTests.xctest on Linux,
        // …/debug/SetkaPackageTests.xctest/Contents/MacOS/… on macOS); look beside and above it.
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("setka"))
            dir = dir.deletingLastPathComponent()
        }
        if let exe = Bundle.main.executableURL {
            var d = exe.deletingLastPathComponent()
            for _ in 0..<4 { candidates.append(d.appendingPathComponent("setka")); d = d.deletingLastPathComponent() }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/setka"))
        return candidates.first { url in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue && fm.isExecutableFile(atPath: url.path)
        }
    }()

    struct BinaryNotFound: Error, CustomStringConvertible {
        var description: String { "the setka binary was not found (build it with `swift build`, or set SETKA_BINARY)" }
    }

    /// Runs `setka` with `arguments`; stdout and stderr go through temporary files (no pipe deadlocks).
    /// `environment` entries are added to the test's own environment.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        let running = try start(arguments, in: directory, environment: environment)
        return try running.wait()
    }

    /// Starts `setka` with `arguments` and returns at once (for tests that send it signals).
    static func start(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> RunningCLI {
        guard let binary else { throw BinaryNotFound() }
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("setka-cli-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
        fm.createFile(atPath: outURL.path, contents: nil)
        fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        try process.run()
        return RunningCLI(process: process, folder: tmp, out: out, err: err)
    }
}

/// A `setka` process started by `CLIRunner.start`.
final class RunningCLI {
    let process: Process
    let folder: URL
    private let out: FileHandle, err: FileHandle

    init(process: Process, folder: URL, out: FileHandle, err: FileHandle) {
        self.process = process; self.folder = folder; self.out = out; self.err = err
    }

    /// What it wrote to stderr so far.
    var stderrSoFar: String {
        String(decoding: (try? Data(contentsOf: folder.appendingPathComponent("stderr"))) ?? Data(), as: UTF8.self)
    }

    /// Waits (polling, up to `timeout` seconds) until stderr contains `text`; false on timeout
    /// or when the process ended first.
    func waitForStderr(_ text: String, timeout: Double = 120, poll: Double = 0.05) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if stderrSoFar.contains(text) { return true }
            if !process.isRunning { return stderrSoFar.contains(text) }
            Thread.sleep(forTimeInterval: poll)
        }
        return false
    }

    /// Sends `signal` (SIGINT, SIGTERM) to the process.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end; its output and exit code (128 + n for a signal it died of,
    /// as a shell reports it).
    func wait() throws -> CLIResult {
        process.waitUntilExit()
        try out.close(); try err.close()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stdout = String(decoding: try Data(contentsOf: folder.appendingPathComponent("stdout")), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: folder.appendingPathComponent("stderr")), as: UTF8.self)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CLIResult(status: status, stdout: stdout, stderr: stderr)
    }
}
