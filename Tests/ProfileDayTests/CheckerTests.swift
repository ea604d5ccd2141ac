import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

// One test per violation kind, each starting from the valid fixture (see CheckerFixture) and
// breaking exactly one thing; each asserts the full list of kinds found, so that a check that
// fires too eagerly fails as well as one that does not fire.

@Suite("Checker: valid timetable and objective")
struct CheckerValidTests {
    @Test func fixtureIsValid() {
        let report = CheckerFixture().check()
        #expect(report.violations.map(\.description) == [])
        #expect(report.isValid)
    }

    @Test func objectiveMatchesHandComputation() {
        let o = CheckerFixture().check().objective
        #expect(o.rankValue == 980)
        #expect(o.travelMinutes == 30)
        #expect(o.travelCost == 15)
        #expect(o.sectionCost == 25)
        #expect(o.value == 940)
        #expect(o.sections == 5)
        #expect(o.remoteSections == 1)
        #expect(o.teachersTeaching == 3)
        #expect(o.enrolments == 11)
        #expect(o.enrolmentsByRank == [6, 4, 1])
        #expect(o.enrolmentsOutsideChoices == 0)
        #expect(o.studentsFullyServed == 7)
        #expect(o.studentsPartlyServed == 0)
        #expect(o.studentsNotServed == 2)
        #expect(abs(o.meanTravelMinutes - 30.0 / 11.0) < 1e-12)
        #expect(o.maxTravelMinutes == 15)
        #expect(o.enrolmentsWithUnknownTravel == 0)
    }

    @Test func objectiveEvaluateAgreesWithChecker() {
        let f = CheckerFixture()
        #expect(ProfileDayObjective.evaluate(f.timetable, in: f.scenario) == f.check().objective)
    }

    @Test func partlyServedAndRankBeyondTheWeightList() {
        var f = CheckerFixture()
        f.unenrol("a1", "S3")  // a1 now has 1 of 2: partly served, objective loses 80
        let o = f.check().objective
        #expect(o.studentsPartlyServed == 1)
        #expect(o.studentsFullyServed == 6)
        #expect(o.value == 860)
        // A fourth choice takes the last rank value (60) again.
        #expect(ProfileDayWeights(rank: [100, 80, 60]).rankValue(3) == 60)
    }

    @Test func remoteEnrolmentNeedsNoTravelEvenWithoutTravelData() {
        var f = CheckerFixture()
        f.enrol("e1", "S3")  // e has no travel at all, but S3 is remote
        let report = f.check()
        #expect(report.isValid, "\(report.violations)")
        #expect(report.objective.value == 940 + 100)
        #expect(report.objective.enrolmentsWithUnknownTravel == 0)
    }

    @Test func reportIsCodable() throws {
        var f = CheckerFixture()
        f.teacher("T2") { $0.travels = false }
        let report = f.check()
        let data = try JSONEncoder().encode(report)
        let back = try JSONDecoder().decode(CheckReport.self, from: data)
        #expect(back == report)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"isValid\":false"))
        #expect(json.contains("\"rule\":\"H1\""))
    }
}

@Suite("Checker: H1 teacher")
struct CheckerTeacherTests {
    @Test func courseNotInTeachersList() {
        var f = CheckerFixture()
        f.teacher("T1") { $0.courses = ["math"] }
        let r = f.check()
        #expect(r.kinds == [.teacherCourseNotTaught])
        let v = try! #require(r.only(.teacherCourseNotTaught))
        #expect(v.rule == .teacher)
        #expect(v.message.contains("teacher T1") && v.message.contains("section S3") && v.message.contains("online"))
    }

    @Test func slotTeacherIsNotFree() {
        var f = CheckerFixture()
        f.teacher("T2") { $0.slots = ["1"] }
        let r = f.check()
        #expect(r.kinds == [.teacherSlotNotFree])
        let v = try! #require(r.only(.teacherSlotNotFree))
        #expect(v.rule == .teacher && v.teacher == "T2" && v.slot == "2")
        #expect(v.message.contains("teacher T2") && v.message.contains("section S4") && v.message.contains("slot 2"))
    }

    @Test func moreThanMaxSections() {
        var f = CheckerFixture()
        f.teacher("T1") { $0.maxSections = 1 }
        let r = f.check()
        #expect(r.kinds == [.teacherTooManySections])
        let v = try! #require(r.only(.teacherTooManySections))
        #expect(v.message.contains("teacher T1 teaches 2 sections (S1 and S3)") && v.message.contains("max_sections 1"))
    }

