import Foundation
import TestSupport
import Testing

/// What a peer (curl, s_client, Python) got back for its request, in one shape so every
/// scenario checks "went through the gate" the same way.
protocol PeerAnswer {
    /// The HTTP status, nil when no response came back.
    var httpStatus: Int? { get }
    var httpBody: String? { get }
    /// The peer's whole story, for failure messages.
    var details: String { get }
}

extension CurlResponse: PeerAnswer {
    var httpStatus: Int? { status == 0 ? nil : status }
    var httpBody: String? { status == 0 ? nil : body }
    var details: String { result.description }
}

extension SClientSession: PeerAnswer {
    var httpStatus: Int? { response?.status }
    var httpBody: String? { response?.body }
    var details: String { result.description }
}

/// Expects that the peer's `GET /_ping` went through the gate to the daemon (the fake daemon's
/// echo came back) and that dockgate identified the client as `client.subject`.
func expectThroughGate(
    _ answer: some PeerAnswer, client: ClientFiles, server: DockgateServer,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    #expect(
        answer.httpStatus == 200 && FakeDaemon.echo(in: answer.httpBody)?.path == "/_ping",
        "the request did not reach the daemon:\n\(answer.details)\nserver log:\n\(server.log.suffixForMessage)",
        sourceLocation: sourceLocation)
    let handshake = await server.waitForLogLine(containing: ["TLS handshake completed", "subject=\(client.subject)"])
    #expect(
        handshake != nil, "no completed handshake logged for \(client.subject):\n\(server.log.suffixForMessage)",
        sourceLocation: sourceLocation)
}

/// Expects that the peer got no HTTP response at all: the gate stopped it at the handshake.
func expectStoppedAtHandshake(
    _ answer: some PeerAnswer, server: DockgateServer, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        answer.httpStatus == nil,
        "an HTTP answer came back:\n\(answer.details)\nserver log:\n\(server.log.suffixForMessage)",
        sourceLocation: sourceLocation)
}

/// What dockgate answers plaintext HTTP on its TLS port with (as Go's TLS servers do).
let plaintextHTTPAnswer = "Client sent an HTTP request to an HTTPS server."

/// The status and body of the first HTTP/1.x response found in a stream of text, for peers
/// (openssl s_client) that print the raw response among other output.
struct RawHTTPResponse: Equatable, CustomStringConvertible {
    let status: Int
    let body: String

    /// nil until a complete response (head plus its `Content-Length` or chunked body) is there.
    init?(findingIn text: String) {
        guard let start = text.range(of: "HTTP/1.") else { return nil }
        let response = text[start.lowerBound...]
        guard let headEnd = response.range(of: "\r\n\r\n") else { return nil }
        let lines = response[..<headEnd.lowerBound].split(separator: "\r\n")
        let fields = (lines.first ?? "").split(separator: " ")
        guard fields.count >= 2, let status = Int(fields[1]) else { return nil }
        func header(_ name: String) -> String? {
            lines.dropFirst().first { $0.lowercased().hasPrefix(name + ":") }.map {
                $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
            }
        }
        let rest = Array(response[headEnd.upperBound...].utf8)
        if header("transfer-encoding")?.lowercased() == "chunked" {
            guard let body = Self.dechunk(rest) else { return nil }
            self.body = String(decoding: body, as: UTF8.self)
        } else {
            guard let length = header("content-length").flatMap({ Int($0) }), rest.count >= length else { return nil }
            self.body = String(decoding: rest.prefix(length), as: UTF8.self)
        }
        self.status = status
    }

    /// The body of a complete chunked message, or nil if the last chunk has not arrived.
    private static func dechunk(_ bytes: [UInt8]) -> [UInt8]? {
        var body: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = bytes[index...].firstRange(of: Array("\r\n".utf8)) else { return nil }
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return nil }
            let start = lineEnd.upperBound
            if size == 0 { return body }
            guard bytes.count >= start + size + 2 else { return nil }
            body += bytes[start..<start + size]
            index = start + size + 2
        }
    }

    var description: String { "HTTP \(status): \(body)" }
}
