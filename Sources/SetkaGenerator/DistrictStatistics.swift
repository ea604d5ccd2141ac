import SetkaModel

/// Sizes and tightness of a scenario, for the `setka generate` summary and for checking that a
/// generated district is neither trivial nor hopeless.
public struct DistrictStatistics: Sendable, Hashable {
    public var organisations: Int
    public var schools: Int
    public var lowResultSchools: Int
    public var seniors: Int
    public var courses: Int
    public var remoteCourses: Int
    public var teachers: Int
    public var rooms: Int
    /// Rooms of a kind other than `classroom`.
    public var specialRooms: Int
    public var slots: Int
    /// Σ over courses of ⌈(students with it among their first `wants` choices) / max size⌉:
    /// the sections needed if everyone got their top choices.
    public var topChoiceSections: Int
    /// Σ over teachers of the sections they can give: min(max_sections, free slots).
    public var teacherSections: Int

    /// `teacherSections / topChoiceSections` (0 when nothing is needed).
    public var capacityRatio: Double {
        topChoiceSections == 0 ? 0 : Double(teacherSections) / Double(topChoiceSections)
    }

    public init(_ s: Scenario) {
        organisations = s.organisations.count
        schools = s.organisations.filter { $0.kind == .school }.count
        lowResultSchools = s.organisations.filter { $0.kind == .school && $0.lowResults }.count
        seniors = s.students.count
        courses = s.courses.count
        remoteCourses = s.courses.filter(\.remote).count
        teachers = s.teachers.count
        rooms = s.rooms.count
        specialRooms = s.rooms.filter { $0.kind != "classroom" }.count
        let slotCount = s.profileDay?.slots.count ?? 0
        slots = slotCount
        let perStudent = s.profileDay?.coursesPerStudent ?? 2
        let defaultMax = s.profileDay?.maxSectionSize ?? 25
        var demand: [String: Int] = [:]
        for st in s.students {
            for c in st.choices.prefix(st.wants ?? perStudent) { demand[c, default: 0] += 1 }
        }
        topChoiceSections = s.courses.reduce(0) { sum, c in
            let size = max(1, c.maxSize ?? defaultMax)
            return sum + (demand[c.id, default: 0] + size - 1) / size
        }
        teacherSections = s.teachers.reduce(0) { sum, t in
            sum + min(t.maxSections ?? slotCount, t.slots?.count ?? slotCount)
        }
    }

    /// One line for people: `17 organisations (15 schools, 2 ШНОР), 600 seniors, ...`.
    public var summary: String {
        var parts = ["\(organisations) organisations (\(schools) schools, \(lowResultSchools) low-results)"]
        if slots > 0 {
            parts.append("\(seniors) seniors")
            parts.append("\(courses) courses (\(remoteCourses) remote-capable)")
            parts.append("\(teachers) teachers")
            parts.append("\(rooms) rooms (\(specialRooms) labs/special)")
            parts.append("\(slots) slots")
            parts.append("teacher-sections \(teacherSections) = \(Self.twoDecimals(capacityRatio))× the \(topChoiceSections) top choices need")
        }
        return parts.joined(separator: ", ")
    }

    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
