import SetkaModel

/// Why a course did not open.
public struct CourseExplanation: Sendable, Codable, Hashable {
    public var course: String
    public var title: String
    /// Students in the district who listed the course.
    public var chosenBy: Int
    /// Of them, those within `max_trip_minutes` of a place where the search may hold a section.
    public var withinReach: Int
    /// The binding cause.
    public var cause: CourseCause

    public init(course: String, title: String, chosenBy: Int, withinReach: Int, cause: CourseCause) {
        self.course = course; self.title = title; self.chosenBy = chosenBy; self.withinReach = withinReach; self.cause = cause
    }
}

/// Why a student got fewer electives than they can take.
public struct StudentExplanation: Sendable, Codable, Hashable {
    public var student: String
    public var school: String
    public var wanted: Int
    public var got: Int
    /// How many courses they listed (fewer than `wanted` limits what they can get).
    public var listed: Int
    /// Each choice they did not get, best first, with its binding cause.
    public var choices: [ChoiceExplanation]

    public init(student: String, school: String, wanted: Int, got: Int, listed: Int, choices: [ChoiceExplanation]) {
        self.student = student; self.school = school; self.wanted = wanted; self.got = got; self.listed = listed; self.choices = choices
    }
}

public struct Explanations: Sendable, Codable, Hashable {
    public var coursesNotOpened: [CourseExplanation]
    public var studentsShort: [StudentExplanation]
    public init(coursesNotOpened: [CourseExplanation] = [], studentsShort: [StudentExplanation] = []) {
        self.coursesNotOpened = coursesNotOpened; self.studentsShort = studentsShort
    }
}

/// The words of the explanation files a run writes (`courses-not-opened.csv`,
/// `students-short.csv`): `Wording` says them in the scenario's language.
public protocol ExplanationWording: Sendable {
    /// Why the course did not open, in one sentence.
    func reason(_ course: CourseExplanation) -> String
    /// Each choice the student did not get and why, in one line.
    func reason(_ student: StudentExplanation) -> String
}

/// The explanations of a final timetable: for each course that did not open and for each choice
/// a short student did not get, one binding cause, found by tests in a fixed order.
///
/// **A course** (`CourseCause`), with its *places*: every (qualified teacher, site) where H1 and
/// H2 allow a section (remote when the course allows it; the teacher's own site; with `travels`,
/// every other site) and that has a room of the course's kind seating at least `min_size`. A
/// place's *students within reach* are the course's choosers within `max_trip_minutes` of it
/// (with H5 at a visiting teacher's place: the host's own choosers). The tests:
/// 1. nobody chose it; 2. no teacher can teach it; 3. it has no place; 4. fewer than `min_size`
/// chose it; 5. every place has fewer than `min_size` within reach;
/// then, on the final timetable, a place is *free* in a slot when its teacher may take a section
/// then (`teacherCanTake`: free, below `max_sections`, not teaching, able to travel) and a
/// suitable room is free there (or it is remote):
/// 6. no place is free in any slot; 7. every free place has fewer than `min_size` within reach;
/// 8. at every free place with enough within reach, fewer than `min_size` are free to come in
/// that slot (the best such place and slot is named); 9. a section could open but gains nothing;
/// 10. a section could open with a gain (the search left it).
///
/// **A choice** of a short student (`ChoiceCause`): A. the course has no place within reach of
/// the student's school; B. it opened no section. Otherwise each open section of the course gets
/// the first obstacle in this order: 1 further than `max_trip_minutes`; 2 in a slot where the
/// student takes a course they rank higher; 3 too far from their section before or after for the
/// break; 4 full; 5 they are pinned (H6) to the section of a course they rank lower in that slot,
/// or would have to leave it and its section would fall below its minimum; 6 joining is worth no more than what they have; 7 none (the search left a
/// seat). The choice's cause is the obstacle that comes latest in this order among its sections
/// (the section closest to taking the student), naming every section stopped there.
///
/// Sections that meet a pin (H6) are marked `pinned` wherever a cause names them (`SectionFact`,
/// `TaughtSection`): the coordinator fixed them, so they are not the search's to change.
extension Search {
    /// A place where a section of a course could be held.
    struct CoursePlace {
        var teacher: Int
        /// Compact site, -1 remote.
        var site: Int
        /// H5 applies there.
        var host: Bool
    }

