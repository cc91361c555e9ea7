import Foundation
import NIOCore
import NIOHTTP1

extension ProxyHandler: UpstreamDelegate {
    /// Leases a daemon connection on this loop, then sends what was held.
    func connectUpstream(for exchange: Exchange, context: ChannelHandlerContext) {
        pool.lease(on: context.eventLoop).assumeIsolated().whenComplete { result in
            guard case .connecting(let current) = self.state, current === exchange else {
                // The client went away meanwhile: give the connection back.
                if case .success(let channel) = result { self.pool.release(channel) }
                return
            }
            switch result {
            case .success(let channel):
                do {
                    let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
                    self.startForwarding(
                        exchange, upstream: Upstream(channel: channel, handler: handler), context: context)
                } catch {
                    channel.close(promise: nil)
                    self.daemonUnreachable(error, exchange: exchange, context: context)
                }
            case .failure(let error):
                self.daemonUnreachable(error, exchange: exchange, context: context)
            }
        }
    }

    private func startForwarding(_ exchange: Exchange, upstream: Upstream, context: ChannelHandlerContext) {
        upstream.handler.delegate = self
        state = .forwarding(exchange, upstream)
        for part in exchange.held { upstream.channel.write(part, promise: nil) }
        exchange.held.removeAll()
        upstream.channel.flush()
        if !context.channel.isWritable { upstream.handler.pauseReads() }
        resumeClientReadsIfPossible()
    }

    private func daemonUnreachable(_ error: Error, exchange: Exchange, context: ChannelHandlerContext) {
        metrics?.upstreamError()
        logger.error(
            "cannot reach the Docker daemon",
            metadata: ["upstream": "\(pool.address)", "error": "\(DaemonErrorText.describe(error))"])
        answer(
            DaemonErrorResponse(
                status: .badGateway,
                message:
                    "dockgate: cannot reach the Docker daemon at \(pool.address): \(DaemonErrorText.describe(error))",
                rule: "daemon.unreachable"),
            to: exchange.forwardedHead.method, context: context,
            keepAlive: exchange.clientKeepAlive && !exchange.isUpgrade,
            requestEnded: exchange.requestEnded)
        resumeClientReadsIfPossible()
    }

    // MARK: UpstreamDelegate

    func upstreamReceived(_ part: HTTPClientResponsePart) {
        guard case .forwarding(let exchange, let upstream) = state, let context else { return }
        switch part {
        case .head(let head):
            exchange.upstreamKeepAlive = head.isKeepAlive
            if head.status == .switchingProtocols {
                guard exchange.isUpgrade else {
                    // The daemon switched, but the client's parser did not stop at this
                    // request (`Upgrade` without `Connection: Upgrade`): what followed it was
                    // parsed as HTTP and cannot become the raw stream. Nothing is glued.
                    logger.error("the Docker daemon switched protocols on a request that did not ask to; closing")
                    metrics?.upstreamError()
                    finishAudit(.error, status: 101, note: "the daemon switched protocols unasked")
                    closeEverything(context: context)
                    return
                }
                exchange.upgradeHead = head
                return
            }
            exchange.responseHeadSent = true
            currentAudit?.status = Int(head.status.code)
            var framed = ResponseFraming(
                daemonHead: head, method: exchange.forwardedHead.method, clientVersion: exchange.clientVersion,
                keepAlive: keepsClient(exchange))
            exchange.responseEndsByClose = framed.endsByClose
            stampRequestID(&framed.head.headers)
            context.write(wrapOutboundOut(.head(framed.head)), promise: nil)
        case .body(let buffer):
            guard exchange.upgradeHead == nil else { return }
            currentAudit?.bytesOut += buffer.readableBytes
            currentAudit?.keepCreateAnswer(buffer)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            if !context.channel.isWritable { upstream.handler.pauseReads() }
        case .end(let trailers):
            if let upgradeHead = exchange.upgradeHead {
                startHijack(upgradeHead, upstream: upstream, context: context)
                return
            }
            finishExchange(exchange, upstream: upstream, trailers: trailers, context: context)
        }
    }

    /// A keep-alive client keeps its connection, except after a refused upgrade (its request
    /// decoder stopped at the Upgrade request and cannot read another request) and after a
    /// body only the close can end.
    private func keepsClient(_ exchange: Exchange) -> Bool {
        exchange.clientKeepAlive && !exchange.isUpgrade && !exchange.responseEndsByClose
    }

    private func finishExchange(
        _ exchange: Exchange, upstream: Upstream, trailers: HTTPHeaders?, context: ChannelHandlerContext
    ) {
        upstream.handler.delegate = nil
        // The daemon did not switch: the client's end of input is news again.
        serverHandlers.endOfInputHold.release()
        finishAudit(.allow, status: currentAudit?.status)
        if exchange.requestEnded && exchange.upstreamKeepAlive {
            pool.release(upstream.channel)
        } else {
            // The daemon answered before reading the whole request, or will close: not reusable.
            upstream.channel.close(promise: nil)
        }
        let keep = keepsClient(exchange) && exchange.requestEnded && !clientInputClosed
        // The state changes before `.end` is written: writing it makes the pipelining handler
        // deliver the next request, re-entering `channelRead`.
        state = keep ? .idle : .closed
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(trailers)), promise: written)
        if keep {
            resumeClientReadsIfPossible()
        } else {
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    func upstreamReadComplete() {
        context?.flush()
    }

    func upstreamWritabilityChanged(isWritable: Bool) {
        if isWritable { resumeClientReadsIfPossible() }
    }

    func upstreamClosed(error: Error?) {
        guard case .forwarding(let exchange, let upstream) = state, let context else { return }
        upstream.handler.delegate = nil
        guard context.channel.isActive else {
            // The client side is already going (dockgate shutting down, client gone): the
            // daemon connection closing is a consequence, not news.
            state = .closed
            return
        }
        if exchange.responseHeadSent {
            // Part of the response is out: the only honest signal left is to cut the connection.
            logger.warning(
                "the Docker daemon closed the connection mid-response",
                metadata: ["error": "\(error.map { "\($0)" } ?? "EOF")"])
            metrics?.upstreamError()
            finishAudit(.error, status: currentAudit?.status, note: "the daemon closed the connection mid-response")
            closeEverything(context: context)
        } else {
            state = .idle
            daemonUnreachable(error ?? DaemonErrorText.closedBeforeAnswering, exchange: exchange, context: context)
        }
    }
}

/// Short descriptions of daemon connection failures for the docker user.
enum DaemonErrorText {
    struct ClosedBeforeAnswering: Error, CustomStringConvertible {
        var description: String { "the daemon closed the connection before answering" }
    }

    static let closedBeforeAnswering = ClosedBeforeAnswering()

    /// `connect: No such file or directory`, not NIO's internal call names.
    static func describe(_ error: Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }
}
