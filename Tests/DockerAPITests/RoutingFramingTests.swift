import DockerAPI
import Testing

/// Framing guards: the gate and Go's `net/http` must agree on where a body ends, and the
/// daemon must read a body only where and how the gate inspects it (docker-api-surface.md
/// §1.4, §1.5, §3.4; issue 4 item 2).
@Suite("Request framing guards")
struct RoutingFramingTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let headers: [Header]
        let endpoint: Endpoint
        let version: RequestVersion
        let httpVersion: RequestFraming.HTTPVersion
        let expected: Expected
        var testDescription: String { name }

        init(
            _ name: String, _ headers: [Header], _ endpoint: Endpoint, version: RequestVersion = .unversioned,
            http: RequestFraming.HTTPVersion = .http11, _ expected: Expected
        ) {
            self.name = name
            self.headers = headers
            self.endpoint = endpoint
            self.version = version
            self.httpVersion = http
            self.expected = expected
        }
    }

    struct Header: Sendable {
        let name: String
        let value: String
        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    enum Expected: Sendable {
        case framing(RequestFraming)
        case refused(Refusal.Code)
    }

    static let json = Header("Content-Type", "application/json")

    static let rows: [Row] = [
        Row("no body headers", [], .containerList, .framing(.noBody)),
        Row("Content-Length: 0 on start", [Header("Content-Length", "0")], .containerStart, .framing(.noBody)),
        Row("JSON create", [json, Header("Content-Length", "120")], .containerCreate, .framing(.contentLength(120))),
        Row(
            "chunked tar build", [Header("Content-Type", "application/x-tar"), Header("Transfer-Encoding", "chunked")],
            .build, .framing(.chunked)),
        Row(
            "chunked JSON create", [json, Header("Transfer-Encoding", "chunked")], .containerCreate, .framing(.chunked)),
        Row("exec start body", [json, Header("Content-Length", "32")], .execStart, .framing(.contentLength(32))),
        Row(
            "spaces around the length", [Header("Content-Length", " 12 ")], .containerCreate,
            .framing(.contentLength(12))),
        Row("lower-case names", [Header("content-length", "5")], .containerCreate, .framing(.contentLength(5))),
        Row(
            "text/plain attach without body (the CLI)", [Header("Content-Type", "text/plain")], .containerAttach,
            .framing(.noBody)),
        // CL + TE: Go lets chunked win.
        Row(
            "Content-Length and Transfer-Encoding",
            [Header("Content-Length", "5"), Header("Transfer-Encoding", "chunked")],
            .containerCreate, .refused(.contentLengthWithTransferEncoding)),
        Row(
            "Transfer-Encoding then Content-Length",
            [Header("transfer-encoding", "chunked"), Header("CONTENT-LENGTH", "0")],
            .containerCreate, .refused(.contentLengthWithTransferEncoding)),
        // Content-Length values.
        Row(
            "two equal lengths", [Header("Content-Length", "5"), Header("Content-Length", "5")], .containerCreate,
            .refused(.multipleContentLength)),
        Row("a length list", [Header("Content-Length", "5, 5")], .containerCreate, .refused(.invalidContentLength)),
        Row("negative length", [Header("Content-Length", "-1")], .containerCreate, .refused(.invalidContentLength)),
        Row("signed length", [Header("Content-Length", "+5")], .containerCreate, .refused(.invalidContentLength)),
        Row("hex length", [Header("Content-Length", "0x10")], .containerCreate, .refused(.invalidContentLength)),
        Row("empty length", [Header("Content-Length", "")], .containerCreate, .refused(.invalidContentLength)),
        Row("exponent length", [Header("Content-Length", "1e3")], .containerCreate, .refused(.invalidContentLength)),
        Row(
            "huge length", [Header("Content-Length", "99999999999999999999")], .containerCreate,
            .refused(.invalidContentLength)),
        Row(
            "length past int63", [Header("Content-Length", "9223372036854775808")], .containerCreate,
            .refused(.invalidContentLength)),
        // Transfer-Encoding values.
        Row(
            "Chunked (not exactly chunked)", [Header("Transfer-Encoding", "Chunked")], .build,
            .refused(.unsupportedTransferEncoding)),
        Row(
            "gzip, chunked", [Header("Transfer-Encoding", "gzip, chunked")], .build,
            .refused(.unsupportedTransferEncoding)),
        Row("identity", [Header("Transfer-Encoding", "identity")], .build, .refused(.unsupportedTransferEncoding)),
        Row(
            "two Transfer-Encoding headers",
            [Header("Transfer-Encoding", "chunked"), Header("Transfer-Encoding", "chunked")],
            .build, .refused(.multipleTransferEncoding)),
        Row(
            "chunked on HTTP/1.0 (Go ignores it)", [Header("Transfer-Encoding", "chunked")], .build, http: .http10,
            .refused(.unsupportedTransferEncoding)),
        // Content-Type.
        Row("two identical Content-Types", [json, json], .containerCreate, .refused(.multipleContentType)),
        Row(
            "Content-Type twice, any case",
            [Header("content-type", "application/json"), Header("Content-Type", "text/plain")],
            .containerCreate, .refused(.multipleContentType)),
        Row(
            "two Content-Types, no body", [json, Header("Content-Type", "text/plain")], .containerList,
            .refused(.multipleContentType)),
        Row(
            "non-ASCII Content-Type (Go lower-cases İ to i)",
            [Header("Content-Type", "appl\u{0130}cation/x-www-form-urlencoded"), Header("Content-Length", "9")],
            .build, .refused(.invalidContentType)),
        // Form bodies: Go merges them over the query.
        Row(
            "form body on kill",
            [Header("Content-Type", "application/x-www-form-urlencoded"), Header("Content-Length", "11")],
            .containerKill, .refused(.formBody)),
        Row(
            "form body on build, with charset, chunked",
            [
                Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                Header("Transfer-Encoding", "chunked"),
            ],
            .build, .refused(.formBody)),
        Row(
            "form type in mixed case",
            [Header("Content-Type", " Application/X-WWW-Form-Urlencoded "), Header("Content-Length", "3")],
            .imageTag, .refused(.formBody)),
        Row(
            "multipart body on build",
            [Header("Content-Type", "multipart/form-data; boundary=x"), Header("Content-Length", "90")],
            .build, .refused(.formBody)),
        Row(
            "multipart body on build cancel",
            [Header("Content-Type", "multipart/mixed"), Header("Content-Length", "90")],
            .buildCancel, .refused(.formBody)),
        Row(
            "form body with malformed parameters (Go still parses it)",
            [Header("Content-Type", "application/x-www-form-urlencoded;;="), Header("Content-Length", "9")],
            .imageCreate, .refused(.formBody)),
        Row(
            "form type without a body",
            [Header("Content-Type", "application/x-www-form-urlencoded"), Header("Content-Length", "0")],
            .containerKill, .framing(.noBody)),
        // Bodies where dockerd reads none.
        Row(
            "start with a HostConfig body", [json, Header("Content-Length", "40")], .containerStart,
            .refused(.unexpectedBody)),
        Row(
            "start with a chunked body", [json, Header("Transfer-Encoding", "chunked")], .containerStart,
            .refused(.unexpectedBody)),
        Row(
            "start with a 7-byte body (ignored by dockerd, refused anyway)", [Header("Content-Length", "7")],
            .containerStart,
            .refused(.unexpectedBody)),
        Row("GET with a body", [Header("Content-Length", "5")], .containerList, .refused(.unexpectedBody)),
        Row("attach with a body", [Header("Content-Length", "5")], .containerAttach, .refused(.unexpectedBody)),
        Row("session with a body", [Header("Transfer-Encoding", "chunked")], .session, .refused(.unexpectedBody)),
        Row(
            "kill with a text body", [Header("Content-Type", "text/plain"), Header("Content-Length", "4")],
            .containerKill,
            .refused(.unexpectedBody)),
        Row("unknown endpoint with a body", [Header("Content-Length", "5")], .unknown, .refused(.unexpectedBody)),
        // Header syntax Go refuses.
        Row("space in a header name", [Header("Content-Length ", "5")], .containerCreate, .refused(.invalidHeader)),
        Row("empty header name", [Header("", "x")], .containerCreate, .refused(.invalidHeader)),
        Row("CR in a value", [Header("X-Registry-Auth", "a\rb")], .imagePush, .refused(.invalidHeader)),
        Row(
            "NUL in a value", [Header("Content-Type", "application/json\u{0}")], .containerCreate,
            .refused(.invalidHeader)),
        Row("tab in a value is fine", [Header("User-Agent", "a\tb")], .containerList, .framing(.noBody)),
    ]

    @Test("framing decided or refused with 400", arguments: rows)
    func framing(_ row: Row) {
        let result = RequestFraming.check(
            headers: row.headers.map { ($0.name, $0.value) }, endpoint: row.endpoint, version: row.version,
            httpVersion: row.httpVersion)
        switch (result, row.expected) {
        case (.success(let framing), .framing(let expected)):
            #expect(framing == expected)
        case (.failure(let refusal), .refused(let code)):
            #expect(refusal.code == code)
            #expect(refusal.status == 400)
        default:
            Issue.record("\(row.name): got \(result), expected \(row.expected)")
        }
    }

    @Test("the start refusal says why, for legacy and current API versions")
    func startMessage() throws {
        let headers = [("Content-Type", "application/json"), ("Content-Length", "40")]
        let legacy = try #require(
            RequestFraming.check(headers: headers, endpoint: .containerStart, version: .versioned("1.23")).failure)
        #expect(legacy.message.contains("at API 1.23 dockerd 20.10 would apply it as the container's HostConfig"))
        let current = try #require(
            RequestFraming.check(headers: headers, endpoint: .containerStart, version: .versioned("1.41")).failure)
        #expect(current.message.contains("HostConfig at API versions below 1.24"))
        let other = try #require(
            RequestFraming.check(headers: headers, endpoint: .containerKill, version: .unversioned).failure)
        #expect(other.message == "dockerd reads no request body for container.kill; send the request without one")
    }

    @Test("the form refusal tells the user where parameters belong")
    func formMessage() throws {
        let refusal = try #require(
            RequestFraming.check(
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "8")],
                endpoint: .build,
                version: .unversioned
            ).failure)
        #expect(refusal.message.contains("send parameters in the query string only"))
    }

    @Test("a classified request carries its endpoint and version into the check")
    func classified() throws {
        let start = try RoutingTest.classify("POST /v1.41/containers/web/start")
        let refusal = try #require(RequestFraming.check(headers: [("Content-Length", "2")], for: start).failure)
        #expect(refusal.code == .unexpectedBody)
        let create = try RoutingTest.classify("POST /v1.41/containers/create?name=web")
        #expect(try RequestFraming.check(headers: [("Content-Length", "2")], for: create).get() == .contentLength(2))
    }
}
