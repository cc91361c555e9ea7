import Testing

/// inspect, stats, stop and rm -f on a running container.
@Suite("container lifecycle")
struct ContainerLifecycleTests {
    @Test("inspect, stats --no-stream, stop, rm -f", arguments: DockerCLI.available)
    func lifecycle(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("life")
            let running = try await s.dockerSucceeds(["inspect", "-f", "{{.State.Running}} {{.Name}}", name])
            #expect(running.standardOutput == "true /\(name)\n", "\(running)")

            let stats = try await s.dockerSucceeds(["stats", "--no-stream", name])
            let statsLines = stats.standardOutput.split(separator: "\n")
            #expect(statsLines.first?.hasPrefix("CONTAINER ID") == true, "\(stats)")
            #expect(statsLines.dropFirst().contains { $0.contains(" \(name) ") }, "\(stats)")

            let stop = try await s.dockerSucceeds(["stop", "-t", "1", name])
            #expect(stop.standardOutput == "\(name)\n", "\(stop)")
            let stopped = try await s.dockerSucceeds(["inspect", "-f", "{{.State.Running}}", name])
            #expect(stopped.standardOutput == "false\n", "\(stopped)")

            let other = try await s.idleContainer("life-rm")
            for container in [name, other] {
                let remove = try await s.dockerSucceeds(["rm", "-f", container])
                #expect(remove.standardOutput == "\(container)\n", "\(remove)")
                let gone = try await s.docker(["inspect", container])
                #expect(!gone.succeeded && gone.standardError.contains("No such object"), "\(gone)")
            }
        }
    }

    @Test("export a container's filesystem as a tar", arguments: DockerCLI.available)
    func export(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("export")
            try await s.dockerSucceeds(["exec", name, "sh", "-c", "echo exported > /tmp/mark"])
            let archive = s.path("export.tar")
            try await s.dockerSucceeds(["export", "-o", archive, name], timeout: .seconds(60))
            let listing = try await s.run("/bin/tar", ["-tf", archive])
            let entries = Set(listing.standardOutput.split(separator: "\n").map(String.init))
            #expect(entries.contains("bin/busybox") && entries.contains("tmp/mark"), "\(listing)")
            let mark = try await s.run("/bin/tar", ["-xOf", archive, "tmp/mark"])
            #expect(mark.standardOutput == "exported\n", "\(mark)")
        }
    }
}
