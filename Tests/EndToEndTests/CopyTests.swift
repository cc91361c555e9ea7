import Testing

/// `docker cp` both ways: tar archives streamed up (PUT) and down (GET) through the gate.
@Suite("docker cp")
struct CopyTests {
    @Test("cp a 20 MiB random file into a container and back out, intact", arguments: DockerCLI.available)
    func copyBothWays(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("cp")
            let original = try s.writeRandomFile("in.bin", byteCount: 20 << 20)
            let expected = try await s.sha256(ofFile: original)

            try await s.dockerSucceeds(["cp", original, "\(name):/tmp/in.bin"], timeout: .seconds(60))
            let inside = try await s.dockerSucceeds(["exec", name, "sha256sum", "/tmp/in.bin"])
            #expect(inside.standardOutput.hasPrefix(expected + " "), "copied in, expected \(expected):\n\(inside)")

            let copy = s.path("out.bin")
            try await s.dockerSucceeds(["cp", "\(name):/tmp/in.bin", copy], timeout: .seconds(60))
            #expect(try await s.sha256(ofFile: copy) == expected, "copied out: the file changed")
        }
    }
}
