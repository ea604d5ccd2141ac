import Foundation

/// Checks a loaded scenario across its tables: dangling references, travel times that are needed
/// but unknown (errors), and what a coordinator should look at before solving (warnings).
/// One function per rule family; everything is linear in the table sizes (no all-pairs work).
struct ScenarioValidator {
    let scenario: Scenario
    let tables: ScenarioTables
    let settings: ScenarioSettings
    var diagnostics: [Diagnostic] = []

    /// Course id → position in `scenario.courses` (first occurrence).
    private var courseIndex: [String: Int] = [:]
    private let slotIDs: Set<String>

    init(scenario: Scenario, tables: ScenarioTables, settings: ScenarioSettings) {
        self.scenario = scenario; self.tables = tables; self.settings = settings
        for (i, c) in scenario.courses.enumerated() where courseIndex[c.id] == nil { courseIndex[c.id] = i }
        slotIDs = Set(scenario.profileDay?.slots.map(\.id) ?? [])
        for o in scenario.organisations where organisationsByLowercase[o.id.lowercased()] == nil {
            organisationsByLowercase[o.id.lowercased()] = o.id
        }
        for c in scenario.courses where coursesByLowercase[c.id.lowercased()] == nil {
            coursesByLowercase[c.id.lowercased()] = c.id
        }
    }

    mutating func run() {
        checkRoomReferences()
        checkTeacherReferences()
        checkCourseReferences()
        checkStudentReferences()
        checkTravelReferences()
        checkPartnering()
        if scenario.profileDay != nil {
            checkCourseSizes()
            checkTeachers()
            checkCourseCoverage()
            checkDemand()
            checkStudentWants()
        }
        checkNeededTravelTimes()
        if scenario.profileDay != nil { checkReachableChoices() }
        checkMeetings()
    }

    // MARK: helpers

    mutating func error<V>(_ rows: LoadedRows<V>, _ i: Int, _ column: String, _ message: Phrase) {
        let (loc, field) = rows.location(i, column)
        diagnostics.append(.error(message, at: loc, field: field))
    }

    mutating func error<V>(_ rows: LoadedRows<V>, _ i: Int, _ column: String, ru: String, en: String) {
        error(rows, i, column, Phrase(ru: ru, en: en))
    }

    mutating func warning<V>(_ rows: LoadedRows<V>, _ i: Int, _ column: String, ru: String, en: String) {
        let (loc, field) = rows.location(i, column)
        diagnostics.append(.warning(ru: ru, en: en, at: loc, field: field))
    }

    var schoolsFile: String { tables.schools.table?.displayName ?? "schools.csv" }
    private var coursesFile: String { tables.courses.table?.displayName ?? "courses.csv" }
    var travelFile: Phrase {
        tables.travel.table.map { .verbatim($0.displayName) }
            ?? (tables.schools.table?.sheet != nil ? Phrase(ru: "лист 'travel'", en: "a 'travel' sheet") : .verbatim("travel.csv"))
    }

    func knownOrganisation(_ id: String) -> Bool { scenario.organisationIndex[id] != nil }

    /// Lower-cased ids, for "did you mean" hints when an id differs only in capital letters.
    private var organisationsByLowercase: [String: String] = [:]
    private var coursesByLowercase: [String: String] = [:]

    /// `; did you mean 'X'? ids must match exactly` when `id` differs from a known one only in case.
    static func didYouMean(_ known: String?) -> Phrase {
        known.map { Phrase(ru: "; может быть, имелось в виду '\($0)'? коды должны совпадать точно", en: "; did you mean '\($0)'? ids must match exactly") }
            ?? .verbatim("")
    }

    func orgHint(_ id: String) -> Phrase { Self.didYouMean(organisationsByLowercase[id.lowercased()]) }

    private func courseHint(_ id: String) -> Phrase { Self.didYouMean(coursesByLowercase[id.lowercased()]) }

    /// `unknown organisation 'x' (not an id in schools.csv)` / `неизвестная организация 'x' (такого кода нет в schools.csv)`.
    func unknownOrganisation(_ id: String, school: Bool = false) -> Phrase {
        let hint = orgHint(id)
        return Phrase(ru: "неизвестная \(school ? "школа" : "организация") '\(id)' (такого кода нет в \(schoolsFile)\(hint.ru))",
                      en: "unknown \(school ? "school" : "organisation") '\(id)' (not an id in \(schoolsFile)\(hint.en))")
    }

