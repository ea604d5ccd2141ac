import Foundation
import SetkaModel

/// Every fixed label of the reports, in Russian and English.
public enum Label: String, CaseIterable, Sendable {
    case reportTitle, scenario, contents, keyFigures, figure, value
    case partnersTitle, partnersSheet, orderAppendix, orderSignature, rule, number, recipient, recipientID
    case provider, providerID, travelMinutes, gain, fixed, note, yes, no, noPartner, noPairs, withoutPartner
    case map, mapLegendSchool, mapLegendLowResults, mapLegendOther, mapLegendPartners, mapLegendFlows, mapNoCoordinates, mapNothing
    case sitesTitle, sitesSheet, site, room, remote, remoteRoom
    case schoolsTitle, schoolsSheet, school, student, electives, freeSlot, whereStudentsAre, schoolSheet, schoolSheetSite, schoolSheetTeachers, schoolSheetVisitors, routeCards, routeCardsHint, routeWhere, routeTeacher
    case busTitle, busSheet, busWhen, busFrom, busTo, busStudents, busMinutes, busWho, busNone, busLegend
    case teachersTitle, teachersSheet, teacher, teacherName, worksAt, sections, slot, time, course, students
    case changeNotice, noticeWas, noticeNow, noticeLists, noticeNobody
    case teacherDaysSheet, teacherSheet, teacherSheetDay, travelBefore, travelAfter, groupListsSheet, grade, choiceNumber, attendance
    case studentsTitle, studentsSheet, got, wanted
    case notOpenedTitle, notOpenedSheet, courseTitle, chosenBy, withinReach, reason, everyCourseOpened
    case shortTitle, shortSheet, everyStudentServed
    case figuresSheet, profileDay, partnering
    case statusSchedule, objective, bound, gap, studentsTotal, fullyServed, partlyServed, notServed
    case enrolments, sectionsOpened, remoteSections, teachersTeaching, travelMean, travelMax
    case coursesNotOpened, studentsShort, rulesCheck, rulesKept
    case statusPartners, pairs, recipientsWithout, totalGain, totalTravel
    case optimal, feasible, noTimetable, noPartners, reasonNotRecorded, generatedBy
    // The what-if comparison (`comparison.html`) and sweep (`sweep.html`).
    case comparisonTitle, baseScenario, columnsTitle, column, name, file, madeFrom, baseColumn, variantColumn, fromCache
    case firstChoiceShare, verified, variantChanges, notAVariant, againstBase, what, howMany, whoOrWhat
    case diffSectionsOpened, diffSectionsClosed, studentsLostCourse, studentsGainedCourse, studentsDayChanged
    case studentsRemoved, studentsAdded, pairsAdded, pairsRemoved, problems, noChanges
    case keptTitle, keptIntro, keptMethod, methodResolved, methodRefilled, keptPlan, freshSolve
    case teachersChanged, enrolmentsDropped, enrolmentsAdded, sectionsDropped, everySectionKept, section
    case changedStudentIDs, preparedBy
    case sweepTitle, parameter, sweepTable, sweepChart
    case pinned

