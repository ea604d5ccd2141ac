import ArgumentParser
import Foundation
import ProfileDay
import Reports
import Scenarios
import SetkaModel
import Wording

/// What every command shares: messages to stderr, loading a scenario with precise errors, JSON.
enum Console {
    /// One line to stderr (never mixed into results on stdout).
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Loads a scenario; on failure prints every diagnostic as `file:line:col: error: …` to stderr
    /// and exits with `SetkaExit.invalidInput`. Warnings are printed unless `quiet`.
    /// `load` reads the folder (`ScenarioLoader.load` by default; `loadForEffect` reads fewer tables).
    /// `language` words the findings (English by default, as scripts expect; `--language ru`).
    static func loadScenario(_ path: String, quiet: Bool = false, language: ReportLanguage = .en,
                             using load: (URL) throws -> LoadedScenario = ScenarioLoader.load) throws -> LoadedScenario {
        let loaded: LoadedScenario
        do {
            loaded = try load(URL(fileURLWithPath: path))
        } catch let failure as ScenarioError {
            for d in failure.diagnostics { error(d.text(language)) }
            error(cannotBeUsed(failure.diagnostics.filter { $0.severity == .error }.count, language))
            throw SetkaExit.invalidInput
        } catch let other {
            error(language == .ru ? "ошибка: не удаётся загрузить '\(path)': \(other.localizedDescription)"
                  : "error: cannot load '\(path)': \(other.localizedDescription)")
            throw SetkaExit.invalidInput
        }
        if !quiet { for w in loaded.warnings { error(w.text(language)) } }
        return loaded
    }

    /// Ends with `SetkaExit.invalidInput` and a message naming `path` when the scenario has no
    /// profile day (`profile_day.slots` missing or empty), there being none `to` do something with.
    static func requireProfileDay(_ scenario: Scenario, path: String, to purpose: String) throws {
        guard scenario.profileDay?.slots.isEmpty == false else {
            error("error: \(path): scenario.yaml has no profile_day.slots, so there is no profile day to \(purpose)")
            throw SetkaExit.invalidInput
        }
    }

