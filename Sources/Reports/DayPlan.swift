import ProfileDay
import SetkaModel

/// The profile day seen from each student: which section they attend in each slot and where
/// they are, and the trips between places that follow (the bus plan).
///
/// Where a student is in slot t: the section's site; the own school for a remote section; in a
/// slot without an elective, where the student was in the slot before (the own school before
/// the first elective). Ids the scenario does not know are kept as they are (a report never
/// fails on a timetable that breaks a rule; `setka check` says what is wrong).
public struct DayPlan: Sendable {
    /// The scenario's slots, in order.
    public let slots: [Slot]
    /// Student id → section (by slot index) or nil.
    public let sectionsOf: [String: [Section?]]
    /// Student id → place (organisation id) in each slot.
    public let placesOf: [String: [String]]
    public let sectionsByID: [String: Section]
    /// Section id → enrolled student ids, in `enrolments.csv` order.
    public let studentsIn: [String: [String]]

    /// One leg of the bus plan: `students` go from `from` to `to` at `leg`.
    public struct Trip: Sendable, Hashable {
        /// 0 = morning (to the first slot), t = the break between slot t-1 and slot t
        /// (1-based slots), `slots.count` = home after the last slot.
        public var leg: Int
        public var school: String
        public var from: String
        public var to: String
        public var students: [String]
    }

    public init(scenario: Scenario, timetable: Timetable) {
        let slots = scenario.profileDay?.slots ?? []
        self.slots = slots
        var slotIndex: [String: Int] = [:]
        for (i, s) in slots.enumerated() where slotIndex[s.id] == nil { slotIndex[s.id] = i }
        var byID: [String: Section] = [:]
        for s in timetable.sections where byID[s.id] == nil { byID[s.id] = s }
        sectionsByID = byID
        let schoolOf = Dictionary(scenario.students.map { ($0.id, $0.school) }, uniquingKeysWith: { a, _ in a })
        var sectionsOf: [String: [Section?]] = [:]
        var studentsIn: [String: [String]] = [:]
        for s in scenario.students { sectionsOf[s.id] = Array(repeating: nil, count: slots.count) }
        for e in timetable.enrolments {
            studentsIn[e.section, default: []].append(e.student)
            guard let section = byID[e.section], let t = slotIndex[section.slot] else { continue }
            var row = sectionsOf[e.student] ?? Array(repeating: nil, count: slots.count)
            if row[t] == nil { row[t] = section }
            sectionsOf[e.student] = row
        }
        self.sectionsOf = sectionsOf
        self.studentsIn = studentsIn
        var placesOf: [String: [String]] = [:]
        for (student, row) in sectionsOf {
            let home = schoolOf[student] ?? ""
            var here = home
            placesOf[student] = row.map { section in
                if let section { here = section.site ?? home }
                return here
            }
        }
        self.placesOf = placesOf
    }

    /// The trips of `school`'s students, leg by leg, each leg's trips by number of students
    /// (most first) then by place ids. Students who stay put make no trip.
    public func trips(school: String, students: [String]) -> [Trip] {
        guard !slots.isEmpty else { return [] }
        var out: [Trip] = []
        for leg in 0...slots.count {
            var groups: [String: (from: String, to: String, students: [String])] = [:]
            for student in students {
                guard let places = placesOf[student] else { continue }
                let from = leg == 0 ? school : places[leg - 1]
                let to = leg == slots.count ? school : places[leg]
                guard from != to else { continue }
                groups["\(from)\u{1}\(to)", default: (from, to, [])].students.append(student)
            }
            out += groups.values
                .sorted { ($1.students.count, $0.from, $0.to) < ($0.students.count, $1.from, $1.to) }
                .map { Trip(leg: leg, school: school, from: $0.from, to: $0.to, students: $0.students) }
        }
        return out
    }
}
