import Scenarios
import SetkaModel

/// The fixed words of the advice page (`advice.html`) and of its section in the report.
public enum AdviceLabel: String, CaseIterable, Sendable {
    case adviceTitle, adviceSectionTitle, adviceNow, adviceBaselineResolved, adviceBaselineSame, adviceChanges, adviceRank, adviceChange, adviceAsks, adviceNobody, adviceStudentsGained
    case adviceObjectiveGain, adviceVariantFile, adviceNoneFound, adviceMethod, adviceSafe, adviceStoppedEarly, adviceStale, adviceHowToRun, adviceProblems, adviceFullyServedOf

    public func text(_ language: ReportLanguage) -> String { language == .ru ? pair.0 : pair.1 }

    var pair: (String, String) {
        switch self {
        case .adviceTitle: ("Что поможет: изменения, которые обслужат больше учеников", "What would help: the changes that serve the most students")
        case .adviceSectionTitle: ("Что поможет", "What would help")
        case .adviceNow: ("Сейчас", "Now")
        case .adviceBaselineResolved: ("Для честного сравнения расписание пересчитано и без изменений (столько же времени, с того же начала); выигрыш каждого изменения считается от лучшего из двух расписаний.",
                                 "For a fair comparison the timetable was also re-solved without any change (as long, from the same start); each change's gain is counted from the better of the two.")
        case .adviceBaselineSame: ("Пересчёт без изменений лучшего расписания не дал; выигрыш считается от текущего расписания.",
                             "A re-solve without any change found no better timetable; gains are counted from the current one.")
        case .adviceChanges: ("Изменения, проверенные пересчётом", "Changes verified by a re-solve")
        case .adviceRank: ("№", "No.")
        case .adviceChange: ("Изменение", "Change")
        case .adviceAsks: ("Кого просим", "Asks")
        case .adviceNobody: ("решение координатора", "the coordinator's decision")
        case .adviceStudentsGained: ("Ещё учеников получат все выбранные курсы", "More students get all their electives")
        case .adviceObjectiveGain: ("Прирост целевой функции", "Objective gain")
        case .adviceVariantFile: ("Файл варианта", "Variant file")
        case .adviceNoneFound: ("Ни одно из проверенных изменений не обслужило больше учеников и не улучшило расписание.",
                          "None of the changes tried served more students or improved the timetable.")
        case .adviceMethod: ("Как получены советы", "How the advice was made")
        case .adviceSafe: ("Ни одно изменение не уменьшает минимальный размер группы, никого не убирает и не отменяет правил расписания. Изменения, которые о чём-то просят педагога или организацию, отмечены в столбце «Кого просим».",
                     "No change lowers a minimum section size, removes anyone or sets a timetable rule aside. Changes that ask something of a teacher or an organisation are marked in the column “Asks”.")
        case .adviceStoppedEarly: ("Расчёт остановлен досрочно: приведены изменения, проверенные к этому моменту.",
                             "Stopped early: the changes verified by then are shown.")
        case .adviceStale: ("Советы в этой папке сделаны для другого расписания: запустите setka advise снова.",
                      "The advice in this folder was made for another timetable: run setka advise again.")
        case .adviceHowToRun: ("Каждое изменение записано как вариант «что если» (файл в папке variants): его можно пересчитать командой setka compare СЦЕНАРИЙ variants/01.yaml или setka schedule variants/01.yaml.",
                         "Each change is written as a what-if variant (a file in the folder variants): run it with setka compare SCENARIO variants/01.yaml or setka schedule variants/01.yaml.")
        case .adviceProblems: ("Не удалось проверить", "Could not be verified")
        case .adviceFullyServedOf: ("получают все выбранные курсы", "get all their electives")
        }
    }
}

/// What `setka advise` says: each change as a clause, with its verified gain as a sentence.
extension Words: AdviceWording {
    public subscript(_ label: AdviceLabel) -> String { label.text(language) }

