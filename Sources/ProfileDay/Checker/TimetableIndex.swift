import SetkaModel

/// A timetable resolved against its scenario once: every id looked up in a dictionary a single
/// time, so that the rule checks and the objective run in time linear in the timetable's size.
///
/// Sections are referred to by their position in `timetable.sections`, students by their
/// position in `scenario.students`, and so on. Anything that cannot be resolved is `nil` and is
/// reported by `ProfileDayChecker.checkStructure`.
struct TimetableIndex {
    struct RoomKey: Hashable { var site: String; var room: String }
    struct EnrolmentKey: Hashable { var student: String; var section: Int }

    let scenario: Scenario
    let timetable: Timetable
    /// The scenario's profile-day settings (defaults when it has none).
    let settings: ProfileDaySettings
    let hasProfileDay: Bool

    let slotIndex: [String: Int]
    let courseIndex: [String: Int]
    let teacherIndex: [String: Int]
    let studentIndex: [String: Int]
    let roomIndex: [RoomKey: Int]
    /// Every site that has a room of the given id (to tell "not at this site" from "unknown").
    let roomSites: [String: [String]]

    /// Organisation index of each student's school (nil when the school is unknown).
    let studentSchool: [Int?]
    /// Organisation index of each teacher's own site.
    let teacherSite: [Int?]

    /// Position of the first section with each id.
    private(set) var sectionByID: [String: Int] = [:]
    /// Positions of sections whose id repeats an earlier section's.
    private(set) var duplicateSections: [Int] = []
    private(set) var sectionSlot: [Int?] = []
    private(set) var sectionCourse: [Int?] = []
    private(set) var sectionTeacher: [Int?] = []
    /// Organisation index of the section's site; nil when remote or unknown.
    private(set) var sectionSite: [Int?] = []
    /// Index into `scenario.rooms`; nil when remote, missing or unknown.
    private(set) var sectionRoom: [Int?] = []
    /// Distinct students enrolled, known or not.
    private(set) var headcount: [Int] = []
    /// Known students enrolled, as positions in `scenario.students`.
    private(set) var sectionMembers: [[Int]] = []
    /// Sections of each known student, in the order of `enrolments.csv`.
    private(set) var studentSections: [[Int]] = []
    /// Sections of each teacher of the scenario.
    private(set) var teacherSections: [[Int]] = []

    /// Positions in `timetable.enrolments` of rows naming an unknown section.
    private(set) var enrolmentsInUnknownSections: [Int] = []
    /// Positions in `timetable.enrolments` of rows repeating an earlier (student, section).
    private(set) var duplicateEnrolments: [Int] = []
    /// Positions in `timetable.enrolments` of rows naming a student the scenario lacks.
    private(set) var enrolmentsOfUnknownStudents: [Int] = []

    init(_ timetable: Timetable, in scenario: Scenario) {
        self.scenario = scenario
        self.timetable = timetable
        hasProfileDay = scenario.profileDay != nil
        settings = scenario.profileDay ?? ProfileDaySettings()

        slotIndex = Self.firstIndex(settings.slots.map(\.id))
        courseIndex = Self.firstIndex(scenario.courses.map(\.id))
        teacherIndex = Self.firstIndex(scenario.teachers.map(\.id))
        studentIndex = Self.firstIndex(scenario.students.map(\.id))
        var rooms: [RoomKey: Int] = [:]
        rooms.reserveCapacity(scenario.rooms.count)
        var roomSites: [String: [String]] = [:]
        for (i, r) in scenario.rooms.enumerated() {
            let key = RoomKey(site: r.site, room: r.id)
            if rooms[key] == nil { rooms[key] = i }
            roomSites[r.id, default: []].append(r.site)
        }
        roomIndex = rooms
        self.roomSites = roomSites
        let orgs = scenario.organisationIndex
        studentSchool = scenario.students.map { orgs[$0.school] }
        teacherSite = scenario.teachers.map { orgs[$0.site] }

        let n = timetable.sections.count
        sectionByID.reserveCapacity(n)
        sectionSlot.reserveCapacity(n); sectionCourse.reserveCapacity(n)
        sectionTeacher.reserveCapacity(n); sectionSite.reserveCapacity(n); sectionRoom.reserveCapacity(n)
        teacherSections = Array(repeating: [], count: scenario.teachers.count)
        for (k, s) in timetable.sections.enumerated() {
            if sectionByID[s.id] == nil { sectionByID[s.id] = k } else { duplicateSections.append(k) }
            sectionSlot.append(slotIndex[s.slot])
            sectionCourse.append(courseIndex[s.course])
            let t = teacherIndex[s.teacher]
            sectionTeacher.append(t)
            if let t { teacherSections[t].append(k) }
            let site = s.site.flatMap { orgs[$0] }
            sectionSite.append(site)
            if let siteID = s.site, let roomID = s.room {
                sectionRoom.append(rooms[RoomKey(site: siteID, room: roomID)])
            } else {
                sectionRoom.append(nil)
            }
        }

        headcount = Array(repeating: 0, count: n)
        sectionMembers = Array(repeating: [], count: n)
        studentSections = Array(repeating: [], count: scenario.students.count)
        // Known students are keyed by position (cheap to hash); unknown ones by id.
        var seen = Set<Int64>()
        seen.reserveCapacity(timetable.enrolments.count)
        var seenUnknown = Set<EnrolmentKey>()
        for (e, enrolment) in timetable.enrolments.enumerated() {
            guard let k = sectionByID[enrolment.section] else {
                enrolmentsInUnknownSections.append(e); continue
            }
            if let st = studentIndex[enrolment.student] {
                guard seen.insert(Int64(st) << 32 | Int64(k)).inserted else {
                    duplicateEnrolments.append(e); continue
                }
                headcount[k] += 1
                studentSections[st].append(k)
                sectionMembers[k].append(st)
            } else {
                guard seenUnknown.insert(EnrolmentKey(student: enrolment.student, section: k)).inserted else {
                    duplicateEnrolments.append(e); continue
                }
                headcount[k] += 1
                enrolmentsOfUnknownStudents.append(e)
            }
        }
    }

    private static func firstIndex(_ ids: [String]) -> [String: Int] {
        var d: [String: Int] = [:]
        d.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() where d[id] == nil { d[id] = i }
        return d
    }

    // MARK: - Derived values

    var slots: [Slot] { settings.slots }

    /// The course's `min_size`, defaulting to `profile_day.min_section_size`.
    func minSize(ofCourse c: Int?) -> Int {
        SizeRule.minSize(c.map { scenario.courses[$0] }, settings)
    }

    /// The course's `max_size`, defaulting to `profile_day.max_section_size`.
    func maxSize(ofCourse c: Int?) -> Int {
        SizeRule.maxSize(c.map { scenario.courses[$0] }, settings)
    }

    /// Minutes between the end of slot `i` and the start of slot `i + 1` (`SlotGap`).
    func gap(after i: Int) -> Double {
        SlotGap.minutes(after: slots[i], before: slots[i + 1])
    }

    /// Travel minutes between two organisations by index; nil when unknown.
    func minutes(_ a: Int?, _ b: Int?) -> Double? {
        guard let a, let b else { return nil }
        return scenario.travel.minutes(a, b)
    }

    /// Id of an organisation by index.
    func orgID(_ i: Int) -> String { scenario.organisations[i].id }
}
