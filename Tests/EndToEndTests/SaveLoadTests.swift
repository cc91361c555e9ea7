import Foundation
import TestSupport
import Testing

/// `docker save` / `docker load` round trip of an image over 20 MiB: a long download, then
/// the same bytes uploaded, both through the gate.
@Suite("docker save and load")
struct SaveLoadTests {
    @Test("save, rmi, load a 25 MiB image, then save | load; the file inside is intact", arguments: DockerCLI.available)
    func saveLoad(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let payload = try s.writeRandomFile("context/big.bin", byteCount: 25 << 20)
            let expected = try await s.sha256(ofFile: payload)
            try s.write("FROM \(testImage)\nCOPY big.bin /big.bin\n", to: "context/Dockerfile")
            let image = "local/\(s.uniqueName("save")):1"
            s.removeAfterwards(image: image)
            try await s.dockerSucceeds(["build", "-t", image, s.path("context")], timeout: .seconds(90))

            let archive = s.path("image.tar")
            try await s.dockerSucceeds(["save", "-o", archive, image], timeout: .seconds(60))
            let size = (try FileManager.default.attributesOfItem(atPath: archive)[.size] as? Int) ?? 0
            #expect(size > 25 << 20, "the saved archive has only \(size) bytes")

            try await s.dockerSucceeds(["rmi", image])
            let gone = try await s.docker(["image", "inspect", image])
            try #require(!gone.succeeded, "rmi did not remove the image:\n\(gone)")

            let load = try await s.dockerSucceeds(["load", "-i", archive], timeout: .seconds(60))
            #expect(load.standardOutput.contains("Loaded image: \(image)"), "\(load)")
            let check = try await s.dockerSucceeds(["run", "--rm", image, "sha256sum", "/big.bin"])
            #expect(check.standardOutput.hasPrefix(expected + " "), "expected \(expected):\n\(check)")

            // The same round trip as users type it: one stream from the download to the upload.
            let copy = "local/\(s.uniqueName("piped")):1"
            s.removeAfterwards(image: copy)
            try await s.dockerSucceeds(["tag", image, copy])
            let docker = shellQuoted(cli.path)
            let piped = try await s.run(
                "/bin/bash", ["-o", "pipefail", "-c", "\(docker) save \(copy) | \(docker) load"],
                environment: s.dockerEnvironment, timeout: .seconds(90))
            #expect(piped.succeeded && piped.standardOutput.contains("Loaded image: \(copy)"), "\(piped)")
        }
    }
}
