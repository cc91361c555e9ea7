import NIOCore
import NIOHTTP1

/// Questions the gate asks the daemon before it decides (an image's user, what
/// `container:X` joins, an exec's record), on a connection of its own, never the client's.
public protocol DaemonLookup: Sendable {
    /// The loop the answers complete on (the client connection's).
    var eventLoop: EventLoop { get }
    /// `GET path` on the daemon; fails when the daemon cannot be asked or its answer is cut off.
    func get(_ path: String) -> EventLoopFuture<DaemonAnswer>
}

/// A complete daemon response.
public struct DaemonAnswer: Sendable {
    public let status: HTTPResponseStatus
    public let body: ByteBuffer

    public init(status: HTTPResponseStatus, body: ByteBuffer) {
        self.status = status
        self.body = body
    }
}

/// Why a lookup produced no answer.
public struct DaemonLookupError: Error, CustomStringConvertible {
    public let description: String
}

/// `DaemonLookup` over the upstream pool: one leased keep-alive connection per question,
/// released when the answer ended cleanly.
struct PooledDaemonLookup: DaemonLookup {
    let pool: UpstreamPool
    let eventLoop: EventLoop
    /// Inspect answers are a few KiB; anything near this is not an answer we understand.
    static let maximumAnswerBytes = 4 << 20
    static let timeout: TimeAmount = .seconds(30)

    func get(_ path: String) -> EventLoopFuture<DaemonAnswer> {
        let pool = self.pool
        return pool.lease(on: eventLoop).flatMap { channel in
            let promise = channel.eventLoop.makePromise(of: DaemonAnswer.self)
            do {
                let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
                let query = DaemonQuery(channel: channel, pool: pool, promise: promise)
                handler.delegate = query
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: "docker")
                headers.add(name: "User-Agent", value: "dockgate")
                channel.write(
                    HTTPClientRequestPart.head(
                        HTTPRequestHead(
                            version: .http1_1, method: .GET, uri: path, headers: headers)), promise: nil)
                channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
                let timeout = channel.eventLoop.assumeIsolated().scheduleTask(in: Self.timeout) {
                    query.fail(DaemonLookupError(description: "the daemon did not answer GET \(path) in time"))
                }
                // The query lives until its answer: the handler only holds it weakly.
                promise.futureResult.assumeIsolated().whenComplete { _ in
                    timeout.cancel()
                    handler.delegate = nil
                    _ = query
                }
            } catch {
                channel.close(promise: nil)
                promise.fail(error)
            }
            return promise.futureResult
        }
    }
}

/// Collects one response on a leased daemon connection.
private final class DaemonQuery: UpstreamDelegate {
    let channel: Channel
    let pool: UpstreamPool
    let promise: EventLoopPromise<DaemonAnswer>
    var head: HTTPResponseHead?
    var body: ByteBuffer
    var done = false

    init(channel: Channel, pool: UpstreamPool, promise: EventLoopPromise<DaemonAnswer>) {
        self.channel = channel
        self.pool = pool
        self.promise = promise
        self.body = channel.allocator.buffer(capacity: 4096)
    }

    func upstreamReceived(_ part: HTTPClientResponsePart) {
        guard !done else { return }
        switch part {
        case .head(let head):
            self.head = head
        case .body(var buffer):
            guard body.readableBytes + buffer.readableBytes <= PooledDaemonLookup.maximumAnswerBytes else {
                fail(DaemonLookupError(description: "the daemon's answer is larger than dockgate reads"))
                return
            }
            body.writeBuffer(&buffer)
        case .end:
            guard let head else {
                fail(DaemonLookupError(description: "the daemon sent no response head"))
                return
            }
            done = true
            if head.isKeepAlive { pool.release(channel) } else { channel.close(promise: nil) }
            promise.succeed(DaemonAnswer(status: head.status, body: body))
        }
    }

    func upstreamReadComplete() {}

    func upstreamWritabilityChanged(isWritable: Bool) {}

    func upstreamClosed(error: Error?) {
        fail(error ?? DaemonErrorText.closedBeforeAnswering)
    }

    func fail(_ error: Error) {
        guard !done else { return }
        done = true
        channel.close(promise: nil)
        promise.fail(error)
    }
}
