/// The moves the search is made of:
///
/// - **open**: a new section of a template in a slot, filled with the students who gain most from
///   it (some of them leaving a worse section that stays at or above its minimum);
/// - **best response**: one student re-chooses among the open sections with free seats;
/// - **seat chain**: a student short of electives takes the seat of a member of a full section,
///   who re-chooses without it.
///
/// Each keeps every hard rule, so the state is a valid timetable after every move.
extension ScheduleState {
    struct Joiner: Sendable {
        var student: Int
        /// The section the student leaves for this one, or -1.
        var drop: Int
        var gain: Double
    }

    struct OpenMove: Sendable {
        var template: SectionTemplate
        var slot: Int
        var room: Int
        var joiners: [Joiner]
        var gain: Double
    }

    /// What student `s` gains by joining a would-be section of course `c` (their choice of rank `r`)
    /// at `site` (-1 remote) in slot `t`: nil when they cannot.
    func joinOption(_ s: Int, course c: Int, rank r: Int, site: Int, slot t: Int) -> Joiner? {
        let info = p.students[s]
        if !p.withinTrip(from: info.school, to: site) { return nil }
        if studentRanks[s] & (1 << UInt64(r)) != 0 { return nil }
        let here = studentSite(s, site: site)
        let v = p.searchValue(student: s, rank: r, site: site, slot: t)
        let occupant = section(ofStudent: s, slot: t)
        if occupant >= 0 {
            guard canLeave(s, occupant), studentTravelFits(s, site: here, slot: t) else { return nil }
            return Joiner(student: s, drop: occupant, gain: v - enrolmentValue(s, slot: t))
        }
        if StudentRule.mayTakeAnother(load: studentLoad[s], wants: info.wants) {
            return studentTravelFits(s, site: here, slot: t) ? Joiner(student: s, drop: -1, gain: v) : nil
        }
        var best: Joiner?
        for t2 in 0..<p.slotCount {
            let d = section(ofStudent: s, slot: t2)
            guard d >= 0, canLeave(s, d), studentTravelFits(s, site: here, slot: t, ignoring: d) else { continue }
            let g = v - enrolmentValue(s, slot: t2)
            if best == nil || g > best!.gain { best = Joiner(student: s, drop: d, gain: g) }
        }
        return best
    }

    /// An upper bound on `evaluateOpen(template, slot:)?.gain`, cheap: the best `capacity` joining
    /// gains ignoring how many may leave one section together; nil when the section cannot open.
    func quickGain(_ template: SectionTemplate, slot t: Int, scratch gains: inout [Double]) -> Double? {
        let c = template.course
        let course = p.courses[c]
        guard teacherCanTake(template.teacher, site: template.site, slot: t) else { return nil }
        var capacity = course.maxSize
        if template.site >= 0 {
            var largest = 0
            for r in p.roomsAtSite[template.site] where roomSlot[r * p.slotCount + t] < 0 && p.roomFits(r, course: c) {
                largest = max(largest, p.rooms[r].capacity)
            }
            capacity = SizeRule.capacity(maxSize: capacity, roomCapacity: largest)
        }
        guard SizeRule.isEnough(capacity, minSize: course.minSize) else { return nil }
        gains.removeAll(keepingCapacity: true)
        var hostCount = 0
        for (s, r) in p.choosers[c] {
            guard let j = joinOption(s, course: c, rank: r, site: template.site, slot: t), j.gain > Tolerance.value else { continue }
            gains.append(j.gain)
            if template.needsHostStudents && p.students[s].school == template.site { hostCount += 1 }
        }
        guard SizeRule.isEnough(gains.count, minSize: course.minSize),
              !template.needsHostStudents || VisitingTeacherRule.hostStudentsSuffice(hostCount, minSize: course.minSize) else { return nil }
        if gains.count > capacity {
            gains.sort(by: >)
            return gains[0..<capacity].reduce(0, +) - p.openCost(teacher: template.teacher, course: c, site: template.site, slot: t)
        }
        return gains.reduce(0, +) - p.openCost(teacher: template.teacher, course: c, site: template.site, slot: t)
    }

