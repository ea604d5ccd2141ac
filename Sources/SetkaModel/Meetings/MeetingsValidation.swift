import Foundation

extension ScenarioValidator {
    /// The year plan's tables across the scenario: hosts and participants' schools are
    /// organisations, participants' platforms exist, every travel time a plan may need (from a
    /// participant's school to a place its platforms may meet at) is known; warnings for
    /// platforms nobody attends and `rotate` platforms that cannot alternate.
    mutating func checkMeetings() {
        let platforms = scenario.platforms, participants = scenario.participants
        guard !platforms.isEmpty || !participants.isEmpty || settings.meetings != nil else { return }
        // A table's name in messages: the file, or the workbook's sheet (`book.xlsx[Площадки]`).
        let platformsFile = tables.platforms.table?.displayName ?? "platforms.csv"
        let participantsFile = tables.participants.table?.displayName ?? "participants.csv"
        if settings.meetings != nil, platforms.isEmpty, let t = tables.platforms.table {
            diagnostics.append(.warning(ru: "в \(platformsFile) нет ни одной площадки: годовой план будет пуст",
                                        en: "\(platformsFile) has no platforms: the year plan will be empty",
                                        at: t.location(line: t.document.headerLine)))
        }
        var platformIndex: [String: Int] = [:]
        var platformsByLowercase: [String: String] = [:]
        for (i, p) in platforms.enumerated() {
            if platformIndex[p.id] == nil { platformIndex[p.id] = i }
            if platformsByLowercase[p.id.lowercased()] == nil { platformsByLowercase[p.id.lowercased()] = p.id }
            if !knownOrganisation(p.host) {
                error(tables.platforms, i, "host", unknownOrganisation(p.host))
            }
        }
        // Members (schools of participants) and participants' rows, per platform.
        var members: [[String]] = Array(repeating: [], count: platforms.count)
        var memberSet: [Set<String>] = Array(repeating: [], count: platforms.count)
        var attendees = [Int](repeating: 0, count: platforms.count)
        for (i, person) in participants.enumerated() {
            if !knownOrganisation(person.school) {
                error(tables.participants, i, "school", unknownOrganisation(person.school))
            }
            for id in person.platforms {
                guard let p = platformIndex[id] else {
                    let hint = Self.didYouMean(platformsByLowercase[id.lowercased()])
                    error(tables.participants, i, "platforms", ru: "неизвестная площадка '\(id)' (такого кода нет в \(platformsFile)\(hint.ru))",
                          en: "unknown platform '\(id)' (not an id in \(platformsFile)\(hint.en))")
                    continue
                }
                attendees[p] += 1
                if knownOrganisation(person.school), memberSet[p].insert(person.school).inserted { members[p].append(person.school) }
            }
        }
        let start = settings.meetings?.startTimes ?? MeetingsSettings.defaultStartTimes
        for (i, p) in platforms.enumerated() {
            if attendees[i] == 0 {
                let rotates = p.venue == .rotate
                warning(tables.platforms, i, "id",
                        ru: "в \(participantsFile) никто не ходит на площадку '\(p.id)'\(rotates ? "; встречи переходят по кругу, поэтому без участников их негде проводить" : "")",
                        en: "nobody in \(participantsFile) attends platform '\(p.id)'\(rotates ? "; it rotates, so without members it has nowhere to meet" : "")")
            } else if p.venue == .rotate, members[i].count == 1, p.meetings >= 2 {
                warning(tables.platforms, i, "venue", ru: "встречи площадки '\(p.id)' переходят по кругу (rotate), но все её участники работают в '\(members[i][0])': при одной организации-участнике встречам некуда переходить (дважды подряд в одном месте нельзя)",
                        en: "platform '\(p.id)' rotates, but all its participants work at '\(members[i][0])': with one member organisation its meetings cannot move around (never twice in a row at the same place)")
            }
            if let earliest = start.first, earliest.minutes + p.durationMinutes > 24 * 60 {
                error(tables.platforms, i, "duration_minutes", ru: "встреча длиной \(p.durationMinutes) минут с началом в \(earliest) (самое раннее из meetings.start_times) заканчивается после полуночи",
                      en: "a meeting of \(p.durationMinutes) minutes starting at \(earliest) (the earliest of meetings.start_times) ends after midnight")
            }
        }
        checkMeetingTravelTimes(members: members, platformIndex: platformIndex)
    }

    /// Every pair (a participant's school, a place one of their platforms may meet at: the host,
    /// or for `rotate` any member organisation) has a travel time. One error per pair, at the
    /// first participant row that needs it.
    private mutating func checkMeetingTravelTimes(members: [[String]], platformIndex: [String: Int]) {
        let platforms = scenario.platforms
        var reported: Set<String> = []
        for (i, person) in scenario.participants.enumerated() {
            guard let from = scenario.organisationIndex[person.school] else { continue }
            for id in person.platforms {
                guard let p = platformIndex[id] else { continue }
                let venues = platforms[p].venue == .host ? [platforms[p].host] : members[p]
                for venue in venues {
                    guard let to = scenario.organisationIndex[venue], scenario.travel.minutes(from, to) == nil else { continue }
                    guard reported.insert(person.school + "\u{1}" + venue).inserted else { continue }
                    let missing = [person.school, venue].filter {
                        let o = scenario.organisation($0)
                        return o?.latitude == nil || o?.longitude == nil
                    }
                    let names = missing.map { "'\($0)'" }
                    let why = missing.isEmpty ? .verbatim("") : Phrase(
                        ru: " (для них нет строки в \(travelFile.ru) и нет координат \(names.joined(separator: " и ")) в \(schoolsFile))",
                        en: " (no row for them in \(travelFile.en), and no coordinates for \(names.joined(separator: " and ")) in \(schoolsFile))")
                    error(tables.participants, i, "school",
                          ru: "неизвестно время в пути из '\(person.school)' в '\(venue)'\(why.ru); оно нужно, потому что '\(person.person)' ходит на площадку '\(id)', которая может собираться в '\(venue)'",
                          en: "the travel time from '\(person.school)' to '\(venue)' is not known\(why.en); it is needed because '\(person.person)' attends platform '\(id)', which may meet at '\(venue)'")
                }
            }
        }
    }
}
