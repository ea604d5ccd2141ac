import Foundation
import Testing
import ProfileDay
import Scenarios
import SetkaModel
@testable import Reports
import Wording

/// Sentences name teachers, courses and organisations the way a coordinator knows them
/// (`Names`, `Words.named`): reasons, advice and variant changes carry ids, the words give names.
@Suite struct NamesTests {
    /// The fixture's district: teachers T1–T3 ("Teacher One"…), courses rob/chem/prog/art
    /// ("Robotics"…), organisations A ("Школа А"), B, C ("Centre C"), D.
    static func words(_ language: ReportLanguage) throws -> Words {
        Words(language, names: Names(try Fixture.scenario()))
    }

    @Test func aTeacherByNameAndIdACourseByTitleAnOrganisationByName() throws {
        let ru = try Self.words(.ru), en = try Self.words(.en)
        #expect(ru.named(teacher: "T1") == "Teacher One (T1)")
        #expect(ru.named(course: "rob") == "«Robotics»")
        #expect(en.named(course: "rob") == "“Robotics”")
        #expect(ru.named(organisation: "A") == "Школа А")
        // An id the scenario does not know (a variant's, a stale file's) stays an id.
        #expect(ru.named(teacher: "T9") == "T9")
        #expect(ru.named(course: "geo") == "geo")
        #expect(ru.named(organisation: "Z") == "Z")
        // Without names: ids, as the facts carry them.
        #expect(Words(.ru).named(teacher: "T1") == "T1")
        #expect(Words(.ru).named(course: "rob") == "rob")
    }

    @Test func aNameThatHoldsTheIdOrSaysNothingMoreIsNotRepeated() throws {
        var scenario = try Fixture.scenario()
        scenario.teachers[0].name = "Учитель T1"
        scenario.teachers[1].name = "  "
        scenario.teachers[2].name = "T3"
        scenario.courses[0].title = "rob"
        let w = Words(.ru, names: Names(scenario))
        #expect(w.named(teacher: "T1") == "Учитель T1")
        #expect(w.named(teacher: "T2") == "T2")
        #expect(w.named(teacher: "T3") == "T3")
        #expect(w.named(course: "rob") == "rob")
    }

