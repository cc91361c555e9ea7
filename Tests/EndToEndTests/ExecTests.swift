import Testing

/// `docker exec`: a hijacked stream into a running container, with and without stdin.
@Suite("docker exec")
struct ExecTests {
    @Test("exec prints the command's output", arguments: DockerCLI.available)
    func execEcho(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("exec")
            let result = try await s.dockerSucceeds(["exec", name, "echo", "x"])
            #expect(result.standardOutput == "x\n", "\(result)")
        }
    }

    /// `docker exec -d` starts the exec without a stream (and without `Upgrade`): a plain
    /// request, which the gate lets through.
    @Test("exec -d runs the command detached", arguments: DockerCLI.available)
    func execDetached(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("exec-d")
            try await s.dockerSucceeds(["exec", "-d", name, "touch", "/tmp/detached"])
            var seen = false
            for _ in 0..<50 where !seen {
                seen = try await s.docker(["exec", name, "test", "-e", "/tmp/detached"]).succeeded
                if !seen { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(seen, "the detached exec did not run")
        }
    }

    /// `echo hi | docker exec -i c cat` must print `hi` and return: the client's end of stdin
    /// must travel through the gate as a half-close, and the way back must stay open for the
    /// output. A gate that drops or never forwards the half-close hangs here.
    @Test("echo hi | exec -i cat prints hi and returns", arguments: DockerCLI.available)
    func execStdinHalfClose(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("exec-i")
            let result = try await s.docker(["exec", "-i", name, "cat"], input: .text("hi\n"), timeout: .seconds(20))
            #expect(!result.timedOut, "hung after stdin ended (half-close not forwarded?):\n\(result)")
            #expect(result.succeeded && result.standardOutput == "hi\n", "\(result)")
        }
    }

    /// The same with 5 MiB of stdin: the upload is streamed with backpressure and arrives whole.
    @Test("exec -i with 5 MiB of stdin: sha256sum inside matches", arguments: DockerCLI.available)
    func execLargeStdin(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("exec-big")
            let file = try s.writeRandomFile("stdin.bin", byteCount: 5 << 20)
            let expected = try await s.sha256(ofFile: file)
            let result = try await s.docker(
                ["exec", "-i", name, "sha256sum"], input: .file(file), timeout: .seconds(30))
            #expect(
                result.succeeded && result.standardOutput.hasPrefix(expected + " "), "expected \(expected):\n\(result)")
        }
    }
}
