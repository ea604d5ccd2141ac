import Foundation
import SetkaModel

/// What `MeetingsGenerator` should build: a city's network platforms and who attends them.
public struct MeetingsGeneratorParameters: Sendable, Hashable {
    public var seed: UInt64
    public var platforms: Int
    public var participants: Int
    public var schools: Int
    public var kindergartens: Int
    /// Share of platforms that rotate around their members.
    public var rotateShare: Double
    /// Share of platforms with a sixth meeting (beyond the five month groups).
    public var extraMeetingShare: Double
    public var startTimes: [TimeOfDay]
    public var schoolYear: Int
    public var name: String?

    public init(seed: UInt64 = 1, platforms: Int = 40, participants: Int = 1000, schools: Int = 12, kindergartens: Int = 16,
                rotateShare: Double = 0.25, extraMeetingShare: Double = 0.1,
                startTimes: [TimeOfDay] = [TimeOfDay("14:30")!, TimeOfDay("16:30")!], schoolYear: Int = 2026, name: String? = nil) {
        self.seed = seed; self.platforms = platforms; self.participants = participants; self.schools = schools
        self.kindergartens = kindergartens; self.rotateShare = rotateShare; self.extraMeetingShare = extraMeetingShare
        self.startTimes = startTimes; self.schoolYear = schoolYear; self.name = name
    }

    /// `meetings-city`: the benchmark's city (40 platforms, 1,000 participants);
    /// `meetings-town`: a small town (14 platforms, 160 participants), like `scenarios/`'s example.
    public static let presets: [(name: String, parameters: MeetingsGeneratorParameters)] = [
        ("meetings-city", MeetingsGeneratorParameters()),
        ("meetings-town", MeetingsGeneratorParameters(platforms: 14, participants: 160, schools: 5, kindergartens: 6,
                                                      rotateShare: 0.3, extraMeetingShare: 0.15,
                                                      startTimes: [TimeOfDay("15:00")!])),
    ]

    public static func preset(_ name: String) -> MeetingsGeneratorParameters? { presets.first { $0.name == name }?.parameters }

    /// Problems with these parameters, for a person to read.
    public func problems() -> [String] {
        var out: [String] = []
        if platforms < 1 || platforms > MeetingsGenerator.catalogue.count {
            out.append("platforms must be between 1 and \(MeetingsGenerator.catalogue.count)")
        }
        if participants < 1 { out.append("participants must be at least 1") }
        if schools < 1 { out.append("schools must be at least 1") }
        if kindergartens < 0 { out.append("kindergartens must not be negative") }
        if startTimes.isEmpty { out.append("give at least one start time") }
        return out
    }
}

/// Synthetic year plans in the scenario format: a northern city (organisations with
/// coordinates), network platforms with Russian names, each based at an organisation of the
/// right kind, and participants who work at the organisations and attend one to three platforms
/// of their field (a teacher of mathematics the mathematics platform and perhaps the class
/// teachers' one; a kindergarten teacher the preschool platforms). Deterministic: the same
/// parameters give the same scenario. The calendar is 2026/27's with the usual Russian school
/// holidays and public holidays closed.
public struct MeetingsGenerator: Sendable {
    public let parameters: MeetingsGeneratorParameters
    public init(_ parameters: MeetingsGeneratorParameters) { self.parameters = parameters }

    enum Audience { case school, preschool, additional, everyone }

