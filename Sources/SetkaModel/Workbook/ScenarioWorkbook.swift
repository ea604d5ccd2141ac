import Foundation

/// A scenario as a workbook (`setka template`): the «Инструкция» sheet («Instructions» in
/// English), then `settings`,
/// `slots`, `partnering` and one sheet per table (the year plan's `platforms`, `participants`
/// and `no_meetings` among them), each with its header row frozen, column
/// widths, text format for id columns, drop-down lists for `kind` and yes/no cells, and an
/// input message on every column. The tables' cells are the rows `ScenarioWriter` writes to
/// CSV files (numbers as numbers, yes/no as `да`/`нет`), so a workbook loads to the same
/// scenario as the folder it was made from.
public enum ScenarioWorkbook {
    /// The workbook of `scenario`, as bytes. With `example`, the data rows are styled as the
    /// template's examples.
    public static func workbook(_ scenario: Scenario, language: ReportLanguage, example: Bool = false) throws -> Data {
        try WorkbookWriter.workbook(sheets(scenario, language: language, example: example))
    }

    /// The empty workbook a coordinator fills in: every sheet with one example row (and the
    /// settings with their defaults).
    public static func template(language: ReportLanguage) throws -> Data {
        try workbook(example(language), language: language, example: true)
    }

    // MARK: sheets

    typealias Cell = WorkbookWriter.Cell

    static func sheetName(_ guide: WorkbookGuide.SheetGuide, _ language: ReportLanguage) -> String {
        language == .ru ? guide.russian : guide.key
    }

    static func yesNo(_ b: Bool, _ language: ReportLanguage) -> String {
        language == .ru ? (b ? "да" : "нет") : (b ? "yes" : "no")
    }

    static func sheets(_ s: Scenario, language: ReportLanguage, example: Bool)
        -> [WorkbookWriter.Sheet] {
        var out: [WorkbookWriter.Sheet] = []
        out.append(WorkbookWriter.Sheet(name: WorkbookGuide.instructionSheetName(language), columns: [.init(width: 16), .init(width: 26), .init(width: 100), .init(width: 12)],
                                        rows: WorkbookGuide.instructionRows(language: language), frozenRows: 0))
        func yn(_ b: Bool) -> String { yesNo(b, language) }
        // Every score column: empty; no subjects at all: "нет" / "none".
        func subjects(_ list: [String]?) -> String {
            guard let list else { return "" }
            return list.isEmpty ? (language == .ru ? "нет" : "none") : list.joined(separator: "|")
        }
        func num(_ x: Double) -> String { ScenarioWriter.number(x) }

        // settings
        var settings: [[String]] = [["key", "value"], ["name", s.name], ["language", s.language.rawValue],
                                    ["travel.speed_kmh", num(s.travelSettings.speedKmh)],
                                    ["travel.road_factor", num(s.travelSettings.roadFactor)]]
        if let p = s.profileDay {
            settings += [["profile_day.min_section_size", String(p.minSectionSize)],
                         ["profile_day.max_section_size", String(p.maxSectionSize)],
                         ["profile_day.courses_per_student", String(p.coursesPerStudent)],
                         ["profile_day.max_trip_minutes", num(p.maxTripMinutes)],
                         ["profile_day.visiting_teacher_rule", yn(p.visitingTeacherRule)],
                         ["profile_day.weights.rank", p.weights.rank.map(num).joined(separator: "|")],
                         ["profile_day.weights.travel_minute", num(p.weights.travelMinute)],
                         ["profile_day.weights.section", num(p.weights.section)]]
        }
        if let m = s.meetings { settings += ScenarioWriter.meetingsSettingRows(m) }
        out.append(sheet(WorkbookGuide.settings, settings, language: language, example: false) { key, value in
            // A value is a number where the setting is a number (the list of ranks stays text).
            key.hasSuffix("rank") || key == "name" || key == "language" || key.hasPrefix("meetings.") && Int(value) == nil
                || TableReader.parseYesNo(value) != nil ? .text : .number
        })

        // slots
        if let p = s.profileDay {
            var rows: [[String]] = [["id", "start", "end"]]
            rows += p.slots.map { [$0.id, $0.start.description, $0.end.description] }
            out.append(sheet(WorkbookGuide.slots, rows, language: language, example: false))
        }

        // partnering
        if !s.partnering.isEmpty || example {
            var rows: [[String]] = [WorkbookGuide.partnering.columns.map(\.name)]
            for rule in s.partnering {
                func kinds(_ sel: OrganisationSelector) -> String { sel.kinds.map { $0.map(\.rawValue).joined(separator: "|") } ?? "" }
                func pairs(_ p: [PartnerPair]) -> String { p.map { "\($0.recipient)>\($0.provider)" }.joined(separator: "|") }
                rows.append([rule.name, kinds(rule.recipients), rule.recipients.lowResults.map(yn) ?? "",
                             kinds(rule.providers), rule.providers.lowResults.map(yn) ?? "",
                             String(rule.partnersPerRecipient), num(rule.maxTravelMinutes), subjects(rule.subjects),
                             num(rule.travelMinute), pairs(rule.fixed), pairs(rule.forbidden), yn(rule.avoidUnhelpful)])
            }
            out.append(sheet(WorkbookGuide.partnering, rows, language: language, example: example))
        }

        // tables, as ScenarioWriter writes them
        let profile = s.profileDay != nil
        out.append(sheet(WorkbookGuide.schools, ScenarioWriter.schoolsRows(s.organisations), language: language, example: example))
        if profile || !s.rooms.isEmpty { out.append(sheet(WorkbookGuide.rooms, ScenarioWriter.roomsRows(s.rooms), language: language, example: example)) }
        if profile || !s.teachers.isEmpty { out.append(sheet(WorkbookGuide.teachers, ScenarioWriter.teachersRows(s.teachers), language: language, example: example)) }
        if profile || !s.courses.isEmpty { out.append(sheet(WorkbookGuide.courses, ScenarioWriter.coursesRows(s.courses), language: language, example: example)) }
        if profile || !s.students.isEmpty { out.append(sheet(WorkbookGuide.students, ScenarioWriter.studentsRows(s.students), language: language, example: example)) }
        if !s.travelEntries.isEmpty || example {
            out.append(sheet(WorkbookGuide.travel, ScenarioWriter.travelRows(s.travelEntries), language: language, example: example))
        }
        if !s.results.isEmpty {
            out.append(sheet(WorkbookGuide.results, ScenarioWriter.resultsRows(s.results), language: language, example: example))
        }
        if !s.partnersHistory.isEmpty {
            out.append(sheet(WorkbookGuide.partnersHistory, ScenarioWriter.historyRows(s.partnersHistory), language: language, example: example))
        }
        // Pins (H6): the template shows the sheet empty, with its columns explained.
        if !s.pins.isEmpty || example {
            out.append(sheet(WorkbookGuide.pins, ScenarioWriter.pinsRows(s.pins), language: language, example: example))
        }
        // the year plan of network meetings
        if s.meetings != nil || !s.platforms.isEmpty || !s.participants.isEmpty || example {
            out.append(sheet(WorkbookGuide.platforms, ScenarioWriter.platformsRows(s.platforms), language: language, example: example))
            out.append(sheet(WorkbookGuide.participants, ScenarioWriter.participantsRows(s.participants), language: language, example: example))
        }
        if let m = s.meetings, !m.noMeetings.isEmpty || example {
            out.append(sheet(WorkbookGuide.noMeetings, ScenarioWriter.noMeetingsRows(m.noMeetings), language: language, example: example))
        }
        return out
    }

