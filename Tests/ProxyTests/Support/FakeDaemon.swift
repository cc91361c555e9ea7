import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A stand-in Docker daemon on a Unix socket, speaking just enough HTTP to test the proxy:
///
/// - `GET /_ping` → `200 OK` body `OK`;
/// - `POST /echo` → the request body back, with the request's method, URI and headers
///   summarised in `X-Seen-*` headers;
/// - `GET /stream?n=N` → N chunks, one per request to `/tick` (so a test sees each chunk
///   arrive before the response ends);
/// - `GET /big?mb=N` → N MiB of zeros with a Content-Length;
/// - `GET /dies` → a chunked stream whose connection closes after the first chunk;
/// - `POST /sink` → never reads the body (a daemon slower than the upload);
/// - `POST /attach` → `101 UPGRADED` (300 ms late with `slow=1`), then `early\n` at once,
///   echoes every byte back, and on end of input writes `bye\n` and half-closes (as dockerd
///   does);
/// - the inspect endpoints the gate asks for facts, from `FakeDaemon.inspect` (404 for any
///   other name), and `POST /containers/create` answered like `/echo` with `201`.
final class FakeDaemon: Sendable {
    let socketPath: String
    private let channel: Channel
    private let requestsBox: NIOLockedValueBox<[HTTPRequestHead]>
    private let tickBox: NIOLockedValueBox<[EventLoopPromise<Void>]>

