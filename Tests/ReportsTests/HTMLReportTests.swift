import Foundation
import ProfileDay
import SetkaModel
import Testing
@testable import Reports

@Suite("HTML report")
struct HTMLReportTests {
    /// Anything that would make a browser fetch something: a scheme, a protocol-relative URL,
    /// `src=`, `<link`, `url(`, `@import`, `<script`, `<iframe`, `<object`, `<embed`.
    static let external = try! NSRegularExpression(
        pattern: #"(?i)([a-z][a-z0-9+.-]*://|["'(=]\s*//|\bsrc\s*=|<link\b|url\s*\(|@import|<script\b|<iframe\b|<object\b|<embed\b|\bhref\s*=\s*(?!["']?#))"#)

    static func externalReferences(_ html: String) -> [String] {
        Self.external.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range, in: html)!]) }
    }

    @Test("the regex catches what it is meant to catch")
    func regexSelfCheck() {
        for bad in [#"<img src="a.png">"#, "https://example.org", #"<a href="http://x">"#, "@import 'a.css'",
                    "background: url(a.png)", #"<script>1</script>"#, #"<link rel="stylesheet">"#, #"<a href="//cdn">"#,
                    #"<a href="report.xlsx">"#] {
            #expect(!Self.externalReferences(bad).isEmpty, "\(bad)")
        }
        #expect(Self.externalReferences(#"<a href='#map'>Map</a> 10:30–10:50"#).isEmpty)
    }

    @Test("names no external URL: no scripts, fonts, images, styles or links outside the file", arguments: ["ru", "en"])
    func selfContained(language: String) throws {
        let html = Reports.html(try Fixture.input(language: language))
        #expect(Self.externalReferences(html) == [])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<meta charset="utf-8">"#))
        #expect(html.contains("<svg"))          // the map is inline
        #expect(!html.contains("xmlns"))        // ...without even a namespace URL
    }

    @Test("everything from the data is escaped")
    func escaping() throws {
        let hostile = #"<script>alert('x')</script> & "Школа" <b>"#
        var input = try Fixture.input(schoolA: hostile)
        input.partners?.append(PartnerRow(rule: "<i>rule</i>", recipient: "B", provider: "A", minutes: 1, gain: 2,
                                          note: "a < b & c > d"))
        input.scenario.name = "Name <with> & \"quotes\""
        let html = Reports.html(input)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<i>rule"))
        #expect(!html.contains("\"Школа\" <b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Школа&quot; &lt;b&gt;"))
        #expect(html.contains("a &lt; b &amp; c &gt; d"))
        #expect(html.contains("Name &lt;with&gt; &amp; &quot;quotes&quot;"))
        #expect(Self.externalReferences(html) == [])
        let svg = Reports.mapSVG(input)
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;"))
    }

    @Test("HTML.escape: the five characters and control characters")
    func escapeFunction() {
        #expect(HTML.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTML.escape("a\u{0}b\u{7}c\u{85}d\te") == "abcd\te")
        #expect(HTML.escape("Ёлка — «ёж»") == "Ёлка — «ёж»")
    }

    @Test("has every part the issue asks for, with the numbers of the fixture")
    func parts() throws {
        let html = Reports.html(try Fixture.input())
        for id in ["figures", "partners", "map", "sites", "schools", "teachers", "students", "not-opened"] {
            #expect(html.contains(#"<section id="\#(id)""#), "section \(id)")
        }
        // The grid per site: course / teacher / number of students.
        #expect(html.contains("Robotics / Teacher One / 2 уч."))
        #expect(html.contains("Chemistry / Teacher Two / 3 уч."))
        // Order's appendix: numbered pair and the recipient without a partner with its note.
        #expect(html.contains("Приложение № ___ к приказу"))
        #expect(html.contains("No coordinates: нет партнёра ближе 60 минут"))
        // A card per student (ids only) and per teacher.
        for id in ["a1", "a2", "a3", "b1", "b2", "b3"] { #expect(html.contains("Ученик \(id) — ")) }
        #expect(html.components(separatedBy: #"<div class="card student">"#).count - 1 == 6)
        #expect(html.components(separatedBy: #"<div class="teacher card">"#).count - 1 == 3)
        #expect(html.components(separatedBy: #"<div class="school">"#).count - 1 == 2)
        // Courses that did not open, with the reason in Russian.
        #expect(html.contains("курс выбрали 3 ученика района — меньше минимума 10"))
        #expect(html.contains("«Art»: курс не открылся (причина — в списке неоткрывшихся курсов); указал в выборе только 1"))
    }

    @Test("print CSS: A4, a page break before each school and each teacher, cards kept whole")
    func printStyle() throws {
        let html = Reports.html(try Fixture.input())
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains(".page, .school, .teacher { break-before: page; page-break-before: always; }"))
        #expect(html.contains(".card { border: 1px dashed #666; padding: 6px 10px; margin: 10px 0; break-inside: avoid;"))
    }

    @Test("a folder with only a timetable, or only partners, still makes a report")
    func partial() throws {
        let scenario = try Fixture.scenario()
        let onlyPartners = Reports.html(ReportInput(scenario: scenario, partners: try Fixture.partners()))
        #expect(onlyPartners.contains(#"<section id="partners""#))
        #expect(!onlyPartners.contains(#"<section id="sites""#))
        #expect(onlyPartners.contains("В папке результата нет расписания профильного дня."))
        let onlyDay = Reports.html(ReportInput(scenario: scenario, timetable: try Fixture.timetable()))
        #expect(!onlyDay.contains(#"<section id="partners""#))
        #expect(onlyDay.contains(#"<section id="sites""#))
        #expect(onlyDay.contains("В папке результата нет распределения партнёров."))
        // Courses not opened derived when not recorded: art, without a reason.
        #expect(onlyDay.contains("причина не записана"))
    }
}

