import Foundation
import ProfileDay
import SetkaModel

/// A change worth trying, and whom the explanations say it is for.
public struct AdviceCandidate: Sendable, Hashable, Codable {
    public var change: AdviceChange
    /// Students short of electives whose binding cause for a choice this change addresses.
    public var students: Int
    /// Courses that did not open whose binding cause it addresses.
    public var courses: [String]

    public init(change: AdviceChange, students: Int, courses: [String]) {
        self.change = change; self.students = students; self.courses = courses
    }
}

/// The candidate changes of a timetable, from the binding causes of its explanations
/// (`CourseCause`, `ChoiceCause`): each cause names what stops a course or a choice (a teacher's
/// day, the rooms of a kind, the trip limit, a full section, a slot taken), and points to the
/// single changes that would lift it:
///
/// | cause | changes tried |
/// |---|---|
/// | no room of the kind where its teachers can teach | a room of another kind there equipped as it; remote; the teacher's site among the course's `sites`; a teacher who does not travel travels |
/// | too few within reach of any place | remote; a teacher who does not travel travels; the choosers' school among the course's `sites`, or a room there equipped |
/// | no teacher and room free together / the teacher is busy | the blocked teachers' extra slot or section; where the rooms were taken, another room equipped; remote |
/// | too few free in the one slot a teacher is free | the course's teachers' extra slot or section |
/// | a choice: no place within reach, every section too far | remote; a teacher who does not travel travels; the student's school among the course's `sites` |
/// | a choice: sections full, too far between slots, cannot leave | the course's teachers' extra slot or section |
/// | a choice: every section in a slot the student spends on a better choice | the course's teachers' extra slot (another slot) or section |
///
/// A cause that says a section could open, or that the search left a seat, asks for no change.
/// Candidates are ranked by the short students they address (then the courses, then a stable
/// key); the count is a hint for which to screen first, never a claimed gain.
struct AdviceCandidates {
    let scenario: Scenario
    let slotIDs: [String]
    let teachers: [String: Teacher]
    let courses: [String: Course]
    let teachersOf: [String: [Teacher]]
    let roomsAt: [String: [Room]]
    /// Sections per room (`site/room`) in the timetable.
    let roomUse: [String: Int]
    /// Slots each teacher teaches in.
    let teaching: [String: [String]]
    /// Choosers of each course per school, most first.
    let choosersBySchool: [String: [(school: String, count: Int)]]
    let courseExplanations: [String: CourseExplanation]

