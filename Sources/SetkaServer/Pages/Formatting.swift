import Foundation

/// Dates and small pieces shared by the pages.
enum Fmt {
    static func date(_ d: Date?, _ t: Tr) -> String {
        guard let d else { return "—" }
        let f = DateFormatter()
        f.locale = Locale(identifier: t.ru ? "ru_RU" : "en_GB")
        f.dateFormat = "dd.MM.yyyy HH:mm"
        return f.string(from: d)
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
            if let loc = f.location { li += "<span class=\"loc\">\(loc)</span> " }
            if let field = f.field { li += "<span class=\"muted\">\(t("столбец", "column")) «\(field)»:</span> " }
            out += li + "\(f.message)</li>"
        }
        if items.count > limit { out += "<li class=\"muted\">\(t("и ещё", "and")) \(items.count - limit) \(t("", "more"))</li>" }
        return out + "</ul>"
    }
}
