import SetkaModel

/// One meeting of the year plan: a row of `plan.csv`.
public struct PlannedMeeting: Sendable, Hashable, Codable {
    public var platform: String
    /// 1-based; meeting k ≤ (number of month groups) falls in group k.
    public var number: Int
    public var date: LocalDate
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// The organisation it is held at.
    public var venue: String

    public init(platform: String, number: Int, date: LocalDate, start: TimeOfDay, end: TimeOfDay, venue: String) {
        self.platform = platform; self.number = number; self.date = date; self.start = start; self.end = end
        self.venue = venue
    }
}

/// What a plan proves about itself.
public enum MeetingsStatus: String, Sendable, Codable {
    /// Every meeting planned; travel equals its lower bound and the same-week count equals its
    /// lower bound: no plan is better.
    case optimal
    /// Every meeting planned, every rule kept; the bounds leave a gap (see the plan's figures).
    case bounded
    /// Some meetings could not be planned (see `unplaced` and `infeasibleMonths`); the rest keep
    /// every rule.
    case partial
}

/// People two platforms share: who would be expected in two places at once.
public struct SharedPeople: Sendable, Hashable, Codable {
    public var platform: String
    /// Pseudonymous person ids (all of them), sorted.
    public var people: [String]
    /// How many of the meeting's possible days and times a meeting of this platform takes.
    public var options: Int

    public init(platform: String, people: [String], options: Int) {
        self.platform = platform; self.people = people; self.options = options
    }
}

/// Why one meeting is not in the plan.
public enum UnplacedReason: Sendable, Hashable, Codable {
    /// Its months have no open day: every allowed weekday is a closed date (or there is none).
    case noOpenDay
    /// At every start time the meeting would end after midnight.
    case noStartTime
    /// A `rotate` platform with no member organisation to meet at (nobody attends it), or only
    /// one, where the previous meeting already was.
    case noVenue(members: Int)
    /// `min_days_between`: the neighbouring meetings of the same platform leave no open day.
    case spacing(previous: LocalDate?, next: LocalDate?, minDays: Int)
    /// Every possible day and time is taken.
    case clash(Clash)

    /// The possible days and times of a meeting and what takes each of them.
    public struct Clash: Sendable, Hashable, Codable {
        /// Open days × start times (× venues for `rotate`) in its months.
        public var options: Int
        /// Platforms sharing people with it whose meetings take some of those options.
        public var platforms: [SharedPeople]
        /// Organisations already holding `max_per_venue` meetings at those times.
        public var fullVenues: [String]
        /// Options ruled out by `min_days_between` or the rotation (other meetings of the same platform).
        public var ownMeetings: Int

        public init(options: Int, platforms: [SharedPeople], fullVenues: [String], ownMeetings: Int) {
            self.options = options; self.platforms = platforms; self.fullVenues = fullVenues; self.ownMeetings = ownMeetings
        }
    }
}

/// A meeting that is not in the plan, and why.
public struct UnplacedMeeting: Sendable, Hashable, Codable {
    public var platform: String
    public var number: Int
    /// The months it had to fall in.
    public var months: MonthGroup
    public var reason: UnplacedReason

    public init(platform: String, number: Int, months: MonthGroup, reason: UnplacedReason) {
        self.platform = platform; self.number = number; self.months = months; self.reason = reason
    }
}

/// Why not every meeting of some months can be planned: a proof when Setka has one.
public enum MonthsProof: Sendable, Hashable, Codable {
    /// A person attends platforms whose meetings all fall in these months, more than the
    /// months' open days and start times can hold without overlap.
    case person(person: String, platforms: [String], meetings: Int, times: Int)
    /// Platforms that all meet at one organisation in these months need more times than it can
    /// hold (`max_per_venue` at once).
    case venue(venue: String, platforms: [String], meetings: Int, times: Int)
    /// GLPK proved that at most `placeable` of the months' `meetings` fit together, even with
    /// the rest of the year left free.
    case solver(placeable: Int, meetings: Int)
    /// No proof: the meetings of these months fit on their own, but not after the months before
    /// them were planned (Setka plans the year month block by month block).
    case notProven
}

