import Foundation
import Testing
@testable import SetkaModel

/// Mangled inputs: the loader either loads or throws `ScenarioError` whose every finding names a
/// file; it never crashes or throws anything else.
@Suite("Robustness")
struct RobustnessTests {
    /// SplitMix64: deterministic, so a failure reproduces.
    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let noise: [[UInt8]] = [[0x22], [0x2C], [0x3B], [0x0A], [0x0D, 0x0A], [0x7C], [0x20], [0xD0], [0xFF],
                                   [0x3A], [0x2D, 0x20], [0x7B], [0x5B], [0x09], Array("да".utf8), Array("-1".utf8)]

    @Test func mangledFilesNeverCrash() throws {
        var rng = Mix(state: 2026)
        let names = Fixture.files.keys.sorted()
        let original = Fixture.files.mapValues { Array($0.utf8) }
        let s = try TempScenario()
        let rounds = 40
        var loadedCount = 0, failedCount = 0
        for _ in 0..<rounds {
            var files = original
            for _ in 0..<(1 + rng.below(4)) {
                let name = names[rng.below(names.count)]
                var bytes = files[name]!
                let at = rng.below(bytes.count + 1)
                if rng.below(3) == 0, at < bytes.count {
                    bytes.remove(at: at)
                } else {
                    bytes.insert(contentsOf: Self.noise[rng.below(Self.noise.count)], at: at)
                }
                files[name] = bytes
            }
            for (name, bytes) in files { try Data(bytes).write(to: s.url.appendingPathComponent(name)) }
            do {
                _ = try s.load()
                loadedCount += 1
            } catch let e as ScenarioError {
                failedCount += 1
                #expect(!e.diagnostics.isEmpty)
                #expect(e.diagnostics.allSatisfy { $0.severity == .error && !($0.location?.file.isEmpty ?? true) })
            }
        }
        #expect(loadedCount + failedCount == rounds)
        #expect(failedCount > 0)
    }

    @Test func randomBytesAsEveryFile() throws {
        var rng = Mix(state: 7)
        for name in Fixture.files.keys.sorted() {
            let garbage = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let s = try TempScenario(Fixture.files, bytes: [name: garbage])
            let e = s.errors()
            #expect(e.contains { $0.location?.file == name })
        }
    }
}
