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
        // An index of the rows, when the caller has one, is taken as it is.
        let first = try #require(names.sorted().first)
        let indexed = SchoolSheet(school: first, schools: schools, bus: nil, sites: nil, teachers: nil, words: words) { $0.key == "schools" ? [0] : nil }
        #expect(indexed.tables.count == 1 && indexed.tables[0].rows.count == 1)
    }
}
