import Foundation
import Partnering
import SetkaModel
import Testing
@testable import Reports

@Suite("Report of a partner run")
struct PartnerInputTests {
    @Test("rows from a fresh assignment equal partners.csv of the same assignment read back")
    func sameAsFile() throws {
        let scenario = try ScenarioLoader.load(from: ExampleDistrictTests.folder).scenario
        let assignment = try Partnering.assign(scenario)
        let report = PartnerReport(scenario: scenario, assignment: assignment)
        let direct = PartnerRow.rows(report)
        let read = try ResultFolder.partners(("partners.csv", Array(report.partnersCSV().utf8)))
        func rounded(_ r: PartnerRow) -> PartnerRow {
            var r = r
            let two = { (x: Double?) in x.map { ($0 * 100).rounded() / 100 } }
            r.minutes = two(r.minutes); r.gain = two(r.gain)
            r.subjectGains = r.subjectGains.map { .init(subject: $0.subject, gain: two($0.gain)) }
            return r
        }
        #expect(direct.map(rounded) == read.map(rounded))
        #expect(direct.count == assignment.pairs.count + assignment.unserved.count)
        let input = ReportInput(scenario: scenario, partners: assignment)
        #expect(input.partnerRun?.placesServed == assignment.placesServed)
        #expect(Reports.html(input).contains("МКОУ «Колбинская СОШ»</td><td>МБОУ «Ольховская СОШ»</td>"))
    }
}
