import Foundation

// Plain Sendable values for everything a scenario holds. Field names follow the columns of
// `shared/spec/scenario-format.md` (setka/1); ids are the strings people typed in their tables.

/// What kind of organisation a row of `schools.csv` is.
public enum OrganisationKind: String, Sendable, CaseIterable, Codable {
    case school, kindergarten, additional, college, university
}

/// One row of `schools.csv`.
public struct Organisation: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: OrganisationKind
    public var latitude: Double?
    public var longitude: Double?
    public var lowResults: Bool
    public var partnerCapacity: Int
    /// `score:<subject>` columns; a subject left empty is absent here.
    public var scores: [String: Double]

    public init(id: String, name: String, kind: OrganisationKind = .school,
                latitude: Double? = nil, longitude: Double? = nil, lowResults: Bool = false,
                partnerCapacity: Int = 0, scores: [String: Double] = [:]) {
        self.id = id; self.name = name; self.kind = kind
        self.latitude = latitude; self.longitude = longitude
        self.lowResults = lowResults; self.partnerCapacity = partnerCapacity; self.scores = scores
    }
}

/// One row of `rooms.csv`. Room ids are unique within their site.
public struct Room: Sendable, Hashable, Codable {
    public var site: String
    public var id: String
    public var capacity: Int
    public var kind: String

    public init(site: String, id: String, capacity: Int, kind: String = "classroom") {
        self.site = site; self.id = id; self.capacity = capacity; self.kind = kind
    }
}

/// One row of `teachers.csv`. `maxSections == nil` means "number of slots";
/// `slots == nil` means "all slots" (an empty list means none).
public struct Teacher: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var site: String
    public var courses: [String]
    public var maxSections: Int?
    public var slots: [String]?
    public var travels: Bool

    public init(id: String, name: String? = nil, site: String, courses: [String],
                maxSections: Int? = nil, slots: [String]? = nil, travels: Bool = true) {
        self.id = id; self.name = name ?? id; self.site = site; self.courses = courses
        self.maxSections = maxSections; self.slots = slots; self.travels = travels
    }
}

/// One row of `courses.csv`. `minSize`/`maxSize == nil` take the profile-day defaults;
/// `sites` empty means any organisation may host it.
public struct Course: Sendable, Hashable, Codable {
    public static let anyRoomKind = "any"
    public var id: String
    public var title: String
    public var subject: String?
    public var roomKind: String
    public var minSize: Int?
    public var maxSize: Int?
    public var remote: Bool
    public var sites: [String]

    public init(id: String, title: String? = nil, subject: String? = nil,
                roomKind: String = "classroom", minSize: Int? = nil, maxSize: Int? = nil,
                remote: Bool = false, sites: [String] = []) {
        self.id = id; self.title = title ?? id; self.subject = subject; self.roomKind = roomKind
        self.minSize = minSize; self.maxSize = maxSize; self.remote = remote; self.sites = sites
    }
}

/// One row of `students.csv`. `wants == nil` takes `profile_day.courses_per_student`.
public struct Student: Sendable, Hashable, Codable {
    public var id: String
    public var school: String
    public var grade: Int?
    public var wants: Int?
    /// Ranked, best first, no repeats.
    public var choices: [String]

    public init(id: String, school: String, grade: Int? = nil, wants: Int? = nil, choices: [String]) {
        self.id = id; self.school = school; self.grade = grade; self.wants = wants; self.choices = choices
    }
}

/// One row of `travel.csv`.
public struct TravelEntry: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    public var minutes: Double
    public init(from: String, to: String, minutes: Double) {
        self.from = from; self.to = to; self.minutes = minutes
    }
}

/// A time of day in minutes after midnight, written `HH:MM`.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var minutes: Int
    public init(minutes: Int) { self.minutes = minutes }
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m), parts[1].count == 2 else { return nil }
        minutes = h * 60 + m
    }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
    public var description: String { LocalDate.digits(minutes / 60, 2) + ":" + LocalDate.digits(minutes % 60, 2) }
}

