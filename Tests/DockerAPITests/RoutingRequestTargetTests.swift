import DockerAPI
import Testing

/// The request-target: every path trick of docker-api-surface.md §1.3/§1.4 is either read
/// exactly as gorilla/mux reads it (decoded, clean) or refused with 400.
@Suite("Request target canonicalisation")
struct RoutingRequestTargetTests {
    struct Refused: Sendable, CustomTestStringConvertible {
        let target: String
        let code: Refusal.Code
        var testDescription: String { "\(target) → \(code.rawValue)" }
    }

    static let refused: [Refused] = [
        // Not origin form. Go accepts the first three and routes by their path alone.
        Refused(target: "http://evil/v1.41/containers/create", code: .notOriginForm),
        Refused(target: "unix:/v1.41/containers/create", code: .notOriginForm),
        Refused(target: "HTTPS://x/_ping", code: .notOriginForm),
        Refused(target: "v1.41/containers/json", code: .notOriginForm),
        Refused(target: "localhost:2376", code: .notOriginForm),
        Refused(target: "*", code: .asteriskForm),
        Refused(target: "", code: .emptyTarget),
        // mux would clean these and answer 301 without running anything.
        Refused(target: "//v1.41/containers/create", code: .emptySegment),
        Refused(target: "/v1.41//version", code: .emptySegment),
        Refused(target: "/containers//json", code: .emptySegment),
        Refused(target: "/v1.41/./version", code: .dotSegment),
        Refused(target: "/v1.41/foo/../version", code: .dotSegment),
        Refused(target: "/v1.41/%2e%2e/version", code: .dotSegment),
        Refused(target: "/v1.41/%2E/version", code: .dotSegment),
        Refused(target: "/..", code: .dotSegment),
        Refused(target: "/.", code: .dotSegment),
        Refused(target: "/containers/x/..", code: .dotSegment),
        // An encoded slash becomes a separator once decoded.
        Refused(target: "/containers/%2Fabc/json", code: .encodedSlash),
        Refused(target: "/containers/a%2fb/json", code: .encodedSlash),
        Refused(target: "/images/library%2Fubuntu/json", code: .encodedSlash),
        // Trailing slash: a different route or none.
        Refused(target: "/version/", code: .trailingSlash),
        Refused(target: "/v1.41/", code: .trailingSlash),
        Refused(target: "/containers/json/", code: .trailingSlash),
        Refused(target: "/networks/", code: .trailingSlash),
        Refused(target: "/debug/pprof/", code: .trailingSlash),
        Refused(target: "/containers/x/?force=1", code: .trailingSlash),
        // Decoded control characters and invalid UTF-8.
        Refused(target: "/v1.41/containers/x%00/json", code: .controlCharacter),
        Refused(target: "/containers/x%0A/json", code: .controlCharacter),
        Refused(target: "/containers/x%0d/json", code: .controlCharacter),
        Refused(target: "/containers/x%7F/json", code: .controlCharacter),
        Refused(target: "/containers/%FF/json", code: .invalidUTF8),
        Refused(target: "/containers/%C0%AF/json", code: .invalidUTF8),
        Refused(target: "/containers/%ED%A0%80/json", code: .invalidUTF8),
        // Escapes Go refuses (400 "invalid URL escape").
        Refused(target: "/containers/a%/json", code: .invalidPercentEncoding),
        Refused(target: "/containers/a%zz/json", code: .invalidPercentEncoding),
        Refused(target: "/containers/a%4", code: .invalidPercentEncoding),
        // Raw bytes a Go client always escapes.
        Refused(target: "/containers/a b/json", code: .invalidCharacter),
        Refused(target: "/containers/a\tb/json", code: .invalidCharacter),
        Refused(target: "/containers/\u{7F}/json", code: .invalidCharacter),
        Refused(target: "/containers/é/json", code: .invalidCharacter),
        Refused(target: "/containers/a#b/json", code: .invalidCharacter),
        Refused(target: "/_ping#fragment", code: .invalidCharacter),
        Refused(target: "/_ping?x=#", code: .invalidCharacter),
    ]

    @Test("refused with 400", arguments: refused)
    func refusedTarget(_ row: Refused) throws {
        let refusal = try #require(RoutingTest.refusal("GET \(row.target)"))
        #expect(refusal.code == row.code)
        #expect(refusal.status == 400)
        #expect(!refusal.message.isEmpty)
    }

    struct Accepted: Sendable, CustomTestStringConvertible {
        let target: String
        let path: String
        let segments: [String]
        var testDescription: String { target }
    }

    static let accepted: [Accepted] = [
        Accepted(target: "/v1.41/%76ersion", path: "/v1.41/version", segments: ["version"]),
        Accepted(target: "/_ping", path: "/_ping", segments: ["_ping"]),
        Accepted(target: "/", path: "/", segments: []),
        Accepted(
            target: "/containers/a%20b/json", path: "/containers/a b/json", segments: ["containers", "a b", "json"]),
        Accepted(
            target: "/containers/a+b/json", path: "/containers/a+b/json", segments: ["containers", "a+b", "json"]),
        Accepted(
            target: "/containers/a%2Bb/json", path: "/containers/a+b/json", segments: ["containers", "a+b", "json"]),
        Accepted(target: "/info;x=1", path: "/info;x=1", segments: ["info;x=1"]),
        Accepted(
            target: "/containers/..a/json", path: "/containers/..a/json", segments: ["containers", "..a", "json"]),
        Accepted(
            target: "/containers/.../json", path: "/containers/.../json", segments: ["containers", "...", "json"]),
        Accepted(target: "/containers/%C3%A9/json", path: "/containers/é/json", segments: ["containers", "é", "json"]),
        Accepted(
            target: "/containers/a%3Fb/json", path: "/containers/a?b/json", segments: ["containers", "a?b", "json"]),
        Accepted(
            target: "/containers/a%23b/json", path: "/containers/a#b/json", segments: ["containers", "a#b", "json"]),
        Accepted(
            target: "/v1.41/images/docker.io/library/busybox:latest/json",
            path: "/v1.41/images/docker.io/library/busybox:latest/json",
            segments: ["images", "docker.io", "library", "busybox:latest", "json"]),
        Accepted(target: "/_ping?", path: "/_ping", segments: ["_ping"]),
        Accepted(target: "/_ping?a=1?b=2", path: "/_ping", segments: ["_ping"]),
    ]

    @Test("accepted, decoded as mux decodes r.URL.Path", arguments: accepted)
    func acceptedTarget(_ row: Accepted) throws {
        let request = try CanonicalRequest.canonicalise(method: "GET", target: row.target).get()
        #expect(request.path == row.path)
        #expect(request.segments == row.segments)
        #expect(request.rawTarget == row.target)
    }

    @Test("only the first ? starts the query; a second one is part of a value")
    func queryStart() throws {
        let request = try CanonicalRequest.canonicalise(method: "GET", target: "/_ping?a=1?b=2").get()
        #expect(request.query.items == [QueryItem(name: "a", value: "1?b=2")])
    }

    @Test("an encoded ; in the path is data, a raw ; in the query is refused")
    func semicolons() throws {
        #expect(try RoutingTest.classify("GET /info").endpoint == .systemInfo)
        #expect(try RoutingTest.classify("GET /info;x=1").endpoint == .unknown)
        #expect(RoutingTest.refusal("GET /info?x=1;y=2")?.code == .querySemicolon)
    }
}
