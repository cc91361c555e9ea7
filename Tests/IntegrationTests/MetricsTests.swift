import Foundation
import TestSupport
import Testing

/// The metrics listener, scraped as Prometheus would and parsed with the Python client's
/// own text-format parser: values move as requests are made and refused.
@Suite(.timeLimit(.minutes(2)))
struct MetricsTests {
    static let parser = #"""
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        samples = []
        for family in text_string_to_metric_families(open(sys.argv[1]).read()):
            for sample in family.samples:
                samples.append({"name": sample.name, "labels": sample.labels, "value": sample.value})
        print(json.dumps(samples))
        """#

    struct Sample: Decodable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    @Test("metrics count requests, denials and handshakes; healthz and readyz answer")
    func scrape() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()
        let line = await server.waitForLogLine(containing: ["metrics on http://127.0.0.1:"])
        let port = try #require(
            line.flatMap { $0.components(separatedBy: "127.0.0.1:").last?.split(separator: "/").first }.flatMap {
                Int($0)
            }, "no metrics line in:\n\(server.log)")

        for path in ["/_ping", "/v1.41/version", "/v1.41/secret-backdoor"] {
            _ = try await bed.curl(server, client: alice, path: path)
        }
        _ = try await bed.curl(server, client: nil)

        let health = try await bed.run(try Executables.curl(), ["--silent", "http://127.0.0.1:\(port)/healthz"])
        #expect(health.standardOutput == "ok\n", "\(health)")
        let ready = try await bed.run(
            try Executables.curl(), ["--silent", "-w", "%{http_code}", "http://127.0.0.1:\(port)/readyz"])
        #expect(ready.standardOutput == "ready\n200", "\(ready)")

        let scraped = try await bed.run(try Executables.curl(), ["--silent", "http://127.0.0.1:\(port)/metrics"])
        #expect(scraped.succeeded, "\(scraped)")
        try bed.write(scraped.standardOutput, to: bed.path("metrics.txt"))
        let parsed = try await bed.run(try Executables.python3(), ["-c", Self.parser, bed.path("metrics.txt")])
        let samples = try JSONDecoder().decode([Sample].self, from: Data(parsed.standardOutput.utf8))
        func value(_ name: String, _ labels: [String: String]) -> Double {
            samples.filter { sample in
                sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
            }.reduce(0) { $0 + $1.value }
        }
        #expect(value("dockgate_requests_total", ["decision": "allow", "family": "system"]) == 2, "\(scraped)")
        #expect(value("dockgate_requests_total", ["decision": "deny", "status": "403"]) == 1, "\(scraped)")
        #expect(value("dockgate_denials_total", ["rule": "unknown-endpoint"]) == 1, "\(scraped)")
        #expect(value("dockgate_tls_handshakes_total", ["result": "refused", "reason": "noCertificate"]) == 1)
        #expect(value("dockgate_tls_handshakes_total", ["result": "ok"]) == 3, "\(scraped)")
        #expect(value("dockgate_request_duration_seconds_count", [:]) == 3, "\(scraped)")
        #expect(value("dockgate_audit_healthy", [:]) == 1, "\(scraped)")
        await server.stop()
    }
}
