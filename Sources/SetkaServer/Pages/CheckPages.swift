import Foundation
import ProfileDay
import Reports
import SetkaModel
import Wording

/// «Проверить своё расписание»: a timetable made elsewhere (by hand in a spreadsheet, last
/// year's, another tool's) checked against a version's scenario as `setka check` checks it: every
/// hard rule (H1–H6) by the independent checker, the objective recomputed, the key figures as a
/// run's. Nothing is stored: the two files are read, checked and shown.
struct UploadCheck: Sendable {
    /// The names the browser gave the files (two CSV files, or one workbook).
    var files: [String]
    /// What could not be read (file, line and column; nothing was checked then).
    var errors: [Finding] = []
    /// What was read with a doubt (an `enrolled` column that disagrees with enrolments.csv, …).
    var warnings: [Finding] = []
    /// The checker's findings, one sentence each in the page's language, naming teachers,
    /// courses and sites as the scenario does (nil when nothing was checked).
    var violations: [String]? = nil
    /// The same findings, typed (for the JSON API; nil when nothing was checked).
    var broken: [Violation]? = nil
    /// The key figures, as a run's «Итоги» (nil when nothing was checked).
    var figures: ReportTable? = nil
    /// The objective and its parts, recomputed (nil when nothing was checked).
    var objective: ProfileDayObjective? = nil

    /// Read without errors and no rule broken.
    var isValid: Bool { errors.isEmpty && violations?.isEmpty == true }
}

/// What Setka's own runs of the same data version reached, to set an uploaded timetable beside:
/// the best finished profile day's figures, and the tightest upper bound any of them proved
/// (a bound of the scenario, so of every timetable that keeps its rules).
struct VersionBest: Sendable {
    var run: String
    var objective: Double
    var fullyServed: Int?
    var sections: Int?
    var bound: Double?
    /// The run that proved `bound`.
    var boundRun: String?

    /// From the finished profile-day runs of `version` among `runs` (nil when there is none).
    init?(_ runs: [RunRecord], version: String) {
        let done = runs.filter { $0.versionId == version && $0.job == .schedule && $0.status == .done && $0.objective != nil }
        guard let best = done.max(by: { ($0.objective!, $1.id) < ($1.objective!, $0.id) }) else { return nil }
        let summary = best.summary.flatMap(JSONValue.parse)
        run = best.id
        objective = best.objective!
        fullyServed = summary?["studentsFullyServed"]?.int
        sections = summary?["sections"]?.int
        let bounds = done.compactMap { r in r.summary.flatMap(JSONValue.parse)?["bound"]?.double.map { (value: $0, run: r.id) } }
        let tightest = bounds.min { ($0.value, $0.run) < ($1.value, $1.run) }
        bound = tightest?.value
        boundRun = tightest?.run
    }
}

extension VersionBest {
    /// How far a timetable worth `objective` lies below the tightest bound the version's runs
    /// proved (what no timetable of these data can exceed), naming the run that proved it; nil
    /// without a bound. `id` marks the paragraph, its `data-value` the percentage.
    func boundLine(_ c: PageContext, objective: Double, id: String) -> Markup? {
        guard let bound, let boundRun, bound > 0 else { return nil }
        let t = c.tr
        let below = max(0, (bound - objective) / abs(bound) * 100)
        return "<p id=\"\(id)\" data-value=\"\(String(format: "%.6f", below))\">\(t("Доказанная верхняя граница целевой функции для этих данных", "The proven upper bound on the objective for these data")) — \(t.number(bound, digits: 1)) (\(t("расчёт", "run")) \(Layout.link(boundRun, "/runs/\(boundRun)"))); \(t("это расписание ниже неё на", "this timetable is below it by")) \(t.number(below, digits: 2))%.</p>"
    }
}

/// A timetable made elsewhere as uploaded: its two CSV files, or one Excel workbook with their
/// two sheets (`TimetableIO.read(workbook:name:)`), each with the name the browser gave it.
enum UploadedTimetable: Sendable {
    case files(sections: (name: String, bytes: Data), enrolments: (name: String, bytes: Data))
    case workbook(name: String, bytes: Data)

    /// The names the files had on the coordinator's computer.
    var names: [String] {
        switch self {
        case .files(let s, let e): [s.name, e.name]
        case .workbook(let name, _): [name]
        }
    }

    /// Reads it as `TimetableIO` reads a result folder or a timetable workbook (CSV files in
    /// UTF-8 or Windows-1251, `,` or `;`); what cannot be read is a `ScenarioError` naming the
    /// file as the browser sent it, its line and column (or sheet and cell).
    func read() throws -> LoadedTimetable {
        switch self {
        case .files(let s, let e):
            try TimetableIO.read(sections: [UInt8](s.bytes), enrolments: [UInt8](e.bytes), sectionsName: s.name, enrolmentsName: e.name)
        case .workbook(let name, let bytes):
            try TimetableIO.read(workbook: bytes, name: name)
        }
    }

