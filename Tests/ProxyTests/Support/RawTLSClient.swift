import Foundation
import MutualTLS
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TLS client that writes raw HTTP bytes and collects raw answers, so tests control
/// framing, pipelining, upgrades and half-close exactly.
final class RawTLSClient: Sendable {
    let channel: Channel
    private let collected: ByteCollector

    static func connect(group: EventLoopGroup, port: Int, tls: TLSContext) async throws -> RawTLSClient {
        let collector = ByteCollector()
        let channel = try await ClientBootstrap(group: group)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(TLSHandler(context: tls))
                    try channel.pipeline.syncOperations.addHandler(ByteCollectorHandler(collector: collector))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawTLSClient(channel: channel, collected: collector)
    }

    private init(channel: Channel, collected: ByteCollector) {
        self.channel = channel
        self.collected = collected
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    func send(_ buffer: ByteBuffer) async throws {
        try await channel.writeAndFlush(buffer).get()
    }

    /// Sends TLS close_notify and keeps reading, like the docker CLI at the end of stdin.
    func closeOutput() async throws {
        try await channel.close(mode: .output).get()
    }

    var text: String { collected.text }
    var byteCount: Int { collected.count }
    var inputClosed: Bool { collected.inputClosed }

    /// Waits (bounded) until the collected text satisfies `condition`; returns it either way.
    @discardableResult
    func wait(seconds: Double = 30, until condition: @Sendable (String) -> Bool) async -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let now = collected.text
            if condition(now) { return now }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return collected.text
    }

    func waitForInputClosed(seconds: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if collected.inputClosed { return true }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return false
    }

    func close() async {
        try? await channel.close()
    }
}

/// Thread-safe accumulation of what a client received.
final class ByteCollector: Sendable {
    private let state = NIOLockedValueBox<(bytes: [UInt8], inputClosed: Bool)>(([], false))

    func append(_ buffer: ByteBuffer) {
        state.withLockedValue { $0.bytes.append(contentsOf: buffer.readableBytesView) }
    }

    func markInputClosed() {
        state.withLockedValue { $0.inputClosed = true }
    }

    var text: String { state.withLockedValue { String(decoding: $0.bytes, as: UTF8.self) } }
    var count: Int { state.withLockedValue { $0.bytes.count } }
    var inputClosed: Bool { state.withLockedValue { $0.inputClosed } }
}

private final class ByteCollectorHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let collector: ByteCollector

    init(collector: ByteCollector) {
        self.collector = collector
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        collector.append(unwrapInboundIn(data))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { collector.markInputClosed() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        collector.markInputClosed()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
