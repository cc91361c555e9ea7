import Logging
import MutualTLS
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The listening side of dockgate: one TCP listener per `-H` address; each connection is
/// mutual TLS, then HTTP/1.1, then the proxy that asks the gate and relays to the daemon.
///
/// `start()` binds every address or none (a partial start is torn down); `close()` stops
/// accepting. The event loop group belongs to the caller.
///
/// When the TLS context is replaced (a reload), every open client connection verifies its
/// client again against the new CA bundle and CRLs (`PeerRecheckEvent`); those no longer
/// accepted are closed.
public final class GateServer: Sendable {
    private let group: EventLoopGroup
    private let tls: ReloadableTLSContext
    private let gate: RequestGate
    private let pool: UpstreamPool
    private let logger: Logger
    private let listeners: ListeningChannels
    private let timeouts: RequestTimeoutHandler.Timeouts
    private let maximumHeaderBytes: Int
    private let limits: ConnectionLimits
    private let trail: AuditTrail?
    public let metrics: GateMetrics
    /// Open client connections, for the shutdown drain and the re-check after a reload.
    private let clients = NIOLockedValueBox<[ObjectIdentifier: Channel]>([:])

    /// - Parameters:
    ///   - headerTimeout: from a request's first byte to its complete head (slowloris).
    ///   - idleTimeout: between requests on a keep-alive connection.
    ///   - maximumHeaderBytes: the request line and headers together (and any one of them);
    ///     a longer head is answered 431.
    public init(
        group: EventLoopGroup, tls: ReloadableTLSContext, upstream: UpstreamAddress,
        gate: RequestGate = PolicyGate(), headerTimeout: TimeAmount = .seconds(10),
        idleTimeout: TimeAmount = .seconds(120), maximumHeaderBytes: Int = GateServer.defaultMaximumHeaderBytes,
        limits: ConnectionLimits = ConnectionLimits(), audit: AuditTrail? = nil, metrics: GateMetrics = GateMetrics(),
        logger: Logger
    ) {
        self.maximumHeaderBytes = maximumHeaderBytes
        self.metrics = metrics
        self.trail = audit
        self.limits = limits
        self.timeouts = RequestTimeoutHandler.Timeouts(header: headerTimeout, idle: idleTimeout)
        self.group = group
        self.tls = tls
        self.gate = gate
        self.pool = UpstreamPool(address: upstream)
        self.logger = logger
        self.listeners = ListeningChannels()
        let clients = self.clients
        tls.whenReplaced { context in
            let open = clients.withLockedValue { Array($0.values) }
            logger.info(
                "checking the clients of \(open.count) open connections against the reloaded CA bundle and CRLs")
            for channel in open {
                channel.pipeline.fireUserInboundEventTriggered(PeerRecheckEvent(context: context))
            }
        }
    }

    /// Binds every address and returns the bound addresses (useful with port 0).
    public func start(addresses: [ListenAddress]) async throws -> [SocketAddress] {
        var bound: [Channel] = []
        do {
            for address in addresses {
                let channel = try await bootstrap().bind(host: address.host, port: address.port).get()
                bound.append(channel)
            }
        } catch {
            for channel in bound { try? await channel.close() }
            throw error
        }
        listeners.set(bound)
        return bound.compactMap(\.localAddress)
    }

    /// Asks every client connection to finish (idle ones close now, the others after their
    /// exchange) and waits until all have closed or `grace` has passed; then closes what is
    /// left (streams, hijacked sessions) and waits for those closes, so every audit record is
    /// written before this returns. Returns how many had to be closed.
    public func drain(grace: Duration) async -> Int {
        for channel in clients.withLockedValue({ Array($0.values) }) {
            channel.pipeline.fireUserInboundEventTriggered(DrainEvent())
        }
        let deadline = ContinuousClock.now + grace
        while limits.activeConnections > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let left = clients.withLockedValue { Array($0.values) }
        for channel in left {
            channel.close(promise: nil)
            try? await channel.closeFuture.get()
        }
        return left.count
    }

    /// Client connections open now.
    public var activeConnections: Int { limits.activeConnections }

    /// Whether the daemon answers `GET /_ping`; nil when it does, else why not.
    public func daemonProblem(on eventLoop: EventLoop) -> EventLoopFuture<String?> {
        let address = pool.address
        return PooledDaemonLookup(pool: pool, eventLoop: eventLoop).get("/_ping").map { answer -> String? in
            answer.status == .ok ? nil : "the Docker daemon answered \(answer.status.code) to /_ping"
        }.recover { error in "cannot reach the Docker daemon at \(address): \(DaemonErrorText.describe(error))" }
    }

