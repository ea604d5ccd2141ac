import SetkaModel
// Russian-looking names for synthetic districts: settlements, schools, teachers, courses.
// Everything here is illustrative; no name refers to a real organisation.

/// Latin transliteration of Russian text for ids (lower case, `-` for anything else).
func transliterate(_ text: String) -> String {
    let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    ]
    var out = ""
    for ch in text.lowercased() {
        if let t = table[ch] { out += t }
        else if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) }
        else if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out
}

enum Names {
    /// Feminine adjectives of settlements (as in «…ская СОШ»); the masculine form ends in «ий».
    static let settlementBases = [
        "Россошанская", "Краснолиповская", "Колбинская", "Осиковская", "Платавская", "Истобенская",
        "Берёзовская", "Ольховская", "Сосновская", "Дубовская", "Каменская", "Ивановская",
        "Покровская", "Никольская", "Троицкая", "Вознесенская", "Успенская", "Михайловская",
        "Александровская", "Петровская", "Павловская", "Знаменская", "Луговская", "Полянская",
        "Криничанская", "Студенковская", "Родниковская", "Высокинская", "Широковская", "Долговская",
        "Светловская", "Ясеновская", "Зеленопольская", "Бутырская", "Скрипнянская", "Горожанская",
        "Мамонская", "Кисляйская", "Мосальская", "Лосевская", "Юдановская", "Хохольская",
        "Гремяченская", "Ступинская", "Кочетовская", "Морозовская", "Липовская", "Ключевская",
        "Орловская", "Терновская", "Рогачёвская", "Гороховская", "Калачеевская", "Бобровская",
        "Лискинская", "Семилукская", "Ряжская", "Озёрская", "Тишанская", "Щучинская",
    ]
    static let settlementPrefixes = ["", "Ново", "Верхне", "Нижне", "Старо", "Красно"]

    /// `count` settlement adjectives in a seeded order: the plain ones first, then prefixed
    /// ones («Новопокровская», «Верхнекаменская»); distinct up to 360, repeated beyond.
    static func settlements(_ count: Int, rng: inout SplitMix64) -> [String] {
        var bases = settlementBases
        rng.shuffle(&bases)
        var all: [String] = []
        for prefix in settlementPrefixes {
            for base in bases where prefix.isEmpty || !base.hasPrefix(prefix) {
                all.append(prefix.isEmpty ? base : prefix + base.prefix(1).lowercased() + base.dropFirst())
            }
        }
        return (0..<max(0, count)).map { all[$0 % all.count] }
    }

    /// `31 район`, `32 района`, `35 районов`: a number with the Russian plural form.
    static func count(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let mod100 = n % 100, mod10 = n % 10
        let word = (11...14).contains(mod100) ? many : (mod10 == 1 ? one : ((2...4).contains(mod10) ? few : many))
        return "\(n) \(word)"
    }

    /// «Берёзовская» → «Берёзовский».
    static func masculine(_ feminine: String) -> String {
        feminine.hasSuffix("ая") ? String(feminine.dropLast(2)) + "ий" : feminine
    }

    static let cities = ["Светлоярск", "Новоречинск", "Каменогорск", "Заозёрск", "Сосновоборск",
                         "Краснохолмск", "Верхнедонск", "Липецкое-Заречье"]

    static let additionalCentres = [
        "Центр дополнительного образования „Созвездие“", "Дворец творчества детей и молодёжи",
        "Центр технического творчества „Кванториум“", "Центр дополнительного образования „Поиск“",
        "Станция юных натуралистов", "Центр детского творчества „Радуга“",
    ]
    static let colleges = [
        "Политехнический колледж", "Медицинский колледж", "Аграрный техникум",
        "Колледж информационных технологий", "Строительный техникум", "Педагогический колледж",
        "Колледж сферы услуг", "Технологический колледж",
    ]

