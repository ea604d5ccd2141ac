import SetkaModel

/// The independent year-plan checker: plain Swift, no solver, none of the planner's indexes. It
/// re-reads a plan against every hard rule of "Year plan of network meetings" and recomputes the
/// objective. Run before anything is written.
///
/// Decisions the specification leaves open:
/// - Two meetings overlap when one starts before the other ends (back to back is no overlap).
///   A person attending both needs `end + travel(venue₁ → venue₂) ≤ next start`; a travel time
///   the scenario does not give counts as unreachable on the same day.
/// - "In a row" for `rotate` and the spacing of `min_days_between` follow the meetings' dates
///   and start times, whatever their numbers.
/// - The month group of a meeting numbered above the platform's groups is September–June.
/// - A platform's meetings are 1…`meetings`; each is either in the plan or listed as not
///   placed, never both, never neither.
/// - Travel comparisons allow `tolerance` minutes.
public enum MeetingsChecker {
    public static let tolerance = 1e-9

    /// The plan's meetings against every rule; `unplaced` lists the meetings the plan says it
    /// could not place (`platform`, `number`).
    public static func check(meetings: [PlannedMeeting], unplaced: [(platform: String, number: Int)],
                             in scenario: Scenario) -> MeetingsCheckReport {
        var v: [MeetingsViolation] = []
        guard let settings = scenario.meetings else {
            v.append(MeetingsViolation(.structure, "the scenario has no meetings settings: nothing can be checked"))
            return MeetingsCheckReport(violations: v, travelMinutes: 0, sameWeek: 0, meetingsPlanned: meetings.count,
                                       meetingsExpected: 0)
        }
        let platforms = Dictionary(scenario.platforms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        v += checkStructure(meetings, unplaced: unplaced, platforms: platforms, scenario: scenario)
        let known = meetings.filter { platforms[$0.platform] != nil }
        v += checkMonthGroups(known, platforms: platforms, settings: settings)
        v += checkWeekdaysAndStartTimes(known, settings: settings)
        v += checkClosedDates(known, settings: settings)
        v += checkPeople(known, scenario: scenario)
        v += checkVenueCapacity(known, settings: settings)
        v += checkSpacing(known, settings: settings)
        v += checkVenues(known, platforms: platforms, scenario: scenario)
        let expected = scenario.platforms.reduce(0) { $0 + $1.meetings }
        return MeetingsCheckReport(violations: v, travelMinutes: travelMinutes(known, scenario: scenario),
                                   sameWeek: sameWeek(known, scenario: scenario), meetingsPlanned: meetings.count,
                                   meetingsExpected: expected)
    }

    /// A whole plan: its meetings and the meetings it lists as not placed.
    public static func check(_ plan: MeetingsPlan, in scenario: Scenario) -> MeetingsCheckReport {
        check(meetings: plan.meetings, unplaced: plan.unplaced.map { ($0.platform, $0.number) }, in: scenario)
    }

    static func key(_ m: PlannedMeeting) -> String { "\(m.platform)#\(m.number)" }

    /// Platform ids of each person (who attends what).
    static func attendance(_ scenario: Scenario) -> [String: [Participant]] {
        var out: [String: [Participant]] = [:]
        for person in scenario.participants { for p in Set(person.platforms) { out[p, default: []].append(person) } }
        return out
    }

    // MARK: - structure

    /// The plan names only platforms and organisations the scenario has, numbers each platform's
    /// meetings 1…`meetings` with no repeats, accounts for every meeting (planned or listed as
    /// not placed, not both), and ends each meeting `duration_minutes` after it starts.
    static func checkStructure(_ meetings: [PlannedMeeting], unplaced: [(platform: String, number: Int)],
                               platforms: [String: Platform], scenario: Scenario) -> [MeetingsViolation] {
        var v: [MeetingsViolation] = []
        var seen: Set<String> = []
        for m in meetings {
            guard let p = platforms[m.platform] else {
                v.append(MeetingsViolation(.structure, "meeting \(m.number) on \(m.date) is of platform \(m.platform), which is not in platforms.csv", meetings: [key(m)]))
                continue
            }
            if !(1...p.meetings).contains(m.number) {
                v.append(MeetingsViolation(.structure, "platform \(m.platform) holds \(p.meetings) meetings, but the plan has a meeting number \(m.number) (on \(m.date))", meetings: [key(m)]))
            }
            if !seen.insert(key(m)).inserted {
                v.append(MeetingsViolation(.structure, "meeting \(m.number) of platform \(m.platform) is in the plan more than once", meetings: [key(m)]))
            }
            if scenario.organisation(m.venue) == nil {
                v.append(MeetingsViolation(.structure, "meeting \(m.number) of platform \(m.platform) is at \(m.venue), which is not in schools.csv", meetings: [key(m)], venue: m.venue))
            }
            if m.end.minutes != m.start.minutes + p.durationMinutes {
                v.append(MeetingsViolation(.structure, "meeting \(m.number) of platform \(m.platform) runs \(m.start)–\(m.end), but the platform's meetings last \(p.durationMinutes) minutes", meetings: [key(m)]))
            }
        }
        var listed: Set<String> = []
        for u in unplaced {
            let k = "\(u.platform)#\(u.number)"
            if seen.contains(k) {
                v.append(MeetingsViolation(.structure, "meeting \(u.number) of platform \(u.platform) is both in the plan and listed as not placed", meetings: [k]))
            }
            listed.insert(k)
        }
        for p in scenario.platforms {
            for k in 1...max(1, p.meetings) where p.meetings >= 1 {
                let id = "\(p.id)#\(k)"
                if !seen.contains(id) && !listed.contains(id) {
                    v.append(MeetingsViolation(.structure, "meeting \(k) of platform \(p.id) is neither in the plan nor listed as not placed", meetings: [id]))
                }
            }
        }
        return v
    }

    // MARK: - calendar

    /// Each meeting falls in its month group (meeting k in group k of the platform's `months`;
    /// a meeting beyond the groups in September–June) and in the school year.
    static func checkMonthGroups(_ meetings: [PlannedMeeting], platforms: [String: Platform], settings: MeetingsSettings) -> [MeetingsViolation] {
        var v: [MeetingsViolation] = []
        for m in meetings {
            let p = platforms[m.platform]!
            let group = p.monthGroup(ofMeeting: m.number)
            let inYear = settings.firstDay <= m.date && m.date <= settings.lastDay
            if !inYear || !group.contains(month: m.date.month) {
                let which = m.number <= p.months.count ? "its month group \(group)" : "September–June (meetings beyond the month groups)"
                let year = inYear ? "" : ", outside the school year \(settings.schoolYear)/\(settings.schoolYear + 1)"
                v.append(MeetingsViolation(.months, "meeting \(m.number) of platform \(m.platform) is on \(m.date)\(year), not in \(which)",
                                           meetings: [key(m)], date: m.date))
            }
        }
        return v
    }

    /// Each meeting is on a weekday of `meetings.weekdays` and starts at one of `start_times`.
    static func checkWeekdaysAndStartTimes(_ meetings: [PlannedMeeting], settings: MeetingsSettings) -> [MeetingsViolation] {
        var v: [MeetingsViolation] = []
        let days = Set(settings.weekdays), starts = Set(settings.startTimes)
        for m in meetings {
            if !days.contains(m.date.weekday) {
                v.append(MeetingsViolation(.dayAndTime, "meeting \(m.number) of platform \(m.platform) is on \(m.date), a \(m.date.weekday.code), not one of the meeting days (\(settings.weekdays.map(\.code).joined(separator: ", ")))",
                                           meetings: [key(m)], date: m.date))
            }
            if !starts.contains(m.start) {
                v.append(MeetingsViolation(.dayAndTime, "meeting \(m.number) of platform \(m.platform) starts at \(m.start), not at one of the start times (\(settings.startTimes.map(\.description).joined(separator: ", ")))",
                                           meetings: [key(m)], date: m.date))
            }
        }
        return v
    }

    /// No meeting is on a date of `meetings.no_meetings`.
    static func checkClosedDates(_ meetings: [PlannedMeeting], settings: MeetingsSettings) -> [MeetingsViolation] {
        meetings.compactMap { m in
            guard let closed = settings.closure(of: m.date) else { return nil }
            let name = closed.name.map { " (\($0))" } ?? ""
            return MeetingsViolation(.closedDate, "meeting \(m.number) of platform \(m.platform) is on \(m.date), a closed date: \(closed.from) to \(closed.to)\(name)",
                                     meetings: [key(m)], date: m.date)
        }
    }

    // MARK: - people and venues

    /// No person attends two meetings on one day that overlap, or that leave less time between
    /// them than the travel from the first venue to the second.
    static func checkPeople(_ meetings: [PlannedMeeting], scenario: Scenario) -> [MeetingsViolation] {
        var v: [MeetingsViolation] = []
        var byPlatform: [String: [PlannedMeeting]] = [:]
        for m in meetings { byPlatform[m.platform, default: []].append(m) }
        var reported: Set<String> = []
        for person in scenario.participants {
            var mine: [PlannedMeeting] = []
            for p in Set(person.platforms) { mine += byPlatform[p] ?? [] }
            mine.sort { ($0.date, $0.start.minutes, $0.platform, $0.number) < ($1.date, $1.start.minutes, $1.platform, $1.number) }
            for (a, first) in mine.enumerated() {
                for second in mine[(a + 1)...] {
                    guard second.date == first.date else { break }
                    let problem: String
                    if second.start < first.end {
                        problem = "they overlap"
                    } else if first.venue == second.venue {
                        continue
                    } else if let t = scenario.minutes(from: first.venue, to: second.venue) {
                        let gap = Double(second.start.minutes - first.end.minutes)
                        guard t > gap + tolerance else { continue }
                        problem = "the trip from \(first.venue) to \(second.venue) takes \(minutesText(t)) minutes but there are \(minutesText(gap)) between them"
                    } else {
                        problem = "the travel time from \(first.venue) to \(second.venue) is not known"
                    }
                    let pair = [key(first), key(second)].sorted().joined(separator: "|") + "|" + person.person
                    guard reported.insert(pair).inserted else { continue }
                    v.append(MeetingsViolation(.person, "\(person.person) attends meeting \(first.number) of \(first.platform) (\(first.start)–\(first.end) at \(first.venue)) and meeting \(second.number) of \(second.platform) (\(second.start)–\(second.end) at \(second.venue)) on \(first.date): \(problem)",
                                               meetings: [key(first), key(second)], person: person.person, date: first.date))
                }
            }
        }
        return v
    }

    /// At no moment are more than `max_per_venue` meetings held at one organisation.
    static func checkVenueCapacity(_ meetings: [PlannedMeeting], settings: MeetingsSettings) -> [MeetingsViolation] {
        var v: [MeetingsViolation] = []
        var groups: [String: [PlannedMeeting]] = [:]
        for m in meetings { groups["\(m.venue)|\(m.date)", default: []].append(m) }
        for (_, group) in groups.sorted(by: { $0.key < $1.key }) where group.count > settings.maxPerVenue {
            // The most meetings running at once is reached at some meeting's start.
            for m in group {
                let running = group.filter { $0.start <= m.start && m.start < $0.end }
                guard running.count > settings.maxPerVenue, running.allSatisfy({ $0.start <= m.start }),
                      running.map(\.start).max() == m.start else { continue }
                let names = running.map { "meeting \($0.number) of \($0.platform) (\($0.start)–\($0.end))" }
                let violation = MeetingsViolation(.venueCapacity, "\(running.count) meetings at \(m.venue) at once on \(m.date) at \(m.start): \(names.joined(separator: ", ")); at most \(settings.maxPerVenue) may be held at one organisation at the same time",
                                                  meetings: running.map(key).sorted(), venue: m.venue, date: m.date)
                if !v.contains(where: { $0.meetings == violation.meetings }) { v.append(violation) }
            }
        }
        return v
    }

    /// Consecutive meetings of one platform (by date and time) are at least `min_days_between`
    /// days apart.
    static func checkSpacing(_ meetings: [PlannedMeeting], settings: MeetingsSettings) -> [MeetingsViolation] {
        var v: [MeetingsViolation] = []
        for (platform, mine) in Dictionary(grouping: meetings, by: \.platform).sorted(by: { $0.key < $1.key }) {
            let sorted = mine.sorted { ($0.date, $0.start.minutes, $0.number) < ($1.date, $1.start.minutes, $1.number) }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                let days = b.date.dayNumber - a.date.dayNumber
                if days < settings.minDaysBetween {
                    v.append(MeetingsViolation(.spacing, "meetings \(a.number) (\(a.date)) and \(b.number) (\(b.date)) of platform \(platform) are \(days) day\(days == 1 ? "" : "s") apart; at least \(settings.minDaysBetween) are needed",
                                               meetings: [key(a), key(b)], date: b.date))
                }
            }
        }
        return v
    }

