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

    /// The CLI watches the terminal for the detach keys and, on ctrl-p ctrl-q, ends its
    /// session while the container keeps running.
    @Test("attach to a terminal, type, detach with ctrl-p ctrl-q", arguments: DockerCLI.available)
    func detachKeys(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.runDetached("detach", ["-it", testImage, "sh"])
            let terminal = try s.startDockerInTerminal(["attach", name])
            // The shell printed its prompt before the attach; the command's output proves the
            // keystrokes go in and the output comes out.
            terminal.send("echo mark$((6*7))\n")
            let answered = await terminal.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("mark42")
            }
            #expect(answered, "no command output:\n\(terminal.result(terminal.termination))")
            terminal.send("\u{10}\u{11}")
            let termination = await terminal.waitForExit(timeout: .seconds(20))
            terminal.closeInput()
            // The CLI ends a detach with status 1 and this line, against dockerd directly too.
            #expect(termination == .exited(1), "\(terminal.result(termination))")
            #expect(terminal.standardOutput.contains("read escape sequence"), "\(terminal.result(termination))")
            let running = try await s.dockerSucceeds(["inspect", "-f", "{{.State.Running}}", name])
            #expect(running.standardOutput == "true\n", "detaching stopped the container:\n\(running)")
        }
    }
}
