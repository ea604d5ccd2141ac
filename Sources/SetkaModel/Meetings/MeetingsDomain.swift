import Foundation

// The year plan of network meetings (площадки «НЕТВОРКИНГ», seed 002): the rows of
// `platforms.csv` and `participants.csv` and the `meetings:` settings of `scenario.yaml`, as
// the "Year plan of network meetings" section of `shared/spec/scenario-format.md` defines them.

/// A calendar date without a time of day or zone (proleptic Gregorian), written `YYYY-MM-DD`.
/// Arithmetic goes through `dayNumber` (days since 1970-01-01), so no `Calendar` is involved.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil (`2027-02-29` is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (H. Hinnant's `civil_from_days`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0); month = m; day = d
    }

    /// Strictly `YYYY-MM-DD` (what a spreadsheet exports as an ISO date); nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let n = dayNumber
        let fromMonday = ((n + 3) % 7 + 7) % 7
        return Weekday(rawValue: fromMonday + 1)!
    }

    /// The day number of the Monday that starts this date's week (weeks run Monday–Sunday).
    public var weekStart: Int { dayNumber - (weekday.rawValue - 1) }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String { LocalDate.digits(year, 4) + "-" + LocalDate.digits(month, 2) + "-" + LocalDate.digits(day, 2) }

    /// `n` with leading zeros to `width` digits (`String(format:)` is slow on Linux).
    public static func digits(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD, found \(text)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A day of the week, Monday = 1 … Sunday = 7 (ISO 8601).
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case mon = 1, tue, wed, thu, fri, sat, sun

    /// The short English name used in `scenario.yaml`: `mon` … `sun`.
    public var code: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1] }

    /// Reads `tue`, `tuesday`, `вт`, `вторник` (any case).
    public init?(name: String) {
        let n = name.trimmingCharacters(in: .whitespaces).lowercased()
        let names: [[String]] = [
            ["mon", "monday", "пн", "понедельник"], ["tue", "tuesday", "вт", "вторник"],
            ["wed", "wednesday", "ср", "среда"], ["thu", "thursday", "чт", "четверг"],
            ["fri", "friday", "пт", "пятница"], ["sat", "saturday", "сб", "суббота"],
            ["sun", "sunday", "вс", "воскресенье"],
        ]
        guard let i = names.firstIndex(where: { $0.contains(n) }) else { return nil }
        self = Weekday(rawValue: i + 1)!
    }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// A month group of `platforms.csv`'s `months`: one month `M` or a range `M-N`. Ranges run in
/// school-year order (September … August), so `12-1` is December and January and `5-6` May and
/// June; `6-5` is not a range.
public struct MonthGroup: Sendable, Hashable, Codable, CustomStringConvertible {
    /// First and last month, 1…12.
    public var first: Int
    public var last: Int

    public init?(first: Int, last: Int) {
        guard (1...12).contains(first), (1...12).contains(last),
              MonthGroup.schoolIndex(first) <= MonthGroup.schoolIndex(last) else { return nil }
        self.first = first; self.last = last
    }

    /// `9`, `5-6` (spaces allowed around the dash); nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let a = Int(parts[0]), let b = Int(parts[parts.count - 1]) else { return nil }
        self.init(first: a, last: b)
    }

    /// Position of a month in the school year: September 0 … August 11.
    public static func schoolIndex(_ month: Int) -> Int { (month + 3) % 12 }

    /// The month at a school-year position (0 = September).
    public static func month(atSchoolIndex i: Int) -> Int { (i + 8) % 12 + 1 }

    /// Positions of its months in the school year (September = 0).
    public var schoolIndices: ClosedRange<Int> { MonthGroup.schoolIndex(first)...MonthGroup.schoolIndex(last) }

    public func contains(month: Int) -> Bool { schoolIndices.contains(MonthGroup.schoolIndex(month)) }

    public var description: String { first == last ? "\(first)" : "\(first)-\(last)" }

    /// `9|11|1|3|5-6`: the five general meetings of the regulation (September, November,
    /// January, March, May–June).
    public static let regulation: [MonthGroup] = [
        MonthGroup(first: 9, last: 9)!, MonthGroup(first: 11, last: 11)!, MonthGroup(first: 1, last: 1)!,
        MonthGroup(first: 3, last: 3)!, MonthGroup(first: 5, last: 6)!,
    ]

    /// The months from September to June, where meetings beyond a platform's groups may fall.
    public static let schoolMonths = MonthGroup(first: 9, last: 6)!
}

