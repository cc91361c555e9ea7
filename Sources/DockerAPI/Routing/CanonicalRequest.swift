/// A request line as dockerd's router will see it, after the gate has made sure that the
/// daemon would route it as sent: no redirect, no ambiguity about segments, the version
/// prefix split off and within range, the query parsed as Go parses it.
///
/// Made by `CanonicalRequest.canonicalise(method:target:configuration:)`; classified by
/// `RouteTable.classify(_:)`.
public struct CanonicalRequest: Sendable, Hashable {
    public let method: HTTPMethod
    /// The request-target exactly as received.
    public let rawTarget: String
    /// The percent-decoded path, version prefix included: what gorilla/mux matches
    /// (`r.URL.Path`). Always clean: `path.Clean` would not change it.
    public let path: String
    /// The `/vX.Y` prefix, or `.unversioned`.
    public let version: RequestVersion
    /// The decoded segments after the version prefix: `/v1.41/images/library/x:1/json`
    /// gives `["images", "library", "x:1", "json"]`. None is empty, `.` or `..`, none holds
    /// a `/`.
    public let segments: [String]
    /// The query string, parsed as `url.ParseQuery` does.
    public let query: QueryParameters

    public init(
        method: HTTPMethod, rawTarget: String, path: String, version: RequestVersion, segments: [String],
        query: QueryParameters
    ) {
        self.method = method
        self.rawTarget = rawTarget
        self.path = path
        self.version = version
        self.segments = segments
        self.query = query
    }

    /// Checks a method and request-target the way Go's `net/http` and gorilla/mux (as
    /// dockerd configures them: decoded path, path cleaning on, no `UseEncodedPath`) would
    /// read them, and refuses (400) everything dockerd would redirect, misroute, or that the
    /// gate and the daemon could read differently:
    ///
    /// - methods other than the six dockerd routes, in upper case;
    /// - targets not in origin form: `*`, `http://host/…`, `unix:/…`, anything not starting
    ///   with `/` (Go accepts absolute-form and `scheme:/path` and routes by the path alone);
    /// - raw bytes outside visible ASCII, and `#` (Go keeps it in the path);
    /// - an invalid `%` escape (Go: 400), an encoded `/` (`%2F`, which Go decodes into a real
    ///   separator), decoded control characters or invalid UTF-8;
    /// - empty, `.` and `..` segments, literal or encoded (mux answers 301 and runs nothing),
    ///   and a trailing `/` (no route but `GET /networks/` and `/debug/pprof/` has one; the
    ///   docker CLI never sends it);
    /// - a `/vX.Y` prefix outside the configured range;
    /// - a query that `url.ParseQuery` would fail or truncate.
    public static func canonicalise(
        method: String, target: String, configuration: RoutingConfiguration = RoutingConfiguration()
    ) -> Result<CanonicalRequest, Refusal> {
        let parsedMethod: HTTPMethod
        switch HTTPMethod.parse(method) {
        case .success(let known): parsedMethod = known
        case .failure(let refusal): return .failure(refusal)
        }
        let bytes = Array(target.utf8)
        if let refusal = RequestTarget.formRefusal(bytes) { return .failure(refusal) }

        let questionMark = bytes.firstIndex(of: UInt8(ascii: "?"))
        let rawPath = bytes[..<(questionMark ?? bytes.endIndex)]
        let decoded: [String]
        switch RequestTarget.decodeSegments(rawPath) {
        case .success(let segments): decoded = segments
        case .failure(let refusal): return .failure(refusal)
        }

        var version = RequestVersion.unversioned
        var segments = decoded[...]
        if decoded.count >= 2, let prefixed = RequestTarget.versionPrefix(decoded[0]) {
            if let refusal = configuration.refusal(for: prefixed) { return .failure(refusal) }
            version = .versioned(prefixed)
            segments = decoded.dropFirst()
        }

        var query = QueryParameters()
        if let questionMark {
            let rawQuery = String(decoding: bytes[bytes.index(after: questionMark)...], as: UTF8.self)
            switch QueryParameters.parse(rawQuery, maximumCount: configuration.maximumQueryParameters) {
            case .success(let parsed): query = parsed
            case .failure(let refusal): return .failure(refusal)
            }
        }
        return .success(
            CanonicalRequest(
                method: parsedMethod, rawTarget: target, path: "/" + decoded.joined(separator: "/"),
                version: version, segments: Array(segments), query: query))
    }
}