    private func unknownCourse(_ id: String) -> Phrase {
        let hint = courseHint(id)
        return Phrase(ru: "неизвестный курс '\(id)' (такого кода нет в \(coursesFile)\(hint.ru))",
                      en: "unknown course '\(id)' (not an id in \(coursesFile)\(hint.en))")
    }

    static func sample(_ ids: [String], _ limit: Int = 5) -> Phrase {
        let shown = ids.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
        return ids.count > limit ? Phrase(ru: "\(shown) и ещё \(ids.count - limit)", en: "\(shown) and \(ids.count - limit) more") : .verbatim(shown)
    }

    /// `ученик`, `ученика`, `учеников` after a number.
    static func studentsRu(_ n: Int) -> String {
        let h = n % 100, d = n % 10
        if (11...14).contains(h) { return "учеников" }
        return d == 1 ? "ученик" : (2...4).contains(d) ? "ученика" : "учеников"
    }

    // MARK: references (errors)

    /// Every room's `site` is an organisation of `schools.csv`.
    private mutating func checkRoomReferences() {
        for (i, room) in scenario.rooms.enumerated() where !knownOrganisation(room.site) {
            error(tables.rooms, i, "site", unknownOrganisation(room.site))
        }
    }

    /// Teachers: `site` is an organisation, every course in `courses` exists, every slot in `slots` exists.
    private mutating func checkTeacherReferences() {
        let coursesGiven = tables.courses.table != nil
        for (i, t) in scenario.teachers.enumerated() {
            if !knownOrganisation(t.site) {
                error(tables.teachers, i, "site", unknownOrganisation(t.site))
            }
            if coursesGiven {
                for c in t.courses where courseIndex[c] == nil {
                    error(tables.teachers, i, "courses", unknownCourse(c))
                }
            }
            if scenario.profileDay != nil, let slots = t.slots {
                for s in slots where !slotIDs.contains(s) {
                    let known = scenario.profileDay!.slots.map(\.id).joined(separator: ", ")
                    error(tables.teachers, i, "slots", ru: "неизвестное занятие '\(s)' (занятия в scenario.yaml: \(known))",
                          en: "unknown slot '\(s)' (the slots in scenario.yaml are: \(known))")
                }
            }
        }
    }

    /// Every organisation in a course's `sites` exists.
    private mutating func checkCourseReferences() {
        for (i, c) in scenario.courses.enumerated() {
            for s in c.sites where !knownOrganisation(s) {
                error(tables.courses, i, "sites", unknownOrganisation(s))
            }
        }
    }

    /// Every student's `school` is an organisation and every choice a course.
    private mutating func checkStudentReferences() {
        let coursesGiven = tables.courses.table != nil
        for (i, s) in scenario.students.enumerated() {
            if !knownOrganisation(s.school) {
                error(tables.students, i, "school", unknownOrganisation(s.school, school: true))
            }
            if coursesGiven {
                for c in s.choices where courseIndex[c] == nil {
                    error(tables.students, i, "choices", unknownCourse(c))
                }
            }
        }
    }

    /// `from` and `to` of every travel row are organisations.
    private mutating func checkTravelReferences() {
        for (i, e) in scenario.travelEntries.enumerated() {
            if !knownOrganisation(e.from) { error(tables.travel, i, "from", unknownOrganisation(e.from)) }
            if !knownOrganisation(e.to) { error(tables.travel, i, "to", unknownOrganisation(e.to)) }
        }
    }

    // MARK: partnering

