import Foundation
import Reports
import Wording

/// The inner parts of a run's views: grouped grids, searchable paged lists, the map, the files.
enum RunViewsPages {
    /// A grouped table (per site, per rule): links to every group and the chosen group's rows
    /// (all groups with `all`).
    static func grouped(_ t: Tr, _ table: ReportTable?, _ groups: RunTables.Groups?, chosen: Int?, param: String,
                        base: String, page: Int?, pageSize: Int, all: Bool = false,
                        below: (String) -> Markup = { _ in .empty }) -> Markup {
        guard let table, let groups, !groups.names.isEmpty else {
            return "<p class=\"muted\">\(t("Здесь пусто.", "Nothing here."))</p>"
        }
        if all {
            var out: Markup = .empty
            for name in groups.names {
                out += "<h2>\(name)</h2>" + TableView.render(table, t.words, rows: groups.rows[name] ?? [], columns: columns(table))
            }
            return out
        }
        let index = min(max(0, (chosen ?? 1) - 1), groups.names.count - 1)
        let name = groups.names[index]
        let rows = groups.rows[name] ?? []
        let paging = Paging(page: page, size: pageSize, total: rows.count)
        return RunPages.groups(groups.names, chosen: index) { URLQuery.link(base, [(param, String($0))]) }
            + "<h2>\(name)</h2>"
            + TableView.render(table, t.words, rows: Array(rows[paging.range]), columns: columns(table), id: table.key)
            + paging.nav(t) { URLQuery.link(base, [(param, String(index + 1)), ("page", String($0))]) }
            + below(name)
    }

