import ArgumentParser
import Foundation
import SetkaModel

/// `setka validate SCENARIO [--json]`: loads a scenario, says what it holds and what is wrong.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario folder and show what was loaded.",
        discussion: """
        Reads scenario.yaml and the CSV tables, prints the number of rows of each table, the \
        profile-day slots, the partnering rules with how many recipients and providers each \
        selects, and every warning. Errors go to stderr as file:line:column: error: message.
        Exit codes: 0 the scenario is usable (warnings allowed); 1 invalid input.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Flag(name: .long, help: "Print the same report as JSON on stdout.")
    var json = false

    func run() throws {
        let url = URL(fileURLWithPath: scenario)
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(from: url)
        } catch let error as ScenarioError {
            for d in error.diagnostics { Console.error(d.description) }
            let n = error.diagnostics.count
            Console.error("\(n) error\(n == 1 ? "" : "s"): the scenario cannot be used until \(n == 1 ? "it is" : "they are") fixed.")
            if json { Console.printJSON(ValidationReport(errors: error.diagnostics), snakeCase: true) }
            throw SetkaExit.invalidInput
        } catch {
            Console.error("error: cannot load '\(scenario)': \(error.localizedDescription)")
            if json { Console.printJSON(ValidationReport(errors: [.error("cannot load: \(error.localizedDescription)")]), snakeCase: true) }
            throw SetkaExit.invalidInput
        }
        let report = ValidationReport(loaded)
        if json { Console.printJSON(report, snakeCase: true) } else { print(report.text(), terminator: "") }
    }

}

/// What `setka validate` reports, as text or JSON.
struct ValidationReport: Codable {
    struct TableCount: Codable { var table: String; var rows: Int }
    struct SlotInfo: Codable { var id: String; var start: String; var end: String }
    struct RuleInfo: Codable {
        var name: String
        var recipients: Int
        var providers: Int
        var partnersPerRecipient: Int
        var maxTravelMinutes: Double
        var subjects: [String]
        var fixed: Int
        var forbidden: Int
        var avoidUnhelpful: Bool
    }

    var usable: Bool
    var name: String?
    var language: String?
    var tables: [TableCount] = []
    var slots: [SlotInfo]?
    var partnering: [RuleInfo] = []
    var warnings: [Diagnostic] = []
    var errors: [Diagnostic] = []

    init(errors: [Diagnostic]) {
        usable = false; self.errors = errors
    }

    init(_ loaded: LoadedScenario) {
        let s = loaded.scenario
        usable = true
        name = s.name
        language = s.language.rawValue
        tables = [
            TableCount(table: "schools", rows: s.organisations.count),
            TableCount(table: "rooms", rows: s.rooms.count),
            TableCount(table: "teachers", rows: s.teachers.count),
            TableCount(table: "courses", rows: s.courses.count),
            TableCount(table: "students", rows: s.students.count),
            TableCount(table: "travel", rows: s.travelEntries.count),
        ]
        // The tables of "Did the partnerships help?", when the scenario has them.
        if !s.results.isEmpty || !s.partnersHistory.isEmpty {
            tables += [TableCount(table: "results", rows: s.results.count),
                       TableCount(table: "partners-history", rows: s.partnersHistory.count)]
        }
        slots = s.profileDay?.slots.map { SlotInfo(id: $0.id, start: $0.start.description, end: $0.end.description) }
        let allSubjects = Set(s.organisations.flatMap { $0.scores.keys }).sorted()
        partnering = s.partnering.map { r in
            RuleInfo(name: r.name,
                     recipients: s.organisations.filter { r.recipients.matches($0) }.count,
                     providers: s.organisations.filter { r.providers.matches($0) }.count,
                     partnersPerRecipient: r.partnersPerRecipient, maxTravelMinutes: r.maxTravelMinutes,
                     subjects: r.subjects ?? allSubjects, fixed: r.fixed.count, forbidden: r.forbidden.count,
                     avoidUnhelpful: r.avoidUnhelpful)
        }
        warnings = loaded.warnings
    }

    func text() -> String {
        var out = "Scenario: \(name ?? "?") (language \(language ?? "?"))\n"
        out += "Tables:\n"
        let labels = ["schools": "organisations", "rooms": "rooms", "teachers": "teachers",
                      "courses": "courses", "students": "students", "travel": "travel rows",
                      "results": "results", "partners-history": "pairs by year"]
        for t in tables { out += "  \(t.table + String(repeating: " ", count: max(0, 9 - t.table.count))) \(t.rows) \(labels[t.table] ?? "rows")\n" }
        if let slots {
            out += "Profile day: \(slots.count) slot\(slots.count == 1 ? "" : "s")\n"
            for sl in slots { out += "  slot \(sl.id): \(sl.start)–\(sl.end)\n" }
        } else {
            out += "Profile day: none (no profile_day in scenario.yaml)\n"
        }
        if partnering.isEmpty {
            out += "Partnering: no rules\n"
        } else {
            out += "Partnering: \(partnering.count) rule\(partnering.count == 1 ? "" : "s")\n"
            for (i, r) in partnering.enumerated() {
                out += "  \(i + 1). \(r.name): \(r.recipients) recipients, \(r.providers) providers, "
                out += "\(r.partnersPerRecipient) partner\(r.partnersPerRecipient == 1 ? "" : "s") each, "
                out += "within \(Self.format(r.maxTravelMinutes)) min, subjects \(r.subjects.isEmpty ? "none" : r.subjects.joined(separator: ", ")), "
                out += "\(r.fixed) fixed, \(r.forbidden) forbidden\(r.avoidUnhelpful ? ", avoids pairs that showed no gain" : "")\n"
            }
        }
        if warnings.isEmpty {
            out += "No warnings.\n"
        } else {
            out += "\(warnings.count) warning\(warnings.count == 1 ? "" : "s"):\n"
            for w in warnings { out += "  \(w)\n" }
        }
        out += "The scenario is usable.\n"
        return out
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