    /// Fixed and forbidden pairs name known organisations that the rule selects, no organisation
    /// is paired with itself, and no pair is both fixed and forbidden. Warns about rules that
    /// select nobody, subjects without a score column, and too little partner capacity.
    private mutating func checkPartnering() {
        let scoreSubjects = Set(tables.schools.table?.scoreColumns.map(\.subject) ?? [])
        for (ri, rule) in scenario.partnering.enumerated() {
            let ruleLoc = settings.ruleLocations[ri]
            let recipients = scenario.organisations.filter { rule.recipients.matches($0) }
            let providers = scenario.organisations.filter { rule.providers.matches($0) }
            func check(_ pairs: [PartnerPair], _ locs: [SourceLocation], _ list: String) {
                for (pi, pair) in pairs.enumerated() {
                    let loc = locs[pi]
                    for (id, role) in [(pair.recipient, "recipient"), (pair.provider, "provider")] {
                        guard let o = scenario.organisation(id) else {
                            diagnostics.append(.error(unknownOrganisation(id).prefixed(ru: "правило '\(rule.name)', \(list): ", en: "rule '\(rule.name)', \(list): "), at: loc))
                            continue
                        }
                        let selector = role == "recipient" ? rule.recipients : rule.providers
                        if !selector.matches(o) {
                            let roleRu = role == "recipient" ? "получателем" : "помощником", rolesRu = role == "recipient" ? "получатели" : "помощники"
                            let described = Self.describe(selector)
                            diagnostics.append(.error(ru: "правило '\(rule.name)', \(list): '\(id)' не является \(roleRu) по этому правилу (у неё kind \(o.kind.rawValue), low_results \(o.lowResults ? "yes" : "no"); \(rolesRu) правила — \(described.ru))",
                                                      en: "rule '\(rule.name)', \(list): '\(id)' is not a \(role) of this rule (it has kind \(o.kind.rawValue), low_results \(o.lowResults ? "yes" : "no"); the rule's \(role)s are \(described.en))", at: loc))
                        }
                    }
                    if pair.recipient == pair.provider {
                        diagnostics.append(.error(ru: "правило '\(rule.name)', \(list): '\(pair.recipient)' не может быть партнёром самой себе",
                                                  en: "rule '\(rule.name)', \(list): '\(pair.recipient)' cannot be its own partner", at: loc))
                    }
                }
            }
            check(rule.fixed, settings.fixedLocations[ri], "fixed")
            check(rule.forbidden, settings.forbiddenLocations[ri], "forbidden")
            let forbidden = Set(rule.forbidden)
            for (pi, pair) in rule.fixed.enumerated() where forbidden.contains(pair) {
                diagnostics.append(.error(ru: "правило '\(rule.name)': пара ['\(pair.recipient)', '\(pair.provider)'] одновременно в fixed и в forbidden",
                                          en: "rule '\(rule.name)': the pair ['\(pair.recipient)', '\(pair.provider)'] is both fixed and forbidden",
                                          at: settings.fixedLocations[ri][pi]))
            }
            var fixedPerRecipient: [String: Int] = [:]
            for pair in Set(rule.fixed) { fixedPerRecipient[pair.recipient, default: 0] += 1 }
            for (r, n) in fixedPerRecipient where n > rule.partnersPerRecipient {
                diagnostics.append(.error(ru: "правило '\(rule.name)': у '\(r)' закреплённых партнёров \(n), а partners_per_recipient равно \(rule.partnersPerRecipient)",
                                          en: "rule '\(rule.name)': '\(r)' has \(n) fixed partners but partners_per_recipient is \(rule.partnersPerRecipient)", at: ruleLoc))
            }
            if let subjects = rule.subjects {
                for (si, s) in subjects.enumerated() where !scoreSubjects.contains(s) {
                    let loc = settings.subjectLocations[ri].indices.contains(si) ? settings.subjectLocations[ri][si] : ruleLoc
                    diagnostics.append(.warning(ru: "правило '\(rule.name)': для предмета '\(s)' нет столбца 'score:\(s)' в \(schoolsFile); он ничего не добавляет к выигрышу",
                                                en: "rule '\(rule.name)': subject '\(s)' has no column 'score:\(s)' in \(schoolsFile); it adds nothing to the gain", at: loc))
                }
            }
            if recipients.isEmpty {
                let d = Self.describe(rule.recipients)
                diagnostics.append(.warning(ru: "правило '\(rule.name)' не выбирает ни одного получателя (\(d.ru))", en: "rule '\(rule.name)' selects no recipients (\(d.en))", at: ruleLoc))
            }
            if providers.isEmpty {
                let d = Self.describe(rule.providers)
                diagnostics.append(.warning(ru: "правило '\(rule.name)' не выбирает ни одного помощника (\(d.ru))", en: "rule '\(rule.name)' selects no providers (\(d.en))", at: ruleLoc))
            }
            let needed = recipients.count * rule.partnersPerRecipient
            let capacity = providers.reduce(0) { $0 + $1.partnerCapacity }
            if !recipients.isEmpty, !providers.isEmpty, capacity < needed {
                diagnostics.append(.warning(ru: "правило '\(rule.name)': получателям (\(recipients.count)) нужно мест для партнёров: \(needed), а partner_capacity помощников в сумме \(capacity) (её делят и другие правила)",
                                            en: "rule '\(rule.name)': \(recipients.count) recipient\(recipients.count == 1 ? " needs" : "s need") \(needed) partner place\(needed == 1 ? "" : "s") but the providers' partner_capacity adds up to \(capacity) (other rules share it too)", at: ruleLoc))
            }
        }
    }

