import Foundation
import Policy
import Proxy
import Testing

/// The policy step of the gate in front of a daemon: bodies read in full and checked, facts
/// looked up on the gate's own connection, exactly the checked bytes forwarded, and nothing
/// of a refused request reaching the daemon.
@Suite struct PolicyGateTests {
    static func post(_ path: String, body: String, extraHeaders: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\n\(extraHeaders)"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func chunked(_ path: String, pieces: [String]) -> String {
        var request =
            "POST \(path) HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        for piece in pieces { request += String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n" }
        return request + "0\r\n\r\n"
    }

    @Test func aChunkedBodyIsForwardedAsTheCheckedBytesWithALength() async throws {
        let harness = try await ProxyHarness(gate: PolicyGate())
        let client = try await harness.client()
        let body = #"{"Image":"local/user:1","User":"1000","HostConfig":{"Privileged":false}}"#
        let pieces = [String(body.prefix(10)), String(body.dropFirst(10))]
        try await client.send(Self.chunked("/v1.41/containers/create", pieces: pieces))
        let text = await client.wait { $0.hasSuffix("}}") }
        #expect(text.hasPrefix("HTTP/1.1 201 Created\r\n"), "\(text)")
        #expect(text.contains("X-Seen-Content-Length: \(body.utf8.count)\r\n"), "\(text)")
        #expect(text.contains("X-Seen-Transfer-Encoding: \r\n"), "\(text)")
        #expect(text.hasSuffix("\r\n\r\n" + body), "\(text)")
        await client.close()
        await harness.shutdown()
    }

    static let refused: [(name: String, request: String, status: String, rule: String)] = [
        (
            "privileged",
            post("/v1.41/containers/create", body: #"{"Image":"x","User":"1000","HostConfig":{"Privileged":true}}"#),
            "403 Forbidden", "(rule no-privileged, profile baseline)"
        ),
        (
            "privileged, chunked",
            chunked(
                "/v1.41/containers/create",
                pieces: [#"{"Image":"x","User":"1000","#, #""HostConfig":{"privileged":true}}"#]),
            "403 Forbidden", "(rule no-privileged, profile baseline)"
        ),
        (
            "duplicate keys", post("/v1.41/containers/create", body: #"{"Image":"x","User":"1000","user":"0"}"#),
            "400 Bad Request", "(rule body.json)"
        ),
        (
            "trailing data", post("/v1.41/containers/create", body: #"{"Image":"x","User":"1000"} {"User":"0"}"#),
            "400 Bad Request", "(rule body.json)"
        ),
        ("no body", post("/v1.41/containers/create", body: ""), "403 Forbidden", "(rule valid-body, profile baseline)"),
        (
            "image runs as root", post("/v1.41/containers/create", body: #"{"Image":"local/root:1"}"#),
            "403 Forbidden", "(rule no-root-user, profile baseline)"
        ),
        (
            "image lookup fails", post("/v1.41/containers/create", body: #"{"Image":"local/broken:1"}"#),
            "502 Bad Gateway", "the image store is on fire (rule no-root-user, profile baseline)"
        ),
        (
            "exec as the container's root user", post("/v1.41/exec/e-root/start", body: #"{"Detach":true}"#),
            "403 Forbidden", "(rule no-root-user, profile baseline)"
        ),
        (
            "blocked endpoint", post("/v1.41/swarm/init", body: "{}"), "403 Forbidden",
            "(rule blocked-endpoints, profile baseline)"
        ),
    ]

    @Test(arguments: refused)
    func refusedWithoutReachingTheDaemon(name: String, request: String, status: String, rule: String) async throws {
        let harness = try await ProxyHarness(gate: PolicyGate())
        let client = try await harness.client()
        // A ping follows on the same connection: a refusal does not cost the client its connection.
        try await client.send(request + "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("\r\n\r\nOK") }
        #expect(text.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(name): \(text)")
        #expect(text.contains("{\"message\":\"dockgate: "), "\(name): \(text)")
        #expect(text.contains(rule), "\(name): \(text)")
        #expect(text.hasSuffix("\r\n\r\nOK"), "\(name): \(text)")
        // Only fact lookups and the ping reached the daemon.
        let seen = harness.daemon?.seen.map { "\($0.method.rawValue) \($0.uri)" } ?? []
        #expect(seen.allSatisfy { $0.hasPrefix("GET ") }, "\(name): \(seen)")
        await client.close()
        await harness.shutdown()
    }

    @Test func theImageUserIsLookedUpBeforeCreate() async throws {
        let harness = try await ProxyHarness(gate: PolicyGate())
        let client = try await harness.client()
        let body = #"{"Image":"local/user:1"}"#
        try await client.send(Self.post("/v1.41/containers/create", body: body))
        let text = await client.wait { $0.hasSuffix(body) }
        #expect(text.hasPrefix("HTTP/1.1 201 Created\r\n"), "\(text)")
        let seen = harness.daemon?.seen.map { "\($0.method.rawValue) \($0.uri)" } ?? []
        #expect(seen == ["GET /images/local/user:1/json", "POST /v1.41/containers/create"])
        await client.close()
        await harness.shutdown()
    }

    @Test func aBodyOverTheLimitIsRefusedAndTheConnectionGoesOn() async throws {
        let harness = try await ProxyHarness(gate: PolicyGate(inspectedBodyLimit: 1024))
        let client = try await harness.client()
        let padding = String(repeating: " ", count: 2000)
        try await client.send(
            Self.post(
                "/v1.41/containers/create", body: #"{"Image":"local/user:1","User":"1000"}"#.dropLast() + padding + "}")
                + "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("\r\n\r\nOK") }
        #expect(text.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"), "\(text)")
        #expect(text.contains("larger than the 1024 bytes dockgate inspects"), "\(text)")
        #expect(harness.daemon?.seen.map(\.uri) == ["/_ping"])
        await client.close()
        await harness.shutdown()
    }

    @Test func theProfileDecides() async throws {
        let harness = try await ProxyHarness(gate: PolicyGate(profile: .privileged))
        let client = try await harness.client()
        let body = #"{"Image":"local/root:1","HostConfig":{"Privileged":true}}"#
        try await client.send(Self.post("/v1.41/containers/create", body: body))
        let text = await client.wait { $0.hasSuffix(body) }
        #expect(text.hasPrefix("HTTP/1.1 201 Created\r\n"), "\(text)")
        await client.close()
        await harness.shutdown()
    }
}

/// Teams at the gate: the certificate's team decides, a team over its rate waits.
@Suite struct PolicyGateTeamTests {
    static func gate(_ yaml: String) throws -> PolicyGate {
        let policy = try PolicyDocument.parse(yaml, file: "teams.yaml")
        return PolicyGate(policy: policy, router: RequestRouter(), inspectedBodyLimit: 1 << 20)
    }

    @Test func aTeamOverItsRateGets429() async throws {
        let gate = try Self.gate(
            """
            apiVersion: dockgate/v1
            teams:
              - name: web
                match: [{uri: "spiffe://dockgate/team/web/*"}]
                role: operator
                rate: {perSecond: 1, burst: 2}
            """)
        let harness = try await ProxyHarness(gate: gate)
        let client = try await harness.client()
        let ping = "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n"
        try await client.send(ping + ping + ping)
        let text = await client.wait { $0.contains("429") && $0.hasSuffix("}\n") }
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(text)")
        #expect(text.contains("HTTP/1.1 429 Too Many Requests\r\n"), "\(text)")
        #expect(text.contains("team web is over its request rate of 1/s (burst 2)"), "\(text)")
        await client.close()
        await harness.shutdown()
    }

    /// A reload makes a new gate; the team's bucket is not refilled by it.
    @Test func aReloadDoesNotRefillTheBucket() async throws {
        let yaml = """
            apiVersion: dockgate/v1
            teams:
              - name: web
                match: [{uri: "spiffe://dockgate/team/web/*"}]
                role: operator
                rate: {perSecond: 1, burst: 5}
            """
        let teams = TeamState()
        func makeGate() throws -> PolicyGate {
            PolicyGate(
                policy: try PolicyDocument.parse(yaml, file: "teams.yaml"), router: RequestRouter(),
                inspectedBodyLimit: 1 << 20, teams: teams)
        }
        let gate = ReloadableGate(try makeGate())
        let harness = try await ProxyHarness(gate: gate)
        let client = try await harness.client()
        let ping = "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n"
        try await client.send(String(repeating: ping, count: 5))
        _ = await client.wait { $0.components(separatedBy: "HTTP/1.1 200 OK").count == 6 }
        gate.replace(with: try makeGate())
        // A fresh bucket would take five more; the shared one only what a second refills.
        try await client.send(String(repeating: ping, count: 5))
        let text = await client.wait { $0.contains("429") && $0.hasSuffix("}\n") }
        #expect(text.contains("HTTP/1.1 429 Too Many Requests\r\n"), "\(text)")
        await client.close()
        await harness.shutdown()
    }

    @Test func aCertificateOfNoTeamIsRefused() async throws {
        let gate = try Self.gate(
            """
            apiVersion: dockgate/v1
            teams:
              - name: data
                match: [{OU: data}]
                role: admin
            """)
        let harness = try await ProxyHarness(gate: gate)
        let client = try await harness.client()
        try await client.send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        let text = await client.wait { $0.hasSuffix("}\n") }
        #expect(text.hasPrefix("HTTP/1.1 403 Forbidden\r\n"), "\(text)")
        #expect(text.contains("(rule team-match)"), "\(text)")
        #expect(harness.daemon?.seen.isEmpty == true)
        await client.close()
        await harness.shutdown()
    }
}

/// Rollout modes: a `warn` or `dry-run` profile lets its denials through, saying so.
@Suite struct PolicyGateRolloutTests {
    @Test(arguments: ["warn", "dry-run"])
    func aDenialIsLetThrough(mode: String) async throws {
        let policy = try PolicyDocument.parse(
            """
            apiVersion: dockgate/v1
            profile: trial
            profiles:
              trial:
                extends: baseline
                mode: \(mode)
            """, file: "p.yaml")
        let harness = try await ProxyHarness(
            gate: PolicyGate(policy: policy, router: RequestRouter(), inspectedBodyLimit: 1 << 20))
        let client = try await harness.client()
        let body = #"{"Image":"local/user:1","User":"1000","HostConfig":{"Privileged":true}}"#
        try await client.send(PolicyGateTests.post("/v1.41/containers/create", body: body))
        let text = await client.wait { $0.hasSuffix(body) }
        #expect(text.hasPrefix("HTTP/1.1 201 Created\r\n"), "\(text)")
        #expect(
            text.contains("Warning: 299 dockgate \"would be denied: dockgate: privileged containers are not allowed")
                == (mode == "warn"), "\(text)")
        await client.close()
        await harness.shutdown()
    }
}