    /// The files' names when stored for a run (`DataFolder.importedTimetable`): fixed, never the
    /// browser's.
    static let storedNames = (sections: "sections.csv", enrolments: "enrolments.csv", workbook: "timetable.xlsx")

    /// Writes its files into `folder` under `storedNames`.
    func store(in folder: URL) throws {
        switch self {
        case .files(let s, let e):
            try s.bytes.write(to: folder.appendingPathComponent(Self.storedNames.sections))
            try e.bytes.write(to: folder.appendingPathComponent(Self.storedNames.enrolments))
        case .workbook(_, let bytes):
            try bytes.write(to: folder.appendingPathComponent(Self.storedNames.workbook))
        }
    }

    /// What `store` wrote into `folder`, named again as the browser named it (`names`).
    static func stored(in folder: URL, names: [String]) throws -> UploadedTimetable {
        let workbook = folder.appendingPathComponent(storedNames.workbook)
        if FileManager.default.fileExists(atPath: workbook.path) {
            return .workbook(name: names.first ?? storedNames.workbook, bytes: try Data(contentsOf: workbook))
        }
        return .files(sections: (names.first ?? storedNames.sections, try Data(contentsOf: folder.appendingPathComponent(storedNames.sections))),
                      enrolments: (names.dropFirst().first ?? storedNames.enrolments,
                                   try Data(contentsOf: folder.appendingPathComponent(storedNames.enrolments))))
    }
}

extension EngineCalls {
    /// Reads the uploaded timetable (`UploadedTimetable.read`) and checks it against `scenario`.
    static func checkUpload(_ upload: UploadedTimetable, scenario: Scenario, language: ReportLanguage) -> UploadCheck {
        var result = UploadCheck(files: upload.names)
        let read: LoadedTimetable
        do {
            read = try upload.read()
        } catch let failure as ScenarioError {
            result.errors = failure.diagnostics.filter { $0.severity == .error }.map(finding)
            result.warnings = failure.diagnostics.filter { $0.severity == .warning }.map(finding)
            return result
        } catch {
            result.errors = [Finding(Phrase(ru: "не удаётся прочитать файлы: \(error.localizedDescription)",
                                            en: "cannot read the files: \(error.localizedDescription)"))]
            return result
        }
        result.warnings = read.warnings.map(finding)
        // The figures' own check (`ReportContent` runs the independent checker once).
        let content = ReportContent(ReportInput(scenario: scenario, timetable: read.timetable, language: language))
        result.broken = content.check?.violations ?? []
        result.violations = result.broken?.map(content.words.line)
        result.figures = content.figuresTable()
        result.objective = content.objective
        return result
    }
}

extension EngineCalls {
    /// At most this long for an imported timetable's bound (`setka bench-bound
    /// ../shared/instances/city-20000-b --time-limit T`: 53 s to the Lagrangian bound at T = 60,
    /// only the per-student bound at T = 30, whose course-level LP is not started then).
    static let importBoundSeconds = 90.0

