import ArgumentParser
import Foundation
import SetkaServer

/// `setka serve`: the local web application. Parses the options and starts the server; the
/// application itself is the `SetkaServer` library.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start Setka in the browser: a local web application on 127.0.0.1.",
        discussion: """
        Projects (an uploaded workbook or ZIP of a scenario folder, every upload kept as a new \
        version), validation with each error's place, the profile day and the partner assignment \
        as background jobs with live progress, the results page by page (per site, school, \
        teacher, student; reasons; the map; the order appendix; downloads), what-if variants \
        built in a form and compared side by side. Russian by default, English by a switch.
        Everything is kept in the data folder: setka.sqlite (SQLite, WAL), uploads/<version>/ \
        as received, runs/<run>/ written whole when a run ends. The bundled example scenarios \
        are loaded as projects on first start. Listens on 127.0.0.1 only (there are no accounts \
        yet). Ctrl-C stops the server; a running job keeps its best verified result.
        """
    )

    @Option(name: .long, help: "The port on 127.0.0.1.")
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("The data folder (created if missing).", valueName: "DIR"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Only 127.0.0.1 (or localhost) until there are accounts.", valueName: "ADDRESS"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Folder of example scenarios loaded as projects on first start (default: ./scenarios when it exists).", valueName: "DIR"))
    var examples: String?

    @Flag(name: .long, help: "Do not load the example scenarios.")
    var noExamples = false

    func validate() throws {
        if let refusal = ServerSettings.refusal(host: host) { throw ValidationError(refusal) }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        if let data, data.isEmpty { throw ValidationError("--data must name a folder") }
    }

    func run() async throws {
        let dataURL = data.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? DataFolder.defaultLocation()
        var examplesURL: URL?
        if !noExamples {
            let given = examples ?? "scenarios"
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: given, isDirectory: &isDir), isDir.boolValue {
                examplesURL = URL(fileURLWithPath: given, isDirectory: true)
            } else if examples != nil {
                throw ValidationError("--examples \(given) is not a folder")
            }
        }
        let settings = ServerSettings(port: port, data: dataURL, examples: examplesURL)
        do {
            try await SetkaApp.serve(settings) { address in
                Console.error("setka serve: data in \(settings.data.root.path)")
                FileHandle.standardOutput.write(Data("Setka is running: open \(address) in a browser (Ctrl-C stops it).\n".utf8))
            }
        } catch {
            Console.error("error: setka serve could not start: \(error)")
            throw SetkaExit.failure
        }
    }
}
