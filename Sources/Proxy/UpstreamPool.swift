import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// Keep-alive HTTP/1.1 connections to the daemon's Unix socket, kept per event loop so a
/// client and its daemon connection always share a thread.
///
/// `lease` hands out an idle connection of the caller's loop or dials a new one; `release`
/// returns a connection whose last exchange ended cleanly. Safe to use from any thread.
public final class UpstreamPool: Sendable {
    public let address: UpstreamAddress
    private let maximumIdlePerLoop: Int
    private let idle = NIOLockedValueBox<[ObjectIdentifier: [Channel]]>([:])

    public init(address: UpstreamAddress, maximumIdlePerLoop: Int = 8) {
        self.address = address
        self.maximumIdlePerLoop = maximumIdlePerLoop
    }

    /// A connected channel on `eventLoop` whose pipeline ends in an `UpstreamHandler`.
    func lease(on eventLoop: EventLoop) -> EventLoopFuture<Channel> {
        let key = ObjectIdentifier(eventLoop)
        while let channel = idle.withLockedValue({ $0[key]?.popLast() }) {
            if channel.isActive { return eventLoop.makeSucceededFuture(channel) }
        }
        return ClientBootstrap(group: eventLoop)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try UpstreamPool.configure(channel.pipeline.syncOperations)
                }
            }
            .connect(unixDomainSocketPath: address.socketPath)
    }

    /// Returns a connection for reuse (or closes it when the loop has enough idle ones).
    /// Called on the connection's loop.
    func release(_ channel: Channel) {
        guard channel.isActive else { return }
        // A client that paused the daemon's output for backpressure is done with it: the next
        // lease must read its answer, and an idle connection must notice the daemon closing.
        guard let handler = try? channel.pipeline.syncOperations.handler(type: UpstreamHandler.self) else {
            channel.close(promise: nil)
            return
        }
        handler.becomeIdle()
        let key = ObjectIdentifier(channel.eventLoop)
        let kept = idle.withLockedValue { pools -> Bool in
            var list = pools[key, default: []].filter(\.isActive)
            guard list.count < maximumIdlePerLoop else { return false }
            list.append(channel)
            pools[key] = list
            return true
        }
        if !kept { channel.close(promise: nil) }
    }

    /// Closes every idle connection (at shutdown).
    public func closeIdle() {
        let all = idle.withLockedValue { pools -> [Channel] in
            defer { pools.removeAll() }
            return pools.values.flatMap { $0 }
        }
        for channel in all { channel.close(promise: nil) }
    }

    /// Encoder, decoder (keeping bytes that follow a `101` for the hijack), then our handler.
    static func configure(_ operations: ChannelPipeline.SynchronousOperations) throws {
        try operations.addHandler(HTTPRequestEncoder())
        try operations.addHandler(ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes)))
        try operations.addHandler(UpstreamHandler())
    }
}