    /// A selector in words, e.g. `kind school, low_results yes`.
    static func describe(_ s: OrganisationSelector) -> Phrase {
        var parts: [String] = []
        if let kinds = s.kinds { parts.append("kind \(kinds.map(\.rawValue).joined(separator: "/"))") }
        if let low = s.lowResults { parts.append("low_results \(low ? "yes" : "no")") }
        return parts.isEmpty ? Phrase(ru: "все организации", en: "every organisation") : .verbatim(parts.joined(separator: ", "))
    }

    // MARK: profile day (errors and warnings)

    /// A course's min_size is not above its max_size once the profile-day defaults fill in
    /// (both given in the row is already reported by the table reader).
    private mutating func checkCourseSizes() {
        guard let pd = scenario.profileDay else { return }
        for (i, c) in scenario.courses.enumerated() where c.minSize == nil || c.maxSize == nil {
            let lo = c.minSize ?? pd.minSectionSize, hi = c.maxSize ?? pd.maxSectionSize
            if lo > hi {
                let column = c.minSize != nil ? "min_size" : "max_size"
                let dRu = " (по умолчанию из profile_day)", dEn = " (profile_day default)"
                error(tables.courses, i, column, ru: "курс '\(c.id)': min_size \(lo)\(c.minSize == nil ? dRu : "") больше, чем max_size \(hi)\(c.maxSize == nil ? dRu : "")",
                      en: "course '\(c.id)': min_size \(lo)\(c.minSize == nil ? dEn : "") is larger than max_size \(hi)\(c.maxSize == nil ? dEn : "")")
            }
        }
    }

    /// Teachers who can teach nothing: max_sections 0, no free slot, no course.
    private mutating func checkTeachers() {
        for (i, t) in scenario.teachers.enumerated() {
            if t.maxSections == 0 {
                warning(tables.teachers, i, "max_sections", ru: "у педагога '\(t.id)' max_sections равно 0: он не будет вести ничего",
                        en: "teacher '\(t.id)' has max_sections 0 and will teach nothing")
            }
            if let slots = t.slots, slots.isEmpty {
                warning(tables.teachers, i, "slots", ru: "педагог '\(t.id)' не свободен ни на одном занятии", en: "teacher '\(t.id)' is free in no slot")
            }
            if t.courses.isEmpty { warning(tables.teachers, i, "courses", ru: "у педагога '\(t.id)' не указано ни одного курса", en: "teacher '\(t.id)' has no courses listed") }
        }
    }

    /// Each course has a qualified teacher, and a non-remote course has a room of its kind at a
    /// site allowed to host it.
    private mutating func checkCourseCoverage() {
        var taught: Set<String> = []
        for t in scenario.teachers { taught.formUnion(t.courses) }
        let rooms = RoomIndex(scenario)
        for (i, c) in scenario.courses.enumerated() {
            if !taught.contains(c.id) {
                warning(tables.courses, i, "id", ru: "у курса '\(c.id)' нет педагога, который может его вести (ни одна строка teachers.csv его не называет)",
                        en: "course '\(c.id)' has no teacher who can teach it (no row of teachers.csv lists it)")
            }
            if !c.remote && !rooms.hasAnyHost(c, scenario) {
                let kind = c.roomKind == Course.anyRoomKind ? Phrase(ru: "помещения", en: "room")
                    : Phrase(ru: "помещения вида '\(c.roomKind)'", en: "room of kind '\(c.roomKind)'")
                let where_ = c.sites.isEmpty ? Phrase(ru: "ни в одной организации", en: "at any organisation")
                    : Phrase(ru: "на его площадках (\(c.sites.joined(separator: ", ")))", en: "at its sites (\(c.sites.joined(separator: ", ")))")
                warning(tables.courses, i, c.sites.isEmpty ? "room_kind" : "sites", ru: "курс '\(c.id)' провести негде: нет \(kind.ru) \(where_.ru)",
                        en: "course '\(c.id)' cannot be held: there is no \(kind.en) \(where_.en)")
            }
        }
    }

