import SetkaModel

/// A pin (H6) in the scheduler's numbers: each field nil where the pin leaves it open.
struct PinInfo: Sendable, Hashable {
    /// Position in `scenario.pins`.
    var index: Int
    var course: Int
    var teacher: Int?
    /// Compact site, -1 for remote; nil = any place.
    var site: Int?
    var room: Int?
    var slot: Int?
    var students: [Int]

    /// Whether a section of `template` in `slot` and `room` (-1 none) meets the pin's columns.
    func admits(_ template: SectionTemplate, slot t: Int, room r: Int) -> Bool {
        template.course == course && (teacher == nil || teacher == template.teacher)
            && (site == nil || site == template.site) && (room == nil || room == r) && (slot == nil || slot == t)
    }

    /// The pins of `p.scenario` in `p`'s numbers. A pin naming something the scenario does not
    /// have (the loader's `PinValidator` reports those; a program may build such a scenario) is
    /// an error naming its row.
    static func compile(_ p: ProblemIndex) throws -> [PinInfo] {
        let pins = p.scenario.pins
        guard !pins.isEmpty else { return [] }
        let numbers = TimetableNumbering(p)
        var out: [PinInfo] = []
        var errors: [Diagnostic] = []
        for (i, pin) in pins.enumerated() {
            let at = SourceLocation(file: ScenarioWriter.FileName.pins, line: i + 2)
            func fail(_ what: Phrase) {
                errors.append(.error(ru: "это закрепление (\(pin.summary)) называет \(what.ru), а в сценарии такого нет",
                                     en: "this pin (\(pin.summary)) names \(what.en), which the scenario does not have", at: at))
            }
            guard let c = numbers.course[pin.course] else { fail(Phrase(ru: "курс '\(pin.course)'", en: "course '\(pin.course)'")); continue }
            var info = PinInfo(index: i, course: c, teacher: nil, site: nil, room: nil, slot: nil, students: [])
            if let id = pin.teacher { if let q = numbers.teacher[id] { info.teacher = q } else { fail(Phrase(ru: "педагога '\(id)'", en: "teacher '\(id)'")); continue } }
            switch pin.place {
            case .none: break
            case .remote?: info.site = -1
            case .site(let id)?:
                guard let site = numbers.site[id] else { fail(Phrase(ru: "место для группы в '\(id)' (там нет помещений)", en: "a place to hold a section at '\(id)' (no rooms there)")); continue }
                info.site = site
                if let room = pin.room {
                    guard let r = numbers.room[RoomKey(site: site, id: room)] else { fail(Phrase(ru: "помещение '\(room)' в '\(id)'", en: "room '\(room)' at '\(id)'")); continue }
                    info.room = r
                }
            }
            if let id = pin.slot { if let t = numbers.slot[id] { info.slot = t } else { fail(Phrase(ru: "занятие (слот) '\(id)'", en: "slot '\(id)'")); continue } }
            var missing: String?
            for id in pin.students {
                if let s = numbers.student[id] { info.students.append(s) } else { missing = id; break }
            }
            if let missing { fail(Phrase(ru: "ученика '\(missing)'", en: "student '\(missing)'")); continue }
            out.append(info)
        }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return out
    }
}

extension ScheduleState {
    /// Students leaving their sections together for one would-be section: each may leave only
    /// where the section keeps its minimum and its host students (H3, H5) with the others who
    /// leave it too.
    struct Departures {
        private var leavers: [Int: Int] = [:]
        private var hostLeavers: [Int: Int] = [:]

        /// Whether `j` may join (leaving `j.drop`, if any); records the departure when it may.
        mutating func admit(_ j: Joiner, in state: ScheduleState) -> Bool {
            guard j.drop >= 0 else { return true }
            let isHost = state.p.students[j.student].school == state.sections[j.drop].site
            guard state.canLeave(j.student, j.drop, extraLeavers: leavers[j.drop, default: 0],
                                 extraHostLeavers: isHost ? hostLeavers[j.drop, default: 0] : 0) else { return false }
            leavers[j.drop, default: 0] += 1
            if isHost { hostLeavers[j.drop, default: 0] += 1 }
            return true
        }
    }

