import Foundation
import TestSupport
import Testing

/// The request-level tricks of docker-api-surface.md §1–§2, sent byte for byte over mutual TLS
/// to the real binary in front of a fake daemon: each is refused with a message naming the
/// rule, and none reaches the daemon. (The fake daemon answers every fact lookup with an
/// echo, which reads as an image without a user, so creates here always name a user.)
@Suite("request tricks")
struct RequestTrickTests {
    struct Trick: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let status: String
        let rule: String
        var testDescription: String { name }

        init(_ name: String, _ request: String, _ status: String, rule: String) {
            self.init(name, bytes: Array(request.utf8), status, rule: rule)
        }

        init(_ name: String, bytes: [UInt8], _ status: String, rule: String) {
            self.name = name
            self.bytes = bytes
            self.status = status
            self.rule = rule
        }
    }

    static func post(_ target: String, _ body: String, headers: String = "") -> String {
        post(target, bytes: Array(body.utf8), headers: headers)
    }

    static func post(_ target: String, bytes body: [UInt8], headers: String = "") -> String {
        "POST \(target) HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Type: application/json\r\n\(headers)"
            + "Content-Length: \(body.count)\r\n\r\n" + String(decoding: body, as: UTF8.self)
    }

    static func postBytes(_ target: String, _ body: [UInt8]) -> [UInt8] {
        Array(
            "POST \(target) HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
                .utf8) + body
    }

    static let create = "/v1.41/containers/create"
    static let forbidden = "403 Forbidden"
    static let badRequest = "400 Bad Request"

    static let tricks: [Trick] = [
        Trick(
            "lower-case keys", post(create, #"{"image":"x","user":"1000","hostconfig":{"privileged":true}}"#),
            forbidden, rule: "no-privileged"),
        Trick(
            "upper-case keys", post(create, #"{"IMAGE":"x","USER":"1000","HOSTCONFIG":{"PRIVILEGED":true}}"#),
            forbidden, rule: "no-privileged"),
        Trick(
            "\\u escapes in a key",
            post(create, #"{"Image":"x","User":"1000","HostConfig":{"\u0050rivileged":true}}"#), forbidden,
            rule: "no-privileged"),
        Trick(
            "K folded as U+212A",
            post(create, #"{"Image":"x","User":"1000","HostConfig":{"Networ\u212Amode":"host"}}"#),
            forbidden, rule: "no-host-network"),
        Trick(
            "s folded as U+017F", post(create, #"{"Image":"x","User":"1000","HostConfig":{"Bind\u017f":["/:/host"]}}"#),
            forbidden, rule: "no-host-mounts"),
        Trick(
            "duplicate keys", post(create, #"{"Image":"x","User":"1000","user":"0"}"#), badRequest, rule: "body.json"),
        Trick(
            "duplicate objects",
            post(create, #"{"Image":"x","User":"1000","HostConfig":{},"hostConfig":{"Privileged":true}}"#),
            badRequest, rule: "body.json"),
        Trick(
            "top-level HostConfig field", post(create, #"{"Image":"x","User":"1000","Privileged":true}"#), forbidden,
            rule: "no-privileged"),
        Trick(
            "top-level field beside a null HostConfig",
            post(create, #"{"Image":"x","User":"1000","HostConfig":null,"CapAdd":["SYS_ADMIN"]}"#), forbidden,
            rule: "no-cap-add"),
        Trick(
            "HostConfig fields both inside and at the top level",
            post(create, #"{"Image":"x","User":"1000","HostConfig":{"Memory":1},"Binds":["/:/host"]}"#), forbidden,
            rule: "valid-body"),
        Trick(
            "null user falls back to the image's", post(create, #"{"Image":"x","User":null}"#), forbidden,
            rule: "no-root-user"),
        Trick(
            "MaskedPaths [] unmasks /proc",
            post(create, #"{"Image":"x","User":"1000","HostConfig":{"MaskedPaths":[]}}"#), forbidden,
            rule: "no-unconfined-security"),
        Trick(
            "start with a HostConfig body on an old version",
            post("/v1.23/containers/x/start", #"{"Privileged":true}"#),
            badRequest, rule: "version.below-minimum"),
        Trick(
            "start with a body on a current version", post("/v1.41/containers/x/start", #"{"Privileged":true}"#),
            badRequest, rule: "body."),
        Trick(
            "version with a leading zero",
            post("/v1.041/containers/create", #"{"Image":"x","User":"1000","HostConfig":{"Privileged":true}}"#),
            forbidden, rule: "no-privileged"),
        Trick(
            "percent-encoded path",
            post("/v1.41/containers/%63reate", #"{"Image":"x","User":"1000","Privileged":true}"#),
            forbidden, rule: "no-privileged"),
        Trick(
            "encoded slash", post("/v1.41/containers%2Fcreate", #"{"Image":"x","User":"1000"}"#), badRequest,
            rule: "path.encoded-slash"),
        Trick(
            "Content-Length and Transfer-Encoding",
            "POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            badRequest, rule: "http.malformed"),
        Trick(
            "chunked body",
            "POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1a\r\n{\"Image\":\"x\",\"User\":\"1000\"\r\n"
                + "22\r\n,\"HostConfig\":{\"Privileged\":true}}\r\n0\r\n\r\n",
            forbidden, rule: "no-privileged"),
        Trick(
            "body over the inspected limit",
            post(
                create,
                #"{"Image":"x","User":"1000","Labels":{"pad":""# + String(repeating: "a", count: 1 << 20)
                    + #""},"HostConfig":{"Privileged":true}}"#),
            "413 Payload Too Large", rule: "body.too-large"),
        Trick(
            "form body on build",
            "POST /v1.41/build HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 16\r\n\r\nnetworkmode=host",
            badRequest, rule: "body.form"),
        Trick(
            "byte order mark",
            bytes: postBytes(create, [0xEF, 0xBB, 0xBF] + Array(#"{"Image":"x","User":"1000"}"#.utf8)),
            badRequest, rule: "body.json"),
        Trick(
            "invalid UTF-8",
            bytes: postBytes(
                create, Array(#"{"Image":"x","User":"1000","Labels":{"a":""#.utf8) + [0xFF] + Array(#""}}"#.utf8)),
            badRequest, rule: "body.json"),
        Trick(
            "data after the value", post(create, #"{"Image":"x","User":"1000"}{"User":"0"}"#), badRequest,
            rule: "body.json"),
        Trick(
            "lower-case method",
            "post /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
            badRequest, rule: "http.malformed"),
        Trick(
            "attach without Upgrade (dockerd would read raw stdin after a 200)",
            "POST /v1.41/containers/x/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n",
            badRequest, rule: "http.upgrade-required"),
        Trick(
            "attach with Upgrade but no Connection: Upgrade (dockerd switches, the HTTP parser does not)",
            "POST /v1.41/containers/x/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: d\r\nUpgrade: tcp\r\nConnection: close\r\n\r\n",
            badRequest, rule: "http.upgrade-required"),
        Trick(
            "exec start with Upgrade but no Connection: Upgrade",
            post("/v1.41/exec/abc/start", #"{"Detach":false,"Tty":false}"#, headers: "Upgrade: tcp\r\n"), badRequest,
            rule: "http.upgrade-required"),
        Trick(
            "exec start without Upgrade and without Detach",
            post("/v1.41/exec/abc/start", #"{"Detach":false,"Tty":false}"#), badRequest,
            rule: "http.upgrade-required"),
        Trick(
            "privileged exec, lower-case key",
            post("/v1.41/containers/x/exec", #"{"Cmd":["id"],"User":"1000","privileged":true}"#),
            forbidden, rule: "no-privileged"),
    ]

    @Test(arguments: tricks)
    func refusedBeforeTheDaemon(_ trick: Trick) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()
        let (result, outcome) = try await bed.pythonTLSRaw(server, client: alice, sending: trick.bytes)
        #expect(outcome.received.hasPrefix("HTTP/1.1 \(trick.status)\r\n"), "\(result)")
        #expect(outcome.received.contains(#"{"message":"dockgate: "#), "\(result)")
        #expect(outcome.received.contains("(rule \(trick.rule)"), "\(result)")
        // Fact lookups may have asked the daemon; the request itself never reached it.
        let reached = try await bed.fakeDaemon().requests.filter { !$0.hasPrefix("GET ") }
        #expect(reached.isEmpty, "reached the daemon: \(reached)")
        await server.stop()
    }
}
