import Foundation

/// Checks `pins.csv` against the other tables (scenario-format.md, table "pins.csv" and rule H6):
/// a pin names nothing that does not exist, and a pin that no timetable could meet is an error
/// at its row naming the hard rule it breaks (`H1 teacher: 't017' is not free in slot '3' …`).
///
/// What is checked, by rule:
/// - references: the course, teacher, site (or `remote`), room at that site, slot and students exist;
/// - H1 teacher: the pinned teacher can teach the course, is free in the slot, may teach at the
///   site (`travels: no`), is not pinned twice in one slot nor to more than `max_sections`
///   sections, nor to consecutive slots too far apart; a pin without a teacher has some teacher
///   who could take it, and the pins of one slot can have distinct teachers;
/// - H2 room: a remote pin's course may run remotely; the site may host the course (`sites`) and
///   has a room of its kind; a pinned room is of the course's kind; the pins of one site and slot
///   can have distinct rooms;
/// - H3 size: no more students are pinned than the section may hold, and enough students who
///   chose the course can reach it to fill its minimum;
/// - H4 student: a pinned student chose the course, can reach the site within
///   `max_trip_minutes`, is not pinned to two sections in one slot, to one course twice, to more
///   sections than they want, nor to consecutive slots too far apart;
/// - H5 visiting teacher: a pinned teacher pinned at another organisation has enough students
///   there who chose the course.
///
/// These are the contradictions visible from the tables; what only a whole timetable can show
/// (a teacher every pin leaves free but the day needs elsewhere) is the scheduler's to report.
struct PinValidator {
    let scenario: Scenario
    let rows: LoadedRows<Pin>
    private var diagnostics: [Diagnostic] = []

    private let courseIndex: [String: Int]
    private let teacherIndex: [String: Int]
    private let studentIndex: [String: Int]
    private let slotIndex: [String: Int]
    private struct RoomKey: Hashable { var site: String; var room: String }
    private let roomIndex: [RoomKey: Int]
    private let roomsAt: [String: [Int]]
    private let settings: ProfileDaySettings

    /// Slack on travel comparisons, in minutes (as the checker's).
    static let tolerance = 1e-9

    init(scenario: Scenario, rows: LoadedRows<Pin>) {
        self.scenario = scenario; self.rows = rows
        func first(_ ids: [String]) -> [String: Int] {
            var d: [String: Int] = [:]
            for (i, id) in ids.enumerated() where d[id] == nil { d[id] = i }
            return d
        }
        courseIndex = first(scenario.courses.map(\.id))
        teacherIndex = first(scenario.teachers.map(\.id))
        studentIndex = first(scenario.students.map(\.id))
        settings = scenario.profileDay ?? ProfileDaySettings()
        slotIndex = first(settings.slots.map(\.id))
        var rooms: [RoomKey: Int] = [:], at: [String: [Int]] = [:]
        for (i, r) in scenario.rooms.enumerated() {
            if rooms[RoomKey(site: r.site, room: r.id)] == nil { rooms[RoomKey(site: r.site, room: r.id)] = i }
            at[r.site, default: []].append(i)
        }
        roomIndex = rooms; roomsAt = at
    }

    /// Every problem of every pin, in row order.
    consuming func run() -> [Diagnostic] {
        guard !rows.values.isEmpty else { return [] }
        guard scenario.profileDay != nil else {
            warning(0, "course", ru: "в сценарии нет profile_day, поэтому закрепления не используются", en: "the scenario has no profile_day, so its pins are not used")
            return diagnostics
        }
        var resolved: [Resolved?] = []
        for i in rows.values.indices { resolved.append(checkRow(i)) }
        checkTeachersAcrossPins(resolved)
        checkRoomsAcrossPins(resolved)
        checkStudentsAcrossPins(resolved)
        return diagnostics
    }

    // MARK: helpers

    private mutating func error(_ i: Int, _ column: String, ru: String, en: String) {
        let (loc, field) = rows.location(i, column)
        diagnostics.append(.error(ru: ru, en: en, at: loc, field: field))
    }

