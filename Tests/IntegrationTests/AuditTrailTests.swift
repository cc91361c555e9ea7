import Foundation
import TestSupport
import Testing

/// The real binary writes one audit record per API call and per refused handshake, with the
/// caller's identity, the decision and its rule; the chain verifies, and an edited byte is
/// found on its line.
@Suite(.timeLimit(.minutes(2)))
struct AuditTrailTests {
    @Test("one record per request and per refused handshake; verify passes; one edited byte is named")
    func recordsAndChain() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let log = bed.path("audit/audit.log")
        try FileManager.default.createDirectory(atPath: bed.path("audit"), withIntermediateDirectories: true)
        let server = try await bed.startServer(extraArguments: ["--audit-log", log])

        var requests: [(path: String, status: Int)] = []
        for path in ["/_ping", "/v1.41/version", "/v1.41/secret-backdoor", "/v1.41/containers//json", "/v1.41/info"] {
            let response = try await bed.curl(server, client: alice, path: path)
            requests.append((path, response.status))
        }
        let refused = try await bed.curl(server, client: nil)
        #expect(refused.status == 0, "\(refused)")
        await server.stop()

        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(records.count == requests.count + 1, "\(lines.joined(separator: "\n"))")
        let calls = records.filter { $0["event"] as? String == "request" }
        #expect(calls.map { $0["status"] as? Int } == requests.map { $0.status })
        for record in calls {
            #expect(record["subject"] as? String == alice.subject, "\(record)")
            #expect((record["id"] as? String)?.count == 32, "\(record)")
        }
        #expect(calls[2]["decision"] as? String == "deny" && calls[2]["rule"] as? String == "unknown-endpoint")
        #expect(calls[3]["decision"] as? String == "deny" && calls[3]["rule"] as? String == "path.empty-segment")
        #expect(calls[0]["decision"] as? String == "allow" && calls[0]["endpoint"] as? String == "system.ping")
        let handshake = try #require(records.first { $0["event"] as? String == "handshake" })
        #expect(handshake["decision"] as? String == "deny" && handshake["rule"] as? String == "tls.noCertificate")

        let intact = try await bed.dockgate(["audit", "verify", log])
        #expect(intact.status == 0, "\(intact)")

        // One byte of the third record changed: verify names that line.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: log)))
        let third = lines[0].utf8.count + lines[1].utf8.count + 2
        let offset = third + (Array(lines[2].utf8).firstIndex(of: UInt8(ascii: "G")) ?? 40)
        bytes[offset] = bytes[offset] == UInt8(ascii: "G") ? UInt8(ascii: "P") : UInt8(ascii: "x")
        try Data(bytes).write(to: URL(fileURLWithPath: log))
        let broken = try await bed.dockgate(["audit", "verify", log])
        #expect(broken.status == 1, "\(broken)")
        #expect(broken.combinedOutput.contains("line 3 was changed"), "\(broken)")
    }

    @Test("the request id is returned to the client")
    func requestIDHeader() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()
        let result = try await bed.run(
            try Executables.curl(),
            [
                "--silent", "--include", "--resolve", "localhost:\(server.port):127.0.0.1", "--cacert",
                bed.pki.caCertificate, "--cert", alice.certificate, "--key", alice.key,
                "https://localhost:\(server.port)/_ping",
            ])
        #expect(result.standardOutput.lowercased().contains("x-dockgate-request-id: "), "\(result)")
        await server.stop()
        // Without --audit-log the records go to standard output.
        #expect(server.process.standardOutput.contains("\"event\":\"request\""), "\(server.process.standardOutput)")
    }
}

extension AuditTrailTests {
    @Test("an audit log that cannot be written: 503 with a clear message, then recovery")
    func failsClosed() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let log = bed.path("audit.log")
        // Every write to /dev/full fails with ENOSPC: a full disk, even for root.
        try FileManager.default.createSymbolicLink(atPath: log, withDestinationPath: "/dev/full")
        let server = try await bed.startServer(extraArguments: ["--audit-log", log])

