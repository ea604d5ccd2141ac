import Foundation
import Testing

/// `setka edit` on the district of `setka check`'s tests (objective 940 by hand; see
/// `CheckCLITests`): what is written, what a refusal leaves behind (nothing), the exit codes.
@Suite("setka edit")
struct EditCLITests {
    let fm = FileManager.default

    func folders(pins: String? = nil) throws -> (root: URL, scenario: String, timetable: String) {
        let f = try CheckCLITests().folders()
        if let pins { try pins.write(toFile: f.scenario + "/pins.csv", atomically: true, encoding: .utf8) }
        return f
    }

    /// Every file under `dir`, relative, with its bytes (to show nothing changed).
    func snapshot(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = fm.enumerator(atPath: dir) else { return out }
        for case let path as String in e {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: dir + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                out[path] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path))
            }
        }
        return out
    }

    @Test func closeWritesTheEditedTimetableAndWhoMoved() throws {
        let f = try folders()
        defer { try? fm.removeItem(at: f.root) }
        let out = f.root.appendingPathComponent("edited").path
        let r = try CLIRunner.run(["edit", f.scenario, f.timetable, "--close", "S5", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("целевая функция 940 → 907,5 (-32,5)"))
        #expect(r.stderr.contains("b3: S5 → S1"))
        #expect(r.stderr.contains("b4: S5 → S2"))
        let sections = try String(contentsOfFile: out + "/sections.csv", encoding: .utf8)
        #expect(!sections.contains("S5,"))
        let changes = try String(contentsOfFile: out + "/changes.csv", encoding: .utf8)
        #expect(changes.contains("b3,S5,S1"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/edit.json"))) as? [String: Any])
        #expect(report["objectiveChange"] as? Double == -32.5)
        for file in ["enrolments.csv", "summary.json", "timetable-students.csv", "students-short.csv"] {
            #expect(fm.fileExists(atPath: out + "/" + file), "\(file)")
        }
        // What was written passes the independent check.
        let check = try CLIRunner.run(["check", f.scenario, out])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("Objective: 907.5"))
    }

    /// The timetable as one workbook (sheets «Группы» and «Записи», as the app's «Выгрузки»
    /// give it) is edited as its two files are; a bad cell is named by workbook, sheet and cell.
    @Test func aTimetableWorkbookIsEditedAsItsFilesAre() throws {
        let f = try folders()
        defer { try? fm.removeItem(at: f.root) }
        let book = f.root.appendingPathComponent("расписание.xlsx")
        try CheckCLITests.writeTimetableBook(book)
        let out = f.root.appendingPathComponent("edited").path
        let r = try CLIRunner.run(["edit", f.scenario, book.path, "--close", "S5", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("целевая функция 940 → 907,5 (-32,5)"))
        let fromFiles = try CLIRunner.run(["edit", f.scenario, f.timetable, "--close", "S5", "--out", f.root.appendingPathComponent("edited2").path])
        #expect(fromFiles.status == 0)
        for file in ["sections.csv", "enrolments.csv", "changes.csv"] {
            #expect(try String(contentsOfFile: out + "/" + file, encoding: .utf8)
                    == String(contentsOfFile: f.root.appendingPathComponent("edited2/" + file).path, encoding: .utf8), "\(file)")
        }
        #expect(try CLIRunner.run(["check", f.scenario, out]).status == 0)
        try CheckCLITests.writeTimetableBook(book, sections: CheckCLITests.sections.replacingOccurrences(of: "S4,chem,T2", with: "S4,chem,T 2"))
        let bad = try CLIRunner.run(["edit", f.scenario, book.path, "--close", "S5", "--out", f.root.appendingPathComponent("edited3").path])
        #expect(bad.status == 1 && bad.stderr.contains("расписание.xlsx[Группы]!C5"), "\(bad.stderr)")
        #expect(!fm.fileExists(atPath: f.root.appendingPathComponent("edited3").path))
    }

    @Test func aRefusedEditWritesNothingAndExitsSix() throws {
        let f = try folders()
        defer { try? fm.removeItem(at: f.root) }
        let out = f.root.appendingPathComponent("edited").path
        let before = try snapshot(f.root.path)
        let r = try CLIRunner.run(["edit", f.scenario, f.timetable, "--move", "S5", "--to", "slot=2", "--out", out])
        #expect(r.status == 6)
        #expect(r.stderr.contains("отказ: --move S5 --to slot=2: H1 учитель: учитель T2 ведёт группы S4 и S5 на одном занятии 2"))
        #expect(r.stderr.contains("ничего не записано"))
        #expect(!fm.fileExists(atPath: out))
        #expect(try snapshot(f.root.path) == before)
        // Even into the timetable's own folder: it stays as it was.
        let inPlace = try CLIRunner.run(["edit", f.scenario, f.timetable, "--close", "S9", "--out", f.timetable])
        #expect(inPlace.status == 6)
        #expect(inPlace.stderr.contains("нет группы S9"))
        #expect(try snapshot(f.root.path) == before)
    }

    @Test func closingAPinnedSectionIsRefused() throws {
        let f = try folders(pins: "course,teacher,site,room,slot,students\nmath,T2,b,r1,1,b3\n")
        defer { try? fm.removeItem(at: f.root) }
        let r = try CLIRunner.run(["edit", f.scenario, f.timetable, "--close", "S5", "--dry-run"])
        #expect(r.status == 6)
        #expect(r.stderr.contains("H6 закрепления: группа S5 выполняет закрепление 1 (pins.csv, строка 2"))
    }

    @Test func dryRunAnswersWithoutWriting() throws {
        let f = try folders()
        defer { try? fm.removeItem(at: f.root) }
        let before = try snapshot(f.root.path)
        let r = try CLIRunner.run(["edit", f.scenario, f.timetable, "--unassign", "a1=S1", "--dry-run", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["accepted"] as? Bool == true)
        let report = try #require(json["report"] as? [String: Any])
        let moved = try #require(report["studentsMoved"] as? [[String: Any]])
        #expect(moved.map { $0["student"] as? String } == ["a1"])
        #expect(try snapshot(f.root.path) == before)
        let refused = try CLIRunner.run(["edit", f.scenario, f.timetable, "--assign", "b2=S1", "--dry-run", "--json"])
        #expect(refused.status == 6)
        let no = try #require(try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any])
        #expect(no["accepted"] as? Bool == false)
        #expect((no["refusal"] as? String)?.contains("ученик b2 ходит в группу S1 курса math, которого нет в его выборе") == true)
    }

    @Test func pinWritesEveryPinToTheOutputNotTheScenario() throws {
        let f = try folders(pins: "course,teacher\nchem,T2\n")
        defer { try? fm.removeItem(at: f.root) }
        let scenarioPins = try String(contentsOfFile: f.scenario + "/pins.csv", encoding: .utf8)
        let out = f.root.appendingPathComponent("edited").path
        let r = try CLIRunner.run(["edit", f.scenario, f.timetable, "--assign", "b3=S1", "--pin", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let pins = try String(contentsOfFile: out + "/pins.csv", encoding: .utf8)
        #expect(pins == "course,teacher,site,room,slot,students\nchem,T2,,,,\nmath,T1,a,r1,1,b3\n")
        #expect(try String(contentsOfFile: f.scenario + "/pins.csv", encoding: .utf8) == scenarioPins)
        // The pinned section is marked in sections.csv.
        let sections = try String(contentsOfFile: out + "/sections.csv", encoding: .utf8)
        #expect(sections.hasPrefix("section,course,teacher,site,room,slot,enrolled,pinned\r\n"))
        #expect(sections.contains("S1,math,T1,a,r1,1,4,yes"))
        // With the new pins in place the edited timetable passes the check (H6 included).
        try fm.removeItem(atPath: f.scenario + "/pins.csv")
        try fm.copyItem(atPath: out + "/pins.csv", toPath: f.scenario + "/pins.csv")
        #expect(try CLIRunner.run(["check", f.scenario, out]).status == 0)
    }

    @Test func usageErrors() throws {
        let f = try folders()
        defer { try? fm.removeItem(at: f.root) }
        let noEdit = try CLIRunner.run(["edit", f.scenario, f.timetable, "--dry-run"])
        #expect(noEdit.status == 64)
        #expect(noEdit.stderr.contains("say what to change"))
        let noTo = try CLIRunner.run(["edit", f.scenario, f.timetable, "--move", "S1", "--dry-run"])
        #expect(noTo.status == 64)
        #expect(noTo.stderr.contains("every --move SECTION needs its --to PLACE"))
        let noOut = try CLIRunner.run(["edit", f.scenario, f.timetable, "--close", "S1"])
        #expect(noOut.status == 64)
        let badOpen = try CLIRunner.run(["edit", f.scenario, f.timetable, "--open", "course=math,teacher=T1,site=a,slot=2", "--dry-run"])
        #expect(badOpen.status == 64)
        #expect(badOpen.stderr.contains("--open: 'room=' is missing (the room at a)"))
        let pinClose = try CLIRunner.run(["edit", f.scenario, f.timetable, "--close", "S1", "--pin", "--dry-run"])
        #expect(pinClose.status == 6)
        #expect(pinClose.stderr.contains("--pin относится к --move, --open и --assign"))
    }

    @Test func anInvalidTimetableExitsOne() throws {
        let f = try folders()
        defer { try? fm.removeItem(at: f.root) }
        let broken = CheckCLITests.sections.replacingOccurrences(of: "S3,online,T1,,,3,2", with: "S3,online,T1,,,1,2")
        try broken.write(toFile: f.timetable + "/sections.csv", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["edit", f.scenario, f.timetable, "--close", "S2", "--dry-run"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("расписание уже нарушает правила"))
    }
}
