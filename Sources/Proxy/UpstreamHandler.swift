import NIOCore
import NIOHTTP1

/// What a client connection must be told about the daemon connection it leased.
/// All calls happen on the shared event loop.
protocol UpstreamDelegate: AnyObject {
    func upstreamReceived(_ part: HTTPClientResponsePart)
    func upstreamReadComplete()
    func upstreamWritabilityChanged(isWritable: Bool)
    /// The daemon connection closed or failed; `error` is nil for a plain close.
    func upstreamClosed(error: Error?)
}

/// The last handler of a daemon (Unix socket) connection: hands responses to the client
/// connection that currently leases it, and lets that client pause reading from the daemon
/// while it cannot write (backpressure for `docker save`, `logs -f`, ...).
///
/// Lives on its channel's event loop, which is also the leasing client's loop.
final class UpstreamHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The client using this connection; nil while the connection idles in the pool.
    weak var delegate: UpstreamDelegate?
    private var context: ChannelHandlerContext?
    private var readsPaused = false
    private var readPending = false
    private var notifiedClose = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard let delegate else {
            // The daemon spoke on an idle connection: it is not in a state we understand.
            context.close(promise: nil)
            return
        }
        delegate.upstreamReceived(part)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        delegate?.upstreamReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        delegate?.upstreamWritabilityChanged(isWritable: context.channel.isWritable)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            // The daemon half-closed outside a hijack: the connection cannot be reused.
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        notifyClosed(error: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        notifyClosed(error: error)
        context.close(promise: nil)
    }

    private func notifyClosed(error: Error?) {
        guard !notifiedClose else { return }
        notifiedClose = true
        delegate?.upstreamClosed(error: error)
    }

    // MARK: Read gating

    func read(context: ChannelHandlerContext) {
        if readsPaused {
            readPending = true
        } else {
            context.read()
        }
    }

    /// Back in the pool: nobody's delegate, reading again.
    func becomeIdle() {
        delegate = nil
        resumeReads()
    }

    func pauseReads() {
        readsPaused = true
    }

    func resumeReads() {
        readsPaused = false
        if readPending, let context {
            readPending = false
            context.read()
        }
    }
}
