import SetkaModel

/// One broken rule in a year plan, in plain words.
///
/// `rule` names the hard rule of "Year plan of network meetings" in `scenario-format.md` (or
/// `structure` when the plan does not fit the scenario at all); `message` says it for a person
/// and names the platforms, meetings, dates, people and organisations involved.
public struct MeetingsViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        /// The plan names a platform, meeting or organisation the scenario does not have, repeats
        /// a meeting, leaves one out without saying so, or gives a wrong end time.
        case structure
        /// Each meeting in its month group (meetings beyond the groups: September–June).
        case months
        /// On an allowed weekday, at an allowed start time.
        case dayAndTime = "day-and-time"
        /// Not on a closed date.
        case closedDate = "closed-date"
        /// No person has two meetings that overlap, counting travel from one venue to the next.
        case person
        /// At most `max_per_venue` meetings at one organisation at once.
        case venueCapacity = "venue-capacity"
        /// Meetings of one platform at least `min_days_between` days apart.
        case spacing
        /// `host` at the host; `rotate` at member organisations, never twice in a row at the same.
        case venue

        public var title: String {
            switch self {
            case .structure: "structure"
            case .months: "month group"
            case .dayAndTime: "weekday and start time"
            case .closedDate: "closed date"
            case .person: "person in two places"
            case .venueCapacity: "venue capacity"
            case .spacing: "days between meetings"
            case .venue: "venue"
            }
        }
    }

    public var rule: Rule
    public var message: String
    /// `platform#number` of the meetings involved.
    public var meetings: [String]
    public var person: String?
    public var venue: String?
    public var date: LocalDate?

    public init(_ rule: Rule, _ message: String, meetings: [String] = [], person: String? = nil,
                venue: String? = nil, date: LocalDate? = nil) {
        self.rule = rule; self.message = message; self.meetings = meetings; self.person = person
        self.venue = venue; self.date = date
    }

    public var description: String { "\(rule.title): \(message)" }
}

/// What the independent checker found, with the objective recomputed from scratch.
public struct MeetingsCheckReport: Sendable, Hashable, Codable {
    public var violations: [MeetingsViolation]
    public var isValid: Bool { violations.isEmpty }
    /// Σ over meetings and their participants of travel minutes (organisation → venue).
    public var travelMinutes: Double
    /// Σ over people of (meetings − distinct weeks).
    public var sameWeek: Int
    public var meetingsPlanned: Int
    public var meetingsExpected: Int

    public func violations(of rule: MeetingsViolation.Rule) -> [MeetingsViolation] { violations.filter { $0.rule == rule } }
}
