import CSetkaZlib

/// A minimal ZIP archive writer: each entry DEFLATE-compressed by zlib (method 8) when that
/// makes it smaller, else stored (method 0); with its CRC-32, a fixed timestamp (1980-01-01
/// 00:00, so the same input gives the same bytes) and UTF-8 names. Enough for an Office Open
/// XML package (`.xlsx`), which Excel and LibreOffice open.
///
/// Written here rather than taken from a ZIP package: the format subset is ~120 lines, needs no
/// package dependency (zlib is a system library the Swift toolchain itself requires) and keeps
/// the output byte-for-byte reproducible. Compression matters: a city's workbook (20 000
/// students) is about 49 MB stored and a tenth of that deflated.
public struct ZipWriter: Sendable {
    private struct Entry: Sendable {
        var name: [UInt8]
        var crc: UInt32
        var method: UInt16
        var compressedSize: UInt32
        var size: UInt32
        var offset: UInt32
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// ZIP without the ZIP64 extension holds at most 4 GiB and 65 535 entries.
        case tooLarge
        public var description: String { "the archive is larger than a plain ZIP file can hold (4 GiB, 65 535 files)" }
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    public init() {}

    /// Adds a file named `name` (forward slashes, no leading slash) holding `data`; `compress`
    /// false stores it as it is.
    public mutating func add(_ name: String, _ data: [UInt8], compress: Bool = true) throws {
        let nameBytes = Array(name.utf8)
        let deflated = compress ? Deflate.raw(data) : nil
        var method: UInt16 = 0
        var payload = data
        if let deflated, deflated.count < data.count { method = 8; payload = deflated }
        guard bytes.count + payload.count + nameBytes.count + 30 < Int(UInt32.max),
              entries.count < Int(UInt16.max), data.count < Int(UInt32.max), nameBytes.count < Int(UInt16.max)
        else { throw Failure.tooLarge }
        let entry = Entry(name: nameBytes, crc: CRC32.checksum(data), method: method, compressedSize: UInt32(payload.count),
                          size: UInt32(data.count), offset: UInt32(bytes.count))
        // Local file header.
        put32(0x0403_4b50)
        put16(20)            // version needed: 2.0
        put16(0x0800)        // flags: names are UTF-8
        put16(method)
        put16(0); put16(0x21) // time 00:00, date 1980-01-01
        put32(entry.crc); put32(entry.compressedSize); put32(entry.size)
        put16(UInt16(nameBytes.count)); put16(0)
        bytes += nameBytes
        bytes += payload
        entries.append(entry)
    }

    /// The finished archive: the entries, the central directory and its end record.
    public func finish() throws -> [UInt8] {
        var out = self
        let directoryStart = out.bytes.count
        for e in entries {
            out.put32(0x0201_4b50)
            out.put16(20)        // made by: 2.0, MS-DOS attributes
            out.put16(20)
            out.put16(0x0800)
            out.put16(e.method)
            out.put16(0); out.put16(0x21)
            out.put32(e.crc); out.put32(e.compressedSize); out.put32(e.size)
            out.put16(UInt16(e.name.count))
            out.put16(0); out.put16(0)   // extra, comment
            out.put16(0)                 // disk number
            out.put16(0)                 // internal attributes
            out.put32(0)                 // external attributes
            out.put32(e.offset)
            out.bytes += e.name
        }
        let directorySize = out.bytes.count - directoryStart
        guard out.bytes.count + 22 < Int(UInt32.max) else { throw Failure.tooLarge }
        out.put32(0x0605_4b50)
        out.put16(0); out.put16(0)
        out.put16(UInt16(entries.count)); out.put16(UInt16(entries.count))
        out.put32(UInt32(directorySize)); out.put32(UInt32(directoryStart))
        out.put16(0)
        return out.bytes
    }

    private mutating func put16(_ v: UInt16) {
        bytes.append(UInt8(v & 0xff)); bytes.append(UInt8(v >> 8))
    }

    private mutating func put32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((v >> UInt32(shift)) & 0xff)) }
    }
}

/// CRC-32 as ZIP uses it (IEEE 802.3, reflected polynomial 0xEDB88320).
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xffff_ffff
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xffff_ffff
    }
}

/// Raw DEFLATE (RFC 1951, as ZIP's method 8 holds it) by zlib.
public enum Deflate {
    /// `data` compressed at zlib's level 6, without the zlib header and checksum; nil if zlib
    /// fails (the caller then stores the data).
    public static func raw(_ data: [UInt8]) -> [UInt8]? {
        var bound = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &bound, src.baseAddress, uLong(data.count), 6)
            }
        }
        // A zlib stream is a 2-byte header, the raw DEFLATE data and a 4-byte Adler-32.
        guard status == Z_OK, bound >= 6 else { return nil }
        return Array(out[2..<(Int(bound) - 4)])
    }
}
