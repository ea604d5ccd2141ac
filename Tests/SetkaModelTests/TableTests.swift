import Foundation
import Testing
@testable import SetkaModel

@Suite("Tables and their defaults")
struct TableTests {
    @Test func fixtureLoadsWithEveryDefault() throws {
        let s = try TempScenario(Fixture.files)
        let sc = try s.load().scenario
        #expect(sc.organisations.map(\.id) == ["a", "b", "c"])
        let a = sc.organisations[0], c = sc.organisations[2]
        #expect(a.name == "School A" && a.kind == .school && a.latitude == 51.07 && a.longitude == 38.65)
        #expect(a.partnerCapacity == 2 && a.lowResults == false && a.scores == ["math": 60])
        #expect(c.kind == .additional && c.scores.isEmpty)
        #expect(sc.organisations[1].lowResults)

        #expect(sc.rooms[2] == Room(site: "b", id: "201", capacity: 25, kind: "classroom"))
        #expect(sc.rooms[1].kind == "chemistry-lab")

        let t1 = sc.teachers[0], t2 = sc.teachers[1]
        #expect(t1.name == "Иванова" && t1.courses == ["robotics", "chemistry"])
        #expect(t1.maxSections == nil)   // = number of slots
        #expect(t1.slots == nil)         // = all slots
        #expect(t1.travels == true)
        #expect(t2.name == "t2" && t2.maxSections == 1 && t2.slots == ["2"] && t2.travels == false)

        let robotics = sc.courses[0], chemistry = sc.courses[1]
        #expect(robotics.title == "Робототехника" && robotics.subject == "tech" && robotics.roomKind == "any")
        #expect(robotics.minSize == nil && robotics.maxSize == nil && robotics.remote == false && robotics.sites.isEmpty)
        #expect(chemistry.minSize == 8 && chemistry.maxSize == 15 && chemistry.sites == ["a"])

        let s1 = sc.students[0]
        #expect(s1.school == "b" && s1.grade == 10 && s1.wants == nil && s1.choices == ["robotics", "chemistry"])
    }

    @Test func minimalColumnsTakeTheDefaults() throws {
        let s = try TempScenario(Fixture.with([
            "schools.csv": "id,name\na,A\nb,B\n",
            "rooms.csv": "site,id,capacity\na,1,20\n",
            "teachers.csv": "id,site,courses\nt,a,x\n",
            "courses.csv": "id\nx\n",
            "students.csv": "id,school,choices\ns,b,x\n",
            "travel.csv": "from,to,minutes\na,b,20\n",
        ]))
        let sc = try s.load().scenario
        #expect(sc.organisations[0] == Organisation(id: "a", name: "A"))
        #expect(sc.organisations[0].kind == .school && sc.organisations[0].partnerCapacity == 0)
        #expect(sc.rooms == [Room(site: "a", id: "1", capacity: 20, kind: "classroom")])
        #expect(sc.teachers == [Teacher(id: "t", name: "t", site: "a", courses: ["x"], maxSections: nil, slots: nil, travels: true)])
        #expect(sc.courses == [Course(id: "x", title: "x", subject: nil, roomKind: "classroom", minSize: nil, maxSize: nil, remote: false, sites: [])])
        #expect(sc.students == [Student(id: "s", school: "b", grade: nil, wants: nil, choices: ["x"])])
    }

    @Test func emptyListCellsMeanNone() throws {
        let s = try TempScenario(Fixture.with([
            "teachers.csv": "id,site,courses,slots\nt,a,,\n",
            "students.csv": "id,school,choices\ns,b,\n",
        ]))
        let sc = try s.load().scenario
        #expect(sc.teachers[0].courses == [] && sc.teachers[0].slots == nil)
        #expect(sc.students[0].choices == [])
    }

    @Test func windows1251SemicolonFile() throws {
        // id;name;kind;lat;lon  /  kola;Кольская школа;school;51,5;38,25  (written as Windows-1251 bytes)
        var bytes = Array("id;name;kind;lat;lon;score:math\r\n".utf8)
        bytes += Array("kola;".utf8)
        bytes += [0xCA, 0xEE, 0xEB, 0xFC, 0xF1, 0xEA, 0xE0, 0xFF, 0x20, 0xF8, 0xEA, 0xEE, 0xEB, 0xE0] // Кольская школа
        bytes += Array(";school;51,5;38,25;\"72,5\"\r\n".utf8)
        bytes += Array("b;".utf8) + [0xAB, 0xD8, 0xEA, 0xEE, 0xEB, 0xE0, 0xBB] + Array(";;;;\r\n".utf8) // «Школа»
        let s = try TempScenario(["scenario.yaml": "format: setka/1\n"], bytes: ["schools.csv": bytes])
        let orgs = try s.load().scenario.organisations
        #expect(orgs.count == 2)
        #expect(orgs[0].name == "Кольская школа")
        #expect(orgs[0].latitude == 51.5 && orgs[0].longitude == 38.25)
        #expect(orgs[0].scores["math"] == 72.5)
        #expect(orgs[1].name == "«Школа»")
    }

