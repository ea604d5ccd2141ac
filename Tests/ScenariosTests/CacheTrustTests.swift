import Foundation
import Testing
import Partnering
import ProfileDay
import Scenarios
import SetkaModel

/// Issue 19, finding 5: the cache is keyed by SHA-256 and never serves what its plans do not
/// prove. An entry edited by hand is rejected, removed and solved again.
@Suite("A cache that cannot lie", .serialized)
struct CacheTrustTests {
    /// The fixture district with a three-seat room at school a, which no engine uses.
    func scenarioWithTinyRoom() throws -> ScenarioInput {
        var s = Fixtures.district()
        s.rooms.append(Room(site: "a", id: "tiny", capacity: 3))
        let folder = try Fixtures.write(s)
        return try ScenarioInput.load(folder.path).input
    }

    /// A runner with the greedy test engines and a cache in a new folder; `rejected` collects
    /// the cache's notes.
    func runner(_ calls: Counter, rejected: Notes) throws -> (ScenarioRunner, URL) {
        let folder = try Fixtures.temporaryFolder("cache")
        var cache = ResultCache(folder: folder)
        cache.rejected = { file, why in rejected.add("\(file): \(why)") }
        return (ScenarioRunner(engines: TestEngines.greedy(calls: calls), options: RunOptions(timeLimit: 1), cache: cache), folder)
    }

