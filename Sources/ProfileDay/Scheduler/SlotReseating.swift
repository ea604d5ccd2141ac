/// A slot's seats re-decided for every student at once, exactly: the open sections stay where
/// and when they are, each student's seats in the other slots stay, and in slot `t` each
/// student takes at most one section of a course they chose and do not take in another slot,
/// within their trip limit and reachable from and to their sections in the slots before and after
/// (H4), at most `wants` in all; each section keeps its size between its minimum and its capacity
/// (H3) and its minimum of host students (H5); a pinned student keeps their seat (H6).
///
/// So restricted, the slot is a transportation problem, solved as a minimum-cost circulation
/// (`MinCostCirculation`) from the current day's seats:
///
///     source → student (at most one seat) → section, or → section's host seats → section (H5's minimum)
///     section → sink (between the minimum and the capacity, less the pinned students' seats)
///     sink → source (the seats taken)
///
/// with each seat costing minus its value to the student (`ProblemIndex.searchValue`). Its optimum
/// is whole, so it is the best slot for those students: whole chains of students giving up a seat
/// for a better one of someone else's, in one move, where a seat chain moves two.
extension ScheduleState {
    /// Re-seats each slot (`reseat(slot:)`) where some student's seat differs from `other`'s,
    /// a day of the same problem (this day's before a step); returns whether the day got better.
    @discardableResult
    mutating func reseatSlots(differingFrom other: ScheduleState) -> Bool {
        var better = false
        for t in 0..<p.slotCount where seatsDiffer(from: other, slot: t) && reseat(slot: t) { better = true }
        return better
    }

    /// Re-seats, in each slot where some student's seat differs from `other`'s, only the students
    /// the step could have changed something for: those with a seat in reach in a section of
    /// that slot whose students, site or opening differ between the days (`reseat(slot:touched:)`).
    /// Everyone else keeps their seat, so the network is a few hundred students where a city's
    /// slot has thousands; returns whether the day got better.
    @discardableResult
    mutating func reseatTouchedSlots(differingFrom other: ScheduleState) -> Bool {
        var better = false
        let slots = p.slotCount
        var touched = [Bool](repeating: false, count: sections.count)
        for t in 0..<slots {
            for k in touched.indices { touched[k] = false }
            var any = false
            var i = t
            while i < studentSlot.count {
                let now = Int(studentSlot[i]), then = Int(other.studentSlot[i])
                if now != then {
                    any = true
                    if now >= 0 { touched[now] = true }
                    if then >= 0 && then < touched.count { touched[then] = true }
                }
                i += slots
            }
            guard any else { continue }
            for k in sections.indices where sections[k].open && sections[k].slot == t {
                if k >= other.sections.count || !other.sections[k].open || other.sections[k].slot != t
                    || other.sections[k].site != sections[k].site { touched[k] = true }
            }
            if reseat(slot: t, touched: touched) { better = true }
        }
        return better
    }

    /// Whether any student's seat in slot `t` differs between this day and `other` (of the same problem).
    func seatsDiffer(from other: ScheduleState, slot t: Int) -> Bool {
        let slots = p.slotCount
        var i = t
        while i < studentSlot.count {
            if studentSlot[i] != other.studentSlot[i] { return true }
            i += slots
        }
        return false
    }

