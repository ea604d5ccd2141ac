import Foundation
import Partnering
import ProfileDay
import Scenarios
import SetkaModel

/// Reads what `setka schedule` (`sections.csv`, `enrolments.csv`, `courses-not-opened.csv`,
/// `students-short.csv`, `explanations.json`, `summary.json`) and `setka partner` (`partners.csv`,
/// `partners-summary.json`; `summary.json` in folders of earlier versions) wrote into a result
/// folder: either, or both. The reasons come from the typed `explanations.json` when it is there
/// (worded in the report's language), else as the CSV files recorded them.
public enum ResultFolder {
    public static let partnersFile = PartnerRun.partnersFile
    public static let coursesNotOpenedFile = ScheduleOutput.coursesNotOpenedFile
    public static let studentsShortFile = ScheduleOutput.studentsShortFile
    public static let summaryFile = ScheduleOutput.summaryFile
    public static let partnerSummaryFile = PartnerRun.summaryFile

    /// What a result folder holds, before the scenario is known.
    public struct Contents: Sendable {
        public var hasTimetable: Bool
        public var hasPartners: Bool
        /// The scenario path recorded in the summaries (`scenario_path`, `scenarioPath` or
        /// `scenario-path`) or the folder's manifest, resolved against the folder; nil when not
        /// recorded.
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
        var path: URL?
        let recorded = [summaryObject(folder, summaryFile), summaryObject(folder, partnerSummaryFile)].compactMap { $0 }
        search: for summary in recorded {
            for key in ["scenario_path", "scenarioPath", "scenario-path"] {
                if let p = summary[key] as? String, !p.isEmpty {
                    path = p.hasPrefix("/") ? URL(fileURLWithPath: p) : folder.appendingPathComponent(p)
                    break search
                }
            }
        }
        if path == nil, let p = ResultManifest.read(folder)?.jobs.values.compactMap(\.scenarioPath).sorted().first {
            path = URL(fileURLWithPath: p)
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

    static func summaryObject(_ folder: URL, _ name: String = summaryFile) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Reads the folder. Throws `ScenarioError` (file, line, column) when a file present cannot
    /// be read, or when the folder holds neither a timetable nor a partner assignment.
    public static func read(_ folder: URL, scenario: Scenario) throws -> Read {
        let contents = contents(of: folder)
        guard contents.hasTimetable || contents.hasPartners else {
            throw ScenarioError([.error(ru: "в \(folder.path) нет ни расписания профильного дня (\(TimetableIO.sectionsFile) и \(TimetableIO.enrolmentsFile)), ни распределения партнёров (\(partnersFile))",
                                        en: "\(folder.path) holds neither a profile-day timetable (\(TimetableIO.sectionsFile) and \(TimetableIO.enrolmentsFile)) nor a partner assignment (\(partnersFile))",
                                        at: SourceLocation(file: folder.lastPathComponent))])
        }
        var input = ReportInput(scenario: scenario)
        var warnings: [Diagnostic] = [], errors: [Diagnostic] = []
        if contents.hasTimetable { readProfileDay(folder, into: &input, warnings: &warnings, errors: &errors) }
        if contents.hasPartners { readPartners(folder, into: &input, errors: &errors) }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return Read(input: input, warnings: warnings)
    }

    /// The timetable, the reasons and the run's figures of a profile-day result.
    static func readProfileDay(_ folder: URL, into input: inout ReportInput, warnings: inout [Diagnostic], errors: inout [Diagnostic]) {
        do {
            let t = try TimetableIO.read(from: folder)
            input.timetable = t.timetable
            warnings += t.warnings
        } catch let e as ScenarioError { errors += e.diagnostics } catch { errors.append(.error(ru: "не удаётся прочитать: \(error)", en: "\(error)")) }
        if exists(folder, coursesNotOpenedFile) {
            do { input.coursesNotOpened = try coursesNotOpened(bytes(folder, coursesNotOpenedFile)) }
            catch let e as ScenarioError { errors += e.diagnostics } catch { errors.append(.error(ru: "не удаётся прочитать: \(error)", en: "\(error)")) }
        }
        if exists(folder, studentsShortFile) {
            do { input.studentsShort = try studentsShort(bytes(folder, studentsShortFile)) }
            catch let e as ScenarioError { errors += e.diagnostics } catch { errors.append(.error(ru: "не удаётся прочитать: \(error)", en: "\(error)")) }
        }
        if let explained = explanations(folder) {
            input.coursesNotOpened = explained.coursesNotOpened.map(NotOpenedCourse.init)
            input.studentsShort = explained.studentsShort.map(ShortStudent.init)
        }
        if let timetable = input.timetable, let advice = AdviceOutput.read(folder) {
            if advice.timetableHash == ResultCache.hash(timetable) {
                input.advice = advice
            } else {
                warnings.append(.warning(ru: "\(AdviceOutput.jsonFile) сделан для другого расписания, чем в этой папке, поэтому отчёт выходит без советов (запустите setka advise ещё раз)",
                                         en: "\(AdviceOutput.jsonFile) was made for another timetable than the one in this folder, so the report leaves the advice out (run setka advise again)",
                                         at: SourceLocation(file: AdviceOutput.jsonFile)))
            }
        }
        // A profile-day summary has `enrolments` (folders of earlier versions may hold a
        // partner summary under the same name).
        if let s = summaryObject(folder), s["enrolments"] != nil {
            input.scheduleRun = ScheduleRunInfo(status: (s["status"] as? String).flatMap(ScheduleStatus.init(rawValue:)),
                                                bound: s["bound"] as? Double, gap: s["gap"] as? Double)
        }
    }

    /// The pairs and the run's figures of a partner result (its summary in
    /// `partners-summary.json`, or a `summary.json` with partner figures from earlier versions).
    static func readPartners(_ folder: URL, into input: inout ReportInput, errors: inout [Diagnostic]) {
        do { input.partners = try partners(bytes(folder, partnersFile)) }
        catch let e as ScenarioError { errors += e.diagnostics } catch { errors.append(.error(ru: "не удаётся прочитать: \(error)", en: "\(error)")) }
        let summaries = [summaryObject(folder, partnerSummaryFile), summaryObject(folder)].compactMap { $0 }
        if let s = summaries.first(where: { $0["places_needed"] != nil || $0["placesNeeded"] != nil }) {
            input.partnerRun = PartnerRunInfo(
                status: (s["status"] as? String).flatMap(PartnerStatus.init(rawValue:)), objective: s["objective"] as? Double,
                placesNeeded: (s["places_needed"] ?? s["placesNeeded"]) as? Int,
                placesServed: (s["places_served"] ?? s["placesServed"]) as? Int)
        }
    }

    static func bytes(_ folder: URL, _ name: String) throws -> (name: String, bytes: [UInt8]) {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            throw ScenarioError([.error(ru: "не удаётся прочитать \(name) (нет прав на чтение?)", en: "cannot read \(name) (no permission to read it?)", at: SourceLocation(file: name))])
        }
        return (name, [UInt8](data))
    }

