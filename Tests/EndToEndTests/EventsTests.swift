import Foundation
import Testing

/// `docker events`: a window of past events, and the live stream.
@Suite("docker events")
struct EventsTests {
    @Test("events --since --until shows a container's start", arguments: DockerCLI.available)
    func eventsWindow(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = s.uniqueName("events")
            s.removeAfterwards(container: name)
            let since = Int(Date().timeIntervalSince1970.rounded(.down))
            try await s.dockerSucceeds(["run", "--rm", "--name", name, testImage, "true"])
            let until = Int(Date().timeIntervalSince1970.rounded(.up)) + 1
            let events = try await s.dockerSucceeds([
                "events", "--since", "\(since)", "--until", "\(until)", "--filter", "container=\(name)",
            ])
            let starts = events.standardOutput.split(separator: "\n").filter {
                $0.contains(" container start ") && $0.contains("name=\(name)")
            }
            #expect(starts.count == 1, "\(events)")
        }
    }

    /// A running `docker events` must show an event as it happens, not when the stream ends
    /// (it never does).
    @Test("events streams a container's stop while it runs", arguments: DockerCLI.available)
    func eventsLive(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let since = Int(Date().timeIntervalSince1970.rounded(.down))
            let name = try await s.idleContainer("events-live")
            let events = try s.startDocker([
                "events", "--since", "\(since)", "--filter", "container=\(name)", "--format", "{{.Status}}",
            ])
            let replayed = await events.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("start\n") }
            #expect(replayed, "\(events.result(events.termination))")
            try await s.dockerSucceeds(["stop", "-t", "1", name])
            let live = await events.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("die\n") }
            #expect(live, "the die event did not arrive:\n\(events.result(events.termination))")
            #expect(events.termination == nil, "events ended on its own:\n\(events.result(events.termination))")
        }
    }
}
