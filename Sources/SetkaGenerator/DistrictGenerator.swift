import SetkaModel

/// Builds a synthetic but realistic scenario: a Russian rural district (a district centre with
/// two or three big schools, a centre of additional education and a college, village schools
/// spread around), a city (every school big, short distances), or a whole region for
/// partnering benchmarks.
///
/// Deterministic: the same `DistrictParameters` (seed included) give the same `Scenario` on
/// every platform. All randomness comes from `SplitMix64`, no dictionary order reaches the
/// output, and geometry avoids platform maths functions. Out-of-range parameters are clamped
/// (check `DistrictParameters.problems()` first to report them).
///
/// Generated profile days are meant to be solvable in a meaningful way: every student's
/// choices are courses they can reach (or remote ones); teachers offer about 1.15–1.35× the
/// sections students' top choices need (see `DistrictStatistics`), placed where the demand
/// is; labs are few, and sized so lab courses are tight but possible.
public struct DistrictGenerator: Sendable {
    public let parameters: DistrictParameters

    public init(_ parameters: DistrictParameters) { self.parameters = parameters }

    /// The scenario for these parameters.
    public func generate() -> Scenario {
        switch parameters.mode {
        case .district:
            switch parameters.family {
            case .a: return DistrictBuilder(parameters).build()
            case .b: return SpreadDistrictBuilder(parameters).build()
            }
        case .region: return RegionBuilder(parameters).build()
        }
    }
}

// MARK: - shared pieces

/// An organisation while it is being generated (km coordinates, latent size).
struct SiteDraft {
    var id: String
    var name: String
    var kind: OrganisationKind
    var at: Point
    /// The settlement adjective of a rural school («Колбинская»), nil in a city.
    var settlement: String? = nil
    var seniors: Int = 0
    /// A school that hosts network courses (district centre, or a big city school).
    var resource = false
    /// Gymnasiums and lyceums score a little higher.
    var selective = false
    var scores: [String: Double] = [:]
    var lowResults = false
    var partnerCapacity = 0
}

enum Drafting {
    static let subjects = ["math", "russian", "physics", "chemistry", "biology"]

    /// Splits `total` over `raw` proportionally (largest remainder); each gets at least 1
    /// when `total` allows it.
    static func apportion(_ raw: [Double], total: Int) -> [Int] {
        guard !raw.isEmpty else { return [] }
        let floor = total >= raw.count ? 1 : 0
        let rest = total - floor * raw.count
        let sum = raw.reduce(0, +)
        let shares = raw.map { sum > 0 ? $0 / sum * Double(rest) : Double(rest) / Double(raw.count) }
        var out = shares.map { Int($0) }
        var left = rest - out.reduce(0, +)
        let order = shares.indices.sorted { (shares[$0] - Double(out[$0]), $1) > (shares[$1] - Double(out[$1]), $0) }
        var k = 0
        while left > 0 { out[order[k % order.count]] += 1; left -= 1; k += 1 }
        return out.map { $0 + floor }
    }

    /// Subject scores (0–100, one decimal) for every school, correlated with its size; the
    /// other kinds get none.
    static func assignScores(_ sites: inout [SiteDraft], rng: inout SplitMix64) {
        let schools = sites.indices.filter { sites[$0].kind == .school }
        guard !schools.isEmpty else { return }
        let roots = schools.map { Double(max(sites[$0].seniors, 1)).squareRoot() }
        let mean = roots.reduce(0, +) / Double(roots.count)
        let variance = roots.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(roots.count)
        let sd = max(variance.squareRoot(), 0.5)
        for (k, i) in schools.enumerated() {
            let z = min(2.5, max(-2.5, (roots[k] - mean) / sd)) + (sites[i].selective ? 0.8 : 0)
            let schoolEffect = rng.gaussian()
            let offsets: [String: Double] = ["math": 0, "russian": 6, "physics": -4, "chemistry": -2, "biology": 2]
            for subject in subjects {
                let raw = 54 + (offsets[subject] ?? 0) + 6 * z + 5 * schoolEffect + 5 * rng.gaussian()
                sites[i].scores[subject] = (min(98, max(18, raw)) * 10).rounded() / 10
            }
        }
    }

    static func meanScore(_ s: SiteDraft) -> Double {
        subjects.reduce(0) { $0 + (s.scores[$1] ?? 0) } / Double(subjects.count)
    }

    /// Flags the `count` weakest schools (never a resource school) as low-results (ШНОР).
    static func flagLowResults(_ sites: inout [SiteDraft], count: Int) {
        let candidates = sites.indices.filter { sites[$0].kind == .school && !sites[$0].resource }
            .sorted { (meanScore(sites[$0]), $0) < (meanScore(sites[$1]), $1) }
        for i in candidates.prefix(count) { sites[i].lowResults = true }
    }