    @Test func maxSectionsDefaultsToNumberOfSlots() {
        var f = CheckerFixture()
        // T1 gets a third section (slot 2): 3 sections = 3 slots, still allowed.
        f.settings.minSectionSize = 0
        f.sections.append(Section(id: "S6", course: "online", teacher: "T1", site: nil, room: nil, slot: "2"))
        #expect(f.check().isValid, "\(f.check().violations)")
        // A fourth (slot 1, beside S1) is one too many, and double-books slot 1.
        f.sections.append(Section(id: "S7", course: "online", teacher: "T1", site: nil, room: nil, slot: "1"))
        let r = f.check()
        #expect(r.kinds == [.teacherTooManySections, .teacherTwoSectionsInSlot])
        #expect(r.only(.teacherTooManySections)!.message.contains("max_sections 3"))
    }

    @Test func twoSectionsInOneSlot() {
        var f = CheckerFixture()
        f.section("S3") { $0.slot = "1" }  // T1 now has S1 and S3 in slot 1, and so has a1
        let r = f.check()
        #expect(r.kinds == [.studentTwoSectionsInSlot, .teacherTwoSectionsInSlot])
        let v = try! #require(r.only(.teacherTwoSectionsInSlot))
        #expect(v.message == "teacher T1 teaches sections S1 and S3 in slot 1")
        #expect(v.sections == ["S1", "S3"] && v.slot == "1")
    }

    @Test func teacherWhoDoesNotTravel() {
        var f = CheckerFixture()
        f.teacher("T2") { $0.travels = false }
        let r = f.check()
        #expect(r.kinds == [.teacherDoesNotTravel])
        let v = try! #require(r.only(.teacherDoesNotTravel))
        #expect(v.message.contains("teacher T2") && v.message.contains("section S4 at a") && v.message.contains("own site b"))
    }

    @Test func teacherWhoDoesNotTravelMayTeachRemotely() {
        var f = CheckerFixture()
        f.teacher("T1") { $0.travels = false }  // T1's S3 is remote: fine
        #expect(f.check().isValid)
    }

    @Test func consecutiveSlotsTravelLongerThanGap() {
        var f = CheckerFixture()
        f.setTravel("a", "b", 25)  // T2: S5 at b in slot 1, S4 at a in slot 2, gap 20
        let r = f.check()
        #expect(r.kinds == [.teacherTravelTooLong])
        let v = try! #require(r.only(.teacherTravelTooLong))
        #expect(v.rule == .teacher && v.teacher == "T2" && v.sections == ["S5", "S4"])
        #expect(v.message.contains("takes 25 minutes but the break between the slots is 20 minutes"))
    }

    @Test func travelExactlyTheGapIsAllowed() {
        var f = CheckerFixture()
        f.setTravel("a", "b", 20 + 1e-12)  // within tolerance
        #expect(f.check().isValid)
    }

    @Test func remoteSectionCountsAtTeachersOwnSite() {
        var f = CheckerFixture()
        // T3 (site c) teaches a remote online section in slot 1, then S2 at c in slot 2: no trip.
        f.teacher("T3") { $0.courses = ["robo", "online"] }
        f.sections.append(Section(id: "S6", course: "online", teacher: "T3", site: nil, room: nil, slot: "1"))
        f.enrol("b2", "S6"); f.enrol("e1", "S6")
        f.student("b2") { $0.wants = 2 }
        #expect(f.check().isValid, "\(f.check().violations)")
        // T3 moved to site d: the remote section counts at d, 60 minutes from c > gap 20.
        f.teacher("T3") { $0.site = "d" }
        f.settings.visitingTeacherRule = false
        let r = f.check()
        #expect(r.kinds == [.teacherTravelTooLong])
        #expect(r.violations[0].message.contains("section S6 at d (remote) in slot 1 and section S2 at c in slot 2"))
    }

    @Test func unknownTravelBetweenTeachersSitesIsAViolation() {
        var f = CheckerFixture()
        f.setTravel("a", "b", nil)  // no row, no coordinates
        let r = f.check()
        #expect(r.kinds == [.travelUnknown])
        #expect(r.violations[0].rule == .teacher)
        #expect(r.violations[0].message.contains("travel time from b to a is not known"))
    }
}

