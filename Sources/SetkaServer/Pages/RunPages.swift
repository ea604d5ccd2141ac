import Effect
import Foundation
import Partnering
import ProfileDay
import Reports
import Scenarios
import Wording

/// The pages of one run: Расчёт (status, progress, key figures) and one page per view of its
/// result, each built from the report's own tables.
enum RunPages {
    /// The views of a run's result, in the order of the tabs.
    enum Tab: String, CaseIterable, Sendable {
        case summary, sites, schools, teachers, students, notOpened = "not-opened", short, map, partners, downloads, edits

        var path: String { self == .summary ? "" : "/" + rawValue }

        func title(_ t: Tr) -> String {
            switch self {
            case .summary: return t("Итоги", "Summary")
            case .sites: return t("Расписание по площадкам", "Timetable by site")
            case .schools: return t("Школы", "Schools")
            case .teachers: return t("Педагоги", "Teachers")
            case .students: return t("Ученики", "Students")
            case .notOpened: return t("Не открылись и почему", "Not opened, and why")
            case .short: return t("Ученики без полного набора и почему", "Students short of electives, and why")
            case .map: return t[.map]
            case .partners: return t("Партнёры (приложение к приказу)", "Partners (order appendix)")
            case .downloads: return t("Выгрузки", "Downloads")
            case .edits: return t("Правка вручную", "Hand edits")
            }
        }

        /// The tabs a finished run of `job` has.
        static func tabs(_ job: JobKind) -> [Tab] {
            switch job {
            case .schedule: return [.summary, .sites, .schools, .teachers, .students, .notOpened, .short, .map, .downloads, .edits]
            case .partner: return [.summary, .partners, .map, .downloads]
            case .compare, .effect, .meetings, .advise: return [.summary, .downloads]
            }
        }
    }

    /// «Удалить расчёт»: a finished run and its files (`Layout.deleteForm`).
    static func deleteForm(_ c: PageContext, _ run: RunRecord) -> Markup {
        let t = c.tr
        return Layout.deleteForm(c, action: "/runs/\(run.id)/delete", id: "delete-run", button: t("Удалить расчёт", "Delete the run"),
                                 sure: t("да, удалить расчёт и все его файлы", "yes, delete the run and all its files"),
                                 note: t("Это не отменить; данные проекта и другие расчёты останутся.", "This cannot be undone; the project's data and its other runs stay."))
    }

    static func crumbs(_ run: RunRecord, project: ProjectRecord, _ t: Tr, tab: Tab? = nil) -> [Crumb] {
        var out = [Crumb(project.name, "/projects/\(project.id)"), Crumb(t("Расчёт", "Run") + " " + run.id, tab == nil ? nil : "/runs/\(run.id)")]
        if let tab { out.append(Crumb(tab.title(t))) }
        return out
    }

    static func tabs(_ run: RunRecord, here: Tab, _ t: Tr) -> Markup {
        guard run.hasResults else { return .empty }
        var out: Markup = "<nav class=\"tabs\">"
        for tab in Tab.tabs(run.job) {
            if tab == here { out += "<span class=\"here\">\(tab.title(t))</span>" }
            else { out += "<a href=\"/runs/\(run.id)\(tab.path)\">\(tab.title(t))</a>" }
        }
        return out + "</nav>"
    }

