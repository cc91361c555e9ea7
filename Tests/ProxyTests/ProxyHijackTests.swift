import Foundation
import NIOCore
import Testing

/// `docker attach` / `exec -i`: after the daemon's 101 the connection is raw bytes, and each
/// direction ends on its own.
@Suite struct ProxyHijackTests {
    static let attachRequest =
        "POST /v1.41/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: text/plain\r\n\r\n"

    @Test func upgradeIsRelayedAndBothDirectionsCloseSeparately() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send(Self.attachRequest)

        let head = await client.wait { $0.contains("early\n") }
        #expect(head.hasPrefix("HTTP/1.1 101 "))
        #expect(head.contains("Upgrade: tcp\r\n"))
        #expect(head.contains("Connection: Upgrade\r\n"))
        #expect(head.contains("Content-Type: application/vnd.docker.raw-stream\r\n"))
        #expect(harness.daemon?.seen.first?.headers["upgrade"] == ["tcp"])

        try await client.send("hi\n")
        let echoed = await client.wait { $0.hasSuffix("early\nhi\n") }
        #expect(echoed.hasSuffix("early\nhi\n"))

        // stdin EOF: close_notify only. The daemon's answer to EOF still arrives, then its EOF.
        try await client.closeOutput()
        let end = await client.wait { $0.hasSuffix("bye\n") }
        #expect(end.hasSuffix("hi\nbye\n"))
        #expect(await client.waitForInputClosed())
        await client.close()
        await harness.shutdown()
    }

    @Test func bytesSentRightAfterTheUpgradeRequestReachTheDaemon() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send(Self.attachRequest + "eager\n")
        let text = await client.wait { $0.contains("eager\n") }
        #expect(text.contains("early\n"))
        #expect(text.hasSuffix("eager\n"))
        await client.close()
        await harness.shutdown()
    }

    /// A client may send stdin and end it before the daemon's `101` is back: the end of input
    /// still reaches the daemon, after the bytes, so `exec -i cat` ends.
    @Test func anEndOfInputSentBeforeTheUpgradeAnswerReachesTheDaemon() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        // The request, stdin and its end in one flight, read at once while the daemon takes
        // 300 ms to switch: the bytes wait in the HTTP decoder, the end must wait for them.
        let request = Self.attachRequest.replacingOccurrences(of: "stdin=1", with: "stdin=1&slow=1")
        try await client.send(ByteBuffer())  // completes once the handshake is done
        client.channel.writeAndFlush(ByteBuffer(string: request + "eager\n"), promise: nil)
        try await client.closeOutput()
        let text = await client.wait { $0.hasSuffix("bye\n") }
        #expect(text.hasSuffix("early\neager\nbye\n"))
        #expect(await client.waitForInputClosed())
        await client.close()
        await harness.shutdown()
    }

    /// `Upgrade` alone switches dockerd (it looks for the header only) but not the HTTP parser,
    /// which needs `Connection: Upgrade` too and so reads what follows as requests. Those
    /// bytes must never reach the raw stream, nor bring the process down.
    @Test func anUpgradeWithoutConnectionUpgradeIsNeverGlued() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send(
            "POST /v1.41/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: d\r\nUpgrade: tcp\r\n\r\n"
                + "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        #expect(await client.waitForInputClosed())
        #expect(!client.text.contains("101"))
        await client.close()

        let next = try await harness.client()
        try await next.send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let answer = await next.wait { $0.hasSuffix("OK") }
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        await next.close()
        await harness.shutdown()
    }

    @Test func aRefusedUpgradeIsAnsweredAndTheConnectionClosed() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send("POST /nope HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("}") }
        #expect(text.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(text.contains("Connection: close\r\n"))
        #expect(await client.waitForInputClosed())
        await harness.shutdown()
    }
}
