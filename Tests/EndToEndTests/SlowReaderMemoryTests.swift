import Foundation
import Testing

/// A client that reads a large download slowly must not make dockgate buffer the download:
/// with backpressure, dockgate stops reading from the daemon while the client's socket is
/// full, and its memory stays flat.
@Suite("slow reader")
struct SlowReaderMemoryTests {
    static let fileSize = 200 << 20
    static let allowedGrowth = 64 << 20

    @Test("a 1 MiB/s reader of a 200 MiB archive: dockgate's RSS grows < 64 MiB")
    func slowReaderKeepsMemoryBounded() async throws {
        let cli = try #require(DockerCLI.available.first, "no docker CLI installed")
        try await Scenario.run(cli) { s in
            let name = s.uniqueName("slow")
            s.removeAfterwards(container: name)
            try await s.dockerSucceeds(
                ["run", "--name", name, testImage, "sh", "-c", "head -c \(Self.fileSize) /dev/zero > /tmp/big"],
                timeout: .seconds(120))
            let url = "https://127.0.0.1:\(s.gate.port)/v1.41/containers/\(name)/archive?path=/tmp/big"

            // HEAD first: proves the daemon has the whole file to send, and warms dockgate up.
            let head = try await s.run(try curl(), s.curlArguments + ["--head", url])
            try #require(head.succeeded, "\(head)")
            let size = try #require(archiveStatSize(head.standardOutput), "no X-Docker-Container-Path-Stat:\n\(head)")
            #expect(size == Self.fileSize)

            let baseline = try #require(s.gate.residentBytes)
            let reader = try s.start(
                try curl(),
                s.curlArguments + [
                    "--limit-rate", "1M", "--max-time", "5", "--output", "/dev/null",
                    "--write-out", "%{http_code} %{size_download}", url,
                ])
            var peak = baseline
            let deadline = ContinuousClock.now + .seconds(10)
            while reader.termination == nil, ContinuousClock.now < deadline {
                peak = max(peak, s.gate.residentBytes ?? 0)
                try await Task.sleep(for: .milliseconds(100))
            }
            let termination = await reader.waitForExit(timeout: .seconds(1))
            reader.kill()
            let fields = reader.standardOutput.split(separator: " ")
            let downloaded = fields.count == 2 ? Int(fields[1]) ?? 0 : 0

            #expect(termination == .exited(28), "curl should stop at its 5 s limit:\n\(reader.result(termination))")
            #expect(fields.first == "200", "\(reader.result(termination))")
            #expect(
                downloaded >= 1 << 20 && downloaded < 20 << 20, "the download did not flow slowly (\(downloaded) bytes)"
            )
            #expect(
                peak - baseline < Self.allowedGrowth,
                "dockgate's RSS grew from \(baseline >> 20) MiB to \(peak >> 20) MiB while a slow client read \(downloaded >> 20) MiB of \(Self.fileSize >> 20) MiB"
            )
        }
    }

    private func curl() throws -> String { try Programs.tool("curl", package: "curl") }

    /// The `size` in the base64 JSON of the `X-Docker-Container-Path-Stat` header.
    private func archiveStatSize(_ headers: String) -> Int? {
        let prefix = "x-docker-container-path-stat:"
        guard let line = headers.split(whereSeparator: \.isNewline).first(where: { $0.lowercased().hasPrefix(prefix) }),
            let data = Data(base64Encoded: line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)),
            let stat = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return (stat["size"] as? NSNumber)?.intValue
    }
}

extension Scenario {
    /// curl with the client certificate, trusting the test CA.
    var curlArguments: [String] {
        let certificates = setup.clientCertificates
        return [
            "--silent", "--show-error", "--cacert", certificates + "/ca.pem", "--cert", certificates + "/cert.pem",
            "--key", certificates + "/key.pem",
        ]
    }
}
