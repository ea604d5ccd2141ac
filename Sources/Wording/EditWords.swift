import ProfileDay
import SetkaModel

/// Hand edits in words: why an edit was refused, and what it did.
extension Words {
    /// The refusal: the edit as the command line writes it, then the rule and the people that
    /// block it (`--move S04 --to slot=3: H1 teacher: teacher T05 teaches sections S13 and S04 in slot 3`).
    public func refusal(_ r: EditRefusal) -> String {
        (r.edit.map { "\($0.words): " } ?? "") + reason(r.reason)
    }

    public func reason(_ reason: EditRefusal.Reason) -> String {
        let lines = { (v: [Violation]) in v.map(self.line).joined(separator: "; ") }
        switch reason {
        case .noProfileDay:
            return ru ? "в сценарии нет занятий профильного дня (profile_day.slots): править нечего"
                : "the scenario has no profile_day.slots, so there is no timetable to edit"
        case .invalidTimetable(let v):
            let shown = lines(Array(v.prefix(5))) + (v.count > 5 ? "; …" : "")
            return ru ? "расписание уже нарушает правила (нарушений: \(v.count); setka check: \(shown)); составьте его заново или исправьте"
                : "the timetable breaks \(v.count == 1 ? "a rule" : "\(v.count) rules") already (setka check: \(shown)); re-schedule or fix it first"
        case .unknown(let thing, let id):
            return ru ? "нет \(thingRu(thing)) \(id)" : "there is no \(thing.rawValue) \(id)"
        case .breaks(let v):
            return lines(v)
        case .pinned(let section, let pin, let pinned):
            return ru ? "\(title(.pins)): группа \(section) выполняет \(pinRow(pin, pinned)), а эта правка его нарушила бы"
                : "\(title(.pins)): section \(section) meets \(pinRow(pin, pinned)), which this edit would break"
        case .pinnedStudent(let student, let section, let pin, let pinned):
            return ru ? "\(title(.pins)): ученик \(student) закреплён за группой \(section) (\(pinRow(pin, pinned)))"
                : "\(title(.pins)): student \(student) is pinned to section \(section) (\(pinRow(pin, pinned)))"
        case .belowMinimum(let section, let enrolled, let minSize, let blocked):
            let rest = blocked.isEmpty ? "" : (ru ? "; остальные не могут прийти: " : "; the others cannot come: ") + lines(blocked)
            return ru ? "\(title(.size)): в группе \(section) осталось бы \(students(enrolled)) — меньше минимума \(minSize)\(rest)"
                : "\(title(.size)): section \(section) would keep \(students(enrolled)), fewer than the minimum \(minSize)\(rest)"
        case .tooFewHostStudents(let section, let hosts, let minSize):
            return ru ? "\(title(.visitingTeacher)): в группе \(section) осталось бы \(students(hosts)) принимающей школы — меньше \(minSize)"
                : "\(title(.visitingTeacher)): section \(section) would keep \(students(hosts)) of its host, fewer than \(minSize)"
        case .noFreeRoom(let site, let slot, let course):
            return ru ? "\(title(.room)): на площадке \(site) на занятии \(slot) нет свободной аудитории для курса \(course)"
                : "\(title(.room)): \(site) has no free room for course \(course) in slot \(slot)"
        case .notEnrolled(let student, let section):
            return ru ? "ученик \(student) не записан в группу \(section)" : "student \(student) does not attend section \(section)"
        case .alreadyEnrolled(let student, let section):
            return ru ? "ученик \(student) уже записан в группу \(section)" : "student \(student) already attends section \(section)"
        case .nothingToMove(let section):
            return ru ? "группа \(section) уже там" : "section \(section) is already there"
        case .pinNeedsASection:
            return ru ? "--pin относится к --move, --open и --assign: закреплять нечего"
                : "--pin goes with --move, --open and --assign (there is no section to pin)"
        case .rejected(let v):
            let shown = lines(Array(v.prefix(5)))
            return ru ? "внутренняя ошибка: изменённое расписание не прошло независимую проверку (\(shown)); ничего не записано"
                : "internal error: the edited timetable failed the independent check (\(shown)); nothing was written"
        }
    }

    /// What an edit did, for a person: the objective before and after, what closed, moved and
    /// opened, and who moved.
    public func editSummary(_ o: EditOutcome, studentsShown: Int = 20) -> String {
        func n(_ v: Double) -> String { number(v, digits: 1) }
        let sign = o.objectiveChange >= 0 ? "+" : ""
        var lines = [ru ? "целевая функция \(n(o.before.value)) → \(n(o.after.value)) (\(sign)\(n(o.objectiveChange)))"
                        : "objective \(n(o.before.value)) → \(n(o.after.value)) (\(sign)\(n(o.objectiveChange)))"]
        if !o.closed.isEmpty {
            let items = o.closed.map { c -> String in
                switch c.reason {
                case .edit: return c.section
                case let .belowMinimum(enrolled, minSize, hosts):
                    let who = hosts.map { ru ? "учеников принимающей школы: \($0)" : "\($0) host students" } ?? students(enrolled)
                    return ru ? "\(c.section) (\(who), минимум \(minSize))" : "\(c.section) (\(who), minimum \(minSize))"
                }
            }
            lines.append((ru ? "закрыты: " : "closed: ") + items.joined(separator: ", "))
        }
        if !o.moved.isEmpty { lines.append((ru ? "перенесены: " : "moved: ") + o.moved.joined(separator: ", ")) }
        if !o.opened.isEmpty { lines.append((ru ? "открыты: " : "opened: ") + o.opened.joined(separator: ", ")) }
        let changed = o.moves.filter { $0.before != $0.after }
        let followed = o.moves.count - changed.count
        if followed > 0 {
            lines.append(ru ? "перешли вместе с перенесённой группой: \(students(followed))" : "moved with their section: \(students(followed))")
        }
        lines.append(ru ? "пересажены: \(students(changed.count))" : "re-seated: \(students(changed.count))")
        for m in changed.prefix(studentsShown) {
            let before = m.before.isEmpty ? "—" : m.before.joined(separator: ", ")
            let after = m.after.isEmpty ? "—" : m.after.joined(separator: ", ")
            lines.append("  \(m.student): \(before) → \(after)")
        }
        if changed.count > studentsShown {
            lines.append(ru ? "  … и ещё \(changed.count - studentsShown) (changes.csv)" : "  … and \(changed.count - studentsShown) more (changes.csv)")
        }
        lines.append(ru ? "проверено независимой проверкой: да" : "verified by the independent checker: yes")
        return lines.joined(separator: "\n")
    }

    private func thingRu(_ t: EditRefusal.Thing) -> String {
        switch t {
        case .section: "группы"
        case .student: "ученика"
        case .course: "курса"
        case .teacher: "учителя"
        case .site: "площадки"
        case .room: "аудитории"
        case .slot: "занятия"
        }
    }
}