    private mutating func warning(_ i: Int, _ column: String, ru: String, en: String) {
        let (loc, field) = rows.location(i, column)
        diagnostics.append(.warning(ru: ru, en: en, at: loc, field: field))
    }

    /// How a message refers to another row: `line 4` (`row 4` of a workbook's sheet), or
    /// `extra-pins.csv line 4` when it is in another file than row `from` (rows a what-if
    /// variant added).
    private func row(_ j: Int, from i: Int) -> Phrase { rowList([j], from: i) }

    /// Russian: `строке 4`, `строках 4 и 7`, `extra-pins.csv, строка 4`.
    private func rowList(_ js: [Int], from i: Int) -> Phrase {
        let here = rows.location(i, "course").0
        func place(_ l: SourceLocation) -> String { l.sheet.map { "\(l.file)[\($0)]" } ?? l.file }
        func word(_ l: SourceLocation) -> String { l.sheet == nil ? "line" : "row" }
        let sameFile = js.allSatisfy { place(rows.location($0, "course").0) == place(here) }
        let en = js.map { j -> String in
            let loc = rows.location(j, "course").0
            let line = loc.line.map(String.init) ?? "?"
            return sameFile ? line : "\(place(loc)) \(word(loc)) \(line)"
        }
        let ru = js.map { j -> String in
            let loc = rows.location(j, "course").0
            return sameFile ? (loc.line.map(String.init) ?? "?") : "\(place(loc)), строка \(loc.line.map(String.init) ?? "?")"
        }
        if en.count == 1 { return Phrase(ru: sameFile ? "строке \(ru[0])" : ru[0], en: sameFile ? "\(word(here)) \(en[0])" : en[0]) }
        let joinedEn = en.dropLast().joined(separator: ", ") + " and " + en.last!
        let joinedRu = ru.dropLast().joined(separator: ", ") + " и " + ru.last!
        return Phrase(ru: sameFile ? "строках " + joinedRu : joinedRu, en: sameFile ? "\(word(here))s " + joinedEn : joinedEn)
    }

    private static func ids(_ list: [String]) -> Phrase { list.isEmpty ? Phrase(ru: "нет", en: "none") : .verbatim(list.joined(separator: "|")) }
    private static func minutes(_ m: Double) -> String { TableReader.format((m * 100).rounded() / 100) }

    private func minSize(_ c: Course) -> Int { c.minSize ?? settings.minSectionSize }
    private func maxSize(_ c: Course) -> Int { c.maxSize ?? settings.maxSectionSize }
    private func wants(_ s: Student) -> Int { s.wants ?? settings.coursesPerStudent }
    private func roomFits(_ c: Course, _ room: Room) -> Bool {
        c.roomKind == Course.anyRoomKind || c.roomKind == room.kind
    }
    private func kindWords(_ c: Course) -> Phrase {
        c.roomKind == Course.anyRoomKind ? Phrase(ru: "помещения", en: "room") : Phrase(ru: "помещения вида '\(c.roomKind)'", en: "room of kind '\(c.roomKind)'")
    }

    /// May teacher `t` take a section of `c` in `slot` at `place` (each nil = any)?
    private func teacherCanTake(_ t: Teacher, _ c: Course, slot: String?, place: Pin.Place?) -> Bool {
        guard t.courses.contains(c.id), t.maxSections != 0, t.slots?.isEmpty != true else { return false }
        if let slot, let free = t.slots, !free.contains(slot) { return false }
        if !t.travels, case .site(let s)? = place, s != t.site { return false }
        return true
    }

    /// Where a pinned section is held for travel: its site, or the person's own organisation
    /// when remote; nil when the pin does not say.
    private func heldAt(_ p: Resolved, own: String) -> String? {
        switch p.pin.place {
        case .none: nil
        case .remote?: own
        case .site(let s)?: p.siteKnown ? s : nil
        }
    }

    /// The break after slot number `t`, in minutes.
    private func gap(after t: Int) -> Double {
        Double(settings.slots[t + 1].start.minutes - settings.slots[t].end.minutes)
    }

