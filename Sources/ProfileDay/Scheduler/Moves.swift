/// The two moves the search is made of:
///
/// - **open**: a new section of a template in a slot, filled with the students who gain most from
///   it (some of them leaving a worse section that stays at or above its minimum);
/// - **best response**: one student re-chooses among the open sections with free seats.
///
/// Both keep every hard rule, so the state is a valid timetable after every move.
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
    func freeRooms(site: Int, course: Int, slot t: Int) -> [Int] {
        p.roomsAtSite[site]
            .filter { roomSlot[$0 * p.slotCount + t] < 0 && p.roomFits($0, course: course) }
            .sorted { (p.rooms[$0].capacity, $1) > (p.rooms[$1].capacity, $0) }
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
            let fits = freeRooms(site: template.site, course: c, slot: t).filter { p.rooms[$0].capacity >= chosen.count }
            room = fits.last ?? room
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
        let info = p.students[s]
        let T = p.slotCount
        var mandatory = [Int](repeating: -1, count: T)
        var options = [[(section: Int, rank: Int, value: Double)]](repeating: [], count: T)
        var current = 0.0
        for t in 0..<T {
            let k = section(ofStudent: s, slot: t)
            guard k >= 0 else { continue }
            current += value(student: s, section: k)
            if !canLeave(s, k) { mandatory[t] = k }
        }
        for (r, c) in info.choices.enumerated() {
            for k in sectionsOfCourse[c] {
                let sec = sections[k]
                if mandatory[sec.slot] >= 0 && mandatory[sec.slot] != k { continue }
                if k == avoid { continue }
                let mine = section(ofStudent: s, slot: sec.slot) == k
                if !mine {
                    if !SizeRule.hasSeat(enrolled: sec.members.count, capacity: sec.capacity) { continue }
                    if !p.withinTrip(from: info.school, to: sec.site) { continue }
                }
                options[sec.slot].append((k, r, p.searchValue(student: s, rank: r, site: sec.site, slot: sec.slot)))
            }
        }
        // Depth-first over slots: none or one option per slot.
        var bestValue = current + 1e-7
        var best: [Int]?
        var pick = [Int](repeating: -1, count: T)
        func dfs(_ t: Int, load: Int, ranks: UInt64, prevSite: Int, value: Double) {
            if t == T {
                if value > bestValue { bestValue = value; best = pick }
                return
            }
            if mandatory[t] < 0 {
                pick[t] = -1
                dfs(t + 1, load: load, ranks: ranks, prevSite: -1, value: value)
            }
            guard StudentRule.mayTakeAnother(load: load, wants: info.wants) else { return }
            for o in options[t] {
                if ranks & (1 << UInt64(o.rank)) != 0 { continue }
                let here = studentSite(s, inSection: o.section)
                if prevSite >= 0 && t > 0 && !p.travelFits(from: prevSite, to: here, afterSlot: t - 1) { continue }
                pick[t] = o.section
                dfs(t + 1, load: load + 1, ranks: ranks | (1 << UInt64(o.rank)), prevSite: here, value: value + o.value)
            }
            pick[t] = -1
        }
        dfs(0, load: 0, ranks: 0, prevSite: -1, value: 0)
        guard let chosen = best else { return false }
        for t in 0..<T {
            let k = section(ofStudent: s, slot: t)
            if k >= 0 && k != chosen[t] { unenrol(s, from: k) }
        }
        for t in 0..<T where chosen[t] >= 0 && section(ofStudent: s, slot: t) != chosen[t] {
            enrol(s, in: chosen[t])
        }
        return true
    }
}
