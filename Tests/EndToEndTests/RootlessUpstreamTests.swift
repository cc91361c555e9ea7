import Foundation
import TestSupport
import Testing

/// dockgate in front of a rootless dockerd (scripts/rootless-dockerd-env: its socket is
/// `$XDG_RUNTIME_DIR/docker.sock`, the daemon runs as an unprivileged user in a user
/// namespace): the docker CLI works through the gate, and the policy still refuses.
@Suite("rootless upstream")
struct RootlessUpstreamTests {
    @Test("docker version, info, run and a refusal through dockgate to a rootless dockerd")
    func throughTheGate() async throws {
        let cli = try #require(DockerCLI.available.first)
        let setup = try await SharedSetup.get()
        // Not under the scratch directory (0700): the daemon's user must reach its socket.
        let directory = "/tmp/dockgate-rootless-\(UUID().uuidString.prefix(8))"
        let script = try Programs.repositoryRoot() + "/scripts/rootless-dockerd-env"
        let started = try await SharedSetup.runToEnd(
            "/bin/bash", ["-c", SharedSetup.withoutInheritedDescriptors, "bash", script, "start", directory],
            in: setup.scratch, timeout: .seconds(300))
        var failure: Error?
        do {
            let socket = try #require(
                started.standardOutput.split(separator: "\n").first { $0.hasPrefix("DOCKGATE_ROOTLESS_SOCK=") }
                    .map { String($0.dropFirst("DOCKGATE_ROOTLESS_SOCK=".count)) }, "\(started)")
            #expect(socket.hasSuffix("/xdg/docker.sock"))
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
                let security = try await s.dockerSucceeds(["info", "--format", "{{json .SecurityOptions}}"])
                #expect(security.standardOutput.contains("name=rootless"), "\(security)")
                let run = try await s.dockerSucceeds(["run", "--rm", testImage, "echo", "hi from rootless"])
                #expect(run.standardOutput == "hi from rootless\n", "\(run)")
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
