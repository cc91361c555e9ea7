/// What the gate must know about an endpoint before it sees the body or the response,
/// read from dockerd's handlers (docker-routes.md §2).
public struct EndpointFacts: Sendable, Hashable {
    /// What dockerd does with a request body.
    public enum Body: String, Sendable, Hashable {
        /// The handler reads no body. The gate refuses one (`RequestFraming`): a
        /// `POST /containers/{id}/start` body is a HostConfig on 20.10 below API 1.24.
        case none
        /// The handler decodes a JSON document (sometimes optional: `exec.start`,
        /// `container.commit`, 20.10 `image.push`). The gate inspects it.
        case json
        /// A tar stream, possibly compressed (build context, image load/import, archive
        /// upload, plugin create), passed through uninspected.
        case archive
    }

    /// Whether dockerd may take the connection over.
    public enum Hijack: String, Sendable, Hashable {
        case none
        /// Attach and exec start: `101 UPGRADED` when the request has any `Upgrade` header,
        /// otherwise `200 OK` with a raw stream; then bytes both ways (exec start only
        /// unless its body says `"Detach": true`).
        case rawStream
        /// `GET …/attach/ws`: a WebSocket handshake, then stdin and output as frames.
        case webSocket
        /// `/session` and `/grpc`: `101` to `h2c`, then HTTP/2 (BuildKit) on the connection.
        case h2c
    }

    /// How the response arrives.
    public enum Response: String, Sendable, Hashable {
        /// One ordinary response.
        case complete
        /// A stream of JSON messages or log frames that can run for as long as the client
        /// wants (events, logs `follow`, stats, build and pull progress, profiles).
        case stream
        /// Headers at once, the body when a condition is met (`wait`).
        case longPoll
        /// A tar download (export, archive, image save, legacy copy).
        case archive
    }

    public let body: Body
    public let hijack: Hijack
    public let response: Response

    public init(body: Body = .none, hijack: Hijack = .none, response: Response = .complete) {
        self.body = body
        self.hijack = hijack
        self.response = response
    }

    /// Whether the response must be relayed as it comes rather than buffered.
    public var streamsResponse: Bool {
        switch response {
        case .complete: hijack != .none
        case .stream, .longPoll, .archive: true
        }
    }

    /// For `Endpoint.unknown`: nothing is expected, so a body is refused.
    public static let unknown = EndpointFacts()
}
