import SetkaModel

/// H6 in the working state: which open sections meet a pin, and which of their students the pin
/// names. A pinned section is never closed or moved by the search, and its pinned students never
/// leave it (`ScheduleState.canLeave`); other students come and go as in any section.
///
/// Held students (`hold`) are kept in a section the same way for the length of one operation (a
/// hand edit that put them there); they are not pins and are never written.
struct PinnedSections: Sendable {
    /// Section → the pin it meets (position in `scenario.pins`).
    private(set) var pinOf: [Int: Int] = [:]
    /// Section → the students who may not leave it (pinned, or held for an edit).
    private(set) var kept: [Int: [Int]] = [:]

    /// No pin and nobody held: the search's fast path.
    var isEmpty: Bool { pinOf.isEmpty && kept.isEmpty }

    /// Whether section `k` meets a pin.
    @inline(__always) func isPinned(_ k: Int) -> Bool { !pinOf.isEmpty && pinOf[k] != nil }

    /// The pin section `k` meets, if any.
    @inline(__always) func pin(of k: Int) -> Int? { pinOf.isEmpty ? nil : pinOf[k] }

    /// Whether student `s` may not leave section `k`.
    @inline(__always) func keeps(_ s: Int, in k: Int) -> Bool {
        guard !kept.isEmpty, let list = kept[k] else { return false }
        return list.contains(s)
    }

    /// Section `k` meets pin `pin`; `students` (the pin's) may not leave it.
    mutating func pin(_ k: Int, pin: Int, students: [Int]) {
        pinOf[k] = pin
        if !students.isEmpty { kept[k, default: []].append(contentsOf: students) }
    }

    /// Student `s` may not leave section `k` until `release`.
    mutating func hold(_ s: Int, in k: Int) { kept[k, default: []].append(s) }

    /// Undoes one `hold`.
    mutating func release(_ s: Int, in k: Int) {
        guard var list = kept[k], let i = list.lastIndex(of: s) else { return }
        list.remove(at: i)
        kept[k] = list.isEmpty ? nil : list
    }

    /// Section `k` (pinned, closed to be reopened elsewhere by a hand edit) hands its pin and its
    /// kept students to section `to`.
    mutating func transfer(_ k: Int, to: Int) {
        if let pin = pinOf.removeValue(forKey: k) { pinOf[to] = pin }
        if let list = kept.removeValue(forKey: k) { kept[to] = list }
    }

    /// The sections numbered anew (`ScheduleState.compact`; a closed one, numbered -1, has
    /// nothing to keep).
    mutating func renumber(_ number: (Int) -> Int) {
        guard !isEmpty else { return }
        pinOf = Dictionary(uniqueKeysWithValues: pinOf.compactMap { k, pin in number(k) >= 0 ? (number(k), pin) : nil })
        kept = Dictionary(uniqueKeysWithValues: kept.compactMap { k, list in number(k) >= 0 ? (number(k), list) : nil })
    }

    /// Sections that meet pins, by pin.
    var sectionOfPin: [Int: Int] { Dictionary(uniqueKeysWithValues: pinOf.map { ($1, $0) }) }
}

extension ScheduleState {
    /// Marks the sections that meet `pins` in `timetable` as the checker finds them (H6: each
    /// pin's own section, `PinRule.sections`), with the pins' students kept in them; `number`
    /// gives a section id's index in this state. Replaces any marks there were (holds too).
    mutating func markPins(_ pins: [Pin], in timetable: Timetable, number: (String) -> Int?) {
        self.pins = PinnedSections()
        guard !pins.isEmpty else { return }
        let numbers = TimetableNumbering(p)
        for (i, id) in PinRule.sections(meeting: pins, in: timetable).enumerated() {
            guard let id, let k = number(id) else { continue }
            self.pins.pin(k, pin: i, students: pins[i].students.compactMap { numbers.student[$0] })
        }
    }
}
