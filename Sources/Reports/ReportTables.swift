import Foundation
import ProfileDay
import SetkaModel

/// The report's tables, built once from a ``ReportInput`` and shown both in HTML and in the
/// workbook. Each table has one builder function below.
public struct ReportContent: Sendable {
    public let input: ReportInput
    public let words: Words
    /// nil without a timetable.
    public let day: DayPlan?
    /// The independent checker's report on the timetable (nil without a timetable or a profile day).
    public let check: CheckReport?
    /// The objective and figures recomputed from the timetable (the checker's evaluation).
    public var objective: ProfileDayObjective? { check?.objective }
    /// Hard-rule violations of the timetable (0 for what `setka schedule` writes).
    public var violations: Int? { check?.violations.count }

    /// Sections that meet a pin (H6): marked in the grids.
    let pinned: Set<String>

    public init(_ input: ReportInput) {
        self.input = input
        let s = input.scenario
        words = Words(input.language, names: Names(s))
        pinned = input.timetable.map { PinRule.pinnedSections(s.pins, in: $0) } ?? []
        day = input.timetable.map { DayPlan(scenario: s, timetable: $0) }
        check = s.profileDay == nil ? nil : input.timetable.map { ProfileDayChecker.check($0, in: s) }
    }

    // MARK: - names

    func org(_ id: String) -> String { words.names.organisation(id) }
    public func course(_ id: String) -> String { words.names.course(id) }
    public func teacher(_ id: String) -> String { words.names.teacher(id) }
    /// A site for people: the organisation's name, "remote" for nil.
    public func site(_ id: String?) -> String { id.map(org) ?? words[.remote] }

    /// "Course — Site, room 12" (or "Course — remote").
    /// `short` names the site by what stands inside «...» (for dense tables).
    func place(of s: Section, short: Bool = false) -> String {
        guard let site = s.site else { return "\(course(s.course)) — \(words[.remoteRoom])" }
        let room = s.room.map { ", \(words[.room].lowercased()) \($0)" } ?? ""
        return "\(course(s.course)) — \(short ? MapSVG.shortName(org(site)) : org(site))\(room)"
    }

    /// ` · закреплено` after a pinned section (H6), else nothing.
    func pinMark(_ s: Section) -> String { pinned.contains(s.id) ? " · \(words[.pinned])" : "" }

    /// Every table of the report, in the order of the HTML report and the workbook's sheets.
    public var tables: [ReportTable] {
        var out = [figuresTable()]
        if input.partners != nil { out.append(partnersTable()) }
        if day != nil {
            out += [sitesTable(), schoolsTable(), busTable(), teachersTable(), groupListsTable(), studentsTable(),
                    notOpenedTable(), shortTable()]
        }
        return out
    }

    // MARK: - key figures

    /// Key figures of both the profile day and the partner assignment.
    public func figuresTable() -> ReportTable {
        var rows: [[ReportCell]] = []
        func add(_ label: String, _ value: ReportCell) { rows.append([.text(label), value]) }
        // No-break spaces: an indent that HTML keeps and Excel shows.
        let indent = "\u{00A0}\u{00A0}\u{00A0}"
        add(words[.scenario], .text(input.scenario.name))
        let both = objective != nil && input.partners != nil
        var headings: Set<Int> = []
        if let o = objective {
            if both { headings.insert(rows.count); add(words[.profileDay], .empty) }
            let run = input.scheduleRun
            if let status = run?.status { add(words[.statusSchedule], .text(words.status(status))) }
            add(words[.objective], .number(o.value, digits: 1))
            if let bound = run?.bound { add(words[.bound], .number(bound, digits: 1)) }
            if let gap = run?.gap { add(words[.gap], .number(gap * 100, digits: 2)) }
            add(words[.studentsTotal], .integer(input.scenario.students.count))
            add(indent + words[.fullyServed], .integer(o.studentsFullyServed))
            add(indent + words[.partlyServed], .integer(o.studentsPartlyServed))
            add(indent + words[.notServed], .integer(o.studentsNotServed))
            add(words[.enrolments], .integer(o.enrolments))
            for (i, n) in o.enrolmentsByRank.enumerated() { add(indent + words.enrolmentsByChoice(i + 1), .integer(n)) }
            add(words[.sectionsOpened], .integer(o.sections))
            add(indent + words[.remoteSections], .integer(o.remoteSections))
            add(words[.teachersTeaching], .integer(o.teachersTeaching))
            add(words[.travelMean], .number(o.meanTravelMinutes, digits: 1))
            add(words[.travelMax], .number(o.maxTravelMinutes, digits: 1))
            add(words[.coursesNotOpened], .integer(notOpened.count))
            add(words[.studentsShort], .integer(short.count))
            if let v = violations {
                if v == 0 { add(words[.rulesKept], .empty) } else { add(words[.rulesCheck], .integer(v)) }
            }
        }
        if let partners = input.partners {
            if both { headings.insert(rows.count); add(words[.partnering], .empty) }
            if let status = input.partnerRun?.status { add(words[.statusPartners], .text(words.status(status))) }
            let pairs = partners.filter { $0.provider != nil }
            add(words[.pairs], .integer(pairs.count))
            add(words[.recipientsWithout], .integer(Set(partners.filter { $0.provider == nil }.map { "\($0.rule)\u{1}\($0.recipient)" }).count))
            add(words[.totalGain], .number(pairs.reduce(0) { $0 + ($1.gain ?? 0) }, digits: 1))
            add(words[.totalTravel], .number(pairs.reduce(0) { $0 + ($1.minutes ?? 0) }, digits: 1))
            if let objective = input.partnerRun?.objective { add(words[.objective], .number(objective, digits: 1)) }
        }
        return ReportTable(key: "figures", title: words[.figuresSheet], columns: [words[.figure], words[.value]], rows: rows,
                           headingRows: headings)
    }

