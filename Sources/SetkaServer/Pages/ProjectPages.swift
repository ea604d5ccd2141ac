import Foundation
import Reports
import SetkaModel
import Wording

/// Проекты, Проект: projects, their versions and what the loader said about each.
enum ProjectPages {
    /// The list of projects and the form to start one from a workbook or a ZIP.
    static func projects(_ c: PageContext, _ items: [(project: ProjectRecord, latest: VersionRecord?)]) -> Markup {
        let t = c.tr
        var body: Markup = """
        <section class="card">
        <h2>\(t("Новый проект", "New project"))</h2>
        <p class="muted">\(t("Загрузите книгу Excel (.xlsx) со сценарием или ZIP-архив папки сценария (scenario.yaml и таблицы CSV). Каждая загрузка сохраняется как новая версия; ничего не перезаписывается.",
                              "Upload an Excel workbook (.xlsx) with the scenario, or a ZIP of a scenario folder (scenario.yaml and the CSV tables). Every upload is kept as a new version; nothing is overwritten."))</p>
        <form method="post" action="/projects" enctype="multipart/form-data">
        \(c.csrfField)
        <input type="file" name="file" accept=".xlsx,.zip" required>
        <button type="submit">\(t("Загрузить", "Upload"))</button>
        <span class="muted">\(t("до 50 МБ", "up to 50 MB"))</span>
        </form>
        <p>\(Layout.link(t("Скачать пустую книгу для заполнения", "Download an empty workbook to fill in"), "/template.xlsx", class: "template")) <span class="muted">\(t("(лист «Инструкция» объясняет каждый столбец; на каждом листе — строка-образец). Или откройте пример ниже и скачайте его данные книгой Excel, чтобы заменить своими.", "(its «Instructions» sheet explains every column; each sheet has a sample row). Or open an example below and download its data as a workbook to replace with your own."))</span></p>
        </section>
        """
        if items.isEmpty {
            body += "<p class=\"muted\">\(t("Проектов пока нет.", "No projects yet."))</p>"
        } else {
            body += "<table class=\"list\" id=\"projects\"><thead><tr><th>\(t("Проект", "Project"))</th><th>\(t("Версия", "Version"))</th><th>\(t("Проверка данных", "Validation"))</th><th>\(t("Загружен", "Uploaded"))</th></tr></thead><tbody>"
            for (p, v) in items {
                let example: Markup = p.example == nil ? .empty : " <span class=\"badge muted\">\(t("пример", "example"))</span>"
                body += "<tr><td>\(Layout.link(p.name, "/projects/\(p.id)"))\(example)</td>"
                body += "<td class=\"num\">\(v.map { "№ \($0.number)" } ?? "—")</td>"
                body += "<td>\(v.map { Fmt.validity($0.valid, errors: $0.decodedValidation.errors.count, t) } ?? .empty)</td>"
                body += "<td>\(Fmt.date(v?.createdAt ?? p.createdAt, t))</td></tr>"
            }
            body += "</tbody></table>"
        }
        return Layout.page(c, title: t("Проекты", "Projects"), body)
    }

    /// Jobs a version can run.
    static func jobs(_ v: VersionRecord) -> [JobKind] {
        guard v.valid, let facts = v.decodedValidation.facts else { return [] }
        return (facts.hasProfileDay ? [JobKind.schedule] : []) + (facts.hasPartnering ? [.partner] : [])
            + (facts.hasEffect ? [.effect] : []) + (facts.hasMeetings ? [.meetings] : [])
    }

