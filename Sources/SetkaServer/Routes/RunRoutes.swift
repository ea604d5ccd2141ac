import Effect
import Foundation
import Hummingbird
import ProfileDay
import Reports
import Scenarios
import SetkaModel
import Wording

/// Расчёт and the views of a run's result; cancelling; the run's files.
struct RunRoutes {
    let app: SetkaApp

    /// Rows per page of the long lists (a city's 20,000 students never on one page).
    static let pageSize = 50

    func add(to router: Router<AppContext>) {
        router.get("/runs/:id") { request, context in try await summary(request, context) }
        router.post("/runs/:id/cancel") { request, context in try await cancel(request, context) }
        router.post("/runs/:id/delete") { request, context in
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            let (run, project, _) = try await app.lookupRun(context.parameters.get("id"))
            try await app.delete(form, language: context.language) { try await app.store.deleteRun(run.id) }
            return HTMLResponse.redirect("/projects/\(project.id)")
        }
        router.post("/runs/:id/edits") { request, context in try await checkEdit(request, context) }
        router.post("/runs/:id/edits/accept") { request, context in try await acceptEdit(request, context) }
        router.post("/runs/:id/advise") { request, context in
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            let (run, project, _) = try await app.lookupRun(context.parameters.get("id"))
            let t = Tr(context.language)
            guard let limit = form.number("time_limit", in: 5...3600) else {
                throw HTTPError(.badRequest, message: t("Время на поиск — от 5 до 3600 секунд.", "The time for the search is 5 to 3600 seconds."))
            }
            let advice = try await app.startRun(project: project, version: run.versionId, job: .advise, timeLimit: limit, keep: nil,
                                                variants: nil, from: run.id, language: context.language)
            return HTMLResponse.redirect("/runs/\(advice.id)")
        }
        router.post("/runs/:id/advice/variant") { request, context in
            // «Создать вариант»: an advice's change as a what-if variant of the project.
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            let (run, _, version) = try await app.lookupRun(context.parameters.get("id"))
            let t = Tr(context.language)
            let folder = app.store.folder.run(run.id)
            guard run.job == .advise, run.hasResults, let advice = try await offload({ AdviceOutput.read(folder) }) else {
                throw HTTPError(.notFound, message: t("Это не готовые советы.", "This is not finished advice."))
            }
            guard let rank = form.number("rank", in: 1...1000).map({ Int($0) }), let scenario = await app.views.scenario(version),
                  let record = try await offload({ [store = app.store] in
                      try VariantBuilder.fromAdvice(advice, rank: rank, scenario: scenario, version: version, folder: store.folder)
                  }) else {
                throw HTTPError(.unprocessableContent, message: t("У этих советов нет такого изменения.", "This advice has no such change."))
            }
            try await app.store.insert(variant: record)
            return HTMLResponse.redirect("/variants/\(record.id)")
        }
        router.get("/runs/:id/schools/sheet") { request, context in try await schoolSheet(request, context) }
        router.get("/runs/:id/schools/sheets.zip") { request, context in try await schoolSheets(request, context) }
        router.get("/runs/:id/schools/cards") { request, context in try await routeCards(request, context) }
        router.get("/runs/:id/schools/cards.zip") { request, context in try await allRouteCards(request, context) }
        router.get("/runs/:id/teachers/sheet") { request, context in try await teacherSheet(request, context) }
        router.get("/runs/:id/teachers/sheets.zip") { request, context in try await teacherSheets(request, context) }
        router.get("/runs/:id/notices") { request, context in try await notices(request, context) }
        router.get("/runs/:id/files/:name") { _, context in
            let (run, _, _) = try await app.lookupRun(context.parameters.get("id"))
            return try RunFiles.response(folder: app.store.folder.run(run.id), name: context.parameters.get("name") ?? "")
        }
        router.get("/runs/:id/timetable.xlsx") { _, context in
            // A finished profile day's timetable as one workbook to change in Excel and check
            // again («Проверить своё расписание»); made from the run's files on each request.
            let (run, _, _) = try await app.lookupRun(context.parameters.get("id"))
            let language = context.language
            guard run.job == .schedule, run.hasResults else {
                throw HTTPError(.notFound, message: Tr(language)("У этого расчёта нет расписания профильного дня.", "This run has no profile-day timetable."))
            }
            let folder = app.store.folder.run(run.id)
            let data = try await offload { try TimetableIO.workbook(try TimetableIO.read(from: folder).timetable, language: language) }
            return RunFiles.attachment(data, name: "timetable-\(run.id).xlsx")
        }
        for tab in RunPages.Tab.allCases where tab != .summary {
            router.get("/runs/:id/\(tab.rawValue)") { request, context in try await view(tab, request, context) }
        }
    }

