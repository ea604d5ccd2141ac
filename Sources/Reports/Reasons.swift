import Foundation

/// Russian wording for the reasons `setka schedule` writes (in English) into
/// `courses-not-opened.csv` and `students-short.csv`. Each known sentence pattern of
/// `ProfileDay`'s explanations has a translation; text that matches none is shown as written
/// (so a new wording degrades to English rather than to nothing).
public enum Reasons {
    /// A course-not-opened reason in `words`' language.
    public static func course(_ reason: String, _ words: Words) -> String {
        guard words.ru else { return reason }
        return translate(reason, coursePatterns) ?? reason
    }

    /// A student-short reason (parts joined by "; ") in `words`' language.
    public static func student(_ reason: String, _ words: Words) -> String {
        guard words.ru else { return reason }
        return reason.components(separatedBy: "; ").map { translate($0, studentPatterns) ?? $0 }.joined(separator: "; ")
    }

    /// A line of a variant's report (`VariantReport.lines`, one per change, in English as the
    /// variant loader words it; parts joined by "; ") in `words`' language.
    public static func variantChange(_ line: String, _ words: Words) -> String {
        guard words.ru else { return line }
        return line.components(separatedBy: "; ").map { translate($0, variantPatterns) ?? $0 }.joined(separator: "; ")
    }

    /// Why a published section cannot be kept in a variant (`DroppedSection.reason`: the
    /// checker's message, in English) in `words`' language; the messages a variant's changes
    /// usually cause are translated, others are shown as written.
    public static func droppedSection(_ reason: String, _ words: Words) -> String {
        guard words.ru else { return reason }
        return translate(reason, droppedPatterns) ?? reason
    }

    typealias Pattern = (regex: NSRegularExpression, russian: ([String]) -> String)

    private static func p(_ pattern: String, _ russian: @escaping @Sendable ([String]) -> String) -> Pattern {
        // The patterns are constants of this file: a typo is a programming error caught by the tests.
        (try! NSRegularExpression(pattern: "^" + pattern + "$"), russian)
    }