    /// Partner capacities: resource schools 2–3, other strong schools (top 40 % of the rest) 1–3;
    /// then, recipient by recipient, makes sure a provider with spare capacity is within reach
    /// (raising the nearest strong school's capacity when none is), so a full assignment exists.
    static func assignCapacities(_ sites: inout [SiteDraft], kind: OrganisationKind, geo: Geography,
                                 maxMinutes: Double, rng: inout SplitMix64) {
        let members = sites.indices.filter { sites[$0].kind == kind }
        let providers = members.filter { !sites[$0].lowResults }
            .sorted { (meanScore(sites[$0]), $1) > (meanScore(sites[$1]), $0) }
        let strong = Int((Double(providers.count) * 0.4).rounded(.up))
        for (rank, i) in providers.enumerated() {
            if sites[i].resource { sites[i].partnerCapacity = rng.int(2...3) }
            else if rank < strong { sites[i].partnerCapacity = [1, 1, 2, 2, 3][rng.int(0...4)] }
        }
        var spare = sites.map(\.partnerCapacity)
        let reach = maxMinutes * 0.9
        for r in members where sites[r].lowResults {
            let near = providers.filter { geo.minutes(sites[r].at, sites[$0].at) <= reach }
            if let p = near.first(where: { spare[$0] > 0 }) { spare[p] -= 1; continue }
            let pool = near.isEmpty ? providers : near
            guard let p = pool.min(by: { (geo.minutes(sites[r].at, sites[$0].at), $0) < (geo.minutes(sites[r].at, sites[$1].at), $1) })
            else { continue }
            sites[p].partnerCapacity += 1
        }
    }

    /// Kindergartens: one in five (at least one when there are two or more) on the low-results list.
    static func flagKindergartens(_ sites: inout [SiteDraft], rng: inout SplitMix64) {
        let all = sites.indices.filter { sites[$0].kind == .kindergarten }
        guard all.count >= 2 else { return }
        for k in rng.sample(max(1, Int((Double(all.count) * 0.2).rounded())), of: all.count) {
            sites[all[k]].lowResults = true
        }
    }

    static func organisations(_ sites: [SiteDraft], geo: Geography) -> [Organisation] {
        sites.map { s in
            let d = geo.degrees(s.at)
            return Organisation(id: s.id, name: s.name, kind: s.kind, latitude: d.lat, longitude: d.lon,
                                lowResults: s.lowResults, partnerCapacity: s.partnerCapacity, scores: s.scores)
        }
    }

    /// The partnering rules: ШНОР → strong schools, and kindergartens when there are any.
    static func partnerRules(_ sites: [SiteDraft]) -> [PartnerRule] {
        var rules = [PartnerRule(name: "ШНОР — школы-партнёры",
                                 recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                                 providers: OrganisationSelector(kinds: [.school], lowResults: false),
                                 partnersPerRecipient: 1, maxTravelMinutes: 60, subjects: ["math", "russian"],
                                 travelMinute: 0.5)]
        if sites.contains(where: { $0.kind == .kindergarten && $0.lowResults }) {
            rules.append(PartnerRule(name: "Детские сады — наставничество",
                                     recipients: OrganisationSelector(kinds: [.kindergarten], lowResults: true),
                                     providers: OrganisationSelector(kinds: [.kindergarten], lowResults: false),
                                     partnersPerRecipient: 1, maxTravelMinutes: 45, subjects: [],
                                     travelMinute: 1))
        }
        return rules
    }

    /// A random centre somewhere in European Russia (lat 50.5–55.5, lon 36–50).
    static func centre(rng: inout SplitMix64) -> (lat: Double, lon: Double) {
        ((rng.uniform(50.5, 55.5) * 10_000).rounded() / 10_000, (rng.uniform(36, 50) * 10_000).rounded() / 10_000)
    }

    /// Unique ids: a repeated id gets `-2`, `-3`, ...
    static func uniqueIds(_ sites: inout [SiteDraft]) {
        var seen = Set<String>()
        for i in sites.indices {
            var id = sites[i].id, n = 2
            while !seen.insert(id).inserted { id = "\(sites[i].id)-\(n)"; n += 1 }
            sites[i].id = id
        }
    }

    /// Village schools (between `villageInner` × the radius and the radius from the centre) and
    /// the district centre of one rural district.
    static func ruralDistrict(settlement: String, villages: [String], centreSchools: Int, villageCount: Int,
                              radiusKm: Double, origin: Point, idPrefix: String, villageInner: Double = 0.15,
                              rng: inout SplitMix64) -> [SiteDraft] {
        var sites: [SiteDraft] = []
        var taken: [Point] = []
        for n in 1...max(1, centreSchools) {
            let p = rng.point(inner: 0, outer: min(1.5, radiusKm / 4), avoiding: taken, spacing: 0.4)
            taken.append(p)
            let id = idPrefix + transliterate(settlement) + "-\(n)"
            sites.append(SiteDraft(id: id, name: "МБОУ «\(settlement) СОШ № \(n)»", kind: .school, at: origin + p,
                                   settlement: settlement, resource: true))
        }
        for v in 0..<villageCount {
            let p = rng.point(inner: radiusKm * villageInner, outer: radiusKm, avoiding: taken, spacing: 2)
            taken.append(p)
            let name = villages[v % villages.count]
            sites.append(SiteDraft(id: idPrefix + transliterate(name), name: "МКОУ «\(name) СОШ»", kind: .school,
                                   at: origin + p, settlement: name))
        }
        return sites
    }

