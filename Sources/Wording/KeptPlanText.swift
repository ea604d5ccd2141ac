import Foundation
import Scenarios

extension KeptPlan {
    /// The kept plan in words (English), as `setka compare --keep` prints it.
    public var text: String {
        let r = result
        var s = "Stable re-planning of \"\(variant)\" from the published timetable (\(r.method.rawValue)):\n"
        s += "  sections dropped: \(r.sectionsDropped.count)\n"
        for d in r.sectionsDropped.prefix(10) { s += "    \(d.section): \(Words(.en).dropped(d.reason))\n" }
        if r.sectionsDropped.count > 10 { s += "    … and \(r.sectionsDropped.count - 10) more\n" }
        s += "  enrolments dropped: \(r.enrolmentsDropped), added to kept sections: \(r.enrolmentsAdded)\n"
        s += "  students whose day changed: \(r.kept.studentsChanged) with the kept plan"
        if let f = r.fresh { s += ", \(f.studentsChanged) with a fresh solve" }
        s += "\n  teachers whose sections changed: \(r.kept.teachersChanged) with the kept plan"
        if let f = r.fresh { s += ", \(f.teachersChanged) with a fresh solve" }
        s += String(format: "\n  objective: %.1f with the kept plan", r.kept.objective)
        if let f = r.fresh { s += String(format: ", %.1f with a fresh solve", f.objective) }
        if let b = freshBound {
            s += String(format: "; proven bound %.1f (gap %.2f%% kept, %.2f%% fresh)", b,
                        100 * max(0, b - r.kept.objective) / max(1, abs(b)),
                        100 * max(0, b - (r.fresh?.objective ?? b)) / max(1, abs(b)))
        }
        s += "\n  students fully / partly / not served: \(r.figures.fullyServed) / \(r.figures.partlyServed) / \(r.figures.notServed)"
        s += "; verified by the checker: \(r.figures.verified ? "yes" : "NO")\n"
        return s
    }
}
