import Foundation
import TestSupport
import Testing

/// The server certificate renewed, the client CA bundle rotated and a broken policy written
/// while docker CLI commands run without pause: no command fails, the broken policy is
/// refused (old one kept, counted in the metrics), the new certificate is served.
@Suite("reload under load")
struct ReloadUnderLoadTests {
    @Test(
        "rotate certificates and break the policy under load: zero failed commands",
        arguments: DockerCLI.available.prefix(1))
    func rotate(cli: DockerCLI) async throws {
        let setup = try await SharedSetup.get()
        // A PKI of this test's own: the shared one serves every other test.
        let pki = setup.scratch + "/reload-pki-\(UUID().uuidString.prefix(8))"
        let client = pki + "/client"
        let dockgate = try Programs.dockgate()
        for arguments in [
            ["certs", "init", "--dir", pki],
            ["certs", "client", "--dir", pki, "--name", "load", "--team", "web", "--out", client],
        ] {
            let made = try await SharedSetup.runToEnd(dockgate, arguments, in: setup.scratch, timeout: .seconds(60))
            try #require(made.succeeded, "\(made)")
        }
        let bundle = pki + "/bundle.pem"
        try FileManager.default.copyItem(atPath: pki + "/ca.pem", toPath: bundle)
        let policy = pki + "/policy.yaml"
        try "apiVersion: dockgate/v1\nprofile: baseline\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let arguments = [
            "--tlscacert", bundle, "--tlscert", pki + "/server-cert.pem", "--tlskey", pki + "/server-key.pem",
            "--policy",
            policy,
        ]
        try await Scenario.run(cli, gateArguments: arguments, errorsExpectedInLog: true) { s in
            var environment = s.dockerEnvironment
            environment["DOCKER_CERT_PATH"] = client
            let loadEnvironment = environment
            let stop = LockedFlag()
            let load = Task {
                var failures: [CommandResult] = []
                var count = 0
                while !stop.isSet {
                    let result = try await s.run(cli.path, ["ps"], environment: loadEnvironment, timeout: .seconds(30))
                    count += 1
                    if !result.succeeded { failures.append(result) }
                }
                return (count, failures)
            }
            let openssl = try Programs.tool("openssl", package: "openssl")
            try await Task.sleep(for: .seconds(1))

            // 1. A renewed server certificate from the same CA, new key; files replaced by rename.
            let work = s.path("renew")
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            for step in [
                [
                    "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                    work + "/key.pem", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "-addext", "extendedKeyUsage=serverAuth", "-out",
                    work + "/csr.pem",
                ],
                [
                    "x509", "-req", "-in", work + "/csr.pem", "-CA", pki + "/ca.pem", "-CAkey", pki + "/ca-key.pem",
                    "-CAcreateserial", "-days", "30", "-copy_extensions", "copyall", "-out", work + "/cert.pem",
                ],
            ] {
                let made = try await s.run(openssl, step)
                try #require(made.succeeded, "\(made)")
            }
            try Self.replace(pki + "/server-key.pem", with: work + "/key.pem")
            try Self.replace(pki + "/server-cert.pem", with: work + "/cert.pem")
            s.gate.process.signal(SIGHUP)
            try await Task.sleep(for: .seconds(3))

            // 2. The client CA bundle rotated: a second CA added beside the first.
            let made = try await s.run(
                openssl,
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                    work + "/ca2-key.pem", "-subj", "/CN=second CA", "-days", "30", "-out", work + "/ca2.pem",
                ])
            try #require(made.succeeded, "\(made)")
            let rotated =
                try String(contentsOfFile: pki + "/ca.pem", encoding: .utf8)
                + String(contentsOfFile: work + "/ca2.pem", encoding: .utf8)
            try rotated.write(toFile: work + "/bundle.pem", atomically: true, encoding: .utf8)
            try Self.replace(bundle, with: work + "/bundle.pem")
            try await Task.sleep(for: .seconds(3))

            // 3. A broken policy: refused, the old one stays, the metrics count the failure.
            try "apiVersion: dockgate/v1\nprofile: nonexistent\n".write(
                toFile: policy, atomically: true, encoding: .utf8)
            try await Task.sleep(for: .seconds(3))

            stop.set()
            let (count, failures) = try await load.value
            #expect(count >= 5, "only \(count) commands ran")
            #expect(failures.isEmpty, "\(failures.count) of \(count) commands failed:\n\(failures.prefix(2))")
            #expect(
                s.gate.log.contains("policy reload failed; keeping the current policy"), "\(s.gate.log.suffix(2000))")
            let served = try await s.run(
                openssl,
                [
                    "s_client", "-connect", "127.0.0.1:\(s.gate.port)", "-cert", client + "/cert.pem", "-key",
                    client + "/key.pem", "-CAfile", pki + "/ca.pem",
                ], input: .text("Q\n"))
            let renewed = try String(contentsOfFile: work + "/cert.pem", encoding: .utf8)
            let body = renewed.split(separator: "\n").dropFirst().prefix(2).joined(separator: "\n")
            #expect(
                served.standardOutput.contains(body) || served.standardOutput.contains("CN = localhost"), "\(served)")
            let metrics = try await s.metricsText()
            #expect(metrics.contains(#"dockgate_reloads_total{result="failed"}"#), "\(metrics)")
            #expect(metrics.contains(#"dockgate_reloads_total{result="ok"}"#), "\(metrics)")
        }
    }

    /// Replaces `path` in one rename, as certbot or a secret mount would.
    static func replace(_ path: String, with source: String) throws {
        let staged = path + ".new"
        try? FileManager.default.removeItem(atPath: staged)
        try FileManager.default.copyItem(atPath: source, toPath: staged)
        guard rename(staged, path) == 0 else { throw HarnessError("rename \(staged) failed: errno \(errno)") }
    }
}

/// A flag one task sets and another polls.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

extension Scenario {
    /// The gate's /metrics text.
    func metricsText() async throws -> String {
        guard let line = gate.log.split(separator: "\n").first(where: { $0.contains("metrics on http://") }),
            let address = line.components(separatedBy: "http://").last?.split(separator: "/").first
        else { throw HarnessError("no metrics line in the gate's log") }
        return try await run(try Programs.tool("curl", package: "curl"), ["--silent", "http://\(address)/metrics"])
            .standardOutput
    }
}