    /// Gives the sites `total` seniors in proportion to `raw`. In a rural district the centre
    /// keeps its weight when the total is scaled: villages get their raw share of the seniors,
    /// but within `villageShare` of them.
    static func spreadSeniors(_ sites: inout [SiteDraft], raw: [Double], total: Int, city: Bool,
                              villageShare: ClosedRange<Double> = 0.3...0.6) {
        if city {
            let seniors = apportion(raw, total: total)
            for i in sites.indices { sites[i].seniors = seniors[i] }
            return
        }
        let centre = sites.indices.filter { sites[$0].resource }, villages = sites.indices.filter { !sites[$0].resource }
        let villageRaw = villages.reduce(0) { $0 + raw[$1] }, centreRaw = centre.reduce(0) { $0 + raw[$1] }
        let share = villages.isEmpty ? 0 : min(villageShare.upperBound, max(villageShare.lowerBound, villageRaw / (villageRaw + centreRaw)))
        let villageTotal = Int((Double(total) * share).rounded())
        for (k, n) in apportion(villages.map { raw[$0] }, total: villageTotal).enumerated() { sites[villages[k]].seniors = n }
        for (k, n) in apportion(centre.map { raw[$0] }, total: total - villageTotal).enumerated() { sites[centre[k]].seniors = n }
    }

    /// Raw (unscaled) senior counts: centre schools 60–250, village schools 5–40 (mostly small).
    static func rawSeniors(_ sites: [SiteDraft], city: Bool, rng: inout SplitMix64) -> [Double] {
        sites.map { s in
            let u = rng.unit()
            if s.resource || city { return 60 + 190 * (0.5 * u + 0.5 * u * u) }
            return 5 + 35 * u * u.squareRoot()
        }
    }
}

// MARK: - district mode

/// One district or city with everything the profile day needs.
struct DistrictBuilder {
    let p: DistrictParameters
    let city: Bool
    let slotCount: Int
    let wants: Int
    let maxTrip = 60.0
    let geo: Geography
    let travel: TravelSettings

    init(_ parameters: DistrictParameters) {
        var q = parameters
        q.schools = max(1, q.schools); q.seniors = max(0, q.seniors); q.courses = max(1, q.courses)
        q.slots = min(8, max(1, q.slots)); q.coursesPerStudent = max(1, q.coursesPerStudent)
        q.choices = max(1, q.choices); q.kindergartens = max(0, q.kindergartens)
        p = q
        city = q.isCity
        slotCount = q.slots
        wants = q.coursesPerStudent
        travel = city ? TravelSettings(speedKmh: 25, roadFactor: 1.4) : TravelSettings(speedKmh: 50, roadFactor: 1.3)
        var rng = SplitMix64(seed: q.seed, stream: 1)
        let c = Drafting.centre(rng: &rng)
        geo = Geography(centreLat: c.lat, centreLon: c.lon, travel: (travel.speedKmh, travel.roadFactor))
    }

    func build() -> Scenario {
        var nameRng = SplitMix64(seed: p.seed, stream: 2)
        var placeRng = SplitMix64(seed: p.seed, stream: 3)
        var sites: [SiteDraft]
        let title: String
        if city {
            let cityName = nameRng.pick(Names.cities)
            title = "г. \(cityName)"
            sites = citySchools(rng: &placeRng)
        } else {
            let names = Names.settlements(p.schools + 1, rng: &nameRng)
            let centreCount = p.schools >= 20 ? 3 : (p.schools >= 4 ? 2 : 1)
            sites = Drafting.ruralDistrict(settlement: names[0], villages: Array(names.dropFirst()),
                                           centreSchools: min(centreCount, p.schools),
                                           villageCount: p.schools - min(centreCount, p.schools),
                                           radiusKm: p.effectiveRadiusKm, origin: Point(x: 0, y: 0),
                                           idPrefix: "", rng: &placeRng)
            title = "\(Names.masculine(names[0])) муниципальный район"
        }
        var sizeRng = SplitMix64(seed: p.seed, stream: 4)
        let raw = Drafting.rawSeniors(sites, city: city, rng: &sizeRng)
        Drafting.spreadSeniors(&sites, raw: raw, total: p.seniors, city: city)
        if city { markCityResources(&sites) }
        let centreName = Names.masculine(sites[0].settlement ?? "")
        sites += extraOrganisations(centreName: centreName, rng: &placeRng)
        sites += kindergartens(among: sites, rng: &placeRng)
        Drafting.uniqueIds(&sites)

        var scoreRng = SplitMix64(seed: p.seed, stream: 5)
        Drafting.assignScores(&sites, rng: &scoreRng)
        let schoolCount = sites.filter { $0.kind == .school }.count
        Drafting.flagLowResults(&sites, count: schoolCount >= 3 ? max(1, Int((Double(schoolCount) * 0.15).rounded())) : 0)
        Drafting.flagKindergartens(&sites, rng: &scoreRng)
        Drafting.assignCapacities(&sites, kind: .school, geo: geo, maxMinutes: 60, rng: &scoreRng)
        Drafting.assignCapacities(&sites, kind: .kindergarten, geo: geo, maxMinutes: 45, rng: &scoreRng)

        var courseRng = SplitMix64(seed: p.seed, stream: 6)
        let plan = planCourses(sites: sites, rng: &courseRng)
        var studentRng = SplitMix64(seed: p.seed, stream: 7)
        let students = makeStudents(sites: sites, plan: plan, rng: &studentRng)
        var teacherRng = SplitMix64(seed: p.seed, stream: 8)
        let teachers = makeTeachers(sites: sites, plan: plan, students: students, rng: &teacherRng)
        var roomRng = SplitMix64(seed: p.seed, stream: 9)
        let rooms = makeRooms(sites: sites, plan: plan, teachers: teachers, rng: &roomRng)

        let settings = ProfileDaySettings(slots: Self.slots(slotCount), minSectionSize: 10, maxSectionSize: 25,
                                          coursesPerStudent: wants, maxTripMinutes: maxTrip)
        return Scenario(name: p.name ?? "\(title) (синтетический, seed \(p.seed))", language: .ru,
                        travelSettings: travel, profileDay: settings, partnering: Drafting.partnerRules(sites),
                        organisations: Drafting.organisations(sites, geo: geo), rooms: rooms,
                        teachers: teachers, courses: plan.courses, students: students)
    }

