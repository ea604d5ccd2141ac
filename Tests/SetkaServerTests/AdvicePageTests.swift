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
            // Sentences name teachers, courses and schools as the version's scenario does.
            let version = try #require(try await h.app.store.version(run.versionId))
            let names = Names(try #require(await h.app.views.scenario(version)))
            #expect(page.contains(Markup.escape(Words(.ru).adviceFigures(advice.current))))
            if advice.items.isEmpty {
                #expect(page.contains("id=\"advice-none\""))
            } else {
                #expect(bodyRows(page, table: "advice") == advice.items.count)
                // No column of variant files here (each change has its button); advice.html keeps it.
                #expect(!page.contains(Words(.ru)[AdviceLabel.adviceVariantFile]))
                #expect(String(decoding: try Data(contentsOf: folder.appendingPathComponent(AdviceOutput.htmlFile)), as: UTF8.self)
                    .contains(Words(.ru)[AdviceLabel.adviceVariantFile]))
                for item in advice.items {
                    #expect(page.contains(Markup.escape(Words(.ru, names: names).sentence(item, in: advice))))
                    #expect(page.contains("data-value=\"\(item.studentsGained)\""))
                    // Each change is a what-if variant that loads against the uploaded scenario.
                    let variant = try VariantLoader.load(from: folder.appendingPathComponent(item.variantFile))
                    #expect(!variant.report.effects.isEmpty)
                }
                let english = String(buffer: try await h.get("/runs/\(id)", headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
                #expect(english.contains(Markup.escape(Words(.en, names: names).sentence(advice.items[0], in: advice))))
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

    /// `Tests/Fixtures/one-slot`'s files, as a coordinator would zip the folder: one school
    /// where course B's only teacher is free in slot 1 only, so 15 of the 40 students who all
    /// choose B, then A, get A alone; advice finds "tB also in slot 2" for certain. (The browser
    /// test uploads the same folder.)
    static func oneSlotShort() throws -> [(String, Data)] {
        let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/one-slot")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    @Test func anAdvicesChangeBecomesAVariantOfTheProject() async throws {
        try await withApp(examples: false) { h in
            #expect(try await h.upload("/projects", file: try zip(try Self.oneSlotShort())).status == .seeOther)
            let project = try #require(try await h.app.store.projects().first)
            let schedule = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            #expect(schedule.status == .done)
            let started = try await h.postForm("/runs/\(schedule.id)/advise", [("time_limit", "15")])
            let id = String(try #require(started.headers[.location]).dropFirst("/runs/".count))
            await h.app.jobs.waitUntilIdle()
            let run = try #require(try await h.app.store.run(id))
            #expect(run.status == .done, "\(run.message ?? "")")
            let folder = h.app.store.folder.run(id)
            let advice = try #require(AdviceOutput.read(folder))
            #expect(advice.items.first?.change == .teacherSlot(teacher: "tB", slot: "2", slots: ["1", "2"], maxSections: nil))
            let page = try await h.html("/runs/\(id)")
            let english = String(buffer: try await h.get("/runs/\(id)", headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
            #expect(english.contains(">Make a variant</button>"))
            // The teacher by name and id, as the scenario's teachers.csv gives them.
            #expect(page.contains("Если педагог В (tB) сможет вести занятие в слоте 2"))
            #expect(english.contains("If teacher В (tB) can teach in slot 2"))

            // «Создать вариант»: the best change becomes a variant of the project, of the
            // advice's version, that loads with the change the advice verified and runs in a
            // comparison like one built in the form.
            #expect(page.contains("action=\"/runs/\(id)/advice/variant\"") && page.contains(">Создать вариант</button>"))
            #expect(try await h.postForm("/runs/\(id)/advice/variant", [("rank", "1")], csrf: false).status == .forbidden)
            #expect(try await h.postForm("/runs/\(id)/advice/variant", [("rank", "999")]).status == .unprocessableContent)
            #expect(try await h.postForm("/runs/\(schedule.id)/advice/variant", [("rank", "1")]).status == .notFound)
            let made = try await h.postForm("/runs/\(id)/advice/variant", [("rank", "1")])
            #expect(made.status == .seeOther, "\(String(buffer: made.body))")
            let variantID = String(try #require(made.headers[.location]).dropFirst("/variants/".count))
            let variant = try #require(try await h.app.store.variant(variantID))
            #expect(variant.valid && variant.projectId == project.id && variant.versionId == run.versionId
                    && variant.origin == VariantRecord.adviceOrigin)
            #expect(variant.name == "Совет 1: педагог В (tB) сможет вести занятие в слоте 2")
            let loaded = try VariantLoader.load(from: h.app.store.folder.resolve(variant.path))
            let original = try VariantLoader.load(from: folder.appendingPathComponent(advice.items[0].variantFile))
            #expect(loaded.report.effects == original.report.effects)
            #expect(loaded.loaded.scenario.students == original.loaded.scenario.students)
            #expect(try await h.html("/projects/\(project.id)/variants").contains("из советов"))
            let compare = try await h.postForm("/projects/\(project.id)/compare", [("variant", variantID), ("time_limit", "6")])
            #expect(compare.status == .seeOther)
            await h.app.jobs.waitUntilIdle()
            let compareLocation = try #require(compare.headers[.location])
            let compared = try #require(try await h.app.store.run(String(compareLocation.dropFirst("/runs/".count))))
            #expect(compared.status == .done, "\(compared.message ?? "")")
        }
    }
}
