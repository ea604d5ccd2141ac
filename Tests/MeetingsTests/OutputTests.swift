import Foundation
import Testing
import SetkaModel
@testable import Meetings
@testable import MeetingsReports

/// A minimal RFC 5545 reader for tests: checks the line rules while it unfolds.
struct ICSReader {
    struct Property { var name: String; var parameters: [String: String]; var value: String }
    var properties: [Property] = []
    var problems: [String] = []

    init(_ data: Data) {
        let bytes = [UInt8](data)
        // Physical lines: every line ends in CRLF, no bare CR or LF, at most 75 octets, each a
        // whole UTF-8 string (a fold never splits a character).
        var lines: [String] = []
        var start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { problems.append("bare CR at byte \(i)"); i += 1; continue }
                let line = Array(bytes[start..<i])
                if line.count > 75 { problems.append("line of \(line.count) octets: \(String(decoding: line, as: UTF8.self))") }
                if let text = String(validating: line, as: UTF8.self) { lines.append(text) } else { problems.append("line \(lines.count + 1) splits a UTF-8 character") }
                i += 2; start = i
            } else {
                if bytes[i] == 0x0A { problems.append("bare LF at byte \(i)") }
                i += 1
            }
        }
        if start != bytes.count { problems.append("the file does not end with CRLF") }
        // Unfold: a line starting with a space or tab continues the previous one.
        var logical: [String] = []
        for line in lines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                guard !logical.isEmpty else { problems.append("continuation with nothing before"); continue }
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        for line in logical {
            guard let colon = Self.valueColon(line) else { problems.append("no ':' in \(line)"); continue }
            let head = line[..<colon], value = String(line[line.index(after: colon)...])
            let parts = head.split(separator: ";").map(String.init)
            var parameters: [String: String] = [:]
            for p in parts.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                parameters[kv[0]] = kv.count > 1 ? kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : ""
            }
            properties.append(Property(name: parts[0], parameters: parameters, value: value))
        }
    }

    /// The colon that ends the name and parameters (not one inside a quoted parameter value).
    static func valueColon(_ line: String) -> String.Index? {
        var quoted = false
        for i in line.indices {
            if line[i] == "\"" { quoted.toggle() }
            if line[i] == ":" && !quoted { return i }
        }
        return nil
    }

    /// A TEXT value unescaped (RFC 5545 §3.3.11); nil when it has an escape the RFC does not allow.
    static func unescape(_ value: String) -> String? {
        var out = "", escaping = false
        for c in value {
            if escaping {
                switch c {
                case "\\": out.append("\\")
                case ";": out.append(";")
                case ",": out.append(",")
                case "n", "N": out.append("\n")
                default: return nil
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else if c == ";" || c == "," {
                return nil  // must be escaped in TEXT
            } else {
                out.append(c)
            }
        }
        return escaping ? nil : out
    }

    /// The events: their properties by name.
    var events: [[String: Property]] {
        var out: [[String: Property]] = []
        var current: [String: Property]?
        for p in properties {
            if p.name == "BEGIN" && p.value == "VEVENT" { current = [:] } else if p.name == "END" && p.value == "VEVENT" {
                if let c = current { out.append(c) }
                current = nil
            } else if current != nil { current![p.name] = p }
        }
        return out
    }
}

@Suite("Meetings outputs")
struct MeetingsOutputTests {
    static let generated = Date(timeIntervalSince1970: 1_790_000_000)

    func planned() throws -> (Scenario, MeetingsPlan) {
        var f = MeetingsFixture()
        // Names that need escaping and folding: commas, semicolons, a backslash, a line break,
        // long Cyrillic text.
        f.scenario.platforms[0].name = "Учителя <b>математики</b>, физики; и информатики \\ «Точка роста»\nсетевая площадка городского методического объединения"
        f.scenario.organisations[0].name = "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 1», корпус 2"
        let plan = try MeetingsPlanner.plan(f.scenario)
        return (f.scenario, plan)
    }

    @Test func districtCalendarKeepsTheRFCLineRules() throws {
        let (s, plan) = try planned()
        let text = ICalendar.district(plan, scenario: s, generated: Self.generated)
        let ics = ICSReader(Data(text.utf8))
        #expect(ics.problems == [])
        #expect(ics.properties.first?.name == "BEGIN" && ics.properties.first?.value == "VCALENDAR")
        #expect(ics.properties.last?.name == "END" && ics.properties.last?.value == "VCALENDAR")
        #expect(ics.properties.contains { $0.name == "VERSION" && $0.value == "2.0" })
        #expect(ics.properties.contains { $0.name == "PRODID" })
        #expect(ics.properties.contains { $0.name == "TZID" && $0.value == "Europe/Moscow" })
        #expect(ics.properties.contains { $0.name == "TZOFFSETTO" && $0.value == "+0300" })
        let events = ics.events
        #expect(events.count == plan.meetings.count)
        #expect(Set(events.compactMap { $0["UID"]?.value }).count == events.count)
        for e in events {
            #expect(e["DTSTAMP"]?.value == "20260921T141320Z")
            #expect(e["DTSTART"]?.parameters["TZID"] == "Europe/Moscow")
            #expect(e["DTEND"]?.parameters["TZID"] == "Europe/Moscow")
            for name in ["SUMMARY", "LOCATION", "DESCRIPTION"] {
                #expect(e[name].flatMap { ICSReader.unescape($0.value) } != nil, "\(name) is not a valid TEXT value: \(e[name]?.value ?? "missing")")
            }
        }
        // The first meeting of math: its local start and its escaped, folded texts read back.
        let math = try #require(plan.meetings.first { $0.platform == "math" && $0.number == 1 })
        let event = try #require(events.first { $0["UID"]?.value.hasPrefix("2026-math-1-") == true })
        #expect(event["DTSTART"]?.value == ICalendar.local(math.date, math.start))
        let summary = try #require(event["SUMMARY"].flatMap { ICSReader.unescape($0.value) })
        #expect(summary == "«\(s.platforms[0].name)»: заседание 1")
        let location = try #require(event["LOCATION"].flatMap { ICSReader.unescape($0.value) })
        #expect(location == s.organisations[0].name)
        #expect(text.contains("\r\n "))   // something was folded
    }

    @Test func foldingNeverSplitsACharacter() {
        for n in 60...80 {
            let line = "DESCRIPTION:" + String(repeating: "ж", count: n) + "😀x"
            let folded = ICalendar.fold(line)
            let reader = ICSReader(Data(folded.utf8))
            #expect(reader.problems == [])
            #expect(reader.properties.first?.value == String(line.dropFirst("DESCRIPTION:".count)))
        }
    }

    @Test func escapingFollowsTheRFC() {
        #expect(ICalendar.escape("a,b;c\\d\ne\r\nf\u{7}") == "a\\,b\\;c\\\\d\\ne\\nf")
    }

    @Test func timeZoneWithClockChangesGetsItsObservances() {
        let lines = ICalendar.timeZone("Europe/Berlin", schoolYear: 2026)
        #expect(lines.contains("BEGIN:DAYLIGHT") && lines.contains("BEGIN:STANDARD"))
        #expect(lines.contains("TZOFFSETFROM:+0100") && lines.contains("TZOFFSETTO:+0200"))
        #expect(lines.contains("DTSTART:20261025T030000"))   // 03:00 CEST → 02:00 CET
        let moscow = ICalendar.timeZone("Europe/Moscow", schoolYear: 2026)
        #expect(moscow.filter { $0.hasPrefix("BEGIN:") }.count == 2)   // VTIMEZONE and one STANDARD
    }

    @Test func organisationCalendarsHoldTheirPeoplesMeetings() throws {
        let (s, plan) = try planned()
        // C's people attend rot (p3) and art (p5); C hosts nothing.
        let text = try #require(ICalendar.organisation("C", plan: plan, scenario: s, generated: Self.generated))
        let events = ICSReader(Data(text.utf8)).events
        #expect(events.count == 4)
        #expect(events.allSatisfy { ($0["UID"]?.value ?? "").hasPrefix("2026-rot-") || ($0["UID"]?.value ?? "").hasPrefix("2026-art-") })
        #expect(ICalendar.organisation("D", plan: plan, scenario: s, generated: Self.generated) == nil)
        // The same meeting has the same UID in the district's file.
        let district = Set(ICSReader(Data(ICalendar.district(plan, scenario: s, generated: Self.generated).utf8)).events.compactMap { $0["UID"]?.value })
        #expect(events.allSatisfy { district.contains($0["UID"]!.value) })
    }

    @Test func filesOfARun() throws {
        let (s, plan) = try planned()
        let check = MeetingsChecker.check(plan, in: s)
        let files = try MeetingsOutput.files(plan, check: check, scenario: s, generated: Self.generated)
        let names = files.map(\.name)
        #expect(names.contains("plan.csv") && names.contains("people.csv") && names.contains("meetings.ics"))
        #expect(names.contains("plan.html") && names.contains("plan.xlsx") && names.contains("meetings-summary.json"))
        #expect(names.contains("calendars/A.ics") && names.contains("calendars/C.ics") && !names.contains("calendars/D.ics"))
        #expect(!names.contains("unplaced.csv"))
        let csv = String(decoding: files.first { $0.name == "plan.csv" }!.data, as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "platform,meeting,date,start,end,venue")
        #expect(lines.count == plan.meetings.count + 1)
        let math = plan.meetings.first { $0.platform == "math" && $0.number == 1 }!
        #expect(lines.contains("math,1,\(math.date),\(math.start),\(math.end),A"))
        let book = files.first { $0.name == "plan.xlsx" }!.data
        #expect(book.prefix(2) == Data([0x50, 0x4B]))
        let summary = try JSONSerialization.jsonObject(with: files.first { $0.name == "meetings-summary.json" }!.data) as! [String: Any]
        #expect(summary["status"] as? String == "optimal")
        #expect(summary["objective"] as? Double == 240 && summary["bound"] as? Double == 240)
        #expect(summary["verified"] as? Bool == true)
    }

    @Test func printablePageIsRussianByDefaultAndEscaped() throws {
        let (s, plan) = try planned()
        let html = PlanReport.html(plan, scenario: s, verified: true)
        #expect(html.contains("<html lang=\"ru\">"))
        #expect(html.contains("Сводный план заседаний площадок сетевого взаимодействия"))
        #expect(html.contains("2026/27 учебный год"))
        #expect(html.contains("Сентябрь 2026") && html.contains("Ноябрь 2026"))
        #expect(html.contains("Учителя &lt;b&gt;математики&lt;/b&gt;, физики; и информатики \\ «Точка роста»<br>сетевая площадка"))
        #expect(!html.contains("<b>математики"))
        #expect(!html.contains("<script"))
        var english = s
        english.language = .en
        let en = PlanReport.html(plan, scenario: english, verified: true)
        #expect(en.contains("<html lang=\"en\">") && en.contains("Consolidated plan of network platform meetings"))
    }

    @Test func partialPlanWritesItsReasons() throws {
        var s = MeetingsFixture().scenario
        s.meetings!.noMeetings = [ClosedDates(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!)]
        let plan = try MeetingsPlanner.plan(s)
        let files = try MeetingsOutput.files(plan, check: MeetingsChecker.check(plan, in: s), scenario: s, generated: Self.generated)
        let unplaced = String(decoding: try #require(files.first { $0.name == "unplaced.csv" }).data, as: UTF8.self)
        #expect(unplaced.contains("rot,3,11,в эти месяцы нет ни одного дня для заседаний"))
        let html = String(decoding: files.first { $0.name == "plan.html" }!.data, as: UTF8.self)
        #expect(html.contains("Не все заседания помещаются в план"))
    }
}

/// The calendar files read by a real iCalendar library (Python's `icalendar`, the parser behind
/// many calendar tools): runs where `python3 -c 'import icalendar'` works (`pip install
/// icalendar`), reported as skipped otherwise.
@Suite("Meetings calendars in a real iCalendar library")
struct ExternalCalendarTests {
    static let python: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let python else { return (-1, "no python3") }
        let p = Process()
        p.executableURL = python
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let available = run(["-c", "import icalendar"]).status == 0

    @Test(.enabled(if: available, "needs python3 with the icalendar package (pip install icalendar)"))
    func pythonIcalendarReadsEveryEvent() throws {
        let (s, plan) = try MeetingsOutputTests().planned()
        let folder = try TemporaryFolder()
        try folder.write("district.ics", ICalendar.district(plan, scenario: s, generated: MeetingsOutputTests.generated))
        let script = """
        import sys, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        events = list(cal.walk('VEVENT'))
        for e in events:
            start, end = e.decoded('DTSTART'), e.decoded('DTEND')
            assert start.tzinfo is not None and end > start
            assert str(start.tzinfo) in ('Europe/Moscow', 'MSK') or start.utcoffset().total_seconds() == 3 * 3600
        print(len(events))
        print(str(events[0].get('SUMMARY')).replace('\\n', ' '))
        """
        let result = Self.run(["-c", script, folder.url.appendingPathComponent("district.ics").path])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first.flatMap { Int($0) } == plan.meetings.count)
        #expect(lines.count >= 2 && lines[1].contains("заседание 1"))
    }
}
