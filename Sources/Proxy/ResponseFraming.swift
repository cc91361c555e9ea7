import NIOHTTP1

/// Frames a daemon response for the client. The response encoder runs with automatic framing
/// off, so every head dockgate sends says exactly how its body ends.
enum ResponseFraming {
    static func clientHead(for upstream: HTTPResponseHead, request: HTTPRequestHead, closing: Bool) -> HTTPResponseHead
    {
        var head = upstream
        head.version = .http1_1
        HopByHopHeaders.strip(&head.headers, keepingUpgrade: false)
        let code = head.status.code
        let hasBody = request.method != .HEAD && !(100..<200).contains(code) && code != 204 && code != 304
        if hasBody && !head.headers.contains(name: "content-length") {
            // Streams (logs -f, events, pull progress) go out chunk by chunk as they arrive.
            head.headers.add(name: "Transfer-Encoding", value: "chunked")
        }
        if closing { head.headers.add(name: "Connection", value: "close") }
        return head
    }
}