    static let surnames = [
        "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов",
        "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
        "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
        "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
        "Сергеев", "Кузьмин", "Фролов", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Беляев",
    ]
    static let initials = ["А", "В", "Г", "Д", "Е", "И", "Л", "М", "Н", "О", "С", "Т", "Ю"]

    /// «Петрова Н. С.» (about seven teachers in ten are women).
    static func teacher(rng: inout SplitMix64) -> String {
        let surname = rng.pick(surnames)
        let female = rng.chance(0.7)
        return "\(female ? surname + "а" : surname) \(rng.pick(initials)). \(rng.pick(initials))."
    }
}

/// One entry of the course catalogue the generator draws from.
struct CatalogueCourse {
    var id: String
    var title: String
    var subject: String
    var roomKind: String
    /// Can run as a remote (online) section.
    var remoteCapable: Bool
    /// Only a college has what it needs (machines, animals, a clinic room).
    var collegeOnly: Bool = false
    /// For a college-only course: a word in the name of the college that fits best (lower case).
    var collegeHint: String? = nil
}

enum Catalogue {
    /// The core courses come first (every generated district offers them when it has room);
    /// the rest are drawn in a seeded order.
    static let core: [CatalogueCourse] = [
        .init(id: "robotics", title: "Основы робототехники", subject: "robotics", roomKind: "computer", remoteCapable: false),
        .init(id: "chem-lab", title: "Химический практикум", subject: "chemistry", roomKind: "chemistry-lab", remoteCapable: false),
        .init(id: "biology", title: "Биология человека", subject: "biology", roomKind: "biology-lab", remoteCapable: false),
        .init(id: "programming", title: "Программирование на Python", subject: "informatics", roomKind: "computer", remoteCapable: true),
        .init(id: "journalism", title: "Школа юного журналиста", subject: "journalism", roomKind: "classroom", remoteCapable: true),
        .init(id: "law", title: "Основы права", subject: "law", roomKind: "classroom", remoteCapable: true),
        .init(id: "economics", title: "Экономика и финансовая грамотность", subject: "economics", roomKind: "classroom", remoteCapable: true),
        .init(id: "medicine", title: "Основы медицинских знаний", subject: "medicine", roomKind: "classroom", remoteCapable: false),
        .init(id: "eng-graphics", title: "Черчение и инженерная графика", subject: "engineering", roomKind: "classroom", remoteCapable: false),
        .init(id: "math-olymp", title: "Олимпиадная математика", subject: "math", roomKind: "classroom", remoteCapable: true),
    ]
    static let more: [CatalogueCourse] = [
        .init(id: "ecology", title: "Экология родного края", subject: "biology", roomKind: "classroom", remoteCapable: false),
        .init(id: "web", title: "Веб-разработка", subject: "informatics", roomKind: "computer", remoteCapable: true),
        .init(id: "data", title: "Анализ данных", subject: "informatics", roomKind: "classroom", remoteCapable: true),
        .init(id: "media", title: "Медиастудия", subject: "journalism", roomKind: "classroom", remoteCapable: false),
        .init(id: "entrepreneurship", title: "Основы предпринимательства", subject: "economics", roomKind: "classroom", remoteCapable: false),
        .init(id: "first-aid", title: "Первая помощь", subject: "medicine", roomKind: "classroom", remoteCapable: false),
        .init(id: "modelling-3d", title: "3D-моделирование и прототипирование", subject: "engineering", roomKind: "computer", remoteCapable: false),
        .init(id: "electro", title: "Электротехника", subject: "physics", roomKind: "workshop", remoteCapable: false),
        .init(id: "physics-exp", title: "Экспериментальная физика", subject: "physics", roomKind: "classroom", remoteCapable: false),
        .init(id: "astronomy", title: "Астрономия", subject: "physics", roomKind: "classroom", remoteCapable: true),
        .init(id: "math-applied", title: "Прикладная математика", subject: "math", roomKind: "classroom", remoteCapable: false),
        .init(id: "essay", title: "Текст и стиль: подготовка к сочинению", subject: "russian", roomKind: "classroom", remoteCapable: true),
        .init(id: "literature", title: "Литературная мастерская", subject: "literature", roomKind: "classroom", remoteCapable: false),
        .init(id: "local-history", title: "История родного края", subject: "history", roomKind: "classroom", remoteCapable: false),
        .init(id: "social", title: "Обществознание: практикум", subject: "social", roomKind: "classroom", remoteCapable: true),
        .init(id: "psychology", title: "Психология общения", subject: "psychology", roomKind: "classroom", remoteCapable: false),
        .init(id: "english", title: "Английский для профессий", subject: "english", roomKind: "classroom", remoteCapable: true),
        .init(id: "german", title: "Немецкий язык", subject: "german", roomKind: "classroom", remoteCapable: true),
        .init(id: "agronomy", title: "Основы агрономии", subject: "agriculture", roomKind: "workshop", remoteCapable: false, collegeOnly: true, collegeHint: "аграр"),
        .init(id: "veterinary", title: "Ветеринария и зоотехния", subject: "agriculture", roomKind: "biology-lab", remoteCapable: false, collegeOnly: true, collegeHint: "аграр"),
        .init(id: "agro-drones", title: "Беспилотники в сельском хозяйстве", subject: "engineering", roomKind: "workshop", remoteCapable: false),
        .init(id: "automotive", title: "Устройство автомобиля", subject: "engineering", roomKind: "workshop", remoteCapable: false, collegeOnly: true, collegeHint: "техн"),
        .init(id: "woodwork", title: "Художественная обработка дерева", subject: "technology", roomKind: "workshop", remoteCapable: false),
        .init(id: "design", title: "Графический дизайн", subject: "art", roomKind: "computer", remoteCapable: false),
        .init(id: "pedagogy", title: "Основы педагогики", subject: "pedagogy", roomKind: "classroom", remoteCapable: false),
        .init(id: "gis", title: "Геоинформационные системы", subject: "geography", roomKind: "classroom", remoteCapable: true),
        .init(id: "tourism", title: "Туризм и краеведение", subject: "geography", roomKind: "classroom", remoteCapable: false),
        .init(id: "chem-analysis", title: "Аналитическая химия", subject: "chemistry", roomKind: "chemistry-lab", remoteCapable: false),
        .init(id: "organic-chem", title: "Органическая химия в задачах", subject: "chemistry", roomKind: "classroom", remoteCapable: true),
        .init(id: "genetics", title: "Генетика", subject: "biology", roomKind: "biology-lab", remoteCapable: false),
        .init(id: "anatomy", title: "Анатомия и физиология", subject: "biology", roomKind: "classroom", remoteCapable: false),
        .init(id: "finance", title: "Личные финансы", subject: "economics", roomKind: "classroom", remoteCapable: true),
        .init(id: "theatre", title: "Театральная студия", subject: "art", roomKind: "classroom", remoteCapable: false),
        .init(id: "debate", title: "Дебаты и риторика", subject: "russian", roomKind: "classroom", remoteCapable: false),
        .init(id: "cybersecurity", title: "Кибербезопасность", subject: "informatics", roomKind: "computer", remoteCapable: true),
        .init(id: "cooking", title: "Технология питания", subject: "technology", roomKind: "workshop", remoteCapable: false),
    ]
    /// Titles of further groups of a course once the catalogue runs out (the first is the plain title).
    static let variants = ["", ": углублённый уровень", ": проектная мастерская", ": олимпиадная подготовка",
                           ": введение", ": практикум", ": исследовательский проект", ": летняя школа"]
}

