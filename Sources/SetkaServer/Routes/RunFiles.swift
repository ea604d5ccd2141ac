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
    /// `shown`: the name to save it under as people read it (Cyrillic too, RFC 6266's
    /// `filename*`), beside the plain ASCII `name` for browsers without it.
    static func attachment(_ data: Data, name: String, shown: String? = nil) -> Response {
        var disposition = "attachment; filename=\"\(name)\""
        if let shown { disposition += "; filename*=UTF-8''" + Self.percentEncoded(shown) }
        let headers: HTTPFields = [.contentType: contentType(name), .cacheControl: "no-store", .contentDisposition: disposition]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// RFC 5987's value characters: ASCII letters, digits and `-._~` as they are, every other
    /// byte of the UTF-8 percent-encoded.
    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
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
