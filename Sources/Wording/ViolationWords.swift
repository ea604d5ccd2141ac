import ProfileDay
import SetkaModel

/// The checker's findings in words.
extension Words {
    /// A rule's short name: `H1 teacher` / `H1 учитель`, `structure` / `структура`.
    public func title(_ rule: Violation.Rule) -> String {
        switch rule {
        case .teacher: ru ? "H1 учитель" : "H1 teacher"
        case .room: ru ? "H2 аудитория" : "H2 room"
        case .size: ru ? "H3 размер группы" : "H3 size"
        case .student: ru ? "H4 ученик" : "H4 student"
        case .visitingTeacher: ru ? "H5 приезжий учитель" : "H5 visiting teacher"
        case .pins: ru ? "H6 закрепления" : "H6 pins"
        case .structure: ru ? "структура" : "structure"
        }
    }

    /// `H1 teacher: teacher T3 teaches sections S4 and S9 in slot 2`.
    public func line(_ v: Violation) -> String { "\(title(v.rule)): \(sentence(v.detail))" }

    /// The finding as a sentence naming every id and number involved: teachers, courses and sites
    /// as `names` holds them (`named(teacher:)`, `named(course:)`, `named(organisation:)`), where
    /// the scenario gives names; sections, rooms, slots and students by id. A structural finding
    /// (an id the scenario does not have) says the id as the timetable does.
    public func sentence(_ detail: Violation.Detail) -> String {
        let l = joined
        switch detail {
        case .noProfileDay:
            return ru ? "в сценарии нет настроек profile_day (нет занятий): расписание составить нельзя"
                : "the scenario has no profile_day settings (no slots): nothing can be scheduled"
        case .duplicateSection(let s):
            return ru ? "код группы \(s) встречается у нескольких групп (записи относятся к первой)"
                : "section id \(s) is used by more than one section (the first one gets its enrolments)"
        case .unknownCourse(let s, let c):
            return ru ? "группа \(s) — курса \(c), которого нет в courses.csv" : "section \(s) is of course \(c), which is not in courses.csv"
        case .unknownTeacher(let s, let t):
            return ru ? "группу \(s) ведёт учитель \(t), которого нет в teachers.csv" : "section \(s) is taught by teacher \(t), who is not in teachers.csv"
        case .unknownSlot(let s, let t):
            return ru ? "группа \(s) стоит на занятии \(t), которого нет среди занятий профильного дня"
                : "section \(s) is in slot \(t), which is not among the profile-day slots"
        case .unknownSite(let s, let x):
            return ru ? "группа \(s) — на площадке \(x), которой нет в schools.csv" : "section \(s) is at site \(x), which is not in schools.csv"
        case .unknownSection(let st, let s):
            return ru ? "ученик \(st) записан в группу \(s), которой нет в sections.csv"
                : "student \(st) is enrolled in section \(s), which is not in sections.csv"
        case .duplicateEnrolment(let st, let s):
            return ru ? "ученик \(st) записан в группу \(s) больше одного раза" : "student \(st) is enrolled in section \(s) more than once"
        case .unknownStudent(let st, let secs):
            return ru ? "ученика \(st) (записан в \(secs.count == 1 ? "группу" : "группы") \(l(secs))) нет в students.csv"
                : "student \(st), enrolled in \(secs.count == 1 ? "section" : "sections") \(l(secs)), is not in students.csv"
        case .unknownRoom(let s, let r, let x):
            return ru ? "группа \(s) — в аудитории \(r) на площадке \(x), которой нет в rooms.csv"
                : "section \(s) is in room \(r) at \(x), which is not in rooms.csv"
        case .teacherCourseNotTaught(let t, let s, let c, let courses):
            return ru ? "учитель \(named(teacher: t)) ведёт группу \(s) курса \(named(course: c)), которого нет среди его курсов (\(courses.isEmpty ? "нет" : l(courses.map { named(course: $0) })))"
                : "teacher \(named(teacher: t)) teaches section \(s) of course \(named(course: c)), which is not among their courses (\(courses.isEmpty ? "none" : l(courses.map { named(course: $0) })))"
        case .teacherSlotNotFree(let t, let s, let slot, let free):
            return ru ? "учитель \(named(teacher: t)) ведёт группу \(s) на занятии \(slot), но свободен только \(free.isEmpty ? "ни на одном занятии" : "на занятиях " + l(free))"
                : "teacher \(named(teacher: t)) teaches section \(s) in slot \(slot), but is free only in \(free.isEmpty ? "no slot" : "slots " + l(free))"
        case .teacherDoesNotTravel(let t, let s, let x, let own):
            return ru ? "учитель \(named(teacher: t)) не выезжает (travels: no), но ведёт группу \(s) на площадке \(named(organisation: x)), а не у себя (\(named(organisation: own)))"
                : "teacher \(named(teacher: t)) does not travel (travels: no) but teaches section \(s) at \(named(organisation: x)), not at their own site \(named(organisation: own))"
        case .teacherTooManySections(let t, let secs, let max):
            return ru ? "у учителя \(named(teacher: t)) \(sections(secs.count)) (\(l(secs))) — больше max_sections \(max)"
                : "teacher \(named(teacher: t)) teaches \(secs.count) sections (\(l(secs))), more than max_sections \(max)"
        case .teacherTwoSectionsInSlot(let t, let secs, let slot):
            return ru ? "учитель \(named(teacher: t)) ведёт группы \(l(secs)) на одном занятии \(slot)" : "teacher \(named(teacher: t)) teaches sections \(l(secs)) in slot \(slot)"
        case .travelTooLong(let person, let a, let b, let m, let gap):
            return ru ? "\(twoSections(person, a, b)): дорога занимает \(minutes(m)) мин, а перемена — \(minutes(gap)) мин"
                : "\(twoSections(person, a, b)): the trip takes \(minutes(m)) minutes but the break between the slots is \(minutes(gap)) minutes"
        case .travelUnknown(let person, let a, let b):
            return ru ? "\(twoSections(person, a, b)), но время в пути от \(place(a)) до \(place(b)) неизвестно"
                : "\(twoSections(person, a, b)), but the travel time from \(place(a)) to \(place(b)) is not known"
        case .roomWithoutSite(let s, let r):
            return ru ? "у группы \(s) указана аудитория \(r), но не указана площадка" : "section \(s) names room \(r) but no site"
        case .courseNotRemote(let s, let c):
            return ru ? "группа \(s) дистанционная, но курс \(named(course: c)) нельзя вести дистанционно (remote: no)"
                : "section \(s) is remote, but course \(named(course: c)) cannot run remotely (remote: no)"
        case .siteNotAllowedForCourse(let s, let c, let x, let allowed):
            return ru ? "группа \(s) курса \(named(course: c)) — на площадке \(named(organisation: x)), а курс можно вести только на \(l(allowed.map { named(organisation: $0) }))"
                : "section \(s) of course \(named(course: c)) is at \(named(organisation: x)), but the course may be held only at \(l(allowed.map { named(organisation: $0) }))"
        case .roomMissing(let s, let x):
            return ru ? "у группы \(s) на площадке \(named(organisation: x)) не указана аудитория" : "section \(s) at \(named(organisation: x)) has no room"
        case .roomNotAtSite(let s, let r, let x, let sites):
            return ru ? "группа \(s) — в аудитории \(r) на площадке \(named(organisation: x)), но там нет такой аудитории (аудитория \(r) есть на \(l(sites.map { named(organisation: $0) })))"
                : "section \(s) is in room \(r) at \(named(organisation: x)), but \(named(organisation: x)) has no such room (room \(r) is at \(l(sites.map { named(organisation: $0) })))"
        case .roomWrongKind(let s, let c, let kind, let r, let x, let roomKind):
            return ru ? "группе \(s) курса \(named(course: c)) нужна аудитория типа \(kind), а аудитория \(r) на площадке \(named(organisation: x)) — типа \(roomKind)"
                : "section \(s) of course \(named(course: c)) needs a room of kind \(kind), but room \(r) at \(named(organisation: x)) is of kind \(roomKind)"
        case .roomTwoSectionsInSlot(let r, let x, let secs, let slot):
            return ru ? "в аудитории \(r) на площадке \(named(organisation: x)) на занятии \(slot) сразу группы \(l(secs))"
                : "room \(r) at \(named(organisation: x)) holds sections \(l(secs)) in slot \(slot)"
        case .sectionTooSmall(let s, let c, let n, let min):
            return ru ? "в группе \(s) курса \(named(course: c)) \(students(n)) — меньше минимума \(min)"
                : "section \(s) of course \(named(course: c)) has \(n) \(n == 1 ? "student" : "students"), fewer than the minimum \(min)"
        case .sectionTooLarge(let s, let c, let n, let max):
            return ru ? "в группе \(s) курса \(named(course: c)) \(students(n)) — больше максимума \(max)"
                : "section \(s) of course \(named(course: c)) has \(n) students, more than the maximum \(max)"
        case .sectionOverRoomCapacity(let s, let n, let r, let x, let capacity):
            return ru ? "в группе \(s) \(students(n)), а аудитория \(r) на площадке \(named(organisation: x)) вмещает \(capacity)"
                : "section \(s) has \(n) students, but room \(r) at \(named(organisation: x)) seats \(capacity)"
        case .studentCourseNotChosen(let st, let s, let c):
            return ru ? "ученик \(st) ходит в группу \(s) курса \(named(course: c)), которого нет в его выборе"
                : "student \(st) attends section \(s) of course \(named(course: c)), which is not among their choices"
        case .studentCourseTwice(let st, let c, let secs):
            return ru ? "ученик \(st) записан на курс \(named(course: c)) больше одного раза: группы \(l(secs))"
                : "student \(st) takes course \(named(course: c)) more than once: sections \(l(secs))"
        case .studentTwoSectionsInSlot(let st, let secs, let slot):
            return ru ? "ученик \(st) записан в группы \(l(secs)) на одном занятии \(slot)" : "student \(st) attends sections \(l(secs)) in slot \(slot)"
        case .studentTooManySections(let st, let secs, let wants):
            return ru ? "ученик \(st) записан в \(sections(secs.count)) (\(l(secs))), а хочет \(wants)"
                : "student \(st) attends \(secs.count) sections (\(l(secs))) but wants \(wants)"
        case .studentTripTooLong(let st, let school, let s, let x, let m, let limit):
            return ru ? "ученик \(st) из \(named(organisation: school)) ходит в группу \(s) на площадке \(named(organisation: x)) — \(minutes(m)) мин пути (max_trip_minutes \(minutes(limit)))"
                : "student \(st) of \(named(organisation: school)) attends section \(s) at \(named(organisation: x)), \(minutes(m)) minutes away (max_trip_minutes \(minutes(limit)))"
        case .studentTripUnknown(let st, let school, let s, let x):
            return ru ? "ученик \(st) ходит в группу \(s) на площадке \(named(organisation: x)), но время в пути от его школы \(named(organisation: school)) до \(named(organisation: x)) неизвестно"
                : "student \(st) attends section \(s) at \(named(organisation: x)), but the travel time from their school \(named(organisation: school)) to \(named(organisation: x)) is not known"
        case .pinNotMet(let i, let pin):
            return ru ? "\(pinRow(i, pin)) не выполнено: нет открытой группы с такими данными"
                : "\(pinRow(i, pin)) is not met: no open section has these columns"
        case .pinStudentsMissing(let i, let pin, let secs, let missing):
            let who = missing.isEmpty ? (ru ? "его ученики не ходят вместе ни в одну из них" : "its students do not all attend one of them")
                : ru ? "\(missing.count == 1 ? "ученик" : "ученики") \(l(missing)) не \(missing.count == 1 ? "ходит" : "ходят") ни в одну из них"
                : "student\(missing.count == 1 ? "" : "s") \(l(missing)) attend\(missing.count == 1 ? "s" : "") none of them"
            return ru ? "\(pinRow(i, pin)) не выполнено: \(secs.count == 1 ? "группа" : "группы") \(l(secs)) \(secs.count == 1 ? "подходит" : "подходят"), но \(who)"
                : "\(pinRow(i, pin)) is not met: section\(secs.count == 1 ? "" : "s") \(l(secs)) \(secs.count == 1 ? "has" : "have") its columns, but \(who)"
        case .pinSectionShared(let i, let pin, let secs, let others):
            let o = others.map { "\($0 + 1)" }
            return ru ? "\(pinRow(i, pin)) не выполнено: \(secs.count == 1 ? "подходящая группа" : "подходящие группы") \(l(secs)) уже \(secs.count == 1 ? "нужна" : "нужны") \(o.count == 1 ? "закреплению" : "закреплениям") \(l(o)); каждому закреплению нужна своя группа"
                : "\(pinRow(i, pin)) is not met: section\(secs.count == 1 ? "" : "s") \(l(secs)) \(secs.count == 1 ? "meets" : "meet") it but \(secs.count == 1 ? "is" : "are") needed by pin\(o.count == 1 ? "" : "s") \(l(o)); each pin needs its own section"
        case .visitingTeacherTooFewHostStudents(let s, let c, let x, let t, let own, let host, let n, let need):
            return ru ? "группу \(s) курса \(named(course: c)) на площадке \(named(organisation: x)) ведёт приезжий учитель \(named(teacher: t)) из \(named(organisation: own)), но из \(named(organisation: x)) только \(host) из \(n) её учеников (нужно не меньше \(need))"
                : "section \(s) of course \(named(course: c)) is taught at \(named(organisation: x)) by visiting teacher \(named(teacher: t)) of \(named(organisation: own)), but only \(host) of its \(n) students are from \(named(organisation: x)) (at least \(need) needed)"
        }
    }

