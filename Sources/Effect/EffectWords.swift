import Foundation
import SetkaModel

/// The words of "Did the partnerships help?" in Russian or English: the verdict sentences, the
/// reasons an estimate is missing, and the labels of the page, the workbook and the appendix.
/// Every estimate is written with its interval; a gain is stated only when the interval lies
/// above zero.
public struct EffectWords: Sendable {
    public let language: ReportLanguage
    public init(_ language: ReportLanguage) { self.language = language }

    var ru: Bool { language == .ru }

    // MARK: numbers

    /// One decimal, a comma in Russian, a true minus sign: "5,8", "−2,4", "6,0".
    public func value(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        var s = String(format: "%.1f", abs(r))
        if ru { s = s.replacingOccurrences(of: ".", with: ",") }
        return r < 0 ? "−" + s : s
    }

    /// With a sign: "+1,2", "−0,4", "0,0".
    public func signed(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r > 0 ? "+" + value(x) : value(x)
    }

    /// "5,8 балла" / "5.8 points" (one decimal: in Russian always "балла").
    func points(_ x: Double) -> String { value(x) + (ru ? " балла" : " points") }

    /// "от 3,1 до 8,5" / "from 3.1 to 8.5".
    public func interval(_ e: DiDEstimate) -> String {
        ru ? "от \(value(e.low)) до \(value(e.high))" : "from \(value(e.low)) to \(value(e.high))"
    }

    /// "+5,8 (от 3,1 до 8,5)": the estimate and its interval, as tables show them.
    public func estimateWithInterval(_ e: DiDEstimate) -> String { "\(signed(e.effect)) (\(interval(e)))" }

    /// "1 год", "2 года", "5 лет" / "1 year", "2 years".
    public func years(_ n: Int) -> String {
        guard ru else { return "\(n) year\(n == 1 ? "" : "s")" }
        let k = n % 100
        if (11...14).contains(k) { return "\(n) лет" }
        switch k % 10 {
        case 1: return "\(n) год"
        case 2, 3, 4: return "\(n) года"
        default: return "\(n) лет"
        }
    }

    /// Years as ranges: "2018–2020, 2023"; "—" when none.
    public func yearList(_ years: [Int]) -> String {
        guard !years.isEmpty else { return "—" }
        var parts: [String] = []
        var start = years[0], end = years[0]
        for y in years.dropFirst() {
            if y == end + 1 { end = y; continue }
            parts.append(start == end ? "\(start)" : "\(start)–\(end)")
            start = y; end = y
        }
        parts.append(start == end ? "\(start)" : "\(start)–\(end)")
        return parts.joined(separator: ", ")
    }

    /// School years as people name them: "2021/22, 2022/23" (ranges "2021/22–2023/24").
    public func schoolYears(_ years: [Int]) -> String {
        guard !years.isEmpty else { return "—" }
        func name(_ y: Int) -> String { "\(y)/\(String(format: "%02d", (y + 1) % 100))" }
        var parts: [String] = []
        var start = years[0], end = years[0]
        for y in years.dropFirst() {
            if y == end + 1 { end = y; continue }
            parts.append(start == end ? name(start) : "\(name(start))–\(name(end))")
            start = y; end = y
        }
        parts.append(start == end ? name(start) : "\(name(start))–\(name(end))")
        return parts.joined(separator: ", ")
    }

    // MARK: sentences

    /// The verdict of one subject, starting in lower case (it is also used inside a sentence).
    public func sentence(subject: String, estimate: DiDEstimate?, missing: [NoEstimateReason]) -> String {
        let inSubject = PlainWords.inSubject(subject, language)
        guard let e = estimate else {
            let why = missing.map(reason).joined(separator: "; ")
            return ru ? "\(inSubject) оценки нет: \(why)" : "\(inSubject) no estimate: \(why)"
        }
        if e.showsGain {
            return ru ? "результаты \(inSubject) выросли на \(points(e.effect)) больше, чем у школ без партнёра (\(interval(e)))"
                : "results \(inSubject) rose \(points(e.effect)) more than at schools without a partner (\(interval(e)))"
        }
        if e.showsLoss {
            return ru ? "результаты \(inSubject) изменились на \(points(-e.effect)) хуже, чем у школ без партнёра (\(interval(e)))"
                : "results \(inSubject) did \(points(-e.effect)) worse than at schools without a partner (\(interval(e)))"
        }
        return ru ? "\(inSubject) отличие от школ без партнёра не доказано: \(signed(e.effect)) балла (\(interval(e))), интервал включает ноль"
            : "\(inSubject) no difference from schools without a partner is shown: \(signed(e.effect)) points (\(interval(e))), the interval includes zero"
    }

