import Foundation
import TestSupport
import Testing

/// The scenario's docker CLI, talking to its gate exactly as a user would:
/// `DOCKER_HOST=tcp://127.0.0.1:PORT DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=<client certificates>`.
extension Scenario {
    /// The CLI's environment: the test's own minus every `DOCKER_*`, plus the gate's address,
    /// the client certificates, a private config directory and the legacy builder.
    var dockerEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DOCKER_") }
        environment["DOCKER_HOST"] = "tcp://127.0.0.1:\(gate.port)"
        environment["DOCKER_TLS_VERIFY"] = "1"
        environment["DOCKER_CERT_PATH"] = setup.clientCertificates
        environment["DOCKER_CONFIG"] = path("docker-config")
        environment["DOCKER_BUILDKIT"] = "0"
        return environment
    }

    /// `docker ARGUMENTS` through the gate, to its end (killed at `timeout`), whatever the outcome.
    /// `team` picks the client certificate of that team (see `SharedSetup.teamClients`).
    func docker(
        _ arguments: [String], as team: String? = nil, input: ChildProcess.Input = .none,
        timeout: Duration = .seconds(30)
    ) async throws -> CommandResult {
        var environment = dockerEnvironment
        if let team, let certificates = setup.teamClients[team] { environment["DOCKER_CERT_PATH"] = certificates }
        return try await run(cli.path, arguments, environment: environment, input: input, timeout: timeout)
    }

    /// `docker ARGUMENTS` that must exit 0 in time; otherwise the test stops here, showing
    /// the command's output.
    @discardableResult
    func dockerSucceeds(
        _ arguments: [String], as team: String? = nil, input: ChildProcess.Input = .none,
        timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CommandResult {
        let result = try await docker(arguments, as: team, input: input, timeout: timeout)
        try #require(result.succeeded, "\(result)", sourceLocation: sourceLocation)
        return result
    }

    /// A long-running `docker ARGUMENTS` (`logs -f`, `attach`, `events`) to watch while it runs.
    func startDocker(_ arguments: [String], input: ChildProcess.Input = .none) throws -> ChildProcess {
        try start(cli.path, arguments, environment: dockerEnvironment, input: input)
    }

    /// `docker run -d --name <unique> ARGUMENTS`, removed when the test ends. Returns the name.
    func runDetached(_ role: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> String
    {
        let name = uniqueName(role)
        removeAfterwards(container: name)
        try await dockerSucceeds(["run", "-d", "--name", name] + arguments, sourceLocation: sourceLocation)
        return name
    }

    /// A running container that idles, for exec, cp, stats and friends.
    func idleContainer(_ role: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await runDetached(role, [testImage, "sleep", "600"], sourceLocation: sourceLocation)
    }
}

/// An image `scripts/dockerd-env` imports: busybox with every applet, running as 1000:1000, so
/// the baseline profile lets it run without `--user`.
let testImage = "local/busybox:user"

/// The same image without a `USER`, so it runs as root, as most images do.
let rootImage = "local/busybox:1"
