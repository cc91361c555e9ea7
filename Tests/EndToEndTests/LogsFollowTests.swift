import Testing

/// `docker logs -f` streams: lines come through the gate as the container writes them.
@Suite("docker logs -f")
struct LogsFollowTests {
    /// The container writes a line every 0.3 s and never stops on its own, so a gate that
    /// buffered the response would show nothing at all. The first lines must appear while it
    /// runs; `docker stop` then ends the stream and `logs -f` must exit.
    @Test("logs -f shows lines as they are written", arguments: DockerCLI.available)
    func followStreams(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.runDetached(
                "logs",
                [testImage, "sh", "-c", "i=0; while true; do i=$((i+1)); echo line $i; sleep 0.3; done"])
            let logs = try s.startDocker(["logs", "-f", name])
            let streamed = await logs.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("line 2\n") }
            #expect(streamed, "no lines within 20 s from a running container:\n\(logs.result(logs.termination))")
            #expect(
                logs.termination == nil, "logs -f ended while the container runs:\n\(logs.result(logs.termination))")
            let running = try await s.dockerSucceeds(["inspect", "-f", "{{.State.Running}}", name])
            #expect(
                running.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "true",
                "the lines must have come from the live container")

            try await s.dockerSucceeds(["stop", "-t", "1", name])
            let termination = await logs.waitForExit(timeout: .seconds(20))
            #expect(termination == .exited(0), "logs -f after stop:\n\(logs.result(termination))")
            let lines = logs.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines == (1...max(lines.count, 1)).map { "line \($0)" }, "\(logs.result(termination))")
        }
    }
}