    @Test func adviceAsksATeacherByName() throws {
        let ru = try Self.words(.ru), en = try Self.words(.en)
        let change = AdviceChange.teacherSlot(teacher: "T2", slot: "3", slots: ["2", "3"], maxSections: nil)
        #expect(ru.clause(change) == "педагог Teacher Two (T2) сможет вести занятие в слоте 3")
        #expect(en.clause(change) == "teacher Teacher Two (T2) can teach in slot 3")
        #expect(ru.asked(.teacher("T2")) == "педагог Teacher Two (T2)")
        #expect(ru.asked(.organisation("C")) == "организация Centre C (оборудовать аудиторию)")
        #expect(ru.clause(.courseSite(course: "rob", site: "A", sites: ["A", "C"])) == "курс «Robotics» можно будет вести и в Школа А")
        #expect(ru.clause(.roomKind(site: "A", room: "11", from: "classroom", kind: "computer"))
                == "аудиторию 11 в Школа А оборудуют как «computer» (сейчас «classroom»)")
    }

    @Test func reasonsNameTeachersCoursesAndPlaces() throws {
        let ru = try Self.words(.ru), en = try Self.words(.en)
        let room = CourseCause.noSuitableRoom(roomKind: "computer", minSize: 10, allowedSites: ["C"],
                                              teachers: [QualifiedTeacher(teacher: "T1", site: "C", travels: false)])
        #expect(ru.sentence(room) == "нет аудитории типа «computer» хотя бы на 10 мест там, где его могут вести учителя: "
                + "Teacher One (T1), Centre C (не выезжает); курс можно вести только на Centre C")
        let free = FreePlace(place: TeacherPlace(teacher: "T2", site: "A"), slots: ["1", "2"])
        #expect(en.sentence(CourseCause.tooFewNearFreeTeacher(free: free, withinReach: 7, chosenBy: 12, minSize: 10, blocked: []))
                == "7 of its 12 students are within reach of a qualified teacher (Teacher Two (T2), Школа А, free in slots 1–2); 10 needed")
        let taken = TakenCourse(course: "chem", rank: 0, section: SectionFact(section: "S2", site: "A", slot: "2", enrolled: 3, capacity: 25))
        let s7 = SectionFact(section: "S7", site: "C", slot: "2", enrolled: 12, capacity: 12)
        #expect(en.sentence(ChoiceCause.slotTaken(sections: [s7], by: [taken], openSections: 1))
                == "its only section is in slot 2, where they take “Chemistry” (1st choice)")
        #expect(ru.sentence(ChoiceCause.full(sections: [s7], openSections: 1))
                == "единственная группа заполнена (S7, Centre C, занятие 2: 12/12)")
        let student = StudentExplanation(student: "a3", school: "A", wanted: 2, got: 0, listed: 1,
                                         choices: [ChoiceExplanation(course: "art", rank: 0, cause: .courseNotOpened)])
        #expect(ru.reason(student) == "«Art»: курс не открылся (причина — в списке неоткрывшихся курсов); указал в выборе только 1")
    }

    @Test func variantChangesNameWhatTheyChange() throws {
        let ru = try Self.words(.ru)
        #expect(ru.sentence(VariantEffect.removedTeacher("T3")) == "убран учитель Teacher Three (T3)")
        #expect(ru.rowName(.teacher, "T2", nil) == "педагог Teacher Two (T2)")
        #expect(ru.rowName(.room, "r1", "C") == "аудитория r1 на площадке Centre C")
        #expect(ru.rowName(.student, "a1", nil) == "ученик a1")
    }

    /// A hand edit refused in the app (`Words(scenario)` on the edit page) names the teacher; a
    /// teacher the data does not hold stays an id, which is what the data file needs.
    @Test func aRuleBrokenByATeacherNamesThem() throws {
        let ru = try Self.words(.ru)
        #expect(ru.line(Violation(.teacherSlotNotFree(teacher: "T2", section: "S5", slot: "3", free: ["1", "2"])))
                == "H1 учитель: учитель Teacher Two (T2) ведёт группу S5 на занятии 3, но свободен только на занятиях 1 и 2")
        #expect(ru.dropped(Violation(.unknownTeacher(section: "S4", teacher: "T9"))) == "учителя T9 больше нет")
    }

    /// A broken rule names the course by its title and the sites by their organisations' names as
    /// well (the edit page's refusals, `setka check`); sections, rooms and students stay ids, and
    /// an id the scenario does not hold stays an id.
    @Test func aRuleBrokenAtASiteNamesTheCourseAndTheSite() throws {
        let ru = try Self.words(.ru), en = try Self.words(.en)
        let wrongRoom = Violation(.roomWrongKind(section: "S2", course: "rob", kind: "computer", room: "11", site: "A", roomKind: "classroom"))
        #expect(ru.line(wrongRoom)
                == "H2 аудитория: группе S2 курса «Robotics» нужна аудитория типа computer, а аудитория 11 на площадке Школа А — типа classroom")
        #expect(en.sentence(wrongRoom.detail)
                == "section S2 of course “Robotics” needs a room of kind computer, but room 11 at Школа А is of kind classroom")
        let far = Violation(.studentTripTooLong(student: "b1", school: "B", section: "S1", site: "Z", minutes: 50, limit: 40))
        #expect(ru.sentence(far.detail).hasPrefix("ученик b1 из School B ходит в группу S1 на площадке Z"))
        #expect(ru.dropped(Violation(.sectionTooSmall(section: "S2", course: "chem", enrolled: 3, minSize: 5)))
                == "в группе курса «Chemistry» осталось 3 уч. — меньше минимума 5")
        // Without names, as `setka check --json` words its messages: ids.
        #expect(Words(.en).sentence(wrongRoom.detail).contains("course rob needs a room of kind computer, but room 11 at A"))
    }

    /// The report's words carry its scenario's names, so the reasons in its tables do.
    @Test func theReportUsesItsScenariosNames() throws {
        let content = ReportContent(try Fixture.input())
        #expect(content.words.named(teacher: "T1") == "Teacher One (T1)")
        #expect(content.teacher("T1") == "Teacher One")
        #expect(content.course("rob") == "Robotics")
        #expect(content.site("C") == "Centre C")
    }
}
