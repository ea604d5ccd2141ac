import Hummingbird

/// `/static/app.css`, `/static/app.js` and the icon, from the binary, with an `ETag`; the icon
/// also as `/favicon.ico` (what browsers ask for on the report pages, which name no icon).
struct StaticRoutes {
    func add(to router: Router<AppContext>) {
        router.get("/favicon.ico") { request, _ in try Self.serve("icon.svg", request) }
        router.get("/static/:name") { request, context in try Self.serve(context.parameters.get("name") ?? "", request) }
    }

    static func serve(_ name: String, _ request: Request) throws -> Response {
        guard let asset = Assets.files[name] else { throw HTTPError(.notFound) }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: [.eTag: asset.etag])
        }
        return Response(status: .ok, headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }
}
