import Foundation
import ZIPFoundation

/// Stores an uploaded workbook or ZIP of a scenario folder as a new version: the bytes as
/// received (`upload.xlsx` / `upload.zip`), a ZIP unpacked beside them (`scenario/`), validated
/// by the loader. What the file is comes from its content, never from its name.
enum Uploads {
    /// The largest upload accepted (the HTTP layer answers 413 above it).
    static let maxBytes = 50 << 20
    /// A ZIP may unpack to at most this many bytes and entries (a decompression bomb is refused).
    static let maxUnpackedBytes: UInt64 = 512 << 20
    static let maxEntries = 10_000
    /// What an uploaded workbook is kept as (the name people gave it is shown, never used).
    static let workbookName = "scenario.xlsx"
    /// The kind of a version copied from a bundled example's folder.
    static let exampleKind = "folder"

    /// Why an upload was refused (nothing of it is kept).
    enum Refusal: Error, CustomStringConvertible {
        /// Not a workbook, not a ZIP (415).
        case notAScenario(String)
        /// A ZIP that is unsafe or holds no scenario (422).
        case unusableArchive(String)

        var description: String {
            switch self {
            case .notAScenario(let s), .unusableArchive(let s): return s
            }
        }
    }

    /// An upload stored under `uploads/<version-id>/`.
    struct Stored {
        var versionId: String
        var kind: String
        /// The scenario, relative to the data folder.
        var scenarioPath: String
        var validation: Validation
        /// Variant files that came with it (`whatif/*.yaml`), relative to the data folder, each validated.
        var variants: [(name: String, path: String, validation: Validation)]
        /// The name the scenario's own settings give it (`LoadedScenario.givenName`), when it loads.
        var givenName: String? = nil
    }

    /// Stores `bytes` as version `versionId` (a fresh id). Throws `Refusal` for a file that is
    /// not a scenario or an unsafe archive; anything else (a disk error) as it is.
    static func store(_ bytes: Data, folder: DataFolder, versionId: String = Ids.make()) throws -> Stored {
        guard bytes.count >= 4, bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) else {
            if bytes.prefix(4) == Data([0xD0, 0xCF, 0x11, 0xE0]) {
                throw Refusal.notAScenario("this is an old Excel workbook (.xls): open it in Excel or LibreOffice and save it as .xlsx")
            }
            throw Refusal.notAScenario("this file is neither an Excel workbook (.xlsx) nor a ZIP of a scenario folder")
        }
        let scratch = try folder.scratch("upload")
        do {
            let stored = try unpack(bytes, into: scratch, folder: folder, versionId: versionId)
            try folder.publish(scratch, to: folder.upload(versionId))
            return stored
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
    }

    private static func unpack(_ bytes: Data, into scratch: URL, folder: DataFolder, versionId: String) throws -> Stored {
        let zipURL = scratch.appendingPathComponent("upload.zip")
        try bytes.write(to: zipURL)
        let archive: Archive
        do { archive = try Archive(url: zipURL, accessMode: .read) } catch {
            throw Refusal.notAScenario("this file starts like a ZIP but cannot be read as one (damaged or cut short?)")
        }
        let final = folder.upload(versionId)
        if archive["[Content_Types].xml"] != nil, archive["xl/workbook.xml"] != nil {
            // An Excel workbook, kept as it came; the loader reads it.
            let book = scratch.appendingPathComponent(workbookName)
            try FileManager.default.moveItem(at: zipURL, to: book)
            let (validation, loaded) = EngineCalls.validate(book)
            return Stored(versionId: versionId, kind: "xlsx", scenarioPath: folder.relative(final.appendingPathComponent(workbookName)),
                          validation: validation, variants: [], givenName: loaded?.givenName)
        }
        let tree = scratch.appendingPathComponent("scenario", isDirectory: true)
        try extract(archive, into: tree)
        guard let root = scenarioRoot(tree) else {
            throw Refusal.unusableArchive("the ZIP holds no scenario.yaml: it should hold a scenario folder (scenario.yaml and the CSV tables)")
        }
        let relativeRoot = String(root.standardizedFileURL.path.dropFirst(scratch.standardizedFileURL.path.count + 1))
        let finalRoot = final.appendingPathComponent(relativeRoot, isDirectory: true)
        let (validation, loaded) = EngineCalls.validate(root)
        let variants = variantFiles(in: root).map { file -> (String, String, Validation) in
            let relative = relativeRoot + "/whatif/" + file.lastPathComponent
            return (file.deletingPathExtension().lastPathComponent, folder.relative(final.appendingPathComponent(relative)),
                    EngineCalls.validateVariant(file))
        }
        return Stored(versionId: versionId, kind: "zip", scenarioPath: folder.relative(finalRoot), validation: validation,
                      variants: variants, givenName: loaded?.givenName)
    }

