import ArgumentParser
import Foundation
import Reports
import SetkaModel

/// What every command shares: messages to stderr, loading a scenario with precise errors, JSON.
enum Console {
    /// One line to stderr (never mixed into results on stdout).
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Loads a scenario; on failure prints every diagnostic as `file:line:col: error: …` to stderr
    /// and exits with `SetkaExit.invalidInput`. Warnings are printed unless `quiet`.
    /// `load` reads the folder (`ScenarioLoader.load` by default; `loadForEffect` reads fewer tables).
    static func loadScenario(_ path: String, quiet: Bool = false,
                             using load: (URL) throws -> LoadedScenario = ScenarioLoader.load) throws -> LoadedScenario {
        let loaded: LoadedScenario
        do {
            loaded = try load(URL(fileURLWithPath: path))
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { error(d.description) }
            let n = failure.diagnostics.filter { $0.severity == .error }.count
            error("\(n) error\(n == 1 ? "" : "s"): the scenario cannot be used until \(n == 1 ? "it is" : "they are") fixed.")
            throw SetkaExit.invalidInput
        } catch let other {
            error("error: cannot load '\(path)': \(other.localizedDescription)")
            throw SetkaExit.invalidInput
        }
        if !quiet { for w in loaded.warnings { error(w.description) } }
        return loaded
    }

    /// Pretty, stable JSON for files and stdout.
    static func json<T: Encodable>(_ value: T, snakeCase: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return try encoder.encode(value)
    }

    /// `value` as JSON on stdout (nothing when it cannot be encoded).
    static func printJSON<T: Encodable>(_ value: T, snakeCase: Bool = false) {
        if let data = try? json(value, snakeCase: snakeCase) { print(String(decoding: data, as: UTF8.self)) }
    }

    /// Creates `dir` (and parents); a clear error when it exists as a file or cannot be made.
    static func prepareOutput(_ dir: String) throws -> URL {
        let url = URL(fileURLWithPath: dir, isDirectory: true)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
            error("error: --out \(dir) is a file, not a folder")
            throw SetkaExit.invalidInput
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch let e {
            error("error: cannot create the folder \(dir): \(e.localizedDescription)")
            throw SetkaExit.invalidInput
        }
        return url
    }

    /// `--report`: the HTML report, map and workbook from the result folder just written.
    static func writeReport(folder: URL, scenario: Scenario) throws {
        do {
            let files = try Reports.writeAll(fromResultFolder: folder, scenario: scenario)
            error("report: " + files.map(\.lastPathComponent).joined(separator: ", "))
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { error(d.description) }
            throw SetkaExit.failure
        } catch let other {
            error("error: cannot write the report into '\(folder.path)': \(other.localizedDescription)")
            throw SetkaExit.failure
        }
    }
}
