import Testing
import SetkaModel
import Wording
@testable import ProfileDay

/// The checker's H6, by hand on `CheckerFixture` (S1 math T1 a/r1 slot 1: a1 a2 a3; S2 robo T3
/// c/ws slot 2: b1 b2; S3 online T1 remote slot 3: a1 b1; S4 chem T2 a/lab slot 2: a2 a3; S5 math
/// T2 b/r1 slot 1: b3 b4).
@Suite struct PinCheckTests {
    func check(_ pins: [Pin]) -> CheckReport {
        let f = CheckerFixture()
        var scenario = f.scenario
        scenario.pins = pins
        return ProfileDayChecker.check(f.timetable, in: scenario)
    }

    @Test func pinsMetByTheirOwnSections() {
        let report = check([
            Pin(course: "math", teacher: "T1", place: .site("a"), room: "r1", slot: "1", students: ["a1", "a2"]),
            Pin(course: "online", place: .remote, students: ["b1"]),
            Pin(course: "math", slot: "1"),  // S5: S1 is the first pin's
            Pin(course: "chem"),
        ])
        #expect(report.isValid, "\(report.violations)")
        #expect(PinRule.sections(meeting: [Pin(course: "math", slot: "1"), Pin(course: "math", slot: "1")],
                                 in: CheckerFixture().timetable) == ["S1", "S5"])
    }

    @Test func aPinNoSectionMeets() {
        let report = check([Pin(course: "math", teacher: "T4")])
        let v = report.only(.pinNotMet)
        #expect(v?.rule == .pins)
        #expect(v?.description == "H6 pins: pin 1 (pins.csv row 2: math, teacher T4) is not met: no open section has these columns")
    }

    @Test func aPinWhoseStudentsAreElsewhere() {
        let report = check([Pin(course: "math", slot: "1", students: ["a1", "b1"])])
        let v = report.only(.pinStudentsMissing)
        #expect(v?.description == "H6 pins: pin 1 (pins.csv row 2: math, slot 1, students a1|b1) is not met: sections S1 and S5 have its columns, but student b1 attends none of them")
        #expect(v?.sections == ["S1", "S5"])
    }

    @Test func twoPinsOneSection() {
        let report = check([Pin(course: "robo"), Pin(course: "robo", place: .site("c"))])
        #expect(report.violations.count == 1)
        let v = report.only(.pinSectionShared)
        #expect(v?.description == "H6 pins: pin 2 (pins.csv row 3: robo, at c) is not met: section S2 meets it but is needed by pin 1; each pin needs its own section")
    }

    @Test func aRemotePinIsNotMetByASectionAtASite() {
        #expect(check([Pin(course: "math", place: .remote)]).only(.pinNotMet) != nil)
        #expect(check([Pin(course: "online", place: .site("a"))]).only(.pinNotMet) != nil)
    }
}

/// H6 findings and the variants' pin effect in words, Russian and English.
@Suite struct PinWordsTests {
    @Test func findingsInBothLanguages() {
        let pin = Pin(course: "robo", teacher: "T3", place: .site("c"), room: "ws", slot: "2", students: ["b1"])
        let notMet = Violation(.pinNotMet(pin: 2, pinned: pin))
        #expect(Words(.ru).line(notMet) == "H6 закрепления: закрепление 3 (pins.csv, строка 4: курс robo, учитель T3, площадка c, аудитория ws, занятие 2, ученики b1) не выполнено: нет открытой группы с такими данными")
        #expect(Words(.en).line(notMet) == "H6 pins: pin 3 (pins.csv row 4: robo, teacher T3, at c, room ws, slot 2, students b1) is not met: no open section has these columns")
        let missing = Violation(.pinStudentsMissing(pin: 0, pinned: Pin(course: "math", students: ["a1", "b1"]), sections: ["S1", "S5"], students: ["b1"]))
        #expect(Words(.ru).sentence(missing.detail) == "закрепление 1 (pins.csv, строка 2: курс math, ученики a1|b1) не выполнено: группы S1 и S5 подходят, но ученик b1 не ходит ни в одну из них")
        let shared = Violation(.pinSectionShared(pin: 1, pinned: Pin(course: "online", place: .remote), sections: ["S3"], pins: [0]))
        #expect(Words(.ru).sentence(shared.detail) == "закрепление 2 (pins.csv, строка 3: курс online, дистанционно) не выполнено: подходящая группа S3 уже нужна закреплению 1; каждому закреплению нужна своя группа")
        #expect(shared.rule == .pins && shared.kind == .pinSectionShared)
    }

    @Test func variantPinEffects() {
        #expect(Words(.en).sentence(VariantEffect.pinsChanged(dropped: 2, studentsTakenOut: 1)) == "2 pins naming it dropped; its students taken out of 1 pin")
        #expect(Words(.ru).sentence(VariantEffect.pinsChanged(dropped: 1, studentsTakenOut: 0)) == "снято закреплений, где это указано: 1")
    }
}
