import Foundation
import Meetings
import SetkaModel
import Wording

/// Every word of the year plan's reports, in Russian (the default) and English, and the
/// sentences that explain why meetings could not be planned (from the planner's typed reasons).
/// Numbers, shortened lists and plurals are Setka's common `Words`.
public struct MeetingsWords: Sendable {
    public var language: ReportLanguage
    let words: Words
    public init(_ language: ReportLanguage) { self.language = language; words = Words(language) }
    var ru: Bool { language == .ru }

    func t(_ ru: String, _ en: String) -> String { self.ru ? ru : en }

    // MARK: dates

    static let monthsRu = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
    static let monthsOfRu = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
    static let monthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let weekdaysRu = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]
    static let weekdaysShortRu = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]
    static let weekdaysEn = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// `сентябрь` / `September`.
    public func month(_ m: Int) -> String { ru ? Self.monthsRu[m - 1] : Self.monthsEn[m - 1] }

    /// `Сентябрь 2026` / `September 2026`.
    public func monthTitle(_ m: Int, year: Int) -> String {
        let name = month(m)
        return name.prefix(1).uppercased() + name.dropFirst() + " \(year)"
    }

    /// A month group of the school year starting in `schoolYear`: `сентябрь 2026`,
    /// `май–июнь 2027`, `декабрь 2026 – январь 2027`.
    public func months(_ g: MonthGroup, schoolYear: Int) -> String {
        let y1 = g.first >= 9 ? schoolYear : schoolYear + 1, y2 = g.last >= 9 ? schoolYear : schoolYear + 1
        if g.first == g.last { return "\(month(g.first)) \(y1)" }
        if y1 == y2 { return "\(month(g.first))–\(month(g.last)) \(y1)" }
        return "\(month(g.first)) \(y1) – \(month(g.last)) \(y2)"
    }

    /// `15.09.2026` / `2026-09-15`.
    public func date(_ d: LocalDate) -> String {
        ru ? LocalDate.digits(d.day, 2) + "." + LocalDate.digits(d.month, 2) + "." + LocalDate.digits(d.year, 4) : d.description
    }

    /// `15 сентября 2026 г.` / `15 September 2026`.
    public func longDate(_ d: LocalDate) -> String {
        ru ? "\(d.day) \(Self.monthsOfRu[d.month - 1]) \(d.year) г." : "\(d.day) \(Self.monthsEn[d.month - 1]) \(d.year)"
    }

    /// `вт` / `Tue`.
    public func weekdayShort(_ w: Weekday) -> String { ru ? Self.weekdaysShortRu[w.rawValue - 1] : String(Self.weekdaysEn[w.rawValue - 1].prefix(3)) }
    /// `вторник` / `Tuesday`.
    public func weekday(_ w: Weekday) -> String { ru ? Self.weekdaysRu[w.rawValue - 1] : Self.weekdaysEn[w.rawValue - 1] }

    /// `2026/27 учебный год` / `school year 2026/27`.
    public func schoolYear(_ y: Int) -> String {
        let s = "\(y)/\(String(y + 1).suffix(2))"
        return ru ? "\(s) учебный год" : "school year \(s)"
    }

    /// `12,5` / `12.5`.
    public func number(_ x: Double, digits: Int = 1) -> String { words.number(x, digits: digits) }

    /// `P0012; P0345 и ещё 3` / `P0012; P0345 and 3 more`.
    public func list(_ items: [String], limit: Int = 5) -> String { words.list(items, limit: limit) }

    /// `3 заседания` / `3 meetings`, with the Russian plural.
    public func meetingsCount(_ n: Int) -> String {
        ru ? "\(n) \(Words.russianPlural(n, "заседание", "заседания", "заседаний"))" : "\(n) meeting\(n == 1 ? "" : "s")"
    }

    func platformName(_ id: String, _ scenario: Scenario) -> String {
        scenario.platforms.first { $0.id == id }.map { "«\($0.name)»" } ?? id
    }

    func orgName(_ id: String, _ scenario: Scenario) -> String { scenario.organisation(id)?.name ?? id }

    // MARK: reasons

    /// Why a meeting is not in the plan, in a sentence a coordinator can act on.
    public func reason(_ reason: UnplacedReason, scenario: Scenario) -> String {
        switch reason {
        case .noOpenDay:
            return t("в эти месяцы нет ни одного дня для заседаний: все дни недели из meetings.weekdays приходятся на закрытые даты (meetings.no_meetings)",
                     "these months have no day for a meeting: every allowed weekday (meetings.weekdays) is a closed date (meetings.no_meetings)")
        case .noStartTime:
            return t("при любом времени начала (meetings.start_times) заседание закончится после полуночи",
                     "at every start time (meetings.start_times) the meeting would end after midnight")
        case .noVenue(let members):
            if members == 0 {
                return t("площадка проводится поочерёдно у участников (venue: rotate), но её никто не посещает: проводить негде",
                         "the platform rotates among its members (venue: rotate) but nobody attends it: there is nowhere to meet")
            }
            return t("площадка проводится поочерёдно (venue: rotate), но все её участники из одной организации, а подряд в одном месте заседать нельзя",
                     "the platform rotates (venue: rotate) but all its participants work at one organisation, and it may not meet twice in a row at the same place")
        case .spacing(let previous, let next, let minDays):
            var around: [String] = []
            if let previous { around.append(t("предыдущее — \(date(previous))", "the previous one is on \(date(previous))")) }
            if let next { around.append(t("следующее — \(date(next))", "the next one is on \(date(next))")) }
            return t("между заседаниями площадки должно пройти не меньше \(minDays) дн. (meetings.min_days_between): \(around.joined(separator: ", ")), и в месяцах этого заседания не остаётся подходящего дня",
                     "meetings of a platform must be at least \(minDays) days apart (meetings.min_days_between): \(around.joined(separator: ", ")), which leaves no day in this meeting's months")
        case .clash(let c):
            var parts: [String] = []
            if !c.platforms.isEmpty {
                let who = c.platforms.prefix(6).map { s in
                    t("\(platformName(s.platform, scenario)) (общие участники: \(list(s.people)))",
                      "\(platformName(s.platform, scenario)) (shared: \(list(s.people)))")
                }.joined(separator: "; ")
                let more = c.platforms.count > 6 ? t(" и ещё \(c.platforms.count - 6) площадок", " and \(c.platforms.count - 6) more platforms") : ""
                parts.append(t("заседания площадок с теми же участниками: \(who)\(more)",
                               "meetings of platforms with the same people: \(who)\(more)"))
            }
            if !c.fullVenues.isEmpty {
                let names = c.fullVenues.map { orgName($0, scenario) }
                parts.append(t("занятое в это время место (meetings.max_per_venue): \(list(names, limit: 3))",
                               "a venue already full at those times (meetings.max_per_venue): \(list(names, limit: 3))"))
            }
            if c.ownMeetings > 0 {
                parts.append(t("другие заседания этой же площадки (интервал meetings.min_days_between или смена места)",
                               "the platform's own other meetings (meetings.min_days_between or the rotation)"))
            }
            let options = c.options
            return t("все возможные дни и часы (\(options)) заняты: \(parts.joined(separator: "; "))",
                     "every possible day and time (\(options)) is taken: \(parts.joined(separator: "; "))")
        }
    }

    /// `math (Учителя математики), заседание 3, январь 2027: <reason>`.
    public func unplaced(_ u: UnplacedMeeting, schoolYear: Int, scenario: Scenario) -> String {
        let name = scenario.platforms.first { $0.id == u.platform }?.name ?? u.platform
        return "\(u.platform) (\(name)), \(t("заседание", "meeting")) \(u.number), \(months(u.months, schoolYear: schoolYear)): \(reason(u.reason, scenario: scenario))"
    }

    /// Why the meetings of some months do not all fit.
    public func proof(_ m: MonthsInfeasibility, schoolYear: Int, scenario: Scenario) -> String {
        let when = months(m.months, schoolYear: schoolYear)
        let head = t("\(when): не помещаются \(meetingsCount(m.unplaced)) из \(m.meetings)",
                     "\(when): \(m.unplaced) of \(m.meetings) meetings do not fit")
        switch m.proof {
        case .person(let person, let platforms, let meetings, let times):
            let names = platforms.map { platformName($0, scenario) }
            return head + t(". Полного плана нет: участник \(person) посещает площадки \(list(names, limit: 8)) — это \(meetingsCount(meetings)) в эти месяцы, а без наложений их помещается не больше \(times)",
                            ". No full plan exists: \(person) attends \(list(names, limit: 8)), \(meetings) meetings in these months, but at most \(times) fit without overlap")
        case .venue(let venue, let platforms, let meetings, let times):
            let names = platforms.map { platformName($0, scenario) }
            return head + t(". Полного плана нет: в организации «\(orgName(venue, scenario))» заседают площадки \(list(names, limit: 8)) — \(meetingsCount(meetings)), а там помещается не больше \(times) (meetings.max_per_venue)",
                            ". No full plan exists: \(names.count) platforms meet at \(orgName(venue, scenario)) (\(list(names, limit: 8))), \(meetings) meetings, but it holds at most \(times) (meetings.max_per_venue)")
        case .solver(let placeable, let meetings):
            return head + t(". Полного плана нет: GLPK доказал, что из \(meetings) заседаний этих месяцев вместе помещаются не больше \(placeable), даже если остальной год свободен",
                            ". No full plan exists: GLPK proved that at most \(placeable) of these months' \(meetings) meetings fit together, even with the rest of the year free")
        case .notProven:
            return head + t(". Заседания этих месяцев помещаются сами по себе, но не после уже распланированных предыдущих месяцев; что полного плана нет, не доказано",
                            ". These months' meetings fit on their own, but not after the months before them were planned; that no full plan exists is not proven")
        }
    }

    /// `доказано оптимальный` / `proven optimal` …
    public func status(_ s: MeetingsStatus) -> String {
        switch s {
        case .optimal: return t("оптимальный (доказано)", "proven optimal")
        case .bounded: return t("допустимый, с оценкой", "valid, with a bound")
        case .partial: return t("неполный: не все заседания помещаются", "partial: not every meeting fits")
        }
    }
}