    /// Why a published section cannot be kept in a variant: what the variant's change usually did
    /// ("teacher T2 is gone"), else the checker's finding.
    public func dropped(_ v: Violation) -> String {
        switch v.detail {
        case .unknownCourse(_, let c): return ru ? "курса \(c) больше нет" : "course \(c) is gone"
        case .unknownTeacher(_, let t): return ru ? "учителя \(t) больше нет" : "teacher \(t) is gone"
        case .unknownSlot(_, let slot): return ru ? "занятия \(slot) больше нет в профильном дне" : "slot \(slot) is no longer in the profile day"
        case .unknownSite(_, let x): return ru ? "площадки \(x) больше нет" : "site \(x) is gone"
        case .unknownRoom(_, let r, let x), .roomNotAtSite(_, let r, let x, _):
            return ru ? "аудитории \(r) на площадке \(x) больше нет" : "room \(r) at \(x) is gone"
        case .sectionTooSmall(_, let c, let n, let min):
            return ru ? "в группе курса \(named(course: c)) осталось \(studentsCount(n)) — меньше минимума \(min)"
                : "the section of \(named(course: c)) is left with \(students(n)), fewer than the minimum \(min)"
        case .teacherCourseNotTaught(let t, _, let c, _):
            return ru ? "учитель \(named(teacher: t)) больше не ведёт курс \(named(course: c))" : "teacher \(named(teacher: t)) no longer teaches \(named(course: c))"
        case .teacherTooManySections(let t, _, let max):
            return ru ? "у учителя \(named(teacher: t)) больше \(max) занятий" : "teacher \(named(teacher: t)) has more than \(max) sections"
        case .visitingTeacherTooFewHostStudents(_, _, let x, let t, let own, let host, let n, let need):
            return ru ? "приезжий учитель \(named(teacher: t)) (\(named(organisation: own))): из \(n) учеников группы только \(host) из \(named(organisation: x)), а нужно не меньше \(need)"
                : "visiting teacher \(named(teacher: t)) (\(named(organisation: own))): only \(host) of the section's \(n) students are from \(named(organisation: x)), \(need) needed"
        default:
            return sentence(v.detail)
        }
    }

