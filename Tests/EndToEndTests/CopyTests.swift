import Foundation
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

    @Test("cp a directory tree into a container and back out", arguments: DockerCLI.available)
    func copyDirectory(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.idleContainer("cp-dir")
            try s.write("one\n", to: "tree/a.txt")
            try s.write("two\n", to: "tree/sub/b.txt")
            _ = try s.writeRandomFile("tree/sub/deeper/c.bin", byteCount: 3 << 20)
            let expected = try await s.sha256(ofFile: s.path("tree/sub/deeper/c.bin"))

            try await s.dockerSucceeds(["cp", s.path("tree"), "\(name):/tmp/"], timeout: .seconds(60))
            let listed = try await s.dockerSucceeds(["exec", name, "find", "/tmp/tree", "-type", "f"])
            #expect(
                Set(listed.standardOutput.split(separator: "\n"))
                    == ["/tmp/tree/a.txt", "/tmp/tree/sub/b.txt", "/tmp/tree/sub/deeper/c.bin"], "\(listed)")

            try await s.dockerSucceeds(["cp", "\(name):/tmp/tree", s.path("back")], timeout: .seconds(60))
            #expect(try String(contentsOfFile: s.path("back/sub/b.txt"), encoding: .utf8) == "two\n")
            #expect(try await s.sha256(ofFile: s.path("back/sub/deeper/c.bin")) == expected)
        }
    }
}
