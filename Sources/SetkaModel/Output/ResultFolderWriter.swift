import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A job that writes a result folder: its name (in the folder's `ResultManifest`), the entries it
/// owns, and the scenario it ran.
public struct ResultJob: Sendable, Hashable {
    public var name: String
    public var owns: ResultFileSet
    public var scenario: String?
    /// The scenario folder or variant file, standardised; jobs of another scenario are not
    /// mixed into one folder.
    public var scenarioPath: String?

    public init(name: String, owns: ResultFileSet, scenario: String? = nil, scenarioPath: String? = nil) {
        self.name = name; self.owns = owns; self.scenario = scenario
        self.scenarioPath = scenarioPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }
}

/// Writes every output of a run into a temporary folder beside the target and swaps it in with
/// one rename only when all of it is written: a reader of the folder sees the old results or
/// the new ones, never a mixture, and an interrupted or failed run (a full disk, a second
/// Ctrl-C) leaves the old results as they were. Used by every command that writes results and
/// by the browser application's run store.
///
/// What the new folder holds: the files this run wrote; the entries of the old folder that
/// another job wrote (`ResultManifest`: `schedule` then `partner` into one folder keep both);
/// entries nobody claims (a person's own notes). Entries this job owns but did not write this
/// time (a `report.html` from an earlier `--report`) are gone.
///
/// The swap exchanges the two folders atomically (`renameat2(RENAME_EXCHANGE)` on Linux,
/// `renamex_np(RENAME_SWAP)` on macOS; two renames where neither exists). When the target
/// cannot be swapped whole — it holds files Setka did not write (a person's Documents), it is
/// the working folder or the top of a mounted disk, or its parent is not writable — the files
/// are moved in one by one instead (`inPlace`): each file is still written whole, but not all
/// of them in one step.
///
/// Usage: `check` before a long solve; then `init`, `write` every file, `commit` (or
/// `discard`). Errors are `OutputError`s naming the path and a plain reason.
public final class ResultFolderWriter {
    /// The folder the results go to (absolute, symbolic links resolved).
    public let target: URL
    public let job: ResultJob
    /// Where the files are written until `commit`.
    public let staging: URL
    /// True when the files will be moved into the target one by one (see the type's notes).
    public let inPlace: Bool
    /// Top-level entries written so far.
    public private(set) var written: Set<String> = []
    private var finished = false

    /// What `commit` did.
    public struct Committed: Sendable, Hashable {
        public var folder: URL
        /// Entries of the old folder kept beside the new results (another job's, or nobody's).
        public var carriedOver: [String]
        /// Entries of this job from an earlier run that this run did not write, now gone.
        public var removed: [String]
    }

    // MARK: - Before solving

    /// Checks that results can be written to `path` before a long solve: the path is not empty,
    /// no part of it is a file, a folder can be made or written there, and the folder does not
    /// hold another scenario's results of another job. Returns the resolved target.
    @discardableResult
    public static func check(_ path: String, job: ResultJob) throws(OutputError) -> URL {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OutputError(path: "\"\(path)\"", reason: "the folder name is empty; give a folder, e.g. results")
        }
        let target = try resolve(path)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw OutputError(path: path, reason: "it is a file, not a folder") }
            if let manifest = ResultManifest.read(target) { try refuseMixing(manifest, job: job, path: path) }
            // Either the parent (to swap) or the folder itself (to move files in) must be writable.
            if probe(target.deletingLastPathComponent()) != 0 {
                let code = probe(target)
                if code != 0 { throw OutputError(path: path, reason: reason(errno: code, "the folder cannot be written")) }
            }
        } else {
            // The nearest existing ancestor must be a folder we can create folders in.
            var ancestor = target.deletingLastPathComponent()
            while !fm.fileExists(atPath: ancestor.path, isDirectory: &isDir) && ancestor.path != "/" {
                ancestor = ancestor.deletingLastPathComponent()
            }
            guard isDir.boolValue else {
                throw OutputError(path: path, reason: "\(ancestor.path) is a file, not a folder, so no folder can be made inside it")
            }
            let code = probe(ancestor)
            if code != 0 { throw OutputError(path: path, reason: reason(errno: code, "no folder can be made in \(ancestor.path)")) }
        }
        return target
    }

    /// `path` made absolute with symbolic links resolved (a link to a folder writes into that
    /// folder); a dangling link or a file in the path is an error.
    static func resolve(_ path: String) throws(OutputError) -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        // Walk down from the root: a file in the middle, or a link to nothing, is named.
        var current = URL(fileURLWithPath: "/")
        let parts = url.pathComponents.dropFirst()
        for (i, part) in parts.enumerated() {
            current = current.appendingPathComponent(part)
            var st = stat()
            if lstat(current.path, &st) != 0 {
                if errno == ENOENT { break }
                throw OutputError.system(current.path, errno: errno)
            }
            let kind = st.st_mode & S_IFMT
            if kind == S_IFLNK {
                var target = stat()
                if stat(current.path, &target) != 0 {
                    throw OutputError(path: path, reason: "\(current.path) is a symbolic link to something that does not exist")
                }
                if target.st_mode & S_IFMT != S_IFDIR && i < parts.count - 1 {
                    throw OutputError(path: path, reason: "\(current.path) is a file, not a folder")
                }
            } else if kind != S_IFDIR && i < parts.count - 1 {
                throw OutputError(path: path, reason: "\(current.path) is a file, not a folder")
            }
        }
        return url.resolvingSymlinksInPath()
    }

    /// 0 when a folder can be created in `folder` (tried for real), else the errno.
    static func probe(_ folder: URL) -> Int32 {
        let name = folder.appendingPathComponent(".setka-probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        if mkdir(name, 0o700) != 0 { return errno }
        rmdir(name)
        return 0
    }

    static func reason(errno code: Int32, _ what: String) -> String {
        "\(what): \(OutputError.reason(errno: code))"
    }

    static func refuseMixing(_ manifest: ResultManifest, job: ResultJob, path: String) throws(OutputError) {
        guard let mine = job.scenarioPath else { return }
        for (name, other) in manifest.jobs.sorted(by: { $0.key < $1.key }) where name != job.name {
            guard let theirs = other.scenarioPath, theirs != mine,
                  other.files.contains(where: { !job.owns.contains($0) }) else { continue }
            throw OutputError(path: path, reason: "it holds the \(name) results of another scenario (\(other.scenario.map { "\"\($0)\" from " } ?? "")\(theirs)); write into another folder, or remove that folder first")
        }
    }

    // MARK: - Writing

    /// Prepares a staging folder for `target` (checked as `check` does).
    public init(target path: String, job: ResultJob) throws(OutputError) {
        let target = try Self.check(path, job: job)
        self.target = target
        self.job = job
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, reason: OutputError.reason(error))
        }
        Self.removeLeftovers(of: target)
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let exists = fm.fileExists(atPath: target.path)
        var inPlace = false
        if exists {
            inPlace = !Self.canSwap(target, job: job)
        }
        // Each staging folder is registered before it is made, so that a second Ctrl-C
        // (`discardAllInProgress`) never misses one: once it holds the registry, no new one is made.
        var staging = parent.appendingPathComponent(".\(target.lastPathComponent).setka-staging-\(tag)", isDirectory: true)
        if !inPlace {
            Self.registry.add(staging)
            if mkdir(staging.path, 0o755) != 0 {
                let code = errno
                Self.registry.remove(staging)
                // The parent is not writable: move the files in one by one instead.
                guard exists, code == EACCES || code == EPERM || code == EROFS else {
                    throw OutputError.system(staging.deletingLastPathComponent().path, errno: code)
                }
                inPlace = true
            }
        }
        if inPlace {
            staging = target.appendingPathComponent(".setka-staging-\(tag)", isDirectory: true)
            Self.registry.add(staging)
            if mkdir(staging.path, 0o755) != 0 {
                let code = errno
                Self.registry.remove(staging)
                throw OutputError.system(target.path, errno: code)
            }
        }
        self.staging = staging
        self.inPlace = inPlace
    }

    deinit {
        if !finished { discard() }
    }

    /// Writes one file (`name` may name a subfolder: `kept-v1/sections.csv`), whole: every byte
    /// written and flushed to the disk, or an error naming it.
    public func write(_ data: Data, to name: String) throws(OutputError) {
        precondition(!finished, "ResultFolderWriter: write after commit or discard")
        let parts = name.split(separator: "/").map(String.init)
        precondition(!parts.isEmpty && !parts.contains("..") && !name.hasPrefix("/"), "ResultFolderWriter: bad file name \(name)")
        var folder = staging
        for part in parts.dropLast() {
            folder = folder.appendingPathComponent(part, isDirectory: true)
            if mkdir(folder.path, 0o755) != 0 && errno != EEXIST {
                throw OutputError.system(target.appendingPathComponent(part).path, errno: errno)
            }
        }
        let url = folder.appendingPathComponent(parts.last!)
        let shown = target.appendingPathComponent(name).path
        try Self.writeWhole(data, to: url.path, shownAs: shown)
        written.insert(parts[0])
    }

    /// Writes every file of `files`.
    public func write(_ files: [ResultFile]) throws(OutputError) {
        for f in files { try write(f.data, to: f.name) }
    }

    /// `data` into a new file at `path`: written in full, flushed, its size checked.
    static func writeWhole(_ data: Data, to path: String, shownAs shown: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError.system(shown, errno: errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Glibc_write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno; return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 && errno != EINVAL { failure = errno }
        var st = stat()
        if failure == 0 && fstat(fd, &st) == 0 && Int(st.st_size) != data.count { failure = EIO }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw OutputError.system(shown, errno: failure)
        }
    }

    /// Whether the old folder can be replaced whole: it is not the working folder (or above
    /// it), not the top of a mounted disk, and every entry a person can see was written by
    /// Setka (listed in the manifest, or owned by this job).
    static func canSwap(_ target: URL, job: ResultJob) -> Bool {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        if cwd == target.path || cwd.hasPrefix(target.path + "/") { return false }
        var a = stat(), b = stat()
        if stat(target.path, &a) == 0, stat(target.deletingLastPathComponent().path, &b) == 0, a.st_dev != b.st_dev { return false }
        let manifest = ResultManifest.read(target)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        return entries.allSatisfy { e in
            e.hasPrefix(".") || job.owns.contains(e) || manifest?.job(of: e) != nil
        }
    }

    // MARK: - Commit

    /// Swaps the new results in (see the type's notes). After it the writer is finished.
    @discardableResult
    public func commit() throws(OutputError) -> Committed {
        precondition(!finished, "ResultFolderWriter: commit twice")
        let fm = FileManager.default
        let old = ResultManifest.read(target)
        let existing = ((try? fm.contentsOfDirectory(atPath: target.path)) ?? []).filter {
            $0 != ResultManifest.fileName && !Self.isSetkaTemporary($0)
        }
        let stagingName = staging.lastPathComponent
        var carried: [String] = [], removed: [String] = []
        for e in existing.sorted() where e != stagingName && !written.contains(e) {
            let mineBefore = old?.jobs[job.name]?.files.contains(e) == true
            if job.owns.contains(e) || mineBefore { removed.append(e) } else { carried.append(e) }
        }
        // The new manifest: other jobs keep what of theirs is carried over; this job lists what it wrote.
        var manifest = ResultManifest()
        for (name, j) in old?.jobs ?? [:] where name != job.name {
            var kept = j
            kept.files = j.files.filter { carried.contains($0) }
            if !kept.files.isEmpty { manifest.jobs[name] = kept }
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        manifest.jobs[job.name] = ResultManifest.Job(files: written.sorted(), scenario: job.scenario,
                                                     scenarioPath: job.scenarioPath, written: stamp)
        do {
            if inPlace {
                try commitInPlace(manifest: manifest, removed: removed)
            } else {
                try commitBySwap(manifest: manifest, carried: carried)
            }
        } catch {
            discard()
            throw error
        }
        finished = true
        Self.registry.remove(staging)
        return Committed(folder: target, carriedOver: carried, removed: removed)
    }

    private func commitBySwap(manifest: ResultManifest, carried: [String]) throws(OutputError) {
        let fm = FileManager.default
        for e in carried {
            try Self.linkTree(from: target.appendingPathComponent(e), to: staging.appendingPathComponent(e))
        }
        try Self.writeWhole(manifest.encoded(), to: staging.appendingPathComponent(ResultManifest.fileName).path,
                            shownAs: target.appendingPathComponent(ResultManifest.fileName).path)
        var st = stat()
        if stat(target.path, &st) == 0 { chmod(staging.path, st.st_mode & 0o7777) }
        try Self.registry.locked { () throws(OutputError) in
            if fm.fileExists(atPath: target.path) {
                if Self.exchange(staging.path, target.path) != 0 {
                    // No atomic exchange on this file system: two renames.
                    let aside = target.deletingLastPathComponent()
                        .appendingPathComponent(".\(target.lastPathComponent).setka-old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
                    if rename(target.path, aside.path) != 0 { throw OutputError.system(target.path, errno: errno) }
                    if rename(staging.path, target.path) != 0 {
                        let code = errno
                        rename(aside.path, target.path)
                        throw OutputError.system(target.path, errno: code)
                    }
                    try? fm.removeItem(at: aside)
                    return
                }
                // The staging path now holds the old folder.
                try? fm.removeItem(at: staging)
            } else if rename(staging.path, target.path) != 0 {
                throw OutputError.system(target.path, errno: errno)
            }
        }
        Self.syncFolder(target.deletingLastPathComponent())
    }

    private func commitInPlace(manifest: ResultManifest, removed: [String]) throws(OutputError) {
        let fm = FileManager.default
        try Self.registry.locked { () throws(OutputError) in
            for e in written.sorted() {
                let from = staging.appendingPathComponent(e), to = target.appendingPathComponent(e)
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: to.path, isDirectory: &isDir), isDir.boolValue {
                    // A folder (kept-NAME/): exchange, then remove the old one.
                    if Self.exchange(from.path, to.path) == 0 { try? fm.removeItem(at: from); continue }
                    try? fm.removeItem(at: to)
                }
                if rename(from.path, to.path) != 0 { throw OutputError.system(to.path, errno: errno) }
            }
            for e in removed { try? fm.removeItem(at: target.appendingPathComponent(e)) }
            let manifestPath = staging.appendingPathComponent(ResultManifest.fileName).path
            try Self.writeWhole(manifest.encoded(), to: manifestPath, shownAs: target.appendingPathComponent(ResultManifest.fileName).path)
            if rename(manifestPath, target.appendingPathComponent(ResultManifest.fileName).path) != 0 {
                throw OutputError.system(target.appendingPathComponent(ResultManifest.fileName).path, errno: errno)
            }
        }
        try? fm.removeItem(at: staging)
        Self.syncFolder(target)
    }

    /// Drops everything written; the target is untouched.
    public func discard() {
        finished = true
        try? FileManager.default.removeItem(at: staging)
        Self.registry.remove(staging)
    }

    // MARK: - Helpers

    /// Names Setka gives its temporary entries (never carried over, removed when left behind).
    static func isSetkaTemporary(_ name: String) -> Bool {
        name.contains(".setka-staging-") || name.contains(".setka-old-") || name.hasPrefix(".setka-probe-")
    }

    /// Removes staging and set-aside folders of `target` left by a process that no longer runs
    /// (killed by SIGKILL, or a power cut).
    static func removeLeftovers(of target: URL) {
        let fm = FileManager.default
        let prefix = ".\(target.lastPathComponent).setka-"
        var places: [(URL, String)] = [(target.deletingLastPathComponent(), prefix), (target, ".setka-")]
        if !fm.fileExists(atPath: target.path) { places.removeLast() }
        for (folder, start) in places {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(start) && isSetkaTemporary(name) {
                // `…-staging-PID-RANDOM[-gone]` / `…-old-PID-RANDOM` / `…-probe-PID-RANDOM`: only a dead process's.
                let fields = name.split(separator: "-").map(String.init)
                let marks = fields.indices.dropLast().filter { ["staging", "old", "probe"].contains(fields[$0]) && Int32(fields[$0 + 1]) != nil }
                guard let mark = marks.last, let pid = Int32(fields[mark + 1]) else { continue }
                if pid == getpid() { continue }
                if kill(pid, 0) == 0 || errno == EPERM { continue }
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// Recreates `from` (a file, a folder or a link) at `to` by hard links (copies where links
    /// are not possible), so carrying old results over costs no space.
    static func linkTree(from: URL, to: URL) throws(OutputError) {
        var st = stat()
        guard lstat(from.path, &st) == 0 else { return }  // gone meanwhile: nothing to carry
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            if mkdir(to.path, st.st_mode & 0o7777) != 0 { throw OutputError.system(to.path, errno: errno) }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: from.path)) ?? [] {
                try linkTree(from: from.appendingPathComponent(name), to: to.appendingPathComponent(name))
            }
        case S_IFLNK:
            if let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: from.path), symlink(dest, to.path) == 0 { return }
            throw OutputError.system(to.path, errno: errno)
        default:
            if link(from.path, to.path) == 0 { return }
            do { try FileManager.default.copyItem(at: from, to: to) } catch {
                throw OutputError(path: to.path, reason: OutputError.reason(error))
            }
        }
    }

    /// Exchanges two paths atomically; 0 on success, else the errno (e.g. no support).
    static func exchange(_ a: String, _ b: String) -> Int32 {
        #if os(Linux)
            typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return ENOSYS }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 1 << 1
            return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 ? 0 : errno
        #elseif canImport(Darwin)
            return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 ? 0 : errno
        #else
            return ENOSYS
        #endif
    }

    /// Flushes a folder's entries (the rename) to the disk.
    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    // MARK: - Interruption

    /// Staging folders of writers not yet finished, for `discardAllInProgress`.
    static let registry = Registry()

    /// Removes every staging folder not yet swapped in, waiting for a swap under way to finish:
    /// for a second Ctrl-C or SIGTERM that quits at once (the old results stay as they were).
    public static func discardAllInProgress() {
        registry.lockForever { urls in
            for u in urls {
                // Renamed first (one atomic step): a writer still busy on another thread can add
                // nothing more to it, so the removal cannot race with it.
                let gone = u.deletingLastPathComponent().appendingPathComponent(u.lastPathComponent + "-gone")
                if rename(u.path, gone.path) == 0 {
                    try? FileManager.default.removeItem(at: gone)
                } else {
                    try? FileManager.default.removeItem(at: u)
                }
            }
        }
    }

    final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var staging: Set<URL> = []

        func add(_ u: URL) { lock.withLock { _ = staging.insert(u) } }
        func remove(_ u: URL) { lock.withLock { _ = staging.remove(u) } }

        func locked<T>(_ body: () throws(OutputError) -> T) throws(OutputError) -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body()
        }

        /// Takes the lock and keeps it (the process is about to exit): no swap starts after.
        func lockForever(_ body: (Set<URL>) -> Void) {
            lock.lock()
            body(staging)
        }
    }
}

#if canImport(Glibc)
    private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.write(fd, p, n) }
#elseif canImport(Darwin)
    private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.write(fd, p, n) }
#endif
