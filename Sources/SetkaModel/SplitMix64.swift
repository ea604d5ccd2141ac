/// SplitMix64: a small, fast pseudo-random generator whose output depends only on its seed,
/// the same on every platform and Swift version (unlike the system generator, and unlike the
/// standard library's `shuffle(using:)`, whose algorithm is not promised to stay the same).
///
/// Deliberately not a `RandomNumberGenerator`: every random choice the generator makes goes
/// through the methods below, so nothing depends on standard-library algorithms.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one phase of the work, independent of how much another phase drew.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// Uniform integer in `range` (unbiased, by rejection).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }  // the whole Int range
        let limit = UInt64.max - UInt64.max % span
        var x = next()
        while x >= limit { x = next() }
        return range.lowerBound + Int(x % span)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Approximately normal (mean 0, sd 1): the sum of four uniforms, rescaled (Irwin–Hall).
    public mutating func gaussian() -> Double {
        let s = unit() + unit() + unit() + unit()
        return (s - 2) * 1.7320508075688772  // sd of the sum is sqrt(4/12)
    }

    /// One element, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Fisher–Yates shuffle.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(0...i))
        }
    }

    /// `count` distinct indices of `0..<n`, in random order.
    public mutating func sample(_ count: Int, of n: Int) -> [Int] {
        var all = Array(0..<n)
        let k = min(count, n)
        for i in 0..<k { all.swapAt(i, int(i...(n - 1))) }
        return Array(all.prefix(k))
    }

    /// An index drawn with probability proportional to `weights[i]` (at least one positive).
    public mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var u = unit() * total
        for (i, w) in weights.enumerated() where w > 0 {
            if u < w { return i }
            u -= w
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }
}
