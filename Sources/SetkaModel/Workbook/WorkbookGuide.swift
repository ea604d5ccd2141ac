import Foundation

/// What each sheet and column of a scenario workbook means, in Russian and in English, from
/// `scenario-format.md`: the «Инструкция» sheet («Instructions»), the input messages of the
/// columns, the drop-down lists and the cell types `setka template` writes.
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
        /// The same in English.
        var en: String

        /// What to write in `language`.
        func about(_ language: ReportLanguage) -> String { language == .ru ? about : en }
    }

    struct SheetGuide {
        /// The table key (`students`), also the English sheet name.
        var key: String
        /// The Russian sheet name as the template writes it (`Ученики`).
        var russian: String
        var about: String
        /// `about` in English.
        var en: String
        var columns: [Column]

        /// What the sheet is for, in `language`.
        func about(_ language: ReportLanguage) -> String { language == .ru ? about : en }
    }

    static let kinds = OrganisationKind.allCases.map(\.rawValue)
    static let roomKinds = ["classroom", "chemistry-lab", "physics-lab", "biology-lab", "computer", "workshop", "gym"]

    static let settings = SheetGuide(key: "settings", russian: "Настройки",
        about: "Общие настройки сценария: одна настройка в строке, столбец key — её имя, value — значение. Пустое значение = значение по умолчанию.", en: "General settings of the scenario: one setting a row, the column key its name, value its value. An empty value means the default.",
        columns: [
            Column(name: "key", kind: .id, required: true, about: "Имя настройки: name, language, travel.speed_kmh, profile_day.min_section_size и т. д. (все перечислены ниже).", en: "The setting's name: name, language, travel.speed_kmh, profile_day.min_section_size and so on (all are listed below)."),
            Column(name: "value", kind: .text, required: true, about: "Значение настройки. Список — через | (например, 100|80|60|40|20|10).", en: "The setting's value. A list is separated by | (for example 100|80|60|40|20|10)."),
        ])

    /// The keys of the settings sheet with what they mean and their defaults.
    static let settingKeys: [(key: String, about: String, en: String)] = [
        ("name", "название сценария (по умолчанию — имя файла)", "the scenario's name (default: the file's name)"),
        ("language", "язык отчётов: ru или en (по умолчанию ru)", "the reports' language: ru or en (default ru)"),
        ("travel.speed_kmh", "средняя скорость в пути, км/ч (по умолчанию 40)", "mean travel speed, km/h (default 40)"),
        ("travel.road_factor", "во сколько раз дорога длиннее прямой (по умолчанию 1,3)",
         "how many times longer the road is than the straight line (default 1.3)"),
        ("profile_day.min_section_size", "наименьшая группа, чтобы занятие открылось (по умолчанию 10)",
         "the smallest section that opens (default 10)"),
        ("profile_day.max_section_size", "наибольшая группа (по умолчанию 25)", "the largest section (default 25)"),
        ("profile_day.courses_per_student", "сколько курсов выбирает ученик (по умолчанию 2)", "how many courses a student takes (default 2)"),
        ("profile_day.max_trip_minutes", "дальше скольких минут пути от своей школы ученика не везут (по умолчанию 60)",
         "the longest trip from a student's own school, minutes (default 60)"),
        ("profile_day.visiting_teacher_rule",
         "да: в чужой организации педагог ведёт группу, только если в ней не меньше минимума учеников этой организации (по умолчанию да)",
         "yes: at another organisation a teacher teaches a section only when it has at least the minimum of that organisation's students (default yes)"),
        ("profile_day.weights.rank", "ценность 1-го, 2-го, ... выбора ученика, через | (по умолчанию 100|80|60|40|20|10; последнее число повторяется)",
         "the value of a student's 1st, 2nd, ... choice, separated by | (default 100|80|60|40|20|10; the last number repeats)"),
        ("profile_day.weights.travel_minute", "штраф за минуту пути ученика (по умолчанию 0,2)",
         "penalty per minute of a student's travel (default 0.2)"),
        ("profile_day.weights.section", "штраф за каждую открытую группу (по умолчанию 5)", "penalty per open section (default 5)"),
        ("meetings.school_year",
         "годовой план сетевых встреч: год, с 1 сентября которого начинается учебный год (например 2026 для 2026/27); без него плана встреч нет",
         "the year plan of network meetings: the year whose 1 September starts the school year (for example 2026 for 2026/27); without it there is no plan"),
        ("meetings.weekdays", "дни недели для встреч через | : mon, tue, wed, thu, fri, sat, sun или пн … вс (по умолчанию tue|wed|thu)",
         "weekdays for meetings, separated by |: mon, tue, wed, thu, fri, sat, sun (default tue|wed|thu)"),
        ("meetings.start_times", "время начала встреч ЧЧ:ММ, несколько через | (по умолчанию 15:00)",
         "start times of meetings, HH:MM, several separated by | (default 15:00)"),
        ("meetings.min_days_between", "не меньше скольких дней между двумя встречами одной площадки (по умолчанию 21)",
         "at least how many days between two meetings of one platform (default 21)"),
        ("meetings.max_per_venue", "сколько встреч одновременно может принять одна организация (по умолчанию 1)",
         "how many meetings one organisation can host at once (default 1)"),
        ("meetings.time_zone", "часовой пояс для файлов календаря (по умолчанию Europe/Moscow)",
         "the time zone of the calendar files (default Europe/Moscow)"),
    ]

    static let slots = SheetGuide(key: "slots", russian: "Занятия",
        about: "Занятия (пары) профильного дня по порядку. Лист нужен, только если составляется профильный день; без него сценарий — только партнёрство.", en: "The slots (periods) of the profile day, in order. Needed only when a profile day is planned; without it the scenario is partnering only.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Номер или имя занятия, например 1.", en: "The slot's number or name, for example 1."),
            Column(name: "start", kind: .time, required: true, about: "Начало, ЧЧ:ММ (например 09:00).", en: "Start, HH:MM (for example 09:00)."),
            Column(name: "end", kind: .time, required: true, about: "Окончание, ЧЧ:ММ; занятия не перекрываются.", en: "End, HH:MM; slots do not overlap."),
        ])

    static let partnering = SheetGuide(key: "partnering", russian: "Партнёрство",
        about: "Правила подбора партнёров (ШНОР — школа-партнёр, детский сад — школа): одно правило в строке. Пустая ячейка вида или «да/нет» — любые организации.", en: "Rules for choosing partners (a low-results school to a partner school, a kindergarten to a school): one rule a row. An empty kind or yes/no cell means any organisation.",
        columns: [
            Column(name: "name", kind: .text, required: false, about: "Название правила, например «ШНОР — школы-партнёры».", en: "The rule's name, for example “Low-results schools — partner schools”."),
            Column(name: "recipients_kind", kind: .suggest(kinds), required: false, about: "Вид получателей: school, kindergarten, additional, college, university; несколько — через |.", en: "Kind of recipients: school, kindergarten, additional, college, university; several separated by |."),
            Column(name: "recipients_low_results", kind: .yesNo, required: false, about: "да — только школы с низкими результатами (ШНОР), нет — только остальные, пусто — все.", en: "yes — only schools with low results, no — only the others, empty — all."),
            Column(name: "providers_kind", kind: .suggest(kinds), required: false, about: "Вид партнёров (кто помогает), как recipients_kind.", en: "Kind of partners (who helps), as recipients_kind."),
            Column(name: "providers_low_results", kind: .yesNo, required: false, about: "Обычно нет: партнёр — не ШНОР.", en: "Usually no: a partner is not a low-results school."),
            Column(name: "partners_per_recipient", kind: .number, required: false, about: "Сколько партнёров у каждого получателя (по умолчанию 1).", en: "How many partners each recipient gets (default 1)."),
            Column(name: "max_travel_minutes", kind: .number, required: false, about: "Наибольшее время пути между парой, мин (по умолчанию 60).", en: "The longest travel time between a pair, min (default 60)."),
            Column(name: "subjects", kind: .id, required: false, about: "Предметы, по которым партнёр сильнее, через | (например math|russian); пусто — все столбцы score: на листе организаций; нет — ни одного (партнёр подбирается только по близости).", en: "Subjects in which the partner must be stronger, separated by | (for example math|russian); empty — every score: column of the schools sheet; none — no subject (partners are chosen by distance only)."),
            Column(name: "travel_minute", kind: .number, required: false, about: "Штраф за минуту пути между парой (по умолчанию 0,5).", en: "Penalty per minute of travel between a pair (default 0.5)."),
            Column(name: "fixed", kind: .id, required: false, about: "Пары, закреплённые заранее: получатель>партнёр, несколько через | (например lugovskaya>olkhovskaya).", en: "Pairs fixed in advance: recipient>partner, several separated by | (for example lugovskaya>olkhovskaya)."),
            Column(name: "forbidden", kind: .id, required: false, about: "Запрещённые пары, так же: получатель>партнёр|...", en: "Forbidden pairs, the same way: recipient>partner|..."),
            Column(name: "avoid_unhelpful", kind: .yesNo, required: false,
                   about: "да — не назначать снова пары, чьё партнёрство не дало роста (нужны листы results и partners-history). Пусто — нет.", en: "yes — do not pair again schools whose partnership brought no gain (needs the results and partners-history sheets). Empty — no."),
        ])

    static let schools = SheetGuide(key: "schools", russian: "Организации",
        about: "Все организации района: школы, детские сады, центры дополнительного образования, колледжи, вузы. Нужен всегда.", en: "Every organisation of the district: schools, kindergartens, centres of additional education, colleges, universities. Always needed.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя без пробелов, например olkhovskaya или sosh1; по нему на организацию ссылаются другие листы.", en: "A short name without spaces, for example olkhovskaya or sosh1; the other sheets refer to the organisation by it."),
            Column(name: "name", kind: .text, required: true, about: "Полное название, например МБОУ «Ольховская СОШ».", en: "The full name, for example MBOU “Olkhovskaya School”."),
            Column(name: "kind", kind: .choice(kinds), required: false, about: "Вид: school (школа), kindergarten (детский сад), additional (доп. образование), college, university. Пусто — school.", en: "Kind: school, kindergarten, additional (additional education), college, university. Empty — school."),
            Column(name: "lat", kind: .number, required: false, about: "Широта в градусах (например 51,5812). Нужна для расчёта времени в пути, если его нет на листе переездов.", en: "Latitude in degrees (for example 51.5812). Needed to compute travel times when the travel sheet does not give them."),
            Column(name: "lon", kind: .number, required: false, about: "Долгота в градусах (например 39,7034).", en: "Longitude in degrees (for example 39.7034)."),
            Column(name: "low_results", kind: .yesNo, required: false, about: "да — школа в региональном списке ШНОР (низкие образовательные результаты). Пусто — нет.", en: "yes — the school is on the regional list of schools with low results. Empty — no."),
            Column(name: "partner_capacity", kind: .number, required: false, about: "Скольким получателям организация может помогать как партнёр (по умолчанию 0).", en: "How many recipients the organisation can help as a partner (default 0)."),
            Column(name: "score:math", kind: .number, required: false, about: "Результаты по предмету, 0–100. Столбцов score:ПРЕДМЕТ может быть сколько угодно (score:russian, score:physics...).", en: "Results in the subject, 0–100. There may be any number of score:SUBJECT columns (score:russian, score:physics...)."),
        ])

    static let rooms = SheetGuide(key: "rooms", russian: "Помещения",
        about: "Помещения, которые организации дают на профильный день.", en: "Rooms the organisations provide for the profile day.",
        columns: [
            Column(name: "site", kind: .id, required: true, about: "id организации, где помещение.", en: "The id of the organisation where the room is."),
            Column(name: "id", kind: .id, required: true, about: "Номер или имя помещения, уникальный в своей организации (например 204).", en: "The room's number or name, unique within its organisation (for example 204)."),
            Column(name: "capacity", kind: .number, required: true, about: "Число мест.", en: "Number of seats."),
            Column(name: "kind", kind: .suggest(roomKinds), required: false, about: "Тип: classroom, chemistry-lab, computer, workshop, gym... (пусто — classroom). Курс идёт в помещении своего типа.", en: "Kind: classroom, chemistry-lab, computer, workshop, gym... (empty — classroom). A course is held in a room of its kind."),
        ])

    static let teachers = SheetGuide(key: "teachers", russian: "Педагоги",
        about: "Педагоги, которые могут вести сетевые курсы.", en: "Teachers who can teach network courses.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя без пробелов, например T07.", en: "A short name without spaces, for example T07."),
            Column(name: "name", kind: .text, required: false, about: "ФИО (пусто — как id).", en: "Full name (empty — as the id)."),
            Column(name: "site", kind: .id, required: true, about: "id организации, где педагог работает.", en: "The id of the organisation where the teacher works."),
            Column(name: "courses", kind: .id, required: true, about: "id курсов, которые педагог может вести, через | (например robotics|programming).", en: "The ids of the courses the teacher can teach, separated by | (for example robotics|programming)."),
            Column(name: "max_sections", kind: .number, required: false, about: "Сколько групп за день самое большее (пусто — сколько занятий).", en: "At most how many sections a day (empty — as many as there are slots)."),
            Column(name: "slots", kind: .id, required: false, about: "Занятия, когда педагог свободен, через | (например 1|2); пусто — все.", en: "The slots in which the teacher is free, separated by | (for example 1|2); empty — all."),
            Column(name: "travels", kind: .yesNo, required: false, about: "нет — ведёт только в своей организации (или дистанционно). Пусто — да.", en: "no — teaches only at their own organisation (or remotely). Empty — yes."),
        ])

    static let courses = SheetGuide(key: "courses", russian: "Курсы",
        about: "Сетевые элективные курсы, которые предлагаются на профильный день.", en: "The network elective courses offered on the profile day.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя без пробелов, например robotics.", en: "A short name without spaces, for example robotics."),
            Column(name: "title", kind: .text, required: false, about: "Название, например «Основы робототехники» (пусто — как id).", en: "The title, for example “Introduction to robotics” (empty — as the id)."),
            Column(name: "subject", kind: .id, required: false, about: "Предмет (id), например physics.", en: "Subject (an id), for example physics."),
            Column(name: "room_kind", kind: .suggest(["any"] + roomKinds), required: false, about: "Тип помещения (пусто — classroom; any — любое).", en: "The kind of room (empty — classroom; any — any room)."),
            Column(name: "min_size", kind: .number, required: false, about: "Наименьшая группа (пусто — profile_day.min_section_size из настроек).", en: "The smallest section (empty — profile_day.min_section_size from the settings)."),
            Column(name: "max_size", kind: .number, required: false, about: "Наибольшая группа (пусто — profile_day.max_section_size).", en: "The largest section (empty — profile_day.max_section_size)."),
            Column(name: "remote", kind: .yesNo, required: false, about: "да — может идти дистанционно (без помещения и без поездки). Пусто — нет.", en: "yes — can be held remotely (no room and no trip). Empty — no."),
            Column(name: "sites", kind: .id, required: false, about: "id организаций, где курс может идти, через |; пусто — любые.", en: "The ids of the organisations where the course can be held, separated by |; empty — any."),
        ])

    static let students = SheetGuide(key: "students", russian: "Ученики",
        about: "Старшеклассники и их выбор курсов. Имена не нужны: id — обезличенный номер.", en: "Senior students and their choices of courses. No names needed: the id is an anonymous number.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Обезличенный номер ученика, например s0417.", en: "The student's anonymous number, for example s0417."),
            Column(name: "school", kind: .id, required: true, about: "id школы ученика.", en: "The id of the student's school."),
            Column(name: "grade", kind: .number, required: false, about: "Класс (например 10).", en: "Grade (for example 10)."),
            Column(name: "wants", kind: .number, required: false, about: "Сколько курсов берёт (пусто — profile_day.courses_per_student).", en: "How many courses the student takes (empty — profile_day.courses_per_student)."),
            Column(name: "choices", kind: .id, required: true, about: "id курсов по порядку предпочтения, лучший первым, через | (например robotics|chem-lab|law).", en: "The ids of the courses in order of preference, the best first, separated by | (for example robotics|chem-lab|law)."),
        ])

    static let travel = SheetGuide(key: "travel", russian: "Переезды",
        about: "Время в пути между организациями, если оно известно (иначе считается по координатам). Необязательный лист.", en: "Travel times between organisations where they are known (otherwise they are computed from the coordinates). An optional sheet.",
        columns: [
            Column(name: "from", kind: .id, required: true, about: "id организации, откуда.", en: "The id of the organisation travelled from."),
            Column(name: "to", kind: .id, required: true, about: "id организации, куда.", en: "The id of the organisation travelled to."),
            Column(name: "minutes", kind: .number, required: true, about: "Минуты в пути от двери до двери; годится для обоих направлений, если обратной строки нет.", en: "Door-to-door minutes; used for both directions unless the reverse row is given."),
        ])

    static let results = SheetGuide(key: "results", russian: "results",
        about: "Прошлые результаты школ по предметам (для setka effect: помогли ли партнёрства). Необязательный лист.", en: "Past results of the schools by subject (for setka effect: did the partnerships help). An optional sheet.",
        columns: [
            Column(name: "school", kind: .id, required: true, about: "id школы.", en: "The school's id."),
            Column(name: "year", kind: .number, required: true, about: "Календарный год оценки (например 2025).", en: "The calendar year of the assessment (for example 2025)."),
            Column(name: "subject", kind: .id, required: true, about: "Предмет, как в столбце score: (например math).", en: "Subject, as in the score: columns (for example math)."),
            Column(name: "score", kind: .number, required: true, about: "Средний результат школы, 0–100.", en: "The school's mean result, 0–100."),
        ])

    static let partnersHistory = SheetGuide(key: "partners-history", russian: "partners-history",
        about: "Пары партнёров прошлых лет (для setka effect). Необязательный лист.", en: "Partner pairs of past years (for setka effect). An optional sheet.",
        columns: [
            Column(name: "year", kind: .number, required: true, about: "Учебный год, начинающийся в сентябре этого года.", en: "The school year starting in September of this year."),
            Column(name: "rule", kind: .text, required: true, about: "Название правила партнёрства.", en: "The name of the partnering rule."),
            Column(name: "recipient", kind: .id, required: true, about: "id получателя (ШНОР).", en: "The id of the recipient (a low-results school)."),
            Column(name: "provider", kind: .id, required: true, about: "id партнёра.", en: "The id of the partner."),
        ])

    static let pins = SheetGuide(key: "pins", russian: "Закрепления",
        about: "Группы, которые координатор закрепляет вручную (правило H6): каждая строка — своя открытая группа. Пустой столбец — любое значение. Необязательный лист.", en: "Sections the coordinator pins by hand (rule H6): each row is an open section of its own. An empty column means any value. An optional sheet.",
        columns: [
            Column(name: "course", kind: .id, required: true, about: "id курса закреплённой группы.", en: "The id of the pinned section's course."),
            Column(name: "teacher", kind: .id, required: false, about: "id педагога (пусто — любой, кто ведёт курс).", en: "The id of the teacher (empty — anyone who teaches the course)."),
            Column(name: "site", kind: .id, required: false, about: "id организации, где идёт группа, или remote (дистанционно). Пусто — любая.", en: "The id of the organisation where the section is held, or remote. Empty — any."),
            Column(name: "room", kind: .id, required: false, about: "Аудитория на этой площадке (нужна площадка). Пусто — любая подходящая.", en: "The room at that site (needs the site). Empty — any suitable room."),
            Column(name: "slot", kind: .id, required: false, about: "id занятия (пусто — любое).", en: "The id of the slot (empty — any)."),
            Column(name: "students", kind: .id, required: false, about: "id учеников, которые ходят в эту группу, через | (остальные могут присоединиться).", en: "The ids of the students who attend this section, separated by | (others may join)."),
        ])

    static let venues = VenueRule.allCases.map(\.rawValue)

    static let platforms = SheetGuide(key: "platforms", russian: "Площадки",
        about: "Сетевые площадки («НЕТВОРКИНГ») для годового плана встреч (setka meetings): одна площадка в строке. Лист нужен, только если в настройках есть meetings.school_year.", en: "Network platforms for the year plan of meetings (setka meetings): one platform a row. Needed only when the settings give meetings.school_year.",
        columns: [
            Column(name: "id", kind: .id, required: true, about: "Короткое имя площадки без пробелов, например robotics-net.", en: "A short name of the platform without spaces, for example robotics-net."),
            Column(name: "name", kind: .text, required: false, about: "Название, например Площадка «Робототехника» (пусто — как id).", en: "The name, for example Platform “Robotics” (empty — as the id)."),
            Column(name: "host", kind: .id, required: true, about: "id базовой организации площадки.", en: "The id of the platform's host organisation."),
            Column(name: "meetings", kind: .number, required: false, about: "Сколько встреч в году (по умолчанию 5).", en: "How many meetings a year (default 5)."),
            Column(name: "months", kind: .id, required: false,
                   about: "Месяцы встреч по порядку через |: встреча k — в k-й группе; группа — месяц M или диапазон M-N (по умолчанию 9|11|1|3|5-6). Встречи сверх групп — в любой месяц с сентября по июнь.", en: "The months of the meetings in order, separated by |: meeting k falls in the k-th group; a group is a month M or a range M-N (default 9|11|1|3|5-6). Meetings beyond the groups fall in any month from September to June."),
            Column(name: "duration_minutes", kind: .number, required: false, about: "Длительность встречи, мин (по умолчанию 120).", en: "Length of a meeting, min (default 120)."),
            Column(name: "venue", kind: .choice(venues), required: false,
                   about: "host — все встречи в базовой организации (по умолчанию); rotate — встречи переходят по организациям участников, не дважды подряд в одной.", en: "host — every meeting at the host organisation (default); rotate — meetings move between the participants' organisations, never twice running at one."),
        ])

    static let participants = SheetGuide(key: "participants", russian: "Участники",
        about: "Кто ходит на какие площадки: один человек в строке. Имена не нужны: person — обезличенный номер.", en: "Who attends which platforms: one person a row. No names needed: person is an anonymous number.",
        columns: [
            Column(name: "person", kind: .id, required: true, about: "Обезличенный номер педагога, например p0042.", en: "The teacher's anonymous number, for example p0042."),
            Column(name: "school", kind: .id, required: true, about: "id организации, где человек работает (отсюда считается дорога).", en: "The id of the organisation where the person works (their trips are counted from there)."),
            Column(name: "platforms", kind: .id, required: true, about: "id площадок, на которые ходит человек, через | (например robotics-net|chem-net).", en: "The ids of the platforms the person attends, separated by | (for example robotics-net|chem-net)."),
        ])

    static let noMeetings = SheetGuide(key: "no_meetings", russian: "Без встреч",
        about: "Каникулы и другие дни без встреч (meetings.no_meetings): один период в строке, включительно. Необязательный лист.", en: "Holidays and other days without meetings (meetings.no_meetings): one period a row, both ends included. An optional sheet.",
        columns: [
            Column(name: "from", kind: .id, required: true, about: "Первый день, ГГГГ-ММ-ДД (например 2026-10-26).", en: "The first day, YYYY-MM-DD (for example 2026-10-26)."),
            Column(name: "to", kind: .id, required: false, about: "Последний день, ГГГГ-ММ-ДД (пусто — один день from).", en: "The last day, YYYY-MM-DD (empty — the one day from)."),
            Column(name: "name", kind: .text, required: false, about: "Что это, например осенние каникулы (для сводного плана).", en: "What it is, for example autumn holidays (for the summary plan)."),
        ])

    /// What each column of `table` (`teachers`, `courses`, …) holds, in `language`, as the
    /// template's input messages say it: for forms that ask for one column's value.
    public static func columnNotes(_ table: String, language: ReportLanguage) -> [String: String] {
        guard let sheet = all.first(where: { $0.key == table }) else { return [:] }
        return Dictionary(sheet.columns.map { ($0.name, $0.about(language)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The sheets in the order the template writes them.
    static let all = [settings, slots, partnering, schools, rooms, teachers, courses, students, travel, results, partnersHistory, pins,
                      platforms, participants, noMeetings]

    static func sheet(_ key: String) -> SheetGuide? { all.first { $0.key == key } }

    /// The guide of a column of a sheet (`score:physics` as `score:math`).
    static func column(_ key: String, _ name: String) -> Column? {
        guard let s = sheet(key) else { return nil }
        if name.hasPrefix("score:"), key == "schools" {
            return Column(name: name, kind: .number, required: false, about: "Результаты по предмету \(name.dropFirst(6)), 0–100.",
                          en: "Results in the subject \(name.dropFirst(6)), 0–100.")
        }
        return s.columns.first { $0.name == name }
    }

    /// The name of the sheet of instructions the template begins with.
    static func instructionSheetName(_ language: ReportLanguage) -> String { language == .ru ? "Инструкция" : "Instructions" }

    /// The rows of the «Инструкция» sheet («Instructions» in English): a title, the general
    /// rules, then each sheet's columns.
    static func instructionRows(language: ReportLanguage) -> [[WorkbookWriter.Cell]] {
        typealias C = WorkbookWriter.Cell
        let ru = language == .ru
        func t(_ russian: String, _ english: String) -> String { ru ? russian : english }
        func name(_ s: SheetGuide) -> String { ru ? s.russian : s.key }
        var rows: [[C]] = [[.text(t("Как заполнить эту книгу для Setka", "How to fill in this workbook for Setka"), .title)], []]
        let sheets = all.map { "\($0.russian) = \($0.key)" }.joined(separator: ", ")
        let rules = [
            t("Каждый лист — одна таблица сценария. Setka находит листы по названию, по-русски или по-английски, без учёта регистра: "
                + sheets + ". Листы с другими названиями (как этот) не читаются.",
              "Each sheet is one table of the scenario. Setka finds the sheets by name, in Russian or in English, in any case: "
                + sheets + ". Sheets with other names (like this one) are not read."),
            t("Первая строка листа — названия столбцов (по-английски, как в формате Setka); не переводите и не меняйте их. Порядок столбцов любой, лишние столбцы пропускаются.",
              "A sheet's first row holds the column names (in English, as in Setka's format); do not translate or change them. The columns may come in any order; other columns are skipped."),
            t("Строка 2 на листах с данными — пример (серый курсив). Замените её своими данными или удалите.",
              "Row 2 of the data sheets is an example (grey italics). Replace it with your data or delete it."),
            t("id — короткое имя без пробелов и без знака |, например sosh1 или T07 (можно кириллицей). Списки пишутся через |, например robotics|chem-lab. Столбцы с id отформатированы как текст, чтобы Excel не превращал 1-2 в дату.",
              "An id is a short name without spaces and without |, for example sosh1 or T07 (Cyrillic is fine). Lists are separated by |, for example robotics|chem-lab. The id columns are formatted as text so that Excel does not turn 1-2 into a date."),
            t("Да/нет: да/нет (также yes/no, 1/0, true/false, ИСТИНА/ЛОЖЬ). Числа — числами или текстом, дробная часть через запятую или точку. Время — ЧЧ:ММ.",
              "Yes/no: yes/no (also да/нет, 1/0, true/false, ИСТИНА/ЛОЖЬ). Numbers as numbers or as text, with a decimal comma or point. Times as HH:MM."),
            t("Пустые строки пропускаются. Скрытые строки (например, после фильтра) тоже читаются. Формулы можно: читается их сохранённое значение.",
              "Empty rows are skipped. Hidden rows (after a filter, say) are read too. Formulas are fine: their saved value is read."),
            t("Проверка: setka validate ФАЙЛ.xlsx. Каждая ошибка называет лист и ячейку, например район.xlsx[Ученики]!C17, и что там ожидалось.",
              "Checking: setka validate FILE.xlsx. Every error names the sheet and the cell, for example district.xlsx[students]!C17, and what was expected there."),
            t("Расчёт: setka schedule ФАЙЛ.xlsx --out ПАПКА (профильный день), setka partner ФАЙЛ.xlsx --out ПАПКА (партнёры), setka meetings ФАЙЛ.xlsx --out ПАПКА (годовой план сетевых встреч). Файл Setka не меняет.",
              "Planning: setka schedule FILE.xlsx --out FOLDER (the profile day), setka partner FILE.xlsx --out FOLDER (partners), setka meetings FILE.xlsx --out FOLDER (the year plan of network meetings). Setka never changes the file."),
        ]
        for r in rules { rows.append([.text("•"), .text(r, .wrapped)]) }
        rows.append([])
        rows.append([.text(t("Лист", "Sheet"), .header), .text(t("Столбец", "Column"), .header), .text(t("Что писать", "What to write"), .header),
                     .text(t("Обязательно", "Required"), .header)])
        let yes = t("да", "yes")
        for s in all {
            rows.append([.text(name(s), .header), .text("", .header), .text(s.about(language), .header), .text("", .header)])
            for c in s.columns {
                rows.append([.text(name(s)), .text(c.name), .text(c.about(language), .wrapped), .text(c.required ? yes : "")])
            }
            if s.key == "settings" {
                for (key, about, en) in settingKeys {
                    rows.append([.text(name(s)), .text("key = " + key), .text(ru ? about : en, .wrapped), .text("")])
                }
            }
        }
        return rows
    }
}
