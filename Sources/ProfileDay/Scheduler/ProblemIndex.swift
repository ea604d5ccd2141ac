import SetkaModel

/// A scenario's profile day compiled to integers: everything the scheduler's inner loops read.
///
/// Sites are the organisations that matter to the day (students' schools, teachers' sites, room
/// sites) renumbered 0..<siteCount, with a dense travel matrix between them (`.infinity` where the
/// scenario cannot say). Slot, course, teacher, room and student numbers are positions in the
/// scenario's tables, so results map straight back to ids.
struct ProblemIndex: Sendable {
    struct CourseInfo: Sendable {
        var minSize: Int
        var maxSize: Int
        var roomKind: String
        var anyRoom: Bool
        var remote: Bool
        /// nil = every site may host it.
        var allowedSites: Set<Int>?
    }

    struct TeacherInfo: Sendable {
        var site: Int
        var courses: Set<Int>
        var maxSections: Int
        /// Bit t set when the teacher is free in slot t.
        var slotMask: UInt64
        var travels: Bool
    }

    struct RoomInfo: Sendable {
        var site: Int
        var capacity: Int
        var kind: String
    }

    struct StudentInfo: Sendable {
        var school: Int
        var wants: Int
        /// Course numbers, best first.
        var choices: [Int]
    }

    let scenario: Scenario
    let settings: ProfileDaySettings
    let slotCount: Int
    /// gaps[t] = the break between slot t and slot t+1 (`SlotGap`).
    let gaps: [Double]
    /// Organisation index (in `scenario.organisations`) of each compact site.
    let siteOrganisation: [Int]
    let siteOfOrganisation: [Int: Int]
    let travel: [Double]
    let siteCount: Int
    let courses: [CourseInfo]
    let teachers: [TeacherInfo]
    let rooms: [RoomInfo]
    /// Rooms by site.
    let roomsAtSite: [[Int]]
    let students: [StudentInfo]
    /// Students that list each course, with the course's 0-based rank in their choices.
    let choosers: [[(student: Int, rank: Int)]]
    /// Teachers qualified for each course.
    let teachersOfCourse: [[Int]]
    let rankValues: [Double]
    let travelMinute: Double
    let sectionCost: Double
    let maxTrip: Double
    /// A published timetable to stay close to (stable re-planning), or nil. While set, the search
    /// values each enrolment and section it keeps with a bonus (see `Anchors`).
    var anchors: Anchors?
    /// The scenario's pins (H6) in these numbers.
    private(set) var pins: [PinInfo] = []