    @Test func bomAndQuotedCells() throws {
        let schools = "\u{FEFF}id,name,kind\r\nb,\"МКОУ \"\"Россошанская СОШ\"\", с. Россошь\",school\r\n\"c\",\"Центр\r\nдоп. образования\",additional\r\n"
        let s = try TempScenario(["scenario.yaml": "format: setka/1\n", "schools.csv": schools])
        let orgs = try s.load().scenario.organisations
        #expect(orgs.map(\.id) == ["b", "c"])
        #expect(orgs[0].name == "МКОУ \"Россошанская СОШ\", с. Россошь")
        #expect(orgs[1].name == "Центр\r\nдоп. образования")
    }

    @Test func unknownColumnsOneWarningPerFile() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/1\n",
                                  "schools.csv": "id,name,director,phone\na,A,x,y\nb,B,z,w\n"])
        let w = try s.load().warnings.filter { $0.message.contains("unknown column") }
        #expect(w.count == 1)
        #expect(w[0].message.contains("'director'") && w[0].message.contains("'phone'"))
        #expect(w[0].location == SetkaModel.SourceLocation(file: "schools.csv", line: 1))
    }

    @Test func profileDayTablesOptionalWithoutProfileDay() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/1\n", "schools.csv": "id,name\na,A\n",
                                  "rooms.csv": "site,id,capacity\na,1,10\n"])
        let sc = try s.load().scenario
        #expect(sc.rooms.count == 1 && sc.students.isEmpty)
    }
}

@Suite("Errors in tables")
struct TableErrorTests {
    /// Loads the fixture with one file replaced and returns the errors.
    func errors(_ file: String, _ text: String) throws -> [Diagnostic] {
        try TempScenario(Fixture.with([file: text])).errors()
    }

    @Test func badIntegerWithLineAndColumn() throws {
        let e = try errors("students.csv", "id,school,grade,wants,choices\ns1,a,10,1,robotics\ns2,a,10,два,robotics\n")
        #expect(e.count == 1)
        #expect(e[0].description == "students.csv:3:4: error: column 'wants': expected a whole number ≥ 0, found \"два\"")
    }

    @Test func integerBelowMinimum() throws {
        let e = try errors("rooms.csv", "site,id,capacity\na,1,0\n")
        #expect(e.first?.description == "rooms.csv:2:3: error: column 'capacity': expected a whole number ≥ 1, found 0")
    }

    @Test func missingRequiredCell() throws {
        let e = try errors("rooms.csv", "site,id,capacity\na,1,\n")
        #expect(e.first?.description == "rooms.csv:2:3: error: column 'capacity': expected a whole number ≥ 1 (the seats), found an empty cell")
    }

    @Test func badYesNo() throws {
        let e = try errors("courses.csv", "id,remote\nrobotics,maybe\nchemistry,нет\n")
        #expect(e.count == 1)
        #expect(e[0].location == SetkaModel.SourceLocation(file: "courses.csv", line: 2, column: 2))
        #expect(e[0].field == "remote")
        #expect(e[0].message == "expected yes or no (also true/false, 1/0, да/нет), found \"maybe\"")
    }

    @Test func badKind() throws {
        let e = try errors("schools.csv", "id,name,kind,lat,lon\na,A,gymnasium,51,38\nb,B,school,51,38.1\nc,C,,51,38.2\n")
        #expect(e.count == 1)
        #expect(e[0].description == "schools.csv:2:3: error: column 'kind': expected one of school, kindergarten, additional, college, university, found \"gymnasium\"")
    }

    @Test func badNumbers() throws {
        let e = try errors("schools.csv", "id,name,lat,lon,score:math\na,A,91,38,50\nb,B,51.1,38.7,101\nc,C,51.1,abc,\n")
        #expect(e.first(containing: "latitude")?.location == SetkaModel.SourceLocation(file: "schools.csv", line: 2, column: 3))
        #expect(e.first(containing: "from 0 to 100")?.location == SetkaModel.SourceLocation(file: "schools.csv", line: 3, column: 5))
        #expect(e.first(containing: "longitude")?.location == SetkaModel.SourceLocation(file: "schools.csv", line: 4, column: 4))
    }

    @Test func emptyIdAndIdWithSpace() throws {
        let e = try errors("courses.csv", "id,title\n,Нет id\nmy course,С пробелом\nrobotics,R\nchemistry,C\n")
        #expect(e.first(containing: "expected an id, found an empty cell")?.location == SetkaModel.SourceLocation(file: "courses.csv", line: 2, column: 1))
        #expect(e.first(containing: "an id cannot contain spaces, found \"my course\"")?.location?.line == 3)
    }

