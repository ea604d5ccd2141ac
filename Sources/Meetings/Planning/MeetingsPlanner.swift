import Foundation
import LinearProgramming
import SetkaModel

/// Options of a year plan.
public struct MeetingsOptions: Sendable {
    /// Seconds for the whole plan (stages and bounds); each step gets its share.
    public var timeLimit: Double
    /// Seconds at most for one block's MIP.
    public var stageTimeLimit: Double
    /// Seconds at most for one block's relaxation (lower bounds and proofs); they all end by
    /// `timeLimit` anyway.
    public var boundTimeLimit: Double
    /// Asked now and then (Ctrl-C): when true, every block is still planned (greedily, quickly)
    /// but GLPK and the searches stop, so bounds may be weaker.
    public var shouldStop: (@Sendable () -> Bool)?

    public init(timeLimit: Double = 60, stageTimeLimit: Double = 20, boundTimeLimit: Double = 60,
                shouldStop: (@Sendable () -> Bool)? = nil) {
        self.timeLimit = timeLimit; self.stageTimeLimit = stageTimeLimit; self.boundTimeLimit = boundTimeLimit
        self.shouldStop = shouldStop
    }

    /// Whether a stop was asked for.
    var stopped: Bool { shouldStop?() ?? false }
}

/// What the planner is doing, for a progress line.
public struct MeetingsProgress: Sendable {
    public enum Phase: String, Sendable { case stage, bound, proof }
    public var phase: Phase
    public var seconds: Double
    /// 1-based block number and the number of blocks.
    public var block: Int
    public var blocks: Int
    public var months: MonthGroup
    public var meetings: Int
    public var placed: Int
}

/// Why a plan could not be made at all (not: why some meetings do not fit).
public enum MeetingsError: Error, Sendable, CustomStringConvertible {
    /// The scenario has no `meetings:` settings.
    case noSettings
    case solver(LinearProgrammingError)

    public var description: String {
        switch self {
        case .noSettings: return "scenario.yaml has no 'meetings:' settings (at least meetings.school_year), so there is no year to plan"
        case .solver(let e): return "the solver failed: \(e)"
        }
    }
}

