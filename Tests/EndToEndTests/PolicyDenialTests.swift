import Foundation
import TestSupport
import Testing

/// The baseline profile through the real docker CLI: every escape is refused with the
/// daemon's error format (`Error response from daemon: dockgate: … (rule …)`), and the daemon
/// is left exactly as it was; ordinary workloads still run.
@Suite("baseline policy")
struct PolicyDenialTests {
    /// `docker run` flags that each hand out the host, with the rule that refuses them.
    static let escapes: [(flags: [String], rule: String)] = [
        (["--privileged"], "no-privileged"),
        (["--network", "host"], "no-host-network"),
        (["--user", "root"], "no-root-user"),
        (["--user", "0:0"], "no-root-user"),
        (["--cap-add", "NET_ADMIN"], "no-cap-add"),
        (["--pid", "host"], "no-host-namespaces"),
        (["--ipc", "host"], "no-host-namespaces"),
        (["-v", "/:/host"], "no-host-mounts"),
        (["-v", "/var/run/docker.sock:/var/run/docker.sock"], "no-host-mounts"),
        (["--mount", "type=bind,source=/etc,target=/h"], "no-host-mounts"),
        (["--security-opt", "seccomp=unconfined"], "no-unconfined-security"),
        (["--security-opt", "apparmor=unconfined"], "no-unconfined-security"),
        (["--device", "/dev/kmsg"], "no-devices"),
        (["--sysctl", "kernel.msgmax=65536"], "safe-sysctls"),
    ]

    @Test("docker run with an escape is refused, naming the rule; nothing is created", arguments: DockerCLI.available)
    func runEscapes(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            for (flags, rule) in Self.escapes {
                let name = s.uniqueName("denied")
                s.removeAfterwards(container: name)
                let result = try await s.docker(["run", "--rm", "--name", name] + flags + [testImage, "id"])
                expectRefused(result, rule: rule, "docker run \(flags.joined(separator: " "))")
                try await expectNoContainer(name, s)
            }
        }
    }

    @Test("an image that runs as root needs --user; a non-root user runs it", arguments: DockerCLI.available)
    func imageUser(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = s.uniqueName("root-image")
            s.removeAfterwards(container: name)
            let refused = try await s.docker(["run", "--rm", "--name", name, rootImage, "id"])
            expectRefused(refused, rule: "no-root-user", "docker run \(rootImage) without --user")
            #expect(refused.standardError.contains("set a non-root user"), "\(refused)")
            try await expectNoContainer(name, s)

            let allowed = try await s.dockerSucceeds(["run", "--rm", "--user", "1000", rootImage, "id", "-u"])
            #expect(allowed.standardOutput == "1000\n", "\(allowed)")
            let imageUser = try await s.dockerSucceeds(["run", "--rm", testImage, "id", "-u"])
            #expect(imageUser.standardOutput == "1000\n", "\(imageUser)")
        }
    }

    @Test("joining a host-mode container or copying its host mounts is refused", arguments: DockerCLI.available)
    func sharedNamespacesAndVolumes(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            // Made past the gate, as an administrator might have.
            let hostNetwork = s.uniqueName("host-net")
            let hostPID = s.uniqueName("host-pid")
            let hostBind = s.uniqueName("host-bind")
            for name in [hostNetwork, hostPID, hostBind] { s.removeAfterwards(container: name) }
            let setups = [
                ["run", "-d", "--name", hostNetwork, "--network", "host", testImage, "sleep", "600"],
                ["run", "-d", "--name", hostPID, "--pid", "host", testImage, "sleep", "600"],
                ["run", "-d", "--name", hostBind, "-v", "/etc:/host-etc:ro", testImage, "sleep", "600"],
            ]
            for setup in setups {
                let made = try await s.dockerDirect(setup)
                try #require(made.succeeded, "\(made)")
            }
            let cases: [([String], String)] = [
                (["--network", "container:\(hostNetwork)"], "no-host-network"),
                (["--pid", "container:\(hostPID)"], "no-host-namespaces"),
                (["--volumes-from", hostBind], "no-volumes-from-host"),
            ]
            for (flags, rule) in cases {
                let name = s.uniqueName("denied")
                s.removeAfterwards(container: name)
                let result = try await s.docker(["run", "--rm", "--name", name] + flags + [testImage, "id"])
                expectRefused(result, rule: rule, "docker run \(flags.joined(separator: " "))")
                try await expectNoContainer(name, s)
            }
        }
    }

    @Test("exec as root or privileged is refused and runs nothing", arguments: DockerCLI.available)
    func execEscapes(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("exec-policy")
            let cases: [([String], String)] = [
                (["--privileged"], "no-privileged"),
                (["-u", "0"], "no-root-user"),
                (["-u", "root:root"], "no-root-user"),
            ]
            for (index, (flags, rule)) in cases.enumerated() {
                let result = try await s.docker(["exec"] + flags + [name, "touch", "/tmp/ran-\(index)"])
                expectRefused(result, rule: rule, "docker exec \(flags.joined(separator: " "))")
            }
            let ordinary = try await s.dockerSucceeds(["exec", name, "id", "-u"])
            #expect(ordinary.standardOutput == "1000\n", "\(ordinary)")
            let left = try await s.dockerDirect(["exec", name, "ls", "/tmp"])
            #expect(left.succeeded && !left.standardOutput.contains("ran-"), "\(left)")

            // A container that runs as root (made past the gate): exec inherits its user.
            let rootContainer = s.uniqueName("root-container")
            s.removeAfterwards(container: rootContainer)
            let made = try await s.dockerDirect(["run", "-d", "--name", rootContainer, rootImage, "sleep", "600"])
            try #require(made.succeeded, "\(made)")
            let inherited = try await s.docker(["exec", rootContainer, "id"])
            expectRefused(inherited, rule: "no-root-user", "docker exec into a root container")
            let asUser = try await s.dockerSucceeds(["exec", "-u", "1000", rootContainer, "id", "-u"])
            #expect(asUser.standardOutput == "1000\n", "\(asUser)")
        }
    }

    @Test("build --network host is refused and builds nothing", arguments: DockerCLI.available)
    func buildHostNetwork(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            try s.write("FROM \(testImage)\nRUN id\n", to: "context/Dockerfile")
            let image = s.uniqueName("build-host")
            s.removeAfterwards(image: image)
            let result = try await s.docker(["build", "--network", "host", "-t", image, s.path("context")])
            expectRefused(result, rule: "safe-build", "docker build --network host")
            let inspect = try await s.dockerDirect(["image", "inspect", image])
            #expect(!inspect.succeeded, "the image was built: \(inspect)")
        }
    }
}

/// The CLI failed with dockgate's refusal naming `rule` under `profile`.
func expectRefused(
    _ result: CommandResult, rule: String, _ what: String, profile: String = "baseline",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(!result.succeeded, "\(what) succeeded:\n\(result)", sourceLocation: sourceLocation)
    #expect(
        result.standardError.contains("Error response from daemon: dockgate: "),
        "\(what): no dockgate message:\n\(result)", sourceLocation: sourceLocation)
    #expect(
        result.standardError.contains("(rule \(rule), profile \(profile))"), "\(what): not rule \(rule):\n\(result)",
        sourceLocation: sourceLocation)
}

/// The daemon has no container `name`: the refused request created nothing.
func expectNoContainer(_ name: String, _ s: Scenario, sourceLocation: SourceLocation = #_sourceLocation)
    async throws
{
    let inspect = try await s.dockerDirect(["container", "inspect", name])
    #expect(!inspect.succeeded, "container \(name) exists after a refusal", sourceLocation: sourceLocation)
}