    init(scenario: Scenario, timetable: Timetable, explanations: Explanations) {
        self.scenario = scenario
        slotIDs = scenario.profileDay?.slots.map(\.id) ?? []
        teachers = Dictionary(scenario.teachers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        courses = Dictionary(scenario.courses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var of: [String: [Teacher]] = [:]
        for t in scenario.teachers { for c in t.courses { of[c, default: []].append(t) } }
        teachersOf = of
        roomsAt = Dictionary(grouping: scenario.rooms, by: \.site)
        var use: [String: Int] = [:], teaching: [String: [String]] = [:]
        for s in timetable.sections {
            if let site = s.site, let room = s.room { use[site + "/" + room, default: 0] += 1 }
            teaching[s.teacher, default: []].append(s.slot)
        }
        roomUse = use
        self.teaching = teaching
        var bySchool: [String: [String: Int]] = [:]
        for s in scenario.students { for c in s.choices { bySchool[c, default: [:]][s.school, default: 0] += 1 } }
        choosersBySchool = bySchool.mapValues { counts in
            counts.map { (school: $0.key, count: $0.value) }.sorted { ($0.count, $1.school) > ($1.count, $0.school) }
        }
        courseExplanations = Dictionary(explanations.coursesNotOpened.map { ($0.course, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every candidate, best supported first.
    static func generate(scenario: Scenario, timetable: Timetable, explanations: Explanations) -> [AdviceCandidate] {
        let context = AdviceCandidates(scenario: scenario, timetable: timetable, explanations: explanations)
        var students: [AdviceChange: Set<String>] = [:]
        var courses: [AdviceChange: Set<String>] = [:]
        var order: [AdviceChange] = []
        func note(_ change: AdviceChange) {
            if students[change] == nil { students[change] = []; order.append(change) }
        }
        var byCourse: [String: [AdviceChange]] = [:]
        for e in explanations.coursesNotOpened {
            let changes = context.changes(forCourse: e)
            byCourse[e.course] = changes
            for c in changes { note(c); courses[c, default: []].insert(e.course) }
        }
        for s in explanations.studentsShort {
            for choice in s.choices {
                let changes = choice.cause == .courseNotOpened ? byCourse[choice.course] ?? []
                    : context.changes(forStudent: s.student, school: s.school, course: choice.course, cause: choice.cause)
                for c in changes { note(c); students[c, default: []].insert(s.student) }
            }
        }
        return order.map { AdviceCandidate(change: $0, students: students[$0]?.count ?? 0, courses: (courses[$0] ?? []).sorted()) }
            .sorted { ($0.students, $0.courses.count, $1.change.key) > ($1.students, $1.courses.count, $0.change.key) }
    }

    // MARK: - From causes

    func changes(forCourse e: CourseExplanation) -> [AdviceChange] {
        guard let course = courses[e.course] else { return [] }
        var out: [AdviceChange] = []
        switch e.cause {
        case let .noSuitableRoom(_, _, allowed, qualified):
            out += remote(course)
            var sites = qualified.map(\.site)
            if qualified.contains(where: \.travels) { sites += topSchools(course.id, 3) }
            out += roomChanges(course, sites: uniqued(sites).filter { allowed.isEmpty || allowed.contains($0) })
            if !allowed.isEmpty { out += uniqued(qualified.map(\.site)).compactMap { siteChange(course, $0) } }
            out += qualified.filter { !$0.travels }.compactMap { q in
                hasRoomElsewhere(course, than: q.site) ? .teacherTravels(teacher: q.teacher) : nil
            }
        case .tooFewWithinReach:
            out += remote(course)
            out += travelChanges(course)
            for school in topSchools(course.id, 2) {
                if let change = siteChange(course, school) { out.append(change) }
                if teachersOf[course.id, default: []].contains(where: \.travels), course.sites.isEmpty || course.sites.contains(school) {
                    out += roomChanges(course, sites: [school])
                }
            }
        case let .noFreeTeacherOrRoom(blocked, _):
            out += blockedChanges(course, blocked)
            out += remote(course)
        case let .tooFewNearFreeTeacher(free, _, _, _, blocked):
            out += blockedChanges(course, blocked)
            if let t = teachers[free.place.teacher], !t.travels { out.append(.teacherTravels(teacher: t.id)) }
            out += remote(course)
        case .tooFewFreeInSlot:
            for t in teachersOf[course.id] ?? [] { out += capacityChanges(t, slots: nil) }
        case .nobodyChose, .noQualifiedTeacher, .tooFewChose, .notWorthOpening, .leftBySearch:
            break
        }
        return uniqued(out)
    }

    func changes(forStudent student: String, school: String, course id: String, cause: ChoiceCause) -> [AdviceChange] {
        guard let course = courses[id] else { return [] }
        var out: [AdviceChange] = []
        switch cause {
        case .noPlaceWithinReach, .tooFar:
            out += remote(course)
            out += travelChanges(course)
            if let change = siteChange(course, school) { out.append(change) }
        case let .slotTaken(_, by, _):
            // Another section, in a slot without a course the student ranks higher.
            let taken = Set(by.map(\.section.slot))
            for t in teachersOf[id] ?? [] { out += capacityChanges(t, slots: Set(slotIDs).subtracting(taken)) }
        case let .pinnedInSlot(section, _, _):
            // The student is pinned to another course in that slot: a section in another slot.
            for t in teachersOf[id] ?? [] { out += capacityChanges(t, slots: Set(slotIDs).subtracting([section.slot])) }
        case .cannotLeave, .full:
            // Another section, in any slot (the student's other course may move).
            for t in teachersOf[id] ?? [] { out += capacityChanges(t, slots: nil) }
        case .travelBetweenSlots:
            for t in teachersOf[id] ?? [] { out += capacityChanges(t, slots: nil) }
            out += remote(course)
        case .courseNotOpened, .notWorthIt, .leftBySearch:
            break
        }
        return uniqued(out)
    }

    // MARK: - Kinds of change

    /// The slots a teacher is free in (their `slots`, else every slot).
    func freeSlots(_ t: Teacher) -> [String] { t.slots.map { s in slotIDs.filter { s.contains($0) } } ?? slotIDs }

    /// A teacher's `max_sections` (the number of slots when empty).
    func cap(_ t: Teacher) -> Int { t.maxSections ?? slotIDs.count }

    /// More of a teacher's day: one more section when `max_sections` binds and they are free in
    /// more slots; else a slot they are not free in (of `slots`, when given), with one more
    /// section when every free slot is already theirs to teach.
    func capacityChanges(_ t: Teacher, slots: Set<String>?) -> [AdviceChange] {
        let free = freeSlots(t)
        let limit = cap(t)
        let taught = teaching[t.id]?.count ?? 0
        if taught >= limit && free.count > limit { return [.teacherSection(teacher: t.id, maxSections: limit + 1)] }
        let raise = taught >= limit ? limit + 1 : nil
        // A teacher with max_sections 0 is not asked for anything (they do not teach on the day).
        if limit == 0 { return [] }
        return slotIDs.filter { !free.contains($0) && (slots?.contains($0) ?? true) }.map { slot in
            .teacherSlot(teacher: t.id, slot: slot, slots: slotIDs.filter { free.contains($0) || $0 == slot }, maxSections: raise)
        }
    }

    /// The blocked places' teachers' extra slots or sections; where the rooms were taken, another
    /// room of the site equipped for the course.
    func blockedChanges(_ course: Course, _ blocked: [BlockedPlace]) -> [AdviceChange] {
        var out: [AdviceChange] = []
        for b in blocked {
            if let t = teachers[b.teacherDay.teacher] { out += capacityChanges(t, slots: nil) }
            if !b.roomsTakenInSlots.isEmpty, let site = b.place.site { out += roomChanges(course, sites: [site], evenIfThere: true) }
        }
        return out
    }

    func remote(_ course: Course) -> [AdviceChange] { course.remote ? [] : [.courseRemote(course: course.id)] }

    /// The course's teachers who do not travel, when a room for it is elsewhere.
    func travelChanges(_ course: Course) -> [AdviceChange] {
        (teachersOf[course.id] ?? []).filter { !$0.travels && hasRoomElsewhere(course, than: $0.site) }
            .map { .teacherTravels(teacher: $0.id) }
    }

    /// `site` added to the course's `sites`, when they name some, not it, and it has a room for it.
    func siteChange(_ course: Course, _ site: String) -> AdviceChange? {
        guard !course.sites.isEmpty, !course.sites.contains(site), hasRoom(course, at: site) else { return nil }
        let sites = course.sites + [site]
        return .courseSite(course: course.id, site: site, sites: sites)
    }

    func minSize(_ course: Course) -> Int { course.minSize ?? scenario.profileDay?.minSectionSize ?? 1 }

    /// A room at `site` the course can use and that seats its minimum.
    func hasRoom(_ course: Course, at site: String) -> Bool {
        (roomsAt[site] ?? []).contains { (course.roomKind == Course.anyRoomKind || $0.kind == course.roomKind) && $0.capacity >= minSize(course) }
    }

    func hasRoomElsewhere(_ course: Course, than site: String) -> Bool {
        roomsAt.keys.contains { $0 != site && (course.sites.isEmpty || course.sites.contains($0)) && hasRoom(course, at: $0) }
    }

    /// At each site (without a suitable room, unless `evenIfThere`), the room of another kind that
    /// seats the course's minimum and is least used in the timetable, equipped for the course.
    func roomChanges(_ course: Course, sites: [String], evenIfThere: Bool = false) -> [AdviceChange] {
        guard course.roomKind != Course.anyRoomKind else { return [] }
        return sites.compactMap { site in
            if !evenIfThere && hasRoom(course, at: site) { return nil }
            let room = (roomsAt[site] ?? []).filter { $0.kind != course.roomKind && $0.capacity >= minSize(course) }
                .min { a, b in
                    (roomUse[site + "/" + a.id] ?? 0, a.kind == "classroom" ? 0 : 1, a.capacity, a.id)
                        < (roomUse[site + "/" + b.id] ?? 0, b.kind == "classroom" ? 0 : 1, b.capacity, b.id)
                }
            return room.map { .roomKind(site: site, room: $0.id, from: $0.kind, kind: course.roomKind) }
        }
    }

    /// The schools with the most choosers of a course.
    func topSchools(_ course: String, _ n: Int) -> [String] { (choosersBySchool[course] ?? []).prefix(n).map(\.school) }

    func uniqued<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}
