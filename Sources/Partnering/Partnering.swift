import SetkaModel

/// Partner assignment (ШНОР → partner schools, kindergartens → schools), as the "Partnering"
/// section of the scenario format defines it.
///
/// - ``PartnerProblem``: candidate pairs of every rule (within reach, allowed), fixed-pair problems.
/// - ``PartnerSolver``: the lexicographic MIP (most places served, then the best objective).
/// - ``PartnerChecker``: an independent check of an assignment, run before anything is written.
/// - ``PartnerReport``: Codable report data and the files `partners.csv`, `appendix.md`, `partners-summary.json`.
/// - ``PartnerRun``: one job start to end (solve, check, report, files), for the CLI, `compare` and the app.
/// - ``AvoidedPair``: pairs a rule with `avoid_unhelpful` leaves out because their past partnership
///   showed no gain (estimates from the Effect module).
public enum Partnering {
    /// Builds the problem of `scenario` and solves it to proven optimality (within the time limit).
    public static func assign(_ scenario: Scenario, options: PartnerOptions = PartnerOptions()) throws(PartnerError) -> PartnerAssignment {
        try PartnerSolver.solve(PartnerProblem(scenario: scenario), options: options)
    }
}
