import Foundation
import ProfileDay
import SetkaModel

/// A published section the variant cannot keep, and why: the checker's finding about it.
public struct DroppedSection: Sendable, Hashable, Codable {
    public var section: String
    public var reason: Violation
    public init(section: String, reason: Violation) { self.section = section; self.reason = reason }
}

/// How a kept plan was made.
public enum ReplanMethod: String, Sendable, Hashable, Codable {
    /// The scheduler, with the published timetable as anchors (`ScheduleOptions.keep`).
    case resolved = "re-solved"
    /// The published timetable restricted to the variant and refilled (`StableReplanning`).
    case keptAndRefilled = "kept and refilled"
}

/// How far a plan moved from the published one.
public struct PlanMovement: Sendable, Hashable, Codable {
    /// Students (of the variant) whose day (course, site, slot of each section) differs.
    public var studentsChanged: Int
    /// Teachers (of the variant) whose sections (course, site, slot) differ.
    public var teachersChanged: Int
    public var objective: Double
    public init(studentsChanged: Int, teachersChanged: Int, objective: Double) {
        self.studentsChanged = studentsChanged; self.teachersChanged = teachersChanged; self.objective = objective
    }
}

/// The outcome of stable re-planning: the kept plan and how it compares with a fresh solve.
public struct StableReplanResult: Sendable, Hashable, Codable {
    /// The published timetable, cut to what the variant still allows and refilled; verified.
    public var timetable: Timetable
    public var figures: ProfileDayFigures
    public var sectionsDropped: [DroppedSection]
    public var enrolmentsDropped: Int
    /// Enrolments the kept plan has beyond the published timetable restricted to the variant
    /// (placements for students who lost a course or were not full, less any it gave up).
    public var enrolmentsAdded: Int
    /// Movement of the kept plan against the published one.
    public var kept: PlanMovement
    /// Movement of a fresh solve of the variant against the published one (when one was given).
    public var fresh: PlanMovement?
    /// Ids of the students whose day changed in the kept plan.
    public var changedStudents: [String]
    /// How the kept plan was made (the scheduler with the published timetable as anchors, or the
    /// post-pass), whichever has the better `stableScore`.
    public var method: ReplanMethod
}

/// A variant re-planned against the published timetable, as `setka compare --keep` reports it
/// (in `comparison.json`, the text table and `comparison.html`).
public struct KeptPlan: Sendable, Hashable, Codable {
    /// The variant's name.
    public var variant: String
    public var result: StableReplanResult
    /// The proven bound of the variant's fresh solve: it bounds the kept plan's objective too.
    public var freshBound: Double?

    public init(variant: String, result: StableReplanResult, freshBound: Double?) {
        self.variant = variant; self.result = result; self.freshBound = freshBound
    }

    /// The same without the timetable (for JSON on stdout; the timetable goes to --out).
    public var withoutPlan: KeptPlan {
        var k = self
        k.result.timetable = Timetable()
        return k
    }
}

