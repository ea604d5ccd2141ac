import Testing
@testable import SetkaModel

/// `PinList`: one pin added or removed by hand («Закрепить», «Открепить» in the browser).
@Suite("Pins: adding and removing by hand")
struct PinListTests {
    let section = Pin(course: "robotics", teacher: "t1", place: .site("a"), room: "12", slot: "2")

    @Test func aNewSectionIsANewRow() {
        let other = Pin(course: "chemistry", teacher: "t2", place: .site("b"), room: "lab", slot: "1")
        #expect(PinList.adding(section, to: [other]) == .added(pins: [other, section]))
        #expect(PinList.adding(section, to: []).pins == [section])
    }

    @Test func theSameSectionAgainChangesNothing() {
        var withStudents = section
        withStudents.students = ["s1"]
        #expect(PinList.adding(section, to: [withStudents]) == .alreadyPinned(index: 0))
        #expect(PinList.adding(section, to: [withStudents]).pins == nil)
    }

    @Test func aLooserRowTheSectionMetIsNarrowedKeepingItsStudents() {
        let loose = Pin(course: "robotics", slot: "2", students: ["s1", "s2"])
        var section = self.section
        section.students = ["s2", "s3"]
        let narrowed = Pin(course: "robotics", teacher: "t1", place: .site("a"), room: "12", slot: "2", students: ["s1", "s2", "s3"])
        #expect(PinList.adding(section, to: [loose]) == .narrowed(index: 0, pins: [narrowed]))
        // A row the section does not meet (another slot, another site, remote) stays, and the pin is new.
        for other in [Pin(course: "robotics", slot: "1"), Pin(course: "robotics", place: .site("b")), Pin(course: "robotics", place: .remote)] {
            #expect(PinList.adding(section, to: [other]) == .added(pins: [other, section]), "\(other.summary)")
        }
        // A remote section narrows a remote row.
        let remote = Pin(course: "robotics", teacher: "t1", place: .remote, slot: "1")
        #expect(PinList.adding(remote, to: [Pin(course: "robotics", place: .remote)]) == .narrowed(index: 0, pins: [remote]))
    }

    @Test func removingTakesOutOneRow() {
        let other = Pin(course: "chemistry")
        #expect(PinList.removing(at: 0, from: [section, other]) == [other])
        #expect(PinList.removing(at: 5, from: [section, other]) == [section, other])
    }
}
