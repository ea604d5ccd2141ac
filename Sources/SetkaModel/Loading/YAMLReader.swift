import Foundation
import Yams

/// Typed reading of a composed YAML node tree, collecting diagnostics with line and column.
/// Scalars are read from their text (not Yams' YAML 1.1 typing), so `09:00` stays a time and
/// `yes` a yes.
struct YAMLReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func error(_ node: Node, _ message: Phrase) {
        diagnostics.append(.error(message, at: location(node)))
    }

    mutating func error(_ node: Node, ru: String, en: String) { error(node, Phrase(ru: ru, en: en)) }

    mutating func warning(_ node: Node, ru: String, en: String) {
        diagnostics.append(.warning(ru: ru, en: en, at: location(node)))
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    static func describe(_ node: Node) -> Phrase {
        switch node {
        case .scalar(let s): return .verbatim("\"\(s.string)\"")
        case .mapping: return Phrase(ru: "набор настроек (строки «ключ: значение»)", en: "a mapping (key: value lines)")
        case .sequence: return Phrase(ru: "список", en: "a list")
        case .alias: return Phrase(ru: "ссылка (alias)", en: "an alias")
        }
    }

    /// The entries of a mapping with string keys, in file order; reports keys outside `allowed`
    /// as warnings and repeated keys as errors. Nil (with an error) when `node` is not a mapping.
    mutating func mapping(_ node: Node, _ what: String, allowed: Set<String>) -> [String: Node]? {
        guard case .mapping(let m) = node else {
            error(node, ru: "\(what): ожидался набор настроек (ключ: значение), найдено: \(Self.describe(node).ru)",
                  en: "\(what) should be a mapping of settings (key: value), found \(Self.describe(node).en)")
            return nil
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard case .scalar(let ks) = k else {
                error(k, ru: "\(what): ключом должно быть слово, найдено: \(Self.describe(k).ru)",
                      en: "\(what): a key should be a word, found \(Self.describe(k).en)"); continue
            }
            let key = ks.string
            if out[key] != nil { error(k, ru: "\(what): '\(key)' задан дважды", en: "\(what): '\(key)' is given twice"); continue }
            if !allowed.contains(key) {
                let known = allowed.sorted().joined(separator: ", ")
                let name = what == "scenario.yaml" ? key : "\(what).\(key)"
                warning(k, ru: "неизвестная настройка '\(name)' не учитывается (здесь допустимы: \(known))",
                        en: "unknown setting '\(name)' is ignored (known here: \(known))")
                continue
            }
            out[key] = v
        }
        return out
    }

    mutating func scalar(_ node: Node, _ what: String, expected: Phrase) -> String? {
        guard case .scalar(let s) = node else {
            error(node, Self.shouldBe(what, expected, found: Self.describe(node))); return nil
        }
        return s.string.trimmingCharacters(in: .whitespaces)
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        scalar(node, what, expected: Phrase(ru: "текст", en: "text"))
    }

    mutating func id(_ node: Node, _ what: String) -> String? {
        guard let s = scalar(node, what, expected: Phrase(ru: "код", en: "an id")) else { return nil }
        if let problem = TableReader.idProblem(s) { error(node, problem.prefixed(ru: "'\(what)': ", en: "'\(what)': ")); return nil }
        return s
    }

    mutating func integer(_ node: Node, _ what: String, minimum: Int) -> Int? {
        let expected = Phrase(ru: "целое число ≥ \(minimum)", en: "a whole number ≥ \(minimum)")
        guard let s = scalar(node, what, expected: expected) else { return nil }
        guard let v = TableReader.parseInteger(s), v >= minimum else {
            error(node, Self.shouldBe(what, expected, found: .verbatim("\"\(s)\""))); return nil
        }
        return v
    }

    mutating func number(_ node: Node, _ what: String, minimum: Double, strictlyAbove: Bool = false) -> Double? {
        let m = TableReader.format(minimum)
        let expected = strictlyAbove ? Phrase(ru: "число больше \(m)", en: "a number above \(m)")
            : Phrase(ru: "число ≥ \(m)", en: "a number ≥ \(m)")
        guard let s = scalar(node, what, expected: expected) else { return nil }
        guard let v = TableReader.parseNumber(s), strictlyAbove ? v > minimum : v >= minimum else {
            error(node, Self.shouldBe(what, expected, found: .verbatim("\"\(s)\""))); return nil
        }
        return v
    }

    mutating func yesNo(_ node: Node, _ what: String) -> Bool? {
        guard let s = scalar(node, what, expected: Phrase(ru: "yes или no", en: "yes or no")) else { return nil }
        guard let v = TableReader.parseYesNo(s) else {
            error(node, Self.shouldBe(what, Phrase(ru: "yes или no (также true/false)", en: "yes or no (also true/false)"), found: .verbatim("\"\(s)\""))); return nil
        }
        return v
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let s) = node else {
            error(node, Self.shouldBe(what, Phrase(ru: "список", en: "a list"), found: Self.describe(node))); return nil
        }
        return Array(s)
    }

    /// `'what' should be EXPECTED, found X` / `'what': ожидается EXPECTED, найдено: X` (the
    /// present tense agrees with an expectation of any gender: код, дата, время).
    static func shouldBe(_ what: String, _ expected: Phrase, found: Phrase) -> Phrase {
        Phrase(ru: "'\(what)': ожидается \(expected.ru), найдено: \(found.ru)", en: "'\(what)' should be \(expected.en), found \(found.en)")
    }
}