    /// Free rooms at `site` in slot `t` that can host `course`, largest first.
    /// (Loops rather than closures over `self`: a closure that reads the state copies it, every
    /// array of it retained and released, and this runs for every section the search values.)
    func freeRooms(site: Int, course: Int, slot t: Int) -> [Int] {
        var free: [Int] = []
        for r in p.roomsAtSite[site] where roomSlot[r * p.slotCount + t] < 0 && p.roomFits(r, course: course) {
            free.append(r)
        }
        let rooms = p.rooms
        free.sort { (rooms[$0].capacity, $1) > (rooms[$1].capacity, $0) }
        return free
    }

    /// The best way to open a section of `template` in slot `t`, or nil when it cannot open
    /// (teacher or room busy, fewer than the minimum would come, H5 not met). With `partial`
    /// (for explanations) the move is returned also when fewer than the minimum would come.
    func evaluateOpen(_ template: SectionTemplate, slot t: Int, partial: Bool = false) -> OpenMove? {
        let c = template.course
        let course = p.courses[c]
        guard teacherCanTake(template.teacher, site: template.site, slot: t) else { return nil }
        var room = -1
        var capacity = course.maxSize
        if template.site >= 0 {
            guard let largest = freeRooms(site: template.site, course: c, slot: t).first else { return nil }
            room = largest
            capacity = SizeRule.capacity(maxSize: capacity, roomCapacity: p.rooms[largest].capacity)
        }
        guard SizeRule.isEnough(capacity, minSize: course.minSize) else { return nil }

        var host: [Joiner] = []
        var others: [Joiner] = []
        for (s, r) in p.choosers[c] {
            guard let j = joinOption(s, course: c, rank: r, site: template.site, slot: t), j.gain > Tolerance.value else { continue }
            if template.needsHostStudents && p.students[s].school == template.site { host.append(j) } else { others.append(j) }
        }
        let byGain: (Joiner, Joiner) -> Bool = { ($0.gain, -$0.student) > ($1.gain, -$1.student) }
        host.sort(by: byGain)

        var departures = Departures()
        var chosen: [Joiner] = []
        func take(_ j: Joiner) -> Bool {
            guard departures.admit(j, in: self) else { return false }
            chosen.append(j)
            return true
        }
        // H5: the host's own students come first, up to the minimum.
        var rest = others
        if template.needsHostStudents {
            var taken = 0
            for (i, j) in host.enumerated() {
                if taken < course.minSize {
                    if take(j) { taken += 1 }
                } else {
                    rest.append(contentsOf: host[i...])
                    break
                }
            }
            guard partial || VisitingTeacherRule.hostStudentsSuffice(taken, minSize: course.minSize) else { return nil }
        }
        rest.sort(by: byGain)
        for j in rest where chosen.count < capacity { _ = take(j) }
        guard partial || SizeRule.isEnough(chosen.count, minSize: course.minSize) else { return nil }

        if room >= 0 {
            // The smallest free room that seats them all.
            let rooms = p.rooms, seated = chosen.count
            room = freeRooms(site: template.site, course: c, slot: t).last { rooms[$0].capacity >= seated } ?? room
        }
        let gain = chosen.reduce(0) { $0 + $1.gain } - p.openCost(teacher: template.teacher, course: c, site: template.site, slot: t)
        return OpenMove(template: template, slot: t, room: room, joiners: chosen, gain: gain)
    }

    mutating func apply(_ move: OpenMove) {
        let k = open(move.template, slot: move.slot, room: move.room)
        for j in move.joiners {
            if j.drop >= 0 { unenrol(j.student, from: j.drop) }
            enrol(j.student, in: k)
        }
    }

    /// Lets student `s` re-choose among open sections with free seats (keeping any section they
    /// cannot leave; never joining `avoid`). Returns true when the student's day got better.
    mutating func bestResponse(_ s: Int, avoid: Int = -1) -> Bool {
        guard let chosen = bestDay(s, avoid: avoid, above: dayValue(s) + 1e-7)?.day else { return false }
        move(s, to: chosen)
        return true
    }

