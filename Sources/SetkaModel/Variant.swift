import Foundation

/// A what-if variant (`whatif/NAME.yaml`): a base scenario folder and the changes to make to it,
/// as the "What-if variants" section of `scenario-format.md` says.
public struct Variant: Sendable {
    /// `name:` (defaults to the file name without `.yaml`).
    public var name: String
    /// The variant file.
    public var file: URL
    /// The base scenario folder (`base:`, resolved against the variant file's folder).
    public var base: URL
    /// The changes, in file order; they are applied in this order.
    public var changes: [VariantChange]

    public init(name: String, file: URL, base: URL, changes: [VariantChange]) {
        self.name = name; self.file = file; self.base = base; self.changes = changes
    }
}

/// One entry of `changes:`, with where it is written.
public struct VariantChange: Sendable, Hashable {
    /// What a `remove:` or an `update:` names.
    public enum Target: String, Sendable, Hashable, CaseIterable, Codable {
        case teacher, school, course, student, room
    }

    /// One column an `update:` sets, and the value as written (read as that column's cells are).
    public struct ColumnValue: Sendable, Hashable, Codable {
        /// The column's name, lower-cased as CSV headers are read (`max_sections`, `score:math`).
        public var column: String
        public var value: String
        public init(column: String, value: String) { self.column = column; self.value = value }
    }

    /// The kinds of change a variant may make.
    public enum Kind: Sendable, Hashable {
        /// `remove: {teacher|school|course|student|room: id}`; for a room, `site:` may say which
        /// site's room is meant when several sites have a room of that id.
        case remove(Target, id: String, site: String?)
        /// `set: {dotted.key: value}`, one entry per key; the value as written.
        case set(key: String, value: String)
        /// `scale_demand: {course: id, factor: x}`.
        case scaleDemand(course: String, factor: Double)
        /// `add: {teachers|rooms|courses|students|schools|travel: file.csv}`; the path is relative
        /// to the variant file's folder.
        case add(table: String, path: String)
        /// `update: {teacher: T05, max_sections: 3}`: sets columns of one row, named by its id (a
        /// room by `site` and `id`; `site` nil when the room's id alone names it).
        case update(Target, id: String, site: String?, values: [ColumnValue])
    }

    public var kind: Kind
    /// Where the change is written (file, line, column).
    public var location: SourceLocation
    /// Where each value of an `update:` is written, by column (for messages about that value);
    /// a column not here is named at `location`.
    public var valueLocations: [String: SourceLocation]

    public init(_ kind: Kind, at location: SourceLocation, valueLocations: [String: SourceLocation] = [:]) {
        self.kind = kind; self.location = location; self.valueLocations = valueLocations
    }
}

/// Which students a `scale_demand` change gave the course to or took it from.
public struct DemandChange: Sendable, Hashable, Codable {
    public var course: String
    public var factor: Double
    /// How many students chose the course before and after the change.
    public var choosersBefore: Int
    public var choosersAfter: Int
    /// Students who now list the course (factor > 1), with the 0-based place it was put at.
    public var added: [AddedChoice]
    /// Students from whose choices the course was taken (factor < 1).
    public var removed: [String]

    public struct AddedChoice: Sendable, Hashable, Codable {
        public var student: String
        public var position: Int
        public init(student: String, position: Int) { self.student = student; self.position = position }
    }

    public init(course: String, factor: Double, choosersBefore: Int, choosersAfter: Int,
                added: [AddedChoice], removed: [String]) {
        self.course = course; self.factor = factor; self.choosersBefore = choosersBefore
        self.choosersAfter = choosersAfter; self.added = added; self.removed = removed
    }

    /// Every student whose choices this change touched, sorted.
    public var changedStudents: [String] { (added.map(\.student) + removed).sorted() }
}

/// What one change of a variant did, with its ids and counts (`Wording` says it for people).
public enum VariantEffect: Sendable, Hashable, Codable {
    case removedTeacher(String)
    case removedStudent(String)
    case removedRoom(room: String, site: String)
    /// Also taken out of `teachers` teachers' courses and `students` students' choices.
    case removedCourse(course: String, teachers: Int, students: Int)
    /// With its rooms, teachers and students; `coursesRemoved` could only be held there;
    /// `partnerPairsDropped` fixed/forbidden pairs named it.
    case removedSchool(school: String, rooms: Int, teachers: Int, students: Int, coursesRemoved: [String],
                       partnerPairsDropped: Int)
    case set(key: String, value: String)
    case scaledDemand(course: String, factor: Double, choosersBefore: Int, choosersAfter: Int, studentsChanged: Int)
    case addedRows(rows: Int, file: String, table: String)
    /// `update:` set `values` of one row (`site`: a room's site).
    case updated(target: VariantChange.Target, id: String, site: String?, values: [VariantChange.ColumnValue])
    /// What the removal before it did to `pins.csv`: `dropped` pins named what it removed;
    /// removed students were taken out of `studentsTakenOut` pins.
    case pinsChanged(dropped: Int, studentsTakenOut: Int)
}

/// What applying a variant did, for the report: one effect per change, and the demand changes.
public struct VariantReport: Sendable, Hashable, Codable {
    /// One effect per change, in order.
    public var effects: [VariantEffect]
    public var demandChanges: [DemandChange]
    public init(effects: [VariantEffect] = [], demandChanges: [DemandChange] = []) {
        self.effects = effects; self.demandChanges = demandChanges
    }
}

/// A variant as loaded: the variant, the changed scenario (validated), and what the changes did.
public struct LoadedVariant: Sendable {
    public var variant: Variant
    /// The base with the changes applied, validated like any scenario.
    public var loaded: LoadedScenario
    public var report: VariantReport
}
