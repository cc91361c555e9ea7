/// How a request's body is delimited, once the gate has made sure that it and dockerd (Go's
/// `net/http`) agree on it, and that dockerd will read the body only in the way the gate
/// inspects it.
public enum RequestFraming: Sendable, Hashable {
    /// No body (no `Content-Length`, or `Content-Length: 0`, and no `Transfer-Encoding`).
    case noBody
    /// `Content-Length` bytes, more than zero.
    case contentLength(UInt64)
    /// `Transfer-Encoding: chunked`: the gate de-chunks it.
    case chunked

    /// The HTTP version of the request line.
    public struct HTTPVersion: Sendable, Hashable {
        public let major: Int
        public let minor: Int

        public init(major: Int, minor: Int) {
            self.major = major
            self.minor = minor
        }

        public static let http10 = HTTPVersion(major: 1, minor: 0)
        public static let http11 = HTTPVersion(major: 1, minor: 1)
    }

    public var hasBody: Bool { self != .noBody }

    /// Checks the header fields (name/value pairs as received, in order) for a request to
    /// `endpoint` and refuses (400):
    ///
    /// - a header name that is not a token, a value with control characters (Go: 400);
    /// - `Content-Length` together with `Transfer-Encoding` (Go lets chunked win; a framer
    ///   that trusts the length is smuggled past);
    /// - more than one `Content-Length`, or one that is not plain digits;
    /// - more than one `Transfer-Encoding`, or one other than `chunked`, and any on
    ///   HTTP/1.0 (where Go ignores it);
    /// - more than one `Content-Type` (dockerd reads the first, most proxies the last), or
    ///   one with non-ASCII bytes (Go's Unicode lower-casing turns `İ` into `i`);
    /// - a form body (`application/x-www-form-urlencoded`, `multipart/…`): Go merges its
    ///   values over the query string's for POST and PUT, and `/build` parses one on its own;
    /// - any body where dockerd reads none (`EndpointFacts.Body.none`): `start` applied it as
    ///   a HostConfig below API 1.24.
    public static func check(
        headers: [(name: String, value: String)], endpoint: Endpoint, version: RequestVersion,
        httpVersion: HTTPVersion = .http11
    ) -> Result<RequestFraming, Refusal> {
        var contentLengths: [String] = []
        var transferEncodings: [String] = []
        var contentTypes: [String] = []
        for (name, value) in headers {
            if let refusal = HeaderSyntax.refusal(name: name, value: value) { return .failure(refusal) }
            let trimmed = HeaderSyntax.trimmed(value)
            if HeaderSyntax.named(name, "Content-Length") { contentLengths.append(trimmed) }
            if HeaderSyntax.named(name, "Transfer-Encoding") { transferEncodings.append(trimmed) }
            if HeaderSyntax.named(name, "Content-Type") { contentTypes.append(trimmed) }
        }
        let framing: RequestFraming
        switch delimiting(contentLengths: contentLengths, transferEncodings: transferEncodings, httpVersion) {
        case .success(let delimited): framing = delimited
        case .failure(let refusal): return .failure(refusal)
        }
        if contentTypes.count > 1 {
            return .failure(
                Refusal(
                    .multipleContentType,
                    "the request has \(contentTypes.count) Content-Type headers; dockerd reads only the first, so send"
                        + " exactly one"))
        }
        if let contentType = contentTypes.first {
            if let refusal = contentTypeRefusal(contentType, hasBody: framing.hasBody) { return .failure(refusal) }
        }
        if framing.hasBody, endpoint.facts.body == .none {
            return .failure(unexpectedBody(endpoint: endpoint, version: version))
        }
        return .success(framing)
    }

    /// `check(headers:endpoint:version:httpVersion:)` for a classified request.
    public static func check(
        headers: [(name: String, value: String)], for request: ClassifiedRequest, httpVersion: HTTPVersion = .http11
    ) -> Result<RequestFraming, Refusal> {
        check(headers: headers, endpoint: request.endpoint, version: request.version, httpVersion: httpVersion)
    }

    private static func delimiting(
        contentLengths: [String], transferEncodings: [String], _ httpVersion: HTTPVersion
    ) -> Result<RequestFraming, Refusal> {
        if !contentLengths.isEmpty, !transferEncodings.isEmpty {
            return .failure(
                Refusal(
                    .contentLengthWithTransferEncoding,
                    "the request has both Content-Length and Transfer-Encoding; dockerd would ignore the length,"
                        + " so send exactly one of them"))
        }
        if contentLengths.count > 1 {
            return .failure(
                Refusal(
                    .multipleContentLength, "the request has \(contentLengths.count) Content-Length headers; send one"))
        }
        if transferEncodings.count > 1 {
            return .failure(
                Refusal(
                    .multipleTransferEncoding,
                    "the request has \(transferEncodings.count) Transfer-Encoding headers; send one (chunked)"))
        }
        if let encoding = transferEncodings.first {
            guard encoding.sameBytes(as: "chunked") else {
                return .failure(
                    Refusal(
                        .unsupportedTransferEncoding,
                        "the Transfer-Encoding \(Refusal.quoted(encoding)) is not supported; only \"chunked\" is"))
            }
            guard httpVersion.major > 1 || (httpVersion.major == 1 && httpVersion.minor >= 1) else {
                return .failure(
                    Refusal(
                        .unsupportedTransferEncoding,
                        "an HTTP/1.0 request cannot be chunked (dockerd would ignore Transfer-Encoding); use HTTP/1.1"))
            }
            return .success(.chunked)
        }
        guard let length = contentLengths.first else { return .success(.noBody) }
        guard !length.isEmpty, length.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = UInt64(length), value <= UInt64(Int64.max)
        else {
            return .failure(
                Refusal(
                    .invalidContentLength,
                    "the Content-Length \(Refusal.quoted(length)) is not a number of bytes"))
        }
        return .success(value == 0 ? .noBody : .contentLength(value))
    }

    private static func contentTypeRefusal(_ contentType: String, hasBody: Bool) -> Refusal? {
        guard contentType.utf8.allSatisfy({ $0 < 0x80 }) else {
            return Refusal(
                .invalidContentType,
                "the Content-Type \(Refusal.quoted(contentType)) contains non-ASCII characters; send a plain media type"
                    + " such as application/json")
        }
        let mediaType = HeaderSyntax.trimmed(String(contentType.split(separator: ";", maxSplits: 1).first ?? ""))
            .lowercased()
        guard hasBody, mediaType == "application/x-www-form-urlencoded" || mediaType.hasPrefix("multipart/") else {
            return nil
        }
        return Refusal(
            .formBody,
            "a form body (Content-Type: \(mediaType)) is refused: dockerd would read parameters from it ahead of"
                + " the query string; send parameters in the query string only")
    }

    private static func unexpectedBody(endpoint: Endpoint, version: RequestVersion) -> Refusal {
        guard endpoint == .containerStart else {
            return Refusal(
                .unexpectedBody, "dockerd reads no request body for \(endpoint); send the request without one")
        }
        let legacy =
            version.isBelow("1.24", daemonDefault: "1.24")
            ? "at API \(version) dockerd 20.10 would apply it as the container's HostConfig"
            : "old daemons apply it as the container's HostConfig at API versions below 1.24"
        return Refusal(
            .unexpectedBody,
            "container start takes no body (\(legacy)); set host options when creating the container")
    }
}
