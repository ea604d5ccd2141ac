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

    mutating func error(_ node: Node, _ message: String) {
        diagnostics.append(.error(message, at: location(node)))
    }

    mutating func warning(_ node: Node, _ message: String) {
        diagnostics.append(.warning(message, at: location(node)))
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "\"\(s.string)\""
        case .mapping: return "a mapping (key: value lines)"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The entries of a mapping with string keys, in file order; reports keys outside `allowed`
    /// as warnings and repeated keys as errors. Nil (with an error) when `node` is not a mapping.
    mutating func mapping(_ node: Node, _ what: String, allowed: Set<String>) -> [String: Node]? {
        guard case .mapping(let m) = node else {
            error(node, "\(what) should be a mapping of settings (key: value), found \(Self.describe(node))")
            return nil
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard case .scalar(let ks) = k else { error(k, "\(what): a key should be a word, found \(Self.describe(k))"); continue }
            let key = ks.string
            if out[key] != nil { error(k, "\(what): '\(key)' is given twice"); continue }
            if !allowed.contains(key) {
                let known = allowed.sorted().joined(separator: ", ")
                warning(k, "unknown setting '\(what == "scenario.yaml" ? key : "\(what).\(key)")' is ignored (known here: \(known))")
                continue
            }
            out[key] = v
        }
        return out
    }

    mutating func scalar(_ node: Node, _ what: String, expected: String) -> String? {
        guard case .scalar(let s) = node else {
            error(node, "'\(what)' should be \(expected), found \(Self.describe(node))"); return nil
        }
        return s.string.trimmingCharacters(in: .whitespaces)
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        scalar(node, what, expected: "text")
    }

    mutating func id(_ node: Node, _ what: String) -> String? {
        guard let s = scalar(node, what, expected: "an id") else { return nil }
        if let problem = TableReader.idProblem(s) { error(node, "'\(what)': \(problem)"); return nil }
        return s
    }

    mutating func integer(_ node: Node, _ what: String, minimum: Int) -> Int? {
        let expected = "a whole number ≥ \(minimum)"
        guard let s = scalar(node, what, expected: expected) else { return nil }
        guard let v = TableReader.parseInteger(s), v >= minimum else {
            error(node, "'\(what)' should be \(expected), found \"\(s)\""); return nil
        }
        return v
    }

    mutating func number(_ node: Node, _ what: String, minimum: Double, strictlyAbove: Bool = false) -> Double? {
        let expected = strictlyAbove ? "a number above \(TableReader.format(minimum))"
            : "a number ≥ \(TableReader.format(minimum))"
        guard let s = scalar(node, what, expected: expected) else { return nil }
        guard let v = TableReader.parseNumber(s), strictlyAbove ? v > minimum : v >= minimum else {
            error(node, "'\(what)' should be \(expected), found \"\(s)\""); return nil
        }
        return v
    }

    mutating func yesNo(_ node: Node, _ what: String) -> Bool? {
        guard let s = scalar(node, what, expected: "yes or no") else { return nil }
        guard let v = TableReader.parseYesNo(s) else {
            error(node, "'\(what)' should be yes or no (also true/false), found \"\(s)\""); return nil
        }
        return v
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let s) = node else {
            error(node, "'\(what)' should be a list, found \(Self.describe(node))"); return nil
        }
        return Array(s)
    }
}
