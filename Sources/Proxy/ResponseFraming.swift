import NIOHTTP1

/// Frames a daemon response for the client. The response encoder runs with automatic framing
/// off, so every head dockgate sends says exactly how its body ends: by its length, by
/// chunking, or — for an HTTP/1.0 client, which cannot read chunks — by the connection
/// closing.
struct ResponseFraming {
    var head: HTTPResponseHead
    /// The body runs until dockgate closes the connection.
    let endsByClose: Bool

    init(daemonHead: HTTPResponseHead, method: HTTPMethod, clientVersion: HTTPVersion, keepAlive: Bool) {
        var head = daemonHead
        head.version = .http1_1
        HopByHopHeaders.strip(&head.headers, keepingUpgrade: false)
        let code = head.status.code
        let hasBody = method != .HEAD && !(100..<200).contains(code) && code != 204 && code != 304
        let unframed = hasBody && !head.headers.contains(name: "content-length")
        endsByClose = unframed && clientVersion.major == 1 && clientVersion.minor == 0
        if unframed && !endsByClose {
            // Streams (logs -f, events, pull progress) go out chunk by chunk as they arrive.
            head.headers.add(name: "Transfer-Encoding", value: "chunked")
        }
        if !keepAlive || endsByClose { head.headers.add(name: "Connection", value: "close") }
        self.head = head
    }
}
