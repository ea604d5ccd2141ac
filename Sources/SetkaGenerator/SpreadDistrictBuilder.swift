import SetkaModel

/// Family `b` (`DistrictParameters.Family.b`): a district or city laid out like the districts the
/// profile day's quality is judged on (`shared/instances/`), harder than family `a`:
///
/// - **rooms**: every school has one to three classrooms (the big ones four) and, with
///   probability 0.35 each, a chemistry, biology, physics or computer lab (the big schools all
///   four); the ЦДО has the only robotics rooms and a workshop, the college a workshop and labs;
/// - **teachers**: each course has one to three teachers, at different sites that have its room
///   kind, chosen by size rather than by where its demand is; just under half of the teachers can
///   teach every slot, the others 3 or 2 sections; a fifth are free in all slots but one;
///   30% do not travel; a third can also teach a second course of their subject;
/// - **students**: five (`choices`) ranked choices each, among the courses they can reach;
///   every tenth wants one course fewer; course popularity is log-normal, and each school has
///   three strong local favourites;
/// - **geography**: 40 km/h, road factor 1.3; a rural district of radius 28 km with its centre
///   schools close together; a city of radius 20 km, denser towards the centre, with one ЦДО and
///   one college and a seventh of its schools big.
///
/// Deterministic like `DistrictBuilder`: SplitMix64 streams, no dictionary order in the output,
/// no platform maths functions.
struct SpreadDistrictBuilder {
    let p: DistrictParameters
    let city: Bool
    let slotCount: Int
    let wants: Int
    let maxTrip = 60.0
    let geo: Geography
    let travel = TravelSettings(speedKmh: 40, roadFactor: 1.3)

    /// Lab kinds a school may have, and the special rooms of the ЦДО and the college.
    static let schoolLabs = ["chemistry-lab", "biology-lab", "physics-lab", "computer"]
    static let labPrefixes = ["chemistry-lab": "chem", "biology-lab": "bio", "physics-lab": "phys", "computer": "it",
                              "robotics": "robo", "workshop": "workshop"]

    init(_ parameters: DistrictParameters) {
        var q = parameters
        q.schools = max(1, q.schools); q.seniors = max(0, q.seniors); q.courses = max(1, q.courses)
        q.slots = min(8, max(1, q.slots)); q.coursesPerStudent = max(1, q.coursesPerStudent)
        q.choices = max(1, q.choices); q.kindergartens = max(0, q.kindergartens)
        p = q
        city = q.isCity
        slotCount = q.slots
        wants = q.coursesPerStudent
        var rng = SplitMix64(seed: q.seed, stream: 1)
        let c = Drafting.centre(rng: &rng)
        geo = Geography(centreLat: c.lat, centreLon: c.lon, travel: (travel.speedKmh, travel.roadFactor))
    }

    func build() -> Scenario {
        var nameRng = SplitMix64(seed: p.seed, stream: 2)
        var placeRng = SplitMix64(seed: p.seed, stream: 3)
        var sites: [SiteDraft]
        let title: String
        let centreName: String
        if city {
            let cityName = nameRng.pick(Names.cities)
            title = "г. \(cityName)"
            centreName = cityName
            sites = citySchools(rng: &placeRng)
        } else {
            let names = Names.settlements(p.schools + 1, rng: &nameRng)
            let centreCount = p.schools >= 20 ? 3 : (p.schools >= 4 ? 2 : 1)
            sites = Drafting.ruralDistrict(settlement: names[0], villages: Array(names.dropFirst()),
                                           centreSchools: min(centreCount, p.schools),
                                           villageCount: p.schools - min(centreCount, p.schools),
                                           radiusKm: p.effectiveRadiusKm, origin: Point(x: 0, y: 0),
                                           idPrefix: "", villageInner: 0.45, rng: &placeRng)
            title = "\(Names.masculine(names[0])) муниципальный район"
            centreName = Names.masculine(names[0])
        }
        var sizeRng = SplitMix64(seed: p.seed, stream: 4)
        let raw = city ? sites.map { $0.resource ? sizeRng.uniform(380, 440) : sizeRng.uniform(28, 130) }
                       : Drafting.rawSeniors(sites, city: false, rng: &sizeRng)
        Drafting.spreadSeniors(&sites, raw: raw, total: p.seniors, city: city, villageShare: 0.55...0.65)
        // One centre of additional education and one college, near the centre.
        sites.append(SiteDraft(id: "cdo", name: "МБУ ДО «\(city ? "Городской" : centreName) центр дополнительного образования»",
                               kind: .additional, at: placeRng.point(inner: 0, outer: 2)))
        sites.append(SiteDraft(id: "college", name: "ГБПОУ «\(city ? "Политехнический колледж" : centreName + " аграрный техникум")»",
                               kind: .college, at: placeRng.point(inner: 2, outer: 4)))
        Drafting.uniqueIds(&sites)

        var scoreRng = SplitMix64(seed: p.seed, stream: 5)
        Drafting.assignScores(&sites, rng: &scoreRng)
        let schoolCount = sites.filter { $0.kind == .school }.count
        Drafting.flagLowResults(&sites, count: schoolCount >= 3 ? max(1, Int((Double(schoolCount) * 0.15).rounded())) : 0)
        Drafting.assignCapacities(&sites, kind: .school, geo: geo, maxMinutes: 60, rng: &scoreRng)

        var roomRng = SplitMix64(seed: p.seed, stream: 9)
        let rooms = makeRooms(sites: sites, rng: &roomRng)
        var courseRng = SplitMix64(seed: p.seed, stream: 6)
        let courses = makeCourses(rng: &courseRng)
        var teacherRng = SplitMix64(seed: p.seed, stream: 8)
        let teachers = makeTeachers(sites: sites, rooms: rooms, courses: courses, rng: &teacherRng)
        var studentRng = SplitMix64(seed: p.seed, stream: 7)
        let students = makeStudents(sites: sites, courses: courses, teachers: teachers, rng: &studentRng)

        let settings = ProfileDaySettings(slots: DistrictBuilder.slots(slotCount), minSectionSize: 10, maxSectionSize: 25,
                                          coursesPerStudent: wants, maxTripMinutes: maxTrip)
        return Scenario(name: p.name ?? "\(title) (синтетический, семейство b, seed \(p.seed))", language: .ru,
                        travelSettings: travel, profileDay: settings, partnering: Drafting.partnerRules(sites),
                        organisations: Drafting.organisations(sites, geo: geo), rooms: rooms,
                        teachers: teachers, courses: courses, students: students)
    }

