import Foundation
import Logging
import NIOCore

/// Terminates (or, in the client role, originates) TLS on a channel with OpenSSL.
///
/// Ciphertext comes in from the network side and plaintext goes up; plaintext written by
/// the handlers above is encrypted on flush. Writes made before the handshake completes are
/// held and sent once it does. After a verified handshake the handler fires
/// `TLSUserEvent.handshakeCompleted` carrying the peer's `PeerIdentity`.
///
/// In the server role the client's certificate keeps being checked after the handshake: the
/// connection is closed (close_notify, then the socket) when the certificate expires, or when
/// a `PeerRecheckEvent` (sent after a reload) finds that the new CA bundle or CRLs no longer
/// accept it.
///
/// Half-close follows the docker CLI: a peer's `close_notify` (how `docker exec -i` ends
/// stdin, with no TCP FIN) reaches the pipeline as `ChannelEvent.inputClosed` while writes
/// keep working; `close(mode: .output)` sends our own `close_notify` and keeps reading.
///
/// Lives on its channel's event loop; every method is called there.
public final class TLSHandler: ChannelDuplexHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    /// The life of the connection. Every switch over it lists every case.
    enum State {
        /// Added to a channel that is not active yet.
        case idle
        /// Exchanging handshake messages; application writes are held.
        case handshaking
        /// Both directions open.
        case active
        /// The peer sent close_notify (or a TCP FIN): no more input, output still open.
        case inputClosed
        /// We sent close_notify: no more output, input still open.
        case outputClosed
        /// A full close is under way (our close_notify is being flushed, or the handshake failed).
        case closing
        /// The channel is closed.
        case closed
    }

    var state: State = .idle
    let connection: TLSConnection
    let logger: Logger
    /// Application writes not yet encrypted, with their promises.
    var pendingWrites: [(data: ByteBuffer, promise: EventLoopPromise<Void>?)] = []
    /// A flush arrived while the handshake was running.
    var flushPending = false
    var handshakeTimer: Scheduled<Void>?
    var closeTimer: Scheduled<Void>?
    /// Fires when the client's certificate expires (server role, after the handshake).
    var expiryTimer: Scheduled<Void>?
    /// Trust settings that changed while the handshake was running, to check the client
    /// against once it completes.
    var pendingRecheck: TLSContext?

    /// Set once the handshake has completed.
    public internal(set) var handshakeSummary: TLSHandshakeSummary?

    /// - Parameters:
    ///   - context: the shared `SSL_CTX`; its role decides whether this end accepts or connects.
    ///   - session: a client session to offer for resumption (client role only).
    public init(
        context: TLSContext, logger: Logger = Logger(label: "dockgate.tls"), resuming session: TLSSession? = nil
    )
        throws
    {
        self.connection = try TLSConnection(context: context)
        self.logger = logger
        if let session { connection.offer(session) }
    }

    /// A session this (client) connection can hand to a later one to resume. TLS 1.3
    /// tickets arrive after the handshake, so ask once some application data has been read.
    public var resumableSession: TLSSession? { connection.resumableSession }

    // MARK: Life cycle

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startHandshake(context: context) }
    }

    public func channelActive(context: ChannelHandlerContext) {
        startHandshake(context: context)
        context.fireChannelActive()
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        let previous = state
        state = .closed
        cancelTimers()
        failPendingWrites(ChannelError.ioOnClosedChannel)
        switch previous {
        case .idle, .handshaking:
            logRefusal(
                TLSConnectionError(
                    kind: .closedDuringHandshake, reason: "peer closed the connection during the handshake"),
                context: context)
        case .active, .inputClosed, .outputClosed, .closing, .closed:
            break
        }
        context.fireChannelInactive()
    }

    func cancelTimers() {
        handshakeTimer?.cancel()
        handshakeTimer = nil
        closeTimer?.cancel()
        closeTimer = nil
        expiryTimer?.cancel()
        expiryTimer = nil
    }

    // MARK: Inbound

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let ciphertext = unwrapInboundIn(data)
        switch state {
        case .idle, .handshaking:
            state = .handshaking
            connection.consumeCiphertext(ciphertext)
            advanceHandshake(context: context)
        case .active, .outputClosed:
            connection.consumeCiphertext(ciphertext)
            readPlaintext(context: context)
        case .inputClosed, .closing, .closed:
            // Nothing may follow close_notify; bytes after a failure or close are dropped.
            break
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let recheck = event as? PeerRecheckEvent {
            recheckPeer(against: recheck.context, context: context)
            return
        }
        guard case ChannelEvent.inputClosed = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        // TCP FIN from the peer.
        switch state {
        case .idle, .handshaking:
            failHandshake(
                TLSConnectionError(
                    kind: .closedDuringHandshake, reason: "peer closed the connection during the handshake"),
                context: context)
        case .active, .outputClosed:
            // EOF without close_notify. HTTP framing still tells complete messages from
            // truncated ones, so pass it on as end of input rather than an error.
            peerEndedInput(context: context)
        case .inputClosed, .closing, .closed:
            break
        }
    }

    /// Decrypts everything available and passes it up, stopping if a handler above closes us.
    func readPlaintext(context: ChannelHandlerContext) {
        readLoop: while true {
            switch state {
            case .active, .outputClosed: break
            case .idle, .handshaking, .inputClosed, .closing, .closed: break readLoop
            }
            var buffer = context.channel.allocator.buffer(capacity: 16 * 1024)
            switch connection.readPlaintext(into: &buffer) {
            case .data:
                context.fireChannelRead(wrapInboundOut(buffer))
            case .wouldBlock:
                break readLoop
            case .closeNotify:
                peerEndedInput(context: context)
                break readLoop
            case .failed(let error):
                logger.notice(
                    "TLS connection failed",
                    metadata: ["peer": "\(context.remoteAddress.map { "\($0)" } ?? "?")", "reason": "\(error)"])
                context.fireErrorCaught(error)
                closeCompletely(context: context, promise: nil)
                break readLoop
            }
        }
        // Post-handshake messages (key updates) may need an answer.
        if connection.hasPendingCiphertext {
            writeCiphertext(context: context, promise: nil)
            context.flush()
        }
    }

    /// The peer will send nothing more (close_notify, or a TCP FIN after the handshake).
    private func peerEndedInput(context: ChannelHandlerContext) {
        switch state {
        case .active:
            state = .inputClosed
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        case .outputClosed:
            // Both directions are done. Handlers above still learn of the end of input first
            // (a body delimited by end of stream completes on it), then the channel closes.
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            closeCompletely(context: context, promise: nil)
        case .idle, .handshaking, .inputClosed, .closing, .closed:
            break
        }
    }
}

@available(*, unavailable)
extension TLSHandler: Sendable {}