    /// Unpacks every file entry into `tree`, refusing the archive when any entry's path is
    /// absolute, climbs out with `..`, is a link, or when it unpacks to too much.
    static func extract(_ archive: Archive, into tree: URL, cap: UInt64 = maxUnpackedBytes) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: tree, withIntermediateDirectories: true)
        let base = tree.standardizedFileURL.path + "/"
        var entries: [(Entry, URL)] = []
        var declared: UInt64 = 0
        for entry in archive {
            let path = entry.path
            if entries.count >= maxEntries {
                throw Refusal.unusableArchive("the ZIP holds more than \(maxEntries) files")
            }
            guard let target = safeTarget(path, base: base, tree: tree) else {
                throw Refusal.unusableArchive("the ZIP entry \"\(String(path.prefix(80)))\" points outside its folder (an absolute path or ..); nothing was kept")
            }
            if entry.type == .symlink {
                throw Refusal.unusableArchive("the ZIP entry \"\(String(path.prefix(80)))\" is a link; a scenario needs only files")
            }
            let name = (path as NSString).lastPathComponent
            if path.hasPrefix("__MACOSX/") || name == ".DS_Store" { continue }
            declared += entry.uncompressedSize
            guard declared <= cap else {
                throw Refusal.unusableArchive("the ZIP unpacks to more than \(cap >> 20) MB")
            }
            entries.append((entry, target))
        }
        var written: UInt64 = 0
        for (entry, target) in entries {
            if entry.type == .directory {
                try fm.createDirectory(at: target, withIntermediateDirectories: true)
                continue
            }
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fm.createFile(atPath: target.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
            let handle = try FileHandle(forWritingTo: target)
            defer { try? handle.close() }
            // Sizes in the ZIP's headers can lie: count what is really unpacked.
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                written += UInt64(chunk.count)
                guard written <= cap else {
                    throw Refusal.unusableArchive("the ZIP unpacks to more than \(cap >> 20) MB")
                }
                try handle.write(contentsOf: chunk)
            }
        }
    }

    /// Where an entry goes under `tree`, or nil when its path is absolute, has `..` or a
    /// backslash or drive letter, or would land outside `tree`.
    static func safeTarget(_ path: String, base: String, tree: URL) -> URL? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"),
              !(path.count >= 2 && path.dropFirst().first == ":") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let target = tree.appendingPathComponent(parts.joined(separator: "/")).standardizedFileURL
        guard target.path.hasPrefix(base) else { return nil }
        return target
    }

    /// The folder holding `scenario.yaml`: the unpacked tree itself, or its one subfolder
    /// (a ZIP of the folder rather than of its contents).
    static func scenarioRoot(_ tree: URL) -> URL? {
        let fm = FileManager.default
        if fm.fileExists(atPath: tree.appendingPathComponent("scenario.yaml").path) { return tree }
        let children = ((try? fm.contentsOfDirectory(at: tree, includingPropertiesForKeys: [.isDirectoryKey])) ?? [])
            .filter { $0.lastPathComponent != "__MACOSX" }
        let dirs = children.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
        guard dirs.count == 1, children.count == 1,
              fm.fileExists(atPath: dirs[0].appendingPathComponent("scenario.yaml").path) else { return nil }
        return dirs[0]
    }

    /// `whatif/*.yaml` of a scenario folder, sorted.
    static func variantFiles(in root: URL) -> [URL] {
        let dir = root.appendingPathComponent("whatif", isDirectory: true)
        let files = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }.sorted { $0.path < $1.path }
    }

    /// A bundled example folder copied as a version (kind `folder`), with its variants.
    static func storeExample(_ source: URL, folder: DataFolder, versionId: String = Ids.make()) throws -> Stored {
        let scratch = try folder.scratch("example")
        do {
            let tree = scratch.appendingPathComponent("scenario", isDirectory: true)
            try FileManager.default.copyItem(at: source, to: tree)
            let final = folder.upload(versionId)
            let (validation, _) = EngineCalls.validate(tree)
            let variants = variantFiles(in: tree).map { file -> (String, String, Validation) in
                (file.deletingPathExtension().lastPathComponent,
                 folder.relative(final.appendingPathComponent("scenario/whatif/" + file.lastPathComponent)),
                 EngineCalls.validateVariant(file))
            }
            try folder.publish(scratch, to: final)
            return Stored(versionId: versionId, kind: exampleKind, scenarioPath: folder.relative(final.appendingPathComponent("scenario")),
                          validation: validation, variants: variants)
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
    }
}
