import Foundation
import ZIPFoundation
import CZlibCRC

/// How much of a workbook Setka unpacks before it refuses the file. A real district's workbook
/// (20 000 students) unpacks to a few megabytes; these limits stop a decompression bomb or a
/// sheet padded with a million empty rows within a second or two, with a message saying which.
public struct WorkbookLimits: Sendable, Hashable {
    /// The most bytes unpacked from all the parts read, together.
    public var maxUnpackedBytes: Int = 256 << 20
    /// The largest ratio unpacked : packed of one part, checked once `ratioGrace` bytes of it
    /// are unpacked (Apache POI's default for the same check is 100).
    public var maxRatio: Int = 100
    public var ratioGrace: Int = 1 << 20
    /// Rows with no value in one sheet (formatted but empty rows count), and empty cells.
    public var maxEmptyRows: Int = 100_000
    public var maxEmptyCells: Int = 1_000_000
    /// Files in the archive.
    public var maxEntries: Int = 10_000

    public init() {}
    public static let standard = WorkbookLimits()
}

/// The ZIP package of an `.xlsx` workbook: opened read-only with ZIPFoundation, its parts
/// unpacked on demand within `WorkbookLimits`. Files that are not such a package are refused
/// with a message that says what they are (an old `.xls`, a password-protected workbook, an
/// `.ods`, an `.xlsb`, text, a damaged archive). Nothing is ever written.
struct WorkbookPackage {
    /// The name used in messages (`district.xlsx`).
    let display: String
    /// The archive, read through one file handle: one thread at a time (see `reopened`).
    let archive: Archive
    /// Opens the archive again, with a file handle of its own.
    let reopen: @Sendable () throws -> Archive
    /// Entry path → entry (paths without a leading `/`).
    let entries: [String: Entry]
    let limits: WorkbookLimits
    /// Bytes unpacked so far (for `maxUnpackedBytes`); a class so that reading parts can count.
    let budget: Budget

    final class Budget: @unchecked Sendable { var unpacked = 0 }   // one thread at a time, as the archive

    /// The same package read through a file handle of its own and counting into a budget of its
    /// own, for reading a part on another thread (ZIPFoundation's `Archive` reads through one
    /// `FILE*`). The bytes it unpacks are counted into this package's budget with
    /// `count(unpackedElsewhere:part:sheet:)` when its part is taken.
    func reopened() throws -> WorkbookPackage {
        let archive: Archive
        do {
            archive = try reopen()
        } catch {
            throw Self.refuse(display, ru: "книгу не удалось открыть повторно для чтения (\(error)); её изменили или удалили во время чтения?",
                              en: "the workbook cannot be opened again for reading (\(error)); was it changed or removed while it was read?")
        }
        return WorkbookPackage(display: display, archive: archive, reopen: reopen, entries: entries, limits: limits, budget: Budget())
    }

    /// Counts `count` bytes unpacked; true when all the parts read so far pass `maxUnpackedBytes`.
    private func overBudget(_ count: Int) -> Bool {
        budget.unpacked += count
        return budget.unpacked > limits.maxUnpackedBytes
    }

    private func overBudgetMessage(part name: String) -> Phrase {
        Phrase(ru: "книга распаковывается больше чем в \(limits.maxUnpackedBytes >> 20) МБ (на части \(name)); "
            + "настоящий сценарий занимает несколько мегабайт. Setka останавливается: это может быть «zip-бомба» или лист с огромной пустой областью",
               en: "the workbook unpacks to more than \(limits.maxUnpackedBytes >> 20) MB (at part \(name)); "
            + "a real scenario is a few megabytes. Setka stops here: it may be a decompression bomb, or a sheet with a vast empty area")
    }

    /// Counts the `count` bytes of part `path` that a `reopened` package unpacked, as if they
    /// were unpacked here now: throws what `stream` would have thrown at `maxUnpackedBytes`.
    func count(unpackedElsewhere count: Int, part path: String, sheet: String?) throws {
        if overBudget(count) {
            throw ScenarioError([.error(overBudgetMessage(part: entry(path)?.path ?? path), at: SourceLocation(file: display, sheet: sheet))])
        }
    }

    /// A problem with the whole file: one error naming the file.
    static func refuse(_ display: String, _ message: Phrase) -> ScenarioError {
        ScenarioError([.error(message, at: SourceLocation(file: display))])
    }

    static func refuse(_ display: String, ru: String, en: String) -> ScenarioError { refuse(display, Phrase(ru: ru, en: en)) }

    /// The first bytes of a file that say what it is.
    enum Signature {
        case zip, ole2, empty, other
    }

    static func signature(of head: [UInt8]) -> Signature {
        if head.isEmpty { return .empty }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        return .other
    }

