import Foundation
import HTTPTypes
import HummingbirdTesting
import Scenarios
import SetkaModel
import Testing
import Wording
@testable import SetkaServer

/// Советы: `setka advise` on a finished profile day, as a background job with its page.
@Suite struct AdvicePageTests {
    @Test func adviceOnAFinishedTimetableIsFoundVerifiedAndShown() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            // A short solve, which often leaves a few students short: something for advice to find.
            let schedule = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 1)
            #expect(schedule.status == .done)
            #expect(try await h.html("/runs/\(schedule.id)").contains("id=\"advise-form\""))

            // Started from the run's page; a form without its token is refused.
            #expect(try await h.postForm("/runs/\(schedule.id)/advise", [("time_limit", "20")], csrf: false).status == .forbidden)
            let started = try await h.postForm("/runs/\(schedule.id)/advise", [("time_limit", "20")])
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let id = String(location.dropFirst("/runs/".count))
            await h.app.jobs.waitUntilIdle()
            let run = try #require(try await h.app.store.run(id))
            #expect(run.job == .advise && run.status == .done, "\(run.status): \(run.message ?? "")")
            #expect(run.decodedOptions.from == schedule.id)

            // The page shows what advice.json holds: every verified change as its sentence with its gains.
            let folder = h.app.store.folder.run(id)
            let advice = try #require(AdviceOutput.read(folder))
            let page = try await h.html("/runs/\(id)")
            #expect(page.contains(Markup.escape(Words(.ru).adviceFigures(advice.current))))
            if advice.items.isEmpty {
                #expect(page.contains("id=\"advice-none\""))
            } else {
                #expect(bodyRows(page, table: "advice") == advice.items.count)
                for item in advice.items {
                    #expect(page.contains(Markup.escape(Words(.ru).sentence(item, in: advice))))
                    #expect(page.contains("data-value=\"\(item.studentsGained)\""))
                    // Each change is a what-if variant that loads against the uploaded scenario.
                    let variant = try VariantLoader.load(from: folder.appendingPathComponent(item.variantFile))
                    #expect(!variant.report.effects.isEmpty)
                }
                let english = String(buffer: try await h.get("/runs/\(id)", headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
                #expect(english.contains(Markup.escape(Words(.en).sentence(advice.items[0], in: advice))))
            }
            for name in ["advice.csv", "advice.json", "advice.html"] {
                #expect(try await h.get("/runs/\(id)/files/\(name)").status == .ok, "\(name)")
            }
        }
    }

    @Test func adviceNeedsAFinishedProfileDayOfTheProject() async throws {
        try await withApp { h in
            let rural = try await h.exampleProject("rural-district")
            #expect(try await h.postJSON("/api/projects/\(rural.id)/runs", #"{"job": "advise", "time_limit": 10}"#).status == .badRequest)
            #expect(try await h.postJSON("/api/projects/\(rural.id)/runs", #"{"job": "schedule", "time_limit": 10, "from": "aaaaaaaaaaaa"}"#).status == .badRequest)
            #expect(try await h.postJSON("/api/projects/\(rural.id)/runs", #"{"job": "advise", "time_limit": 10, "from": "aaaaaaaaaaaa"}"#).status == .unprocessableContent)
            let partners = try await h.exampleProject("repyovka-partners")
            let partnerRun = try await h.runToEnd(project: partners.id, job: "partner", timeLimit: 10)
            #expect(try await h.postJSON("/api/projects/\(partners.id)/runs", #"{"job": "advise", "time_limit": 10, "from": "\#(partnerRun.id)"}"#).status == .unprocessableContent)
            // A finished schedule of another project is not this project's.
            let schedule = try await h.runToEnd(project: rural.id, job: "schedule", timeLimit: 2)
            #expect(try await h.postJSON("/api/projects/\(partners.id)/runs", #"{"job": "advise", "time_limit": 10, "from": "\#(schedule.id)"}"#).status == .unprocessableContent)
            // The form does not start advice by itself.
            #expect(try await h.postForm("/projects/\(rural.id)/runs", [("job", "advise"), ("time_limit", "10")]).status == .badRequest)
        }
    }
}