    func summary(_ request: Request, _ context: AppContext) async throws -> Response {
        let (run, project, version) = try await app.lookupRun(context.parameters.get("id"))
        let c = context.page(request)
        var summary: JSONValue?
        var comparison: [ReportTable]?
        var effect: EffectStudy?
        var advice: Advice?
        var names = Names()
        if run.hasResults, run.job == .advise {
            let folder = app.store.folder.run(run.id)
            advice = try await offload { AdviceOutput.read(folder) }
        }
        var variants: [VariantRecord?] = []
        for id in run.decodedOptions.variants ?? [] { variants.append(try await app.store.variant(id)) }
        if run.hasResults {
            let view = try await app.views.view(run, version: version, variants: variants)
            summary = .object(view.summary)
            if advice != nil, let scenario = view.scenario { names = Names(scenario) }
            if run.job == .compare { comparison = try await view.tables(c.tr.language).comparison }
            if run.job == .effect { effect = try await view.tables(c.tr.language).effect }
        }
        let variantNames = variants.compactMap { $0?.name }
        let page = RunPages.run(c, run, project: project, version: version, progress: app.jobs.progress(run.id),
                                position: app.jobs.position(run.id), summary: summary, comparison: comparison,
                                effect: effect, advice: advice, names: names, variantNames: variantNames,
                                files: run.hasResults && run.job == .schedule ? RunFiles.list(app.store.folder.run(run.id)).map(\.name) : [],
                                versionBest: run.job == .schedule && run.hasResults && run.decodedOptions.notSearched
                                    ? VersionBest(try await app.store.runs(of: project.id), version: run.versionId) : nil)
        return HTMLResponse.make(page)
    }

    func cancel(_ request: Request, _ context: AppContext) async throws -> Response {
        let form = try await Forms.read(request, context: context)
        try Forms.verify(form, context: context)
        let (run, _, _) = try await app.lookupRun(context.parameters.get("id"))
        _ = try await app.jobs.cancel(run.id)
        // The job stops within about a second and writes its best; the page shows it.
        try? await Task.sleep(for: .milliseconds(300))
        return HTMLResponse.redirect("/runs/\(run.id)")
    }

