import Foundation
import Hummingbird
import SetkaModel
import Wording

/// Варианты «что если»: the list and builder, one variant, the comparison.
struct VariantRoutes {
    let app: SetkaApp

    func add(to router: Router<AppContext>) {
        router.get("/projects/:id/variants") { request, context in
            let project = try await app.lookupProject(context.parameters.get("id"))
            let versions = try await app.store.versions(of: project.id)
            let base = versions.first(where: \.valid)
            let choices = if let base { await app.views.choices(base) } else { nil as VariantPages.Choices? }
            let page = VariantPages.list(context.page(request), project: project, base: base, choices: choices,
                                         variants: try await app.store.variants(of: project.id), versions: versions,
                                         runs: try await app.store.runs(of: project.id))
            return HTMLResponse.make(page)
        }
        router.post("/projects/:id/variants") { request, context in
            let project = try await app.lookupProject(context.parameters.get("id"))
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            let t = Tr(context.language)
            guard let vid = form["version"], let version = try await app.store.version(vid), version.projectId == project.id, version.valid,
                  let scenario = await app.views.scenario(version) else {
                throw HTTPError(.unprocessableContent, message: t("Нет такой версии данных без ошибок.", "No such version without errors."))
            }
            let request = try Self.request(form, scenario: scenario, t)
            let record = try await offload { [folder = app.store.folder] in try VariantBuilder.create(request, version: version, folder: folder) }
            try await app.store.insert(variant: record)
            return HTMLResponse.redirect("/variants/\(record.id)")
        }
        router.get("/variants/:id") { request, context in
            guard let id = context.parameters.get("id"), let v = try await app.store.variant(id) else {
                throw HTTPError(.notFound, message: "no such variant")
            }
            let project = try await app.lookupProject(v.projectId)
            let yaml = (try? String(contentsOf: app.store.folder.resolve(v.path), encoding: .utf8)) ?? ""
            var names = Names()
            if let version = try await app.store.version(v.versionId), let choices = await app.views.choices(version) { names = choices.names }
            return HTMLResponse.make(VariantPages.variant(context.page(request), project: project, v, yaml: yaml, names: names))
        }
        router.post("/variants/:id/delete") { request, context in
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            guard let id = context.parameters.get("id"), let v = try await app.store.variant(id) else {
                throw HTTPError(.notFound, message: "no such variant")
            }
            try await app.delete(form, language: context.language) { try await app.store.deleteVariant(v.id) }
            return HTMLResponse.redirect("/projects/\(v.projectId)/variants")
        }
        router.post("/projects/:id/compare") { request, context in
            let project = try await app.lookupProject(context.parameters.get("id"))
            let form = try await Forms.read(request, context: context)
            try Forms.verify(form, context: context)
            let t = Tr(context.language)
            let ids = form.all("variant")
            guard !ids.isEmpty else {
                throw HTTPError(.badRequest, message: t("Отметьте варианты для сравнения.", "Tick the variants to compare."))
            }
            guard let limit = form.number("time_limit", in: 5...3600) else {
                throw HTTPError(.badRequest, message: t("Время — от 5 до 3600 секунд.", "The time limit is 5 to 3600 seconds."))
            }
            let keep = form["keep"].flatMap { $0.isEmpty ? nil : $0 }
            let run = try await app.startRun(project: project, version: nil, job: .compare, timeLimit: limit, keep: keep,
                                             variants: ids, language: context.language)
            return HTMLResponse.redirect("/runs/\(run.id)")
        }
    }

    /// The form's fields as a variant, each id checked against the scenario.
    static func request(_ form: Form, scenario s: Scenario, _ t: Tr) throws -> VariantRequest {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw HTTPError(.badRequest, message: t("Дайте варианту название.", "Give the variant a name.")) }
        var r = VariantRequest(name: String(name.prefix(120)))
        func known(_ ids: [String], _ all: Set<String>, _ what: String) throws -> [String] {
            for id in ids where !all.contains(id) {
                throw HTTPError(.unprocessableContent, message: t("Нет такого", "Unknown") + " \(what): \(id.prefix(60))")
            }
            return ids
        }
        let courses = Set(s.courses.map(\.id))
        r.removeTeachers = try known(form.all("remove_teacher"), Set(s.teachers.map(\.id)), t("педагога", "teacher"))
        r.removeSchools = try known(form.all("remove_school"), Set(s.organisations.map(\.id)), t("школы", "school"))
        r.removeCourses = try known(form.all("remove_course"), courses, t("курса", "course"))
        if let key = form["set_key"], !key.isEmpty {
            guard VariantLoader.settableKeys.contains(key) else {
                throw HTTPError(.unprocessableContent, message: t("Эту настройку менять нельзя", "This setting cannot be changed") + ": \(key.prefix(60))")
            }
            let value = (form["set_value"] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard !value.isEmpty else { throw HTTPError(.badRequest, message: t("Укажите значение настройки.", "Give the setting's value.")) }
            r.set.append((key, String(value.prefix(40))))
        }
        if let course = form["scale_course"], !course.isEmpty {
            _ = try known([course], courses, t("курса", "course"))
            guard let factor = form.number("scale_factor", in: 0...100) else {
                throw HTTPError(.badRequest, message: t("Множитель спроса — число от 0 до 100, например 1,5.", "The demand factor is a number from 0 to 100, e.g. 1.5."))
            }
            r.scale.append((course, factor))
        }
        if let table = form["add_table"], !table.isEmpty {
            guard VariantLoader.addableTables.contains(table) else {
                throw HTTPError(.unprocessableContent, message: t("В эту таблицу добавлять нельзя", "Rows cannot be added to this table") + ": \(table.prefix(40))")
            }
            let rows = (form["add_rows"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            guard rows.contains("\n") else {
                throw HTTPError(.badRequest, message: t("Добавьте строку заголовка и хотя бы одну строку данных.", "Give the header row and at least one data row."))
            }
            r.add.append((table, rows + "\n"))
        }
        // One column of one teacher's and of one course's row (`update:`); the value is checked
        // by the variant's loader as a cell of that column, and its findings shown on the variant.
        for (target, ids, what) in [(VariantChange.Target.teacher, Set(s.teachers.map(\.id)), t("педагога", "teacher")),
                                    (.course, courses, t("курса", "course"))] {
            let field = "update_\(target.rawValue)"
            guard let id = form[field], !id.isEmpty else { continue }
            _ = try known([id], ids, what)
            let column = form[field + "_column"] ?? ""
            guard VariantLoader.updatableColumns(target).contains(column) else {
                throw HTTPError(.unprocessableContent, message: t("Выберите, какой столбец изменить", "Choose the column to change") + ": \(column.prefix(40))")
            }
            let value = (form[field + "_value"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            r.update.append((target, id, column, String(value.prefix(200))))
        }
        guard !r.isEmpty else { throw HTTPError(.badRequest, message: t("Вариант ничего не меняет: выберите хотя бы одно изменение.", "The variant changes nothing: choose at least one change.")) }
        return r
    }
}
