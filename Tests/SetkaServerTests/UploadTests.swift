import Foundation
import HummingbirdTesting
import Testing
@testable import SetkaServer

@Suite struct UploadTests {
    func folder() throws -> DataFolder {
        let f = DataFolder(temporaryFolder())
        try f.prepare()
        return f
    }

    @Test func aScenarioZIPIsKeptAsReceivedUnpackedAndValidated() throws {
        let f = try folder()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let bytes = try zipFolder(ruralDistrict)
        let stored = try Uploads.store(bytes, folder: f)
        #expect(stored.kind == "zip")
        #expect(stored.validation.valid)
        #expect(stored.validation.facts?.students == 122)
        #expect(stored.variants.count == 3)
        #expect(stored.variants.allSatisfy { $0.validation.valid })
        // The upload as received, byte for byte.
        #expect(try Data(contentsOf: f.upload(stored.versionId).appendingPathComponent("upload.zip")) == bytes)
        #expect(FileManager.default.fileExists(atPath: f.resolve(stored.scenarioPath).appendingPathComponent("scenario.yaml").path))
    }

    /// The id of the project an upload created.
    static func id(_ r: TestResponse) -> String {
        ((try? JSONSerialization.jsonObject(with: Data(buffer: r.body))) as? [String: Any])?["id"] as? String ?? ""
    }

    @Test func aProjectIsNamedAsItsScenarioNamesItElseAfterTheFile() async throws {
        try await withApp(examples: false) { h in
            let named = try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "Книга1.zip")
            #expect(try await h.app.store.project(Self.id(named))?.name
                    == "Ольховский муниципальный район — профильный день (пример)")
            let yaml = try String(contentsOf: ruralDistrict.appendingPathComponent("scenario.yaml"), encoding: .utf8)
            let unnamed = yaml.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("name:") }.joined(separator: "\n")
            let other = try await h.upload("/api/projects", file: try zipFolder(ruralDistrict, prefix: "scenario/", replace: ["scenario.yaml": unnamed]),
                                           name: "Ольховский 2026.zip")
            #expect(other.status == .created)
            #expect(try await h.app.store.project(Self.id(other))?.name == "Ольховский 2026")
        }
    }

    @Test func aZIPOfTheFolderItselfIsFound() throws {
        let f = try folder()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let stored = try Uploads.store(try zipFolder(ruralDistrict, prefix: "rural-district/"), folder: f)
        #expect(stored.validation.valid)
        #expect(stored.scenarioPath.hasSuffix("scenario/rural-district"))
    }

    @Test(arguments: ["../evil.csv", "/tmp/evil.csv", "a/../../evil.csv", "..\\evil.csv", "C:/evil.csv", "./scenario.yaml"])
    func entriesLeavingTheFolderAreRefusedAndNothingIsWritten(_ path: String) throws {
        let f = try folder()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let yaml = try Data(contentsOf: ruralDistrict.appendingPathComponent("scenario.yaml"))
        let bytes = try zip([("scenario.yaml", yaml), (path, Data("x".utf8))])
        #expect(throws: Uploads.Refusal.self) { try Uploads.store(bytes, folder: f) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.uploads.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.work.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: f.root.deletingLastPathComponent().appendingPathComponent("evil.csv").path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/evil.csv"))
    }

    @Test func filesThatAreNotScenariosAreRefusedWithAReason() throws {
        let f = try folder()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect { try Uploads.store(Data("name,id\n".utf8), folder: f) } throws: { e in
            "\(e)".contains("neither an Excel workbook")
        }
        #expect { try Uploads.store(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), folder: f) } throws: { e in
            "\(e)".contains(".xls")
        }
        #expect { try Uploads.store(try zip([("readme.txt", Data("hi".utf8))]), folder: f) } throws: { e in
            "\(e)".contains("no scenario.yaml")
        }
        #expect { try Uploads.store(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]), folder: f) } throws: { e in
            "\(e)".contains("cannot be read")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.uploads.path).isEmpty)
    }

    @Test func aScenarioWithErrorsIsKeptWithEachErrorsPlace() throws {
        let f = try folder()
        defer { try? FileManager.default.removeItem(at: f.root) }
        var rooms = try String(contentsOf: ruralDistrict.appendingPathComponent("rooms.csv"), encoding: .utf8)
        var lines = rooms.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 3: a capacity that is not a number.
        var cells = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let capacity = try #require(header.firstIndex(of: "capacity"))
        cells[capacity] = "many"
        lines[2] = cells.joined(separator: ",")
        rooms = lines.joined(separator: "\n")
        let stored = try Uploads.store(try zipFolder(ruralDistrict, replace: ["rooms.csv": rooms]), folder: f)
        #expect(!stored.validation.valid)
        let error = try #require(stored.validation.errors.first { $0.file == "rooms.csv" })
        #expect(error.line == 3)
        #expect(error.column == capacity + 1)
        #expect(error.location == "rooms.csv:3:\(capacity + 1)")
    }

    @Test func aZIPThatUnpacksTooBigIsRefused() throws {
        let f = try folder()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let tree = f.work.appendingPathComponent("tree")
        let big = Data(count: 1 << 20)
        let entries = (0..<3).map { ("f\($0).csv", big) }
        let archive = try ZIPFoundation.Archive(data: try zip(entries), accessMode: .read)
        // With a cap of 2 MB, three megabytes are refused (counted from the entries, and again as unpacked).
        #expect(throws: Uploads.Refusal.self) { try Uploads.extract(archive, into: tree, cap: 2 << 20) }
    }
}

import ZIPFoundation
