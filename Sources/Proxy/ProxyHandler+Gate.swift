import Foundation
import MutualTLS
import NIOCore
import NIOHTTP1

extension ProxyHandler {
    /// A request the gate decides after its head: the inspected body being read, and the
    /// parts of an uninspected body that arrive while the decision runs.
    final class PendingRequest {
        let head: HTTPRequestHead
        let decision: PendingDecision
        var body: ByteBuffer?
        var held: [HTTPClientRequestPart] = []
        var requestEnded = false

        init(head: HTTPRequestHead, decision: PendingDecision) {
            self.head = head
            self.decision = decision
        }

        /// After a refusal the connection is kept only if the client can send another
        /// request: not after an Upgrade request, whose decoder stopped at it.
        var keepsClientAfterRefusal: Bool {
            head.isKeepAlive && !HopByHopHeaders.requestsUpgrade(head)
        }
    }

    /// Asks the gate about a request head and acts on the answer.
    func admit(_ head: HTTPRequestHead, identity: PeerIdentity, context: ChannelHandlerContext) {
        let report = currentAudit?.report ?? GateReport()
        switch gate.admit(GateRequest(head: head, identity: identity, report: report)) {
        case .refuse(let refusal):
            answer(
                DaemonErrorResponse(refusal), to: head.method, context: context,
                keepAlive: head.isKeepAlive && !HopByHopHeaders.requestsUpgrade(head))
        case .forward(let forwarded):
            startExchange(forwarded, clientHead: head, parts: [], requestEnded: false, context: context)
        case .decideLater(let decision):
            let request = PendingRequest(head: head, decision: decision)
            if decision.inspectedBodyLimit != nil {
                request.body = context.channel.allocator.buffer(capacity: 0)
                state = .inspecting(request)
                sendContinueIfAwaited(context: context)
            } else {
                state = .deciding(request)
                runDecision(request, context: context)
            }
        }
    }

    /// Collects the inspected body, bounded; decides at its end.
    func receivedInspectedPart(
        _ part: HTTPClientRequestPart, of request: PendingRequest, context: ChannelHandlerContext
    ) {
        switch part {
        case .head:
            break
        case .body(.byteBuffer(var buffer)):
            let limit = request.decision.inspectedBodyLimit ?? 0
            guard (request.body?.readableBytes ?? 0) + buffer.readableBytes <= limit else {
                // Never forwarded unchecked: refused, the rest of the body read and dropped.
                request.body = nil
                answer(
                    DaemonErrorResponse(
                        status: .payloadTooLarge,
                        message:
                            "dockgate: request body is larger than the \(limit) bytes dockgate inspects; send a smaller request (rule body.too-large)",
                        rule: "body.too-large"
                    ), to: request.head.method, context: context, keepAlive: request.keepsClientAfterRefusal)
                return
            }
            currentAudit?.bytesIn += buffer.readableBytes
            request.body?.writeBuffer(&buffer)
        case .body(.fileRegion):
            // The HTTP decoder only produces buffers.
            closeEverything(context: context)
        case .end:
            request.requestEnded = true
            state = .deciding(request)
            runDecision(request, context: context)
        }
    }

    /// Runs the gate's decision; on allow the request goes upstream, else it is answered.
    private func runDecision(_ request: PendingRequest, context: ChannelHandlerContext) {
        let lookup = PooledDaemonLookup(pool: pool, eventLoop: context.eventLoop)
        request.decision.decide(request.body, lookup).assumeIsolated().whenComplete { result in
            guard case .deciding(let current) = self.state, current === request, let context = self.context else {
                return  // The client went away meanwhile.
            }
            switch result {
            case .success(.allow(let forwarded, let replacement)):
                var parts = request.held
                var body = request.body
                if let replacement { body = context.channel.allocator.buffer(bytes: replacement) }
                if let body {
                    parts = body.readableBytes > 0 ? [.body(.byteBuffer(body)), .end(nil)] : [.end(nil)]
                }
                self.startExchange(
                    forwarded, clientHead: request.head, parts: parts, requestEnded: request.requestEnded,
                    inspectedBodyLength: body?.readableBytes, context: context)
            case .success(.refuse(let refusal)):
                self.answer(
                    DaemonErrorResponse(refusal), to: request.head.method, context: context,
                    keepAlive: request.keepsClientAfterRefusal, requestEnded: request.requestEnded)
            case .failure(let error):
                self.logger.error("the gate failed to decide", metadata: ["error": "\(error)"])
                self.answer(
                    DaemonErrorResponse(
                        status: .internalServerError,
                        message: "dockgate: the request could not be checked: \(error) (rule gate.error)",
                        rule: "gate.error"),
                    to: request.head.method, context: context, keepAlive: false, requestEnded: request.requestEnded)
            }
            self.resumeClientReadsIfPossible()
        }
    }

    /// Sends an allowed request upstream: `parts` are what followed the head so far. An
    /// inspected body goes as exactly the checked bytes, framed by `Content-Length`.
    func startExchange(
        _ head: HTTPRequestHead, clientHead: HTTPRequestHead, parts: [HTTPClientRequestPart], requestEnded: Bool,
        inspectedBodyLength: Int? = nil, context: ChannelHandlerContext
    ) {
        var forwarded = head
        let isUpgrade = HopByHopHeaders.requestsUpgrade(clientHead)
        HopByHopHeaders.strip(&forwarded.headers, keepingUpgrade: isUpgrade)
        forwarded.version = .http1_1
        // dockgate answers the expectation itself, now that the request may go on.
        if ExpectContinue.names(forwarded) { forwarded.headers.remove(name: "Expect") }
        sendContinueIfAwaited(context: context)
        if let length = inspectedBodyLength {
            // The client's framing (chunked, or a length) is gone with the bytes it framed.
            forwarded.headers.remove(name: "Content-Length")
            forwarded.headers.add(name: "Content-Length", value: "\(length)")
        }
        if isUpgrade { serverHandlers.endOfInputHold.hold() }
        let exchange = Exchange(forwardedHead: forwarded, clientHead: clientHead, isUpgrade: isUpgrade)
        exchange.held.append(.head(forwarded))
        exchange.held.append(contentsOf: parts)
        exchange.requestEnded = requestEnded
        state = .connecting(exchange)
        connectUpstream(for: exchange, context: context)
    }
}

extension ProxyHandler {
    /// Tells a client holding its body back for `Expect: 100-continue` to send it: when the
    /// gate wants to read it, or once the request is allowed. The daemon never sees the
    /// expectation (its `100` would not come back through the response decoder), and a
    /// refused request gets its final answer instead, as RFC 9110 §10.1.1 allows.
    func sendContinueIfAwaited(context: ChannelHandlerContext) {
        guard clientAwaitsContinue else { return }
        clientAwaitsContinue = false
        context.writeAndFlush(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
    }
}

/// `Expect: 100-continue` (RFC 9110 §10.1.1). Other expectations go to the daemon, which
/// answers them `417` as Go's server does.
enum ExpectContinue {
    static func names(_ head: HTTPRequestHead) -> Bool {
        head.headers[canonicalForm: "expect"].contains { $0.lowercased() == "100-continue" }
    }

    /// Only an HTTP/1.1 client with a body to send waits for the `100` (Go's server sends it
    /// under the same conditions).
    static func isExpected(by head: HTTPRequestHead) -> Bool {
        let hasBody =
            head.headers.contains(name: "transfer-encoding")
            || head.headers["content-length"].contains { $0.trimmingCharacters(in: .whitespaces) != "0" }
        return head.version == .http1_1 && names(head) && hasBody
    }
}
