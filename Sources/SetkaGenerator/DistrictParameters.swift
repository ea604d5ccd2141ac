/// What `DistrictGenerator` should build.
///
/// In **district** mode a municipal district (or a city) with students for the profile day;
/// in **region** mode only organisations with scores, for partnering benchmarks.
public struct DistrictParameters: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// One district or city: organisations, rooms, teachers, courses, students.
        case district
        /// A region of many districts: organisations and partnering rules only.
        case region
    }

    /// How a district's teachers, rooms and choices are laid out.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        /// Teachers placed where their course's demand is (about 1.2× the sections top choices
        /// need), most of them limited to one or two sections; labs only in the district centre,
        /// the ЦДО and the college; choices Zipf-like with two local favourites per school.
        case a
        /// Teachers of a course spread over one to three sites that have its room kind, whatever
        /// the demand there; just under half of them can teach every slot, the rest 2–3 sections; a fifth
        /// free in all but one slot; 30% do not travel; labs at many schools; every tenth
        /// student wants one course fewer; choices log-normal with three strong local favourites
        /// per school. The family the profile day's quality is judged on (shared/instances).
        case b
    }

    public var mode: Mode
    /// District mode: the family of district (`a` unless a `-b` preset or `--family b`).
    public var family: Family
    /// The same seed (and parameters) always gives the same scenario.
    public var seed: UInt64
    /// General-education schools (kind `school`) in district mode; the ЦДО, colleges and
    /// kindergartens come on top.
    public var schools: Int
    /// Senior students (grades 10–11) over all schools.
    public var seniors: Int
    /// Elective courses on offer.
    public var courses: Int
    /// Slots of the profile day.
    public var slots: Int
    /// Ranked choices per student on average (each student gives this ±1, at least `coursesPerStudent`).
    public var choices: Int
    /// `profile_day.courses_per_student`.
    public var coursesPerStudent: Int
    /// Radius of the district in km; nil = 35 for a rural district, 15 for a city.
    public var radiusKm: Double?
    /// Kindergartens (for a kindergarten partnering rule); 0 = none.
    public var kindergartens: Int
    /// Region mode: all organisations, of every kind.
    public var organisations: Int
    /// Region mode: schools on the ШНОР list (partnering recipients).
    public var recipients: Int
    /// Scenario name; nil = a name made from the generated district.
    public var name: String?

    public init(mode: Mode = .district, seed: UInt64 = 1, schools: Int = 15, seniors: Int = 600,
                courses: Int = 30, slots: Int = 4, choices: Int = 5, coursesPerStudent: Int = 2,
                radiusKm: Double? = nil, kindergartens: Int = 0, organisations: Int = 2500,
                recipients: Int = 500, name: String? = nil, family: Family = .a) {
        self.mode = mode; self.family = family; self.seed = seed; self.schools = schools; self.seniors = seniors
        self.courses = courses; self.slots = slots; self.choices = choices
        self.coursesPerStudent = coursesPerStudent; self.radiusKm = radiusKm
        self.kindergartens = kindergartens; self.organisations = organisations
        self.recipients = recipients; self.name = name
    }

    /// A city-sized setting (every school big, short distances) rather than a rural district:
    /// chosen when schools average 80 or more seniors.
    public var isCity: Bool { schools > 0 && seniors >= 80 * schools }

    /// The district radius in km actually used: family `a` 35 rural, 15 city; family `b` 28
    /// rural, 20 city (its city's schools denser towards the centre).
    public var effectiveRadiusKm: Double {
        radiusKm ?? (family == .a ? (isCity ? 15 : 35) : (isCity ? 20 : 28))
    }

    /// Named presets: family `a` `district-600`, `district-1500`, `city-20000`; family `b` (see
    /// `Family.b`) `district-600-b`, `district-900-b3` (900 seniors wanting 3 of 6 choices in 5
    /// slots), `district-1500-b`, `city-20000-b`; and `region-2500`.
    public static let presets: [(name: String, parameters: DistrictParameters)] = [
        ("district-600", DistrictParameters(schools: 15, seniors: 600, courses: 30, slots: 4)),
        ("district-1500", DistrictParameters(schools: 25, seniors: 1500, courses: 40, slots: 4)),
        ("city-20000", DistrictParameters(schools: 150, seniors: 20000, courses: 300, slots: 6)),
        ("district-600-b", DistrictParameters(schools: 15, seniors: 600, courses: 30, slots: 4, family: .b)),
        ("district-900-b3", DistrictParameters(schools: 20, seniors: 900, courses: 36, slots: 5, choices: 6,
                                               coursesPerStudent: 3, family: .b)),
        ("district-1500-b", DistrictParameters(schools: 25, seniors: 1500, courses: 40, slots: 4, family: .b)),
        ("city-20000-b", DistrictParameters(schools: 150, seniors: 20000, courses: 300, slots: 6, family: .b)),
        ("region-2500", DistrictParameters(mode: .region, schools: 0, seniors: 0, courses: 0, slots: 0,
                                           organisations: 2500, recipients: 500)),
    ]

    /// The preset called `name`, or nil.
    public static func preset(_ name: String) -> DistrictParameters? {
        presets.first { $0.name == name }?.parameters
    }

    /// The largest sizes generated: far above any Russian district or city (the largest cities
    /// have about 100,000 senior students), small enough to write in a minute.
    public static let limits = (seniors: 1_000_000, schools: 20_000, courses: 5_000, organisations: 100_000,
                                kindergartens: 50_000, choices: 30)

    /// Problems with these parameters, for a person to read; empty when they can be generated.
    public func problems() -> [String] {
        var out: [String] = []
        let l = Self.limits
        func atMost(_ v: Int, _ limit: Int, _ option: String, _ why: String = "") {
            if v > limit { out.append("\(option) must be at most \(limit.formatted(.number.grouping(.automatic)))\(why), got \(v)") }
        }
        switch mode {
        case .district:
            if schools < 1 { out.append("--schools must be at least 1") }
            if seniors < 0 { out.append("--seniors must not be negative") }
            atMost(seniors, l.seniors, "--seniors", " (the largest Russian cities have about 100,000 senior students)")
            atMost(schools, l.schools, "--schools")
            atMost(courses, l.courses, "--courses")
            atMost(choices, l.choices, "--choices")
            if courses < 1 { out.append("--courses must be at least 1") }
            if !(1...8).contains(slots) { out.append("--slots must be between 1 and 8") }
            if coursesPerStudent < 1 { out.append("courses per student must be at least 1") }
            if choices < 1 { out.append("--choices must be at least 1") }
        case .region:
            if organisations < 1 { out.append("--organisations must be at least 1") }
            if recipients < 0 { out.append("--recipients must not be negative") }
            if recipients >= organisations { out.append("--recipients must be fewer than the organisations") }
            atMost(organisations, l.organisations, "--organisations")
        }
        if kindergartens < 0 { out.append("--kindergartens must not be negative") }
        atMost(kindergartens, l.kindergartens, "--kindergartens")
        if let r = radiusKm, !(r > 0 && r <= 500) { out.append("--radius-km must be above 0 and at most 500") }
        return out
    }
}
