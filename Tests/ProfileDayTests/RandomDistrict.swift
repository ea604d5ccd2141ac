import Foundation
import SetkaModel
@testable import ProfileDay

/// Small random districts for property tests, built in code (deterministic per seed).
enum RandomDistrict {
    static func make(seed: UInt64, schools: Int = 6, students: Int = 80, courses: Int = 8, slots: Int = 3,
                     teachers: Int = 10, visitingRule: Bool = true, minSize: Int = 5, maxSize: Int = 12,
                     choices: Int = 4) -> Scenario {
        var rng = SplitMix64(seed: seed)
        var orgs: [Organisation] = []
        for i in 0..<schools {
            let lat = 51.0 + (i == 0 ? 0 : (rng.unit() - 0.5) * 0.5)
            let lon = 38.6 + (i == 0 ? 0 : (rng.unit() - 0.5) * 0.7)
            orgs.append(Organisation(id: "sch\(i)", name: "Школа \(i)", latitude: lat, longitude: lon))
        }
        orgs.append(Organisation(id: "cdo", name: "ЦДО", kind: .additional, latitude: 51.0, longitude: 38.61))
        var rooms: [Room] = []
        for (i, o) in orgs.enumerated() {
            rooms.append(Room(site: o.id, id: "r1", capacity: 10 + rng.int(12)))
            if i == 0 || o.kind == .additional {
                rooms.append(Room(site: o.id, id: "r2", capacity: 20))
                rooms.append(Room(site: o.id, id: "lab", capacity: 14, kind: "lab"))
            }
        }
        var courseList: [Course] = []
        for c in 0..<courses {
            courseList.append(Course(id: "c\(c)", title: "Курс \(c)", roomKind: c % 4 == 3 ? "lab" : "classroom",
                                     remote: c % 5 == 4))
        }
        var slotList: [Slot] = []
        for t in 0..<slots {
            let start = 9 * 60 + t * 110
            slotList.append(Slot(id: "\(t + 1)", start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: start + 90)))
        }
        var teacherList: [Teacher] = []
        for q in 0..<teachers {
            let site = q % 3 == 0 ? "cdo" : (q % 3 == 1 ? "sch0" : "sch\(rng.int(schools))")
            var cs = Set<String>(["c\(q % courses)"])
            if rng.unit() < 0.5 { cs.insert("c\(rng.int(courses))") }
            let limited = rng.unit() < 0.3
            teacherList.append(Teacher(id: "t\(q)", site: site, courses: cs.sorted(),
                                       maxSections: 1 + rng.int(slots),
                                       slots: limited ? slotList.filter { _ in rng.unit() < 0.7 }.map(\.id) : nil,
                                       travels: rng.unit() < 0.6))
        }
        var studentList: [Student] = []
        for s in 0..<students {
            let school = s < students / 3 ? 0 : rng.int(schools)
            var picks: [String] = []
            while picks.count < min(choices, courses) {
                // Skewed popularity: low course numbers are more popular.
                let u = rng.unit()
                let c = Int(Double(courses) * u * u)
                if !picks.contains("c\(c)") { picks.append("c\(c)") }
            }
            studentList.append(Student(id: "st\(s)", school: "sch\(school)", choices: picks))
        }
        let settings = ProfileDaySettings(slots: slotList, minSectionSize: minSize, maxSectionSize: maxSize,
                                          coursesPerStudent: 2, maxTripMinutes: 60, visitingTeacherRule: visitingRule)
        return Scenario(name: "random-\(seed)", profileDay: settings, organisations: orgs, rooms: rooms,
                        teachers: teacherList, courses: courseList, students: studentList)
    }
}

extension SplitMix64 {
    /// Uniform in 0..<n (0 when n <= 1).
    mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : int(0...(n - 1)) }
}

extension ScheduleState {
    /// A day with room to improve, for property tests: every third student leaves the sections
    /// they may leave (H6 pins and held seats stay); returns those students.
    @discardableResult
    mutating func everyThirdStudentLeaves() -> [Int] {
        let leavers = Array(stride(from: 0, to: p.students.count, by: 3))
        for s in leavers {
            for t in 0..<p.slotCount {
                let k = section(ofStudent: s, slot: t)
                if k >= 0 && canLeave(s, k) { unenrol(s, from: k) }
            }
        }
        return leavers
    }
}
