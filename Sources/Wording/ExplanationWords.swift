import ProfileDay
import SetkaModel

/// The explanations of a timetable in words: why a course did not open, why a student did not
/// get a choice.
extension Words: ExplanationWording {
    public func reason(_ course: CourseExplanation) -> String { sentence(course.cause) }

    /// "c036: …; c024: …", then "listed only 1 choice" when they listed fewer than they want.
    public func reason(_ student: StudentExplanation) -> String {
        var parts = student.choices.map { "\(named(course: $0.course)): \(sentence($0.cause))" }
        if student.listed < student.wanted {
            parts.append(ru ? "указал в выборе только \(student.listed)" : "listed only \(student.listed) choice\(student.listed == 1 ? "" : "s")")
        }
        return parts.joined(separator: "; ")
    }

    // MARK: - Courses

    /// Why a course did not open.
    public func sentence(_ cause: CourseCause) -> String {
        switch cause {
        case .nobodyChose:
            return ru ? "курс никто не выбрал" : "nobody chose it"
        case .noQualifiedTeacher:
            return ru ? "нет учителя, который может вести этот курс (его нет в курсах ни одного учителя)"
                : "no teacher can teach it (it is in no teacher's courses)"
        case .noSuitableRoom(let kind, let minSize, let allowed, let teachers):
            let room = kind == Course.anyRoomKind
                ? (ru ? "аудитории" : "room") : (ru ? "аудитории типа «\(kind)»" : "room of kind '\(kind)'")
            let who = joined(teachers.map { t in
                let here = "\(named(teacher: t.teacher)), \(named(organisation: t.site))"
                return t.travels ? here : "\(here) (\(ru ? "не выезжает" : "does not travel"))"
            })
            var s = ru ? "нет \(room) хотя бы на \(minSize) мест там, где его могут вести учителя: \(who)"
                : "no \(room) seating \(minSize) where its teachers can teach it: \(who)"
            if !allowed.isEmpty {
                s += ru ? "; курс можно вести только на \(joined(allowed.map { named(organisation: $0) }))" : "; the course may be held only at \(joined(allowed.map { named(organisation: $0) }))"
            }
            return s
        case .tooFewChose(let chosen, let minSize):
            return ru ? "курс выбрали \(students(chosen)) района — меньше минимума \(minSize)"
                : "chosen by \(chosen) students in the district, fewer than the minimum of \(minSize)"
        case .tooFewWithinReach(let best, let n, let hostOnly, let chosen, let minSize, let maxTrip):
            if hostOnly {
                return ru ? "курс выбрали \(students(chosen)), но приезжему учителю \(place(best)) нужно \(minSize) учеников самой принимающей школы, а их не больше \(n)"
                    : "chosen by \(chosen) students, but a visiting teacher (\(place(best))) needs \(minSize) of the host school's own students, and at most \(n) chose it there"
            }
            return ru ? "курс выбрали \(students(chosen)), но не больше \(n) из них живут в пределах \(minutes(maxTrip)) мин от места, где его можно провести (\(place(best))); нужно \(minSize)"
                : "chosen by \(chosen) students, but at most \(n) of them are within \(minutes(maxTrip)) min of a place it can be held (\(place(best))); \(minSize) needed"
        case .noFreeTeacherOrRoom(let blocked, let minSize):
            let places = list(blocked.map(blockedText), limit: Self.listedPlaces)
            return ru ? "там, где в пределах досягаемости не меньше \(minSize) выбравших, нет одновременно свободных учителя и аудитории: \(places)"
                : "where at least \(minSize) of its students are within reach, no teacher and room are free together: \(places)"
        case .tooFewNearFreeTeacher(let free, let n, let chosen, let minSize, let blocked):
            var s = ru ? "только \(n) из \(chosen) выбравших живут в пределах досягаемости свободного учителя (\(freeText(free))); нужно \(minSize)"
                : "\(n) of its \(chosen) students are within reach of a qualified teacher (\(freeText(free))); \(minSize) needed"
            if !blocked.isEmpty {
                let places = list(blocked.map(blockedText), limit: Self.listedPlaces)
                s += ru ? "; там, где их больше, учитель занят: \(places)" : "; where more are within reach, the teacher is busy: \(places)"
            }
            return s
        case .tooFewFreeInSlot(let free, let available, let reach, let hostOnly, let minSize, let busy):
            let others = busy.prefix(Self.listedPlaces).map { "\(named(course: $0.course)) (\($0.students))" }
            var s = hostOnly
                ? (ru ? "приезжему учителю (\(freeText(free))) нужны ученики самой принимающей школы, а из \(reach) выбравших там выгодно прийти только \(available)"
                    : "a visiting teacher (\(freeText(free))) needs the host school's own students, and only \(available) of the \(reach) there who chose it would gain by coming")
                : (ru ? "у \(freeText(free)) выгодно прийти только \(available) из \(reach) учеников в пределах досягаемости"
                    : "with \(freeText(free)) only \(available) of the \(reach) students within reach would gain by coming")
            if others.isEmpty {
                s += ru ? " (остальным лучше там, где они есть)" : " (the others are better served where they are)"
            } else {
                s += ru ? " (остальные в это время на \(joined(others)) или им лучше там, где они есть)"
                    : " (the others take \(joined(others)) then, or are better served where they are)"
            }
            return s + (ru ? "; нужно \(minSize)" : "; \(minSize) needed")
        case .notWorthOpening(let free, let n, let gain):
            return ru ? "группа могла бы открыться (\(freeText(free)), \(students(n))), но не улучшила бы целевую функцию (\(number(gain))): ученикам не хуже там, где они есть"
                : "a section could open (\(freeText(free)), \(n) students), but it would not add to the objective (\(number(gain))): its students are served as well where they are"
        case .leftBySearch(let free, let n, let gain):
            return ru ? "группа могла бы открыться (\(freeText(free)), \(students(n))) и добавить \(number(gain)) к целевой функции; поиск её не нашёл"
                : "a section could open (\(freeText(free)), \(n) students) and add \(number(gain)) to the objective; the search did not find it"
        }
    }

