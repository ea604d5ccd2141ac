import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import SetkaServer

@Suite struct FormsTests {
    func parse(_ text: [UInt8], boundary: String = "B") throws -> Form {
        try Forms.multipart(ByteBuffer(bytes: text), boundary: boundary)
    }

    @Test func fieldsAndFilesAreRead() throws {
        let body = Array("preamble\r\n--B\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.zip\"\r\nContent-Type: application/zip\r\n\r\nPK\u{3}\u{4}\r\n--Bx\r\n--B--\r\n".utf8)
        let form = try parse(body)
        #expect(form["_csrf"] == "abc")
        #expect(form.files["file"]?.bytes == Data("PK\u{3}\u{4}\r\n--Bx".utf8))
        #expect(form.files["file"]?.name == "a;b.zip")
    }

    @Test func aYesOrNoFieldIsReadOneWayEverywhere() throws {
        for yes in ["on", "true", "TRUE", "1", "yes"] { #expect(try Forms.flag(yes, name: "x")) }
        for no in [nil, "", "off", "false", "0", "No"] as [String?] { #expect(try !Forms.flag(no, name: "x")) }
        #expect(throws: HTTPError.self) { try Forms.flag("perhaps", name: "import") }
        let form = Forms.urlencoded("pin=on&import=perhaps")
        #expect(try form.flag("pin") && !form.flag("absent"))
        #expect(throws: HTTPError.self) { try form.flag("import") }
    }

    @Test func aPartWithoutHeadersIsSkipped() throws {
        let form = try parse(Array("--B\r\n\r\nhello\r\n--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--B--".utf8))
        #expect(form["x"] == "1")
    }

    @Test func brokenFormsAre400NeverACrash() throws {
        let cases: [[UInt8]] = [
            [], Array("--B".utf8), Array("--B\r\n".utf8), Array("--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end".utf8),
            [0x2D, 0x2D, 0x42, 0x0D, 0x0A, 0xFF, 0xFE, 0x3A, 0x20, 0x0D, 0x0A, 0x0D, 0x0A, 0x0D, 0x0A, 0x2D, 0x2D, 0x42, 0x2D, 0x2D],
            Array("garbage without a boundary".utf8),
        ]
        for body in cases { _ = try? parse(body) }
        // Random bytes with the boundary sprinkled in: never a trap.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(g.next() % 200) {
                switch g.next() % 6 {
                case 0: bytes += Array("\r\n--B".utf8)
                case 1: bytes += Array("\r\n\r\n".utf8)
                case 2: bytes += Array("Content-Disposition: form-data; name=\"f\"; filename=\"x\"".utf8)
                default: bytes.append(UInt8.random(in: 0...255, using: &g))
                }
            }
            _ = try? parse(bytes)
        }
        #expect(throws: HTTPError.self) { try parse(Array("--B\r\nX: y\r\n\r\nunterminated".utf8)) }
    }
}
