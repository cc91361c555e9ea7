import Foundation
import Proxy
import Testing

/// `Expect: 100-continue`: a client that waits for the go-ahead before its body gets it from
/// dockgate, whether the body is forwarded as it comes or read by the gate first.
@Suite struct ExpectContinueTests {
    static let body = #"{"Image":"local/busybox:1"}"#
    static let request =
        "POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n"

    @Test(arguments: [false, true])
    func theClientIsToldToContinueAndTheDaemonNeverSeesTheExpectation(inspected: Bool) async throws {
        let harness = try await ProxyHarness(gate: inspected ? PolicyGate(profile: .privileged) : PassThroughGate())
        let client = try await harness.client()
        try await client.send(Self.request)
        let interim = await client.wait(seconds: 5) { $0.contains("\r\n\r\n") }
        #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
        try await client.send(Self.body)
        let text = await client.wait { $0.hasSuffix(Self.body) }
        #expect(text.contains("HTTP/1.1 201 Created\r\n"), "\(text)")
        #expect(harness.daemon?.seen.last?.headers["expect"] == [])
        await client.close()
        await harness.shutdown()
    }

    @Test func aRefusedRequestGetsItsAnswerInsteadAndTheConnectionCloses() async throws {
        let harness = try await ProxyHarness(gate: PolicyGate(profile: .privileged))
        let client = try await harness.client()
        try await client.send(
            "POST /v1.41/secret-backdoor HTTP/1.1\r\nHost: d\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        let text = await client.wait(seconds: 5) { $0.contains("(rule ") && $0.hasSuffix("\n") }
        #expect(text.hasPrefix("HTTP/1.1 403 Forbidden\r\n"), "\(text)")
        #expect(text.contains("Connection: close\r\n"))
        #expect(await client.waitForInputClosed(seconds: 5))
        await harness.shutdown()
    }
}
