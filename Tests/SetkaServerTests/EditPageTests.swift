import Foundation
import HTTPTypes
import HummingbirdTesting
import ProfileDay
import Reports
import Scenarios
import SetkaModel
import Testing
import Wording
@testable import SetkaServer

/// Правка вручную: a hand edit checked as `setka edit --dry-run` checks it, the verdict on the page.
@Suite struct EditPageTests {
    @Test func anEditIsCheckedOnTheRunsTimetableAndItsVerdictShown() async throws {
        try await withApp { h in
            let (_, run, folder, timetable, scenario) = try await scheduledRuralDistrict(h)
            let sectionsBefore = try Data(contentsOf: folder.appendingPathComponent("sections.csv"))

            // The form lists every section of the timetable.
            let form = try await h.html("/runs/\(run.id)/edits")
            #expect(form.contains("id=\"edit-form\""))
            #expect(form.components(separatedBy: "<datalist id=\"sections\">")[1].components(separatedBy: "</datalist>")[0]
                .components(separatedBy: "<option ").count - 1 == timetable.sections.count)
            // Each option says the course, teacher and site as the scenario does (its value is the id).
            let first = timetable.sections[0], names = Names(scenario)
            #expect(names.course(first.course) != first.course, "the rural district's courses have titles")
            #expect(form.contains("<option value=\"\(first.id)\">" + Markup.escape("\(names.course(first.course)), \(Words(.ru, names: names).named(teacher: first.teacher)), ")),
                    "\(form)")

            // Closing a section: the verdict is the library's, with its objective before and after.
            var accepted = 0
            for section in timetable.sections.prefix(6) {
                let expected = TimetableEditing.dryRun([.close(section: section.id)], to: timetable, in: scenario)
                let r = try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", section.id)])
                #expect(r.status == .ok)
                let page = String(buffer: r.body)
                switch expected {
                case .accepted(let report):
                    accepted += 1
                    #expect(page.contains("data-accepted=\"true\""))
                    #expect(close(figure(page, "objectiveBefore"), report.objectiveBefore))
                    #expect(close(figure(page, "objectiveAfter"), report.objectiveAfter))
                    #expect(close(figure(page, "objectiveChange"), report.objectiveChange))
                    #expect(figure(page, "studentsReseated") == Double(report.studentsMoved.filter { $0.before != $0.after }.count))
                    #expect(figure(page, "sectionsClosed") == Double(report.sectionsClosed.count))
                    // Before the edit is the run's own objective.
                    #expect(close(figure(page, "objectiveBefore"), try #require(run.objective)))
                case .refused(let refusal):
                    #expect(page.contains("data-accepted=\"false\""))
                    // Worded with the scenario's names (teachers, courses, sites), as the page does.
                    #expect(page.contains(Markup.escape(Words(.ru, names: Names(scenario)).refusal(refusal))))
                }
            }
            #expect(accepted > 0, "closing one of the first sections of the rural district can be done")

