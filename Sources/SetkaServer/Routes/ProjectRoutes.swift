import Foundation
import Hummingbird
import SetkaModel

/// Проекты and Проект: the list, uploads (a new project or its next version), starting a run,
/// the language switch.
struct ProjectRoutes {
    let app: SetkaApp

    func add(to router: Router<AppContext>) {
        router.get("/") { request, context in
            let projects = try await app.store.projects()
            let latest = try await app.store.latestVersions()
            return HTMLResponse.make(ProjectPages.projects(context.page(request), projects.map { ($0, latest[$0.id]) }))
        }
        router.post("/projects") { request, context in
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            guard let file = form.files["file"], !file.bytes.isEmpty else {
                throw HTTPError(.badRequest, message: Tr(context.language)("Выберите файл для загрузки.", "Choose a file to upload."))
            }
            let (project, _) = try await app.projects.create(upload: file.bytes, originalName: file.name)
            return HTMLResponse.redirect("/projects/\(project.id)")
        }
        router.get("/projects/:id") { request, context in
            let project = try await app.lookupProject(context.parameters.get("id"))
            let versions = try await app.store.versions(of: project.id)
            let wanted = request.uri.queryParameters.get("version")
            guard let selected = versions.first(where: { $0.id == wanted }) ?? versions.first else {
                throw HTTPError(.notFound, message: "the project has no version")
            }
            let runs = try await app.store.runs(of: project.id)
            let variants = try await app.store.variants(of: project.id).count
            // The selected version's pins (a profile day's), to see and to remove in the newest.
            let scenario = await app.profileDayScenario(selected)
            return HTMLResponse.make(ProjectPages.project(context.page(request), project, versions: versions, selected: selected,
                                                          runs: runs, variants: variants, scenario: scenario))
        }
        // A workbook to fill in (`setka template`), in the page's language: its «Инструкция» («Instructions») sheet
        // explains every column.
        router.get("/template.xlsx") { _, context in
            let language = context.language
            let data = try await offload { try ScenarioWorkbook.template(language: language) }
            return RunFiles.attachment(data, name: "setka-template.xlsx",
                                       shown: Tr(language)("Сетка — книга для заполнения.xlsx", "Setka - workbook to fill in.xlsx"))
        }
        // A version's data as a workbook (`setka template --from`): to change in Excel and upload
        // as the next version. It loads to the same scenario.
        router.get("/projects/:id/workbook.xlsx") { request, context in
            let project = try await app.lookupProject(context.parameters.get("id"))
            let t = Tr(context.language)
            let wanted = request.uri.queryParameters.get("version")
            let versions = try await app.store.versions(of: project.id)
            guard let version = versions.first(where: { $0.id == wanted }) ?? versions.first else {
                throw HTTPError(.notFound, message: t("У проекта нет такой версии.", "The project has no such version."))
            }
            guard version.valid, let scenario = await app.views.scenario(version) else {
                throw HTTPError(.notFound, message: t("Данные этой версии с ошибками: в книгу их не выписать. Исправьте файл, который вы загрузили.",
                                                      "This version's data has errors and cannot be written as a workbook. Correct the file you uploaded."))
            }
            let data = try await offload { try ScenarioWorkbook.workbook(scenario, language: scenario.language) }
            return RunFiles.attachment(data, name: "scenario-v\(version.number).xlsx",
                                       shown: "\(project.name) — \(t("версия", "version")) \(version.number).xlsx")
        }
        router.post("/projects/:id/delete") { request, context in
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            let project = try await app.lookupProject(context.parameters.get("id"))
            try await app.delete(form, language: context.language) { try await app.store.deleteProject(project.id) }
            return HTMLResponse.redirect("/")
        }
        router.post("/projects/:id/versions") { request, context in
            let project = try await app.lookupProject(context.parameters.get("id"))
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            guard let file = form.files["file"], !file.bytes.isEmpty else {
                throw HTTPError(.badRequest, message: Tr(context.language)("Выберите файл для загрузки.", "Choose a file to upload."))
            }
            let version = try await app.projects.addVersion(to: project, upload: file.bytes, originalName: file.name)
            return HTMLResponse.redirect("/projects/\(project.id)?version=\(version.id)#validation")
        }
        router.post("/projects/:id/runs") { request, context in
            let project = try await app.lookupProject(context.parameters.get("id"))
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            let t = Tr(context.language)
            guard let job = form["job"].flatMap(JobKind.init(rawValue:)), job != .compare, job != .advise else {
                throw HTTPError(.badRequest, message: t("Выберите, что рассчитать.", "Choose a job."))
            }
            guard let limit = form.number("time_limit", in: 1...3600) else {
                throw HTTPError(.badRequest, message: t("Время на расчёт — от 1 до 3600 секунд.", "The time limit is 1 to 3600 seconds."))
            }
            // Keeping a published timetable stable is for the profile day only.
            let keep = job == .schedule ? form["keep"].flatMap { $0.isEmpty ? nil : $0 } : nil
            let run = try await app.startRun(project: project, version: form["version"], job: job, timeLimit: limit, keep: keep,
                                             variants: nil, language: context.language)
            return HTMLResponse.redirect("/runs/\(run.id)")
        }
        router.post("/projects/:id/check") { request, context in try await checkTimetable(request, context) }
        router.get("/lang/:code") { request, context in
            let code = context.parameters.get("code") == "en" ? "en" : "ru"
            // Back to the page the switch was on: a path of this site only.
            var back = request.uri.queryParameters.get("back") ?? "/"
            if !back.hasPrefix("/") || back.hasPrefix("//") || back.contains("\\") || back.contains("\r") || back.contains("\n") { back = "/" }
            var response = HTMLResponse.redirect(back)
            response.setCookie(Cookie(name: Guard.languageCookie, value: code, maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .lax))
            return response
        }
    }
}

