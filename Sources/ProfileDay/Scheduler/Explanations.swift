import SetkaModel

/// Why a course did not open, in words a coordinator can act on.
public struct CourseExplanation: Sendable, Codable, Hashable {
    public var course: String
    public var title: String
    /// Students in the district who listed the course.
    public var chosenBy: Int
    /// Of them, those within reach of a place where a section could be held.
    public var withinReach: Int
    public var reason: String
}

/// Why a student got fewer electives than they wanted.
public struct StudentExplanation: Sendable, Codable, Hashable {
    public var student: String
    public var school: String
    public var wanted: Int
    public var got: Int
    public var reason: String
}

public struct Explanations: Sendable, Codable, Hashable {
    public var coursesNotOpened: [CourseExplanation]
    public var studentsShort: [StudentExplanation]
}

extension Search {
    /// Explains, for the final state, each course that did not open and each student short of
    /// electives. Counts come from the same data the search used.
    func explain(_ state: ScheduleState) -> Explanations {
        let scenario = p.scenario
        let places = UpperBound.places(p, self)
        var courses: [CourseExplanation] = []
        for c in 0..<p.courses.count where state.sectionsOfCourse[c].isEmpty {
            let info = p.courses[c]
            let chosen = p.choosers[c].count
            let reach = p.choosers[c].filter { UpperBound.bestValue(p, places: places[c], student: $0.student, rank: $0.rank) != nil }.count
            let course = scenario.courses[c]
            let reason: String
            if chosen == 0 {
                reason = "nobody chose it"
            } else if p.teachersOfCourse[c].isEmpty {
                reason = "no teacher can teach it"
            } else if templatesOfCourse[c].isEmpty {
                let kind = info.anyRoom ? "room" : "room of kind '\(info.roomKind)'"
                reason = "no \(kind) at a site where a qualified teacher can teach it"
                    + (p.settings.visitingTeacherRule ? " (a visiting teacher needs \(info.minSize) students of the host school)" : "")
            } else if chosen < info.minSize {
                reason = "chosen by \(chosen) students in the district, fewer than the minimum of \(info.minSize)"
            } else if reach < info.minSize {
                reason = "chosen by \(chosen) students in the district, \(reach) of them within \(Int(p.maxTrip)) minutes of a place it can be held; the minimum is \(info.minSize)"
            } else {
                // Who could still come, slot by slot, without losing a course they rank higher.
                var bestFree = 0
                var teacherFree = false
                for i in templatesOfCourse[c] {
                    let tpl = templates[i]
                    for t in 0..<p.slotCount {
                        if state.teacherCanTake(tpl.teacher, site: tpl.site, slot: t) {
                            if tpl.site < 0 || !state.freeRooms(site: tpl.site, course: c, slot: t).isEmpty { teacherFree = true }
                        }
                        var n = 0
                        for (s, r) in p.choosers[c] {
                            if let j = state.joinOption(s, course: c, rank: r, site: tpl.site, slot: t), j.gain > 0 { n += 1 }
                        }
                        bestFree = max(bestFree, n)
                    }
                }
                if !teacherFree {
                    reason = "chosen by \(chosen) students (\(reach) within reach), but every qualified teacher or suitable room is taken in the slots they are free"
                } else {
                    reason = "chosen by \(chosen) students (\(reach) within reach), but in any slot at most \(bestFree) of them are free and not better served by a course they rank higher; the minimum is \(info.minSize)"
                }
            }
            courses.append(CourseExplanation(course: course.id, title: course.title, chosenBy: chosen, withinReach: reach, reason: reason))
        }

        var students: [StudentExplanation] = []
        // Short: fewer than wanted, or than listed (as the checker counts "fully served").
        for s in 0..<p.students.count where state.studentLoad[s] < min(p.students[s].wants, p.students[s].choices.count) {
            let info = p.students[s]
            var notOpened: [String] = []
            var unreachable: [String] = []
            var blocked: [String] = []
            for (r, c) in info.choices.enumerated() where !state.takes(student: s, course: c) {
                let id = scenario.courses[c].id
                if UpperBound.bestValue(p, places: places[c], student: s, rank: r) == nil {
                    unreachable.append(id)
                } else if state.sectionsOfCourse[c].isEmpty {
                    notOpened.append(id)
                } else {
                    blocked.append(id)
                }
            }
            var parts: [String] = []
            if info.choices.isEmpty { parts.append("chose no course") }
            if !unreachable.isEmpty {
                parts.append("no place within \(Int(p.maxTrip)) minutes for " + unreachable.joined(separator: ", "))
            }
            if !notOpened.isEmpty { parts.append("did not open: " + notOpened.joined(separator: ", ")) }
            if !blocked.isEmpty {
                parts.append("sections of " + blocked.joined(separator: ", ")
                             + " were full, at the same time as the student's other electives, or too far from them between consecutive slots")
            }
            if info.choices.count < info.wants { parts.append("listed only \(info.choices.count) choices") }
            students.append(StudentExplanation(
                student: scenario.students[s].id, school: scenario.students[s].school, wanted: info.wants,
                got: state.studentLoad[s], reason: parts.joined(separator: "; ")))
        }
        return Explanations(coursesNotOpened: courses, studentsShort: students)
    }
}