    // MARK: - partners

    /// Subjects of the `gain:<subject>` columns, in first-seen order.
    var partnerSubjects: [String] {
        var seen = Set<String>(), out: [String] = []
        for r in input.partners ?? [] { for g in r.subjectGains where seen.insert(g.subject).inserted { out.append(g.subject) } }
        return out
    }

    /// The partner table in the form of an order's appendix: numbered within each rule.
    public func partnersTable() -> ReportTable {
        let subjects = partnerSubjects
        var rows: [[ReportCell]] = []
        var numberInRule: [String: Int] = [:]
        for r in input.partners ?? [] {
            var row: [ReportCell] = [.text(r.rule)]
            if let provider = r.provider {
                numberInRule[r.rule, default: 0] += 1
                row += [.integer(numberInRule[r.rule]!), .text(org(r.recipient)), .text(org(provider)),
                        r.minutes.map { .number($0, digits: 0) } ?? .empty,
                        r.gain.map { .number($0, digits: 1) } ?? .empty]
            } else {
                row += [.empty, .text(org(r.recipient)), .text(words[.noPartner]), .empty, .empty]
            }
            let gains = Dictionary(r.subjectGains.map { ($0.subject, $0.gain) }, uniquingKeysWith: { a, _ in a })
            row += subjects.map { s in (gains[s] ?? nil).map { .number($0, digits: 1) } ?? .empty }
            row += [r.fixed.map { .text(words[$0 ? .yes : .no]) } ?? .empty, .text(r.note), .text(r.recipient), .text(r.provider ?? "")]
            rows.append(row)
        }
        let columns = [words[.rule], words[.number], words[.recipient], words[.provider], words[.travelMinutes], words[.gain]]
            + subjects.map(words.gainIn) + [words[.fixed], words[.note], words[.recipientID], words[.providerID]]
        return ReportTable(key: "partners", title: words[.partnersSheet], columns: columns, rows: rows, groupColumn: 0)
    }

    // MARK: - profile day

    var slots: [Slot] { day?.slots ?? [] }

    /// Sites that hold at least one section, in scenario order, then unknown ids, then remote (nil).
    var sitesInUse: [String?] {
        guard let day else { return [] }
        let used = Set(day.sectionsByID.values.map(\.site))
        var out: [String?] = input.scenario.organisations.map(\.id).filter { used.contains($0) }
        let known = Set(out.compactMap { $0 })
        out += used.compactMap { $0 }.filter { !known.contains($0) }.sorted()
        if used.contains(nil) { out.append(nil) }
        return out
    }

    /// One section of a site's grid: the section, its number of students, whether it meets a pin.
    public struct GridSection: Sendable, Hashable {
        public var section: Section
        /// The course's title and the teacher's name, as the grid shows them.
        public var course: String
        public var teacher: String
        public var students: Int
        public var pinned: Bool
    }