    /// The first `count` bytes of a file (empty when it cannot be read).
    static func head(of url: URL, count: Int) -> [UInt8] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    /// True when `url` is a file that should be read as a workbook: an `.xlsx`/`.xlsm` name, or
    /// the bytes of a ZIP or of an old Office file (which is then refused with its reason), or a
    /// name of another spreadsheet format (`.xls`, `.ods`, `.xlsb`, `.numbers`, refused too).
    static func looksLikeWorkbook(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { return false }
        if spreadsheetExtensions.contains(url.pathExtension.lowercased()) { return true }
        switch signature(of: head(of: url, count: 8)) {
        case .zip, .ole2: return true
        case .empty, .other: return false
        }
    }

    static let spreadsheetExtensions: Set<String> = ["xlsx", "xlsm", "xltx", "xltm", "xls", "xlsb", "ods", "fods", "numbers"]

    /// Opens the workbook at `url`; throws `ScenarioError` with one plain message when it cannot.
    static func open(_ url: URL, display: String, limits: WorkbookLimits = .standard) throws -> WorkbookPackage {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw refuse(display, ru: "книги здесь нет: '\(url.path)' не существует", en: "no workbook here: '\(url.path)' does not exist")
        }
        if isDir.boolValue {
            throw refuse(display, ru: "\(display) — это папка, а здесь ожидалась книга (.xlsx)", en: "\(display) is a folder, but a workbook (.xlsx) was expected here")
        }
        guard fm.isReadableFile(atPath: url.path) else {
            throw refuse(display, ru: "не удаётся прочитать \(display) (нет прав на чтение?)", en: "cannot read \(display) (no permission to read it?)")
        }
        try check(head: head(of: url, count: 1024), extension: url.pathExtension, display: display) {
            (try? Data(contentsOf: url, options: .alwaysMapped)) ?? Data()
        }
        return try open(display: display, limits: limits) { try Archive(url: url, accessMode: .read) }
    }

    /// Opens a workbook held in memory (an upload); the same checks and messages as a file.
    static func open(data: Data, display: String, limits: WorkbookLimits = .standard) throws -> WorkbookPackage {
        try check(head: [UInt8](data.prefix(1024)), extension: (display as NSString).pathExtension, display: display) { data }
        return try open(display: display, limits: limits) { try Archive(data: data, accessMode: .read) }
    }

    /// Refuses what is not a ZIP package, from its first bytes (and all of them, for an old Office file).
    private static func check(head: [UInt8], extension ext: String, display: String, all: () -> Data) throws {
        switch signature(of: head) {
        case .empty:
            throw refuse(display, ru: "файл пуст (0 байт); это не книга. Сохраните книгу заново в Excel или LibreOffice как .xlsx",
                         en: "the file is empty (0 bytes); it is not a workbook. Save the workbook again in Excel or LibreOffice as .xlsx")
        case .ole2:
            throw refuse(display, oldOfficeMessage(all()))
        case .other:
            switch ext.lowercased() {
            case "fods":
                throw refuse(display, ru: "это плоская таблица OpenDocument (.fods); Setka читает книги Excel (.xlsx). "
                             + "В LibreOffice выберите Файл → Сохранить как → \"Excel 2007-365 (.xlsx)\"",
                             en: "this is a flat OpenDocument spreadsheet (.fods); Setka reads Excel workbooks (.xlsx). "
                             + "In LibreOffice use File → Save As → \"Excel 2007-365 (.xlsx)\"")
            case "numbers":
                throw refuse(display, ru: "это файл Apple Numbers; Setka читает книги Excel (.xlsx). В Numbers выберите Файл → Экспортировать в → Excel",
                             en: "this is an Apple Numbers file; Setka reads Excel workbooks (.xlsx). In Numbers use File → Export To → Excel")
            default: break
            }
            let text = head.allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            let hint = text ? " It looks like a text file (a CSV saved under an .xlsx name?): name it .csv, or save it from Excel as .xlsx" : ""
            let hintRu = text ? " Похоже на текстовый файл (CSV, сохранённый под именем .xlsx?): назовите его .csv или сохраните из Excel как .xlsx" : ""
            throw refuse(display, ru: "это не книга Excel (.xlsx): файл начинается не так, как она (файл .xlsx — это ZIP-архив).\(hintRu)",
                         en: "this is not an Excel workbook (.xlsx): the file does not start as one (an .xlsx file is a ZIP archive).\(hint)")
        case .zip:
            break
        }
    }

    private static func open(display: String, limits: WorkbookLimits, archive make: @escaping @Sendable () throws -> Archive) throws -> WorkbookPackage {
        let archive: Archive
        do {
            archive = try make()
        } catch {
            throw refuse(display, ru: "книга повреждена: она начинается как ZIP-архив (как и .xlsx), но прочитать её как архив нельзя "
                         + "(файл оборвался при копировании или скачивании?). Откройте её в Excel или LibreOffice и сохраните заново",
                         en: "the workbook is damaged: it starts as a ZIP archive (as an .xlsx does) but cannot be read as one "
                         + "(cut short while copying or downloading?). Open it in Excel or LibreOffice and save it again")
        }
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw refuse(display, ru: "в архиве больше \(limits.maxEntries) файлов, а в книге их несколько десятков. Это не книга, которую читает Setka",
                             en: "the archive holds more than \(limits.maxEntries) files; a workbook has a few dozen. It is not a workbook Setka reads")
            }
            var path = entry.path
            while path.hasPrefix("/") { path.removeFirst() }
            if entries[path] == nil { entries[path] = entry }
        }
        let package = WorkbookPackage(display: display, archive: archive, reopen: make, entries: entries, limits: limits, budget: Budget())
        try package.checkKind()
        return package
    }

    /// A ZIP that is a spreadsheet of another kind (OpenDocument, binary Excel) or not one at all.
    func checkKind() throws {
        if let mime = entries["mimetype"], let bytes = try? readBytes(mime, limit: 200),
           String(decoding: bytes, as: UTF8.self).contains("opendocument") || entries["content.xml"] != nil {
            throw Self.refuse(display, ru: "это таблица OpenDocument (.ods, собственный формат LibreOffice); Setka читает книги Excel (.xlsx). "
                              + "В LibreOffice выберите Файл → Сохранить как → \"Excel 2007-365 (.xlsx)\"",
                              en: "this is an OpenDocument spreadsheet (.ods, LibreOffice's own format); Setka reads Excel workbooks (.xlsx). "
                              + "In LibreOffice use File → Save As → \"Excel 2007-365 (.xlsx)\"")
        }
        if entries["xl/workbook.bin"] != nil {
            throw Self.refuse(display, ru: "это двоичная книга Excel (.xlsb); Setka читает .xlsx. В Excel выберите Файл → Сохранить как → \"Книга Excel (*.xlsx)\"",
                              en: "this is a binary Excel workbook (.xlsb); Setka reads .xlsx. In Excel use File → Save As → \"Excel Workbook (*.xlsx)\"")
        }
        if entries["[Content_Types].xml"] == nil || (entries["_rels/.rels"] == nil && entries["xl/workbook.xml"] == nil) {
            throw Self.refuse(display, ru: "это ZIP-архив, но не книга Excel (в нём нет части workbook). "
                              + "Загрузите сам файл .xlsx, а не ZIP-архив с ним",
                              en: "this is a ZIP archive, but not an Excel workbook (it has no workbook part). "
                              + "Give the .xlsx file itself, not a ZIP that holds it")
        }
    }

    /// What an OLE2 compound file (the container of Office 97–2003 files) is, as a message.
    /// Excel and LibreOffice also put an .xlsx that is protected by a password in such a
    /// container, with an `EncryptedPackage` stream.
    static func oldOfficeMessage(_ data: Data) -> Phrase {
        let encrypted = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        if data.range(of: encrypted) != nil {
            return Phrase(ru: "книга защищена паролем (зашифрована), поэтому Setka не может её прочитать. "
                + "Откройте её в Excel, снимите пароль (Файл → Сведения → Защитить книгу → Зашифровать с использованием пароля, пустой) и сохраните заново",
                          en: "this workbook is protected by a password (encrypted), so Setka cannot read it. "
                + "Open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, empty) and save it again")
        }
        return Phrase(ru: "это старая книга Excel 97–2003 (.xls) или другой старый файл Office; Setka читает современный формат (.xlsx). "
            + "В Excel или LibreOffice выберите Файл → Сохранить как → \"Книга Excel (*.xlsx)\"",
                      en: "this is an old Excel 97–2003 workbook (.xls) or another old Office file; Setka reads the current format (.xlsx). "
            + "In Excel or LibreOffice use File → Save As → \"Excel Workbook (*.xlsx)\"")
    }

    // MARK: parts

    /// The unpacked bytes of the part at `path` (nil when the archive has no such part).
    /// Throws when unpacking it would pass the limits (a decompression bomb) or it is damaged.
    func part(_ path: String, sheet: String? = nil) throws -> Data? {
        guard let entry = entry(path) else { return nil }
        return try readBytes(entry, sheet: sheet)
    }

    /// Streams the part at `path` into `reader` as it is unpacked; false when there is no such
    /// part. Throws as `part` does; the reader's own `failure` is the caller's to read.
    func stream(_ path: String, sheet: String? = nil, into reader: XMLStream) throws -> Bool {
        guard let entry = entry(path) else { return false }
        try unpack(entry, sheet: sheet) { chunk in
            chunk.withUnsafeBytes { reader.feed($0) }
            return reader.failure == nil
        }
        return true
    }

    /// The size the part at `path` says it unpacks to (0 when there is no such part): for
    /// ordering work, not for the limits (a damaged or hostile archive may say anything).
    func declaredSize(_ path: String) -> Int {
        entry(path).map { Int(clamping: $0.uncompressedSize) } ?? 0
    }

    private func entry(_ path: String) -> Entry? {
        var p = path
        while p.hasPrefix("/") { p.removeFirst() }
        return entries[p]
    }

    /// Unpacks one entry into memory within the limits (and at most `limit` bytes, when given).
    func readBytes(_ entry: Entry, limit: Int? = nil, sheet: String? = nil) throws -> Data {
        var out = Data(capacity: min(Int(clamping: entry.uncompressedSize), limit ?? limits.maxUnpackedBytes, 64 << 20))
        try unpack(entry, sheet: sheet) { chunk in
            out.append(chunk)
            return limit.map { out.count <= $0 } ?? true
        }
        return out
    }

    /// Unpacks an entry chunk by chunk into `consume` (which returns false to stop early),
    /// checking the limits as it goes: a decompression bomb is stopped within a megabyte.
    private func unpack(_ entry: Entry, sheet: String?, _ consume: (Data) -> Bool) throws {
        let packed = max(Int(clamping: entry.compressedSize), 1)
        let here = SourceLocation(file: display, sheet: sheet)
        let name = entry.path
        struct Stop: Error { var message: Phrase? }
        var unpacked = 0
        var crc = ZipChecksum()
        do {
            // The checksum is computed here (ZIPFoundation's own is a byte-at-a-time loop on
            // Linux: 8% of loading a city's workbook) and compared with the archive's below.
            _ = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { chunk in
                unpacked += chunk.count
                crc.update(chunk)
                if overBudget(chunk.count) { throw Stop(message: overBudgetMessage(part: name)) }
                if unpacked > limits.ratioGrace, unpacked / packed > limits.maxRatio {
                    throw Stop(message: Phrase(ru: "часть \(name) при распаковке вырастает больше чем в \(limits.maxRatio) раз, как «zip-бомба»; "
                               + "Setka её не читает. Если это настоящая книга, сохраните её заново в Excel или LibreOffice",
                                               en: "part \(name) unpacks to more than \(limits.maxRatio) times its packed size, as a decompression bomb does; "
                               + "Setka does not read it. If this is a genuine workbook, save it again in Excel or LibreOffice"))
                }
                if !consume(chunk) { throw Stop(message: nil) }
            }
            if crc.value != entry.checksum { throw Archive.ArchiveError.invalidCRC32 }
        } catch let stop as Stop {
            guard let message = stop.message else { return }
            throw ScenarioError([.error(message, at: here)])
        } catch Archive.ArchiveError.invalidCRC32 {
            throw ScenarioError([.error(ru: "часть \(name) книги повреждена (не сходится контрольная сумма); сохраните книгу заново",
                                        en: "part \(name) of the workbook is damaged (its checksum does not match); save the workbook again", at: here)])
        } catch {
            throw ScenarioError([.error(ru: "часть \(name) книги не распаковывается (\(error)); файл повреждён. Сохраните книгу заново",
                                        en: "part \(name) of the workbook cannot be unpacked (\(error)); the file is damaged. Save the workbook again", at: here)])
        }
    }
}