    func explain(_ state: ScheduleState, sectionIDs: [Int: String]) -> Explanations {
        let scenario = p.scenario
        let templatePlaces = UpperBound.places(p, self)
        let places = (0..<p.courses.count).map(possiblePlaces)
        var courses: [CourseExplanation] = []
        for c in 0..<p.courses.count where state.sectionsOfCourse[c].isEmpty {
            let reach = p.choosers[c].filter {
                UpperBound.bestValue(p, places: templatePlaces[c], student: $0.student, rank: $0.rank) != nil
            }.count
            let course = scenario.courses[c]
            courses.append(CourseExplanation(course: course.id, title: course.title, chosenBy: p.choosers[c].count,
                                             withinReach: reach, cause: courseCause(c, state, places: places[c])))
        }

        var students: [StudentExplanation] = []
        for s in 0..<p.students.count where state.isShort(s) {
            let info = p.students[s]
            var choices: [ChoiceExplanation] = []
            for (r, c) in info.choices.enumerated() where !state.takes(student: s, course: c) {
                choices.append(ChoiceExplanation(course: scenario.courses[c].id, rank: r,
                                                 cause: choiceCause(s, rank: r, course: c, state, places: places[c],
                                                                    ids: sectionIDs)))
            }
            students.append(StudentExplanation(
                student: scenario.students[s].id, school: scenario.students[s].school, wanted: info.wants,
                got: state.studentLoad[s], listed: scenario.students[s].choices.count, choices: choices))
        }
        return Explanations(coursesNotOpened: courses, studentsShort: students)
    }

    // MARK: - Places

    /// Every place a section of course `c` could be held (H1, H2, H3's minimum in the room), in
    /// the order: teachers by number, then remote, their own site, the other sites by number.
    func possiblePlaces(_ c: Int) -> [CoursePlace] {
        let course = p.courses[c]
        var out: [CoursePlace] = []
        for q in p.teachersOfCourse[c] {
            let teacher = p.teachers[q]
            let others = (0..<p.siteCount).filter { $0 != teacher.site }
            for site in (course.remote ? [-1] : []) + [teacher.site] + others {
                let place = ProblemIndex.place(site)
                guard TeacherRule.mayBe(at: TeacherRule.place(ofSectionAt: place, ownSite: teacher.site),
                                        ownSite: teacher.site, travels: teacher.travels) else { continue }
                if site >= 0 && !p.roomsAtSite[site].contains(where: { roomSeatsMinimum($0, course: c) }) { continue }
                out.append(CoursePlace(teacher: q, site: site,
                                       host: VisitingTeacherRule.applies(ruleOn: p.settings.visitingTeacherRule, site: place,
                                                                         teacherSite: teacher.site)))
            }
        }
        return out
    }

    /// H2 and H3: room `r` suits course `c` and seats at least its minimum.
    private func roomSeatsMinimum(_ r: Int, course c: Int) -> Bool {
        let course = p.courses[c]
        return p.roomFits(r, course: c)
            && SizeRule.isEnough(SizeRule.capacity(maxSize: course.maxSize, roomCapacity: p.rooms[r].capacity), minSize: course.minSize)
    }

    /// The choosers of course `c` within reach of `place` (H4 trip; with H5, the host's own).
    private func withinReach(_ c: Int, _ place: CoursePlace) -> Int {
        var n = 0
        for (s, _) in p.choosers[c] {
            let school = p.students[s].school
            if place.host ? school == place.site : p.withinTrip(from: school, to: place.site) { n += 1 }
        }
        return n
    }

    /// Whether `place` is free in slot `t`: its teacher may take a section there then (H1) and a
    /// suitable room seating the minimum is free (H2, H3), or it is remote.
    private func isFree(_ place: CoursePlace, course c: Int, slot t: Int, _ state: ScheduleState) -> Bool {
        guard state.teacherCanTake(place.teacher, site: place.site, slot: t) else { return false }
        return place.site < 0 || roomFree(place, course: c, slot: t, state)
    }

    private func roomFree(_ place: CoursePlace, course c: Int, slot t: Int, _ state: ScheduleState) -> Bool {
        p.roomsAtSite[place.site].contains { state.roomSlot[$0 * p.slotCount + t] < 0 && roomSeatsMinimum($0, course: c) }
    }

    // MARK: - Courses