    /// The sections of the grid per site (`sitesTable`), by the grid's group name (`site(_:)`),
    /// each site's in id order: what the browser lists under a site's grid to pin.
    public func sectionsBySite() -> [String: [GridSection]] {
        guard let day else { return [:] }
        var out: [String: [GridSection]] = [:]
        for s in day.sectionsByID.values.sorted(by: { $0.id < $1.id }) {
            out[site(s.site), default: []].append(GridSection(section: s, course: course(s.course), teacher: teacher(s.teacher),
                                                              students: day.studentsIn[s.id]?.count ?? 0,
                                                              pinned: pinned.contains(s.id)))
        }
        return out
    }

    /// The grid per site: one row per room (per teacher for remote sections), one column per
    /// slot; a cell says course, teacher and number of students.
    public func sitesTable() -> ReportTable {
        guard let day else { return ReportTable(key: "sites", title: words[.sitesSheet], columns: [], rows: []) }
        var slotIndex: [String: Int] = [:]
        for (i, s) in slots.enumerated() where slotIndex[s.id] == nil { slotIndex[s.id] = i }
        var rows: [[ReportCell]] = []
        let sections = day.sectionsByID.values.sorted { $0.id < $1.id }
        for site in sitesInUse {
            let here = sections.filter { $0.site == site }
            // Row keys: the site's rooms in scenario order, then rooms only the timetable names.
            var keys: [String] = []
            if let site {
                keys = input.scenario.rooms.filter { $0.site == site }.map(\.id)
                let roomSet = Set(keys)
                keys += Set(here.compactMap(\.room)).filter { !roomSet.contains($0) }.sorted()
                keys = keys.filter { key in here.contains { $0.room == key } }
                if here.contains(where: { $0.room == nil }) { keys.append("") }
            } else {
                keys = Array(Set(here.map(\.teacher))).sorted { teacher($0) < teacher($1) }
            }
            for key in keys {
                var cells = Array(repeating: [String](), count: slots.count)
                for s in here where (site == nil ? s.teacher == key : (s.room ?? "") == key) {
                    guard let t = slotIndex[s.slot] else { continue }
                    let n = day.studentsIn[s.id]?.count ?? 0
                    cells[t].append("\(course(s.course)) / \(teacher(s.teacher)) / \(words.studentsCount(n))" + pinMark(s))
                }
                let label = site == nil ? words[.remoteRoom] : (key.isEmpty ? "—" : key)
                rows.append([.text(self.site(site)), .text(label)]
                            + cells.map { $0.isEmpty ? .empty : .text($0.joined(separator: "\n")) })
            }
        }
        return ReportTable(key: "sites", title: words[.sitesSheet],
                           columns: [words[.site], words[.room]] + slots.map(words.slotHeading), rows: rows, groupColumn: 0)
    }

    /// Schools with students, in scenario order.
    var schoolsWithStudents: [(id: String, students: [String])] {
        var by: [String: [String]] = [:]
        for s in input.scenario.students { by[s.school, default: []].append(s.id) }
        var out: [(String, [String])] = input.scenario.organisations.compactMap { o in by[o.id].map { (o.id, $0) } }
        let known = Set(input.scenario.organisations.map(\.id))
        out += by.keys.filter { !known.contains($0) }.sorted().map { ($0, by[$0]!) }
        return out
    }

    /// Per school: where each of its students is in each slot.
    public func schoolsTable() -> ReportTable {
        var rows: [[ReportCell]] = []
        if let day {
            for (school, students) in schoolsWithStudents {
                for student in students {
                    let sections = day.sectionsOf[student] ?? []
                    let places = day.placesOf[student] ?? []
                    var cells: [ReportCell] = []
                    for t in slots.indices {
                        if t < sections.count, let s = sections[t] { cells.append(.text(place(of: s, short: true))) }
                        else if t < places.count {
                            // A free slot: just "free" at the own school, else where the student waits.
                            cells.append(.text(places[t] == school ? words[.freeSlot] : words.free(at: MapSVG.shortName(org(places[t])))))
                        }
                        else { cells.append(.empty) }
                    }
                    rows.append([.text(org(school)), .text(student)] + cells + [.integer(sections.compactMap { $0 }.count)])
                }
            }
        }
        return ReportTable(key: "schools", title: words[.schoolsSheet],
                           columns: [words[.school], words[.student]] + slots.map(words.slotHeading) + [words[.electives]],
                           rows: rows, groupColumn: 0)
    }

