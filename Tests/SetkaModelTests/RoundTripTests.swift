import Foundation
import Testing
@testable import SetkaModel

/// What `ScenarioWriter` writes, `ScenarioLoader` reads back the same (the two sides of the format).
@Suite("Write then load")
struct RoundTripTests {
    static func sample() -> Scenario {
        let pd = ProfileDaySettings(
            slots: [Slot(id: "1", start: TimeOfDay("08:30")!, end: TimeOfDay("10:00")!),
                    Slot(id: "2b", start: TimeOfDay("10:15")!, end: TimeOfDay("11:45")!)],
            minSectionSize: 8, maxSectionSize: 20, coursesPerStudent: 3, maxTripMinutes: 45,
            visitingTeacherRule: false, weights: ProfileDayWeights(rank: [50, 25.5], travelMinute: 0.3, section: 7))
        let orgs = [
            Organisation(id: "rossoshanskaya", name: "МКОУ «Россошанская СОШ», \"лучшая\"", kind: .school,
                         latitude: 51.133, longitude: 38.545, lowResults: false, partnerCapacity: 2,
                         scores: ["math": 58.4, "russian": 66.25]),
            Organisation(id: "krasnolipovskaya", name: "МБОУ «Краснолиповская школа»", latitude: 51.15, longitude: 38.76,
                         lowResults: true, scores: ["math": 38.5]),
            Organisation(id: "центр", name: "Центр\nдоп. образования; «Исток»", kind: .additional, latitude: 51.07, longitude: 38.65),
        ]
        let rule = PartnerRule(name: "ШНОР", recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                               providers: OrganisationSelector(kinds: [.school, .additional], lowResults: false),
                               partnersPerRecipient: 1, maxTravelMinutes: 70, subjects: ["math"], travelMinute: 0.25,
                               fixed: [PartnerPair(recipient: "krasnolipovskaya", provider: "rossoshanskaya")],
                               forbidden: [PartnerPair(recipient: "krasnolipovskaya", provider: "центр")])
        return Scenario(
            name: "Тест: «кавычки», двоеточие", language: .en, travelSettings: TravelSettings(speedKmh: 35, roadFactor: 1.4),
            profileDay: pd, partnering: [rule], organisations: orgs,
            rooms: [Room(site: "rossoshanskaya", id: "каб-1", capacity: 30), Room(site: "центр", id: "lab", capacity: 12, kind: "chemistry-lab")],
            teachers: [Teacher(id: "T1", name: "Иванова, И. И.", site: "rossoshanskaya", courses: ["robotics", "chem"], maxSections: 2, slots: ["2b"], travels: false),
                       Teacher(id: "T2", site: "центр", courses: ["chem"])],
            courses: [Course(id: "robotics", title: "Робототехника, \"старт\"", subject: "tech", roomKind: "any", minSize: 5, maxSize: 12, remote: true, sites: ["rossoshanskaya", "центр"]),
                      Course(id: "chem", roomKind: "chemistry-lab")],
            students: [Student(id: "s1", school: "krasnolipovskaya", grade: 10, wants: 1, choices: ["robotics", "chem"]),
                       Student(id: "s2", school: "rossoshanskaya", choices: ["chem"])],
            travelEntries: [TravelEntry(from: "krasnolipovskaya", to: "rossoshanskaya", minutes: 31.5)])
    }

    @Test(arguments: [false, true])
    func writtenScenarioLoadsTheSame(byteOrderMark: Bool) throws {
        let original = Self.sample()
        let s = try TempScenario()
        try ScenarioWriter.write(original, to: s.url, byteOrderMark: byteOrderMark)
        let loaded = try s.load().scenario
        #expect(loaded.name == original.name)
        #expect(loaded.language == original.language)
        #expect(loaded.travelSettings == original.travelSettings)
        #expect(loaded.profileDay == original.profileDay)
        #expect(loaded.partnering == original.partnering)
        #expect(loaded.organisations == original.organisations)
        #expect(loaded.rooms == original.rooms)
        #expect(loaded.teachers == original.teachers)
        #expect(loaded.courses == original.courses)
        #expect(loaded.students == original.students)
        #expect(loaded.travelEntries == original.travelEntries)
    }
}
