import Logging
import MutualTLS
import NIOCore
import NIOEmbedded

/// Records what reaches the top of a pipeline: plaintext, user events, errors, closure.
final class PipelineRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    var received = ByteBuffer()
    var summaries: [TLSHandshakeSummary] = []
    var inputClosed = false
    var errors: [Error] = []
    var inactive = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received.writeBuffer(&buffer)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case TLSUserEvent.handshakeCompleted(let summary): summaries.append(summary)
        case ChannelEvent.inputClosed: inputClosed = true
        default: break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        errors.append(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        inactive = true
    }

    var tlsErrors: [TLSConnectionError] { errors.compactMap { $0 as? TLSConnectionError } }
    var receivedString: String { String(buffer: received) }
}

/// A TLS client and server on two `EmbeddedChannel`s, with bytes moved between them by `pump()`.
///
/// Both ends run this module's own OpenSSL code, so every test handshake exercises the
/// server handler against a real TLS stack.
final class EmbeddedTLSPair {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()
    let clientHandler: TLSHandler
    let serverHandler: TLSHandler
    let clientRecorder = PipelineRecorder()
    let serverRecorder = PipelineRecorder()

    init(
        server serverContext: TLSContext, client clientContext: TLSContext, resuming session: TLSSession? = nil,
        serverLogger: Logger = Logger(label: "test.server")
    ) throws {
        serverHandler = try TLSHandler(context: serverContext, logger: serverLogger)
        clientHandler = try TLSHandler(context: clientContext, logger: Logger(label: "test.client"), resuming: session)
        try server.pipeline.syncOperations.addHandlers([serverHandler, serverRecorder])
        try client.pipeline.syncOperations.addHandlers([clientHandler, clientRecorder])
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: 2376)
        try server.connect(to: address).wait()
        try client.connect(to: address).wait()
    }

    /// Moves bytes both ways until neither side has anything left to send.
    func pump() throws {
        var moved = true
        var rounds = 0
        while moved {
            rounds += 1
            precondition(rounds < 1000, "TLS pair does not settle")
            moved = false
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                if server.isActive { try server.writeInbound(bytes) }
            }
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                if client.isActive { try client.writeInbound(bytes) }
            }
        }
    }

    /// Handshakes and exchanges one message each way, so TLS 1.3 session tickets are read.
    func handshakeAndExchange() throws {
        try pump()
        client.writeAndFlush(ByteBuffer(string: "ping"), promise: nil)
        try pump()
        server.writeAndFlush(ByteBuffer(string: "pong"), promise: nil)
        try pump()
    }

    func finish() {
        _ = try? client.finish(acceptAlreadyClosed: true)
        _ = try? server.finish(acceptAlreadyClosed: true)
    }
}

/// Captures log records so tests can check what an operator would read.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    struct Record {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    private(set) var records: [Record] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        records.append(Record(level: event.level, message: event.message.description, metadata: event.metadata ?? [:]))
    }
}

/// A TLS server on an `EmbeddedChannel` with no client: the test writes raw bytes to it.
struct LoneTLSServer {
    let channel = EmbeddedChannel()
    let recorder = PipelineRecorder()

    init(context: TLSContext, logger: Logger = Logger(label: "test.server")) throws {
        try channel.pipeline.syncOperations.addHandlers([TLSHandler(context: context, logger: logger), recorder])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 2376)).wait()
    }
}