    /// A pin with its references looked up (nil where unknown or not given).
    private struct Resolved {
        var pin: Pin
        var course: Int
        var teacher: Int?
        var siteKnown: Bool
        var room: Int?
        var slot: Int?
        var students: [Int]
    }

    // MARK: one row

    /// References, then the rules one row can break on its own. Nil when the course is unknown.
    private mutating func checkRow(_ i: Int) -> Resolved? {
        let pin = rows.values[i]
        guard let ci = courseIndex[pin.course] else {
            error(i, "course", ru: "неизвестный курс '\(pin.course)' (такого кода нет в courses.csv)", en: "unknown course '\(pin.course)' (not an id in courses.csv)")
            return nil
        }
        let course = scenario.courses[ci]
        var r = Resolved(pin: pin, course: ci, teacher: nil, siteKnown: false, room: nil, slot: nil, students: [])

        // References.
        if let t = pin.teacher {
            if let ti = teacherIndex[t] { r.teacher = ti } else {
                error(i, "teacher", ru: "неизвестный педагог '\(t)' (такого кода нет в teachers.csv)", en: "unknown teacher '\(t)' (not an id in teachers.csv)")
            }
        }
        if let site = pin.site {
            if scenario.organisationIndex[site] != nil { r.siteKnown = true } else {
                error(i, "site", ru: "неизвестная организация '\(site)' (такого кода нет в schools.csv; для дистанционной группы напишите '\(Pin.remoteWord)')",
                      en: "unknown organisation '\(site)' (not an id in schools.csv; write '\(Pin.remoteWord)' for a remote section)")
            }
        }
        if let room = pin.room, let site = pin.site, r.siteKnown {
            if let ri = roomIndex[RoomKey(site: site, room: room)] { r.room = ri } else {
                let elsewhere = scenario.rooms.filter { $0.id == room }.map(\.site)
                if elsewhere.isEmpty {
                    error(i, "room", ru: "неизвестное помещение '\(room)' в '\(site)' (его нет в rooms.csv)", en: "unknown room '\(room)' at '\(site)' (not in rooms.csv)")
                } else {
                    let at = Self.ids(elsewhere)
                    error(i, "room", ru: "H2 аудитория: в '\(site)' нет помещения '\(room)' (помещение '\(room)' есть в \(at.ru))",
                          en: "H2 room: '\(site)' has no room '\(room)' (a room '\(room)' is at \(at.en))")
                }
            }
        }
        if let slot = pin.slot {
            if let si = slotIndex[slot] { r.slot = si } else {
                let known = settings.slots.map(\.id).joined(separator: ", ")
                error(i, "slot", ru: "неизвестное занятие '\(slot)' (занятия в scenario.yaml: \(known))", en: "unknown slot '\(slot)' (the slots in scenario.yaml are: \(known))")
            }
        }
        for s in pin.students {
            if let si = studentIndex[s] { r.students.append(si) } else {
                error(i, "students", ru: "неизвестный ученик '\(s)' (такого кода нет в students.csv)", en: "unknown student '\(s)' (not an id in students.csv)")
            }
        }

        // H1 teacher.
        if let ti = r.teacher {
            let t = scenario.teachers[ti]
            if !t.courses.contains(course.id) {
                let courses = Self.ids(t.courses)
                error(i, "teacher", ru: "H1 учитель: '\(t.id)' не может вести курс '\(course.id)' (его курсы в teachers.csv: \(courses.ru))",
                      en: "H1 teacher: '\(t.id)' cannot teach course '\(course.id)' (their courses in teachers.csv: \(courses.en))")
            }
            if t.maxSections == 0 {
                error(i, "teacher", ru: "H1 учитель: у '\(t.id)' max_sections равно 0, он не может вести ни одной группы", en: "H1 teacher: '\(t.id)' has max_sections 0 and can teach no section")
            } else if let free = t.slots, free.isEmpty {
                error(i, "teacher", ru: "H1 учитель: '\(t.id)' не свободен ни на одном занятии", en: "H1 teacher: '\(t.id)' is free in no slot")
            } else if let slot = pin.slot, r.slot != nil, let free = t.slots, !free.contains(slot) {
                let f = Self.ids(free)
                error(i, "slot", ru: "H1 учитель: '\(t.id)' не свободен на занятии '\(slot)' (свободен на занятиях \(f.ru))", en: "H1 teacher: '\(t.id)' is not free in slot '\(slot)' (free in slots \(f.en))")
            }
            if !t.travels, let site = pin.site, site != t.site {
                error(i, "site", ru: "H1 учитель: '\(t.id)' не выезжает (travels: no) и работает в '\(t.site)', а не в '\(site)'",
                      en: "H1 teacher: '\(t.id)' does not travel (travels: no) and works at '\(t.site)', not at '\(site)'")
            }
        } else if pin.teacher == nil {
            let slot = r.slot != nil ? pin.slot : nil
            if !scenario.teachers.contains(where: { teacherCanTake($0, course, slot: slot, place: pin.place) }) {
                var whereText = Phrase.verbatim("")
                if let slot { whereText = whereText + Phrase(ru: " на занятии '\(slot)'", en: " in slot '\(slot)'") }
                if let site = pin.site { whereText = whereText + Phrase(ru: " в '\(site)'", en: " at '\(site)'") }
                let qualified = scenario.teachers.filter { $0.courses.contains(course.id) }.map(\.id)
                let why = qualified.isEmpty ? Phrase(ru: "ни одна строка teachers.csv не называет этот курс", en: "no row of teachers.csv lists the course")
                    : Phrase(ru: "педагоги курса (\(Self.ids(qualified).ru)) в это время заняты или туда не выезжают",
                             en: "the teachers of the course (\(Self.ids(qualified).en)) are not free then or do not travel there")
                error(i, "course", ru: "H1 учитель: курс '\(course.id)'\(whereText.ru) не может вести ни один педагог: \(why.ru)",
                      en: "H1 teacher: no teacher can teach course '\(course.id)'\(whereText.en): \(why.en)")
            }
        }

        // H2 room.
        switch pin.place {
        case .remote?:
            if !course.remote {
                error(i, "site", ru: "H2 аудитория: курс '\(course.id)' нельзя вести дистанционно (remote: no в courses.csv)",
                      en: "H2 room: course '\(course.id)' cannot run remotely (remote: no in courses.csv)")
            }
        case .site(let site)? where r.siteKnown:
            if !course.sites.isEmpty && !course.sites.contains(site) {
                let sites = Self.ids(course.sites)
                error(i, "site", ru: "H2 аудитория: курс '\(course.id)' можно проводить только в \(sites.ru), а не в '\(site)'",
                      en: "H2 room: course '\(course.id)' may be held only at \(sites.en), not at '\(site)'")
            }
            if let ri = r.room {
                let room = scenario.rooms[ri]
                if !roomFits(course, room) {
                    error(i, "room", ru: "H2 аудитория: курсу '\(course.id)' нужно помещение вида '\(course.roomKind)', а помещение '\(room.id)' в '\(site)' — вида '\(room.kind)'",
                          en: "H2 room: course '\(course.id)' needs a room of kind '\(course.roomKind)', but room '\(room.id)' at '\(site)' is of kind '\(room.kind)'")
                }
            } else if pin.room == nil, !(roomsAt[site] ?? []).contains(where: { roomFits(course, scenario.rooms[$0]) }) {
                error(i, "site", ru: "H2 аудитория: в '\(site)' нет \(kindWords(course).ru) для курса '\(course.id)'",
                      en: "H2 room: '\(site)' has no \(kindWords(course).en) for course '\(course.id)'")
            }
        default: break
        }

        // H3 size: the pinned students fit; enough students can come to fill the minimum.
        var holds = maxSize(course), limit = Phrase.verbatim("max_size \(maxSize(course))")
        if let ri = r.room, scenario.rooms[ri].capacity < holds {
            holds = scenario.rooms[ri].capacity
            limit = Phrase(ru: "в помещении '\(scenario.rooms[ri].id)' мест: \(holds)", en: "room '\(scenario.rooms[ri].id)' seats \(holds)")
        } else if r.room == nil, pin.room == nil, let site = pin.site, r.siteKnown {
            let best = (roomsAt[site] ?? []).map { scenario.rooms[$0] }.filter { roomFits(course, $0) }.map(\.capacity).max()
            if let best, best < holds {
                holds = best
                limit = Phrase(ru: "в самом большом из \(kindWords(course).ru) в '\(site)' мест: \(best)", en: "the largest \(kindWords(course).en) at '\(site)' seats \(best)")
            }
        }
        if pin.students.count > holds {
            error(i, "students", ru: "H3 размер группы: закреплено учеников: \(pin.students.count), а в группу помещается не больше \(holds) (\(limit.ru))",
                  en: "H3 size: \(pin.students.count) students are pinned, but the section holds at most \(holds) (\(limit.en))")
        }
        let reachable = scenario.students.reduce(0) { n, s in
            guard s.choices.contains(course.id), wants(s) > 0 else { return n }
            guard r.siteKnown, let site = pin.site else { return n + 1 }
            guard let m = scenario.minutes(from: s.school, to: site) else { return n }
            return m <= settings.maxTripMinutes + Self.tolerance ? n + 1 : n
        }
        if reachable < minSize(course) {
            let near = r.siteKnown && pin.site != nil
            let within = near ? " within max_trip_minutes \(Self.minutes(settings.maxTripMinutes)) of '\(pin.site!)'" : ""
            let withinRu = near ? " в пределах max_trip_minutes \(Self.minutes(settings.maxTripMinutes)) от '\(pin.site!)'" : ""
            error(i, "course", ru: "H3 размер группы: прийти могут только \(reachable) из выбравших '\(course.id)'\(withinRu), меньше его минимума \(minSize(course)); закреплённая группа не может открыться",
                  en: "H3 size: only \(reachable) student\(reachable == 1 ? "" : "s") who chose '\(course.id)'\(within) can attend, fewer than its minimum of \(minSize(course)); the pinned section cannot open")
        }

        // H5 visiting teacher.
        if settings.visitingTeacherRule, let ti = r.teacher, let site = pin.site, r.siteKnown {
            let t = scenario.teachers[ti]
            if site != t.site {
                let hosts = scenario.students.reduce(0) { $0 + ($1.school == site && $1.choices.contains(course.id) && wants($1) > 0 ? 1 : 0) }
                if hosts < minSize(course) {
                    error(i, "site", ru: "H5 приезжий учитель: '\(t.id)' работает в '\(t.site)', а в '\(site)' курс '\(course.id)' выбрали только \(hosts) своих учеников (чтобы пригласить приезжего учителя, нужно не меньше \(minSize(course)))",
                          en: "H5 visiting teacher: '\(t.id)' works at '\(t.site)', and at '\(site)' only \(hosts) student\(hosts == 1 ? "" : "s") of its own chose '\(course.id)' (at least \(minSize(course)) needed to invite a visiting teacher)")
                }
            }
        }

        // H4 student, each pinned student alone.
        for si in r.students {
            let s = scenario.students[si]
            if !s.choices.contains(course.id) {
                let choices = Self.ids(s.choices)
                error(i, "students", ru: "H4 ученик: '\(s.id)' не выбирал курс '\(course.id)' (его выбор: \(choices.ru))",
                      en: "H4 student: '\(s.id)' did not choose course '\(course.id)' (their choices: \(choices.en))")
            }
            if wants(s) == 0 {
                error(i, "students", ru: "H4 ученик: '\(s.id)' хочет 0 курсов и не может ходить ни в одну группу", en: "H4 student: '\(s.id)' wants 0 courses and can attend no section")
            }
            if let site = pin.site, r.siteKnown, site != s.school {
                if let m = scenario.minutes(from: s.school, to: site) {
                    if m > settings.maxTripMinutes + Self.tolerance {
                        error(i, "students", ru: "H4 ученик: '\(s.id)' из '\(s.school)' ехал бы \(Self.minutes(m)) минут до '\(site)' (max_trip_minutes \(Self.minutes(settings.maxTripMinutes)))",
                              en: "H4 student: '\(s.id)' of '\(s.school)' would travel \(Self.minutes(m)) minutes to '\(site)' (max_trip_minutes \(Self.minutes(settings.maxTripMinutes)))")
                    }
                } else {
                    error(i, "students", ru: "H4 ученик: неизвестно время в пути из '\(s.school)' (школы '\(s.id)') в '\(site)'",
                          en: "H4 student: the travel time from '\(s.school)' (the school of '\(s.id)') to '\(site)' is not known")
                }
            }
        }
        return r
    }