    /// "teacher T1 teaches section S1 at a in slot 1 and section S2 at b (remote) in slot 2".
    private func twoSections(_ person: Violation.Person, _ a: Violation.Stop, _ b: Violation.Stop) -> String {
        switch person {
        case .teacher(let id):
            return ru ? "учитель \(named(teacher: id)) ведёт группу \(a.section) на \(place(a)) на занятии \(a.slot) и группу \(b.section) на \(place(b)) на занятии \(b.slot)"
                : "teacher \(named(teacher: id)) teaches section \(a.section) at \(place(a)) in slot \(a.slot) and section \(b.section) at \(place(b)) in slot \(b.slot)"
        case .student(let id):
            return ru ? "ученик \(id) ходит в группу \(a.section) на \(place(a)) на занятии \(a.slot) и в группу \(b.section) на \(place(b)) на занятии \(b.slot)"
                : "student \(id) attends section \(a.section) at \(place(a)) in slot \(a.slot) and section \(b.section) at \(place(b)) in slot \(b.slot)"
        }
    }

    /// `pin 2 (pins.csv row 3: robotics, teacher t017, slot 3)`.
    public func pinRow(_ i: Int, _ pin: Pin) -> String {
        ru ? "закрепление \(i + 1) (pins.csv, строка \(i + 2): \(pinSummary(pin)))" : "pin \(i + 1) (pins.csv row \(i + 2): \(pinSummary(pin)))"
    }

    /// A pin's columns: `robotics, teacher t017, at s003, room 12, slot 3, students st1|st2`.
    public func pinSummary(_ pin: Pin) -> String {
        guard ru else { return pin.summary }
        var parts = ["курс \(pin.course)"]
        if let t = pin.teacher { parts.append("учитель \(t)") }
        switch pin.place {
        case .none: break
        case .remote?: parts.append("дистанционно")
        case .site(let x)?: parts.append("площадка \(x)")
        }
        if let r = pin.room { parts.append("аудитория \(r)") }
        if let t = pin.slot { parts.append("занятие \(t)") }
        if !pin.students.isEmpty { parts.append("ученики \(pin.students.joined(separator: "|"))") }
        return parts.joined(separator: ", ")
    }

    /// `a`, or `a (remote)` for a remote section counted at `a`.
    private func place(_ stop: Violation.Stop) -> String {
        stop.remote ? "\(named(organisation: stop.site)) (\(ru ? "дистанционно" : "remote"))" : named(organisation: stop.site)
    }
}
