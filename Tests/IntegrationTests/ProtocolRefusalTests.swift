import Foundation
import TestSupport
import Testing

/// Requests refused before the proxy sees a head — a head that trickles past the header
/// timeout, one the HTTP parser cannot read, one over `--max-header-bytes` — get a readable
/// answer with a request id, an audit record under that id, and a count in the metrics, as
/// every other refusal does.
@Suite(.timeLimit(.minutes(2)))
struct ProtocolRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let request: String
        let status: String
        let rule: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(
            name: "a head that does not arrive within the header timeout",
            request: "GET /v1.41/containers/json HTTP/1.1\r\nHost: d\r\n", status: "408 Request Timeout",
            rule: "http.header-timeout"),
        Case(
            name: "a request the parser cannot read",
            request: "get /v1.41/containers/json HTTP/1.1\r\nHost: d\r\n\r\n", status: "400 Bad Request",
            rule: "http.malformed"),
        Case(
            name: "a head over --max-header-bytes",
            request: "GET /v1.41/containers/json HTTP/1.1\r\nHost: d\r\nX-Registry-Config: "
                + String(repeating: "a", count: 5000) + "\r\n\r\n",
            status: "431 Request Header Fields Too Large", rule: "http.header-size"),
        Case(
            name: "a request line over --max-header-bytes",
            request: "GET /v1.41/containers/json?filters=" + String(repeating: "b", count: 5000)
                + " HTTP/1.1\r\nHost: d\r\n\r\n",
            status: "431 Request Header Fields Too Large", rule: "http.header-size"),
    ]

    @Test(arguments: cases)
    func answeredAuditedAndCounted(_ refused: Case) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let log = bed.path("audit.log")
        let server = try await bed.startServer(extraArguments: [
            "--audit-log", log, "--header-timeout", "1", "--max-header-bytes", "4096",
        ])
        let port = try await bed.metricsPort(server)

        let (result, outcome) = try await bed.pythonTLSRaw(server, client: alice, sending: Array(refused.request.utf8))
        #expect(outcome.received.hasPrefix("HTTP/1.1 \(refused.status)\r\n"), "\(result)")
        #expect(outcome.received.contains(#"{"message":"dockgate: "#), "\(result)")
        #expect(outcome.received.contains("(rule \(refused.rule))"), "\(result)")
        let id = try #require(
            outcome.received.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-dockgate-request-id: ") }
                .map { String($0.dropFirst("x-dockgate-request-id: ".count)) }, "\(result)")
        #expect(try await bed.fakeDaemon().requests.isEmpty)

        let (text, samples) = try await bed.scrapeMetrics(port: port)
        #expect(samples.sum("dockgate_denials_total", ["rule": refused.rule]) == 1, "\(text)")
        let status = String(refused.status.prefix(3))
        #expect(samples.sum("dockgate_requests_total", ["decision": "deny", "status": status]) == 1, "\(text)")
        await server.stop()

        let records = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let record = try #require(records.first { $0["id"] as? String == id }, "\(records)")
        #expect(record["event"] as? String == "request", "\(record)")
        #expect(record["decision"] as? String == "deny", "\(record)")
        #expect(record["status"] as? Int == Int(status), "\(record)")
        #expect(record["rule"] as? String == refused.rule, "\(record)")
        #expect(record["subject"] as? String == alice.subject, "\(record)")
        #expect((record["reason"] as? String)?.contains("(rule \(refused.rule))") == true, "\(record)")
        #expect(try await bed.dockgate(["audit", "verify", log]).status == 0)
    }
}
