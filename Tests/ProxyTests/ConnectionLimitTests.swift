import Foundation
import NIOCore
import Proxy
import Testing

/// Connections over the overall or per-client limit get a readable refusal and close; a
/// place frees up when a connection closes. Connections still handshaking are limited per
/// source address, and the excess is closed at accept.
@Suite struct ConnectionLimitTests {
    /// One step against `ConnectionLimits(maximumHandshakesPerAddress: 2)`: admit or end a
    /// handshake from an address, and whether an admission is granted.
    enum Step: Sendable, CustomStringConvertible {
        case admit(String, granted: Bool)
        case end(String)

        var description: String {
            switch self {
            case .admit(let address, let granted): "admit \(address) → \(granted)"
            case .end(let address): "end \(address)"
            }
        }
    }

    static let handshakeSequences: [(name: String, steps: [Step])] = [
        (
            "a third from one address waits",
            [.admit("a", granted: true), .admit("a", granted: true), .admit("a", granted: false)]
        ),
        (
            "other addresses are not affected",
            [
                .admit("a", granted: true), .admit("a", granted: true), .admit("b", granted: true),
                .admit("b", granted: true),
            ]
        ),
        (
            "an ended handshake frees its place",
            [
                .admit("a", granted: true), .admit("a", granted: true), .end("a"), .admit("a", granted: true),
                .admit("a", granted: false),
            ]
        ),
        (
            "a refused admission takes no place",
            [
                .admit("a", granted: true), .admit("a", granted: true), .admit("a", granted: false), .end("a"),
                .admit("a", granted: true),
            ]
        ),
    ]

    @Test(arguments: handshakeSequences)
    func handshakesPerAddress(name: String, steps: [Step]) {
        let limits = ConnectionLimits(maximumHandshakesPerAddress: 2)
        for step in steps {
            switch step {
            case .admit(let address, let granted):
                #expect(limits.admitHandshake(from: address) == granted, "\(name): \(step)")
            case .end(let address):
                limits.handshakeEnded(from: address)
            }
        }
    }

    /// Silent sockets (a TCP connect, then nothing) hold their address's handshake places;
    /// one more from that address is closed at once instead of waiting out the handshake
    /// timeout, and a place is free again when one of the handshakes ends.
    @Test func silentSocketsCannotPileUpFromOneAddress() async throws {
        // Handshakes time out only after two minutes, so the silent sockets stay in theirs for
        // the whole test however slow a loaded machine is. No daemon: the limit is what counts.
        let gate = try await ProxyHarness(
            withDaemon: false, limits: ConnectionLimits(maximumHandshakesPerAddress: 2),
            handshakeTimeout: .seconds(120))
        let silent = [try await gate.silentSocket(), try await gate.silentSocket()]

        let excess = try await gate.silentSocket()
        #expect(await excess.closes(within: .seconds(10)), "the excess connection was kept open")
        let refusedClient = try await gate.client()
        // Fails once the gate has closed the connection, which may come first.
        try? await refusedClient.send(Self.ping)
        #expect(await refusedClient.waitForInputClosed(seconds: 10))
        #expect(refusedClient.text.isEmpty, "\(refusedClient.text)")

        // Garbage instead of a ClientHello is refused at once, which frees that place. (Not a
        // close: a child process another test spawns meanwhile may inherit this socket and keep
        // it open.) The gate gets to it in its own time; a refused attempt holds no place.
        try await silent[0].writeAndFlush(ByteBuffer(bytes: Array(repeating: 0xAB, count: 64)))
        var admitted = false
        for _ in 0..<50 where !admitted {
            let client = try await gate.client()
            try? await client.send(Self.ping)
            // No daemon runs: an admitted request is answered 502 by the gate itself.
            let answer = await client.wait(seconds: 10) { [client] in $0.contains("\r\n\r\n") || client.inputClosed }
            admitted = answer.hasPrefix("HTTP/1.1 502")
            await client.close()
            if !admitted { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(admitted, "no connection was admitted after a handshake ended")
        for socket in silent { try? await socket.close() }
        await gate.shutdown()
    }

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

extension Channel {
    /// Whether the other side closes this connection within `timeout`.
    func closes(within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !isActive { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !isActive
    }
}