    /// The sections of one site of the grid, each with «Закрепить»: a form that makes the
    /// section a pin of the project (a new version, `PinRoutes`); a section that meets a pin
    /// already says so.
    static func siteSections(_ c: PageContext, run: RunRecord, _ sections: [ReportContent.GridSection]) -> Markup {
        let t = c.tr
        guard !sections.isEmpty else { return .empty }
        var out: Markup = "<h3 id=\"site-sections\">\(t("Группы площадки", "The site's sections"))</h3>"
        out += "<p class=\"muted\">\(t("«Закрепить» сохраняет группу (курс, педагог, площадка, кабинет, занятие) в закреплениях проекта: появится новая версия данных, и следующий расчёт профильного дня этой версии оставит группу на месте. Это расписание не меняется.", "“Pin” keeps the section (course, teacher, site, room, slot) among the project's pins: a new data version is made, and the next profile-day run of that version keeps the section where it is. This timetable does not change."))</p>"
        out += "<table class=\"list\" id=\"pin-sections\"><thead><tr><th>\(t[.section])</th><th>\(t[.course])</th><th>\(t[.teacher])</th><th>\(t[.room])</th><th>\(t[.slot])</th><th>\(t("Учеников", "Students"))</th><th></th></tr></thead><tbody>"
        for g in sections {
            let s = g.section
            let action: Markup = g.pinned
                ? "<span class=\"badge ok\">\(t[.pinned])</span>"
                : "<form method=\"post\" action=\"/runs/\(run.id)/pin\" class=\"inline\">\(c.csrfField)<input type=\"hidden\" name=\"section\" value=\"\(s.id)\"><button type=\"submit\" class=\"pin\" data-section=\"\(s.id)\">\(t("Закрепить", "Pin"))</button></form>"
            out += "<tr data-section=\"\(s.id)\"><td>\(s.id)</td><td>\(g.course)</td><td>\(g.teacher)</td><td>\(s.room ?? "—")</td><td>\(s.slot)</td><td class=\"num\" data-value=\"\(g.students)\">\(g.students)</td><td>\(action)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// Every column but the group column (the heading names it).
    static func columns(_ t: ReportTable) -> [Int] { t.columns.indices.filter { $0 != t.groupColumn } }

    /// Школы: links to every school; the chosen school's students (paged) and its bus plan.
    static func schools(_ t: Tr, _ tables: RunTables, chosen: Int?, base: String, page: Int?) -> Markup {
        guard let table = tables.schools, let groups = tables.schoolGroups, !groups.names.isEmpty else {
            return "<p class=\"muted\">\(t("Здесь пусто.", "Nothing here."))</p>"
        }
        let index = min(max(0, (chosen ?? 1) - 1), groups.names.count - 1)
        let name = groups.names[index]
        let rows = groups.rows[name] ?? []
        let paging = Paging(page: page, size: RunRoutes.pageSize, total: rows.count)
        var out = RunPages.groups(groups.names, chosen: index) { URLQuery.link(base, [("school", String($0))]) }
        out += "<h2>\(name): \(t[.whereStudentsAre].lowercased())</h2>"
        out += "<p>\(Layout.link(t("Лист школы для печати", "The school's sheet to print"), URLQuery.link(base + "/sheet", [("school", String(index + 1))]), class: "school-sheet")) · \(Layout.link(t("маршрутные листы её учеников", "its students' route cards"), URLQuery.link(base + "/cards", [("school", String(index + 1))]), class: "route-cards-link")) <span class=\"muted\">(\(t("все её ученики на одной странице, подвоз, занятия на её площадке и её педагоги", "all its students on one page, transport, the sections at its site and its teachers")))</span> · \(Layout.link(t("листы всех школ одним архивом (ZIP)", "every school's sheet in one archive (ZIP)"), base + "/sheets.zip", class: "school-sheets")) · \(Layout.link(t("маршрутные листы всех школ одним архивом (ZIP)", "every school's route cards in one archive (ZIP)"), base + "/cards.zip", class: "route-cards-zip"))</p>"
        out += TableView.render(table, t.words, rows: Array(rows[paging.range]), columns: columns(table), id: table.key)
        out += paging.nav(t) { URLQuery.link(base, [("school", String(index + 1)), ("page", String($0))]) }
        if let bus = tables.bus, let busRows = tables.busGroups?.rows[name], !busRows.isEmpty {
            out += "<h2>\(t[.busTitle])</h2>" + TableView.render(bus, t.words, rows: busRows, columns: columns(bus), id: bus.key)
        }
        return out
    }

    /// Лист школы (`SchoolSheet`, the report's rule for which rows are the school's), the rows
    /// of the grouped tables found by the run's indexes. Nil when the run has no such
    /// organisation (`chosen` counts from 1 in `RunTables.organisations`: as on «Школы» for
    /// schools, which come first).
    static func schoolSheet(_ tables: RunTables, chosen: Int?, words: Words) -> SchoolSheet? {
        let names = tables.organisations
        guard let chosen, names.indices.contains(chosen - 1) else { return nil }
        return schoolSheet(tables, school: names[chosen - 1], words: words)
    }

    /// A school's route cards (`SchoolSheet.routeCards`) with the teachers of its students'
    /// sections; nil when the run has no such school or it has no students.
    static func routeCards(_ tables: RunTables, chosen: Int?, words: Words) -> RouteCards? {
        schoolSheet(tables, chosen: chosen, words: words).flatMap { routeCards(tables, $0, words: words) }
    }

    /// Every school's route cards, in the order of «Школы» (the organisations without students
    /// have none).
    static func allRouteCards(_ tables: RunTables, words: Words) -> [RouteCards] {
        schoolSheets(tables, words: words).compactMap { routeCards(tables, $0, words: words) }
    }

    private static func routeCards(_ tables: RunTables, _ sheet: SchoolSheet, words: Words) -> RouteCards? {
        let cards = sheet.routeCards(words, groups: tables.groupLists, rows: tables.groupListSchools[sheet.school] ?? [])
        return cards.tables.isEmpty ? nil : cards
    }

    /// Every organisation's sheet, in the order of `RunTables.organisations`.
    static func schoolSheets(_ tables: RunTables, words: Words) -> [SchoolSheet] {
        tables.organisations.map { schoolSheet(tables, school: $0, words: words) }
    }

    private static func schoolSheet(_ tables: RunTables, school: String, words: Words) -> SchoolSheet {
        SchoolSheet(school: school, schools: tables.schools ?? ReportTable(key: "schools", title: "", columns: [], rows: []),
                    bus: tables.bus, sites: tables.sites, teachers: tables.teachers, groups: tables.groupLists, words: words) { table in
            switch table.key {
            case "schools": tables.schoolGroups?.rows[school] ?? []
            case "bus": tables.busGroups?.rows[school] ?? []
            case "sites": tables.siteGroups?.rows[school] ?? []
            case "groups": tables.groupListSites[school] ?? []
            default: nil
            }
        }
    }

    /// A sheet on a page: a print button, then its tables.
    static func sheetBody(_ t: Tr, _ tables: [ReportTable], intro: String = "") -> Markup {
        var out: Markup = printButton(t)
        if !intro.isEmpty { out += "<p id=\"sheet-intro\">\(intro)</p>" }
        for table in tables { out += "<h2>\(table.title)</h2>" + TableView.render(table, t.words, id: table.key) }
        return out
    }

    /// «Напечатать» (the static script prints the page; the print styles leave it out), and a note beside it.
    static func printButton(_ t: Tr, note: String? = nil) -> Markup {
        "<p class=\"no-print\"><button type=\"button\" data-print>\(t("Напечатать", "Print"))</button>\(note.map { " <span class=\"muted\">\($0)</span>" as Markup } ?? .empty)</p>"
    }

