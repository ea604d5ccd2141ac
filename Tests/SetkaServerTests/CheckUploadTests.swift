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
              csrf: Bool = true, language: String? = nil, keepAsRun: Bool = false, workbook: (String, Data)? = nil) async throws -> TestResponse {
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
        if let workbook { file("workbook", workbook) }
        if keepAsRun { field("import", "on") }
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
            #expect(!okPage.contains("id=\"check-no-bound\""))
            // The same data in a project of their own with no run yet: no bound proven, and the
            // page says how to get one.
            let fresh = try await h.upload("/api/projects", file: try zipFolder(ruralDistrict), name: "rural.zip")
            let freshBody = try #require(try JSONSerialization.jsonObject(with: Data(buffer: fresh.body)) as? [String: Any])
            let unproven = try await post(h, "/projects/\(freshBody["id"] as? String ?? "")/check", version: freshBody["version"] as? String ?? "",
                                          sections: ("sections.csv", sections), enrolments: ("enrolments.csv", enrolments))
            let unprovenPage = String(buffer: unproven.body)
            #expect(unprovenPage.contains("data-valid=\"true\"") && !unprovenPage.contains("id=\"check-comparison\""))
            #expect(unprovenPage.contains("id=\"check-no-bound\"") && unprovenPage.contains("Сохраните его как расчёт"))

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

    /// «Сохранить как расчёт»: a valid timetable of one's own becomes a profile-day run of the
    /// project (the views, reports, edits and `keep` work on it); one that breaks a rule does not.
    @Test func aValidTimetableOfOnesOwnIsKeptAsARun() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let searched = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            let folder = h.app.store.folder.run(searched.id)
            // The run's timetable with sections named as a coordinator might name them: not a copy of the run.
            func renamed(_ data: Data) throws -> Data {
                let text = String(decoding: data, as: UTF8.self)
                let regex = try NSRegularExpression(pattern: "\\bS([0-9]+)\\b")
                return Data(regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "Группа-$1").utf8)
            }
            let sections = try renamed(Data(contentsOf: folder.appendingPathComponent("sections.csv")))
            let enrolments = try renamed(Data(contentsOf: folder.appendingPathComponent("enrolments.csv")))
            #expect(String(decoding: sections, as: UTF8.self).contains("Группа-"))
            let uri = "/projects/\(project.id)/check"
            let runsBefore = try await h.app.store.runs(of: project.id).count

            // One that breaks a rule (a student in one section twice over) is checked, not kept.
            var broken = String(decoding: enrolments, as: UTF8.self).components(separatedBy: "\r\n")
            broken.insert(broken[1], at: 2)
            let refused = try await post(h, uri, version: searched.versionId, sections: ("sections.csv", sections),
                                         enrolments: ("enrolments.csv", Data(broken.joined(separator: "\r\n").utf8)), keepAsRun: true)
            #expect(refused.status == .ok)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("id=\"check-not-imported\"") && refusedPage.contains("data-valid=\"false\""), "\(refusedPage.prefix(3000))")
            #expect(try await h.app.store.runs(of: project.id).count == runsBefore)
            let stored = h.app.store.folder.uploads.appendingPathComponent("timetables")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: stored.path)) ?? []).isEmpty)

            // A valid one: a new run of the version, its page at once.
            let kept = try await post(h, uri, version: searched.versionId, sections: ("мои группы.csv", sections),
                                      enrolments: ("кто где.csv", enrolments), keepAsRun: true)
            #expect(kept.status == .seeOther || kept.status == .found, "\(String(buffer: kept.body).prefix(2000))")
            let id = String(try #require(kept.headers[.location]).dropFirst("/runs/".count))
            await h.app.jobs.waitUntilIdle()
            let run = try #require(try await h.app.store.run(id))
            #expect(run.status == .done && run.hasResults && run.job == .schedule && run.versionId == searched.versionId, "\(run)")
            #expect(run.decodedOptions.imported == ["мои группы.csv", "кто где.csv"])
            // The same timetable as the searched run's, under the coordinator's names, checked again.
            #expect(abs((run.objective ?? .nan) - (searched.objective ?? .nan)) < 1e-6)
            let out = h.app.store.folder.run(id)
            let written = try TimetableIO.read(from: out).timetable
            #expect(written.sections.allSatisfy { $0.id.hasPrefix("Группа-") })
            #expect(written.sections.count == (try TimetableIO.read(from: folder).timetable.sections.count))
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
            #expect(summary["stoppedBy"] as? String == "imported")
            // Not searched for, but the data's proven bound is computed for it: the gap says how
            // far it may be from the best timetable (the same relaxation as the searched run's).
            let ownBound = try #require(summary["bound"] as? Double, "the imported run has the data's proven bound")
            #expect(ownBound >= run.objective! - 1e-6)
            #expect(abs(try #require(summary["gap"] as? Double) - (ownBound - run.objective!) / abs(ownBound)) < 1e-9)
            for file in ["report.html", "timetable-sites.csv", "explanations.json"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
            }
            // The files as received, kept.
            #expect(try Data(contentsOf: h.app.store.folder.importedTimetable(id).appendingPathComponent("sections.csv")) == sections)

            // Its page says where it came from; the project's list of runs too.
            let page = try await h.html("/runs/\(id)")
            #expect(page.contains("id=\"imported-from\"") && page.contains("<code>мои группы.csv</code>"))
            #expect(page.contains("составленное не в Setka"))
            // Its own bound and gap among its figures, and what they mean; no borrowed line.
            #expect(page.contains("data-key=\"bound\"") && page.contains("data-key=\"gap\""))
            #expect(page.contains("Setka доказала для этих данных"))
            #expect(!page.contains("run-version-bound"))
            let searchedSummary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
            let searchedBound = try #require(searchedSummary["bound"] as? Double)
            #expect(abs(ownBound - searchedBound) <= 0.01 * searchedBound, "the same data's bound, \(ownBound) against \(searchedBound)")
            let searchedPage = try await h.html("/runs/\(searched.id)")
            #expect(!searchedPage.contains("run-version-bound"), "a searched run has its own bound")
            // Search steps and run time are a searched run's figures, not an uploaded one's.
            #expect(searchedPage.contains("data-key=\"searchSteps\"") && searchedPage.contains("data-key=\"seconds\""))
            #expect(!page.contains("data-key=\"searchSteps\"") && !page.contains("data-key=\"seconds\"") && page.contains("data-key=\"objective\""))
            #expect(try await h.html("/projects/\(project.id)").contains("(расписание из файлов)"))
            // A view of it, and a new run that keeps it as stable as it can.
            #expect(try await h.html("/runs/\(id)/sites?site=1").contains("Группа-"))
            let again = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3, extra: #", "keep": "\#(id)""#)
            #expect(again.status == .done, "\(again)")
            // Whom to notify against the timetable it keeps: the page answers (perhaps nobody).
            let notices = try await h.html("/runs/\(again.id)/notices")
            #expect(notices.contains("id=\"sheet-intro\"") && notices.contains("href=\"/runs/\(id)\""))
        }
    }

    /// The same check for programs: `POST /api/projects/{id}/check` answers JSON (every broken
    /// rule typed, in English and Russian; the objective; what could not be read), and with
    /// `import` a valid timetable becomes a run (202).
    @Test func theCheckIsAnAPIToo() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let searched = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            let folder = h.app.store.folder.run(searched.id)
            let sections = try Data(contentsOf: folder.appendingPathComponent("sections.csv"))
            let enrolments = try Data(contentsOf: folder.appendingPathComponent("enrolments.csv"))
            let uri = "/api/projects/\(project.id)/check"
            func json(_ r: TestResponse) throws -> [String: Any] {
                try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
            }
            let runsBefore = try await h.app.store.runs(of: project.id).count

            let ok = try await post(h, uri, version: searched.versionId, sections: ("sections.csv", sections),
                                    enrolments: ("enrolments.csv", enrolments), csrf: false)
            #expect(ok.status == .ok)
            let good = try json(ok)
            #expect(good["valid"] as? Bool == true && good["version"] as? String == searched.versionId)
            #expect(abs((good["objective"] as? Double ?? .nan) - searched.objective!) < 1e-6)
            #expect((good["violations"] as? [Any])?.isEmpty == true && (good["errors"] as? [Any])?.isEmpty == true)
            #expect(good["files"] as? [String] == ["sections.csv", "enrolments.csv"] && good["run"] == nil)

            // A student in one section twice over: the checker's findings, typed and worded in
            // both languages, as `setka check --json` gives them.
            var broken = String(decoding: enrolments, as: UTF8.self).components(separatedBy: "\r\n")
            broken.insert(broken[1], at: 2)
            let brokenData = Data(broken.joined(separator: "\r\n").utf8)
            let bad = try json(try await post(h, uri, version: searched.versionId, sections: ("sections.csv", sections),
                                              enrolments: ("enrolments.csv", brokenData), csrf: false, keepAsRun: true))
            #expect(bad["valid"] as? Bool == false && bad["run"] == nil)
            let version = try #require(try await h.app.store.version(searched.versionId))
            let scenario = try EngineCalls.load(h.app.store.folder.resolve(version.scenarioPath))
            let expected = ProfileDayChecker.check(try TimetableIO.read(sections: [UInt8](sections), enrolments: [UInt8](brokenData)).timetable, in: scenario).violations
            let found = try #require(bad["violations"] as? [[String: Any]])
            #expect(!expected.isEmpty && found.count == expected.count)
            #expect(found.map { $0["rule"] as? String } == expected.map(\.rule.rawValue))
            #expect(found.map { $0["message_ru"] as? String } == expected.map { Words(.ru).sentence($0.detail) })
            #expect(found.allSatisfy { !($0["message"] as? String ?? "").isEmpty })

            // A file that cannot be read: where, in the errors; nothing checked.
            let unreadable = try json(try await post(h, uri, version: searched.versionId, sections: ("sections.csv", Data("section,course\nS1\n".utf8)),
                                                     enrolments: ("enrolments.csv", enrolments), csrf: false))
            let error = try #require((unreadable["errors"] as? [[String: Any]])?.first)
            #expect(unreadable["valid"] as? Bool == false && unreadable["objective"] == nil && (error["location"] as? String ?? "").hasPrefix("sections.csv"))
            #expect(try await h.app.store.runs(of: project.id).count == runsBefore)

            // Refusals: no files, not multipart, an unknown version.
            #expect(try await post(h, uri, version: searched.versionId, sections: nil, enrolments: nil, csrf: false).status == .badRequest)
            #expect(try await h.client.execute(uri: uri, method: .post, headers: [.contentType: "application/json"],
                                               body: ByteBuffer(string: "{}")).status == .unsupportedMediaType)
            #expect(try await post(h, uri, version: "nosuchversion", sections: ("sections.csv", sections),
                                   enrolments: ("enrolments.csv", enrolments), csrf: false).status == .notFound)

            // Kept as a run: 202, the run's id and page; the run ends with the same objective.
            let kept = try await post(h, uri, version: searched.versionId, sections: ("sections.csv", sections),
                                      enrolments: ("enrolments.csv", enrolments), csrf: false, keepAsRun: true)
            #expect(kept.status == .accepted)
            let id = try #require(try json(kept)["run"] as? String)
            await h.app.jobs.waitUntilIdle()
            let run = try #require(try await h.app.store.run(id))
            #expect(run.status == .done && run.decodedOptions.imported == ["sections.csv", "enrolments.csv"])
            #expect(abs((run.objective ?? .nan) - searched.objective!) < 1e-6)
        }
    }

    /// The same timetable as one Excel workbook (sheets «Группы» and «Записи»): checked, and kept
    /// as a run, as its two CSV files are; a workbook without the enrolments sheet says so.
    @Test func aTimetableWorkbookIsCheckedAndKeptAsItsFilesAre() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let searched = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            let folder = h.app.store.folder.run(searched.id)
            func sheet(_ file: String, _ name: String) throws -> WorkbookWriter.Sheet {
                let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
                let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",").map { WorkbookWriter.Cell.text($0) } }
                return WorkbookWriter.Sheet(name: name, rows: rows)
            }
            let book = try WorkbookWriter.workbook([try sheet("sections.csv", "Группы"), try sheet("enrolments.csv", "Записи")])
            let uri = "/projects/\(project.id)/check"
            let checked = String(buffer: try await post(h, uri, version: searched.versionId, sections: nil, enrolments: nil,
                                                        workbook: ("расписание.xlsx", book)).body)
            #expect(checked.contains("data-valid=\"true\"") && checked.contains("<code>расписание.xlsx</code>"), "\(checked.prefix(3000))")

            let kept = try await post(h, uri, version: searched.versionId, sections: nil, enrolments: nil, keepAsRun: true,
                                      workbook: ("расписание.xlsx", book))
            let id = String(try #require(kept.headers[.location]).dropFirst("/runs/".count))
            await h.app.jobs.waitUntilIdle()
            let run = try #require(try await h.app.store.run(id))
            #expect(run.status == .done && run.decodedOptions.imported == ["расписание.xlsx"], "\(run)")
            #expect(abs((run.objective ?? .nan) - (searched.objective ?? .nan)) < 1e-6)
            let written = try TimetableIO.read(from: h.app.store.folder.run(id)).timetable, source = try TimetableIO.read(from: folder).timetable
            #expect(Set(written.sections) == Set(source.sections) && Set(written.enrolments) == Set(source.enrolments))
            #expect(try Data(contentsOf: h.app.store.folder.importedTimetable(id).appendingPathComponent("timetable.xlsx")) == book)

            // The run's own timetable as the app offers it for Excel: the same timetable, valid when uploaded back.
            #expect(try await h.html("/runs/\(searched.id)/downloads").contains("href=\"/runs/\(searched.id)/timetable.xlsx\""))
            let download = try await h.get("/runs/\(searched.id)/timetable.xlsx")
            #expect(download.status == .ok && download.headers[.contentDisposition] == "attachment; filename=\"timetable-\(searched.id).xlsx\"")
            let offered = Data(buffer: download.body)
            #expect(try TimetableIO.read(workbook: offered, name: "t.xlsx").timetable == (try TimetableIO.read(from: folder).timetable))
            let back = String(buffer: try await post(h, uri, version: searched.versionId, sections: nil, enrolments: nil,
                                                     workbook: ("timetable-\(searched.id).xlsx", offered)).body)
            #expect(back.contains("data-valid=\"true\""))
            #expect(try await h.get("/runs/\(id.prefix(11))x/timetable.xlsx").status == .notFound)

            let half = try WorkbookWriter.workbook([try sheet("sections.csv", "Группы")])
            let notRead = String(buffer: try await post(h, uri, version: searched.versionId, sections: nil, enrolments: nil,
                                                        workbook: ("половина.xlsx", half)).body)
            #expect(notRead.contains("Файлы не удалось прочитать") && notRead.contains("нет листа"), "\(notRead.prefix(3000))")
            // Not a workbook Setka reads (an old .xls, plain bytes): said plainly, nothing checked.
            for (name, bytes) in [("старый.xls", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))),
                                  ("не книга.xlsx", Data("section,course\n".utf8))] {
                let page = String(buffer: try await post(h, uri, version: searched.versionId, sections: nil, enrolments: nil,
                                                         keepAsRun: true, workbook: (name, bytes)).body)
                #expect(page.contains("Файлы не удалось прочитать") && page.contains(Markup.escape(name)) && page.contains("id=\"check-not-imported\""),
                        "\(page.prefix(3000))")
            }
            // Neither a workbook nor both files: 400.
            #expect(try await post(h, uri, version: searched.versionId, sections: nil, enrolments: nil).status == .badRequest)
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
