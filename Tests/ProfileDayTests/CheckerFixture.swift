import SetkaModel
import Wording
@testable import ProfileDay

/// A small district built in code, with a valid timetable whose objective is worked out by hand.
///
/// Sites: schools `a`, `b`, `d`, `e` and a centre `c`. Travel: a–b 20, a–c 30, b–c 15, a–d 50,
/// b–d 45, c–d 60 minutes; `e` has no travel rows and no coordinates (every trip from it is unknown).
/// Slots: 1 09:00–10:30, 2 10:50–12:20 (gap 20), 3 13:00–14:30 (gap 40).
/// Sizes 2…4, 2 courses per student, trips up to 40 minutes, visiting-teacher rule on,
/// weights rank [100, 80, 60], travel_minute 0.5, section 5.
///
/// The valid timetable:
///
/// | section | course | teacher (site) | where   | slot | students            |
/// |---------|--------|----------------|---------|------|---------------------|
/// | S1      | math   | T1 (a)         | a / r1  | 1    | a1 a2 a3            |
/// | S2      | robo   | T3 (c)         | c / ws  | 2    | b1 b2               |
/// | S3      | online | T1 (a)         | remote  | 3    | a1 b1               |
/// | S4      | chem   | T2 (b)         | a / lab | 2    | a2 a3 (T2 visits a) |
/// | S5      | math   | T2 (b)         | b / r1  | 1    | b3 b4               |
///
/// T2 goes b → a between slots 1 and 2: 20 minutes, exactly the gap (allowed).
/// Rank value: a1 100+80, a2 100+80, a3 100+60, b1 100+80, b2 80, b3 100, b4 100 = 980.
/// Travel: b1 and b2 go b → c, 15 each = 30 minutes, cost 0.5 × 30 = 15. Sections 5 × 5 = 25.
/// Objective 980 − 15 − 25 = 940. Students d1 and e1 are not served.
struct CheckerFixture {
    var settings = ProfileDaySettings(
        slots: [
            Slot(id: "1", start: TimeOfDay("09:00")!, end: TimeOfDay("10:30")!),
            Slot(id: "2", start: TimeOfDay("10:50")!, end: TimeOfDay("12:20")!),
            Slot(id: "3", start: TimeOfDay("13:00")!, end: TimeOfDay("14:30")!),
        ],
        minSectionSize: 2, maxSectionSize: 4, coursesPerStudent: 2, maxTripMinutes: 40,
        visitingTeacherRule: true,
        weights: ProfileDayWeights(rank: [100, 80, 60], travelMinute: 0.5, section: 5))
    var hasProfileDay = true
    var organisations = [
        Organisation(id: "a", name: "School A"),
        Organisation(id: "b", name: "School B"),
        Organisation(id: "c", name: "Centre C", kind: .additional),
        Organisation(id: "d", name: "School D"),
        Organisation(id: "e", name: "School E"),
    ]
    var travel = [
        TravelEntry(from: "a", to: "b", minutes: 20),
        TravelEntry(from: "a", to: "c", minutes: 30),
        TravelEntry(from: "b", to: "c", minutes: 15),
        TravelEntry(from: "a", to: "d", minutes: 50),
        TravelEntry(from: "b", to: "d", minutes: 45),
        TravelEntry(from: "c", to: "d", minutes: 60),
    ]
    var rooms = [
        Room(site: "a", id: "r1", capacity: 4),
        Room(site: "a", id: "lab", capacity: 3, kind: "chem"),
        Room(site: "b", id: "r1", capacity: 4),
        Room(site: "c", id: "ws", capacity: 4, kind: "workshop"),
    ]
    var courses = [
        Course(id: "math"),
        Course(id: "chem", roomKind: "chem"),
        Course(id: "robo", roomKind: "workshop", sites: ["c"]),
        Course(id: "online", roomKind: "any", remote: true),
    ]
    var teachers = [
        Teacher(id: "T1", site: "a", courses: ["math", "online"]),
        Teacher(id: "T2", site: "b", courses: ["chem", "math"], slots: ["1", "2"]),
        Teacher(id: "T3", site: "c", courses: ["robo"]),
        Teacher(id: "T4", site: "a", courses: ["math"], travels: false),
    ]
    var students = [
        Student(id: "a1", school: "a", choices: ["math", "online", "chem"]),
        Student(id: "a2", school: "a", choices: ["chem", "math"]),
        Student(id: "a3", school: "a", choices: ["math", "robo", "chem"]),
        Student(id: "b1", school: "b", choices: ["robo", "online"]),
        Student(id: "b2", school: "b", wants: 1, choices: ["online", "robo"]),
        Student(id: "b3", school: "b", wants: 1, choices: ["math", "robo"]),
        Student(id: "b4", school: "b", wants: 1, choices: ["math", "robo"]),
        Student(id: "d1", school: "d", choices: ["math"]),
        Student(id: "e1", school: "e", choices: ["online", "math"]),
    ]
    var sections = [
        Section(id: "S1", course: "math", teacher: "T1", site: "a", room: "r1", slot: "1"),
        Section(id: "S2", course: "robo", teacher: "T3", site: "c", room: "ws", slot: "2"),
        Section(id: "S3", course: "online", teacher: "T1", site: nil, room: nil, slot: "3"),
        Section(id: "S4", course: "chem", teacher: "T2", site: "a", room: "lab", slot: "2"),
        Section(id: "S5", course: "math", teacher: "T2", site: "b", room: "r1", slot: "1"),
    ]
    var enrolments: [Enrolment] = [
        ("a1", "S1"), ("a2", "S1"), ("a3", "S1"),
        ("b1", "S2"), ("b2", "S2"),
        ("a1", "S3"), ("b1", "S3"),
        ("a2", "S4"), ("a3", "S4"),
        ("b3", "S5"), ("b4", "S5"),
    ].map { Enrolment(student: $0.0, section: $0.1) }

