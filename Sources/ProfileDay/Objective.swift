import SetkaModel

/// The profile-day objective of a timetable, with its parts and the figures a coordinator reads.
///
///     value = rankValue - travelCost - sectionCost
///     rankValue   = sum over enrolments of weights.rank[r]
///     travelCost  = weights.travel_minute * sum over enrolments of travel(student's school, section site)
///     sectionCost = weights.section * number of sections
///
/// `r` is the course's 0-based place in the student's `choices` (`ProfileDayWeights.rankValue`);
/// a remote enrolment travels 0. How rows that break the rules are counted (so that the figure is
/// defined for any timetable, valid or not):
/// - an enrolment repeating an earlier (student, section) row, naming an unknown section or an
///   unknown student is left out (it has no school and no choices);
/// - an enrolment in a course the student did not choose adds no rank value, but its travel counts;
/// - an enrolment whose travel time is unknown (unknown site, or no travel row and no coordinates)
///   adds no travel and is counted in `enrolmentsWithUnknownTravel`;
/// - every row of `sections.csv` is a section, duplicates included.
public struct ProfileDayObjective: Sendable, Hashable, Codable {
    /// The objective: `rankValue - travelCost - sectionCost`.
    public var value: Double
    public var rankValue: Double
    public var travelCost: Double
    public var sectionCost: Double

    /// Sections opened (rows of `sections.csv`), and how many of them are remote.
    public var sections: Int
    public var remoteSections: Int
    /// Teachers of the scenario who teach at least one section.
    public var teachersTeaching: Int
    /// Enrolments counted in the objective.
    public var enrolments: Int
    /// `enrolmentsByRank[r]` = enrolments in a student's choice number `r + 1` (r is 0-based).
    public var enrolmentsByRank: [Int]
    /// Enrolments in a course that is not among the student's choices (a rule violation).
    public var enrolmentsOutsideChoices: Int

    /// Students who got as many sections as they can take: `min(wants, number of choices)`.
    /// A student who can take nothing (wants 0) counts as fully served.
    public var studentsFullyServed: Int
    /// Students who got some sections, but fewer than they can take.
    public var studentsPartlyServed: Int
    /// Students who can take a section and got none.
    public var studentsNotServed: Int

    /// Total travel minutes over counted enrolments (school to section site; remote 0).
    public var travelMinutes: Double
    /// Mean and largest travel minutes per enrolment (0 when there are no enrolments).
    public var meanTravelMinutes: Double
    public var maxTravelMinutes: Double
    /// Enrolments whose travel time is not known (they add no travel cost).
    public var enrolmentsWithUnknownTravel: Int

    public init(value: Double = 0, rankValue: Double = 0, travelCost: Double = 0, sectionCost: Double = 0,
                sections: Int = 0, remoteSections: Int = 0, teachersTeaching: Int = 0, enrolments: Int = 0,
                enrolmentsByRank: [Int] = [], enrolmentsOutsideChoices: Int = 0,
                studentsFullyServed: Int = 0, studentsPartlyServed: Int = 0, studentsNotServed: Int = 0,
                travelMinutes: Double = 0, meanTravelMinutes: Double = 0, maxTravelMinutes: Double = 0,
                enrolmentsWithUnknownTravel: Int = 0) {
        self.value = value; self.rankValue = rankValue; self.travelCost = travelCost
        self.sectionCost = sectionCost; self.sections = sections; self.remoteSections = remoteSections
        self.teachersTeaching = teachersTeaching; self.enrolments = enrolments
        self.enrolmentsByRank = enrolmentsByRank; self.enrolmentsOutsideChoices = enrolmentsOutsideChoices
        self.studentsFullyServed = studentsFullyServed; self.studentsPartlyServed = studentsPartlyServed
        self.studentsNotServed = studentsNotServed; self.travelMinutes = travelMinutes
        self.meanTravelMinutes = meanTravelMinutes; self.maxTravelMinutes = maxTravelMinutes
        self.enrolmentsWithUnknownTravel = enrolmentsWithUnknownTravel
    }

    /// Computes the objective of `timetable` under `scenario`'s weights (defaults when the
    /// scenario has no `profile_day`). Linear in the size of the timetable and the scenario.
    public static func evaluate(_ timetable: Timetable, in scenario: Scenario) -> ProfileDayObjective {
        evaluate(TimetableIndex(timetable, in: scenario))
    }

    /// The objective over an already built index (shared with the checker).
    static func evaluate(_ ix: TimetableIndex) -> ProfileDayObjective {
        let weights = ix.settings.weights
        let scenario = ix.scenario
        var o = ProfileDayObjective()
        o.sections = ix.timetable.sections.count
        o.remoteSections = ix.timetable.sections.reduce(0) { $0 + ($1.isRemote ? 1 : 0) }
        o.teachersTeaching = ix.teacherSections.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
        o.sectionCost = weights.section * Double(o.sections)

        var travelled = 0
        for (st, student) in scenario.students.enumerated() {
            let mine = ix.studentSections[st]
            for k in mine {
                o.enrolments += 1
                let courseID = ix.timetable.sections[k].course
                if let r = student.choices.firstIndex(of: courseID) {
                    o.rankValue += weights.rankValue(r)
                    if o.enrolmentsByRank.count <= r {
                        o.enrolmentsByRank.append(contentsOf: repeatElement(0, count: r + 1 - o.enrolmentsByRank.count))
                    }
                    o.enrolmentsByRank[r] += 1
                } else {
                    o.enrolmentsOutsideChoices += 1
                }
                let trip: Double?
                if ix.timetable.sections[k].isRemote {
                    trip = 0
                } else {
                    trip = ix.minutes(ix.studentSchool[st], ix.sectionSite[k])
                }
                if let trip {
                    o.travelMinutes += trip
                    o.maxTravelMinutes = max(o.maxTravelMinutes, trip)
                    travelled += 1
                } else {
                    o.enrolmentsWithUnknownTravel += 1
                }
            }
            let wants = StudentRule.wants(student, ix.settings)
            let canTake = min(wants, distinctCount(student.choices))
            if mine.count >= canTake {
                o.studentsFullyServed += 1
            } else if mine.isEmpty {
                o.studentsNotServed += 1
            } else {
                o.studentsPartlyServed += 1
            }
        }
        o.travelCost = weights.travelMinute * o.travelMinutes
        o.meanTravelMinutes = travelled > 0 ? o.travelMinutes / Double(travelled) : 0
        o.value = o.rankValue - o.travelCost - o.sectionCost
        return o
    }

    /// Distinct ids in a short list, without allocating.
    private static func distinctCount(_ ids: [String]) -> Int {
        var n = 0
        for (i, id) in ids.enumerated() where !ids[..<i].contains(id) { n += 1 }
        return n
    }
}