    /// The one entry in `folder`, as JSON, edited by `change` and written back.
    func tamper(_ folder: URL, _ change: (inout [String: Any]) throws -> Void) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        let file = folder.appendingPathComponent(try #require(files.first))
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        try change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: file)
    }

    @Test("keys are SHA-256 of the inputs and options (64 hex digits), and follow the content")
    func sha256Keys() throws {
        let input = try scenarioWithTinyRoom()
        let key = ResultCache.key(for: input.scenario, options: RunOptions())
        #expect(key.count == 64 && key.allSatisfy { $0.isHexDigit })
        var other = input.scenario
        other.students[0].choices.reverse()
        #expect(ResultCache.key(for: other, options: RunOptions()) != key)
        #expect(ResultCache.key(for: input.scenario, options: RunOptions(seed: 2)) != key)
        #expect(ResultCache.hash(Timetable()).count == 64)
    }

    @Test("an entry whose objective was edited to 99,999,999 is rejected, removed and solved again")
    func editedObjective() throws {
        let input = try scenarioWithTinyRoom()
        let calls = Counter(), notes = Notes()
        let (runner, folder) = try runner(calls, rejected: notes)
        let first = runner.runOne(input)
        let objective = try #require(first.profileDay?.objective)
        #expect(calls.value == 2)
        #expect(runner.runOne(input).fromCache)
        try tamper(folder) { entry in
            var claims = try #require(entry["claims"] as? [String: Any])
            claims["profileDayObjective"] = 99_999_999
            entry["claims"] = claims
        }
        let again = runner.runOne(input)
        #expect(!again.fromCache)
        #expect(calls.value == 4)
        #expect(again.profileDay?.objective == objective)
        #expect(notes.all.contains { $0.contains("claims the objective 99999999") }, "\(notes.all)")
        // The entry was replaced by the fresh, good one.
        #expect(runner.runOne(input).fromCache)
    }

    @Test("an entry whose section was moved into a three-seat room (breaking H3) is rejected and solved again")
    func brokenSection() throws {
        let input = try scenarioWithTinyRoom()
        let calls = Counter(), notes = Notes()
        let (runner, folder) = try runner(calls, rejected: notes)
        let first = runner.runOne(input)
        #expect(first.profileDay?.verified == true)
        try tamper(folder) { entry in
            var pd = try #require(entry["profileDay"] as? [String: Any])
            var timetable = try #require(pd["timetable"] as? [String: Any])
            var sections = try #require(timetable["sections"] as? [[String: Any]])
            let i = try #require(sections.firstIndex { $0["site"] as? String == "a" })
            sections[i]["room"] = "tiny"
            timetable["sections"] = sections
            pd["timetable"] = timetable
            entry["profileDay"] = pd
        }
        let again = runner.runOne(input)
        #expect(!again.fromCache)
        #expect(calls.value == 4)
        #expect(again.profileDay?.verified == true)
        #expect(again.timetable?.sections.contains { $0.room == "tiny" } == false)
        #expect(notes.all.contains { $0.contains("breaks") }, "\(notes.all)")
    }

    @Test("a cached partner assignment is checked again: a pair edited beyond the travel limit is rejected")
    func brokenPartnerAssignment() throws {
        let input = try scenarioWithTinyRoom()
        let notes = Notes(), calls = Counter()
        let folder = try Fixtures.temporaryFolder("cache")
        var cache = ResultCache(folder: folder)
        cache.rejected = { file, why in notes.add("\(file): \(why)") }
        // The standard partnering engine (it returns the assignment, which the runner verifies).
        let standard = Engines.standard()
        let engines = Engines(version: "test-partner", profileDay: { s, o in
            calls.increment()
            return try TestEngines.greedy().profileDay(s, o)
        }, partnering: { s, o in
            calls.increment()
            return try standard.partnering(s, o)
        })
        let runner = ScenarioRunner(engines: engines, options: RunOptions(timeLimit: 5), cache: cache)
        let first = runner.runOne(input)
        #expect(first.partnering?.verified == true, "\(first.problems)")
        try tamper(folder) { entry in
            var p = try #require(entry["partnering"] as? [String: Any])
            var a = try #require(p["assignment"] as? [String: Any])
            var pairs = try #require(a["pairs"] as? [[String: Any]])
            pairs[0]["minutes"] = 1
            a["pairs"] = pairs
            p["assignment"] = a
            entry["partnering"] = p
        }
        let again = runner.runOne(input)
        #expect(!again.fromCache)
        #expect(again.partnering?.verified == true)
        #expect(notes.all.contains { $0.contains("partnering") || $0.contains("partner") }, "\(notes.all)")
    }

    @Test("compare checks its partner results: an engine's assignment that breaks a rule fails the run")
    func compareChecksPartners() throws {
        let input = try scenarioWithTinyRoom()
        let standard = Engines.standard()
        let engines = Engines(version: "test-bad-partner", profileDay: { s, o in try TestEngines.greedy().profileDay(s, o) },
                              partnering: { s, o in
            var solve = try standard.partnering(s, o)
            // Claim a pair with a school paired with itself.
            if var a = solve.assignment, !a.pairs.isEmpty {
                a.pairs[0].provider = a.pairs[0].recipient
                solve.assignment = a
            }
            return solve
        })
        let result = ScenarioRunner(engines: engines, options: RunOptions(timeLimit: 5), cache: nil).runOne(input)
        #expect(result.partnering?.verified == false)
        #expect(result.problems.contains { $0.contains("partnering") && $0.contains("checker") }, "\(result.problems)")
    }

    @Test("setka compare: a hand-edited cache entry is not printed as the result; it is solved again")
    func cliTamperedEntry() throws {
        var s = Fixtures.district()
        s.partnering = []
        let folder = try Fixtures.write(s)
        let cache = try Fixtures.temporaryFolder("xdg")
        let args = ["compare", folder.path, "--time-limit", "2", "--iterations", "20", "--quiet"]
        let first = try WhatIfCLI.run(args, cache: cache)
        #expect(first.status == 0, "\(first.stderr)")
        let entries = cache.appendingPathComponent("setka")
        try tamper(entries) { entry in
            var claims = try #require(entry["claims"] as? [String: Any])
            claims["profileDayObjective"] = 99_999_999
            entry["claims"] = claims
        }
        let second = try WhatIfCLI.run(args.filter { $0 != "--quiet" }, cache: cache)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.contains("99999999"))
        #expect(!second.stdout.contains("from the cache"))
        #expect(second.stderr.contains("was not used and is removed"), "\(second.stderr)")
    }

    @Test("the default cache folder follows $XDG_CACHE_HOME, else $HOME/.cache/setka")
    func defaultFolder() {
        #expect(ResultCache.defaultFolder(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]).path == "/x/cache/setka")
        #expect(ResultCache.defaultFolder(environment: ["HOME": "/home/u"]).path == "/home/u/.cache/setka")
        #expect(ResultCache.defaultFolder(environment: ["XDG_CACHE_HOME": "", "HOME": "/home/u"]).path == "/home/u/.cache/setka")
    }
}

/// Lines collected from several threads.
final class Notes: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