    private func courseCause(_ c: Int, _ state: ScheduleState, places: [CoursePlace]) -> CourseCause {
        let course = p.courses[c]
        let chosen = p.choosers[c].count
        let minSize = course.minSize
        if chosen == 0 { return .nobodyChose }
        if p.teachersOfCourse[c].isEmpty { return .noQualifiedTeacher }
        if places.isEmpty {
            let allowed = p.scenario.courses[c].sites
            let teachers = p.teachersOfCourse[c].map { q in
                QualifiedTeacher(teacher: p.scenario.teachers[q].id, site: siteID(p.teachers[q].site), travels: p.teachers[q].travels)
            }
            return .noSuitableRoom(roomKind: course.roomKind, minSize: minSize, allowedSites: allowed, teachers: teachers)
        }
        if !SizeRule.isEnough(chosen, minSize: minSize) { return .tooFewChose(chosenBy: chosen, minSize: minSize) }

        let reach = places.map { withinReach(c, $0) }
        let bestReach = reach.indices.max { reach[$0] < reach[$1] || (reach[$0] == reach[$1] && $0 > $1) }!
        if !SizeRule.isEnough(reach[bestReach], minSize: minSize) {
            return .tooFewWithinReach(best: teacherPlace(places[bestReach]), withinReach: reach[bestReach],
                                      hostOnly: places[bestReach].host, chosenBy: chosen, minSize: minSize, maxTrip: p.maxTrip)
        }

        // The final timetable: which places are free in which slots.
        let freeSlots = places.map { place in (0..<p.slotCount).filter { isFree(place, course: c, slot: $0, state) } }
        let blocked = places.indices.filter { SizeRule.isEnough(reach[$0], minSize: minSize) && freeSlots[$0].isEmpty }
            .map { blockedPlace(places[$0], course: c, withinReach: reach[$0], state) }
        let free = places.indices.filter { !freeSlots[$0].isEmpty }
        if free.isEmpty { return .noFreeTeacherOrRoom(blocked: blocked, minSize: minSize) }
        let bestFree = free.max { reach[$0] < reach[$1] || (reach[$0] == reach[$1] && $0 > $1) }!
        if !SizeRule.isEnough(reach[bestFree], minSize: minSize) {
            return .tooFewNearFreeTeacher(free: freePlace(places[bestFree], slots: freeSlots[bestFree]),
                                          withinReach: reach[bestFree], chosenBy: chosen, minSize: minSize, blocked: blocked)
        }

        // Free places with enough within reach: who could come, slot by slot.
        var best: (i: Int, t: Int, move: ScheduleState.OpenMove, hosts: Int, complete: Bool)?
        for i in free where SizeRule.isEnough(reach[i], minSize: minSize) {
            let place = places[i]
            let template = SectionTemplate(course: c, teacher: place.teacher, site: place.site, needsHostStudents: place.host)
            for t in freeSlots[i] {
                guard let move = state.evaluateOpen(template, slot: t, partial: true) else { continue }
                let hosts = move.joiners.reduce(0) { $0 + (p.students[$1.student].school == place.site ? 1 : 0) }
                let complete = SizeRule.isEnough(move.joiners.count, minSize: minSize)
                    && (!place.host || VisitingTeacherRule.hostStudentsSuffice(hosts, minSize: minSize))
                if let b = best, (b.complete ? 1 : 0, b.move.joiners.count, b.move.gain) >= (complete ? 1 : 0, move.joiners.count, move.gain) {
                    continue
                }
                best = (i, t, move, hosts, complete)
            }
        }
        guard let best else {
            // No room seating the minimum in a free slot (cannot happen: `isFree` asks for one).
            return .noFreeTeacherOrRoom(blocked: blocked, minSize: minSize)
        }
        let place = freePlace(places[best.i], slots: [best.t])
        if !best.complete {
            let joined = Set(best.move.joiners.map(\.student))
            var busy = [Int: Int]()
            for (s, _) in p.choosers[c] where !joined.contains(s) {
                let school = p.students[s].school
                guard places[best.i].host ? school == places[best.i].site : p.withinTrip(from: school, to: places[best.i].site) else { continue }
                let k = state.section(ofStudent: s, slot: best.t)
                if k >= 0 { busy[state.sections[k].course, default: 0] += 1 }
            }
            let busyWith = busy.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
                .map { CourseCount(course: p.scenario.courses[$0.key].id, students: $0.value) }
            // At a visiting teacher's place `reach` counts the host's own students (H5): so do these.
            let host = places[best.i].host
            return .tooFewFreeInSlot(free: place, available: host ? best.hosts : best.move.joiners.count, withinReach: reach[best.i],
                                     hostOnly: host, minSize: minSize, busyWith: busyWith)
        }
        if best.move.gain <= Tolerance.value {
            return .notWorthOpening(free: place, students: best.move.joiners.count, gain: best.move.gain)
        }
        return .leftBySearch(free: place, students: best.move.joiners.count, gain: best.move.gain)
    }

