import Foundation
import SetkaModel
@testable import Meetings

/// A tiny district built by hand: four organisations with round travel times, four platforms
/// (one rotating), five people, and a valid plan of every meeting.
///
///     A ─20─ B, A ─40─ C, B ─30─ C, D (no participants) 50 from each
///     math: host A, 2 meetings (9|10), 90 min          p1 (A): math, lit
///     lit:  host B, 2 meetings (9|10), 120 min         p2 (B): lit, rot
///     rot:  rotate, 3 meetings (9|10|11), 90 min       p3 (C): rot
///     art:  host A, 1 meeting (9), 90 min              p4 (A): rot, math
///                                                      p5 (C): art
///     Tuesdays and Thursdays, 15:00 or 17:00; 1 October closed; 14 days between; 1 per venue.
struct MeetingsFixture {
    var scenario: Scenario
    var plan: [PlannedMeeting]

    init() {
        var s = Scenario(name: "Пример", organisations: [
            Organisation(id: "A", name: "Школа А"), Organisation(id: "B", name: "Школа Б"),
            Organisation(id: "C", name: "Детский сад В", kind: .kindergarten), Organisation(id: "D", name: "Центр Г", kind: .additional),
        ], travelEntries: [
            TravelEntry(from: "A", to: "B", minutes: 20), TravelEntry(from: "A", to: "C", minutes: 40),
            TravelEntry(from: "B", to: "C", minutes: 30), TravelEntry(from: "A", to: "D", minutes: 50),
            TravelEntry(from: "B", to: "D", minutes: 50), TravelEntry(from: "C", to: "D", minutes: 50),
        ])
        func months(_ text: String) -> [MonthGroup] { text.split(separator: "|").map { MonthGroup(String($0))! } }
        s.platforms = [
            Platform(id: "math", name: "Учителя математики", host: "A", meetings: 2, months: months("9|10"), durationMinutes: 90),
            Platform(id: "lit", name: "Литература; чтение, письмо", host: "B", meetings: 2, months: months("9|10"), durationMinutes: 120),
            Platform(id: "rot", name: "Наставники", host: "A", meetings: 3, months: months("9|10|11"), durationMinutes: 90, venue: .rotate),
            Platform(id: "art", name: "Искусство", host: "A", meetings: 1, months: months("9"), durationMinutes: 90),
        ]
        s.participants = [
            Participant(person: "p1", school: "A", platforms: ["math", "lit"]),
            Participant(person: "p2", school: "B", platforms: ["lit", "rot"]),
            Participant(person: "p3", school: "C", platforms: ["rot"]),
            Participant(person: "p4", school: "A", platforms: ["rot", "math"]),
            Participant(person: "p5", school: "C", platforms: ["art"]),
        ]
        s.meetings = MeetingsSettings(schoolYear: 2026, weekdays: [.tue, .thu],
                                      startTimes: [TimeOfDay("15:00")!, TimeOfDay("17:00")!],
                                      noMeetings: [ClosedDates(from: LocalDate("2026-10-01")!, name: "день здоровья")],
                                      minDaysBetween: 14, maxPerVenue: 1)
        scenario = s
        plan = [
            Self.meeting("math", 1, "2026-09-08", "15:00", 90, "A"),
            Self.meeting("art", 1, "2026-09-10", "15:00", 90, "A"),
            Self.meeting("lit", 1, "2026-09-15", "15:00", 120, "B"),
            Self.meeting("rot", 1, "2026-09-17", "15:00", 90, "B"),
            Self.meeting("math", 2, "2026-10-06", "15:00", 90, "A"),
            Self.meeting("lit", 2, "2026-10-13", "15:00", 120, "B"),
            Self.meeting("rot", 2, "2026-10-20", "15:00", 90, "A"),
            Self.meeting("rot", 3, "2026-11-10", "15:00", 90, "B"),
        ]
    }

    static func meeting(_ platform: String, _ number: Int, _ date: String, _ start: String, _ minutes: Int, _ venue: String) -> PlannedMeeting {
        let t = TimeOfDay(start)!
        return PlannedMeeting(platform: platform, number: number, date: LocalDate(date)!, start: t,
                              end: TimeOfDay(minutes: t.minutes + minutes), venue: venue)
    }

    /// Replaces meeting `number` of `platform` (same length) by one on `date` at `start` at `venue`.
    mutating func move(_ platform: String, _ number: Int, to date: String, at start: String? = nil, venue: String? = nil) {
        let i = plan.firstIndex { $0.platform == platform && $0.number == number }!
        let m = plan[i]
        let minutes = m.end.minutes - m.start.minutes
        plan[i] = Self.meeting(platform, number, date, start ?? m.start.description, minutes, venue ?? m.venue)
    }

    func check(unplaced: [(platform: String, number: Int)] = []) -> MeetingsCheckReport {
        MeetingsChecker.check(meetings: plan, unplaced: unplaced, in: scenario)
    }
}

/// A folder in the temporary directory, removed when the value goes away.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("setka-meetings-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