extension Catalogue {
    /// Family `b`'s thirty courses, taken in a seeded order and then again as further groups:
    /// fifteen classroom courses (ten may run remotely), five in computer rooms (two remote),
    /// four in biology labs, two in chemistry labs, two in workshops, one in the ЦДО's robotics
    /// room and one in a physics lab. Subjects repeat, so a teacher can take a second course of
    /// their subject.
    static let spread: [CatalogueCourse] = [
        .init(id: "math-olymp", title: "Решение олимпиадных задач по математике", subject: "math", roomKind: "classroom", remoteCapable: true),
        .init(id: "math-exam", title: "Практикум по математике: профильный уровень", subject: "math", roomKind: "classroom", remoteCapable: true),
        .init(id: "finance", title: "Финансовая грамотность", subject: "math", roomKind: "classroom", remoteCapable: true),
        .init(id: "ecology", title: "Экология родного края", subject: "biology", roomKind: "classroom", remoteCapable: false),
        .init(id: "astronomy", title: "Астрономия", subject: "physics", roomKind: "classroom", remoteCapable: true),
        .init(id: "spelling", title: "Трудные вопросы русской орфографии", subject: "russian", roomKind: "classroom", remoteCapable: true),
        .init(id: "essay", title: "Сочинение: от замысла к тексту", subject: "russian", roomKind: "classroom", remoteCapable: true),
        .init(id: "law", title: "Право и общество", subject: "social", roomKind: "classroom", remoteCapable: true),
        .init(id: "local-history", title: "История родного края", subject: "history", roomKind: "classroom", remoteCapable: false),
        .init(id: "psychology", title: "Психология общения", subject: "social", roomKind: "classroom", remoteCapable: true),
        .init(id: "english", title: "Английский для общения", subject: "russian", roomKind: "classroom", remoteCapable: true),
        .init(id: "eng-graphics", title: "Черчение и инженерная графика", subject: "physics", roomKind: "classroom", remoteCapable: false),
        .init(id: "pedagogy", title: "Педагогический класс: введение в профессию", subject: "social", roomKind: "classroom", remoteCapable: false),
        .init(id: "social", title: "Избранные вопросы обществознания", subject: "social", roomKind: "classroom", remoteCapable: true),
        .init(id: "art-culture", title: "Мировая художественная культура", subject: "history", roomKind: "classroom", remoteCapable: false),
        .init(id: "programming", title: "Программирование на Python", subject: "informatics", roomKind: "computer", remoteCapable: true),
        .init(id: "modelling-3d", title: "3D-моделирование", subject: "informatics", roomKind: "computer", remoteCapable: false),
        .init(id: "journalism", title: "Основы журналистики", subject: "russian", roomKind: "computer", remoteCapable: false),
        .init(id: "entrepreneurship", title: "Предпринимательство", subject: "social", roomKind: "computer", remoteCapable: true),
        .init(id: "design", title: "Дизайн и компьютерная графика", subject: "informatics", roomKind: "computer", remoteCapable: false),
        .init(id: "biology", title: "Биология человека", subject: "biology", roomKind: "biology-lab", remoteCapable: false),
        .init(id: "first-aid", title: "Основы медицины и первая помощь", subject: "biology", roomKind: "biology-lab", remoteCapable: false),
        .init(id: "agro", title: "Агротехнологии", subject: "biology", roomKind: "biology-lab", remoteCapable: false),
        .init(id: "genetics", title: "Генетика", subject: "biology", roomKind: "biology-lab", remoteCapable: false),
        .init(id: "organic-chem", title: "Органическая химия: практикум", subject: "chemistry", roomKind: "chemistry-lab", remoteCapable: false),
        .init(id: "chem-medicine", title: "Химия в медицине", subject: "chemistry", roomKind: "chemistry-lab", remoteCapable: false),
        .init(id: "electro", title: "Основы электротехники", subject: "physics", roomKind: "workshop", remoteCapable: false),
        .init(id: "mechanics", title: "Инженерная механика", subject: "physics", roomKind: "workshop", remoteCapable: false),
        .init(id: "robotics", title: "Основы робототехники", subject: "informatics", roomKind: "robotics", remoteCapable: false),
        .init(id: "physics-exp", title: "Физика: экспериментальные задачи", subject: "physics", roomKind: "physics-lab", remoteCapable: false),
    ]
}