    /// Platform names and who they are for; `broad` platforms are a person's second or third.
    static let catalogue: [(id: String, name: String, audience: Audience, broad: Bool)] = [
        ("math", "Учителя математики", .school, false),
        ("russian", "Учителя русского языка и литературы", .school, false),
        ("primary", "Учителя начальных классов", .school, false),
        ("literacy", "Функциональная грамотность", .school, true),
        ("science", "Естественнонаучное образование", .school, false),
        ("history", "Учителя истории и обществознания", .school, false),
        ("languages", "Учителя иностранных языков", .school, false),
        ("informatics", "Учителя информатики", .school, false),
        ("pe", "Учителя физической культуры", .school, false),
        ("arts", "Учителя искусства и технологии", .school, false),
        ("obzr", "Преподаватели-организаторы ОБЗР", .school, false),
        ("class-teachers", "Классные руководители", .school, true),
        ("psychologists", "Педагоги-психологи", .everyone, true),
        ("social", "Социальные педагоги", .school, true),
        ("speech", "Учителя-логопеды и дефектологи", .everyone, true),
        ("inclusion", "Инклюзивное образование", .everyone, true),
        ("young", "Молодые педагоги", .everyone, true),
        ("mentors", "Наставничество", .everyone, true),
        ("deputies-study", "Заместители директоров по учебной работе", .school, true),
        ("deputies-upbringing", "Заместители директоров по воспитательной работе", .school, true),
        ("librarians", "Школьные библиотекари", .school, false),
        ("projects", "Проектная и исследовательская деятельность", .school, true),
        ("digital", "Цифровая образовательная среда", .everyone, true),
        ("gifted", "Работа с одарёнными детьми", .school, true),
        ("careers", "Профориентация", .school, true),
        ("early", "Дошкольное образование: ранний возраст", .preschool, false),
        ("stem-pre", "Дошкольное образование: STEM", .preschool, true),
        ("music-pre", "Музыкальные руководители ДОУ", .preschool, false),
        ("pe-pre", "Инструкторы по физической культуре ДОУ", .preschool, false),
        ("seniors-pre", "Старшие воспитатели ДОУ", .preschool, true),
        ("tech-add", "Дополнительное образование: техническое творчество", .additional, false),
        ("art-add", "Дополнительное образование: художественное творчество", .additional, false),
        ("nature-add", "Дополнительное образование: естественные науки", .additional, false),
        ("tourism-add", "Туристско-краеведческая работа", .additional, false),
        ("continuity", "Преемственность детского сада и школы", .everyone, true),
        ("parents", "Родительское просвещение", .everyone, true),
        ("mediation", "Школьная служба медиации", .school, true),
        ("organisers", "Педагоги-организаторы", .school, false),
        ("advisers", "Советники директора по воспитанию", .school, false),
        ("chess", "Шахматное образование", .everyone, false),
    ]

