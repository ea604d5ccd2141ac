import Foundation
import Testing
import LinearProgramming
import SetkaModel
@testable import ProfileDay

/// Every relaxation `RelaxationBound` may answer with is an upper bound: on tiny districts, none
/// is below the best of every timetable (found by brute force, judged by the checker alone), and
/// the course-level model with students of equal choices together is never looser than the one
/// with a school's students together (its blocks split the school's).
@Suite struct RelaxationBoundTests {
    @Test("the tighter of two bounds: the lower value, the first on a tie, one with a value over one without")
    func tighterBound() {
        typealias R = UpperBound.Result
        let low = R(value: 10, method: .relaxationPlaces), high = R(value: 12, method: .perStudent)
        let tie = R(value: 10, method: .perStudentMIP), none = R(value: nil, method: .none)
        #expect(R.tighter(low, high)?.method == .relaxationPlaces)
        #expect(R.tighter(high, low)?.method == .relaxationPlaces)
        #expect(R.tighter(low, tie)?.method == .relaxationPlaces)
        #expect(R.tighter(tie, low)?.method == .perStudentMIP)
        #expect(R.tighter(none, high)?.method == .perStudent)
        #expect(R.tighter(high, none)?.method == .perStudent)
        #expect(R.tighter(nil, high)?.method == .perStudent)
        #expect(R.tighter(high, nil)?.method == .perStudent)
        #expect(R.tighter(none, nil)?.method == BoundMethod.none)
        #expect(R.tighter(nil, nil) == nil)
    }