@Suite("Checker: H2 room")
struct CheckerRoomTests {
    @Test func roomOfAnotherSite() {
        var f = CheckerFixture()
        f.section("S1") { $0.room = "ws" }  // ws is at c
        let r = f.check()
        #expect(r.kinds == [.roomNotAtSite])
        let v = try! #require(r.only(.roomNotAtSite))
        #expect(v.rule == .room && v.message.contains("room ws at a") && v.message.contains("at c"))
    }

    @Test func unknownRoomIsStructural() {
        var f = CheckerFixture()
        f.section("S1") { $0.room = "zz" }
        let r = f.check()
        #expect(r.kinds == [.unknownRoom])
        #expect(r.violations[0].rule == .structure && r.violations[0].message.contains("room zz"))
    }

    @Test func siteWithoutRoom() {
        var f = CheckerFixture()
        f.section("S1") { $0.room = nil }
        let r = f.check()
        #expect(r.kinds == [.roomMissing])
        #expect(r.violations[0].message == "section S1 at a has no room")
    }

    @Test func roomWithoutSite() {
        var f = CheckerFixture()
        f.section("S3") { $0.room = "r1" }
        let r = f.check()
        #expect(r.kinds == [.roomWithoutSite])
        #expect(r.violations[0].message.contains("section S3 names room r1 but no site"))
    }

    @Test func roomOfTheWrongKind() {
        var f = CheckerFixture()
        f.section("S1") { $0.room = "lab" }  // math needs a classroom; lab is free in slot 1
        let r = f.check()
        #expect(r.kinds == [.roomWrongKind])
        let v = try! #require(r.only(.roomWrongKind))
        #expect(v.message.contains("kind classroom") && v.message.contains("room lab at a is of kind chem"))
    }

    @Test func anyRoomKindFitsEveryRoom() {
        var f = CheckerFixture()
        f.course("math") { $0.roomKind = Course.anyRoomKind }
        f.section("S1") { $0.room = "lab" }
        #expect(f.check().isValid)
    }

    @Test func twoSectionsInOneRoomAndSlot() {
        var f = CheckerFixture()
        f.settings.visitingTeacherRule = false
        f.section("S5") { $0.site = "a" }  // S5 now shares a/r1 in slot 1 with S1
        let r = f.check()
        #expect(r.kinds == [.roomTwoSectionsInSlot])
        #expect(r.violations[0].message == "room r1 at a holds sections S1 and S5 in slot 1")
    }

    @Test func sameRoomIdAtTwoSitesIsNoClash() {
        // a/r1 and b/r1 both hold a section in slot 1 in the valid fixture.
        let f = CheckerFixture()
        #expect(f.sections.filter { $0.room == "r1" && $0.slot == "1" }.count == 2)
        #expect(f.check().isValid)
    }

    @Test func siteNotAmongCourseSites() {
        var f = CheckerFixture()
        f.course("robo") { $0.sites = ["b"] }
        let r = f.check()
        #expect(r.kinds == [.siteNotAllowedForCourse])
        #expect(r.violations[0].message.contains("section S2 of course robo is at c"))
    }

    @Test func remoteSectionOfACourseThatIsNotRemote() {
        var f = CheckerFixture()
        f.course("online") { $0.remote = false }
        let r = f.check()
        #expect(r.kinds == [.courseNotRemote])
        #expect(r.violations[0].rule == .room && r.violations[0].message.contains("section S3"))
    }
}

@Suite("Checker: H3 size")
struct CheckerSizeTests {
    @Test func tooFewStudents() {
        var f = CheckerFixture()
        f.unenrol("b2", "S2")
        let r = f.check()
        #expect(r.kinds == [.sectionTooSmall])
        #expect(r.violations[0].message == "section S2 of course robo has 1 student, fewer than the minimum 2")
    }

    @Test func courseMinimumOverridesDefault() {
        var f = CheckerFixture()
        f.course("math") { $0.minSize = 4 }
        let r = f.check()
        #expect(r.kinds == [.sectionTooSmall, .sectionTooSmall])
        #expect(r.violations.map { $0.sections } == [["S1"], ["S5"]])
    }

    @Test func tooManyStudentsForCourse() {
        var f = CheckerFixture()
        f.course("math") { $0.maxSize = 2 }
        let r = f.check()
        #expect(r.kinds == [.sectionTooLarge])
        #expect(r.violations[0].message.contains("section S1 of course math has 3 students, more than the maximum 2"))
    }