    /// A project: its versions, the selected version's validation, the form to run a job, its runs.
    /// `scenario` is the selected version's when it has a usable profile day
    /// (`SetkaApp.profileDayScenario`): its pins and the form to check a timetable of one's own.
    static func project(_ c: PageContext, _ p: ProjectRecord, versions: [VersionRecord], selected v: VersionRecord,
                        runs: [RunRecord], variants: Int, scenario: Scenario? = nil) -> Markup {
        let t = c.tr
        let validation = v.decodedValidation
        var body: Markup = "<p><a href=\"/projects/\(p.id)/variants\">\(t("Варианты «что если» и сравнение", "What-if variants and comparison"))</a> (\(variants))</p>"

        // Versions.
        body += "<h2>\(t("Версии", "Versions"))</h2><table class=\"list\" id=\"versions\"><thead><tr><th>№</th><th>\(t("Файл", "File"))</th><th>\(t("Загружен", "Uploaded"))</th><th>\(t("Проверка данных", "Validation"))</th><th>\(t("Предупреждений", "Warnings"))</th></tr></thead><tbody>"
        for version in versions {
            let val = version.decodedValidation
            let number: Markup = version.id == v.id ? "<b>№ \(version.number)</b>" : Layout.link("№ \(version.number)", "/projects/\(p.id)?version=\(version.id)")
            let file = Fmt.source(version, t)
            body += "<tr><td>\(number)</td><td>\(file)</td><td>\(Fmt.date(version.createdAt, t))</td><td>\(Fmt.validity(version.valid, errors: val.errors.count, t))</td><td class=\"num\">\(val.warnings.count)</td></tr>"
        }
        body += "</tbody></table>"
        if v.valid {
            body += "<p>\(Layout.link(t("Скачать данные версии № \(v.number) книгой Excel", "Download version No. \(v.number)'s data as an Excel workbook"), "/projects/\(p.id)/workbook.xlsx?version=\(v.id)", class: "version-workbook")) <span class=\"muted\">\(t("— изменить в Excel и загрузить ниже как следующую версию", "— change it in Excel and upload it below as the next version"))</span></p>"
        }
        body += """
        <form method="post" action="/projects/\(p.id)/versions" enctype="multipart/form-data" class="card">
        \(c.csrfField)
        <b>\(t("Загрузить исправленный файл как следующую версию", "Upload a corrected file as the next version")):</b>
        <input type="file" name="file" accept=".xlsx,.zip" required>
        <button type="submit">\(t("Загрузить", "Upload"))</button>
        </form>
        """

        // The selected version's validation.
        body += "<h2 id=\"validation\">\(t("Проверка данных: версия", "Validation: version")) № \(v.number)</h2>"
        if let f = validation.facts {
            body += "<p>\(Fmt.validity(v.valid, errors: validation.errors.count, t)) «\(f.name)»</p>"
            body += TableView.figures([
                ("organisations", t("Организаций (школ, детских садов…)", "Organisations (schools, kindergartens…)"), .integer(f.organisations)),
                ("students", t[.studentsTotal], .integer(f.students)),
                ("teachers", t("Педагогов", "Teachers"), .integer(f.teachers)),
                ("courses", t("Курсов", "Courses"), .integer(f.courses)),
                ("rooms", t("Кабинетов", "Rooms"), .integer(f.rooms)),
                ("slots", t("Занятий (слотов) профильного дня", "Profile-day slots"), .integer(f.slots)),
                ("partner_rules", t("Правил подбора партнёров", "Partnering rules"), .integer(f.partnerRules)),
            ], t.words)
        } else {
            body += "<p>\(Fmt.validity(false, errors: validation.errors.count, t)) \(t("Сценарий нельзя рассчитать, пока ошибки не исправлены. Исправьте файл и загрузите его снова: он станет следующей версией.", "The scenario cannot be run until the errors are fixed. Fix the file and upload it again: it becomes the next version."))</p>"
        }
        if !validation.errors.isEmpty {
            body += "<h3 class=\"bad\">\(t("Ошибки", "Errors")) (\(validation.errors.count))</h3>" + Fmt.findings(validation.errors, t)
        }
        if !validation.warnings.isEmpty {
            body += "<h3 class=\"warn\">\(t("Предупреждения", "Warnings")) (\(validation.warnings.count))</h3>" + Fmt.findings(validation.warnings, t)
        }

        if let scenario { body += pins(c, p, version: v, newest: v.id == versions.first?.id, scenario) }

        // Run a job.
        let jobs = Self.jobs(v)
        if !jobs.isEmpty {
            let keepable = runs.filter { $0.job == .schedule && $0.hasResults }
            var options: Markup = .empty
            for j in jobs { options += "<option value=\"\(j.rawValue)\">\(t.job(j))</option>" }
            var keep: Markup = .empty
            if jobs.contains(.schedule), !keepable.isEmpty {
                keep = "<div class=\"row\"><label for=\"keep\">\(t("Сохранить как можно больше из опубликованного расписания", "Keep as much as possible of a published timetable")):</label><select name=\"keep\" id=\"keep\"><option value=\"\">\(t("нет", "no"))</option>"
                for r in keepable { keep += "<option value=\"\(r.id)\">\(r.id) — \(Fmt.date(r.endedAt, t))\(origin(r, t))</option>" }
                keep += "</select> <span class=\"muted\">\(t("(только для профильного дня)", "(profile day only)"))</span></div>"
            }
            body += """
            <h2>\(t("Рассчитать", "Run"))</h2>
            <form method="post" action="/projects/\(p.id)/runs" class="card" id="run-form">
            \(c.csrfField)
            <input type="hidden" name="version" value="\(v.id)">
            <div class="row"><label for="job">\(t("Что рассчитать", "Job")):</label><select name="job" id="job">\(options)</select></div>
            <div class="row"><label for="time_limit">\(t("Время на расчёт, секунд", "Time limit, seconds")):</label><input type="number" name="time_limit" id="time_limit" value="30" min="1" max="3600"></div>
            \(keep)
            <button type="submit">\(t("Запустить", "Start"))</button>
            <span class="muted">\(t("Расчёты идут в фоне; одновременно — не больше, чем ядер процессора, остальные ждут в очереди.", "Runs go on in the background, at most one per processor core at a time; the others wait in a queue."))</span>
            </form>
            """
        }

        // A timetable made elsewhere, checked against this version (`scenario`: its usable profile day).
        if scenario != nil {
            body += CheckPages.form(c, project: p, version: v)
        }

        // Runs.
        body += "<h2>\(t("Расчёты", "Runs"))</h2>"
        body += runsTable(c, runs, versions: versions)
        // Deleting: not a bundled example (it would come back at the next start).
        if p.example == nil {
            body += Layout.deleteForm(c, action: "/projects/\(p.id)/delete", id: "delete-project", button: t("Удалить проект", "Delete the project"),
                                      sure: t("да, удалить проект со всеми версиями данных, вариантами и расчётами", "yes, delete the project with all its data versions, variants and runs"),
                                      note: t("Это не отменить; идущие расчёты сначала остановите.", "This cannot be undone; stop its running runs first."))
        }
        return Layout.page(c, title: p.name, crumbs: [Crumb(p.name)], body)
    }

