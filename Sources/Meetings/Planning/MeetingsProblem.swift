import SetkaModel

/// The year plan as the planner sees it: platforms, their meetings ("items") with the months
/// each must fall in and their order, who attends what, where each platform may meet and what
/// that costs in travel, and the blocks of months the year is planned in.
///
/// Meetings beyond a platform's month groups ("extras", any month September–June) are given
/// months before planning: the free months between the platform's groups with the most room
/// (months per extra meeting), else the longest of its groups within September–June. Every
/// meeting thus has a window of months and a place in its platform's order, and the year falls
/// into **blocks**: the smallest runs of months such that every window lies inside one block
/// (with the regulation's `9|11|1|3|5-6`, the blocks are September, November, January, March
/// and May–June).
struct MeetingsProblem: Sendable {
    struct Item: Sendable {
        var platform: Int
        /// The meeting's number (1-based), as in `plan.csv`.
        var number: Int
        /// School months (September = 0) it must fall in.
        var window: ClosedRange<Int>
        /// Its place in the platform's meetings by time (0-based).
        var rank: Int
        var block: Int
        /// Open days (indices into the calendar) within the window.
        var days: Range<Int>
    }

    struct Block: Sendable {
        var months: ClosedRange<Int>
        var items: [Int]
        var days: Range<Int>
    }

    /// People who attend exactly the same platforms, counted once.
    struct PersonSet: Sendable {
        var platforms: [Int]
        var people: [Int]
    }

    let scenario: Scenario
    let settings: MeetingsSettings
    let calendar: YearCalendar
    let platforms: [Platform]
    let participants: [Participant]
    /// Start times in minutes after midnight.
    let startTimes: [Int]
    /// Per participant: organisation index (nil when unknown).
    let participantSchool: [Int?]
    /// Per platform: indices of its participants.
    let attendees: [[Int]]
    /// Per platform: member organisations (schools of participants) in order of first appearance.
    let members: [[Int]]
    /// Per platform: where it may meet (organisation indices) and the travel cost of each.
    let venueOptions: [[Int]]
    let venueCost: [[Double]]
    let items: [Item]
    /// Per platform: its items in time order (rank).
    let itemsOfPlatform: [[Int]]
    let blocks: [Block]
    let personSets: [PersonSet]
    /// Per platform: the platforms that share at least one person with it.
    let sharesPeople: [Set<Int>]