    /// GLPK's proven bound on a model (the optimum of its LP relaxation when `linear`).
    static func bound(_ model: Model, linear: Bool) throws -> Double {
        var options = SolverOptions()
        options.timeLimit = 30
        let solution = try Solver.solve(linear ? model.linearRelaxation() : model, options: options)
        #expect(solution.status == .optimal)
        return try #require(solution.bound)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func everyRelaxationBoundsTheOptimum(seed: UInt64) throws {
        let scenario = ExhaustiveTests.tiny(seed: seed)
        guard let optimum = ExhaustiveTests.bruteForce(scenario) else {
            Issue.record("search space too large for seed \(seed)")
            return
        }
        let p = try ProblemIndex(scenario)
        let search = Search(p)
        let places = try #require(RelaxationBound.model(p, search, maxColumns: .max))
        let schoolPlaces = try #require(RelaxationBound.model(p, search, students: .perSchool, maxColumns: .max))
        let equalCourses = try #require(RelaxationBound.courseLevelModel(p, search, students: .equalChoices, maxColumns: .max))
        let schoolCourses = try #require(RelaxationBound.courseLevelModel(p, search, students: .perSchool, maxColumns: .max))
        let bounds: [(String, Double)] = [
            ("places MIP", try Self.bound(places, linear: false)),
            ("places LP", try Self.bound(places, linear: true)),
            ("school places MIP", try Self.bound(schoolPlaces, linear: false)),
            ("equal-choice courses MIP", try Self.bound(equalCourses, linear: false)),
            ("equal-choice courses LP", try Self.bound(equalCourses, linear: true)),
            ("school courses LP", try Self.bound(schoolCourses, linear: true)),
        ]
        for (name, value) in bounds {
            #expect(value >= optimum - 1e-6, "seed \(seed): \(name) \(value) below the optimum \(optimum)")
        }
        #expect(bounds[4].1 <= bounds[5].1 + 1e-6, "seed \(seed): equal choices \(bounds[4].1) looser than per school \(bounds[5].1)")
        #expect(bounds[1].1 >= bounds[0].1 - 1e-6, "seed \(seed): an LP relaxation below its MIP")

        // Whole sections by Lagrangian relaxation from the LP's duals: never below the places
        // MIP (every multiplier gives an upper bound of it), never above the LP it starts from.
        let (model, structure, rows) = try #require(RelaxationBound.placesModel(p, search, maxColumns: .max))
        var options = SolverOptions()
        options.timeLimit = 30
        let lp = try Solver.solve(model.linearRelaxation(), options: options)
        let duals = try #require(lp.duals)
        let found = LagrangianBound.solve(p, search, structure, start: rows.multipliers(duals), timeLimit: 30, shouldStop: { false })
        let whole = try #require(found)
        #expect(whole >= bounds[0].1 - 1e-6, "seed \(seed): Lagrangian \(whole) below the places MIP \(bounds[0].1)")
        #expect(whole >= optimum - 1e-6, "seed \(seed): Lagrangian \(whole) below the optimum \(optimum)")
        #expect(whole <= bounds[1].1 + 1e-6 * max(1, abs(bounds[1].1)), "seed \(seed): Lagrangian \(whole) above its LP \(bounds[1].1)")

        // A city's: the same structure built without a model, started from the course-level
        // LP's duals and reduced costs. Still a bound of the places MIP and of every timetable.
        let course = try #require(RelaxationBound.courseLevel(p, search, students: .equalChoices, maxColumns: .max))
        let courseLP = try Solver.solve(course.model.linearRelaxation(), options: options)
        let cityStart = course.multipliers(duals: try #require(courseLP.duals), reducedCosts: try #require(courseLP.reducedCosts))
        let bare = PlacesStructure(p, search, blocks: RelaxationBound.blocks(p, .equalChoices))
        #expect(bare.pairStudents == structure.pairStudents && bare.seats.count == structure.seats.count)
        let foundFromCourses = LagrangianBound.solve(p, search, bare, start: cityStart, timeLimit: 30, shouldStop: { false })
        let fromCourses = try #require(foundFromCourses)
        #expect(fromCourses >= bounds[0].1 - 1e-6, "seed \(seed): Lagrangian from courses \(fromCourses) below the places MIP \(bounds[0].1)")
        #expect(fromCourses >= optimum - 1e-6, "seed \(seed): Lagrangian from courses \(fromCourses) below the optimum \(optimum)")

        // Carried over to the same blocks, the multipliers are the model's own.
        let carried = course.multipliers(for: course.blocks, duals: try #require(courseLP.duals), reducedCosts: try #require(courseLP.reducedCosts))
        #expect(carried.load == cityStart.load && carried.pair == cityStart.pair)

        // What a city does: the course-level LP with a school's students together, its
        // multipliers carried over to the blocks of equal choices. Still a bound.
        let school = try #require(RelaxationBound.courseLevel(p, search, students: .perSchool, maxColumns: .max))
        let schoolLP = try Solver.solve(school.model.linearRelaxation(), options: options)
        let schoolStart = school.multipliers(for: RelaxationBound.blocks(p, .equalChoices), duals: try #require(schoolLP.duals),
                                             reducedCosts: try #require(schoolLP.reducedCosts))
        #expect(schoolStart.load.count == bare.electives.count && schoolStart.pair.count == bare.pairStudents.count)
        let foundFromSchools = LagrangianBound.solve(p, search, bare, start: schoolStart, timeLimit: 30, shouldStop: { false })
        let fromSchools = try #require(foundFromSchools)
        #expect(fromSchools >= bounds[0].1 - 1e-6, "seed \(seed): Lagrangian from schools \(fromSchools) below the places MIP \(bounds[0].1)")
        #expect(fromSchools >= optimum - 1e-6, "seed \(seed): Lagrangian from schools \(fromSchools) below the optimum \(optimum)")
    }

    /// The values of 1, 2, ... sections, computed in one pass (without H5) or by filling each
    /// count (with H5), are those of `best(k)`'s seats, up to the first count it cannot fill.
    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func placeSeatValuesAreThoseOfTheBestSeats(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let n = 1 + rng.below(30)
        var s = PlacesStructure(courses: 1)
        var values: [Double] = []
        for j in 0..<n {
            let value = Double(rng.below(151)) / 10 - 5
            values.append(value)
            s.seats.append(.init(block: j, pair: j, place: 0, value: value, upper: Double(1 + rng.below(8)), atHost: rng.below(3) == 0))
        }
        let capacity = Double(5 + rng.below(21))
        let minSize = Double(rng.below(Int(capacity) + 3))
        for hostOnly in [false, true] {
            s.places = [.init(course: 0, site: 0, capacity: capacity, minSize: minSize, hostOnly: hostOnly, seats: Array(0..<n))]
            let seats = PlaceSeats(s, place: 0, adjusted: values, most: 12, from: Array((0..<n).reversed()))
            var expected: [Double] = []
            for k in 1...12 {
                guard let taken = seats.best(k) else { break }
                expected.append(taken.reduce(0) { $0 + values[$1.seat] * $1.amount })
            }
            #expect(seats.values.count == expected.count, "seed \(seed), H5 \(hostOnly)")
            for (a, b) in zip(seats.values, expected) {
                #expect(abs(a - b) < 1e-9 * max(1, abs(b)), "seed \(seed), H5 \(hostOnly): \(seats.values) against \(expected)")
            }
        }
    }

    /// What `k` whole sections of a place hold: with H5 the host's best `min_size·k` first, then
    /// the best of the rest while they gain, within `min_size·k ... capacity·k`; and the unit
    /// slopes of the upper concave envelope of those values.
    @Test func placeSeatsTakeTheBestWholeSections() throws {
        var s = PlacesStructure(courses: 1)
        // Seats 0-3 at the host (values 5, 4, -1, -2; 4 students each), 4-5 elsewhere (9 and 8; 6 each).
        let values: [Double] = [5, 4, -1, -2, 9, 8]
        let uppers: [Double] = [4, 4, 4, 4, 6, 6]
        for j in 0..<6 {
            s.seats.append(.init(block: j, pair: j, place: 0, value: values[j], upper: uppers[j], atHost: j < 4))
        }
        s.places = [.init(course: 0, site: 0, capacity: 12, minSize: 10, hostOnly: true, seats: Array(0..<6))]
        #expect(PlaceSeats.mostSections(s, place: 0) == 1)  // 16 host students: one section of 10
        let seats = PlaceSeats(s, place: 0, adjusted: values, most: 2)
        let one = try #require(seats.best(1))
        // Host 4+4+2 (the two best, then 2 of the -1s), then 2 of the best others (9): 12 in all.
        #expect(one.map(\.seat) == [0, 1, 2, 4])
        #expect(one.map(\.amount) == [4, 4, 2, 2])
        #expect(seats.best(2) == nil)
        #expect(seats.slopes.count == 2)
        #expect(abs(seats.slopes[0] - (20 + 16 - 2 + 18)) < 1e-9)
        #expect(seats.slopes[1] < -1000)  // a second section cannot be filled

        // Without H5 the best 12 seats, at least 10: 6 + 6 of the others, then nothing more.
        s.places[0].hostOnly = false
        let free = PlaceSeats(s, place: 0, adjusted: values, most: 3)
        #expect(try #require(free.best(1)).map(\.amount) == [6, 6])
        // Two sections: 24 seats at most, at least 20: 6 + 6 + 4 + 4 (the gaining) → 20 reached.
        #expect(try #require(free.best(2)).map(\.amount) == [6, 6, 4, 4])
        // f = 102, 138, then 3 sections need 30 of 28 students: none. Concave slopes 102, 36.
        #expect(free.best(3) == nil)
        #expect(abs(free.slopes[0] - 102) < 1e-9 && abs(free.slopes[1] - 36) < 1e-9)
    }
}
