import NIOCore

/// Keeps the client's end of input from the HTTP request decoder while an Upgrade request
/// waits for the daemon's answer.
///
/// The decoder holds the bytes that followed the Upgrade request (early stdin) until it is
/// removed at the switch, when it hands them on. An end of input reaching it first makes it
/// finish for good and drop them. So the end of input waits here (between TLS and the
/// decoder) until the switch is done, then follows the early bytes; if the daemon does not
/// switch, it goes on as usual.
final class EndOfInputHold: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private var holding = false
    private var context: ChannelHandlerContext?
    /// The client's end of input arrived while holding.
    private(set) var held = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func hold() {
        holding = true
    }

    /// Stops holding; a held end of input goes on to the handlers after this one.
    func release() {
        holding = false
        guard held, let context else { return }
        held = false
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if holding, case ChannelEvent.inputClosed = event {
            held = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