@Suite("Languages")
struct LanguageTests {
    @Test("every label has a Russian and an English text, and they differ")
    func labels() {
        let cyrillic = try! NSRegularExpression(pattern: "[А-Яа-яЁё]")
        for label in Label.allCases {
            let ru = label.text(.ru), en = label.text(.en)
            #expect(!ru.isEmpty && !en.isEmpty, "\(label)")
            #expect(cyrillic.firstMatch(in: en, range: NSRange(en.startIndex..., in: en)) == nil, "English \(label) has Cyrillic")
            if label != .number {
                #expect(cyrillic.firstMatch(in: ru, range: NSRange(ru.startIndex..., in: ru)) != nil, "Russian \(label) has no Cyrillic")
            }
        }
    }

    @Test("English report: with Latin data, not one Cyrillic letter")
    func english() throws {
        let input = try Fixture.input(language: "en", schoolA: "School A")
        var latin = input
        latin.partners = latin.partners?.map { var r = $0; r.note = r.note.isEmpty ? "" : "no partner within 60 minutes"; return r }
        let html = Reports.html(latin)
        let cyrillic = try NSRegularExpression(pattern: "[А-Яа-яЁё]")
        var hit: String?
        if let m = cyrillic.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)), let r = Range(m.range, in: html) {
            let from = html.index(r.lowerBound, offsetBy: -40, limitedBy: html.startIndex) ?? html.startIndex
            hit = String(html[from..<r.upperBound])
        }
        #expect(hit == nil)
        #expect(html.contains(#"<html lang="en">"#))
        #expect(html.contains("Key figures"))
        #expect(html.contains("Robotics / Teacher One / 2 students"))
        #expect(html.contains("chosen by 3 students in the district, fewer than the minimum of 10"))
        let book = Fixture.unzip(try Reports.xlsx(latin))
        for (name, bytes) in book where name.hasPrefix("xl/") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(cyrillic.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "\(name)")
        }
    }

    @Test("Russian report: no English label text")
    func russian() throws {
        let html = Reports.html(try Fixture.input())
        #expect(html.contains(#"<html lang="ru">"#))
        for label in Label.allCases {
            let en = label.text(.en)
            guard en.count > 4 else { continue }   // "No.", "yes", "no" would match inside data
            #expect(!html.contains(">" + en + "<"), "English label \(label) in the Russian report")
        }
        #expect(html.contains("20,0") || html.contains(">20<"))   // decimal comma style, whole numbers plain
    }

    @Test("numbers: decimal comma in Russian, trailing zeros dropped, five digits and more in groups of three")
    func numbers() {
        #expect(Words(.ru).number(19.617, digits: 1) == "19,6")
        #expect(Words(.en).number(19.617, digits: 1) == "19.6")
        #expect(Words(.ru).number(20, digits: 2) == "20")
        #expect(Words(.ru).number(-0.01, digits: 1) == "0")
        // A city's objective as people read it: no-break spaces in Russian, commas in English;
        // four digits (a year, 1500 students) stay whole.
        #expect(Words(.ru).number(2_861_792.4503, digits: 1) == "2\u{00A0}861\u{00A0}792,5")
        #expect(Words(.en).number(2_861_792.4503, digits: 1) == "2,861,792.5")
        #expect(Words(.ru).number(20_978.5) == "20\u{00A0}978,5" && Words(.ru).number(-12_345) == "-12\u{00A0}345")
        #expect(Words(.ru).number(2025) == "2025" && Words(.en).number(9_999.96, digits: 1) == "10,000")
        #expect(Words(.ru).integer(20_000) == "20\u{00A0}000" && Words(.en).integer(1500) == "1500")
        #expect(ReportCell.integer(123_456).display(Words(.en)) == "123,456")
        #expect(Words(.ru).number(.infinity) == "∞" && Words(.ru).number(.nan) == "—")
        #expect(Words(.en).choice(1) == "1st choice" && Words(.en).choice(12) == "12th choice" && Words(.en).choice(23) == "23rd choice")
    }

    @Test("every cause of the explanations is worded in Russian, without English words")
    func reasons() {
        let ru = Words(.ru), en = Words(.en)
        let place = TeacherPlace(teacher: "t012", site: "s003")
        let free = FreePlace(place: place, slots: ["1", "2"])
        let day = TeacherDay(teacher: "t012", site: "s003", travels: true, freeSlots: ["1", "2"], maxSections: 2,
                             teaches: [TaughtSection(slot: "1", course: "c005", site: "s003")])
        let blocked = BlockedPlace(place: place, withinReach: 14, teacherDay: day, roomsTakenInSlots: ["2"])
        let courses: [CourseCause] = [
            .nobodyChose, .noQualifiedTeacher,
            .noSuitableRoom(roomKind: "chemistry-lab", minSize: 10, allowedSites: ["s001"],
                            teachers: [QualifiedTeacher(teacher: "t012", site: "s003", travels: false)]),
            .tooFewChose(chosenBy: 7, minSize: 10),
            .tooFewWithinReach(best: place, withinReach: 6, hostOnly: false, chosenBy: 17, minSize: 10, maxTrip: 60),
            .tooFewWithinReach(best: place, withinReach: 6, hostOnly: true, chosenBy: 17, minSize: 10, maxTrip: 60),
            .noFreeTeacherOrRoom(blocked: [blocked], minSize: 10),
            .tooFewNearFreeTeacher(free: free, withinReach: 7, chosenBy: 12, minSize: 10, blocked: [blocked]),
            .tooFewFreeInSlot(free: FreePlace(place: place, slots: ["2"]), available: 6, withinReach: 14, hostOnly: false, minSize: 10,
                              busyWith: [CourseCount(course: "c010", students: 5)]),
            .notWorthOpening(free: free, students: 11, gain: -3.2),
            .leftBySearch(free: free, students: 11, gain: 23.5),
        ]
        let section = SectionFact(section: "S012", site: "s001", slot: "1", enrolled: 25, capacity: 25)
        let taken = TakenCourse(course: "c010", rank: 0, section: SectionFact(section: "S003", site: "s002", slot: "2", enrolled: 12, capacity: 25))
        let choices: [ChoiceCause] = [
            .noPlaceWithinReach(nearestSite: "s007", minutes: 74, maxTrip: 60), .courseNotOpened,
            .tooFar(nearest: section, minutes: 74, maxTrip: 60, openSections: 2),
            .slotTaken(sections: [section], by: [taken], openSections: 1),
            .travelBetweenSlots(section: section, neighbour: taken, minutes: 35, gap: 20, openSections: 1),
            .full(sections: [section, section], openSections: 2),
            .cannotLeave(section: section, leaving: taken, minSize: 10, host: false, openSections: 1),
            .notWorthIt(section: section, value: -4.8, instead: nil, openSections: 1),
            .notWorthIt(section: section, value: 12, instead: taken, openSections: 1),
            .leftBySearch(section: section, gain: 12.4, openSections: 1),
        ]
        // Latin words of four letters or more, but for the ids and the data's own words.
        let latin = try! NSRegularExpression(pattern: "\\b(?!chemistry|lab\\b|schools|csv)[a-z]{4,}")
        for text in courses.map(ru.sentence) + choices.map(ru.sentence) {
            #expect(latin.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "\(text)")
        }
        #expect(en.sentence(CourseCause.tooFewNearFreeTeacher(free: free, withinReach: 7, chosenBy: 12, minSize: 10, blocked: []))
                == "7 of its 12 students are within reach of a qualified teacher (t012, s003, free in slots 1–2); 10 needed")
        #expect(en.sentence(ChoiceCause.full(sections: [section, section], openSections: 2))
                == "both its sections are full (S012 at s001, slot 1: 25/25; S012 at s001, slot 1: 25/25)")
        #expect(en.sentence(ChoiceCause.slotTaken(sections: [SectionFact(section: "S7", site: "s001", slot: "2", enrolled: 3, capacity: 25)],
                                                  by: [taken], openSections: 1))
                == "its only section is in slot 2, where they take c010 (1st choice)")
        #expect(en.sentence(ChoiceCause.tooFar(nearest: SectionFact(section: "S9", site: "s007", slot: "1", enrolled: 3, capacity: 25),
                                               minutes: 74, maxTrip: 60, openSections: 2))
                == "nearest section S9 at s007, 74 min > 60")
        let student = StudentExplanation(student: "a3", school: "A", wanted: 2, got: 0, listed: 1,
                                         choices: [ChoiceExplanation(course: "art", rank: 0, cause: .courseNotOpened)])
        #expect(ru.reason(student) == "art: курс не открылся (причина — в списке неоткрывшихся курсов); указал в выборе только 1")
        #expect(en.reason(student) == "art: the course did not open (see the courses not opened for why); listed only 1 choice")
    }
}