    /// Why there is no estimate, in words a coordinator can act on.
    public func reason(_ r: NoEstimateReason) -> String {
        let need = EffectStudy.minimumYears
        switch r {
        case .yearsBefore(0):
            return ru ? "нет результатов за годы до начала партнёрства" : "no results from before the partnership began"
        case .yearsBefore(let n):
            return ru ? "до начала партнёрства результаты только за \(years(n)) (нужно не меньше \(need))"
                : "results of only \(years(n)) before the partnership began (at least \(need) are needed)"
        case .yearsAfter(0):
            return ru ? "результатов после начала партнёрства ещё нет" : "no results yet from after the partnership began"
        case .yearsAfter(let n):
            return ru ? "после начала партнёрства результаты только за \(years(n)) (нужно не меньше \(need))"
                : "results of only \(years(n)) after the partnership began (at least \(need) are needed)"
        case .comparisonSchools(let n):
            let min = EffectStudy.minimumComparisonSchools
            return ru ? "школ того же типа без партнёра с результатами за все эти годы: \(n) (нужно не меньше \(min))"
                : "\(n) school\(n == 1 ? "" : "s") of the same kind without a partner have results in all these years (at least \(min) are needed)"
        }
    }

    /// A sentence with a capital first letter, for a line of its own.
    public static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// "вместе с партнёром X" / "together with partner X": the estimate is of both partners.
    public func alongside(_ names: [String]) -> String {
        let list = names.joined(separator: ", ")
        if ru { return names.count == 1 ? "в эти годы был и другой партнёр (\(list)): оценка относится к обоим вместе" : "в эти годы были и другие партнёры (\(list)): оценка относится ко всем вместе" }
        return names.count == 1 ? "another partner (\(list)) was in force in these years: the estimate is of both together"
            : "other partners (\(list)) were in force in these years: the estimate is of all of them together"
    }

    /// The appendix line of a pair that `avoid_unhelpful` keeps from being assigned again.
    public func avoidedBecause(_ pair: PairEffect) -> String {
        let shown = pair.subjects.filter { $0.estimate != nil }.map(\.sentence).joined(separator: "; ")
        return ru ? "в \(schoolYears(pair.schoolYears)) партнёрство не дало роста: \(shown)"
            : "in \(schoolYears(pair.schoolYears)) the partnership brought no gain: \(shown)"
    }

    // MARK: labels

