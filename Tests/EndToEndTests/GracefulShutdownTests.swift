import Foundation
import TestSupport
import Testing

/// SIGTERM while a `docker logs -f` follows, an `exec -i` session is open and a large
/// `docker cp` runs: the copy finishes within the grace period, the follower and the session
/// are cut at its end, every call has its audit record (the cut ones too), and dockgate exits 0.
@Suite("graceful shutdown")
struct GracefulShutdownTests {
    @Test(
        "SIGTERM: the copy in flight completes, records are flushed, exit 0", arguments: DockerCLI.available.prefix(1))
    func drain(cli: DockerCLI) async throws {
        let setup = try await SharedSetup.get()
        let log = setup.scratch + "/audit-drain-\(UUID().uuidString.prefix(8)).log"
        try await Scenario.run(cli, gateArguments: ["--shutdown-grace", "10", "--audit-log", log]) { s in
            let name = try await s.runDetached(
                "drain", [testImage, "sh", "-c", "while true; do echo tick; sleep 0.2; done"])
            let follower = try s.startDocker(["logs", "-f", name])
            let file = try s.writeRandomFile("big.bin", byteCount: 150 << 20)
            let session = try s.startDocker(["exec", "-i", name, "cat"], input: .pipe)
            session.send("still here\n")
            _ = await session.waitForOutput(timeout: .seconds(20)) { out, _ in out.contains("still here") }
            let copy = try s.startDocker(["cp", file, "\(name):/tmp/big.bin"])
            try await Task.sleep(for: .milliseconds(700))
            #expect(copy.termination == nil, "the copy ended before SIGTERM: \(copy.result(copy.termination))")

            let started = ContinuousClock.now
            let termination = await s.gate.stop()
            #expect(termination == .exited(0), "\(s.gate.log.suffix(2000))")
            let copied = await copy.waitForExit(timeout: .seconds(5))
            #expect(copied == .exited(0), "the copy did not complete: \(copy.result(copied))")
            #expect(ContinuousClock.now - started < .seconds(14))
            _ = await follower.waitForExit(timeout: .seconds(5))
            let sessionEnd = await session.waitForExit(timeout: .seconds(5))
            #expect(sessionEnd != nil, "the exec session outlived dockgate: \(session.result(sessionEnd))")

            let inside = try await s.dockerDirect(["exec", name, "sh", "-c", "wc -c < /tmp/big.bin"])
            #expect(
                inside.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "\(150 << 20)", "\(inside)")
            let records = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            #expect(
                records.contains {
                    $0.contains("\"endpoint\":\"container.archive.put\"") && $0.contains("\"status\":200")
                })
            // The follower and the session were cut at the end of the grace period; their
            // records were written before the audit log closed.
            #expect(records.contains { $0.contains("\"endpoint\":\"container.logs\"") }, "\(records)")
            #expect(
                records.contains {
                    $0.contains("\"endpoint\":\"exec.start\"") && $0.contains("\"status\":101")
                        && $0.contains("\"hijack_duration_us\":")
                }, "\(records)")
            let verify = try await s.run(try Programs.dockgate(), ["audit", "verify", log])
            #expect(verify.succeeded, "\(verify)")
        }
    }
}
