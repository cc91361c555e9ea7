import Logging
import MutualTLS
import NIOCore
import NIOHTTP1

/// The per-connection proxy: takes each request the HTTP codec decodes, asks the gate, and
/// relays allowed ones to a leased daemon connection, streaming bodies both ways with
/// backpressure. A daemon `101` turns the connection into a byte-for-byte glue.
///
/// `HTTPServerPipelineHandler` sits below and serialises pipelined requests, so at most one
/// exchange is in flight. Lives on its channel's event loop; the daemon connection it leases
/// lives on the same loop.
final class ProxyHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// One request and its response.
    final class Exchange {
        let forwardedHead: HTTPRequestHead
        let clientKeepAlive: Bool
        /// HTTP/1.0 clients cannot read chunked bodies.
        let clientVersion: HTTPVersion
        /// The response's body ends when the connection closes (no length, no chunking).
        var responseEndsByClose = false
        /// The client asked to switch protocols (attach, exec start).
        let isUpgrade: Bool
        /// Request parts received while the daemon connection was being made.
        var held: [HTTPClientRequestPart] = []
        var requestEnded = false
        var responseHeadSent = false
        /// A `101` from the daemon; the switch happens at its `.end`, when the decoder has stopped.
        var upgradeHead: HTTPResponseHead?
        /// The daemon's answer allows reusing its connection.
        var upstreamKeepAlive = true

        init(forwardedHead: HTTPRequestHead, clientHead: HTTPRequestHead, isUpgrade: Bool) {
            self.forwardedHead = forwardedHead
            self.clientKeepAlive = clientHead.isKeepAlive
            self.clientVersion = clientHead.version
            self.isUpgrade = isUpgrade
        }
    }

    struct Upstream {
        let channel: Channel
        let handler: UpstreamHandler
    }

    enum State {
        /// Between requests.
        case idle
        /// Reading a body the gate inspects, before it decides.
        case inspecting(PendingRequest)
        /// The gate is deciding (looking facts up from the daemon); client reads paused, body
        /// parts that are not inspected held.
        case deciding(PendingRequest)
        /// Waiting for a daemon connection; request parts are held, client reads paused.
        case connecting(Exchange)
        /// Relaying between the client and `Upstream`.
        case forwarding(Exchange, Upstream)
        /// We answered ourselves (denied, daemon unreachable); the request's body is discarded.
        case answering(closeAfterRequest: Bool)
        /// Handed over to `GlueHandler`s.
        case hijacked
        case closed
    }

    var state: State = .idle {
        didSet {
            // Between requests the idle timer runs again (only after an exchange: the
            // handler's own bookkeeping ignores every other call).
            if case .idle = state { serverHandlers.timeouts.requestFinished() }
        }
    }
    var identity: PeerIdentity?
    var context: ChannelHandlerContext?
    var readPending = false
    /// The client half-closed (TLS close_notify or FIN) outside a hijack.
    var clientInputClosed = false
    /// The request in flight carries `Expect: 100-continue` and its client has not been told
    /// to go on: it may hold its body back until then.
    var clientAwaitsContinue = false
    let gate: RequestGate
    let pool: UpstreamPool
    let logger: Logger
    let serverHandlers: HTTPServerHandlers
    let limits: ConnectionLimits
    /// Set when this connection is over a connection limit: every request gets it, then the
    /// connection closes.
    var overLimit: GateRefusal?
    /// The client this connection counts against, once the handshake named it.
    var countedClient: String?
    let trail: AuditTrail?
    let metrics: GateMetrics?
    /// The audit record of the request in flight.
    var currentAudit: RequestAudit?

    init(
        gate: RequestGate, pool: UpstreamPool, serverHandlers: HTTPServerHandlers, limits: ConnectionLimits,
        overLimit: GateRefusal?, trail: AuditTrail?, metrics: GateMetrics? = nil, logger: Logger
    ) {
        self.trail = trail
        self.metrics = metrics
        self.gate = gate
        self.pool = pool
        self.serverHandlers = serverHandlers
        self.limits = limits
        self.overLimit = overLimit
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Gives back this connection's place under the per-client limit (once).
    func releaseClientCount() {
        if let client = countedClient {
            countedClient = nil
            limits.clientClosed(client)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case TLSUserEvent.handshakeCompleted(let summary):
            identity = summary.peer
            metrics?.handshake("ok", reason: summary.resumed ? "resumed" : "full")
            if overLimit == nil {
                if limits.admitClient(summary.peer.sha256Fingerprint) {
                    countedClient = summary.peer.sha256Fingerprint
                } else {
                    overLimit = GateRefusal(
                        status: .tooManyRequests,
                        message:
                            "dockgate: this client certificate already has \(limits.maximumPerClient) connections open; close some and retry (rule limits.connections-per-client)",
                        rule: "limits.connections-per-client")
                }
            }
        case TLSUserEvent.handshakeRefused(let refusal):
            metrics?.handshake("refused", reason: refusal.kind)
            auditRefusedHandshake(refusal, context: context)
        case let refused as ProtocolRefusal:
            // Answered below (the parser's limits, the header timeout); audited and counted here,
            // as the request in flight when there is one.
            if currentAudit == nil { beginAudit(nil, context: context) }
            refused.requestID = currentAudit?.record.id
            finishAudit(.deny, status: Int(refused.refusal.status.code), refusal: refused.refusal)
        case is DrainEvent:
            // Shutting down: no further requests on this connection.
            clientInputClosed = true
            if case .idle = state { closeEverything(context: context) }
        case ChannelEvent.inputClosed:
            // The client will send no more requests: finish the exchange in flight, then close.
            clientInputClosed = true
            if case .idle = state { closeEverything(context: context) }
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Requests from the client

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            receivedHead(head, context: context)
        case .body(let buffer):
            currentAudit?.bytesIn += buffer.readableBytes
            forwardRequestPart(.body(.byteBuffer(buffer)))
        case .end(let trailers):
            clientAwaitsContinue = false
            forwardRequestPart(.end(trailers))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if case .forwarding(_, let upstream) = state { upstream.channel.flush() }
        context.fireChannelReadComplete()
    }

    private func receivedHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        serverHandlers.timeouts.requestStarted()
        clientAwaitsContinue = ExpectContinue.isExpected(by: head)
        beginAudit(head, context: context)
        guard case .idle = state else {
            // The pipelining handler delivers one request at a time; anything else is a bug
            // we refuse to paper over.
            closeEverything(context: context)
            return
        }
        guard let identity else {
            answer(
                DaemonErrorResponse(
                    status: .forbidden, message: "dockgate: no verified client certificate (rule tls.no-certificate)",
                    rule: "tls.no-certificate"),
                to: head.method, context: context, keepAlive: false)
            return
        }
        if let refusal = overLimit ?? trail?.closedRefusal {
            answer(DaemonErrorResponse(refusal), to: head.method, context: context, keepAlive: false)
            return
        }
        admit(head, identity: identity, context: context)
    }

    private func forwardRequestPart(_ part: HTTPClientRequestPart) {
        let isEnd: Bool
        if case .end = part { isEnd = true } else { isEnd = false }
        switch state {
        case .inspecting(let request):
            guard let context else { return }
            receivedInspectedPart(part, of: request, context: context)
        case .deciding(let request):
            request.held.append(part)
            request.requestEnded = isEnd
        case .connecting(let exchange):
            exchange.held.append(part)
            exchange.requestEnded = isEnd
        case .forwarding(let exchange, let upstream):
            exchange.requestEnded = isEnd
            upstream.channel.write(part, promise: nil)
            if isEnd { upstream.channel.flush() }
        case .answering(let closeAfterRequest):
            if isEnd {
                if closeAfterRequest, let context {
                    closeEverything(context: context)
                } else {
                    state = .idle
                }
            }
        case .idle, .hijacked, .closed:
            break
        }
    }

    // MARK: Read gating (backpressure towards the client)

    func read(context: ChannelHandlerContext) {
        if shouldHoldClientReads {
            readPending = true
        } else {
            context.read()
        }
    }

    private var shouldHoldClientReads: Bool {
        switch state {
        case .connecting, .deciding: return true
        case .forwarding(_, let upstream): return !upstream.channel.isWritable
        case .idle, .inspecting, .answering, .hijacked, .closed: return false
        }
    }

    func resumeClientReadsIfPossible() {
        guard readPending, !shouldHoldClientReads, let context else { return }
        readPending = false
        context.read()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if case .forwarding(_, let upstream) = state {
            if context.channel.isWritable { upstream.handler.resumeReads() } else { upstream.handler.pauseReads() }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .forwarding(_, let upstream):
            upstream.handler.delegate = nil
            upstream.channel.close(promise: nil)
        case .idle, .inspecting, .deciding, .connecting, .answering, .hijacked, .closed:
            break
        }
        state = .closed
        releaseClientCount()
        if currentAudit != nil {
            finishAudit(.error, status: currentAudit?.status, note: "the connection closed before the exchange ended")
        }
        context.fireChannelInactive()
    }

    // MARK: Answering ourselves

    /// Writes a complete JSON error response (head only for `HEAD`, as the framing headers
    /// describe). The rest of the request body (unless it already ended) is discarded; with
    /// `keepAlive` the connection then serves the next request.
    func answer(
        _ response: DaemonErrorResponse, to method: HTTPMethod, context: ChannelHandlerContext,
        keepAlive requested: Bool, requestEnded: Bool = false
    ) {
        // A client told no `100 Continue` may never send the body: close rather than wait to
        // read past it.
        let bodyWithheld = clientAwaitsContinue && !requestEnded
        clientAwaitsContinue = false
        let keepAlive = requested && !clientInputClosed && !bodyWithheld
        var head = response.head(closing: !keepAlive)
        stampRequestID(&head.headers)
        // dockgate's own answers are refusals, except when the daemon could not be reached or
        // asked (502) or the gate itself failed (500).
        let failed = response.status == .badGateway || response.status == .internalServerError
        finishAudit(
            failed ? .error : .deny, status: Int(response.status.code),
            refusal: GateRefusal(
                status: response.status, message: response.message, rule: response.rule, detail: response.detail))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if method != .HEAD {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(response.bodyBuffer(allocator: context.channel.allocator)))),
                promise: nil)
        }
        // As in `finishExchange`: the state is set before `.end` lets the next request in.
        let closesNow = (requestEnded || bodyWithheld) && !keepAlive
        switch (requestEnded, keepAlive) {
        case _ where closesNow: state = .closed
        case (false, _): state = .answering(closeAfterRequest: !keepAlive)
        case (true, true): state = .idle
        case (true, false): state = .closed
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        if closesNow {
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    func closeEverything(context: ChannelHandlerContext) {
        if case .forwarding(_, let upstream) = state {
            upstream.handler.delegate = nil
            upstream.channel.close(promise: nil)
        }
        state = .closed
        context.close(promise: nil)
    }
}

/// The HTTP server handlers of a client connection, kept so a hijack can take them out.
struct HTTPServerHandlers {
    let timeouts: RequestTimeoutHandler
    let endOfInputHold: EndOfInputHold
    let encoder: HTTPResponseEncoder
    let decoder: ByteToMessageHandler<HTTPRequestDecoder>
    let pipelining: HTTPServerPipelineHandler
    let errors: MalformedRequestHandler
}