/// The months of the year where not every meeting could be planned.
public struct MonthsInfeasibility: Sendable, Hashable, Codable {
    public var months: MonthGroup
    public var unplaced: Int
    public var meetings: Int
    public var proof: MonthsProof

    public init(months: MonthGroup, unplaced: Int, meetings: Int, proof: MonthsProof) {
        self.months = months; self.unplaced = unplaced; self.meetings = meetings; self.proof = proof
    }
}

/// How one block of months was solved, and what is proven about it.
public struct StageReport: Sendable, Hashable, Codable {
    /// How the block's meetings were chosen.
    public enum Method: String, Sendable, Codable {
        /// The greedy construction reached 0 meetings sharing a week: nothing to improve.
        case greedy
        /// The greedy's plan improved by the week search (`WeekSearch`).
        case weekSearch = "week-search"
        /// GLPK's branch-and-bound on the block, proven optimal.
        case mip
        /// GLPK on the block ran out of time: its best plan.
        case mipTimeLimit = "mip-time-limit"
        /// The greedy's plan; GLPK found nothing better in time.
        case greedyOnly = "greedy-only"
    }
    /// Where the block's lower bound comes from.
    public enum BoundMethod: String, Sendable, Codable {
        /// People with more meetings in the block than its weeks (nothing more needed).
        case counting
        /// GLPK proved the week relaxation's optimum.
        case relaxation
        /// GLPK's bound on the week relaxation when its time ran out.
        case relaxationTimeLimit = "relaxation-time-limit"
    }
    public var months: MonthGroup
    public var meetings: Int
    public var placed: Int
    public var method: Method
    /// Rotating platforms had to leave their cheapest places (travel above its bound).
    public var venuesWidened: Bool
    /// The week search was cut short by the time limit (or Ctrl-C) before its fixed number of
    /// steps: the plan may then differ from run to run.
    public var searchCut: Bool = false
    /// Meetings sharing a person's week, counting this block's meetings only.
    public var sameWeek: Int
    /// A lower bound on that over every full plan; nil for a block with meetings left out.
    public var lowerBound: Int?
    public var boundMethod: BoundMethod?
    /// Size of the largest model GLPK solved for the block (0: none).
    public var variables: Int
    public var constraints: Int
    public var seconds: Double
    public var boundSeconds: Double
}

/// The year plan with its proof: what `MeetingsPlanner.plan` returns.
public struct MeetingsPlan: Sendable, Codable {
    public var scenario: String
    public var schoolYear: Int
    /// In date order (then start, then platform id).
    public var meetings: [PlannedMeeting]
    public var unplaced: [UnplacedMeeting]
    public var infeasibleMonths: [MonthsInfeasibility]
    public var status: MeetingsStatus
    /// Σ over meetings and their participants of travel minutes from the person's organisation
    /// to the venue (one way).
    public var travelMinutes: Double
    /// A lower bound on `travelMinutes` over every full plan.
    public var travelBound: Double
    /// Σ over people of (their meetings − the weeks they fall in): 0 when everybody's meetings
    /// are in different weeks.
    public var sameWeek: Int
    /// A lower bound on `sameWeek` over every full plan with the least travel (the objective is
    /// lexicographic) when `travelMinutes` equals `travelBound`; over every full plan otherwise.
    public var sameWeekBound: Int
    public var stages: [StageReport]
    public var seconds: Double

    /// Every meeting of every platform is planned.
    public var isComplete: Bool { unplaced.isEmpty }

    /// `(travel − bound) / travel`, 0 when equal; nil for a partial plan.
    public var travelGap: Double? {
        guard status != .partial else { return nil }
        return travelMinutes <= travelBound + 1e-9 * max(1, travelBound) ? 0 : (travelMinutes - travelBound) / max(travelMinutes, 1e-9)
    }

    /// `sameWeek − bound` (a count); nil for a partial plan.
    public var sameWeekGap: Int? { status == .partial ? nil : max(0, sameWeek - sameWeekBound) }
}
