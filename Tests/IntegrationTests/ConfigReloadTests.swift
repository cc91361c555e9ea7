import Foundation
import TestSupport
import Testing

/// The `--config` file is watched like the certificates and the policy: a change reloads the
/// settings a reload can change (policy, profile, TLS files, body and version limits) all at
/// once; a change to one that only a restart applies, or a broken file, is refused as a whole
/// and leaves everything as it was, logged and counted.
@Suite(.timeLimit(.minutes(2)))
struct ConfigReloadTests {
    @Test("a changed config file switches the policy; audit records name the policy that decided")
    func switchesPolicy() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        try bed.write("apiVersion: dockgate/v1\nprofile: privileged\n", to: bed.path("open.yaml"))
        try bed.write("apiVersion: dockgate/v1\nprofile: baseline\n", to: bed.path("closed.yaml"))
        let config = bed.path("dockgate.yaml")
        try bed.write(settings(bed, policy: bed.path("open.yaml")), to: config)
        let server = try await bed.startServer(arguments: ["serve", "--config", config, "-H", "tcp://127.0.0.1:0"])

        #expect(try await bed.privilegedCreate(server, client: alice) == 200)
        try bed.write(settings(bed, policy: bed.path("closed.yaml")), to: config)
        #expect(
            await bed.eventually { try await bed.privilegedCreate(server, client: alice) == 403 },
            "the config file's new policy was not picked up:\n\(server.log)")
        await server.stop()

        let records = try String(contentsOfFile: bed.path("audit.log"), encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let open = try await bed.sha256(bed.path("open.yaml"))
        let closed = try await bed.sha256(bed.path("closed.yaml"))
        let allowed = try #require(records.first { $0["status"] as? Int == 200 }, "\(records)")
        let denied = try #require(records.last { $0["status"] as? Int == 403 }, "\(records)")
        #expect(allowed["policy_sha256"] as? String == open, "\(allowed)")
        #expect(denied["policy_sha256"] as? String == closed, "\(denied)")
    }

    @Test(
        "a config change only a restart applies, or a broken config file, changes nothing",
        arguments: [
            (
                "max-connections: 10\n", "config reload refused; keeping the running configuration",
                "--max-connections change only when dockgate restarts"
            ),
            (
                "tlskey-passphrase-file: [a, b]\n", "config reload failed; keeping the running configuration",
                "tlskey-passphrase-file: must be a single value"
            ),
        ])
    func refusedChange(extra: String, logged: String, detail: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        try bed.write("apiVersion: dockgate/v1\nprofile: privileged\n", to: bed.path("open.yaml"))
        try bed.write("apiVersion: dockgate/v1\nprofile: baseline\n", to: bed.path("closed.yaml"))
        let config = bed.path("dockgate.yaml")
        try bed.write(settings(bed, policy: bed.path("open.yaml")), to: config)
        let server = try await bed.startServer(arguments: ["serve", "--config", config, "-H", "tcp://127.0.0.1:0"])
        let port = try await bed.metricsPort(server)

        // The new policy and the setting that cannot change together: neither takes effect.
        let changed = settings(bed, policy: bed.path("closed.yaml")).replacingOccurrences(of: "policy: ", with: "#")
        try bed.write(changed + "\npolicy: \(bed.path("closed.yaml"))\n" + extra, to: config)
        let line = await server.waitForLogLine(containing: [logged], timeout: .seconds(15))
        #expect(line?.contains(detail) == true, "\(line ?? "no line"):\n\(server.log)")
        #expect(try await bed.privilegedCreate(server, client: alice) == 200)
        let (text, samples) = try await bed.scrapeMetrics(port: port)
        #expect(samples.sum("dockgate_reloads_total", ["result": "failed"]) >= 1, "\(text)")
        await server.stop()
    }

    func settings(_ bed: TestBed, policy: String) -> String {
        """
        tlscacert: \(bed.pki.caCertificate)
        tlscert: \(bed.pki.serverCertificate)
        tlskey: \(bed.pki.serverKey)
        upstream: unix://\(bed.path("daemon.sock"))
        metrics-addr: 127.0.0.1:0
        audit-log: [\(bed.path("audit.log"))]
        log-level: debug
        policy: \(policy)
        """
    }
}

extension TestBed {
    /// The SHA-256 of a file, in hex, as `sha256sum` prints it.
    func sha256(_ path: String) async throws -> String {
        let result = try await run("/usr/bin/sha256sum", [path])
        return String(result.standardOutput.prefix(64))
    }
}
