import Foundation
import ProfileDay
import SetkaModel

extension CheckReport {
    /// The report in words, as `setka check` prints it: the objective with its parts (rank value,
    /// travel, sections), enrolments by choice, students served, travel, then each violation
    /// (naming teachers, courses and sites as the scenario does). English by default (as scripts
    /// expect); `language: .ru` for a coordinator who reads it in Russian.
    public func text(scenario: Scenario, folder: String, language: ReportLanguage = .en) -> String {
        let o = objective
        let w = scenario.profileDay?.weights ?? ProfileDayWeights()
        // Teachers, courses and sites by the scenario's names (the JSON report keeps ids).
        let words = Words(language, names: Names(scenario))
        let ru = words.ru
        // A decimal comma in Russian; in English the form scripts have read all along.
        func number(_ x: Double) -> String { ru ? words.number(x, digits: 2) : CheckReport.number(x) }
        var out = ru ? "Расписание \(folder) для сценария «\(scenario.name)»\n" : "Timetable \(folder) for scenario \"\(scenario.name)\"\n"
        out += ru ? "\(words[.sectionsOpened]): \(o.sections) (\(words[.remoteSections]) \(o.remoteSections)); "
                  + "\(words[.teachersTeaching].lowercased()): \(o.teachersTeaching); \(words[.enrolments].lowercased()): \(o.enrolments)\n"
            : "Sections: \(o.sections) (\(o.remoteSections) remote), taught by \(o.teachersTeaching) teachers; \(o.enrolments) enrolments\n"
        let (rank, travel, minutes, sections) = ru ? ("ценность выборов", "поездки", "мин", "группы") : ("rank value", "travel", "min", "sections")
        let minus = ru ? "−" : "-"
        out += "\(words[.objective]): \(number(o.value)) = \(rank) \(number(o.rankValue))"
        out += " \(minus) \(travel) \(number(o.travelCost)) (\(number(o.travelMinutes)) \(minutes) × \(number(w.travelMinute)))"
        out += " \(minus) \(sections) \(number(o.sectionCost)) (\(o.sections) × \(number(w.section)))\n"
        if !o.enrolmentsByRank.isEmpty || o.enrolmentsOutsideChoices > 0 {
            var parts = o.enrolmentsByRank.enumerated().map { "\(ru ? "выбор" : "choice") \($0 + 1): \($1)" }
            if o.enrolmentsOutsideChoices > 0 { parts.append("\(ru ? "не из выбора" : "not chosen"): \(o.enrolmentsOutsideChoices)") }
            out += "\(ru ? "Записи по номеру выбора" : "Enrolments by choice"): \(parts.joined(separator: ", "))\n"
        }
        out += ru ? "Ученики: \(words[.fullyServed]) — \(o.studentsFullyServed), \(words[.partlyServed]) — \(o.studentsPartlyServed), "
                  + "\(words[.notServed]) — \(o.studentsNotServed)\n"
            : "Students: \(o.studentsFullyServed) fully served, \(o.studentsPartlyServed) partly, \(o.studentsNotServed) not served\n"
        out += ru ? "\(words[.travelMean]): \(number(o.meanTravelMinutes)); \(words[.travelMax].lowercased()): \(number(o.maxTravelMinutes))"
            : "Travel per enrolment: mean \(number(o.meanTravelMinutes)) min, max \(number(o.maxTravelMinutes)) min"
        if o.enrolmentsWithUnknownTravel > 0 {
            out += ru ? " (время в пути неизвестно для записей: \(o.enrolmentsWithUnknownTravel))" : " (\(o.enrolmentsWithUnknownTravel) with unknown travel)"
        }
        out += "\n"
        let n = violations.count
        if isValid {
            out += ru ? "\(words[.rulesKept]) — расписание соблюдает все обязательные правила.\n" : "No violations: the timetable keeps every hard rule.\n"
        } else {
            let byRule = countsByRule.map { "\(words.title($0.rule)) \($0.count)" }.joined(separator: ", ")
            out += ru ? "\(words[.rulesCheck]) \(n) (\(byRule)):\n" : "\(n) violation\(n == 1 ? "" : "s") (\(byRule)):\n"
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