    /// The label in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let (ru, en) = pair
        return language == .ru ? ru : en
    }

    var pair: (String, String) {
        switch self {
        case .reportTitle: ("Сетка: отчёт", "Setka report")
        case .pinned: ("закреплено", "pinned")
        case .scenario: ("Сценарий", "Scenario")
        case .contents: ("Содержание", "Contents")
        case .keyFigures: ("Основные показатели", "Key figures")
        case .figure: ("Показатель", "Figure")
        case .value: ("Значение", "Value")
        case .partnersTitle: ("Закрепление организаций-партнёров", "Partner assignment")
        case .partnersSheet: ("Партнёры", "Partners")
        case .orderAppendix: ("Приложение № ___ к приказу от «___» ____________ 20___ г. № ______",
                              "Appendix No. ___ to order No. ______ of ____________")
        case .orderSignature: ("Руководитель ______________________ / ______________________ /",
                               "Head ______________________ / ______________________ /")
        case .rule: ("Правило", "Rule")
        case .number: ("№", "No.")
        case .recipient: ("Получатель поддержки", "Recipient")
        case .recipientID: ("Код получателя", "Recipient id")
        case .provider: ("Партнёр", "Partner")
        case .providerID: ("Код партнёра", "Partner id")
        case .travelMinutes: ("В пути, мин", "Travel, min")
        case .gain: ("Выигрыш, баллов", "Gain, points")
        case .fixed: ("Задано заранее", "Fixed in advance")
        case .note: ("Примечание", "Note")
        case .yes: ("да", "yes")
        case .no: ("нет", "no")
        case .noPartner: ("партнёр не назначен", "no partner assigned")
        case .noPairs: ("Пар нет.", "No pairs.")
        case .withoutPartner: ("Без партнёра (или не со всеми партнёрами)", "Without (all) partners")
        case .map: ("Карта", "Map")
        case .mapLegendSchool: ("школа", "school")
        case .mapLegendLowResults: ("школа с низкими результатами (ШНОР)", "school with low results")
        case .mapLegendOther: ("другая организация", "other organisation")
        case .mapLegendPartners: ("пара партнёров", "partner pair")
        case .mapLegendFlows: ("переезды учеников в профильный день (толщина — число учеников)",
                               "student trips on the profile day (width = number of students)")
        case .mapNoCoordinates: ("Без координат (нет на карте)", "Without coordinates (not on the map)")
        case .mapNothing: ("Ни у одной организации нет координат: карту построить нельзя.",
                           "No organisation has coordinates: no map can be drawn.")
        case .sitesTitle: ("Расписание профильного дня по площадкам", "Profile-day timetable by site")
        case .sitesSheet: ("Площадки", "Sites")
        case .site: ("Площадка", "Site")
        case .room: ("Аудитория", "Room")
        case .remote: ("Дистанционно", "Remote")
        case .remoteRoom: ("дистанционно", "remote")
        case .schoolsTitle: ("Ученики по школам и подвоз", "Students by school and transport")
        case .schoolsSheet: ("Школы", "Schools")
        case .school: ("Школа", "School")
        case .student: ("Ученик", "Student")
        case .electives: ("Курсов", "Electives")
        case .freeSlot: ("окно", "free")
        case .whereStudentsAre: ("Где ученики на каждом занятии", "Where the students are in each slot")
        case .schoolSheet: ("Профильный день", "Profile day")
        case .schoolSheetSite: ("Занятия на этой площадке", "Sections at this site")
        case .schoolSheetTeachers: ("Педагоги, которые здесь работают", "Teachers who work here")
        case .routeCards: ("Маршрутные листы учеников", "Students' route cards")
        case .routeWhere: ("Где и что", "Where and what")
        case .routeTeacher: ("Педагог", "Teacher")
        case .routeCardsHint: ("По карточке на ученика: разрезать и раздать.", "A card per student: cut out and hand out.")
        case .schoolSheetVisitors: ("Кто занимается на этой площадке: списки групп", "Who studies at this site: the group lists")
        case .busTitle: ("Подвоз: сколько учеников везти, откуда и куда", "Transport: how many students go from where to where")
        case .busSheet: ("Подвоз", "Transport")
        case .busWhen: ("Когда", "When")
        case .busFrom: ("Откуда", "From")
        case .busTo: ("Куда", "To")
        case .busStudents: ("Учеников", "Students")
        case .busMinutes: ("В пути, мин", "Travel, min")
        case .busWho: ("Кто (коды учеников)", "Who (student ids)")
        case .busNone: ("Перевозки не нужны: все занятия в своей школе или дистанционно.",
                        "No transport needed: every elective is at the own school or remote.")
        case .busLegend: ("Дистанционное занятие ученик проходит в своей школе. В окне без занятия ученик остаётся там, где был на предыдущем занятии.",
                          "A student takes a remote elective at their own school. In a slot without an elective a student stays where the previous one was.")
        case .teachersTitle: ("Учителя", "Teachers")
        case .teachersSheet: ("Учителя", "Teachers")
        case .teacher: ("Учитель", "Teacher")
        case .teacherName: ("ФИО", "Name")
        case .worksAt: ("Место работы", "Works at")
        case .sections: ("Занятий", "Sections")
        case .slot: ("Занятие", "Slot")
        case .time: ("Время", "Time")
        case .course: ("Курс", "Course")
        case .students: ("Учеников", "Students")
        case .changeNotice: ("Кого оповестить об изменениях", "Whom to notify of the changes")
        case .noticeWas: ("Больше нет", "No longer")
        case .noticeNow: ("Теперь", "Now")
        case .noticeNobody: ("Оповещать никого не нужно: у всех учеников и педагогов день тот же.",
                             "Nobody to notify: every student's and teacher's day is the same.")
        case .noticeLists: ("Другие ученики в группах", "Other students in the sections")
        case .teacherDaysSheet: ("Занятия педагогов", "Teachers' sections")
        case .teacherSheet: ("Лист педагога", "Teacher's sheet")
        case .teacherSheetDay: ("Занятия за день", "The day's sections")
        case .travelBefore: ("Переезд перед занятием", "Travel before")
        case .travelAfter: ("Обратный путь", "The way back")
        case .groupListsSheet: ("Списки групп", "Group lists")
        case .grade: ("Класс", "Grade")
        case .choiceNumber: ("Курс в выборе ученика, №", "Course's place in the student's choices")
        case .attendance: ("Отметка", "Present")
        case .studentsTitle: ("Карточки учеников", "Student cards")
        case .studentsSheet: ("Ученики", "Students")
        case .got: ("Получил курсов", "Electives got")
        case .wanted: ("Хотел", "Wanted")
        case .notOpenedTitle: ("Курсы, которые не открылись, и почему", "Courses that did not open, and why")
        case .notOpenedSheet: ("Не открылись", "Not opened")
        case .courseTitle: ("Название", "Title")
        case .chosenBy: ("Выбрали", "Chosen by")
        case .withinReach: ("В пределах досягаемости", "Within reach")
        case .reason: ("Причина", "Reason")
        case .everyCourseOpened: ("Все курсы, которые кто-то выбрал, открылись.", "Every course that anyone chose opened.")
        case .shortTitle: ("Ученики, получившие меньше курсов, чем хотели", "Students with fewer electives than they wanted")
        case .shortSheet: ("Недобор курсов", "Students short")
        case .everyStudentServed: ("Все ученики получили столько курсов, сколько хотели.", "Every student got as many electives as they wanted.")
        case .figuresSheet: ("Показатели", "Key figures")
        case .profileDay: ("Профильный день", "Profile day")
        case .partnering: ("Партнёрство", "Partnering")
        case .statusSchedule: ("Расписание", "Timetable")
        case .objective: ("Целевая функция", "Objective")
        case .bound: ("Доказанная верхняя граница", "Proven upper bound")
        case .gap: ("Разрыв до границы, %", "Gap to the bound, %")
        case .studentsTotal: ("Учеников", "Students")
        case .fullyServed: ("получили все выбранные курсы", "got every elective they wanted")
        case .partlyServed: ("получили часть курсов", "got some electives")
        case .notServed: ("не получили ни одного курса", "got no elective")
        case .enrolments: ("Записей на курсы", "Enrolments")
        case .sectionsOpened: ("Открыто занятий (групп)", "Sections opened")
        case .remoteSections: ("из них дистанционно", "of them remote")
        case .teachersTeaching: ("Учителей ведут занятия", "Teachers teaching")
        case .travelMean: ("Среднее время в пути до занятия, мин", "Mean travel to an elective, min")
        case .travelMax: ("Наибольшее время в пути, мин", "Longest travel, min")
        case .coursesNotOpened: ("Курсов не открылось", "Courses not opened")
        case .studentsShort: ("Учеников с недобором курсов", "Students short of electives")
        case .rulesCheck: ("Проверка правил расписания: нарушений", "Timetable rule check: violations")
        case .rulesKept: ("Проверка правил расписания: нарушений нет", "Timetable rule check: no violations")
        case .statusPartners: ("Распределение партнёров", "Partner assignment")
        case .pairs: ("Пар партнёров", "Partner pairs")
        case .recipientsWithout: ("Получателей без (всех) партнёров", "Recipients without (all) partners")
        case .totalGain: ("Суммарный выигрыш, баллов", "Total gain, points")
        case .totalTravel: ("Суммарное время в пути между парами, мин", "Total travel between pairs, min")
        case .optimal: ("оптимально (доказано)", "optimal (proven)")
        case .feasible: ("допустимо, оптимальность не доказана", "valid, optimality not proven")
        case .noTimetable: ("В папке результата нет расписания профильного дня.", "The result folder holds no profile-day timetable.")
        case .noPartners: ("В папке результата нет распределения партнёров.", "The result folder holds no partner assignment.")
        case .reasonNotRecorded: ("причина не записана", "reason not recorded")
        case .generatedBy: ("Подготовлено программой «Сетка»", "Prepared with Setka")
        case .comparisonTitle: ("Сравнение вариантов", "Comparison of what-if variants")
        case .baseScenario: ("Базовый сценарий", "Base scenario")
        case .columnsTitle: ("Сравниваемые варианты", "The variants compared")
        case .column: ("Столбец", "Column")
        case .name: ("Название", "Name")
        case .file: ("Файл", "File")
        case .madeFrom: ("Откуда", "Made from")
        case .baseColumn: ("база", "base")
        case .variantColumn: ("в", "v")
        case .fromCache: ("результат из кэша (входные данные не менялись)", "result from the cache (inputs unchanged)")
        case .firstChoiceShare: ("Доля записей по 1-му выбору, %", "Enrolments in a first choice, %")
        case .verified: ("Проверено независимой проверкой", "Verified by the independent checker")
        case .variantChanges: ("Что изменено в данных", "What the variant changes in the data")
        case .notAVariant: ("Отдельный сценарий, а не вариант базового: изменения не записаны.",
                            "A separate scenario, not a variant of the base: no changes recorded.")
        case .againstBase: ("Что изменилось по сравнению с базовым сценарием", "What changed against the base scenario")
        case .what: ("Что", "What")
        case .howMany: ("Сколько", "How many")
        case .whoOrWhat: ("Кто или что", "Who or what")
        case .diffSectionsOpened: ("Открылись новые группы", "Sections opened")
        case .diffSectionsClosed: ("Закрылись группы", "Sections closed")
        case .studentsLostCourse: ("Ученики, потерявшие курс", "Students who lost a course")
        case .studentsGainedCourse: ("Ученики, получившие новый курс", "Students who gained a course")
        case .studentsDayChanged: ("Ученики, у которых изменился день", "Students whose day changed")
        case .studentsRemoved: ("Учеников нет в варианте", "Students not in the variant")
        case .studentsAdded: ("Учеников только в варианте", "Students only in the variant")
        case .pairsAdded: ("Новые пары партнёров", "Partner pairs added")
        case .pairsRemoved: ("Пары партнёров, которых больше нет", "Partner pairs removed")
        case .problems: ("Не удалось рассчитать", "Could not be solved")
        case .noChanges: ("Ничего не изменилось.", "Nothing changed.")
        case .keptTitle: ("Устойчивое перепланирование", "Stable re-planning")
        case .keptIntro: ("Вариант пересчитан от опубликованного расписания: сначала как можно меньше учеников и учителей меняют свой день, затем — как можно лучше по целевой функции. Для сравнения — расчёт варианта с нуля.",
                          "The variant re-planned from the published timetable: first as few students and teachers as possible change their day, then the best objective. Beside it, a fresh solve of the variant.")
        case .keptMethod: ("Как получен план", "How the plan was made")
        case .methodResolved: ("пересчитан с опорой на опубликованное расписание", "re-solved with the published timetable as anchors")
        case .methodRefilled: ("опубликованное расписание сохранено и дополнено", "the published timetable kept and refilled")
        case .keptPlan: ("Сохранённый план", "Kept plan")
        case .freshSolve: ("Расчёт с нуля", "Fresh solve")
        case .teachersChanged: ("Учителя, у которых изменились занятия", "Teachers whose sections changed")
        case .enrolmentsDropped: ("Записей на курсы снято", "Enrolments dropped")
        case .enrolmentsAdded: ("Записей добавлено", "Enrolments added")
        case .sectionsDropped: ("Группы, которые нельзя сохранить, и почему", "Sections that cannot be kept, and why")
        case .everySectionKept: ("Все опубликованные группы сохранены.", "Every published section is kept.")
        case .section: ("Группа", "Section")
        case .changedStudentIDs: ("Ученики, у которых изменился день в сохранённом плане (коды)",
                                  "Students whose day changed in the kept plan (ids)")
        case .preparedBy: ("Подготовил ______________________ / ______________________ /      «___» ____________ 20___ г.",
                           "Prepared by ______________________ / ______________________ /      Date ____________")
        case .sweepTitle: ("Перебор значений параметра", "Parameter sweep")
        case .parameter: ("Параметр", "Setting")
        case .sweepTable: ("Показатели при каждом значении", "Key figures at each value")
        case .sweepChart: ("Графики", "Charts")
        }
    }
}

