import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SetkaServer

@Suite struct VariantTests {
    @Test func aVariantBuiltInTheFormIsTheSpecsFileAndCompares() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let page = try await h.html("/projects/\(project.id)/variants")
            // The bundled variants came with the example.
            #expect(page.contains("Учитель химии уходит"))
            let version = try #require(try await h.app.store.versions(of: project.id).first)
            let r = try await h.postForm("/projects/\(project.id)/variants", [
                ("version", version.id), ("name", "Без T02 \"и\" группы от 8"), ("remove_teacher", "T02"),
                ("set_key", "profile_day.min_section_size"), ("set_value", "8"),
                ("scale_course", "robotics"), ("scale_factor", "1,5"),
            ])
            #expect(r.status == .seeOther, "\(String(buffer: r.body))")
            let location = try #require(r.headers[.location])
            let shown = try await h.html(location)
            #expect(shown.contains("данные в порядке"))
            #expect(shown.contains("remove: {teacher: &quot;T02&quot;}"))
            #expect(shown.contains("set: {profile_day.min_section_size: 8}"))
            #expect(shown.contains("scale_demand: {course: &quot;robotics&quot;, factor: 1.5}"))
            // What it changes, naming the teacher and the course as the version's data does.
            #expect(shown.contains("<li>убран учитель Соколов А. В. (T02)</li>"))
            #expect(shown.contains("спрос на курс «Основы робототехники» ×1,5"))
            #expect(try await h.html("/projects/\(project.id)/variants").contains("убран учитель Соколов А. В. (T02)"))
            let variant = try #require(try await h.app.store.variants(of: project.id).first { $0.origin == "form" })
            #expect(variant.valid)
            #expect(variant.name == "Без T02 \"и\" группы от 8")

            // Unknown ids are refused, nothing is stored.
            let unknown = try await h.postForm("/projects/\(project.id)/variants", [("version", version.id), ("name", "x"), ("remove_teacher", "T999")])
            #expect(unknown.status == .unprocessableContent)
            let nothing = try await h.postForm("/projects/\(project.id)/variants", [("version", version.id), ("name", "x")])
            #expect(nothing.status == .badRequest)

            // Added rows.
            let added = try await h.postForm("/projects/\(project.id)/variants", [
                ("version", version.id), ("name", "Ещё педагог"), ("add_table", "teachers"),
                ("add_rows", "id,name,site,courses\nT98,Новый педагог,cdo,robotics"),
            ])
            #expect(added.status == .seeOther)

            // Compare the base with the new variant.
            let compare = try await h.postForm("/projects/\(project.id)/compare", [("variant", variant.id), ("time_limit", "6")])
            #expect(compare.status == .seeOther)
            await h.app.jobs.waitUntilIdle()
            let runs = try await h.app.store.runs(of: project.id).filter { $0.job == .compare }
            let run = try #require(runs.first)
            #expect(run.status == .done, "\(run.message ?? "")")
            let result = try await h.html("/runs/\(run.id)")
            #expect(result.contains("id=\"figures\""))
            #expect(result.contains("id=\"diff-1\""))
            #expect(result.contains("comparison.html"))
            // The legend says what each column was made from as the app names it, not the
            // paths in the data folder.
            #expect(result.contains("<th>Откуда</th>"))
            #expect(result.contains("версия данных № 1: пример, поставляемый с Setka"))
            #expect(result.contains("собран здесь, "))
            #expect(!result.contains("variant.yaml"))
            let english = String(buffer: try await h.get("/runs/\(run.id)", headers: [.cookie: "setka-lang=en; " + h.cookie]).body)
            #expect(english.contains("<th>Made from</th>") && english.contains("data version 1: an example that comes with Setka"))
            #expect(english.contains("built here, "))
            let printable = String(buffer: try await h.get("/runs/\(run.id)/files/comparison.html").body)
            #expect(printable.contains("версия данных № 1: пример, поставляемый с Setka") && printable.contains("собран здесь, "))
            let files = try #require(try await h.json("/api/runs/\(run.id)/files") as? [[String: Any]]).compactMap { $0["name"] as? String }
            #expect(files.contains("comparison.json") && files.contains("comparison.csv") && files.contains("comparison.html"))
        }
    }

    @Test func aTeachersAndACoursesColumnAreChangedInTheForm() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            let page = try await h.html("/projects/\(project.id)/variants")
            // The teacher's columns, a what-if's usual ones first, each with what it holds.
            #expect(page.contains("id=\"variant-update\""))
            #expect(page.contains("<select name=\"update_teacher_column\" id=\"update_teacher_column\"><option value=\"slots\">slots — Занятия, когда педагог свободен"))
            #expect(page.contains("<select name=\"update_course_column\" id=\"update_course_column\"><option value=\"max_size\">"))
            #expect(!page.contains("<option value=\"id\">"), "the id names the row; it is not offered")
            let version = try #require(try await h.app.store.versions(of: project.id).first)
            let r = try await h.postForm("/projects/\(project.id)/variants", [
                ("version", version.id), ("name", "Волков ведёт больше"),
                ("update_teacher", "T05"), ("update_teacher_column", "max_sections"), ("update_teacher_value", " 4 "),
                ("update_course", "robotics"), ("update_course_column", "sites"), ("update_course_value", "cdo|olkhovskaya"),
            ])
            #expect(r.status == .seeOther, "\(String(buffer: r.body))")
            let shown = try await h.html(try #require(r.headers[.location]))
            #expect(shown.contains("данные в порядке"), "\(shown)")
            #expect(shown.contains("update: {teacher: &quot;T05&quot;, max_sections: 4}"))
            #expect(shown.contains("update: {course: &quot;robotics&quot;, sites: &quot;cdo|olkhovskaya&quot;}"))
            #expect(shown.contains("изменено: педагог Волков Д. А. (T05): max_sections = 4"))
            #expect(shown.contains("<li>изменено: курс «Основы робототехники»: sites = cdo|olkhovskaya</li>"))

            // A value the column cannot hold is the variant's finding, named; an unknown row or
            // column is refused before anything is written.
            let bad = try await h.postForm("/projects/\(project.id)/variants", [
                ("version", version.id), ("name", "Плохое значение"),
                ("update_teacher", "T05"), ("update_teacher_column", "max_sections"), ("update_teacher_value", "много"),
            ])
            #expect(bad.status == .seeOther)
            let badPage = try await h.html(try #require(bad.headers[.location]))
            #expect(badPage.contains("ошибок: ") && badPage.contains("max_sections"), "\(badPage)")
            let before = try await h.app.store.variants(of: project.id).count
            let unknownRow = try await h.postForm("/projects/\(project.id)/variants", [
                ("version", version.id), ("name", "x"), ("update_teacher", "T999"), ("update_teacher_column", "slots"), ("update_teacher_value", "1"),
            ])
            #expect(unknownRow.status == .unprocessableContent)
            let unknownColumn = try await h.postForm("/projects/\(project.id)/variants", [
                ("version", version.id), ("name", "x"), ("update_course", "robotics"), ("update_course_column", "id"), ("update_course_value", "r2"),
            ])
            #expect(unknownColumn.status == .unprocessableContent)
            #expect(try await h.app.store.variants(of: project.id).count == before)
        }
    }
}
