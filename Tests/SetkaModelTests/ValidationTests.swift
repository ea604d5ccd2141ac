import Foundation
import Testing
@testable import SetkaModel

@Suite("Validation across tables")
struct ValidationTests {
    func errors(_ changes: [String: String]) throws -> [Diagnostic] {
        try TempScenario(Fixture.with(changes)).errors()
    }

    func warnings(_ changes: [String: String]) throws -> [Diagnostic] {
        try TempScenario(Fixture.with(changes)).load().warnings
    }

    @Test func danglingRoomSite() throws {
        let e = try errors(["rooms.csv": Fixture.rooms + "\nzz,1,10,classroom\n"])
        #expect(e.count == 1)
        #expect(e[0].description == "rooms.csv:6:1: error: column 'site': unknown organisation 'zz' (not an id in schools.csv)")
    }

    @Test func danglingTeacherSiteCourseAndSlot() throws {
        let e = try errors(["teachers.csv": "id,site,courses,slots\nt1,zz,robotics|astronomy,1|7\n"])
        #expect(e.count == 3)
        #expect(e.first(containing: "unknown organisation 'zz'")?.location == SetkaModel.SourceLocation(file: "teachers.csv", line: 2, column: 2))
        #expect(e.first(containing: "unknown course 'astronomy'")?.location?.column == 3)
        let slot = try #require(e.first(containing: "unknown slot '7'"))
        #expect(slot.location?.column == 4)
        #expect(slot.message.contains("1, 2"))
    }

    @Test func danglingStudentSchoolAndChoice() throws {
        let e = try errors(["students.csv": Fixture.students + "s99,nowhere,10,,robotics|astronomy\n"])
        #expect(e.count == 2)
        #expect(e.first(containing: "unknown school 'nowhere'")?.location == SetkaModel.SourceLocation(file: "students.csv", line: 14, column: 2))
        #expect(e.first(containing: "unknown course 'astronomy'")?.location == SetkaModel.SourceLocation(file: "students.csv", line: 14, column: 5))
    }

    @Test func danglingCourseSite() throws {
        let e = try errors(["courses.csv": "id,sites\nrobotics,a|zz\nchemistry,a\n"])
        #expect(e.count == 1)
        #expect(e[0].description == "courses.csv:2:2: error: column 'sites': unknown organisation 'zz' (not an id in schools.csv)")
    }

    @Test func danglingTravelEnds() throws {
        let e = try errors(["travel.csv": "from,to,minutes\na,b,10\nq,a,5\na,r,7\n"])
        #expect(e.count == 2)
        #expect(e.first(containing: "'q'")?.location == SetkaModel.SourceLocation(file: "travel.csv", line: 3, column: 1))
        #expect(e.first(containing: "'r'")?.location == SetkaModel.SourceLocation(file: "travel.csv", line: 4, column: 2))
    }

    @Test func danglingAndInvalidPartneringPairs() throws {
        let yaml = """
        format: setka/1
        partnering:
          - name: R
            recipients: {low_results: yes}
            providers: {low_results: no}
            fixed: [[b, ghost], [a, c]]
            forbidden: [[b, b], [b, a]]
          - recipients: {low_results: yes}
            providers: {low_results: no}
            fixed: [[b, a]]
            forbidden: [[b, a]]
        """
        let s = try TempScenario(["scenario.yaml": yaml, "schools.csv": Fixture.schools])
        let e = s.errors()
        #expect(e.first(containing: "unknown organisation 'ghost'")?.location == SetkaModel.SourceLocation(file: "scenario.yaml", line: 6, column: 13))
        #expect(e.first(containing: "'a' is not a recipient of this rule")?.location?.line == 6)
        #expect(e.first(containing: "'b' is not a provider")?.location?.line == 7)
        #expect(e.first(containing: "cannot be its own partner")?.location?.line == 7)
        #expect(e.first(containing: "both fixed and forbidden")?.message.contains("rule 2") == true)
    }

    @Test func courseSizesWithProfileDayDefaults() throws {
        let e = try errors(["courses.csv": "id,min_size\nrobotics,30\nchemistry,\n"])
        #expect(e.first?.description == "courses.csv:2:2: error: column 'min_size': course 'robotics': min_size 30 is larger than max_size 25 (profile_day default)")
    }

