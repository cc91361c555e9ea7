import Foundation
import TestSupport
import Testing

/// policy/restricted.yaml (the Docker security checklist) through the real docker CLI and
/// docker-compose: a hardened run works, each missing hardening flag is refused by name.
@Suite("restricted profile")
struct RestrictedProfileTests {
    static func restrictedPolicy() throws -> [String] {
        ["--policy", try Programs.repositoryRoot() + "/policy/restricted.yaml"]
    }

    /// The checklist's flags, each with the rule that refuses its absence.
    static let hardening: [(flags: [String], rule: String)] = [
        (["--read-only"], "read-only-rootfs"),
        (["--cap-drop", "ALL"], "drop-all-capabilities"),
        (["--security-opt", "no-new-privileges"], "no-new-privileges"),
        (["--memory", "64m"], "memory-limit"),
        (["--cpus", "0.5"], "cpu-limit"),
        (["--pids-limit", "64"], "pids-limit"),
        (["--user", "1000:1000"], "no-root-user"),
    ]

    static var compliant: [String] { hardening.flatMap(\.flags) }

    @Test("a hardened run works; leaving out any one flag is refused by its rule", arguments: DockerCLI.available)
    func hardenedRun(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.restrictedPolicy()) { s in
            let ok = try await s.dockerSucceeds(["run", "--rm"] + Self.compliant + [rootImage, "id", "-u"])
            #expect(ok.standardOutput == "1000\n", "\(ok)")
            for (index, (flags, rule)) in Self.hardening.enumerated() {
                var without = Self.hardening
                without.remove(at: index)
                let name = s.uniqueName("restricted")
                s.removeAfterwards(container: name)
                let result = try await s.docker(
                    ["run", "--rm", "--name", name] + without.flatMap(\.flags) + [rootImage, "true"])
                expectRefused(
                    result, rule: rule, "docker run without \(flags.joined(separator: " "))", profile: "checklist")
                try await expectNoContainer(name, s)
            }
        }
    }

    @Test("ports only on one address; limits cannot be lifted by docker update", arguments: DockerCLI.available)
    func portsAndUpdates(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.restrictedPolicy()) { s in
            let everywhere = try await s.docker(
                ["run", "--rm", "-p", "18080:8080"] + Self.compliant + [rootImage, "true"])
            expectRefused(everywhere, rule: "published-ports", "docker run -p 18080:8080", profile: "checklist")
            let privileged = try await s.docker(
                ["run", "--rm", "-p", "127.0.0.1:80:80"] + Self.compliant + [rootImage, "true"])
            expectRefused(privileged, rule: "published-ports", "docker run -p 127.0.0.1:80:80", profile: "checklist")
            let name = try await s.runDetached(
                "restricted-update", ["-p", "127.0.0.1:0:8080"] + Self.compliant + [rootImage, "sleep", "600"])

            let pids = try await s.docker(["update", "--pids-limit", "-1", name])
            expectRefused(pids, rule: "pids-limit", "docker update --pids-limit -1", profile: "checklist")
            let memory = try await s.docker(["update", "--memory", "4g", "--memory-swap", "8g", name])
            expectRefused(memory, rule: "memory-limit", "docker update --memory 4g (above 2Gi)", profile: "checklist")
            let swap = try await s.docker(["update", "--memory-swap", "-1", name])
            expectRefused(swap, rule: "memory-limit", "docker update --memory-swap -1", profile: "checklist")
            // --memory 0 is how the CLI sends "unchanged" for every update: dockerd keeps the limit.
            try await s.dockerSucceeds(["update", "--memory", "0", name])
            let limits = try await s.dockerDirect([
                "inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}", name,
            ])
            #expect(limits.standardOutput == "67108864 64\n", "the limits moved: \(limits)")
        }
    }

    @Test("docker load cannot write image names", arguments: DockerCLI.available)
    func load(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.restrictedPolicy()) { s in
            let archive = s.path("image.tar")
            let saved = try await s.dockerDirect(["save", "-o", archive, rootImage])
            try #require(saved.succeeded, "\(saved)")
            let result = try await s.docker(["load", "-i", archive])
            expectRefused(result, rule: "image-writes", "docker load", profile: "checklist")
        }
    }

    static let composeFile = """
        version: "2.4"
        services:
          web:
            image: local/busybox:1
            command: ["sleep", "600"]
            user: "1000:1000"
            read_only: true
            cap_drop: [ALL]
            security_opt: [no-new-privileges]
            mem_limit: 64m
            cpus: 0.5
            pids_limit: 64
            ports: ["127.0.0.1:0:8080"]
          worker:
            image: local/busybox:1
            command: ["sleep", "600"]
            user: "1000:1000"
            read_only: true
            cap_drop: [ALL]
            security_opt: [no-new-privileges]
            mem_limit: 32m
            cpus: 0.25
            pids_limit: 32
        """

    @Test("docker-compose brings up a compliant two-service project; a non-compliant one fails naming the rule")
    func compose() async throws {
        let cli = try #require(DockerCLI.available.first)
        try await Scenario.run(cli, gateArguments: try Self.restrictedPolicy()) { s in
            let compose = try Programs.tool("docker-compose", package: "docker-compose")
            let project = s.uniqueName("compose").replacingOccurrences(of: "-", with: "")
            try s.write(Self.composeFile, to: "ok/docker-compose.yml")
            let up = try await s.compose(compose, ["-p", project, "up", "-d"], in: "ok")
            #expect(up.succeeded, "\(up)")
            let running = try await s.dockerDirect([
                "ps", "--filter", "label=com.docker.compose.project=\(project)", "--format", "{{.Names}}",
            ])
            #expect(running.standardOutput.split(separator: "\n").count == 2, "\(running)")
            let down = try await s.compose(compose, ["-p", project, "down"], in: "ok")
            #expect(down.succeeded, "\(down)")

            try s.write(
                Self.composeFile.replacingOccurrences(of: "    mem_limit: 32m\n", with: ""),
                to: "bad/docker-compose.yml")
            let bad = s.uniqueName("compose").replacingOccurrences(of: "-", with: "")
            let refused = try await s.compose(compose, ["-p", bad, "up", "-d"], in: "bad")
            #expect(!refused.succeeded, "\(refused)")
            #expect(refused.combinedOutput.contains("(rule memory-limit, profile checklist)"), "\(refused)")
            _ = try await s.compose(compose, ["-p", bad, "down"], in: "bad")
        }
    }
}

extension Scenario {
    /// docker-compose (v1, docker-py) pointed at the gate like the CLI. Without the
    /// environment's CA bundle overrides: requests would prefer them to DOCKER_CERT_PATH's CA.
    func compose(_ executable: String, _ arguments: [String], in relative: String) async throws -> CommandResult {
        var environment = dockerEnvironment
        for name in ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"] { environment[name] = nil }
        let child = try ChildProcess(
            executable, arguments, environment: environment, directory: path(relative), input: .none)
        return await child.waitForResult(timeout: .seconds(120))
    }
}
