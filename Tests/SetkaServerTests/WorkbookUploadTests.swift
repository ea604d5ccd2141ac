import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ZIPFoundation
@testable import SetkaServer

/// The bundled workbook (`scenarios/rural-district.xlsx`).
let ruralWorkbook = examplesFolder.appendingPathComponent("rural-district.xlsx")

/// The workbook with one entry's text changed.
func workbook(replacing entry: String, _ change: (String) -> String) throws -> Data {
    let source = try Archive(url: ruralWorkbook, accessMode: .read)
    var entries: [(String, Data)] = []
    for e in source where e.type == .file {
        var data = Data()
        _ = try source.extract(e) { data.append($0) }
        if e.path == entry { data = Data(change(String(decoding: data, as: UTF8.self)).utf8) }
        entries.append((e.path, data))
    }
    return try zip(entries)
}

@Suite struct WorkbookUploadTests {
    @Test func aWorkbookIsAProjectAndRuns() async throws {
        try await withApp(examples: false) { h in
            // Saved under Excel's default name: the project is called what its «Настройки» say.
            let r = try await h.upload("/api/projects", file: try Data(contentsOf: ruralWorkbook), name: "Книга1.xlsx")
            #expect(r.status == .created, "\(String(buffer: r.body))")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
            #expect(try await h.app.store.project(body["id"] as? String ?? "")?.name == "Ольховский муниципальный район — профильный день (пример)")
            let validation = try #require(body["validation"] as? [String: Any])
            #expect(validation["valid"] as? Bool == true, "\(validation)")
            #expect((validation["facts"] as? [String: Any])?["students"] as? Int == 122)
            let project = try #require(body["id"] as? String)
            let versionId = try #require(body["version"] as? String)
            let version = try #require(try await h.app.store.version(versionId))
            #expect(version.kind == "xlsx")
            // Kept as received.
            #expect(try Data(contentsOf: h.app.store.folder.resolve(version.scenarioPath)) == Data(contentsOf: ruralWorkbook))
            let run = try await h.runToEnd(project: project, job: "schedule", timeLimit: 3)
            #expect(run.status == .done, "\(run.message ?? "")")
            #expect(try await h.html("/runs/\(run.id)/students").contains("id=\"total\" data-value=\"122\""))
        }
    }

    @Test func aWorkbooksErrorsNameTheSheetAndCellOfTheUploadedFile() async throws {
        try await withApp(examples: false) { h in
            let broken = try workbook(replacing: "xl/worksheets/sheet6.xml") {
                $0.replacingOccurrences(of: #"<c r="C2"><v>25</v></c>"#, with: #"<c r="C2" t="inlineStr"><is><t>lots</t></is></c>"#)
            }
            let r = try await h.upload("/projects", file: broken, name: "Ольховка.xlsx")
            #expect(r.status == .seeOther)
            let page = try await h.html(try #require(r.headers[.location]))
            #expect(page.contains("Ольховка.xlsx[Помещения]!C2"), "\(page.prefix(4000))")
            #expect(page.contains("ожидалось целое число ≥ 1, найдено"), "\(page.prefix(4000))")
            #expect(!page.contains("scenario.xlsx"))
            let project = try #require(try await h.app.store.projects().first)
            let detail = try #require(try await h.json("/api/projects/\(project.id)") as? [String: Any])
            let errors = try #require((((detail["versions"] as? [[String: Any]])?.first?["validation"]) as? [String: Any])?["errors"] as? [[String: Any]])
            let first = try #require(errors.first)
            #expect(first["sheet"] as? String == "Помещения")
            #expect(first["cell"] as? String == "C2")
            #expect(first["file"] as? String == "Ольховка.xlsx")
            #expect((first["message"] as? String)?.hasPrefix("expected a whole number ≥ 1, found") == true, "\(first)")
            #expect((first["messageRu"] as? String)?.hasPrefix("ожидалось целое число ≥ 1, найдено") == true, "\(first)")
        }
    }

    @Test func anOldExcelFileIsRefusedWithWhatToDo() async throws {
        try await withApp(examples: false) { h in
            let r = try await h.upload("/api/projects", file: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 64)), name: "old.xls")
            #expect(r.status == .unsupportedMediaType)
            #expect(String(buffer: r.body).contains("save it as .xlsx"))
        }
    }
}

/// Workbooks out of the app: an empty one to fill in, and a version's data to change in Excel.
@Suite struct WorkbookDownloadTests {
    @Test func anEmptyWorkbookAndAVersionsDataAsAWorkbookThatLoadsAgain() async throws {
        try await withApp { h in
            // The empty workbook, linked from the projects' page, named for people.
            #expect(try await h.html("/").contains("href=\"/template.xlsx\""))
            let template = try await h.get("/template.xlsx")
            #expect(template.status == .ok)
            let disposition = try #require(template.headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment; filename=\"setka-template.xlsx\"; filename*=UTF-8''%D0%A1%D0%B5%D1%82%D0%BA%D0%B0"))
            #expect(disposition.unicodeScalars.allSatisfy { $0.isASCII })
            let sheets = Set(try Archive(data: Data(buffer: template.body), accessMode: .read).map(\.path))
            #expect(sheets.contains("xl/workbook.xml"))
            // An example's data as a workbook: uploaded back, the next version has the same data.
            let project = try await h.exampleProject("rural-district")
            let page = try await h.html("/projects/\(project.id)")
            let version = try #require(try await h.app.store.versions(of: project.id).first)
            #expect(page.contains("href=\"/projects/\(project.id)/workbook.xlsx?version=\(version.id)\""))
            let book = try await h.get("/projects/\(project.id)/workbook.xlsx?version=\(version.id)")
            #expect(book.status == .ok && book.headers[.contentDisposition]?.contains("scenario-v1.xlsx") == true)
            let again = try await h.upload("/api/projects/\(project.id)/versions", file: Data(buffer: book.body), name: "changed.xlsx")
            #expect(again.status == .created, "\(String(buffer: again.body))")
            let next = try #require(try await h.app.store.versions(of: project.id).first { $0.number == 2 })
            #expect(next.valid && next.decodedValidation.facts == version.decodedValidation.facts)
            // No such project or version: 404.
            #expect(try await h.get("/projects/nope/workbook.xlsx").status == .notFound)
        }
    }
}