    /// A `host` platform meets at its host; a `rotate` platform at member organisations (the
    /// organisations of its participants), never twice in a row at the same one.
    static func checkVenues(_ meetings: [PlannedMeeting], platforms: [String: Platform], scenario: Scenario) -> [MeetingsViolation] {
        var v: [MeetingsViolation] = []
        let attendance = attendance(scenario)
        for (id, mine) in Dictionary(grouping: meetings, by: \.platform).sorted(by: { $0.key < $1.key }) {
            let p = platforms[id]!
            switch p.venue {
            case .host:
                for m in mine where m.venue != p.host {
                    v.append(MeetingsViolation(.venue, "meeting \(m.number) of platform \(id) is at \(m.venue), but the platform meets at its host \(p.host)",
                                               meetings: [key(m)], venue: m.venue, date: m.date))
                }
            case .rotate:
                let members = Set((attendance[id] ?? []).map(\.school))
                for m in mine where !members.contains(m.venue) {
                    v.append(MeetingsViolation(.venue, "meeting \(m.number) of platform \(id) is at \(m.venue), which is not a member organisation (none of its participants works there)",
                                               meetings: [key(m)], venue: m.venue, date: m.date))
                }
                let sorted = mine.sorted { ($0.date, $0.start.minutes, $0.number) < ($1.date, $1.start.minutes, $1.number) }
                for (a, b) in zip(sorted, sorted.dropFirst()) where a.venue == b.venue {
                    v.append(MeetingsViolation(.venue, "meetings \(a.number) (\(a.date)) and \(b.number) (\(b.date)) of platform \(id) are both at \(a.venue), one after the other; a rotating platform never meets twice in a row at the same place",
                                               meetings: [key(a), key(b)], venue: a.venue, date: b.date))
                }
            }
        }
        return v
    }