    func view(_ tab: RunPages.Tab, _ request: Request, _ context: AppContext) async throws -> Response {
        let (run, project, version) = try await app.lookupRun(context.parameters.get("id"))
        let c = context.page(request)
        let t = c.tr
        guard run.hasResults, RunPages.Tab.tabs(run.job).contains(tab) else {
            throw HTTPError(.notFound, message: t("У этого расчёта нет такой страницы (или он ещё не закончен).",
                                                  "This run has no such page (or it has not finished)."))
        }
        let base = "/runs/\(run.id)/\(tab.rawValue)"
        let query = request.uri.queryParameters
        let page = query.get("page", as: Int.self)
        let q = query.get("q").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        if tab == .edits {
            let section = query.get("section").map { String($0.prefix(100)) } ?? ""
            var form = EditForm()
            form.section = section
            return HTMLResponse.make(RunPages.view(c, run, project: project, tab: tab,
                                                   try await editPage(c, run, version, form: form, check: nil, problem: nil)))
        }
        if tab == .downloads {
            let files = RunFiles.list(app.store.folder.run(run.id))
            return HTMLResponse.make(RunPages.view(c, run, project: project, tab: tab, RunViewsPages.downloads(t, run: run, files: files)))
        }
        if tab == .map {
            return HTMLResponse.make(RunPages.view(c, run, project: project, tab: tab, RunViewsPages.map(t, run: run)))
        }
        let view = try await app.views.view(run, version: version)
        let tables = try await view.tables(t.language)
        let inner: Markup
        switch tab {
        case .sites:
            inner = RunViewsPages.grouped(t, tables.sites, tables.siteGroups, chosen: query.get("site", as: Int.self), param: "site",
                                          base: base, page: page, pageSize: 1000) { name in
                // The organisation's sheet to print (its groups, its teachers; its students for a school).
                let sheet: Markup = tables.organisations.firstIndex(of: name).map {
                    "<p>\(Layout.link(t("Лист площадки для печати", "The site's sheet to print"), "/runs/\(run.id)/schools/sheet?school=\($0 + 1)", class: "site-sheet"))</p>"
                } ?? .empty
                return sheet + RunViewsPages.siteSections(c, run: run, tables.siteSections[name] ?? [])
            }
        case .schools:
            inner = RunViewsPages.schools(t, tables, chosen: query.get("school", as: Int.self), base: base, page: page)
        case .partners:
            inner = RunViewsPages.grouped(t, tables.partners, tables.partnerGroups, chosen: nil, param: "rule", base: base,
                                          page: page, pageSize: 500, all: true)
        case .teachers:
            // Each teacher's id links to their sheet to print (their day, their group lists).
            let teachers = tables.teachers
            let sheets: Markup = tables.teacherDays.map { _ in
                "<p>\(t("Код педагога открывает его лист для печати: его занятия, переезды и списки групп.", "A teacher's id opens their sheet to print: their sections, trips and group lists.")) \(Layout.link(t("Листы всех педагогов одним архивом (ZIP)", "Every teacher's sheet in one archive (ZIP)"), base + "/sheets.zip", class: "teacher-sheets"))</p>"
            } ?? .empty
            inner = sheets + RunViewsPages.searchable(t, teachers, index: tables.search["teachers"], base: base, query: q, page: page,
                                                      pageSize: Self.pageSize, placeholder: t("код или имя педагога", "teacher id or name"),
                                                      link: TableView.Link(column: ReportContent.teacherIDColumn) { r in
                URLQuery.link(base + "/sheet", [("teacher", teachers?.rows[r][ReportContent.teacherIDColumn].display(t.words))])
            })
        case .students:
            inner = RunViewsPages.searchable(t, tables.students, index: tables.search["students"], base: base, query: q, page: page,
                                             pageSize: Self.pageSize, placeholder: t("код ученика или школа", "student id or school"))
        case .short:
            inner = RunViewsPages.searchable(t, tables.short, index: tables.search["short"], base: base, query: q, page: page,
                                             pageSize: Self.pageSize, placeholder: t("код ученика или школа", "student id or school"),
                                             empty: t[.everyStudentServed])
        case .notOpened:
            inner = RunViewsPages.searchable(t, tables.notOpened, index: tables.search["not-opened"], base: base, query: q, page: page,
                                             pageSize: 200, placeholder: t("код или название курса", "course id or title"),
                                             empty: t[.everyCourseOpened])
        case .summary, .map, .downloads, .edits:
            inner = .empty
        }
        return HTMLResponse.make(RunPages.view(c, run, project: project, tab: tab, inner))
    }
}

extension RunRoutes {
    /// Лист школы для печати (`RunViewsPages.schoolSheet`), `?school=N` as on «Школы».
    func schoolSheet(_ request: Request, _ context: AppContext) async throws -> Response {
        let chosen = request.uri.queryParameters.get("school", as: Int.self)
        return try await sheetPage(request, context, tab: .schools, missing: ("У этого расчёта нет такой школы.", "This run has no such school.")) {
            RunViewsPages.schoolSheet($0, chosen: chosen, words: $1)
        }
    }

    /// Маршрутные листы учеников школы (`SchoolSheet.routeCards`), `?school=N` as on «Школы».
    func routeCards(_ request: Request, _ context: AppContext) async throws -> Response {
        let chosen = request.uri.queryParameters.get("school", as: Int.self)
        return try await sheetPage(request, context, tab: .schools, crumb: Tr(context.language)[.routeCards],
                                   missing: ("У этого расчёта нет такой школы с учениками.", "This run has no such school with students."),
                                   render: { RunViewsPages.routeCards($0, $1) }) {
            RunViewsPages.routeCards($0, chosen: chosen, words: $1)
        }
    }

