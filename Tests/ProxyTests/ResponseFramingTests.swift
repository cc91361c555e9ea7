import NIOHTTP1
import Testing

@testable import Proxy

/// Every response head dockgate sends says how its body ends.
@Suite struct ResponseFramingTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        var status: HTTPResponseStatus = .ok
        var method: HTTPMethod = .GET
        var clientVersion: HTTPVersion = .http1_1
        var keepAlive = true
        var daemonHeaders: [(String, String)] = []
        let chunked: Bool
        let closes: Bool
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a length passes through", daemonHeaders: [("Content-Length", "2")], chunked: false, closes: false),
        Row(name: "a stream is chunked for HTTP/1.1", chunked: true, closes: false),
        Row(
            name: "the daemon's own chunking is replaced by ours", daemonHeaders: [("Transfer-Encoding", "chunked")],
            chunked: true, closes: false),
        Row(name: "a stream to HTTP/1.0 ends by closing", clientVersion: .http1_0, chunked: false, closes: true),
        Row(
            name: "a length to HTTP/1.0 keep-alive keeps it", clientVersion: .http1_0,
            daemonHeaders: [("Content-Length", "2")], chunked: false, closes: false),
        Row(name: "HEAD has no body to frame", method: .HEAD, chunked: false, closes: false),
        Row(name: "204 has no body", status: .noContent, chunked: false, closes: false),
        Row(name: "304 has no body", status: .notModified, chunked: false, closes: false),
        Row(
            name: "a closing client is told", keepAlive: false, daemonHeaders: [("Content-Length", "2")],
            chunked: false, closes: true),
        Row(
            name: "the daemon's connection headers stay with it",
            daemonHeaders: [("Connection", "close, X-Hop"), ("X-Hop", "1"), ("Keep-Alive", "timeout=5")],
            chunked: true, closes: false),
    ]

    @Test(arguments: rows)
    func frames(_ row: Row) {
        let framed = ResponseFraming(
            daemonHead: HTTPResponseHead(
                version: .http1_1, status: row.status, headers: HTTPHeaders(row.daemonHeaders)),
            method: row.method, clientVersion: row.clientVersion, keepAlive: row.keepAlive)
        #expect(framed.head.headers["transfer-encoding"] == (row.chunked ? ["chunked"] : []))
        #expect(framed.head.headers["connection"] == (row.closes ? ["close"] : []))
        #expect(framed.endsByClose == (row.closes && row.keepAlive))
        #expect(!framed.head.headers.contains(name: "x-hop") && !framed.head.headers.contains(name: "keep-alive"))
    }
}
