import Foundation
import Partnering
import ProfileDay
import SetkaModel

/// Reads what `setka schedule` (`sections.csv`, `enrolments.csv`, `courses-not-opened.csv`,
/// `students-short.csv`, `explanations.json`, `summary.json`) and `setka partner` (`partners.csv`,
/// `summary.json`) wrote into a result folder: either, or both. The reasons come from the typed
/// `explanations.json` when it is there (worded in the report's language), else as the CSV
/// files recorded them.
public enum ResultFolder {
    public static let partnersFile = "partners.csv"
    public static let coursesNotOpenedFile = "courses-not-opened.csv"
    public static let studentsShortFile = "students-short.csv"
    public static let summaryFile = "summary.json"

    /// What a result folder holds, before the scenario is known.
    public struct Contents: Sendable {
        public var hasTimetable: Bool
        public var hasPartners: Bool
        /// The scenario path recorded in `summary.json` (`scenario_path`, `scenarioPath` or
        /// `scenario-path`), resolved against the folder; nil when not recorded.
        public var scenarioPath: URL?
    }

    /// A report input and the warnings met while reading.
    public struct Read: Sendable {
        public var input: ReportInput
        public var warnings: [Diagnostic]
    }

    static func exists(_ folder: URL, _ name: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDir) && !isDir.boolValue
    }

    /// Which results the folder holds and where its scenario is, if recorded.
    public static func contents(of folder: URL) -> Contents {
        let summary = summaryObject(folder)
        var path: URL?
        for key in ["scenario_path", "scenarioPath", "scenario-path"] {
            if let p = summary?[key] as? String, !p.isEmpty {
                path = p.hasPrefix("/") ? URL(fileURLWithPath: p) : folder.appendingPathComponent(p)
                break
            }
        }
        return Contents(hasTimetable: exists(folder, TimetableIO.sectionsFile) && exists(folder, TimetableIO.enrolmentsFile),
                        hasPartners: exists(folder, partnersFile), scenarioPath: path)
    }

    /// The typed explanations of `explanations.json`; nil when the file is missing or is not
    /// what this version writes (the CSV files' words are used then).
    static func explanations(_ folder: URL) -> Explanations? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(ScheduleOutput.explanationsFile).path)
        else { return nil }
        return try? JSONDecoder().decode(Explanations.self, from: data)
    }

    static func summaryObject(_ folder: URL) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(summaryFile).path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Reads the folder. Throws `ScenarioError` (file, line, column) when a file present cannot
    /// be read, or when the folder holds neither a timetable nor a partner assignment.
    public static func read(_ folder: URL, scenario: Scenario) throws -> Read {
        let contents = contents(of: folder)
        guard contents.hasTimetable || contents.hasPartners else {
            throw ScenarioError([.error("\(folder.path) holds neither a profile-day timetable (\(TimetableIO.sectionsFile) and \(TimetableIO.enrolmentsFile)) nor a partner assignment (\(partnersFile))",
                                        at: SourceLocation(file: folder.lastPathComponent))])
        }
        var warnings: [Diagnostic] = []
        var errors: [Diagnostic] = []
        var input = ReportInput(scenario: scenario)
        let summary = summaryObject(folder)
        if contents.hasTimetable {
            do {
                let t = try TimetableIO.read(from: folder)
                input.timetable = t.timetable
                warnings += t.warnings
            } catch let e as ScenarioError { errors += e.diagnostics }
            if exists(folder, coursesNotOpenedFile) {
                do { input.coursesNotOpened = try coursesNotOpened(bytes(folder, coursesNotOpenedFile)) }
                catch let e as ScenarioError { errors += e.diagnostics }
            }
            if exists(folder, studentsShortFile) {
                do { input.studentsShort = try studentsShort(bytes(folder, studentsShortFile)) }
                catch let e as ScenarioError { errors += e.diagnostics }
            }
            if let explained = explanations(folder) {
                input.coursesNotOpened = explained.coursesNotOpened.map(NotOpenedCourse.init)
                input.studentsShort = explained.studentsShort.map(ShortStudent.init)
            }
            // A profile-day summary has `enrolments`; with both results in one folder the last
            // writer's summary is there, and only its own figures are taken.
            if let s = summary, s["enrolments"] != nil {
                input.scheduleRun = ScheduleRunInfo(status: (s["status"] as? String).flatMap(ScheduleStatus.init(rawValue:)),
                                                    bound: s["bound"] as? Double,
                                                    gap: s["gap"] as? Double)
            }
        }
        if contents.hasPartners {
            do { input.partners = try partners(bytes(folder, partnersFile)) }
            catch let e as ScenarioError { errors += e.diagnostics }
            if let s = summary, s["places_needed"] != nil || s["placesNeeded"] != nil {
                input.partnerRun = PartnerRunInfo(
                    status: (s["status"] as? String).flatMap(PartnerStatus.init(rawValue:)), objective: s["objective"] as? Double,
                    placesNeeded: (s["places_needed"] ?? s["placesNeeded"]) as? Int,
                    placesServed: (s["places_served"] ?? s["placesServed"]) as? Int)
            }
        }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return Read(input: input, warnings: warnings)
    }

    static func bytes(_ folder: URL, _ name: String) throws -> (name: String, bytes: [UInt8]) {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            throw ScenarioError([.error("cannot read \(name) (no permission to read it?)", at: SourceLocation(file: name))])
        }
        return (name, [UInt8](data))
    }

    /// A parsed CSV file with required columns, every problem naming file, line and column.
    static func table(_ file: (name: String, bytes: [UInt8]), required: [String]) throws -> CSVTable {
        let table: CSVTable
        do throws(TextDecodingProblem) {
            table = try CSVTable(file: file.name, bytes: file.bytes)
        } catch {
            throw ScenarioError([.error(error.message, at: SourceLocation(file: file.name))])
        }
        var problems: [Diagnostic] = table.document.problems.map {
            .error($0.message, at: SourceLocation(file: file.name, line: $0.line, column: $0.column))
        }
        for c in required where !table.has(c) {
            problems.append(.error("missing column '\(c)' (the header has: \(table.headerNames.joined(separator: ", ")))",
                                   at: SourceLocation(file: file.name, line: table.document.headerLine)))
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return table
    }

    /// A number cell; empty is nil; anything else not a number is an error at its cell.
    static func number(_ table: CSVTable, _ record: CSVRecord, _ column: String, into errors: inout [Diagnostic]) -> Double? {
        guard let cell = table.cell(record, column), !cell.text.isEmpty else { return nil }
        if let v = Double(cell.text.replacingOccurrences(of: ",", with: ".")), v.isFinite { return v }
        errors.append(.error("column '\(column)': expected a number, found \"\(cell.text)\"",
                             at: SourceLocation(file: table.file, line: cell.line, column: cell.column)))
        return nil
    }

    static func integer(_ table: CSVTable, _ record: CSVRecord, _ column: String, into errors: inout [Diagnostic]) -> Int {
        guard let cell = table.cell(record, column), !cell.text.isEmpty else { return 0 }
        if let v = Int(cell.text) { return v }
        errors.append(.error("column '\(column)': expected a whole number, found \"\(cell.text)\"",
                             at: SourceLocation(file: table.file, line: cell.line, column: cell.column)))
        return 0
    }

    /// `partners.csv`: `rule,recipient,provider,minutes,gain`, optional `gain:<subject>`,
    /// `fixed`, `note` (other columns are ignored).
    public static func partners(_ file: (name: String, bytes: [UInt8])) throws -> [PartnerRow] {
        let t = try table(file, required: ["rule", "recipient", "provider", "minutes", "gain"])
        let subjects = t.headerNames.enumerated().filter { $0.element.hasPrefix("gain:") && t.columns[$0.element] == $0.offset }
        var errors: [Diagnostic] = []
        var rows: [PartnerRow] = []
        for r in t.records {
            let recipient = t.cell(r, "recipient")!
            guard !recipient.text.isEmpty else {
                errors.append(.error("column 'recipient': empty", at: SourceLocation(file: t.file, line: recipient.line, column: recipient.column)))
                continue
            }
            let provider = t.cell(r, "provider")!.text
            let gains = subjects.map { s in
                PartnerRow.SubjectGain(subject: String(s.element.dropFirst("gain:".count)), gain: number(t, r, s.element, into: &errors))
            }
            let fixedText = t.cell(r, "fixed")?.text.lowercased() ?? ""
            let fixed: Bool? = ["yes", "true", "1", "да"].contains(fixedText) ? true : (["no", "false", "0", "нет"].contains(fixedText) ? false : nil)
            rows.append(PartnerRow(rule: t.cell(r, "rule")!.text, recipient: recipient.text,
                                   provider: provider.isEmpty ? nil : provider,
                                   minutes: number(t, r, "minutes", into: &errors), gain: number(t, r, "gain", into: &errors),
                                   subjectGains: gains, fixed: fixed, note: t.cell(r, "note")?.text ?? ""))
        }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return rows
    }

    /// `courses-not-opened.csv`: `course,title,chosen_by,within_reach,reason`.
    public static func coursesNotOpened(_ file: (name: String, bytes: [UInt8])) throws -> [NotOpenedCourse] {
        let t = try table(file, required: ["course"])
        var errors: [Diagnostic] = []
        let rows = t.records.map { r in
            NotOpenedCourse(course: t.cell(r, "course")!.text, title: t.cell(r, "title")?.text ?? "",
                              chosenBy: integer(t, r, "chosen_by", into: &errors),
                              withinReach: integer(t, r, "within_reach", into: &errors),
                              reason: .recorded(t.cell(r, "reason")?.text ?? ""))
        }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return rows
    }

    /// `students-short.csv`: `student,school,wanted,got,reason`.
    public static func studentsShort(_ file: (name: String, bytes: [UInt8])) throws -> [ShortStudent] {
        let t = try table(file, required: ["student"])
        var errors: [Diagnostic] = []
        let rows = t.records.map { r in
            ShortStudent(student: t.cell(r, "student")!.text, school: t.cell(r, "school")?.text ?? "",
                               wanted: integer(t, r, "wanted", into: &errors), got: integer(t, r, "got", into: &errors),
                               reason: .recorded(t.cell(r, "reason")?.text ?? ""))
        }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return rows
    }
}