    /// Courses nobody chose, and courses chosen by fewer students than their minimum section.
    private mutating func checkDemand() {
        guard let pd = scenario.profileDay else { return }
        var count = [Int](repeating: 0, count: scenario.courses.count)
        for s in scenario.students { for c in s.choices { if let i = courseIndex[c] { count[i] += 1 } } }
        for (i, c) in scenario.courses.enumerated() where courseIndex[c.id] == i {
            let minimum = c.minSize ?? pd.minSectionSize
            if count[i] == 0 {
                warning(tables.courses, i, "id", ru: "курс '\(c.id)': его не выбрал ни один ученик", en: "course '\(c.id)': no student chose it")
            } else if count[i] < minimum {
                warning(tables.courses, i, "id", ru: "курс '\(c.id)': его выбрали всего \(count[i]) \(Self.studentsRu(count[i])) района, меньше его минимума \(minimum); он не может открыться",
                        en: "course '\(c.id)': only \(count[i]) student\(count[i] == 1 ? "" : "s") in the district chose it, fewer than its minimum of \(minimum); it cannot open")
            }
        }
    }

    /// Students who want more courses than they chose (grouped into one warning).
    private mutating func checkStudentWants() {
        guard let pd = scenario.profileDay else { return }
        var ids: [String] = []
        var first: Int?
        for (i, s) in scenario.students.enumerated() where (s.wants ?? pd.coursesPerStudent) > s.choices.count {
            ids.append(s.id); if first == nil { first = i }
        }
        if let first {
            let sample = Self.sample(ids)
            warning(tables.students, first, "choices", ru: "учеников, выбравших меньше курсов, чем хотят: \(ids.count) (\(sample.ru)); они получат не больше выбранного",
                    en: "\(ids.count) student\(ids.count == 1 ? "" : "s") chose fewer courses than they want (\(sample.en)); they can get at most what they chose")
        }
    }

    // MARK: travel coverage

    /// Organisations without coordinates named one by one in travel errors; the rest are summed up.
    static let travelErrorsListed = 20