/// CRC-32 as ZIP uses it (IEEE 802.3, reflected polynomial 0xEDB88320), by zlib's `crc32`:
/// ZIPFoundation's own check is a byte-at-a-time loop on Linux (8% of loading a city's
/// workbook), a slicing-by-8 loop here took 2% and zlib's takes a fifth of that.
struct ZipChecksum {
    private(set) var value: UInt32 = 0

    mutating func update(_ data: Data) {
        data.withUnsafeBytes { update(UnsafeRawBufferPointer($0)) }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var rest = bytes.count
        var c = UInt(value)
        while rest > 0 {
            let n = min(rest, Int(UInt32.max))
            c = CZlibCRC.crc32(c, base, UInt32(n))
            base += n
            rest -= n
        }
        value = UInt32(truncatingIfNeeded: c)
    }
}

extension ScenarioError {
    /// What reading a workbook threw, as findings: a `ScenarioError` as it is (a problem in the
    /// book, already placed), anything else (a damaged package, a failed read) as one error at
    /// `place` that says, in both languages, that the workbook cannot be read and why.
    public static func readingWorkbook(_ error: any Error, at place: SourceLocation) -> ScenarioError {
        if let e = error as? ScenarioError { return e }
        return ScenarioError([.error(ru: "не удаётся прочитать книгу: \(error)", en: "cannot read the workbook: \(error)", at: place)])
    }
}
