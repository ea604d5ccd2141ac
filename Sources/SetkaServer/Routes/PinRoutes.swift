import Foundation
import Hummingbird
import ProfileDay
import SetkaModel

/// Закрепления: «Закрепить» a section of a finished profile day (its grid per site) and
/// «Открепить» a pin on the project page. Neither moves anything: each makes the next version
/// of the project, its scenario with the changed pins (`Projects.pinVersion`, checked by the
/// loader's `PinValidator` before it is stored); the next profile-day run of that version
/// keeps its pins (rule H6).
struct PinRoutes {
    let app: SetkaApp

    func add(to router: Router<AppContext>) {
        router.post("/runs/:id/pin") { request, context in try await pin(request, context) }
        router.post("/projects/:id/unpin") { request, context in try await unpin(request, context) }
    }

    /// The section (form field `section`, its id in the run's `sections.csv`) as a pin of the
    /// project's newest version: a new version, or 409 when that version pins it already, or
    /// 422 with the validator's errors (nothing stored).
    func pin(_ request: Request, _ context: AppContext) async throws -> Response {
        let (form, run, project, _) = try await app.finishedScheduleForm(request, context, refusal: (
            "Закрепить можно группу только готового расписания профильного дня.",
            "Only a section of a finished profile-day timetable can be pinned."))
        let t = Tr(context.language)
        let id = String((form["section"] ?? "").prefix(100))
        let folder = app.store.folder.run(run.id)
        let sections = try await offload { try EngineCalls.sections(run: folder) }
        guard let section = sections.first(where: { $0.section.id == id })?.section else {
            throw HTTPError(.unprocessableContent, message: t("В этом расписании нет группы «\(id)».", "This timetable has no section “\(id)”."))
        }
        let (base, scenario) = try await newestScenario(project, t)
        switch PinList.adding(Pin(section: section), to: scenario.pins) {
        case .alreadyPinned(let row):
            throw HTTPError(.conflict, message: t("Группа \(id) уже закреплена в версии № \(base.number) (строка \(row + 1) закреплений); ничего не изменено.",
                                                  "Section \(id) is pinned already in version № \(base.number) (pin row \(row + 1)); nothing changed."))
        case .added(let pins), .narrowed(_, let pins):
            let version = try await store(project, scenario, pins, t(
                "Группу \(id) закрепить нельзя, ничего не сохранено. Проверка закреплений говорит:",
                "Section \(id) cannot be pinned; nothing was stored. The check of the pins says:"), language: t.language)
            return HTMLResponse.redirect("/projects/\(project.id)?version=\(version.id)#pins")
        }
    }

    /// Pin row `row` (1-based) of version `version` removed: a new version. The version must
    /// be the project's newest (409 otherwise: the page was out of date), and the row must be
    /// the pin the page showed (`course`).
    func unpin(_ request: Request, _ context: AppContext) async throws -> Response {
        let form = try await Forms.read(request, context: context)
        try Forms.verify(form, context: context)
        let project = try await app.lookupProject(context.parameters.get("id"))
        let t = Tr(context.language)
        let (base, scenario) = try await newestScenario(project, t)
        guard form["version"] == base.id else {
            throw HTTPError(.conflict, message: t("У проекта уже есть более новая версия: откройте страницу проекта снова.",
                                                  "The project has a newer version now: open the project page again."))
        }
        guard let row = form.number("row", in: 1...Double(max(1, scenario.pins.count))).map({ Int($0) - 1 }),
              scenario.pins.indices.contains(row), scenario.pins[row].course == form["course"] else {
            throw HTTPError(.unprocessableContent, message: t("Такого закрепления в этой версии нет.", "This version has no such pin."))
        }
        let version = try await store(project, scenario, PinList.removing(at: row, from: scenario.pins), t(
            "Открепить нельзя, ничего не сохранено. Проверка закреплений говорит:",
            "The pin cannot be removed; nothing was stored. The check of the pins says:"), language: t.language)
        return HTMLResponse.redirect("/projects/\(project.id)?version=\(version.id)#pins")
    }

    /// The project's newest version and its scenario; 422 when it has errors or no profile day.
    func newestScenario(_ project: ProjectRecord, _ t: Tr) async throws -> (VersionRecord, Scenario) {
        guard let base = try await app.store.versions(of: project.id).first, let scenario = await app.profileDayScenario(base) else {
            throw HTTPError(.unprocessableContent, message: t("Закрепления меняются в последней версии данных проекта, а в ней ошибки или нет профильного дня.",
                                                              "Pins are changed in the project's newest data version, which has errors or no profile day."))
        }
        return (base, scenario)
    }

    /// The next version with `pins`; a refusal is 422 with the validator's errors after `refused`.
    func store(_ project: ProjectRecord, _ scenario: Scenario, _ pins: [Pin], _ refused: String,
               language: ReportLanguage) async throws -> VersionRecord {
        do {
            return try await app.projects.pinVersion(of: project, scenario: scenario, pins: pins)
        } catch let refusal as PinRefusal {
            throw HTTPError(.unprocessableContent, message: refused + "\n" + refusal.text(language))
        }
    }
}