            // A refused edit says why, in the page's language.
            let unknown = String(buffer: try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", "S999")]).body)
            #expect(unknown.contains("data-accepted=\"false\""))
            #expect(unknown.contains("нет группы S999"))
            let english = String(buffer: try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", "S999")],
                                                               headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
            #expect(english.contains("there is no section S999"))
            // A move into a slot where its teacher already teaches is refused, naming the teacher
            // as the scenario does («Name (id)»), not by the id alone.
            let byTeacher = Dictionary(grouping: timetable.sections, by: \.teacher)
            if let (teacher, two) = byTeacher.first(where: { Set($0.value.map(\.slot)).count > 1 }),
               let name = scenario.teachers.first(where: { $0.id == teacher })?.name, !name.isEmpty, name != teacher {
                let other = try #require(two.first { $0.slot != two[0].slot })
                let clash = String(buffer: try await h.postForm("/runs/\(run.id)/edits",
                                                                [("action", "move"), ("section", two[0].id), ("to", "slot=\(other.slot)")]).body)
                #expect(clash.contains("data-accepted=\"false\""))
                #expect(clash.contains(Markup.escape("\(name) (\(teacher))")), "\(clash)")
            } else {
                Issue.record("the rural district has no named teacher with sections in two slots: nothing to test")
            }
            // Fields that do not make an edit are said so, and nothing is checked.
            let noPlace = String(buffer: try await h.postForm("/runs/\(run.id)/edits",
                                                              [("action", "move"), ("section", timetable.sections[0].id)]).body)
            #expect(noPlace.contains("id=\"edit-problem\"") && !noPlace.contains("id=\"edit-verdict\""))
            let badSpec = String(buffer: try await h.postForm("/runs/\(run.id)/edits",
                                                              [("action", "move"), ("section", timetable.sections[0].id), ("to", "floor=3")]).body)
            #expect(badSpec.contains("id=\"edit-problem\"") && badSpec.contains("floor"))
            // A form without its CSRF token is refused.
            #expect(try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", "S999")], csrf: false).status == .forbidden)
            // Checking never changes the run's timetable.
            #expect(try Data(contentsOf: folder.appendingPathComponent("sections.csv")) == sectionsBefore)
        }
    }