    public func clause(_ change: AdviceChange) -> String {
        switch change {
        case let .teacherSlot(teacher, slot, _, more):
            let who = named(teacher: teacher)
            if more != nil {
                return ru ? "педагог \(who) сможет вести ещё одно занятие — в слоте \(slot)"
                    : "teacher \(who) can teach one more section, in slot \(slot)"
            }
            return ru ? "педагог \(who) сможет вести занятие в слоте \(slot)" : "teacher \(who) can teach in slot \(slot)"
        case let .teacherSection(teacher, maxSections):
            return ru ? "педагог \(named(teacher: teacher)) сможет вести ещё одно занятие (всего до \(maxSections))"
                : "teacher \(named(teacher: teacher)) can teach one more section (up to \(maxSections))"
        case let .teacherTravels(teacher):
            return ru ? "педагог \(named(teacher: teacher)) сможет вести занятия и в других организациях"
                : "teacher \(named(teacher: teacher)) can teach at other organisations too"
        case let .roomKind(site, room, from, kind):
            return ru ? "аудиторию \(room) в \(named(organisation: site)) оборудуют как «\(kind)» (сейчас «\(from)»)"
                : "room \(room) at \(named(organisation: site)) is equipped as \(kind) (now \(from))"
        case let .courseRemote(course):
            return ru ? "курс \(named(course: course)) можно будет вести дистанционно" : "course \(named(course: course)) may run remotely"
        case let .courseSite(course, site, _):
            return ru ? "курс \(named(course: course)) можно будет вести и в \(named(organisation: site))"
                : "course \(named(course: course)) may also be held at \(named(organisation: site))"
        }
    }

    public func sentence(_ item: AdviceItem, in advice: Advice) -> String {
        let clause = clause(item.change)
        let n = item.studentsGained
        if n > 0 {
            let what: String
            switch advice.electivesEach {
            case 2: what = ru ? "оба курса" : "both electives"
            case 1: what = ru ? "выбранный курс" : "their elective"
            default: what = ru ? "все выбранные курсы" : "all the electives they want"
            }
            if ru {
                let verb = n % 10 == 1 && n % 100 != 11 ? "получит" : "получат"
                return "Если \(clause), ещё \(students(n)) \(verb) \(what)"
            }
            return "If \(clause), \(n) more student\(n == 1 ? "" : "s") will get \(what)"
        }
        let gain = number(item.objectiveGain)
        return ru ? "Если \(clause), учеников с полным набором курсов не прибавится, но целевая функция вырастет на \(gain) (курсы выше в списках учеников или короче поездки)"
            : "If \(clause), no more students get all their electives, but the objective rises by \(gain) (choices higher in students' lists, or shorter trips)"
    }

    public func asked(_ ask: AdviceAsk?) -> String {
        switch ask {
        case .teacher(let t): return ru ? "педагог \(named(teacher: t))" : "teacher \(named(teacher: t))"
        case .organisation(let o): return ru ? "организация \(named(organisation: o)) (оборудовать аудиторию)" : "organisation \(named(organisation: o)) (to equip a room)"
        case nil: return ""
        }
    }

    public func variantName(_ item: AdviceItem) -> String {
        (ru ? "Совет \(item.rank): " : "Advice \(item.rank): ") + clause(item.change)
    }

    public func variantComments(_ item: AdviceItem, in advice: Advice) -> [String] {
        [sentence(item, in: advice) + ".",
         ru ? "Сделано командой setka advise: выигрыш проверен пересчётом расписания с этим изменением (независимая проверка пройдена)."
            : "Made by setka advise: the gain was verified by re-solving the timetable with this change (the independent check passed).",
         ru ? "Пересчитать: setka compare СЦЕНАРИЙ ЭТОТ_ФАЙЛ или setka schedule ЭТОТ_ФАЙЛ --out ПАПКА"
            : "Run it: setka compare SCENARIO THIS_FILE, or setka schedule THIS_FILE --out FOLDER"]
    }

    /// "1 432 из 1 500 учеников получают все выбранные курсы; целевая функция 245 310,2".
    public func adviceFigures(_ f: ProfileDayFigures) -> String {
        ru ? "\(f.fullyServed) из \(f.students) учеников \(self[.adviceFullyServedOf]); целевая функция \(number(f.objective))"
            : "\(f.fullyServed) of \(f.students) students \(self[.adviceFullyServedOf]); objective \(number(f.objective))"
    }

    /// How the advice was made, with its counts.
    public func adviceMethod(_ a: Advice) -> String {
        ru ? "Кандидаты взяты из причин, по которым курсы не открылись и ученики не получили выбранное (найдено \(a.candidates), быстро оценено \(a.screened), пересчитано \(a.verified)). Выигрыш изменения — разница между расписанием, пересчитанным с этим изменением (оно прошло независимую проверку), и расписанием без изменения; быстрые оценки не приводятся."
            : "The candidates come from the reasons courses did not open and students did not get their choices (\(a.candidates) found, \(a.screened) estimated quickly, \(a.verified) re-solved). A change's gain is the difference between the timetable re-solved with it (which passed the independent check) and the timetable without it; quick estimates are never shown."
    }
}
