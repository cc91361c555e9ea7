import MutualTLS
import NIOCore

/// Bounds how long a client connection may sit between requests and how long it may take to
/// send a request head, so idle keep-alive connections go away and slowloris clients (a few
/// header bytes at a time) cannot hold connections open. Sits between TLS and the HTTP
/// decoder, where it sees the first plaintext byte of a request; the proxy tells it when a
/// head has arrived (timers off while the exchange runs, whatever its length: streams and
/// hijacks are never cut) and when the exchange is over (the idle timer starts again).
final class RequestTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    struct Timeouts: Sendable, Hashable {
        /// From the first byte of a request to its complete head.
        var header: TimeAmount
        /// Between requests on a keep-alive connection (and after the handshake).
        var idle: TimeAmount

        static let defaults = Timeouts(header: .seconds(10), idle: .seconds(120))
    }

    private enum State {
        case waitingForRequest
        case readingHead
        case inExchange
        case stopped
    }

    private let timeouts: Timeouts
    private var state = State.waitingForRequest
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(timeouts: Timeouts) {
        self.timeouts = timeouts
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// The idle timer starts once TLS is up: the handshake has its own timeout.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event, case .waitingForRequest = state {
            arm(timeouts.idle, context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        state = .stopped
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .waitingForRequest = state, unwrapInboundIn(data).readableBytes > 0 {
            state = .readingHead
            arm(timeouts.header, context: context)
        }
        context.fireChannelRead(data)
    }

    // MARK: Called by the proxy

    /// A complete request head arrived: no timer while the exchange runs.
    func requestStarted() {
        guard case .stopped = state else {
            state = .inExchange
            cancel()
            return
        }
    }

    /// The response is complete and the connection stays open: wait for the next request.
    func requestFinished() {
        guard let context, case .inExchange = state else { return }
        state = .waitingForRequest
        arm(timeouts.idle, context: context)
    }

    /// The connection is hijacked or closing: no more timers.
    func stop() {
        state = .stopped
        cancel()
    }

    // MARK: Timers

    private func arm(_ amount: TimeAmount, context: ChannelHandlerContext) {
        cancel()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: amount) { [weak self] in
            self?.expired()
        }
    }

    private func cancel() {
        timer?.cancel()
        timer = nil
    }

    private func expired() {
        guard let context else { return }
        switch state {
        case .waitingForRequest:
            // An idle keep-alive connection: close quietly (clients reconnect as they would
            // after dockerd's own idle close).
            state = .stopped
            context.close(promise: nil)
        case .readingHead:
            state = .stopped
            let refused = ProtocolRefusal(
                GateRefusal(
                    status: .requestTimeout,
                    message:
                        "dockgate: the request head did not arrive within \(Self.describe(timeouts.header)) (rule http.header-timeout)",
                    rule: "http.header-timeout"))
            context.fireUserInboundEventTriggered(refused)
            let response = DaemonErrorResponse(refused.refusal)
            context.writeAndFlush(
                wrapInboundOut(
                    response.serialised(allocator: context.channel.allocator, requestID: refused.requestID))
            ).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        case .inExchange, .stopped:
            break
        }
    }

    /// `10 s`, `0.5 s`.
    static func describe(_ amount: TimeAmount) -> String {
        let milliseconds = amount.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }
}