extension ProjectRoutes {
    /// «Проверить своё расписание»: the two files of a timetable made elsewhere, checked against
    /// the chosen version's scenario (`EngineCalls.checkUpload`) and shown, a valid one beside
    /// the version's best finished profile day (`VersionBest`); nothing is stored. With
    /// «сохранить как расчёт» (`import`) a valid one becomes a profile-day run of the project
    /// (`SetkaApp.importTimetable`) and the answer is that run's page; one that breaks a rule is
    /// shown as without it, with a note that nothing was stored.
    /// 400 without both files; 422 for a version with no usable profile day.
    func checkTimetable(_ request: Request, _ context: AppContext) async throws -> Response {
        let project = try await app.lookupProject(context.parameters.get("id"))
        let form = try await Forms.read(request, context: context)
        try Forms.verify(form, context: context)
        let t = Tr(context.language)
        let upload = try UploadedTimetable(form, t)
        let (version, scenario) = try await app.checkedVersion(of: project, form["version"], t)
        let language = t.language
        let result = try await offload { EngineCalls.checkUpload(upload, scenario: scenario, language: language) }
        let importWanted = try form.flag("import")
        if importWanted && result.isValid {
            let run = try await app.importTimetable(project: project, version: version, upload)
            return HTMLResponse.redirect("/runs/\(run.id)")
        }
        let best = VersionBest(try await app.store.runs(of: project.id), version: version.id)
        return HTMLResponse.make(CheckPages.page(context.page(request), project: project, version: version, result, best: best,
                                                 importRefused: importWanted))
    }
}

extension UploadedTimetable {
    /// The timetable a check form or request sent: one workbook (`workbook`), or the two files
    /// (`sections`, `enrolments`), each named as the sender's computer named it (a path from an
    /// old browser: its last part). 400 without either.
    init(_ form: Form, _ t: Tr) throws {
        func named(_ name: String, _ fallback: String) -> String {
            let last = Forms.baseName(name)
            return last.isEmpty ? fallback : String(last.prefix(200))
        }
        if let workbook = form.files["workbook"], !workbook.bytes.isEmpty {
            self = .workbook(name: named(workbook.name, UploadedTimetable.storedNames.workbook), bytes: workbook.bytes)
        } else if let sections = form.files["sections"], !sections.bytes.isEmpty,
                  let enrolments = form.files["enrolments"], !enrolments.bytes.isEmpty {
            self = .files(sections: (named(sections.name, "sections.csv"), sections.bytes),
                          enrolments: (named(enrolments.name, "enrolments.csv"), enrolments.bytes))
        } else {
            throw HTTPError(.badRequest, message: t("Выберите оба файла расписания, sections.csv и enrolments.csv, или одну книгу Excel с листами «Группы» и «Записи».",
                                                    "Choose both files of the timetable, sections.csv and enrolments.csv, or one Excel workbook with sheets «sections» and «enrolments»."))
        }
    }
}

extension SetkaApp {
    /// The version of `project` a timetable is checked against (`id`, else the newest) and its
    /// scenario: 404 without a version, or when `strict` and `id` names none of the project's
    /// (the form falls back to the newest); 422 when it has no usable profile day.
    func checkedVersion(of project: ProjectRecord, _ id: String?, strict: Bool = false, _ t: Tr) async throws -> (VersionRecord, Scenario) {
        let versions = try await store.versions(of: project.id)
        let named = versions.first { $0.id == id }
        if strict, let id, !id.isEmpty, named == nil {
            throw HTTPError(.notFound, message: "the project has no version \(id.prefix(40))")
        }
        guard let version = named ?? versions.first else {
            throw HTTPError(.notFound, message: "the project has no version")
        }
        guard let scenario = await profileDayScenario(version) else {
            throw HTTPError(.unprocessableContent, message: t("В этой версии данных нет профильного дня без ошибок: расписание не с чем сверить.",
                                                              "This data version has no usable profile day to check a timetable against."))
        }
        return (version, scenario)
    }

