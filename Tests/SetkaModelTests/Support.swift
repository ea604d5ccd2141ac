import Foundation
import Testing
@testable import SetkaModel

/// A scenario folder in the temporary directory, removed when the value goes away.
final class TempScenario {
    let url: URL

    init(_ files: [String: String] = [:], bytes: [String: [UInt8]] = [:]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("setka-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, Array(text.utf8)) }
        for (name, data) in bytes { try write(name, data) }
    }

    func write(_ name: String, _ data: [UInt8]) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(data).write(to: file)
    }

    func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

    func remove(_ name: String) throws { try FileManager.default.removeItem(at: url.appendingPathComponent(name)) }

    func load() throws -> LoadedScenario { try ScenarioLoader.load(from: url) }

    /// The errors of a load that must fail (an issue is recorded when it succeeds).
    func errors(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(from: url)
            Issue.record("expected the scenario to fail to load", sourceLocation: sourceLocation)
            return []
        } catch let e as ScenarioError {
            return e.diagnostics
        } catch {
            Issue.record("unexpected error type \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A small valid profile-day scenario: three schools, rooms, teachers, courses, students.
enum Fixture {
    static let yaml = """
    format: setka/1
    name: Test district
    profile_day:
      slots:
        - {id: "1", start: "09:00", end: "10:30"}
        - {id: "2", start: "10:50", end: "12:20"}
    """
    static let schools = """
    id,name,kind,lat,lon,low_results,partner_capacity,score:math
    a,School A,school,51.07,38.65,no,2,60
    b,School B,school,51.10,38.70,yes,0,40
    c,Centre C,additional,51.05,38.60,no,1,
    """
    static let rooms = """
    site,id,capacity,kind
    a,101,30,classroom
    a,lab,15,chemistry-lab
    b,201,25,
    c,ws,12,workshop
    """
    static let teachers = """
    id,name,site,courses,max_sections,slots,travels
    t1,Иванова,a,robotics|chemistry,,,
    t2,,b,robotics,1,2,no
    """
    static let courses = """
    id,title,subject,room_kind,min_size,max_size,remote,sites
    robotics,Робототехника,tech,any,,,,
    chemistry,Химия,chem,chemistry-lab,8,15,no,a
    """
    static var students: String {
        var s = "id,school,grade,wants,choices\n"
        for i in 1...12 { s += "s\(i),\(i % 2 == 0 ? "a" : "b"),10,,robotics|chemistry\n" }
        return s
    }

    static var files: [String: String] {
        ["scenario.yaml": yaml, "schools.csv": schools, "rooms.csv": rooms, "teachers.csv": teachers,
         "courses.csv": courses, "students.csv": students]
    }

    /// The fixture with some files replaced.
    static func with(_ changes: [String: String]) -> [String: String] {
        files.merging(changes) { _, new in new }
    }
}

extension Array where Element == Diagnostic {
    /// The first diagnostic whose message contains `text`.
    func first(containing text: String) -> Diagnostic? { first { $0.message.contains(text) } }
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// The package root (for the example scenarios).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
