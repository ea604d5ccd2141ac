/// Text inside markup: the one escaper of HTML, SVG and XML (`report.html`, `map.svg`, the sweep
/// chart, the parts of an `.xlsx` workbook).
public enum Markup {
    /// Text for HTML or SVG content and attribute values: `& < > " '` become entities; characters
    /// HTML does not allow (control characters other than tab and line breaks) are dropped.
    public static func html(_ s: String) -> String {
        escape(s, apostrophe: "&#39;") { $0 >= 0x20 && !(0x7F...0x9F).contains($0) }
    }

    /// Text for XML 1.0: `& < > " '` as entities; characters XML 1.0 forbids (most control
    /// characters; lone surrogates cannot occur in Swift strings) are dropped.
    public static func xml(_ s: String) -> String {
        escape(s, apostrophe: "&apos;") { $0 >= 0x20 && $0 != 0xFFFE && $0 != 0xFFFF }
    }

    /// `& < > "` and the apostrophe as entities, tab and line breaks kept, any other scalar whose
    /// value `allowed` rejects dropped.
    static func escape(_ s: String, apostrophe: String, allowed: (UInt32) -> Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if allowed(u.value) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