    /// `count` slots from 09:00: 90 minutes each, 20-minute breaks, 40 minutes for lunch after the second.
    static func slots(_ count: Int) -> [Slot] {
        var out: [Slot] = []
        var start = 9 * 60
        for i in 0..<count {
            out.append(Slot(id: String(i + 1), start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: start + 90)))
            start += 90 + (i == 1 ? 40 : 20)
        }
        return out
    }

    // MARK: organisations

    /// City schools: numbered СОШ, with some gymnasiums and lyceums, spread over the city.
    private func citySchools(rng: inout SplitMix64) -> [SiteDraft] {
        var sites: [SiteDraft] = []
        var taken: [Point] = []
        var sosh = 0, gym = 0, lyc = 0
        for _ in 0..<p.schools {
            let at = rng.point(inner: 0, outer: p.effectiveRadiusKm, avoiding: taken, spacing: 0.4)
            taken.append(at)
            let u = rng.unit()
            if u < 0.08 {
                gym += 1
                sites.append(SiteDraft(id: "gymnasium-\(gym)", name: "МБОУ «Гимназия № \(gym)»", kind: .school, at: at, selective: true))
            } else if u < 0.14 {
                lyc += 1
                sites.append(SiteDraft(id: "lyceum-\(lyc)", name: "МАОУ «Лицей № \(lyc)»", kind: .school, at: at, selective: true))
            } else {
                sosh += 1
                sites.append(SiteDraft(id: "sosh-\(sosh)", name: "МБОУ «СОШ № \(sosh)»", kind: .school, at: at))
            }
        }
        return sites
    }

    /// In a city the resource schools are the gymnasiums, lyceums and the biggest schools (~30 %).
    private func markCityResources(_ sites: inout [SiteDraft]) {
        let target = max(3, Int((Double(sites.count) * 0.3).rounded()))
        for i in sites.indices where sites[i].selective { sites[i].resource = true }
        let bySize = sites.indices.sorted { (sites[$0].seniors, $1) > (sites[$1].seniors, $0) }
        var count = sites.filter(\.resource).count
        for i in bySize where count < target && !sites[i].resource { sites[i].resource = true; count += 1 }
    }

    /// The centre(s) of additional education and the college(s).
    private func extraOrganisations(centreName: String, rng: inout SplitMix64) -> [SiteDraft] {
        var out: [SiteDraft] = []
        if city {
            let centres = max(1, p.schools / 50), colleges = max(1, p.schools / 40)
            for k in 0..<centres {
                let at = rng.point(inner: 0, outer: p.effectiveRadiusKm * 0.6)
                out.append(SiteDraft(id: "cdo-\(k + 1)", name: "МБУ ДО «\(Names.additionalCentres[k % Names.additionalCentres.count])»",
                                     kind: .additional, at: at))
            }
            for k in 0..<colleges {
                let at = rng.point(inner: 0, outer: p.effectiveRadiusKm * 0.7)
                out.append(SiteDraft(id: "college-\(k + 1)", name: "ГБПОУ «\(Names.colleges[k % Names.colleges.count])»",
                                     kind: .college, at: at))
            }
        } else {
            let near = min(2, p.effectiveRadiusKm / 4)
            out.append(SiteDraft(id: "cdo", name: "МБУ ДО «\(centreName) центр дополнительного образования»",
                                 kind: .additional, at: rng.point(inner: 0, outer: near)))
            out.append(SiteDraft(id: "college", name: "ГБПОУ «\(centreName) аграрный техникум»",
                                 kind: .college, at: rng.point(inner: 0, outer: near)))
        }
        return out
    }

    /// Kindergartens next to schools (in a village: the village's; in a town: numbered).
    private func kindergartens(among sites: [SiteDraft], rng: inout SplitMix64) -> [SiteDraft] {
        let schools = sites.filter { $0.kind == .school }
        var out: [SiteDraft] = []
        var usedVillages = Set<String>()
        for k in 0..<p.kindergartens {
            let school = rng.pick(schools)
            let at = school.at + rng.point(inner: 0, outer: 0.8)
            if let settlement = school.settlement, !school.resource, usedVillages.insert(school.id).inserted {
                let village = Names.masculine(settlement)
                out.append(SiteDraft(id: "ds-" + transliterate(village), name: "МКДОУ «\(village) детский сад»",
                                     kind: .kindergarten, at: at))
            } else {
                out.append(SiteDraft(id: "ds-\(k + 1)", name: "МБДОУ «Детский сад № \(k + 1)»", kind: .kindergarten, at: at))
            }
        }
        return out
    }

    // MARK: courses

    /// The courses on offer and where each is taught.
    struct CoursePlan {
        var courses: [Course]
        /// For each course, the sites (indices into the organisations) its teachers work at.
        var homes: [[Int]]
        /// Sites (indices) that have rooms of each special kind.
        var labSites: [String: [Int]]
        /// Popularity weight of each course (Zipf-like over a seeded order).
        var popularity: [Double]
    }

    static let specialKinds = ["chemistry-lab", "biology-lab", "computer", "workshop"]

    private func planCourses(sites: [SiteDraft], rng: inout SplitMix64) -> CoursePlan {
        let resourceSchools = sites.indices.filter { sites[$0].resource }
            .sorted { (sites[$0].seniors, $1) > (sites[$1].seniors, $0) }
        let centres = sites.indices.filter { sites[$0].kind == .additional }
        let colleges = sites.indices.filter { sites[$0].kind == .college }
        // Labs are scarce: only some resource schools, the colleges and the ЦДО have them.
        func every(_ step: Int, from start: Int) -> [Int] {
            stride(from: start, to: resourceSchools.count, by: step).map { resourceSchools[$0] }
        }
        // A biology lab at the agrarian or medical college (else the first college).
        let fitting = colleges.filter { sites[$0].name.contains("Аграр") || sites[$0].name.contains("Медицин") }
        let bioColleges = fitting.isEmpty ? Array(colleges.prefix(1)) : fitting
        var labSites: [String: [Int]] = city
            ? ["chemistry-lab": every(3, from: 0) + colleges,
               "biology-lab": every(4, from: 1) + bioColleges,
               "computer": every(2, from: 0) + centres,
               "workshop": every(5, from: 2) + centres + colleges]
            : ["chemistry-lab": [resourceSchools[0]] + colleges,
               "biology-lab": [resourceSchools[0]] + colleges,
               "computer": Array(resourceSchools.prefix(2)) + centres,
               "workshop": centres + colleges]
        for k in Self.specialKinds where labSites[k, default: []].isEmpty { labSites[k] = [resourceSchools[0]] }
        let classroomSites = resourceSchools + centres

        var catalogue = Catalogue.more
        rng.shuffle(&catalogue)
        catalogue = Catalogue.core + catalogue
        var courses: [Course] = []
        var homes: [[Int]] = []
        for i in 0..<p.courses {
            let base = catalogue[i % catalogue.count]
            let variant = i / catalogue.count
            let id = variant == 0 ? base.id : "\(base.id)-\(variant + 1)"
            var title = base.title + Catalogue.variants[variant % Catalogue.variants.count]
            if variant >= Catalogue.variants.count { title += " (поток \(variant / Catalogue.variants.count + 1))" }
            var candidates = base.roomKind == "classroom" ? classroomSites : labSites[base.roomKind, default: []]
            if base.collegeOnly {
                candidates = candidates.filter { sites[$0].kind == .college }
                if let hint = base.collegeHint {
                    let fitting = candidates.filter { sites[$0].name.lowercased().contains(hint) }
                    if !fitting.isEmpty { candidates = fitting }
                }
            }
            if candidates.isEmpty { candidates = classroomSites }
            // Lab courses may be taught wherever their lab is (in a city: at a few such places).
            let special = base.roomKind != "classroom"
            let count = city ? min(candidates.count, rng.int(2...5))
                             : (special ? candidates.count : min(candidates.count, rng.chance(0.3) ? 2 : 1))
            let home = spreadOut(candidates, count: count, sites: sites, rng: &rng)
            let remote = base.remoteCapable && rng.chance(0.6)
            let restricted = base.collegeOnly || (!remote && rng.chance(0.1))
            courses.append(Course(id: id, title: title, subject: base.subject, roomKind: base.roomKind,
                                  minSize: base.subject == "german" ? 8 : nil, maxSize: special ? 15 : nil,
                                  remote: remote,
                                  sites: restricted ? home.sorted().map { sites[$0].id } : []))
            homes.append(home)
        }
        var order = Array(0..<p.courses)
        rng.shuffle(&order)
        var popularity = Array(repeating: 0.0, count: p.courses)
        for (rank, c) in order.enumerated() {
            // Zipf-like (1/(rank+2)); lab courses a little less chosen, as few schools can teach them.
            popularity[c] = 1 / Double(rank + 2) * (courses[c].roomKind == "classroom" ? 1 : 0.5)
        }
        return CoursePlan(courses: courses, homes: homes, labSites: labSites, popularity: popularity)
    }

    /// `count` of `candidates`, far apart (greedy farthest point from a random start).
    private func spreadOut(_ candidates: [Int], count: Int, sites: [SiteDraft], rng: inout SplitMix64) -> [Int] {
        guard count > 0, !candidates.isEmpty else { return [] }
        var chosen = [rng.pick(candidates)]
        while chosen.count < count {
            let next = candidates.filter { !chosen.contains($0) }.max { a, b in
                let da = chosen.map { sites[$0].at.distance(to: sites[a].at) }.min() ?? 0
                let db = chosen.map { sites[$0].at.distance(to: sites[b].at) }.min() ?? 0
                return (da, b) < (db, a)
            }
            guard let next else { break }
            chosen.append(next)
        }
        return chosen
    }

    // MARK: students

    private func makeStudents(sites: [SiteDraft], plan: CoursePlan, rng: inout SplitMix64) -> [Student] {
        let total = sites.reduce(0) { $0 + $1.seniors }
        let width = max(4, String(total).count)
        var students: [Student] = []
        students.reserveCapacity(total)
        let n = plan.courses.count
        for site in sites where site.kind == .school && site.seniors > 0 {
            // Weights for this school: popularity × local favourites × reachability.
            var weights = plan.popularity
            for c in 0..<n {
                let reachable = plan.courses[c].remote
                    || plan.homes[c].contains { geo.minutes(site.at, sites[$0].at) <= maxTrip * 0.9 }
                if !reachable { weights[c] = 0; continue }
                if plan.homes[c].contains(where: { sites[$0].id == site.id }) { weights[c] *= 2 }
            }
            let open = (0..<n).filter { weights[$0] > 0 }
            if !open.isEmpty {
                for _ in 0..<min(2, open.count) { weights[rng.pick(open)] *= 5 }  // local favourites
            }
            var cumulative: [Double] = []
            cumulative.reserveCapacity(n)
            var running = 0.0
            for w in weights { running += w; cumulative.append(running) }
            for _ in 0..<site.seniors {
                let k = min(open.count, max(wants, p.choices + rng.int(-1...1)))
                let picks = Self.drawDistinct(k, cumulative: cumulative, weights: weights, rng: &rng)
                let number = String(students.count + 1)
                let id = "s" + String(repeating: "0", count: max(0, width - number.count)) + number
                students.append(Student(id: id, school: site.id, grade: rng.chance(0.5) ? 10 : 11,
                                        choices: picks.map { plan.courses[$0].id }))
            }
        }
        return students
    }

    /// `k` distinct indices drawn by weight without replacement: binary search on the running
    /// sums with rejection of repeats, then a linear draw over what is left if that stalls.
    static func drawDistinct(_ k: Int, cumulative: [Double], weights: [Double], rng: inout SplitMix64) -> [Int] {
        guard k > 0, let total = cumulative.last, total > 0 else { return [] }
        var picks: [Int] = []
        var attempts = 0
        while picks.count < k && attempts < 64 {
            attempts += 1
            let u = rng.unit() * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            if weights[lo] > 0 && !picks.contains(lo) { picks.append(lo) }
        }
        while picks.count < k {
            var rest = weights
            for i in picks { rest[i] = 0 }
            guard rest.contains(where: { $0 > 0 }) else { break }
            picks.append(rng.weighted(rest))
        }
        return picks
    }

    // MARK: teachers

    private func makeTeachers(sites: [SiteDraft], plan: CoursePlan, students: [Student], rng: inout SplitMix64) -> [Teacher] {
        let courseIndex = Dictionary(uniqueKeysWithValues: plan.courses.enumerated().map { ($1.id, $0) })
        let siteIndex = Dictionary(uniqueKeysWithValues: sites.enumerated().map { ($1.id, $0) })
        // Top-choice demand per course and home site (each student at the nearest home).
        var demand = plan.homes.map { Array(repeating: 0, count: $0.count) }
        var fallback = demand  // the same for choices after the first `wants`
        var nearest: [Int: [Int]] = [:]  // school site → home slot per course
        for s in students {
            guard let school = siteIndex[s.school] else { continue }
            if nearest[school] == nil {
                nearest[school] = plan.homes.map { homes in
                    homes.indices.min { (geo.minutes(sites[school].at, sites[homes[$0]].at), $0)
                        < (geo.minutes(sites[school].at, sites[homes[$1]].at), $1) } ?? 0
                }
            }
            for (rank, id) in s.choices.enumerated() {
                guard let c = courseIndex[id], !plan.homes[c].isEmpty else { continue }
                if rank < wants { demand[c][nearest[school]![c]] += 1 }
                else { fallback[c][nearest[school]![c]] += 1 }
            }
        }
        // Teacher-sections ≈ ρ × the sections top choices need, ρ in 1.15–1.3, where the demand is.
        let rho = rng.uniform(1.15, 1.3)
        var allot: [[Int]] = []
        var labLoad: [String: Int] = [:]  // "site|kind" → teacher-sections planned there
        var totalNeed = 0
        for (c, course) in plan.courses.enumerated() {
            let size = course.maxSize ?? 25
            let need = (demand[c].reduce(0, +) + size - 1) / size
            totalNeed += need
            guard !plan.homes[c].isEmpty else { allot.append([]); continue }
            var perHome = Drafting.apportion(demand[c].map(Double.init), total: max(1, Int((Double(need) * rho).rounded())))
            if course.roomKind != "classroom" {
                capToLabs(&perHome, homes: plan.homes[c], kind: course.roomKind, used: &labLoad)
            }
            allot.append(perHome)
        }
        // Labs cannot hold every lab course's demand: those students fall back on their later
        // choices, so the sections labs could not take go to classroom courses, by that demand.
        let deficit = Int((Double(totalNeed) * rho).rounded()) - allot.joined().reduce(0, +)
        let open = plan.courses.indices.filter { plan.courses[$0].roomKind == "classroom" && !plan.homes[$0].isEmpty }
        if deficit > 0, !open.isEmpty {
            let cells = open.flatMap { c in plan.homes[c].indices.map { (c, $0) } }
            let extra = Drafting.apportion(cells.map { Double(fallback[$0.0][$0.1] + demand[$0.0][$0.1]) }, total: deficit)
            for (k, cell) in cells.enumerated() { allot[cell.0][cell.1] += extra[k] }
        }
        var teachers: [Teacher] = []
        let slotIds = (1...slotCount).map(String.init)
        for (c, course) in plan.courses.enumerated() {
            for (h, site) in plan.homes[c].enumerated() {
                var left = allot[c][h]
                while left > 0 {
                    let m = min(left, slotCount, [1, 2, 2, 3, 3, 3, 2, 4][rng.int(0...7)])
                    left -= m
                    var slots: [String]? = nil
                    if m < slotCount && rng.chance(0.2) {
                        let length = rng.int(m...(slotCount - 1))
                        let start = rng.int(0...(slotCount - length))
                        slots = Array(slotIds[start..<(start + length)])
                    }
                    let number = String(teachers.count + 1)
                    teachers.append(Teacher(id: "T" + String(repeating: "0", count: max(0, 3 - number.count)) + number,
                                            name: Names.teacher(rng: &rng), site: sites[site].id, courses: [course.id],
                                            maxSections: m == slotCount && slots == nil ? nil : m,
                                            slots: slots, travels: rng.chance(0.6)))
                }
            }
        }
        // Some teachers can teach one or two more courses taught at their site (same subject first).
        for t in teachers.indices {
            let u = rng.unit()
            let extra = u < 0.3 ? 1 : (u < 0.4 ? 2 : 0)
            guard extra > 0, let site = siteIndex[teachers[t].site], let own = courseIndex[teachers[t].courses[0]] else { continue }
            let here = plan.courses.indices.filter { $0 != own && plan.homes[$0].contains(site) }
            let sameSubject = here.filter { plan.courses[$0].subject == plan.courses[own].subject }
            var pool = sameSubject.isEmpty ? here : sameSubject
            for _ in 0..<extra where !pool.isEmpty {
                let c = rng.pick(pool)
                teachers[t].courses.append(plan.courses[c].id)
                pool.removeAll { $0 == c }
            }
        }
        return teachers
    }

    /// At most this many rooms of one special kind at one site: labs are scarce.
    static let labsPerSite = 2

    /// Places the teacher-sections of a lab course where its labs have room: one at a time at
    /// the home whose labs (`labsPerSite` × slots, plus one) have the most left, dropping what
    /// no lab can hold; every course keeps at least one teacher-section.
    private func capToLabs(_ perHome: inout [Int], homes: [Int], kind: String, used: inout [String: Int]) {
        let cap = Self.labsPerSite * slotCount + 1
        let total = perHome.reduce(0, +)
        perHome = Array(repeating: 0, count: homes.count)
        for _ in 0..<total {
            let left = homes.indices.map { cap - used["\(homes[$0])|\(kind)", default: 0] - perHome[$0] }
            guard let best = left.indices.max(by: { (left[$0], $1) < (left[$1], $0) }), left[best] > 0 else { break }
            perHome[best] += 1
        }
        if perHome.reduce(0, +) == 0, !perHome.isEmpty { perHome[0] = 1 }
        for h in perHome.indices { used["\(homes[h])|\(kind)", default: 0] += perHome[h] }
    }

    // MARK: rooms

    private func makeRooms(sites: [SiteDraft], plan: CoursePlan, teachers: [Teacher], rng: inout SplitMix64) -> [Room] {
        let kindOf = Dictionary(uniqueKeysWithValues: plan.courses.map { ($0.id, $0.roomKind) })
        var rooms: [Room] = []
        for (i, site) in sites.enumerated() where site.kind != .kindergarten {
            let here = teachers.filter { $0.site == site.id }
            /// Sections the teachers working here can give, counted by the room kind of their first course.
            func load(_ kind: String) -> Int {
                here.filter { kindOf[$0.courses[0]] == kind }
                    .reduce(0) { $0 + min($1.maxSections ?? slotCount, $1.slots?.count ?? slotCount) }
            }
            var number = rng.int(10...20)
            let hosts = site.resource || site.kind != .school
            // Enough classrooms for the average slot plus a fifth, and one spare.
            let classrooms = hosts ? max(2, (load("classroom") * 6 + slotCount * 5 - 1) / (slotCount * 5) + 1)
                                   : rng.int(2...4)
            for _ in 0..<classrooms {
                rooms.append(Room(site: site.id, id: String(number),
                                  capacity: hosts || city ? rng.int(24...30) : rng.int(15...25)))
                number += rng.int(1...3)
            }
            let prefixes = ["chemistry-lab": "chem", "biology-lab": "bio", "computer": "it", "workshop": "workshop"]
            for kind in Self.specialKinds where plan.labSites[kind, default: []].contains(i) {
                // Labs are the scarce resource: just enough slots for the sections planned here.
                let labs = min(Self.labsPerSite, max(1, (load(kind) + slotCount - 1) / slotCount))
                for k in 1...labs {
                    rooms.append(Room(site: site.id, id: "\(prefixes[kind]!)-\(k)", capacity: rng.int(15...16), kind: kind))
                }
            }
        }
        return rooms
    }
}