    init(scenario: Scenario, settings: MeetingsSettings) {
        self.scenario = scenario
        self.settings = settings
        let calendar = YearCalendar(settings)
        self.calendar = calendar
        platforms = scenario.platforms
        participants = scenario.participants
        startTimes = settings.startTimes.map(\.minutes)
        var platformIndex: [String: Int] = [:]
        for (i, p) in platforms.enumerated() where platformIndex[p.id] == nil { platformIndex[p.id] = i }

        // Who attends what, members, person sets.
        let school = participants.map { scenario.organisationIndex[$0.school] }
        participantSchool = school
        var attendees = [[Int]](repeating: [], count: platforms.count)
        var members = [[Int]](repeating: [], count: platforms.count)
        var memberSeen = [Set<Int>](repeating: [], count: platforms.count)
        var setIndex: [[Int]: Int] = [:]
        var sets: [PersonSet] = []
        for (x, person) in participants.enumerated() {
            var mine: [Int] = []
            for id in person.platforms {
                guard let p = platformIndex[id] else { continue }
                mine.append(p)
                attendees[p].append(x)
                if let s = school[x], memberSeen[p].insert(s).inserted { members[p].append(s) }
            }
            mine = Array(Set(mine)).sorted()
            guard !mine.isEmpty else { continue }
            if let k = setIndex[mine] { sets[k].people.append(x) } else {
                setIndex[mine] = sets.count
                sets.append(PersonSet(platforms: mine, people: [x]))
            }
        }
        self.attendees = attendees
        self.members = members
        personSets = sets
        var shares = [Set<Int>](repeating: [], count: platforms.count)
        for s in sets where s.platforms.count > 1 {
            for p in s.platforms { shares[p].formUnion(s.platforms) }
        }
        for p in platforms.indices { shares[p].remove(p) }
        sharesPeople = shares

        // Venues and their travel cost (Σ over attendees of travel from their school).
        var options: [[Int]] = [], costs: [[Double]] = []
        for (p, platform) in platforms.enumerated() {
            let venues: [Int]
            if platform.venue == .host {
                venues = scenario.organisationIndex[platform.host].map { [$0] } ?? []
            } else {
                venues = members[p]
            }
            options.append(venues)
            costs.append(venues.map { v in
                attendees[p].reduce(0.0) { sum, x in
                    guard let s = school[x] else { return sum }
                    return sum + (s == v ? 0 : scenario.travel.minutes(s, v) ?? 0)
                }
            })
        }
        venueOptions = options
        venueCost = costs

        // Items: grouped meetings, then extras given the freest months.
        var items: [Item] = []
        var itemsOfPlatform = [[Int]](repeating: [], count: platforms.count)
        for (p, platform) in platforms.enumerated() {
            let grouped = min(platform.meetings, platform.months.count)
            var windows: [(number: Int, window: ClosedRange<Int>)] = []
            for k in 0..<grouped { windows.append((k + 1, platform.months[k].schoolIndices)) }
            let extras = platform.meetings - grouped
            if extras > 0 {
                let chosen = Self.extraWindows(count: extras, groups: windows.map(\.window))
                for (e, w) in chosen.enumerated() { windows.append((grouped + e + 1, w)) }
            }
            windows.sort { ($0.window.lowerBound, $0.window.upperBound, $0.number) < ($1.window.lowerBound, $1.window.upperBound, $1.number) }
            for (rank, w) in windows.enumerated() {
                itemsOfPlatform[p].append(items.count)
                items.append(Item(platform: p, number: w.number, window: w.window, rank: rank, block: -1,
                                  days: calendar.days(inSchoolMonths: w.window)))
            }
        }

        // Blocks: merge overlapping windows.
        var windows = items.map(\.window).sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for w in windows {
            if let last = merged.last, w.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, w.upperBound)
            } else {
                merged.append(w)
            }
        }
        windows = []
        var blocks = merged.map { Block(months: $0, items: [], days: calendar.days(inSchoolMonths: $0)) }
        for i in items.indices {
            let b = blocks.firstIndex { $0.months.contains(items[i].window.lowerBound) }!
            items[i].block = b
            blocks[b].items.append(i)
        }
        self.items = items
        self.itemsOfPlatform = itemsOfPlatform
        self.blocks = blocks
    }

    /// Windows for `count` meetings beyond the month groups: each goes to the run of free school
    /// months (September–June, not in any group) with the most months per meeting already there
    /// (earlier runs first on ties); with no free month, to the longest group.
    static func extraWindows(count: Int, groups: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var covered = [Bool](repeating: false, count: 10)
        for g in groups { for m in g where m < 10 { covered[m] = true } }
        var gaps: [ClosedRange<Int>] = []
        var m = 0
        while m < 10 {
            if covered[m] { m += 1; continue }
            let start = m
            while m < 10 && !covered[m] { m += 1 }
            gaps.append(start...(m - 1))
        }
        if gaps.isEmpty {
            // Every month September–June is some group's: the longest group within them.
            let longest = groups.filter { $0.upperBound <= 9 }.max { $0.count < $1.count } ?? (0...9)
            return Array(repeating: longest, count: count)
        }
        var used = [Int](repeating: 0, count: gaps.count)
        var out: [ClosedRange<Int>] = []
        for _ in 0..<count {
            var best = 0
            for g in gaps.indices {
                let room = Double(gaps[g].count) / Double(used[g] + 1)
                let bestRoom = Double(gaps[best].count) / Double(used[best] + 1)
                if room > bestRoom + 1e-12 { best = g }
            }
            used[best] += 1
            out.append(gaps[best])
        }
        return out
    }

    /// Travel minutes between two organisations; nil when unknown (treated as unreachable
    /// within a day).
    func travel(_ a: Int, _ b: Int) -> Double? { a == b ? 0 : scenario.travel.minutes(a, b) }

    /// The months of an item as a group (for reports).
    func monthGroup(of item: Item) -> MonthGroup {
        MonthGroup(first: MonthGroup.month(atSchoolIndex: item.window.lowerBound),
                   last: MonthGroup.month(atSchoolIndex: item.window.upperBound))!
    }

    func monthGroup(of block: Block) -> MonthGroup {
        MonthGroup(first: MonthGroup.month(atSchoolIndex: block.months.lowerBound),
                   last: MonthGroup.month(atSchoolIndex: block.months.upperBound))!
    }

    /// Start-time indices at which a meeting of `p` ends by midnight.
    func startIndices(of p: Int) -> [Int] {
        startTimes.indices.filter { startTimes[$0] + platforms[p].durationMinutes <= 24 * 60 }
    }

    /// People attending both platforms, sorted by id.
    func sharedPeople(_ p: Int, _ q: Int) -> [String] {
        let a = Set(attendees[p])
        return attendees[q].filter { a.contains($0) }.map { participants[$0].person }.sorted()
    }
}
