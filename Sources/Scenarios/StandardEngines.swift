import Foundation
import ProfileDay
import SetkaModel

extension Engines {
    /// The profile-day scheduler (`ProfileDayScheduler`) and the partner assignment.
    /// `shouldStop` lets a caller stop every running search (Ctrl-C).
    public static func standard(shouldStop: @escaping @Sendable () -> Bool = { false }) -> Engines {
        Engines(version: "scheduler-2+partnering-1", profileDay: { scenario, options in
            var scheduleOptions = ScheduleOptions(timeLimit: options.timeLimit, seed: options.seed,
                                                  maxIterations: options.maxIterations)
            scheduleOptions.searchThreads = options.searchThreads
            scheduleOptions.start = options.start
            scheduleOptions.keep = options.keep
            let result = try ProfileDayScheduler.schedule(scenario, options: scheduleOptions, shouldStop: shouldStop)
            return ProfileDaySolve(timetable: result.timetable, bound: result.bound,
                                   status: result.status.rawValue, seconds: result.seconds,
                                   interrupted: result.stoppedBy == "interrupted")
        }, partnering: { scenario, options in
            try standardPartnering(scenario, options)
        })
    }
}
