import Foundation
import HTTPTypes
import HummingbirdTesting
import ProfileDay
import Testing
import Wording
import ZIPFoundation
@testable import SetkaServer

/// The number in `data-value` of the row marked `data-key="key"`.
func figure(_ html: String, _ key: String) -> Double? {
    guard let row = html.range(of: "data-key=\"\(key)\"") else { return nil }
    let rest = html[row.upperBound...]
    guard let v = rest.range(of: "data-value=\""), let end = rest[v.upperBound...].firstIndex(of: "\"") else { return nil }
    return Double(rest[v.upperBound..<end])
}

/// Equal up to the last bits of a double (the page and the test parse the same JSON number).
func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-9 * max(1, abs(b))
}

/// How many `<tr>` the table with `id` has in its body.
func bodyRows(_ html: String, table id: String) -> Int {
    guard let start = html.range(of: "id=\"\(id)\""), let body = html[start.upperBound...].range(of: "<tbody>"),
          let end = html[body.upperBound...].range(of: "</tbody>") else { return -1 }
    return html[body.upperBound..<end.lowerBound].components(separatedBy: "<tr").count - 1
}

/// The files of a ZIP the app sent (`application/zip`, else none), each as its name and text.
func zipFiles(_ response: TestResponse) throws -> [(path: String, text: String)] {
    guard response.status == .ok, response.headers[.contentType] == "application/zip" else { return [] }
    let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
    return try archive.map { entry in
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return (entry.path, String(decoding: data, as: UTF8.self))
    }
}