        var refused: CurlResponse?
        for _ in 0..<50 {
            let response = try await bed.curl(server, client: alice)
            if response.status == 503 {
                refused = response
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let answer = try #require(refused, "never refused while the audit log failed")
        #expect(answer.body.contains("the audit log cannot be written"), "\(answer)")
        #expect(answer.body.contains("(rule audit.unavailable)"), "\(answer)")
        let (text, samples) = try await bed.scrapeMetrics(port: try await bed.metricsPort(server))
        #expect(samples.sum("dockgate_audit_healthy", [:]) == 0, "\(text)")
        #expect(samples.sum("dockgate_audit_write_failures_total", [:]) >= 1, "\(text)")
        #expect(samples.sum("dockgate_audit_records_held", [:]) >= 1, "\(text)")
        #expect(samples.sum("dockgate_denials_total", ["rule": "audit.unavailable"]) >= 1, "\(text)")

        // The disk has room again: the writer reopens the path and requests flow.
        try FileManager.default.removeItem(atPath: log)
        var recovered = false
        for _ in 0..<100 where !recovered {
            recovered = try await bed.curl(server, client: alice).status == 200
            if !recovered { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(recovered, "requests still refused after the audit log became writable")
        await server.stop()
        let intact = try await bed.dockgate(["audit", "verify", log])
        #expect(intact.status == 0, "\(intact)")
    }
}

extension AuditTrailTests {
    @Test("a dry-run profile lets a privileged create through; its record carries the would-be denial")
    func dryRunRecord() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let log = bed.path("audit.log")
        try bed.write(
            "apiVersion: dockgate/v1\nprofile: trial\nprofiles:\n  trial:\n    extends: baseline\n    mode: dry-run\n",
            to: bed.path("policy.yaml"))
        let server = try await bed.startServer(extraArguments: [
            "--audit-log", log, "--policy", bed.path("policy.yaml"),
        ])
        let body = #"{"Image":"x","User":"1000","HostConfig":{"Privileged":true}}"#
        let result = try await bed.run(
            try Executables.curl(),
            [
                "--silent", "--resolve", "localhost:\(server.port):127.0.0.1", "--cacert", bed.pki.caCertificate,
                "--cert", alice.certificate, "--key", alice.key, "-H", "Content-Type: application/json",
                "--data", body, "-w", "\n%{http_code}", "https://localhost:\(server.port)/v1.41/containers/create",
            ])
        #expect(result.standardOutput.hasSuffix("\n200"), "\(result)")
        let warned = await server.waitForLogLine(containing: ["ROLLOUT MODE: profile trial is in dry-run mode"])
        #expect(warned != nil, "\(server.log)")
        await server.stop()
        let record = try #require(
            try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
                .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .first { $0["endpoint"] as? String == "container.create" })
        #expect(record["decision"] as? String == "allow", "\(record)")
        #expect(record["rule"] as? String == "no-privileged", "\(record)")
        #expect((record["note"] as? String)?.hasPrefix("dry-run: would be denied: ") == true, "\(record)")
    }
}

extension AuditTrailTests {
    @Test("--audit-failure open keeps serving while the audit log cannot be written")
    func failsOpen() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let log = bed.path("audit.log")
        try FileManager.default.createSymbolicLink(atPath: log, withDestinationPath: "/dev/full")
        let server = try await bed.startServer(extraArguments: ["--audit-log", log, "--audit-failure", "open"])
        let announced = await server.waitForLogLine(containing: ["served anyway (--audit-failure open)"])
        #expect(announced != nil, "\(server.log)")
        for _ in 0..<10 {
            let response = try await bed.curl(server, client: alice)
            #expect(response.status == 200, "\(response)")
            try await Task.sleep(for: .milliseconds(100))
        }
        await server.stop()
    }
}
