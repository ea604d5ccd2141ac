import Foundation

/// `pins.csv` (rule H6): one named function in the style of the other tables; every cell problem
/// names file, line and column. What a pin may not contradict in the other tables is checked
/// afterwards by `PinValidator`. A workbook's `pins`/`закрепления` sheet maps onto this as the
/// other sheets do.
extension TableLoading {
    static let pinColumns: Set<String> = ["course", "teacher", "site", "room", "slot", "students"]

    /// Words of the `site` column that mean a remote section (any case).
    static let remoteWords: Set<String> = [Pin.remoteWord, "дистанционно"]

    static func pins(_ table: CSVTable) -> (LoadedRows<Pin>, [Diagnostic]) {
        var r = TableReader(table)
        var rows = LoadedRows<Pin>(table: table)
        r.checkHeader(known: pinColumns)
        guard r.requireColumns(["course"]) else { return (rows, r.diagnostics) }
        for rec in table.records {
            var ok = true
            var course: String?
            if let c = table.cell(rec, "course") {
                if c.text.isEmpty {
                    r.error(c, ru: "ожидался код курса закреплённой группы (курс из courses.csv), а ячейка пуста",
                            en: "expected the id of the pinned section's course (a course of courses.csv), found an empty cell")
                } else {
                    course = r.id(rec, "course")
                }
            }
            let teacher = r.optionalID(rec, "teacher")
            var place: Pin.Place?
            if let c = table.cell(rec, "site"), !c.text.isEmpty {
                if remoteWords.contains(c.text.lowercased()) {
                    place = .remote
                } else if let id = r.optionalID(rec, "site") {
                    place = .site(id)
                } else {
                    ok = false
                }
            }
            let room = r.optionalID(rec, "room")
            if let room, let c = table.cell(rec, "room") {
                switch place {
                case .none:
                    r.error(c, ru: "для помещения '\(room)' нужна площадка: заполните 'site' организацией, которой принадлежит помещение (коды помещений уникальны только внутри площадки)",
                            en: "room '\(room)' needs its site: fill in 'site' with the organisation the room belongs to (room ids are unique only within a site)")
                    ok = false
                case .remote?:
                    let given = table.cell(rec, "site")?.text ?? Pin.remoteWord
                    r.error(c, ru: "у дистанционной группы нет помещения; оставьте 'room' пустым или укажите площадку вместо '\(given)'",
                            en: "a remote section has no room; leave 'room' empty or give a site instead of '\(given)'")
                    ok = false
                case .site?: break
                }
            }
            let slot = r.optionalID(rec, "slot")
            let students = r.idList(rec, "students") ?? []
            if students.count > 1, let c = table.cell(rec, "students") {
                var seen: Set<String> = []
                for s in students where !seen.insert(s).inserted {
                    r.error(c, ru: "ученик '\(s)' указан в этом закреплении дважды; укажите каждого ученика один раз",
                            en: "student '\(s)' is listed twice in this pin; list each student once")
                    ok = false
                }
            }
            guard ok, let course else { continue }
            rows.values.append(Pin(course: course, teacher: teacher, place: place, room: room, slot: slot, students: students))
            rows.records.append(rec)
        }
        return (rows, r.diagnostics)
    }
}
