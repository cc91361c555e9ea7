import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser cannot read (a lower-case method, `Content-Length` with
/// `Transfer-Encoding`, a bad chunk size, …) with a 400 the docker user can read, and one whose
/// head is over `--max-header-bytes` with a 431, then lets the decoder close the connection.
/// NIO's `HTTPServerProtocolErrorHandler` does the same with an empty body; this one says what
/// was wrong, names the rule, and has the proxy audit and count the refusal.
///
/// Like that handler, it only answers when no response has started.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let maximumHeaderBytes: Int
    private var responseInProgress = false

    init(maximumHeaderBytes: Int) {
        self.maximumHeaderBytes = maximumHeaderBytes
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responseInProgress {
            let refused = ProtocolRefusal(refusal(for: parserError))
            context.fireUserInboundEventTriggered(refused)
            // The decoder closes the channel right after this returns: write now, no waiting.
            let response = DaemonErrorResponse(refused.refusal)
            var head = response.head(closing: true)
            if let id = refused.requestID { head.headers.add(name: ProxyHandler.requestIDHeader, value: id) }
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(
                wrapOutboundOut(.body(.byteBuffer(response.bodyBuffer(allocator: context.channel.allocator)))),
                promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.fireErrorCaught(error)
    }

    func refusal(for error: HTTPParserError) -> GateRefusal {
        if case .headerOverflow = error {
            return GateRefusal(
                status: .requestHeaderFieldsTooLarge,
                message:
                    "dockgate: the request head is larger than the \(maximumHeaderBytes) bytes this gate accepts (rule http.header-size)",
                rule: "http.header-size")
        }
        return GateRefusal(
            status: .badRequest,
            message: "dockgate: malformed HTTP request: \(Self.describe(error)) (rule http.malformed)",
            rule: "http.malformed")
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code < 200:
            break
        case .head:
            responseInProgress = true
        case .body:
            break
        case .end:
            responseInProgress = false
        }
        context.write(data, promise: promise)
    }

    static func describe(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidMethod: "the method is not an upper-case HTTP method"
        case .unexpectedContentLength: "Content-Length together with Transfer-Encoding"
        case .invalidContentLength: "an invalid Content-Length"
        case .invalidChunkSize: "an invalid chunk size"
        case .headerOverflow: "the request head is too large"
        case .invalidHeaderToken, .invalidCharactersUsed: "an invalid character in a header"
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidHost, .invalidPort:
            "an invalid request target"
        case .invalidVersion: "an invalid HTTP version"
        case .lfExpected, .invalidConstant, .strictModeAssertion: "invalid HTTP syntax"
        default: "\(error)"
        }
    }
}
