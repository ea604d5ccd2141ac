import Foundation
import HTTPTypes
import Hummingbird
import SetkaModel

/// Every request passes here first:
///
/// - `Host` must be the bound address (127.0.0.1:PORT or localhost:PORT), else 421: a page of
///   another site that had its name re-pointed at 127.0.0.1 (DNS rebinding) reads nothing;
/// - a request that changes something (POST, PUT, PATCH, DELETE) with a foreign `Origin`, or
///   one the browser marks `Sec-Fetch-Site: cross-site`, gets 403; forms also carry a CSRF
///   token (`Forms.verify`);
/// - the language comes from the `setka-lang` cookie (Russian by default);
/// - every response gets a Content-Security-Policy (`default-src 'self'`: no inline script, no
///   script or style from elsewhere), `nosniff`, no framing, no referrer to other sites.
struct Guard: RouterMiddleware {
    typealias Context = AppContext
    let settings: ServerSettings

    static let csrfCookie = "setka-csrf"
    static let languageCookie = "setka-lang"
    /// The app's pages: scripts and styles only from the app's own files.
    static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    /// The self-contained report pages served as files: their own inline styles, no script at all.
    static let reportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard let host = request.head.authority?.lowercased(), settings.allowedHosts.contains(host) else {
            return Self.plain(.misdirectedRequest,
                              "This server answers only as \(settings.address) (the Host header was \(request.head.authority ?? "missing")).")
        }
        if ![.get, .head, .options].contains(request.method) {
            if let origin = request.headers[.origin], !settings.allowedOrigins.contains(origin.lowercased()) {
                return Self.plain(.forbidden, "Refused: a request from another site (Origin \(origin)) may not change anything here.")
            }
            if request.headers[Self.secFetchSite] == "cross-site" {
                return Self.plain(.forbidden, "Refused: a request from another site may not change anything here.")
            }
        }
        var context = context
        context.language = request.cookies[Self.languageCookie]?.value == "en" ? .en : .ru
        let given = request.cookies[Self.csrfCookie]?.value
        let token = given.flatMap { Self.isToken($0) ? $0 : nil } ?? Self.newToken()
        context.csrf = token
        var response = try await next(request, context)
        if given != token {
            response.setCookie(Cookie(name: Self.csrfCookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
        }
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.pagePolicy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        if response.headers[Self.frameOptions] == nil { response.headers[Self.frameOptions] = "DENY" }
        return response
    }

    static func newToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", g.next()) }.joined()
    }

    static func isToken(_ s: String) -> Bool { s.utf8.count == 64 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .contentSecurityPolicy: pagePolicy],
                 body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

/// Errors as people see them: a page in their language for the browser, `{"error": …}` for
/// the API. An unexpected error is logged and answered 500 without internals.
struct ErrorPages: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return Self.response(error.status, error.body ?? Self.text(error.status, Tr(context.language)), request, context)
        } catch let error as Uploads.Refusal {
            let status: HTTPResponse.Status = if case .notAScenario = error { .unsupportedMediaType } else { .unprocessableContent }
            return Self.response(status, error.description, request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            return Self.response(.internalServerError, Tr(context.language)("Внутренняя ошибка сервера; подробности в журнале сервера.",
                                                                          "Internal server error; the server's log has the details."), request, context)
        }
    }

    static func response(_ status: HTTPResponse.Status, _ message: String, _ request: Request, _ context: AppContext) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return JSONResponse.make(["error": message], status: status)
        }
        let c = context.page(request)
        let page = Layout.message(c, title: "\(status.code) — \(text(status, c.tr))", message)
        return HTMLResponse.make(page, status: status)
    }

    static func text(_ status: HTTPResponse.Status, _ t: Tr) -> String {
        switch status.code {
        case 400: return t("Неверный запрос", "Bad request")
        case 403: return t("Запрещено", "Forbidden")
        case 404: return t("Не найдено", "Not found")
        case 405: return t("Так нельзя", "Method not allowed")
        case 409: return t("Нельзя сейчас", "Conflict")
        case 413: return t("Файл слишком большой (не больше 50 МБ)", "The file is too large (50 MB at most)")
        case 415: return t("Это не книга Excel и не ZIP сценария", "Not a workbook or a scenario ZIP")
        case 422: return t("Не удалось принять", "Cannot be used")
        default: return status.reasonPhrase
        }
    }
}

/// HTML responses.
enum HTMLResponse {
    static func make(_ page: Markup, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }

    /// 303 See Other to `location` (after a form).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// JSON responses: stable key order, no escaped slashes.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        response(encode(value), status: status)
    }

    /// `value` (an object) with one more member `key` whose value is the JSON text `json`,
    /// which is ours (a summary the run wrote) and is put in without decoding it again.
    static func make<T: Encodable>(_ value: T, adding key: String, json: String) -> Response {
        var data = encode(value)
        guard data.last == UInt8(ascii: "}"), data.count > 2 else { return response(data, status: .ok) }
        data.removeLast()
        data.append(contentsOf: Array(",\"\(key)\":".utf8) + Array(json.utf8) + [UInt8(ascii: "}")])
        return response(data, status: .ok)
    }

    static func encode<T: Encodable>(_ value: T) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return (try? e.encode(value)) ?? Data("{}".utf8)
    }

    static func response(_ data: Data, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
