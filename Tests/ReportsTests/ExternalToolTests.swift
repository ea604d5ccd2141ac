import Foundation
import Testing
@testable import Reports

/// Real programs people open the reports with. Chromium and LibreOffice are large Debian
/// packages that `.ci/run` does not install (CI has 90 minutes on 2 cores); these tests run
/// where `chromium` / `soffice` is on PATH (`apt-get install chromium libreoffice-calc-nogui`)
/// and are otherwise reported as skipped with the reason, never passed silently.
enum Tools {
    /// The first of `names` found as an executable on PATH.
    static func find(_ names: [String]) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in names {
                let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    static let chromium = find(["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"])
    static let soffice = find(["soffice", "libreoffice"])

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs a program with output to files; stops it after `limit` seconds (a hung browser must
    /// not hang the test run).
    static func run(_ program: URL, _ arguments: [String], limit: Double = 180) throws -> Output {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let p = Process()
        p.executableURL = program
        p.arguments = arguments
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(limit)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        try out.close(); try err.close()
        return Output(status: p.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Headless Chromium with a throw-away profile.
    static func chromium(_ arguments: [String], profile: URL) throws -> Output {
        try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0"] + arguments)
    }

    /// Lines where the page wrote to the console or failed to load something.
    static func consoleLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Failed to load resource") }
    }
}

@Suite("In a real browser and in LibreOffice")
struct ExternalToolTests {
    // Skipped (with this reason) where Chromium is not installed: CI does not install it.
    @Test("headless Chromium renders the report to a PNG without console messages",
          .enabled(if: Tools.chromium != nil, "chromium is not on PATH (apt-get install chromium); CI does not install it"))
    func chromiumRenders() throws {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try Reports.writeAll(try Fixture.input(schoolA: #"<script>console.error("x")</script> Школа"#), to: dir)
        let png = dir.appendingPathComponent("report.png")
        let result = try Tools.chromium(["--screenshot=\(png.path)", "--window-size=1200,1800", files[0].absoluteString],
                                        profile: dir.appendingPathComponent("profile"))
        #expect(Tools.consoleLines(result.stderr) == [])
        let bytes = try [UInt8](Data(contentsOf: png))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height as asked.
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        #expect(u32(16) == 1200 && u32(20) == 1800)
        #expect(bytes.count > 20_000)   // a page with content, not a blank one
    }

    // The console check must be able to fail: a page that logs is caught.
    @Test("the console check catches a page that writes to the console",
          .enabled(if: Tools.chromium != nil, "chromium is not on PATH (apt-get install chromium); CI does not install it"))
    func consoleCheckWorks() throws {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("noisy.html")
        try Data(#"<!DOCTYPE html><p>x</p><script>console.error("noisy-page")</script>"#.utf8).write(to: page)
        let result = try Tools.chromium(["--screenshot=\(dir.appendingPathComponent("n.png").path)", "--window-size=300,200", page.absoluteString],
                                        profile: dir.appendingPathComponent("profile"))
        #expect(Tools.consoleLines(result.stderr).contains { $0.contains("noisy-page") })
    }

    @Test("Chromium parses the whole document and prints it on A4 pages",
          .enabled(if: Tools.chromium != nil, "chromium is not on PATH (apt-get install chromium); CI does not install it"))
    func chromiumDOMAndPDF() throws {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try Reports.writeAll(try Fixture.input(), to: dir)
        let dom = try Tools.chromium(["--dump-dom", files[0].absoluteString], profile: dir.appendingPathComponent("profile"))
        #expect(dom.stdout.components(separatedBy: #"<div class="card student">"#).count - 1 == 6)
        #expect(dom.stdout.contains("<svg"))
        #expect(dom.stdout.contains("</footer>"))
        let pdf = dir.appendingPathComponent("report.pdf")
        _ = try Tools.chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", files[0].absoluteString],
                               profile: dir.appendingPathComponent("profile"))
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        #expect(text.hasPrefix("%PDF"))
        let pages = text.components(separatedBy: "/Type /Page\n").count + text.components(separatedBy: "/Type /Page\r").count
            + text.components(separatedBy: "/Type /Page/").count + text.components(separatedBy: "/Type /Page ").count - 4
        // Partners, map, sites, 2 schools, 3 teachers, students, not-opened: each starts a page.
        #expect(pages >= 10, "\(pages) pages")
        // A4 is 595 × 842 points.
        #expect(text.contains("/MediaBox [0 0 594.95996 841.91998]") || text.contains("/MediaBox [0 0 595"))
    }

    // Skipped (with this reason) where LibreOffice is not installed: CI does not install it.
    @Test("LibreOffice opens the workbook: every sheet, its name and its cells",
          .enabled(if: Tools.soffice != nil, "soffice is not on PATH (apt-get install libreoffice-calc-nogui); CI does not install it"))
    func libreOfficeOpens() throws {
        let dir = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try Reports.writeAll(try Fixture.input(schoolA: "Школа «А» & <Б>"), to: dir)
        let out = dir.appendingPathComponent("csv")
        // CSV, UTF-8 (76), every sheet (-1) into report-<sheet>.csv.
        let result = try Tools.run(Tools.soffice!, [
            "--headless", "--norestore", "-env:UserInstallation=\(dir.appendingPathComponent("profile").absoluteString)",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir", out.path, files[2].path])
        let made = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(Set(made) == Set(["Показатели", "Партнёры", "Площадки", "Школы", "Подвоз", "Учителя", "Ученики", "Не открылись", "Недобор курсов"]
            .map { "report-\($0).csv" }), "soffice said: \(result.stdout) \(result.stderr)")
        let bus = (try? String(contentsOf: out.appendingPathComponent("report-Подвоз.csv"), encoding: .utf8)) ?? ""
        #expect(bus.hasPrefix("Школа,Когда,Откуда,Куда,Учеников,\"В пути, мин\",Кто (коды учеников)"))
        #expect(bus.contains("School B,\"Утром, к началу занятий (к 09:00)\",School B,Centre C,1,22,b1"))
        #expect(bus.contains("Школа «А» & <Б>"))
        let figures = (try? String(contentsOf: out.appendingPathComponent("report-Показатели.csv"), encoding: .utf8)) ?? ""
        #expect(figures.contains("Записей на курсы,7"))
    }
}