    /// A parsed CSV file with required columns, every problem naming file, line and column.
    static func table(_ file: (name: String, bytes: [UInt8]), required: [String]) throws -> CSVTable {
        let table: CSVTable
        do throws(TextDecodingProblem) {
            table = try CSVTable(file: file.name, bytes: file.bytes)
        } catch {
            throw ScenarioError(error.diagnostics(file: file.name))
        }
        var problems: [Diagnostic] = table.document.problems.map {
            .error($0.message, at: SourceLocation(file: file.name, line: $0.line, column: $0.column))
        }
        for c in required where !table.has(c) {
            let has = table.headerNames.joined(separator: ", ")
            problems.append(.error(ru: "нет столбца '\(c)' (в заголовке: \(has))", en: "missing column '\(c)' (the header has: \(has))",
                                   at: SourceLocation(file: file.name, line: table.document.headerLine)))
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return table
    }

    /// A number cell; empty is nil; anything else not a number is an error at its cell.
    static func number(_ table: CSVTable, _ record: CSVRecord, _ column: String, into errors: inout [Diagnostic]) -> Double? {
        guard let cell = table.cell(record, column), !cell.text.isEmpty else { return nil }
        if let v = Double(cell.text.replacingOccurrences(of: ",", with: ".")), v.isFinite { return v }
        errors.append(.error(ru: "столбец '\(column)': ожидалось число, найдено \"\(cell.text)\"", en: "column '\(column)': expected a number, found \"\(cell.text)\"",
                             at: SourceLocation(file: table.file, line: cell.line, column: cell.column)))
        return nil
    }

    static func integer(_ table: CSVTable, _ record: CSVRecord, _ column: String, into errors: inout [Diagnostic]) -> Int {
        guard let cell = table.cell(record, column), !cell.text.isEmpty else { return 0 }
        if let v = Int(cell.text) { return v }
        errors.append(.error(ru: "столбец '\(column)': ожидалось целое число, найдено \"\(cell.text)\"", en: "column '\(column)': expected a whole number, found \"\(cell.text)\"",
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
                errors.append(.error(ru: "столбец 'recipient': пусто", en: "column 'recipient': empty", at: SourceLocation(file: t.file, line: recipient.line, column: recipient.column)))
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

extension ReportInput {
    /// Adds the results of the other job that stay in `folder` beside this run's (a partner
    /// assignment beside a new timetable, or the reverse), read from its files, so that a report
    /// written into a folder shows everything the folder holds. Results of the same kind as the
    /// input already has are not read (the run's own, in memory, replace them). Unreadable files
    /// are skipped with a warning.
    public mutating func addResultsKept(from folder: URL) -> [Diagnostic] {
        let contents = ResultFolder.contents(of: folder)
        var warnings: [Diagnostic] = [], errors: [Diagnostic] = []
        if timetable == nil && contents.hasTimetable {
            var other = ReportInput(scenario: scenario, language: language)
            ResultFolder.readProfileDay(folder, into: &other, warnings: &warnings, errors: &errors)
            if errors.isEmpty {
                timetable = other.timetable; coursesNotOpened = other.coursesNotOpened
                studentsShort = other.studentsShort; scheduleRun = other.scheduleRun
            }
        }
        // Advice beside the timetable is shown only when it was made for this very timetable.
        if advice == nil, let timetable, let found = AdviceOutput.read(folder), found.timetableHash == ResultCache.hash(timetable) {
            advice = found
        }
        if partners == nil && contents.hasPartners && errors.isEmpty {
            var other = ReportInput(scenario: scenario, language: language)
            ResultFolder.readPartners(folder, into: &other, errors: &errors)
            if errors.isEmpty { partners = other.partners; partnerRun = other.partnerRun }
        }
        if !errors.isEmpty {
            let first = errors.first!
            warnings.append(.warning(ru: "отчёт выходит без других результатов из \(folder.path): их не удаётся прочитать (\(first.text(.ru)))",
                                     en: "the report leaves out the other results in \(folder.path): they cannot be read (\(first.description))"))
        }
        return warnings
    }
}