/// Labels, numbers and sentences of one report in its language.
public struct Words: Sendable {
    public var language: ReportLanguage
    /// The names sentences give teachers, courses and organisations (`named(teacher:)`, …).
    public var names: Names

    /// Sentences that name things by `names` (by their ids when empty).
    public init(_ language: ReportLanguage, names: Names = Names()) {
        self.language = language
        self.names = names
    }

    /// The words of `scenario`'s reports: its language, its names.
    public init(_ scenario: Scenario) { self.init(scenario.language, names: Names(scenario)) }

    /// Russian (else English).
    public var ru: Bool { language == .ru }

    public subscript(_ label: Label) -> String { label.text(language) }

    /// A number with at most `digits` decimals (trailing zeros dropped); a decimal comma in
    /// Russian, and five digits or more in groups of three (`PlainWords.number`).
    public func number(_ x: Double, digits: Int = 1) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x > 0 ? "∞" : "−∞") }
        return PlainWords.number(x, digits: max(0, digits), language)
    }

    /// An integer as `number` writes it: "20 000" (Russian), "20,000" (English), "1500".
    public func integer(_ i: Int) -> String { PlainWords.integer(i, language) }

    /// "по 1-му выбору" / "1st choice".
    public func choice(_ rank: Int) -> String {
        if ru { return "по \(rank)-му выбору" }
        let suffix: String
        switch (rank % 10, rank % 100) {
        case (1, let h) where h != 11: suffix = "st"
        case (2, let h) where h != 12: suffix = "nd"
        case (3, let h) where h != 13: suffix = "rd"
        default: suffix = "th"
        }
        return "\(rank)\(suffix) choice"
    }


    /// "Занятие 1 (09:00–10:30)" / "Slot 1 (09:00–10:30)".
    public func slotHeading(_ slot: Slot) -> String {
        "\(self[.slot]) \(slot.id) (\(slot.start)–\(slot.end))"
    }

    /// The heading of the slot `id` of `slots`; "Занятие 7" for a slot they do not have.
    public func slotHeading(id: String, in slots: [Slot]) -> String {
        slots.first { $0.id == id }.map(slotHeading) ?? "\(self[.slot]) \(id)"
    }

    /// When the morning trip runs.
    public func morning(_ first: Slot) -> String {
        ru ? "Утром, к началу занятий (к \(first.start))" : "Morning, before the first slot (by \(first.start))"
    }

    /// The break between two slots.
    public func change(_ a: Slot, _ b: Slot) -> String {
        ru ? "Перемена между занятиями \(a.id) и \(b.id) (\(a.end)–\(b.start))"
           : "Break between slots \(a.id) and \(b.id) (\(a.end)–\(b.start))"
    }

    /// The trip back home.
    public func home(_ last: Slot) -> String {
        ru ? "Домой, после занятий (после \(last.end))" : "Home, after the last slot (after \(last.end))"
    }

    /// "12 уч." / "12 students".
    public func studentsCount(_ n: Int) -> String {
        ru ? "\(n) уч." : (n == 1 ? "1 student" : "\(n) students")
    }

    /// A free slot, and where the student waits.
    public func free(at place: String) -> String {
        "\(self[.freeSlot]) (\(place))"
    }

    /// "Выигрыш: math" column heading.
    public func gainIn(_ subject: String) -> String { ru ? "Выигрыш: \(subject)" : "Gain: \(subject)" }


    /// A run whose timetable was replaced by a better one made from another run's.
    public func adoptedFrom(_ name: String) -> String {
        language == .ru ? "расписание улучшено по плану варианта «\(name)» (он подходит и здесь и лучше)"
            : "timetable improved from the plan of \"\(name)\" (valid here too, and better)"
    }

    /// The column title of the n-th variant (1-based): "в1" / "v1".
    public func variantColumn(_ n: Int) -> String { "\(self[.variantColumn])\(n)" }

    /// Whether the checker accepted a plan: "да" / "НЕТ (нарушений: 3)".
    public func verified(_ ok: Bool, violations: Int) -> String {
        if ok { return self[.yes] }
        return ru ? "НЕТ (нарушений: \(violations))" : "NO (\(violations) violation\(violations == 1 ? "" : "s"))"
    }

    /// A shortened list: the first `limit` items (separated by "; ", as items may hold commas),
    /// then "и ещё 12" / "and 12 more".
    public func list(_ items: [String], limit: Int) -> String {
        let shown = items.prefix(max(0, limit)).joined(separator: "; ")
        guard items.count > limit else { return shown }
        let more = ru ? "и ещё \(items.count - limit)" : "and \(items.count - limit) more"
        return shown.isEmpty ? more : "\(shown) \(more)"
    }

    /// A section's place in a comparison: "Химия — Школа В, занятие 1" / "Chemistry — remote, slot 2".
    public func sectionPlace(course: String, site: String?, slot: String) -> String {
        "\(course) — \(site ?? self[.remoteRoom]), \(self[.slot].lowercased()) \(slot)"
    }

    /// A partner pair: "Школа В: партнёр Школа Б (ШНОР)".
    public func pair(recipient: String, provider: String, rule: String) -> String {
        ru ? "\(recipient): партнёр \(provider) (\(rule))" : "\(recipient): partner \(provider) (\(rule))"
    }

    /// Whom a `scale_demand` changed: "Курс «Химия»: изменён выбор 6 уч." / "Chemistry: choices of 6 students changed".
    public func demandStudents(course: String, count: Int) -> String {
        ru ? "Курс «\(course)»: изменён выбор \(studentsCount(count))"
           : "\(course): choices of \(studentsCount(count)) changed"
    }

    /// Heading of what a variant changed: "в1 «Без химика»: что изменилось".
    public func variantHeading(_ column: String, _ name: String) -> String {
        ru ? "\(column) «\(name)»: что изменилось" : "\(column) “\(name)”: what changed"
    }

    /// Heading of a kept plan: "в1 «Без химика»: устойчивое перепланирование".
    public func keptHeading(_ column: String, _ name: String) -> String {
        ru ? "\(column) «\(name)»: \(self[.keptTitle].lowercased())" : "\(column) “\(name)”: \(self[.keptTitle].lowercased())"
    }

    /// A teacher's trip before a section: "из МБОУ «СОШ № 1», 25 мин в пути" (from the
    /// workplace: "с места работы (…)"); `minutes` nil when the scenario does not know it.
    public func trip(from place: String, minutes: Double?, workplace: Bool) -> String {
        (ru ? (workplace ? "с места работы (\(place))" : "из \(place)") : (workplace ? "from the workplace (\(place))" : "from \(place)"))
            + onTheWay(minutes)
    }

    /// A teacher's way back after the day's last section away from the workplace: "на место
    /// работы (МБОУ «СОШ № 1»), 25 мин в пути"; `minutes` nil when the scenario does not know it.
    public func tripBack(to place: String, minutes: Double?) -> String {
        (ru ? "на место работы (\(place))" : "to the workplace (\(place))") + onTheWay(minutes)
    }

    /// How long a teacher's trip takes, after where it goes: ", 25 мин в пути"; nothing when unknown.
    func onTheWay(_ minutes: Double?) -> String {
        minutes.map { ", \(number($0, digits: 0))" + (ru ? " мин в пути" : " min") } ?? ""
    }

    /// A group list's heading: "Занятие 1 (09:00–10:30): Химия, группа S06 — МБОУ «СОШ № 1», аудитория 12".
    public func groupHeading(slot: String, course: String, section: String, site: String, room: String) -> String {
        let place = room.isEmpty || room == "—" ? site : "\(site), \(self[.room].lowercased()) \(room)"
        return "\(slot): \(course), \(self[.section].lowercased()) \(section) — \(place)"
    }

    /// «Изменился день у 12 учеников из 3 школ; у 2 педагогов изменились занятия или списки
    /// групп.» (genitive after «у», «из»:
    /// 1, 21, 31 … take the singular).
    public func noticeCounts(students: Int, schools: Int, teachers: Int) -> String {
        if !ru {
            func n(_ k: Int, _ one: String, _ many: String) -> String { "\(integer(k)) \(k == 1 ? one : many)" }
            return "The day changed for \(n(students, "student", "students")) of \(n(schools, "school", "schools")); the sections or the group lists of \(n(teachers, "teacher", "teachers")) changed."
        }
        func n(_ k: Int, _ one: String, _ many: String) -> String { "\(integer(k)) \(k % 10 == 1 && k % 100 != 11 ? one : many)" }
        return "Изменился день у \(n(students, "ученика", "учеников")) из \(n(schools, "школы", "школ")); у \(n(teachers, "педагога", "педагогов")) изменились занятия или списки групп."
    }

    /// How a group list changed: «новые: a1, b1; выбыли: c1».
    public func rosterChange(added: [String], removed: [String]) -> String {
        var parts: [String] = []
        if !added.isEmpty { parts.append((ru ? "новые: " : "new: ") + added.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append((ru ? "выбыли: " : "left: ") + removed.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// A section's group list in a line: "Список группы S06 (2 уч.): a1, b1".
    public func groupList(_ section: String, _ students: [String]) -> String {
        (ru ? "Список группы \(section)" : "Group list of \(section)") + " (\(studentsCount(students.count))): " + students.joined(separator: ", ")
    }

    /// "по 2-му выбору" figure line.
    public func enrolmentsByChoice(_ rank: Int) -> String {
        ru ? "записей \(choice(rank))" : "enrolments, \(choice(rank))"
    }
}