    init(group: EventLoopGroup, socketPath: String) async throws {
        self.socketPath = socketPath
        let requests = NIOLockedValueBox<[HTTPRequestHead]>([])
        let tick = NIOLockedValueBox<[EventLoopPromise<Void>]>([])
        self.channel = try await ServerBootstrap(group: group)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let decoder = ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes))
                    let encoder = HTTPResponseEncoder()
                    try channel.pipeline.syncOperations.addHandler(encoder)
                    try channel.pipeline.syncOperations.addHandler(decoder)
                    try channel.pipeline.syncOperations.addHandler(
                        FakeDaemonHandler(requests: requests, tick: tick, encoder: encoder, decoder: decoder))
                }
            }
            .bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: true).get()
        self.requestsBox = requests
        self.tickBox = tick
    }

    var seen: [HTTPRequestHead] { requestsBox.withLockedValue { $0 } }

    /// Inspect answers by path (without the version prefix): images running as root and as
    /// 1000, execs as root and as 1000, and an image whose lookup fails.
    static let inspect: [String: (HTTPResponseStatus, String)] = [
        "/images/local/root:1/json": (.ok, #"{"Id":"sha256:1","Config":{"User":""}}"#),
        "/images/local/user:1/json": (.ok, #"{"Id":"sha256:2","Config":{"User":"1000"}}"#),
        "/images/local/broken:1/json": (.internalServerError, #"{"message":"the image store is on fire"}"#),
        "/exec/e-root/json": (.ok, #"{"ContainerID":"c1","ProcessConfig":{"privileged":false,"user":""}}"#),
        "/exec/e-user/json": (.ok, #"{"ContainerID":"c1","ProcessConfig":{"privileged":false,"user":"1000"}}"#),
    ]

    /// Lets the streaming response send its next chunk.
    func sendNextChunk() {
        let waiting = tickBox.withLockedValue { list -> EventLoopPromise<Void>? in
            list.isEmpty ? nil : list.removeFirst()
        }
        waiting?.succeed(())
    }

    var pendingChunks: Int { tickBox.withLockedValue { $0.count } }

    func close() async {
        try? await channel.close()
    }
}

private final class FakeDaemonHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let requests: NIOLockedValueBox<[HTTPRequestHead]>
    let tick: NIOLockedValueBox<[EventLoopPromise<Void>]>
    let encoder: HTTPResponseEncoder
    let decoder: ByteToMessageHandler<HTTPRequestDecoder>
    var head: HTTPRequestHead?
    var body = ByteBuffer()

    init(
        requests: NIOLockedValueBox<[HTTPRequestHead]>, tick: NIOLockedValueBox<[EventLoopPromise<Void>]>,
        encoder: HTTPResponseEncoder, decoder: ByteToMessageHandler<HTTPRequestDecoder>
    ) {
        self.requests = requests
        self.tick = tick
        self.encoder = encoder
        self.decoder = decoder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
            requests.withLockedValue { $0.append(head) }
            if head.uri == "/sink" {
                // A daemon that takes the upload slowly: it stops reading altogether.
                context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
            }
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        var path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
        // Like dockerd, accept an optional /vX.Y version prefix.
        if path.hasPrefix("/v"), let slash = path.dropFirst().firstIndex(of: "/") { path = String(path[slash...]) }
        switch path {
        case "/_ping":
            send(.ok, body: ByteBuffer(string: "OK"), context: context)
        case "/echo":
            echo(head, status: .ok, context: context)
        case "/containers/create":
            echo(head, status: .created, context: context)
        case _ where FakeDaemon.inspect[path] != nil:
            let (status, document) = FakeDaemon.inspect[path]!
            send(status, body: ByteBuffer(string: document), context: context)
        case "/big":
            let megabytes = Int(head.uri.split(separator: "=").last ?? "1") ?? 1
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "\(megabytes << 20)")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil
            )
            writeZeros(remaining: megabytes << 20, context: context)
        case "/stream":
            let count = Int(head.uri.split(separator: "=").last ?? "3") ?? 3
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok))), promise: nil)
            streamChunk(remaining: count, context: context)
        case "/dies":
            // A stream cut off after its first chunk, as when dockerd is killed mid-answer.
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "partial\n")))))
                .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        case "/attach" where head.uri.contains("slow=1"):
            // The 101 comes late, after whatever the client sends meanwhile.
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(300)) { self.hijack(context: context) }
        case "/attach":
            hijack(context: context)
        default:
            send(.notFound, body: ByteBuffer(string: "{\"message\":\"page not found\"}"), context: context)
        }
    }

    /// The request body back, with what the daemon saw of the request in `X-Seen-*` headers.
    private func echo(_ head: HTTPRequestHead, status: HTTPResponseStatus, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "X-Seen-Method", value: head.method.rawValue)
        headers.add(name: "X-Seen-URI", value: head.uri)
        headers.add(name: "X-Seen-Connection", value: head.headers["connection"].joined(separator: ","))
        headers.add(name: "X-Seen-Transfer-Encoding", value: head.headers["transfer-encoding"].joined(separator: ","))
        headers.add(name: "X-Seen-Content-Length", value: head.headers["content-length"].joined(separator: ","))
        send(status, body: body, headers: headers, context: context)
    }

    private func send(
        _ status: HTTPResponseStatus, body: ByteBuffer, headers: HTTPHeaders = [:], context: ChannelHandlerContext
    ) {
        var headers = headers
        headers.add(name: "Content-Length", value: "\(body.readableBytes)")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if head?.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Writes in 64 KiB pieces, each after the previous one left, so a slow reader holds us back.
    private func writeZeros(remaining: Int, context: ChannelHandlerContext) {
        guard remaining > 0 else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let size = min(remaining, 64 * 1024)
        let piece = ByteBuffer(repeating: 0, count: size)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(piece)))).assumeIsolated().whenSuccess {
            self.writeZeros(remaining: remaining - size, context: context)
        }
    }

    private func streamChunk(remaining: Int, context: ChannelHandlerContext) {
        guard remaining > 0 else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let next = context.eventLoop.makePromise(of: Void.self)
        tick.withLockedValue { $0.append(next) }
        next.futureResult.assumeIsolated().whenSuccess {
            context.writeAndFlush(
                self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "chunk \(remaining)\n")))), promise: nil)
            self.streamChunk(remaining: remaining - 1, context: context)
        }
    }

    private func hijack(context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/vnd.docker.raw-stream")
        headers.add(name: "Connection", value: "Upgrade")
        headers.add(name: "Upgrade", value: "tcp")
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: 101, reasonPhrase: "UPGRADED"), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        let operations = context.pipeline.syncOperations
        _ = operations.removeHandler(encoder)
        _ = operations.removeHandler(context: context)
        try? operations.addHandler(RawEchoHandler())
        _ = operations.removeHandler(decoder)
    }
}

/// After the fake upgrade: `early\n` at once, echo, then `bye\n` and half-close at end of input.
private final class RawEchoHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func handlerAdded(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "early\n")), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.writeAndFlush(data, promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.write(wrapOutboundOut(ByteBuffer(string: "bye\n")), promise: nil)
            context.flush()
            context.close(mode: .output, promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
