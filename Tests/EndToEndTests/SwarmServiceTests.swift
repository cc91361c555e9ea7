import Foundation
import TestSupport
import Testing

/// Services on a single-node swarm of the private daemon (made and left past the gate, one
/// test at a time): a service's container spec is held to the same rules as a container.
@Suite("swarm services", .serialized)
struct SwarmServiceTests {
    @Test("service create with an added capability is refused; nothing is created", arguments: DockerCLI.available)
    func serviceCapAdd(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            try await withSwarm(s) {
                let create = ["service", "create", "--detach", "--no-resolve-image", "--user", "1000"]
                let name = s.uniqueName("svc")
                let result = try await s.docker(
                    create + ["--name", name, "--cap-add", "NET_ADMIN", testImage, "sleep", "600"])
                expectRefused(result, rule: "no-cap-add", "docker service create --cap-add NET_ADMIN")
                let listed = try await s.dockerDirect(["service", "ls", "--quiet", "--filter", "name=\(name)"])
                #expect(listed.succeeded && listed.standardOutput.isEmpty, "a service exists: \(listed)")

                // The same service without the capability is created.
                let plain = s.uniqueName("svc")
                try await s.dockerSucceeds(create + ["--name", plain, testImage, "sleep", "600"])
                let made = try await s.dockerDirect(["service", "ls", "--quiet", "--filter", "name=\(plain)"])
                #expect(made.succeeded && !made.standardOutput.isEmpty, "no service \(plain): \(made)")
            }
        }
    }
}

extension SwarmServiceTests {
    @Test("under the restricted checklist, a service without limits is refused", arguments: DockerCLI.available)
    func restrictedServiceWithoutLimits(cli: DockerCLI) async throws {
        let policy = ["--policy", try Programs.repositoryRoot() + "/policy/restricted.yaml"]
        try await Scenario.run(cli, gateArguments: policy) { s in
            try await withSwarm(s) {
                let name = s.uniqueName("svc")
                let result = try await s.docker([
                    "service", "create", "--detach", "--no-resolve-image", "--name", name, "--user", "1000:1000",
                    "--read-only", "--cap-drop", "ALL", rootImage, "sleep", "600",
                ])
                #expect(!result.succeeded, "\(result)")
                #expect(result.standardError.contains("Error response from daemon: dockgate: "), "\(result)")
                #expect(result.standardError.contains(", profile checklist)"), "\(result)")
                let listed = try await s.dockerDirect(["service", "ls", "--quiet", "--filter", "name=\(name)"])
                #expect(listed.succeeded && listed.standardOutput.isEmpty, "a service exists: \(listed)")
            }
        }
    }
}

extension SwarmServiceTests {
    @Test("a team's service may have its own secrets, not another team's", arguments: DockerCLI.available.prefix(1))
    func secretsByTeam(cli: DockerCLI) async throws {
        let setup = try await SharedSetup.get()
        let policy = try setup.policyArguments(
            "secrets",
            """
            apiVersion: dockgate/v1
            teams:
              - {name: web, match: [{OU: web}], role: operator}
              - {name: data, match: [{OU: data}], role: operator}
              - {name: platform, match: [{OU: platform}], role: admin}
            """)
        try await Scenario.run(cli, gateArguments: policy) { s in
            try await withSwarm(s) {
                // An admin hands team data a secret, labelled for it; team web makes its own.
                let dataSecret = s.uniqueName("secret")
                try await s.dockerSucceeds(
                    ["secret", "create", "--label", "dockgate.owner=data", dataSecret, "-"], as: "platform",
                    input: .text("data's password"))
                let webSecret = s.uniqueName("secret")
                try await s.dockerSucceeds(["secret", "create", webSecret, "-"], as: "web", input: .text("web's"))
                let listed = try await s.dockerSucceeds(["secret", "ls", "--format", "{{.Name}}"], as: "web")
                #expect(listed.standardOutput == webSecret + "\n", "web sees: \(listed)")
                let inspected = try await s.docker(["secret", "inspect", dataSecret], as: "web")
                #expect(!inspected.succeeded, "web inspected data's secret: \(inspected)")

                let create = ["service", "create", "--detach", "--no-resolve-image", "--user", "1000"]
                let stolenName = s.uniqueName("svc")
                let stolen = try await s.docker(
                    create + ["--name", stolenName, "--secret", dataSecret, testImage, "sleep", "600"], as: "web")
                #expect(!stolen.succeeded, "web made a service with data's secret: \(stolen)")
                let made = try await s.dockerDirect(["service", "ls", "--quiet", "--filter", "name=\(stolenName)"])
                #expect(made.succeeded && made.standardOutput.isEmpty, "a service exists: \(made)")
                try await s.dockerSucceeds(
                    create + ["--name", s.uniqueName("svc"), "--secret", webSecret, testImage, "sleep", "600"],
                    as: "web")
                try await s.dockerSucceeds(
                    create + ["--name", s.uniqueName("svc"), "--secret", dataSecret, testImage, "sleep", "600"],
                    as: "data")
            }
        }
    }
}

/// Runs `body` with the private daemon in a single-node swarm, and leaves it afterwards.
func withSwarm(_ s: Scenario, _ body: () async throws -> Void) async throws {
    let joined = try await s.dockerDirect(["swarm", "init", "--advertise-addr", "127.0.0.1"])
    try #require(joined.succeeded, "swarm init failed: \(joined)")
    var failure: Error?
    do { try await body() } catch { failure = error }
    let left = try await s.dockerDirect(["swarm", "leave", "--force"])
    #expect(left.succeeded, "swarm leave failed: \(left)")
    if let failure { throw failure }
}
