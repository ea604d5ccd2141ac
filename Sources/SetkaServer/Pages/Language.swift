import ProfileDay
import Reports
import Wording
import SetkaModel

/// The page's language and its words: labels of the app written as Russian–English pairs where
/// they are used (`t("Проекты", "Projects")`), so that no label exists in one language only;
/// the report's words (ШНОР, площадка, целевая функция…) from `Reports.Words`, as in the printed
/// report.
public struct Tr: Sendable {
    public let language: ReportLanguage
    public let words: Words

    public init(_ language: ReportLanguage) { self.language = language; words = Words(language) }

    public var ru: Bool { language == .ru }

    /// The label in the page's language.
    public func callAsFunction(_ russian: String, _ english: String) -> String { ru ? russian : english }

    /// A report word.
    public subscript(_ label: Label) -> String { words[label] }

    public func number(_ x: Double, digits: Int = 1) -> String { words.number(x, digits: digits) }

    /// A run's status for people.
    public func status(_ s: RunStatus) -> String {
        switch s {
        case .queued: return self("в очереди", "queued")
        case .running: return self("идёт расчёт", "running")
        case .done: return self("готово", "done")
        case .failed: return self("ошибка", "failed")
        case .cancelled: return self("остановлен", "cancelled")
        case .interrupted: return self("прерван (сервер был остановлен)", "interrupted (the server stopped)")
        }
    }

    public func job(_ j: JobKind) -> String {
        switch j {
        case .schedule: return self("единый профильный день", "profile day")
        case .partner: return self("партнёры ШНОР", "partner assignment")
        case .compare: return self("сравнение вариантов «что если»", "what-if comparison")
        case .effect: return self("помогли ли школы-партнёры", "did the partnerships help")
        case .meetings: return self("план встреч сетевых площадок на год", "the year plan of network meetings")
        case .advise: return self("советы: что изменить, чтобы больше учеников получили всё", "advice: what to change to serve more students")
        }
    }

    /// A run's phase as its progress names it (the scheduler's `SchedulePhase`, in
    /// `Words.phase`; a comparison's `search: NAME`, `2/4 NAME`; a partner run's `solve`), for people.
    public func phase(_ raw: String) -> String {
        let parts = raw.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let word: String
        if let p = SchedulePhase(rawValue: parts[0]) {
            word = words.phase(p)
            return parts.count > 1 ? word + ": " + parts[1] : word
        }
        switch parts[0] {
        case "solve": word = self("решение (GLPK)", "solving (GLPK)")
        case "edit": word = self("правка и её проверка", "applying and checking the edit")
        case "import": word = self("чтение и проверка расписания", "reading and checking the timetable")
        case "edit-write": word = self("запись расписания и отчётов", "writing the timetable and the reports")
        case "meetings-stage": word = self("размещение встреч, блок месяцев", "placing the meetings, block of months")
        case "meetings-bound": word = self("нижняя граница, блок месяцев", "lower bound, block of months")
        case "meetings-proof": word = self("почему не всё помещается, блок месяцев", "why not all fit, block of months")
        case "screening": word = self("быстрая оценка изменений", "estimating the changes")
        case "verifying": word = self("проверка изменений пересчётом", "verifying the changes by re-solving")
        case "done": word = self("готово", "done")
        default: return raw.contains("/") ? self("готов вариант ", "finished ") + raw : raw
        }
        return parts.count > 1 ? word + ": " + parts[1] : word
    }

    /// "1 234 записи" style counts are the report's; here: "N из M".
    public func of(_ a: Int, _ b: Int) -> String { self("\(a) из \(b)", "\(a) of \(b)") }

    public func seconds(_ s: Double) -> String { number(s, digits: s < 10 ? 1 : 0) + self(" с", " s") }

    /// The time a run took: like `seconds`, with hundredths under a second (a hand edit takes a
    /// fraction of one, never "0 s").
    public func took(_ s: Double) -> String { s < 1 ? number(max(s, 0.01), digits: 2) + self(" с", " s") : seconds(s) }
}
