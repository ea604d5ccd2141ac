import Hummingbird

/// `/static/app.css` and `/static/app.js`, from the binary, with an `ETag`.
struct StaticRoutes {
    func add(to router: Router<AppContext>) {
        router.get("/static/:name") { request, context in
            guard let name = context.parameters.get("name"), let asset = Assets.files[name] else { throw HTTPError(.notFound) }
            if request.headers[.ifNoneMatch] == asset.etag {
                return Response(status: .notModified, headers: [.eTag: asset.etag])
            }
            return Response(status: .ok, headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(string: asset.body)))
        }
    }
}
