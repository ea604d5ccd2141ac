import Foundation
import SetkaModel

/// Small scenarios written to temporary folders for the tests.
enum Fixtures {
    /// A three-school district with a two-slot profile day and one partnering rule.
    /// Students s01…s36: 12 per school; choices rotate over math, robotics, chem, art.
    static func district(name: String = "Тестовый район") -> Scenario {
        let orgs = [
            Organisation(id: "a", name: "Школа А", latitude: 51.00, longitude: 38.00, partnerCapacity: 2,
                         scores: ["math": 70, "russian": 72]),
            Organisation(id: "b", name: "Школа Б", latitude: 51.03, longitude: 38.03, partnerCapacity: 1,
                         scores: ["math": 60, "russian": 65]),
            Organisation(id: "c", name: "Школа В", latitude: 51.06, longitude: 38.06, lowResults: true,
                         scores: ["math": 40, "russian": 50]),
        ]
        let rooms = [Room(site: "a", id: "r1", capacity: 25), Room(site: "a", id: "r2", capacity: 25),
                     Room(site: "b", id: "r1", capacity: 25), Room(site: "c", id: "lab", capacity: 20, kind: "chemistry-lab"),
                     Room(site: "c", id: "r1", capacity: 20)]
        let teachers = [Teacher(id: "T1", site: "a", courses: ["math", "robotics"]),
                        Teacher(id: "T2", site: "c", courses: ["chem"]),
                        Teacher(id: "T3", site: "b", courses: ["robotics", "art"]),
                        Teacher(id: "T4", site: "a", courses: ["art", "math"])]
        let courses = [Course(id: "math", title: "Олимпиадная математика"), Course(id: "robotics"),
                       Course(id: "chem", roomKind: "chemistry-lab"), Course(id: "art")]
        let ids = ["math", "robotics", "chem", "art"]
        var students: [Student] = []
        for i in 1...36 {
            let school = ["a", "b", "c"][(i - 1) / 12]
            let k = i % 4
            students.append(Student(id: String(format: "s%02d", i), school: school,
                                    choices: [ids[k], ids[(k + 1) % 4], ids[(k + 2) % 4]]))
        }
        let pd = ProfileDaySettings(slots: [Slot(id: "1", start: TimeOfDay("09:00")!, end: TimeOfDay("10:30")!),
                                            Slot(id: "2", start: TimeOfDay("11:00")!, end: TimeOfDay("12:30")!)],
                                    minSectionSize: 5, maxSectionSize: 20, coursesPerStudent: 2, maxTripMinutes: 60,
                                    visitingTeacherRule: false)
        let rule = PartnerRule(name: "ШНОР", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                               providers: OrganisationSelector(kinds: [.school], lowResults: false),
                               subjects: ["math", "russian"], fixed: [PartnerPair(recipient: "c", provider: "b")])
        return Scenario(name: name, profileDay: pd, partnering: [rule], organisations: orgs, rooms: rooms,
                        teachers: teachers, courses: courses, students: students)
    }

    /// The folder of this test process under which every `temporaryFolder` is made; removed
    /// when the process exits (the folders are handed to the CLI as scenarios, outputs and
    /// caches, so no test removes its own: a run left about a hundred in the system's temporary
    /// folder).
    static let root: URL = {
        atexit { try? FileManager.default.removeItem(at: Fixtures.rootURL()) }
        return rootURL()
    }()

    private static func rootURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("setka-scenarios-tests-\(getpid())", isDirectory: true)
    }

    /// A fresh temporary folder (under `root`).
    static func temporaryFolder(_ label: String = "whatif") throws -> URL {
        let url = root.appendingPathComponent("setka-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `scenario` to a new temporary folder and returns it.
    static func write(_ scenario: Scenario = district()) throws -> URL {
        let folder = try temporaryFolder("scenario")
        try ScenarioWriter.write(scenario, to: folder)
        return folder
    }

    /// Writes `text` to `folder/relative` (creating folders) and returns its URL.
    @discardableResult
    static func file(_ folder: URL, _ relative: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Writes a variant `whatif/NAME.yaml` into the scenario folder with the given change lines.
    static func variant(_ folder: URL, _ name: String, _ changes: [String], title: String? = nil) throws -> URL {
        var text = "format: setka/1\nbase: ..\nname: \"\(title ?? name)\"\nchanges:\n"
        for c in changes { text += "  - \(c)\n" }
        return try file(folder, "whatif/\(name).yaml", text)
    }
}
