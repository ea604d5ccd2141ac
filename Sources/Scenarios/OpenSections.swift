import Foundation
import ProfileDay
import SetkaModel

extension StableReplanning {
    /// Opens new sections for `students` (those whose day changed anyway) with teachers and rooms
    /// that are free, so that no other student moves: greedily, the section (course, teacher,
    /// slot, place) whose eligible students add the most objective value, until none reaches
    /// its course's minimum size. A section is held at the teacher's own site (so H5 never
    /// applies) or remotely when the course allows it; every H1–H4 rule is checked for it.
    public static func openSections(_ timetable: Timetable, for students: Set<String>, in scenario: Scenario) -> Timetable {
        guard let pd = scenario.profileDay, !students.isEmpty else { return timetable }
        var t = timetable
        let slots = pd.slots
        let slotPos = Dictionary(slots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let byID = Dictionary(t.sections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var studentDay: [String: [Section]] = [:]
        for e in t.enrolments { if let s = byID[e.section] { studentDay[e.student, default: []].append(s) } }
        var teacherDay: [String: [Section]] = [:]
        for s in t.sections { teacherDay[s.teacher, default: []].append(s) }
        var roomsUsed = Set(t.sections.compactMap { s in s.room.map { "\(s.slot)|\(s.site ?? "")|\($0)" } })
        let courses = Dictionary(scenario.courses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pool = scenario.students.filter { students.contains($0.id) }
        var nextID = 1
        let usedIDs = Set(t.sections.map(\.id))
        func newID() -> String {
            while usedIDs.contains("K\(nextID)") { nextID += 1 }
            defer { nextID += 1 }
            return "K\(nextID)"
        }

        /// Travel between consecutive slots fits the break (same site: always).
        func travelFits(_ day: [Section], _ slot: Int, _ site: String, place: (Section) -> String) -> Bool {
            for other in day {
                guard let q = slotPos[other.slot], abs(q - slot) == 1 else { continue }
                let a = place(other)
                if a == site { continue }
                let gap = Double(slots[max(slot, q)].start.minutes - slots[min(slot, q)].end.minutes)
                guard let m = scenario.minutes(from: a, to: site), m <= gap + 1e-9 else { return false }
            }
            return true
        }

        struct Candidate { var section: Section; var members: [String]; var value: Double }

        while true {
            var best: Candidate?
            for teacher in scenario.teachers {
                let mine = teacherDay[teacher.id] ?? []
                if mine.count >= (teacher.maxSections ?? slots.count) { continue }
                let free = teacher.slots.map(Set.init) ?? Set(slots.map(\.id))
                for slot in slots where free.contains(slot.id) && !mine.contains(where: { $0.slot == slot.id }) {
                    let p = slotPos[slot.id]!
                    for courseID in teacher.courses {
                        guard let course = courses[courseID] else { continue }
                        // Places: a room at the teacher's own site, or remote.
                        var places: [(site: String?, room: Room?)] = []
                        if course.sites.isEmpty || course.sites.contains(teacher.site),
                           let room = scenario.rooms.filter({
                               $0.site == teacher.site && (course.roomKind == Course.anyRoomKind || $0.kind == course.roomKind)
                                   && !roomsUsed.contains("\(slot.id)|\($0.site)|\($0.id)")
                           }).max(by: { ($0.capacity, $1.id) < ($1.capacity, $0.id) }) {
                            places.append((teacher.site, room))
                        }
                        if course.remote { places.append((nil, nil)) }
                        for place in places {
                            // The teacher's own day: a remote section counts as at their own site.
                            guard travelFits(mine, p, place.site ?? teacher.site, place: { $0.site ?? teacher.site }) else { continue }
                            let minSize = course.minSize ?? pd.minSectionSize
                            var limit = course.maxSize ?? pd.maxSectionSize
                            if let room = place.room { limit = min(limit, room.capacity) }
                            var eligible: [(id: String, value: Double)] = []
                            for st in pool {
                                guard let r = st.choices.firstIndex(of: courseID) else { continue }
                                let day = studentDay[st.id] ?? []
                                let canTake = min(st.wants ?? pd.coursesPerStudent, Set(st.choices).count)
                                if day.count >= canTake || day.contains(where: { $0.slot == slot.id || $0.course == courseID }) { continue }
                                let site = place.site ?? st.school
                                var trip = 0.0
                                if place.site != nil {
                                    guard let m = scenario.minutes(from: st.school, to: site), m <= pd.maxTripMinutes + 1e-9 else { continue }
                                    trip = m
                                }
                                guard travelFits(day, p, site, place: { $0.site ?? st.school }) else { continue }
                                eligible.append((st.id, pd.weights.rankValue(r) - pd.weights.travelMinute * trip))
                            }
                            guard eligible.count >= minSize else { continue }
                            let members = eligible.sorted { ($0.value, $1.id) > ($1.value, $0.id) }.prefix(limit)
                            let value = members.reduce(0) { $0 + $1.value } - pd.weights.section
                            guard value > 0, value > (best?.value ?? 0) else { continue }
                            best = Candidate(section: Section(id: "", course: courseID, teacher: teacher.id, site: place.site,
                                                              room: place.room?.id, slot: slot.id),
                                             members: members.map(\.id), value: value)
                        }
                    }
                }
            }
            guard var chosen = best else { break }
            chosen.section.id = newID()
            t.sections.append(chosen.section)
            teacherDay[chosen.section.teacher, default: []].append(chosen.section)
            if let room = chosen.section.room { roomsUsed.insert("\(chosen.section.slot)|\(chosen.section.site ?? "")|\(room)") }
            for m in chosen.members {
                t.enrolments.append(Enrolment(student: m, section: chosen.section.id))
                studentDay[m, default: []].append(chosen.section)
            }
        }
        return t
    }
}