    @Test func warningsForTeachersCoursesAndDemand() throws {
        let w = try warnings([
            "teachers.csv": "id,site,courses,max_sections,slots\nt1,a,chemistry,0,\nt2,b,chemistry,2,\"\"\n",
            "courses.csv": "id,room_kind,remote,min_size\nrobotics,any,,\nchemistry,chemistry-lab,,\ngardening,greenhouse,,\nyoga,gym,yes,\nchess,,,20\n",
            "students.csv": "id,school,choices\ns1,a,robotics|chess\n",
        ])
        #expect(w.first(containing: "max_sections 0")?.location == SetkaModel.SourceLocation(file: "teachers.csv", line: 2, column: 4))
        #expect(w.first(containing: "course 'robotics' has no teacher") != nil)
        #expect(w.first(containing: "course 'chemistry' has no teacher") == nil)
        // A non-remote course with no room of its kind warns; a remote one does not.
        #expect(w.first(containing: "course 'gardening' cannot be held: there is no room of kind 'greenhouse' at any organisation") != nil)
        #expect(w.first(containing: "course 'gardening' cannot be held")?.message.contains("'greenhouse'") == true)
        #expect(w.first(containing: "course 'yoga' cannot be held") == nil)
        #expect(w.first(containing: "course 'gardening': no student chose it") != nil)
        #expect(w.first(containing: "course 'chess': only 1 student in the district chose it, fewer than its minimum of 20") != nil)
        #expect(w.first(containing: "course 'robotics': only 1 student") != nil)
    }

    @Test func roomKindAnyMeansEveryRoomAndSitesRestrictHosts() throws {
        let w = try warnings(["courses.csv": "id,room_kind,sites\nrobotics,any,c\nchemistry,chemistry-lab,b\n"])
        #expect(w.first(containing: "course 'robotics' cannot be held") == nil)      // c has a workshop: any room will do
        #expect(w.first(containing: "course 'chemistry' cannot be held") != nil)     // b has no lab
    }

    @Test func studentsWithNoReachableChoice() throws {
        // School far away (about 300 km): its students can reach no host within 60 minutes.
        let schools = Fixture.schools + "\nfar,Far School,school,54.0,38.65,no,0,\n"
        let students = Fixture.students + "f1,far,10,,chemistry\nf2,far,10,,robotics|chemistry\n"
        let w = try warnings(["schools.csv": schools, "students.csv": students])
        let u = try #require(w.first(containing: "of 'far'"))
        #expect(u.message.hasPrefix("2 students of 'far' ('f1', 'f2') chose no course"))
        #expect(u.location?.line == 14)
        // A remote course counts as reachable.
        let remote = try warnings(["schools.csv": schools, "students.csv": students,
                                   "courses.csv": "id,room_kind,remote\nrobotics,any,yes\nchemistry,chemistry-lab,no\n"])
        let r = try #require(remote.first(containing: "of 'far'"))
        #expect(r.message.hasPrefix("1 student of 'far' ('f1')"))
        // An explicit travel row brings a far site within reach.
        let travel = try warnings(["schools.csv": schools, "students.csv": students,
                                   "travel.csv": "from,to,minutes\nfar,a,50\n"])
        #expect(travel.first(containing: "of 'far'") == nil)
    }

    @Test func missingTravelPairIsAnErrorNamingTheOrganisations() throws {
        let schools = Fixture.schools + "\nnocoord,Школа без координат,school,,,no,0,\n"
        let students = Fixture.students + "n1,nocoord,10,,chemistry\n"
        let e = try errors(["schools.csv": schools, "students.csv": students])
        #expect(e.count == 1)
        let d = e[0]
        #expect(d.location == SetkaModel.SourceLocation(file: "schools.csv", line: 5, column: 4))
        #expect(d.message.contains("'nocoord' (Школа без координат)"))
        #expect(d.message.contains("'a'"))   // chemistry is held only at a
        // With the travel row it loads.
        let ok = try TempScenario(Fixture.with(["schools.csv": schools, "students.csv": students,
                                                "travel.csv": "from,to,minutes\na,nocoord,25\n"]))
        #expect(try ok.load().scenario.minutes(from: "nocoord", to: "a") == 25)
    }

