import SetkaModel

// The hard rules of the profile day (scenario-format.md, "Profile day: what a timetable must be"),
// one documented type per rule in this folder:
//
//   H1 `TeacherRule`          H2 `RoomRule`        H3 `SizeRule`
//   H4 `StudentRule`          H5 `VisitingTeacherRule`     H6 `PinRule`
//
// with what two of them share: `SlotGap` (the break between consecutive slots), `ConsecutiveTravel`
// (the travel test between sections in consecutive slots) and `Tolerance` (the slack on minutes).
//
// Each rule's clauses are pure predicates on plain values (ids, minutes, counts, flags). Every
// part of Setka that keeps a rule calls them: the scheduler's working state (`ScheduleState`:
// `teacherCanTake`, `studentTravelFits`, `canLeave`, `open`), its moves and best responses, its
// warm start, the candidates and rows of its GLPK models (`MonolithicModel`, the sub-MIPs) and the
// relaxation bound where they encode a rule, stable re-planning (`WorkingTimetable`), the
// explanations, and the checker.
//
// How the checker stays independent: it shares only these predicates, which are the spec's
// sentences written once (a comparison of minutes, a minimum of two sizes). Everything that
// decides *which* values they are applied to is its own: it reads the timetable by ids against
// the scenario's raw tables (`TimetableIndex`), groups each person's sections itself and works out
// sites, gaps and travel from the scenario, never from the scheduler's compiled `ProblemIndex`,
// its `ScheduleState` bookkeeping or its templates, where the scheduler's mistakes would live.
// The predicates themselves are pinned by the checker's hand-built tests (one per clause).

/// Slack on floating-point comparisons of the rules and the search.
public enum Tolerance {
    /// Minutes: a trip or a change between slots fits when it exceeds its limit by at most this
    /// (travel times computed from coordinates are not exact).
    public static let minutes = 1e-9
    /// Objective values: a move or a section must gain more than this to count as a gain, and a
    /// timetable must beat another by more than this to replace it.
    public static let value = 1e-9
}

/// The break between two consecutive slots (H1, H4): the later slot's start minus the earlier
/// slot's end, in minutes. Slots are consecutive when they are next to each other in
/// `profile_day.slots` (the loader keeps them in order and not overlapping, so a gap is ≥ 0).
public enum SlotGap {
    /// Minutes between the end of `earlier` and the start of `later`.
    @inline(__always)
    public static func minutes(after earlier: Slot, before later: Slot) -> Double {
        Double(later.start.minutes - earlier.end.minutes)
    }

    /// `gaps[t]` = the break between slot `t` and slot `t + 1`.
    public static func all(_ slots: [Slot]) -> [Double] {
        (0..<max(0, slots.count - 1)).map { minutes(after: slots[$0], before: slots[$0 + 1]) }
    }
}

/// The travel test between two sections of one person in consecutive slots (H1 for a teacher,
/// H4 for a student): at sites A and B they need `travel(A, B) <= gap`. A site to itself is
/// 0 minutes; a travel time the scenario cannot give is `.infinity` here and never fits.
public enum ConsecutiveTravel {
    @inline(__always)
    public static func fits(minutes: Double, gap: Double) -> Bool {
        minutes <= gap + Tolerance.minutes
    }
}
