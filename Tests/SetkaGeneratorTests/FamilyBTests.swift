import Foundation
@testable import SetkaGenerator
import SetkaModel
import Testing

// Family b (`DistrictParameters.Family.b`): the layout of the districts the profile day's
// quality is judged on. These tests pin what makes it that family, with ranges wide enough for
// any seed (shared/instances' three districts fall inside them too).

@Test(arguments: [("district-600-b", 15, 600, 30, 4, 2, 5), ("district-900-b3", 20, 900, 36, 5, 3, 6),
                  ("district-1500-b", 25, 1500, 40, 4, 2, 5)])
func familyBPresetSizes(preset: String, schools: Int, seniors: Int, courses: Int, slots: Int, wants: Int, choices: Int) {
    let s = generate(preset, seed: 5)
    #expect(s.organisations.filter { $0.kind == .school }.count == schools)
    #expect(s.organisations.filter { $0.kind == .additional }.count == 1)
    #expect(s.organisations.filter { $0.kind == .college }.count == 1)
    #expect(s.students.count == seniors)
    #expect(s.courses.count == courses)
    #expect(s.profileDay?.slots.count == slots)
    #expect(s.profileDay?.coursesPerStudent == wants)
    #expect(s.students.allSatisfy { $0.choices.count == choices })
    #expect(s.travelSettings.speedKmh == 40 && s.travelSettings.roadFactor == 1.3)
    checkReferences(s)
}

@Test func familyBIsDeterministicAndDiffersFromA() {
    #expect(bytes(generate("district-600-b", seed: 42)) == bytes(generate("district-600-b", seed: 42)))
    #expect(bytes(generate("district-600-b", seed: 42)) != bytes(generate("district-600-b", seed: 43)))
    let a = generate("district-600", seed: 42), b = generate("district-600-b", seed: 42)
    #expect(bytes(a)["teachers.csv"] != bytes(b)["teachers.csv"])
    var p = DistrictParameters.preset("district-600")!
    p.family = .b
    #expect(bytes(DistrictGenerator(p).generate()) == bytes(generate("district-600-b", seed: 1)))
}

