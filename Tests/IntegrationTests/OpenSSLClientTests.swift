import Foundation
import Testing

/// `openssl s_client`, the reference TLS client, against the real binary: a good client gets
/// through to the daemon and is identified by its subject; no certificate and TLS < 1.2 are
/// refused; sessions resume under both TLS versions; ALPN picks http/1.1.
@Suite(.timeLimit(.minutes(2)))
struct OpenSSLClientTests {
    @Test("a client with a certificate gets through to the daemon")
    func authenticatedRequest() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice", team: "web")
        let server = try await bed.startServer()

        let session = try await bed.sClient(server, client: alice)

        #expect(session.result.standardOutput.contains("Verify return code: 0 (ok)"), "\(session)")
        #expect(session.result.standardOutput.contains("TLSv1.3"), "\(session)")
        await expectThroughGate(session, client: alice, server: server)
        await server.stop()
    }

    @Test("a client without a certificate is refused", arguments: ["-tls1_2", "-tls1_3"])
    func noClientCertificate(version: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let server = try await bed.startServer()

        let session = try await bed.sClient(server, client: nil, arguments: [version])

        expectStoppedAtHandshake(session, server: server)
        #expect(session.result.combinedOutput.contains("alert"), "s_client shows no TLS alert:\n\(session)")
        let refusal = await server.waitForLogLine(containing: ["TLS handshake refused", "client sent no certificate"])
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")
        await server.stop()
    }

    @Test("TLS 1.0 and 1.1 are refused and the server keeps serving", arguments: ["-tls1", "-tls1_1"])
    func oldProtocolVersion(version: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()

        // OpenSSL 3 will not even offer TLS < 1.2 at its default security level.
        let old = try await bed.sClient(server, client: alice, arguments: [version, "-cipher", "DEFAULT@SECLEVEL=0"])

        #expect(old.result.status != 0, "s_client \(version) did not fail:\n\(old)")
        #expect(old.result.combinedOutput.contains("alert protocol version"), "\(old)")
        expectStoppedAtHandshake(old, server: server)
        let refusal = await server.waitForLogLine(containing: [
            "TLS handshake refused", "reason=handshake failed: unsupported protocol",
        ])
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")

        let good = try await bed.sClient(server, client: alice)
        await expectThroughGate(good, client: alice, server: server)
        await server.stop()
    }

    /// Resumption is stateful: TLS 1.2 resumes by session id from the server's cache, also for
    /// a client that asks for tickets (none is issued); TLS 1.3 by tickets that only name an
    /// entry of that cache.
    @Test(
        "a session saved with -sess_out resumes with -sess_in",
        arguments: [("1.2", "tickets"), ("1.2", "session ids"), ("1.3", "tickets")])
    func sessionResumption(version: String, mechanism: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()
        let sessionFile = bed.path("session.pem")
        let flags = [version == "1.2" ? "-tls1_2" : "-tls1_3"] + (mechanism == "session ids" ? ["-no_ticket"] : [])

        let first = try await bed.sClient(server, client: alice, arguments: flags + ["-sess_out", sessionFile])
        #expect(first.result.standardOutput.contains("New, TLSv\(version)"), "\(first)")
        if version == "1.2" {
            #expect(
                !first.result.standardOutput.contains("TLS session ticket:"), "a TLS 1.2 ticket was issued:\n\(first)")
        }
        if version == "1.3" {
            // No 0-RTT: early data could be replayed.
            #expect(first.result.standardOutput.contains("Max Early Data: 0"), "\(first)")
        }
        await expectThroughGate(first, client: alice, server: server)
        #expect(FileManager.default.fileExists(atPath: sessionFile), "s_client wrote no session:\n\(first)")

        let second = try await bed.sClient(server, client: alice, arguments: flags + ["-sess_in", sessionFile])
        #expect(
            second.result.standardOutput.contains("Reused, TLSv\(version)"), "\(second)\nserver log:\n\(server.log)")
        await expectThroughGate(second, client: alice, server: server)
        let resumed = await server.waitForLogLine(containing: [
            "TLS handshake completed", "resumed=true", "subject=\(alice.subject)",
        ])
        #expect(resumed != nil, "dockgate did not log the resumed handshake:\n\(server.log)")
        await server.stop()
    }

    @Test("ALPN selects http/1.1; a client offering only h2 still connects without ALPN")
    func applicationProtocolNegotiation() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()

        let http1 = try await bed.sClient(server, client: alice, arguments: ["-alpn", "http/1.1"])
        #expect(http1.result.standardOutput.contains("ALPN protocol: http/1.1"), "\(http1)")
        await expectThroughGate(http1, client: alice, server: server)

        let h2 = try await bed.sClient(server, client: alice, arguments: ["-alpn", "h2"])
        #expect(h2.result.standardOutput.contains("No ALPN negotiated"), "\(h2)")
        await expectThroughGate(h2, client: alice, server: server)
        await server.stop()
    }

    @Test("TLS 1.2 without a forward-secret AEAD cipher is refused")
    func weakCipher() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()

        let cbc = try await bed.sClient(
            server, client: alice, arguments: ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"])

        #expect(cbc.result.status != 0, "\(cbc)")
        expectStoppedAtHandshake(cbc, server: server)
        let refusal = await server.waitForLogLine(containing: [
            "TLS handshake refused", "reason=handshake failed: no shared cipher",
        ])
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")
        await server.stop()
    }

    @Test("client-initiated TLS 1.2 renegotiation is refused and the server keeps serving")
    func renegotiation() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()

        let renegotiating = try await bed.sClient(
            server, client: alice, arguments: ["-tls1_2"], commands: [.renegotiate])

        #expect(renegotiating.result.combinedOutput.contains("no renegotiation"), "\(renegotiating)")
        expectStoppedAtHandshake(renegotiating, server: server)
        let good = try await bed.sClient(server, client: alice)
        await expectThroughGate(good, client: alice, server: server)
        await server.stop()
    }

    @Test("a TLS 1.3 KeyUpdate mid-connection is answered and the request after it gets through")
    func keyUpdate() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()

        let updated = try await bed.sClient(server, client: alice, arguments: ["-tls1_3"], commands: [.keyUpdate])

        #expect(updated.result.combinedOutput.contains("KEYUPDATE"), "\(updated)")
        await expectThroughGate(updated, client: alice, server: server)
        await server.stop()
    }
}
