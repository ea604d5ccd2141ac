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
    /// gap[t] = start of slot t+1 minus end of slot t, in minutes.
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

    init(_ scenario: Scenario) throws {
        guard let settings = scenario.profileDay, !settings.slots.isEmpty else {
            throw ScenarioError([.error("the scenario has no profile_day.slots: nothing to schedule",
                                        at: SourceLocation(file: "scenario.yaml"))])
        }
        self.scenario = scenario
        self.settings = settings
        let slots = settings.slots
        slotCount = slots.count
        guard slotCount <= 64 else {
            throw ScenarioError([.error("at most 64 slots are supported, found \(slotCount)",
                                        at: SourceLocation(file: "scenario.yaml"))])
        }
        gaps = (0..<max(0, slotCount - 1)).map { Double(slots[$0 + 1].start.minutes - slots[$0].end.minutes) }
        let slotNumber = Dictionary(slots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Sites: every organisation that has students, teachers or rooms.
        var siteOrg: [Int] = []
        var siteOf: [Int: Int] = [:]
        func site(_ id: String) throws -> Int {
            guard let org = scenario.organisationIndex[id] else {
                throw ScenarioError([.error("unknown organisation '\(id)'", at: SourceLocation(file: "schools.csv"))])
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
                maxSections: min(t.maxSections ?? slotCount, slotCount),
                slotMask: mask, travels: t.travels))
        }
        var students: [StudentInfo] = []
        students.reserveCapacity(scenario.students.count)
        for s in scenario.students {
            students.append(StudentInfo(
                school: try site(s.school),
                wants: min(s.wants ?? settings.coursesPerStudent, slotCount),
                choices: s.choices.compactMap { courseNumber[$0] }))
        }
        var courses: [CourseInfo] = []
        for c in scenario.courses {
            let allowed: Set<Int>? = c.sites.isEmpty ? nil : Set(try c.sites.map { try site($0) })
            courses.append(CourseInfo(
                minSize: c.minSize ?? settings.minSectionSize,
                maxSize: c.maxSize ?? settings.maxSectionSize,
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
    }

    @inline(__always) func minutes(_ a: Int, _ b: Int) -> Double { travel[a * siteCount + b] }

    @inline(__always) func rankValue(_ rank: Int) -> Double {
        rankValues.isEmpty ? 0 : rankValues[min(rank, rankValues.count - 1)]
    }

    /// Whether `room` can host `course` (H2: kind and allowed site).
    func roomFits(_ room: Int, course: Int) -> Bool {
        let c = courses[course], r = rooms[room]
        if let allowed = c.allowedSites, !allowed.contains(r.site) { return false }
        return c.anyRoom || r.kind == c.roomKind
    }

    /// Value of one enrolment: the choice's rank value less the travel cost from the student's school.
    /// `site == -1` is remote (no travel).
    @inline(__always) func enrolmentValue(student: Int, rank: Int, site: Int) -> Double {
        site < 0 ? rankValue(rank) : rankValue(rank) - travelMinute * minutes(students[student].school, site)
    }
}