    /// A pair of organisations that may need a travel time but has neither a `travel.csv` row nor
    /// coordinates at both ends is an error: a student's school and a possible host site of one of
    /// its choices, and a partnering candidate pair. Only organisations without coordinates can be
    /// part of such a pair, so the work is (organisations without coordinates) × (their partners),
    /// with no pair stored: each organisation gets a count and a few examples. A pair of two
    /// organisations without coordinates is reported under the one listed first in schools.csv.
    private mutating func checkNeededTravelTimes() {
        let orgs = scenario.organisations
        let lacking = orgs.indices.filter { orgs[$0].latitude == nil || orgs[$0].longitude == nil }
        guard !lacking.isEmpty else { return }
        var isLacking = [Bool](repeating: false, count: orgs.count)
        for x in lacking { isLacking[x] = true }

        // Students: courses chosen at each school, schools choosing each course, hosts by course.
        let studentsMatter = scenario.profileDay != nil && !scenario.students.isEmpty
        let rooms = RoomIndex(scenario)
        var chosenAt: [Int: Set<Int>] = [:]
        var choosers = [Set<Int>](repeating: [], count: scenario.courses.count)
        if studentsMatter {
            for s in scenario.students {
                guard let si = scenario.organisationIndex[s.school] else { continue }
                for c in s.choices { if let ci = courseIndex[c] { chosenAt[si, default: []].insert(ci); choosers[ci].insert(si) } }
            }
        }
        let rules = scenario.partnering.map { rule in
            (rule, orgs.indices.filter { rule.recipients.matches(orgs[$0]) }, orgs.indices.filter { rule.providers.matches(orgs[$0]) })
        }

        var stamp = [Int](repeating: -1, count: orgs.count)
        var reported: [(org: Int, count: Int, sample: [Int], reasons: [Phrase])] = []
        var unlisted = 0, unlistedPairs = 0, firstUnlisted: Int?
        for x in lacking {
            var count = 0
            var sample: [Int] = []
            var reasons: [Phrase] = []
            func need(_ y: Int, _ reason: Phrase) {
                guard y != x, stamp[y] != x else { return }
                if isLacking[y] && y < x { return }  // reported under y
                guard scenario.travel.minutes(x, y) == nil else { return }
                stamp[y] = x
                count += 1
                if sample.count < 5 { sample.append(y) }
                if reasons.last != reason && !reasons.contains(reason) { reasons.append(reason) }
            }
            if studentsMatter {
                let reason = Phrase(ru: "выбора курсов учениками", en: "students' course choices")
                for ci in chosenAt[x] ?? [] { rooms.forEachHost(scenario.courses[ci], scenario) { need($0, reason) } }
                for (ci, c) in scenario.courses.enumerated() where rooms.isHost(c, x, scenario) {
                    for s in choosers[ci] { need(s, reason) }
                }
            }
            for (rule, recipients, providers) in rules {
                let reason = Phrase(ru: "правила партнёрства '\(rule.name)'", en: "partnering rule '\(rule.name)'")
                // A forbidden pair never needs its travel time.
                let forbidden = Set(rule.forbidden)
                func allowed(_ r: Int, _ p: Int) -> Bool {
                    forbidden.isEmpty || !forbidden.contains(PartnerPair(recipient: orgs[r].id, provider: orgs[p].id))
                }
                if rule.recipients.matches(orgs[x]) { for j in providers where allowed(x, j) { need(j, reason) } }
                if rule.providers.matches(orgs[x]) { for j in recipients where allowed(j, x) { need(j, reason) } }
            }
            guard count > 0 else { continue }
            if reported.count < Self.travelErrorsListed {
                reported.append((x, count, sample, reasons))
            } else {
                unlisted += 1; unlistedPairs += count
                if firstUnlisted == nil { firstUnlisted = x }
            }
        }
        for r in reported {
            let o = orgs[r.org]
            let ids = r.sample.map { orgs[$0].id }
            let shown = ids.map { "'\($0)'" }.joined(separator: ", ") + (r.count > ids.count ? " and \(r.count - ids.count) more" : "")
            let shownRu = ids.map { "'\($0)'" }.joined(separator: ", ") + (r.count > ids.count ? " и ещё \(r.count - ids.count)" : "")
            let (loc, field) = tables.schools.location(r.org, o.latitude == nil ? "lat" : "lon")
            let travelFile = self.travelFile
            diagnostics.append(.error(
                ru: "нет времени в пути между '\(o.id)' (\(o.name)) и организациями, до которых может понадобиться добраться (\(r.count): \(shownRu)); оно нужно для \(r.reasons.map(\.ru).joined(separator: " и ")): укажите lat и lon для '\(o.id)' в \(schoolsFile) или добавьте эти пары в \(travelFile.ru)",
                en: "no travel time between '\(o.id)' (\(o.name)) and \(r.count) organisation\(r.count == 1 ? "" : "s") it may need to reach (\(shown)), needed for \(r.reasons.map(\.en).joined(separator: " and ")): give lat and lon for '\(o.id)' in \(schoolsFile), or add these pairs to \(travelFile.en)",
                at: loc, field: field))
        }
        if unlisted > 0, let firstUnlisted {
            let (loc, field) = tables.schools.location(firstUnlisted, orgs[firstUnlisted].latitude == nil ? "lat" : "lon")
            diagnostics.append(.error(
                ru: "ещё у организаций без координат (\(unlisted)) так же не хватает времени в пути (пар: \(unlistedPairs)): укажите lat и lon в \(schoolsFile) для каждой организации или эти пары в \(travelFile.ru) (первая из них — '\(orgs[firstUnlisted].id)')",
                en: "\(unlisted) more organisation\(unlisted == 1 ? "" : "s") without coordinates lack \(unlistedPairs) travel time\(unlistedPairs == 1 ? "" : "s") in the same way: give lat and lon in \(schoolsFile) for every organisation, or the pairs in \(travelFile.en) (the first of them is '\(orgs[firstUnlisted].id)')",
                at: loc, field: field))
        }
    }

