import Foundation
import ProfileDay
import SetkaModel

extension CheckReport {
    /// The report in words, as `setka check` prints it: the objective with its parts (rank value,
    /// travel, sections), enrolments by choice, students served, travel, then each violation
    /// (naming teachers, courses and sites as the scenario does). English by default (as scripts
    /// expect); `language: .ru` for a coordinator who reads it in Russian.
    public func text(scenario: Scenario, folder: String, language: ReportLanguage = .en) -> String {
        if language == .ru { return russianText(scenario: scenario, folder: folder) }
        let report = self
        let o = report.objective
        let w = scenario.profileDay?.weights ?? ProfileDayWeights()
        var out = "Timetable \(folder) for scenario \"\(scenario.name)\"\n"
        out += "Sections: \(o.sections) (\(o.remoteSections) remote), taught by \(o.teachersTeaching) teachers; \(o.enrolments) enrolments\n"
        out += "Objective: \(CheckReport.number(o.value)) = rank value \(CheckReport.number(o.rankValue))"
        out += " - travel \(CheckReport.number(o.travelCost)) (\(CheckReport.number(o.travelMinutes)) min × \(CheckReport.number(w.travelMinute)))"
        out += " - sections \(CheckReport.number(o.sectionCost)) (\(o.sections) × \(CheckReport.number(w.section)))\n"
        if !o.enrolmentsByRank.isEmpty || o.enrolmentsOutsideChoices > 0 {
            var parts = o.enrolmentsByRank.enumerated().map { "choice \($0 + 1): \($1)" }
            if o.enrolmentsOutsideChoices > 0 { parts.append("not chosen: \(o.enrolmentsOutsideChoices)") }
            out += "Enrolments by choice: \(parts.joined(separator: ", "))\n"
        }
        out += "Students: \(o.studentsFullyServed) fully served, \(o.studentsPartlyServed) partly, \(o.studentsNotServed) not served\n"
        out += "Travel per enrolment: mean \(CheckReport.number(o.meanTravelMinutes)) min, max \(CheckReport.number(o.maxTravelMinutes)) min"
        if o.enrolmentsWithUnknownTravel > 0 { out += " (\(o.enrolmentsWithUnknownTravel) with unknown travel)" }
        out += "\n"
        if report.isValid {
            out += "No violations: the timetable keeps every hard rule.\n"
        } else {
            let n = report.violations.count
            // Teachers, courses and sites by the scenario's names (the JSON report keeps ids).
            let words = Words(.en, names: Names(scenario))
            let byRule = report.countsByRule.map { "\(words.title($0.rule)) \($0.count)" }.joined(separator: ", ")
            out += "\(n) violation\(n == 1 ? "" : "s") (\(byRule)):\n"
            for v in report.violations { out += "  \(words.line(v))\n" }
        }
        return out
    }

    /// The same report in Russian, line by line (numbers with a decimal comma).
    private func russianText(scenario: Scenario, folder: String) -> String {
        let o = objective
        let w = scenario.profileDay?.weights ?? ProfileDayWeights()
        let words = Words(.ru, names: Names(scenario))
        func number(_ x: Double) -> String { words.number(x, digits: 2) }
        var out = "Расписание \(folder) для сценария «\(scenario.name)»\n"
        out += "\(words[.sectionsOpened]): \(o.sections) (\(words[.remoteSections]) \(o.remoteSections)); "
        out += "\(words[.teachersTeaching].lowercased()): \(o.teachersTeaching); \(words[.enrolments].lowercased()): \(o.enrolments)\n"
        out += "\(words[.objective]): \(number(o.value)) = ценность выборов \(number(o.rankValue))"
        out += " − поездки \(number(o.travelCost)) (\(number(o.travelMinutes)) мин × \(number(w.travelMinute)))"
        out += " − группы \(number(o.sectionCost)) (\(o.sections) × \(number(w.section)))\n"
        if !o.enrolmentsByRank.isEmpty || o.enrolmentsOutsideChoices > 0 {
            var parts = o.enrolmentsByRank.enumerated().map { "выбор \($0 + 1): \($1)" }
            if o.enrolmentsOutsideChoices > 0 { parts.append("не из выбора: \(o.enrolmentsOutsideChoices)") }
            out += "Записи по номеру выбора: \(parts.joined(separator: ", "))\n"
        }
        out += "Ученики: \(words[.fullyServed]) — \(o.studentsFullyServed), \(words[.partlyServed]) — \(o.studentsPartlyServed), "
        out += "\(words[.notServed]) — \(o.studentsNotServed)\n"
        out += "\(words[.travelMean]): \(number(o.meanTravelMinutes)); \(words[.travelMax].lowercased()): \(number(o.maxTravelMinutes))"
        if o.enrolmentsWithUnknownTravel > 0 { out += " (время в пути неизвестно для записей: \(o.enrolmentsWithUnknownTravel))" }
        out += "\n"
        if isValid {
            out += "\(words[.rulesKept]) — расписание соблюдает все обязательные правила.\n"
        } else {
            let byRule = countsByRule.map { "\(words.title($0.rule)) \($0.count)" }.joined(separator: ", ")
            out += "\(words[.rulesCheck]) \(violations.count) (\(byRule)):\n"
            for v in violations { out += "  \(words.line(v))\n" }
        }
        return out
    }

    /// A number for people: whole numbers without a fraction, others to two decimals.
    public static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
