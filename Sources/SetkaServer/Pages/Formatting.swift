import Foundation
import SetkaModel

/// Dates and small pieces shared by the pages.
enum Fmt {
    /// A number with exactly `digits` decimals, a comma in Russian and a true minus sign (U+2212):
    /// "−0,5", "11,0", "20 978,5" (as `EffectWords.value` writes them in sentences). For a page's column of
    /// measured values, where "11" beside "11,5" would read as another precision; files keep
    /// their machine format.
    static func fixed(_ x: Double, digits: Int, ru: Bool) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x > 0 ? "∞" : "\u{2212}∞") }
        // Rounded half away from zero first, as `EffectWords.value` rounds.
        let scale = pow(10, Double(max(0, digits)))
        var s = String(format: "%.\(max(0, digits))f", (x * scale).rounded() / scale)
        if s.hasPrefix("-") {
            s.removeFirst()
            // "-0.0" is zero: no sign.
            if s.contains(where: { $0 != "0" && $0 != "." }) { s = "\u{2212}" + s }
        }
        return PlainWords.grouped(s, ru ? .ru : .en)
    }

    static func date(_ d: Date?, _ t: Tr) -> String {
        guard let d else { return "—" }
        let f = DateFormatter()
        f.locale = Locale(identifier: t.ru ? "ru_RU" : "en_GB")
        f.dateFormat = "dd.MM.yyyy HH:mm"
        return f.string(from: d)
    }

    /// What a data version was made from, as people know it: the uploaded file's name; for a
    /// version made by pinning or unpinning on a page, that it was (its pins file beside); for a
    /// bundled example, that it is one (its folder beside).
    static func source(_ version: VersionRecord, _ t: Tr) -> Markup {
        switch sourceWords(version, t) {
        case (let words, nil): "\(words)"
        case (let words, let file?): "\(words) <span class=\"muted\">(\(file))</span>"
        }
    }

    /// `source` in words: what the version was made from and, when that is not the file
    /// itself, the file beside.
    static func sourceWords(_ version: VersionRecord, _ t: Tr) -> (words: String, file: String?) {
        switch version.kind {
        case Uploads.pinsKind: (t("закрепления изменены вручную", "pins changed by hand"), version.originalName)
        case Uploads.exampleKind: (t("пример, поставляемый с Setka", "an example that comes with Setka"), version.originalName)
        default: (version.originalName, nil)
        }
    }

    /// How a what-if variant came to be, as the variants' list says it.
    static func origin(_ v: VariantRecord, _ t: Tr) -> String {
        switch v.origin {
        case VariantRecord.formOrigin: t("собран здесь", "built here")
        case VariantRecord.adviceOrigin: t("из советов", "from advice")
        default: t("пришёл с данными", "came with the data")
        }
    }

    /// What each column of a comparison was made from, base first, as the app's pages name them
    /// (`ComparisonReportInput.sources`): the data version's number and what it was made from;
    /// each variant's way in and when (a variant that came with the data: its file). Nil when a
    /// variant of the run is gone (the legend then shows the files the run read).
    static func compareSources(_ version: VersionRecord, _ variants: [VariantRecord?], _ t: Tr) -> [String]? {
        var out = [t("версия данных № ", "data version ") + "\(version.number): " + sourceWords(version, t).words]
        for v in variants {
            guard let v else { return nil }
            out.append(origin(v, t) + (v.origin == VariantRecord.uploadOrigin
                                       ? " (\(URL(fileURLWithPath: v.path).lastPathComponent))" : ", " + date(v.createdAt, t)))
        }
        return out
    }

    /// A run's status as a coloured badge.
    static func status(_ s: RunStatus, _ t: Tr) -> Markup {
        let cls = switch s {
        case .done: "ok"
        case .failed, .interrupted: "bad"
        case .cancelled: "warn"
        case .queued, .running: "muted"
        }
        return "<span class=\"badge \(cls)\" data-status=\"\(s.rawValue)\">\(t.status(s))</span>"
    }

    /// A validation verdict as a badge.
    static func validity(_ valid: Bool, errors: Int, _ t: Tr) -> Markup {
        valid ? "<span class=\"badge ok\">\(t("данные в порядке", "valid"))</span>"
            : "<span class=\"badge bad\">\(t("ошибок: ", "errors: "))\(errors)</span>"
    }

    /// Where a finding is, as the CLI prints it (`file:line:column`, a workbook's `book.xlsx[sheet]!C17`).
    static func findings(_ items: [Finding], _ t: Tr, limit: Int = 200) -> Markup {
        guard !items.isEmpty else { return .empty }
        var out: Markup = "<ul class=\"findings\">"
        for f in items.prefix(limit) {
            var li: Markup = "<li>"
            if let loc = f.place(t.language) { li += "<span class=\"loc\">\(loc)</span> " }
            if let field = f.field { li += "<span class=\"muted\">\(t("столбец", "column")) «\(field)»:</span> " }
            out += li + "\(f.message(t.language))</li>"
        }
        if items.count > limit { out += "<li class=\"muted\">\(t("и ещё", "and")) \(items.count - limit) \(t("", "more"))</li>" }
        return out + "</ul>"
    }
}
