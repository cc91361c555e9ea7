import Foundation
import NIOCore
import Testing

/// A request head must arrive within the header timeout once it has started, and a
/// keep-alive connection may idle only so long; neither applies inside an exchange.
@Suite struct RequestTimeoutTests {
    @Test func aTricklingHeadIsAnswered408AndClosedWhileOthersAreServed() async throws {
        let harness = try await ProxyHarness(headerTimeout: .milliseconds(500), idleTimeout: .seconds(30))
        var slow: [RawTLSClient] = []
        // Hundreds of slow clients, as a slowloris attack would open.
        for _ in 0..<200 {
            let client = try await harness.client()
            try await client.send("GET /_ping HTTP/1.1\r\nHost: d\r\n")
            slow.append(client)
        }
        let normal = try await harness.client()
        try await normal.send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        #expect(await normal.wait { $0.hasSuffix("\r\n\r\nOK") }.hasSuffix("\r\n\r\nOK"))
        for client in slow {
            #expect(await client.waitForInputClosed(seconds: 10))
            #expect(client.text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(client.text)")
            #expect(client.text.contains("(rule http.header-timeout)"), "\(client.text)")
        }
        // The normal client's connection is still usable.
        try await normal.send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        #expect(await normal.wait { $0.components(separatedBy: "\r\n\r\nOK").count == 3 }.hasSuffix("OK"))
        for client in slow + [normal] { await client.close() }
        await harness.shutdown()
    }

    @Test func anIdleConnectionIsClosedButAStreamIsNot() async throws {
        // Generous for a loaded machine: each client's first request must beat the idle timer,
        // which starts at the handshake (with the whole suite running on two cores, a test's
        // task once waited more than 6 s to send it).
        let harness = try await ProxyHarness(headerTimeout: .seconds(2), idleTimeout: .seconds(15))
        let idle = try await harness.client()
        try await idle.send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let answered = await idle.wait { $0.hasSuffix("OK") }
        #expect(answered.hasSuffix("OK"), "\(answered) (input closed: \(idle.inputClosed))")
        #expect(await idle.waitForInputClosed(seconds: 40))

        // A streamed response longer than both timeouts keeps flowing.
        let streaming = try await harness.client()
        try await streaming.send("GET /stream?n=2 HTTP/1.1\r\nHost: d\r\n\r\n")
        _ = await streaming.wait { $0.contains("\r\n\r\n") }
        try await Task.sleep(for: .seconds(16))
        harness.daemon?.sendNextChunk()
        _ = await streaming.wait { $0.contains("chunk 2\n") }
        try await Task.sleep(for: .seconds(3))
        harness.daemon?.sendNextChunk()
        let text = await streaming.wait { $0.hasSuffix("0\r\n\r\n") }
        #expect(text.contains("chunk 2\n") && text.contains("chunk 1\n"), "\(text)")
        #expect(!streaming.inputClosed)
        await streaming.close()
        await harness.shutdown()
    }
}
