import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser cannot read (a lower-case method, `Content-Length` with
/// `Transfer-Encoding`, a bad chunk size, oversized headers, …) with a 400 the docker user can
/// read, then lets the decoder close the connection. NIO's `HTTPServerProtocolErrorHandler`
/// does the same with an empty body; this one says what was wrong and names the rule.
///
/// Like that handler, it only answers when no response has started.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var responseInProgress = false

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responseInProgress {
            // The decoder closes the channel right after this returns: write now, no waiting.
            let response = DaemonErrorResponse(
                status: .badRequest,
                message: "dockgate: malformed HTTP request: \(Self.describe(parserError)) (rule http.malformed)")
            context.write(wrapOutboundOut(.head(response.head(closing: true))), promise: nil)
            context.write(
                wrapOutboundOut(.body(.byteBuffer(response.bodyBuffer(allocator: context.channel.allocator)))),
                promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.fireErrorCaught(error)
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