    /// Why a section could not be filled.
    enum FillFailure: Error, Sendable, Hashable {
        /// A student who must attend cannot (another section then, too far, the course taken).
        case studentCannotJoin(Int)
        /// Fewer than the minimum (or than H5's host students) can join.
        case tooFew(joiners: Int, hostJoiners: Int)
    }

    /// Who joins a new section of `template` in slot `t` holding `capacity`: the `forced`
    /// students first (each must be able to), then the others best gain first (host students
    /// first for H5), taking any gain up to the minimum and only gains above that, each leaving
    /// the section they drop only where it keeps its minimum. The section is not opened here.
    /// Students in `excluded` join only when forced.
    func joiners(_ template: SectionTemplate, slot t: Int, capacity: Int, forced: [Int] = [],
                 preferred: Set<Int> = [], excluded: Set<Int> = []) -> Result<[Joiner], FillFailure> {
        let c = template.course
        let course = p.courses[c]
        var chosen: [Joiner] = []
        var departures = Departures()
        var hostTaken = 0
        func take(_ j: Joiner) -> Bool {
            guard departures.admit(j, in: self) else { return false }
            chosen.append(j)
            if p.students[j.student].school == template.site { hostTaken += 1 }
            return true
        }
        let forcedSet = Set(forced)
        for s in forced {
            guard let r = rank(of: c, for: s), let j = joinOption(s, course: c, rank: r, site: template.site, slot: t),
                  take(j) else { return .failure(.studentCannotJoin(s)) }
        }
        var others: [Joiner] = []
        for (s, r) in p.choosers[c] where !forcedSet.contains(s) && !excluded.contains(s) {
            if let j = joinOption(s, course: c, rank: r, site: template.site, slot: t) { others.append(j) }
        }
        // Preferred students (a published section's) first, then by gain.
        others.sort { a, b in
            let pa = preferred.contains(a.student), pb = preferred.contains(b.student)
            if pa != pb { return pa }
            return (a.gain, -a.student) > (b.gain, -b.student)
        }
        if template.needsHostStudents {
            let isHost = { (j: Joiner) in p.students[j.student].school == template.site }
            others = others.filter(isHost) + others.filter { !isHost($0) }
        }
        for j in others where chosen.count < capacity {
            let isHost = p.students[j.student].school == template.site
            let needed = chosen.count < course.minSize || (template.needsHostStudents && isHost && hostTaken < course.minSize)
            guard needed || j.gain > Tolerance.value || preferred.contains(j.student) else { continue }
            _ = take(j)
        }
        if chosen.count < course.minSize || (template.needsHostStudents && hostTaken < course.minSize) {
            return .failure(.tooFew(joiners: chosen.count, hostJoiners: hostTaken))
        }
        return .success(chosen)
    }

    /// Opens a section of `template` in slot `t` and room `room` with `joiners` (from `joiners`).
    @discardableResult
    mutating func open(_ template: SectionTemplate, slot t: Int, room: Int, with joiners: [Joiner]) -> Int {
        let k = open(template, slot: t, room: room)
        for j in joiners {
            if j.drop >= 0 { unenrol(j.student, from: j.drop) }
            enrol(j.student, in: k)
        }
        return k
    }
}

extension Search {
    /// A section found for a pin: where, and who joins.
    struct PinPlacement {
        var template: SectionTemplate
        var slot: Int
        var room: Int
        var joiners: [ScheduleState.Joiner]
        var value: Double
    }

