import Foundation
import SetkaModel

/// The names people know a scenario's things by: a teacher's name, a course's title, an
/// organisation's name, by id. The typed facts other modules produce (reasons, advice, variant
/// changes) carry ids; `Words` looks the names up here when it makes sentences of them, so a
/// coordinator reads «Петрова Н. С. (T01)» where the data says `T01`. Empty (`Names()`): every
/// sentence names things by their ids, as the facts do.
public struct Names: Sendable {
    private var teachers: [String: String] = [:]
    private var courses: [String: String] = [:]
    private var organisations: [String: String] = [:]

    /// No names: ids only.
    public init() {}

    /// The names of `scenario`'s teachers, courses and organisations (the first row of an id
    /// that occurs twice: validation reports the second).
    public init(_ scenario: Scenario) {
        teachers = Self.table(scenario.teachers.map { ($0.id, $0.name) })
        courses = Self.table(scenario.courses.map { ($0.id, $0.title) })
        organisations = Self.table(scenario.organisations.map { ($0.id, $0.name) })
    }

    /// A teacher's name, else the id.
    public func teacher(_ id: String) -> String { teachers[id] ?? id }
    /// A course's title, else the id.
    public func course(_ id: String) -> String { courses[id] ?? id }
    /// An organisation's name, else the id.
    public func organisation(_ id: String) -> String { organisations[id] ?? id }

    /// Ids with a name that says more than the id: blank names and names equal to the id are left out.
    private static func table(_ pairs: [(String, String)]) -> [String: String] {
        var out: [String: String] = [:]
        for (id, name) in pairs {
            let name = name.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty && name != id && out[id] == nil { out[id] = name }
        }
        return out
    }
}

extension Words {
    /// A teacher in a sentence: «Петрова Н. С. (T01)», the name and the id the tables list them
    /// by; the name alone when it holds the id («Учитель t001»); the id without a name.
    public func named(teacher id: String) -> String {
        let name = names.teacher(id)
        return name == id || name.contains(id) ? name : "\(name) (\(id))"
    }

    /// A course in a sentence: its title in quotes («Химический практикум»); the id without a title.
    public func named(course id: String) -> String {
        let title = names.course(id)
        return title == id ? id : (ru ? "«\(title)»" : "“\(title)”")
    }

    /// An organisation in a sentence: its name (МБОУ «Ольховская СОШ»); the id without a name.
    public func named(organisation id: String) -> String { names.organisation(id) }
}
