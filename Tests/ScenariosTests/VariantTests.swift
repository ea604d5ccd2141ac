import Foundation
import Testing
import SetkaModel

/// The error messages of a failed load, one per line.
private func errors(_ body: () throws -> Any) -> [Diagnostic] {
    do { _ = try body(); return [] } catch let e as ScenarioError { return e.diagnostics } catch { return [] }
}

@Suite("What-if variants")
struct VariantTests {
    @Test("remove teacher: the teacher is gone, everything else stays")
    func removeTeacher() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "t", ["remove: {teacher: T2}"])
        let v = try VariantLoader.load(from: url)
        #expect(v.loaded.scenario.teachers.map(\.id) == ["T1", "T3", "T4"])
        #expect(v.loaded.scenario.students.count == 36)
        #expect(v.loaded.scenario.name == "t")
        #expect(v.report.effects == [.removedTeacher("T2")])
    }

    @Test("remove school: its rooms, teachers, students and fixed pairs go too")
    func removeSchool() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "s", ["remove: {school: b}"])
        let s = try VariantLoader.load(from: url).loaded.scenario
        #expect(s.organisations.map(\.id) == ["a", "c"])
        #expect(!s.rooms.contains { $0.site == "b" })
        #expect(s.rooms.count == 4)
        #expect(s.teachers.map(\.id) == ["T1", "T2", "T4"])
        #expect(s.students.count == 24)
        #expect(!s.students.contains { $0.school == "b" })
        #expect(s.partnering[0].fixed.isEmpty)
    }

    @Test("remove course: gone from courses, teachers' lists and students' choices")
    func removeCourse() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "c", ["remove: {course: robotics}"])
        let s = try VariantLoader.load(from: url).loaded.scenario
        #expect(s.courses.map(\.id) == ["math", "chem", "art"])
        #expect(s.teachers.first { $0.id == "T1" }?.courses == ["math"])
        #expect(s.teachers.first { $0.id == "T3" }?.courses == ["art"])
        #expect(!s.students.contains { $0.choices.contains("robotics") })
        #expect(s.students.allSatisfy { $0.choices.count == 2 || $0.choices.count == 3 })
    }

    @Test("remove student and room (a room id at several sites needs site:)")
    func removeStudentAndRoom() throws {
        let folder = try Fixtures.write()
        let ok = try Fixtures.variant(folder, "r", ["remove: {student: s05}", "remove: {room: r1, site: b}", "remove: {room: lab}"])
        let s = try VariantLoader.load(from: ok).loaded.scenario
        #expect(!s.students.contains { $0.id == "s05" })
        #expect(s.rooms.map { "\($0.site)/\($0.id)" } == ["a/r1", "a/r2", "c/r1"])
        let ambiguous = try Fixtures.variant(folder, "amb", ["remove: {room: r1}"])
        let e = errors { try VariantLoader.load(from: ambiguous) }
        #expect(e.count == 1)
        #expect(e.first?.message.contains("several sites") == true)
        #expect(e.first?.location?.line == 5)
    }

    @Test("set: numeric and yes/no settings, short and long keys")
    func setSettings() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "set", [
            "set: {profile_day.min_section_size: 8, weights.section: 2.5}",
            "set: {visiting_teacher_rule: yes, travel.speed_kmh: 30, partnering.1.max_travel_minutes: 45}",
            "set: {profile_day.max_trip_minutes: 40, courses_per_student: 1}",
        ])
        let s = try VariantLoader.load(from: url).loaded.scenario
        let pd = try #require(s.profileDay)
        #expect(pd.minSectionSize == 8)
        #expect(pd.weights.section == 2.5)
        #expect(pd.visitingTeacherRule)
        #expect(pd.maxTripMinutes == 40)
        #expect(pd.coursesPerStudent == 1)
        #expect(s.travelSettings.speedKmh == 30)
        #expect(s.partnering[0].maxTravelMinutes == 45)
    }

    @Test("errors name the variant file, line and column")
    func errorsWithLocations() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "bad", [
            "remove: {teacher: T99}",                       // line 5
            "rename: {teacher: T1}",                        // line 6
            "set: {profile_day.min_size: 8}",               // line 7
            "set: {profile_day.min_section_size: eight}",   // line 8
            "scale_demand: {course: ghost, factor: 2}",     // line 9
        ])
        let e = errors { try VariantLoader.load(from: url) }
        let byLine = Dictionary(grouping: e) { $0.location?.line ?? 0 }
        #expect(byLine[6]?.first?.message.contains("unknown change kind 'rename'") == true)
        #expect(byLine[6]?.first?.location?.column == 5)
        #expect(byLine[7]?.first?.message.contains("unknown setting key 'profile_day.min_size'") == true)
        #expect(byLine[8]?.first?.message.contains("\"eight\"") == true)
        #expect(e.allSatisfy { $0.location?.file.hasSuffix("whatif/bad.yaml") == true })
        // Reading stops at the file's own errors; the id checks come once the file reads.
        let ids = try Fixtures.variant(folder, "ids", ["remove: {teacher: T99}", "scale_demand: {course: ghost, factor: 2}"])
        let e2 = errors { try VariantLoader.load(from: ids) }
        #expect(e2.count == 2)
        #expect(e2[0].message.contains("no teacher 'T99'"))
        #expect(e2[0].location?.line == 5)
        #expect(e2[0].location?.column == 13)
        #expect(e2[1].message.contains("no course 'ghost'"))
        #expect(e2[1].location?.line == 6)
    }

    @Test("a missing base, a missing format and set min above max are errors")
    func structuralErrors() throws {
        let folder = try Fixtures.write()
        let noBase = try Fixtures.file(folder, "whatif/nobase.yaml", "format: setka/1\nbase: ../nowhere\nchanges: []\n")
        let e = errors { try VariantLoader.load(from: noBase) }
        #expect(e.first?.location?.line == 2)
        #expect(e.first?.message.contains("'base'") == true)
        let minMax = try Fixtures.variant(folder, "mm", ["set: {profile_day.min_section_size: 30}"])
        let e2 = errors { try VariantLoader.load(from: minMax) }
        #expect(e2.first?.message.contains("larger than max_section_size") == true)
        #expect(e2.first?.location?.line == 5)
    }

    @Test("scale_demand is deterministic and reaches about factor× the choosers")
    func scaleDemandDeterministic() throws {
        let folder = try Fixtures.write()
        let before = try ScenarioLoader.load(from: folder).scenario.students.filter { $0.choices.contains("chem") }.count
        let up = try Fixtures.variant(folder, "up", ["scale_demand: {course: chem, factor: 1.25}"])
        let a = try VariantLoader.load(from: up), b = try VariantLoader.load(from: up)
        let change = try #require(a.report.demandChanges.first)
        #expect(change.choosersBefore == before)
        #expect(change.choosersAfter == Int((1.25 * Double(before)).rounded()))
        #expect(change.choosersAfter < 36)
        #expect(change.added.count == change.choosersAfter - before)
        #expect(a.report == b.report)
        #expect(a.loaded.scenario.students == b.loaded.scenario.students)
        let after = a.loaded.scenario.students.filter { $0.choices.contains("chem") }.count
        #expect(after == change.choosersAfter)
        for added in change.added {
            let s = try #require(a.loaded.scenario.students.first { $0.id == added.student })
            #expect(s.choices.firstIndex(of: "chem") == added.position)
        }
        let down = try Fixtures.variant(folder, "down", ["scale_demand: {course: chem, factor: 0.5}"])
        let d = try VariantLoader.load(from: down)
        let dc = try #require(d.report.demandChanges.first)
        #expect(dc.removed.count == before - Int((0.5 * Double(before)).rounded()))
        #expect(d.loaded.scenario.students.filter { $0.choices.contains("chem") }.count == dc.choosersAfter)
        // Another variant name draws other students (the hash includes the name).
        let other = try Fixtures.variant(folder, "down2", ["scale_demand: {course: chem, factor: 0.5}"])
        let o = try VariantLoader.load(from: other)
        #expect(o.report.demandChanges[0].removed.count == dc.removed.count)
    }

    @Test("add: rows appended with the loader's checks; errors name the added file")
    func addRows() throws {
        let folder = try Fixtures.write()
        try Fixtures.file(folder, "whatif/extra-teachers.csv", "id,site,courses\nT9,c,chem|math\n")
        let ok = try Fixtures.variant(folder, "add", ["add: {teachers: extra-teachers.csv}"])
        let s = try VariantLoader.load(from: ok).loaded.scenario
        #expect(s.teachers.map(\.id) == ["T1", "T2", "T3", "T4", "T9"])
        #expect(s.teachers.last?.courses == ["chem", "math"])

        try Fixtures.file(folder, "whatif/bad-teachers.csv", "id,site,courses,max_sections\nT1,c,chem,2\nT8,zz,chem,two\n")
        let bad = try Fixtures.variant(folder, "addbad", ["add: {teachers: bad-teachers.csv}"])
        let e = errors { try VariantLoader.load(from: bad) }
        #expect(e.contains { $0.message.contains("'T1' is already in the scenario") && $0.location?.line == 2 && $0.location?.column == 1 })
        #expect(e.contains { $0.field == "max_sections" && $0.location?.line == 3 && $0.location?.file.hasSuffix("bad-teachers.csv") == true })

        // An unknown reference in an added row is reported at that row by the validator.
        try Fixtures.file(folder, "whatif/ref-teachers.csv", "id,site,courses\nT7,nowhere,chem\n")
        let ref = try Fixtures.variant(folder, "addref", ["add: {teachers: ref-teachers.csv}"])
        let e2 = errors { try VariantLoader.load(from: ref) }
        #expect(e2.contains { $0.message.contains("unknown organisation 'nowhere'") && $0.location?.file.hasSuffix("ref-teachers.csv") == true && $0.location?.line == 2 })
    }

    @Test("ScenarioLoader accepts a variant file wherever a scenario is accepted")
    func loaderEntryPoint() throws {
        let folder = try Fixtures.write()
        let url = try Fixtures.variant(folder, "via-loader", ["remove: {student: s01}"], title: "Без s01")
        #expect(VariantLoader.isVariantFile(url))
        #expect(!VariantLoader.isVariantFile(folder.appendingPathComponent("scenario.yaml")))
        let loaded = try ScenarioLoader.load(from: url)
        #expect(loaded.scenario.name == "Без s01")
        #expect(loaded.scenario.students.count == 35)
    }
}