/// Re-planning a variant while keeping as much of a published timetable as possible: "as few
/// students and teachers moved as possible, then the objective".
///
/// Two plans compete. The re-solved one (when given) comes from the scheduler run with the
/// published timetable as anchors (`ScheduleOptions.keep`): a search that values every kept
/// enrolment and section above anything moving it could gain. The post-pass one is built here:
/// the published timetable is restricted to what is still valid in the variant (`restrict`:
/// sections whose teacher, course, room, site or slot vanished or that break a rule are dropped,
/// then enrolments that break a rule), students who lost a course are put into kept sections
/// where the rules allow (`WorkingTimetable.fill`), and new sections are opened for them with free
/// teachers and rooms where enough of them want a course (`WorkingTimetable.openSections`), both
/// on the scheduler's working state and its rules. Both plans are verified by
/// `ProfileDayChecker`; the one with the better `stableScore` is kept: the objective less
/// `StabilityWeight.moveCost` per person (student or teacher) whose day changed, so people are
/// moved only where that serves clearly more (a student short of an elective gets a section from
/// a teacher who had none in that slot, say). A fresh solve is compared by how many students' and teachers' days it
/// changes.
public enum StableReplanning {
    /// Restricts, refills, verifies, sets the result beside `resolved` (the scheduler's anchored
    /// plan, if any) and compares the better with `fresh` (a fresh solve of the variant).
    public static func replan(published: Timetable, in scenario: Scenario, resolved: Timetable? = nil,
                              fresh: Timetable? = nil) -> StableReplanResult {
        let (restricted, dropped, enrolmentsDropped) = restrict(published, to: scenario)
        // Only students who already lost something are placed again: nobody else moves.
        let affected = Set(changedStudents(published, restricted, in: scenario))
        var plan = restricted
        if var working = try? WorkingTimetable(restricted, in: scenario) {
            working.fill(only: affected)
            working.openSections(for: affected)
            plan = working.timetable
        }
        var report = ProfileDayChecker.check(plan, in: scenario)
        if !report.isValid {
            // `fill` and `openSections` keep every rule by the scheduler's own tests; should they
            // ever miss one, keep the restricted plan (valid by construction).
            plan = restricted
            report = ProfileDayChecker.check(plan, in: scenario)
        }
        var changed = changedStudents(published, plan, in: scenario)
        var kept = PlanMovement(studentsChanged: changed.count,
                                teachersChanged: changedTeachers(published, plan, in: scenario),
                                objective: report.objective.value)
        var method = ReplanMethod.keptAndRefilled
        if let resolved {
            let r = ProfileDayChecker.check(resolved, in: scenario)
            let c = changedStudents(published, resolved, in: scenario)
            let move = PlanMovement(studentsChanged: c.count, teachersChanged: changedTeachers(published, resolved, in: scenario),
                                    objective: r.objective.value)
            // A kept plan that misses a pin (H6: restricting cannot mend that) gives way to the
            // scheduler's, which places the pins first.
            if r.isValid && (!report.isValid || stableScore(move, scenario) > stableScore(kept, scenario) + Tolerance.value) {
                plan = resolved; report = r; changed = c; kept = move; method = .resolved
            }
        }
        let added = plan.enrolments.count - restricted.enrolments.count
        let figures = ProfileDayFigures(report: report, students: scenario.students.count, bound: nil,
                                        status: report.isValid ? .kept : .invalid, seconds: 0)
        let freshMove = fresh.map { f in
            PlanMovement(studentsChanged: changedStudents(published, f, in: scenario).count,
                         teachersChanged: changedTeachers(published, f, in: scenario),
                         objective: ProfileDayObjective.evaluate(f, in: scenario).value)
        }
        return StableReplanResult(timetable: plan, figures: figures, sectionsDropped: dropped,
                                  enrolmentsDropped: enrolmentsDropped, enrolmentsAdded: added,
                                  kept: kept, fresh: freshMove, changedStudents: changed, method: method)
    }

