import Foundation
import TestSupport
import Testing

/// dockgate in front of daemons other than the private rootful dockerd: a rootless dockerd
/// (scripts/rootless-dockerd-env: its socket is `$XDG_RUNTIME_DIR/docker.sock`, the daemon an
/// unprivileged user's in a user namespace) and podman's Docker-compatible service
/// (scripts/podman-env). The docker CLI works through the gate and the policy still refuses.
@Suite("other daemons upstream")
struct OtherDaemonTests {
    struct Daemon: Sendable, CustomTestStringConvertible {
        let name: String
        let script: String
        /// The variable the script prints with the socket path.
        let socketVariable: String
        /// A docker command whose answer names this kind of daemon, to show the gate reached it.
        let identify: [String]
        let says: String
        var testDescription: String { name }
    }

    static let daemons = [
        Daemon(
            name: "rootless dockerd", script: "rootless-dockerd-env", socketVariable: "DOCKGATE_ROOTLESS_SOCK",
            identify: ["info", "--format", "{{json .SecurityOptions}}"], says: "name=rootless"),
        Daemon(
            name: "podman", script: "podman-env", socketVariable: "DOCKGATE_PODMAN_SOCK",
            identify: ["version", "--format", "{{json .Server.Components}}"], says: "Podman Engine"),
    ]

    @Test("docker version, run, run -i and a refusal through dockgate", arguments: daemons)
    func throughTheGate(_ daemon: Daemon) async throws {
        let cli = try #require(DockerCLI.available.first)
        let setup = try await SharedSetup.get()
        // Not under the scratch directory (0700): a rootless daemon's user must reach its socket.
        let directory = "/tmp/dockgate-\(daemon.script)-\(UUID().uuidString.prefix(8))"
        let script = try Programs.repositoryRoot() + "/scripts/" + daemon.script
        // The first run on a bare machine installs packages: give it time.
        let started = try await SharedSetup.runToEnd(
            "/bin/bash", ["-c", SharedSetup.withoutInheritedDescriptors, "bash", script, "start", directory],
            in: setup.scratch, timeout: .seconds(300))
        var failure: Error?
        do {
            let prefix = daemon.socketVariable + "="
            let socket = try #require(
                started.standardOutput.split(separator: "\n").first { $0.hasPrefix(prefix) }
                    .map { String($0.dropFirst(prefix.count)) }, "\(started)")
            // The test image, from the private dockerd.
            let copied = try await SharedSetup.runToEnd(
                "/bin/sh",
                [
                    "-c", #""$1" -H "unix://$2" save "$4" | "$1" -H "unix://$3" load"#, "sh", cli.path,
                    setup.daemonSocket, socket, testImage,
                ], in: setup.scratch, timeout: .seconds(120))
            try #require(copied.succeeded, "\(copied)")

            try await Scenario.run(cli, upstream: .socket(socket)) { s in
                let version = try await s.dockerSucceeds(["version", "--format", "{{.Server.Version}}"])
                #expect(!version.standardOutput.isEmpty, "\(version)")
                let identified = try await s.dockerSucceeds(daemon.identify)
                #expect(identified.standardOutput.contains(daemon.says), "\(identified)")
                let run = try await s.dockerSucceeds(["run", "--rm", testImage, "echo", "hi from \(daemon.name)"])
                #expect(run.standardOutput == "hi from \(daemon.name)\n", "\(run)")
                let piped = try await s.docker(["run", "-i", "--rm", testImage, "cat"], input: .text("piped\n"))
                #expect(piped.succeeded && piped.standardOutput == "piped\n", "\(piped)")
                let privileged = try await s.docker(["run", "--rm", "--privileged", testImage, "true"])
                expectRefused(privileged, rule: "no-privileged", "docker run --privileged")
            }
        } catch {
            failure = error
        }
        let stopped = try await SharedSetup.runToEnd(
            "/bin/bash", [script, "stop", directory], in: setup.scratch, timeout: .seconds(60))
        #expect(stopped.succeeded, "\(stopped)")
        if let failure { throw failure }
    }
}