    /// When leg `leg` of the bus plan runs, in words.
    func legName(_ leg: Int) -> String {
        if leg == 0 { return words.morning(slots[0]) }
        if leg == slots.count { return words.home(slots[slots.count - 1]) }
        return words.change(slots[leg - 1], slots[leg])
    }

    /// The bus plan: per school and leg, how many students go from where to where.
    public func busTable() -> ReportTable {
        var rows: [[ReportCell]] = []
        if let day {
            for (school, students) in schoolsWithStudents {
                for trip in day.trips(school: school, students: students) {
                    let minutes = input.scenario.minutes(from: trip.from, to: trip.to)
                    rows.append([.text(org(school)), .text(legName(trip.leg)), .text(org(trip.from)), .text(org(trip.to)),
                                 .integer(trip.students.count), minutes.map { .number($0, digits: 0) } ?? .empty,
                                 .text(trip.students.joined(separator: ", "))])
                }
            }
        }
        return ReportTable(key: "bus", title: words[.busSheet],
                           columns: [words[.school], words[.busWhen], words[.busFrom], words[.busTo], words[.busStudents],
                                     words[.busMinutes], words[.busWho]],
                           rows: rows, groupColumn: 0)
    }

    /// The column of `teachersTable` with the organisation each teacher works at.
    public static let teacherWorkplaceColumn = 2

    /// Teachers who teach at least one section: where they are in each slot (their
    /// workplace in `teacherWorkplaceColumn`).
    public func teachersTable() -> ReportTable {
        var rows: [[ReportCell]] = []
        if let day {
            for (teacherID, sections) in teacherSections {
                var cells = Array(repeating: [String](), count: slots.count)
                for s in sections {
                    guard let t = slots.firstIndex(where: { $0.id == s.slot }) else { continue }
                    cells[t].append("\(place(of: s)) / \(words.studentsCount(day.studentsIn[s.id]?.count ?? 0))" + pinMark(s))
                }
                let home = input.scenario.teachers.first { $0.id == teacherID }?.site
                rows.append([.text(teacherID), .text(teacher(teacherID)), .text(home.map(org) ?? "")]
                            + cells.map { $0.isEmpty ? .empty : .text($0.joined(separator: "\n")) } + [.integer(sections.count)])
            }
        }
        return ReportTable(key: "teachers", title: words[.teachersSheet],
                           columns: [words[.teacher], words[.teacherName], words[.worksAt]] + slots.map(words.slotHeading) + [words[.sections]],
                           rows: rows)
    }

    /// The column of `teacherDaysTable` and `groupListsTable` with the teacher's id (their group
    /// column); the name and, in the first, the workplace follow it.
    public static let teacherIDColumn = 0
    /// The first column of `teacherDaysTable` about the section (before it: the teacher).
    public static let teacherDaySectionColumns = 3
    /// The columns of `groupListsTable`: the section's (one group list per `section`), then from
    /// `firstStudentColumn` on the student's (their number in the list, id, school, grade, choice).
    public enum GroupListColumn {
        public static let teacherName = 1, slot = 2, section = 3, course = 4, site = 5, room = 6
        public static let firstStudentColumn = 7, student = 8, school = 9, grade = 10
    }