    @Test func anAcceptedEditIsANewRunWrittenAsSetkaEditWritesIt() async throws {
        try await withApp { h in
            let (project, run, folder, timetable, scenario) = try await scheduledRuralDistrict(h)
            let oldFiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            let oldData = try oldFiles.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
            let runsBefore = try await h.app.store.runs(of: project.id).count

            // A refused edit cannot be accepted, whatever the form says: 422, nothing is made.
            let refused = try await h.postForm("/runs/\(run.id)/edits/accept", [("action", "close"), ("section", "S999")])
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("S999"))
            // Fields that make no edit, and a form without its CSRF token, are refused too.
            #expect(try await h.postForm("/runs/\(run.id)/edits/accept", [("action", "move"), ("section", "S001")]).status == .unprocessableContent)
            let section = try #require(timetable.sections.first {
                TimetableEditing.dryRun([.close(section: $0.id)], to: timetable, in: scenario).isAccepted
            })
            #expect(try await h.postForm("/runs/\(run.id)/edits/accept", [("action", "close"), ("section", section.id)], csrf: false).status == .forbidden)
            #expect(try await h.app.store.runs(of: project.id).count == runsBefore)

            // The checked verdict offers «Принять правку» with the same fields.
            let checked = String(buffer: try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", section.id)]).body)
            #expect(checked.contains("id=\"edit-accept\"") && checked.contains("action=\"/runs/\(run.id)/edits/accept\""))
            #expect(checked.contains("Принять правку"))
            let objectiveAfter = try #require(figure(checked, "objectiveAfter"))
            let refusedPage = String(buffer: try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", "S999")]).body)
            #expect(!refusedPage.contains("id=\"edit-accept\""))

            // Accepting queues a new run of the same version (a background job like the others),
            // done when its job has written it; the old one is unchanged.
            let accepted = try await h.postForm("/runs/\(run.id)/edits/accept", [("action", "close"), ("section", section.id)])
            #expect(accepted.status == .seeOther || accepted.status == .found)
            let location = try #require(accepted.headers[.location])
            let id = String(try #require(location.split(separator: "/").last))
            let queued = try #require(try await h.app.store.run(id))
            #expect([.queued, .running, .done].contains(queued.status))
            await h.app.jobs.waitUntilIdle()
            let edited = try #require(try await h.app.store.run(id))
            let (startedAt, endedAt) = (try #require(edited.startedAt), try #require(edited.endedAt))
            #expect(endedAt > startedAt)
            #expect(edited.id != run.id && edited.projectId == project.id && edited.versionId == run.versionId)
            #expect(edited.status == .done && edited.hasResults && edited.job == .schedule)
            #expect(edited.decodedOptions.editOf == run.id)
            #expect(try await h.app.store.runs(of: project.id).count == runsBefore + 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == oldFiles)
            #expect(try oldFiles.map { try Data(contentsOf: folder.appendingPathComponent($0)) } == oldData)

            // Its folder is what `setka edit --out` writes: the timetable passes the independent
            // checker with the verdict's objective after; edit.json and changes.csv are there.
            let target = h.app.store.folder.run(id)
            let written = try TimetableIO.read(from: target).timetable
            let check = ProfileDayChecker.check(written, in: scenario)
            #expect(check.isValid)
            #expect(close(check.objective.value, objectiveAfter))
            #expect(close(try #require(edited.objective), objectiveAfter))
            #expect(!written.sections.contains { $0.id == section.id })
            let outcome = try TimetableEditing.apply([.close(section: section.id)], to: timetable, in: scenario)
            let expected = try EditOutput.files(outcome, run: try EditOutput.run(outcome, scenarioPath: "x"), wording: Words(scenario.language),
                                                pinsFile: false)
            for name in [TimetableIO.sectionsFile, TimetableIO.enrolmentsFile, EditOutput.changesFile] {
                #expect(try Data(contentsOf: target.appendingPathComponent(name)) == expected.first { $0.name == name }?.data, "\(name)")
            }
            let report = try JSONDecoder().decode(EditReport.self, from: Data(contentsOf: target.appendingPathComponent(EditOutput.reportFile)))
            #expect(close(report.objectiveAfter, objectiveAfter))
            #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("pins.csv").path))
            // The reports and the map a profile-day run has, as its job writes them.
            let normal = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            for name in ["report.html", "report.xlsx", "csv.zip"] + normal.filter({ $0.hasSuffix(".svg") }) {
                #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent(name).path), "\(name)")
            }
            let printable = try String(contentsOf: target.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(printable.contains("<table"))

            // Its pages work like any profile-day run's, and it says whose edit it is and the time it took.
            let summary = try await h.html("/runs/\(id)")
            #expect(Tr(.ru).took(0.004) == "0,01 с" && Tr(.ru).took(0.256) == "0,26 с" && Tr(.en).took(12.4) == "12 s")
            #expect(summary.contains("<th>Время на расчёт</th><td>\(Tr(.ru).took(endedAt.timeIntervalSince(startedAt)))</td>"), "\(summary)")
            #expect(summary.contains("id=\"edit-of\"") && summary.contains("/runs/\(run.id)"))
            // An edit proves no bound of its own: it is set beside the tightest one the version's
            // runs proved (the edited run's), as the gap it leaves.
            let editedSummary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
            let bound = try #require(editedSummary["bound"] as? Double)
            let below = try #require(summary.components(separatedBy: "id=\"run-version-bound\" data-value=\"").dropFirst().first?.prefix { $0 != "\"" })
            #expect(abs(try #require(Double(String(below))) - (bound - objectiveAfter) / abs(bound) * 100) < 1e-4)
            for tab in RunPages.Tab.tabs(.schedule) where tab != .summary {
                #expect(try await h.get("/runs/\(id)/\(tab.rawValue)").status == .ok, "\(tab)")
            }
            // Whom to notify: the students whose day the edit changed, school by school, and the
            // edited section's teacher; linked from the summary. The run it edits has no such page.
            #expect(summary.contains("href=\"/runs/\(id)/notices\""))
            let notices = try await h.html("/runs/\(id)/notices")
            let changed = StableReplanning.changedStudents(timetable, written, in: scenario)
            #expect(!changed.isEmpty && bodyRows(notices, table: "notice-students") == changed.count)
            for student in changed { #expect(notices.contains("<td>\(student)</td>"), "\(student)") }
            #expect(notices.contains("<td>\(section.teacher)</td>") && notices.contains("data-print"))
            #expect(try await h.get("/runs/\(run.id)/notices").status == .notFound)

            // «Закрепить» goes with a move, an opening or an assignment: the library refuses it on a
            // close (nothing made); on a move the new run's folder has all the pins (pins.csv).
            #expect(try await h.postForm("/runs/\(run.id)/edits/accept", [("action", "close"), ("section", section.id), ("pin", "on")])
                .status == .unprocessableContent)
            #expect(try await h.app.store.runs(of: project.id).count == runsBefore + 1)
            let slots = try #require(scenario.profileDay).slots
            var move: (section: String, to: String)?
            search: for s in timetable.sections.prefix(10) {
                for slot in slots where slot.id != s.slot {
                    let to = "slot=\(slot.id)"
                    if TimetableEditing.dryRun([.move(section: s.id, to: try EditSpec.placement(to))], to: timetable, in: scenario).isAccepted {
                        move = (s.id, to); break search
                    }
                }
            }
            let (moved, to) = try #require(move, "one of the first sections of the rural district can move to another slot")
            let pinned = try await h.postForm("/runs/\(run.id)/edits/accept",
                                              [("action", "move"), ("section", moved), ("to", to), ("pin", "on")])
            #expect(pinned.status == .seeOther, "\(String(buffer: pinned.body))")
            let pinnedLocation = try #require(pinned.headers[.location])
            let pinnedID = String(try #require(pinnedLocation.split(separator: "/").last))
            await h.app.jobs.waitUntilIdle()
            #expect(try await h.app.store.run(pinnedID)?.status == .done)
            let pins = try String(contentsOf: h.app.store.folder.run(pinnedID).appendingPathComponent("pins.csv"), encoding: .utf8)
            let movedSection = try #require(timetable.sections.first { $0.id == moved })
            let slot = String(to.dropFirst("slot=".count))
            #expect(pins.split(whereSeparator: \.isNewline).dropFirst().contains {
                let f = $0.split(separator: ",", omittingEmptySubsequences: false)
                return f.count > 4 && f[0] == movedSection.course && f[4] == slot
            }, "\(pins)")
            // The pin is the project's too, as «Закрепить» on the grid makes it: a new version with
            // the run's pins, and the edited run is of that version.
            let pinnedRun = try #require(try await h.app.store.run(pinnedID))
            let versions = try await h.app.store.versions(of: project.id)
            #expect(versions.count == 2 && pinnedRun.versionId == versions[0].id && versions[0].kind == Uploads.pinsKind)
            let pinVersion = try EngineCalls.load(h.app.store.folder.resolve(versions[0].scenarioPath))
            #expect(pinVersion.pins.contains { $0.course == movedSection.course && $0.slot == slot && $0.teacher == movedSection.teacher })
            #expect(ProfileDayChecker.check(try TimetableIO.read(from: h.app.store.folder.run(pinnedID)).timetable, in: pinVersion).isValid)
        }
    }

    /// The rural district's profile day run to its end: the project, the run, its folder, its
    /// timetable and the version's scenario.
    func scheduledRuralDistrict(_ h: Harness) async throws -> (ProjectRecord, RunRecord, URL, Timetable, Scenario) {
        let project = try await h.exampleProject("rural-district")
        let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
        #expect(run.status == .done)
        let folder = h.app.store.folder.run(run.id)
        let version = try #require(try await h.app.store.version(run.versionId))
        return (project, run, folder, try TimetableIO.read(from: folder).timetable,
                try EngineCalls.load(h.app.store.folder.resolve(version.scenarioPath)))
    }

    @Test func onlyAFinishedProfileDayCanBeEdited() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("repyovka-partners")
            let run = try await h.runToEnd(project: project.id, job: "partner", timeLimit: 10)
            #expect(try await h.get("/runs/\(run.id)/edits").status == .notFound)
            #expect(try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", "S001")]).status == .notFound)
            #expect(try await h.postForm("/runs/\(run.id)/edits/accept", [("action", "close"), ("section", "S001")]).status == .notFound)
        }
    }
}