    // MARK: across pins

    /// H1 across pins: one teacher pinned twice in a slot, beyond `max_sections`, or to
    /// consecutive slots too far apart; the pins of each slot need distinct teachers.
    private mutating func checkTeachersAcrossPins(_ pins: [Resolved?]) {
        var bySlot: [Int: [Int]] = [:]  // slot → pins
        var ofTeacher: [Int: [Int]] = [:]
        var named: [Int64: Int] = [:]  // teacher × slot → first pin
        var clash: Set<Int> = []  // slots where a named teacher is pinned twice
        for (i, p) in pins.enumerated() {
            guard let p else { continue }
            if let s = p.slot { bySlot[s, default: []].append(i) }
            guard let t = p.teacher else { continue }
            ofTeacher[t, default: []].append(i)
            guard let s = p.slot else { continue }
            let key = Int64(t) << 32 | Int64(s)
            if let j = named[key] {
                clash.insert(s)
                let other = row(j, from: i)
                error(i, "slot", ru: "H1 учитель: '\(p.pin.teacher!)' закреплён дважды на занятии '\(p.pin.slot!)' (ещё в \(other.ru))",
                      en: "H1 teacher: '\(p.pin.teacher!)' is pinned twice in slot '\(p.pin.slot!)' (also on \(other.en))")
            } else {
                named[key] = i
            }
        }
        for (t, list) in ofTeacher.sorted(by: { $0.key < $1.key }) {
            let teacher = scenario.teachers[t]
            let limit = min(teacher.maxSections ?? settings.slots.count, settings.slots.count)
            if list.count > limit, limit > 0 {
                let i = list[limit]
                let rowsText = rowList(list, from: i), maxGiven = teacher.maxSections != nil
                error(i, "teacher", ru: "H1 учитель: '\(teacher.id)' закреплён за группами (\(list.count), в \(rowsText.ru)) — больше, чем \(maxGiven ? "max_sections \(limit)" : "занятий (\(limit))")",
                      en: "H1 teacher: '\(teacher.id)' is pinned to \(list.count) sections (\(rowsText.en)), more than \(maxGiven ? "max_sections \(limit)" : "the \(limit) slots")")
            }
            consecutiveTravel(list.map { pins[$0]! }, indices: list, own: teacher.site, who: Phrase(ru: "'\(teacher.id)' вёл бы", en: "'\(teacher.id)' would teach"), rule: Phrase(ru: "H1 учитель", en: "H1 teacher"))
        }
        // Distinct teachers for the pins of each slot (a pin without a teacher may take any
        // teacher who can take it; named ones first, so only unnamed ones are left over).
        for (s, list) in bySlot.sorted(by: { $0.key < $1.key }) where !clash.contains(s) && list.count > 1 {
            let order = list.filter { pins[$0]!.teacher != nil } + list.filter { pins[$0]!.teacher == nil && pins[$0]!.pin.teacher == nil }
            let candidates: [[Int]] = order.map { i in
                let p = pins[i]!
                if let t = p.teacher { return [t] }
                let c = scenario.courses[p.course]
                return scenario.teachers.indices.filter { teacherCanTake(scenario.teachers[$0], c, slot: p.pin.slot, place: p.pin.place) }
            }
            for (i, options, others) in Self.unmatched(order, candidates) {
                let p = pins[i]!
                let ids = options.map { scenario.teachers[$0].id }
                let who = Self.ids(ids), on = rowList(others, from: i)
                error(i, "course", ru: "H1 учитель: для этого закрепления на занятии '\(p.pin.slot!)' не осталось педагога: те, кто мог бы вести здесь '\(p.pin.course)' (\(who.ru)), нужны закреплениям в \(on.ru)",
                      en: "H1 teacher: no teacher is left for this pin in slot '\(p.pin.slot!)': the teachers who could teach '\(p.pin.course)' here (\(who.en)) are needed by the pins on \(on.en)")
            }
        }
    }

