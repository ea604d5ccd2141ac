import Foundation
import ZIPFoundation
import ProfileDay
import SetkaModel
@testable import Reports

/// A small district on disk: schools A and B (B with low results), a centre C; three slots; a
/// timetable whose trips are known by hand (see `BusPlanTests`).
enum Fixture {
    static func scenarioFiles(language: String = "ru", schoolA: String = "Школа А", partnering: Bool = true) -> [String: String] {
        var yaml = """
        format: setka/1
        name: "Test district"
        language: \(language)
        profile_day:
          slots:
            - {id: "1", start: "09:00", end: "10:30"}
            - {id: "2", start: "10:50", end: "12:20"}
            - {id: "3", start: "13:00", end: "14:30"}
          min_section_size: 1
          max_section_size: 25
          courses_per_student: 2
          max_trip_minutes: 90
          visiting_teacher_rule: false

        """
        if partnering {
            yaml += """
            partnering:
              - name: "Low results"
                recipients: {kind: school, low_results: yes}
                providers: {kind: school, low_results: no}
                subjects: [math]

            """
        }
        let q = "\"" + schoolA.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return [
            "scenario.yaml": yaml,
            "schools.csv": """
            id,name,kind,lat,lon,low_results,partner_capacity,score:math
            A,\(q),school,51.60,39.70,no,2,70
            B,School B,school,51.70,39.80,yes,0,50
            C,Centre C,additional,51.62,39.72,no,0,
            D,No coordinates,school,,,no,0,60

            """,
            "rooms.csv": "site,id,capacity,kind\nA,11,25,classroom\nA,12,25,classroom\nC,r1,12,computer\nB,1,25,classroom\n",
            "teachers.csv": "id,name,site,courses\nT1,Teacher One,C,rob\nT2,Teacher Two,A,chem\nT3,Teacher Three,A,prog\n",
            "courses.csv": "id,title,room_kind,remote\nrob,Robotics,computer,no\nchem,Chemistry,classroom,no\nprog,Programming,classroom,yes\nart,Art,classroom,no\n",
            "students.csv": "id,school,choices\na1,A,rob|chem\na2,A,prog|art\na3,A,art\nb1,B,rob|chem\nb2,B,chem|prog\nb3,B,art\n",
            "travel.csv": "from,to,minutes\nA,B,25\nA,C,5\nB,C,22\nD,A,30\nD,B,30\nD,C,30\n",
        ]
    }

    static let sectionsCSV = """
    section,course,teacher,site,room,slot,enrolled
    S1,rob,T1,C,r1,1,2
    S2,chem,T2,A,11,2,3
    S3,prog,T3,,,3,2

    """
    static let enrolmentsCSV = "student,section\na1,S1\nb1,S1\na1,S2\nb1,S2\nb2,S2\nb2,S3\na2,S3\n"
    static let partnersCSV = "\u{FEFF}rule,recipient,provider,minutes,gain,gain:math,recipient_name,provider_name,fixed,note\r\nLow results,B,A,25,20,20,School B,A,no,\r\nLow results,D,,,,,D,,,нет партнёра ближе 60 минут\r\n"

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("setka-reports-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ files: [String: String], to folder: URL) throws {
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
    }

    static func scenario(language: String = "ru", schoolA: String = "Школа А") throws -> Scenario {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(scenarioFiles(language: language, schoolA: schoolA), to: folder)
        return try ScenarioLoader.load(from: folder).scenario
    }

    static func timetable() throws -> Timetable {
        try TimetableIO.read(sections: Array(sectionsCSV.utf8), enrolments: Array(enrolmentsCSV.utf8)).timetable
    }

    static func partners() throws -> [PartnerRow] {
        try ResultFolder.partners(("partners.csv", Array(partnersCSV.utf8)))
    }

    static func input(language: String = "ru", schoolA: String = "Школа А", withPartners: Bool = true) throws -> ReportInput {
        ReportInput(scenario: try scenario(language: language, schoolA: schoolA), timetable: try timetable(),
                    coursesNotOpened: [NotOpenedCourse(CourseExplanation(course: "art", title: "Art", chosenBy: 3, withinReach: 3,
                                                                         cause: .tooFewChose(chosenBy: 3, minSize: 10)))],
                    studentsShort: [ShortStudent(StudentExplanation(student: "a3", school: "A", wanted: 2, got: 0, listed: 1,
                                                                    choices: [ChoiceExplanation(course: "art", rank: 0, cause: .courseNotOpened)]))],
                    scheduleRun: ScheduleRunInfo(status: .optimal, bound: 500, gap: 0),
                    partners: withPartners ? try partners() : nil)
    }

    /// Entries of a ZIP archive, read back by ZIPFoundation with each CRC-32 checked (an entry
    /// that does not read back gives `[0xBA, 0xD0]`).
    static func unzip(_ bytes: [UInt8]) -> [String: [UInt8]] {
        guard let archive = try? Archive(data: Data(bytes), accessMode: .read) else { return [:] }
        var out: [String: [UInt8]] = [:]
        for entry in archive {
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch { data = Data([0xBA, 0xD0]) }
            out[entry.path] = [UInt8](data)
        }
        return out
    }
}
