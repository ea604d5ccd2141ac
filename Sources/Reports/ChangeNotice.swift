import Foundation
import ProfileDay
import Scenarios
import SetkaModel
import Wording

/// Кого оповестить: when one timetable replaces another (a hand edit accepted, a day re-planned
/// against the published one), who must be told — «своевременно оповещать ответственных в других
/// школах в случае отмены или переноса занятий». Per school, each student whose day changed
/// (`VariantDiff.days`, the comparison's rule: a section's course, site and slot) with what
/// they no longer have and what they have now; each teacher whose sections changed likewise, or
/// who has other students in a section they keep.
public struct ChangeNotice: PrintableSheet {
    /// Students (grouped by school) and teachers, each only when someone changed.
    public var tables: [ReportTable]
    public var studentsChanged: Int
    public var schoolsChanged: Int
    public var teachersChanged: Int
    public var owner: String { "" }

    public init(scenario: Scenario, before: Timetable, after: Timetable, words: Words) {
        let slots = scenario.profileDay?.slots ?? []
        var slotOrder: [String: Int] = [:]
        for (i, s) in slots.enumerated() where slotOrder[s.id] == nil { slotOrder[s.id] = i }
        func order(_ a: SectionPlace, _ b: SectionPlace) -> Bool {
            (slotOrder[a.slot] ?? .max, a) < (slotOrder[b.slot] ?? .max, b)
        }
        func text(_ places: Set<SectionPlace>, teacher: (SectionPlace) -> String?) -> ReportCell {
            guard !places.isEmpty else { return .text("—") }
            return .text(places.sorted(by: order).map { p in
                let slot = words.slotHeading(id: p.slot, in: slots)
                let site = p.site.map(words.names.organisation) ?? words[.remote]
                return "\(slot): \(words.names.course(p.course)) — \(site)" + (teacher(p).map { " (\($0))" } ?? "")
            }.joined(separator: "\n"))
        }
        // Students, by school in the scenario's order.
        let da = VariantDiff.days(before), db = VariantDiff.days(after)
        func teacherOf(_ t: Timetable) -> [SectionPlace: String] {
            var out: [SectionPlace: String] = [:]
            for s in t.sections where out[SectionPlace(s)] == nil { out[SectionPlace(s)] = words.names.teacher(s.teacher) }
            return out
        }
        let teacherBefore = teacherOf(before), teacherAfter = teacherOf(after)
        var bySchool: [String: [Student]] = [:]
        for s in scenario.students where (da[s.id] ?? []) != (db[s.id] ?? []) { bySchool[s.school, default: []].append(s) }
        var schools = scenario.organisations.map(\.id).filter { bySchool[$0] != nil }
        schools += bySchool.keys.filter { !schools.contains($0) }.sorted()
        var students: [[ReportCell]] = []
        for school in schools {
            for s in bySchool[school] ?? [] {
                let was = da[s.id] ?? [], now = db[s.id] ?? []
                students.append([.text(words.names.organisation(school)), .text(s.id),
                                 text(was.subtracting(now)) { teacherBefore[$0] }, text(now.subtracting(was)) { teacherAfter[$0] }])
            }
        }
        // Teachers, in the scenario's order: whose sections changed, or who has other students in
        // a section they keep (a group list to print again).
        func work(_ t: Timetable) -> [String: [SectionPlace: Set<String>]] {
            var place: [String: (String, SectionPlace)] = [:]
            var out: [String: [SectionPlace: Set<String>]] = [:]
            for s in t.sections where place[s.id] == nil {
                place[s.id] = (s.teacher, SectionPlace(s))
                out[s.teacher, default: [:]][SectionPlace(s), default: []] = []
            }
            for e in t.enrolments { if let (teacher, p) = place[e.section] { out[teacher]?[p]?.insert(e.student) } }
            return out
        }
        let wa = work(before), wb = work(after)
        var teachers: [[ReportCell]] = []
        for t in scenario.teachers {
            let was = wa[t.id] ?? [:], now = wb[t.id] ?? [:]
            guard was != now else { continue }
            let kept = Set(was.keys).intersection(now.keys).sorted(by: order)
            let lists: [String] = kept.compactMap { p in
                let (a, b) = (was[p] ?? [], now[p] ?? [])
                guard a != b else { return nil }
                let slot = words.slotHeading(id: p.slot, in: slots)
                return "\(slot): \(words.names.course(p.course)) — " + words.rosterChange(added: b.subtracting(a).sorted(), removed: a.subtracting(b).sorted())
            }
            teachers.append([.text(t.id), .text(words.names.teacher(t.id)), .text(words.names.organisation(t.site)),
                             text(Set(was.keys).subtracting(now.keys)) { _ in nil }, text(Set(now.keys).subtracting(was.keys)) { _ in nil },
                             .text(lists.isEmpty ? "—" : lists.joined(separator: "\n"))])
        }
        studentsChanged = students.count
        schoolsChanged = schools.count
        teachersChanged = teachers.count
        tables = []
        if !students.isEmpty {
            tables.append(ReportTable(key: "notice-students", title: words[.studentsDayChanged],
                                      columns: [words[.school], words[.student], words[.noticeWas], words[.noticeNow]],
                                      rows: students, groupColumn: 0))
        }
        if !teachers.isEmpty {
            tables.append(ReportTable(key: "notice-teachers", title: words[.teachersChanged],
                                      columns: [words[.teacher], words[.teacherName], words[.worksAt], words[.noticeWas], words[.noticeNow],
                                                words[.noticeLists]],
                                      rows: teachers))
        }
    }

    /// «Кого оповестить об изменениях».
    public func title(_ words: Words) -> String { words[.changeNotice] }

    /// How many changed: «Изменился день у 12 учеников из 3 школ; у 2 педагогов изменились …».
    public func intro(_ words: Words) -> String {
        studentsChanged == 0 && teachersChanged == 0 ? words[.noticeNobody]
            : words.noticeCounts(students: studentsChanged, schools: schoolsChanged, teachers: teachersChanged)
    }
}
