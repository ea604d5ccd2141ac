import Foundation
import SetkaModel
import Wording

/// Варианты «что если»: the project's variants, the form that builds one, the form that
/// compares them with the base (and re-plans stably from a published timetable).
enum VariantPages {
    static func list(_ c: PageContext, project: ProjectRecord, base: VersionRecord?, choices: Choices?,
                     variants: [VariantRecord], versions: [VersionRecord], runs: [RunRecord]) -> Markup {
        let t = c.tr
        let number = Dictionary(versions.map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        // What each variant changes, naming teachers, courses and schools by the base version's names.
        let words = Words(t.language, names: choices?.names ?? Names())
        var body: Markup = "<p class=\"muted\">\(t("Вариант — это копия сценария с изменениями: уходит педагог, закрывается школа, меняется минимальный размер группы, растёт спрос на курс. Сравнение рассчитывает базовый сценарий и варианты бок о бок и показывает, что изменилось.", "A variant is the scenario with changes: a teacher leaves, a school closes, the minimum section size changes, demand for a course grows. A comparison solves the base and the variants side by side and shows what changed."))</p>"

        // The variants and the comparison form.
        body += "<h2>\(t("Варианты", "Variants"))</h2>"
        let valid = variants.filter(\.valid)
        if variants.isEmpty {
            body += "<p class=\"muted\">\(t("Вариантов пока нет.", "No variants yet."))</p>"
        } else {
            body += """
            <form method="post" action="/projects/\(project.id)/compare" id="compare-form">
            \(c.csrfField)
            <table class="list" id="variants"><thead><tr><th>\(t("Сравнить", "Compare"))</th><th>\(t("Вариант", "Variant"))</th><th>\(t("Версия данных", "Data version"))</th><th>\(t("Откуда", "Origin"))</th><th>\(t("Проверка", "Validation"))</th><th>\(t("Изменения", "Changes"))</th></tr></thead><tbody>
            """
            for v in variants {
                let val = v.decodedValidation
                let box: Markup = v.valid ? "<input type=\"checkbox\" name=\"variant\" value=\"\(v.id)\" aria-label=\"\(v.name)\">" : .empty
                let origin = Fmt.origin(v, t)
                let changes = (val.changes ?? []).map { Markup.text(words.sentence($0)) }.joined(separator: "<br>")
                body += "<tr><td>\(box)</td><td>\(Layout.link(v.name, "/variants/\(v.id)"))</td><td class=\"num\">\(number[v.versionId].map { "№ \($0)" } ?? "—")</td><td>\(origin)</td><td>\(Fmt.validity(v.valid, errors: val.errors.count, t))</td><td>\(changes)</td></tr>"
            }
            body += "</tbody></table>"
            if !valid.isEmpty {
                let kept = runs.filter { $0.job == .schedule && $0.hasResults }
                var keep: Markup = "<option value=\"\">\(t("нет: рассчитать заново", "no: solve afresh"))</option>"
                for r in kept { keep += "<option value=\"\(r.id)\">\(r.id) — \(Fmt.date(r.endedAt, t)), \(t("версия", "version")) № \(number[r.versionId] ?? 0)</option>" }
                body += """
                <div class="row"><label for="time_limit">\(t("Время на всё сравнение, секунд", "Time for the whole comparison, seconds")):</label><input type="number" name="time_limit" id="time_limit" value="60" min="5" max="3600"></div>
                <div class="row"><label for="keep">\(t("Устойчивое перепланирование: сохранить как можно больше из опубликованного расписания", "Stable re-planning: keep as much as possible of a published timetable")):</label><select name="keep" id="keep">\(keep)</select></div>
                <button type="submit">\(t("Сравнить с базовым сценарием", "Compare with the base scenario"))</button>
                <span class="muted">\(t("Базовый сценарий — версия данных выбранных вариантов.", "The base is the data version of the chosen variants."))</span>
                """
            }
            body += "</form>"
        }

        // Past comparisons.
        let comparisons = runs.filter { $0.job == .compare }
        if !comparisons.isEmpty {
            body += "<h2>\(t("Сравнения", "Comparisons"))</h2>" + ProjectPages.runsTable(c, comparisons, versions: versions)
        }

        // The builder.
        body += "<h2>\(t("Новый вариант", "New variant"))</h2>"
        if let base, let choices {
            body += builder(c, project: project, base: base, choices: choices)
        } else {
            body += "<p class=\"muted\">\(t("Нет версии данных без ошибок: сначала исправьте данные.", "There is no version without errors: fix the data first."))</p>"
        }
        return Layout.page(c, title: t("Варианты «что если»", "What-if variants"),
                           crumbs: [Crumb(project.name, "/projects/\(project.id)"), Crumb(t("Варианты", "Variants"))], body)
    }

    /// The lists the builder offers, built once per version (a city has 1,300 teachers).
    struct Choices: Sendable {
        var teachers: Markup, schools: Markup, courses: Markup
        var teacherCount: Int
        /// The names sentences about the version's variants give its teachers, courses and schools.
        var names: Names

        init(_ s: Scenario) {
            teachers = options(s.teachers.map { ($0.id, $0.name == $0.id ? $0.id : "\($0.id) — \($0.name)") })
            schools = options(s.organisations.map { ($0.id, "\($0.id) — \($0.name)") })
            courses = options(s.courses.map { ($0.id, $0.title == $0.id ? $0.id : "\($0.id) — \($0.title)") })
            teacherCount = s.teachers.count
            names = Names(s)
        }
    }

    static func options(_ items: [(id: String, label: String)]) -> Markup {
        items.map { "<option value=\"\($0.id)\">\($0.label)</option>" as Markup }.joined()
    }

    static func builder(_ c: PageContext, project: ProjectRecord, base: VersionRecord, choices: Choices) -> Markup {
        let t = c.tr
        let (teachers, schools, courses) = (choices.teachers, choices.schools, choices.courses)
        let keys = options(VariantLoader.settableKeys.map { ($0, $0) })
        let tables = options(VariantLoader.addableTables.map { ($0, $0 + ".csv") })
        let size = min(8, max(3, choices.teacherCount))
        return """
        <form method="post" action="/projects/\(project.id)/variants" class="card" id="variant-form">
        \(c.csrfField)
        <input type="hidden" name="version" value="\(base.id)">
        <p class="muted">\(t("На основе версии данных", "Based on data version")) № \(base.number). \(t("Заполните только то, что меняется; несколько строк в списке выбираются с Ctrl.", "Fill in only what changes; pick several items of a list with Ctrl."))</p>
        <div class="row"><label for="name">\(t("Название варианта", "Variant name")):</label><input type="text" name="name" id="name" required maxlength="120" size="50"></div>
        <fieldset><legend>\(t("Убрать", "Remove"))</legend>
        <p class="muted">\(t("Школа убирается вместе с её кабинетами, педагогами и учениками.", "A school is removed with its rooms, teachers and students."))</p><div class="fields">
        <label for="remove_teacher">\(t("педагогов", "teachers")):</label><select multiple name="remove_teacher" id="remove_teacher" size="\(size)">\(teachers)</select>
        <label for="remove_school">\(t("школы", "schools")):</label><select multiple name="remove_school" id="remove_school" size="\(size)">\(schools)</select>
        <label for="remove_course">\(t("курсы", "courses")):</label><select multiple name="remove_course" id="remove_course" size="\(size)">\(courses)</select>
        </div></fieldset>
        <fieldset><legend>\(t("Изменить число", "Set a number"))</legend>
        <label for="set_key">\(t("настройка", "setting")):</label><select name="set_key" id="set_key"><option value="">—</option>\(keys)</select>
        <label for="set_value">\(t("значение", "value")):</label><input type="text" name="set_value" id="set_value" size="8">
        </fieldset>
        <fieldset><legend>\(t("Изменить спрос на курс", "Scale a course's demand"))</legend>
        <label for="scale_course">\(t("курс", "course")):</label><select name="scale_course" id="scale_course"><option value="">—</option>\(courses)</select>
        <label for="scale_factor">\(t("во сколько раз", "factor")):</label><input type="text" name="scale_factor" id="scale_factor" size="6" placeholder="1,5">
        </fieldset>
        <fieldset id="variant-update"><legend>\(t("Изменить педагога или курс", "Change a teacher or a course"))</legend>
        <p class="muted">\(t("Один столбец строки, как в таблице данных: например, педагог свободен в занятия 1|2|3 (slots) или ведёт не больше 3 групп (max_sections); пустое значение — как пустая ячейка.", "One column of the row, as in the data table: e.g. a teacher free in slots 1|2|3 (slots) or teaching at most 3 sections (max_sections); an empty value is an empty cell."))</p>
        \(updateRow(.teacher, label: t("педагог", "teacher"), rows: teachers, t))
        \(updateRow(.course, label: t("курс", "course"), rows: courses, t))
        </fieldset>
        <fieldset><legend>\(t("Добавить строки в таблицу", "Add rows to a table"))</legend>
        <label for="add_table">\(t("таблица", "table")):</label><select name="add_table" id="add_table"><option value="">—</option>\(tables)</select>
        <div class="row"><label for="add_rows">\(t("строки CSV, первая — заголовок с названиями столбцов", "CSV rows, the first one the header with the column names")):</label>
        <textarea name="add_rows" id="add_rows" placeholder="\(t("id,name,site,courses\nT99,Новый педагог,s001,robotics", "id,name,site,courses\nT99,New teacher,s001,robotics"))"></textarea></div>
        </fieldset>
        <button type="submit">\(t("Сохранить вариант", "Save the variant"))</button>
        </form>
        """
    }

    /// The form's row for `update:` of one `target` row: which row, which of its columns
    /// (`VariantLoader.updatableColumns`, each with what it holds, as the template says it), the value.
    static func updateRow(_ target: VariantChange.Target, label: String, rows: Markup, _ t: Tr) -> Markup {
        let field = "update_\(target.rawValue)"
        let notes = WorkbookGuide.columnNotes(target.rawValue + "s", language: t.language)
        // What a what-if changes most often first (a teacher's free slots, a course's largest
        // section), then the rest of the row's columns.
        let first = target == .teacher ? ["slots", "max_sections", "travels", "courses", "site"] : ["max_size", "min_size", "sites", "room_kind", "remote"]
        let updatable = VariantLoader.updatableColumns(target)
        let ordered = first.filter(updatable.contains) + updatable.subtracting(first).sorted()
        let columns = ordered.map { name in
            (name, notes[name].map { "\(name) — \($0)" } ?? name)
        }
        return """
        <div class="fields"><label for="\(field)">\(label):</label><select name="\(field)" id="\(field)"><option value="">—</option>\(rows)</select>
        <label for="\(field)_column">\(t("столбец", "column")):</label><select name="\(field)_column" id="\(field)_column">\(options(columns))</select>
        <label for="\(field)_value">\(t("новое значение", "new value")):</label><input type="text" name="\(field)_value" id="\(field)_value" size="24" maxlength="200"></div>
        """
    }

    /// One variant: its file and what the loader said; what it changes by `names` (its version's).
    static func variant(_ c: PageContext, project: ProjectRecord, _ v: VariantRecord, yaml: String, names: Names) -> Markup {
        let t = c.tr
        let words = Words(t.language, names: names)
        let val = v.decodedValidation
        var body: Markup = "<p>\(Fmt.validity(v.valid, errors: val.errors.count, t))</p>"
        if let changes = val.changes, !changes.isEmpty {
            body += "<h2>\(t("Что меняет", "What it changes"))</h2><ul>" + changes.map { "<li>\(words.sentence($0))</li>" as Markup }.joined() + "</ul>"
        }
        if !val.errors.isEmpty { body += "<h2 class=\"bad\">\(t("Ошибки", "Errors"))</h2>" + Fmt.findings(val.errors, t) }
        if !val.warnings.isEmpty { body += "<h2 class=\"warn\">\(t("Предупреждения", "Warnings"))</h2>" + Fmt.findings(val.warnings, t) }
        body += "<h2>\(t("Файл варианта", "The variant file"))</h2><pre class=\"yaml\">\(yaml)</pre>"
        body += Layout.deleteForm(c, action: "/variants/\(v.id)/delete", id: "delete-variant", button: t("Удалить вариант", "Delete the variant"),
                                  sure: t("да, удалить этот вариант", "yes, delete this variant"),
                                  note: t("Сравнения, где он был, останутся.", "The comparisons it was in stay."))
        return Layout.page(c, title: v.name, crumbs: [Crumb(project.name, "/projects/\(project.id)"),
                                                     Crumb(t("Варианты", "Variants"), "/projects/\(project.id)/variants"), Crumb(v.name)], body)
    }
}