    /// How a settings value is written (the settings sheet decides per row).
    enum ValueType { case text, number }

    /// A table sheet from the CSV rows (header first): each cell typed by its column's guide.
    static func sheet(_ guide: WorkbookGuide.SheetGuide, _ rows: [[String]], language: ReportLanguage, example: Bool,
                      settingType: ((String, String) -> ValueType)? = nil) -> WorkbookWriter.Sheet {
        let header = rows.first ?? []
        let columns = header.map { WorkbookGuide.column(guide.key, $0) }
        var cells: [[Cell]] = [header.map { .text($0, .header) }]
        cells.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            var out: [Cell] = []
            out.reserveCapacity(row.count)
            for (c, text) in row.enumerated() {
                var kind = columns[c]?.kind ?? .text
                if let settingType, c == 1 { kind = settingType(row[0], text) == .number ? .number : .text }
                out.append(cell(text, kind: kind, language: language, example: example))
            }
            cells.append(out)
        }
        var widths: [WorkbookWriter.Column] = []
        var validations: [WorkbookWriter.Validation] = []
        for (c, name) in header.enumerated() {
            var longest = name.count
            for row in rows.prefix(2000).dropFirst() where c < row.count { longest = max(longest, row[c].count) }
            let kind = columns[c]?.kind
            widths.append(.init(width: min(max(Double(longest) + 3, 9), 50), style: kind == .id ? .text : .normal))
            let about = columns[c].map { $0.about(language) + ($0.required ? (language == .ru ? " Обязательно." : " Required.") : "") }
            switch kind {
            case .choice(let values)?:
                validations.append(.init(column: c, list: values, strict: true, title: name, prompt: about))
            case .suggest(let values)?:
                validations.append(.init(column: c, list: values, strict: false, title: name, prompt: about))
            case .yesNo?:
                validations.append(.init(column: c, list: language == .ru ? ["да", "нет"] : ["yes", "no"], strict: true, title: name, prompt: about))
            default:
                validations.append(.init(column: c, title: name, prompt: about))
            }
        }
        return WorkbookWriter.Sheet(name: sheetName(guide, language), columns: widths, rows: cells, frozenRows: 1,
                                    validations: validations)
    }

    /// The settings sheet: values typed per row.
    static func sheet(_ guide: WorkbookGuide.SheetGuide, _ rows: [[String]], language: ReportLanguage, example: Bool,
                      _ type: @escaping (String, String) -> ValueType) -> WorkbookWriter.Sheet {
        sheet(guide, rows, language: language, example: example, settingType: type)
    }

    /// One cell of a table from its CSV text.
    static func cell(_ text: String, kind: WorkbookGuide.Kind, language: ReportLanguage, example: Bool) -> Cell {
        let style: WorkbookWriter.Style = example ? .example : .normal
        if text.isEmpty { return .empty }
        switch kind {
        case .number:
            // A number whose text reads back the same from a numeric cell; otherwise text (keeps
            // more than 15 significant digits exactly).
            if let x = Double(text), CellText.number(text) == text { return Cell(.number(x), style) }
            return .text(text, style)
        case .yesNo:
            if let b = TableReader.parseYesNo(text) { return .text(yesNo(b, language), style) }
            return .text(text, style)
        case .time:
            if let t = TimeOfDay(text) { return Cell(.time(minutes: t.minutes), example ? .exampleTime : .time) }
            return .text(text, style)
        case .id:
            return .text(text, example ? .example : .text)
        case .text, .choice, .suggest:
            return .text(text, style)
        }
    }

    // MARK: the template's example

    /// The example scenario of the template: two schools, a room, a teacher, a course, a student,
    /// a travel time, three slots, a partnering rule, and a network platform with one participant
    /// and the autumn holidays closed. It loads and validates as it is.
    static func example(_ language: ReportLanguage) -> Scenario {
        let ru = language == .ru
        let slots = [Slot(id: "1", start: TimeOfDay("09:00")!, end: TimeOfDay("10:30")!),
                     Slot(id: "2", start: TimeOfDay("10:50")!, end: TimeOfDay("12:20")!),
                     Slot(id: "3", start: TimeOfDay("13:00")!, end: TimeOfDay("14:30")!)]
        let rule = PartnerRule(name: ru ? "ШНОР — школы-партнёры" : "Low-results schools and partners",
                               recipients: OrganisationSelector(kinds: [.school], lowResults: true),
                               providers: OrganisationSelector(kinds: [.school], lowResults: false),
                               partnersPerRecipient: 1, maxTravelMinutes: 60, subjects: ["math", "russian"], travelMinute: 0.5)
        var s = Scenario(
            name: ru ? "Мой район — профильный день" : "My district — profile day", language: language,
            travelSettings: TravelSettings(), profileDay: ProfileDaySettings(slots: slots), partnering: [rule],
            organisations: [
                Organisation(id: "sosh1", name: ru ? "МБОУ «СОШ № 1»" : "School No. 1", kind: .school, latitude: 51.5812, longitude: 39.7034,
                             lowResults: false, partnerCapacity: 1, scores: ["math": 68.4, "russian": 74.1]),
                Organisation(id: "ivanovka", name: ru ? "МКОУ «Ивановская ООШ»" : "Ivanovka Basic School", kind: .school,
                             latitude: 51.6231, longitude: 39.8102, lowResults: true, partnerCapacity: 0, scores: ["math": 41.2, "russian": 48.5]),
            ],
            rooms: [Room(site: "sosh1", id: "101", capacity: 25, kind: "computer")],
            teachers: [Teacher(id: "T01", name: ru ? "Иванова А. А." : "A. Ivanova", site: "sosh1", courses: ["robotics"], maxSections: 2)],
            courses: [Course(id: "robotics", title: ru ? "Основы робототехники" : "Robotics basics", subject: "robotics",
                             roomKind: "computer", maxSize: 15)],
            students: [Student(id: "s0001", school: "ivanovka", grade: 10, choices: ["robotics"])],
            travelEntries: [TravelEntry(from: "ivanovka", to: "sosh1", minutes: 25)])
        s.meetings = MeetingsSettings(schoolYear: 2026, noMeetings: [
            ClosedDates(from: LocalDate("2026-10-26")!, to: LocalDate("2026-11-04")!, name: ru ? "осенние каникулы" : "autumn holidays")])
        s.platforms = [Platform(id: "robotics-net", name: ru ? "Площадка «Робототехника»" : "Robotics network", host: "sosh1")]
        s.participants = [Participant(person: "p0001", school: "ivanovka", platforms: ["robotics-net"])]
        return s
    }
}