@Suite("Per-school tables and print layout")
struct SchoolTableTests {
    @Test("where each student is: short site names, plain 'free' at the own school, where they wait elsewhere")
    func places() throws {
        let content = ReportContent(try Fixture.input(schoolA: "МБОУ «Школа А»"))
        let rows = content.schoolsTable().rows.map { $0.map { $0.display(content.words) } }
        #expect(rows.contains(["МБОУ «Школа А»", "a1", "Robotics — Centre C, аудитория r1", "Chemistry — Школа А, аудитория 11", "окно", "2"]))
        #expect(rows.contains(["School B", "b1", "Robotics — Centre C, аудитория r1", "Chemistry — Школа А, аудитория 11", "окно (Школа А)", "2"]))
        #expect(rows.contains(["School B", "b2", "окно", "Chemistry — Школа А, аудитория 11", "Programming — дистанционно", "2"]))
    }

    @Test("more than four slots: the grid and the school tables print on landscape pages")
    func landscape() throws {
        var input = try Fixture.input()
        #expect(!Reports.html(input).contains(#"class="page wide""#))
        let t = { (h: Int) in TimeOfDay(minutes: h * 60) }
        input.scenario.profileDay?.slots += [Slot(id: "4", start: t(15), end: t(16)), Slot(id: "5", start: t(17), end: t(18))]
        let html = Reports.html(input)
        #expect(html.contains(#"<section id="sites" class="page wide">"#))
        #expect(html.contains(#"<section id="schools" class="wide">"#))
        #expect(html.contains("@page wide { size: A4 landscape; }"))
    }

    @Test("ids never break across lines; longer text does")
    func idCells() throws {
        let html = Reports.html(try Fixture.input())
        #expect(html.contains(#"<td class="id">a1</td>"#))
        #expect(html.contains("<td>Утром, к началу занятий (к 09:00)</td>"))
    }
}