    /// Every school's route cards as a page of their own (`RouteCards.html`), one file per
    /// school with students in a ZIP, in the order of «Школы»: `01-МБОУ-Ольховская-СОШ.html`.
    func allRouteCards(_ request: Request, _ context: AppContext) async throws -> Response {
        try await sheetsZip(request, context, name: "route-cards") { RunViewsPages.allRouteCards($0, words: $1) }
    }

    /// Every school's sheet as a page of its own (`SchoolSheet.html`), one file per school in a
    /// ZIP, to send each school its own: `01-МБОУ-Ольховская-СОШ.html`, in the order of «Школы»,
    /// then the other organisations of the day (a centre, a college).
    func schoolSheets(_ request: Request, _ context: AppContext) async throws -> Response {
        try await sheetsZip(request, context, name: "school-sheets") { RunViewsPages.schoolSheets($0, words: $1) }
    }

    /// Лист педагога для печати (`RunViewsPages.teacherSheet`), `?teacher=ID` (the teacher's id
    /// as the scenario gives it).
    func teacherSheet(_ request: Request, _ context: AppContext) async throws -> Response {
        let id = request.uri.queryParameters.get("teacher").map { String($0.prefix(200)) }
        return try await sheetPage(request, context, tab: .teachers,
                                   missing: ("В этом расчёте у такого педагога нет занятий.", "This run has no sections of such a teacher.")) {
            RunViewsPages.teacherSheet($0, teacher: id, words: $1)
        }
    }

    /// Every teacher's sheet as a page of its own (`TeacherSheet.html`), one file per teacher in
    /// a ZIP, in the order of «Педагоги»: `01-Петрова-Н-С.html`.
    func teacherSheets(_ request: Request, _ context: AppContext) async throws -> Response {
        try await sheetsZip(request, context, name: "teacher-sheets") { RunViewsPages.teacherSheets($0, words: $1) }
    }

    /// Кого оповестить (`ChangeNotice`): a hand edit's or a re-planned day's students and
    /// teachers whose day differs from the run it replaces (`editOf`, else `keep`), to print.
    func notices(_ request: Request, _ context: AppContext) async throws -> Response {
        let (run, project, version) = try await app.lookupRun(context.parameters.get("id"))
        let c = context.page(request)
        let t = c.tr
        guard run.hasResults, run.job == .schedule, let source = run.decodedOptions.editOf ?? run.decodedOptions.keep else {
            throw HTTPError(.notFound, message: t("Этот расчёт ничего не заменяет: сравнивать не с чем.", "This run replaces none: there is nothing to compare with."))
        }
        guard let before = try await app.store.run(source), before.hasResults else {
            throw HTTPError(.notFound, message: t("Расчёта \(source), который этот заменяет, больше нет.", "Run \(source), which this one replaces, is gone."))
        }
        guard let scenario = await app.views.scenario(version) else {
            throw HTTPError(.unprocessableContent, message: t("Сценарий этой версии не загружается.", "This version's scenario does not load."))
        }
        let (was, now) = (app.store.folder.run(before.id), app.store.folder.run(run.id))
        let words = Words(t.language, names: Names(scenario))
        let notice = try await offload {
            ChangeNotice(scenario: scenario, before: try TimetableIO.read(from: was).timetable, after: try TimetableIO.read(from: now).timetable,
                         words: words)
        }
        let title = notice.title(t.words)
        let body: Markup = "<p class=\"muted\">\(t("Было: расчёт", "Before: run")) <a href=\"/runs/\(before.id)\">\(before.id)</a>; \(t("стало", "after")): \(Self.sheetSubtitle(run, project: project, version: version, t))</p>"
            + RunViewsPages.sheetBody(t, notice.tables, intro: notice.intro(t.words))
        return HTMLResponse.make(Layout.page(c, title: title, crumbs: RunPages.crumbs(run, project: project, t) + [Crumb(title)], body))
    }