    /// Student `s`'s best day worth more than `floor`: among the open sections of their choices
    /// that they attend or that have a free seat within reach, never `avoid`, keeping the
    /// sections they cannot leave; its value and its section in each slot (-1: none), or nil
    /// when no day is worth more. Reads the state only.
    func bestDay(_ s: Int, avoid: Int = -1, above floor: Double) -> (value: Double, day: [Int])? {
        let info = p.students[s]
        let slots = p.slotCount
        var most = 0
        for c in info.choices { most += sectionsOfCourse[c].count }
        // Called for every student a step touches and every member of a full section a seat
        // chain looks at: its scratch lives on the stack (no allocation but the day returned).
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * slots + 1) { ints in
            withUnsafeTemporaryAllocation(of: DayOption.self, capacity: 2 * max(1, most)) { found in
                var day = DaySearch(wants: info.wants, slots: slots, ints: ints, options: found)
                for t in 0..<slots {
                    let k = section(ofStudent: s, slot: t)
                    if k >= 0 && !canLeave(s, k) { day.mandatory[t] = k }
                }
                // The sections the student may take, in the order of their choices, then grouped
                // by slot (a stable counting sort: ties in the search below go to the one found first).
                var n = 0
                for (r, c) in info.choices.enumerated() {
                    for k in sectionsOfCourse[c] {
                        let slot = sections[k].slot, site = sections[k].site
                        if day.mandatory[slot] >= 0 && day.mandatory[slot] != k { continue }
                        if k == avoid { continue }
                        if section(ofStudent: s, slot: slot) != k {
                            if !SizeRule.hasSeat(enrolled: sections[k].members.count, capacity: sections[k].capacity) { continue }
                            if !p.withinTrip(from: info.school, to: site) { continue }
                        }
                        found[most + n] = DayOption(section: k, rank: r, slot: slot, site: studentSite(s, site: site),
                                                    value: p.searchValue(student: s, rank: r, site: site, slot: slot))
                        n += 1
                    }
                }
                day.group(found, from: most, count: n)
                day.bestValue = floor
                searchDay(0, &day, load: 0, ranks: 0, prevSite: -1, value: 0)
                return day.found ? (day.bestValue, Array(day.best)) : nil
            }
        }
    }

    /// Puts student `s` into the sections of `day` (one per slot, -1: none), leaving the others.
    mutating func move(_ s: Int, to day: [Int]) {
        for t in 0..<p.slotCount {
            let k = section(ofStudent: s, slot: t)
            if k >= 0 && k != day[t] { unenrol(s, from: k) }
        }
        for t in 0..<p.slotCount where day[t] >= 0 && section(ofStudent: s, slot: t) != day[t] {
            enrol(s, in: day[t])
        }
    }

    /// A seat chain for student `x`: a course they chose and do not take has a full section; one
    /// of its members moves to their best day without it (a worse one, as a rule) and `x` takes
    /// the seat, leaving a worse section of theirs when they must (as when joining a new
    /// section, `joinOption`). Neither a best response (the member gains nothing by leaving,
    /// `x` finds no seat) nor opening a section (the course's teachers or rooms are taken) finds
    /// it. Applies the chain that gains most, when one gains; returns whether one was applied.
    mutating func seatChain(_ x: Int) -> Bool {
        let info = p.students[x]
        var best: (gain: Double, section: Int, drop: Int, leaver: Int, day: [Int])?
        for (r, c) in info.choices.enumerated() where studentRanks[x] & (1 << UInt64(r)) == 0 {
            for k in sectionsOfCourse[c] where !SizeRule.hasSeat(enrolled: sections[k].members.count, capacity: sections[k].capacity) {
                let site = sections[k].site
                guard let j = joinOption(x, course: c, rank: r, site: site, slot: sections[k].slot),
                      j.gain > max(best?.gain ?? 0, Tolerance.value) else { continue }
                // H5: a host student's seat at a visiting teacher's section goes to another only
                // when the section keeps its minimum of host students (`canLeave`); `x` may be one.
                let xHost = info.school == site ? 1 : 0
                for y in sections[k].members where canLeave(y, k, extraLeavers: -1, extraHostLeavers: -xHost) {
                    // Not a classmate of the section `x` leaves: both leaving could empty it below
                    // its minimum.
                    if j.drop >= 0 && section(ofStudent: y, slot: sections[j.drop].slot) == j.drop { continue }
                    let current = dayValue(y)
                    // The chain gains j.gain - (current - the leaver's new day): worth it above this.
                    let floor = current - j.gain + max(best?.gain ?? 0, Tolerance.value)
                    guard let alternative = bestDay(y, avoid: k, above: floor) else { continue }
                    best = (j.gain + alternative.value - current, k, j.drop, y, alternative.day)
                }
            }
        }
        guard let chain = best else { return false }
        move(chain.leaver, to: chain.day)
        if chain.drop >= 0 { unenrol(x, from: chain.drop) }
        enrol(x, in: chain.section)
        return true
    }

    /// One section a student may take in `bestDay`: the choice it meets, its slot, where the
    /// student would be (H4: their own school when remote) and what it is worth to them.
    struct DayOption {
        var section: Int
        var rank: Int
        var slot: Int
        var site: Int
        var value: Double
    }

    /// The depth-first search of `bestDay` over one student's day: none or one option per slot. Its arrays
    /// are views of `bestDay`'s stack scratch.
    struct DaySearch {
        let wants: Int
        /// The section a student cannot leave in each slot, or -1.
        let mandatory: UnsafeMutableBufferPointer<Int>
        /// The options grouped by slot: those of slot t are `options[start[t]..<start[t + 1]]`.
        let options: UnsafeMutableBufferPointer<DayOption>
        let start: UnsafeMutableBufferPointer<Int>
        let pick: UnsafeMutableBufferPointer<Int>
        /// The best day found so far (valid when `found`).
        let best: UnsafeMutableBufferPointer<Int>
        var found = false
        var bestValue = 0.0

        /// `ints` holds at least `4 · slots + 1` values; `options` is twice as long as the options found.
        init(wants: Int, slots: Int, ints: UnsafeMutableBufferPointer<Int>, options: UnsafeMutableBufferPointer<DayOption>) {
            self.wants = wants
            mandatory = UnsafeMutableBufferPointer(rebasing: ints[0..<slots])
            start = UnsafeMutableBufferPointer(rebasing: ints[slots..<(2 * slots + 1)])
            pick = UnsafeMutableBufferPointer(rebasing: ints[(2 * slots + 1)..<(3 * slots + 1)])
            best = UnsafeMutableBufferPointer(rebasing: ints[(3 * slots + 1)..<(4 * slots + 1)])
            self.options = options
            mandatory.update(repeating: -1)
            start.update(repeating: 0)
            pick.update(repeating: -1)
        }

        /// Groups the `count` options at `buffer[from...]` by slot into `options[0..<count]`.
        mutating func group(_ buffer: UnsafeMutableBufferPointer<DayOption>, from: Int, count: Int) {
            for i in from..<(from + count) { start[buffer[i].slot + 1] += 1 }
            for t in 1..<start.count { start[t] += start[t - 1] }
            // `pick` serves as the next free place of each slot while grouping.
            for t in 0..<pick.count { pick[t] = start[t] }
            for i in from..<(from + count) {
                let o = buffer[i]
                options[pick[o.slot]] = o
                pick[o.slot] += 1
            }
            pick.update(repeating: -1)
        }
    }

    /// Depth first over slots from `t`: none or one option per slot, each choice once, travel
    /// between consecutive sections (H4), at most `wants`; keeps the best day above `bestValue`.
    func searchDay(_ t: Int, _ day: inout DaySearch, load: Int, ranks: UInt64, prevSite: Int, value: Double) {
        if t == p.slotCount {
            if value > day.bestValue {
                day.bestValue = value
                day.found = true
                _ = day.best.update(fromContentsOf: day.pick)
            }
            return
        }
        if day.mandatory[t] < 0 {
            day.pick[t] = -1
            searchDay(t + 1, &day, load: load, ranks: ranks, prevSite: -1, value: value)
        }
        guard StudentRule.mayTakeAnother(load: load, wants: day.wants) else { return }
        for i in day.start[t]..<day.start[t + 1] {
            let o = day.options[i]
            if ranks & (1 << UInt64(o.rank)) != 0 { continue }
            if prevSite >= 0 && t > 0 && !p.travelFits(from: prevSite, to: o.site, afterSlot: t - 1) { continue }
            day.pick[t] = o.section
            searchDay(t + 1, &day, load: load + 1, ranks: ranks | (1 << UInt64(o.rank)), prevSite: o.site, value: value + o.value)
        }
        day.pick[t] = -1
    }
}
