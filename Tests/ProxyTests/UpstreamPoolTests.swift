import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@testable import Proxy

/// Daemon connections go back to the pool able to serve the next lease.
@Suite struct UpstreamPoolTests {
    /// A client that stopped reading (a slow `docker save`) pauses its daemon connection; the
    /// answer's end can arrive in the read that paused it. The next lease of that connection
    /// must still read its answer.
    @Test func aConnectionPausedForASlowClientAnswersItsNextLease() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let directory = NSTemporaryDirectory() + "dg-pool-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let daemon = try await FakeDaemon(group: group, socketPath: directory + "/docker.sock")
        let pool = UpstreamPool(address: UpstreamAddress(socketPath: daemon.socketPath))
        let loop = group.next()

        let channel = try await pool.lease(on: loop).get()
        let slowClient = try await loop.submit {
            let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
            let client = ResponseWaiter(ended: loop.makePromise())
            handler.delegate = client
            handler.pauseReads()
            channel.write(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/_ping")))
                .whenFailure { client.ended.fail($0) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            return client
        }.get()
        try await slowClient.ended.futureResult.get()
        try await loop.submit { pool.release(channel) }.get()

        let answer = try await PooledDaemonLookup(pool: pool, eventLoop: loop).get("/_ping").get()
        #expect(answer.status == .ok)
        #expect(daemon.seen.count == 2)

        pool.closeIdle()
        await daemon.close()
        try await group.shutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Reads one response on a leased connection.
private final class ResponseWaiter: UpstreamDelegate, @unchecked Sendable {
    let ended: EventLoopPromise<Void>

    init(ended: EventLoopPromise<Void>) {
        self.ended = ended
    }

    func upstreamReceived(_ part: HTTPClientResponsePart) {
        if case .end = part { ended.succeed(()) }
    }

    func upstreamReadComplete() {}

    func upstreamWritabilityChanged(isWritable: Bool) {}

    func upstreamClosed(error: Error?) {
        ended.fail(error ?? DaemonErrorText.closedBeforeAnswering)
    }
}
