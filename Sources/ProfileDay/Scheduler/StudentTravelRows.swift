import LinearProgramming

/// H4's travel between consecutive slots as rows of a model, for the sub-MIPs (`MonolithicModel`)
/// and the re-seating (`Reseating`) alike.
///
/// A student's seats in slot `t` and in slot `t + 1`, each with the site the student is at then
/// (their own school for a remote section): one row per site A of slot `t` — the seats at A plus
/// the seats of slot `t + 1` out of reach of A sum to at most 1 — rather than one per pair of seats
/// or per seat at A. At most one seat of a slot is taken anyway, so the row is the same rule, and
/// tighter (the re-seatings of generated district-1500-b: 17% fewer rows than one per seat).
enum StudentTravelRows {
    static func add(slot t: Int, _ seats: [(site: Int, x: Variable)], next: [(site: Int, x: Variable)],
                    _ p: ProblemIndex, to model: inout Model) {
        var atSite = [Int: [Variable]]()
        for seat in seats { atSite[seat.site, default: []].append(seat.x) }
        for (site, here) in atSite.sorted(by: { $0.key < $1.key }) {
            let far = next.filter { !p.travelFits(from: site, to: $0.site, afterSlot: t) }.map(\.x)
            guard !far.isEmpty else { continue }
            model.addConstraint(LinearExpression.sum(here + far), .lessOrEqual, 1)
        }
    }
}
