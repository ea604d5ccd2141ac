import ArgumentParser
import Effect
import Foundation
import Reports
import SetkaModel

/// `setka effect SCENARIO --out DIR`: did the partnerships help? Estimates from past results.
struct EffectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effect",
        abstract: "Estimate whether the partnerships helped: each recipient's results against schools without a partner.",
        discussion: """
        Reads schools.csv, results.csv, partners-history.csv and the partnering rules of \
        scenario.yaml (nothing else). For each recipient in partners-history.csv, each partner \
        and each subject of its rule: how much more its results moved after the partnership \
        began than those of schools of the same kind that were never recipients (a difference \
        in differences), with a 90% interval from the comparison schools' own year-to-year \
        changes. No estimate from fewer than two years on either side; a gain is stated only \
        when the whole interval is above zero.

        Writes into DIR (created if missing):
          effect.csv   rule,recipient,provider,subject,years_before,years_after,effect,low,high, \
        then verdict, sentence, recipient_name, provider_name, comparison_schools, note (UTF-8 \
        with a BOM; effect, low and high empty where nothing can be said).
          effect.html  a printable page: a summary table and a chart per recipient.
          effect.xlsx  the estimates and the results year by year.

        A partnering rule with `avoid_unhelpful: true` keeps the pairs these estimates show \
        without gain from being assigned again by `setka partner`.

        Exit codes: 0 written; 1 invalid input (file:line:column messages on stderr); 5 the \
        folder cannot be written (it keeps what it held); 64 usage error.
        """
    )

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var scenario: String

    @Option(name: .long, help: "The folder to write effect.csv, effect.html and effect.xlsx into (created if missing).")
    var out: String

    @Flag(name: .long, help: "Print the estimates as JSON on stdout instead of the text summary.")
    var json = false

    func run() throws {
        let s = try Console.loadScenario(scenario, using: ScenarioLoader.loadForEffect).scenario
        let study = EffectStudy(scenario: s)

        // Everything is rendered before anything is written.
        let files: [(String, Data)]
        do {
            files = [("effect.csv", Data(study.csv().utf8)),
                     (Reports.effectHTMLFile, Data(Reports.effectHTML(study).utf8)),
                     (Reports.effectWorkbookFile, Data(try Reports.effectXLSX(study)))]
        } catch {
            Console.error("error: cannot build the workbook: \(error)")
            throw SetkaExit.failure
        }
        // Written whole, swapped in together (the folder's other results stay).
        try Console.writeResults(out, job: ResultJob(name: "effect", owns: ResultFileSet(names: Set(files.map(\.0))), scenario: s.name,
                                                     scenarioPath: URL(fileURLWithPath: scenario).standardizedFileURL.path),
                                 files: files.map { ResultFile($0.0, $0.1) })
        if json {
            Console.printJSON(study)
        } else {
            print(textSummary(study))
        }
    }

    private func textSummary(_ study: EffectStudy) -> String {
        let w = EffectWords(study.language)
        var lines = ["\(study.scenario): \(study.rows.count) estimate row(s) for \(study.recipients.count) recipient(s)"]
        if study.recipients.isEmpty { lines.append("  " + w.nothing) }
        for r in study.recipients {
            for p in r.pairs {
                lines.append("  \(r.rule): \(r.recipientName) — \(p.providerName) (\(w.schoolYears(p.schoolYears)))")
                for subject in p.subjects { lines.append("    " + EffectWords.capitalised(subject.sentence)) }
            }
        }
        lines.append("  wrote \(out)/effect.csv, \(Reports.effectHTMLFile), \(Reports.effectWorkbookFile)")
        return lines.joined(separator: "\n")
    }
}