    @Test func missingTravelForPartneringCandidates() throws {
        let yaml = "format: setka/1\npartnering:\n  - {recipients: {low_results: yes}, providers: {kind: school, low_results: no}}\n"
        let schools = "id,name,lat,lon,low_results\nr,R,,,yes\np1,P1,51,38,no\np2,P2,51.1,38.1,no\n"
        let s = try TempScenario(["scenario.yaml": yaml, "schools.csv": schools])
        let e = s.errors()
        #expect(e.count == 1)
        #expect(e[0].message.contains("2 organisations"))
        #expect(e[0].message.contains("partnering rule 'rule 1'"))
        try s.write("travel.csv", "from,to,minutes\nr,p1,10\np2,r,12\n")
        let sc = try s.load().scenario
        #expect(sc.minutes(from: "p1", to: "r") == 10)
        #expect(sc.minutes(from: "r", to: "p2") == 12)
    }

    @Test func travelFromTableBothDirectionsAndReverseRow() throws {
        let s = try TempScenario(Fixture.with(["travel.csv": "from,to,minutes\na,b,17\nb,c,30\nc,b,33,5\na,c,\"12,5\"\n"]))
        // (the row "c,b,33,5" has an extra cell: 33 is the minutes)
        let loaded = try s.load()
        let sc = loaded.scenario
        let extra = try #require(loaded.warnings.first(containing: "more cells than the header"))
        #expect(extra.location == SetkaModel.SourceLocation(file: "travel.csv", line: 4, column: 4))
        #expect(extra.message.contains("\"5\""))
        #expect(sc.minutes(from: "a", to: "b") == 17)
        #expect(sc.minutes(from: "b", to: "a") == 17)      // reverse of a single row
        #expect(sc.minutes(from: "b", to: "c") == 30)      // both rows given: each its own
        #expect(sc.minutes(from: "c", to: "b") == 33)
        #expect(sc.minutes(from: "a", to: "c") == 12.5)    // decimal comma
        #expect(sc.minutes(from: "a", to: "a") == 0)
    }

    @Test func travelFromCoordinatesIsHaversine() throws {
        // Moscow (55.7558, 37.6173) – Saint Petersburg (59.9343, 30.3351): 633.02 km by haversine
        // on a 6371 km sphere (computed independently).
        let schools = "id,name,lat,lon\nmsk,Москва,55.7558,37.6173\nspb,Петербург,59.9343,30.3351\n"
        let s = try TempScenario(["scenario.yaml": "format: setka/1\ntravel: {speed_kmh: 60, road_factor: 1.0}\n",
                                  "schools.csv": schools])
        let sc = try s.load().scenario
        let km = TravelTimes.greatCircleKm(55.7558, 37.6173, 59.9343, 30.3351)
        #expect(abs(km - 633.02) < 0.01)
        let minutes = try #require(sc.minutes(from: "msk", to: "spb"))
        #expect(abs(minutes - km) < 1e-9)  // 60 km/h, factor 1: one minute per km
        #expect(sc.minutes(from: "spb", to: "msk") == minutes)
    }

    @Test func fixtureHasNoWarningsAboutReachability() throws {
        let w = try TempScenario(Fixture.files).load().warnings
        #expect(w.first(containing: "chose no course") == nil)
        #expect(w.first(containing: "no travel time") == nil)
    }
}

@Suite("Partnering and demand warnings")
struct WarningTests {
    @Test func partneringRuleWarnings() throws {
        let yaml = """
        format: setka/1
        partnering:
          - name: kindergartens
            recipients: {kind: kindergarten}
            providers: {kind: school}
          - name: tight
            recipients: {low_results: yes}
            providers: {kind: additional}
            partners_per_recipient: 2
            subjects: [math, physics]
        """
        let w = try TempScenario(["scenario.yaml": yaml, "schools.csv": Fixture.schools]).load().warnings
        #expect(w.first(containing: "rule 'kindergartens' selects no recipients (kind kindergarten)")?.location?.line == 3)
        #expect(w.first(containing: "rule 'tight': 1 recipient needs 2 partner places but the providers' partner_capacity adds up to 1") != nil)
        let physics = try #require(w.first(containing: "subject 'physics' has no column 'score:physics'"))
        #expect(physics.location == SetkaModel.SourceLocation(file: "scenario.yaml", line: 10, column: 22))
        #expect(w.first(containing: "subject 'math'") == nil)
    }