    /// Opens a section for every pin of the scenario (H6), before anything else is built: the
    /// most constrained pins first, each at the place (template, slot, room) the pin allows where
    /// its students and the others who gain most make the day best. A section of `prefer` (the
    /// timetable a warm start or stable re-planning starts from) that meets a pin is taken for it
    /// when it can be, with its students. When a pin finds no place, it is tried first and the
    /// pins placed again (once per pin); if it still has none, the scenario cannot be scheduled
    /// and the error names the pin.
    func placePins(_ state: inout ScheduleState, prefer: Timetable? = nil) throws {
        let pins = p.pins
        guard !pins.isEmpty else { return }
        func constraint(_ pin: PinInfo) -> Int {
            [pin.teacher != nil, pin.site != nil, pin.room != nil, pin.slot != nil].filter { $0 }.count * 1000 + pin.students.count
        }
        var order = pins.indices.sorted { (constraint(pins[$0]), -$0) > (constraint(pins[$1]), -$1) }
        let start = state
        var lastFailure: (pin: Int, why: Phrase)?
        for _ in 0...pins.count {
            state = start
            var failed: (pin: Int, why: Phrase)?
            for i in order {
                switch bestPlacement(for: pins[i], in: state, prefer: prefer) {
                case .success(let placement):
                    let k = state.open(placement.template, slot: placement.slot, room: placement.room, with: placement.joiners)
                    state.pins.pin(k, pin: pins[i].index, students: pins[i].students)
                case .failure(let why):
                    failed = (i, why.phrase)
                }
                if failed != nil { break }
            }
            guard let failed else { return }
            if lastFailure?.pin == failed.pin && order.first == failed.pin { lastFailure = failed; break }
            lastFailure = failed
            order.removeAll { $0 == failed.pin }
            order.insert(failed.pin, at: 0)
        }
        let pin = pins[lastFailure!.pin]
        let row = p.scenario.pins[pin.index]
        let why = lastFailure!.why
        throw ScenarioError([.error(ru: "H6 (закрепления): это закрепление (\(row.summary)) нельзя выполнить вместе с остальными закреплениями и жёсткими правилами: \(why.ru)",
                                    en: "H6 pins: this pin (\(row.summary)) cannot be met together with the other pins and the hard rules: \(why.en)",
                                    at: SourceLocation(file: ScenarioWriter.FileName.pins, line: pin.index + 2))])
    }