    @Test func tooManyStudentsForRoom() {
        var f = CheckerFixture()
        f.room("a", "r1") { $0.capacity = 2 }
        let r = f.check()
        #expect(r.kinds == [.sectionOverRoomCapacity])
        #expect(r.violations[0].message == "section S1 has 3 students, but room r1 at a seats 2")
    }
}

@Suite("Checker: H4 student")
struct CheckerStudentTests {
    @Test func courseNotChosen() {
        var f = CheckerFixture()
        f.student("a1") { $0.choices = ["math", "chem"] }
        let r = f.check()
        #expect(r.kinds == [.studentCourseNotChosen])
        #expect(r.violations[0].student == "a1" && r.violations[0].sections == ["S3"])
        // The objective gives it no rank value.
        #expect(r.objective.enrolmentsOutsideChoices == 1)
        #expect(r.objective.value == 940 - 80)
    }

    @Test func sameCourseTwice() {
        var f = CheckerFixture()
        f.settings.minSectionSize = 1
        f.student("a3") { $0.wants = 3 }
        f.sections.append(Section(id: "S6", course: "math", teacher: "T4", site: "a", room: "r1", slot: "3"))
        f.enrol("a3", "S6")
        let r = f.check()
        #expect(r.kinds == [.studentCourseTwice])
        #expect(r.violations[0].message == "student a3 takes course math more than once: sections S1 and S6")
    }

    @Test func twoSectionsInOneSlot() {
        var f = CheckerFixture()
        f.section("S3") { $0.slot = "2" }  // b1 has S2 and S3 in slot 2
        let r = f.check()
        #expect(r.kinds == [.studentTwoSectionsInSlot])
        #expect(r.violations[0].message == "student b1 attends sections S2 and S3 in slot 2")
    }

    @Test func moreThanWants() {
        var f = CheckerFixture()
        f.enrol("b2", "S3")  // b2 wants 1
        let r = f.check()
        #expect(r.kinds == [.studentTooManySections])
        #expect(r.violations[0].message == "student b2 attends 2 sections (S2 and S3) but wants 1")
    }

    @Test func wantsDefaultsToCoursesPerStudent() {
        var f = CheckerFixture()
        f.enrol("a1", "S4")  // a1 has no `wants`: 2 by default; now 3
        let r = f.check()
        #expect(r.kinds == [.studentTooManySections])
        #expect(r.violations[0].message.contains("student a1 attends 3 sections") && r.violations[0].message.contains("wants 2"))
    }

    @Test func tripLongerThanMax() {
        var f = CheckerFixture()
        f.settings.maxTripMinutes = 10
        let r = f.check()
        #expect(r.kinds == [.studentTripTooLong, .studentTripTooLong])
        #expect(r.violations.map { $0.student } == ["b1", "b2"])
        #expect(r.violations[0].message == "student b1 of b attends section S2 at c, 15 minutes away (max_trip_minutes 10)")
    }

    @Test func consecutiveSlotsTravelLongerThanGap() {
        var f = CheckerFixture()
        f.settings.slots[2].start = TimeOfDay("12:30")!  // gap 2→3 is now 10
        let r = f.check()
        #expect(r.kinds == [.studentTravelTooLong])
        let v = r.violations[0]
        #expect(v.rule == .student && v.student == "b1")
        // S3 is remote: it counts at b1's own school b, 15 minutes from c.
        #expect(v.message == "student b1 attends section S2 at c in slot 2 and section S3 at b (remote) in slot 3: the trip takes 15 minutes but the break between the slots is 10 minutes")
    }

    @Test func unknownTravelFromSchool() {
        var f = CheckerFixture()
        f.enrol("e1", "S1")  // e has no travel data; S1 is at a
        let r = f.check()
        #expect(r.kinds == [.travelUnknown])
        #expect(r.violations[0].rule == .student)
        #expect(r.violations[0].message.contains("student e1") && r.violations[0].message.contains("from their school e to a"))
        #expect(r.objective.enrolmentsWithUnknownTravel == 1)
    }
}