    /// The last line after a scenario's errors: `2 errors: the scenario cannot be used until they are fixed.`
    static func cannotBeUsed(_ n: Int, _ language: ReportLanguage) -> String {
        if language == .ru {
            return "\(n) \(Words.russianPlural(n, "ошибка", "ошибки", "ошибок")): сценарием нельзя пользоваться, пока \(n == 1 ? "она не исправлена" : "они не исправлены")."
        }
        return "\(n) error\(n == 1 ? "" : "s"): the scenario cannot be used until \(n == 1 ? "it is" : "they are") fixed."
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

    /// Checks before a long solve that results can be written to `path` (`--out`); on failure
    /// prints why and exits with `SetkaExit.couldNotWrite`.
    @discardableResult
    static func checkOutput(_ path: String, job: ResultJob) throws -> URL {
        do { return try ResultFolderWriter.check(path, job: job) } catch { throw failed(error) }
    }

    /// Prints a write failure (`error: cannot write PATH: REASON`) and returns the exit code to throw.
    static func failed(_ e: OutputError) -> ExitCode {
        error("error: \(e); nothing was changed there.")
        return SetkaExit.couldNotWrite
    }

    /// Writes `files` as one result folder (`ResultFolderWriter`), swapped in whole, and returns
    /// what the commit did; notes on stderr for a report left out. Exits with
    /// `SetkaExit.couldNotWrite` on failure.
    @discardableResult
    static func writeResults(_ path: String, job: ResultJob, files: [ResultFile],
                             report: ((URL) throws -> [ResultFile])? = nil) throws -> ResultFolderWriter.Committed {
        do {
            let writer = try ResultFolderWriter(target: path, job: job)
            try writer.write(files)
            if let report {
                let reportFiles: [ResultFile]
                do { reportFiles = try report(writer.target) } catch let e as OutputError { throw e } catch {
                    writer.discard()
                    Console.error("error: the report could not be built: \(error)")
                    throw SetkaExit.failure
                }
                try writer.write(reportFiles)
            }
            return try writer.commit()
        } catch let e as OutputError {
            throw failed(e)
        }
    }

    /// `--report`: the report files of `input` (a run's values, in memory) with the other job's
    /// results kept in the result folder, for `writeResults`.
    static func reportFiles(_ input: ReportInput) -> (URL) throws -> [ResultFile] {
        { folder in
            var input = input
            for w in input.addResultsKept(from: folder) { error(w.description) }
            return try Reports.files(input)
        }
    }

    /// Prints the diagnostics of a failed pipeline step and returns its exit code.
    static func failed(_ e: ProfileDayRunError) -> ExitCode {
        switch e {
        case .invalidInput(let d):
            for x in d { error(x.description) }
            return SetkaExit.invalidInput
        case .rejected(let v):
            error("internal error: the checker rejected the timetable the scheduler built; nothing was written.")
            for x in v.prefix(50) { error("  \(Words(.en).line(x))") }
            return SetkaExit.failure
        case .objectiveMismatch:
            error(e.description)
            return SetkaExit.failure
        case .notValid(let v):
            error(e.description)
            for x in v.prefix(50) { error("  \(Words(.en).line(x))") }
            return SetkaExit.violations
        }
    }

    /// Reads a timetable given on the command line: a folder with `sections.csv` and
    /// `enrolments.csv` (a `setka schedule` result, or one's own), or one `.xlsx` workbook with
    /// their two sheets (`TimetableIO.read(at:)`). Every problem is printed naming the file (or
    /// workbook, sheet and cell) and the reading ends with `SetkaExit.invalidInput`; warnings are
    /// printed unless `quiet`.
    static func readTimetable(_ path: String, quiet: Bool) throws -> LoadedTimetable {
        let url = URL(fileURLWithPath: path)
        // A folder's files are named within it; a workbook's problems name the workbook already.
        let within = Workbook.isWorkbook(url) ? url.deletingLastPathComponent().path : path
        let read: LoadedTimetable
        do { read = try TimetableIO.read(at: url) } catch let failure as ScenarioError {
            for d in failure.diagnostics { error("\(within)/\(d.description)") }
            throw SetkaExit.invalidInput
        }
        if !quiet { for w in read.warnings { error("\(within)/\(w.description)") } }
        return read
    }

    /// Reads a published timetable (`--keep DIR`, or one `.xlsx` with its two sheets:
    /// `TimetableIO.read(at:)`) and checks it against `scenario`: an error when nothing of it can
    /// be kept, a warning per kind of thing dropped otherwise. Returns it as published and what of
    /// it can be kept.
    static func publishedTimetable(_ dir: String, for scenario: Scenario, quiet: Bool) throws -> (published: Timetable, usable: Timetable) {
        let published = try readTimetable(dir, quiet: quiet).timetable
        let check = PublishedTimetableCheck(published, in: scenario)
        let names = Names(scenario)
        if let why = check.whyNothingFits(ru: Words(.ru, names: names).dropped, en: Words(.en, names: names).dropped) {
            error("error: --keep \(dir): nothing of the published timetable can be kept: \(why.en)")
            throw SetkaExit.invalidInput
        }
        if !quiet { for w in check.warnings(reason: Words(.en, names: names).dropped) { error("warning: --keep \(dir): \(w)") } }
        return (published, check.usable)
    }
}

/// Checks of option values with messages that name the option and what was given.
enum PositiveNumber {
    /// `value` must be a finite number > 0 (numeric options take a leading `-` as part of their
    /// value, `parsing: .unconditional`, so `--time-limit -5` arrives here, not as a flag).
    static func check(_ value: Double, _ option: String, unit: String) throws {
        guard value.isFinite, value > 0 else {
            throw ValidationError("\(option) must be a positive number of \(unit), got \(CheckReport.number(value))")
        }
    }
}