    var scenario: Scenario {
        Scenario(name: "checker-fixture", profileDay: hasProfileDay ? settings : nil,
                 organisations: organisations, rooms: rooms, teachers: teachers, courses: courses,
                 students: students, travelEntries: travel)
    }
    var timetable: Timetable { Timetable(sections: sections, enrolments: enrolments) }

    func check() -> CheckReport { ProfileDayChecker.check(timetable, in: scenario) }

    // Editing helpers: change one named row in place.
    mutating func section(_ id: String, _ edit: (inout Section) -> Void) {
        edit(&sections[sections.firstIndex { $0.id == id }!])
    }
    mutating func teacher(_ id: String, _ edit: (inout Teacher) -> Void) {
        edit(&teachers[teachers.firstIndex { $0.id == id }!])
    }
    mutating func course(_ id: String, _ edit: (inout Course) -> Void) {
        edit(&courses[courses.firstIndex { $0.id == id }!])
    }
    mutating func student(_ id: String, _ edit: (inout Student) -> Void) {
        edit(&students[students.firstIndex { $0.id == id }!])
    }
    mutating func room(_ site: String, _ id: String, _ edit: (inout Room) -> Void) {
        edit(&rooms[rooms.firstIndex { $0.site == site && $0.id == id }!])
    }
    mutating func setTravel(_ from: String, _ to: String, _ minutes: Double?) {
        travel.removeAll { ($0.from == from && $0.to == to) || ($0.from == to && $0.to == from) }
        if let minutes { travel.append(TravelEntry(from: from, to: to, minutes: minutes)) }
    }
    mutating func enrol(_ student: String, _ section: String) {
        enrolments.append(Enrolment(student: student, section: section))
    }
    mutating func unenrol(_ student: String, _ section: String) {
        enrolments.removeAll { $0.student == student && $0.section == section }
    }
}

extension CheckReport {
    /// The kinds found, as a multiset-free sorted list for exact comparisons.
    var kinds: [Violation.Kind] { violations.map(\.kind).sorted { $0.rawValue < $1.rawValue } }

    /// The single violation of `kind` (nil when there are none or several).
    func only(_ kind: Violation.Kind) -> Violation? {
        let found = violations.filter { $0.kind == kind }
        return found.count == 1 ? found[0] : nil
    }
}

extension Violation {
    /// The finding in English, as `setka check` prints it.
    var message: String { Words(.en).sentence(detail) }
    /// `H1 teacher: …`.
    var description: String { Words(.en).line(self) }
}
