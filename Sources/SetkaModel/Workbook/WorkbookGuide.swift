import Foundation

/// What each sheet and column of a scenario workbook means, in Russian, from
/// `scenario-format.md`: the «Инструкция» sheet, the input messages of the columns, the
/// drop-down lists and the cell types `setka template` writes.
public enum WorkbookGuide {
    /// How a column's cells are written and offered.
    enum Kind: Equatable {
        /// An id or a `|` list of ids: text, and the column formatted as text.
        case id
        case text
        case number
        /// A yes/no cell: `да`/`нет` (`yes`/`no` in English), with a drop-down list.
        case yesNo
        /// One of fixed values (a strict drop-down).
        case choice([String])
        /// Suggested values (a drop-down that allows others).
        case suggest([String])
        /// A time of day (an Excel time).
        case time
    }

    struct Column {
        var name: String
        var kind: Kind
        var required: Bool
        /// What to write, in Russian (the input message and the instruction).
        var about: String
    }

    struct SheetGuide {
        /// The table key (`students`), also the English sheet name.
        var key: String
        /// The Russian sheet name as the template writes it (`Ученики`).
        var russian: String
        var about: String
        var columns: [Column]
    }

    static let kinds = OrganisationKind.allCases.map(\.rawValue)
    static let roomKinds = ["classroom", "chemistry-lab", "physics-lab", "biology-lab", "computer", "workshop", "gym"]

    static let settings = SheetGuide(key: "settings", russian: "Настройки",
        about: "Общие настройки сценария: одна настройка в строке, столбец key — её имя, value — значение. Пустое значение = значение по умолчанию.",
        columns: [
            Column(name: "key", kind: .id, required: true, about: "Имя настройки: name, language, travel.speed_kmh, profile_day.min_section_size и т. д. (все перечислены ниже)."),
            Column(name: "value", kind: .text, required: true, about: "Значение настройки. Список — через | (например, 100|80|60|40|20|10)."),
        ])

    /// The keys of the settings sheet with what they mean and their defaults.
    static let settingKeys: [(key: String, about: String)] = [
        ("name", "название сценария (по умолчанию — имя файла)"),
        ("language", "язык отчётов: ru или en (по умолчанию ru)"),
        ("travel.speed_kmh", "средняя скорость в пути, км/ч (по умолчанию 40)"),
        ("travel.road_factor", "во сколько раз дорога длиннее прямой (по умолчанию 1,3)"),
        ("profile_day.min_section_size", "наименьшая группа, чтобы занятие открылось (по умолчанию 10)"),
        ("profile_day.max_section_size", "наибольшая группа (по умолчанию 25)"),
        ("profile_day.courses_per_student", "сколько курсов выбирает ученик (по умолчанию 2)"),
        ("profile_day.max_trip_minutes", "дальше скольких минут пути от своей школы ученика не везут (по умолчанию 60)"),
        ("profile_day.visiting_teacher_rule", "да: в чужой организации педагог ведёт группу, только если в ней не меньше минимума учеников этой организации (по умолчанию да)"),
        ("profile_day.weights.rank", "ценность 1-го, 2-го, ... выбора ученика, через | (по умолчанию 100|80|60|40|20|10; последнее число повторяется)"),
        ("profile_day.weights.travel_minute", "штраф за минуту пути ученика (по умолчанию 0,2)"),
        ("profile_day.weights.section", "штраф за каждую открытую группу (по умолчанию 5)"),
        ("meetings.school_year", "годовой план сетевых встреч: год, с 1 сентября которого начинается учебный год (например 2026 для 2026/27); без него плана встреч нет"),
        ("meetings.weekdays", "дни недели для встреч через | : mon, tue, wed, thu, fri, sat, sun или пн … вс (по умолчанию tue|wed|thu)"),
        ("meetings.start_times", "время начала встреч ЧЧ:ММ, несколько через | (по умолчанию 15:00)"),
        ("meetings.min_days_between", "не меньше скольких дней между двумя встречами одной площадки (по умолчанию 21)"),
        ("meetings.max_per_venue", "сколько встреч одновременно может принять одна организация (по умолчанию 1)"),
        ("meetings.time_zone", "часовой пояс для файлов календаря (по умолчанию Europe/Moscow)"),
    ]

