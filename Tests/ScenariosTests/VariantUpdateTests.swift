import Foundation
import Testing
import SetkaModel
import Wording

/// The error messages of a failed load.
private func errors(_ body: () throws -> Any) -> [Diagnostic] {
    do { _ = try body(); return [] } catch let e as ScenarioError { return e.diagnostics } catch { return [] }
}

@Suite("What-if variants: update")
struct VariantUpdateTests {
    @Test("update sets columns of a teacher, read as the CSV cells are read")
    func updateTeacher() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "u", [
            "update: {teacher: T2, max_sections: 1, slots: \"2\", travels: нет}",
            "update: {teacher: T3, slots: [1, 2], courses: art}",
        ])
        let v = try VariantLoader.load(from: url)
        let t2 = try #require(v.loaded.scenario.teachers.first { $0.id == "T2" })
        #expect(t2.maxSections == 1)
        #expect(t2.slots == ["2"])
        #expect(t2.travels == false)
        #expect(t2.courses == ["chem"])
        let t3 = try #require(v.loaded.scenario.teachers.first { $0.id == "T3" })
        #expect(t3.slots == ["1", "2"])
        #expect(t3.courses == ["art"])
        #expect(v.report.effects == [
            .updated(target: .teacher, id: "T2", site: nil, values: [.init(column: "max_sections", value: "1"),
                                                                    .init(column: "slots", value: "2"),
                                                                    .init(column: "travels", value: "нет")]),
            .updated(target: .teacher, id: "T3", site: nil, values: [.init(column: "slots", value: "1|2"),
                                                                    .init(column: "courses", value: "art")]),
        ])
        // An empty value is an empty cell: the column's default (every slot).
        let reset = try Fixtures.variant(folder, "reset", ["update: {teacher: T2, slots: \"\"}"])
        #expect(try VariantLoader.load(from: reset).loaded.scenario.teachers.first { $0.id == "T2" }?.slots == nil)
        #expect(Words(.ru).sentence(v.report.effects[0]) == "изменено: педагог T2: max_sections = 1, slots = 2, travels = нет")
        #expect(Words(.en).sentence(v.report.effects[1]) == "updated teacher T3: slots = 1|2, courses = art")
    }

    @Test("update a room by site and id (or by an id that only one site has), a course, a student and a school")
    func updateOtherRows() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "rooms", [
            "update: {room: {site: a, id: r2}, kind: chemistry-lab, capacity: 18}",
            "update: {room: lab, capacity: 22}",
            "update: {course: chem, remote: yes, sites: a|c}",
            "update: {student: s01, school: b, wants: 1}",
            "update: {school: c, name: \"Школа В (новая)\", score:math: 45}",
        ])
        let v = try VariantLoader.load(from: url)
        let s = v.loaded.scenario
        #expect(s.rooms.first { $0.site == "a" && $0.id == "r2" } == Room(site: "a", id: "r2", capacity: 18, kind: "chemistry-lab"))
        #expect(s.rooms.first { $0.id == "lab" }?.capacity == 22)
        let chem = try #require(s.courses.first { $0.id == "chem" })
        #expect(chem.remote && chem.sites == ["a", "c"])
        #expect(s.students.first { $0.id == "s01" }.map { ($0.school, $0.wants) } ?? ("", nil) == ("b", 1))
        let c = try #require(s.organisations.first { $0.id == "c" })
        #expect(c.name == "Школа В (новая)" && c.scores["math"] == 45 && c.scores["russian"] == 50)
        #expect(v.report.effects[1] == .updated(target: .room, id: "lab", site: "c", values: [.init(column: "capacity", value: "22")]))
        #expect(Words(.ru).sentence(v.report.effects[0]) == "изменено: аудитория r2 на площадке a: kind = chemistry-lab, capacity = 18")
    }

    @Test("an unknown row or column, a bad value and a row the scenario cannot use are errors at file:line:column")
    func updateErrors() throws {
        let folder = try Fixtures.write()
        // Reading the file: columns and the shape of the change.
        let bad = try Fixtures.variant(folder, "bad", [
            "update: {teacher: T1, max_sectoins: 2}",       // line 5: unknown column
            "update: {teacher: T1, id: T9}",                // line 6: the id names the row
            "update: {teacher: T1, course: math}",          // line 7: two rows? course is a table key
            "update: {max_sections: 2}",                    // line 8: no row
            "update: {room: {site: a}, kind: lab}",         // line 9: room without id
            "update: {teacher: T1}",                        // line 10: nothing to set
        ])
        let e = errors { try VariantLoader.load(from: bad) }
        let byLine = Dictionary(grouping: e) { $0.location?.line ?? 0 }
        #expect(byLine[5]?.first?.message.contains("a teacher has no column 'max_sectoins'") == true)
        #expect(byLine[5]?.first?.message.contains("max_sections") == true)
        #expect(byLine[5]?.first?.location?.column == 27)
        #expect(byLine[6]?.first?.message.contains("cannot change 'id'") == true)
        #expect(byLine[7]?.first?.message.contains("teacher and course") == true)
        #expect(byLine[8]?.first?.message.contains("needs the row it changes") == true)
        #expect(byLine[9]?.first?.message.contains("needs 'site' and 'id'") == true)
        #expect(byLine[10]?.first?.message.contains("at least one column") == true)
        #expect(e.allSatisfy { $0.location?.file.hasSuffix("whatif/bad.yaml") == true })

        // Applying: unknown rows, values the column does not accept, references the scenario lacks.
        let rows = try Fixtures.variant(folder, "rows", [
            "update: {teacher: T99, max_sections: 2}",      // line 5
            "update: {room: {site: b, id: lab}, kind: x}",  // line 6
            "update: {room: r1, kind: lab}",                // line 7: r1 at a, b and c
            "update: {teacher: T1, max_sections: two}",     // line 8
        ])
        let e2 = errors { try VariantLoader.load(from: rows) }
        #expect(e2.count == 4)
        #expect(e2[0].message.contains("no teacher 'T99'") && e2[0].location?.line == 5 && e2[0].location?.column == 23)
        #expect(e2[1].message.contains("no room 'lab' at site 'b'") && e2[1].location?.line == 6)
        #expect(e2[2].message.contains("several sites") && e2[2].location?.line == 7)
        #expect(e2[3].field == "max_sections" && e2[3].message.contains("expected a whole number ≥ 0, found \"two\""))
        #expect(e2[3].location?.line == 8 && e2[3].location?.column == 41)

        let refs = try Fixtures.variant(folder, "refs", ["update: {teacher: T1, slots: \"1|9\", site: nowhere}"])
        let e3 = errors { try VariantLoader.load(from: refs) }
        #expect(e3.contains { $0.field == "site" && $0.message.contains("nowhere") && $0.location?.file.hasSuffix("whatif/refs.yaml") == true
                              && $0.location?.line == 5 && $0.location?.column == 47 })
        #expect(e3.contains { $0.field == "slots" && $0.message.contains("unknown slot '9'") && $0.location?.line == 5 && $0.location?.column == 34 })
    }

    @Test("ScenarioWriter writes variants that load back to the same changes")
    func writerRoundTrip() throws {
        let folder = try Fixtures.write()
        let changes: [VariantChange.Kind] = [
            .update(.teacher, id: "T2", site: nil, values: [.init(column: "slots", value: "1|2"), .init(column: "max_sections", value: "2")]),
            .update(.room, id: "r2", site: "a", values: [.init(column: "kind", value: "chemistry-lab")]),
            .update(.course, id: "art", site: nil, values: [.init(column: "remote", value: "yes")]),
            .update(.school, id: "c", site: nil, values: [.init(column: "score:math", value: "41"), .init(column: "name", value: "Школа \"В\"")]),
            .remove(.student, id: "s02", site: nil),
            .set(key: "profile_day.weights.section", value: "4"),
            .scaleDemand(course: "art", factor: 1.5),
        ]
        let text = ScenarioWriter.variantYAML(name: "Совет 1", base: "..", changes: changes,
                                              comments: ["Если педагог T2 сможет…", "second line"])
        #expect(text.hasPrefix("# Если педагог T2 сможет…\n# second line\nformat: setka/1\n"))
        let url = try Fixtures.file(folder, "whatif/written.yaml", text)
        let v = try VariantLoader.load(from: url)
        #expect(v.variant.name == "Совет 1")
        #expect(v.variant.changes.map(\.kind) == changes)
        #expect(v.loaded.scenario.organisations.first { $0.id == "c" }?.name == "Школа \"В\"")
        // An absolute base loads from anywhere.
        let elsewhere = try Fixtures.temporaryFolder("elsewhere")
        let abs = ScenarioWriter.variantYAML(name: "abs", base: folder.path, changes: [changes[0]])
        let far = try Fixtures.file(elsewhere, "v.yaml", abs)
        #expect(try VariantLoader.load(from: far).loaded.scenario.teachers.first { $0.id == "T2" }?.maxSections == 2)
    }
}
