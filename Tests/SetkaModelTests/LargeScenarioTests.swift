import Foundation
import Testing
@testable import SetkaModel

/// Writes a synthetic district in the scenario format: `organisations` organisations on a grid
/// around Voronezh, rooms and teachers at every tenth, 40 courses, `students` students with
/// three ranked choices each. Deterministic (no randomness).
enum LargeScenario {
    static func files(organisations: Int, students: Int) -> [String: String] {
        let yaml = """
        format: setka/1
        name: Synthetic district
        profile_day:
          slots:
            - {id: "1", start: "09:00", end: "10:30"}
            - {id: "2", start: "10:50", end: "12:20"}
            - {id: "3", start: "13:00", end: "14:30"}
          max_trip_minutes: 60
        partnering:
          - name: ШНОР
            recipients: {kind: school, low_results: yes}
            providers: {kind: school, low_results: no}
            subjects: [math, russian]
        """
        let side = Int(Double(organisations).squareRoot().rounded(.up))
        var schools = "id;name;kind;lat;lon;low_results;partner_capacity;score:math;score:russian\n"
        var rooms = "site,id,capacity,kind\n"
        var teachers = "id,name,site,courses,max_sections,slots,travels\n"
        let kinds = ["classroom", "computer", "chemistry-lab", "workshop"]
        for i in 0..<organisations {
            let lat = 50.5 + Double(i / side) * 0.02, lon = 38.0 + Double(i % side) * 0.03
            let kind = i % 7 == 6 ? "kindergarten" : "school"
            // Latitude with a decimal comma, as Russian Excel writes it.
            let latText = String(format: "%.4f", lat).replacingOccurrences(of: ".", with: ",")
            schools += "org\(i);Школа № \(i);\(kind);\(latText);\(String(format: "%.4f", lon));"
            schools += "\(i % 9 == 0 ? "да" : "нет");\(i % 3);\(40 + i % 50),5;\(45 + i % 40)\n"
            if i % 10 == 0 {
                for (k, kindName) in kinds.enumerated() { rooms += "org\(i),r\(k),\(20 + k * 5),\(kindName)\n" }
                teachers += "t\(i)a,Учитель \(i),org\(i),c\(i % 40)|c\((i + 1) % 40),,,yes\n"
                teachers += "t\(i)b,,org\(i),c\((i + 7) % 40),2,1|3,no\n"
            }
        }
        var courses = "id,title,subject,room_kind,min_size,max_size,remote,sites\n"
        for c in 0..<40 {
            courses += "c\(c),\"Курс \(c), профиль\",s\(c % 5),\(c % 10 == 9 ? "any" : kinds[c % 4]),,,\(c == 39 ? "yes" : "no"),\n"
        }
        var studentRows = "id,school,grade,wants,choices\n"
        studentRows.reserveCapacity(students * 40)
        for s in 0..<students {
            let org = (s * 7) % organisations
            let c1 = s % 40, c2 = (s / 40 + 13) % 40, c3 = (s / 3 + 29) % 40
            var choices = ["c\(c1)"]
            for c in [c2, c3] where !choices.contains("c\(c)") { choices.append("c\(c)") }
            studentRows += "st\(s),org\(org),\(10 + s % 2),,\(choices.joined(separator: "|"))\n"
        }
        return ["scenario.yaml": yaml, "schools.csv": schools,
                "rooms.csv": rooms, "teachers.csv": teachers, "courses.csv": courses, "students.csv": studentRows]
    }
}

@Suite("Large and example scenarios")
struct LargeScenarioTests {
    @Test func generatedDistrictOfAFewThousandRowsLoads() throws {
        let s = try TempScenario(LargeScenario.files(organisations: 400, students: 4000))
        let loaded = try s.load()
        let sc = loaded.scenario
        #expect(sc.organisations.count == 400)
        #expect(sc.students.count == 4000)
        #expect(sc.courses.count == 40)
        #expect(sc.rooms.count == 160)
        #expect(sc.teachers.count == 80)
        #expect(sc.organisations[1].latitude == 50.5)
        #expect(sc.organisations[0].lowResults && !sc.organisations[1].lowResults)
        #expect(sc.organisations[0].scores == ["math": 40.5, "russian": 45])
        #expect(sc.teachers[1].slots == ["1", "3"] && sc.teachers[1].travels == false)
        #expect(loaded.warnings.allSatisfy { !$0.message.contains("no travel time") })
    }

    @Test func repyovkaExampleLoadsWithoutErrors() throws {
        let loaded = try ScenarioLoader.load(from: packageRoot.appendingPathComponent("scenarios/repyovka-partners"))
        let sc = loaded.scenario
        #expect(loaded.warnings.isEmpty)
        #expect(sc.profileDay == nil)
        #expect(Set(sc.organisations.map(\.id)) == ["krasnolipovskaya", "kolbinskaya", "rossoshanskaya"])
        let rule = try #require(sc.partnering.first)
        #expect(rule.fixed == [PartnerPair(recipient: "krasnolipovskaya", provider: "rossoshanskaya")])
        #expect(sc.organisations.filter { rule.recipients.matches($0) }.map(\.id).sorted() == ["kolbinskaya", "krasnolipovskaya"])
        #expect(sc.organisations.filter { rule.providers.matches($0) }.map(\.id) == ["rossoshanskaya"])
        let m = try #require(sc.minutes(from: "krasnolipovskaya", to: "rossoshanskaya"))
        #expect(m > 0 && m <= rule.maxTravelMinutes)
    }

    /// Not a test: `SETKA_BENCHMARK_DIR=/tmp/x swift test --filter writeBenchmarkScenario` writes the
    /// 2,500-organisation / 20,000-student district there and prints how long loading took.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SETKA_BENCHMARK_DIR"] != nil))
    func writeBenchmarkScenario() throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SETKA_BENCHMARK_DIR"]!)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in LargeScenario.files(organisations: 2500, students: 20000) {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        let start = Date()
        let loaded = try ScenarioLoader.load(from: dir)
        print("benchmark: loaded \(loaded.scenario.students.count) students, \(loaded.scenario.organisations.count) organisations in \(Date().timeIntervalSince(start)) s (this build)")
        #expect(loaded.scenario.students.count == 20000)
    }
}
