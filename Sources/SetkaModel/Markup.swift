import Foundation

/// Escaping of text for markup, shared by the HTML reports and the `.xlsx` writer.
public enum Markup {
    /// Text for markup (HTML or XML): `& < > "` and the apostrophe as entities, tab and line
    /// breaks kept, any other scalar whose value `allowed` rejects dropped.
    public static func escape(_ s: String, apostrophe: String, allowed: (UInt32) -> Bool) -> String {
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