    /// How many places a sentence names before "and N more".
    static let listedPlaces = 3

    /// "Петрова Н. С. (t012), МБОУ «СОШ №3»" / "…, remote" (ids without `names`).
    func place(_ p: TeacherPlace) -> String { "\(named(teacher: p.teacher)), \(site(p.site))" }

    /// Where a section is: the organisation's name, "remote" for nil.
    private func site(_ id: String?) -> String { id.map { named(organisation: $0) } ?? self[.remoteRoom] }

    /// "t012, s003, free in slots 1–2" / "t012, s003, slot 2".
    func freeText(_ f: FreePlace) -> String {
        if f.slots.count == 1 { return "\(place(f.place)), \(self[.slot].lowercased()) \(f.slots[0])" }
        return ru ? "\(place(f.place)), свободен на занятиях \(slotList(f.slots))" : "\(place(f.place)), free in slots \(slotList(f.slots))"
    }

    /// "t012, s003 (within reach 14): free in slots 1–2, at most 2 sections; teaches c005 (slot 1) and c007 (slot 2); the rooms are taken in slot 3".
    func blockedText(_ b: BlockedPlace) -> String {
        let d = b.teacherDay
        var parts: [String] = []
        parts.append(ru ? "свободен на занятиях \(slotList(d.freeSlots)), предел — \(sections(d.maxSections))"
            : "free in slots \(slotList(d.freeSlots)), at most \(sections(d.maxSections))")
        if !d.teaches.isEmpty {
            let taught = d.teaches.map {
                "\(named(course: $0.course)) (\(self[.slot].lowercased()) \($0.slot)\($0.isPinned ? (ru ? ", закреплена" : ", pinned") : ""))"
            }
            parts.append(ru ? "ведёт \(joined(taught))" : "teaches \(joined(taught))")
        }
        if !b.roomsTakenInSlots.isEmpty {
            parts.append(ru ? "аудитории заняты на занятиях \(slotList(b.roomsTakenInSlots))"
                : "the rooms are taken in slots \(slotList(b.roomsTakenInSlots))")
        }
        return "\(place(b.place)) (\(ru ? "в пределах досягаемости" : "within reach") \(b.withinReach)): " + parts.joined(separator: "; ")
    }

