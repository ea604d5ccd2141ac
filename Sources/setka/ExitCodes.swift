import ArgumentParser

/// Exit codes of every `setka` command (also listed in `setka --help`).
enum SetkaExit {
    /// The input is not usable: errors name file, line and column.
    static let invalidInput = ExitCode(1)
    /// Solved, but not everything could be served (e.g. recipients without a partner).
    static let incomplete = ExitCode(2)
    /// The solver or the independent checker failed; nothing invalid was written.
    static let failure = ExitCode(3)
    /// `setka check` found violations of the hard rules.
    static let violations = ExitCode(4)
    /// `setka edit` refused an edit that would break a rule; nothing was written.
    static let refused = ExitCode(6)

    static let helpText = """
    Exit codes: 0 success; 1 invalid input (file:line:column messages on stderr); \
    2 solved but incomplete (some recipients or students not served as asked); \
    3 solver or checker failure; 4 `check` found rule violations; 6 `edit` refused an edit (nothing written); 64 usage error.
    """
}
