import Foundation
import ProfileDay
import SetkaModel
import Testing
import Wording
@testable import Reports

@Suite("A school's sheet: the report's rows of one school")
struct SchoolSheetTests {
    @Test("every student on their school's sheet once; the site's grid, transport and teachers by where they are")
    func everyRowOnItsSchoolsSheet() throws {
        let input = try Fixture.input(withPartners: false)
        let content = ReportContent(input)
        let words = Words(.ru, names: Names(input.scenario))
        let schools = content.schoolsTable(), bus = content.busTable(), sites = content.sitesTable(), teachers = content.teachersTable()
        let names = Set(schools.rows.map { $0[schools.groupColumn ?? 0].display(words) })
        #expect(names.count >= 2)
        var students = 0, teacherRows = 0
        for name in names {
            let sheet = SchoolSheet(school: name, schools: schools, bus: bus, sites: sites, teachers: teachers, words: words)
            let own = try #require(sheet.tables.first { $0.key == "sheet-students" })
            students += own.rows.count
            // Without the group column: the heading names the school.
            #expect(own.columns.count == schools.columns.count - 1 && !own.columns.contains(schools.columns[schools.groupColumn ?? 0]))
            if let site = sheet.tables.first(where: { $0.key == "sheet-site" }) {
                let g = try #require(sites.groupColumn)
                #expect(site.rows.count == sites.rows.filter { $0[g].display(words) == name }.count)
            }
            if let own = sheet.tables.first(where: { $0.key == "sheet-teachers" }) { teacherRows += own.rows.count }
            // A route card per student: the slots, where the student is in each, and who teaches
            // them there (the teacher of their section in that slot; nobody in a free slot).
            let cards = sheet.routeCards(words, groups: content.groupListsTable()).tables
            #expect(cards.count == own.rows.count && cards.map(\.key) == own.rows.map { "card-\($0[0].display(words))" })
            let slots = input.scenario.profileDay?.slots ?? []
            let timetable = try #require(input.timetable)
            let sectionByID = Dictionary(timetable.sections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (card, row) in zip(cards, own.rows) {
                #expect(card.rows.count == slots.count && card.rows.map { $0[1] } == Array(row[1...slots.count]))
                #expect(card.title == "\(words[.student]) \(row[0].display(words)) · \(name)")
                #expect(card.columns == [words[.slot], words[.routeWhere], words[.routeTeacher]])
                let id = row[0].display(words)
                let taught = timetable.enrolments.filter { $0.student == id }.compactMap { sectionByID[$0.section] }
                for (slot, cardRow) in zip(slots, card.rows) {
                    let expected = taught.first { $0.slot == slot.id }.map { ReportCell.text(words.names.teacher($0.teacher)) } ?? .empty
                    #expect(cardRow[2] == expected)
                }
            }
            // The cards as a page of their own: every card once, side by side, escaped.
            let page = sheet.routeCards(words, groups: content.groupListsTable()).html(subtitle: "<x> & y", words: words)
            #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("&lt;x&gt; &amp; y") && page.contains(HTML.escape(words[.routeCardsHint])))
            #expect(page.components(separatedBy: "class=\"route-card\"").count - 1 == cards.count)
            for card in cards { #expect(page.contains("<section id=\"\(card.key)\" class=\"route-card\"><h3>\(HTML.escape(card.title))</h3>")) }
            // Without the group lists, the cards name no teacher.
            #expect(sheet.routeCards(words).tables.allSatisfy { $0.rows.allSatisfy { $0[2] == .empty } })
            let html = sheet.html(subtitle: "<x> & y", words: words)
            #expect(html.contains("<h1>Профильный день: \(HTML.escape(name))</h1>") && html.contains("&lt;x&gt; &amp; y"))
        }
        #expect(students == schools.rows.count)
        // Teachers who work at a school with students; the others (a centre's) are on no school's sheet.
        let home = try #require(teachers.columns.firstIndex(of: words[.worksAt]))
        #expect(teacherRows == teachers.rows.filter { names.contains($0[home].display(words)) }.count)
        // The organisations with a sheet: the schools first, in the report's order, then the
        // other sites and workplaces; never the remote "site".
        let organisations = SchoolSheet.organisations(schools: schools, sites: sites, teachers: teachers, words: words)
        #expect(Set(organisations.prefix(names.count)) == names)
        #expect(Set(organisations).count == organisations.count && !organisations.contains(words[.remote]))
        let siteNames = Set(sites.rows.map { $0[sites.groupColumn ?? 0].display(words) }).subtracting([words[.remote]])
        #expect(siteNames.isSubset(of: Set(organisations)))
        // Who studies at each site: every enrolment in a section at a site on that site's sheet once.
        let lists = content.groupListsTable()
        let timetable = try #require(input.timetable)
        var listed = 0
        for name in organisations {
            let sheet = SchoolSheet(school: name, schools: schools, bus: bus, sites: sites, teachers: teachers, groups: lists, words: words)
            let ids = input.scenario.organisations.filter { content.site($0.id) == name }.map(\.id)
            let here = Set(timetable.sections.filter { $0.site.map(ids.contains) ?? false }.map(\.id))
            let expected = timetable.enrolments.filter { here.contains($0.section) }
            let visitors = sheet.tables.first { $0.key == "sheet-visitors" }
            #expect((visitors?.rows.count ?? 0) == expected.count, "\(name)")
            if let visitors {
                #expect(visitors.columns == [words[.slot], words[.section], words[.course], words[.room], words[.teacherName], words[.number],
                                             words[.student], words[.school], words[.grade]])
                #expect(Set(visitors.rows.map { "\($0[6].display(words))@\($0[1].display(words))" }) == Set(expected.map { "\($0.student)@\($0.section)" }))
                // By slot, in the grid's order.
                let order = visitors.rows.map { sites.columns.firstIndex(of: $0[0].display(words)) ?? -1 }
                #expect(order == order.sorted() && !order.contains(-1))
            }
            listed += visitors?.rows.count ?? 0
        }
        #expect(listed == timetable.enrolments.filter { e in timetable.sections.first { $0.id == e.section }?.site != nil }.count)
        // An index of the rows, when the caller has one, is taken as it is.
        let first = try #require(names.sorted().first)
        let indexed = SchoolSheet(school: first, schools: schools, bus: nil, sites: nil, teachers: nil, words: words) { $0.key == "schools" ? [0] : nil }
        #expect(indexed.tables.count == 1 && indexed.tables[0].rows.count == 1)
    }
}