    // MARK: reachability

    /// Students none of whose choices has a possible host within `max_trip_minutes` of their
    /// school (a remote course counts as reachable). One warning per school.
    private mutating func checkReachableChoices() {
        guard let pd = scenario.profileDay else { return }
        let rooms = RoomIndex(scenario)
        let near = NearbySites(scenario, maxMinutes: pd.maxTripMinutes, among: rooms.sitesWithRooms)
        // Per school: room kinds within reach (by kind number), memoised; per (school, course): reachable.
        var kindsNear: [Int: (kinds: [Bool], anyRoom: Bool)] = [:]
        var memo: [Int64: Bool] = [:]
        var unreachable: [Int: [Int]] = [:]  // school → student indices
        for (i, s) in scenario.students.enumerated() {
            guard let si = scenario.organisationIndex[s.school] else { continue }
            var ok = false
            for c in s.choices {
                guard let ci = courseIndex[c] else { continue }
                let key = Int64(si) << 32 | Int64(ci)
                if let known = memo[key] { if known { ok = true; break } else { continue } }
                let course = scenario.courses[ci]
                var reachable: Bool
                if course.remote {
                    reachable = true
                } else if !course.sites.isEmpty {
                    reachable = course.sites.contains { id in
                        guard let h = scenario.organisationIndex[id], rooms.isHost(course, h, scenario),
                              let m = scenario.travel.minutes(si, h) else { return false }
                        return m <= pd.maxTripMinutes
                    }
                } else {
                    if kindsNear[si] == nil {
                        var kinds = [Bool](repeating: false, count: rooms.kindCount), any = false
                        near.forEachSite(from: si) { h in
                            for k in rooms.kindNumbersAt[h] { any = true; kinds[k] = true }
                        }
                        kindsNear[si] = (kinds, any)
                    }
                    let k = kindsNear[si]!
                    if course.roomKind == Course.anyRoomKind { reachable = k.anyRoom }
                    else if let kn = rooms.kindNumber[course.roomKind] { reachable = k.kinds[kn] }
                    else { reachable = false }
                }
                memo[key] = reachable
                if reachable { ok = true; break }
            }
            if !ok && !s.choices.isEmpty { unreachable[si, default: []].append(i) }
        }
        for si in unreachable.keys.sorted() {
            let list = unreachable[si]!
            let ids = list.map { scenario.students[$0].id }
            let sample = Self.sample(ids), minutes = TableReader.format(pd.maxTripMinutes)
            warning(tables.students, list[0], "choices",
                    ru: "у учеников '\(scenario.organisations[si].id)' (\(ids.count): \(sample.ru)) ни один выбранный курс нельзя провести в пределах \(minutes) минут от их школы",
                    en: "\(ids.count) student\(ids.count == 1 ? "" : "s") of '\(scenario.organisations[si].id)' (\(sample.en)) chose no course that can be held within \(minutes) minutes of their school")
        }
    }
}

/// Rooms by organisation: which room kinds each organisation has, and which organisations have
/// rooms of each kind.
struct RoomIndex {
    var kindsAt: [Set<String>]
    var sitesWithKind: [String: [Int]] = [:]
    var sitesWithRooms: [Int] = []
    /// Room kinds numbered 0..<kindCount, and the kind numbers at each organisation.
    var kindNumber: [String: Int] = [:]
    var kindNumbersAt: [[Int]]
    var kindCount: Int { kindNumber.count }

    init(_ scenario: Scenario) {
        kindsAt = Array(repeating: [], count: scenario.organisations.count)
        kindNumbersAt = Array(repeating: [], count: scenario.organisations.count)
        for r in scenario.rooms {
            guard let i = scenario.organisationIndex[r.site] else { continue }
            if kindsAt[i].isEmpty { sitesWithRooms.append(i) }
            if kindsAt[i].insert(r.kind).inserted {
                sitesWithKind[r.kind, default: []].append(i)
                if kindNumber[r.kind] == nil { kindNumber[r.kind] = kindNumber.count }
                kindNumbersAt[i].append(kindNumber[r.kind]!)
            }
        }
    }

