import Foundation
import Proxy
import Testing

/// Connections over the overall or per-client limit get a readable refusal and close; a
/// place frees up when a connection closes.
@Suite struct ConnectionLimitTests {
    static let ping = "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n"

    @Test func perClient() async throws {
        let harness = try await ProxyHarness(limits: ConnectionLimits(maximumConnections: 100, maximumPerClient: 2))
        let first = try await harness.client()
        let second = try await harness.client()
        for client in [first, second] {
            try await client.send(Self.ping)
            #expect(await client.wait { $0.hasSuffix("OK") }.hasSuffix("OK"))
        }
        let third = try await harness.client()
        try await third.send(Self.ping)
        let refused = await third.wait { $0.hasSuffix("}\n") }
        #expect(refused.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"), "\(refused)")
        #expect(refused.contains("(rule limits.connections-per-client)"), "\(refused)")
        #expect(await third.waitForInputClosed())

        await first.close()
        try await Task.sleep(for: .milliseconds(200))
        let fourth = try await harness.client()
        try await fourth.send(Self.ping)
        #expect(await fourth.wait { $0.hasSuffix("OK") }.hasSuffix("OK"))
        for client in [second, fourth] { await client.close() }
        await harness.shutdown()
    }

    @Test func overall() async throws {
        let harness = try await ProxyHarness(limits: ConnectionLimits(maximumConnections: 1, maximumPerClient: 10))
        let first = try await harness.client()
        try await first.send(Self.ping)
        #expect(await first.wait { $0.hasSuffix("OK") }.hasSuffix("OK"))
        let second = try await harness.client()
        try await second.send(Self.ping)
        let refused = await second.wait { $0.hasSuffix("}\n") }
        #expect(refused.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(refused)")
        #expect(refused.contains("(rule limits.connections)"), "\(refused)")
        await first.close()
        await second.close()
        await harness.shutdown()
    }
}