    /// Re-seats slot `t` (see above); returns whether the day got better (it changes only then).
    /// With `touched` (one flag per section), only the students with a seat in reach in a touched
    /// section of the slot are re-decided, the others keep theirs as pinned students do.
    @discardableResult
    mutating func reseat(slot t: Int, touched: [Bool]? = nil) -> Bool {
        var sectionsHere: [Int] = []
        for k in sections.indices where sections[k].open && sections[k].slot == t { sectionsHere.append(k) }
        guard !sectionsHere.isEmpty else { return false }
        // Nodes: 0 source, 1 sink, then each section, its host seats (H5), the students.
        var network = MinCostCirculation(nodes: 2)
        var node = [Int](repeating: -1, count: sections.count), hostNode = node
        for k in sectionsHere {
            node[k] = network.addNode()
            if sections[k].needsHostStudents { hostNode[k] = network.addNode() }
        }
        // Seats that stay (pinned students) and seats of the students the network re-decides.
        var fixed = [Int](repeating: 0, count: sections.count), fixedHost = fixed, free = fixed, freeHost = fixed
        // The students in the network: who, their seat now, and their seat arcs (`first..<end`).
        var members: [(s: Int, current: Int, first: Int, end: Int)] = []
        var arcSection: [Int] = []
        var seats: [(section: Int, value: Double)] = []
        var taken = 0
        let sinkToSource = network.addArc(from: 1, to: 0, upper: Int.max / 4, cost: 0, flow: 0)
        arcSection.append(-1)
        // With `touched`: the courses of the touched sections, so that students who chose none
        // of them keep their seats without a look at their choices' sections.
        var touchedCourse: [Bool] = []
        if let touched {
            touchedCourse = [Bool](repeating: false, count: p.courses.count)
            for k in sectionsHere where touched[k] { touchedCourse[sections[k].course] = true }
        }
        func keep(_ s: Int, seat current: Int) {
            guard current >= 0 else { return }
            fixed[current] += 1
            if p.students[s].school == sections[current].site { fixedHost[current] += 1 }
        }
        for s in 0..<p.students.count {
            let info = p.students[s]
            let current = section(ofStudent: s, slot: t)
            if touched != nil, !info.choices.contains(where: { touchedCourse[$0] }) {
                keep(s, seat: current)
                continue
            }
            let currentRank = current >= 0 ? rank(of: sections[current].course, for: s) : nil
            // A pinned seat stays (H6), as would one not of their choices (not in a valid day).
            if current >= 0 && (currentRank == nil || (!pins.isEmpty && pins.keeps(s, in: current))) {
                keep(s, seat: current)
                continue
            }
            let load = studentLoad[s] - (current >= 0 ? 1 : 0)
            guard StudentRule.mayTakeAnother(load: load, wants: info.wants) else { continue }
            // The ranks the student takes in the other slots.
            let elsewhere = currentRank.map { studentRanks[s] & ~(1 << UInt64($0)) } ?? studentRanks[s]
            seats.removeAll(keepingCapacity: true)
            for (r, c) in info.choices.enumerated() where elsewhere & (1 << UInt64(r)) == 0 {
                for k in sectionsOfCourse[c] where sections[k].slot == t {
                    let site = sections[k].site
                    if k != current {
                        guard p.withinTrip(from: info.school, to: site),
                              studentTravelFits(s, site: studentSite(s, site: site), slot: t) else { continue }
                    }
                    seats.append((k, p.searchValue(student: s, rank: r, site: site, slot: t)))
                }
            }
            // Nothing to decide for a student with no seat in reach; one with only the seat
            // they have may still give it up for someone else.
            if seats.isEmpty { continue }
            if let touched, !seats.contains(where: { touched[$0.section] }) {
                keep(s, seat: current)
                continue
            }
            let v = network.addNode()
            network.addArc(from: 0, to: v, upper: 1, cost: 0, flow: current >= 0 ? 1 : 0)
            arcSection.append(-1)
            let first = network.arcs.count
            for seat in seats {
                let host = hostNode[seat.section] >= 0 && info.school == sections[seat.section].site
                network.addArc(from: v, to: host ? hostNode[seat.section] : node[seat.section], upper: 1, cost: -seat.value,
                               flow: seat.section == current ? 1 : 0)
                arcSection.append(seat.section)
            }
            members.append((s, current, first, network.arcs.count))
            if current >= 0 {
                taken += 1
                free[current] += 1
                if info.school == sections[current].site { freeHost[current] += 1 }
            }
        }
        network.setFlow(of: sinkToSource, to: taken)
        for k in sectionsHere {
            let minSize = p.courses[sections[k].course].minSize
            if hostNode[k] >= 0 {
                // H5: at least the minimum of the host's own students, with the pinned ones.
                let least = (0...minSize).first { VisitingTeacherRule.hostStudentsSuffice($0 + fixedHost[k], minSize: minSize) } ?? 0
                network.addArc(from: hostNode[k], to: node[k], lower: least, upper: Int.max / 4, cost: 0, flow: freeHost[k])
            }
            // H3: between the minimum and the capacity, with the pinned students' seats.
            let least = (0...minSize).first { SizeRule.isEnough($0 + fixed[k], minSize: minSize) } ?? 0
            network.addArc(from: node[k], to: 1, lower: least, upper: max(0, sections[k].capacity - fixed[k]), cost: 0, flow: free[k])
        }
        guard network.isFeasible else { return false }
        let before = network.cost
        network.improve()
        guard network.cost < before - Tolerance.value else { return false }

        // Everyone whose seat changes leaves first, then joins (capacities hold at the end).
        var changes: [(s: Int, from: Int, to: Int)] = []
        for m in members {
            let now = (m.first..<m.end).first { network.arcs[$0].flow == 1 }.map { arcSection[$0] } ?? -1
            if now != m.current { changes.append((m.s, m.current, now)) }
        }
        let objectiveBefore = objective
        let saved = self
        for c in changes where c.from >= 0 { unenrol(c.s, from: c.from) }
        for c in changes where c.to >= 0 { enrol(c.s, in: c.to) }
        if objective > objectiveBefore + Tolerance.value { return true }
        self = saved
        return false
    }
}