/// Plans the year's network meetings for a whole district at once.
///
/// **Why a decomposition.** The exact model (a binary per meeting × open day × start time ×
/// venue, overlap and travel rows per group of people, a same-week term per group and week) is
/// too much for GLPK even one month at a time: on the benchmark city (40 platforms, 1,000
/// participants) September alone is 2,690 variables and 11,032 rows, and branch-and-bound ran
/// out of 7 s with a worse plan than a greedy and a bound of 0 (the same-week part is a
/// colouring problem: its LP relaxation spreads every meeting evenly over the weeks). So:
///
/// 1. **Venues first.** A meeting's travel cost depends on its venue only, so each platform's
///    cheapest venue sequence (`VenuePlanner`, exact dynamic programming) is a lower bound on
///    total travel; the blocks keep to it and so reach the bound whenever the dates allow it.
/// 2. **Blocks of months.** Every meeting has a window of months, and the year falls into blocks
///    no window crosses (with the regulation's groups: September, November, January, March,
///    May–June). Blocks share no day; what links them (`min_days_between` to the previous
///    meeting of a platform, its venue for `rotate`, people's weeks across a month boundary) is
///    fixed from the blocks already planned, and a block leaves room for the next meeting.
/// 3. **Each block on the level of weeks.** The same-week count depends only on the week of each
///    meeting, and the hard rules inside a block only link meetings on one day: a greedy
///    construction (`StageGreedy`) places the block, and simulated annealing over weeks
///    (`WeekSearch`, each week re-packed exactly onto days and times) improves it; a block the
///    greedy cannot place goes to GLPK whole (`StageMIP`). If the cheapest venues cannot
///    fit, rotating platforms may move (least travel, then fewest same-week pairs); if nothing
///    fits, as many meetings as possible are placed and the rest explained (`UnplacedExplainer`).
/// 4. **Bounds from relaxations.** The same-week count adds up over blocks (a person's meetings
///    in a week that spans two blocks count at least what each block counts alone), so the sum of
///    per-block lower bounds bounds every full plan: a counting argument, and where the plan is
///    above it, GLPK on the block's week relaxation (`WeekMaster`: a binary per meeting and week,
///    the weeks nothing tells apart made interchangeable and their symmetry broken), two blocks
///    at a time, the easiest first, in the time left. Travel and same-week count equal to their
///    bounds: proven optimal; otherwise the plan is reported with both bounds.
public enum MeetingsPlanner {
    public static func plan(_ scenario: Scenario, options: MeetingsOptions = MeetingsOptions(),
                            progress: (@Sendable (MeetingsProgress) -> Void)? = nil) throws(MeetingsError) -> MeetingsPlan {
        guard let settings = scenario.meetings else { throw .noSettings }
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double { seconds(clock.now - started) }
        func remaining() -> Double { max(0.05, options.timeLimit - elapsed()) }

        let problem = MeetingsProblem(scenario: scenario, settings: settings)
        var placed = [Placement?](repeating: nil, count: problem.items.count)
        var stages: [StageReport] = []
        let blockCount = problem.blocks.count

        for b in problem.blocks.indices {
            let share = remaining() / Double(blockCount - b)
            let report = try solveStage(problem, block: b, placed: &placed,
                                        timeLimit: options.stopped ? 0.05 : min(options.stageTimeLimit, share),
                                        searchDeadline: started + .seconds(options.timeLimit), shouldStop: options.shouldStop)
            stages.append(report)
            progress?(MeetingsProgress(phase: .stage, seconds: elapsed(), block: b + 1, blocks: blockCount,
                                       months: report.months, meetings: report.meetings, placed: report.placed))
        }

        // Travel: the value and its bound over every full plan.
        var travelBound = 0.0
        for p in problem.platforms.indices {
            let n = problem.itemsOfPlatform[p].count
            if problem.platforms[p].venue == .host {
                travelBound += (problem.venueCost[p].first ?? 0) * Double(n)
            } else if let best = VenuePlanner.cheapest(costs: problem.venueCost[p], length: n) {
                travelBound += best.cost
            }
        }
        var travel = 0.0
        for (i, at) in placed.enumerated() {
            guard let at else { continue }
            travel += problem.cost(platform: problem.items[i].platform, venue: at.venue)
        }

        // Same-week count and its bound: per block, the counting bound, and where the plan is
        // above it, GLPK on the block's week relaxation (two blocks at a time).
        let sameWeek = problem.sameWeekCount(placed)
        let complete = placed.allSatisfy { $0 != nil }
        for b in problem.blocks.indices { stages[b].sameWeek = problem.sameWeekCount(placed, onlyBlock: b) }
        if complete {
            for b in problem.blocks.indices {
                stages[b].lowerBound = problem.countingBound(block: b)
                stages[b].boundMethod = .counting
            }
            // Easiest first (fewest weeks, then fewest meetings): they are often proven in a
            // moment and leave the time to the hard ones; each job takes its fair share of the
            // time left.
            let open = problem.blocks.indices.filter { stages[$0].sameWeek > stages[$0].lowerBound! }.sorted { a, b in
                let wa = problem.weeks(of: a), wb = problem.weeks(of: b)
                return (wa, problem.blocks[a].items.count, a) < (wb, problem.blocks[b].items.count, b)
            }
            let deadline = clock.now + .seconds(remaining())
            let final = placed
            // With travel at its bound, the same-week count matters among plans with the least
            // travel only: rotating platforms then keep to their cheapest venue sequences, which
            // the relaxation may assume (a tighter bound). Otherwise every full plan counts.
            let leastTravel = travel <= travelBound + 1e-9 * max(1, travelBound)
            let proven = BoundJobs.run(open.map { b in
                { @Sendable (waiting: Int) -> Result<RelaxedBound?, MeetingsError> in
                    let left = MeetingsPlanner.seconds(deadline - ContinuousClock().now)
                    guard left > 0.05 else { return .success(nil) }
                    let share = left * Double(BoundJobs.threads) / Double(max(waiting, BoundJobs.threads))
                    guard !options.stopped else { return .success(nil) }
                    return Result { () throws(MeetingsError) -> RelaxedBound? in
                        try relaxedBound(problem, block: b, placed: final, leastTravel: leastTravel,
                                         timeLimit: min(options.boundTimeLimit, share), shouldStop: options.shouldStop)
                    }
                }
            })
            for (b, result) in zip(open, proven) {
                switch result {
                case .failure(let error): throw error
                case .success(let r?):
                    stages[b].boundSeconds = r.seconds
                    stages[b].variables = max(stages[b].variables, r.variables)
                    stages[b].constraints = max(stages[b].constraints, r.constraints)
                    if r.bound > stages[b].lowerBound! {
                        stages[b].lowerBound = min(r.bound, stages[b].sameWeek)
                        stages[b].boundMethod = r.proven ? .relaxation : .relaxationTimeLimit
                    }
                case .success(nil): break
                }
                progress?(MeetingsProgress(phase: .bound, seconds: elapsed(), block: b + 1, blocks: blockCount,
                                           months: problem.monthGroup(of: problem.blocks[b]),
                                           meetings: problem.blocks[b].items.count, placed: problem.blocks[b].items.count))
            }
        }
        let sameWeekBound = complete ? stages.reduce(0) { $0 + ($1.lowerBound ?? 0) } : 0

        // What is missing, and why.
        var unplaced: [UnplacedMeeting] = []
        var infeasible: [MonthsInfeasibility] = []
        if !complete {
            let explainer = UnplacedExplainer(problem: problem, placed: placed)
            for (i, at) in placed.enumerated() where at == nil {
                let item = problem.items[i]
                unplaced.append(UnplacedMeeting(platform: problem.platforms[item.platform].id, number: item.number,
                                                months: problem.monthGroup(of: item), reason: explainer.reason(i)))
            }
            for b in problem.blocks.indices {
                let missing = problem.blocks[b].items.filter { placed[$0] == nil }.count
                guard missing > 0 else { continue }
                let limit = options.stopped ? 0.05 : min(options.boundTimeLimit, remaining())
                let proof = try explainer.proof(block: b, timeLimit: limit)
                progress?(MeetingsProgress(phase: .proof, seconds: elapsed(), block: b + 1, blocks: blockCount,
                                           months: problem.monthGroup(of: problem.blocks[b]),
                                           meetings: problem.blocks[b].items.count, placed: problem.blocks[b].items.count - missing))
                infeasible.append(MonthsInfeasibility(months: problem.monthGroup(of: problem.blocks[b]), unplaced: missing,
                                                      meetings: problem.blocks[b].items.count, proof: proof))
            }
            unplaced.sort { ($0.platform, $0.number) < ($1.platform, $1.number) }
        }

        let status: MeetingsStatus
        if !complete {
            status = .partial
        } else if travel <= travelBound + 1e-9 * max(1, travelBound), sameWeek <= sameWeekBound {
            status = .optimal
        } else {
            status = .bounded
        }
        return MeetingsPlan(scenario: scenario.name, schoolYear: settings.schoolYear, meetings: problem.meetings(placed),
                            unplaced: unplaced, infeasibleMonths: infeasible, status: status, travelMinutes: travel,
                            travelBound: travelBound, sameWeek: sameWeek, sameWeekBound: sameWeekBound,
                            stages: stages, seconds: elapsed())
    }

