import Foundation
import ProfileDay
import Reports
import SetkaModel
import Wording

/// Правка вручную: what a hand edit of a finished profile-day timetable would do, checked as
/// `setka edit --dry-run` checks it (`TimetableEditing.apply` on the run's timetable and the
/// version's scenario, the result re-verified by the independent checker); nothing is written.
struct EditCheck: Sendable {
    /// The edit as the command line writes it (`--move S012 --to slot=3`).
    var edit: String
    var accepted: Bool
    /// What it would do (accepted only).
    var report: EditReport?
    /// The verdict in the page's language: `Words.editSummary` or `Words.refusal`.
    var text: String
    /// Checked with `pin`: the scenario's pins after the edit (`EditOutcome.pins`), else nil.
    var pins: [Pin]? = nil
}

extension EngineCalls {
    /// The edit's verdict on the timetable in `folder` (as `setka edit` reads a result folder).
    /// With `pin`, the sections it leaves are pins too (`TimetableEditing.apply(pin:)`).
    static func checkEdit(_ edit: TimetableEdit, run folder: URL, scenario: Scenario, pin: Bool = false,
                          language: ReportLanguage) throws -> EditCheck {
        let timetable: Timetable
        do { timetable = try TimetableIO.read(from: folder).timetable } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics)
        }
        // The verdict names teachers, courses and sites as the scenario does.
        let words = Words(language, names: Names(scenario))
        do {
            let outcome = try TimetableEditing.apply([edit], to: timetable, in: scenario, pin: pin)
            return EditCheck(edit: edit.words, accepted: true, report: outcome.report, text: words.editSummary(outcome),
                             pins: pin ? outcome.pins : nil)
        } catch {
            return EditCheck(edit: edit.words, accepted: false, report: nil, text: words.refusal(error))
        }
    }
}

extension EngineCalls {
    /// The job of an accepted hand edit: `edit` applied again to the timetable in `source`
    /// (never trusting an earlier verdict) with the scenario at `base` (the version that
    /// timetable was made for), and written into `target` as `setka edit SCENARIO RESULT --out
    /// DIR` writes it (`EditOutput`: the re-verified timetable as a profile-day run, `edit.json`,
    /// `changes.csv`, with `pin` `pins.csv`), with the reports `setka schedule --report` adds
    /// (`Reports.files`: report.html, report.xlsx, the map) and the CSV archive, as the
    /// profile-day job writes them, whole or not at all. `scenarioPath` is the run's own
    /// version's (with `pin`, the one with the new pins). A refused edit writes nothing and is
    /// the job's failure, with the verdict.
    static func edit(_ edit: TimetableEdit, source: URL, base: URL, scenarioPath: String, pin: Bool, hooks: Hooks,
                     into target: URL) throws -> Outcome {
        let started = Date()
        hooks.progress(RunProgress(phase: "edit", elapsed: 0))
        let scenario = try load(base)
        let timetable: Timetable
        do { timetable = try TimetableIO.read(from: source).timetable } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics)
        }
        let words = Words(scenario)
        let outcome: EditOutcome
        do { outcome = try TimetableEditing.apply([edit], to: timetable, in: scenario, pin: pin) } catch {
            throw Failure(ru: Words(.ru, names: words.names).refusal(error), en: Words(.en, names: words.names).refusal(error))
        }
        hooks.progress(RunProgress(phase: "edit-write", best: outcome.check.objective.value, elapsed: Date().timeIntervalSince(started)))
        let run: ProfileDayRun
        do { run = try EditOutput.run(outcome, scenarioPath: scenarioPath) } catch { throw Failure(ru: "правку не удалось записать: \(error.description)", en: error.description) }
        let files = try EditOutput.files(outcome, run: run, wording: words, pinsFile: pin)
        try write(into: target, job: EditOutput.job(scenarioPath: scenarioPath, also: archiveFiles), files + Reports.files(ReportInput(run)))
        return Outcome(summary: text(files, ScheduleOutput.summaryFile), stopped: false, note: nil)
    }
}

/// The hand-edit form's fields, as the command line's options (`EditSpec`).
struct EditForm: Sendable {
    enum Action: String, CaseIterable, Sendable { case close, move, open, assign, unassign }
    var action: Action = .close
    var section = ""
    var to = ""
    var spec = ""