    /// A sheet to print on a page of the app, under the tab it is opened from: what the run
    /// says, a print button, its tables; 404 with `missing` when `find` finds none.
    /// `crumb` names the page in the path (else «Лист для печати»); `render` lays out its tables
    /// (else `RunViewsPages.sheetBody`).
    private func sheetPage(_ request: Request, _ context: AppContext, tab: RunPages.Tab, crumb: String? = nil, missing: (String, String),
                           render: ((Tr, any PrintableSheet) -> Markup)? = nil,
                           find: (RunTables, Words) -> (any PrintableSheet)?) async throws -> Response {
        let (run, project, version, tables) = try await dayTables(request, context)
        let c = context.page(request)
        let t = c.tr
        guard let sheet = find(tables, t.words) else { throw HTTPError(.notFound, message: t(missing.0, missing.1)) }
        let crumbs = RunPages.crumbs(run, project: project, t, tab: tab).dropLast()
            + [Crumb(tab.title(t), "/runs/\(run.id)/\(tab.rawValue)"), Crumb(crumb ?? t("Лист для печати", "Sheet to print"))]
        let body: Markup = "<p class=\"muted\">\(Self.sheetSubtitle(run, project: project, version: version, t))</p>"
            + (render?(t, sheet) ?? RunViewsPages.sheetBody(t, sheet.tables, intro: sheet.intro(t.words)))
        return HTMLResponse.make(Layout.page(c, title: sheet.title(t.words), crumbs: Array(crumbs), body))
    }

    /// Every sheet `all` gives, each as a page of its own (`html`), numbered in that order in one
    /// ZIP, `<name>-<run>.zip`.
    private func sheetsZip(_ request: Request, _ context: AppContext, name: String,
                           all: @escaping @Sendable (RunTables, Words) -> [any PrintableSheet]) async throws -> Response {
        let (run, project, version, tables) = try await dayTables(request, context)
        let t = Tr(context.language)
        let subtitle = Self.sheetSubtitle(run, project: project, version: version, t)
        let data = try await offload {
            let sheets = all(tables, t.words)
            return try EngineCalls.zip(sheets.enumerated().map { i, sheet in
                ResultFile(Self.sheetFileName(i + 1, sheet.owner, of: sheets.count), text: sheet.html(subtitle: subtitle, words: t.words))
            })
        }
        return RunFiles.attachment(data, name: "\(name)-\(run.id).zip")
    }

    /// A finished profile day's run with its tables in the page's language; 404 otherwise.
    private func dayTables(_ request: Request, _ context: AppContext) async throws -> (RunRecord, ProjectRecord, VersionRecord, RunTables) {
        let (run, project, version) = try await app.lookupRun(context.parameters.get("id"))
        guard run.hasResults, RunPages.Tab.tabs(run.job).contains(.schools) else {
            throw HTTPError(.notFound, message: Tr(context.language)("У этого расчёта нет листов для печати (или он ещё не закончен).",
                                                                     "This run has no sheets to print (or it has not finished)."))
        }
        return (run, project, version, try await app.views.view(run, version: version).tables(context.language))
    }

    /// Whose timetable a school's sheet is: the project, the run, the data version, when.
    static func sheetSubtitle(_ run: RunRecord, project: ProjectRecord, version: VersionRecord, _ t: Tr) -> String {
        "\(project.name) · \(t("расчёт", "run")) \(run.id) · \(t("версия данных", "data version")) № \(version.number) · \(Fmt.date(run.endedAt, t))"
    }

    /// `01-МБОУ-Ольховская-СОШ.html`: the number, then the school's name with what is not a
    /// letter or a digit made a hyphen (no quotes, slashes or spaces in a file's name).
    static func sheetFileName(_ n: Int, _ school: String, of count: Int = 0) -> String {
        var name = ""
        for ch in school { name.append(ch.isLetter || ch.isNumber ? ch : "-") }
        while name.contains("--") { name = name.replacingOccurrences(of: "--", with: "-") }
        name = String(name.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(80))
        let number = String(n), width = max(2, String(count).count)
        return String(repeating: "0", count: max(0, width - number.count)) + number + (name.isEmpty ? "" : "-" + name) + ".html"
    }