    // MARK: - one block

    /// Plans block `b` into `placed`: cheapest venues first (the greedy, then the week search, or
    /// GLPK when the greedy leaves meetings out), any member venue if those cannot fit, and as
    /// many meetings as possible if nothing fits. The week search runs a fixed number of steps
    /// (the same plan on any machine) and stops early only at `searchDeadline`, the end of the
    /// whole plan's time, or when asked to stop.
    static func solveStage(_ problem: MeetingsProblem, block b: Int, placed: inout [Placement?],
                           timeLimit: Double, searchDeadline: ContinuousClock.Instant, seed: UInt64 = 1,
                           shouldStop: (@Sendable () -> Bool)? = nil) throws(MeetingsError) -> StageReport {
        let clock = ContinuousClock()
        let started = clock.now
        func left() -> Double { max(0.05, timeLimit - seconds(clock.now - started)) }
        let months = problem.monthGroup(of: problem.blocks[b])
        var report = StageReport(months: months, meetings: problem.blocks[b].items.count, placed: 0, method: .greedy,
                                 venuesWidened: false, sameWeek: 0, lowerBound: nil, boundMethod: nil, variables: 0,
                                 constraints: 0, seconds: 0, boundSeconds: 0)
        func finish(_ stage: StageProblem, _ choice: [Int?]) -> StageReport {
            for (k, c) in choice.enumerated() {
                if let c { placed[stage.items[k]] = stage.candidates[c].placement }
            }
            report.placed = choice.compactMap { $0 }.count
            report.seconds = seconds(clock.now - started)
            return report
        }
        func mip(_ stage: StageProblem, _ objective: StageMIP.Objective, _ initial: [Int?]?,
                 limit: Double = .infinity) throws(MeetingsError) -> StageMIP.Result {
            do {
                let r = try StageMIP.solve(stage, objective: objective, initial: initial, timeLimit: min(limit, left()),
                                           shouldStop: shouldStop)
                report.variables = max(report.variables, r.variables)
                report.constraints = max(report.constraints, r.constraints)
                return r
            } catch { throw .solver(error) }
        }

        // 1. The cheapest venues.
        let cheapest = StageProblem(problem, block: b, placed: placed, mode: .cheapest)
        let greedy = StageGreedy.solve(cheapest)
        let greedyComplete = greedy.allSatisfy { $0 != nil }
        if greedyComplete, cheapest.evaluate(greedy).sameWeek == 0 {
            return finish(cheapest, greedy)
        }
        if greedyComplete, var search = WeekSearch(cheapest, initial: greedy) {
            report.searchCut = !search.run(steps: max(60_000, 3000 * cheapest.items.count), target: 0, seed: seed,
                                           deadline: searchDeadline, shouldStop: shouldStop)
            report.method = .weekSearch
            return finish(cheapest, search.choice)
        }
        let first = try mip(cheapest, .sameWeek, greedyComplete ? greedy : nil)
        if let choice = first.choice {
            report.method = first.proven ? .mip : .mipTimeLimit
            let better = !greedyComplete || cheapest.evaluate(choice).sameWeek <= cheapest.evaluate(greedy).sameWeek
            if !better { report.method = .greedyOnly }
            return finish(cheapest, better ? choice : greedy)
        }
        if greedyComplete {
            report.method = .greedyOnly
            return finish(cheapest, greedy)
        }

        // 2. Any member venue for rotating platforms: least travel, then fewest same-week pairs.
        report.venuesWidened = true
        let any = StageProblem(problem, block: b, placed: placed, mode: .any)
        let greedyAny = StageGreedy.solve(any)
        let anyComplete = greedyAny.allSatisfy { $0 != nil }
        let hasRotate = problem.blocks[b].items.contains { problem.platforms[problem.items[$0].platform].venue == .rotate }
        if hasRotate || anyComplete {
            let byTravel = try mip(any, .travel, anyComplete ? greedyAny : nil)
            if let choice = byTravel.choice {
                let cap = any.evaluate(choice).travel
                let spread = try mip(any, .sameWeekWithTravelAtMost(cap), choice)
                let final = spread.choice ?? choice
                report.method = byTravel.proven && spread.proven ? .mip : .mipTimeLimit
                return finish(any, final)
            }
            if anyComplete {
                report.method = .greedyOnly
                return finish(any, greedyAny)
            }
        }

        // 3. Not everything fits: as many meetings as possible, then least travel.
        let most = try mip(any, .mostPlaced, greedyAny)
        var choice = most.choice ?? greedyAny
        let count = choice.compactMap { $0 }.count
        if count > 0 {
            let cheaper = try mip(any, .travelWithPlacedAtLeast(count), choice)
            if let c = cheaper.choice, c.compactMap({ $0 }).count >= count { choice = c }
        }
        report.method = most.proven ? .mip : .mipTimeLimit
        return finish(any, choice)
    }