@Suite struct PageTests {
    @Test func projectsAndAProjectWithItsValidation() async throws {
        try await withApp { h in
            let list = try await h.html("/")
            #expect(list.contains("Проекты") && list.contains("Ольховский муниципальный район"))
            #expect(list.contains("enctype=\"multipart/form-data\""))
            let project = try await h.exampleProject("rural-district")
            let page = try await h.html("/projects/\(project.id)")
            #expect(page.contains("Проверка данных"))
            #expect(figure(page, "students") == 122)
            #expect(figure(page, "slots") == 3)
            #expect(page.contains("id=\"run-form\""))
            // A version with errors shows each with its place, and cannot be run.
            let rooms = "site,id,capacity,kind\ns001,1,lots,classroom\n"
            let r = try await h.upload("/projects/\(project.id)/versions", file: try zipFolder(ruralDistrict, replace: ["rooms.csv": rooms]))
            #expect(r.status == .seeOther)
            let location = try #require(r.headers[.location])
            let bad = try await h.html(location)
            // In the page's language: the place and the finding in Russian words.
            #expect(bad.contains("rooms.csv, строка 2, столбец 3"), "\(bad)")
            #expect(bad.contains("ожидалось целое число ≥ 1, найдено"), "\(bad)")
            #expect(!bad.contains("expected a whole number"))
            #expect(bad.contains("Ошибки"))
            // The English page shows the English finding at the CLI's place.
            let english = String(buffer: try await h.get(location, headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
            #expect(english.contains("rooms.csv:2:3"))
            #expect(english.contains("expected a whole number ≥ 1, found"), "\(english)")
            #expect(!english.contains("ожидалось"))
            #expect(!bad.contains("id=\"run-form\""))
            #expect(bad.contains("№ 2") && bad.contains("№ 1"))
        }
    }

    @Test func everyPageOfAProfileDayRunShowsItsNumbers() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 3)
            #expect(run.status == .done)
            let summary = try #require(try await h.json("/api/runs/\(run.id)/files/summary.json") as? [String: Any])
            let page = try await h.html("/runs/\(run.id)")
            for key in ["objective", "bound", "studentsTotal", "studentsFullyServed", "studentsPartlyServed", "studentsNotServed",
                        "enrolments", "sections", "remoteSections", "teachersTeaching", "meanTravelMinutes", "maxTravelMinutes", "studentsShort"] {
                let expected = try #require((summary[key] as? NSNumber)?.doubleValue, "\(key)")
                #expect(close(figure(page, key), expected), "\(key)")
            }
            #expect(close(figure(page, "gap"), try #require(summary["gap"] as? Double) * 100))
            // The project's list of runs shows the gap and the students fully served of each.
            let list = try await h.html("/projects/\(project.id)")
            let served = try #require(summary["studentsFullyServed"] as? Int), total = try #require(summary["studentsTotal"] as? Int)
            #expect(list.contains("<td class=\"num\">\(served) из \(total)</td>"))
            #expect(list.contains("<td class=\"num\">\(Fmt.fixed(try #require(summary["gap"] as? Double) * 100, digits: 2, ru: true))</td>"))
            // Russian numbers for people: "20 835,5"-style, a no-break space between thousands
            // and a decimal comma (never a point).
            #expect(page.contains("Целевая функция"))
            let objective = try #require(summary["objective"] as? Double)
            #expect(objective >= 10_000, "the example's objective has five digits, so it is grouped")
            #expect(page.contains("data-value=\"\(objective)\">\(Words(.ru).number(objective))</td>"))
            #expect(Words(.ru).number(objective).contains("\u{00A0}") && !Words(.ru).number(objective).contains("."))

            let sections = try #require(summary["sections"] as? Int)
            let sites = try await h.html("/runs/\(run.id)/sites")
            #expect(sites.contains("<nav class=\"groups\">"))
            #expect(sites.contains("class=\"site-sheet\" href=\"/runs/\(run.id)/schools/sheet?school="))
            // Every section of every site is in one cell "course / teacher / N students".
            var cells = 0
            let siteCount = sites.components(separatedBy: "<nav class=\"groups\">")[1].components(separatedBy: "</nav>")[0].components(separatedBy: "</a>").count
            for i in 1...siteCount {
                let html = try await h.html("/runs/\(run.id)/sites?site=\(i)")
                cells += html.components(separatedBy: " / ").count - 1
            }
            #expect(cells / 2 == sections)

            let students = try await h.html("/runs/\(run.id)/students")
            #expect(students.contains("id=\"total\" data-value=\"122\""))
            #expect(bodyRows(students, table: "students") == RunRoutes.pageSize)
            let second = try await h.html("/runs/\(run.id)/students?page=3")
            #expect(bodyRows(second, table: "students") == 122 - 2 * RunRoutes.pageSize)
            let search = try await h.html("/runs/\(run.id)/students?q=s0001")
            #expect(search.contains("id=\"found\""))

            let teachers = try await h.html("/runs/\(run.id)/teachers")
            #expect(figure(teachers, "") == nil)
            #expect(teachers.contains("id=\"total\" data-value=\"\(summary["teachersTeaching"] as? Int ?? -1)\""))

            let notOpened = try await h.html("/runs/\(run.id)/not-opened")
            let unopened = (summary["coursesNotOpened"] as? [Any])?.count ?? -1
            #expect(unopened == 0 ? notOpened.contains("id=\"empty\"") : notOpened.contains("data-value=\"\(unopened)\""))
            let short = try await h.html("/runs/\(run.id)/short")
            let shortCount = summary["studentsShort"] as? Int ?? -1
            #expect(shortCount == 0 ? short.contains("id=\"empty\"") : short.contains("id=\"total\" data-value=\"\(shortCount)\""))
            // An empty list offers no search; a list with rows does.
            for (html, empty) in [(notOpened, unopened == 0), (short, shortCount == 0), (teachers, false)] {
                #expect(html.contains("role=\"search\"") == !empty)
            }

            let schools = try await h.html("/runs/\(run.id)/schools")
            #expect(schools.contains("<nav class=\"groups\">"))
            // Each school's sheet to print: all its students on one page, the sections at its
            // site, the day of its teachers who teach.
            #expect(schools.contains("href=\"/runs/\(run.id)/schools/sheet?school=1\""))
            let sheet = try await h.html("/runs/\(run.id)/schools/sheet?school=1")
            let version = try #require(try await h.app.store.version(run.versionId))
            let scenario = try #require(await h.app.views.scenario(version))
            let timetable = try TimetableIO.read(from: h.app.store.folder.run(run.id)).timetable
            #expect(sheet.contains("МБОУ «Ольховская СОШ»"))
            #expect(bodyRows(sheet, table: "sheet-students") == scenario.students.filter { $0.school == "olkhovskaya" }.count)
            #expect(bodyRows(sheet, table: "sheet-site") == Set(timetable.sections.filter { $0.site == "olkhovskaya" }.compactMap(\.room)).count)
            let teaching = Set(timetable.sections.map(\.teacher))
            let own = scenario.teachers.filter { $0.site == "olkhovskaya" && teaching.contains($0.id) }
            #expect(!own.isEmpty && bodyRows(sheet, table: "sheet-teachers") == own.count)
            for teacher in own { #expect(sheet.contains("<td>\(teacher.id)</td>"), "\(teacher.id)") }
            // Its students' route cards: one per student, linked from «Школы».
            #expect(schools.contains("href=\"/runs/\(run.id)/schools/cards?school=1\""))
            let cards = try await h.html("/runs/\(run.id)/schools/cards?school=1")
            #expect(cards.components(separatedBy: "class=\"route-card\"").count - 1 == scenario.students.filter { $0.school == "olkhovskaya" }.count)
            #expect(cards.contains("data-print"))
            // Each card names who teaches the student in each slot: every teacher of the school's students.
            let ownStudents = Set(scenario.students.filter { $0.school == "olkhovskaya" }.map(\.id))
            let theirSections = Set(timetable.enrolments.filter { ownStudents.contains($0.student) }.map(\.section))
            let theirTeachers = Set(timetable.sections.filter { theirSections.contains($0.id) }.map(\.teacher))
            #expect(!theirTeachers.isEmpty)
            for t in scenario.teachers where theirTeachers.contains(t.id) { #expect(cards.contains("<td>\(t.name)</td>"), "\(t.id)") }
            #expect(try await h.get("/runs/\(run.id)/schools/cards?school=99").status == .notFound)
            // Every school's route cards as a file of its own in one ZIP: a file per school with
            // students (a centre or a college has none), a card per student of the district.
            let cardFiles = try zipFiles(try await h.get("/runs/\(run.id)/schools/cards.zip"))
            #expect(schools.contains("href=\"/runs/\(run.id)/schools/cards.zip\""))
            #expect(cardFiles.count == Set(scenario.students.map(\.school)).count)
            #expect(cardFiles.first?.path == "01-МБОУ-Ольховская-СОШ.html")
            var carded = 0
            for (path, html) in cardFiles {
                #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains(".route-cards {"), "\(path)")
                carded += html.components(separatedBy: "class=\"route-card\"").count - 1
            }
            #expect(carded == scenario.students.count)
            // Who studies at the school's site: every enrolment in a section there.
            let here = Set(timetable.sections.filter { $0.site == "olkhovskaya" }.map(\.id))
            #expect(bodyRows(sheet, table: "sheet-visitors") == timetable.enrolments.filter { here.contains($0.section) }.count)
            #expect(sheet.contains("data-print"))
            // Every school's sheet as a file of its own in one ZIP: one per school, every student once.
            let entries = try zipFiles(try await h.get("/runs/\(run.id)/schools/sheets.zip"))
            // One per organisation of the day: the schools with students, then the other sites
            // and the teaching teachers' workplaces (a centre, a college).
            let schoolIDs = Set(scenario.students.map(\.school))
            let others = Set(timetable.sections.compactMap(\.site) + scenario.teachers.filter { teaching.contains($0.id) }.map(\.site))
                .subtracting(schoolIDs)
            #expect(!others.isEmpty && entries.count == schoolIDs.count + others.count)
            #expect(entries.first?.path == "01-МБОУ-Ольховская-СОШ.html")
            var seated = 0
            for (path, html) in entries {
                #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<style>"), "\(path)")
                // A centre or a college has no students of its own: no such part.
                guard let students = html.components(separatedBy: "id=\"sheet-students\"").dropFirst().first?.components(separatedBy: "</table>").first else { continue }
                seated += students.components(separatedBy: "<tr>").count - 2  // the head's row is not a student
            }
            #expect(seated == scenario.students.count)
            #expect(try await h.get("/runs/\(run.id)/schools/sheet?school=99").status == .notFound)
            #expect(try await h.get("/runs/\(run.id)/schools/sheet").status == .notFound)
            // Each teacher's sheet: the day's sections, then a group list per section.
            let firstTeacher = try #require(scenario.teachers.first { teaching.contains($0.id) })
            #expect(teachers.contains("<td><a href=\"/runs/\(run.id)/teachers/sheet?teacher=\(firstTeacher.id)\">\(firstTeacher.id)</a></td>"))
            let teacherSheet = try await h.html("/runs/\(run.id)/teachers/sheet?teacher=\(firstTeacher.id)")
            let mine = timetable.sections.filter { $0.teacher == firstTeacher.id }
            #expect(teacherSheet.contains("data-print") && bodyRows(teacherSheet, table: "sheet-day") == mine.count)
            for section in mine {
                let enrolled = timetable.enrolments.filter { $0.section == section.id }.count
                #expect(bodyRows(teacherSheet, table: "sheet-group-\(section.id)") == enrolled, "\(section.id)")
            }
            let teacherFiles = try zipFiles(try await h.get("/runs/\(run.id)/teachers/sheets.zip"))
            #expect(teacherFiles.count == teaching.count)
            var listed = 0
            for (_, html) in teacherFiles {
                for part in html.components(separatedBy: "id=\"sheet-group-").dropFirst() {
                    listed += (part.components(separatedBy: "</table>").first ?? "").components(separatedBy: "<tr>").count - 2
                }
            }
            #expect(listed == timetable.enrolments.count)
            #expect(try await h.get("/runs/\(run.id)/teachers/sheet?teacher=nobody").status == .notFound)
            #expect(try await h.get("/runs/\(run.id)/teachers/sheet").status == .notFound)
            let map = try await h.html("/runs/\(run.id)/map")
            #expect(map.contains("/runs/\(run.id)/files/map.svg"))
            #expect(try await h.get("/runs/\(run.id)/files/map.svg").headers[.contentType] == "image/svg+xml")
            let downloads = try await h.html("/runs/\(run.id)/downloads")
            for name in ["report.html", "report.xlsx", "csv.zip", "sections.csv"] { #expect(downloads.contains(">\(name)</a>")) }
            #expect(downloads.contains("href=\"/runs/\(run.id)/schools/sheets.zip\">school-sheets-\(run.id).zip</a>"))
            #expect(downloads.contains("href=\"/runs/\(run.id)/teachers/sheets.zip\">teacher-sheets-\(run.id).zip</a>"))
            #expect(downloads.contains("href=\"/runs/\(run.id)/schools/cards.zip\">route-cards-\(run.id).zip</a>"))
            // The run's summary gathers what goes on paper.
            let summaryPage = try await h.html("/runs/\(run.id)")
            for href in ["files/report.html", "schools/sheets.zip", "schools/cards.zip", "teachers/sheets.zip", "files/report.xlsx"] {
                #expect(summaryPage.contains("href=\"/runs/\(run.id)/\(href)\""), "\(href)")
            }
            #expect(summaryPage.contains("id=\"print-and-send\""))
            let edits = try await h.html("/runs/\(run.id)/edits")
            #expect(edits.contains("id=\"edit-form\""))
            // A partner page does not exist for a profile day.
            #expect(try await h.get("/runs/\(run.id)/partners").status == .notFound)
        }
    }

    @Test func reasonsAreInThePagesLanguage() async throws {
        try await withApp(examples: false) { h in
            // Without the chemistry teacher, chemistry cannot open.
            let teachers = try String(contentsOf: ruralDistrict.appendingPathComponent("teachers.csv"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("T01,") }.joined(separator: "\n")
            let r = try await h.upload("/api/projects", file: try zipFolder(ruralDistrict, replace: ["teachers.csv": teachers]))
            let project = try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])["id"] as! String
            let run = try await h.runToEnd(project: project, job: "schedule", timeLimit: 3)
            let summary = try #require(JSONValue.parse(run.summary))
            guard case .array(let unopened)? = summary["coursesNotOpened"], !unopened.isEmpty else {
                Issue.record("expected a course that does not open without its teacher"); return
            }
            let russian = try await h.html("/runs/\(run.id)/not-opened")
            #expect(russian.contains("id=\"total\" data-value=\"\(unopened.count)\""))
            let english = String(buffer: try await h.get("/runs/\(run.id)/not-opened", headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
            // The same rows, each reason worded in the page's language.
            let cyrillic = { (s: String) in s.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }
            func reasons(_ html: String) -> [String] {
                html.components(separatedBy: "<tr>").dropFirst(2).compactMap { $0.components(separatedBy: "<td>").last?.components(separatedBy: "</td>").first }
            }
            #expect(reasons(russian).count == unopened.count)
            #expect(reasons(russian).allSatisfy(cyrillic))
            #expect(reasons(english).count == unopened.count)
            #expect(!reasons(english).contains { cyrillic($0) && !$0.contains("«") })
        }
    }

    @Test func thePartnerPagesShowTheAppendix() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("repyovka-partners")
            let run = try await h.runToEnd(project: project.id, job: "partner", timeLimit: 10)
            let page = try await h.html("/runs/\(run.id)")
            let summary = try #require(JSONValue.parse(run.summary))
            #expect(close(figure(page, "placesServed"), try #require(summary["placesServed"]?.double)))
            #expect(close(figure(page, "objective"), try #require(summary["objective"]?.double)))
            let partners = try await h.html("/runs/\(run.id)/partners")
            #expect(partners.contains("ШНОР"))
            #expect(bodyRows(partners, table: "partners") == -1 || partners.contains("<table class=\"data\""))
        }
    }

    @Test func englishIsOneClickAway() async throws {
        try await withApp { h in
            let r = try await h.get("/lang/en?back=/projects")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/projects")
            let cookie = try #require(r.headers[.setCookie])
            #expect(cookie.hasPrefix("setka-lang=en"))
            let english = try await h.get("/", headers: [.cookie: "setka-lang=en; " + h.cookie])
            let html = String(buffer: english.body)
            #expect(html.contains("<html lang=\"en\">") && html.contains(">Projects<") && !html.contains(">Проекты<"))
            // Only paths of this site are returned to.
            #expect(try await h.get("/lang/en?back=https://evil.example").headers[.location] == "/")
            #expect(try await h.get("/lang/en?back=//evil.example").headers[.location] == "/")
        }
    }

    @Test func missingThingsArePagesInTheUsersLanguage() async throws {
        try await withApp(examples: false) { h in
            let r = try await h.get("/projects/aaaaaaaaaaaa")
            #expect(r.status == .notFound)
            #expect(String(buffer: r.body).contains("<h1>404"))
            #expect(try await h.get("/runs/aaaaaaaaaaaa/sites").status == .notFound)
            #expect(try await h.get("/variants/aaaaaaaaaaaa").status == .notFound)
        }
    }
}
