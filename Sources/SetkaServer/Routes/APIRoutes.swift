import Foundation
import Hummingbird
import SetkaModel
import NIOCore
import Wording

/// The JSON API, described by `/api/openapi.json` (`OpenAPIDocument`).
struct APIRoutes {
    let app: SetkaApp

    // MARK: - shapes

    struct APIVersion: Encodable {
        var id: String, number: Int, created: Date, file: String, kind: String, valid: Bool, validation: Validation
    }
    struct APIProject: Encodable {
        var id: String, name: String, created: Date, example: String?
        var latestVersion: APIVersion?
        var versions: [APIVersion]?
        var runs: [APIRun]?
        enum CodingKeys: String, CodingKey { case id, name, created, example, latestVersion = "latest_version", versions, runs }
    }
    struct APICreated: Encodable {
        var id: String, version: String, validation: Validation
    }
    struct APIRun: Encodable {
        var id: String, project: String, version: String, job: JobKind, status: RunStatus
        var timeLimit: Double
        var created: Date, started: Date?, ended: Date?
        var progress: RunProgress?
        var objective: Double?
        var message: String?
        var queuePosition: Int?
        var page: String
        var files: String
        enum CodingKeys: String, CodingKey {
            case id, project, version, job, status, timeLimit = "time_limit", created, started, ended, progress, objective, message
            case queuePosition = "queue_position", page, files
        }
    }
    /// A timetable made elsewhere, checked against a version (`POST /api/projects/{id}/check`).
    struct APICheck: Encodable {
        var valid: Bool
        var version: String
        /// The names the files were sent under.
        var files: [String]
        /// Recomputed by the checker (nil when the files could not be read).
        var objective: Double?
        var violations: [ViolationFinding]
        /// What could not be read, with file, line and column (or sheet and cell).
        var errors: [Finding]
        var warnings: [Finding]
        /// The run it became when `import` was asked and it keeps every rule.
        var run: String?
        var page: String?
    }
    /// What a DELETE that removed something answers.
    struct APIDeleted: Encodable {
        var id: String, deleted = true
    }
    struct RunRequest: Decodable {
        var job: JobKind
        var timeLimit: Double?
        var version: String?
        var keep: String?
        var variants: [String]?
        var from: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case job, timeLimit = "time_limit", version, keep, variants, from }
    }

    static func version(_ v: VersionRecord) -> APIVersion {
        APIVersion(id: v.id, number: v.number, created: v.createdAt, file: v.originalName, kind: v.kind, valid: v.valid,
                   validation: v.decodedValidation)
    }

    func run(_ r: RunRecord) -> APIRun {
        APIRun(id: r.id, project: r.projectId, version: r.versionId, job: r.job, status: r.status, timeLimit: r.timeLimit,
               created: r.createdAt, started: r.startedAt, ended: r.endedAt, progress: app.jobs.progress(r.id) ?? r.decodedProgress,
               objective: r.objective, message: r.message, queuePosition: app.jobs.position(r.id),
               page: "/runs/\(r.id)", files: "/api/runs/\(r.id)/files")
    }

    // MARK: - routes

    func add(to router: Router<AppContext>) {
        let api = router.group("api")
        api.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        api.get("projects") { _, _ in
            let latest = try await app.store.latestVersions()
            let list = try await app.store.projects().map {
                APIProject(id: $0.id, name: $0.name, created: $0.createdAt, example: $0.example, latestVersion: latest[$0.id].map(Self.version))
            }
            return JSONResponse.make(list)
        }
        api.post("projects") { request, context in
            let file = try await Self.upload(request, context)
            let (project, version) = try await app.projects.create(upload: file.bytes, originalName: file.name)
            return JSONResponse.make(APICreated(id: project.id, version: version.id, validation: version.decodedValidation), status: .created)
        }
        api.get("projects/:id") { _, context in
            let p = try await app.lookupProject(context.parameters.get("id"))
            let versions = try await app.store.versions(of: p.id).map(Self.version)
            let runs = try await app.store.runs(of: p.id).map(run)
            return JSONResponse.make(APIProject(id: p.id, name: p.name, created: p.createdAt, example: p.example,
                                                latestVersion: versions.first, versions: versions, runs: runs))
        }
        api.post("projects/:id/versions") { request, context in
            let p = try await app.lookupProject(context.parameters.get("id"))
            let file = try await Self.upload(request, context)
            let version = try await app.projects.addVersion(to: p, upload: file.bytes, originalName: file.name)
            return JSONResponse.make(APICreated(id: p.id, version: version.id, validation: version.decodedValidation), status: .created)
        }
        api.post("projects/:id/runs") { request, context in
            let p = try await app.lookupProject(context.parameters.get("id"))
            guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/json") else {
                throw HTTPError(.unsupportedMediaType, message: "send JSON: {\"job\": \"schedule\"|\"partner\", \"time_limit\": seconds}")
            }
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            // A field this API does not know is an error, not ignored: {"timeLimit": 10} would
            // otherwise run for the default 60 s.
            if case .object(let fields)? = JSONValue.parse(Data(buffer: body)) {
                let unknown = fields.keys.filter { RunRequest.CodingKeys(stringValue: $0) == nil }.sorted()
                if !unknown.isEmpty {
                    throw HTTPError(.badRequest, message: "unknown field\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")); the fields are \(RunRequest.CodingKeys.allCases.map { "\"\($0.stringValue)\"" }.joined(separator: ", "))")
                }
            }
            let r: RunRequest
            do { r = try JSONDecoder().decode(RunRequest.self, from: body) } catch {
                throw HTTPError(.badRequest, message: "expected {\"job\": \"schedule\"|\"partner\"|\"compare\"|\"effect\"|\"meetings\"|\"advise\", \"time_limit\": seconds, \"version\"?: id, \"keep\"?: run id, \"variants\"?: [ids], \"from\"?: run id}")
            }
            let limit = r.timeLimit ?? 60
            guard limit.isFinite, (1...3600).contains(limit) else { throw HTTPError(.badRequest, message: "time_limit must be 1 to 3600 seconds") }
            if r.job == .compare, (r.variants ?? []).isEmpty { throw HTTPError(.badRequest, message: "a comparison needs \"variants\"") }
            if r.job != .compare, r.variants != nil { throw HTTPError(.badRequest, message: "\"variants\" is for job \"compare\" only") }
            if r.job != .schedule, r.job != .compare, r.keep != nil { throw HTTPError(.badRequest, message: "\"keep\" is for the profile day only") }
            if r.job == .advise, r.from == nil { throw HTTPError(.badRequest, message: "advice needs \"from\": a finished schedule run") }
            if r.job != .advise, r.from != nil { throw HTTPError(.badRequest, message: "\"from\" is for job \"advise\" only") }
            for id in [r.version, r.keep, r.from].compactMap({ $0 }) + (r.variants ?? []) where !Ids.isValid(id) {
                throw HTTPError(.unprocessableContent, message: "unknown id \(id.prefix(40))")
            }
            let created = try await app.startRun(project: p, version: r.version, job: r.job, timeLimit: limit, keep: r.keep,
                                                 variants: r.variants, from: r.from, language: .en)
            return JSONResponse.make(["id": created.id, "status": created.status.rawValue, "page": "/runs/\(created.id)"], status: .accepted)
        }
        api.post("projects/:id/check") { request, context in
            let p = try await app.lookupProject(context.parameters.get("id"))
            guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") else {
                throw HTTPError(.unsupportedMediaType, message: "send multipart/form-data with the files \"sections\" and \"enrolments\" (CSV) or \"workbook\" (.xlsx)")
            }
            let form = try await Forms.read(request, context: context)
            let t = Tr(.en)
            let upload = try UploadedTimetable(form, t)
            let (version, scenario) = try await app.checkedVersion(of: p, form["version"], strict: true, t)
            let result = try await offload { EngineCalls.checkUpload(upload, scenario: scenario, language: .en) }
            let importWanted = try form.flag("import")
            let run = importWanted && result.isValid ? try await app.importTimetable(project: p, version: version, upload) : nil
            let body = APICheck(valid: result.isValid, version: version.id, files: result.files, objective: result.objective?.value,
                                violations: (result.broken ?? []).map(ViolationFinding.init), errors: result.errors, warnings: result.warnings,
                                run: run?.id, page: run.map { "/runs/\($0.id)" })
            return JSONResponse.make(body, status: run == nil ? .ok : .accepted)
        }
        api.get("runs/:id") { _, context in
            let (r, _, _) = try await app.lookupRun(context.parameters.get("id"))
            // The summary as the run wrote it (summary.json), put in as it is: a city's is 50 KB.
            return JSONResponse.make(run(r), adding: "summary", json: r.summary ?? "null")
        }
        api.delete("projects/:id") { _, context in
            let p = try await app.lookupProject(context.parameters.get("id"))
            try await app.delete(language: .en) { try await app.store.deleteProject(p.id) }
            return JSONResponse.make(APIDeleted(id: p.id))
        }
        api.delete("runs/:id") { request, context in
            let (r, _, _) = try await app.lookupRun(context.parameters.get("id"))
            // `?remove=true`: an ended run goes with its files; without it, DELETE cancels.
            if try Forms.flag(request.uri.queryParameters.get("remove"), name: "remove") {
                try await app.delete(language: .en) { try await app.store.deleteRun(r.id) }
                return JSONResponse.make(APIDeleted(id: r.id))
            }
            switch try await app.jobs.cancel(r.id) {
            case .cancelledBeforeStart: return JSONResponse.make(["id": r.id, "status": RunStatus.cancelled.rawValue])
            case .stopping: return JSONResponse.make(["id": r.id, "status": RunStatus.running.rawValue], status: .accepted)
            case .notActive:
                throw HTTPError(.conflict, message: "the run has already ended (\(r.status.rawValue)); DELETE with ?remove=true removes it")
            }
        }
        api.get("runs/:id/files") { _, context in
            let (r, _, _) = try await app.lookupRun(context.parameters.get("id"))
            return JSONResponse.make(RunFiles.list(app.store.folder.run(r.id)))
        }
        api.get("runs/:id/files/:name") { _, context in
            let (r, _, _) = try await app.lookupRun(context.parameters.get("id"))
            return try RunFiles.response(folder: app.store.folder.run(r.id), name: context.parameters.get("name") ?? "")
        }
        api.get("runs/:id/events") { _, context in
            let (r, _, _) = try await app.lookupRun(context.parameters.get("id"))
            return events(r.id, language: context.language)
        }
    }

    /// The `file` part of a multipart upload; 400 without one, 413 above the cap.
    static func upload(_ request: Request, _ context: AppContext) async throws -> (name: String, bytes: Data) {
        guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") else {
            throw HTTPError(.unsupportedMediaType, message: "send multipart/form-data with the workbook or ZIP in the field \"file\"")
        }
        let form = try await Forms.read(request, context: context)
        guard let file = form.files["file"], !file.bytes.isEmpty else {
            throw HTTPError(.badRequest, message: "the multipart field \"file\" (a .xlsx workbook or a .zip of a scenario folder) is missing or empty")
        }
        return file
    }

    /// Server-Sent Events: `progress` every second (status, progress, queue position) until
    /// the run ends, then one `end` event with the final status.
    func events(_ id: String, language: ReportLanguage) -> Response {
        let tr = Tr(language)
        let body = ResponseBody { writer in
            var last = ""
            var ticks = 0
            while !Task.isCancelled {
                guard let r = try await app.store.run(id) else { break }
                let item = run(r)
                let payload = JSONCoding.encode(Event(status: item.status, statusText: tr.status(item.status), progress: item.progress,
                                                      phaseText: item.progress.map { tr.phase($0.phase) }, position: item.queuePosition))
                if payload != last || ticks % 15 == 0 {
                    try await writer.write(ByteBuffer(string: "event: progress\ndata: \(payload)\n\n"))
                    last = payload
                }
                if r.status.isFinal {
                    try await writer.write(ByteBuffer(string: "event: end\ndata: {\"status\":\"\(r.status.rawValue)\"}\n\n"))
                    break
                }
                ticks += 1
                try await Task.sleep(for: .seconds(1))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    struct Event: Encodable {
        var status: RunStatus
        var statusText: String
        var progress: RunProgress?
        var phaseText: String?
        var position: Int?
        enum CodingKeys: String, CodingKey { case status, statusText = "status_text", progress, phaseText = "phase_text", position }
    }
}