    /// Gives the pins `order` (rows) distinct resources among `candidates` (the first ones keep
    /// theirs); the pins left without one though they have options: (row, its options, the rows
    /// that took them).
    private static func unmatched(_ order: [Int], _ candidates: [[Int]]) -> [(row: Int, options: [Int], takenBy: [Int])] {
        let match = DistinctAssignment.match(candidates)
        return order.indices.filter { match[$0] == nil && !candidates[$0].isEmpty }.map { k in
            (order[k], candidates[k], order.indices.filter { match[$0].map { candidates[k].contains($0) } ?? false }.map { order[$0] })
        }
    }

    /// H2 across pins: one room pinned twice in a slot; the pins of one site and slot need
    /// distinct rooms that suit them.
    private mutating func checkRoomsAcrossPins(_ pins: [Resolved?]) {
        struct Key: Hashable { var site: String; var slot: Int }
        var groups: [Key: [Int]] = [:]
        var keys: [Key] = []
        for (i, p) in pins.enumerated() {
            guard let p, p.siteKnown, let site = p.pin.site, let slot = p.slot else { continue }
            if p.pin.room != nil && p.room == nil { continue }  // unknown room: reported
            let key = Key(site: site, slot: slot)
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(i)
        }
        for key in keys {
            let list = groups[key]!
            guard list.count > 1 else { continue }
            var firstOfRoom: [Int: Int] = [:]
            var clash = false
            for i in list {
                guard let r = pins[i]!.room else { continue }
                if let j = firstOfRoom[r] {
                    clash = true
                    let other = row(j, from: i)
                    error(i, "room", ru: "H2 аудитория: помещение '\(pins[i]!.pin.room!)' в '\(key.site)' закреплено дважды на занятии '\(pins[i]!.pin.slot!)' (ещё в \(other.ru))",
                          en: "H2 room: room '\(pins[i]!.pin.room!)' at '\(key.site)' is pinned twice in slot '\(pins[i]!.pin.slot!)' (also on \(other.en))")
                } else {
                    firstOfRoom[r] = i
                }
            }
            if clash { continue }
            let order = list.filter { pins[$0]!.room != nil } + list.filter { pins[$0]!.room == nil }
            let candidates: [[Int]] = order.map { i in
                let p = pins[i]!
                if let r = p.room { return [r] }
                let c = scenario.courses[p.course]
                return (roomsAt[key.site] ?? []).filter { roomFits(c, scenario.rooms[$0]) && scenario.rooms[$0].capacity >= p.students.count }
            }
            for (i, options, others) in Self.unmatched(order, candidates) {
                let p = pins[i]!
                let ids = options.map { scenario.rooms[$0].id }
                let which = Self.ids(ids), on = rowList(others, from: i)
                error(i, "site", ru: "H2 аудитория: для этого закрепления в '\(key.site)' на занятии '\(p.pin.slot!)' не осталось помещения: подходящие там для '\(p.pin.course)' (\(which.ru)) нужны закреплениям в \(on.ru)",
                      en: "H2 room: no room is left for this pin at '\(key.site)' in slot '\(p.pin.slot!)': the rooms that suit '\(p.pin.course)' there (\(which.en)) are needed by the pins on \(on.en)")
            }
        }
    }