    /// Per teacher (as `teachersTable` orders them), one row per section in slot order: when,
    /// what, where, how many students, and the trip before it — from the site of the teacher's
    /// section before, or from the workplace for the first one away from it. A remote section
    /// needs no trip, and the teacher is still where the last section was. The last row also
    /// gives the way back to the workplace when the day ends away from it.
    public func teacherDaysTable() -> ReportTable {
        var rows: [[ReportCell]] = []
        if let day {
            for (teacherID, sections) in teacherSections {
                let home = input.scenario.teachers.first { $0.id == teacherID }?.site
                var here = home, atWorkplace = true
                for (k, s) in sections.enumerated() {
                    var trip = ""
                    if let to = s.site {
                        if let from = here, from != to {
                            trip = words.trip(from: org(from), minutes: input.scenario.minutes(from: from, to: to), workplace: atWorkplace)
                        }
                        here = to; atWorkplace = false
                    }
                    var back = ReportCell.empty
                    if k == sections.count - 1, let home, let last = here, last != home {
                        back = .text(words.tripBack(to: org(home), minutes: input.scenario.minutes(from: last, to: home)))
                    }
                    rows.append([.text(teacherID), .text(teacher(teacherID)), .text(home.map(org) ?? ""),
                                 .text(slotHeading(s.slot)), .text(course(s.course)),
                                 .text(s.id), .text(site(s.site)), .text(s.room ?? "—"),
                                 .integer(day.studentsIn[s.id]?.count ?? 0), .text(trip + pinMark(s)), back])
                }
            }
        }
        return ReportTable(key: "teacher-days", title: words[.teacherDaysSheet],
                           columns: [words[.teacher], words[.teacherName], words[.worksAt], words[.slot], words[.course],
                                     words[.section], words[.site], words[.room], words[.students], words[.travelBefore],
                                     words[.travelAfter]],
                           rows: rows, groupColumn: Self.teacherIDColumn)
    }

    /// A slot's heading ("Занятие 1 (09:00–10:30)") from its id (`Words.slotHeading(id:in:)`).
    func slotHeading(_ id: String) -> String { words.slotHeading(id: id, in: slots) }

    /// Списки групп: per teacher and section (as `teacherDaysTable`), one row per student, by
    /// school (the scenario's order) and id, numbered from 1 in each group: the student's
    /// school, grade and where the course stands in their choices.
    public func groupListsTable() -> ReportTable {
        var rows: [[ReportCell]] = []
        if let day {
            var student: [String: Student] = [:]
            for s in input.scenario.students where student[s.id] == nil { student[s.id] = s }
            let order = groupListOrder()
            for (teacherID, sections) in teacherSections {
                for s in sections {
                    let heading = slotHeading(s.slot)
                    for (i, id) in order(day.studentsIn[s.id] ?? []).enumerated() {
                        let who = student[id]
                        let rank = who?.choices.firstIndex(of: s.course).map { ReportCell.integer($0 + 1) } ?? .empty
                        rows.append([.text(teacherID), .text(teacher(teacherID)), .text(heading), .text(s.id), .text(course(s.course)),
                                     .text(site(s.site)), .text(s.room ?? "—"), .integer(i + 1), .text(id),
                                     .text(who.map { org($0.school) } ?? ""), who?.grade.map { .integer($0) } ?? .empty, rank])
                    }
                }
            }
        }
        return ReportTable(key: "groups", title: words[.groupListsSheet],
                           columns: [words[.teacher], words[.teacherName], words[.slot], words[.section], words[.course], words[.site],
                                     words[.room], words[.number], words[.student], words[.school], words[.grade], words[.choiceNumber]],
                           rows: rows, groupColumn: Self.teacherIDColumn)
    }

    /// The order of a group list: by school (the scenario's order), then by id with the numbers
    /// in ids compared as numbers («s2» before «s10»); ids the scenario does not know last. One
    /// rank per student, found once, so that sorting a city's 1,500 lists is quick.
    public func groupListOrder() -> ([String]) -> [String] {
        var schoolOrder: [String: Int] = [:]
        for (i, o) in input.scenario.organisations.enumerated() where schoolOrder[o.id] == nil { schoolOrder[o.id] = i }
        /// The id with every run of digits left-padded to 20, compared byte by byte.
        func natural(_ id: String) -> [UInt8] {
            var out: [UInt8] = [], digits: [UInt8] = []
            func flush() { out += Array(repeating: UInt8(ascii: "0"), count: max(0, 20 - digits.count)) + digits; digits = [] }
            for b in id.utf8 {
                if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { digits.append(b) } else { if !digits.isEmpty { flush() }; out.append(b) }
            }
            if !digits.isEmpty { flush() }
            return out
        }
        let keyed = input.scenario.students.map { (school: schoolOrder[$0.school] ?? .max, id: natural($0.id), student: $0.id) }
        let sorted = keyed.sorted { $0.school != $1.school ? $0.school < $1.school : $0.id.lexicographicallyPrecedes($1.id) }
        var rank: [String: Int] = [:]
        for (i, k) in sorted.enumerated() where rank[k.student] == nil { rank[k.student] = i }
        return { ids in ids.sorted { (rank[$0] ?? .max, $0) < (rank[$1] ?? .max, $1) } }
    }

