import Foundation
import ProfileDay
import SetkaModel

extension Engines {
    /// The profile-day scheduler (`ProfileDayScheduler`) and the partner assignment.
    /// `shouldStop` lets a caller stop every running search (Ctrl-C); `progress` hears each
    /// search's progress (about once a second) with the scenario's name.
    public static func standard(shouldStop: @escaping @Sendable () -> Bool = { false },
                                progress: (@Sendable (String, ScheduleProgress) -> Void)? = nil) -> Engines {
        Engines(version: "scheduler-2+partnering-2", profileDay: { scenario, options in
            var scheduleOptions = ScheduleOptions(timeLimit: options.timeLimit, seed: options.seed,
                                                  maxIterations: options.maxIterations)
            scheduleOptions.searchThreads = options.searchThreads
            scheduleOptions.start = options.start
            scheduleOptions.keep = options.keep
            let name = scenario.name
            var report: (@Sendable (ScheduleProgress) -> Void)?
            if let progress { report = { p in progress(name, p) } }
            let result = try ProfileDayScheduler.schedule(scenario, options: scheduleOptions, progress: report,
                                                          shouldStop: shouldStop)
            return ProfileDaySolve(timetable: result.timetable, bound: result.bound,
                                   status: result.status, seconds: result.seconds,
                                   interrupted: result.stoppedBy == .interrupted)
        }, partnering: { scenario, options in
            try standardPartnering(scenario, options, shouldStop: shouldStop)
        }, crossCheck: { scenario, current, others in
            try ProfileDayScheduler.bestOf(scenario, current: current, others: others, shouldStop: shouldStop)
                .map { ($0.timetable, $0.from) }
        })
    }
}
