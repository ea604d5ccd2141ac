import Foundation
import SetkaModel
import Testing

/// `setka check` on a small scenario written to disk (the district of the ProfileDay checker
/// tests: objective 940 by hand) and a timetable folder.
@Suite("setka check")
struct CheckCLITests {
    static let scenarioFiles: [String: String] = [
        "scenario.yaml": """
        format: setka/1
        name: "Проверка"
        profile_day:
          slots:
            - {id: "1", start: "09:00", end: "10:30"}
            - {id: "2", start: "10:50", end: "12:20"}
            - {id: "3", start: "13:00", end: "14:30"}
          min_section_size: 2
          max_section_size: 4
          courses_per_student: 2
          max_trip_minutes: 40
          visiting_teacher_rule: true
          weights: {rank: [100, 80, 60], travel_minute: 0.5, section: 5}

        """,
        "schools.csv": "id,name,kind\na,School A,school\nb,School B,school\nc,Centre C,additional\n",
        "travel.csv": "from,to,minutes\na,b,20\na,c,30\nb,c,15\n",
        "rooms.csv": "site,id,capacity,kind\na,r1,4,classroom\na,lab,3,chem\nb,r1,4,classroom\nc,ws,4,workshop\n",
        "courses.csv": "id,room_kind,remote,sites\nmath,classroom,no,\nchem,chem,no,\nrobo,workshop,no,c\nonline,any,yes,\n",
        "teachers.csv": "id,site,courses,slots,travels\nT1,a,math|online,,yes\nT2,b,chem|math,1|2,yes\nT3,c,robo,,yes\n",
        "students.csv": "id,school,wants,choices\na1,a,,math|online|chem\na2,a,,chem|math\na3,a,,math|robo|chem\nb1,b,,robo|online\nb2,b,1,online|robo\nb3,b,1,math|robo\nb4,b,1,math|robo\n",
    ]
    static let sections = """
    section,course,teacher,site,room,slot,enrolled
    S1,math,T1,a,r1,1,3
    S2,robo,T3,c,ws,2,2
    S3,online,T1,,,3,2
    S4,chem,T2,a,lab,2,2
    S5,math,T2,b,r1,1,2

    """
    static let enrolments = "student,section\na1,S1\na2,S1\na3,S1\nb1,S2\nb2,S2\na1,S3\nb1,S3\na2,S4\na3,S4\nb3,S5\nb4,S5\n"