    /// Teachers with sections (scenario order, then unknown ids), each with their sections by slot.
    var teacherSections: [(String, [Section])] {
        guard let day else { return [] }
        var order: [String: Int] = [:]
        for (i, s) in slots.enumerated() where order[s.id] == nil { order[s.id] = i }
        var by: [String: [Section]] = [:]
        for s in day.sectionsByID.values { by[s.teacher, default: []].append(s) }
        var ids = input.scenario.teachers.map(\.id).filter { by[$0] != nil }
        let known = Set(ids)
        ids += by.keys.filter { !known.contains($0) }.sorted()
        return ids.map { id in (id, by[id]!.sorted { (order[$0.slot] ?? .max, $0.id) < (order[$1.slot] ?? .max, $1.id) }) }
    }

    /// One row per student: each slot's elective, electives got and wanted.
    public func studentsTable() -> ReportTable {
        var rows: [[ReportCell]] = []
        if let day {
            let defaultWants = input.scenario.profileDay?.coursesPerStudent ?? 0
            for s in input.scenario.students {
                let sections = day.sectionsOf[s.id] ?? []
                let cells: [ReportCell] = slots.indices.map { t in
                    guard t < sections.count, let sec = sections[t] else { return .empty }
                    return .text("\(place(of: sec)) / \(teacher(sec.teacher))")
                }
                rows.append([.text(s.id), .text(org(s.school))] + cells
                            + [.integer(sections.compactMap { $0 }.count), .integer(s.wants ?? defaultWants)])
            }
        }
        return ReportTable(key: "students", title: words[.studentsSheet],
                           columns: [words[.student], words[.school]] + slots.map(words.slotHeading) + [words[.got], words[.wanted]],
                           rows: rows)
    }

    /// Courses that did not open: as recorded, else derived (without a reason).
    var notOpened: [NotOpenedCourse] {
        if let recorded = input.coursesNotOpened { return recorded }
        guard let day else { return [] }
        let opened = Set(day.sectionsByID.values.map(\.course))
        var chosen: [String: Int] = [:]
        for s in input.scenario.students { for c in Set(s.choices) { chosen[c, default: 0] += 1 } }
        return input.scenario.courses.filter { !opened.contains($0.id) }.map {
            NotOpenedCourse(course: $0.id, title: $0.title, chosenBy: chosen[$0.id] ?? 0, withinReach: nil, reason: .notRecorded)
        }
    }

    /// Students short of electives: as recorded, else derived (without a reason).
    var short: [ShortStudent] {
        if let recorded = input.studentsShort { return recorded }
        guard let day else { return [] }
        let defaultWants = input.scenario.profileDay?.coursesPerStudent ?? 0
        return input.scenario.students.compactMap { s in
            let got = (day.sectionsOf[s.id] ?? []).compactMap { $0 }.count
            let wants = s.wants ?? defaultWants
            return got < wants ? ShortStudent(student: s.id, school: s.school, wanted: wants, got: got, reason: .notRecorded) : nil
        }
    }

    public func notOpenedTable() -> ReportTable {
        let rows: [[ReportCell]] = notOpened.map { c in
            [.text(c.course), .text(c.title), .integer(c.chosenBy), c.withinReach.map { .integer($0) } ?? .empty,
             .text(text(c.reason) { words.reason($0) })]
        }
        return ReportTable(key: "not-opened", title: words[.notOpenedSheet],
                           columns: [words[.course], words[.courseTitle], words[.chosenBy], words[.withinReach], words[.reason]],
                           rows: rows)
    }

    public func shortTable() -> ReportTable {
        let rows: [[ReportCell]] = short.map { s in
            [.text(s.student), .text(org(s.school)), .integer(s.wanted), .integer(s.got),
             .text(text(s.reason) { words.reason($0) })]
        }
        return ReportTable(key: "short", title: words[.shortSheet],
                           columns: [words[.student], words[.school], words[.wanted], words[.got], words[.reason]], rows: rows)
    }

    /// A reason in the report's words: the explanation worded, or what the folder recorded.
    func text<E>(_ reason: RecordedReason<E>, _ words: (E) -> String) -> String {
        switch reason {
        case .explained(let e): words(e)
        case .recorded(let text) where !text.isEmpty: text
        case .recorded, .notRecorded: self.words[.reasonNotRecorded]
        }
    }
}