public struct Slot: Sendable, Hashable, Codable {
    public var id: String
    public var start: TimeOfDay
    public var end: TimeOfDay
    public init(id: String, start: TimeOfDay, end: TimeOfDay) {
        self.id = id; self.start = start; self.end = end
    }
}

/// The objective's weights (`profile_day.weights`).
public struct ProfileDayWeights: Sendable, Hashable, Codable {
    /// Value of a student's r-th choice (index 0 = first choice); the last value repeats.
    public var rank: [Double]
    public var travelMinute: Double
    public var section: Double

    public init(rank: [Double] = [100, 80, 60, 40, 20, 10], travelMinute: Double = 0.2, section: Double = 5) {
        self.rank = rank; self.travelMinute = travelMinute; self.section = section
    }

    /// The value of the choice at `index` (0-based) in a student's ranked list.
    public func rankValue(_ index: Int) -> Double {
        guard !rank.isEmpty else { return 0 }
        return rank[min(index, rank.count - 1)]
    }
}

/// `profile_day` in `scenario.yaml`.
public struct ProfileDaySettings: Sendable, Hashable, Codable {
    public var slots: [Slot]
    public var minSectionSize: Int
    public var maxSectionSize: Int
    public var coursesPerStudent: Int
    public var maxTripMinutes: Double
    public var visitingTeacherRule: Bool
    public var weights: ProfileDayWeights

    public init(slots: [Slot] = [], minSectionSize: Int = 10, maxSectionSize: Int = 25,
                coursesPerStudent: Int = 2, maxTripMinutes: Double = 60,
                visitingTeacherRule: Bool = true, weights: ProfileDayWeights = ProfileDayWeights()) {
        self.slots = slots; self.minSectionSize = minSectionSize; self.maxSectionSize = maxSectionSize
        self.coursesPerStudent = coursesPerStudent; self.maxTripMinutes = maxTripMinutes
        self.visitingTeacherRule = visitingTeacherRule; self.weights = weights
    }
}

/// `travel` in `scenario.yaml`.
public struct TravelSettings: Sendable, Hashable, Codable {
    public var speedKmh: Double
    public var roadFactor: Double
    public init(speedKmh: Double = 40, roadFactor: Double = 1.3) {
        self.speedKmh = speedKmh; self.roadFactor = roadFactor
    }
}

/// Selects organisations by kind and/or the low-results flag (nil = any).
public struct OrganisationSelector: Sendable, Hashable, Codable {
    public var kinds: [OrganisationKind]?
    public var lowResults: Bool?
    public init(kinds: [OrganisationKind]? = nil, lowResults: Bool? = nil) {
        self.kinds = kinds; self.lowResults = lowResults
    }
    public func matches(_ o: Organisation) -> Bool {
        if let kinds, !kinds.contains(o.kind) { return false }
        if let lowResults, o.lowResults != lowResults { return false }
        return true
    }
}

/// One rule under `partnering:`.
public struct PartnerRule: Sendable, Hashable, Codable {
    public var name: String
    public var recipients: OrganisationSelector
    public var providers: OrganisationSelector
    public var partnersPerRecipient: Int
    public var maxTravelMinutes: Double
    /// nil = every score column of `schools.csv`.
    public var subjects: [String]?
    public var travelMinute: Double
    /// (recipient, provider) pairs.
    public var fixed: [PartnerPair]
    public var forbidden: [PartnerPair]
    /// `avoid_unhelpful`: pairs of this rule whose past partnership showed no gain (see the
    /// Effect module) are not assigned again. Needs `results.csv` and `partners-history.csv`.
    public var avoidUnhelpful: Bool

