import Foundation
import Proxy
import Testing

/// The routing step of the gate in front of a daemon: what dockerd would misroute or does
/// not know is answered by dockgate, and never reaches the daemon — whatever the profile.
@Suite struct GateRoutingTests {
    static let refused: [(request: String, status: String, message: String)] = [
        ("GET /v1.41/containers//json HTTP/1.1", "400 Bad Request", "(rule path.empty-segment)"),
        ("GET /v1.41/containers/../json HTTP/1.1", "400 Bad Request", "(rule path.dot-segment)"),
        ("GET /v1.41/containers%2Fjson HTTP/1.1", "400 Bad Request", "(rule path.encoded-slash)"),
        ("GET /v1.41/containers/json/ HTTP/1.1", "400 Bad Request", "(rule path.trailing-slash)"),
        ("GET /v1.23/containers/json HTTP/1.1", "400 Bad Request", "(rule version.below-minimum)"),
        ("GET /v1.41/containers/json?all=1;x=2 HTTP/1.1", "400 Bad Request", "(rule query.semicolon)"),
        ("GET /v1.41/secret-backdoor HTTP/1.1", "403 Forbidden", "(rule unknown-endpoint)"),
        ("DELETE /_ping HTTP/1.1", "403 Forbidden", "(rule unknown-endpoint)"),
        (
            "POST /v1.41/containers/abc/start HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2",
            "400 Bad Request", "(rule body."
        ),
        (
            "POST /v1.41/build HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 15",
            "400 Bad Request", "(rule body.form)"
        ),
    ]

    @Test(arguments: refused)
    func refusedBeforeTheDaemon(request: String, status: String, message: String) async throws {
        let harness = try await ProxyHarness(gate: PolicyGate(profile: .privileged))
        let client = try await harness.client()
        let body =
            request.contains("Content-Length: 2")
            ? "{}" : request.contains("Content-Length: 15") ? "networkmode=host" : ""
        try await client.send("\(request)\r\nHost: d\r\n\r\n\(body)GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("\r\n\r\nOK") || $0.contains("Connection: close") }
        #expect(text.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(text)")
        #expect(text.contains("{\"message\":\"dockgate: "))
        #expect(text.contains(message), "\(text)")
        // Only the follow-up ping reached the daemon, if anything did.
        #expect(harness.daemon?.seen.allSatisfy { $0.uri == "/_ping" } == true)
        await client.close()
        await harness.shutdown()
    }

    @Test func knownRoutesPass() async throws {
        let harness = try await ProxyHarness(gate: PolicyGate(profile: .privileged))
        let client = try await harness.client()
        try await client.send("HEAD /_ping HTTP/1.1\r\nHost: d\r\n\r\nGET /v1.41/_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("\r\n\r\nOK") }
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(text)")
        #expect(harness.daemon?.seen.map(\.uri) == ["/_ping", "/v1.41/_ping"])
        await client.close()
        await harness.shutdown()
    }
}
