import Foundation
import TestSupport
import Testing

/// policy/teams.yaml through the real docker CLI, with certificates of teams web, data,
/// platform (admin), audit (readonly) and of no team: each team sees and touches only what it
/// created.
@Suite("teams and ownership")
struct TeamTests {
    static func teamsPolicy() throws -> [String] {
        ["--policy", try Programs.repositoryRoot() + "/policy/teams.yaml"]
    }

    @Test("a certificate of no team is refused", arguments: DockerCLI.available)
    func unmatched(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.teamsPolicy()) { s in
            let result = try await s.docker(["ps"], as: "nobody")
            #expect(!result.succeeded, "\(result)")
            #expect(result.standardError.contains("belongs to no team"), "\(result)")
            #expect(result.standardError.contains("(rule team-match)"), "\(result)")
        }
    }

    @Test("another team cannot see or touch a team's container, by name, id or prefix", arguments: DockerCLI.available)
    func ownership(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.teamsPolicy()) { s in
            let name = s.uniqueName("web-owned")
            s.removeAfterwards(container: name)
            try await s.dockerSucceeds(["run", "-d", "--name", name, testImage, "sleep", "600"], as: "web")
            let id = try await s.dockerSucceeds(["inspect", "-f", "{{.Id}}", name], as: "web")
                .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let labels = try await s.dockerDirect([
                "inspect", "-f", "{{index .Config.Labels \"dockgate.owner\"}}", name,
            ])
            #expect(labels.standardOutput == "web\n", "the owner label: \(labels)")
            let file = try s.writeRandomFile("in.bin", byteCount: 16)

            for reference in [name, id, String(id.prefix(12))] {
                let commands: [[String]] = [
                    ["inspect", reference], ["logs", reference], ["exec", reference, "id"],
                    ["cp", "\(reference):/etc/passwd", s.path("out")], ["cp", file, "\(reference):/tmp/in.bin"],
                    ["stop", reference], ["rm", "-f", reference], ["rename", reference, s.uniqueName("renamed")],
                    ["commit", reference], ["attach", "--no-stdin", reference],
                ]
                for command in commands {
                    let result = try await s.docker(command, as: "data", timeout: .seconds(20))
                    expectRefused(result, rule: "ownership", "data: docker \(command.joined(separator: " "))")
                }
            }
            for flags in [["--volumes-from", name], ["--network", "container:\(name)"]] {
                let result = try await s.docker(["run", "--rm"] + flags + [testImage, "true"], as: "data")
                expectRefused(result, rule: "ownership", "data: docker run \(flags.joined(separator: " "))")
            }
            let listed = try await s.dockerSucceeds(["ps", "-a", "--format", "{{.Names}}"], as: "data")
            #expect(!listed.standardOutput.contains(name), "data lists web's container: \(listed)")

            // Still running and untouched; its owner and the admin act on it.
            let state = try await s.dockerDirect(["inspect", "-f", "{{.State.Running}} {{.Name}}", name])
            #expect(state.standardOutput == "true /\(name)\n", "\(state)")
            let own = try await s.dockerSucceeds(["exec", name, "id", "-u"], as: "web")
            #expect(own.standardOutput == "1000\n", "\(own)")
            // The owner joins it by name; the daemon is handed the checked container's full ID.
            let joiner = s.uniqueName("web-joiner")
            s.removeAfterwards(container: joiner)
            try await s.dockerSucceeds(
                [
                    "create", "--name", joiner, "--volumes-from", name + ":ro", "--network", "container:\(name)",
                    testImage, "true",
                ], as: "web")
            let joined = try await s.dockerDirect([
                "inspect", "-f", "{{.HostConfig.NetworkMode}} {{json .HostConfig.VolumesFrom}}", joiner,
            ])
            #expect(joined.standardOutput == "container:\(id) [\"\(id):ro\"]\n", "\(joined)")
            let adminList = try await s.dockerSucceeds(["ps", "-a", "--format", "{{.Names}}"], as: "platform")
            #expect(adminList.standardOutput.contains(name), "the admin does not see it: \(adminList)")
            try await s.dockerSucceeds(["stop", "-t", "0", name], as: "platform")
        }
    }

    @Test("volumes and networks belong to their team", arguments: DockerCLI.available)
    func volumesAndNetworks(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.teamsPolicy()) { s in
            let volume = s.uniqueName("vol")
            s.removeAfterwards(volume: volume)
            try await s.dockerSucceeds(["volume", "create", volume], as: "web")
            let mine = try await s.dockerSucceeds(["volume", "ls", "-q"], as: "web")
            #expect(mine.standardOutput.contains(volume), "\(mine)")
            let theirs = try await s.dockerSucceeds(["volume", "ls", "-q"], as: "data")
            #expect(!theirs.standardOutput.contains(volume), "\(theirs)")
            for command in [["volume", "inspect", volume], ["volume", "rm", volume]] {
                expectRefused(
                    try await s.docker(command, as: "data"), rule: "ownership",
                    "data: docker \(command.joined(separator: " "))")
            }
            let mount = try await s.docker(
                ["run", "--rm", "-v", "\(volume):/home/user", testImage, "true"], as: "data")
            expectRefused(mount, rule: "ownership", "data: docker run -v \(volume):…")
            let used = try await s.docker(["run", "--rm", "-v", "\(volume):/home/user", testImage, "true"], as: "web")
            #expect(used.succeeded, "\(used)")
            let made = try await s.docker(
                ["run", "--rm", "-v", s.uniqueName("implicit") + ":/x", testImage, "true"], as: "web")
            expectRefused(made, rule: "ownership", "web: docker run -v <volume that does not exist>")
            #expect(made.standardError.contains("create it first"), "\(made)")
            try await s.dockerSucceeds(["volume", "rm", volume], as: "web")
        }
    }

    @Test("readonly members look but do not touch; nobody forges the owner label", arguments: DockerCLI.available)
    func readonlyAndForgedLabels(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.teamsPolicy()) { s in
            try await s.dockerSucceeds(["ps"], as: "audit")
            try await s.dockerSucceeds(["images"], as: "audit")
            let name = s.uniqueName("audit-run")
            s.removeAfterwards(container: name)
            expectRefused(
                try await s.docker(["run", "--rm", "--name", name, testImage, "true"], as: "audit"), rule: "role",
                "audit: docker run")
            try await expectNoContainer(name, s)

            let target = s.uniqueName("audit-target")
            s.removeAfterwards(container: target)
            try await s.dockerSucceeds(["run", "-d", "--name", target, testImage, "sleep", "600"], as: "web")
            // `docker exec` inspects the container first, which the role allows and ownership refuses.
            expectRefused(
                try await s.docker(["exec", target, "id"], as: "audit"), rule: "ownership", "audit: docker exec")
            expectRefused(
                try await s.docker(["cp", "\(target):/etc/passwd", s.path("out")], as: "audit"), rule: "role",
                "audit: docker cp")

            let forged = s.uniqueName("forged")
            s.removeAfterwards(container: forged)
            let result = try await s.docker(
                ["run", "--rm", "--name", forged, "--label", "dockgate.owner=data", testImage, "true"], as: "web")
            expectRefused(result, rule: "ownership", "web: docker run --label dockgate.owner=data")
            try await expectNoContainer(forged, s)
        }
    }

    /// One CLI only: the count is of team quota's containers, which only this test makes.
    @Test("a team at its container or memory quota is refused with its usage", arguments: DockerCLI.available.prefix(1))
    func quota(cli: DockerCLI) async throws {
        let setup = try await SharedSetup.get()
        let policy = try setup.policyArguments(
            "quota",
            """
            apiVersion: dockgate/v1
            teams:
              - name: quota
                match: [{OU: quota}]
                role: operator
                quota: {containers: 3, memory: 96Mi}
            """)
        try await Scenario.run(cli, gateArguments: policy) { s in
            func run(_ memory: String) async throws -> (String, CommandResult) {
                let name = s.uniqueName("quota")
                s.removeAfterwards(container: name)
                let result = try await s.docker(
                    ["run", "-d", "--name", name, "--memory", memory, testImage, "sleep", "600"], as: "quota")
                return (name, result)
            }
            var first = ""
            for _ in 0..<2 {
                let (name, result) = try await run("32m")
                try #require(result.succeeded, "\(result)")
                if first.isEmpty { first = name }
            }
            // 64Mi of 96Mi held: another 64m does not fit, 32m does.
            let (tooBig, refusedMemory) = try await run("64m")
            expectRefused(refusedMemory, rule: "team-quota", "a container over the memory quota")
            #expect(
                refusedMemory.standardError.contains(
                    "hold 64Mi of its 96Mi memory quota; this container asks for 64Mi"),
                "\(refusedMemory)")
            try await expectNoContainer(tooBig, s)
            // Nor can a held container be given more than fits beside the others.
            let raised = try await s.docker(
                ["update", "--memory", "80m", "--memory-swap", "160m", first], as: "quota")
            expectRefused(raised, rule: "team-quota", "docker update --memory 80m over the quota")
            #expect(
                raised.standardError.contains("other containers hold 32Mi of its 96Mi memory quota"), "\(raised)")
            let (_, fits) = try await run("32m")
            #expect(fits.succeeded, "\(fits)")
            // Three held: the fourth is refused by count, with the usage.
            let (fourth, refusedCount) = try await run("16m")
            expectRefused(refusedCount, rule: "team-quota", "the fourth container")
            #expect(
                refusedCount.standardError.contains("already holds 3 containers, its quota is 3"), "\(refusedCount)")
            try await expectNoContainer(fourth, s)
        }
    }

    /// One CLI only: the count is of team burst's containers, which only this test makes.
    @Test("creates sent at once cannot take a team past its quota", arguments: DockerCLI.available.prefix(1))
    func concurrentCreatesKeepTheQuota(cli: DockerCLI) async throws {
        let setup = try await SharedSetup.get()
        let policy = try setup.policyArguments(
            "burst",
            """
            apiVersion: dockgate/v1
            teams:
              - name: burst
                match: [{OU: burst}]
                role: operator
                quota: {containers: 2}
            """)
        try await Scenario.run(cli, gateArguments: policy) { s in
            let names = (0..<6).map { _ in s.uniqueName("burst") }
            for name in names { s.removeAfterwards(container: name) }
            let results = try await withThrowingTaskGroup(of: CommandResult.self) { group in
                for name in names {
                    group.addTask { try await s.docker(["create", "--name", name, testImage, "true"], as: "burst") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let created = results.filter(\.succeeded)
            #expect(created.count == 2, "\(created.count) of 6 concurrent creates succeeded:\n\(results)")
            for refused in results where !refused.succeeded {
                expectRefused(refused, rule: "team-quota", "a create beyond the quota")
            }
        }
    }

    @Test("two teams at once on many connections: no cross-talk", arguments: DockerCLI.available)
    func concurrentTeams(cli: DockerCLI) async throws {
        try await Scenario.run(cli, gateArguments: try Self.teamsPolicy()) { s in
            var names: [String: String] = [:]
            for team in ["web", "data"] {
                let name = s.uniqueName(team)
                s.removeAfterwards(container: name)
                try await s.dockerSucceeds(["create", "--name", name, testImage, "true"], as: team)
                names[team] = name
            }
            try await withThrowingTaskGroup(of: (String, String, CommandResult).self) { group in
                for round in 0..<6 {
                    for (team, other) in [("web", "data"), ("data", "web")] {
                        let target = round.isMultiple(of: 2) ? names[team]! : names[other]!
                        group.addTask {
                            (team, target, try await s.docker(["inspect", "-f", "{{.Name}}", target], as: team))
                        }
                    }
                }
                for try await (team, target, result) in group {
                    if target == names[team] {
                        #expect(result.standardOutput == "/\(target)\n", "\(team) on its own \(target): \(result)")
                    } else {
                        expectRefused(result, rule: "ownership", "\(team) on \(target)")
                    }
                }
            }
        }
    }
}
