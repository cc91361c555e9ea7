import Audit
import NIOCore
import NIOHTTP1

extension ProxyHandler {
    /// Turns both connections into a raw byte stream after the daemon's `101`.
    ///
    /// Runs at the `.end` of the 101 response, when both HTTP decoders have stopped parsing
    /// (each holds whatever bytes followed its message). The order matters: each side is made
    /// raw before the other side's decoder is removed and releases those held bytes into it.
    func startHijack(_ head: HTTPResponseHead, upstream: Upstream, context: ChannelHandlerContext) {
        state = .hijacked
        upstream.handler.delegate = nil
        // The session keeps its place under the per-client limit until the connection closes.
        let limits = self.limits
        if let client = countedClient {
            countedClient = nil
            context.channel.closeFuture.whenComplete { _ in limits.clientClosed(client) }
        }
        let (clientGlue, upstreamGlue) = GlueHandler.makePair()
        let client = context.pipeline.syncOperations
        let daemon = upstream.channel.pipeline.syncOperations
        do {
            // 1. Client side raw (its decoder stays for now), then our own 101 head. A session
            // lasts as long as its two ends want: no request timers.
            serverHandlers.timeouts.stop()
            try client.removeHandler(serverHandlers.timeouts).wait0()
            try client.addHandler(clientGlue)
            try client.removeHandler(context: context).wait0()
            try client.removeHandler(serverHandlers.pipelining).wait0()
            try client.removeHandler(serverHandlers.errors).wait0()
            try client.removeHandler(serverHandlers.encoder).wait0()
            var switched = head
            stampRequestID(&switched.headers)
            clientGlue.writeOwn(HijackResponse.serialise(switched, allocator: context.channel.allocator))

            // 2. Daemon side raw; removing its decoder releases early output to the client.
            try daemon.addHandler(upstreamGlue)
            try daemon.removeHandler(upstream.handler).wait0()
            try daemon.removeHandler(daemon.handler(type: HTTPRequestEncoder.self)).wait0()
            let daemonDecoder = try daemon.handler(type: ByteToMessageHandler<HTTPResponseDecoder>.self)
            daemon.removeHandler(daemonDecoder).assumeIsolated().whenComplete { _ in context.channel.flush() }

            // 3. Client decoder out last: bytes the client sent early go to the daemon. The
            // released bytes come without a read-complete, so flush once the removal is done;
            // an end of input held back meanwhile (`EndOfInputHold`) follows them.
            let clientChannel = context.channel
            let hold = serverHandlers.endOfInputHold
            client.removeHandler(serverHandlers.decoder).assumeIsolated().whenComplete { result in
                if case .failure = result { clientChannel.close(promise: nil) }
                upstream.channel.flush()
                hold.release()
                clientChannel.pipeline.syncOperations.removeHandler(hold, promise: nil)
            }
        } catch {
            logger.error("could not switch the connection to a raw stream", metadata: ["error": "\(error)"])
            upstream.channel.close(promise: nil)
            context.channel.close(promise: nil)
            return
        }
        // The session's record is written when the client connection closes, with its length
        // and bytes each way.
        if let audit = currentAudit {
            currentAudit = nil
            audit.status = 101
            let sessionStarted = NIODeadline.now()
            let handler = self
            metrics?.hijackStarted()
            context.channel.closeFuture.assumeIsolated().whenComplete { _ in
                handler.metrics?.hijackEnded()
                handler.write(
                    audit, decision: .allow, status: 101,
                    hijack: AuditHijackedSession(
                        duration: .nanoseconds((NIODeadline.now() - sessionStarted).nanoseconds),
                        bytesIn: clientGlue.bytesRead, bytesOut: upstreamGlue.bytesRead))
            }
        }
        // Reads may have been held by the HTTP layer while the exchange was in flight.
        context.channel.read()
        upstream.channel.read()
    }
}

extension EventLoopFuture {
    /// Synchronous pipeline operations complete immediately on the loop; surface a failure.
    fileprivate func wait0() throws {
        var failure: Error?
        assumeIsolated().whenFailure { failure = $0 }
        if let failure { throw failure }
    }
}

/// The hijack's response head as the client reads it: the daemon's status line and headers
/// (`Connection: Upgrade`, `Upgrade: tcp`, the stream's Content-Type) verbatim, with no
/// framing, because raw bytes follow.
enum HijackResponse {
    static func serialise(_ head: HTTPResponseHead, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256)
        buffer.writeString("HTTP/1.1 \(head.status.code) \(head.status.reasonPhrase)\r\n")
        for (name, value) in head.headers {
            buffer.writeString("\(name): \(value)\r\n")
        }
        buffer.writeString("\r\n")
        return buffer
    }
}