    public init(name: String, recipients: OrganisationSelector, providers: OrganisationSelector,
                partnersPerRecipient: Int = 1, maxTravelMinutes: Double = 60, subjects: [String]? = nil,
                travelMinute: Double = 0.5, fixed: [PartnerPair] = [], forbidden: [PartnerPair] = [],
                avoidUnhelpful: Bool = false) {
        self.name = name; self.recipients = recipients; self.providers = providers
        self.partnersPerRecipient = partnersPerRecipient; self.maxTravelMinutes = maxTravelMinutes
        self.subjects = subjects; self.travelMinute = travelMinute; self.fixed = fixed; self.forbidden = forbidden
        self.avoidUnhelpful = avoidUnhelpful
    }
}

public struct PartnerPair: Sendable, Hashable, Codable {
    public var recipient: String
    public var provider: String
    public init(recipient: String, provider: String) { self.recipient = recipient; self.provider = provider }
}

public enum ReportLanguage: String, Sendable, Codable { case ru, en }

/// A loaded scenario folder: the settings and every table.
public struct Scenario: Sendable {
    public var name: String
    public var language: ReportLanguage
    /// The folder it was loaded from, if any.
    public var folder: URL?
    public var travelSettings: TravelSettings { didSet { reindex() } }
    /// nil when `scenario.yaml` has no `profile_day` section (partnering-only scenarios).
    public var profileDay: ProfileDaySettings?
    public var partnering: [PartnerRule]

    public var organisations: [Organisation] { didSet { reindex() } }
    public var rooms: [Room]
    public var teachers: [Teacher]
    public var courses: [Course]
    public var students: [Student]
    public var travelEntries: [TravelEntry] { didSet { reindex() } }
    /// Past results (`results.csv`) and past partner pairs (`partners-history.csv`); empty when
    /// the scenario has no such files.
    public var results: [SchoolResult]
    public var partnersHistory: [PartnershipYear]
    /// The year plan of network meetings (`platforms.csv`, `participants.csv`, `meetings:`);
    /// empty and nil when the scenario has none.
    public var platforms: [Platform] = []
    public var participants: [Participant] = []
    public var meetings: MeetingsSettings?
    /// Sections fixed by hand (`pins.csv`, rule H6); empty when the scenario has none.
    public var pins: [Pin]

    /// Position of each organisation id in `organisations`.
    public private(set) var organisationIndex: [String: Int] = [:]
    /// Travel times between organisations (from `travel.csv`, else from coordinates).
    public private(set) var travel: TravelTimes = TravelTimes()

    public init(name: String, language: ReportLanguage = .ru, folder: URL? = nil,
                travelSettings: TravelSettings = TravelSettings(), profileDay: ProfileDaySettings? = nil,
                partnering: [PartnerRule] = [], organisations: [Organisation], rooms: [Room] = [],
                teachers: [Teacher] = [], courses: [Course] = [], students: [Student] = [],
                travelEntries: [TravelEntry] = [], results: [SchoolResult] = [],
                partnersHistory: [PartnershipYear] = [], pins: [Pin] = []) {
        self.name = name; self.language = language; self.folder = folder
        self.travelSettings = travelSettings; self.profileDay = profileDay; self.partnering = partnering
        self.organisations = organisations; self.rooms = rooms; self.teachers = teachers
        self.courses = courses; self.students = students; self.travelEntries = travelEntries
        self.results = results; self.partnersHistory = partnersHistory; self.pins = pins
        reindex()
    }

    private mutating func reindex() {
        var index: [String: Int] = [:]
        index.reserveCapacity(organisations.count)
        for (i, o) in organisations.enumerated() where index[o.id] == nil { index[o.id] = i }
        organisationIndex = index
        travel = TravelTimes(organisations: organisations, index: index, entries: travelEntries,
                             settings: travelSettings)
    }

    public func organisation(_ id: String) -> Organisation? {
        organisationIndex[id].map { organisations[$0] }
    }

    /// Travel minutes between two organisations by id; nil when neither `travel.csv` nor
    /// coordinates give it (an error wherever the pair is needed).
    public func minutes(from a: String, to b: String) -> Double? {
        guard let i = organisationIndex[a], let j = organisationIndex[b] else { return nil }
        return travel.minutes(i, j)
    }
}