    @Test func tooManyFixedPartners() throws {
        let yaml = """
        format: setka/1
        partnering:
          - recipients: {low_results: yes}
            providers: {low_results: no}
            fixed: [[b, a], [b, c]]
        """
        let e = try TempScenario(["scenario.yaml": yaml, "schools.csv": Fixture.schools]).errors()
        #expect(e.first(containing: "'b' has 2 fixed partners but partners_per_recipient is 1") != nil)
    }

    @Test func studentsWantingMoreThanTheyChose() throws {
        let students = "id,school,wants,choices\ns1,a,3,robotics|chemistry\ns2,a,,robotics\ns3,a,1,robotics\n"
        let w = try TempScenario(Fixture.with(["students.csv": students])).load().warnings
        let d = try #require(w.first(containing: "chose fewer courses than they want"))
        #expect(d.message.hasPrefix("2 students"))
        #expect(d.message.contains("'s1', 's2'"))
        #expect(d.location?.line == 2)
    }

    @Test func unclosedQuoteIsReportedWithItsPlace() throws {
        let e = try TempScenario(Fixture.with(["courses.csv": "id,title\nrobotics,\"Робототехника\nchemistry,Химия\n"])).errors()
        let d = try #require(e.first(containing: "never closed"))
        #expect(d.location == SetkaModel.SourceLocation(file: "courses.csv", line: 2, column: 2))
    }
}

@Suite("Travel coverage at scale")
struct TravelCoverageTests {
    @Test func manyOrganisationsWithoutCoordinatesAreSummedUp() throws {
        var schools = "id,name,low_results\n"
        for i in 0..<60 { schools += "o\(i),Школа \(i),\(i % 3 == 0 ? "yes" : "no")\n" }
        let yaml = "format: setka/1\npartnering:\n  - {recipients: {low_results: yes}, providers: {low_results: no}}\n"
        let e = try TempScenario(["scenario.yaml": yaml, "schools.csv": schools]).errors()
        // 20 organisations named one by one, then one summary line.
        #expect(e.count == ScenarioValidator.travelErrorsListed + 1)
        let first = try #require(e.first)
        #expect(first.message.hasPrefix("no travel time between 'o0' (Школа 0) and 40 organisations"))
        #expect(first.message.contains("'o1', 'o2', 'o4', 'o5', 'o7' and 35 more"))
        let summary = try #require(e.last)
        // o58 and o59 have only pairs already reported under lower rows: 58 organisations are reported.
        #expect(summary.message.hasPrefix("\(58 - ScenarioValidator.travelErrorsListed) more organisations without coordinates"))
        #expect(summary.message.contains("the first of them is 'o20'"))
        #expect(summary.location?.line == 22)
    }

    @Test func aPairWithoutCoordinatesAtBothEndsIsReportedOnce() throws {
        let schools = "id,name,lat,lon,low_results\nr,R,,,yes\np,P,,,no\nq,Q,51,38,no\n"
        let yaml = "format: setka/1\npartnering:\n  - {recipients: {low_results: yes}, providers: {low_results: no}}\n"
        let e = try TempScenario(["scenario.yaml": yaml, "schools.csv": schools]).errors()
        #expect(e.count == 1)
        #expect(e[0].message.contains("'r' (R) and 2 organisations"))
    }
}

@Suite("Hints")
struct HintTests {
    @Test func idsDifferingInCapitalsGetADidYouMean() throws {
        let e = try TempScenario(Fixture.with(["students.csv": "id,school,choices\ns1,A,Robotics\n"])).errors()
        #expect(e.first(containing: "unknown school 'A'")?.message.contains("did you mean 'a'?") == true)
        #expect(e.first(containing: "unknown course 'Robotics'")?.message.contains("did you mean 'robotics'?") == true)
    }

    @Test func forbiddenPairNeedsNoTravelTime() throws {
        let schools = "id,name,lat,lon,low_results\nr,R,,,yes\np,P,51,38,no\n"
        let yaml = "format: setka/1\npartnering:\n  - {recipients: {low_results: yes}, providers: {low_results: no}, forbidden: [[r, p]]}\n"
        let loaded = try TempScenario(["scenario.yaml": yaml, "schools.csv": schools]).load()
        #expect(loaded.scenario.partnering[0].forbidden == [PartnerPair(recipient: "r", provider: "p")])
    }
}
