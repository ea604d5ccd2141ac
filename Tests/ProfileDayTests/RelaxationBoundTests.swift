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
    }
}
