import Foundation
import Hummingbird

/// The files of a finished run: what `setka schedule --out` / `partner --out` / `compare --out`
/// write, and the reports. Only names the run folder holds are served, never a path a request
/// makes up.
enum RunFiles {
    struct Entry: Codable, Sendable {
        var name: String
        var bytes: Int
        var type: String
    }

    /// The plain files at the top of the run's folder, sorted.
    static func list(_ folder: URL) -> [Entry] {
        let fm = FileManager.default
        let urls = (try? fm.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])) ?? []
        return urls.compactMap { url -> Entry? in
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            // The result folder's manifest (.setka-results.json) is the writer's, not a result.
            guard values?.isRegularFile == true, !url.lastPathComponent.hasPrefix(".") else { return nil }
            return Entry(name: url.lastPathComponent, bytes: values?.fileSize ?? 0, type: contentType(url.lastPathComponent))
        }.sorted { $0.name < $1.name }
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "csv": return "text/csv; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "html": return "text/html; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "zip": return "application/zip"
        case "md": return "text/markdown; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// A file made on request (not one of the run folder's) to download as `name`.
    static func attachment(_ data: Data, name: String) -> Response {
        let headers: HTTPFields = [.contentType: contentType(name), .cacheControl: "no-store",
                                   .contentDisposition: "attachment; filename=\"\(name)\""]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The response for file `name` of the run folder; 404 when the folder has no such file.
    static func response(folder: URL, name: String) throws -> Response {
        guard let entry = list(folder).first(where: { $0.name == name }) else {
            throw HTTPError(.notFound, message: "this run has no file named \(name.prefix(80))")
        }
        let data = try Data(contentsOf: folder.appendingPathComponent(entry.name))
        var headers: HTTPFields = [.contentType: entry.type, .cacheControl: "no-store"]
        let ext = (entry.name as NSString).pathExtension.lowercased()
        if ext == "html" || ext == "svg" {
            // The self-contained report pages: their own styles, no script of any kind.
            headers[.contentSecurityPolicy] = Guard.reportPolicy
            headers[Guard.frameOptions] = "SAMEORIGIN"
        } else if ext == "xlsx" || ext == "zip" || ext == "csv" {
            headers[.contentDisposition] = "attachment; filename=\"\(entry.name)\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
