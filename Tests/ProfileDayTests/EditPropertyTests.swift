import Foundation
import Testing
import SetkaModel
@testable import ProfileDay

/// Hand edits on random small districts (fixed seeds; the independent checker decides): every
/// accepted edit passes the check, and an edit touching one section moves no student who did not
/// attend it, its replacement, or a section it closed.
@Suite struct EditPropertyTests {
    static func timetable(_ scenario: Scenario, seed: UInt64) throws -> Timetable {
        var o = ScheduleOptions(timeLimit: 20, seed: seed, maxIterations: 15)
        o.searchThreads = 1
        o.computeBound = false
        o.exactModelLimit = 0
        return try ProfileDayScheduler.schedule(scenario, options: o).timetable
    }

    /// Whether every student an edit moved was in the edited section, is in it afterwards (its
    /// replacement: a moved section keeps its id), or was in a section the edit closed.
    static func onlyTouchedMoved(_ o: EditOutcome, section: String) -> [String] {
        let closed = Set(o.closed.map(\.section))
        return o.moves.filter { m in
            !(m.before.contains(section) || m.after.contains(section) || m.before.contains(where: closed.contains))
        }.map(\.student)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func closeAndMoveMoveOnlyTheTouched(seed: UInt64) throws {
        var scenario = RandomDistrict.make(seed: seed, visitingRule: seed % 2 == 0)
        let timetable = try Self.timetable(scenario, seed: seed)
        // A pin on the first section: never closed, and H6 checked on every result.
        if let first = timetable.sections.first {
            scenario.pins = [Pin(course: first.course, teacher: first.teacher, place: first.site.map { .site($0) } ?? .remote,
                                 room: first.room, slot: first.slot)]
        }
        let slots = scenario.profileDay!.slots.map(\.id)
        var accepted = 0, refused = 0
        for s in timetable.sections {
            var edits: [TimetableEdit] = [.close(section: s.id)]
            edits += slots.filter { $0 != s.slot }.map { .move(section: s.id, to: SectionPlacement(slot: $0)) }
            for edit in edits {
                do {
                    let o = try TimetableEditing.apply([edit], to: timetable, in: scenario)
                    accepted += 1
                    #expect(o.check.isValid, "\(edit): \(o.check.violations.prefix(3))")
                    #expect(ProfileDayChecker.check(o.timetable, in: scenario).isValid)
                    #expect(Self.onlyTouchedMoved(o, section: s.id) == [], "\(edit)")
                    #expect(abs(o.after.value - o.before.value - o.objectiveChange) < 1e-9)
                } catch {
                    refused += 1
                    if case .close = edit, s.id != timetable.sections.first?.id {
                        Issue.record("closing \(s.id) refused: \(error)")
                    }
                    if case .rejected = error.reason { Issue.record("\(edit): the result failed the check: \(error)") }
                }
            }
        }
        #expect(accepted > 0)
        #expect(refused > 0)  // the pinned section at least
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func assignAndUnassignMoveOnlyTheTouched(seed: UInt64) throws {
        let scenario = RandomDistrict.make(seed: seed)
        let timetable = try Self.timetable(scenario, seed: seed)
        var members: [String: [String]] = [:]
        for e in timetable.enrolments { members[e.section, default: []].append(e.student) }
        var accepted = 0
        for s in timetable.sections {
            guard let student = members[s.id]?.first else { continue }
            do {
                let o = try TimetableEditing.apply([.unassign(student: student, section: s.id)], to: timetable, in: scenario)
                accepted += 1
                #expect(o.check.isValid)
                #expect(!o.timetable.enrolments.contains(Enrolment(student: student, section: s.id)))
                #expect(Self.onlyTouchedMoved(o, section: s.id).filter { $0 != student } == [])
            } catch {
                if case .rejected = error.reason { Issue.record("the result failed the check: \(error)") }
            }
            // Someone who chose the course but is not in the section, into it.
            let inside = Set(members[s.id] ?? [])
            guard let other = scenario.students.first(where: { $0.choices.contains(s.course) && !inside.contains($0.id) }) else { continue }
            do {
                let o = try TimetableEditing.apply([.assign(student: other.id, section: s.id)], to: timetable, in: scenario)
                accepted += 1
                #expect(o.check.isValid)
                #expect(o.timetable.enrolments.contains(Enrolment(student: other.id, section: s.id)))
                #expect(Self.onlyTouchedMoved(o, section: s.id).filter { $0 != other.id } == [])
            } catch {
                if case .rejected = error.reason { Issue.record("the result failed the check: \(error)") }
            }
        }
        #expect(accepted > 0)
    }
}
