import Testing

/// `docker attach` to a running container: its later output arrives, and the container's end
/// ends the attach.
@Suite("docker attach")
struct AttachTests {
    /// The container stays quiet for a second, then ticks until a file appears; attach must
    /// show the ticks, and the final line once `docker exec` makes the file.
    @Test("attach shows output written after attaching, and exits with the container", arguments: DockerCLI.available)
    func attach(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.runDetached(
                "attach",
                [testImage, "sh", "-c", "sleep 1; while [ ! -e /tmp/stop ]; do echo tick; sleep 0.2; done; echo bye"])
            let attach = try s.startDocker(["attach", name])
            let ticked = await attach.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("tick\n") }
            #expect(ticked, "nothing arrived through attach:\n\(attach.result(attach.termination))")
            try await s.dockerSucceeds(["exec", name, "touch", "/tmp/stop"])
            let termination = await attach.waitForExit(timeout: .seconds(20))
            #expect(termination == .exited(0), "\(attach.result(termination))")
            #expect(attach.standardOutput.hasSuffix("tick\nbye\n"), "\(attach.result(termination))")
        }
    }
}
