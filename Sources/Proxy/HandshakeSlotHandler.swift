import MutualTLS
import NIOCore

/// Holds its connection's place under `ConnectionLimits.maximumHandshakesPerAddress` from
/// accept until the TLS handshake completes, is refused, or the connection goes away,
/// whichever comes first, and then gives it back exactly once.
///
/// Sits right after the `TLSHandler`, whose events say when the handshake ended. Lives on
/// its channel's event loop.
final class HandshakeSlotHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let limits: ConnectionLimits
    private let address: String
    private var holdsSlot = true

    /// Takes over a slot already admitted for `address`.
    init(limits: ConnectionLimits, address: String) {
        self.limits = limits
        self.address = address
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case TLSUserEvent.handshakeCompleted, TLSUserEvent.handshakeRefused:
            releaseSlot()
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Also called when the channel closes (NIO removes every handler then).
    func handlerRemoved(context: ChannelHandlerContext) {
        releaseSlot()
    }

    private func releaseSlot() {
        guard holdsSlot else { return }
        holdsSlot = false
        limits.handshakeEnded(from: address)
    }
}

@available(*, unavailable)
extension HandshakeSlotHandler: Sendable {}
