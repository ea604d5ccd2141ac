import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ProfileDay
import Reports
import SetkaModel
import Testing
import Wording
@testable import SetkaServer

/// «Проверить своё расписание»: a timetable's two files uploaded on a project's page and checked
/// against the version's scenario by the independent checker, as `setka check` checks them.
@Suite struct CheckUploadTests {
    /// The two files as a browser sends them (with the CSRF token unless `csrf: false`).
    func post(_ h: Harness, _ uri: String, version: String, sections: (String, Data)?, enrolments: (String, Data)?,
              csrf: Bool = true, language: String? = nil) async throws -> TestResponse {
        let boundary = "----setka-check-boundary"
        var body = ByteBuffer()
        func field(_ name: String, _ value: String) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        func file(_ name: String, _ f: (String, Data)) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(f.0)\"\r\nContent-Type: text/csv\r\n\r\n")
            body.writeBytes(f.1)
            body.writeString("\r\n")
        }
        if csrf { field("_csrf", h.token) }
        field("version", version)
        if let sections { file("sections", sections) }
        if let enrolments { file("enrolments", enrolments) }
        body.writeString("--\(boundary)--\r\n")
        var headers: HTTPFields = [:]
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[.cookie] = language.map { "setka-lang=\($0); " + h.cookie } ?? h.cookie
        return try await h.client.execute(uri: uri, method: .post, headers: headers, body: body)
    }

    @Test func aTimetableOfOnesOwnIsCheckedAgainstTheVersion() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            #expect(run.status == .done)
            let folder = h.app.store.folder.run(run.id)
            let version = try #require(try await h.app.store.version(run.versionId))
            let scenario = try EngineCalls.load(h.app.store.folder.resolve(version.scenarioPath))
            let sections = try Data(contentsOf: folder.appendingPathComponent("sections.csv"))
            let enrolments = try Data(contentsOf: folder.appendingPathComponent("enrolments.csv"))

            // The project's page offers the form for its version.
            let projectPage = try await h.html("/projects/\(project.id)")
            #expect(projectPage.contains("id=\"check-form\"") && projectPage.contains("action=\"/projects/\(project.id)/check\""))

            // The run's own timetable keeps every rule; its figures are a run's, recomputed.
            let uri = "/projects/\(project.id)/check"
            let ok = try await post(h, uri, version: version.id, sections: ("sections.csv", sections), enrolments: ("enrolments.csv", enrolments))
            #expect(ok.status == .ok)
            let okPage = String(buffer: ok.body)
            #expect(okPage.contains("data-valid=\"true\""), "\(okPage.prefix(2000))")
            #expect(okPage.contains("Расписание соблюдает все обязательные правила"))
            let timetable = try TimetableIO.read(from: folder).timetable
            let figures = ReportContent(ReportInput(scenario: scenario, timetable: timetable, language: .ru)).figuresTable()
            #expect(okPage.contains(TableView.render(figures, Words(.ru), id: "check-figures").html))
            #expect(ReportContent(ReportInput(scenario: scenario, timetable: timetable, language: .ru)).objective.map { abs($0.value - (run.objective ?? .nan)) < 0.01 } == true)
            // Beside the version's best run (this one): the same objective, and how far below the run's proven bound.
            #expect(okPage.contains("id=\"check-comparison\"") && okPage.contains("href=\"/runs/\(run.id)\""))
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
            let bound = try #require(summary["bound"] as? Double)
            let below = try #require(okPage.components(separatedBy: "id=\"check-bound\" data-value=\"").dropFirst().first?.prefix { $0 != "\"" })
            #expect(abs(try #require(Double(String(below))) - (bound - run.objective!) / abs(bound) * 100) < 1e-4)

            // A section given to a teacher busy in its slot, by hand: every broken rule listed, named.
            var lines = String(decoding: sections, as: UTF8.self).components(separatedBy: "\r\n")  // CRLF, as written
            let header = lines[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let slotColumn = try #require(header.firstIndex(of: "slot"))
            let teacherColumn = try #require(header.firstIndex(of: "teacher"))
            // Two sections in one slot: the second given the first's teacher (H1 at least).
            let rows = lines.indices.dropFirst().filter { !lines[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            func cells(_ i: Int) -> [String] { lines[i].trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ",") }
            let pair = rows.lazy.flatMap { a in rows.lazy.filter { b in b > a && cells(a)[slotColumn] == cells(b)[slotColumn] && cells(a)[teacherColumn] != cells(b)[teacherColumn] }.map { (a, $0) } }.first
            let (a, b) = try #require(pair, "two sections of the rural district share a slot")
            var moved = cells(b)
            moved[teacherColumn] = cells(a)[teacherColumn]
            lines[b] = moved.joined(separator: ",")
            let broken = Data(lines.joined(separator: "\r\n").utf8)
            let brokenTimetable = try TimetableIO.read(sections: [UInt8](broken), enrolments: [UInt8](enrolments)).timetable
            let violations = ProfileDayChecker.check(brokenTimetable, in: scenario).violations
            #expect(!violations.isEmpty)
            let bad = String(buffer: try await post(h, uri, version: version.id, sections: ("мои группы.csv", broken),
                                                    enrolments: ("enrolments.csv", enrolments)).body)
            #expect(bad.contains("data-valid=\"false\""))
            #expect(bad.contains("Нарушений правил: \(violations.count)"))
            #expect(!bad.contains("id=\"check-comparison\""), "a timetable that breaks a rule is not set beside a run")
            let words = Words(.ru, names: Names(scenario))
            for v in violations { #expect(bad.contains("<li>" + Markup.escape(words.line(v)) + "</li>"), "\(words.line(v))") }
            // In English when the page is.
            let english = String(buffer: try await post(h, uri, version: version.id, sections: ("s.csv", broken),
                                                        enrolments: ("e.csv", enrolments), language: "en").body)
            #expect(english.contains("Rules broken: \(violations.count)"))
            #expect(english.contains(Markup.escape(Words(.en, names: Names(scenario)).line(violations[0]))))

            // A file that cannot be read: its own name, line and column; nothing checked.
            let unreadable = Data("section,course,teacher,site,room,slot\nS1,math,T1,a,r1,\n".utf8)
            let notRead = String(buffer: try await post(h, uri, version: version.id, sections: ("мои группы.csv", unreadable),
                                                        enrolments: ("enrolments.csv", enrolments)).body)
            #expect(notRead.contains("Файлы не удалось прочитать"))
            #expect(notRead.contains("мои группы.csv, строка 2, столбец 6"), "\(notRead.prefix(3000))")
            #expect(!notRead.contains("id=\"check-figures\""))

            // Both files are needed; the form's token too.
            #expect(try await post(h, uri, version: version.id, sections: ("sections.csv", sections), enrolments: nil).status == .badRequest)
            #expect(try await post(h, uri, version: version.id, sections: ("sections.csv", sections), enrolments: ("enrolments.csv", enrolments),
                                   csrf: false).status == .forbidden)
        }
    }

    @Test func aProjectWithoutAProfileDayHasNothingToCheckAgainst() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("repyovka-partners")
            let page = try await h.html("/projects/\(project.id)")
            #expect(!page.contains("id=\"check-form\""))
            let version = try #require(try await h.app.store.versions(of: project.id).first)
            let r = try await post(h, "/projects/\(project.id)/check", version: version.id, sections: ("sections.csv", Data("a\n".utf8)),
                                   enrolments: ("enrolments.csv", Data("b\n".utf8)))
            #expect(r.status == .unprocessableContent)
        }
    }
}
