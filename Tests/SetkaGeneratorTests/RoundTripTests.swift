import Foundation
import SetkaGenerator
import SetkaModel
import Testing

/// Compares every value a scenario folder holds (not `folder`, which says where it was read).
func expectSameValues(_ a: Scenario, _ b: Scenario, _ label: String) {
    #expect(a.name == b.name, "\(label): name")
    #expect(a.language == b.language, "\(label): language")
    #expect(a.travelSettings == b.travelSettings, "\(label): travel")
    #expect(a.profileDay == b.profileDay, "\(label): profile_day")
    #expect(a.partnering == b.partnering, "\(label): partnering")
    #expect(a.organisations == b.organisations, "\(label): schools")
    #expect(a.rooms == b.rooms, "\(label): rooms")
    #expect(a.teachers == b.teachers, "\(label): teachers")
    #expect(a.courses == b.courses, "\(label): courses")
    #expect(a.students == b.students, "\(label): students")
    #expect(a.travelEntries == b.travelEntries, "\(label): travel entries")
}

func writeAndLoad(_ s: Scenario, byteOrderMark: Bool = false) throws -> LoadedScenario {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("setka-roundtrip-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try ScenarioWriter.write(s, to: folder, byteOrderMark: byteOrderMark)
    return try ScenarioLoader.load(from: folder)
}

@Test func handWrittenScenarioRoundTrips() throws {
    var s = sampleScenario(travel: true)
    // The loader trims cells, and an empty `slots` cell means "all slots": keep to what the
    // format can say (see ScenarioWriter's note).
    s.organisations[2].name = "Колледж"
    s.teachers.removeLast()
    s.travelEntries.append(TravelEntry(from: "b", to: "c", minutes: 30))  // b has no coordinates
    for bom in [false, true] {
        let loaded = try writeAndLoad(s, byteOrderMark: bom)
        expectSameValues(s, loaded.scenario, "sample, BOM \(bom)")
    }
}

@Test(arguments: ["district-600", "region-2500"])
func generatedScenarioRoundTrips(preset: String) throws {
    let s = generate(preset, seed: 21) { $0.kindergartens = $0.mode == .region ? 100 : 3 }
    let loaded = try writeAndLoad(s)
    expectSameValues(s, loaded.scenario, preset)
    #expect(loaded.warnings.filter { $0.severity == .error }.isEmpty)
}

@Test func generatedCityLoadsWithoutErrors() throws {
    let s = generate("city-20000", seed: 2)
    let loaded = try writeAndLoad(s)
    #expect(loaded.scenario.students.count == s.students.count)
    #expect(loaded.scenario.teachers == s.teachers)
}

/// The bundled hand-made example loads cleanly.
@Test func ruralDistrictExampleLoads() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/rural-district")
    let loaded = try ScenarioLoader.load(from: folder)
    #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
    let s = loaded.scenario
    #expect(s.organisations.count == 8)
    #expect(s.organisations.contains { $0.kind == .additional } && s.organisations.contains { $0.kind == .college })
    #expect((100...140).contains(s.students.count))
    #expect(s.profileDay?.slots.count == 3)
    #expect(s.courses.filter(\.remote).count == 1)
    #expect(s.rooms.contains { $0.kind == "chemistry-lab" } && s.rooms.contains { $0.kind == "computer" })
    #expect(s.teachers.contains { !$0.travels } && s.teachers.contains { $0.slots != nil })
    #expect(s.partnering.count == 1)
    // Written back by the writer, it loads to the same values.
    expectSameValues(s, try writeAndLoad(s).scenario, "rural-district")
}