/// Where a platform meets: always at its host (`host`), or around its member organisations
/// (`rotate`), never twice in a row at the same one.
public enum VenueRule: String, Sendable, Hashable, Codable, CaseIterable {
    case host, rotate
}

/// One row of `platforms.csv`: a network platform (площадка) and its general meetings.
public struct Platform: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The base organisation (базовая организация), a school id.
    public var host: String
    /// Meetings in the year (at least 1).
    public var meetings: Int
    /// Meeting k falls in group k; meetings beyond the groups fall in any month September–June.
    public var months: [MonthGroup]
    public var durationMinutes: Int
    public var venue: VenueRule

    public init(id: String, name: String? = nil, host: String, meetings: Int = 5,
                months: [MonthGroup] = MonthGroup.regulation, durationMinutes: Int = 120, venue: VenueRule = .host) {
        self.id = id; self.name = name ?? id; self.host = host; self.meetings = meetings
        self.months = months; self.durationMinutes = durationMinutes; self.venue = venue
    }

    /// The month group meeting `number` (1-based) must fall in.
    public func monthGroup(ofMeeting number: Int) -> MonthGroup {
        number >= 1 && number <= months.count ? months[number - 1] : MonthGroup.schoolMonths
    }
}

/// One row of `participants.csv`: a person (pseudonymous id), where they work, what they attend.
public struct Participant: Sendable, Hashable, Codable {
    public var person: String
    /// The organisation the person works at; travel is counted from there.
    public var school: String
    public var platforms: [String]

    public init(person: String, school: String, platforms: [String]) {
        self.person = person; self.school = school; self.platforms = platforms
    }
}

/// Closed dates of `meetings.no_meetings`: holidays and other days without meetings, inclusive.
public struct ClosedDates: Sendable, Hashable, Codable {
    public var from: LocalDate
    public var to: LocalDate
    /// What they are (`осенние каникулы`), for the printed plan; optional.
    public var name: String?

    public init(from: LocalDate, to: LocalDate? = nil, name: String? = nil) {
        self.from = from; self.to = to ?? from; self.name = name
    }

    public func contains(_ d: LocalDate) -> Bool { from <= d && d <= to }
}

/// `meetings:` in `scenario.yaml`. Every key but `school_year` has the default shown; `time_zone`
/// (an IANA zone name, used for the calendar files) is Setka's own addition to the format.
public struct MeetingsSettings: Sendable, Hashable, Codable {
    /// The year whose 1 September starts the school year.
    public var schoolYear: Int
    public var weekdays: [Weekday]
    /// Local start times, in order.
    public var startTimes: [TimeOfDay]
    public var noMeetings: [ClosedDates]
    /// Days between two meetings of one platform, at least.
    public var minDaysBetween: Int
    /// Meetings held at one organisation at the same time, at most.
    public var maxPerVenue: Int
    /// The zone of the local times (`Europe/Moscow` unless given).
    public var timeZone: String

    public static let defaultWeekdays: [Weekday] = [.tue, .wed, .thu]
    public static let defaultStartTimes: [TimeOfDay] = [TimeOfDay(minutes: 15 * 60)]
    public static let defaultTimeZone = "Europe/Moscow"

    public init(schoolYear: Int, weekdays: [Weekday] = MeetingsSettings.defaultWeekdays,
                startTimes: [TimeOfDay] = MeetingsSettings.defaultStartTimes, noMeetings: [ClosedDates] = [],
                minDaysBetween: Int = 21, maxPerVenue: Int = 1, timeZone: String = MeetingsSettings.defaultTimeZone) {
        self.schoolYear = schoolYear; self.weekdays = weekdays; self.startTimes = startTimes
        self.noMeetings = noMeetings; self.minDaysBetween = minDaysBetween; self.maxPerVenue = maxPerVenue
        self.timeZone = timeZone
    }

    /// 1 September of the school year.
    public var firstDay: LocalDate { LocalDate(year: schoolYear, month: 9, day: 1)! }
    /// 30 June of the next calendar year: the last day a meeting beyond the groups may take.
    public var lastTeachingDay: LocalDate { LocalDate(year: schoolYear + 1, month: 6, day: 30)! }
    /// 31 August of the next calendar year: the end of the school year.
    public var lastDay: LocalDate { LocalDate(year: schoolYear + 1, month: 8, day: 31)! }

    /// The calendar year of a month of this school year (September–December: `school_year`).
    public func year(ofMonth month: Int) -> Int { month >= 9 ? schoolYear : schoolYear + 1 }

    /// The closed range that contains `d`, if any.
    public func closure(of d: LocalDate) -> ClosedDates? { noMeetings.first { $0.contains(d) } }
}