    /// Where a profile-day run's timetable came from when not from a search: a hand edit, or
    /// files made elsewhere.
    static func origin(_ r: RunRecord, _ t: Tr) -> String {
        let o = r.decodedOptions
        if o.imported != nil { return " (" + t("расписание из файлов", "timetable from files") + ")" }
        if o.editOf != nil { return " (" + t("правка вручную", "hand edit") + ")" }
        return ""
    }

    static func runsTable(_ c: PageContext, _ runs: [RunRecord], versions: [VersionRecord]) -> Markup {
        let t = c.tr
        guard !runs.isEmpty else { return "<p class=\"muted\">\(t("Расчётов пока не было.", "No runs yet."))</p>" }
        let number = Dictionary(versions.map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        var out: Markup = "<table class=\"list\" id=\"runs\"><thead><tr><th>\(t("Расчёт", "Run"))</th><th>\(t("Что", "Job"))</th><th>\(t("Версия", "Version"))</th><th>\(t("Состояние", "Status"))</th><th>\(t("Начат", "Started"))</th><th>\(t[.objective])</th><th>\(t("Разрыв до границы, %", "Gap to the bound, %"))</th><th>\(t("Получили все курсы", "Fully served"))</th></tr></thead><tbody>"
        for r in runs {
            let objective = r.objective
            // A profile day's gap and students fully served, from its summary.json (kept with the run).
            var figures: [String: JSONValue] = [:]
            if r.job == .schedule, r.hasResults, let text = r.summary, case .object(let o)? = JSONValue.parse(Data(text.utf8)) { figures = o }
            let gap = figures["gap"]?.double.map { Fmt.fixed($0 * 100, digits: 2, ru: t.ru) } ?? "—"
            let served: String = {
                guard let served = figures["studentsFullyServed"]?.double, let all = figures["studentsTotal"]?.double else { return "—" }
                return t.words.integer(Int(served)) + " " + t("из", "of") + " " + t.words.integer(Int(all))
            }()
            out += "<tr><td>\(Layout.link(r.id, "/runs/\(r.id)"))</td><td>\(t.job(r.job))\(origin(r, t))</td><td class=\"num\">\(number[r.versionId].map { "№ \($0)" } ?? "—")</td><td>\(Fmt.status(r.status, t))</td><td>\(Fmt.date(r.startedAt ?? r.createdAt, t))</td><td class=\"num\">\(objective.map { t.number($0, digits: 1) } ?? "—")</td><td class=\"num\">\(gap)</td><td class=\"num\">\(served)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// Закрепления: the version's pins (`pins.csv`, rule H6), each with «Открепить» in the
    /// project's newest version (a new version without it, `PinRoutes.unpin`).
    static func pins(_ c: PageContext, _ p: ProjectRecord, version v: VersionRecord, newest: Bool, _ scenario: Scenario) -> Markup {
        let t = c.tr
        var out: Markup = "<h2 id=\"pins\">\(t("Закрепления: версия", "Pins: version")) № \(v.number)</h2>"
        guard !scenario.pins.isEmpty else {
            return out + "<p class=\"muted\" id=\"no-pins\">\(t("Закреплённых групп нет. Закрепить группу можно на странице готового расчёта профильного дня, вкладка «Расписание по площадкам».", "No pinned sections. A section is pinned on a finished profile-day run's page, tab “Timetable by site”."))</p>"
        }
        out += "<p class=\"muted\">\(t("Эти группы расчёт профильного дня этой версии оставит как есть (правило H6). Пустая клетка — «любой».", "A profile-day run of this version keeps these sections as they are (rule H6). An empty cell means “any”."))</p>"
        let courses = Dictionary(scenario.courses.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let teachers = Dictionary(scenario.teachers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let sites = Dictionary(scenario.organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        out += "<table class=\"list\" id=\"pins-table\" data-count=\"\(scenario.pins.count)\"><thead><tr><th>№</th><th>\(t[.course])</th><th>\(t[.teacher])</th><th>\(t[.site])</th><th>\(t[.room])</th><th>\(t[.slot])</th><th>\(t("Закреплённые ученики", "Pinned students"))</th>\(newest ? "<th></th>" as Markup : .empty)</tr></thead><tbody>"
        for (i, pin) in scenario.pins.enumerated() {
            func named(_ id: String?, _ names: [String: String]) -> Markup {
                guard let id else { return "" }
                return "\(names[id] ?? id) <span class=\"muted\">\(id)</span>"
            }
            let place: Markup = switch pin.place {
            case .none: ""
            case .remote?: "\(t[.remote])"
            case .site(let s)?: named(s, sites)
            }
            out += "<tr data-course=\"\(pin.course)\" data-teacher=\"\(pin.teacher ?? "")\" data-site=\"\(pin.siteCell)\" data-room=\"\(pin.room ?? "")\" data-slot=\"\(pin.slot ?? "")\">"
            out += "<td class=\"num\">\(i + 1)</td><td>\(named(pin.course, courses))</td><td>\(named(pin.teacher, teachers))</td><td>\(place)</td><td>\(pin.room ?? "")</td><td>\(pin.slot ?? "")</td><td>\(pin.students.joined(separator: ", "))</td>"
            if newest {
                out += "<td><form method=\"post\" action=\"/projects/\(p.id)/unpin\" class=\"inline\">\(c.csrfField)<input type=\"hidden\" name=\"version\" value=\"\(v.id)\"><input type=\"hidden\" name=\"row\" value=\"\(i + 1)\"><input type=\"hidden\" name=\"course\" value=\"\(pin.course)\"><button type=\"submit\" class=\"unpin\">\(t("Открепить", "Unpin"))</button></form></td>"
            }
            out += "</tr>"
        }
        out += "</tbody></table>"
        if !newest {
            out += "<p class=\"muted\">\(t("Открепить можно в последней версии проекта.", "Pins are removed in the project's newest version."))</p>"
        }
        return out
    }
}