    /// Правка вручную, checked: the edit in the form's fields, applied to the run's timetable as
    /// `setka edit --dry-run` applies it; the page shows the verdict (nothing is changed).
    func checkEdit(_ request: Request, _ context: AppContext) async throws -> Response {
        let (form, run, project, version) = try await app.finishedScheduleForm(request, context, refusal: Self.onlyScheduleEdits)
        let c = context.page(request)
        let t = c.tr
        let fields = EditForm(form)
        var check: EditCheck?
        var problem: String?
        switch fields.edit(t) {
        case .failure(let failure):
            problem = failure.description
        case .success(let edit):
            guard let scenario = await app.views.scenario(version) else {
                throw HTTPError(.unprocessableContent, message: t("Сценарий этой версии не загружается.", "This version's scenario does not load."))
            }
            let folder = app.store.folder.run(run.id)
            check = try await offload { try EngineCalls.checkEdit(edit, run: folder, scenario: scenario, language: t.language) }
        }
        let page = try await editPage(c, run, version, form: fields, check: check, problem: problem)
        return HTMLResponse.make(RunPages.view(c, run, project: project, tab: .edits, page))
    }

    /// «Принять правку»: the edit in the form's fields checked again on the run's timetable
    /// (the earlier verdict is not trusted) and, when accepted, queued as a NEW profile-day run
    /// of the project (a background job like the others, `EngineCalls.edit`) that writes what
    /// `setka edit --out` writes with the profile-day reports; the run itself never changes. A refused edit is 422
    /// and nothing is made. With «закрепить», the edit's pins become the project's first, as
    /// «Закрепить» on the grid makes them (`Projects.pinVersion`: a new version), and the new
    /// run is of that version.
    func acceptEdit(_ request: Request, _ context: AppContext) async throws -> Response {
        let (form, run, project, version) = try await app.finishedScheduleForm(request, context, refusal: Self.onlyScheduleEdits)
        let t = Tr(context.language)
        let fields = EditForm(form)
        let edit: TimetableEdit
        switch fields.edit(t) {
        case .failure(let failure): throw HTTPError(.unprocessableContent, message: failure.description)
        case .success(let e): edit = e
        }
        guard let scenario = await app.views.scenario(version) else {
            throw HTTPError(.unprocessableContent, message: t("Сценарий этой версии не загружается.", "This version's scenario does not load."))
        }
        let pin = try form.flag("pin")
        let source = app.store.folder.run(run.id)
        let check = try await offload { try EngineCalls.checkEdit(edit, run: source, scenario: scenario, pin: pin, language: t.language) }
        guard check.accepted else {
            throw HTTPError(.unprocessableContent, message: t("Правку сделать нельзя, ничего не создано: ", "The edit cannot be made; nothing was created: ")
                + check.text)
        }
        var runVersion = version
        if let pins = check.pins, !(check.report?.newPins.isEmpty ?? true) {
            do {
                runVersion = try await app.projects.pinVersion(of: project, scenario: scenario, pins: pins)
            } catch let refusal as PinRefusal {
                throw HTTPError(.unprocessableContent, message: t("Правку с закреплением сохранить нельзя, ничего не создано. Проверка закреплений говорит:",
                                                                  "The edit with its pin cannot be stored; nothing was created. The check of the pins says:")
                                + "\n" + refusal.text(t.language))
            }
        }
        let words = edit.words
        let record = RunRecord(id: Ids.make(), projectId: project.id, versionId: runVersion.id, job: .schedule, status: .queued,
                               timeLimit: 0, createdAt: Date(), startedAt: nil, endedAt: nil, progress: nil, summary: nil,
                               message: "hand edit of run \(run.id) (\(words)), accepted after its check",
                               options: JSONCoding.encode(RunOptionsRecord(editOf: run.id, edit: words + (pin ? " --pin" : ""),
                                                                           editRequest: edit, editVersion: version.id, pin: pin)),
                               hasResults: false, objective: nil)
        try await app.store.insert(run: record)
        app.jobs.submit(record.id)
        return HTMLResponse.redirect("/runs/\(record.id)")
    }

