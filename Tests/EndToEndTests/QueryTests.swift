import Testing

/// Read-only commands: one request, one JSON answer through the gate.
@Suite("read-only commands")
struct QueryTests {
    @Test("docker version shows the Server section", arguments: DockerCLI.available)
    func version(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let result = try await s.dockerSucceeds(["version"])
            #expect(result.standardOutput.contains("Server:"), "\(result)")
            #expect(result.standardOutput.contains("Engine:"), "\(result)")
        }
    }

    @Test("docker info", arguments: DockerCLI.available)
    func info(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let result = try await s.dockerSucceeds(["info"])
            #expect(result.standardOutput.contains("Server Version:"), "\(result)")
            #expect(result.standardOutput.contains("Storage Driver: vfs"), "\(result)")
        }
    }

    @Test("docker ps -a lists a created container", arguments: DockerCLI.available)
    func psAll(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = s.uniqueName("ps")
            s.removeAfterwards(container: name)
            try await s.dockerSucceeds(["create", "--name", name, testImage, "true"])
            let result = try await s.dockerSucceeds(["ps", "-a"])
            #expect(result.standardOutput.hasPrefix("CONTAINER ID"), "\(result)")
            #expect(result.standardOutput.contains(name), "\(result)")
        }
    }

    @Test("docker images lists the test images", arguments: DockerCLI.available)
    func images(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let result = try await s.dockerSucceeds(["images"])
            let busybox = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("local/busybox ") }
            #expect(busybox.count == 3, "expected local/busybox tags 1, 2 and user:\n\(result)")
        }
    }

    @Test("docker network ls shows host and none", arguments: DockerCLI.available)
    func networks(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let result = try await s.dockerSucceeds(["network", "ls", "--format", "{{.Name}} {{.Driver}}"])
            let lines = Set(result.standardOutput.split(separator: "\n"))
            #expect(lines.isSuperset(of: ["host host", "none null"]), "\(result)")
        }
    }
}
