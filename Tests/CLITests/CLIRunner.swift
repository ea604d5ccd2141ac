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
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        guard let binary else { throw BinaryNotFound() }
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("setka-cli-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: tmp) }
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
        try process.run()
        process.waitUntilExit()
        try out.close(); try err.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return CLIResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
