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
        only (no profile day).

        Exit codes: 0 written; 1 the folder could not be written; 64 usage error (bad option \
        values, or OUTDIR is not empty and --force is not given).
        """
    )

    @Argument(help: "The folder to write (created if missing).")
    var outdir: String

    @Option(help: "A named preset: district-600, district-1500, city-20000, district-600-b, district-900-b3, district-1500-b, city-20000-b, region-2500.")
    var preset: String?

    @Option(help: ArgumentHelp(
        "Family of district: a or b (default a; the -b presets are b).",
        discussion: "a: teachers where their course's demand is, labs only in the district centre. b: teachers of a course spread over sites with its room kind whatever the demand, half of them limited to 2–3 sections, a quarter free in all slots but one, 30% who do not travel, labs at many schools, three strong local favourite courses per school (the family the profile day's quality is judged on)."))
    var family: String?

    @Option(help: "Seed of the generator (default 1).")
    var seed: UInt64?

    @Option(help: "General-education schools (district mode; default 15).")
    var schools: Int?

    @Option(help: "Senior students over all schools (default 600).")
    var seniors: Int?

    @Option(help: "Elective courses on offer (default 30).")
    var courses: Int?

    @Option(help: "Slots of the profile day, 1–8 (default 4).")
    var slots: Int?

    @Option(help: "Ranked choices per student, on average (each gives this ±1; default 5).")
    var choices: Int?

    @Option(name: .customLong("radius-km"), help: "District radius in km (default 35 rural, 15 city).")
    var radiusKm: Double?

    @Option(help: "Kindergartens to add (for a kindergarten partnering rule; default 0).")
    var kindergartens: Int?

    @Flag(help: "Region mode: many districts, organisations and partnering rules only.")
    var region = false

    @Option(help: "Region mode: all organisations (default 2500).")
    var organisations: Int?

    @Option(help: "Region mode: schools on the ШНОР list (default 500).")
    var recipients: Int?

    @Flag(help: "Write into OUTDIR even if it is not empty (replaces the scenario files).")
    var force = false

    /// The parameters the options ask for (preset first, then explicit options).
    func parameters() throws -> DistrictParameters {
        var p = DistrictParameters()
        if let preset {
            guard let base = DistrictParameters.preset(preset) else {
                throw ValidationError("unknown preset '\(preset)'; known: \(DistrictParameters.presets.map(\.name).joined(separator: ", "))")
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

    func run() throws {
        let p = try parameters()
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
        let scenario = DistrictGenerator(p).generate()
        do {
            try ScenarioWriter.write(scenario, to: folder)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(outdir): \(Self.reason(error))\n".utf8))
            throw SetkaExit.invalidInput
        }
        let stats = DistrictStatistics(scenario)
        FileHandle.standardError.write(Data("wrote \(outdir): \(stats.summary) (seed \(p.seed))\n".utf8))
    }

    /// A readable reason for a file-system error (the POSIX message when there is one).
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        var underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError
        if ns.domain == NSPOSIXErrorDomain { underlying = ns }
        if let u = underlying, u.domain == NSPOSIXErrorDomain, let text = strerror(Int32(u.code)) {
            return String(cString: text)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileWriteFileExistsError: return "a file is in the way"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