    /// City schools, denser towards the centre (the distance from it uniform up to the radius);
    /// a seventh of them big (the resource schools, with every lab).
    private func citySchools(rng: inout SplitMix64) -> [SiteDraft] {
        var sites: [SiteDraft] = []
        var taken: [Point] = []
        let radius = p.effectiveRadiusKm
        for n in 1...p.schools {
            var at = Point(x: 0, y: 0)
            for _ in 0..<20 {
                let direction = rng.point(inner: 0.5, outer: 1)
                let length = direction.distance(to: Point(x: 0, y: 0))
                let r = rng.uniform(0, radius)
                at = Point(x: direction.x / length * r, y: direction.y / length * r)
                if taken.allSatisfy({ $0.distance(to: at) >= 0.3 }) { break }
            }
            taken.append(at)
            sites.append(SiteDraft(id: "sosh-\(n)", name: "МБОУ «СОШ № \(n)»", kind: .school, at: at,
                                   resource: rng.chance(1.0 / 7)))
        }
        if !sites.contains(where: \.resource) { sites[0].resource = true }
        return sites
    }

    // MARK: rooms

    private func makeRooms(sites: [SiteDraft], rng: inout SplitMix64) -> [Room] {
        var rooms: [Room] = []
        for site in sites {
            var number = rng.int(10...20)
            func classroom(_ capacity: Int) {
                rooms.append(Room(site: site.id, id: String(number), capacity: capacity))
                number += rng.int(1...3)
            }
            func special(_ kind: String, _ k: Int, _ capacity: Int) {
                rooms.append(Room(site: site.id, id: "\(Self.labPrefixes[kind]!)-\(k)", capacity: capacity, kind: kind))
            }
            switch site.kind {
            case .school:
                for _ in 0..<(site.resource ? 4 : rng.int(1...3)) { classroom([20, 25, 25, 25, 30, 30][rng.int(0...5)]) }
                for kind in Self.schoolLabs where site.resource || rng.chance(0.35) { special(kind, 1, [15, 20, 25][rng.int(0...2)]) }
            case .additional:
                classroom(30)
                special("computer", 1, 16); special("computer", 2, 16)
                special("robotics", 1, 14); special("robotics", 2, 14)
                special("workshop", 1, 14)
            case .college:
                classroom(30); classroom(30)
                special("biology-lab", 1, 20); special("chemistry-lab", 1, 20); special("workshop", 1, 16)
            default:
                break
            }
        }
        return rooms
    }

    // MARK: courses

    private func makeCourses(rng: inout SplitMix64) -> [Course] {
        var catalogue = Catalogue.spread
        rng.shuffle(&catalogue)
        return (0..<p.courses).map { i in
            let base = catalogue[i % catalogue.count]
            let variant = i / catalogue.count
            var title = base.title + Catalogue.variants[variant % Catalogue.variants.count]
            if variant >= Catalogue.variants.count { title += " (поток \(variant / Catalogue.variants.count + 1))" }
            return Course(id: variant == 0 ? base.id : "\(base.id)-\(variant + 1)", title: title, subject: base.subject,
                          roomKind: base.roomKind, remote: base.remoteCapable)
        }
    }

    // MARK: teachers

