import SetkaModel

/// The days of a school year on which a meeting may be held: an allowed weekday
/// (`meetings.weekdays`) that is not closed (`meetings.no_meetings`), from 1 September to
/// 31 August. Days are numbered 0… in date order.
struct YearCalendar: Sendable {
    struct Day: Sendable, Hashable {
        var date: LocalDate
        var dayNumber: Int
        /// Day number of the Monday of its week.
        var weekStart: Int
        /// Position of its month in the school year (September = 0 … August = 11).
        var schoolMonth: Int
    }

    let settings: MeetingsSettings
    private(set) var days: [Day] = []
    /// For each school month (0…11), the range of indices into `days`.
    private(set) var monthRanges: [Range<Int>] = []

    init(_ settings: MeetingsSettings) {
        self.settings = settings
        let allowed = Set(settings.weekdays)
        var d = settings.firstDay
        let last = settings.lastDay
        var month = 0
        var monthStart = 0
        while d <= last {
            let sm = MonthGroup.schoolIndex(d.month)
            while sm > month { monthRanges.append(monthStart..<days.count); monthStart = days.count; month += 1 }
            if allowed.contains(d.weekday), settings.closure(of: d) == nil {
                days.append(Day(date: d, dayNumber: d.dayNumber, weekStart: d.weekStart, schoolMonth: sm))
            }
            d = d.adding(days: 1)
        }
        while monthRanges.count < 12 { monthRanges.append(monthStart..<days.count); monthStart = days.count }
    }

    /// Indices of the open days in the school months `months` (0 = September).
    func days(inSchoolMonths months: ClosedRange<Int>) -> Range<Int> {
        monthRanges[months.lowerBound].lowerBound..<monthRanges[months.upperBound].upperBound
    }

    /// Every date of the school months `months`, open or not: how many days a group has at all.
    func allDates(inSchoolMonths months: ClosedRange<Int>) -> [LocalDate] {
        var out: [LocalDate] = []
        for sm in months {
            let m = MonthGroup.month(atSchoolIndex: sm)
            let y = settings.year(ofMonth: m)
            for day in 1...LocalDate.daysIn(month: m, year: y) { out.append(LocalDate(year: y, month: m, day: day)!) }
        }
        return out
    }
}
