import SetkaModel

// Wording: everything Setka says to people, in Russian and English, in one place.
//
// The other modules produce typed facts where they are known (a `Violation.Detail` from the
// checker, a `CourseCause` or `ChoiceCause` from the scheduler's explanations, a `StopReason`, a
// `VariantChange`, a `ReplanMethod`…) with the ids and numbers they involve; this module turns
// them into sentences (`Words`), and nothing reads those sentences back.

extension Words {
    /// Ids the way a sentence lists them: `A`, `A and B`, `A, B and C` (`A, B и C`).
    public func joined(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + (ru ? " и " : " and ") + items[items.count - 1]
        }
    }

    /// Minutes for a sentence: `12`, `12.5`, `12.35` (`12,35` in Russian).
    public func minutes(_ m: Double) -> String { number(m, digits: 2) }

    /// "1 student", "3 students" / "1 ученик", "3 ученика", "5 учеников".
    public func students(_ n: Int) -> String {
        ru ? "\(n) \(Self.russianPlural(n, "ученик", "ученика", "учеников"))" : (n == 1 ? "1 student" : "\(n) students")
    }

    /// "1 section" / "1 группа", "2 группы", "5 групп".
    public func sections(_ n: Int) -> String {
        ru ? "\(n) \(Self.russianPlural(n, "группа", "группы", "групп"))" : (n == 1 ? "1 section" : "\(n) sections")
    }

    /// The Russian form of a noun after the number `n` (one, few, many).
    public static func russianPlural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let h = abs(n) % 100, d = abs(n) % 10
        if (11...14).contains(h) { return many }
        switch d {
        case 1: return one
        case 2, 3, 4: return few
        default: return many
        }
    }
}
