import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SetkaServer

/// «Удалить расчёт» and «Удалить проект»: what is deleted goes with its folders; a run still
/// going and a bundled example are refused with a reason; nothing else is touched.
@Suite struct DeleteTests {
    /// The form's ticked box «да, удалить …».
    static let sure = [("confirm", "yes")]

    /// The id of the project an upload created.
    static func id(_ r: TestResponse) -> String {
        ((try? JSONSerialization.jsonObject(with: Data(buffer: r.body))) as? [String: Any])?["id"] as? String ?? ""
    }

    @Test func aFinishedRunIsDeletedWithItsFilesAndTheRestStays() async throws {
        try await withApp(examples: false) { h in
            let project = Self.id(try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "rural.zip"))
            let kept = try await h.runToEnd(project: project, job: "schedule", timeLimit: 2)
            let run = try await h.runToEnd(project: project, job: "schedule", timeLimit: 2)
            let folder = h.app.store.folder.run(run.id)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sections.csv").path))
            let page = try await h.html("/runs/\(run.id)")
            #expect(page.contains("id=\"delete-run\"") && page.contains("name=\"confirm\" value=\"yes\" required"))

            // Without the form's token, or without its box ticked: refused, nothing deleted.
            #expect(try await h.postForm("/runs/\(run.id)/delete", Self.sure, csrf: false).status == .forbidden)
            let unticked = try await h.postForm("/runs/\(run.id)/delete", [])
            #expect(unticked.status == .badRequest && String(buffer: unticked.body).contains("отметьте «да, удалить»"))
            #expect(try await h.app.store.run(run.id) != nil)

            let r = try await h.postForm("/runs/\(run.id)/delete", Self.sure)
            #expect(r.status == .seeOther && r.headers[.location] == "/projects/\(project)")
            #expect(try await h.app.store.run(run.id) == nil)
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            #expect(try await h.get("/runs/\(run.id)").status == .notFound)
            #expect(!(try await h.html("/projects/\(project)")).contains("/runs/\(run.id)"))
            // The other run, the project and its data are as they were.
            #expect(try await h.app.store.run(kept.id)?.status == .done)
            #expect(FileManager.default.fileExists(atPath: h.app.store.folder.run(kept.id).appendingPathComponent("sections.csv").path))
            // Again: it is gone already.
            #expect(try await h.postForm("/runs/\(run.id)/delete", Self.sure).status == .notFound)
        }
    }

    @Test func aProjectIsDeletedWithItsVersionsVariantsAndRuns() async throws {
        try await withApp(examples: false) { h in
            let other = Self.id(try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "other.zip"))
            let project = Self.id(try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "rural.zip"))
            let version = try #require(try await h.app.store.versions(of: project).first)
            let made = try await h.postForm("/projects/\(project)/variants", [("version", version.id), ("name", "Без T02"), ("remove_teacher", "T02")])
            #expect(made.status == .seeOther)
            let variant = try #require(try await h.app.store.variants(of: project).first { $0.origin == VariantRecord.formOrigin })
            let run = try await h.runToEnd(project: project, job: "schedule", timeLimit: 2)
            let folders = [h.app.store.folder.upload(version.id), h.app.store.folder.variant(variant.id), h.app.store.folder.run(run.id)]
            #expect(folders.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
            #expect(try await h.html("/projects/\(project)").contains("id=\"delete-project\""))

            let r = try await h.postForm("/projects/\(project)/delete", Self.sure)
            #expect(r.status == .seeOther && r.headers[.location] == "/")
            #expect(try await h.app.store.project(project) == nil)
            #expect(try await h.app.store.version(version.id) == nil)
            #expect(try await h.app.store.variant(variant.id) == nil)
            #expect(try await h.app.store.run(run.id) == nil)
            for f in folders { #expect(!FileManager.default.fileExists(atPath: f.path), "\(f.path)") }
            #expect(try await h.get("/projects/\(project)").status == .notFound)
            // The other project is untouched.
            #expect(try await h.app.store.project(other) != nil)
            let otherVersion = try #require(try await h.app.store.versions(of: other).first)
            #expect(FileManager.default.fileExists(atPath: h.app.store.folder.upload(otherVersion.id).path))
        }
    }

    @Test func aRunStillGoingAndABundledExampleAreRefusedWithAReason() async throws {
        try await withApp { h in
            let example = try await h.exampleProject("rural-district")
            #expect(!(try await h.html("/projects/\(example.id)")).contains("id=\"delete-project\""))
            let refused = try await h.postForm("/projects/\(example.id)/delete", Self.sure)
            #expect(refused.status == .conflict)
            #expect(String(buffer: refused.body).contains("Пример, поставляемый с Setka, не удаляется"))
            #expect(try await h.app.store.project(example.id) != nil)

            // A long run kept close to a finished one: neither it, nor the run it reads, nor its
            // project can be deleted until it has stopped.
            let project = Self.id(try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "rural.zip"))
            let published = try await h.runToEnd(project: project, job: "schedule", timeLimit: 2)
            let started = try await h.postJSON("/api/projects/\(project)/runs", #"{"job": "schedule", "time_limit": 600, "keep": "\#(published.id)"}"#)
            let run = try #require((try JSONSerialization.jsonObject(with: Data(buffer: started.body)) as? [String: Any])?["id"] as? String)
            let busy = try await h.postForm("/runs/\(run)/delete", Self.sure)
            #expect(busy.status == .conflict)
            #expect(String(buffer: busy.body).contains("сначала остановите его"))
            #expect(try await h.postForm("/runs/\(published.id)/delete", Self.sure).status == .conflict)
            #expect(try await h.postForm("/projects/\(project)/delete", Self.sure).status == .conflict)
            #expect(try await h.app.store.run(run) != nil)
            #expect(try await h.app.store.project(project) != nil)
            _ = try await h.app.jobs.cancel(run)
            await h.app.jobs.waitUntilIdle()
            #expect(try await h.postForm("/projects/\(project)/delete", Self.sure).status == .seeOther)
            #expect(try await h.app.store.project(project) == nil)
        }
    }

    @Test func aVariantIsDeletedAndTheComparisonsItWasInStay() async throws {
        try await withApp(examples: false) { h in
            let project = Self.id(try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "rural.zip"))
            let version = try #require(try await h.app.store.versions(of: project).first)
            _ = try await h.postForm("/projects/\(project)/variants", [("version", version.id), ("name", "Без T02"), ("remove_teacher", "T02")])
            let variants = try await h.app.store.variants(of: project)
            let built = try #require(variants.first { $0.origin == VariantRecord.formOrigin })
            let came = try #require(variants.first { $0.origin == VariantRecord.uploadOrigin })
            #expect(try await h.html("/variants/\(built.id)").contains("id=\"delete-variant\""))

            // Not while a comparison with it is going.
            let compare = try await h.postForm("/projects/\(project)/compare", [("variant", built.id), ("time_limit", "600")])
            #expect(compare.status == .seeOther)
            let run = try #require(try await h.app.store.runs(of: project).first { $0.job == .compare })
            #expect(try await h.postForm("/variants/\(built.id)/delete", Self.sure).status == .conflict)
            _ = try await h.app.jobs.cancel(run.id)
            await h.app.jobs.waitUntilIdle()

            let r = try await h.postForm("/variants/\(built.id)/delete", Self.sure)
            #expect(r.status == .seeOther && r.headers[.location] == "/projects/\(project)/variants")
            #expect(try await h.app.store.variant(built.id) == nil)
            #expect(!FileManager.default.fileExists(atPath: h.app.store.folder.variant(built.id).path))
            // The comparison it was in still shows (its legend then names the files it read).
            #expect(try await h.get("/runs/\(run.id)").status == .ok)
            // One that came with the data: its record goes, the upload is never changed.
            #expect(try await h.postForm("/variants/\(came.id)/delete", Self.sure).status == .seeOther)
            #expect(try await h.app.store.variant(came.id) == nil)
            #expect(FileManager.default.fileExists(atPath: h.app.store.folder.resolve(came.path).path))
        }
    }

    /// The JSON API: `DELETE /api/projects/{id}`, and `DELETE /api/runs/{id}?remove=true` for an
    /// ended run (without it, DELETE cancels).
    @Test func theAPIDeletesAProjectAndAnEndedRun() async throws {
        try await withApp(slots: 1) { h in
            let project = Self.id(try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "rural.zip"))
            let kept = try await h.runToEnd(project: project, job: "schedule", timeLimit: 2)
            let run = try await h.runToEnd(project: project, job: "schedule", timeLimit: 2)
            let folder = h.app.store.folder.run(run.id)
            func delete(_ uri: String) async throws -> TestResponse { try await h.client.execute(uri: uri, method: .delete) }
            // Ended, so no cancelling it; a value of remove it does not know is refused.
            let ended = try await delete("/api/runs/\(run.id)")
            #expect(ended.status == .conflict && String(buffer: ended.body).contains("remove=true"))
            #expect(try await delete("/api/runs/\(run.id)?remove=perhaps").status == .badRequest)
            #expect(try await delete("/api/runs/\(run.id)?remove=false").status == .conflict)
            let removed = try await delete("/api/runs/\(run.id)?remove=true")
            #expect(removed.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: removed.body)) as? [String: Any])
            #expect(body["id"] as? String == run.id && body["deleted"] as? Bool == true)
            #expect(try await h.app.store.run(run.id) == nil && !FileManager.default.fileExists(atPath: folder.path))
            #expect(try await h.get("/api/runs/\(run.id)").status == .notFound)
            #expect(try await delete("/api/runs/\(run.id)?remove=true").status == .notFound)
            #expect(try await h.app.store.run(kept.id)?.status == .done)

            // A run going: neither it nor its project is removed (cancelling it still works).
            let going = try await h.postJSON("/api/projects/\(project)/runs", #"{"job":"schedule","time_limit":600}"#)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(buffer: going.body)) as? [String: Any])?["id"] as? String)
            #expect(try await delete("/api/runs/\(id)?remove=true").status == .conflict)
            #expect(try await delete("/api/projects/\(project)").status == .conflict)
            #expect(try await h.app.store.run(id) != nil)
            #expect(try await h.app.store.project(project) != nil)
            _ = try await h.app.jobs.cancel(id)
            await h.app.jobs.waitUntilIdle()

            // A bundled example is not deleted; the project is, with everything in it.
            let example = try await h.exampleProject("rural-district")
            #expect(try await delete("/api/projects/\(example.id)").status == .conflict)
            let gone = try await delete("/api/projects/\(project)")
            #expect(gone.status == .ok && String(buffer: gone.body).contains("\"deleted\":true"))
            #expect(try await h.app.store.project(project) == nil)
            #expect(try await h.app.store.run(kept.id) == nil)
            #expect(!FileManager.default.fileExists(atPath: h.app.store.folder.run(kept.id).path))
            #expect(try await h.get("/api/projects/\(project)").status == .notFound)
            #expect(try await delete("/api/projects/\(project)").status == .notFound)
            #expect(try await delete("/api/projects/aaaaaaaaaaaa").status == .notFound)
        }
    }
}