    func editPage(_ c: PageContext, _ run: RunRecord, _ version: VersionRecord, form: EditForm, check: EditCheck?, problem: String?) async throws -> Markup {
        let folder = app.store.folder.run(run.id)
        let sections = try await offload { try EngineCalls.sections(run: folder) }
        // The list of sections says courses, teachers and sites as the scenario does.
        let names = await app.views.scenario(version).map(Names.init) ?? Names()
        return EditPages.page(c, run: run, sections: sections, names: names, form: form, check: check, problem: problem)
    }
}

extension RunRoutes {
    static let onlyScheduleEdits = ("Править можно только готовое расписание профильного дня.",
                                    "Only a finished profile-day timetable can be edited.")
}

extension SetkaApp {
    /// A form posted about a finished profile-day run (its CSRF token checked): the form and the
    /// run with its project and version; 404 with `refusal` (Russian, English) for another run.
    func finishedScheduleForm(_ request: Request, _ context: AppContext, refusal: (String, String))
        async throws -> (Form, RunRecord, ProjectRecord, VersionRecord) {
        let form = try await Forms.read(request, context: context)
        try Forms.verify(form, context: context)
        let (run, project, version) = try await lookupRun(context.parameters.get("id"))
        guard run.hasResults, run.job == .schedule else {
            throw HTTPError(.notFound, message: Tr(context.language)(refusal.0, refusal.1))
        }
        return (form, run, project, version)
    }

    /// A run with its project and version; 404 when there is no such run.
    func lookupRun(_ id: String?) async throws -> (RunRecord, ProjectRecord, VersionRecord) {
        guard let id, let run = try await store.run(id), let project = try await store.project(run.projectId),
              let version = try await store.version(run.versionId) else {
            throw HTTPError(.notFound, message: "no such run")
        }
        return (run, project, version)
    }

    /// The scenario of `version` when it has a profile day to pin, show or check a timetable
    /// against (valid data with slots); nil otherwise.
    func profileDayScenario(_ version: VersionRecord) async -> Scenario? {
        guard version.valid, version.decodedValidation.facts?.hasProfileDay == true else { return nil }
        return await views.scenario(version)
    }

    /// Deletes what `deletion` deletes when `form` has its box ticked (`Layout.deleteForm`;
    /// 400 without), its refusals as 409 in the page's words (a run still going, a bundled
    /// example); 404 when it is not there.
    func delete(_ form: Form, language: ReportLanguage, _ deletion: () async throws -> Bool) async throws {
        let t = Tr(language)
        guard form["confirm"] == "yes" else {
            throw HTTPError(.badRequest, message: t("Ничего не удалено: отметьте «да, удалить» рядом с кнопкой.", "Nothing was deleted: tick “yes, delete” beside the button."))
        }
        try await delete(language: language, deletion)
    }

    /// Deletes what `deletion` deletes (the pages' forms and the JSON API alike), its refusals
    /// as 409 in `language` (a run still going, a bundled example); 404 when it is not there.
    func delete(language: ReportLanguage, _ deletion: () async throws -> Bool) async throws {
        let t = Tr(language)
        do {
            guard try await deletion() else { throw HTTPError(.notFound, message: t("Удалять нечего: его уже нет.", "Nothing to delete: it is gone already.")) }
        } catch Store.DeleteRefusal.running {
            throw HTTPError(.conflict, message: t("Расчёт ещё идёт или ждёт в очереди (или идёт расчёт, который использует то, что вы удаляете): сначала остановите его (кнопка «Остановить» на странице расчёта).",
                                                  "A run is still going or queued (or one that uses what you are deleting is): stop it first (the Stop button on the run's page)."))
        } catch Store.DeleteRefusal.example {
            throw HTTPError(.conflict, message: t("Пример, поставляемый с Setka, не удаляется: при следующем запуске он появился бы снова.",
                                                  "An example that comes with Setka is not deleted: it would come back at the next start."))
        }
    }

    /// A project; 404 when there is no such project.
    func lookupProject(_ id: String?) async throws -> ProjectRecord {
        guard let id, let project = try await store.project(id) else { throw HTTPError(.notFound, message: "no such project") }
        return project
    }
}
