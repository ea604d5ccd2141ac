import Foundation
import Hummingbird
import Logging
import SetkaModel

/// How `setka serve` runs.
public struct ServerSettings: Sendable {
    /// The address the server listens on: loopback only, until there are accounts.
    public static let host = "127.0.0.1"
    public var port: Int
    public var data: DataFolder
    /// A folder of example scenarios loaded as projects on first start, or nil.
    public var examples: URL?
    /// Solves at once (one per core); more are queued.
    public var slots: Int

    /// Further `Host` values accepted: only for the in-process test client, which always says
    /// `Host: localhost`.
    var extraHosts: Set<String> = []

    public init(port: Int = 8080, data: URL = DataFolder.defaultLocation(), examples: URL? = nil,
                slots: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.port = port; self.data = DataFolder(data); self.examples = examples; self.slots = slots
    }

    /// `Host` headers accepted: the bound address (a page reached under any other name is a
    /// DNS-rebinding attempt).
    public var allowedHosts: Set<String> { Set(["\(Self.host):\(port)", "localhost:\(port)"]).union(extraHosts) }
    /// `Origin` headers accepted on requests that change something.
    public var allowedOrigins: Set<String> { Set(allowedHosts.map { "http://" + $0 }) }
    /// The address to open.
    public var address: String { "http://\(Self.host):\(port)/" }

    /// Why `host` cannot be served, or nil for loopback.
    public static func refusal(host: String) -> String? {
        host == Self.host || host == "localhost" ? nil
            : "setka serve listens on 127.0.0.1 only: it has no accounts yet, so anyone who could reach another address could read and change every project. Open \(Self.host) on this computer."
    }
}

/// The request context: the page's language and the CSRF token, set by `Guard`.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var language: ReportLanguage = .ru
    public var csrf: String = ""
    /// Uploads up to 50 MB, with room for the multipart framing.
    public var maxUploadSize: Int { Uploads.maxBytes + (1 << 20) }

    public init(source: Source) { coreContext = .init(source: source) }

    func page(_ request: Request) -> PageContext {
        var path = request.uri.path
        if let q = request.uri.query, !q.isEmpty { path += "?" + q }
        return PageContext(tr: Tr(language), path: path, csrf: csrf)
    }
}

/// The application: storage, the job queue, the loaded runs, and the router.
public final class SetkaApp: Sendable {
    public let settings: ServerSettings
    public let store: Store
    public let jobs: JobQueue
    let views: RunViews
    let projects: Projects

    /// Opens the data folder (creating it), marks runs left running as interrupted, queues
    /// again the runs left queued, and loads the bundled examples not loaded yet.
    public init(settings: ServerSettings) async throws {
        self.settings = settings
        store = try Store(folder: settings.data)
        jobs = JobQueue(store: store, slots: settings.slots)
        views = RunViews(folder: settings.data)
        projects = Projects(store: store)
        let queued = try store.recoverAtStartup()
        if let examples = settings.examples { try await projects.loadExamples(from: examples) }
        jobs.resume(queued)
    }

    public func router() -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        router.addMiddleware {
            Guard(settings: settings)
            ErrorPages()
        }
        StaticRoutes().add(to: router)
        ProjectRoutes(app: self).add(to: router)
        RunRoutes(app: self).add(to: router)
        PinRoutes(app: self).add(to: router)
        VariantRoutes(app: self).add(to: router)
        APIRoutes(app: self).add(to: router)
        return router
    }

    /// The Hummingbird application on 127.0.0.1:`port`.
    /// `running` is called once the server listens.
    public func application(logger: Logger? = nil, running: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "setka.serve")
        if logger == nil { log.logLevel = .warning }
        return Application(router: router(),
                           configuration: .init(address: .hostname(ServerSettings.host, port: settings.port), serverName: "Setka"),
                           onServerRunning: { _ in await running() },
                           logger: log)
    }

    /// `setka serve`: opens the data folder, prints the address, serves until stopped (Ctrl-C
    /// or SIGTERM stop the server; running jobs are asked to stop and keep their best).
    public static func serve(_ settings: ServerSettings, announce: @escaping @Sendable (String) -> Void) async throws {
        let app = try await SetkaApp(settings: settings)
        let server = app.application { announce(settings.address) }
        try await server.runService()
        // Stopped: running jobs stop and keep their best (marked interrupted), queued ones stay
        // queued for the next start.
        app.jobs.shutdown()
        await app.jobs.waitUntilIdle()
    }
}
