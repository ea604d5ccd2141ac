import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZIPFoundation
@testable import SetkaServer

/// The repository's root (for the bundled examples).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let examplesFolder = repositoryRoot.appendingPathComponent("scenarios")

/// A fresh data folder under the system's temporary folder.
func temporaryFolder(_ name: String = "setka-serve-test") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The in-process client of a test, with a CSRF token in its cookie (double-submit: the same
/// value goes into forms) and the helpers every test uses.
struct Harness: Sendable {
    let app: SetkaApp
    let client: any TestClientProtocol
    let token = String(repeating: "ab", count: 32)

    var cookie: String { "setka-csrf=\(token)" }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        if h[.cookie] == nil { h[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: h)
    }

    func html(_ uri: String) async throws -> String {
        let r = try await get(uri)
        #expect(r.status == .ok, "GET \(uri) → \(r.status): \(String(buffer: r.body).prefix(300))")
        return String(buffer: r.body)
    }

    func json(_ uri: String) async throws -> Any {
        let r = try await get(uri)
        #expect(r.status == .ok, "GET \(uri) → \(r.status)")
        return try JSONSerialization.jsonObject(with: Data(buffer: r.body))
    }

    /// A form as a browser sends it; `csrf: false` leaves the token out.
    func postForm(_ uri: String, _ fields: [(String, String)], csrf: Bool = true, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = fields
        if csrf { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var h = headers
        h[.contentType] = "application/x-www-form-urlencoded"
        if h[.cookie] == nil { h[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: body))
    }

    /// A multipart upload with the file in `field` (and the CSRF token unless `csrf: false`).
    func upload(_ uri: String, file: Data, name: String = "scenario.zip", field: String = "file", csrf: Bool = true,
                headers: HTTPFields = [:]) async throws -> TestResponse {
        let boundary = "----setka-test-boundary"
        var body = ByteBuffer()
        if csrf {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var h = headers
        h[.contentType] = "multipart/form-data; boundary=\(boundary)"
        h[.cookie] = cookie
        return try await client.execute(uri: uri, method: .post, headers: h, body: body)
    }

    func postJSON(_ uri: String, _ text: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        h[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: text))
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The first project whose example folder is `name`.
    func exampleProject(_ name: String) async throws -> ProjectRecord {
        try #require(try await app.store.projects().first { $0.example == name })
    }

    /// Starts a run by the API and waits until it has ended; returns its record.
    func runToEnd(project: String, job: String, timeLimit: Double = 3, extra: String = "") async throws -> RunRecord {
        let r = try await postJSON("/api/projects/\(project)/runs", #"{"job": "\#(job)", "time_limit": \#(timeLimit)\#(extra)}"#)
        #expect(r.status == .accepted, "\(String(buffer: r.body))")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])?["id"] as? String)
        await app.jobs.waitUntilIdle()
        return try #require(try await app.store.run(id))
    }
}

/// Runs `body` against a fresh app on a fresh data folder (the examples loaded unless
/// `examples: false`), through the in-process router (no socket).
func withApp(examples: Bool = true, slots: Int = 2, hosts: Set<String> = ["localhost"], data: URL? = nil,
             _ body: @Sendable (Harness) async throws -> Void) async throws {
    let folder = data ?? temporaryFolder()
    var settings = ServerSettings(port: 8080, data: folder, examples: examples ? examplesFolder : nil, slots: slots)
    settings.extraHosts = hosts
    let app = try await SetkaApp(settings: settings)
    try await app.application().test(.router) { client in
        try await body(Harness(app: app, client: client))
    }
    app.jobs.shutdown()
    await app.jobs.waitUntilIdle()
    if data == nil { try? FileManager.default.removeItem(at: folder) }
}

/// A ZIP in memory: each entry's path and bytes, written as given (also unsafe paths).
func zip(_ entries: [(String, Data)]) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in entries {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return try #require(archive.data)
}

/// A scenario folder as a ZIP (its files at the top, or under `prefix/`), skipping `skip`.
func zipFolder(_ folder: URL, prefix: String = "", skip: Set<String> = [], replace: [String: String] = [:]) throws -> Data {
    let fm = FileManager.default
    var entries: [(String, Data)] = []
    let base = folder.standardizedFileURL.path + "/"
    for case let url as URL in fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])! {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(base.count))
        if skip.contains(relative) { continue }
        let data = try replace[relative].map { Data($0.utf8) } ?? Data(contentsOf: url)
        entries.append((prefix + relative, data))
    }
    return try zip(entries.sorted { $0.0 < $1.0 })
}

let ruralDistrict = examplesFolder.appendingPathComponent("rural-district")

/// How many bundled examples there are (folders of scenarios/ with a scenario.yaml).
let exampleCount = ((try? FileManager.default.contentsOfDirectory(atPath: examplesFolder.path)) ?? [])
    .filter { FileManager.default.fileExists(atPath: examplesFolder.appendingPathComponent($0).appendingPathComponent("scenario.yaml").path) }
    .count