@Suite("Checker: H5 visiting teacher")
struct CheckerVisitingTeacherTests {
    @Test func visitorWithTooFewHostStudents() {
        var f = CheckerFixture()
        f.teacher("T3") { $0.site = "b" }  // T3 now visits c, where none of S2's students come from
        let r = f.check()
        #expect(r.kinds == [.visitingTeacherTooFewHostStudents])
        let v = r.violations[0]
        #expect(v.rule == .visitingTeacher && v.teacher == "T3" && v.site == "c")
        #expect(v.message.contains("section S2") && v.message.contains("visiting teacher T3 of b") && v.message.contains("only 0 of its 2 students are from c"))
    }

    @Test func withoutTheRuleVisitorsNeedNoHostStudents() {
        var f = CheckerFixture()
        f.teacher("T3") { $0.site = "b" }
        f.settings.visitingTeacherRule = false
        #expect(f.check().isValid)
    }

    @Test func visitorWithEnoughHostStudentsIsFine() {
        // T2 (site b) teaches S4 at a to a2 and a3, both from a: the valid fixture.
        let f = CheckerFixture()
        #expect(f.teachers[1].site == "b" && f.sections[3].site == "a")
        #expect(f.check().violations(of: .visitingTeacher).isEmpty)
    }

    @Test func remoteSectionIsNeverAVisit() {
        var f = CheckerFixture()
        // S3 is remote with students of a and b; even taught by T3 of c it is not a visit.
        f.teacher("T3") { $0.courses = ["robo", "online"] }
        f.section("S3") { $0.teacher = "T3" }
        #expect(f.check().isValid, "\(f.check().violations)")
    }
}

@Suite("Checker: structure")
struct CheckerStructureTests {
    @Test func unknownCourse() {
        var f = CheckerFixture()
        f.section("S2") { $0.course = "ballet" }
        let r = f.check()
        #expect(r.violations(of: .structure).map(\.kind) == [.unknownCourse])
        #expect(r.only(.unknownCourse)!.message == "section S2 is of course ballet, which is not in courses.csv")
        // The teacher does not teach it and the students did not choose it.
        #expect(r.kinds == [.studentCourseNotChosen, .studentCourseNotChosen, .teacherCourseNotTaught, .unknownCourse])
    }

    @Test func unknownTeacher() {
        var f = CheckerFixture()
        f.section("S2") { $0.teacher = "T9" }
        let r = f.check()
        #expect(r.kinds == [.unknownTeacher])
        #expect(r.violations[0].teacher == "T9" && r.violations[0].message.contains("teacher T9"))
    }

    @Test func unknownSite() {
        var f = CheckerFixture()
        f.section("S2") { $0.site = "zz" }
        let r = f.check()
        #expect(r.kinds == [.siteNotAllowedForCourse, .unknownSite])
        #expect(r.only(.unknownSite)!.message == "section S2 is at site zz, which is not in schools.csv")
    }

    @Test func unknownSlot() {
        var f = CheckerFixture()
        f.section("S2") { $0.slot = "9" }
        let r = f.check()
        #expect(r.kinds == [.unknownSlot])
        #expect(r.violations[0].slot == "9" && r.violations[0].message.contains("slot 9"))
    }

    @Test func unknownStudent() {
        var f = CheckerFixture()
        f.enrol("x1", "S1"); f.enrol("x1", "S2")
        let r = f.check()
        #expect(r.kinds == [.unknownStudent])
        #expect(r.violations[0].message == "student x1, enrolled in sections S1 and S2, is not in students.csv")
        // Unknown students still fill seats.
        f.enrol("x2", "S2")  // S2: b1, b2, x1, x2 = 4 = the maximum
        #expect(f.check().kinds.contains(.sectionTooLarge) == false)
        f.enrol("x3", "S2")
        #expect(f.check().kinds.contains(.sectionTooLarge))
    }

    @Test func duplicateSectionId() {
        var f = CheckerFixture()
        f.sections.append(Section(id: "S1", course: "online", teacher: "T1", site: nil, room: nil, slot: "2"))
        let r = f.check()
        #expect(r.kinds == [.duplicateSection, .sectionTooSmall])
        #expect(r.violations[0].message.contains("section id S1 is used by more than one section"))
    }

    @Test func enrolmentInUnknownSection() {
        var f = CheckerFixture()
        f.enrol("d1", "S99")
        let r = f.check()
        #expect(r.kinds == [.unknownSection])
        #expect(r.violations[0].message == "student d1 is enrolled in section S99, which is not in sections.csv")
        #expect(r.objective.value == 940)
    }

