import Foundation
import Hummingbird
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

    /// A yes-or-no field (a checkbox sends «on»; `Forms.flag`): 400 for anything else.
    func flag(_ name: String) throws -> Bool { try Forms.flag(self[name], name: name) }

    /// A number field (`,` or `.` decimals) within `range`, or nil.
    func number(_ name: String, in range: ClosedRange<Double>) -> Double? {
        self[name].flatMap { Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) }
            .flatMap { range.contains($0) ? $0 : nil }
    }
}

enum Forms {
    /// The one reading of a yes-or-no field or query parameter: absent or empty, `false`, `0`,
    /// `no`, `off` are no; `true`, `1`, `yes`, `on` (a checked checkbox) are yes, in any case;
    /// anything else is a 400 naming `name`.
    static func flag(_ value: String?, name: String) throws -> Bool {
        switch (value ?? "").lowercased() {
        case "", "false", "0", "no", "off": false
        case "true", "1", "yes", "on": true
        default: throw HTTPError(.badRequest, message: "\(name) must be true or false")
        }
    }

    /// A file's name as the browser sent it, without the folders an old browser puts before it
    /// (`C:\Users\…\district.xlsx`); empty when nothing is left.
    static func baseName(_ name: String) -> String {
        name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    }

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

    /// Parses `multipart/form-data` (RFC 7578): parts between `--boundary` lines, each with its
    /// headers, a blank line and its bytes. (MultipartKit 4.7.1's parser traps on a byte above
    /// 127 in a part's header name, which the API fuzzer sent; this one refuses what it cannot
    /// read with 400.)
    static func multipart(_ body: ByteBuffer, boundary: String) throws -> Form {
        let bytes = Array(body.readableBytesView)
        let bad = HTTPError(.badRequest, message: "the multipart form could not be read")
        guard !boundary.isEmpty, boundary.utf8.count <= 200 else { throw bad }
        let delimiter = Array("--\(boundary)".utf8)
        let next = Array("\r\n--\(boundary)".utf8)
        guard var at = find(delimiter, in: bytes, from: 0) else { throw bad }
        at += delimiter.count
        var form = Form()
        while true {
            // "--" after a delimiter ends the form; otherwise a line break starts the part.
            if bytes.count >= at + 2, bytes[at] == 0x2D, bytes[at + 1] == 0x2D { break }
            guard bytes.count >= at + 2, bytes[at] == 0x0D, bytes[at + 1] == 0x0A else { throw bad }
            at += 2
            // A part without headers starts with the blank line at once.
            guard let headersEnd = bytes[at...].starts(with: [0x0D, 0x0A]) ? at - 2 : find(Array("\r\n\r\n".utf8), in: bytes, from: at),
                  let end = nextDelimiter(next, in: bytes, from: max(at, headersEnd + 4)) else { throw bad }
            let headerText = String(decoding: bytes[at..<max(at, headersEnd)], as: UTF8.self)
            let content = bytes[(headersEnd + 4)..<end]
            var disposition: String?
            for line in headerText.split(separator: "\r\n") {
                let kv = line.split(separator: ":", maxSplits: 1)
                if kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" {
                    disposition = String(kv[1])
                }
            }
            if let disposition, let name = parameter("name", in: disposition) {
                if let filename = parameter("filename", in: disposition) {
                    if content.count > Uploads.maxBytes { throw HTTPError(.contentTooLarge) }
                    form.files[name] = (filename, Data(content))
                } else {
                    form.fields[name, default: []].append(String(decoding: content, as: UTF8.self))
                }
            }
            at = end + next.count
        }
        return form
    }

    /// The next real delimiter (`CRLF--boundary` followed by `--` or a line break) at or after
    /// `from`: the same bytes followed by anything else are content.
    static func nextDelimiter(_ next: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var start = from
        while let i = find(next, in: bytes, from: start) {
            let after = i + next.count
            if bytes.count >= after + 2, (bytes[after] == 0x2D && bytes[after + 1] == 0x2D) || (bytes[after] == 0x0D && bytes[after + 1] == 0x0A) {
                return i
            }
            start = i + 1
        }
        return nil
    }

    /// The first position of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard from >= 0, !needle.isEmpty, haystack.count - from >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { h -> Int? in
            let first = needle[0], last = haystack.count - needle.count
            var i = from
            while i <= last {
                if h[i] == first {
                    var j = 1
                    while j < needle.count, h[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// `key=value` or `key="value"` in a header's `;`-separated parameters (a `;` inside quotes
    /// is part of the value).
    static func parameter(_ key: String, in header: String) -> String? {
        var pieces: [String] = [], current = "", quoted = false
        for ch in header {
            if ch == "\"" { quoted.toggle() }
            if ch == ";" && !quoted { pieces.append(current); current = "" } else { current.append(ch) }
        }
        pieces.append(current)
        for piece in pieces {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var v = kv[1].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }
}