    /// What GLPK proved on a block's week relaxation.
    struct RelaxedBound: Sendable {
        var bound: Int
        var proven: Bool
        var seconds: Double
        var variables: Int
        var constraints: Int
    }

    /// A lower bound on the same-week count block `b` adds to any full plan (with `leastTravel`:
    /// to any full plan with the least travel): GLPK on the block's week relaxation
    /// (`WeekMaster` over the block without links to other blocks; rotating platforms without
    /// venues, or with `leastTravel` at the venues of their cheapest sequences), started from
    /// the plan's own weeks. Nil when GLPK proves nothing in time.
    static func relaxedBound(_ problem: MeetingsProblem, block b: Int, placed: [Placement?], leastTravel: Bool,
                             timeLimit: Double, shouldStop: (@Sendable () -> Bool)? = nil) throws(MeetingsError) -> RelaxedBound? {
        let stage = StageProblem(problem, block: b, placed: placed, mode: leastTravel ? .relaxedCheapest : .relaxed)
        let master = WeekMaster(stage, groups: stage.personGroups, perDayCapacity: { items in
            let shortest = items.map { problem.platforms[problem.items[stage.items[$0]].platform].durationMinutes }.min() ?? 1
            return UnplacedExplainer.perDay(starts: problem.startTimes, duration: shortest)
        }, venueCapacity: problem.settings.maxPerVenue)
        let initial = stage.items.map { i -> Int in
            guard let at = placed[i] else { return -1 }
            return master.weeks.firstIndex(of: problem.calendar.days[at.day].weekStart) ?? -1
        }
        let result: WeekMaster.Result
        do {
            result = try master.solve(timeLimit: timeLimit, initial: initial.contains(-1) ? nil : initial, shouldStop: shouldStop)
        } catch { throw .solver(error) }
        guard let bound = result.bound else { return nil }
        return RelaxedBound(bound: Int((bound - 1e-6).rounded(.up)), proven: result.proven, seconds: result.seconds,
                            variables: master.model.variableCount, constraints: master.model.constraintCount)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

extension MeetingsProblem {
    /// Travel minutes of one meeting of platform `p` at organisation `venue`.
    func cost(platform p: Int, venue: Int) -> Double {
        if let o = venueOptions[p].firstIndex(of: venue) { return venueCost[p][o] }
        return attendees[p].reduce(0.0) { sum, x in
            guard let s = participantSchool[x] else { return sum }
            return sum + (travel(s, venue) ?? 0)
        }
    }

    /// Σ over people of (their meetings − the weeks they fall in), over the whole plan or the
    /// meetings of one block only.
    func sameWeekCount(_ placed: [Placement?], onlyBlock: Int? = nil) -> Int {
        var weeksOf = [[Int]](repeating: [], count: platforms.count)
        for (i, at) in placed.enumerated() {
            guard let at, onlyBlock == nil || items[i].block == onlyBlock else { continue }
            weeksOf[items[i].platform].append(calendar.days[at.day].weekStart)
        }
        var total = 0
        for set in personSets {
            var count: [Int: Int] = [:]
            for p in set.platforms { for w in weeksOf[p] { count[w, default: 0] += 1 } }
            let extra = count.values.reduce(0) { $0 + $1 - 1 }
            total += extra * set.people.count
        }
        return total
    }

    /// Weeks with an open day in block `b`.
    func weeks(of b: Int) -> Int { Set(calendar.days[blocks[b].days].map(\.weekStart)).count }

    /// The counting bound of block `b` alone: a group of people with n meetings in the block
    /// whose windows offer W weeks has at least n − W meetings sharing a week.
    func countingBound(block b: Int) -> Int {
        var total = 0
        var itemsOf: [Int: [Int]] = [:]
        for i in blocks[b].items { itemsOf[items[i].platform, default: []].append(i) }
        for set in personSets {
            var n = 0
            var weeks: Set<Int> = []
            for p in set.platforms {
                for i in itemsOf[p] ?? [] {
                    n += 1
                    for d in items[i].days { weeks.insert(calendar.days[d].weekStart) }
                }
            }
            total += max(0, n - weeks.count) * set.people.count
        }
        return total
    }

    /// The plan's meetings in date order (then start, then platform id).
    func meetings(_ placed: [Placement?]) -> [PlannedMeeting] {
        var out: [PlannedMeeting] = []
        for (i, at) in placed.enumerated() {
            guard let at else { continue }
            let item = items[i]
            let p = platforms[item.platform]
            let start = startTimes[at.start]
            out.append(PlannedMeeting(platform: p.id, number: item.number, date: calendar.days[at.day].date,
                                      start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: start + p.durationMinutes),
                                      venue: scenario.organisations[at.venue].id))
        }
        out.sort { ($0.date, $0.start, $0.platform, $0.number) < ($1.date, $1.start, $1.platform, $1.number) }
        return out
    }
}