    /// Маршрутные листы: a card per student (`SchoolSheet.routeCards`), several to a printed page.
    static func routeCards(_ t: Tr, _ sheet: any PrintableSheet) -> Markup {
        var out: Markup = printButton(t, note: sheet.intro(t.words)) + "<div class=\"route-cards\" id=\"route-cards\">"
        for card in sheet.tables {
            out += "<section class=\"route-card\"><h3>\(card.title)</h3>" + TableView.render(card, t.words, id: card.key) + "</section>"
        }
        return out + "</div>"
    }

    /// Лист педагога (`TeacherSheet`, the report's rule for which rows are the teacher's), its
    /// rows found by the run's indexes; nil when the run has no such teacher with sections.
    static func teacherSheet(_ tables: RunTables, teacher: String?, words: Words) -> TeacherSheet? {
        guard let teacher, tables.teacherDayGroups?.rows[teacher] != nil else { return nil }
        return teacherSheet(tables, id: teacher, words: words)
    }

    /// Every teacher's sheet, in the order of «Педагоги».
    static func teacherSheets(_ tables: RunTables, words: Words) -> [TeacherSheet] {
        (tables.teacherDayGroups?.names ?? []).map { teacherSheet(tables, id: $0, words: words) }
    }

    private static func teacherSheet(_ tables: RunTables, id: String, words: Words) -> TeacherSheet {
        TeacherSheet(teacher: id, days: tables.teacherDays ?? ReportTable(key: "teacher-days", title: "", columns: [], rows: []),
                     groups: tables.groupLists, words: words) { table in
            switch table.key {
            case "teacher-days": tables.teacherDayGroups?.rows[id] ?? []
            case "groups": tables.groupListGroups?.rows[id] ?? []
            default: nil
            }
        }
    }