    /// The best place for `pin` in `state`, or why there is none.
    func bestPlacement(for pin: PinInfo, in state: ScheduleState, prefer: Timetable?) -> Result<PinPlacement, PinPlacementFailure> {
        let c = pin.course
        let course = p.courses[c]
        let pinnedStudents = Set(p.pins.flatMap(\.students))
        var best: PinPlacement?
        var why = PinPlacementFailure.noPlace
        func consider(_ tpl: SectionTemplate, slot t: Int, room: Int, preferred: Set<Int>, bonus: Double) {
            guard state.teacherCanTake(tpl.teacher, site: tpl.site, slot: t) else { return }
            if room >= 0 && (state.roomSlot[room * p.slotCount + t] >= 0 || !p.roomFits(room, course: c)) { return }
            let capacity = room >= 0 ? min(course.maxSize, p.rooms[room].capacity) : course.maxSize
            // Students pinned elsewhere join only their own pins' sections here, so that an earlier
            // pin never takes a seat a later pin's student needs.
            switch state.joiners(tpl, slot: t, capacity: capacity, forced: pin.students, preferred: preferred, excluded: pinnedStudents) {
            case .failure(.studentCannotJoin(let s)):
                if why == .noPlace || why.rank < 1 { why = .studentCannotJoin(p.scenario.students[s].id) }
            case .failure(.tooFew(let n, let hosts)):
                if why == .noPlace || why.rank < 2 {
                    why = tpl.needsHostStudents && hosts < course.minSize
                        ? .tooFewHostStudents(hosts, course.minSize) : .tooFew(n, course.minSize)
                }
            case .success(let joiners):
                let value = joiners.reduce(0) { $0 + $1.gain } - p.openCost(teacher: tpl.teacher, course: c, site: tpl.site, slot: t) + bonus
                if best == nil || value > best!.value + Tolerance.value {
                    best = PinPlacement(template: tpl, slot: t, room: room, joiners: joiners, value: value)
                }
            }
        }
        // A section of the timetable started from that meets the pin, with its students.
        if let prefer {
            let numbers = TimetableNumbering(p)
            var members: [String: [Int]] = [:]
            for e in prefer.enrolments { if let s = numbers.student[e.student] { members[e.section, default: []].append(s) } }
            for sec in prefer.sections where numbers.course[sec.course] == c {
                guard let q = numbers.teacher[sec.teacher], let t = numbers.slot[sec.slot], let site = numbers.place(sec.site),
                      let i = templatesOfCourse[c].first(where: { templates[$0].teacher == q && templates[$0].site == site }) else { continue }
                let room = sec.room.flatMap { id in site >= 0 ? numbers.room[RoomKey(site: site, id: id)] : nil } ?? -1
                guard (site < 0) == (room < 0), pin.admits(templates[i], slot: t, room: room) else { continue }
                consider(templates[i], slot: t, room: room, preferred: Set(members[sec.id] ?? []), bonus: 1e12)
            }
            if let best { return .success(best) }
        }
        for i in templatesOfCourse[c] {
            let tpl = templates[i]
            guard pin.teacher == nil || pin.teacher == tpl.teacher, pin.site == nil || pin.site == tpl.site else { continue }
            for t in 0..<p.slotCount where pin.slot == nil || pin.slot == t {
                if tpl.site < 0 {
                    consider(tpl, slot: t, room: -1, preferred: [], bonus: 0)
                } else if let r = pin.room {
                    consider(tpl, slot: t, room: r, preferred: [], bonus: 0)
                } else {
                    // The largest free room of the kind, and the smallest that seats a full section.
                    let free = state.freeRooms(site: tpl.site, course: c, slot: t)
                    var rooms: [Int] = free.prefix(1).map { $0 }
                    if let small = free.last(where: { p.rooms[$0].capacity >= course.maxSize }), !rooms.contains(small) { rooms.append(small) }
                    for r in rooms { consider(tpl, slot: t, room: r, preferred: [], bonus: 0) }
                }
            }
        }
        if let best { return .success(best) }
        return .failure(why)
    }

    /// Why a pin found no place (the most telling reason met).
    enum PinPlacementFailure: Error, Sendable, Hashable, CustomStringConvertible {
        case noPlace
        case studentCannotJoin(String)
        case tooFew(Int, Int)
        case tooFewHostStudents(Int, Int)

        var rank: Int {
            switch self {
            case .noPlace: 0
            case .studentCannotJoin: 1
            case .tooFew, .tooFewHostStudents: 2
            }
        }

        var description: String { phrase.en }

        /// Why, in both languages.
        var phrase: Phrase {
            switch self {
            case .noPlace:
                Phrase(ru: "во всех разрешённых им занятиях все допустимые педагоги и помещения заняты или педагог не успевает доехать",
                       en: "every teacher and room it allows is taken, or the teacher cannot travel there in time, in every slot it allows")
            case .studentCannotJoin(let s):
                Phrase(ru: "его ученик \(s) не может попасть на него ни в одном разрешённом месте (в это время у него другая закреплённая группа, слишком далеко или курс уже взят)",
                       en: "its student \(s) cannot attend it in any place it allows (another pinned section then, too far, or the course taken)")
            case let .tooFew(n, m):
                Phrase(ru: "там, где его можно провести, набирается не больше \(n) учеников, меньше минимума \(m)",
                       en: "at most \(n) students can join it where it can be held, fewer than its minimum of \(m)")
            case let .tooFewHostStudents(n, m):
                Phrase(ru: "приглашённому педагогу нужно \(m) учеников принимающей организации, а набирается только \(n)",
                       en: "a visiting teacher needs \(m) students of the host, and only \(n) can join")
            }
        }
    }
}