    init() {}

    init(_ form: Form) {
        action = form["action"].flatMap(Action.init(rawValue:)) ?? .close
        section = String((form["section"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        to = String((form["to"] ?? "").trimmingCharacters(in: .whitespaces).prefix(300))
        spec = String((form["spec"] ?? "").trimmingCharacters(in: .whitespaces).prefix(300))
    }

    /// The edit, or what is wrong with the fields (in words for the coordinator).
    func edit(_ t: Tr) -> Result<TimetableEdit, EngineCalls.Failure> {
        do {
            switch action {
            case .close, .move:
                guard !section.isEmpty else {
                    return .failure(.init(shown: t("Укажите группу (её код из sections.csv, например S012).", "Name the section (its id in sections.csv, such as S012).")))
                }
                if action == .close { return .success(.close(section: section)) }
                guard !to.isEmpty else {
                    return .failure(.init(shown: t("Укажите, куда перенести: slot=…, room=…, site=…, teacher=….", "Say where to move it: slot=…, room=…, site=…, teacher=….")))
                }
                return .success(.move(section: section, to: try EditSpec.placement(to)))
            case .open:
                return .success(.open(try EditSpec.newSection(spec)))
            case .assign, .unassign:
                let (student, section) = try EditSpec.studentSection(spec, option: action.rawValue)
                return .success(action == .assign ? .assign(student: student, section: section) : .unassign(student: student, section: section))
            }
        } catch {
            return .failure(.init(shown: error.message))
        }
    }
}

extension EngineCalls {
    /// The sections of a run's timetable with their enrolment, for the edit form's list.
    static func sections(run folder: URL) throws -> [(section: Section, students: Int)] {
        let timetable: Timetable
        do { timetable = try TimetableIO.read(from: folder).timetable } catch let failure as ScenarioError {
            throw Failure(failure.diagnostics)
        }
        var count: [String: Int] = [:]
        for e in timetable.enrolments { count[e.section, default: 0] += 1 }
        return timetable.sections.map { ($0, count[$0.id] ?? 0) }
    }
}

enum EditPages {
    /// Правка вручную: the form (what to change, as `setka edit` takes it) and, after a check, the
    /// verdict: the objective before and after and who would move, or why the edit is refused.
    /// The list of sections (a hint to the section field) names each one's course, teacher and
    /// site by `names` («Химический практикум, Петрова Н. С. (T01), МБОУ «…»»); its values are ids.
    static func page(_ c: PageContext, run: RunRecord, sections: [(section: Section, students: Int)], names: Names = Names(),
                     form: EditForm, check: EditCheck?, problem: String?) -> Markup {
        let t = c.tr
        var out: Markup = "<p>\(t("Проверьте правку до того, как менять расписание: Setka применит её к этому расписанию так же, как команда setka edit, пересадит только затронутых учеников и перепроверит результат независимой проверкой. Расписание расчёта при этом не меняется.", "Check an edit before changing the timetable: Setka applies it to this timetable as setka edit does, re-seats only the students it touches and re-verifies the result with the independent checker. The run's timetable itself does not change."))</p>"
        var actions: Markup = .empty
        for a in EditForm.Action.allCases {
            let label: String = switch a {
            case .close: t("закрыть группу", "close a section")
            case .move: t("перенести группу", "move a section")
            case .open: t("открыть новую группу", "open a new section")
            case .assign: t("записать ученика в группу", "put a student into a section")
            case .unassign: t("выписать ученика из группы", "take a student out of a section")
            }
            actions += "<option value=\"\(a.rawValue)\"\(a == form.action ? " selected" : "")>\(label)</option>"
        }
        var list: Markup = "<datalist id=\"sections\">"
        let words = Words(t.language, names: names)
        for (s, n) in sections {
            let place = s.site.map(names.organisation) ?? t("дистанционно", "remote")
            list += "<option value=\"\(s.id)\">\(names.course(s.course)), \(words.named(teacher: s.teacher)), \(place), \(t("занятие", "slot")) \(s.slot), \(t("учеников", "students")): \(n)</option>"
        }
        list += "</datalist>"
        out += """
        <form method="post" action="/runs/\(run.id)/edits" class="card" id="edit-form">
        \(c.csrfField)
        <div class="row"><label for="action">\(t("Что сделать", "What to do")):</label><select name="action" id="action">\(actions)</select></div>
        <div class="row"><label for="section">\(t("Группа", "Section")):</label><input name="section" id="section" list="sections" value="\(form.section)" placeholder="S012"> <span class="muted">\(t("закрыть и перенести: код группы (список подсказывает; всего групп", "close and move: the section's id (the list suggests them; sections in all")) \(sections.count))</span></div>
        <div class="row"><label for="to">\(t("Куда перенести", "Move to")):</label><input name="to" id="to" value="\(form.to)" placeholder="slot=3,room=101,site=s003,teacher=T05"> <span class="muted">\(t("что не указано, остаётся прежним", "what is left out stays"))</span></div>
        <div class="row"><label for="spec">\(t("Открыть группу или ученик", "Open a section, or the student")):</label><input name="spec" id="spec" value="\(form.spec)" placeholder="course=c01,teacher=T05,site=s001,room=101,slot=2 · s0001=S012"></div>
        \(list)
        <button type="submit">\(t("Проверить", "Check"))</button>
        <span class="muted">\(t("Это только проверка: расписание не меняется.", "This only checks: the timetable does not change."))</span>
        </form>
        """
        if let problem {
            out += "<p class=\"bad\" id=\"edit-problem\">\(problem)</p>"
        }
        if let check {
            out += "<section class=\"card\" id=\"edit-verdict\" data-accepted=\"\(check.accepted ? "true" : "false")\">"
            out += "<h2 class=\"\(check.accepted ? "ok" : "bad")\">\(check.accepted ? t("Правку можно сделать", "The edit can be made") : t("Правку сделать нельзя", "The edit cannot be made"))</h2>"
            out += "<p><code>\(check.edit)</code></p>"
            if let r = check.report {
                let reseated = r.studentsMoved.filter { $0.before != $0.after }.count
                out += TableView.figures([
                    ("objectiveBefore", t("Целевая функция до правки", "Objective before"), .number(r.objectiveBefore, digits: 1)),
                    ("objectiveAfter", t("Целевая функция после правки", "Objective after"), .number(r.objectiveAfter, digits: 1)),
                    ("objectiveChange", t("Изменение", "Change"), .number(r.objectiveChange, digits: 1)),
                    ("studentsReseated", t("Учеников пересажено", "Students re-seated"), .integer(reseated)),
                    ("sectionsClosed", t("Групп закрыто", "Sections closed"), .integer(r.sectionsClosed.count)),
                ], t.words)
            }
            out += "<p id=\"edit-text\">\(TableView.lines(check.text))</p>"
            if check.accepted {
                // Pins go with a move, an opening or an assignment (`TimetableEditing.apply(pin:)`).
                let pinnable = [.move, .open, .assign].contains(form.action)
                // Accepting applies the same fields again on the server and writes a new run.
                out += """
                <form method="post" action="/runs/\(run.id)/edits/accept" id="edit-accept">
                \(c.csrfField)
                <input type="hidden" name="action" value="\(form.action.rawValue)">
                <input type="hidden" name="section" value="\(form.section)">
                <input type="hidden" name="to" value="\(form.to)">
                <input type="hidden" name="spec" value="\(form.spec)">
                \(pinnable ? "<label><input type=\"checkbox\" name=\"pin\" value=\"on\" id=\"edit-pin\"> \(t("закрепить группу (как «Закрепить» на вкладке «Расписание по площадкам»: новая версия данных проекта с этим закреплением, её следующий расчёт группу не тронет)", "pin the section (as “Pin” on the “Timetable by site” tab: a new data version of the project with this pin, whose next run keeps the section)"))</label>" as Markup : .empty)
                <button type="submit">\(t("Принять правку", "Accept the edit"))</button>
                <span class="muted">\(t("Будет создан новый расчёт с исправленным расписанием; этот расчёт не изменится.", "A new run with the edited timetable is made; this run does not change."))</span>
                </form>
                """
            }
            out += "</section>"
        }
        return out
    }
}
