import Partnering
import ProfileDay
import Scenarios
import SetkaModel

/// How runs ended, in words.
extension Words {
    /// What the scheduler proved.
    public func status(_ s: ScheduleStatus) -> String {
        switch s {
        case .optimal: self[.optimal]
        case .feasible: self[.feasible]
        }
    }

    /// What the partner assignment proved.
    public func status(_ s: PartnerStatus) -> String {
        switch s {
        case .optimal: self[.optimal]
        case .feasible: self[.feasible]
        }
    }

    /// A plan in a comparison: the scheduler's status, or a kept plan.
    public func status(_ s: PlanStatus) -> String {
        switch s {
        case .optimal: self[.optimal]
        case .feasible: self[.feasible]
        case .kept: ru ? "сохранённый план" : "kept plan"
        case .invalid: ru ? "план отклонён проверкой" : "plan rejected by the checker"
        }
    }

    /// Why the search stopped.
    public func stopReason(_ r: StopReason) -> String {
        switch r {
        case .gap: ru ? "достигнут заданный разрыв до границы" : "the target gap to the bound was reached"
        case .iterations: ru ? "сделано заданное число шагов" : "the iteration limit was reached"
        case .time: ru ? "истекло время" : "the time limit was reached"
        case .interrupted: ru ? "остановлен пользователем" : "stopped by the user"
        case .noImprovement: ru ? "долго не было улучшений" : "no improvement for many steps"
        case .edit: ru ? "расписание изменено вручную" : "edited by hand"
        case .imported: ru ? "расписание загружено из файлов и проверено" : "read from files and checked"
        }
    }

    /// What the profile-day search is doing (its progress lines).
    public func phase(_ p: SchedulePhase) -> String {
        switch p {
        case .start: ru ? "начальное расписание" : "first timetable"
        case .search: ru ? "поиск лучшего расписания" : "searching for a better timetable"
        case .exact: ru ? "точное решение (GLPK)" : "exact solve (GLPK)"
        case .bound: ru ? "уточнение оценки сверху (GLPK)" : "tightening the bound (GLPK)"
        }
    }

    /// How a kept plan was made.
    public func method(_ m: ReplanMethod) -> String {
        switch m {
        case .resolved: self[.methodResolved]
        case .keptAndRefilled: self[.methodRefilled]
        }
    }
}
