import Foundation
import ProfileDay
import SetkaModel

extension Engines {
    /// The profile-day scheduler (`ProfileDayScheduler`) and the partner assignment.
    /// `shouldStop` lets a caller stop every running search (Ctrl-C).
    public static func standard(shouldStop: @escaping @Sendable () -> Bool = { false }) -> Engines {
        Engines(version: "scheduler-1+partnering-1", profileDay: { scenario, options in
            let result = try ProfileDayScheduler.schedule(
                scenario,
                options: ScheduleOptions(timeLimit: options.timeLimit, seed: options.seed, maxIterations: options.maxIterations),
                shouldStop: shouldStop)
            return ProfileDaySolve(timetable: result.timetable, bound: result.bound,
                                   status: result.status.rawValue, seconds: result.seconds,
                                   interrupted: result.stoppedBy == "interrupted")
        }, partnering: { scenario, options in
            try standardPartnering(scenario, options)
        })
    }
}
