import NIOCore
import NIOHTTP1
import NIOPosix

/// The operators' plain-HTTP listener (loopback by default): `GET /metrics` (Prometheus text
/// format), `GET /healthz` (the process is up), `GET /readyz` (the daemon answers and the
/// audit log writes; 503 with the reason otherwise). Nothing else.
public final class MetricsServer: Sendable {
    /// Why the gate is not ready (nil: ready), asked on every `/readyz`.
    public typealias Readiness = @Sendable (EventLoop) -> EventLoopFuture<String?>

    private let channel: Channel

    public var localAddress: SocketAddress? { channel.localAddress }

    public init(
        group: EventLoopGroup, host: String, port: Int, metrics: GateMetrics,
        refresh: @escaping @Sendable () -> Void, readiness: @escaping Readiness
    ) async throws {
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        MetricsHandler(metrics: metrics, refresh: refresh, readiness: readiness))
                }
            }
            .bind(host: host, port: port).get()
    }

    public func close() async {
        try? await channel.close()
    }
}

private final class MetricsHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let metrics: GateMetrics
    let refresh: @Sendable () -> Void
    let readiness: MetricsServer.Readiness
    var head: HTTPRequestHead?

    init(metrics: GateMetrics, refresh: @escaping @Sendable () -> Void, readiness: @escaping MetricsServer.Readiness) {
        self.metrics = metrics
        self.refresh = refresh
        self.readiness = readiness
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        guard head.method == .GET || head.method == .HEAD else {
            send(.methodNotAllowed, "only GET\n", head: head, context: context)
            return
        }
        switch path {
        case "/metrics":
            refresh()
            send(
                .ok, metrics.registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8",
                head: head, context: context)
        case "/healthz":
            send(.ok, "ok\n", head: head, context: context)
        case "/readyz":
            readiness(context.eventLoop).assumeIsolated().whenComplete { result in
                switch result {
                case .success(nil): self.send(.ok, "ready\n", head: head, context: context)
                case .success(let reason?):
                    self.send(.serviceUnavailable, "not ready: \(reason)\n", head: head, context: context)
                case .failure(let error):
                    self.send(.serviceUnavailable, "not ready: \(error)\n", head: head, context: context)
                }
            }
        default:
            send(.notFound, "not found: /metrics, /healthz, /readyz\n", head: head, context: context)
        }
    }

    private func send(
        _ status: HTTPResponseStatus, _ body: String, contentType: String = "text/plain; charset=utf-8",
        head request: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))),
            promise: nil)
        if request.method != .HEAD {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        }
        let keepAlive = request.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
