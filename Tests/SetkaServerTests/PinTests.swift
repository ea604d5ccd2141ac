import Foundation
import HTTPTypes
import HummingbirdTesting
import ProfileDay
import SetkaModel
import Testing
@testable import SetkaServer

/// Закрепления: «Закрепить» on a finished profile day's grid and «Открепить» on the project page
/// make the next version of the project with its pins changed; nothing moves, a pin the
/// validator refuses stores nothing, and the next run of the new version keeps the pins (H6).
@Suite struct PinTests {
    /// The version's scenario as the loader reads it.
    func scenario(_ h: Harness, _ v: VersionRecord) throws -> Scenario {
        try EngineCalls.load(h.app.store.folder.resolve(v.scenarioPath))
    }

    /// The id after the last `/` of a redirect, without its query.
    func versionID(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location])
        let query = try #require(location.split(separator: "?").last)
        return String(try #require(query.split(separator: "#").first).dropFirst("version=".count))
    }

    @Test func aPinFromTheGridIsANewVersionWhoseNextRunKeepsIt() async throws {
        try await withApp { h in
            let (project, run, folder, timetable, before) = try await EditPageTests().scheduledRuralDistrict(h)
            #expect(before.pins.isEmpty)
            let sectionsBefore = try Data(contentsOf: folder.appendingPathComponent("sections.csv"))

            // The grid of the first site lists its sections, each with its students and «Закрепить».
            let grid = try await h.html("/runs/\(run.id)/sites")
            #expect(grid.contains("id=\"pin-sections\"") && grid.contains("action=\"/runs/\(run.id)/pin\"") && grid.contains(">Закрепить</button>"))
            let counts = Dictionary(grouping: timetable.enrolments, by: \.section).mapValues(\.count)
            let listed = timetable.sections.filter { grid.contains("<tr data-section=\"\($0.id)\">") }
            #expect(!listed.isEmpty)
            for s in listed {
                #expect(grid.contains("<tr data-section=\"\(s.id)\"><td>\(s.id)</td>"))
                let row = try #require(grid.range(of: "<tr data-section=\"\(s.id)\">"))
                let tail = grid[row.upperBound...]
                #expect(tail.prefix(600).contains("data-value=\"\(counts[s.id] ?? 0)\""), "\(s.id)")
            }
            let english = try await h.get("/runs/\(run.id)/sites", headers: [.cookie: "\(h.cookie); setka-lang=en"])
            #expect(String(buffer: english.body).contains(">Pin</button>"))
            let section = try #require(listed.first)

            // Without the CSRF token: refused, nothing stored.
            #expect(try await h.postForm("/runs/\(run.id)/pin", [("section", section.id)], csrf: false).status == .forbidden)
            #expect(try await h.postForm("/runs/\(run.id)/pin", [("section", "S999")]).status == .unprocessableContent)
            #expect(try await h.app.store.versions(of: project.id).count == 1)

            // Pinning makes version 2 with the section as its one pin; the run is unchanged.
            let pinned = try await h.postForm("/runs/\(run.id)/pin", [("section", section.id)])
            #expect(pinned.status == .seeOther, "\(String(buffer: pinned.body))")
            let versions = try await h.app.store.versions(of: project.id)
            #expect(versions.count == 2)
            let v2 = try #require(versions.first)
            #expect(try versionID(pinned) == v2.id)
            #expect(v2.number == 2 && v2.valid && v2.kind == Uploads.pinsKind)
            let pins = try scenario(h, v2).pins
            #expect(pins == [Pin(course: section.course, teacher: section.teacher, place: section.site.map(Pin.Place.site) ?? .remote,
                                 room: section.room, slot: section.slot)])
            #expect(try scenario(h, versions[1]).pins.isEmpty)
            #expect(try Data(contentsOf: folder.appendingPathComponent("sections.csv")) == sectionsBefore)
            // Everything else of the scenario is as it was.
            var same = try scenario(h, v2)
            same.pins = []
            #expect(same.students == before.students && same.teachers == before.teachers && same.courses == before.courses
                    && same.rooms == before.rooms && same.profileDay == before.profileDay)
            #expect(same.name == before.name && same.language == before.language && same.organisations == before.organisations
                    && same.partnering == before.partnering && same.travelEntries == before.travelEntries)

            // The project page shows the pin, with «Открепить».
            let page = try await h.html("/projects/\(project.id)")
            #expect(page.contains("id=\"pins-table\" data-count=\"1\""))
            #expect(page.contains("<tr data-course=\"\(section.course)\" data-teacher=\"\(section.teacher)\" data-site=\"\(section.site ?? "remote")\" data-room=\"\(section.room ?? "")\" data-slot=\"\(section.slot)\">"))
            #expect(page.contains(">Открепить</button>") && page.contains("закрепления изменены вручную"))

            // Pinning it again changes nothing, and says so.
            let again = try await h.postForm("/runs/\(run.id)/pin", [("section", section.id)])
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("уже закреплена"))
            #expect(try await h.app.store.versions(of: project.id).count == 2)

            // The next profile-day run (of version 2) has a section with the pin's columns.
            let next = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            #expect(next.status == .done && next.versionId == v2.id)
            let kept = try TimetableIO.read(from: h.app.store.folder.run(next.id)).timetable
            #expect(kept.sections.contains { $0.course == section.course && $0.teacher == section.teacher && $0.site == section.site
                                              && $0.room == section.room && $0.slot == section.slot })
            #expect(ProfileDayChecker.check(kept, in: try scenario(h, v2)).isValid)
            // Its page says what its data version was made from, as the project's list does.
            #expect(try await h.html("/runs/\(next.id)").contains("№ 2</a> (закрепления изменены вручную <span class=\"muted\">(pins.csv)</span>)"))
            // Its grid marks the section pinned instead of offering «Закрепить».
            let keptGrid = try await h.html("/runs/\(next.id)/sites")
            #expect(keptGrid.contains("<span class=\"badge ok\">закреплено</span>"))

            // «Открепить»: a stale version or a wrong row is refused; the right one makes version 3 without it.
            #expect(try await h.postForm("/projects/\(project.id)/unpin", [("version", versions[1].id), ("row", "1"), ("course", section.course)])
                .status == .conflict)
            #expect(try await h.postForm("/projects/\(project.id)/unpin", [("version", v2.id), ("row", "2"), ("course", section.course)])
                .status == .unprocessableContent)
            #expect(try await h.postForm("/projects/\(project.id)/unpin", [("version", v2.id), ("row", "1"), ("course", "nope")])
                .status == .unprocessableContent)
            let unpinned = try await h.postForm("/projects/\(project.id)/unpin", [("version", v2.id), ("row", "1"), ("course", section.course)])
            #expect(unpinned.status == .seeOther)
            let v3 = try #require(try await h.app.store.versions(of: project.id).first)
            #expect(v3.number == 3 && v3.valid)
            #expect(try versionID(unpinned) == v3.id)
            #expect(try scenario(h, v3).pins.isEmpty)
            #expect(try await h.html("/projects/\(project.id)").contains("id=\"no-pins\""))
        }
    }

    @Test func aPinTheValidatorRefusesStoresNothingAndSaysWhy() async throws {
        try await withApp { h in
            let (project, run, _, timetable, _) = try await EditPageTests().scheduledRuralDistrict(h)
            let section = try #require(timetable.sections.first { $0.site != nil })
            // Version 2: the section's teacher is free only in another slot.
            let other = try #require(["1", "2", "3"].first { $0 != section.slot })
            let teachers = try String(contentsOf: ruralDistrict.appendingPathComponent("teachers.csv"), encoding: .utf8)
            let changed = teachers.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if f.first == section.teacher, f.count == 7 { f[5] = other }
                return f.joined(separator: ",")
            }.joined(separator: "\n")
            #expect(changed != teachers)
            let upload = try await h.upload("/projects/\(project.id)/versions", file: try zipFolder(ruralDistrict, replace: ["teachers.csv": changed]))
            #expect(upload.status == .seeOther)
            let versions = try await h.app.store.versions(of: project.id)
            #expect(versions.count == 2 && versions[0].valid)
            let uploads = try FileManager.default.contentsOfDirectory(atPath: h.app.store.folder.uploads.path).count

            let refused = try await h.postForm("/runs/\(run.id)/pin", [("section", section.id)])
            #expect(refused.status == .unprocessableContent)
            let text = String(buffer: refused.body)
            #expect(text.contains("закрепить нельзя, ничего не сохранено"))
            #expect(text.contains("pins.csv") && text.contains(section.teacher) && text.contains("H1"), "\(text)")
            // The pin check's words in the page's language: `pins.csv, строка 2, столбец …: H1 учитель: …`.
            #expect(text.contains("pins.csv, строка ") && text.contains("H1 учитель: "), "\(text)")
            #expect(!text.contains("H1 teacher"), "\(text)")
            #expect(try await h.app.store.versions(of: project.id).count == 2)
            #expect(try FileManager.default.contentsOfDirectory(atPath: h.app.store.folder.uploads.path).count == uploads)
            #expect(try FileManager.default.contentsOfDirectory(atPath: h.app.store.folder.work.path).isEmpty)
        }
    }

    @Test func aWorkbookProjectIsPinnedToo() async throws {
        try await withApp(examples: false) { h in
            let book = try Data(contentsOf: examplesFolder.appendingPathComponent("rural-district.xlsx"))
            let created = try await h.upload("/projects", file: book, name: "район.xlsx")
            #expect(created.status == .seeOther)
            let project = try #require(try await h.app.store.projects().first)
            let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            #expect(run.status == .done)
            let timetable = try TimetableIO.read(from: h.app.store.folder.run(run.id)).timetable
            let section = try #require(timetable.sections.first)
            #expect(try await h.postForm("/runs/\(run.id)/pin", [("section", section.id)]).status == .seeOther)
            let versions = try await h.app.store.versions(of: project.id)
            #expect(versions.count == 2)
            let first = try scenario(h, versions[1]), second = try scenario(h, versions[0])
            #expect(second.pins.count == 1 && second.pins[0].course == section.course)
            #expect(second.students == first.students && second.teachers == first.teachers && second.language == first.language)
        }
    }
}