    private func siteID(_ site: Int) -> String { p.scenario.organisations[p.siteOrganisation[site]].id }

    /// Minutes as a fact: nil when the scenario cannot say (`.infinity` in `ProblemIndex`).
    private func known(_ minutes: Double) -> Double? { minutes.isFinite ? minutes : nil }

    private func teacherPlace(_ place: CoursePlace) -> TeacherPlace {
        TeacherPlace(teacher: p.scenario.teachers[place.teacher].id, site: place.site < 0 ? nil : siteID(place.site))
    }

    private func freePlace(_ place: CoursePlace, slots: [Int]) -> FreePlace {
        FreePlace(place: teacherPlace(place), slots: slots.map { p.settings.slots[$0].id })
    }

    private func blockedPlace(_ place: CoursePlace, course c: Int, withinReach: Int, _ state: ScheduleState) -> BlockedPlace {
        let q = place.teacher
        let info = p.teachers[q]
        var teaches: [TaughtSection] = []
        var roomsTaken: [String] = []
        for t in 0..<p.slotCount {
            let k = state.section(ofTeacher: q, slot: t)
            if k >= 0 {
                let sec = state.sections[k]
                teaches.append(TaughtSection(slot: p.settings.slots[t].id, course: p.scenario.courses[sec.course].id,
                                             site: sec.site < 0 ? nil : siteID(sec.site), pinned: state.pins.isPinned(k)))
            } else if place.site >= 0 && state.teacherCanTake(q, site: place.site, slot: t) && !roomFree(place, course: c, slot: t, state) {
                roomsTaken.append(p.settings.slots[t].id)
            }
        }
        let day = TeacherDay(teacher: p.scenario.teachers[q].id, site: siteID(info.site), travels: info.travels,
                             freeSlots: (0..<p.slotCount).filter { TeacherRule.isFree(info.slotMask, slot: $0) }.map { p.settings.slots[$0].id },
                             maxSections: info.maxSections, teaches: teaches)
        return BlockedPlace(place: teacherPlace(place), withinReach: withinReach, teacherDay: day, roomsTakenInSlots: roomsTaken)
    }

    // MARK: - Choices

