import Foundation
import HTTPTypes
import HummingbirdTesting
import ProfileDay
import SetkaModel
import Testing
import Wording
@testable import SetkaServer

/// Правка вручную: a hand edit checked as `setka edit --dry-run` checks it, the verdict on the page.
@Suite struct EditPageTests {
    @Test func anEditIsCheckedOnTheRunsTimetableAndItsVerdictShown() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            #expect(run.status == .done)
            let folder = h.app.store.folder.run(run.id)
            let timetable = try TimetableIO.read(from: folder).timetable
            let version = try #require(try await h.app.store.version(run.versionId))
            let scenario = try EngineCalls.load(h.app.store.folder.resolve(version.scenarioPath))
            let sectionsBefore = try Data(contentsOf: folder.appendingPathComponent("sections.csv"))

            // The form lists every section of the timetable.
            let form = try await h.html("/runs/\(run.id)/edits")
            #expect(form.contains("id=\"edit-form\""))
            #expect(form.components(separatedBy: "<datalist id=\"sections\">")[1].components(separatedBy: "</datalist>")[0]
                .components(separatedBy: "<option ").count - 1 == timetable.sections.count)

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
                    #expect(page.contains(Markup.escape(Words(.ru).refusal(refusal))))
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

    @Test func onlyAFinishedProfileDayCanBeEdited() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("repyovka-partners")
            let run = try await h.runToEnd(project: project.id, job: "partner", timeLimit: 10)
            #expect(try await h.get("/runs/\(run.id)/edits").status == .notFound)
            #expect(try await h.postForm("/runs/\(run.id)/edits", [("action", "close"), ("section", "S001")]).status == .notFound)
        }
    }
}
