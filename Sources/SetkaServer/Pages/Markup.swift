import Reports
import Wording

/// HTML that is safe to send: every `String` that becomes `Markup` is escaped, unless it goes
/// through the one explicit door, ``Markup/trusted(_:)``.
///
/// Pages are built by interpolation: literal text in the source is markup, interpolated strings
/// are text.
///
///     let name = "<script>alert(1)</script>"
///     let m: Markup = "<td>\(name)</td>"     // <td>&lt;script&gt;alert(1)&lt;/script&gt;</td>
///
/// Interpolating another `Markup` inserts it as it is (it was escaped when it was made);
/// numbers are written as numbers. There is no way to interpolate a string unescaped.
public struct Markup: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The HTML text.
    public private(set) var html: String

    private init(raw: String) { html = raw }

    /// Markup written by the program itself (never text from a user, a file or a request): the
    /// rare, explicit way to insert HTML that is not escaped.
    public static func trusted(_ html: String) -> Markup { Markup(raw: html) }

    /// `text` escaped.
    public static func text(_ text: String) -> Markup { Markup(raw: escape(text)) }

    public static let empty = Markup(raw: "")

    public init(stringLiteral value: String) { html = value }

    public init(stringInterpolation: Interpolation) { html = stringInterpolation.html }

    public var description: String { html }

    public struct Interpolation: StringInterpolationProtocol {
        var html = ""
        public init(literalCapacity: Int, interpolationCount: Int) { html.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        public mutating func appendLiteral(_ literal: String) { html += literal }
        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { html += Markup.escape(text) }
        public mutating func appendInterpolation(_ text: Substring) { html += Markup.escape(String(text)) }
        public mutating func appendInterpolation(_ markup: Markup) { html += markup.html }
        public mutating func appendInterpolation(_ parts: [Markup]) { for p in parts { html += p.html } }
        public mutating func appendInterpolation(_ n: Int) { html += String(n) }
    }

    public static func + (a: Markup, b: Markup) -> Markup { Markup(raw: a.html + b.html) }
    public static func += (a: inout Markup, b: Markup) { a.html += b.html }

    /// Text for element content and quoted attribute values: `Reports.HTML.escape`, the project's
    /// one markup escaper (`& < > " '` as entities, control characters dropped), skipped for
    /// the common string that needs nothing.
    public static func escape(_ s: String) -> String {
        for u in s.utf8 where u == 0x26 || u == 0x3C || u == 0x3E || u == 0x22 || u == 0x27 || u < 0x20 || u == 0x7F || u == 0xC2 {
            return HTML.escape(s)
        }
        return s
    }
}

extension Array where Element == Markup {
    /// The parts one after another.
    public func joined(separator: Markup = .empty) -> Markup {
        var out = Markup.empty
        for (i, m) in enumerated() {
            if i > 0 { out += separator }
            out += m
        }
        return out
    }
}