    /// The job of a timetable made elsewhere taken as a profile-day run: the files stored in
    /// `source` (`UploadedTimetable.store`; named `names` in what it says, as the coordinator's
    /// computer named them) read and checked again against the scenario at `base` (the earlier
    /// verdict is not trusted), and
    /// written into `target` as a `setka schedule --report` run is (`ProfileDayRun.imported`: the
    /// timetable, the four views, the reasons, `summary.json` with the data's proven bound, at
    /// most `importBoundSeconds`; the reports and the CSV archive), whole or not at all. A timetable that cannot be read or breaks a rule
    /// writes nothing and is the job's failure, with what is wrong.
    static func importTimetable(_ source: URL, names: [String], scenario base: URL,
                                hooks: Hooks, into target: URL) throws -> Outcome {
        hooks.progress(RunProgress(phase: "import", elapsed: 0))
        let started = Date()
        let scenario = try load(base)
        let timetable: Timetable
        do {
            timetable = try UploadedTimetable.stored(in: source, names: names).read().timetable
        } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics)
        } catch {
            throw Failure(ru: "файлы расписания не прочитаны: \(error.localizedDescription)", en: "the timetable's files could not be read: \(error.localizedDescription)")
        }
        let settings = ScheduleSummary.Settings(timeLimit: 0, seed: 0, iterations: nil, scenarioPath: base.path)
        let run: ProfileDayRun
        // Once it has passed the check, the scenario's proven bound, so that the page can say how
        // far this timetable may be from the best one: a district's takes a second or so, a city
        // of 20,000 about a minute (its course-level LP); at most `importBoundSeconds`, then the
        // tightest proven by then.
        func proven() -> (value: Double?, method: BoundMethod)? {
            hooks.progress(RunProgress(phase: SchedulePhase.bound.rawValue, elapsed: Date().timeIntervalSince(started)))
            return (try? ProfileDayScheduler.bound(scenario, timeLimit: importBoundSeconds) { _, value in
                hooks.progress(RunProgress(phase: SchedulePhase.bound.rawValue, bound: value, elapsed: Date().timeIntervalSince(started)))
            }).map { ($0.value, $0.method) }
        }
        do { run = try ProfileDayRun.imported(timetable, in: scenario, settings: settings, bound: proven) } catch {
            switch error {
            case .notValid(let violations):
                let names = Names(scenario)
                func listed(_ w: Words) -> String { violations.prefix(10).map { "  " + w.line($0) }.joined(separator: "\n") }
                throw Failure(ru: "расписание нарушает обязательные правила (\(violations.count)), ничего не сохранено:\n" + listed(Words(.ru, names: names)),
                              en: "the timetable breaks hard rules (\(violations.count)); nothing was stored:\n" + listed(Words(.en, names: names)))
            default: throw Failure(ru: "расписание не удалось принять: \(error.description)", en: error.description)
            }
        }
        hooks.progress(RunProgress(phase: "edit-write", best: run.objective.value, elapsed: Date().timeIntervalSince(started)))
        let files = run.files(wording: Words(scenario))
        try write(into: target, job: run.job(also: Reports.ownedFiles + archiveFiles), files + Reports.files(ReportInput(run)))
        return Outcome(summary: text(files, ScheduleOutput.summaryFile), stopped: false, note: nil)
    }
}

enum CheckPages {
    /// The form on a project's page (a version with a profile day): the two files of a timetable.
    static func form(_ c: PageContext, project: ProjectRecord, version: VersionRecord) -> Markup {
        let t = c.tr
        return """
        <h2 id="check-own">\(t("Проверить своё расписание", "Check a timetable of your own"))</h2>
        <form method="post" action="/projects/\(project.id)/check" enctype="multipart/form-data" class="card" id="check-form">
        \(c.csrfField)
        <input type="hidden" name="version" value="\(version.id)">
        <p class="muted">\(t("Расписание, составленное вручную или другой программой, в том же виде, в каком Setka выгружает свои: sections.csv (группы) и enrolments.csv (кто в какой группе), в кодировке UTF-8 или Windows-1251 (как сохраняет Excel). Оно будет проверено по всем обязательным правилам для данных версии", "A timetable made by hand or by another program, in the form Setka exports its own: sections.csv (the sections) and enrolments.csv (who is in which), in UTF-8 or Windows-1251 (as Excel saves them). It is checked against every hard rule with the data of version")) № \(version.number)\(t("; без отметки ниже ничего не сохраняется.", "; without the box below nothing is stored."))</p>
        <div class="row"><label for="check-sections">sections.csv:</label><input type="file" name="sections" id="check-sections" accept=".csv,text/csv"></div>
        <div class="row"><label for="check-enrolments">enrolments.csv:</label><input type="file" name="enrolments" id="check-enrolments" accept=".csv,text/csv"></div>
        <div class="row"><label for="check-workbook">\(t("или одна книга Excel (.xlsx) с листами «Группы» и «Записи» (те же столбцы)", "or one Excel workbook (.xlsx) with sheets «sections» and «enrolments» (the same columns)")):</label><input type="file" name="workbook" id="check-workbook" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></div>
        <div class="row"><label><input type="checkbox" name="import" id="check-import"> \(t("если расписание верно, сохранить его как расчёт проекта: с таблицами по площадкам, школам и педагогам, отчётами, правкой вручную и пересчётом, который его сохраняет", "if the timetable is valid, keep it as a run of the project: with the tables by site, school and teacher, the reports, hand edits and a new run that keeps it"))</label></div>
        <button type="submit">\(t("Проверить", "Check"))</button>
        </form>
        """
    }

