import Foundation
import Reports
import Wording

/// What every page needs to draw its frame: language, the request's path (for the language
/// switch), the CSRF token for its forms.
public struct PageContext: Sendable {
    public var tr: Tr
    /// The path and query of this page (the language switch comes back here).
    public var path: String
    public var csrf: String

    /// A hidden form field with the CSRF token.
    public var csrfField: Markup { "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\">" }
}

/// One link of the breadcrumbs.
public struct Crumb: Sendable {
    public var title: String
    public var href: String?
    public init(_ title: String, _ href: String? = nil) { self.title = title; self.href = href }
}

/// The frame of every page: head (styles and the one script, both files of the binary), the
/// breadcrumbs, the language switch, the footer.
public enum Layout {
    public static func page(_ c: PageContext, title: String, crumbs: [Crumb] = [], refresh: Int? = nil, _ body: Markup) -> Markup {
        let t = c.tr
        let back = Markup.text(URLQuery.encode(c.path))
        var trail: [Markup] = [link(t("Проекты", "Projects"), "/")]
        for crumb in crumbs {
            trail.append(crumb.href.map { link(crumb.title, $0) } ?? "<span>\(crumb.title)</span>")
        }
        let refreshTag: Markup = refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? .empty
        return """
        <!doctype html>
        <html lang="\(t.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(refreshTag)<title>\(title) — \(t("Сетка", "Setka"))</title>
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/">\(t("Сетка", "Setka"))</a>
        <nav class="crumbs" aria-label="\(t("Где вы", "Where you are"))">\(trail.joined(separator: " <span class=\"sep\">›</span> "))</nav>
        <span class="lang">\(t.ru ? "<b>RU</b>" : link("RU", "/lang/ru?back=\(back)")) · \(t.ru ? link("EN", "/lang/en?back=\(back)") : "<b>EN</b>")</span>
        </header>
        <main>
        <h1>\(title)</h1>
        \(body)
        </main>
        <footer>\(t("Сетка работает на этом компьютере (127.0.0.1); данные никуда не отправляются.", "Setka runs on this computer (127.0.0.1); no data leaves it."))</footer>
        </body>
        </html>
        """
    }

    /// A form that deletes something for good: its box «да, удалить …» must be ticked (the
    /// browser asks for it, and the server refuses the form without it: `SetkaApp.delete`), so
    /// that nothing is deleted by one stray click, with or without JavaScript.
    static func deleteForm(_ c: PageContext, action: String, id: String, button: String, sure: String, note: String) -> Markup {
        """
        <form method="post" action="\(action)" class="delete" id="\(id)">
        \(c.csrfField)<label><input type="checkbox" name="confirm" value="yes" required> \(sure)</label>
        <button type="submit" class="danger">\(button)</button>
        <span class="muted">\(note)</span>
        </form>
        """
    }

    public static func link(_ title: String, _ href: String, class cls: String? = nil) -> Markup {
        if let cls { return "<a class=\"\(cls)\" href=\"\(href)\">\(title)</a>" }
        return "<a href=\"\(href)\">\(title)</a>"
    }

    /// A plain page with one message (errors, refusals), with a way back.
    public static func message(_ c: PageContext, title: String, _ text: String, back: String = "/") -> Markup {
        page(c, title: title, "<p class=\"message\">\(TableView.lines(text))</p><p>\(link(c.tr("Назад", "Back"), back))</p>")
    }
}

/// Query strings: percent-encoding for values put into links.
public enum URLQuery {
    static let allowed: CharacterSet = {
        var s = CharacterSet.alphanumerics
        s.insert(charactersIn: "-._~/")
        return s
    }()

    public static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `path?key=value&…` with the values encoded; nil values are left out.
    public static func link(_ path: String, _ items: [(String, String?)]) -> String {
        let q = items.compactMap { k, v in v.map { "\(k)=\(encode($0))" } }
        return q.isEmpty ? path : path + "?" + q.joined(separator: "&")
    }
}