    // MARK: - objective

    /// Σ over meetings of Σ over the platform's participants of the minutes from their
    /// organisation to the venue (unknown travel counts 0; the validator requires it).
    static func travelMinutes(_ meetings: [PlannedMeeting], scenario: Scenario) -> Double {
        let attendance = attendance(scenario)
        var total = 0.0
        for m in meetings {
            for person in attendance[m.platform] ?? [] { total += scenario.minutes(from: person.school, to: m.venue) ?? 0 }
        }
        return total
    }

    /// Σ over people of (their meetings − the distinct Monday-to-Sunday weeks they fall in).
    static func sameWeek(_ meetings: [PlannedMeeting], scenario: Scenario) -> Int {
        var weeks: [String: [Int]] = [:]
        for m in meetings { weeks[m.platform, default: []].append(m.date.weekStart) }
        var total = 0
        for person in scenario.participants {
            var all: [Int] = []
            for p in Set(person.platforms) { all += weeks[p] ?? [] }
            total += all.count - Set(all).count
        }
        return total
    }

    /// Minutes for a message: `12`, `12.5`.
    static func minutesText(_ m: Double) -> String {
        if m == m.rounded() && abs(m) < 1e12 { return String(Int(m)) }
        var s = String(Int((m * 100).rounded()))
        while s.count < 3 { s = "0" + s }
        var t = String(s.dropLast(2)) + "." + String(s.suffix(2))
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