    @Test func duplicateEnrolment() {
        var f = CheckerFixture()
        f.enrol("a1", "S1")
        let r = f.check()
        #expect(r.kinds == [.duplicateEnrolment])
        #expect(r.violations[0].message == "student a1 is enrolled in section S1 more than once")
        #expect(r.objective.value == 940)  // counted once
    }

    @Test func duplicateEnrolmentOfUnknownStudent() {
        var f = CheckerFixture()
        f.enrol("x1", "S1"); f.enrol("x1", "S1")
        let r = f.check()
        #expect(r.kinds == [.duplicateEnrolment, .unknownStudent])
        #expect(r.only(.unknownStudent)!.message == "student x1, enrolled in section S1, is not in students.csv")
    }

    @Test func scenarioWithoutProfileDay() {
        var f = CheckerFixture()
        f.hasProfileDay = false
        let r = f.check()
        #expect(r.violations.first?.kind == .noProfileDay)
        #expect(r.kinds.filter { $0 == .unknownSlot }.count == 5)
    }
}

@Suite("Checker: scale")
struct CheckerScaleTests {
    /// A district of 20,000 students, 40,000 enrolments and 2,000 sections that keeps every rule:
    /// the checker must find it valid and add up the objective exactly.
    @Test func largeValidTimetable() {
        let (scenario, timetable) = CheckerScale.district()
        let report = ProfileDayChecker.check(timetable, in: scenario)
        #expect(report.violations.prefix(5).map(\.description) == [])
        #expect(report.objective.enrolments == 40_000)
        #expect(report.objective.sections == 2_000)
        #expect(report.objective.studentsFullyServed == 20_000)
        // Everyone gets choices 1 and 2 at their own school: 40,000 × … no travel.
        #expect(report.objective.value == 20_000 * (100 + 80) - 2_000 * 5)
    }
}

/// Builds the large district used by the scale test (and by the benchmark in the report).
enum CheckerScale {
    /// 200 schools × 100 students; each school has 5 rooms and 5 teachers; courses c0…c9; in
    /// slot 1 the school's 5 rooms hold c(2j) and in slot 2 c(2j+1), 20 students each; every
    /// student takes two courses, one per slot, both at their own school.
    static func district() -> (Scenario, Timetable) {
        let slots = [Slot(id: "1", start: TimeOfDay("09:00")!, end: TimeOfDay("10:30")!),
                     Slot(id: "2", start: TimeOfDay("10:50")!, end: TimeOfDay("12:20")!)]
        let settings = ProfileDaySettings(slots: slots, minSectionSize: 10, maxSectionSize: 25)
        var orgs: [Organisation] = [], rooms: [Room] = [], teachers: [Teacher] = []
        var students: [Student] = [], sections: [Section] = [], enrolments: [Enrolment] = []
        let courses = (0..<10).map { Course(id: "c\($0)") }
        for s in 0..<200 {
            let school = "s\(s)"
            orgs.append(Organisation(id: school, name: "School \(s)",
                                     latitude: 51 + Double(s % 20) * 0.01, longitude: 39 + Double(s / 20) * 0.01))
            for j in 0..<5 {
                rooms.append(Room(site: school, id: "r\(j)", capacity: 30))
                teachers.append(Teacher(id: "t\(s)-\(j)", site: school, courses: ["c\(2 * j)", "c\(2 * j + 1)"]))
                for slot in 0..<2 {
                    sections.append(Section(id: "x\(s)-\(j)-\(slot)", course: "c\(2 * j + slot)",
                                            teacher: "t\(s)-\(j)", site: school, room: "r\(j)", slot: slots[slot].id))
                }
            }
            for p in 0..<100 {
                let j = p / 20
                let id = "p\(s)-\(p)"
                students.append(Student(id: id, school: school, choices: ["c\(2 * j)", "c\(2 * j + 1)", "c\((2 * j + 2) % 10)"]))
                enrolments.append(Enrolment(student: id, section: "x\(s)-\(j)-0"))
                enrolments.append(Enrolment(student: id, section: "x\(s)-\(j)-1"))
            }
        }
        let scenario = Scenario(name: "scale", profileDay: settings, organisations: orgs, rooms: rooms,
                                teachers: teachers, courses: courses, students: students)
        return (scenario, Timetable(sections: sections, enrolments: enrolments))
    }
}
