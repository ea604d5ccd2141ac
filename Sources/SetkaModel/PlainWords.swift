import Foundation

/// Numbers, points and subject names as the reports write them, in Russian or English: shared by
/// the partner reports and the effect reports, so that both say "по математике на 5,8 балла".
public enum PlainWords {
    /// `x` with at most `digits` decimals, trailing zeros dropped, `.` as the separator.
    public static func plain(_ x: Double, digits: Int) -> String {
        var s = String(format: "%.\(digits)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// A number with at most `digits` decimals, trailing zeros dropped, comma in Russian; from
    /// 10,000 up its digits in groups of three (`grouped`): "2 861 792,5", "2,861,792.5".
    public static func number(_ x: Double, digits: Int = 1, _ language: ReportLanguage) -> String {
        grouped(plain(x, digits: digits), language)
    }

    /// A number written with `.` as its decimal point (as `plain` and `String(format:)` write
    /// it) as people read it in `language`: a decimal comma in Russian, and the whole part of a
    /// number of five digits or more in groups of three, separated by a no-break space in Russian
    /// (the Russian typographic rule: "20 978,5", but "1500") and by a comma in English
    /// ("20,978.5"; from five digits too, so that a year is never split). Anything else in the
    /// text (a sign, "∞") is kept as it is.
    public static func grouped(_ s: String, _ language: ReportLanguage) -> String {
        let ru = language == .ru
        let sign = s.prefix { !$0.isASCII || !$0.isNumber }
        let rest = s.dropFirst(sign.count)
        let whole = rest.prefix { $0.isASCII && $0.isNumber }
        var fraction = String(rest.dropFirst(whole.count))
        if ru { fraction = fraction.replacingOccurrences(of: ".", with: ",") }
        guard whole.count >= 5 else { return sign + whole + fraction }
        var out = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += ru ? "\u{00A0}" : "," }
            out.append(c)
        }
        return sign + out + fraction
    }

    /// An integer as `number` writes it: "20 000", "1500".
    public static func integer(_ i: Int, _ language: ReportLanguage) -> String { grouped(String(i), language) }

    /// "19.9 points" / "19,9 балла", "6 баллов", "1 балл" (one decimal at most).
    public static func points(_ x: Double, _ language: ReportLanguage) -> String {
        let n = number(x, language)
        guard language == .ru else { return "\(n) point\(x == 1 ? "" : "s")" }
        let r = (x * 10).rounded() / 10
        if r != r.rounded() { return "\(n) балла" }
        let k = Int(abs(r)) % 100
        if (11...14).contains(k) { return "\(n) баллов" }
        switch k % 10 {
        case 1: return "\(n) балл"
        case 2, 3, 4: return "\(n) балла"
        default: return "\(n) баллов"
        }
    }

    static let russianDative: [String: String] = [
        "math": "математике", "mathematics": "математике", "russian": "русскому языку",
        "physics": "физике", "chemistry": "химии", "biology": "биологии",
        "informatics": "информатике", "cs": "информатике", "english": "английскому языку",
        "history": "истории", "social": "обществознанию", "social-studies": "обществознанию",
        "geography": "географии", "literature": "литературе", "reading": "читательской грамотности",
    ]
    static let russianNames: [String: String] = [
        "math": "математика", "mathematics": "математика", "russian": "русский язык",
        "physics": "физика", "chemistry": "химия", "biology": "биология",
        "informatics": "информатика", "cs": "информатика", "english": "английский язык",
        "history": "история", "social": "обществознание", "social-studies": "обществознание",
        "geography": "география", "literature": "литература", "reading": "читательская грамотность",
    ]
    static let englishNames: [String: String] = [
        "math": "mathematics", "russian": "Russian", "english": "English", "cs": "informatics",
    ]

    /// "по математике" / "in mathematics" (an unknown subject by its id: "по предмету «art»").
    public static func inSubject(_ s: String, _ language: ReportLanguage) -> String {
        if language == .ru { return "по " + (russianDative[s.lowercased()] ?? "предмету «\(s)»") }
        return "in " + (englishNames[s.lowercased()] ?? s)
    }

    /// "математика" / "mathematics": a subject's name for a table or a chart (its id when unknown).
    public static func subjectName(_ s: String, _ language: ReportLanguage) -> String {
        if language == .ru { return russianNames[s.lowercased()] ?? s }
        return englishNames[s.lowercased()] ?? s
    }
}
