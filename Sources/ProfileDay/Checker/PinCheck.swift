import SetkaModel

extension ProfileDayChecker {
    /// H6: every row of `pins.csv` is met by its own open section (two rows never by the same
    /// section): that section has the pin's course and every column the pin gives, and the
    /// students it names attend it. The pins are given distinct sections by `PinRule.assign`
    /// over the sections that meet each; a pin left without one is reported with why: no section
    /// meets its columns, the sections that do lack its students, or every section that meets it
    /// is another pin's.
    static func checkPins(_ ix: TimetableIndex) -> [Violation] {
        let pins = ix.scenario.pins
        guard !pins.isEmpty, ix.hasProfileDay else { return [] }
        let sections = ix.timetable.sections
        // Columns only, then with the students: sections are compared by id, students by id.
        var members = [Set<String>](repeating: [], count: sections.count)
        for e in ix.timetable.enrolments { if let k = ix.sectionByID[e.section] { members[k].insert(e.student) } }
        let columns: [[Int]] = pins.map { pin in
            sections.indices.filter { k in
                ix.sectionByID[sections[k].id] == k
                    && PinRule.admits(pin, course: sections[k].course, teacher: sections[k].teacher, site: sections[k].site,
                                      room: sections[k].room, slot: sections[k].slot)
            }
        }
        let candidates: [[Int]] = pins.indices.map { i in
            columns[i].filter { k in PinRule.holdsStudents(pins[i]) { members[k].contains($0) } }
        }
        let assigned = PinRule.assign(candidates)
        var v: [Violation] = []
        for (i, pin) in pins.enumerated() where assigned[i] == nil {
            if columns[i].isEmpty {
                v.append(Violation(.pinNotMet(pin: i, pinned: pin), teacher: pin.teacher, site: pin.site, room: pin.room, slot: pin.slot))
            } else if candidates[i].isEmpty {
                let ids = columns[i].map { sections[$0].id }
                let missing = pin.students.filter { s in !columns[i].contains { members[$0].contains(s) } }
                v.append(Violation(.pinStudentsMissing(pin: i, pinned: pin, sections: ids, students: missing),
                                   sections: ids, student: missing.first))
            } else {
                let ids = candidates[i].map { sections[$0].id }
                let others = assigned.indices.filter { j in assigned[j].map { candidates[i].contains($0) } == true }
                v.append(Violation(.pinSectionShared(pin: i, pinned: pin, sections: ids, pins: others), sections: ids))
            }
        }
        return v
    }
}
