import Foundation

/// The application's data folder, and the only place it writes:
///
///     setka.sqlite            projects, versions, variants, runs (SQLite, WAL mode)
///     uploads/<version-id>/   an upload as received (`upload.xlsx` or `upload.zip`) and, for a
///                             ZIP, the scenario folder unpacked beside it (`scenario/`); never
///                             changed after it is stored
///     uploads/timetables/<run-id>/  a timetable made elsewhere, taken as a run's source
///                             (`sections.csv` and `enrolments.csv`, or `timetable.xlsx`, as
///                             received); never changed
///     variants/<variant-id>/  a what-if variant built in the browser (`variant.yaml`, added rows)
///     runs/<run-id>/          the output files of a run, swapped in whole when the run ends
///                             (`ResultFolderWriter`, as the command line writes its results)
///     work/                   folders being written (uploads being unpacked, variants being
///                             built) or taken away (a deleted project's or run's); emptied at
///                             start-up
///
/// Every name below the data folder is made by the server (ids of its own, fixed file names);
/// nothing a request says becomes a path.
public struct DataFolder: Sendable {
    public let root: URL

    public init(_ root: URL) { self.root = root.standardizedFileURL }

    /// `$XDG_DATA_HOME/setka`, else `~/.local/share/setka`: where a user's application data lives.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("setka", isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/share/setka", isDirectory: true)
    }

    public var database: URL { root.appendingPathComponent("setka.sqlite") }
    public var uploads: URL { root.appendingPathComponent("uploads", isDirectory: true) }
    public var variants: URL { root.appendingPathComponent("variants", isDirectory: true) }
    public var runs: URL { root.appendingPathComponent("runs", isDirectory: true) }
    public var work: URL { root.appendingPathComponent("work", isDirectory: true) }
    /// The what-if result cache (`ResultCache`).
    public var cache: URL { root.appendingPathComponent("cache", isDirectory: true) }

    public func upload(_ version: String) -> URL { uploads.appendingPathComponent(Ids.checked(version), isDirectory: true) }
    public func variant(_ id: String) -> URL { variants.appendingPathComponent(Ids.checked(id), isDirectory: true) }
    public func run(_ id: String) -> URL { runs.appendingPathComponent(Ids.checked(id), isDirectory: true) }
    /// The files of a timetable made elsewhere that run `run` takes as its own (`EngineCalls.importTimetable`).
    public func importedTimetable(_ run: String) -> URL {
        uploads.appendingPathComponent("timetables", isDirectory: true).appendingPathComponent(Ids.checked(run), isDirectory: true)
    }

    /// A path relative to the data folder (what the database stores), for a URL inside it.
    public func relative(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.path + "/"
        precondition(path.hasPrefix(base), "\(path) is outside the data folder")
        return String(path.dropFirst(base.count))
    }

    /// The URL of a path the database stores (relative to the data folder).
    public func resolve(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Creates the folders and empties `work/` (what a stopped server left half-written).
    public func prepare() throws {
        let fm = FileManager.default
        for dir in [root, uploads, variants, runs] { try fm.createDirectory(at: dir, withIntermediateDirectories: true) }
        if fm.fileExists(atPath: work.path) { try fm.removeItem(at: work) }
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// A new, empty folder under `work/` to write into before `publish`.
    public func scratch(_ prefix: String) throws -> URL {
        let url = work.appendingPathComponent(prefix + "-" + Ids.make(), isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Takes away the folders of something deleted: each is first moved into `work/` in one rename
    /// (so that no half-removed folder is ever at its place; `prepare` empties `work/` if the
    /// removal itself is cut short), then removed. Folders that are not there are skipped.
    public func discard(_ folders: [URL]) {
        let fm = FileManager.default
        for url in folders where fm.fileExists(atPath: url.path) {
            let away = work.appendingPathComponent("deleted-" + Ids.make(), isDirectory: true)
            if (try? fm.moveItem(at: url, to: away)) != nil { try? fm.removeItem(at: away) }
        }
    }

    /// Moves a finished folder from `work/` to its place (a new id's, which does not exist yet)
    /// in one rename: readers see all of it or none of it.
    public func publish(_ scratch: URL, to target: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.moveItem(at: scratch, to: target)
    }
}

/// Ids the server makes: 12 lowercase letters and digits (about 62 bits), safe as file names
/// and in URLs. Nothing else is accepted as an id.
public enum Ids {
    static let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")

    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })
    }

    /// True for a string that can be one of our ids.
    public static func isValid(_ s: some StringProtocol) -> Bool {
        s.utf8.count == 12 && s.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }

    /// `s` when it is a valid id; a programming error otherwise (routes check ids first).
    static func checked(_ s: String) -> String {
        precondition(isValid(s), "not an id: \(s)")
        return s
    }
}
