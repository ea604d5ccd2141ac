import ArgumentParser
import Foundation
import SetkaGenerator
import SetkaModel

/// `setka generate`: writes a synthetic district (or region) as a scenario folder.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic, realistic district (or region) as a scenario folder.",
        discussion: """
        Deterministic: the same options and --seed give byte-identical files. Presets: \
        \(DistrictParameters.presets.map(\.name).joined(separator: ", ")); options given \
        explicitly override the preset's values. A district with on average 80 or more seniors \
        per school is generated as a city. Region mode writes organisations and partnering rules \
        only (no profile day). The presets meetings-city and meetings-town write a year plan of \
        network meetings instead (platforms, participants, a city's organisations; `setka meetings`).

        Exit codes: 0 written; 5 the folder could not be written; 64 usage error (bad option \
        values, sizes beyond the limits, or OUTDIR is not empty and --force is not given).
        """
    )

    @Argument(help: "The folder to write (created if missing).")
    var outdir: String

    @Option(help: "A named preset: district-600, district-1500, city-20000, district-600-b, district-900-b3, district-1500-b, city-20000-b, region-2500, meetings-city, meetings-town.")
    var preset: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Family of district: a or b (default a; the -b presets are b).",
        discussion: "a: teachers where their course's demand is, labs only in the district centre. b: teachers of a course spread over sites with its room kind whatever the demand, half of them limited to 2–3 sections, a quarter free in all slots but one, 30% who do not travel, labs at many schools, three strong local favourite courses per school (the family the profile day's quality is judged on)."))
    var family: String?

    @Option(parsing: .unconditional, help: "Seed of the generator (default 1).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "General-education schools (district mode; default 15).")
    var schools: Int?

    @Option(parsing: .unconditional, help: "Senior students over all schools (default 600).")
    var seniors: Int?

    @Option(parsing: .unconditional, help: "Elective courses on offer (default 30).")
    var courses: Int?

    @Option(parsing: .unconditional, help: "Slots of the profile day, 1–8 (default 4).")
    var slots: Int?

    @Option(parsing: .unconditional, help: "Ranked choices per student, on average (each gives this ±1; default 5).")
    var choices: Int?

    @Option(name: .customLong("radius-km"), parsing: .unconditional, help: "District radius in km (default 35 rural, 15 city).")
    var radiusKm: Double?

    @Option(parsing: .unconditional, help: "Kindergartens to add (for a kindergarten partnering rule; default 0).")
    var kindergartens: Int?

    @Flag(help: "Region mode: many districts, organisations and partnering rules only.")
    var region = false

    @Option(parsing: .unconditional, help: "Region mode: all organisations (default 2500).")
    var organisations: Int?

    @Option(parsing: .unconditional, help: "Region mode: schools on the ШНОР list (default 500).")
    var recipients: Int?

    @Flag(help: "Write into OUTDIR even if it is not empty (replaces the scenario files).")
    var force = false

    /// The parameters the options ask for (preset first, then explicit options).
    func parameters() throws -> DistrictParameters {
        var p = DistrictParameters()
        if let preset {
            guard let base = DistrictParameters.preset(preset) else {
                let known = DistrictParameters.presets.map(\.name) + Self.meetingsPresetNames
                throw ValidationError("unknown preset '\(preset)'; known: \(known.joined(separator: ", "))")
            }
            p = base
        }
        if region { p.mode = .region }
        if let family {
            guard let f = DistrictParameters.Family(rawValue: family.lowercased()) else {
                throw ValidationError("--family must be a or b, not '\(family)'")
            }
            p.family = f
        }
        if let seed { p.seed = seed }
        if let schools { p.schools = schools }
        if let seniors { p.seniors = seniors }
        if let courses { p.courses = courses }
        if let slots { p.slots = slots }
        if let choices { p.choices = choices }
        if let radiusKm { p.radiusKm = radiusKm }
        if let kindergartens { p.kindergartens = kindergartens }
        if let organisations { p.organisations = organisations }
        if let recipients { p.recipients = recipients }
        let problems = p.problems()
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "; ")) }
        return p
    }

    func validate() throws {
        if try meetingsScenarioPreset() == nil { _ = try parameters() }
    }

    func run() throws {
        let meetings = try meetingsScenario()
        let p = meetings == nil ? try parameters() : DistrictParameters()
        let folder = URL(fileURLWithPath: outdir, isDirectory: true)
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ValidationError("\(outdir) exists and is not a folder")
            }
            let contents = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            if !contents.isEmpty && !force {
                throw ValidationError("\(outdir) is not empty; use --force to write into it anyway")
            }
        }
        var ancestor = folder.deletingLastPathComponent()
        while ancestor.path != "/" && !fm.fileExists(atPath: ancestor.path) { ancestor = ancestor.deletingLastPathComponent() }
        if fm.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("\(ancestor.path) is a file, not a folder, so \(outdir) cannot be created there")
        }
        // Progress for large districts (a million seniors take about half a minute).
        let started = Date()
        func say(_ line: String) {
            Console.error(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + line)
        }
        let large = meetings == nil && (p.mode == .region ? p.organisations >= 20_000 : p.seniors >= 50_000)
        if large { say(p.mode == .region ? "generating \(p.organisations) organisations…" : "generating \(p.seniors) seniors in \(p.schools) schools…") }
        let scenario = meetings ?? DistrictGenerator(p).generate()
        if large { say("writing \(outdir)…") }
        do {
            try ScenarioWriter.write(scenario, to: folder)
        } catch {
            throw Console.failed(OutputError(path: outdir, reason: OutputError.reason(error)))
        }
        let summary = meetings != nil ? Self.meetingsSummary(scenario) : DistrictStatistics(scenario).summary
        Console.error("wrote \(outdir): \(summary) (seed \(seed ?? p.seed))")
    }
}
