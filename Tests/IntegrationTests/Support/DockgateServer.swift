import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A running `dockgate serve` on `127.0.0.1`, on the ephemeral port it logged.
///
/// Start with `TestBed.startServer(...)`; read `log` (its stderr so far) or wait for a log
/// line; end with `stop()`, which sends SIGTERM and expects exit status 0. If a test throws
/// first, `TestBed.cleanUp()` kills the process.
final class DockgateServer: Sendable {
    let process: ChildProcess
    let port: Int

    init(process: ChildProcess, port: Int) {
        self.process = process
        self.port = port
    }

    /// Everything the server has logged so far (stderr).
    var log: String { process.standardError }

    /// A point in the log (its length in bytes); lines after it are the ones an action caused.
    func logMark() -> Int { log.utf8.count }

    /// The first log line after `mark` that contains every one of `fragments`, waiting at most
    /// `timeout` for it (log lines are written after the client already saw the outcome).
    func waitForLogLine(
        containing fragments: [String], after mark: Int = 0, timeout: Duration = .seconds(10)
    ) async -> String? {
        await waitForLogLine(after: mark, timeout: timeout) { line in fragments.allSatisfy(line.contains) }
    }

    /// SIGHUP, then waits for the line that says how the reload went: success or failure.
    func reload(timeout: Duration = .seconds(10)) async -> String? {
        let mark = logMark()
        process.signal(SIGHUP)
        return await waitForLogLine(after: mark, timeout: timeout) { line in
            line.contains("reloaded TLS certificates") || line.contains("TLS reload failed")
        }
    }

    private func waitForLogLine(after mark: Int, timeout: Duration, where matches: (Substring) -> Bool) async
        -> String?
    {
        var found: String?
        _ = await process.waitForOutput(timeout: timeout) { _, stderr in
            let tail = String(decoding: stderr.utf8.dropFirst(mark), as: UTF8.self)
            found = tail.split(separator: "\n").first(where: matches).map(String.init)
            return found != nil
        }
        return found
    }

    /// SIGTERM; expects a clean exit (status 0) within 15 s.
    func stop(sourceLocation: SourceLocation = #_sourceLocation) async {
        process.signal(SIGTERM)
        let termination = await process.waitForExit(timeout: .seconds(15))
        process.kill()
        #expect(
            termination == .exited(0),
            "dockgate serve did not exit 0 on SIGTERM (\(termination.map(\.description) ?? "still running after 15 s")); log:\n\(log.suffixForMessage)",
            sourceLocation: sourceLocation)
    }

    /// `listening on tcp://127.0.0.1:PORT` → PORT.
    static func listeningPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on tcp://127.0.0.1:") else { return nil }
        let digits = log[range.upperBound...].prefix { $0.isNumber }
        guard digits.count < log[range.upperBound...].count else { return nil }  // line not complete yet
        return Int(digits)
    }
}

extension TestBed {
    /// The `dockgate serve` arguments for this bed's PKI, listening on an ephemeral loopback port
    /// and forwarding to the bed's fake daemon.
    func serveArguments(
        revocationList: Bool = false, handshakeTimeout: Double? = nil, certificate: String? = nil,
        key: String? = nil
    ) -> [String] {
        var arguments = [
            "serve", "-H", "tcp://127.0.0.1:0", "--tlsverify", "--tlscacert", pki.caCertificate,
            "--tlscert", certificate ?? pki.serverCertificate, "--tlskey", key ?? pki.serverKey,
            "--upstream", "unix://" + path("daemon.sock"), "--log-level", "debug", "--metrics-addr", "127.0.0.1:0",
        ]
        if revocationList { arguments += ["--tlscrl", pki.revocationList] }
        if let handshakeTimeout { arguments += ["--tls-handshake-timeout", "\(handshakeTimeout)"] }
        return arguments
    }

    /// Starts `dockgate serve` with this bed's PKI and waits (at most 60 s) until it logs the port.
    func startServer(
        revocationList: Bool = false, handshakeTimeout: Double? = nil, extraArguments: [String] = []
    ) async throws -> DockgateServer {
        try await startServer(
            arguments: serveArguments(revocationList: revocationList, handshakeTimeout: handshakeTimeout)
                + extraArguments)
    }

    /// Starts `dockgate` with `arguments` (which must make it listen on 127.0.0.1 port 0) and
    /// waits at most 60 s for the `listening on` line.
    func startServer(arguments: [String]) async throws -> DockgateServer {
        _ = try await fakeDaemon()
        let child = try start(try Executables.dockgate(), arguments)
        var port: Int?
        _ = await child.waitForOutput(timeout: .seconds(60)) { _, stderr in
            port = DockgateServer.listeningPort(in: stderr)
            return port != nil
        }
        guard let port else {
            let termination = await child.waitForExit(timeout: .milliseconds(100))
            child.kill()
            let what = termination.map { "exited (\($0)) before it logged" } ?? "did not log within 60 s"
            throw HarnessError(
                "dockgate serve \(what) `listening on tcp://127.0.0.1:PORT`:\n\(child.result(termination))"
            )
        }
        return DockgateServer(process: child, port: port)
    }
}
