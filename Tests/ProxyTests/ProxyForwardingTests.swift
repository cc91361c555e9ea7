import Foundation
import NIOCore
import Testing

/// The proxy between a TLS client and a daemon on a Unix socket: requests are re-serialised,
/// bodies and streams flow both ways, errors come back in the daemon's format.
@Suite struct ProxyForwardingTests {
    @Test func forwardsARequestWithItsBodyAndStripsHopByHopHeaders() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send(
            "POST /v1.41/echo?x=1 HTTP/1.1\r\nHost: docker\r\nConnection: keep-alive, X-Private\r\nX-Private: 1\r\nContent-Length: 5\r\n\r\nhello"
        )
        let text = await client.wait { $0.hasSuffix("hello") }
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("X-Seen-URI: /v1.41/echo?x=1\r\n"))
        #expect(text.contains("X-Seen-Connection: \r\n"))
        #expect(text.contains("X-Seen-Content-Length: 5\r\n"))
        #expect(harness.daemon?.seen.first?.headers["x-private"] == [])
        await client.close()
        await harness.shutdown()
    }

    @Test func chunkedRequestBodiesAreDechunkedAndReframed() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send(
            "POST /echo HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("abcde") }
        #expect(text.contains("Content-Length: 5\r\n"))
        #expect(text.hasSuffix("\r\n\r\nabcde"))
        await client.close()
        await harness.shutdown()
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send(
            "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\nPOST /echo HTTP/1.1\r\nHost: d\r\nContent-Length: 6\r\n\r\nsecondGET /_ping HTTP/1.1\r\nHost: d\r\n\r\n"
        )
        let text = await client.wait { $0.components(separatedBy: "HTTP/1.1 200 OK").count == 4 }
        let pieces = text.components(separatedBy: "HTTP/1.1 200 OK").dropFirst()
        #expect(pieces.count == 3)
        #expect(pieces.first?.hasSuffix("OK") == true)
        #expect(pieces.dropFirst().first?.hasSuffix("second") == true)
        #expect(harness.daemon?.seen.map(\.uri) == ["/_ping", "/echo", "/_ping"])
        await client.close()
        await harness.shutdown()
    }

    @Test func headResponsesCarryNoBody() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send("HEAD /_ping HTTP/1.1\r\nHost: d\r\n\r\nGET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("\r\n\r\nOK") }
        let responses = text.components(separatedBy: "HTTP/1.1 200 OK").dropFirst()
        #expect(responses.count == 2, "\(text)")
        // The HEAD answer is a head and nothing else: no body, no chunk terminator. (Not
        // `!text.contains("0\r\n\r\n")`: a request id ending in 0 is the last header.)
        let head = responses.first ?? ""
        #expect(head.hasSuffix("\r\n\r\n") && head.components(separatedBy: "\r\n\r\n").count == 2, "\(text)")
        await client.close()
        await harness.shutdown()
    }

    @Test func streamedResponsesArriveChunkByChunk() async throws {
        let harness = try await ProxyHarness()
        let daemon = try #require(harness.daemon)
        let client = try await harness.client()
        try await client.send("GET /stream?n=3 HTTP/1.1\r\nHost: d\r\n\r\n")
        for expected in ["chunk 3\n", "chunk 2\n"] {
            // Wait for the daemon to be ready to send, release one chunk, see it arrive.
            let deadline = Date().addingTimeInterval(10)
            while daemon.pendingChunks == 0 && Date() < deadline { try await Task.sleep(nanoseconds: 5_000_000) }
            daemon.sendNextChunk()
            let text = await client.wait { $0.contains(expected) }
            #expect(text.contains(expected), "did not see \(expected) before the stream ended")
            #expect(!text.hasSuffix("0\r\n\r\n"))
        }
        daemon.sendNextChunk()
        let text = await client.wait { $0.hasSuffix("0\r\n\r\n") }
        #expect(text.contains("chunk 1\n"))
        #expect(text.contains("Transfer-Encoding: chunked\r\n"))
        await client.close()
        await harness.shutdown()
    }

    /// HTTP/1.0 has no chunked framing: a stream to such a client ends with the connection.
    @Test func aStreamToAnHTTP10ClientEndsByClosing() async throws {
        let harness = try await ProxyHarness()
        let daemon = try #require(harness.daemon)
        let client = try await harness.client()
        try await client.send("GET /stream?n=1 HTTP/1.0\r\nHost: d\r\n\r\n")
        let deadline = Date().addingTimeInterval(10)
        while daemon.pendingChunks == 0 && Date() < deadline { try await Task.sleep(nanoseconds: 5_000_000) }
        daemon.sendNextChunk()
        #expect(await client.waitForInputClosed())
        #expect(client.text.hasSuffix("\r\n\r\nchunk 1\n"), "\(client.text)")
        #expect(!client.text.contains("Transfer-Encoding"))
        #expect(client.text.contains("Connection: close\r\n"))
        await client.close()
        await harness.shutdown()
    }

    @Test func unknownPathsGetTheDaemonsOwnAnswer() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send("GET /nope HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("}") }
        #expect(text.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        await client.close()
        await harness.shutdown()
    }

    /// An upload to a daemon that does not read it: dockgate stops reading the client too, so
    /// what the client gets rid of is bounded by socket buffers, not by dockgate's memory.
    @Test func anUploadWaitsForASlowDaemon() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        let total = 256 << 20
        try await client.send("POST /sink HTTP/1.1\r\nHost: d\r\nContent-Length: \(total)\r\n\r\n")
        let accepted = SentBytes()
        let piece = ByteBuffer(repeating: 0x61, count: 1 << 20)
        let upload = Task {
            for _ in 0..<(total >> 20) {
                try await client.send(piece)
                accepted.add(piece.readableBytes)
            }
        }
        try await Task.sleep(for: .seconds(3))
        let stalled = accepted.count
        #expect(stalled < 48 << 20, "the client got \(stalled >> 20) MiB past a daemon that reads nothing")
        upload.cancel()
        await client.close()
        _ = await upload.result
        await harness.shutdown()
    }

    /// A response the daemon cuts off must not look complete: no chunked terminator, the
    /// client's connection closed.
    @Test func aDaemonDyingMidResponseCutsTheClientOff() async throws {
        let harness = try await ProxyHarness()
        let client = try await harness.client()
        try await client.send("GET /dies HTTP/1.1\r\nHost: d\r\n\r\n")
        #expect(await client.waitForInputClosed())
        #expect(client.text.contains("partial\n"), "\(client.text)")
        #expect(!client.text.hasSuffix("0\r\n\r\n"), "\(client.text)")
        await client.close()
        await harness.shutdown()
    }

    /// No socket file at all, or one nobody listens on (a daemon that died without cleaning
    /// up): a 502 in the daemon's error format, and the daemon's return is noticed.
    @Test(arguments: [(staleSocketFile: false, reason: "No such file or directory"), (true, "Connection refused")])
    func daemonDownIsA502TheDockerCLIPrints(staleSocketFile: Bool, reason: String) async throws {
        let harness = try await ProxyHarness(withDaemon: false)
        if staleSocketFile { try StaleSocketFile.make(at: harness.socketPath) }
        let client = try await harness.client()
        try await client.send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("}\n") }
        #expect(text.hasPrefix("HTTP/1.1 502 Bad Gateway\r\n"))
        #expect(text.contains("Content-Type: application/json\r\n"))
        #expect(
            text.contains(
                "{\"message\":\"dockgate: cannot reach the Docker daemon at unix://\(harness.socketPath): \(reason)"),
            "\(text)")
        // The connection stays usable, and recovers once the daemon is back.
        let daemon = try await FakeDaemon(group: harness.group, socketPath: harness.socketPath)
        try await client.send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let after = await client.wait { $0.hasSuffix("\r\n\r\nOK") }
        #expect(after.hasSuffix("\r\n\r\nOK"))
        await daemon.close()
        await client.close()
        await harness.shutdown()
    }
}

/// A Unix socket bound and closed without unlinking: connecting to it is refused.
enum StaleSocketFile {
    static func make(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8.prefix(raw.count - 1)) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
    }
}

/// Bytes a sending task got rid of, read from another task.
final class SentBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    func add(_ count: Int) { lock.withLock { total += count } }
    var count: Int { lock.withLock { total } }
}
