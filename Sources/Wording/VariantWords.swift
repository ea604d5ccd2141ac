import SetkaModel

/// What a what-if variant changed, in words.
extension Words {
    public func sentence(_ effect: VariantEffect) -> String {
        switch effect {
        case .removedTeacher(let id):
            return ru ? "убран учитель \(named(teacher: id))" : "removed teacher \(named(teacher: id))"
        case .removedStudent(let id):
            return ru ? "убран ученик \(id)" : "removed student \(id)"
        case .removedRoom(let room, let site):
            return ru ? "убрана аудитория \(room) на площадке \(named(organisation: site))" : "removed room \(room) at \(named(organisation: site))"
        case .removedCourse(let course, let teachers, let students):
            return ru ? "убран курс \(named(course: course)) (из курсов учителей: \(teachers), из выбора учеников: \(students))"
                : "removed course \(named(course: course)) (from \(count(teachers, "teacher"))' courses and \(count(students, "student"))' choices)"
        case .removedSchool(let school, let rooms, let teachers, let students, let courses, let pairs):
            var s = ru ? "убрана школа \(named(organisation: school)) (аудиторий: \(rooms), учителей: \(teachers), учеников: \(students))"
                : "removed school \(named(organisation: school)) with \(count(rooms, "room")), \(count(teachers, "teacher")) and \(count(students, "student"))"
            if !courses.isEmpty {
                s += ru ? "; курсы, которые можно было провести только там, тоже убраны: \(joined(courses.map { named(course: $0) }))"
                    : "; course\(courses.count == 1 ? "" : "s") \(courses.map { named(course: $0) }.joined(separator: ", ")) could only be held there and \(courses.count == 1 ? "is" : "are") removed too"
            }
            if pairs > 0 {
                s += ru ? "; заданных или запрещённых пар партнёров с ней снято: \(pairs)"
                    : "; \(count(pairs, "fixed/forbidden partner pair")) naming it dropped"
            }
            return s
        case .set(let key, let value):
            return ru ? "настройка \(key) = \(value)" : "set \(key) = \(value)"
        case .scaledDemand(let course, let factor, let before, let after, let changed):
            return ru ? "спрос на курс \(named(course: course)) ×\(number(factor, digits: 3)): выбирали \(before) учеников, теперь \(after) (изменён выбор учеников: \(changed))"
                : "scale_demand \(named(course: course)) ×\(number(factor, digits: 3)): \(before) → \(after) students choose it (\(count(changed, "student")) changed)"
        case .addedRows(let rows, let file, let table):
            return ru ? "добавлено строк: \(rows) (из \(file) в таблицу \(table))" : "added \(count(rows, "row")) from \(file) to \(table)"
        case .updated(let target, let id, let site, let values):
            let set = values.map { "\($0.column) = \($0.value.isEmpty ? (ru ? "пусто" : "empty") : $0.value)" }.joined(separator: ", ")
            return ru ? "изменено: \(rowName(target, id, site)): \(set)" : "updated \(rowName(target, id, site)): \(set)"
        case .pinsChanged(let dropped, let out):
            var parts: [String] = []
            if dropped > 0 { parts.append(ru ? "снято закреплений, где это указано: \(dropped)" : "\(count(dropped, "pin")) naming it dropped") }
            if out > 0 { parts.append(ru ? "ученики исключены из закреплений: \(out)" : "its students taken out of \(count(out, "pin"))") }
            return parts.joined(separator: "; ")
        }
    }

    /// "педагог Петрова Н. С. (T05)", "аудитория 204 на площадке МБОУ «СОШ №1»" / "teacher
    /// Петрова Н. С. (T05)", "room 204 at МБОУ «СОШ №1»" (ids without `names`).
    public func rowName(_ target: VariantChange.Target, _ id: String, _ site: String?) -> String {
        switch target {
        case .teacher: return ru ? "педагог \(named(teacher: id))" : "teacher \(named(teacher: id))"
        case .school: return ru ? "организация \(named(organisation: id))" : "organisation \(named(organisation: id))"
        case .course: return ru ? "курс \(named(course: id))" : "course \(named(course: id))"
        case .student: return ru ? "ученик \(id)" : "student \(id)"
        case .room:
            guard let site else { return ru ? "аудитория \(id)" : "room \(id)" }
            return ru ? "аудитория \(id) на площадке \(named(organisation: site))" : "room \(id) at \(named(organisation: site))"
        }
    }

    /// "1 row", "3 rows" (English).
    private func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
