import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A submitted form's fields (`application/x-www-form-urlencoded` or `multipart/form-data`).
struct Form: Sendable {
    var fields: [String: [String]] = [:]
    /// A `multipart/form-data` file field: the bytes and the name the browser gave.
    var files: [String: (name: String, bytes: Data)] = [:]

    subscript(_ name: String) -> String? { fields[name]?.first }
    func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// A whole number field within `range`, or nil.
    func int(_ name: String, in range: ClosedRange<Int>) -> Int? {
        self[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { range.contains($0) ? $0 : nil }
    }

    /// A number field (`,` or `.` decimals) within `range`, or nil.
    func number(_ name: String, in range: ClosedRange<Double>) -> Double? {
        self[name].flatMap { Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) }
            .flatMap { range.contains($0) ? $0 : nil }
    }
}

enum Forms {
    /// Reads the request's form: urlencoded or multipart (files up to the upload cap, 413 above).
    static func read(_ request: Request, context: AppContext) async throws -> Form {
        let type = request.headers[.contentType] ?? ""
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", in: type) else { throw HTTPError(.badRequest, message: "multipart form without a boundary") }
            return try multipart(body, boundary: boundary)
        }
        if type.lowercased().hasPrefix("application/x-www-form-urlencoded") || type.isEmpty {
            return urlencoded(String(buffer: body))
        }
        throw HTTPError(.unsupportedMediaType, message: "expected a form (application/x-www-form-urlencoded or multipart/form-data)")
    }

    /// Checks the form's CSRF token against the cookie's: 403 when they differ.
    static func verify(_ form: Form, context: AppContext) throws {
        guard let token = form["_csrf"], !context.csrf.isEmpty, token == context.csrf else {
            throw HTTPError(.forbidden, message: Tr(context.language)(
                "Форма устарела или пришла не с этой страницы (нет проверочного кода). Откройте страницу заново и отправьте форму ещё раз.",
                "The form is stale or did not come from this page (no matching token). Reload the page and send it again."))
        }
    }

    static func urlencoded(_ text: String) -> Form {
        var form = Form()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            form.fields[decode(kv[0]), default: []].append(kv.count > 1 ? decode(kv[1]) : "")
        }
        return form
    }

    static func multipart(_ body: ByteBuffer, boundary: String) throws -> Form {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: ByteBuffer)] = []
        var headers: [(String, String)] = []
        var current = ByteBuffer()
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in current.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, current))
            headers = []; current = ByteBuffer()
        }
        do { try parser.execute(body) } catch {
            throw HTTPError(.badRequest, message: "the multipart form could not be read")
        }
        var form = Form()
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                  let name = parameter("name", in: disposition) else { continue }
            if let filename = parameter("filename", in: disposition) {
                if part.body.readableBytes > Uploads.maxBytes { throw HTTPError(.contentTooLarge) }
                form.files[name] = (filename, Data(buffer: part.body))
            } else {
                form.fields[name, default: []].append(String(buffer: part.body))
            }
        }
        return form
    }

    /// `key=value` or `key="value"` in a header's `;`-separated parameters.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var v = kv[1].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }
}