    /// Stops accepting new connections.
    public func close() async {
        for channel in listeners.take() { try? await channel.close() }
        pool.closeIdle()
    }

    private func bootstrap() -> ServerBootstrap {
        let tls = self.tls
        let logger = self.logger
        let gate = self.gate
        let pool = self.pool
        let timeouts = self.timeouts
        let maximumHeaderBytes = self.maximumHeaderBytes
        let limits = self.limits
        let trail = self.trail
        let metrics = self.metrics
        let clients = self.clients
        return ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                // Checked first, before any TLS work: an address with too many handshakes in
                // progress gets no more connections (a failed initializer makes NIO close it).
                let source = channel.remoteAddress?.ipAddress ?? "unknown address"
                guard limits.admitHandshake(from: source) else {
                    logger.warning(
                        "closed a new connection before its TLS handshake: \(limits.maximumHandshakesPerAddress) handshakes from its address are already in progress (--max-handshakes-per-address)",
                        metadata: ["peer": "\(channel.remoteAddress.map { "\($0)" } ?? "?")"])
                    metrics.handshake("refused", reason: "tooManyHandshakesFromAddress")
                    return channel.eventLoop.makeFailedFuture(HandshakeLimitReached(address: source))
                }
                let key = ObjectIdentifier(channel)
                clients.withLockedValue { $0[key] = channel }
                channel.closeFuture.whenComplete { _ in _ = clients.withLockedValue { $0.removeValue(forKey: key) } }
                var overLimit: GateRefusal?
                if limits.admitConnection() {
                    channel.closeFuture.whenComplete { _ in limits.connectionClosed() }
                } else {
                    overLimit = GateRefusal(
                        status: .serviceUnavailable,
                        message:
                            "dockgate: the gate holds its maximum of \(limits.maximumConnections) connections; retry shortly (rule limits.connections)",
                        rule: "limits.connections")
                }
                return channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    // The slot handler goes in first (the TLS handler is put before it), so the
                    // handshake slot is given back even if making the TLS handler fails.
                    try operations.addHandler(HandshakeSlotHandler(limits: limits, address: source))
                    try operations.addHandler(TLSHandler(context: tls.current, logger: logger), position: .first)
                    // Built by hand rather than with configureHTTPServerPipeline: the decoder must
                    // keep bytes that follow an Upgrade request, and the proxy frames responses itself.
                    let handlers = HTTPServerHandlers(
                        timeouts: RequestTimeoutHandler(timeouts: timeouts),
                        endOfInputHold: EndOfInputHold(),
                        encoder: HTTPResponseEncoder(configuration: .noFramingHeaders),
                        decoder: ByteToMessageHandler(
                            HTTPRequestDecoder(
                                leftOverBytesStrategy: .forwardBytes, informationalResponseStrategy: .drop,
                                limitConfiguration: .headLimit(maximumHeaderBytes))),
                        pipelining: HTTPServerPipelineHandler(),
                        errors: MalformedRequestHandler(maximumHeaderBytes: maximumHeaderBytes))
                    try operations.addHandler(handlers.timeouts)
                    try operations.addHandler(handlers.endOfInputHold)
                    try operations.addHandler(handlers.encoder)
                    try operations.addHandler(handlers.decoder)
                    try operations.addHandler(handlers.pipelining)
                    try operations.addHandler(handlers.errors)
                    try operations.addHandler(
                        ProxyHandler(
                            gate: gate, pool: pool, serverHandlers: handlers, limits: limits, overLimit: overLimit,
                            trail: trail, metrics: metrics, logger: logger))
                }
            }
    }
}

extension GateServer {
    /// 64 KiB: well above what the docker CLI sends (its largest header, `X-Registry-Config`,
    /// carries every registry login), and a bound on what a slow client makes the gate hold.
    public static let defaultMaximumHeaderBytes = 64 * 1024
}

extension NIOHTTPDecoderLimitConfiguration {
    /// The request line and all headers together at most `bytes`, and so each of them.
    static func headLimit(_ bytes: Int) -> Self {
        var configuration = Self()
        configuration.maxHeaderFieldSize = bytes
        configuration.maxHeaderListSize = bytes
        return configuration
    }
}

/// dockgate is shutting down: a connection closes once its exchange in flight is answered.
struct DrainEvent: Sendable {}

/// Why a new connection was closed at accept: its address has the most handshakes allowed in
/// progress already. Fails the child channel initializer, which makes NIO close the socket.
struct HandshakeLimitReached: Error {
    let address: String
}

extension HTTPResponseEncoder.Configuration {
    static var noFramingHeaders: Self {
        var configuration = Self()
        configuration.automaticallySetFramingHeaders = false
        return configuration
    }
}
