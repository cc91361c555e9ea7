import TestSupport
import Testing

/// `docker run -it` and `docker exec -it` under a real pseudo-terminal (`script`): the raw
/// terminal stream goes both ways through the gate's hijacked connection.
@Suite("interactive terminals")
struct TerminalTests {
    @Test("run -it: prompt, a command's output, exit", arguments: DockerCLI.available)
    func runInteractive(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = s.uniqueName("run-it")
            s.removeAfterwards(container: name)
            let terminal = try s.startDockerInTerminal(["run", "-it", "--rm", "--name", name, testImage, "sh"])
            await driveShell(terminal)
        }
    }

    @Test("exec -it: prompt, a command's output, exit", arguments: DockerCLI.available)
    func execInteractive(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("exec-it")
            let terminal = try s.startDockerInTerminal(["exec", "-it", name, "sh"])
            await driveShell(terminal)
        }
    }

    /// Waits for busybox's `/ $ ` prompt (a non-root user's), types a command whose output differs from its echo,
    /// then `exit`; the CLI must then exit 0.
    private func driveShell(_ terminal: ChildProcess, sourceLocation: SourceLocation = #_sourceLocation) async {
        let prompted = await terminal.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("/ $ ") }
        #expect(prompted, "no shell prompt:\n\(terminal.result(terminal.termination))", sourceLocation: sourceLocation)
        terminal.send("echo mark$((6*7))\n")
        let answered = await terminal.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("mark42") }
        #expect(
            answered, "no command output:\n\(terminal.result(terminal.termination))", sourceLocation: sourceLocation)
        terminal.send("exit\n")
        let termination = await terminal.waitForExit(timeout: .seconds(20))
        terminal.closeInput()
        #expect(
            termination == .exited(0), "after exit:\n\(terminal.result(termination))", sourceLocation: sourceLocation)
    }
}

extension Scenario {
    /// `docker ARGUMENTS` under a pseudo-terminal: `script -qefc "docker …" /dev/null`, with a
    /// pipe as its keyboard (`send`). `-e` passes the CLI's exit status on.
    func startDockerInTerminal(_ arguments: [String]) throws -> ChildProcess {
        let script = try Programs.tool("script", package: "bsdutils")
        let command = ([cli.path] + arguments).map(shellQuoted).joined(separator: " ")
        return try start(script, ["-qefc", command, "/dev/null"], environment: dockerEnvironment, input: .pipe)
    }
}
