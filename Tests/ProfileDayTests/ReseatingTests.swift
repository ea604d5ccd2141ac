import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// The re-seating (`Reseating`, `Search.reseat`): students' days re-decided at once with the
/// sections where they are.
@Suite struct ReseatingTests {
    /// Small districts where every third student left the sections they could leave and the
    /// others took the seats by best response: re-seating everyone gives a better day whose
    /// running objective is the recomputed one and which keeps every rule (the independent
    /// checker), with the same sections open.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func reseatingEveryoneImprovesAndKeepsTheRules(seed: UInt64) throws {
        let scenario = RandomDistrict.make(seed: seed, schools: 6, students: 120, courses: 8)
        let p = try ProblemIndex(scenario)
        let search = Search(p)
        var state = try search.construct()
        state.everyThirdStudentLeaves()
        for s in 0..<p.students.count where s % 3 != 0 { _ = state.bestResponse(s) }
        let better = try #require(search.reseat(state, timeLimit: 30), "re-seating found nothing better")
        #expect(better.objective > state.objective + Tolerance.value)
        #expect(abs(better.recomputedObjective() - better.objective) < 1e-6)
        #expect(better.openCount == state.openCount)
        let report = ProfileDayChecker.check(better.timetable(), in: scenario)
        #expect(report.isValid, "\(report.violations.prefix(5))")
        #expect(abs(report.objective.value - better.recomputedObjective()) < 1e-6)
    }

    /// Student 0 gets a seat in c0 only when one of c0's students moves to c1 and one of c1's to
    /// c2: a chain of two moves, each of which alone loses. No best response or seat chain finds
    /// it; the re-seating does.
    @Test func aChainOfTwoMovesThatNoSeatChainFinds() throws {
        let (scenario, start, search, k) = try ChainDay.make()
        var tried = start
        let responded = tried.bestResponse(0)
        #expect(!responded)
        let chained = tried.seatChain(0)
        #expect(!chained, "a member of c0 has no seat to go to")
        let better = try #require(search.reseat(start, timeLimit: 30))
        #expect(better.section(ofStudent: 0, slot: 0) == k[0])
        #expect(better.sections[k[0]].members.count == 2)
        #expect(better.sections[k[1]].members.count == 2)
        #expect(better.sections[k[2]].members.count == scenario.students.count - 5 + 1)
        // Student 0's first choice less two students down from a first to a second choice.
        let p = search.p
        #expect(abs(better.objective - start.objective - (p.rankValue(0) - 2 * (p.rankValue(0) - p.rankValue(1)))) < 1e-6)
        #expect(ProfileDayChecker.check(better.timetable(), in: scenario).isValid)
    }

    /// Students who may not leave their section (held, as for pins) keep their seats: with both
    /// of c1's students held, the chain is closed and nothing better is found; with one held,
    /// the other moves.
    @Test func heldStudentsStay() throws {
        let (_, start, search, k) = try ChainDay.make()
        var bothHeld = start
        bothHeld.pins.hold(3, in: k[1])
        bothHeld.pins.hold(4, in: k[1])
        let model = try #require(Reseating(bothHeld, maxColumns: .max))
        #expect(!model.students.contains(3) && !model.students.contains(4))
        #expect(search.reseat(bothHeld, timeLimit: 30) == nil)
        var oneHeld = start
        oneHeld.pins.hold(3, in: k[1])
        let better = try #require(search.reseat(oneHeld, timeLimit: 30))
        #expect(better.section(ofStudent: 3, slot: 0) == k[1])
        #expect(better.section(ofStudent: 4, slot: 0) == k[2])
        #expect(better.section(ofStudent: 0, slot: 0) == k[0])
    }

    /// Only the chosen students move; the others keep their seats.
    @Test func onlyTheChosenStudentsMove() throws {
        let (_, start, search, k) = try ChainDay.make()
        // Without 3 and 4 the chain cannot close.
        #expect(search.reseat(start, students: [0, 1, 2], timeLimit: 30) == nil)
        let better = try #require(search.reseat(start, students: [0, 1, 2, 3, 4], timeLimit: 30))
        #expect(better.section(ofStudent: 0, slot: 0) == k[0])
        for s in 5..<search.p.students.count { #expect(better.section(ofStudent: s, slot: 0) == k[2]) }
    }

    /// Travel between consecutive slots (H4): student 0 of sch0 wants two electives and chose
    /// c0, c1, c2; c0 is held in slot 1 at sch0, c1 in slot 2 at sch1 (within the trip limit, but
    /// out of reach in the break after slot 1) and c2 in slot 2 at sch0. Student 0 sits in c0,
    /// students 1 and 2 keep c1 and c2 open. Re-seating student 0 adds c2, not the better-valued
    /// c1, and so does the re-seating of all three.
    @Test func aSeatOutOfReachAfterTheSlotBeforeIsNotTaken() throws {
        var scenario = RandomDistrict.make(seed: 7, schools: 2, students: 3, courses: 3, slots: 2, visitingRule: false)
        scenario.travelEntries = [TravelEntry(from: "sch0", to: "sch1", minutes: 40), TravelEntry(from: "sch0", to: "cdo", minutes: 40),
                                  TravelEntry(from: "sch1", to: "cdo", minutes: 40)]
        scenario.courses = (0..<3).map { Course(id: "c\($0)", minSize: 1, maxSize: 5) }
        scenario.teachers = [Teacher(id: "t0", site: "sch0", courses: ["c0"]), Teacher(id: "t1", site: "sch1", courses: ["c1"]),
                             Teacher(id: "t2", site: "sch0", courses: ["c2"])]
        scenario.rooms = [Room(site: "sch0", id: "r0", capacity: 30), Room(site: "sch0", id: "r1", capacity: 30),
                          Room(site: "sch1", id: "r0", capacity: 30)]
        scenario.students = [Student(id: "st0", school: "sch0", wants: 2, choices: ["c0", "c1", "c2"]),
                             Student(id: "st1", school: "sch1", wants: 1, choices: ["c1"]),
                             Student(id: "st2", school: "sch0", wants: 1, choices: ["c2"])]
        let p = try ProblemIndex(scenario)
        let search = Search(p)
        var state = ScheduleState(p)
        func open(_ c: Int, slot: Int) throws -> Int {
            let tpl = try #require(search.templatesOfCourse[c].map { search.templates[$0] }.first { $0.site >= 0 })
            return state.open(tpl, slot: slot, room: try #require(state.freeRooms(site: tpl.site, course: c, slot: slot).first))
        }
        let k = [try open(0, slot: 0), try open(1, slot: 1), try open(2, slot: 1)]
        state.enrol(0, in: k[0])
        state.enrol(1, in: k[1])
        state.enrol(2, in: k[2])
        let (sch0, sch1) = (state.sections[k[0]].site, state.sections[k[1]].site)
        try #require(p.withinTrip(from: sch0, to: sch1) && !p.travelFits(from: sch0, to: sch1, afterSlot: 0))
        // Without the travel rule c1 would be student 0's better second seat.
        try #require(p.searchValue(student: 0, rank: 1, site: sch1, slot: 1) > p.searchValue(student: 0, rank: 2, site: sch0, slot: 1))
        for students in [Set([0]), nil] {
            let better = try #require(search.reseat(state, students: students, timeLimit: 30))
            #expect(better.section(ofStudent: 0, slot: 0) == k[0])
            #expect(better.section(ofStudent: 0, slot: 1) == k[2])
            let report = ProfileDayChecker.check(better.timetable(), in: scenario)
            #expect(report.isValid, "\(report.violations.prefix(5))")
        }
    }

    /// The worker's pick of students (`reseatStudents`): within its seats, all of the course's
    /// choosers when they fit, and those the course could serve better first when they do not.
    @Test func theStudentsToReseatKeepWithinTheirSeats() throws {
        let scenario = RandomDistrict.make(seed: 2, schools: 6, students: 120, courses: 8)
        let p = try ProblemIndex(scenario)
        let search = Search(p)
        let state = try search.construct()
        func seats(_ students: Set<Int>) -> Int { students.reduce(0) { $0 + Reseating.columns(state, student: $1) } }
        let course = try #require((0..<p.courses.count).max { p.choosers[$0].count < p.choosers[$1].count })
        var rng = SplitMix64(seed: 1)
        let all = search.reseatStudents(state, courses: [course], columns: .max, rng: &rng)
        #expect(all == Set(p.choosers[course].map(\.student)))
        let budget = seats(all) / 3
        let some = search.reseatStudents(state, courses: [course], columns: budget, rng: &rng)
        #expect(!some.isEmpty && some.count < all.count)
        #expect(seats(some) <= budget)
        let interested = Set(p.choosers[course].filter { state.isShort($0.student) || state.studentRanks[$0.student] >> UInt64($0.rank) != 0 }.map(\.student))
        if seats(interested) > budget { #expect(some.isSubset(of: interested)) }
    }
}