    /// Расчёт: what the run is, where it is, its key figures.
    static func run(_ c: PageContext, _ run: RunRecord, project: ProjectRecord, version: VersionRecord,
                    progress: RunProgress?, position: Int?, summary: JSONValue?, comparison: [ReportTable]?,
                    effect: EffectStudy? = nil, advice: Advice? = nil, names: Names = Names(), variantNames: [String],
                    files: [String] = [], versionBest: VersionBest? = nil) -> Markup {
        let t = c.tr
        var body: Markup = tabs(run, here: .summary, t)
        var facts: [(String, Markup)] = [
            (t("Состояние", "Status"), Fmt.status(run.status, t)),
            (t("Что рассчитывается", "Job"), .text(t.job(run.job))),
            (t("Версия данных", "Data version"), "<a href=\"/projects/\(project.id)?version=\(version.id)\">№ \(version.number)</a> (\(Fmt.source(version, t)))"),
            // A hand edit or a timetable taken from files has no time limit: the time it took.
            run.decodedOptions.notSearched
                ? (t("Время на расчёт", "Time taken"), .text(run.startedAt.flatMap { s in run.endedAt.map { t.took($0.timeIntervalSince(s)) } } ?? "—"))
                : (t("Время на расчёт", "Time limit"), .text(run.job == .effect ? "—" : t.seconds(run.timeLimit))),
            (t("Создан", "Created"), .text(Fmt.date(run.createdAt, t))),
            (t("Начат", "Started"), .text(Fmt.date(run.startedAt, t))),
            (t("Закончен", "Ended"), .text(Fmt.date(run.endedAt, t))),
        ]
        if !variantNames.isEmpty { facts.append((t("Варианты", "Variants"), .text(variantNames.joined(separator: "; ")))) }
        if let of = run.decodedOptions.editOf {
            facts.append((t("Правка расчёта", "Edit of run"), "<a href=\"/runs/\(of)\" id=\"edit-of\">\(of)</a>"))
        }
        if let files = run.decodedOptions.imported {
            facts.append((t("Расписание из файлов", "Timetable from files"),
                          "<span id=\"imported-from\">\(files.enumerated().map { i, name -> Markup in "\(i > 0 ? ", " : "")<code>\(name)</code>" })</span>"))
        }
        if let keep = run.decodedOptions.keep {
            facts.append((t("Опубликованное расписание", "Published timetable"), "<a href=\"/runs/\(keep)\">\(keep)</a>"))
        }
        body += "<table class=\"figures\" id=\"run-facts\"><tbody>"
        for (label, value) in facts { body += "<tr><th>\(label)</th><td>\(value)</td></tr>" }
        body += "</tbody></table>"
        if let message = message(run, t, bounded: summary?["bound"]?.double != nil) {
            body += "<p class=\"message \(run.status == .failed || run.status == .interrupted ? "bad" : "muted")\" id=\"run-message\">\(TableView.lines(message))</p>"
        }

        if !run.status.isFinal {
            let p = progress ?? run.decodedProgress
            func v(_ x: Double?, _ digits: Int) -> String { x.map { t.number($0, digits: digits) } ?? "—" }
            body += """
            <section class="card progress" data-run="\(run.id)" id="progress">
            <h2>\(t("Ход расчёта", "Progress"))</h2>
            <table class="figures"><tbody>
            <tr><th>\(t("Состояние", "Status"))</th><td><span class="value" data-field="status">\(t.status(run.status))</span>\(position.map { " — \(t("место в очереди", "place in the queue")) <span class=\"value\" data-field=\"position\">\($0)</span>" } ?? "")</td></tr>
            <tr><th>\(t("Этап", "Phase"))</th><td class="value" data-field="phase">\(p.map { t.phase($0.phase) } ?? "—")</td></tr>
            <tr><th>\(t("Лучшее найденное (целевая функция)", "Best so far (objective)"))</th><td class="value" data-field="best">\(v(p?.best, 1))</td></tr>
            <tr><th>\(t[.bound])</th><td class="value" data-field="bound">\(v(p?.bound, 1))</td></tr>
            <tr><th>\(t("Разрыв до границы", "Gap to the bound"))</th><td class="value" data-field="gap">\(p?.gap.map { t.number($0 * 100, digits: 2) + " %" } ?? "—")</td></tr>
            <tr><th>\(t("Прошло, секунд", "Elapsed, seconds"))</th><td class="value" data-field="elapsed">\(v(p?.elapsed, 0))</td></tr>
            </tbody></table>
            <p class="muted">\(t("Страница обновляется сама; без JavaScript — обновите её вручную.", "The page updates itself; without JavaScript, reload it."))</p>
            <form method="post" action="/runs/\(run.id)/cancel" data-confirm="\(t("Остановить расчёт? Лучшее проверенное расписание будет сохранено.", "Stop the run? The best verified result is kept."))">
            \(c.csrfField)<button type="submit" class="danger">\(t("Остановить", "Stop"))</button>
            <span class="muted">\(t("Лучший проверенный результат сохранится.", "The best verified result is kept."))</span>
            </form>
            </section>
            """
        }

        if run.hasResults, let summary {
            if run.job == .schedule || run.job == .partner || run.job == .meetings {
                body += "<h2>\(t("Итоги", "Key figures"))</h2>" + keyFigures(run.job, summary, t, searched: run.decodedOptions.imported == nil)
            }
            // A timetable that was not searched for: a hand edit proves no bound of its own, and
            // one from files has the bound its job could prove in its time; the tightest one
            // Setka's other runs of these data proved, when tighter, says how far it can be.
            if run.job == .schedule, run.decodedOptions.notSearched, let own = summary["objective"]?.double, let versionBest,
               versionBest.boundRun != run.id, let tighter = versionBest.bound,
               summary["bound"]?.double.map({ tighter < $0 - 1e-9 * max(1, abs($0)) }) ?? true,
               let line = versionBest.boundLine(c, objective: own, id: "run-version-bound") {
                body += line
            }
        }
        if run.job == .schedule, run.hasResults, summary != nil { body += printAndSend(run, files: Set(files), t) }
        if let comparison {
            for table in comparison {
                body += "<h2>\(table.title)</h2>" + TableView.render(table, t.words, id: table.key)
            }
            body += "<p>\(Layout.link(t("Страница для печати (comparison.html)", "Printable page (comparison.html)"), "/runs/\(run.id)/files/comparison.html"))</p>"
        }
        if run.hasResults, let effect { body += effectResult(effect, run: run, t) }
        if run.hasResults, run.job == .meetings {
            body += "<p>\(Layout.link(t("Сводный план встреч для печати (plan.html)", "The consolidated plan, printable (plan.html)"), "/runs/\(run.id)/files/plan.html")) · "
                + "\(Layout.link(t("календарь района (meetings.ics)", "the district's calendar (meetings.ics)"), "/runs/\(run.id)/files/meetings.ics"))</p>"
        }
        if run.hasResults, let advice { body += adviceResult(advice, run: run, csrf: c.csrfField, names: names, t) }
        if run.job == .schedule, run.hasResults, run.status.isFinal {
            body += """
            <form method="post" action="/runs/\(run.id)/advise" class="card" id="advise-form">
            \(c.csrfField)
            <b>\(t("Что изменить, чтобы больше учеников получили все выбранные курсы?", "What to change so that more students get all their electives?"))</b>
            <label for="advise_time_limit">\(t("Время на поиск, секунд", "Time for the search, seconds")):</label>
            <input type="number" name="time_limit" id="advise_time_limit" value="60" min="5" max="3600">
            <button type="submit">\(t("Найти советы", "Find advice"))</button>
            <span class="muted">\(t("Setka пробует изменения данных (педагог ещё в одном занятии, кабинет для курса, дистанционная группа…) и проверяет каждое пересчётом, как setka advise.", "Setka tries changes to the data (a teacher in one more slot, a room for a course, a remote section…) and verifies each by a re-solve, as setka advise does."))</span>
            </form>
            """
        }
        if run.status.isFinal { body += deleteForm(c, run) }
        return Layout.page(c, title: t("Расчёт", "Run") + " " + run.id + ": " + t.job(run.job), crumbs: crumbs(run, project: project, t), body)
    }

