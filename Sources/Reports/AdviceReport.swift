import Foundation
import Scenarios
import SetkaModel

/// The advice of `setka advise` for people: its own printable page (`advice.html`) and a section
/// of the HTML report when a result folder holds advice for its timetable.
enum AdviceHTML {
    /// The advice in `w`'s language: the figures now, each verified change as a sentence and in a
    /// table (whom it asks, the verified gains, its variant file), and how it was made.
    static func body(_ advice: Advice, _ w: Words, heading: String = "h3") -> String {
        let e = HTML.escape
        var s = "<\(heading)>\(e(w[AdviceLabel.adviceNow]))</\(heading)>"
        s += "<p>\(e(w.adviceFigures(advice.current)))</p>"
        s += "<p class=\"note\">\(e(w[advice.baselineIsCurrent ? AdviceLabel.adviceBaselineSame : AdviceLabel.adviceBaselineResolved]))"
        if !advice.baselineIsCurrent { s += " " + e(w.adviceFigures(advice.baseline)) + "." }
        s += "</p>"
        if advice.stoppedEarly { s += "<p><b>\(e(w[AdviceLabel.adviceStoppedEarly]))</b></p>" }
        s += "<\(heading)>\(e(w[AdviceLabel.adviceChanges]))</\(heading)>"
        if advice.items.isEmpty {
            s += "<p>\(e(w[AdviceLabel.adviceNoneFound]))</p>"
        } else {
            s += "<ol>" + advice.items.map { "<li>\(e(w.sentence($0, in: advice))).</li>" }.joined() + "</ol>"
            s += HTMLReport.table(table(advice, w), w)
        }
        s += "<\(heading)>\(e(w[AdviceLabel.adviceMethod]))</\(heading)>"
        s += "<p>\(e(w.adviceMethod(advice)))</p><p>\(e(w[AdviceLabel.adviceSafe]))</p><p>\(e(w[AdviceLabel.adviceHowToRun]))</p>"
        if !advice.problems.isEmpty { s += "<\(heading)>\(e(w[AdviceLabel.adviceProblems]))</\(heading)>" + ComparisonHTML.list(advice.problems) }
        return s
    }

    /// One row per verified change; `files`: with the column of each change's variant file (the
    /// files `setka advise --out` writes beside the page).
    static func table(_ advice: Advice, _ w: Words, files: Bool = true) -> ReportTable {
        var columns = [w[AdviceLabel.adviceRank], w[AdviceLabel.adviceChange], w[AdviceLabel.adviceAsks], w[AdviceLabel.adviceStudentsGained],
                       w[AdviceLabel.adviceObjectiveGain]]
        if files { columns.append(w[AdviceLabel.adviceVariantFile]) }
        return ReportTable(key: "advice", title: w[AdviceLabel.adviceSectionTitle], columns: columns,
                           rows: advice.items.map { item in
                               [.integer(item.rank), .text(w.clause(item.change)),
                                .text(item.asks == nil ? w[AdviceLabel.adviceNobody] : w.asked(item.asks)),
                                .integer(item.studentsGained), .number(item.objectiveGain, digits: 1)] + (files ? [.text(item.variantFile)] : [])
                           })
    }

    /// `advice.html`: the page on its own, with a line to sign.
    static func page(_ advice: Advice, language: ReportLanguage, names: Names) -> String {
        let w = Words(language, names: names), e = HTML.escape
        let inner = body(advice, w, heading: "h2")
        return ComparisonHTML.document(title: w[AdviceLabel.adviceTitle], name: advice.scenario,
                                       subtitle: "\(e(w[.scenario])): <b>\(e(advice.scenario))</b>", words: w,
                                       body: "<section id=\"advice\">" + inner + "</section>\n")
    }
}

extension Reports {
    /// `setka advise` as one printable page (`advice.html`) in `language` (the advice's scenario's
    /// by default): the figures now, each verified change as a sentence ("Если педагог Петрова
    /// Н. С. (t012) сможет вести занятие в слоте 3, ещё 24 ученика получат оба курса") and in a
    /// table with whom it asks and its variant file, and how the advice was made. Teachers,
    /// courses and organisations by their `names` (the scenario's: `Names(scenario)`).
    public static func adviceHTML(_ advice: Advice, language: ReportLanguage? = nil, names: Names) -> String {
        AdviceHTML.page(advice, language: language ?? advice.language, names: names)
    }

    /// The verified changes as a table (rank, change, whom it asks, the verified gains and, with
    /// `files`, the variant file), in `language`: the one of `advice.html`, for the browser
    /// application.
    public static func adviceTable(_ advice: Advice, language: ReportLanguage, names: Names, files: Bool = true) -> ReportTable {
        AdviceHTML.table(advice, Words(language, names: names), files: files)
    }
}
