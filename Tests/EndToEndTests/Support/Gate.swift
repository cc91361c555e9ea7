import Foundation
import TestSupport

/// A running `dockgate serve` on an ephemeral loopback port, in front of one Unix socket.
///
/// Made by `Scenario`, which stops it (SIGTERM, expecting exit 0) and reads its log when the
/// test ends; `Scenario`'s cleanup kills it if anything went wrong first.
final class Gate: Sendable {
    let process: ChildProcess
    let port: Int

    private init(process: ChildProcess, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts the gate with the shared PKI and waits (at most 20 s) for `listening on`.
    static func start(
        upstream socketPath: String, setup: SharedSetup, extraArguments: [String] = [],
        start: (String, [String]) throws -> ChildProcess
    ) async throws -> Gate {
        let child = try start(
            try Programs.dockgate(),
            [
                "serve", "-H", "tcp://127.0.0.1:0", "--tlsverify",
                "--tlscacert", setup.pki + "/ca.pem",
                "--tlscert", setup.pki + "/server-cert.pem",
                "--tlskey", setup.pki + "/server-key.pem",
                "--upstream", "unix://" + socketPath, "--metrics-addr", "127.0.0.1:0",
            ] + extraArguments)
        var port: Int?
        let deadline = ContinuousClock.now + .seconds(20)
        while port == nil, child.termination == nil, ContinuousClock.now < deadline {
            port = listeningPort(in: child.standardError)
            if port == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let port = port ?? listeningPort(in: child.standardError) else {
            let termination = child.termination
            child.kill()
            throw HarnessError(
                "dockgate serve never logged `listening on tcp://127.0.0.1:PORT`:\n\(child.result(termination))")
        }
        return Gate(process: child, port: port)
    }

    /// `… listening on tcp://127.0.0.1:PORT\n` → PORT (nil until the line is complete).
    static func listeningPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on tcp://127.0.0.1:") else { return nil }
        let rest = log[range.upperBound...]
        let digits = rest.prefix { $0.isNumber }
        guard rest.dropFirst(digits.count).first == "\n" else { return nil }
        return Int(digits)
    }

    /// Everything dockgate logged so far (its stderr).
    var log: String { process.standardError }

    /// Log lines at level error or critical (swift-log: `<timestamp> <level> <label>: …`).
    var errorLines: [Substring] {
        log.split(separator: "\n").filter { line in
            let level = line.split(separator: " ", maxSplits: 2).dropFirst().first
            return level == "error" || level == "critical"
        }
    }

    /// dockgate's resident set size in bytes, from /proc/PID/status.
    var residentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kibibytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kibibytes * 1024
    }

    /// SIGTERM, then at most 15 s for it to exit; nil if it did not (it is then killed).
    func stop() async -> Termination? {
        process.signal(SIGTERM)
        let termination = await process.waitForExit(timeout: .seconds(15))
        process.kill()
        return termination
    }
}