    private func choiceCause(_ s: Int, rank r: Int, course c: Int, _ state: ScheduleState, places: [CoursePlace],
                             ids: [Int: String]) -> ChoiceCause {
        let school = p.students[s].school
        if !places.isEmpty && !places.contains(where: { p.withinTrip(from: school, to: $0.site) }) {
            let nearest = places.filter { $0.site >= 0 && p.minutes(school, $0.site).isFinite }
                .min { (p.minutes(school, $0.site), $0.site) < (p.minutes(school, $1.site), $1.site) }
            return .noPlaceWithinReach(nearestSite: nearest.map { siteID($0.site) },
                                       minutes: nearest.map { p.minutes(school, $0.site) }, maxTrip: p.maxTrip)
        }
        let open = state.sectionsOfCourse[c].sorted { (ids[$0] ?? "") < (ids[$1] ?? "") }
        if open.isEmpty { return .courseNotOpened }
        let count = open.count

        func fact(_ k: Int) -> SectionFact {
            let sec = state.sections[k]
            return SectionFact(section: ids[k] ?? "", site: sec.site < 0 ? nil : siteID(sec.site),
                               slot: p.settings.slots[sec.slot].id, enrolled: sec.members.count, capacity: sec.capacity,
                               pinned: state.pins.isPinned(k))
        }
        func taken(_ k: Int) -> TakenCourse {
            let course = state.sections[k].course
            return TakenCourse(course: p.scenario.courses[course].id, rank: state.rank(of: course, for: s) ?? 0, section: fact(k))
        }

        // Each section's first obstacle, as (level, cause); the latest level binds.
        var bestLevel = -1
        var causes: [(k: Int, cause: ChoiceCause)] = []
        func note(_ level: Int, _ k: Int, _ cause: ChoiceCause) {
            if level > bestLevel { bestLevel = level; causes = [] }
            if level == bestLevel { causes.append((k, cause)) }
        }
        for k in open {
            let sec = state.sections[k]
            let t = sec.slot
            // 1. Trip limit (H4).
            if !p.withinTrip(from: school, to: sec.site) {
                note(1, k, .tooFar(nearest: fact(k), minutes: known(p.minutes(school, sec.site)), maxTrip: p.maxTrip, openSections: count))
                continue
            }
            // 2. The slot holds a course they rank higher (H4: one section per slot).
            let occupant = state.section(ofStudent: s, slot: t)
            if occupant >= 0, let r2 = state.rank(of: state.sections[occupant].course, for: s), r2 < r {
                note(2, k, .slotTaken(sections: [fact(k)], by: [taken(occupant)], openSections: count))
                continue
            }
            // 3. Travel from or to the sections before and after (H4).
            let here = state.studentSite(s, site: sec.site)
            var clash: (neighbour: Int, minutes: Double, gap: Double)?
            if t > 0 {
                let before = state.section(ofStudent: s, slot: t - 1)
                if before >= 0, !p.travelFits(from: state.studentSite(s, inSection: before), to: here, afterSlot: t - 1) {
                    clash = (before, p.minutes(state.studentSite(s, inSection: before), here), p.gaps[t - 1])
                }
            }
            if clash == nil, t + 1 < p.slotCount {
                let after = state.section(ofStudent: s, slot: t + 1)
                if after >= 0, !p.travelFits(from: here, to: state.studentSite(s, inSection: after), afterSlot: t) {
                    clash = (after, p.minutes(here, state.studentSite(s, inSection: after)), p.gaps[t])
                }
            }
            if let clash {
                note(3, k, .travelBetweenSlots(section: fact(k), neighbour: taken(clash.neighbour), minutes: known(clash.minutes),
                                               gap: clash.gap, openSections: count))
                continue
            }
            // 4. No free seat (H3).
            if !SizeRule.hasSeat(enrolled: sec.members.count, capacity: sec.capacity) {
                note(4, k, .full(sections: [fact(k)], openSections: count))
                continue
            }
            // 5. They are pinned to the section they have in that slot (H6), or leaving it would
            // take it below its minimum (H3, H5).
            if occupant >= 0 && state.pins.keeps(s, in: occupant) {
                note(5, k, .pinnedInSlot(section: fact(k), pinnedTo: taken(occupant), openSections: count))
                continue
            }
            if occupant >= 0 && !state.canLeave(s, occupant) {
                let o = state.sections[occupant]
                let host = SizeRule.isEnough(o.members.count - 1, minSize: p.courses[o.course].minSize)
                note(5, k, .cannotLeave(section: fact(k), leaving: taken(occupant), minSize: p.courses[o.course].minSize,
                                        host: host, openSections: count))
                continue
            }
            // 6. Worth no more than what they have in that slot (or nothing).
            let value = p.searchValue(student: s, rank: r, site: sec.site, slot: t)
            let current = occupant >= 0 ? state.enrolmentValue(s, slot: t) : 0
            if value - current <= Tolerance.value {
                note(6, k, .notWorthIt(section: fact(k), value: value, instead: occupant >= 0 ? taken(occupant) : nil,
                                       openSections: count))
                continue
            }
            // 7. Nothing stops them.
            note(7, k, .leftBySearch(section: fact(k), gain: value - current, openSections: count))
        }
        return merged(causes.map(\.cause))
    }

    /// One cause from the sections stopped at the same obstacle: the nearest too-far section;
    /// every slot-taken or full section; the first of the others.
    private func merged(_ causes: [ChoiceCause]) -> ChoiceCause {
        guard var first = causes.first else { return .courseNotOpened }
        switch first {
        case .tooFar:
            for cause in causes.dropFirst() {
                if case .tooFar(_, let m, _, _) = cause, case .tooFar(_, let best, _, _) = first,
                   (m ?? .infinity) < (best ?? .infinity) { first = cause }
            }
            return first
        case .slotTaken(_, _, let n):
            var sections: [SectionFact] = [], by: [TakenCourse] = []
            for cause in causes {
                if case .slotTaken(let s, let b, _) = cause {
                    sections += s
                    for t in b where !by.contains(t) { by.append(t) }
                }
            }
            return .slotTaken(sections: sections, by: by, openSections: n)
        case .full(_, let n):
            var sections: [SectionFact] = []
            for cause in causes { if case .full(let s, _) = cause { sections += s } }
            return .full(sections: sections, openSections: n)
        default:
            return first
        }
    }
}