    /// Whether organisation `h` may host a section of `c` in a room: allowed by `sites`, with a
    /// room of the course's kind (any room for `any`).
    func isHost(_ c: Course, _ h: Int, _ scenario: Scenario) -> Bool {
        if !c.sites.isEmpty && !c.sites.contains(scenario.organisations[h].id) { return false }
        return c.roomKind == Course.anyRoomKind ? !kindsAt[h].isEmpty : kindsAt[h].contains(c.roomKind)
    }

    func forEachHost(_ c: Course, _ scenario: Scenario, _ body: (Int) -> Void) {
        if !c.sites.isEmpty {
            for id in c.sites { if let h = scenario.organisationIndex[id], isHost(c, h, scenario) { body(h) } }
        } else {
            for h in c.roomKind == Course.anyRoomKind ? sitesWithRooms : sitesWithKind[c.roomKind, default: []] { body(h) }
        }
    }

    func hasAnyHost(_ c: Course, _ scenario: Scenario) -> Bool {
        var found = false
        forEachHost(c, scenario) { _ in found = true }
        return found
    }
}

/// Organisations (of a given subset, e.g. those with rooms) within a travel time of a given one,
/// found through a coarse grid over the coordinates plus the `travel.csv` rows (which override
/// distances), then checked exactly with `Scenario.travel`.
struct NearbySites {
    private let scenario: Scenario
    private let maxMinutes: Double
    private var cells: [Int64: [Int]] = [:]
    private var explicitNeighbours: [Int: [Int]] = [:]
    private var member: [Bool]
    private let latStep: Double
    private let lonStep: Double

    init(_ scenario: Scenario, maxMinutes: Double, among subset: [Int]) {
        self.scenario = scenario; self.maxMinutes = maxMinutes
        let s = scenario.travelSettings
        let radiusKm = maxMinutes / (s.roadFactor / s.speedKmh * 60)
        let kmPerDegree = TravelTimes.earthRadiusKm * .pi / 180
        var maxAbsLat = 0.0
        for o in scenario.organisations { if let lat = o.latitude { maxAbsLat = max(maxAbsLat, abs(lat)) } }
        latStep = max(radiusKm / kmPerDegree * 1.05, 1e-4)
        let cosLat = max(cos(min(89.0, maxAbsLat + latStep) * .pi / 180), 0.02)
        lonStep = max(radiusKm / (kmPerDegree * cosLat) * 1.05, 1e-4)
        member = [Bool](repeating: false, count: scenario.organisations.count)
        for i in subset { member[i] = true }
        for i in subset {
            let o = scenario.organisations[i]
            guard let lat = o.latitude, let lon = o.longitude else { continue }
            cells[Self.key(Self.cell(lat, latStep), Self.cell(lon, lonStep)), default: []].append(i)
        }
        for e in scenario.travelEntries {
            guard let a = scenario.organisationIndex[e.from], let b = scenario.organisationIndex[e.to] else { continue }
            if member[b] { explicitNeighbours[a, default: []].append(b) }
            if member[a] { explicitNeighbours[b, default: []].append(a) }
        }
    }

    private static func cell(_ v: Double, _ step: Double) -> Int { Int((v / step).rounded(.down)) }
    private static func key(_ a: Int, _ b: Int) -> Int64 { Int64(a) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: b))) }

    /// Calls `body` for each organisation of the subset within `maxMinutes` of organisation `i`
    /// (`i` itself included when in the subset; an organisation may come twice).
    func forEachSite(from i: Int, _ body: (Int) -> Void) {
        let within = { (j: Int) -> Bool in (scenario.travel.minutes(i, j) ?? .infinity) <= maxMinutes }
        if member[i] { body(i) }
        let o = scenario.organisations[i]
        if let lat = o.latitude, let lon = o.longitude {
            let a = Self.cell(lat, latStep), b = Self.cell(lon, lonStep)
            for da in -1...1 {
                for db in -1...1 {
                    guard let list = cells[Self.key(a + da, b + db)] else { continue }
                    for j in list where j != i && within(j) { body(j) }
                }
            }
        }
        for j in explicitNeighbours[i] ?? [] where j != i && within(j) { body(j) }
    }
}