    public var title: String { ru ? "Помогло ли партнёрство?" : "Did the partnerships help?" }
    public var subtitle: String {
        ru ? "Оценка эффективности сетевого взаимодействия: изменение результатов школ после закрепления партнёра в сравнении со школами без партнёра"
            : "How the results of schools moved after they got a partner, compared with schools without one"
    }
    public var summaryTitle: String { ru ? "Сводная таблица" : "Summary" }
    public var howTitle: String { ru ? "Как читать оценки" : "How to read the estimates" }
    public func how(level: Double) -> [String] {
        let pct = Int((level * 100).rounded())
        if ru {
            return [
                "Для каждой школы, получавшей поддержку, сравнивается, как изменились её средние результаты после начала партнёрства, с тем, как за те же годы изменились результаты школ того же типа, у которых партнёра не было (разность разностей).",
                "«До» — годы, результаты которых получены до сентября, когда начался первый год партнёрства; «после» — годы, результаты которых подведены по итогам учебного года с этим партнёром.",
                "Интервал — \(pct)-процентный: он построен по тому, насколько сильно меняются от года к году результаты самих школ без партнёра. Если интервал включает ноль, вывод о пользе или вреде сделать нельзя.",
                "Оценка не даётся, если с какой-либо стороны меньше двух лет результатов.",
                "Школы попадают в список ШНОР после неудачного года; часть последующего роста может быть возвратом к обычному уровню, а не заслугой партнёра. Чем больше лет «до», тем меньше эта ошибка.",
            ]
        }
        return [
            "For each school that received support, the change of its mean results after its partnership began is compared with the change, over the same years, at schools of the same kind that had no partner (a difference in differences).",
            "\"Before\" are assessment years up to the September in which its first partnership began; \"after\" are the years whose assessment closed a school year with this partner.",
            "The interval is a \(pct)% interval, built from how much the results of the schools without a partner move from year to year. When it includes zero, neither a gain nor a loss is shown.",
            "There is no estimate when either side has fewer than two years of results.",
            "Schools are put on the low-results list after a bad year; part of the later rise may be a return to their usual level rather than the partner's doing. More years \"before\" make this error smaller.",
        ]
    }
    public var rule: String { ru ? "Правило" : "Rule" }
    public var recipient: String { ru ? "Школа, получавшая поддержку" : "Recipient" }
    public var provider: String { ru ? "Партнёр" : "Partner" }
    public var subject: String { ru ? "Предмет" : "Subject" }
    public var partnershipYears: String { ru ? "Годы партнёрства" : "Partnership years" }
    public var yearsBefore: String { ru ? "Годы «до»" : "Years before" }
    public var yearsAfter: String { ru ? "Годы «после»" : "Years after" }
    public func effectHeading(level: Double) -> String {
        let pct = Int((level * 100).rounded())
        return ru ? "Оценка, баллов (\(pct)% интервал)" : "Estimate, points (\(pct)% interval)"
    }
    public var effect: String { ru ? "Оценка, баллов" : "Estimate, points" }
    public var low: String { ru ? "Нижняя граница" : "Low" }
    public var high: String { ru ? "Верхняя граница" : "High" }
    public var verdict: String { ru ? "Вывод" : "Verdict" }
    /// A verdict in a few words, for a table cell.
    public func short(_ v: EffectVerdict) -> String {
        switch v {
        case .gain: return ru ? "рост больше, чем у школ без партнёра" : "rose more than without a partner"
        case .loss: return ru ? "хуже, чем у школ без партнёра" : "worse than without a partner"
        case .unclear: return ru ? "разница не доказана" : "no difference shown"
        case .none: return ru ? "оценки нет" : "no estimate"
        }
    }
    public var comparisonCount: String { ru ? "Школ для сравнения" : "Comparison schools" }
    public var recipientID: String { ru ? "Код школы" : "Recipient id" }
    public var providerID: String { ru ? "Код партнёра" : "Partner id" }
    public var year: String { ru ? "Год" : "Year" }
    public var recipientResult: String { ru ? "Результат школы" : "Recipient's result" }
    public var comparisonMean: String { ru ? "Среднее школ без партнёра" : "Mean of schools without a partner" }
    public var comparisonLow: String { ru ? "Школы без партнёра: 25-й процентиль" : "Without a partner: 25th percentile" }
    public var comparisonHigh: String { ru ? "Школы без партнёра: 75-й процентиль" : "Without a partner: 75th percentile" }
    public var sheetEffect: String { ru ? "Эффект партнёрства" : "Partnership effect" }
    public var sheetResults: String { ru ? "Результаты по годам" : "Results by year" }
    public var legendRecipient: String { ru ? "школа" : "the school" }
    public var legendComparison: String { ru ? "школы без партнёра: среднее и средняя половина" : "schools without a partner: mean and middle half" }
    public var legendPartnership: String { ru ? "учебные годы с партнёром" : "school years with a partner" }
    public var nothing: String {
        ru ? "В partners-history.csv нет ни одной пары школ из schools.csv: оценивать нечего."
            : "partners-history.csv has no pair of schools in schools.csv: there is nothing to estimate."
    }
    public func comparisonPool(_ n: Int) -> String {
        ru ? "Школ того же типа без партнёра с результатами: \(n)." : "Schools of the same kind without a partner, with results: \(n)."
    }
    public var noChartData: String { ru ? "нет результатов" : "no results" }
    public var avoidedTitle: String {
        ru ? "Пары, не назначенные повторно: партнёрство не дало роста (avoid_unhelpful)"
            : "Pairs not assigned again: the partnership brought no gain (avoid_unhelpful)"
    }
    /// On the effect page, under a pair `avoid_unhelpful` leaves out.
    public var willBeAvoided: String {
        ru ? "Правило включает avoid_unhelpful: эта пара не будет назначена повторно."
            : "The rule has avoid_unhelpful: this pair will not be assigned again."
    }
    public var avoidedKeptFixed: String {
        ru ? "пара закреплена в правиле (fixed) и сохранена, хотя партнёрство не дало роста"
            : "the pair is fixed by the rule and kept, although the partnership brought no gain"
    }
}
