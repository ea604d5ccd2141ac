import Foundation
import Testing
import SetkaModel
@testable import Partnering

/// Issue 15 part 3: one partner job as one value — solve, independent check, report, files.
@Suite("PartnerRun")
struct PartnerRunTests {
    /// Two low-result schools, two providers with room for one each; r2's only partner is 70 min away.
    func scenario(limit: Double = 60) -> Scenario {
        Fixture.scenario([Fixture.school("r1", low: true, math: 40), Fixture.school("r2", low: true, math: 45),
                          Fixture.school("p1", capacity: 1, math: 80), Fixture.school("p2", capacity: 1, math: 70)],
                         rules: [Fixture.shnor(limit: limit)],
                         travel: [("r1", "p1", 20), ("r1", "p2", 30), ("r2", "p1", 70), ("r2", "p2", 70)])
    }

    @Test("a complete run: verified, its files, its summary in partners-summary.json")
    func complete() throws {
        let phases = PhaseLog()
        let run = try PartnerRun.run(scenario(limit: 80), options: PartnerOptions(timeLimit: 10), scenarioPath: "/s/p",
                                     progress: { phases.add($0) })
        #expect(run.status == .complete)
        #expect(phases.all == [.building, .solving, .checking])
        #expect(run.files().map(\.name) == ["partners.csv", "appendix.md", "partners-summary.json"])
        #expect(Set(run.files().map(\.name)) == PartnerRun.ownedFiles.names)
        let summary = try #require(try JSONSerialization.jsonObject(with: run.files()[2].data) as? [String: Any])
        #expect(summary["scenarioPath"] as? String == "/s/p")
        #expect(summary["placesServed"] as? Int == 2)
        #expect(run.text.contains("proven optimal"))
        #expect(run.shortfallLines.isEmpty)
    }

    @Test("an incomplete run says who is left without a partner and why")
    func incomplete() throws {
        let run = try PartnerRun.run(scenario(), options: PartnerOptions(timeLimit: 10))
        #expect(run.status == .incomplete)
        #expect(run.shortfallLines.contains { $0.contains("r2") })
        #expect(run.shortfallLines.last?.hasPrefix("incomplete: 1 of 2") == true)
    }

    @Test("an assignment that breaks a rule is rejected by the checker, never reported")
    func rejected() throws {
        let s = scenario(limit: 80)
        var a = try PartnerSolver.solve(PartnerProblem(scenario: s))
        a.pairs[0].minutes = 1
        #expect(throws: PartnerRunError.self) { try PartnerRun.verified(a, in: s) }
    }

    @Test("a scenario without partnering rules is invalid input")
    func noRules() {
        var s = scenario()
        s.partnering = []
        #expect(throws: PartnerRunError.self) { try PartnerRun.run(s, options: PartnerOptions()) }
    }
}

final class PhaseLog: @unchecked Sendable {
    private let lock = NSLock()
    private var phases: [PartnerRun.Phase] = []
    func add(_ p: PartnerRun.Phase) { lock.lock(); phases.append(p); lock.unlock() }
    var all: [PartnerRun.Phase] { lock.lock(); defer { lock.unlock() }; return phases }
}