    public func generate() -> Scenario {
        let p = parameters
        var rng = SplitMix64(seed: p.seed, stream: 7)
        // Organisations of a compact northern city.
        let centre = (lat: 61.0340, lon: 76.1070)
        var orgs: [Organisation] = []
        var kinds: [Audience] = []
        func place() -> (Double, Double) {
            (((centre.lat + rng.uniform(-0.025, 0.025)) * 10_000).rounded() / 10_000,
             ((centre.lon + rng.uniform(-0.055, 0.055)) * 10_000).rounded() / 10_000)
        }
        for k in 1...p.schools {
            let (lat, lon) = place()
            let name = k % 4 == 0 ? "МАОУ «Гимназия № \(k)»" : "МАОУ «Средняя общеобразовательная школа № \(k)»"
            orgs.append(Organisation(id: "school-\(k)", name: name, kind: .school, latitude: lat, longitude: lon))
            kinds.append(.school)
        }
        let gardens = ["Солнышко", "Ёлочка", "Белоснежка", "Сказка", "Родничок", "Золотая рыбка", "Незабудка", "Морозко",
                       "Журавушка", "Северяночка", "Капелька", "Снегирёк", "Теремок", "Радуга", "Берёзка", "Светлячок"]
        for k in 0..<p.kindergartens {
            let (lat, lon) = place()
            let name = "МАДОУ «Детский сад № \(k + 1) «\(gardens[k % gardens.count])»»"
            orgs.append(Organisation(id: "ds-\(k + 1)", name: name, kind: .kindergarten, latitude: lat, longitude: lon))
            kinds.append(.preschool)
        }
        for (id, name) in [("ddt", "МАУ ДО «Дом детского творчества»"), ("ctt", "МАУ ДО «Центр технического творчества»"),
                           ("dshi", "МАУ ДО «Детская школа искусств»")] {
            let (lat, lon) = place()
            orgs.append(Organisation(id: id, name: name, kind: .additional, latitude: lat, longitude: lon))
            kinds.append(.additional)
        }

        // Platforms: `platforms` of the catalogue, evenly spread over it (so a town has school,
        // preschool and additional-education platforms too), each based at a matching organisation.
        let catalogue = (0..<p.platforms).map { Self.catalogue[$0 * Self.catalogue.count / p.platforms] }
        func members(_ a: Audience) -> [Int] {
            orgs.indices.filter { a == .everyone || kinds[$0] == a }
        }
        var platforms: [Platform] = []
        for (k, c) in catalogue.enumerated() {
            let candidates = members(c.audience == .everyone ? .school : c.audience)
            let host = orgs[candidates[rng.int(0...(candidates.count - 1))]].id
            let rotate = rng.unit() < p.rotateShare
            let extra = rng.unit() < p.extraMeetingShare
            let months: [MonthGroup] = k % 7 == 3
                ? [9, 10, 12, 2, 4].map { MonthGroup(first: $0, last: $0)! }
                : MonthGroup.regulation
            platforms.append(Platform(id: c.id, name: c.name, host: host, meetings: extra ? 6 : 5, months: months,
                                      durationMinutes: rng.unit() < 0.5 ? 90 : 120, venue: rotate ? .rotate : .host))
        }

        // Participants: staff of each organisation, one platform of their field, sometimes a
        // second and a third (a broad one).
        let weights = kinds.map { k -> Double in k == .school ? 6 : (k == .preschool ? 1.6 : 1.2) }
        let totalWeight = weights.reduce(0, +)
        var people: [Participant] = []
        var attendance = [Int](repeating: 0, count: platforms.count)
        for x in 0..<p.participants {
            var r = rng.unit() * totalWeight
            var o = 0
            while o < orgs.count - 1 && r >= weights[o] { r -= weights[o]; o += 1 }
            let own = kinds[o]
            let fitting = catalogue.indices.filter { catalogue[$0].audience == own || catalogue[$0].audience == .everyone }
            let narrow = fitting.filter { !catalogue[$0].broad }
            let broad = fitting.filter { catalogue[$0].broad }
            var chosen: [Int] = []
            let firstPool = narrow.isEmpty ? fitting : narrow
            if !firstPool.isEmpty { chosen.append(firstPool[rng.int(0...(firstPool.count - 1))]) }
            let more = rng.unit() < 0.42 ? (rng.unit() < 0.3 ? 2 : 1) : 0
            for _ in 0..<more where !broad.isEmpty {
                let b = broad[rng.int(0...(broad.count - 1))]
                if !chosen.contains(b) { chosen.append(b) }
            }
            if chosen.isEmpty { chosen = [x % platforms.count] }
            for c in chosen { attendance[c] += 1 }
            people.append(Participant(person: String(format: "P%04d", x + 1), school: orgs[o].id,
                                      platforms: chosen.map { platforms[$0].id }))
        }
        // Every platform has a few members from its host.
        for (k, count) in attendance.enumerated() where count < 4 {
            for _ in 0..<(4 - count) {
                people.append(Participant(person: String(format: "P%04d", people.count + 1), school: platforms[k].host,
                                          platforms: [platforms[k].id]))
            }
        }

        var scenario = Scenario(name: p.name ?? "Северный городской округ: сетевые площадки, \(p.schoolYear)/\(String(p.schoolYear + 1).suffix(2))",
                                travelSettings: TravelSettings(speedKmh: 25, roadFactor: 1.4), organisations: orgs)
        scenario.platforms = platforms
        scenario.participants = people
        scenario.meetings = MeetingsSettings(schoolYear: p.schoolYear, startTimes: p.startTimes,
                                             noMeetings: Self.holidays(p.schoolYear), timeZone: "Asia/Yekaterinburg")
        return scenario
    }

    /// The usual closed dates of a Russian school year starting in `year`: 1 September, autumn,
    /// winter and spring holidays, the public holidays on weekdays, the May holidays.
    public static func holidays(_ year: Int) -> [ClosedDates] {
        func d(_ y: Int, _ m: Int, _ day: Int) -> LocalDate { LocalDate(year: y, month: m, day: day)! }
        let next = year + 1
        return [
            ClosedDates(from: d(year, 9, 1), name: "День знаний"),
            ClosedDates(from: d(year, 10, 26), to: d(year, 11, 4), name: "осенние каникулы и День народного единства"),
            ClosedDates(from: d(year, 12, 30), to: d(next, 1, 11), name: "зимние каникулы"),
            ClosedDates(from: d(next, 2, 23), name: "День защитника Отечества"),
            ClosedDates(from: d(next, 3, 8), name: "Международный женский день"),
            ClosedDates(from: d(next, 3, 22), to: d(next, 3, 31), name: "весенние каникулы"),
            ClosedDates(from: d(next, 5, 1), to: d(next, 5, 3), name: "Праздник Весны и Труда"),
            ClosedDates(from: d(next, 5, 8), to: d(next, 5, 11), name: "День Победы"),
            ClosedDates(from: d(next, 6, 11), to: d(next, 6, 14), name: "День России"),
        ]
    }
}
