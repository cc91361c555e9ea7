import NIOCore
import NIOHTTP1

/// An answer dockgate writes itself, in the daemon's error format: the docker CLI prints the
/// `message` as `Error response from daemon: <message>`.
struct DaemonErrorResponse {
    let status: HTTPResponseStatus
    let message: String
    /// For the audit record: the rule that refused, and what decided.
    var rule: String? = nil
    var detail: String? = nil

    init(status: HTTPResponseStatus, message: String, rule: String? = nil, detail: String? = nil) {
        self.status = status
        self.message = message
        self.rule = rule
        self.detail = detail
    }

    init(_ refusal: GateRefusal) {
        self.init(status: refusal.status, message: refusal.message, rule: refusal.rule, detail: refusal.detail)
    }

    func head(closing: Bool) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        if closing { headers.add(name: "Connection", value: "close") }
        return HTTPResponseHead(version: .http1_1, status: status, headers: headers)
    }

    var body: String { "{\"message\":\(JSONString.quote(message))}\n" }

    func bodyBuffer(allocator: ByteBufferAllocator) -> ByteBuffer {
        allocator.buffer(string: body)
    }

    /// The whole response as bytes, for a handler below the HTTP encoder; always closing.
    func serialised(allocator: ByteBufferAllocator, requestID: String?) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256)
        buffer.writeString("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n")
        var headers = head(closing: true).headers
        if let requestID { headers.add(name: ProxyHandler.requestIDHeader, value: requestID) }
        for (name, value) in headers { buffer.writeString("\(name): \(value)\r\n") }
        buffer.writeString("\r\n" + body)
        return buffer
    }
}