    static let slots = SheetGuide(key: "slots", russian: "Занятия",
        about: "Занятия (пары) профильного дня по порядку. Лист нужен, только если составляется профильный день; без него сценарий — только партнёрство.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Номер или имя занятия, например 1."),
            Column(name: "start", kind: .time, required: true, about: "Начало, ЧЧ:ММ (например 09:00)."),
            Column(name: "end", kind: .time, required: true, about: "Окончание, ЧЧ:ММ; занятия не перекрываются."),
        ])

    static let partnering = SheetGuide(key: "partnering", russian: "Партнёрство",
        about: "Правила подбора партнёров (ШНОР — школа-партнёр, детский сад — школа): одно правило в строке. Пустая ячейка вида или «да/нет» — любые организации.",
        columns: [
            Column(name: "name", kind: .text, required: false, about: "Название правила, например «ШНОР — школы-партнёры»."),
            Column(name: "recipients_kind", kind: .suggest(kinds), required: false, about: "Вид получателей: school, kindergarten, additional, college, university; несколько — через |."),
            Column(name: "recipients_low_results", kind: .yesNo, required: false, about: "да — только школы с низкими результатами (ШНОР), нет — только остальные, пусто — все."),
            Column(name: "providers_kind", kind: .suggest(kinds), required: false, about: "Вид партнёров (кто помогает), как recipients_kind."),
            Column(name: "providers_low_results", kind: .yesNo, required: false, about: "Обычно нет: партнёр — не ШНОР."),
            Column(name: "partners_per_recipient", kind: .number, required: false, about: "Сколько партнёров у каждого получателя (по умолчанию 1)."),
            Column(name: "max_travel_minutes", kind: .number, required: false, about: "Наибольшее время пути между парой, мин (по умолчанию 60)."),
            Column(name: "subjects", kind: .id, required: false, about: "Предметы, по которым партнёр сильнее, через | (например math|russian); пусто — все столбцы score: на листе организаций; нет — ни одного (партнёр подбирается только по близости)."),
            Column(name: "travel_minute", kind: .number, required: false, about: "Штраф за минуту пути между парой (по умолчанию 0,5)."),
            Column(name: "fixed", kind: .id, required: false, about: "Пары, закреплённые заранее: получатель>партнёр, несколько через | (например lugovskaya>olkhovskaya)."),
            Column(name: "forbidden", kind: .id, required: false, about: "Запрещённые пары, так же: получатель>партнёр|..."),
            Column(name: "avoid_unhelpful", kind: .yesNo, required: false,
                   about: "да — не назначать снова пары, чьё партнёрство не дало роста (нужны листы results и partners-history). Пусто — нет."),
        ])

    static let schools = SheetGuide(key: "schools", russian: "Организации",
        about: "Все организации района: школы, детские сады, центры дополнительного образования, колледжи, вузы. Нужен всегда.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя без пробелов, например olkhovskaya или sosh1; по нему на организацию ссылаются другие листы."),
            Column(name: "name", kind: .text, required: true, about: "Полное название, например МБОУ «Ольховская СОШ»."),
            Column(name: "kind", kind: .choice(kinds), required: false, about: "Вид: school (школа), kindergarten (детский сад), additional (доп. образование), college, university. Пусто — school."),
            Column(name: "lat", kind: .number, required: false, about: "Широта в градусах (например 51,5812). Нужна для расчёта времени в пути, если его нет на листе переездов."),
            Column(name: "lon", kind: .number, required: false, about: "Долгота в градусах (например 39,7034)."),
            Column(name: "low_results", kind: .yesNo, required: false, about: "да — школа в региональном списке ШНОР (низкие образовательные результаты). Пусто — нет."),
            Column(name: "partner_capacity", kind: .number, required: false, about: "Скольким получателям организация может помогать как партнёр (по умолчанию 0)."),
            Column(name: "score:math", kind: .number, required: false, about: "Результаты по предмету, 0–100. Столбцов score:ПРЕДМЕТ может быть сколько угодно (score:russian, score:physics...)."),
        ])

    static let rooms = SheetGuide(key: "rooms", russian: "Помещения",
        about: "Помещения, которые организации дают на профильный день.",
        columns: [
            Column(name: "site", kind: .id, required: true, about: "id организации, где помещение."),
            Column(name: "id", kind: .id, required: true, about: "Номер или имя помещения, уникальный в своей организации (например 204)."),
            Column(name: "capacity", kind: .number, required: true, about: "Число мест."),
            Column(name: "kind", kind: .suggest(roomKinds), required: false, about: "Тип: classroom, chemistry-lab, computer, workshop, gym... (пусто — classroom). Курс идёт в помещении своего типа."),
        ])

    static let teachers = SheetGuide(key: "teachers", russian: "Педагоги",
        about: "Педагоги, которые могут вести сетевые курсы.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя без пробелов, например T07."),
            Column(name: "name", kind: .text, required: false, about: "ФИО (пусто — как id)."),
            Column(name: "site", kind: .id, required: true, about: "id организации, где педагог работает."),
            Column(name: "courses", kind: .id, required: true, about: "id курсов, которые педагог может вести, через | (например robotics|programming)."),
            Column(name: "max_sections", kind: .number, required: false, about: "Сколько групп за день самое большее (пусто — сколько занятий)."),
            Column(name: "slots", kind: .id, required: false, about: "Занятия, когда педагог свободен, через | (например 1|2); пусто — все."),
            Column(name: "travels", kind: .yesNo, required: false, about: "нет — ведёт только в своей организации (или дистанционно). Пусто — да."),
        ])

    static let courses = SheetGuide(key: "courses", russian: "Курсы",
        about: "Сетевые элективные курсы, которые предлагаются на профильный день.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя без пробелов, например robotics."),
            Column(name: "title", kind: .text, required: false, about: "Название, например «Основы робототехники» (пусто — как id)."),
            Column(name: "subject", kind: .id, required: false, about: "Предмет (id), например physics."),
            Column(name: "room_kind", kind: .suggest(["any"] + roomKinds), required: false, about: "Тип помещения (пусто — classroom; any — любое)."),
            Column(name: "min_size", kind: .number, required: false, about: "Наименьшая группа (пусто — profile_day.min_section_size из настроек)."),
            Column(name: "max_size", kind: .number, required: false, about: "Наибольшая группа (пусто — profile_day.max_section_size)."),
            Column(name: "remote", kind: .yesNo, required: false, about: "да — может идти дистанционно (без помещения и без поездки). Пусто — нет."),
            Column(name: "sites", kind: .id, required: false, about: "id организаций, где курс может идти, через |; пусто — любые."),
        ])

    static let students = SheetGuide(key: "students", russian: "Ученики",
        about: "Старшеклассники и их выбор курсов. Имена не нужны: id — обезличенный номер.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Обезличенный номер ученика, например s0417."),
            Column(name: "school", kind: .id, required: true, about: "id школы ученика."),
            Column(name: "grade", kind: .number, required: false, about: "Класс (например 10)."),
            Column(name: "wants", kind: .number, required: false, about: "Сколько курсов берёт (пусто — profile_day.courses_per_student)."),
            Column(name: "choices", kind: .id, required: true, about: "id курсов по порядку предпочтения, лучший первым, через | (например robotics|chem-lab|law)."),
        ])

    static let travel = SheetGuide(key: "travel", russian: "Переезды",
        about: "Время в пути между организациями, если оно известно (иначе считается по координатам). Необязательный лист.",
        columns: [
            Column(name: "from", kind: .id, required: true, about: "id организации, откуда."),
            Column(name: "to", kind: .id, required: true, about: "id организации, куда."),
            Column(name: "minutes", kind: .number, required: true, about: "Минуты в пути от двери до двери; годится для обоих направлений, если обратной строки нет."),
        ])

    static let results = SheetGuide(key: "results", russian: "results",
        about: "Прошлые результаты школ по предметам (для setka effect: помогли ли партнёрства). Необязательный лист.",
        columns: [
            Column(name: "school", kind: .id, required: true, about: "id школы."),
            Column(name: "year", kind: .number, required: true, about: "Календарный год оценки (например 2025)."),
            Column(name: "subject", kind: .id, required: true, about: "Предмет, как в столбце score: (например math)."),
            Column(name: "score", kind: .number, required: true, about: "Средний результат школы, 0–100."),
        ])

    static let partnersHistory = SheetGuide(key: "partners-history", russian: "partners-history",
        about: "Пары партнёров прошлых лет (для setka effect). Необязательный лист.",
        columns: [
            Column(name: "year", kind: .number, required: true, about: "Учебный год, начинающийся в сентябре этого года."),
            Column(name: "rule", kind: .text, required: true, about: "Название правила партнёрства."),
            Column(name: "recipient", kind: .id, required: true, about: "id получателя (ШНОР)."),
            Column(name: "provider", kind: .id, required: true, about: "id партнёра."),
        ])

    static let pins = SheetGuide(key: "pins", russian: "Закрепления",
        about: "Группы, которые координатор закрепляет вручную (правило H6): каждая строка — своя открытая группа. Пустой столбец — любое значение. Необязательный лист.",
        columns: [
            Column(name: "course", kind: .id, required: true, about: "id курса закреплённой группы."),
            Column(name: "teacher", kind: .id, required: false, about: "id педагога (пусто — любой, кто ведёт курс)."),
            Column(name: "site", kind: .id, required: false, about: "id организации, где идёт группа, или remote (дистанционно). Пусто — любая."),
            Column(name: "room", kind: .id, required: false, about: "Аудитория на этой площадке (нужна площадка). Пусто — любая подходящая."),
            Column(name: "slot", kind: .id, required: false, about: "id занятия (пусто — любое)."),
            Column(name: "students", kind: .id, required: false, about: "id учеников, которые ходят в эту группу, через | (остальные могут присоединиться)."),
        ])

    static let venues = VenueRule.allCases.map(\.rawValue)

    static let platforms = SheetGuide(key: "platforms", russian: "Площадки",
        about: "Сетевые площадки («НЕТВОРКИНГ») для годового плана встреч (setka meetings): одна площадка в строке. Лист нужен, только если в настройках есть meetings.school_year.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя площадки без пробелов, например robotics-net."),
            Column(name: "name", kind: .text, required: false, about: "Название, например Площадка «Робототехника» (пусто — как id)."),
            Column(name: "host", kind: .id, required: true, about: "id базовой организации площадки."),
            Column(name: "meetings", kind: .number, required: false, about: "Сколько встреч в году (по умолчанию 5)."),
            Column(name: "months", kind: .id, required: false,
                   about: "Месяцы встреч по порядку через |: встреча k — в k-й группе; группа — месяц M или диапазон M-N (по умолчанию 9|11|1|3|5-6). Встречи сверх групп — в любой месяц с сентября по июнь."),
            Column(name: "duration_minutes", kind: .number, required: false, about: "Длительность встречи, мин (по умолчанию 120)."),
            Column(name: "venue", kind: .choice(venues), required: false,
                   about: "host — все встречи в базовой организации (по умолчанию); rotate — встречи переходят по организациям участников, не дважды подряд в одной."),
        ])

    static let participants = SheetGuide(key: "participants", russian: "Участники",
        about: "Кто ходит на какие площадки: один человек в строке. Имена не нужны: person — обезличенный номер.",
        columns: [
            Column(name: "person", kind: .id, required: true, about: "Обезличенный номер педагога, например p0042."),
            Column(name: "school", kind: .id, required: true, about: "id организации, где человек работает (отсюда считается дорога)."),
            Column(name: "platforms", kind: .id, required: true, about: "id площадок, на которые ходит человек, через | (например robotics-net|chem-net)."),
        ])

    static let noMeetings = SheetGuide(key: "no_meetings", russian: "Без встреч",
        about: "Каникулы и другие дни без встреч (meetings.no_meetings): один период в строке, включительно. Необязательный лист.",
        columns: [
            Column(name: "from", kind: .id, required: true, about: "Первый день, ГГГГ-ММ-ДД (например 2026-10-26)."),
            Column(name: "to", kind: .id, required: false, about: "Последний день, ГГГГ-ММ-ДД (пусто — один день from)."),
            Column(name: "name", kind: .text, required: false, about: "Что это, например осенние каникулы (для сводного плана)."),
        ])

    /// What each column of `table` (`teachers`, `courses`, …) holds, in Russian, as the
    /// template's input messages say it: for forms that ask for one column's value.
    public static func columnNotes(_ table: String) -> [String: String] {
        guard let sheet = all.first(where: { $0.key == table }) else { return [:] }
        return Dictionary(sheet.columns.map { ($0.name, $0.about) }, uniquingKeysWith: { a, _ in a })
    }

    /// The sheets in the order the template writes them.
    static let all = [settings, slots, partnering, schools, rooms, teachers, courses, students, travel, results, partnersHistory, pins,
                      platforms, participants, noMeetings]

    static func sheet(_ key: String) -> SheetGuide? { all.first { $0.key == key } }

    /// The guide of a column of a sheet (`score:physics` as `score:math`).
    static func column(_ key: String, _ name: String) -> Column? {
        guard let s = sheet(key) else { return nil }
        if name.hasPrefix("score:"), key == "schools" {
            return Column(name: name, kind: .number, required: false, about: "Результаты по предмету \(name.dropFirst(6)), 0–100.")
        }
        return s.columns.first { $0.name == name }
    }

    /// The rows of the «Инструкция» sheet: a title, the general rules, then each sheet's columns.
    static func instructionRows(language: ReportLanguage) -> [[WorkbookWriter.Cell]] {
        typealias C = WorkbookWriter.Cell
        let yes = language == .ru ? "да/нет" : "yes/no"
        func name(_ s: SheetGuide) -> String { language == .ru ? s.russian : s.key }
        var rows: [[C]] = [[.text("Как заполнить эту книгу для Setka", .title)], []]
        let rules = [
            "Каждый лист — одна таблица сценария. Setka находит листы по названию, по-русски или по-английски, без учёта регистра: "
                + all.map { "\($0.russian) = \($0.key)" }.joined(separator: ", ") + ". Листы с другими названиями (как этот) не читаются.",
            "Первая строка листа — названия столбцов (по-английски, как в формате Setka); не переводите и не меняйте их. Порядок столбцов любой, лишние столбцы пропускаются.",
            "Строка 2 на листах с данными — пример (серый курсив). Замените её своими данными или удалите.",
            "id — короткое имя без пробелов и без знака |, например sosh1 или T07 (можно кириллицей). Списки пишутся через |, например robotics|chem-lab. Столбцы с id отформатированы как текст, чтобы Excel не превращал 1-2 в дату.",
            "Да/нет: \(yes) (также да/нет, yes/no, 1/0, true/false, ИСТИНА/ЛОЖЬ). Числа — числами или текстом, дробная часть через запятую или точку. Время — ЧЧ:ММ.",
            "Пустые строки пропускаются. Скрытые строки (например, после фильтра) тоже читаются. Формулы можно: читается их сохранённое значение.",
            "Проверка: setka validate ФАЙЛ.xlsx. Каждая ошибка называет лист и ячейку, например район.xlsx[Ученики]!C17, и что там ожидалось.",
            "Расчёт: setka schedule ФАЙЛ.xlsx --out ПАПКА (профильный день), setka partner ФАЙЛ.xlsx --out ПАПКА (партнёры), setka meetings ФАЙЛ.xlsx --out ПАПКА (годовой план сетевых встреч). Файл Setka не меняет.",
        ]
        for r in rules { rows.append([.text("•"), .text(r, .wrapped)]) }
        rows.append([])
        rows.append([.text("Лист", .header), .text("Столбец", .header), .text("Что писать", .header), .text("Обязательно", .header)])
        for s in all {
            rows.append([.text(name(s), .header), .text("", .header), .text(s.about, .header), .text("", .header)])
            for c in s.columns {
                rows.append([.text(name(s)), .text(c.name), .text(c.about, .wrapped), .text(c.required ? "да" : "")])
            }
            if s.key == "settings" {
                for (key, about) in settingKeys {
                    rows.append([.text(name(s)), .text("key = " + key), .text(about, .wrapped), .text("")])
                }
            }
        }
        return rows
    }
}
