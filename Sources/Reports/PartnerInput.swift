import Partnering
import SetkaModel

extension PartnerRow {
    /// The rows of a partner report as `partners.csv` holds them: each rule's pairs, then its
    /// recipients left without (some) partners with the reason in `note`.
    public static func rows(_ report: PartnerReport) -> [PartnerRow] {
        let subjects = report.allSubjects
        var out: [PartnerRow] = []
        for rule in report.rules {
            for p in rule.pairs {
                out.append(PartnerRow(rule: rule.name, recipient: p.recipient, provider: p.provider, minutes: p.minutes,
                                      gain: p.gain, subjectGains: subjects.map { SubjectGain(subject: $0, gain: p.subjectGains[$0]) },
                                      fixed: p.fixed, note: ""))
            }
            for u in rule.unserved {
                out.append(PartnerRow(rule: rule.name, recipient: u.recipient, provider: nil, minutes: nil, gain: nil,
                                      subjectGains: subjects.map { SubjectGain(subject: $0, gain: nil) }, fixed: nil, note: u.reason))
            }
        }
        return out
    }
}

extension ReportInput {
    /// Adds a partner assignment (for `partner --report` and `compare --report`).
    public mutating func addPartners(_ report: PartnerReport) {
        partners = PartnerRow.rows(report)
        partnerRun = PartnerRunInfo(status: report.status, objective: report.objective,
                                    placesNeeded: report.placesNeeded, placesServed: report.placesServed)
    }

    /// The report input of a partner run, from its values in memory (`partner --report`).
    public init(_ run: PartnerRun, language: ReportLanguage? = nil) {
        self.init(scenario: run.scenario, language: language)
        addPartners(run.report)
    }

    /// The report input of a partner assignment alone.
    public init(scenario: Scenario, partners assignment: PartnerAssignment, language: ReportLanguage? = nil) {
        self.init(scenario: scenario, language: language)
        addPartners(PartnerReport(scenario: scenario, assignment: assignment))
    }
}