    /// A list with a search box (case-insensitive, in the columns of its `RunTables.SearchIndex`) and pages.
    static func searchable(_ t: Tr, _ table: ReportTable?, index: RunTables.SearchIndex?, base: String, query: String?, page: Int?,
                           pageSize: Int, placeholder: String, empty: String? = nil, link: TableView.Link? = nil) -> Markup {
        guard let table else { return "<p class=\"muted\">\(t("Здесь пусто.", "Nothing here."))</p>" }
        // Nothing to search in an empty list: only what its emptiness means.
        if table.rows.isEmpty {
            return "<p class=\"ok\" id=\"empty\">\(empty ?? t("Здесь пусто.", "Nothing here."))</p>"
        }
        var out = RunPages.search(t, action: base, query: query, placeholder: placeholder)
        var rows = Array(table.rows.indices)
        if let query, let index { rows = index.matches(query) }
        let paging = Paging(page: page, size: pageSize, total: rows.count)
        out += "<p class=\"muted\">\(t("Всего", "In all")): <span id=\"total\" data-value=\"\(table.rows.count)\">\(t.words.integer(table.rows.count))</span>"
        if query != nil { out += "; \(t("найдено", "found")): <span id=\"found\" data-value=\"\(rows.count)\">\(t.words.integer(rows.count))</span>" }
        out += "</p>"
        if rows.isEmpty { return out + "<p class=\"muted\">\(t("Ничего не найдено.", "Nothing found."))</p>" }
        out += TableView.render(table, t.words, rows: Array(rows[paging.range]), id: table.key, link: link)
        out += paging.nav(t) { URLQuery.link(base, [("q", query), ("page", String($0))]) }
        return out
    }

    /// Карта: the report's SVG map.
    static func map(_ t: Tr, run: RunRecord) -> Markup {
        """
        <div class="map"><img src="/runs/\(run.id)/files/map.svg" alt="\(t[.map])" id="map"></div>
        <p class="muted">\(t("Карта та же, что в отчёте (map.svg во выгрузках).", "The same map as in the report (map.svg among the downloads)."))</p>
        """
    }