    /// The timetable (`sections`, `enrolments`: CSV text) as one workbook at `url`, with the
    /// sheets «Группы» and «Записи», every cell text.
    static func writeTimetableBook(_ url: URL, sections: String = sections, enrolments: String = enrolments) throws {
        func sheet(_ name: String, _ text: String) -> WorkbookWriter.Sheet {
            WorkbookWriter.Sheet(name: name, rows: text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map { .text(String($0)) } })
        }
        try WorkbookWriter.workbook([sheet("Группы", sections), sheet("Записи", enrolments)]).write(to: url)
    }

    /// A scenario folder and a timetable folder in a fresh temporary folder.
    func folders(sections: String = sections, enrolments: String = enrolments) throws -> (root: URL, scenario: String, timetable: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("setka-check-\(UUID().uuidString)")
        let scen = root.appendingPathComponent("scenario"), tt = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: scen, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tt, withIntermediateDirectories: true)
        for (name, text) in Self.scenarioFiles {
            try text.write(to: scen.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try sections.write(to: tt.appendingPathComponent("sections.csv"), atomically: true, encoding: .utf8)
        try enrolments.write(to: tt.appendingPathComponent("enrolments.csv"), atomically: true, encoding: .utf8)
        return (root, scen.path, tt.path)
    }

    @Test func validTimetableExitsZeroWithObjective() throws {
        let f = try folders()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", f.scenario, f.timetable])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Objective: 940 = rank value 980 - travel 15 (30 min × 0.5) - sections 25 (5 × 5)"))
        #expect(r.stdout.contains("Students: 7 fully served, 0 partly, 0 not served"))
        #expect(r.stdout.contains("No violations"))
    }

    /// The same timetable as one workbook (sheets «Группы» and «Записи»): the same report; a
    /// bad cell is named by workbook, sheet and cell.
    @Test func aTimetableWorkbookIsCheckedAsItsFilesAre() throws {
        let f = try folders()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let book = f.root.appendingPathComponent("расписание.xlsx")
        try Self.writeTimetableBook(book)
        let r = try CLIRunner.run(["check", f.scenario, book.path])
        #expect(r.status == 0, "\(r.stderr)")
        // The same report but for the first line (which names what was read).
        let fromFiles = try CLIRunner.run(["check", f.scenario, f.timetable]).stdout
        #expect(r.stdout.hasPrefix("Timetable \(book.path) for scenario"))
        #expect(r.stdout.split(separator: "\n").dropFirst() == fromFiles.split(separator: "\n").dropFirst(), "\(r.stdout)\n---\n\(fromFiles)")
        try Self.writeTimetableBook(book, sections: Self.sections.replacingOccurrences(of: "S4,chem,T2", with: "S4,chem,T 2"))
        let bad = try CLIRunner.run(["check", f.scenario, book.path])
        #expect(bad.status == 1 && bad.stderr.contains("расписание.xlsx[Группы]!C5"), "\(bad.stderr)")
    }

    @Test func violationsExitFourAndAreNamed() throws {
        let broken = Self.sections.replacingOccurrences(of: "S3,online,T1,,,3,2", with: "S3,online,T1,,,1,2")
        let f = try folders(sections: broken)
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", f.scenario, f.timetable])
        #expect(r.status == 4)
        #expect(r.stdout.contains("2 violations (H1 teacher 1, H4 student 1):"))
        #expect(r.stdout.contains("H1 teacher: teacher T1 teaches sections S1 and S3 in slot 1"))
        #expect(r.stdout.contains("H4 student: student a1 attends sections S1 and S3 in slot 1"))
    }

    /// The printed report names a site by its organisation's name, as a coordinator knows it;
    /// the JSON report's message keeps the id (its `detail` holds the ids as well).
    @Test func violationsNameTheSiteAsTheScenarioDoes() throws {
        let broken = Self.sections.replacingOccurrences(of: "S4,chem,T2,a,lab,2,2", with: "S4,chem,T2,a,r1,2,2")
        let f = try folders(sections: broken)
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", f.scenario, f.timetable])
        #expect(r.status == 4)
        #expect(r.stdout.contains("H2 room: section S4 of course chem needs a room of kind chem, but room r1 at School A is of kind classroom"),
                "\(r.stdout)")
        let j = try CLIRunner.run(["check", "--json", f.scenario, f.timetable])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        let violations = try #require(json["violations"] as? [[String: Any]])
        #expect(violations.map { $0["message"] as? String } == ["section S4 of course chem needs a room of kind chem, but room r1 at a is of kind classroom"])
    }

    /// `--language ru`: the report a coordinator reads, in Russian (a decimal comma, the rules'
    /// Russian titles, the scenario's names); the JSON gives each broken rule in both languages.
    @Test func russianReport() throws {
        let broken = Self.sections.replacingOccurrences(of: "S4,chem,T2,a,lab,2,2", with: "S4,chem,T2,a,r1,2,2")
        let f = try folders(sections: broken)
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", "--language", "ru", f.scenario, f.timetable])
        #expect(r.status == 4)
        #expect(r.stdout.contains("Расписание \(f.timetable) для сценария «Проверка»"), "\(r.stdout)")
        #expect(r.stdout.contains("Целевая функция: 940 = ценность выборов 980 − поездки 15 (30 мин × 0,5) − группы 25 (5 × 5)"))
        #expect(r.stdout.contains("Ученики: получили все выбранные курсы — 7, получили часть курсов — 0, не получили ни одного курса — 0"))
        #expect(r.stdout.contains("Проверка правил расписания: нарушений 1 (H2 аудитория 1):"))
        #expect(r.stdout.contains("аудитория r1 на площадке School A — типа classroom"), "\(r.stdout)")
        #expect(!r.stdout.contains("Objective"))
        let valid = try folders()
        defer { try? FileManager.default.removeItem(at: valid.root) }
        let ok = try CLIRunner.run(["check", "--language", "RU", valid.scenario, valid.timetable])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("Проверка правил расписания: нарушений нет"))
        let j = try CLIRunner.run(["check", "--json", f.scenario, f.timetable])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        let violations = try #require(json["violations"] as? [[String: Any]])
        #expect(violations.count == 1)
        let ru = try #require(violations.first?["message_ru"] as? String)
        #expect(ru.contains("аудитория r1") && !ru.contains("School A"), "\(ru)")
        let bad = try CLIRunner.run(["check", "--language", "de", f.scenario, f.timetable])
        #expect(bad.status != 0 && bad.stderr.contains("--language should be ru or en"))
    }

    /// A timetable that cannot be read is reported in Russian too.
    @Test func russianErrors() throws {
        let f = try folders(sections: "section,course,teacher,site,room,slot\nS1,math,T1,a,r1,\n")
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", "--language", "ru", f.scenario, f.timetable])
        #expect(r.status == 1)
        #expect(r.stderr.contains("sections.csv, строка 2, столбец 6: ошибка:"), "\(r.stderr)")
        #expect(r.stderr.contains("1 ошибка: ничего не проверено."))
    }

    @Test func jsonOutput() throws {
        let broken = Self.enrolments + "zz,S1\n"
        let f = try folders(enrolments: broken)
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", "--json", f.scenario, f.timetable])
        #expect(r.status == 4)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["isValid"] as? Bool == false)
        let violations = try #require(json["violations"] as? [[String: Any]])
        #expect(violations.count == 1)
        #expect(violations.first?["rule"] as? String == "structure")
        #expect(violations.first?["kind"] as? String == "unknownStudent")
        let objective = try #require(json["objective"] as? [String: Any])
        #expect(objective["value"] as? Double == 940)
        // The enrolled column of S1 (3) now disagrees with enrolments.csv (4): a warning on stderr.
        #expect(r.stderr.contains("sections.csv:2:7: warning: column 'enrolled'"))
    }

    @Test func unreadableTimetableExitsOneWithFileLineColumn() throws {
        let f = try folders(sections: "section,course,teacher,site,room,slot\nS1,math,T1,a,r1,\n")
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", f.scenario, f.timetable])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("sections.csv:2:6: error: column 'slot': expected an id, found an empty cell"))
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func scenarioWithoutProfileDayExitsOne() throws {
        let f = try folders()
        defer { try? FileManager.default.removeItem(at: f.root) }
        try "format: setka/1\n".write(toFile: f.scenario + "/scenario.yaml", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["check", f.scenario, f.timetable])
        #expect(r.status == 1)
        #expect(r.stderr.contains("scenario.yaml: error: the scenario has no profile_day"))
    }

    @Test func missingTimetableFolderExitsOne() throws {
        let f = try folders()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try CLIRunner.run(["check", f.scenario, f.root.appendingPathComponent("nowhere").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("missing file: sections.csv"))
        #expect(r.stderr.contains("missing file: enrolments.csv"))
    }
}
