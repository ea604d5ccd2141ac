import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing
@testable import SetkaServer

@Suite struct APITests {
    func object(_ r: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any], "\(String(buffer: r.body))")
    }

    @Test func projectsAreCreatedListedAndShown() async throws {
        try await withApp(examples: false) { h in
            let created = try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "rural.zip")
            #expect(created.status == .created)
            let body = try object(created)
            let id = try #require(body["id"] as? String)
            let version = try #require(body["version"] as? String)
            let validation = try #require(body["validation"] as? [String: Any])
            #expect(validation["valid"] as? Bool == true)
            #expect((validation["facts"] as? [String: Any])?["students"] as? Int == 122)
            #expect(Ids.isValid(id) && Ids.isValid(version))

            let list = try #require(try await h.json("/api/projects") as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list[0]["id"] as? String == id)
            // Named as its scenario.yaml names it, not after the file (UploadTests: one that gives
            // no name is named after the file).
            #expect(list[0]["name"] as? String == "Ольховский муниципальный район — профильный день (пример)")
            #expect((list[0]["latest_version"] as? [String: Any])?["id"] as? String == version)

            // The next upload is the next version; nothing is overwritten.
            let next = try await h.upload("/api/projects/\(id)/versions", file: try zipFolder(ruralDistrict), name: "rural-2.zip")
            #expect(next.status == .created)
            let v2 = try #require(try object(next)["version"] as? String)
            let project = try #require(try await h.json("/api/projects/\(id)") as? [String: Any])
            let versions = try #require(project["versions"] as? [[String: Any]])
            #expect(versions.map { $0["number"] as? Int } == [2, 1])
            #expect(versions.map { $0["id"] as? String } == [v2, version])
            #expect(FileManager.default.fileExists(atPath: h.app.store.folder.upload(version).appendingPathComponent("upload.zip").path))
            #expect(FileManager.default.fileExists(atPath: h.app.store.folder.upload(v2).appendingPathComponent("upload.zip").path))
        }
    }

    @Test func uploadErrorsHaveTheirStatuses() async throws {
        try await withApp(examples: false) { h in
            // No file field.
            #expect(try await h.upload("/api/projects", file: Data("x".utf8), field: "other").status == .badRequest)
            // Not multipart.
            #expect(try await h.postJSON("/api/projects", "{}").status == .unsupportedMediaType)
            // Not a workbook or ZIP.
            let notZip = try await h.upload("/api/projects", file: Data("id,name\n".utf8), name: "schools.csv")
            #expect(notZip.status == .unsupportedMediaType)
            #expect(try object(notZip)["error"] as? String != nil)
            // An unsafe ZIP.
            let evil = try zip([("scenario.yaml", Data("format: setka/1\n".utf8)), ("../../evil.txt", Data("x".utf8))])
            #expect(try await h.upload("/api/projects", file: evil).status == .unprocessableContent)
            // A ZIP without a scenario.
            #expect(try await h.upload("/api/projects", file: try zip([("a.txt", Data("a".utf8))])).status == .unprocessableContent)
            #expect(try await h.upload("/api/projects/aaaaaaaaaaaa/versions", file: try zipFolder(ruralDistrict)).status == .notFound)
            #expect(try await h.app.store.projects().isEmpty)
        }
    }

    @Test func aScheduleRunsToTheEndWithItsFiles() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            #expect(run.status == .done, "\(run.message ?? "")")
            let body = try #require(try await h.json("/api/runs/\(run.id)") as? [String: Any])
            #expect(body["status"] as? String == "done")
            #expect(body["page"] as? String == "/runs/\(run.id)")
            #expect(body["job"] as? String == "schedule")
            let summary = try #require(body["summary"] as? [String: Any])
            let progress = try #require(body["progress"] as? [String: Any])
            #expect(progress["elapsed"] as? Double != nil)
            // The summary is the run's summary.json, as `setka schedule` writes it.
            let file = try await h.get("/api/runs/\(run.id)/files/summary.json")
            #expect(file.status == .ok)
            let written = try #require(try JSONSerialization.jsonObject(with: Data(buffer: file.body)) as? [String: Any])
            #expect(written["objective"] as? Double == summary["objective"] as? Double)
            #expect(summary["verified"] as? Bool == true)
            #expect(summary["studentsTotal"] as? Int == 122)
            let files = try #require(try await h.json("/api/runs/\(run.id)/files") as? [[String: Any]]).compactMap { $0["name"] as? String }
            for name in ["sections.csv", "enrolments.csv", "summary.json", "courses-not-opened.csv", "students-short.csv",
                         "timetable-students.csv", "timetable-teachers.csv", "timetable-sites.csv", "timetable-schools.csv",
                         "report.html", "report.xlsx", "map.svg", "csv.zip"] {
                #expect(files.contains(name), "\(name)")
            }
            let sections = try await h.get("/api/runs/\(run.id)/files/sections.csv")
            #expect(String(buffer: sections.body).contains("section,course,teacher"))
            // The event stream of an ended run says so at once.
            let events = try await h.get("/api/runs/\(run.id)/events")
            #expect(events.headers[.contentType] == "text/event-stream")
            let text = String(buffer: events.body)
            #expect(text.contains("event: progress") && text.contains("event: end\ndata: {\"status\":\"done\"}"))
        }
    }

    @Test func aPartnerRunRunsToTheEnd() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("repyovka-partners")
            let run = try await h.runToEnd(project: project.id, job: "partner", timeLimit: 10)
            #expect(run.status == .done, "\(run.message ?? "")")
            let summary = try #require(JSONValue.parse(run.summary))
            #expect(summary["status"]?.string == "optimal")
            let files = try #require(try await h.json("/api/runs/\(run.id)/files") as? [[String: Any]]).compactMap { $0["name"] as? String }
            for name in ["partners.csv", "appendix.md", "partners-summary.json", "report.html", "map.svg", "csv.zip"] { #expect(files.contains(name), "\(name)") }
        }
    }

    @Test func runRequestsAreChecked() async throws {
        try await withApp { h in
            let rural = try await h.exampleProject("rural-district")
            let partners = try await h.exampleProject("repyovka-partners")
            let uri = "/api/projects/\(rural.id)/runs"
            #expect(try await h.postJSON(uri, "not json").status == .badRequest)
            #expect(try await h.postJSON(uri, #"{"job":"dance"}"#).status == .badRequest)
            #expect(try await h.postJSON(uri, #"{"job":"schedule","time_limit":0}"#).status == .badRequest)
            // A field the API does not know is refused by name, not ignored (the run would take 60 s).
            let unknown = try await h.postJSON(uri, #"{"job":"schedule","timeLimit":10}"#)
            let said = (try JSONSerialization.jsonObject(with: Data(buffer: unknown.body)) as? [String: Any])?["error"] as? String ?? ""
            #expect(unknown.status == .badRequest && said.contains("unknown field \"timeLimit\"") && said.contains("\"time_limit\""), "\(said)")
            #expect(try await h.postJSON(uri, #"{"job":"schedule","time_limit":100000}"#).status == .badRequest)
            #expect(try await h.postJSON(uri, #"{"job":"compare","time_limit":10}"#).status == .badRequest)
            #expect(try await h.postJSON(uri, #"{"job":"schedule","version":"../../x"}"#).status == .unprocessableContent)
            #expect(try await h.postJSON(uri, #"{"job":"schedule","version":"aaaaaaaaaaaa"}"#).status == .unprocessableContent)
            #expect(try await h.postJSON(uri, #"{"job":"schedule","keep":"aaaaaaaaaaaa"}"#).status == .unprocessableContent)
            #expect(try await h.postJSON("/api/projects/\(partners.id)/runs", #"{"job":"schedule","time_limit":5}"#).status == .unprocessableContent)
            #expect(try await h.postJSON("/api/projects/aaaaaaaaaaaa/runs", #"{"job":"schedule"}"#).status == .notFound)
            #expect(try await h.client.execute(uri: uri, method: .post, headers: [.contentType: "text/plain"]).status == .unsupportedMediaType)
            #expect(try await h.app.store.runs(of: rural.id).isEmpty)
            #expect(try await h.get("/api/runs/aaaaaaaaaaaa").status == .notFound)
            #expect(try await h.get("/api/runs/nonsense").status == .notFound)
            let missing = try await h.get("/api/nothing-here")
            #expect(missing.status == .notFound)
            #expect(try object(missing)["error"] != nil)
        }
    }

    @Test func cancellingAQueuedARunningAndAnEndedRun() async throws {
        try await withApp(slots: 1) { h in
            let project = try await h.exampleProject("rural-district")
            func start(_ seconds: Int) async throws -> String {
                let r = try await h.postJSON("/api/projects/\(project.id)/runs", #"{"job":"schedule","time_limit":\#(seconds)}"#)
                return try #require(try object(r)["id"] as? String)
            }
            let first = try await start(60)
            let second = try await start(60)
            // One slot: the second waits.
            let queued = try #require(try await h.json("/api/runs/\(second)") as? [String: Any])
            #expect(queued["status"] as? String == "queued")
            #expect(queued["queue_position"] as? Int == 1)
            let dropped = try await h.client.execute(uri: "/api/runs/\(second)", method: .delete)
            #expect(dropped.status == .ok)
            #expect(try await h.app.store.run(second)?.status == .cancelled)
            #expect(try await h.app.store.run(second)?.hasResults == false)
            // The first is running: wait for its search, then stop it; it keeps its best.
            for _ in 0..<200 where h.app.jobs.progress(first)?.phase != "search" { try await Task.sleep(for: .milliseconds(50)) }
            let stopping = try await h.client.execute(uri: "/api/runs/\(first)", method: .delete)
            #expect(stopping.status == .accepted)
            await h.app.jobs.waitUntilIdle()
            let stopped = try #require(try await h.app.store.run(first))
            #expect(stopped.status == .cancelled)
            #expect(stopped.hasResults)
            #expect(JSONValue.parse(stopped.summary)?["verified"] == .bool(true))
            // Said in the page's language: kept, or cancelled before it started.
            #expect(try await h.html("/runs/\(first)").contains("сохранён лучший проверенный результат"))
            #expect(try await h.html("/runs/\(second)").contains("Расчёт отменён до начала."))
            let english = String(buffer: try await h.get("/runs/\(first)", headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
            #expect(english.contains("The run was stopped on request: the best verified result found until then is kept."))
            #expect(try await h.client.execute(uri: "/api/runs/\(first)", method: .delete).status == .conflict)
            #expect(try await h.client.execute(uri: "/api/runs/aaaaaaaaaaaa", method: .delete).status == .notFound)
        }
    }

    @Test func aServerStoppingMidRunKeepsTheBestAsInterrupted() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let r = try await h.postJSON("/api/projects/\(project.id)/runs", #"{"job":"schedule","time_limit":300}"#)
            let id = try #require(try object(r)["id"] as? String)
            for _ in 0..<200 where h.app.jobs.progress(id)?.phase != "search" { try await Task.sleep(for: .milliseconds(50)) }
            h.app.jobs.shutdown()
            await h.app.jobs.waitUntilIdle()
            let run = try #require(try await h.app.store.run(id))
            #expect(run.status == .interrupted)
            #expect(run.hasResults)
            #expect(run.message?.contains("best verified") == true)
            #expect(try await h.html("/runs/\(id)").contains("Расчёт прерван: сервер был остановлен. Сохранён лучший проверенный результат"))
            #expect(FileManager.default.fileExists(atPath: h.app.store.folder.run(id).appendingPathComponent("sections.csv").path))
        }
    }

    @Test func theOpenAPIDocumentDescribesTheEndpoints() async throws {
        try await withApp(examples: false) { h in
            let doc = try #require(try await h.json("/api/openapi.json") as? [String: Any])
            #expect((doc["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(doc["paths"] as? [String: Any])
            for p in ["/api/projects", "/api/projects/{id}", "/api/projects/{id}/runs", "/api/runs/{id}", "/api/runs/{id}/files/{name}",
                      "/api/runs/{id}/events", "/api/openapi.json"] {
                #expect(paths[p] != nil, "\(p)")
            }
            let run = try #require((paths["/api/runs/{id}"] as? [String: Any])?["delete"])
            #expect((run as? [String: Any])?["responses"] != nil)
        }
    }

    @Test func aRunLeftRunningByAStoppedServerIsInterruptedAndQueuedOnesRun() async throws {
        let data = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let ids = Mutex((running: "", queued: ""))
        try await withApp(data: data) { h in
            let project = try await h.exampleProject("rural-district")
            let versions = try await h.app.store.versions(of: project.id)
            func record(_ status: RunStatus) -> RunRecord {
                RunRecord(id: Ids.make(), projectId: project.id, versionId: versions[0].id, job: .schedule, status: status, timeLimit: 2,
                          createdAt: Date(), startedAt: status == .running ? Date() : nil, endedAt: nil, progress: nil, summary: nil,
                          message: nil, options: nil, hasResults: false, objective: nil)
            }
            // As a server killed in the middle leaves them (never given to this server's queue).
            let running = record(.running), queued = record(.queued)
            try await h.app.store.insert(run: running)
            try await h.app.store.insert(run: queued)
            ids.withLock { $0 = (running.id, queued.id) }
        }
        // The examples are not loaded twice; the running run is interrupted, the queued one runs.
        let (running, queued) = ids.withLock { $0 }
        try await withApp(data: data) { h in
            #expect(try await h.app.store.projects().count == exampleCount)
            await h.app.jobs.waitUntilIdle()
            let interrupted = try #require(try await h.app.store.run(running))
            #expect(interrupted.status == .interrupted)
            let page = try await h.html("/runs/\(running)")
            #expect(page.contains("прерван"))
            #expect(page.contains("сервер остановился во время расчёта, результатов нет"))
            #expect(try await h.app.store.run(queued)?.status == .done)
        }
    }
}