    /// A checked timetable made elsewhere taken as a profile-day run of `project` on `version`:
    /// its two files stored as received (`DataFolder.importedTimetable`, written whole by a
    /// rename) and a queued run whose job reads and checks them again and writes them as a run
    /// (`EngineCalls.importTimetable`), so that the views, reports, hand edits, advice and a
    /// later run kept close to it (`keep`) all work on it.
    func importTimetable(project: ProjectRecord, version: VersionRecord, _ upload: UploadedTimetable) async throws -> RunRecord {
        let id = Ids.make()
        let folder = store.folder
        try await offload {
            let scratch = try folder.scratch("timetable")
            do {
                try upload.store(in: scratch)
                try folder.publish(scratch, to: folder.importedTimetable(id))
            } catch {
                try? FileManager.default.removeItem(at: scratch)
                throw error
            }
        }
        let record = RunRecord(id: id, projectId: project.id, versionId: version.id, job: .schedule, status: .queued,
                               timeLimit: 0, createdAt: Date(), startedAt: nil, endedAt: nil, progress: nil, summary: nil,
                               message: "a timetable made elsewhere (\(upload.names.joined(separator: ", "))), taken as a run after its check",
                               options: JSONCoding.encode(RunOptionsRecord(imported: upload.names)),
                               hasResults: false, objective: nil)
        try await store.insert(run: record)
        jobs.submit(record.id)
        return record
    }
}

extension SetkaApp {
    /// Stores a queued run of `job` on `version` (the newest by default) and queues it. Refuses
    /// (422) a version with errors, a job the scenario has no data for, a `keep` that is not a
    /// finished profile day of this project, a variant of another project.
    func startRun(project: ProjectRecord, version versionId: String?, job: JobKind, timeLimit: Double, keep: String?,
                  variants: [String]?, from: String? = nil, language: ReportLanguage) async throws -> RunRecord {
        let t = Tr(language)
        let versions = try await store.versions(of: project.id)
        var versionId = versionId
        if job == .advise {
            // Advice is on a finished timetable, of the version it was made from.
            guard let from, let source = try await store.run(from), source.projectId == project.id, source.job == .schedule,
                  source.hasResults, versionId == nil || versionId == source.versionId else {
                throw HTTPError(.unprocessableContent, message: t("Советы даются по готовому расписанию профильного дня этого проекта.",
                                                                  "Advice needs a finished profile-day timetable of this project."))
            }
            versionId = source.versionId
        }
        if job == .compare {
            // A comparison's base is the version its variants change.
            var bases = Set<String>()
            for id in variants ?? [] {
                guard let v = try await store.variant(id), v.projectId == project.id, v.valid else {
                    throw HTTPError(.unprocessableContent, message: t("Вариант не найден или в нём ошибки.", "A variant is missing or has errors."))
                }
                bases.insert(v.versionId)
            }
            guard bases.count == 1, versionId == nil || bases.contains(versionId!) else {
                throw HTTPError(.unprocessableContent, message: t("Сравнивать можно варианты одной версии данных.",
                                                                  "Only variants of one data version can be compared, with that version as the base."))
            }
            versionId = bases.first
        }
        guard let version = versionId.map({ id in versions.first { $0.id == id } }) ?? versions.first else {
            throw HTTPError(.unprocessableContent, message: t("Нет такой версии у проекта.", "The project has no such version."))
        }
        guard version.valid else {
            throw HTTPError(.unprocessableContent, message: t("В этой версии данных есть ошибки: исправьте их и загрузите файл снова.",
                                                              "This version has errors: fix them and upload the file again."))
        }
        let facts = version.decodedValidation.facts
        if job == .schedule || job == .advise, facts?.hasProfileDay != true {
            throw HTTPError(.unprocessableContent, message: t("В сценарии нет профильного дня (profile_day.slots).", "The scenario has no profile day (profile_day.slots)."))
        }
        if job == .partner, facts?.hasPartnering != true {
            throw HTTPError(.unprocessableContent, message: t("В сценарии нет правил подбора партнёров (partnering).", "The scenario has no partnering rules."))
        }
        if job == .meetings, facts?.hasMeetings != true {
            throw HTTPError(.unprocessableContent, message: t("В сценарии нет сетевых площадок и настроек meetings: (platforms.csv).",
                                                              "The scenario has no network platforms and meetings: settings (platforms.csv)."))
        }
        if job == .effect, facts?.hasEffect != true {
            throw HTTPError(.unprocessableContent, message: t("В сценарии нет прошлых результатов и пар (results.csv, partners-history.csv).",
                                                              "The scenario has no past results and pairs (results.csv, partners-history.csv)."))
        }
        if let keep {
            guard let kept = try await store.run(keep), kept.projectId == project.id, kept.job == .schedule, kept.hasResults else {
                throw HTTPError(.unprocessableContent, message: t("Сохранять можно только готовое расписание профильного дня этого проекта.",
                                                                  "Only a finished profile-day timetable of this project can be kept."))
            }
        }
        let run = RunRecord(id: Ids.make(), projectId: project.id, versionId: version.id, job: job, status: .queued,
                            timeLimit: timeLimit, createdAt: Date(), startedAt: nil, endedAt: nil, progress: nil, summary: nil,
                            message: nil, options: JSONCoding.encode(RunOptionsRecord(variants: variants, keep: keep, from: job == .advise ? from : nil)),
                            hasResults: false, objective: nil)
        try await store.insert(run: run)
        jobs.submit(run.id)
        return run
    }
}