    /// Slot ids, runs of consecutive numbers as ranges: "1–2", "1 and 3", "1–3 and 5".
    public func slotList(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return ru ? "ни на одном" : "none" }
        let numbers = ids.compactMap(Int.init)
        guard numbers.count == ids.count else { return joined(ids) }
        var runs: [String] = []
        var i = 0
        while i < numbers.count {
            var j = i
            while j + 1 < numbers.count && numbers[j + 1] == numbers[j] + 1 { j += 1 }
            runs.append(j == i ? ids[i] : "\(ids[i])–\(ids[j])")
            i = j + 1
        }
        return joined(runs)
    }

    // MARK: - Choices

    /// Why a student did not get one choice.
    public func sentence(_ cause: ChoiceCause) -> String {
        switch cause {
        case .noPlaceWithinReach(let site, let m, let maxTrip):
            var s = ru ? "нет места, где его можно провести, ближе \(minutes(maxTrip)) мин" : "no place it can be held is within \(minutes(maxTrip)) min"
            if let site, let m { s += ru ? " (ближайшее: \(named(organisation: site)), \(minutes(m)) мин)" : " (nearest: \(named(organisation: site)), \(minutes(m)) min)" }
            return s
        case .courseNotOpened:
            return ru ? "курс не открылся (причина — в списке неоткрывшихся курсов)" : "the course did not open (see the courses not opened for why)"
        case .tooFar(let nearest, let m, let maxTrip, let count):
            let head = count == 1 ? (ru ? "единственная группа" : "its only section") : (ru ? "ближайшая группа" : "nearest section")
            let trip = m.map { ru ? "\(minutes($0)) мин > \(minutes(maxTrip))" : "\(minutes($0)) min > \(minutes(maxTrip))" }
                ?? (ru ? "время в пути неизвестно" : "travel time unknown")
            return ru ? "\(head) — \(name(nearest)) на \(site(nearest.site)), \(trip)"
                : "\(head) \(name(nearest)) at \(site(nearest.site)), \(trip)"
        case .slotTaken(let sections, let by, let count):
            let slots = slotList(sections.map(\.slot).uniqued())
            let taken = joined(by.map(course))
            let head = heading(sections.count, of: count)
            let inSlots = sections.map(\.slot).uniqued().count == 1
                ? (ru ? "на занятии \(slots)" : "in slot \(slots)") : (ru ? "на занятиях \(slots)" : "in slots \(slots)")
            return ru ? "\(head) \(inSlots), где у ученика \(taken)" : "\(head) \(inSlots), where they take \(taken)"
        case .travelBetweenSlots(let section, let neighbour, let m, let gap, _):
            let here = section.site.map { named(organisation: $0) } ?? (ru ? "своя школа" : "their own school")
            let there = neighbour.section.site.map { named(organisation: $0) } ?? (ru ? "своей школы" : "their own school")
            let neighbourCourse = named(course: neighbour.course)
            guard let m else {
                return ru ? "группа \(name(section)) (\(here), занятие \(section.slot)): время в пути от \(there), где у ученика \(neighbourCourse) на занятии \(neighbour.section.slot), неизвестно"
                    : "its section \(name(section)) (\(here), slot \(section.slot)): the travel time from \(there), where they take \(neighbourCourse) in slot \(neighbour.section.slot), is not known"
            }
            return ru ? "группа \(name(section)) (\(here), занятие \(section.slot)) в \(minutes(m)) мин от \(there), где у ученика \(neighbourCourse) на занятии \(neighbour.section.slot); перемена — \(minutes(gap)) мин"
                : "its section \(name(section)) (\(here), slot \(section.slot)) is \(minutes(m)) min from \(there), where they take \(neighbourCourse) in slot \(neighbour.section.slot); the break is \(minutes(gap)) min"
        case .full(let sections, let count):
            let listed = list(sections.map(seats), limit: Self.listedPlaces)
            let head: String
            if sections.count == count {
                head = count == 1 ? (ru ? "единственная группа заполнена" : "its only section is full")
                    : count == 2 ? (ru ? "обе группы заполнены" : "both its sections are full")
                    : (ru ? "все \(count) группы заполнены" : "all \(count) of its sections are full")
            } else {
                head = sections.count == 1 ? (ru ? "группа, в которую он мог бы пойти, заполнена" : "the section they could take is full")
                    : (ru ? "группы, в которые он мог бы пойти, заполнены" : "the sections they could take are full")
            }
            return "\(head) (\(listed))"
        case .cannotLeave(let section, let leaving, let minSize, let host, _):
            let rule = host ? (ru ? "учеников принимающей школы меньше \(minSize)" : "fewer than \(minSize) of the host school's students")
                : (ru ? "меньше минимума \(minSize)" : "below its minimum of \(minSize)")
            return ru ? "группа \(name(section)) — на занятии \(section.slot), где у ученика \(course(leaving)), а в группе \(name(leaving.section)) без него станет \(rule) (сейчас \(leaving.section.enrolled))"
                : "its section \(name(section)) is in slot \(section.slot), where they take \(course(leaving)), and section \(name(leaving.section)) would fall \(rule) without them (\(leaving.section.enrolled) now)"
        case .pinnedInSlot(let section, let pinnedTo, _):
            return ru ? "группа \(name(section)) — на занятии \(section.slot), где ученик закреплён (pins.csv) за группой \(pinnedTo.section.section) курса \(named(course: pinnedTo.course)) (\(choiceNumber(pinnedTo.rank)))"
                : "its section \(name(section)) is in slot \(section.slot), where they are pinned (pins.csv) to section \(pinnedTo.section.section) of \(named(course: pinnedTo.course)) (\(choiceNumber(pinnedTo.rank)))"
        case .notWorthIt(let section, let value, let instead, _):
            if let instead {
                return ru ? "в \(name(section)) (\(site(section.site)), занятие \(section.slot)) есть место, но это не лучше \(course(instead)), который у ученика в это время"
                    : "a seat is free in \(name(section)) (\(site(section.site)), slot \(section.slot)), but it is worth no more than \(course(instead)), which they take then"
            }
            return ru ? "в \(name(section)) (\(site(section.site)), занятие \(section.slot)) есть место, но дорога стоит больше, чем этот выбор (\(number(value)))"
                : "a seat is free in \(name(section)) (\(site(section.site)), slot \(section.slot)), but the trip costs more than the choice is worth (\(number(value)))"
        case .leftBySearch(let section, let gain, _):
            return ru ? "в \(name(section)) (\(site(section.site)), занятие \(section.slot)) есть место, и это добавило бы \(number(gain)); поиск не записал туда ученика"
                : "a seat is free in \(name(section)) (\(site(section.site)), slot \(section.slot)) and would add \(number(gain)); the search did not place them there"
        }
    }

    /// "its only section is" / "its sections are" / "the section they could take is".
    private func heading(_ n: Int, of count: Int) -> String {
        if n == count {
            return count == 1 ? (ru ? "единственная группа —" : "its only section is") : (ru ? "группы —" : "its sections are")
        }
        return n == 1 ? (ru ? "группа, куда он мог бы пойти, —" : "the section they could take is")
            : (ru ? "группы, куда он мог бы пойти, —" : "the sections they could take are")
    }

    /// "S012" / "S012 (pinned)": a section a cause names, marked when it meets a pin (H6).
    private func name(_ s: SectionFact) -> String {
        s.isPinned ? "\(s.section) (\(ru ? "закреплена" : "pinned"))" : s.section
    }

    /// "«Химия» (1st choice)" / "«Химия» (1st choice, pinned)": a course a student takes.
    private func course(_ t: TakenCourse) -> String {
        let c = named(course: t.course)
        return t.section.isPinned ? "\(c) (\(choiceNumber(t.rank)), \(ru ? "закреплена" : "pinned"))" : "\(c) (\(choiceNumber(t.rank)))"
    }

    /// "S012 at s001, slot 1: 25/25".
    private func seats(_ s: SectionFact) -> String {
        ru ? "\(name(s)), \(site(s.site)), занятие \(s.slot): \(s.enrolled)/\(s.capacity)"
            : "\(name(s)) at \(site(s.site)), slot \(s.slot): \(s.enrolled)/\(s.capacity)"
    }

    /// "1st choice" / "1-й выбор" (rank 0-based).
    public func choiceNumber(_ rank: Int) -> String {
        ru ? "\(rank + 1)-й выбор" : choice(rank + 1)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