    /// H4 across pins: a student pinned to two sections in one slot, to one course twice, to more
    /// sections than they want, or to consecutive slots too far apart.
    private mutating func checkStudentsAcrossPins(_ pins: [Resolved?]) {
        var ofStudent: [Int: [Int]] = [:]
        var order: [Int] = []
        for (i, p) in pins.enumerated() {
            guard let p else { continue }
            for s in Set(p.students) {
                if ofStudent[s] == nil { order.append(s) }
                ofStudent[s, default: []].append(i)
            }
        }
        for s in order {
            let list = ofStudent[s]!
            guard list.count > 1 else { continue }
            let student = scenario.students[s]
            var bySlot: [Int: Int] = [:], byCourse: [Int: Int] = [:]
            for i in list {
                let p = pins[i]!
                if let slot = p.slot {
                    if let j = bySlot[slot] {
                        let other = row(j, from: i)
                        error(i, "students", ru: "H4 ученик: '\(student.id)' закреплён за двумя группами на занятии '\(p.pin.slot!)' (ещё в \(other.ru))",
                              en: "H4 student: '\(student.id)' is pinned to two sections in slot '\(p.pin.slot!)' (also on \(other.en))")
                    } else { bySlot[slot] = i }
                }
                if let j = byCourse[p.course] {
                    let other = row(j, from: i)
                    error(i, "students", ru: "H4 ученик: '\(student.id)' дважды закреплён за курсом '\(p.pin.course)' (ещё в \(other.ru)); курс проходят один раз",
                          en: "H4 student: '\(student.id)' is pinned to course '\(p.pin.course)' twice (also on \(other.en)); a student takes a course once")
                } else { byCourse[p.course] = i }
            }
            if list.count > wants(student) {
                let i = list[wants(student)]
                let on = rowList(list, from: i)
                error(i, "students", ru: "H4 ученик: '\(student.id)' закреплён за группами (\(list.count), в \(on.ru)), а хочет \(wants(student))",
                      en: "H4 student: '\(student.id)' is pinned to \(list.count) sections (\(on.en)) but wants \(wants(student))")
            }
            consecutiveTravel(list.map { pins[$0]! }, indices: list, own: student.school, who: Phrase(ru: "'\(student.id)' был бы", en: "'\(student.id)' would attend"), rule: Phrase(ru: "H4 ученик", en: "H4 student"))
        }
    }

