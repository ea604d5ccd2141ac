import ArgumentParser
import Foundation

@main
struct Setka: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setka",
        abstract: "Network of schools and the profile-day timetable for district education departments.",
        discussion: SetkaExit.helpText,
        version: SetkaVersion.current,
        subcommands: [ValidateCommand.self, PartnerCommand.self, ScheduleCommand.self, CheckCommand.self, EditCommand.self, GenerateCommand.self,
                      CompareCommand.self, SweepCommand.self, AdviseCommand.self, ReportCommand.self, EffectCommand.self,
                      TemplateCommand.self, MeetingsCommand.self, ServeCommand.self,
                      BenchNaiveCommand.self, BenchBoundCommand.self]
    )
}

enum SetkaVersion {
    static let current = "0.1.0"
}
