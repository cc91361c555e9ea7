import Testing

/// `docker run`: create, attach (a hijacked stream), start, wait, remove.
@Suite("docker run")
struct RunTests {
    @Test("run --rm prints the command's output", arguments: DockerCLI.available)
    func runEcho(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let result = try await s.dockerSucceeds(["run", "--rm", testImage, "echo", "hi"])
            #expect(result.standardOutput == "hi\n", "\(result)")
        }
    }

    /// `echo data | docker run -i --rm … cat`: stdin goes up the hijacked connection, its end
    /// (the client's half-close) reaches `cat`, and `cat`'s output and exit come back.
    @Test("run -i with piped stdin echoes it and returns", arguments: DockerCLI.available)
    func runWithStdin(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = s.uniqueName("run-i")
            s.removeAfterwards(container: name)
            let result = try await s.docker(
                ["run", "-i", "--rm", "--name", name, testImage, "cat"], input: .text("data\n"),
                timeout: .seconds(20))
            #expect(!result.timedOut, "hung: the end of stdin never reached the container?\n\(result)")
            #expect(result.succeeded && result.standardOutput == "data\n", "\(result)")
        }
    }
}
