import Foundation
import TestSupport
import Testing

/// The metrics listener, scraped as Prometheus would and parsed with the Python client's
/// own text-format parser: values move as requests are made and refused.
@Suite(.timeLimit(.minutes(2)))
struct MetricsTests {
    @Test("metrics count requests, denials and handshakes; healthz and readyz answer")
    func scrape() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()
        let port = try await bed.metricsPort(server)

        for path in ["/_ping", "/v1.41/version", "/v1.41/secret-backdoor"] {
            _ = try await bed.curl(server, client: alice, path: path)
        }
        _ = try await bed.curl(server, client: nil)

        let health = try await bed.run(try Executables.curl(), ["--silent", "http://127.0.0.1:\(port)/healthz"])
        #expect(health.standardOutput == "ok\n", "\(health)")
        let ready = try await bed.run(
            try Executables.curl(), ["--silent", "-w", "%{http_code}", "http://127.0.0.1:\(port)/readyz"])
        #expect(ready.standardOutput == "ready\n200", "\(ready)")

        let (scraped, samples) = try await bed.scrapeMetrics(port: port)
        func value(_ name: String, _ labels: [String: String]) -> Double { samples.sum(name, labels) }
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

extension MetricsTests {
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
}

extension [MetricsTests.Sample] {
    /// The sum over the samples named `name` whose labels include `labels`.
    func sum(_ name: String, _ labels: [String: String]) -> Double {
        filter { sample in
            sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
        }.reduce(0) { $0 + $1.value }
    }
}

extension TestBed {
    /// `/metrics` from the listener on `port`, as text and as parsed by `prometheus_client`.
    func scrapeMetrics(port: Int) async throws -> (text: String, samples: [MetricsTests.Sample]) {
        let scraped = try await run(try Executables.curl(), ["--silent", "http://127.0.0.1:\(port)/metrics"])
        guard scraped.succeeded else { throw HarnessError("cannot scrape /metrics: \(scraped)") }
        let file = path("metrics-\(UUID().uuidString).txt")
        try write(scraped.standardOutput, to: file)
        let parsed = try await run(try Executables.python3(), ["-c", MetricsTests.parser, file])
        let samples = try JSONDecoder().decode([MetricsTests.Sample].self, from: Data(parsed.standardOutput.utf8))
        return (scraped.standardOutput, samples)
    }

    /// The metrics port `server` logged at start-up.
    func metricsPort(_ server: DockgateServer) async throws -> Int {
        let line = await server.waitForLogLine(containing: ["metrics on http://127.0.0.1:"])
        guard
            let port = line.flatMap({
                $0.components(separatedBy: "127.0.0.1:").last?.split(separator: "/").first
            }).flatMap({ Int($0) })
        else { throw HarnessError("no metrics line in:\n\(server.log)") }
        return port
    }
}
