import Testing

/// `docker volume create / ls / rm`, and the volume in use in between.
@Suite("docker volume")
struct VolumeTests {
    @Test("volume create, ls, use, rm", arguments: DockerCLI.available)
    func volumes(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let volume = s.uniqueName("vol")
            s.removeAfterwards(volume: volume)
            let create = try await s.dockerSucceeds(["volume", "create", volume])
            #expect(create.standardOutput == "\(volume)\n", "\(create)")
            let listed = try await s.dockerSucceeds(["volume", "ls", "-q"])
            #expect(listed.standardOutput.split(separator: "\n").contains(Substring(volume)), "\(listed)")

            // Mounted on the image user's home, the new volume belongs to that user.
            try await s.dockerSucceeds([
                "run", "--rm", "-v", "\(volume):/home/user", testImage, "sh", "-c", "echo kept > /home/user/f",
            ])
            let read = try await s.dockerSucceeds([
                "run", "--rm", "-v", "\(volume):/home/user", testImage, "cat", "/home/user/f",
            ])
            #expect(read.standardOutput == "kept\n", "\(read)")

            let remove = try await s.dockerSucceeds(["volume", "rm", volume])
            #expect(remove.standardOutput == "\(volume)\n", "\(remove)")
            let after = try await s.dockerSucceeds(["volume", "ls", "-q"])
            #expect(!after.standardOutput.split(separator: "\n").contains(Substring(volume)), "\(after)")
        }
    }
}
