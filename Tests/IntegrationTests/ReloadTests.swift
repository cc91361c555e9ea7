import Foundation
import Testing

/// SIGHUP re-reads the TLS files: a newly revoked client is shut out (also from resuming an
/// old session, and its connections already open are closed), a renewed server certificate is served, a refreshed CRL lets clients back in
/// after the old one expired, and a broken file leaves the previous, working state in place.
@Suite(.timeLimit(.minutes(2)))
struct ReloadTests {
    @Test("after `certs revoke` and SIGHUP the revoked client is refused, also when resuming; others are not")
    func revocationTakesEffect() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice", team: "web")
        let bob = try await bed.issueClient("bob", team: "ops")
        let server = try await bed.startServer(revocationList: true)
        let sessionFile = bed.path("alice-session.pem")
        let before = try await bed.sClient(server, client: alice, arguments: ["-sess_out", sessionFile])
        await expectThroughGate(before, client: alice, server: server)

        try await bed.revoke(alice)
        let outcome = await server.reload()

        #expect(
            outcome?.contains("reloaded TLS certificates") == true,
            "reload outcome: \(outcome ?? "none"):\n\(server.log)")
        let mark = server.logMark()
        let refused = try await bed.curl(server, client: alice)
        expectStoppedAtHandshake(refused, server: server)
        let refusal = await server.waitForLogLine(
            containing: [
                "TLS handshake refused", "reason=certificate rejected: certificate revoked", "subject=\(alice.subject)",
            ],
            after: mark)
        #expect(refusal != nil, "no revocation refusal logged:\n\(server.log)")

        let resumed = try await bed.sClient(server, client: alice, arguments: ["-sess_in", sessionFile])
        #expect(
            !resumed.result.standardOutput.contains("Reused,"), "alice resumed a pre-revocation session:\n\(resumed)")
        expectStoppedAtHandshake(resumed, server: server)

        let stillGood = try await bed.curl(server, client: bob)
        await expectThroughGate(stillGood, client: bob, server: server)
        await server.stop()
    }

    @Test("after `certs revoke` and SIGHUP the revoked client's kept-alive connection is closed; another's stays")
    func revocationClosesOpenConnections() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice", team: "web")
        let bob = try await bed.issueClient("bob", team: "ops")
        let server = try await bed.startServer(revocationList: true)
        let aliceConnection = try await bed.keptAliveClient(server, client: alice)
        let bobConnection = try await bed.keptAliveClient(server, client: bob)
        for connection in [aliceConnection, bobConnection] {
            let first = try await connection.run("request")
            #expect(first.status == 200, "\(first)")
        }

        try await bed.revoke(alice)
        let outcome = await server.reload()
        #expect(outcome?.contains("reloaded TLS certificates") == true, "\(outcome ?? "none"):\n\(server.log)")

        let closed = try await aliceConnection.run("wait-close 10")
        #expect(closed.event == "closed" && closed.closeNotify == true, "\(closed)\n\(server.log.suffixForMessage)")
        let fingerprint = try await bed.sha256Fingerprint(of: alice.certificate)
        let line = await server.waitForLogLine(containing: [
            "closing TLS connection: the client certificate is no longer accepted", "subject=\(alice.subject)",
            "sha256=\(fingerprint)", "reason=certificate revoked",
        ])
        #expect(line != nil, "no closing line logged:\n\(server.log)")

        let stillOpen = try await bobConnection.run("request")
        #expect(stillOpen.status == 200, "\(stillOpen)\n\(server.log.suffixForMessage)")
        await server.stop()
    }

    @Test("a garbage CRL on SIGHUP is refused and the previous CRL stays in force")
    func failedReloadKeepsPreviousState() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let mallory = try await bed.issueClient("mallory")
        try await bed.revoke(mallory)
        let server = try await bed.startServer(revocationList: true)
        let goodList = try String(contentsOfFile: bed.pki.revocationList, encoding: .utf8)

        try bed.write("-----BEGIN X509 CRL-----\ngarbage\n-----END X509 CRL-----\n", to: bed.pki.revocationList)
        let failed = await server.reload()

        let line = try #require(failed, "no reload outcome logged:\n\(server.log)")
        #expect(line.contains("TLS reload failed; keeping the previous certificates"), "\(line)")
        #expect(line.contains(bed.pki.revocationList), "the failure does not name the CRL file: \(line)")
        let good = try await bed.curl(server, client: alice)
        await expectThroughGate(good, client: alice, server: server)
        let revoked = try await bed.curl(server, client: mallory)
        expectStoppedAtHandshake(revoked, server: server)

        try bed.write(goodList, to: bed.pki.revocationList)
        let recovered = await server.reload()
        #expect(recovered?.contains("reloaded TLS certificates") == true, "\(recovered ?? "none"):\n\(server.log)")
        let again = try await bed.curl(server, client: alice)
        await expectThroughGate(again, client: alice, server: server)
        await server.stop()
    }

    @Test("a renewed server certificate is served after SIGHUP")
    func renewedServerCertificate() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()
        let renewed = try await bed.issueWithOpenSSL(
            "localhost", purpose: .server, notBefore: .daysFromNow(-1), notAfter: .daysFromNow(10),
            existingKey: bed.pki.serverKey)
        let renewedPEM = try String(contentsOfFile: renewed.certificate, encoding: .utf8)
        #expect(try await !bed.sClient(server, client: alice).result.standardOutput.contains(renewedPEM))

        try bed.write(renewedPEM, to: bed.pki.serverCertificate)
        let outcome = await server.reload()

        #expect(outcome?.contains("reloaded TLS certificates") == true, "\(outcome ?? "none"):\n\(server.log)")
        let after = try await bed.sClient(server, client: alice)
        #expect(
            after.result.standardOutput.contains(renewedPEM),
            "s_client was not shown the renewed certificate:\n\(after)")
        await expectThroughGate(after, client: alice, server: server)
        await server.stop()
    }

    @Test("once the CRL's nextUpdate passes every client is refused; a refreshed CRL and SIGHUP let them in again")
    func expiredRevocationList() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer(revocationList: true)
        // Swap in a CRL that expires within seconds; alice must get through before it does. A
        // loaded machine gets a longer-lived CRL on the next attempt.
        var lifetime = 6
        var expiry: Date?
        while expiry == nil {
            // openssl sets nextUpdate to its own clock plus `lifetime`, in whole seconds.
            let validUntil = Date().addingTimeInterval(TimeInterval(lifetime - 1))
            let shortLived = try await bed.issueShortLivedRevocationList(seconds: lifetime)
            let expiredAfter = Date().addingTimeInterval(TimeInterval(lifetime + 1))
            try bed.write(try String(contentsOfFile: shortLived, encoding: .utf8), to: bed.pki.revocationList)
            let reloaded = await server.reload()
            let before = try await bed.curl(server, client: alice)
            if Date() < validUntil {
                #expect(
                    reloaded?.contains("reloaded TLS certificates") == true, "\(reloaded ?? "none"):\n\(server.log)")
                await expectThroughGate(before, client: alice, server: server)
                expiry = expiredAfter
            } else {
                lifetime *= 2
                try #require(lifetime <= 48, "even a \(lifetime / 2) s CRL expired before the first request ended")
            }
        }

        try await Task.sleep(for: .seconds(try #require(expiry).timeIntervalSinceNow + 0.5))
        let mark = server.logMark()
        let refused = try await bed.curl(server, client: alice)

        expectStoppedAtHandshake(refused, server: server)
        let refusal = await server.waitForLogLine(
            containing: ["TLS handshake refused", "reason=certificate rejected: CRL has expired"], after: mark)
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")

        try await bed.dockgateSucceeds(["certs", "revoke", "--dir", bed.pki.directory])  // refreshes the dates
        let outcome = await server.reload()
        #expect(outcome?.contains("reloaded TLS certificates") == true, "\(outcome ?? "none"):\n\(server.log)")
        let after = try await bed.curl(server, client: alice)
        await expectThroughGate(after, client: alice, server: server)
        await server.stop()
    }
}