// MARK: - region mode

/// Many rural districts with scored organisations and partnering rules, no students.
struct RegionBuilder {
    let p: DistrictParameters
    static let districtSize = 80
    static let districtRadiusKm = 22.0

    init(_ parameters: DistrictParameters) {
        var q = parameters
        q.organisations = max(1, q.organisations)
        q.kindergartens = min(max(0, q.kindergartens), q.organisations - 1)
        q.recipients = max(0, q.recipients)
        p = q
    }

    func build() -> Scenario {
        let travel = TravelSettings(speedKmh: 50, roadFactor: 1.3)
        var rng = SplitMix64(seed: p.seed, stream: 1)
        let c = Drafting.centre(rng: &rng)
        let geo = Geography(centreLat: c.lat, centreLon: c.lon, travel: (travel.speedKmh, travel.roadFactor))
        let districts = max(1, Int((Double(p.organisations) / Double(Self.districtSize)).rounded()))
        let r = Self.districtRadiusKm
        let regionRadius = r * Double(districts).squareRoot() * 1.1
        var nameRng = SplitMix64(seed: p.seed, stream: 2)
        var placeRng = SplitMix64(seed: p.seed, stream: 3)
        let districtNames = Names.settlements(districts, rng: &nameRng)
        var centres: [Point] = []
        for _ in 0..<districts {
            centres.append(placeRng.point(inner: 0, outer: max(0, regionRadius - r), avoiding: centres, spacing: 1.7 * r))
        }
        var sites: [SiteDraft] = []
        let perDistrict = Drafting.apportion(Array(repeating: 1, count: districts), total: p.organisations)
        let kindergartens = Drafting.apportion(Array(repeating: 1, count: districts), total: p.kindergartens)
        for d in 0..<districts {
            let prefix = "d" + (d + 1 < 10 ? "0" : "") + "\(d + 1)-"
            let k = min(kindergartens[d], max(0, perDistrict[d] - 1))
            let cdo = perDistrict[d] - k >= 20 ? 1 : 0
            let schools = max(0, perDistrict[d] - k - cdo)
            let centreCount = min(schools, schools >= 20 ? 3 : (schools >= 4 ? 2 : 1))
            let villages = Names.settlements(schools + 1, rng: &nameRng).filter { $0 != districtNames[d] }
            var district = schools == 0 ? [] :
                Drafting.ruralDistrict(settlement: districtNames[d], villages: villages, centreSchools: centreCount,
                                       villageCount: schools - centreCount, radiusKm: r, origin: centres[d],
                                       idPrefix: prefix, rng: &placeRng)
            let adjective = Names.masculine(districtNames[d])
            if cdo == 1 {
                district.append(SiteDraft(id: prefix + "cdo", name: "МБУ ДО «\(adjective) центр дополнительного образования»",
                                          kind: .additional, at: centres[d] + placeRng.point(inner: 0, outer: 1.5)))
            }
            for n in 0..<k {
                district.append(SiteDraft(id: prefix + "ds-\(n + 1)", name: "МБДОУ «\(adjective) детский сад № \(n + 1)»",
                                          kind: .kindergarten, at: centres[d] + placeRng.point(inner: 0, outer: r)))
            }
            sites += district
        }
        var sizeRng = SplitMix64(seed: p.seed, stream: 4)
        let raw = Drafting.rawSeniors(sites, city: false, rng: &sizeRng)
        for i in sites.indices where sites[i].kind == .school { sites[i].seniors = Int(raw[i].rounded()) }
        Drafting.uniqueIds(&sites)
        var scoreRng = SplitMix64(seed: p.seed, stream: 5)
        Drafting.assignScores(&sites, rng: &scoreRng)
        Drafting.flagLowResults(&sites, count: p.recipients)
        Drafting.flagKindergartens(&sites, rng: &scoreRng)
        Drafting.assignCapacities(&sites, kind: .school, geo: geo, maxMinutes: 60, rng: &scoreRng)
        Drafting.assignCapacities(&sites, kind: .kindergarten, geo: geo, maxMinutes: 45, rng: &scoreRng)
        return Scenario(name: p.name ?? "Синтетическая область: \(Names.count(districts, "район", "района", "районов")) (seed \(p.seed))", language: .ru,
                        travelSettings: travel, profileDay: nil, partnering: Drafting.partnerRules(sites),
                        organisations: Drafting.organisations(sites, geo: geo))
    }
}