    /// One person's pins in consecutive slots at sites too far apart (a remote pin counts at
    /// `own`); reported at the later pin.
    private mutating func consecutiveTravel(_ mine: [Resolved], indices: [Int], own: String, who: Phrase, rule: Phrase) {
        guard mine.count > 1 else { return }
        for (a, pa) in mine.enumerated() {
            guard let sa = pa.slot, sa + 1 < settings.slots.count, let siteA = heldAt(pa, own: own) else { continue }
            for (b, pb) in mine.enumerated() {
                guard let sb = pb.slot, sb == sa + 1, let siteB = heldAt(pb, own: own), siteA != siteB else { continue }
                let i = indices[b]
                let g = gap(after: sa)
                guard let m = scenario.minutes(from: siteA, to: siteB) else {
                    let other = row(indices[a], from: i)
                    error(i, "site", ru: "\(rule.ru): \(who.ru) в '\(siteA)' на занятии '\(pa.pin.slot!)' (\(other.ru)) и в '\(siteB)' на занятии '\(pb.pin.slot!)', но время в пути между ними неизвестно",
                          en: "\(rule.en): \(who.en) at '\(siteA)' in slot '\(pa.pin.slot!)' (\(other.en)) and at '\(siteB)' in slot '\(pb.pin.slot!)', but the travel time between them is not known")
                    continue
                }
                if m > g + Self.tolerance {
                    let other = row(indices[a], from: i)
                    error(i, "site", ru: "\(rule.ru): \(who.ru) в '\(siteA)' на занятии '\(pa.pin.slot!)' (\(other.ru)) и в '\(siteB)' на занятии '\(pb.pin.slot!)': дорога занимает \(Self.minutes(m)) мин, а перерыв — \(Self.minutes(g))",
                          en: "\(rule.en): \(who.en) at '\(siteA)' in slot '\(pa.pin.slot!)' (\(other.en)) and at '\(siteB)' in slot '\(pb.pin.slot!)': the trip takes \(Self.minutes(m)) minutes but the break is \(Self.minutes(g))")
                }
            }
        }
    }
}