    /// Выгрузки: the run's files, what each is.
    static func downloads(_ t: Tr, run: RunRecord, files: [RunFiles.Entry]) -> Markup {
        func what(_ name: String) -> String {
            switch name {
            case "report.html": return t("Отчёт для печати: итоги, сетка по площадкам, школы, педагоги, ученики, причины", "The printable report: figures, grids, schools, teachers, students, reasons")
            case "report.xlsx": return t("Те же таблицы в Excel, по листу на таблицу", "The same tables in Excel, one sheet each")
            case "map.svg": return t[.map]
            case "csv.zip": return t("Все таблицы CSV одним архивом", "Every CSV table in one ZIP")
            case "summary.json": return t("Итоги расчёта (JSON)", "The run's figures (JSON)")
            case "sections.csv": return t("Открытые группы", "Opened sections")
            case "enrolments.csv": return t("Кто в какой группе", "Who attends which section")
            case "partners.csv": return t("Пары ШНОР — школа-партнёр", "Partner pairs")
            case "appendix.md": return t("Приложение к приказу (текст)", "The order's appendix (text)")
            case "comparison.html": return t("Сравнение вариантов для печати", "The comparison, printable")
            case "comparison.json", "comparison.csv": return t("Сравнение вариантов", "The comparison")
            case "effect.csv": return t("Оценки эффекта партнёрства: по паре и предмету", "The partnership estimates, one per pair and subject")
            case "effect.html": return t("Помогли ли партнёры: страница для печати с графиком по каждой школе", "Did the partnerships help: printable, a chart per school")
            case "effect.xlsx": return t("Оценки и результаты по годам в Excel", "The estimates and the results year by year in Excel")
            case "plan.csv": return t("План встреч: площадка, встреча, дата, время, место", "The plan: platform, meeting, date, time, venue")
            case "plan.html": return t("Сводный план для печати", "The consolidated plan, printable")
            case "plan.xlsx": return t("План встреч в Excel", "The plan in Excel")
            case "people.csv": return t("Кто на какой встрече", "Who attends which meeting")
            case "meetings.ics": return t("Календарь района (iCalendar)", "The district's calendar (iCalendar)")
            case "unplaced.csv": return t("Встречи, которые не поместились, и почему", "Meetings that could not be placed, and why")
            case "meetings-summary.json": return t("Итоги плана (JSON)", "The plan's figures (JSON)")
            case "advice.html": return t("Советы: страница для печати", "The advice, printable")
            case "advice.csv", "advice.json": return t("Советы: изменения и их проверенный выигрыш", "The advice: the changes and their verified gains")
            case "explanations.json": return t("Почему курсы не открылись и почему ученики без полного набора (JSON)", "Why courses did not open and why students are short (JSON)")
            case "timetable-sites.csv": return t("Сетка по площадкам: площадка, помещение и группа в каждом занятии", "The grid per site: site, room and the section in each slot")
            case "timetable-schools.csv": return t("По школам: сколько учеников школы в какой группе в каждом занятии", "Per school: how many of a school's students attend which section in each slot")
            case "timetable-teachers.csv": return t("День каждого педагога: где и что он ведёт", "Each teacher's day: where and what they teach")
            case "timetable-students.csv": return t("День каждого ученика: где он в каждом занятии", "Each student's day: where they are in each slot")
            case "courses-not-opened.csv": return t[.notOpenedTitle]
            case "students-short.csv": return t[.shortTitle]
            default: return ""
            }
        }
        var out: Markup = "<table class=\"list\" id=\"files\"><thead><tr><th>\(t("Файл", "File"))</th><th>\(t("Что это", "What it is"))</th><th>\(t("Размер, КБ", "Size, KB"))</th></tr></thead><tbody>"
        if run.job == .schedule, run.hasResults {
            // Made on request from sections.csv and enrolments.csv (`TimetableIO.workbook`).
            out += "<tr id=\"timetable-workbook\"><td><a href=\"/runs/\(run.id)/timetable.xlsx\">timetable-\(run.id).xlsx</a></td><td>\(t("Расписание для правки в Excel: листы «Группы» и «Записи». Изменённое можно проверить и сохранить как расчёт на странице проекта («Проверить своё расписание»)", "The timetable to change in Excel: sheets «sections» and «enrolments». A changed one can be checked and kept as a run on the project's page («Check a timetable of your own»)"))</td><td class=\"num\">—</td></tr>"
            // Made on request from the run's tables (`SchoolSheet`).
            out += "<tr id=\"school-sheets\"><td><a href=\"/runs/\(run.id)/schools/sheets.zip\">school-sheets-\(run.id).zip</a></td><td>\(t("Листы для печати: каждой школе и площадке своя страница (ученики, подвоз, группы, педагоги), чтобы разослать", "Sheets to print: a page for each school and site (students, transport, sections, teachers), to send to each"))</td><td class=\"num\">—</td></tr>"
            out += "<tr id=\"route-cards\"><td><a href=\"/runs/\(run.id)/schools/cards.zip\">route-cards-\(run.id).zip</a></td><td>\(t("Маршрутные листы учеников: каждой школе свой файл, по карточке на ученика (где он в каждом занятии и кто ведёт), чтобы разрезать и раздать", "Students' route cards: a file for each school, a card per student (where they are in each slot and who teaches), to cut out and hand out"))</td><td class=\"num\">—</td></tr>"
            out += "<tr id=\"teacher-sheets\"><td><a href=\"/runs/\(run.id)/teachers/sheets.zip\">teacher-sheets-\(run.id).zip</a></td><td>\(t("Листы педагогов для печати: каждому педагогу свои занятия, переезды и списки групп с графой для отметки", "Teachers' sheets to print: each teacher's sections, trips and group lists with a column to mark who came"))</td><td class=\"num\">—</td></tr>"
        }
        for f in files {
            out += "<tr><td><a href=\"/runs/\(run.id)/files/\(URLQuery.encode(f.name))\">\(f.name)</a></td><td>\(what(f.name))</td><td class=\"num\">\(t.number(Double(f.bytes) / 1024, digits: 1))</td></tr>"
        }
        return out + "</tbody></table>"
    }
}