    init(_ scenario: Scenario) throws {
        guard let settings = scenario.profileDay, !settings.slots.isEmpty else {
            throw ScenarioError([.error(ru: "в сценарии нет profile_day.slots: составлять нечего", en: "the scenario has no profile_day.slots: nothing to schedule",
                                        at: SourceLocation(file: "scenario.yaml"))])
        }
        self.scenario = scenario
        self.settings = settings
        let slots = settings.slots
        slotCount = slots.count
        guard slotCount <= 64 else {
            throw ScenarioError([.error(ru: "поддерживается не больше 64 занятий (слотов), найдено \(slotCount)", en: "at most 64 slots are supported, found \(slotCount)",
                                        at: SourceLocation(file: "scenario.yaml"))])
        }
        gaps = SlotGap.all(slots)
        let slotNumber = Dictionary(slots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Sites: every organisation that has students, teachers or rooms.
        var siteOrg: [Int] = []
        var siteOf: [Int: Int] = [:]
        func site(_ id: String) throws -> Int {
            guard let org = scenario.organisationIndex[id] else {
                throw ScenarioError([.error(ru: "неизвестная организация '\(id)'", en: "unknown organisation '\(id)'", at: SourceLocation(file: "schools.csv"))])
            }
            if let s = siteOf[org] { return s }
            siteOf[org] = siteOrg.count
            siteOrg.append(org)
            return siteOrg.count - 1
        }
        let courseNumber = Dictionary(scenario.courses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        var rooms: [RoomInfo] = []
        for r in scenario.rooms {
            rooms.append(RoomInfo(site: try site(r.site), capacity: r.capacity, kind: r.kind))
        }
        var teachers: [TeacherInfo] = []
        for t in scenario.teachers {
            var mask: UInt64 = 0
            if let ids = t.slots {
                for id in ids { if let n = slotNumber[id] { mask |= 1 << UInt64(n) } }
            } else {
                mask = slotCount == 64 ? ~0 : (1 << UInt64(slotCount)) - 1
            }
            teachers.append(TeacherInfo(
                site: try site(t.site),
                courses: Set(t.courses.compactMap { courseNumber[$0] }),
                maxSections: min(TeacherRule.maxSections(t.maxSections, slotCount: slotCount), slotCount),
                slotMask: mask, travels: t.travels))
        }
        var students: [StudentInfo] = []
        students.reserveCapacity(scenario.students.count)
        for s in scenario.students {
            students.append(StudentInfo(
                school: try site(s.school),
                wants: min(StudentRule.wants(s, settings), slotCount),
                choices: s.choices.compactMap { courseNumber[$0] }))
        }
        var courses: [CourseInfo] = []
        for c in scenario.courses {
            let allowed: Set<Int>? = c.sites.isEmpty ? nil : Set(try c.sites.map { try site($0) })
            courses.append(CourseInfo(
                minSize: SizeRule.minSize(c, settings),
                maxSize: SizeRule.maxSize(c, settings),
                roomKind: c.roomKind, anyRoom: c.roomKind == Course.anyRoomKind,
                remote: c.remote, allowedSites: allowed))
        }

        siteCount = siteOrg.count
        var matrix = [Double](repeating: .infinity, count: siteCount * siteCount)
        for a in 0..<siteCount {
            for b in 0..<siteCount {
                matrix[a * siteCount + b] = scenario.travel.minutes(siteOrg[a], siteOrg[b]) ?? .infinity
            }
        }
        travel = matrix
        siteOrganisation = siteOrg
        siteOfOrganisation = siteOf
        self.rooms = rooms
        self.teachers = teachers
        self.students = students
        self.courses = courses

        var atSite = [[Int]](repeating: [], count: siteCount)
        for (i, r) in rooms.enumerated() { atSite[r.site].append(i) }
        roomsAtSite = atSite
        var choosers = [[(student: Int, rank: Int)]](repeating: [], count: courses.count)
        for (i, s) in students.enumerated() {
            for (r, c) in s.choices.enumerated() { choosers[c].append((i, r)) }
        }
        self.choosers = choosers
        var byCourse = [[Int]](repeating: [], count: courses.count)
        for (i, t) in teachers.enumerated() { for c in t.courses.sorted() { byCourse[c].append(i) } }
        teachersOfCourse = byCourse
        rankValues = settings.weights.rank
        travelMinute = settings.weights.travelMinute
        sectionCost = settings.weights.section
        maxTrip = settings.maxTripMinutes
        pins = try PinInfo.compile(self)
    }

    /// Travel minutes between two compact sites (`.infinity` when the scenario cannot say).
    @inline(__always) func minutes(_ a: Int, _ b: Int) -> Double { travel[a * siteCount + b] }

    /// The compact site of a section's place, nil for remote (-1): what the rules take.
    @inline(__always) static func place(_ site: Int) -> Int? { site < 0 ? nil : site }

    /// H4 trip limit: whether a student of `school` may go to `site` (-1 remote: always).
    @inline(__always) func withinTrip(from school: Int, to site: Int) -> Bool {
        site < 0 || StudentRule.withinTrip(minutes: minutes(school, site), limit: maxTrip)
    }

    /// H1/H4 travel between consecutive slots: a person at site `a` in slot `t` can be at site `b`
    /// in slot `t + 1` (`ConsecutiveTravel`, with the break after slot `t`).
    @inline(__always) func travelFits(from a: Int, to b: Int, afterSlot t: Int) -> Bool {
        ConsecutiveTravel.fits(minutes: minutes(a, b), gap: gaps[t])
    }

    @inline(__always) func rankValue(_ rank: Int) -> Double {
        rankValues.isEmpty ? 0 : rankValues[min(rank, rankValues.count - 1)]
    }

    /// Whether `room` can host `course` (H2: kind and allowed site).
    func roomFits(_ room: Int, course: Int) -> Bool {
        let c = courses[course], r = rooms[room]
        return RoomRule.siteAllowed(r.site, allowed: c.allowedSites) && RoomRule.kindFits(roomKind: r.kind, courseKind: c.roomKind)
    }

    /// Value of one enrolment: the choice's rank value less the travel cost from the student's school.
    /// `site == -1` is remote (no travel). This is the spec's objective term, without anchors.
    @inline(__always) func enrolmentValue(student: Int, rank: Int, site: Int) -> Double {
        site < 0 ? rankValue(rank) : rankValue(rank) - travelMinute * minutes(students[student].school, site)
    }

    /// What the search maximises for one enrolment in slot `slot`: its value, plus the anchors'
    /// bonus when the published timetable had the student in this course at this place and slot.
    @inline(__always) func searchValue(student: Int, rank: Int, site: Int, slot: Int) -> Double {
        let v = enrolmentValue(student: student, rank: rank, site: site)
        guard let anchors, rank < students[student].choices.count else { return v }
        return v + anchors.studentBonus(student, course: students[student].choices[rank], site: site, slot: slot)
    }

    /// What opening a section costs the search: the section weight, less the anchors' bonus when
    /// the published timetable had this teacher teach this course at this place and slot.
    @inline(__always) func openCost(teacher: Int, course: Int, site: Int, slot: Int) -> Double {
        guard let anchors else { return sectionCost }
        return sectionCost - anchors.teacherBonus(teacher, course: course, site: site, slot: slot)
    }
}

/// How much stable re-planning values not moving a person.
public enum StabilityWeight {
    /// What keeping one published enrolment or section is worth to stable re-planning: twice the
    /// largest value an enrolment can have (rank value plus the travel a trip may cost) plus a
    /// section's weight. Moving a person therefore pays only when it serves more than about
    /// two first choices elsewhere.
    public static func moveCost(_ settings: ProfileDaySettings) -> Double {
        let travel = settings.maxTripMinutes.isFinite ? max(0, settings.maxTripMinutes) : 0
        let best = (settings.weights.rank.max() ?? 0) + settings.weights.travelMinute * travel
        return max(1, 2 * best + settings.weights.section)
    }
}

/// A published timetable as bonuses for stable re-planning: "as few students and teachers moved
/// as possible, then the objective".
///
/// Each enrolment the published timetable had (same student, course, place, slot) is worth
/// `keepStudent` more than its value, and each section it had (same teacher, course, place,
/// slot) costs `keepTeacher` less. Both bonuses are the same and exceed any one enrolment's
/// value, so the search keeps a published enrolment or section unless that lets more of them be
/// kept elsewhere (a student and a teacher count alike); among plans that keep the same, the
/// objective decides.
struct Anchors: Sendable {
    /// Published (course, place, slot) keys of each student; of each teacher.
    var students: [[Int]]
    var teachers: [[Int]]
    let keepStudent: Double
    let keepTeacher: Double
    let siteCount: Int
    let slotCount: Int

    @inline(__always) func key(course: Int, site: Int, slot: Int) -> Int {
        (course * (siteCount + 1) + site + 1) * slotCount + slot
    }

    @inline(__always) func studentBonus(_ s: Int, course: Int, site: Int, slot: Int) -> Double {
        let list = students[s]
        if list.isEmpty { return 0 }
        return list.contains(key(course: course, site: site, slot: slot)) ? keepStudent : 0
    }

    @inline(__always) func teacherBonus(_ q: Int, course: Int, site: Int, slot: Int) -> Double {
        let list = teachers[q]
        if list.isEmpty { return 0 }
        return list.contains(key(course: course, site: site, slot: slot)) ? keepTeacher : 0
    }

    /// The anchors of `published` in `p`'s numbering; sections or enrolments naming anything the
    /// scenario no longer has are skipped (they cannot be kept).
    init(_ published: Timetable, in p: ProblemIndex) {
        siteCount = p.siteCount
        slotCount = p.slotCount
        students = Array(repeating: [], count: p.students.count)
        teachers = Array(repeating: [], count: p.teachers.count)
        keepStudent = StabilityWeight.moveCost(p.settings)
        keepTeacher = keepStudent
        let ids = TimetableNumbering(p)
        var sectionKey = [String: Int]()
        for sec in published.sections {
            guard let c = ids.course[sec.course], let q = ids.teacher[sec.teacher], let t = ids.slot[sec.slot],
                  let site = ids.place(sec.site) else { continue }
            let k = key(course: c, site: site, slot: t)
            sectionKey[sec.id] = k
            teachers[q].append(k)
        }
        for e in published.enrolments {
            guard let s = ids.student[e.student], let k = sectionKey[e.section] else { continue }
            students[s].append(k)
        }
    }
}

struct RoomKey: Hashable {
    var site: Int
    var id: String
}

/// Ids of a `Timetable` to the scheduler's numbers (positions in the scenario's tables; compact
/// sites; -1 for a remote section's place).
struct TimetableNumbering {
    var course: [String: Int] = [:]
    var teacher: [String: Int] = [:]
    /// Rooms by compact site and id (a room id is unique within its site only).
    var room: [RoomKey: Int] = [:]
    var slot: [String: Int] = [:]
    var student: [String: Int] = [:]
    var site: [String: Int] = [:]

    init(_ p: ProblemIndex) {
        let sc = p.scenario
        for (i, x) in sc.courses.enumerated() where course[x.id] == nil { course[x.id] = i }
        for (i, x) in sc.teachers.enumerated() where teacher[x.id] == nil { teacher[x.id] = i }
        for (i, x) in p.rooms.enumerated() { room[RoomKey(site: x.site, id: sc.rooms[i].id)] = i }
        for (i, x) in sc.students.enumerated() where student[x.id] == nil { student[x.id] = i }
        for (i, x) in (sc.profileDay?.slots ?? []).enumerated() where slot[x.id] == nil { slot[x.id] = i }
        for (compact, org) in p.siteOrganisation.enumerated() { site[sc.organisations[org].id] = compact }
    }

    /// The compact site of a section's `site` column (nil or empty = remote, -1); nil when unknown.
    func place(_ id: String?) -> Int? {
        guard let id, !id.isEmpty else { return -1 }
        return site[id]
    }
}
