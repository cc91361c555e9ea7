import NIOCore

/// Joins two channels byte for byte once a connection is hijacked (`attach`, `exec`,
/// `run -i`): what one reads, the other writes.
///
/// Each direction ends on its own, as the docker CLI needs: end of input on one side
/// (TLS close_notify from the client, EOF from the daemon) becomes `close(mode: .output)` on
/// the other (a close_notify, or `shutdown(SHUT_WR)` on the Unix socket), and a side closes
/// completely once both of its directions are done. Reading from one side pauses while the
/// other cannot take more.
///
/// Both channels share one event loop; the pair is made with `makePair()`.
final class GlueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var readPending = false
    private var inputClosed = false
    private var outputClosed = false
    /// Bytes counted for the audit record of the hijacked session.
    private(set) var bytesRead = 0

    static func makePair() -> (GlueHandler, GlueHandler) {
        let first = GlueHandler()
        let second = GlueHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.partner = nil
    }

    /// Writes bytes this side produced itself (the hijack's response head).
    func writeOwn(_ buffer: ByteBuffer) {
        context?.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    // MARK: This side's events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        bytesRead += buffer.readableBytes
        partner?.partnerWrite(buffer)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.partnerFlush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case ChannelEvent.inputClosed = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        inputClosed = true
        partner?.partnerInputEnded()
        if outputClosed { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.partnerClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.partnerBecameWritable() }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if let partner, !partner.isWritable {
            readPending = true
        } else {
            context.read()
        }
    }

    // MARK: Called by the partner

    private var isWritable: Bool { context?.channel.isWritable ?? true }

    private func partnerWrite(_ buffer: ByteBuffer) {
        context?.write(wrapOutboundOut(buffer), promise: nil)
    }

    private func partnerFlush() {
        context?.flush()
    }

    private func partnerBecameWritable() {
        if readPending, let context {
            readPending = false
            context.read()
        }
    }

    /// The other side will send nothing more: end our output after what is queued.
    private func partnerInputEnded() {
        guard let context, !outputClosed else { return }
        outputClosed = true
        context.flush()
        if inputClosed {
            context.close(promise: nil)
            return
        }
        let closed = context.eventLoop.makePromise(of: Void.self)
        closed.futureResult.assumeIsolated().whenFailure { _ in
            // Half-close is not possible here (e.g. the channel is already going): close it all.
            self.context?.close(promise: nil)
        }
        context.close(mode: .output, promise: closed)
    }

    private func partnerClosed() {
        context?.close(promise: nil)
    }
}