/// Teachers of a course sit at different sites that have its room kind; the ЦДО holds the only
/// robotics rooms; labs are at many schools, not only in the centre.
@Test(arguments: [UInt64(1), 2, 3])
func familyBTeachersSitWhereTheirRoomKindIs(seed: UInt64) {
    let s = generate("district-1500-b", seed: seed)
    var kinds: [String: Set<String>] = [:]
    for r in s.rooms { kinds[r.site, default: []].insert(r.kind) }
    let kindOf = Dictionary(uniqueKeysWithValues: s.courses.map { ($0.id, $0.roomKind) })
    for c in s.courses {
        let first = s.teachers.filter { $0.courses[0] == c.id }
        #expect((1...3).contains(first.count), "course \(c.id) has \(first.count) teachers of its own")
        #expect(Set(first.map(\.site)).count == first.count, "course \(c.id): one teacher per site")
        for t in first { #expect(kinds[t.site, default: []].contains(c.roomKind), "\(t.id) at \(t.site) for \(c.id)") }
    }
    for t in s.teachers.filter({ $0.courses.count > 1 }) {
        let subjects = Set(t.courses.compactMap { id in s.courses.first { $0.id == id }?.subject })
        #expect(subjects.count == 1, "\(t.id)'s second course is of the same subject")
        #expect(kinds[t.site, default: []].contains(kindOf[t.courses[1]]!))
    }
    #expect(Set(s.rooms.filter { $0.kind == "robotics" }.map(\.site)) == ["cdo"])
    let labSchools = Set(s.rooms.filter { $0.kind != "classroom" && $0.site != "cdo" && $0.site != "college" }.map(\.site))
    #expect(labSchools.count >= 10, "labs at \(labSchools.count) schools")
}

/// The shares that make the family hard, over the three seeds and the city.
@Test func familyBTeacherLimitsAndStudentWants() {
    var teachers: [Teacher] = [], students: [Student] = []
    var slotCount = 0
    for seed in [UInt64(1), 2, 3] {
        let s = generate("district-1500-b", seed: seed)
        teachers += s.teachers
        students += s.students
        slotCount = s.profileDay!.slots.count
    }
    let n = Double(teachers.count)
    let limited = Double(teachers.filter { ($0.maxSections ?? slotCount) <= 3 }.count) / n
    #expect(limited > 0.4 && limited < 0.65, "max_sections 2–3: \(limited)")
    #expect(teachers.allSatisfy { $0.maxSections == nil || (2...3).contains($0.maxSections!) })
    let restricted = teachers.filter { $0.slots != nil }
    #expect(Double(restricted.count) / n > 0.1 && Double(restricted.count) / n < 0.35)
    #expect(restricted.allSatisfy { $0.slots!.count == slotCount - 1 })
    let staying = Double(teachers.filter { !$0.travels }.count) / n
    #expect(staying > 0.2 && staying < 0.4, "do not travel: \(staying)")
    let fewer = Double(students.filter { $0.wants == 1 }.count) / Double(students.count)
    #expect(fewer > 0.07 && fewer < 0.13, "want one course fewer: \(fewer)")
    #expect(students.allSatisfy { $0.wants == 1 || $0.wants == 2 })
}

/// Each school of 30 or more seniors has three local favourites: courses its students choose at
/// least twice as often as the district does.
@Test func familyBSchoolsHaveLocalFavourites() {
    let s = generate("district-1500-b", seed: 4)
    var district: [String: Int] = [:]
    for st in s.students { for c in st.choices { district[c, default: 0] += 1 } }
    let bySchool = Dictionary(grouping: s.students, by: \.school)
    var withFavourites = 0, big = 0
    for (_, group) in bySchool where group.count >= 30 {
        big += 1
        var here: [String: Int] = [:]
        for st in group { for c in st.choices { here[c, default: 0] += 1 } }
        let lifts = here.map { Double($0.value) / Double(group.count) / (Double(district[$0.key]!) / Double(s.students.count)) }
        if lifts.filter({ $0 >= 2 }).count >= 2 { withFavourites += 1 }
    }
    #expect(big > 5 && Double(withFavourites) >= 0.8 * Double(big), "\(withFavourites) of \(big) schools")
}

@Test func familyBChoicesAreReachable() {
    let s = generate("district-600-b", seed: 6)
    var homes: [String: Set<String>] = [:]
    for t in s.teachers { for c in t.courses { homes[c, default: []].insert(t.site) } }
    let remote = Set(s.courses.filter(\.remote).map(\.id))
    for st in s.students {
        for c in st.choices where !remote.contains(c) {
            #expect(homes[c, default: []].contains { (s.minutes(from: st.school, to: $0) ?? .infinity) <= 60 },
                    "student \(st.id) at \(st.school) chose \(c)")
        }
    }
}

@Test func familyBCityIsDenseWithOneCentreAndBigSchools() {
    let s = generate("city-20000-b", seed: 2)
    #expect(s.students.count == 20000 && s.courses.count == 300 && s.profileDay?.slots.count == 6)
    #expect(s.organisations.filter { $0.kind == .additional || $0.kind == .college }.count == 2)
    let schools = s.organisations.filter { $0.kind == .school }.map(\.id)
    var near = 0, pairs = 0
    for (i, a) in schools.enumerated() where i % 5 == 0 {
        for b in schools[(i + 1)...] {
            pairs += 1
            if (s.minutes(from: a, to: b) ?? .infinity) <= 60 { near += 1 }
        }
    }
    #expect(Double(near) / Double(pairs) > 0.9, "\(near) of \(pairs) school pairs within an hour")
    let sizes = Dictionary(grouping: s.students, by: \.school).values.map(\.count)
    #expect(sizes.filter { $0 >= 300 }.count >= 8, "big schools")
    #expect(Double(s.courses.filter(\.remote).count) / 300 == 0.4)
}

@Test func exponentialMatchesTheLibraryFunction() {
    for x in stride(from: -3.5, through: 3.5, by: 0.25) {
        #expect(abs(Drafting.exponential(x) - Foundation.exp(x)) <= 1e-12 * Foundation.exp(x), "\(x)")
    }
}