    /// The published timetable cut to what `scenario` allows: repeatedly checks it and drops
    /// the sections or enrolments each violation names (a section for rules about sections:
    /// structure, H1, H2, H5 and too few students; an enrolment for rules about a student and for
    /// a section over its size), until the checker finds nothing.
    public static func restrict(_ published: Timetable, to scenario: Scenario)
        -> (timetable: Timetable, dropped: [DroppedSection], enrolmentsDropped: Int) {
        var t = published
        var dropped: [DroppedSection] = []
        let originalEnrolments = published.enrolments.count
        let students = Dictionary(scenario.students.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for _ in 0..<100 {
            let report = ProfileDayChecker.check(t, in: scenario)
            if report.isValid || report.violations.contains(where: { $0.kind == .noProfileDay }) { break }
            var dropSections: [String: Violation] = [:]
            var dropEnrolments = Set<Enrolment>()
            for v in report.violations {
                switch v.kind {
                case .unknownSection, .duplicateEnrolment, .unknownStudent:
                    if let s = v.student { for sec in v.sections { dropEnrolments.insert(Enrolment(student: s, section: sec)) } }
                case .studentCourseNotChosen, .studentTripTooLong:
                    if let s = v.student { for sec in v.sections { dropEnrolments.insert(Enrolment(student: s, section: sec)) } }
                case .studentCourseTwice, .studentTwoSectionsInSlot, .studentTooManySections,
                     .studentTravelTooLong:
                    // Keep the student's best-ranked sections; drop the worst one named.
                    if let s = v.student, let worst = worstSection(v.sections, of: students[s], in: t) {
                        dropEnrolments.insert(Enrolment(student: s, section: worst))
                    }
                case .travelUnknown:
                    if let s = v.student, let last = v.sections.last { dropEnrolments.insert(Enrolment(student: s, section: last)) }
                    else if let last = v.sections.last { dropSections[last] = v }
                case .pinNotMet, .pinStudentsMissing, .pinSectionShared:
                    continue  // H6: dropping mends no pin (the scheduler's plan places them)
                case .sectionTooLarge, .sectionOverRoomCapacity:
                    for e in excessEnrolments(v.sections.first, in: t, scenario: scenario, students: students) { dropEnrolments.insert(e) }
                case .teacherTooManySections, .teacherTwoSectionsInSlot, .teacherTravelTooLong:
                    // Drop the section with the fewest students among those named.
                    if let smallest = smallestSection(v.sections, in: t) { dropSections[smallest] = v }
                default:
                    for sec in v.sections { dropSections[sec] = v }
                }
            }
            if dropSections.isEmpty && dropEnrolments.isEmpty { break }
            let gone = Set(dropSections.keys)
            for s in t.sections where gone.contains(s.id) { dropped.append(DroppedSection(section: s.id, reason: dropSections[s.id]!)) }
            t.sections.removeAll { gone.contains($0.id) }
            t.enrolments.removeAll { gone.contains($0.section) || dropEnrolments.contains($0) }
        }
        return (t, dropped, originalEnrolments - t.enrolments.count)
    }

    private static func rank(_ student: Student?, _ course: String) -> Int {
        student?.choices.firstIndex(of: course) ?? Int.max
    }

    private static func worstSection(_ ids: [String], of student: Student?, in t: Timetable) -> String? {
        let course = Dictionary(t.sections.map { ($0.id, $0.course) }, uniquingKeysWith: { a, _ in a })
        return ids.max { rank(student, course[$0] ?? "") < rank(student, course[$1] ?? "") }
    }

    private static func smallestSection(_ ids: [String], in t: Timetable) -> String? {
        var count: [String: Int] = [:]
        for e in t.enrolments { count[e.section, default: 0] += 1 }
        return ids.min { (count[$0] ?? 0, $1) < (count[$1] ?? 0, $0) }
    }

    /// The enrolments of a section beyond its size limit: those who ranked the course lowest.
    private static func excessEnrolments(_ id: String?, in t: Timetable, scenario: Scenario,
                                         students: [String: Student]) -> [Enrolment] {
        guard let id, let s = t.sections.first(where: { $0.id == id }) else { return [] }
        let limit = capacity(of: s, in: scenario)
        let members = t.enrolments.filter { $0.section == id }
        guard members.count > limit else { return [] }
        let ordered = members.sorted { (rank(students[$0.student], s.course), $0.student) < (rank(students[$1.student], s.course), $1.student) }
        return Array(ordered[limit...])
    }

    /// Most students a section may hold (H3): the course's max size and the room's seats.
    static func capacity(of s: Section, in scenario: Scenario) -> Int {
        let pd = scenario.profileDay ?? ProfileDaySettings()
        let course = scenario.courses.first { $0.id == s.course }
        var seats: Int?
        if let room = s.room, let site = s.site,
           let r = scenario.rooms.first(where: { $0.site == site && $0.id == room }) { seats = r.capacity }
        return SizeRule.capacity(maxSize: SizeRule.maxSize(course, pd), roomCapacity: seats)
    }

    /// Puts students who can take more sections into kept sections of courses they chose, where
    /// the rules allow (`WorkingTimetable.fill`, on the scheduler's working state). A timetable
    /// the working state cannot hold (it breaks a rule) is returned as it is.
    /// With `only`, just those students are placed (the rest keep their day exactly).
    public static func fill(_ timetable: Timetable, in scenario: Scenario, only: Set<String>? = nil) -> Timetable {
        guard var working = try? WorkingTimetable(timetable, in: scenario) else { return timetable }
        working.fill(only: only)
        return working.timetable
    }

    /// What stable re-planning maximises, as the scheduler's anchors do: the objective less
    /// `StabilityWeight.moveCost` for every student and teacher whose day changed.
    public static func stableScore(_ m: PlanMovement, _ scenario: Scenario) -> Double {
        guard let settings = scenario.profileDay else { return m.objective }
        return m.objective - StabilityWeight.moveCost(settings) * Double(m.studentsChanged + m.teachersChanged)
    }

    /// Students of `scenario` whose day (course, site, slot of each section) differs between two plans.
    public static func changedStudents(_ a: Timetable, _ b: Timetable, in scenario: Scenario) -> [String] {
        let da = VariantDiff.days(a), db = VariantDiff.days(b)
        return scenario.students.map(\.id).filter { (da[$0] ?? []) != (db[$0] ?? []) }
    }

    /// Teachers of `scenario` whose sections (course, site, slot) differ between two plans.
    public static func changedTeachers(_ a: Timetable, _ b: Timetable, in scenario: Scenario) -> Int {
        func work(_ t: Timetable) -> [String: Set<SectionPlace>] {
            var out: [String: Set<SectionPlace>] = [:]
            for s in t.sections { out[s.teacher, default: []].insert(SectionPlace(s)) }
            return out
        }
        let wa = work(a), wb = work(b)
        return scenario.teachers.reduce(0) { $0 + ((wa[$1.id] ?? []) != (wb[$1.id] ?? []) ? 1 : 0) }
    }
}
