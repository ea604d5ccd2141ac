import Foundation

/// Changing a scenario's pins by hand, one pin at a time (what the browser's «Закрепить» and
/// «Открепить» do): the pins after the change, never the scenario itself. Whether the new list
/// is possible is `PinValidator`'s to say when the scenario with these pins is loaded; nothing
/// here checks the other tables.
public enum PinList {
    /// What adding a pin does to a list of pins.
    public enum Addition: Sendable, Hashable {
        /// The pin is a new row at the end.
        case added(pins: [Pin])
        /// Row `index` allowed the pinned section already and named fewer of its columns: it is
        /// narrowed to the new pin's columns (its students kept), so that the one section meets
        /// one row (H6 never lets two rows share a section).
        case narrowed(index: Int, pins: [Pin])
        /// Row `index` already names exactly this section (the same course, teacher, place,
        /// room and slot): nothing changes.
        case alreadyPinned(index: Int)

        /// The pins after the addition (nil when nothing changed).
        public var pins: [Pin]? {
            switch self {
            case .added(let p), .narrowed(_, let p): p
            case .alreadyPinned: nil
            }
        }
    }

    /// `pin` added to `pins`: see `Addition`. Of several rows that allow the pin's section, the
    /// first is narrowed.
    public static func adding(_ pin: Pin, to pins: [Pin]) -> Addition {
        if let i = pins.firstIndex(where: { sameSection($0, pin) }) { return .alreadyPinned(index: i) }
        if let site = sectionSite(pin), let teacher = pin.teacher, let slot = pin.slot,
           let i = pins.firstIndex(where: { $0.admits(course: pin.course, teacher: teacher, site: site, room: pin.room, slot: slot) }) {
            var out = pins
            var narrowed = pin
            narrowed.students = pins[i].students + pin.students.filter { !pins[i].students.contains($0) }
            out[i] = narrowed
            return .narrowed(index: i, pins: out)
        }
        return .added(pins: pins + [pin])
    }

    /// `pins` without row `index` (unchanged when there is no such row).
    public static func removing(at index: Int, from pins: [Pin]) -> [Pin] {
        guard pins.indices.contains(index) else { return pins }
        var out = pins
        out.remove(at: index)
        return out
    }

    /// The same columns but the students.
    static func sameSection(_ a: Pin, _ b: Pin) -> Bool {
        a.course == b.course && a.teacher == b.teacher && a.place == b.place && a.room == b.room && a.slot == b.slot
    }

    /// The site of a pin that names a whole section (teacher, place and slot): `.some(nil)` for
    /// remote, nil when it leaves its place open.
    private static func sectionSite(_ pin: Pin) -> String?? {
        switch pin.place {
        case .none: nil
        case .remote?: .some(nil)
        case .site(let s)?: .some(s)
        }
    }
}
