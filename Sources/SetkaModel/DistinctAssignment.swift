/// Gives items distinct candidates: a maximum bipartite matching by augmenting paths, items in
/// the given order. Used where each of a few things needs one of many, none shared: the pins of a
/// slot each need their own teacher and room (`PinValidator`), every pin its own section (H6).
public enum DistinctAssignment {
    /// `candidates[k]` lists what item k may take, in the order it prefers them; the result gives item k its candidate, or nil
    /// when no assignment gives every item one (as many items as possible get one; an item
    /// earlier in the list keeps what it got when a later one cannot be placed). Linear in the
    /// candidates per augmenting path: quick for hundreds of items and thousands of candidates.
    public static func match(_ candidates: [[Int]]) -> [Int?] {
        var owner: [Int: Int] = [:]  // candidate → item
        var result = [Int?](repeating: nil, count: candidates.count)
        func augment(_ k: Int, _ seen: inout Set<Int>) -> Bool {
            // A free candidate first (in order), so that items keep the earliest free ones.
            for c in candidates[k] where owner[c] == nil && !seen.contains(c) {
                owner[c] = k
                result[k] = c
                return true
            }
            for c in candidates[k] where seen.insert(c).inserted {
                if let other = owner[c] {
                    guard augment(other, &seen) else { continue }
                }
                owner[c] = k
                result[k] = c
                return true
            }
            return false
        }
        for k in candidates.indices {
            var seen: Set<Int> = []
            _ = augment(k, &seen)
        }
        return result
    }
}