    private static func translate(_ text: String, _ patterns: [Pattern]) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        for (regex, russian) in patterns {
            guard let m = regex.firstMatch(in: text, range: range) else { continue }
            let groups = (0..<m.numberOfRanges).map { i -> String in
                guard let r = Range(m.range(at: i), in: text) else { return "" }
                return String(text[r])
            }
            return russian(groups)
        }
        return nil
    }

    nonisolated(unsafe) private static let coursePatterns: [Pattern] = [
        p("nobody chose it") { _ in "курс никто не выбрал" },
        p("no teacher can teach it") { _ in "нет учителя, который может вести этот курс" },
        p(#"no room( of kind '([^']*)')? at a site where a qualified teacher can teach it( \(a visiting teacher needs (\d+) students of the host school\))?"#) { g in
            let room = g[2].isEmpty ? "подходящей аудитории" : "аудитории типа «\(g[2])»"
            let visiting = g[4].isEmpty ? "" : " (приезжему учителю нужно не меньше \(g[4]) учеников принимающей школы)"
            return "нет \(room) там, где его может вести учитель с нужной квалификацией" + visiting
        },
        p(#"chosen by (\d+) students in the district, fewer than the minimum of (\d+)"#) { g in
            "курс выбрали \(g[1]) учеников района — меньше минимума в \(g[2])"
        },
        p(#"chosen by (\d+) students in the district, (\d+) of them within (\d+) minutes of a place it can be held; the minimum is (\d+)"#) { g in
            "курс выбрали \(g[1]) учеников района, из них \(g[2]) живут не дальше \(g[3]) минут от места, где его можно провести; минимум — \(g[4])"
        },
        p(#"chosen by (\d+) students \((\d+) within reach\), but every qualified teacher or suitable room is taken in the slots they are free"#) { g in
            "курс выбрали \(g[1]) учеников (\(g[2]) в пределах досягаемости), но все подходящие учителя или аудитории заняты в те часы, когда учителя свободны"
        },
        p(#"chosen by (\d+) students \((\d+) within reach\), but in any slot at most (\d+) of them are free and not better served by a course they rank higher; the minimum is (\d+)"#) { g in
            "курс выбрали \(g[1]) учеников (\(g[2]) в пределах досягаемости), но на любом занятии свободны и не заняты более желанным курсом не больше \(g[3]) из них; минимум — \(g[4])"
        },
    ]

    nonisolated(unsafe) private static let variantPatterns: [Pattern] = [
        p(#"removed teacher (.+)"#) { g in "убран учитель \(g[1])" },
        p(#"removed student (.+)"#) { g in "убран ученик \(g[1])" },
        p(#"removed room (.+) at (.+)"#) { g in "убрана аудитория \(g[1]) на площадке \(g[2])" },
        p(#"removed course (.+) \(from (\d+) teachers?' courses and (\d+) students?' choices\)"#) { g in
            "убран курс \(g[1]) (из курсов учителей: \(g[2]), из выбора учеников: \(g[3]))"
        },
        p(#"removed school (.+) with (\d+) rooms?, (\d+) teachers? and (\d+) students?"#) { g in
            "убрана школа \(g[1]) (аудиторий: \(g[2]), учителей: \(g[3]), учеников: \(g[4]))"
        },
        p(#"courses? (.+) could only be held there and (is|are) removed too"#) { g in
            "курсы, которые можно было провести только там, тоже убраны: \(g[1])"
        },
        p(#"(\d+) fixed/forbidden partner pairs? naming it dropped"#) { g in
            "заданных или запрещённых пар партнёров с ней снято: \(g[1])"
        },
        p(#"set (.+) = (.*)"#) { g in "настройка \(g[1]) = \(g[2])" },
        p(#"scale_demand (.+) ×([0-9.]+): (\d+) → (\d+) students choose it \((\d+) students? changed\)"#) { g in
            "спрос на курс \(g[1]) ×\(g[2].replacingOccurrences(of: ".", with: ",")): выбирали \(g[3]) учеников, теперь \(g[4]) (изменён выбор учеников: \(g[5]))"
        },
        p(#"added (\d+) rows? from (.+) to (.+)"#) { g in "добавлено строк: \(g[1]) (из \(g[2]) в таблицу \(g[3]))" },
    ]

    nonisolated(unsafe) private static let droppedPatterns: [Pattern] = [
        p(#"section (\S+) is of course (\S+), which is not in courses.csv"#) { g in "курса \(g[2]) больше нет" },
        p(#"section (\S+) is taught by teacher (\S+), who is not in teachers.csv"#) { g in "учителя \(g[2]) больше нет" },
        p(#"section (\S+) is in slot (\S+), which is not among the profile-day slots"#) { g in "занятия \(g[2]) больше нет в профильном дне" },
        p(#"section (\S+) is at site (\S+), which is not in schools.csv"#) { g in "площадки \(g[2]) больше нет" },
        p(#"section (\S+) is in room (\S+) at (\S+), which is not in rooms.csv"#) { g in "аудитории \(g[2]) на площадке \(g[3]) больше нет" },
        p(#"section (\S+) is in room (\S+) at (\S+), but (\S+) has no such room \(.*\)"#) { g in "аудитории \(g[2]) на площадке \(g[3]) больше нет" },
        p(#"section (\S+) of course (\S+) has (\d+) students?, fewer than the minimum (\d+)"#) { g in
            "в группе курса \(g[2]) осталось \(g[3]) уч. — меньше минимума \(g[4])"
        },
        p(#"teacher (\S+) teaches section (\S+) of course (\S+), which is not among their courses \(.*\)"#) { g in
            "учитель \(g[1]) больше не ведёт курс \(g[3])"
        },
        p(#"teacher (\S+) teaches (\d+) sections \(.*\), more than max_sections (\d+)"#) { g in
            "у учителя \(g[1]) больше \(g[3]) занятий"
        },
        p(#"section (\S+) of course (\S+) is taught at (\S+) by visiting teacher (\S+) of (\S+), but only (\d+) of its (\d+) students are from (\S+) \(at least (\d+) needed\)"#) { g in
            "приезжий учитель \(g[4]) (\(g[5])): из \(g[7]) учеников группы только \(g[6]) из \(g[3]), а нужно не меньше \(g[9])"
        },
    ]

    nonisolated(unsafe) private static let studentPatterns: [Pattern] = [
        p("chose no course") { _ in "не выбрал ни одного курса" },
        p(#"no place within (\d+) minutes for (.+)"#) { g in "нет места ближе \(g[1]) минут для курсов: \(g[2])" },
        p("did not open: (.+)") { g in "не открылись курсы: \(g[1])" },
        p("sections of (.+) were full, at the same time as the student's other electives, or too far from them between consecutive slots") { g in
            "группы курсов \(g[1]) заполнены, идут одновременно с другими курсами ученика или слишком далеко от них для переезда на перемене"
        },
        p(#"listed only (\d+) choices"#) { g in "указал только \(g[1]) курс(а) в выборе" },
    ]
}
