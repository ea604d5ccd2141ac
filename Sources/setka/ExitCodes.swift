import ArgumentParser

/// Exit codes of every `setka` command (also listed in `setka --help` and the README).
enum SetkaExit {
    /// The input is not usable: errors name file, line and column.
    static let invalidInput = ExitCode(1)
    /// Solved, but not everything could be served as asked (partner: recipients without all
    /// their partners, or a fixed pair not kept), or stopped early by Ctrl-C or SIGTERM: the
    /// results so far are verified and written.
    static let incomplete = ExitCode(2)
    /// The solver or the independent checker failed; nothing invalid was written.
    static let failure = ExitCode(3)
    /// `setka check` found violations of the hard rules.
    static let violations = ExitCode(4)
    /// The results could not be written (a full disk, no permission, a file in the way); the
    /// folder keeps what it held before.
    static let couldNotWrite = ExitCode(5)
    /// `setka edit` refused an edit that would break a rule; nothing was written.
    static let refused = ExitCode(6)

    static let helpText = """
    Exit codes: 0 success; 1 invalid input (file:line:column messages on stderr); \
    2 solved but incomplete (partner: recipients without all their partners; any solve stopped \
    early by Ctrl-C or SIGTERM — the results so far are verified and written); \
    3 solver or checker failure; 4 `check` found rule violations; \
    5 the results could not be written (full disk, no permission, a file in the way; the folder \
    keeps what it held); 6 `edit` refused an edit (nothing written); 64 usage error; 130/143 a second Ctrl-C/SIGTERM quit at once (nothing \
    half-written).
    """
}
