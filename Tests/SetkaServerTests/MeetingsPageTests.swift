import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SetkaServer

/// План встреч: `setka meetings` as a background job with its page.
@Suite struct MeetingsPageTests {
    @Test func theYearPlanOfAnExampleIsMadeCheckedAndShown() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("networking-town")
            #expect(try await h.html("/projects/\(project.id)").contains("<option value=\"meetings\">"))
            let run = try await h.runToEnd(project: project.id, job: "meetings", timeLimit: 15)
            #expect(run.status == .done, "\(run.status): \(run.message ?? "")")
            let summary = try #require(try await h.json("/api/runs/\(run.id)/files/meetings-summary.json") as? [String: Any])
            #expect(summary["verified"] as? Bool == true)
            let page = try await h.html("/runs/\(run.id)")
            for key in ["meetings_planned", "meetings_expected", "objective", "same_week"] {
                let expected = try #require((summary[key] as? NSNumber)?.doubleValue, "\(key)")
                #expect(close(figure(page, key), expected), "\(key)")
            }
            // plan.csv has a row per planned meeting.
            let plan = String(buffer: try await h.get("/runs/\(run.id)/files/plan.csv").body)
            let rows = plan.split(whereSeparator: \.isNewline).count - 1
            #expect(rows == summary["meetings_planned"] as? Int)
            for name in ["plan.html", "plan.xlsx", "meetings.ics", "people.csv", "csv.zip"] {
                #expect(try await h.get("/runs/\(run.id)/files/\(name)").status == .ok, "\(name)")
            }
            #expect(try await h.html("/runs/\(run.id)/downloads").contains(">plan.html</a>"))
            // The API's run carries the plan's summary.
            let api = try #require(try await h.json("/api/runs/\(run.id)") as? [String: Any])
            #expect((api["summary"] as? [String: Any])?["meetings_planned"] as? Int == summary["meetings_planned"] as? Int)
        }
    }

    @Test func aScenarioWithoutPlatformsHasNoYearPlan() async throws {
        try await withApp { h in
            let project = try await h.exampleProject("rural-district")
            #expect(!(try await h.html("/projects/\(project.id)")).contains("<option value=\"meetings\">"))
            #expect(try await h.postJSON("/api/projects/\(project.id)/runs", #"{"job": "meetings", "time_limit": 5}"#).status == .unprocessableContent)
        }
    }
}