    private func makeTeachers(sites: [SiteDraft], rooms: [Room], courses: [Course], rng: inout SplitMix64) -> [Teacher] {
        var kindsAt: [String: Set<String>] = [:]
        for r in rooms { kindsAt[r.site, default: []].insert(r.kind) }
        let largest = Double(sites.map(\.seniors).max() ?? 1)
        // Sites draw teachers by size; the ЦДО and the college like the largest school.
        let weight = sites.map { $0.kind == .school ? Double(max(1, $0.seniors)) : largest }
        let slotIds = (1...slotCount).map(String.init)
        var teachers: [Teacher] = []
        for course in courses {
            let candidates = sites.indices.filter { kindsAt[sites[$0].id, default: []].contains(course.roomKind) }
            guard !candidates.isEmpty else { continue }
            let count = min(candidates.count, [1, 1, 2, 2, 3][rng.int(0...4)])
            var pool = candidates
            for _ in 0..<count {
                let i = pool[rng.weighted(pool.map { weight[$0] })]
                pool.removeAll { $0 == i }
                let u = rng.unit()
                let maxSections: Int? = u < 0.45 ? nil : (u < 0.72 ? 3 : 2)
                var slots: [String]? = nil
                if slotCount > 1 && rng.chance(0.22) {
                    let off = rng.int(0...(slotCount - 1))
                    slots = slotIds.enumerated().filter { $0.offset != off }.map(\.element)
                }
                let number = String(teachers.count + 1)
                teachers.append(Teacher(id: "T" + String(repeating: "0", count: max(0, 3 - number.count)) + number,
                                        name: Names.teacher(rng: &rng), site: sites[i].id, courses: [course.id],
                                        maxSections: maxSections.map { min($0, slotCount) }, slots: slots,
                                        travels: !rng.chance(0.3)))
            }
        }
        // A third can also teach a second course of their subject whose room kind their site has.
        for t in teachers.indices where rng.chance(0.35) {
            let own = teachers[t].courses[0]
            guard let subject = courses.first(where: { $0.id == own })?.subject else { continue }
            let kinds = kindsAt[teachers[t].site, default: []]
            let pool = courses.filter { $0.id != own && $0.subject == subject && kinds.contains($0.roomKind) }
            if !pool.isEmpty { teachers[t].courses.append(rng.pick(pool).id) }
        }
        return teachers
    }

    // MARK: students

    private func makeStudents(sites: [SiteDraft], courses: [Course], teachers: [Teacher], rng: inout SplitMix64) -> [Student] {
        let siteIndex = Dictionary(uniqueKeysWithValues: sites.enumerated().map { ($1.id, $0) })
        var homes = [[Int]](repeating: [], count: courses.count)
        let courseIndex = Dictionary(uniqueKeysWithValues: courses.enumerated().map { ($1.id, $0) })
        for t in teachers {
            for id in t.courses {
                if let c = courseIndex[id], let s = siteIndex[t.site], !homes[c].contains(s) { homes[c].append(s) }
            }
        }
        // Log-normal popularity (σ 0.8).
        let popularity = courses.map { _ in Drafting.exponential(0.8 * rng.gaussian()) }
        let total = sites.reduce(0) { $0 + $1.seniors }
        let width = max(4, String(total).count)
        var students: [Student] = []
        students.reserveCapacity(total)
        for site in sites where site.kind == .school && site.seniors > 0 {
            var weights = popularity
            for c in courses.indices {
                let reachable = courses[c].remote || homes[c].contains { geo.minutes(site.at, sites[$0].at) <= maxTrip * 0.95 }
                if !reachable { weights[c] = 0 }
            }
            let open = weights.indices.filter { weights[$0] > 0 }
            for c in rng.sample(3, of: open.count) { weights[open[c]] *= 3 }  // three local favourites
            var cumulative: [Double] = []
            var running = 0.0
            for w in weights { running += w; cumulative.append(running) }
            for _ in 0..<site.seniors {
                let wanted = rng.chance(0.1) ? max(1, wants - 1) : wants
                let picks = DistrictBuilder.drawDistinct(min(open.count, max(wanted, p.choices)), cumulative: cumulative,
                                                         weights: weights, rng: &rng)
                let number = String(students.count + 1)
                let id = "s" + String(repeating: "0", count: max(0, width - number.count)) + number
                students.append(Student(id: id, school: site.id, grade: rng.chance(0.5) ? 10 : 11, wants: wanted,
                                        choices: picks.map { courses[$0].id }))
            }
        }
        return students
    }
}

extension Drafting {
    /// e^x with `+ - * /` only (the same on every platform): a Taylor series of x / 2^k, squared
    /// k times.
    static func exponential(_ x: Double) -> Double {
        var k = 0
        var y = x
        while abs(y) > 0.5 { y /= 2; k += 1 }
        var term = 1.0, sum = 1.0
        for n in 1...20 {
            term *= y / Double(n)
            sum += term
        }
        for _ in 0..<k { sum *= sum }
        return sum
    }
}