    /// The verdict: what could not be read, or the rules broken (each named) and the key figures.
    /// `importRefused`: it was to be kept as a run, and is not (it could not be read or breaks a rule).
    static func page(_ c: PageContext, project: ProjectRecord, version: VersionRecord, _ r: UploadCheck, best: VersionBest? = nil,
                     importRefused: Bool = false) -> Markup {
        let t = c.tr
        var body: Markup = "<p>\(r.files.count == 1 ? t("Файл", "File") : t("Файлы", "Files")): \(r.files.enumerated().map { i, name -> Markup in "\(i > 0 ? ", " : "")<code>\(name)</code>" }); \(t("данные: версия", "data: version")) № \(version.number).</p>"
        if importRefused {
            body += "<p class=\"message bad\" id=\"check-not-imported\">\(t("Расписание не сохранено как расчёт: его можно сохранить, только когда оно прочитано без ошибок и соблюдает все обязательные правила. Что не так, сказано ниже.", "The timetable was not kept as a run: only one read without errors that keeps every hard rule can be. What is wrong is said below."))</p>"
        }
        body += "<section class=\"card\" id=\"check-verdict\" data-valid=\"\(r.isValid ? "true" : "false")\">"
        if !r.errors.isEmpty {
            body += "<h2 class=\"bad\">\(t("Файлы не удалось прочитать", "The files could not be read")) (\(t("ошибок", "errors")): \(r.errors.count))</h2>"
            body += "<p>\(t("Расписание не проверено. Исправьте файлы и загрузите их снова.", "The timetable was not checked. Fix the files and upload them again."))</p>"
            body += Fmt.findings(r.errors, t)
        } else if let violations = r.violations {
            if violations.isEmpty {
                body += "<h2 class=\"ok\">\(t("Расписание соблюдает все обязательные правила", "The timetable keeps every hard rule"))</h2>"
            } else {
                body += "<h2 class=\"bad\">\(t("Нарушений правил", "Rules broken")): \(violations.count)</h2>"
                var list: Markup = "<ul class=\"findings\" id=\"check-violations\">"
                for v in violations.prefix(500) { list += "<li>\(v)</li>" }
                if violations.count > 500 { list += "<li class=\"muted\">\(t("и ещё", "and")) \(violations.count - 500) \(t("", "more"))</li>" }
                body += list + "</ul>"
            }
        }
        body += "</section>"
        if !r.warnings.isEmpty {
            body += "<h3 class=\"warn\">\(t("Предупреждения", "Warnings")) (\(r.warnings.count))</h3>" + Fmt.findings(r.warnings, t)
        }
        if let own = r.objective, r.violations?.isEmpty == true {
            if let best { body += comparison(c, own, best) }
            // No bound proven for these data yet: the page says how to get one rather than
            // compute it in this request (a city's takes about a minute).
            if best?.bound == nil {
                body += "<p class=\"muted\" id=\"check-no-bound\">\(t("Насколько это расписание далеко от лучшего возможного, Setka для этих данных ещё не доказывала. Сохраните его как расчёт (отметка в форме ниже): страница расчёта покажет доказанную верхнюю границу и разрыв до неё (для района это секунды, для города — до полутора минут).", "How far this timetable may be from the best possible one has not been proven for these data yet. Keep it as a run (the box in the form below): the run's page will show the proven upper bound and the gap to it (seconds for a district, up to a minute and a half for a city)."))</p>"
            }
        }
        if let figures = r.figures {
            body += "<h2>\(t("Итоги", "Key figures"))</h2>" + TableView.render(figures, t.words, id: "check-figures")
        }
        body += form(c, project: project, version: version)
        return Layout.page(c, title: t("Проверка расписания", "Timetable check"),
                           crumbs: [Crumb(project.name, "/projects/\(project.id)"), Crumb(t("Проверка расписания", "Timetable check"))], body)
    }

    /// A valid uploaded timetable beside Setka's best run of the same version: the objective,
    /// students fully served and sections opened of each, and how far the upload lies below the
    /// proven bound (what no timetable of these data can exceed).
    static func comparison(_ c: PageContext, _ own: ProfileDayObjective, _ best: VersionBest) -> Markup {
        let t = c.tr
        let w = t.words
        func row(_ key: String, _ label: String, _ mine: ReportCell, _ theirs: ReportCell) -> Markup {
            "<tr data-key=\"\(key)\"><th>\(label)</th>\(TableView.cell(mine, w))\(TableView.cell(theirs, w))</tr>"
        }
        var out: Markup = "<h2 id=\"check-compare\">\(t("Сравнение с расчётом Setka", "Beside Setka's run"))</h2>"
        out += "<table class=\"data\" id=\"check-comparison\"><thead><tr><th></th><th>\(t("Ваше расписание", "Your timetable"))</th>"
        out += "<th>\(t("Лучший расчёт этой версии", "This version's best run")) (\(Layout.link(best.run, "/runs/\(best.run)")))</th></tr></thead><tbody>"
        out += row("objective", t[.objective], .number(own.value, digits: 1), .number(best.objective, digits: 1))
        out += row("studentsFullyServed", t[.fullyServed], .integer(own.studentsFullyServed), best.fullyServed.map { .integer($0) } ?? .empty)
        out += row("sections", t[.sectionsOpened], .integer(own.sections), best.sections.map { .integer($0) } ?? .empty)
        out += "</tbody></table>"
        if let line = best.boundLine(c, objective: own.value, id: "check-bound") { out += line }
        return out
    }
}
