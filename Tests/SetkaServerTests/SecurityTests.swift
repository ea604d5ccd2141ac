import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SetkaServer

@Suite struct SecurityTests {
    @Test func aHostOtherThanTheBoundAddressIsRefused() async throws {
        // The in-process client says `Host: localhost`, which is not 127.0.0.1:8080 / localhost:8080.
        try await withApp(examples: false, hosts: []) { h in
            let r = try await h.get("/")
            #expect(r.status == .misdirectedRequest)
            #expect(String(buffer: r.body).contains("127.0.0.1:8080"))
            let api = try await h.get("/api/projects")
            #expect(api.status == .misdirectedRequest)
        }
    }

    @Test func aForeignOriginMayNotChangeAnything() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let zip = try zipFolder(ruralDistrict)
            for origin in ["http://evil.example", "http://127.0.0.1:9999", "null"] {
                let headers: HTTPFields = [.origin: origin]
                #expect(try await h.upload("/api/projects", file: zip, headers: headers).status == .forbidden)
                #expect(try await h.upload("/projects", file: zip, headers: headers).status == .forbidden)
                #expect(try await h.postJSON("/api/projects/\(project.id)/runs", #"{"job":"schedule","time_limit":1}"#, headers: headers).status == .forbidden)
                #expect(try await h.postForm("/projects/\(project.id)/runs", [("job", "schedule"), ("time_limit", "1")], headers: headers).status == .forbidden)
                #expect(try await h.postForm("/projects/\(project.id)/unpin", [("row", "1")], headers: headers).status == .forbidden)
            }
            let crossSite: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]
            #expect(try await h.postJSON("/api/projects/\(project.id)/runs", #"{"job":"schedule","time_limit":1}"#, headers: crossSite).status == .forbidden)
            // Nothing was stored or started.
            #expect(try await h.app.store.projects().count == exampleCount)
            #expect(try await h.app.store.runs(of: project.id).isEmpty)
            // The same origin may.
            let same = try await h.upload("/api/projects", file: zip, headers: [.origin: "http://localhost"])
            #expect(same.status == .created)
        }
    }

    @Test func formsNeedTheCSRFToken() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let without = try await h.postForm("/projects/\(project.id)/runs", [("job", "schedule"), ("time_limit", "1")], csrf: false)
            #expect(without.status == .forbidden)
            #expect(String(buffer: without.body).contains("Форма устарела"))
            let wrong = try await h.postForm("/projects/\(project.id)/runs", [("job", "schedule"), ("time_limit", "1"), ("_csrf", String(repeating: "cd", count: 32))], csrf: false)
            #expect(wrong.status == .forbidden)
            let upload = try await h.upload("/projects", file: try zipFolder(ruralDistrict), csrf: false)
            #expect(upload.status == .forbidden)
            #expect(try await h.app.store.runs(of: project.id).isEmpty)
            // A page sets the token cookie when the browser has none; its forms carry it.
            let page = try await h.client.execute(uri: "/projects/\(project.id)", method: .get)
            let cookie = try #require(page.headers[.setCookie])
            let token = try #require(cookie.split(separator: ";").first?.split(separator: "=").last.map(String.init))
            #expect(String(buffer: page.body).contains("name=\"_csrf\" value=\"\(token)\""))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let ok = try await h.postForm("/projects/\(project.id)/runs", [("job", "schedule"), ("time_limit", "1")])
            #expect(ok.status == .seeOther)
        }
    }

    @Test func uploadsAboveFiftyMegabytesAre413() async throws {
        try await withApp(examples: false) { h in
            let big = Data(count: 51 << 20)
            let api = try await h.upload("/api/projects", file: big)
            #expect(api.status == .contentTooLarge)
            let form = try await h.upload("/projects", file: big)
            #expect(form.status == .contentTooLarge)
            #expect(try await h.app.store.projects().isEmpty)
        }
    }

    @Test func everyPageForbidsInlineAndForeignScripts() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            for uri in ["/", "/projects/\(project.id)", "/projects/\(project.id)/variants", "/api/projects", "/no-such-page"] {
                let r = try await h.get(uri)
                let csp = try #require(r.headers[.contentSecurityPolicy], "\(uri)")
                #expect(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                let body = String(buffer: r.body)
                // No inline script: every <script> has a src on this site.
                #expect(!body.contains("<script>"))
                #expect(!body.contains("src=\"http") && !body.contains("href=\"http"))
            }
            let js = try await h.get("/static/app.js")
            #expect(js.status == .ok)
            #expect(js.headers[.contentType]?.hasPrefix("text/javascript") == true)
            let css = try await h.get("/static/app.css")
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            let again = try await h.get("/static/app.js", headers: [.ifNoneMatch: try #require(js.headers[.eTag])])
            #expect(again.status == .notModified)
            #expect(try await h.get("/static/../setka.sqlite").status == .notFound)
        }
    }

    @Test func userTextIsShownAsText() async throws {
        try await withApp(examples: false) { h in
            // A school named <script>…, and a file name with markup: both shown as text.
            let name = "<script>alert(1)</script>"
            let schools = try String(contentsOf: ruralDistrict.appendingPathComponent("schools.csv"), encoding: .utf8)
            var lines = schools.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            let nameColumn = try #require(header.firstIndex(of: "name"))
            var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[nameColumn] = "\"\(name)\""
            lines[1] = cells.joined(separator: ",")
            let zip = try zipFolder(ruralDistrict, replace: ["schools.csv": lines.joined(separator: "\n") + "\n"])
            let r = try await h.upload("/projects", file: zip, name: "<img src=x onerror=alert(2)>.zip")
            #expect(r.status == .seeOther)
            let project = try #require(try await h.app.store.projects().first)
            // The project is named as its scenario names itself; the file's name is in its versions.
            let list = try await h.html("/projects/\(project.id)")
            #expect(list.contains("&lt;img src=x onerror=alert(2)&gt;"))
            #expect(!list.contains("<img src=x"))
            let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 2)
            #expect(run.status == .done)
            for page in ["sites", "schools", "students"] {
                let html = try await h.html("/runs/\(run.id)/\(page)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page)")
                #expect(!html.contains(name), "\(page)")
            }
        }
    }

    @Test func filesAreServedOnlyByTheirNamesInTheRunFolder() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let run = try await h.runToEnd(project: project.id, job: "schedule", timeLimit: 2)
            for name in ["..%2Fsetka.sqlite", "..", "%2E%2E", "setka.sqlite", "%2Fetc%2Fpasswd"] {
                #expect(try await h.get("/api/runs/\(run.id)/files/\(name)").status == .notFound, "\(name)")
            }
            let report = try await h.get("/runs/\(run.id)/files/report.html")
            #expect(report.status == .ok)
            // The report keeps its own styles; no script runs in it.
            #expect(report.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(report.headers[.contentSecurityPolicy]?.contains("script") == false)
            #expect(try await h.get("/api/runs/\(run.id)/files/csv.zip").headers[.contentDisposition]?.contains("attachment") == true)
        }
    }
}