    @Test func duplicateIds() throws {
        let e = try errors("courses.csv", "id\nrobotics\nchemistry\nrobotics\n")
        #expect(e.first?.description == "courses.csv:4:1: error: column 'id': duplicate id 'robotics' (already on line 2)")
        let rooms = try errors("rooms.csv", "site,id,capacity\na,101,30\nb,101,30\na,101,20\n")
        #expect(rooms.count == 1)
        #expect(rooms[0].description == "rooms.csv:4:2: error: column 'id': duplicate room id '101' at site 'a' (already on line 2)")
    }

    @Test func repeatedChoice() throws {
        let e = try errors("students.csv", "id,school,choices\ns1,a,robotics|chemistry|robotics\n")
        #expect(e.first?.description == "students.csv:2:3: error: column 'choices': course 'robotics' is listed twice in the choices; each course may appear once")
    }

    @Test func missingRequiredColumn() throws {
        let e = try errors("teachers.csv", "id,name,courses\nt1,A,robotics\n")
        #expect(e.count == 1)
        #expect(e[0].location == SetkaModel.SourceLocation(file: "teachers.csv", line: 1))
        #expect(e[0].message.hasPrefix("missing required column 'site'"))
    }

    @Test func missingRequiredFiles() throws {
        let s = try TempScenario(Fixture.files)
        try s.remove("rooms.csv")
        try s.remove("students.csv")
        let e = s.errors()
        #expect(e.count == 2)
        #expect(e.first(containing: "rooms.csv")?.location == SetkaModel.SourceLocation(file: "rooms.csv"))
        #expect(e.first(containing: "students.csv")?.message.contains("profile_day") == true)
        let noSchools = try TempScenario(["scenario.yaml": "format: setka/1\n"])
        #expect(noSchools.errors().first?.description.hasPrefix("schools.csv: error: missing file") == true)
    }

    @Test func missingFolderAndYaml() throws {
        let nowhere = URL(fileURLWithPath: "/nonexistent/setka/\(UUID().uuidString)")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(from: nowhere) }
        let s = try TempScenario(["schools.csv": "id,name\na,A\n"])
        #expect(s.errors().first?.message.contains("no scenario.yaml") == true)
    }

    @Test func directoryInPlaceOfAFileAndBinaryGarbage() throws {
        let s = try TempScenario(Fixture.files)
        try s.remove("rooms.csv")
        try FileManager.default.createDirectory(at: s.url.appendingPathComponent("rooms.csv"), withIntermediateDirectories: false)
        try s.write("courses.csv", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00])
        let e = s.errors()
        #expect(e.first(containing: "is a folder")?.location?.file == "rooms.csv")
        #expect(e.first(containing: "binary data")?.location?.file == "courses.csv")
    }

    @Test func emptyFileNeedsAHeader() throws {
        let e = try errors("teachers.csv", "")
        #expect(e.first?.description == "teachers.csv:1: error: the file is empty; it needs a header row with the column names")
    }

    @Test func everyErrorOfAFileIsCollected() throws {
        let students = """
        id,school,grade,wants,choices
        s1,a,ten,1,robotics
        ,a,10,1,robotics
        s3,a,10,-2,robotics|robotics
        s4,zz,10,1,nope
        """
        let e = try errors("students.csv", students)
        let lines = e.compactMap { $0.location?.line }
        #expect(e.count == 6)
        #expect(e.allSatisfy { $0.location?.file == "students.csv" })
        #expect(Set(lines) == [2, 3, 4, 5])
        #expect(e.first(containing: "unknown school 'zz'")?.location?.column == 2)
        #expect(e.first(containing: "unknown course 'nope'")?.location?.column == 5)
    }

    @Test func errorsOfSeveralFilesTogether() throws {
        let s = try TempScenario(Fixture.with([
            "rooms.csv": "site,id,capacity\na,1,x\n",
            "courses.csv": "id,min_size\nrobotics,0\nchemistry,1\n",
        ]))
        let files = Set(s.errors().compactMap { $0.location?.file })
        #expect(files == ["rooms.csv", "courses.csv"])
    }
}

@Suite("Loader details")
struct LoaderDetailTests {
    @Test func fileNameWithOtherCapitalsGetsAHint() throws {
        let s = try TempScenario(["scenario.yaml": "format: setka/1\n", "Schools.CSV": "id,name\na,A\n"])
        let e = try #require(s.errors().first)
        #expect(e.message.contains("there is 'Schools.CSV'"))
    }

    @Test func errorsComeInFileAndLineOrder() throws {
        let s = try TempScenario(Fixture.with([
            "students.csv": "id,school,choices\ns1,zz,robotics\ns2,a,nope\n",
            "rooms.csv": "site,id,capacity\nq,1,10\na,2,x\n",
            "scenario.yaml": Fixture.yaml + "\n  min_section_size: 0\n",
        ]))
        let order = s.errors().map { "\($0.location!.file):\($0.location!.line ?? 0)" }
        #expect(order == ["scenario.yaml:7", "rooms.csv:2", "rooms.csv:3", "students.csv:2", "students.csv:3"])
    }
}