    /// «Напечатать и разослать»: what a finished profile day gives people on paper, in one place
    /// (the same files and sheets as «Выгрузки», «Школы» and «Педагоги»); the report files only
    /// when the run wrote them.
    static func printAndSend(_ run: RunRecord, files: Set<String>, _ t: Tr) -> Markup {
        var items: [Markup] = []
        if let source = run.decodedOptions.editOf ?? run.decodedOptions.keep {
            items.append("\(Layout.link(t("Кого оповестить об изменениях", "Whom to notify of the changes"), "/runs/\(run.id)/notices", class: "notices")) — \(t("ученики по школам и педагоги, у которых день не тот, что в расчёте", "the students, school by school, and the teachers whose day differs from run")) \(source)")
        }
        if files.contains("report.html") {
            items.append("\(Layout.link(t("Отчёт для печати", "The printable report"), "/runs/\(run.id)/files/report.html")) — \(t("итоги, сетка по площадкам, школы и подвоз, педагоги со списками групп, ученики, причины", "figures, the grid per site, schools and transport, teachers with their group lists, students, reasons"))")
        }
        items.append("\(Layout.link(t("Листы школ и площадок (ZIP)", "The schools' and sites' sheets (ZIP)"), "/runs/\(run.id)/schools/sheets.zip")) — \(t("каждой свой файл: её ученики по занятиям, подвоз, кто занимается на её площадке", "a file for each: its students slot by slot, transport, who studies at its site"))")
        items.append("\(Layout.link(t("Маршрутные листы учеников (ZIP)", "The students' route cards (ZIP)"), "/runs/\(run.id)/schools/cards.zip")) — \(t("каждой школе свой файл: по карточке на ученика, где он в каждом занятии и кто ведёт", "a file for each school: a card per student, where they are in each slot and who teaches"))")
        items.append("\(Layout.link(t("Листы педагогов (ZIP)", "The teachers' sheets (ZIP)"), "/runs/\(run.id)/teachers/sheets.zip")) — \(t("каждому свой файл: занятия, переезды, списки групп с графой для отметки", "a file for each: sections, trips, group lists with a column to mark who came"))")
        if files.contains("report.xlsx") {
            items.append("\(Layout.link(t("Все таблицы в Excel", "Every table in Excel"), "/runs/\(run.id)/files/report.xlsx")) — \(t("по листу на таблицу, в том числе «Списки групп»", "a sheet per table, the group lists among them"))")
        }
        var out: Markup = "<section class=\"card\" id=\"print-and-send\"><h2>\(t("Напечатать и разослать", "Print and send"))</h2><ul>"
        for item in items { out += "<li>" + item + "</li>" }
        return out + "</ul></section>"
    }

    /// What a run's end means, for people: a stopped or interrupted run in the page's language
    /// (the stored message, for the API, is English), otherwise the job's own message (a
    /// failure's diagnostics, an incomplete assignment).
    static func message(_ run: RunRecord, _ t: Tr, bounded: Bool = false) -> String? {
        switch run.status {
        case .cancelled:
            return run.hasResults
                ? t("Расчёт остановлен по вашей просьбе: сохранён лучший проверенный результат, найденный до остановки.",
                    "The run was stopped on request: the best verified result found until then is kept.")
                : t("Расчёт отменён до начала.", "The run was cancelled before it started.")
        case .interrupted:
            return run.hasResults
                ? t("Расчёт прерван: сервер был остановлен. Сохранён лучший проверенный результат, найденный до остановки.",
                    "The run was interrupted: the server stopped. The best verified result found until then is kept.")
                : t("Расчёт прерван: сервер остановился во время расчёта, результатов нет. Запустите расчёт снова.",
                    "The run was interrupted: the server stopped while it ran, and there are no results. Start it again.")
        default:
            if let files = run.decodedOptions.imported {
                let named = files.joined(separator: ", ")
                let taken = t("Это расписание, составленное не в Setka (\(named)) и принятое как расчёт после проверки всех обязательных правил.",
                              "This is a timetable made outside Setka (\(named)), taken as a run after every hard rule was checked.")
                return taken + " " + (bounded
                    ? t("Его не искали, а загрузили; верхняя граница — та, что Setka доказала для этих данных: ни одно расписание не лучше неё, и разрыв до неё говорит, насколько это расписание может уступать лучшему.",
                        "It was uploaded, not searched for; the upper bound is the one Setka proved for these data: no timetable is better, so the gap to it says how far this one may fall short of the best.")
                    : t("Его не искали, а загрузили, и верхняя граница для этих данных не доказана.",
                        "It was uploaded, not searched for, and no upper bound for these data was proven."))
            }
            if let of = run.decodedOptions.editOf {
                let edit = run.decodedOptions.edit ?? ""
                return t("Это правка расчёта \(of) вручную (\(edit)), принятая после проверки; исходный расчёт не изменён.",
                         "This is a hand edit of run \(of) (\(edit)), accepted after its check; the original run is unchanged.")
            }
            return t.ru ? run.messageRu ?? run.message : run.message
        }
    }

    /// A year plan's status (`MeetingsPlan.Status`) in words.
    static func meetingsStatus(_ raw: String, _ t: Tr) -> String {
        switch raw {
        case "optimal": return t("оптимален (доказано)", "proven optimal")
        case "bounded": return t("все встречи размещены, оптимальность не доказана", "every meeting placed, not proven optimal")
        case "partial": return t("частичный: не все встречи поместились", "partial: not every meeting fits")
        default: return raw
        }
    }

    /// An advice run's result: the figures now, then each verified change as a sentence with its
    /// verified gains (those of `advice.csv`), and the printable `advice.html`.
    /// Each change offers «Создать вариант»: its variant becomes a what-if variant of the project
    /// (`VariantBuilder.fromAdvice`), to compare or run like one built in the form.
    /// Teachers, courses and organisations by their `names` (the version's scenario's).
    static func adviceResult(_ advice: Advice, run: RunRecord, csrf: Markup, names: Names, _ t: Tr) -> Markup {
        let w = Words(t.language, names: names)
        var body: Markup = "<h2>\(w[AdviceLabel.adviceNow])</h2><p id=\"advice-now\">\(w.adviceFigures(advice.current))</p>"
        body += "<p class=\"muted\">\(w[advice.baselineIsCurrent ? AdviceLabel.adviceBaselineSame : AdviceLabel.adviceBaselineResolved])</p>"
        if advice.stoppedEarly { body += "<p class=\"warn\">\(w[AdviceLabel.adviceStoppedEarly])</p>" }
        body += "<h2>\(w[AdviceLabel.adviceChanges])</h2>"
        if advice.items.isEmpty {
            body += "<p id=\"advice-none\">\(w[AdviceLabel.adviceNoneFound])</p>"
        } else {
            body += "<ol id=\"advice-sentences\">"
            for item in advice.items {
                body += "<li>\(w.sentence(item, in: advice)). <form method=\"post\" action=\"/runs/\(run.id)/advice/variant\" class=\"inline\">\(csrf)<input type=\"hidden\" name=\"rank\" value=\"\(item.rank)\"><button type=\"submit\" class=\"make-variant\" data-rank=\"\(item.rank)\">\(t("Создать вариант", "Make a variant"))</button></form></li>"
            }
            body += "</ol>"
            // Without the column of variant files: here each change is made a variant by its button.
            let table = Reports.adviceTable(advice, language: t.language, names: names, files: false)
            body += TableView.render(table, t.words, id: table.key)
        }
        if !advice.problems.isEmpty {
            body += "<h3 class=\"bad\">\(w[AdviceLabel.adviceProblems])</h3><p>\(TableView.lines(advice.problems.joined(separator: "\n")))</p>"
        }
        body += "<p class=\"muted\">\(w[AdviceLabel.adviceSafe])</p>"
        body += "<p>\(Layout.link(t("Страница для печати (advice.html)", "Printable page (advice.html)"), "/runs/\(run.id)/files/\(AdviceOutput.htmlFile)"))</p>"
        return body
    }

    /// An effect run's result: how many estimates say what, then the estimates (the first sheet
    /// of `effect.xlsx`), and the printable page with a chart per recipient.
    static func effectResult(_ study: EffectStudy, run: RunRecord, _ t: Tr) -> Markup {
        let w = EffectWords(study.language)
        let verdicts = study.rows.map(\.subject.verdict)
        var rows: [(key: String, label: String, cell: ReportCell)] = [
            ("recipients", t("Школ, получавших партнёра", "Recipients"), .integer(study.recipients.count)),
            ("pairs", t("Пар (школа и партнёр)", "Pairs (recipient and partner)"), .integer(study.recipients.reduce(0) { $0 + $1.pairs.count })),
            ("estimates", t("Оценок (пара и предмет)", "Estimates (pair and subject)"), .integer(study.rows.count)),
        ]
        for v in [EffectVerdict.gain, .loss, .unclear, .none] {
            rows.append((v.rawValue, "\u{00A0}\u{00A0}\u{00A0}" + w.short(v), .integer(verdicts.filter { $0 == v }.count)))
        }
        var body: Markup = "<h2>\(t("Итоги", "Key figures"))</h2>" + TableView.figures(rows, t.words)
        if study.recipients.isEmpty {
            body += "<p>\(w.nothing)</p>"
        } else if let estimates = Reports.effectTables(study).first {
            // The school, its partner, the subject, the partnership's years, the estimate with its
            // interval and the sentence (the ids, the rule and the years on each side are in
            // effect.xlsx and effect.csv).
            let shown = [1, 3, 5, 6, 9, 10, 11, 13].filter { $0 < estimates.columns.count }
            body += "<h2>\(estimates.title)</h2>" + TableView.render(estimates, t.words, columns: shown, id: estimates.key, fixed: true)
        }
        body += "<ul class=\"muted\">"
        for line in w.how(level: study.level) { body += "<li>\(line)</li>" }
        body += "</ul>"
        body += "<p>\(Layout.link(t("Страница для печати с графиком по каждой школе (effect.html)", "Printable page with a chart per school (effect.html)"), "/runs/\(run.id)/files/\(Reports.effectHTMLFile)"))</p>"
        return body
    }

    /// The key figures of `summary.json`, each row marked with its key (`data-key`) and exact
    /// value (`data-value`). A timetable that was uploaded rather than searched for
    /// (`searched` false) has no search steps nor run time to show: their rows are left out.
    static func keyFigures(_ job: JobKind, _ s: JSONValue, _ t: Tr, searched: Bool = true) -> Markup {
        var rows: [(key: String, label: String, cell: ReportCell)] = []
        func num(_ key: String, _ label: String, digits: Int = 1, scale: Double = 1) {
            if let x = s[key]?.double { rows.append((key, label, .number(x * scale, digits: digits))) }
        }
        func int(_ key: String, _ label: String) {
            if let x = s[key]?.int { rows.append((key, label, .integer(x))) }
        }
        // Parts of the figure above them, indented as in the report.
        let indent = "\u{00A0}\u{00A0}\u{00A0}"
        if let raw = s["status"]?.string {
            switch job {
            case .schedule: rows.append(("status", t[.statusSchedule], .text(ScheduleStatus(rawValue: raw).map(t.words.status) ?? raw)))
            case .meetings: rows.append(("status", t("Состояние плана", "The plan's status"), .text(meetingsStatus(raw, t))))
            default: rows.append(("status", t[.statusPartners], .text(PartnerStatus(rawValue: raw).map(t.words.status) ?? raw)))
            }
        }
        switch job {
        case .schedule:
            num("objective", t[.objective])
            num("bound", t[.bound])
            num("gap", t("Разрыв до границы, %", "Gap to the bound, %"), digits: 2, scale: 100)
            int("studentsTotal", t[.studentsTotal])
            int("studentsFullyServed", indent + t[.fullyServed])
            int("studentsPartlyServed", indent + t[.partlyServed])
            int("studentsNotServed", indent + t[.notServed])
            int("enrolments", t[.enrolments])
            int("sections", t[.sectionsOpened])
            int("remoteSections", indent + t[.remoteSections])
            int("teachersTeaching", t[.teachersTeaching])
            num("meanTravelMinutes", t[.travelMean])
            num("maxTravelMinutes", t[.travelMax])
            if case .array(let a)? = s["coursesNotOpened"] { rows.append(("coursesNotOpened", t[.coursesNotOpened], .integer(a.count))) }
            int("studentsShort", t[.studentsShort])
            if searched { int("searchSteps", t("Шагов поиска", "Search steps")) }
        case .meetings:
            int("meetings_planned", t("Встреч запланировано", "Meetings planned"))
            int("meetings_expected", t("Встреч нужно провести", "Meetings to hold"))
            num("objective", t("Дорога участников, минут (в одну сторону, сумма)", "Participants' travel, minutes (one way, in all)"))
            num("bound", t("Нижняя граница дороги, минут", "Lower bound on travel, minutes"))
            num("gap", t("Разрыв до границы, %", "Gap to the bound, %"), digits: 2, scale: 100)
            int("same_week", t("Встреч у одного человека в ту же неделю (сверх первой)", "A person's meetings in the same week (beyond the first)"))
            if case .array(let a)? = s["unplaced"] { rows.append(("unplaced", t("Не поместились", "Could not be placed"), .integer(a.count))) }
        case .partner, .compare, .effect, .advise:
            num("objective", t[.objective])
            num("bound", t[.bound])
            int("placesNeeded", t("Мест для партнёров нужно", "Partner places needed"))
            int("placesServed", t("Мест заполнено", "Partner places filled"))
            int("candidatePairs", t("Допустимых пар", "Candidate pairs"))
        }
        if searched { num("seconds", t("Время расчёта, с", "Run time, s")) }
        if case .bool(let v)? = s["verified"] {
            rows.append(("verified", t("Проверено независимым контролёром", "Verified by the independent checker"), .text(v ? t("да", "yes") : t("НЕТ", "NO"))))
        }
        return TableView.figures(rows, t.words)
    }

    /// A page of one view of the result: the tabs, then `inner`.
    static func view(_ c: PageContext, _ run: RunRecord, project: ProjectRecord, tab: Tab, _ inner: Markup) -> Markup {
        Layout.page(c, title: tab.title(c.tr), crumbs: crumbs(run, project: project, c.tr, tab: tab), tabs(run, here: tab, c.tr) + inner)
    }

    /// Links to the groups of a grouped table (sites, schools), the chosen one in bold.
    static func groups(_ names: [String], chosen: Int, link: (Int) -> String) -> Markup {
        var out: Markup = "<nav class=\"groups\">"
        for (i, name) in names.enumerated() {
            out += i == chosen ? "<b>\(name)</b> " : "<a href=\"\(link(i + 1))\">\(name)</a> "
        }
        return out + "</nav>"
    }

    /// A search box (GET) for a list.
    static func search(_ t: Tr, action: String, query: String?, placeholder: String) -> Markup {
        """
        <form method="get" action="\(action)" class="card" role="search">
        <input type="search" name="q" value="\(query ?? "")" placeholder="\(placeholder)" aria-label="\(placeholder)">
        <button type="submit">\(t("Найти", "Search"))</button>
        \(query.map { _ in Layout.link(t("Сбросить", "Clear"), action) } ?? .empty)
        </form>
        """
    }
}
