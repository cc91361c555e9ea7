import Foundation
import Testing

/// A resumed session skips certificate verification, so dockgate checks the certificate's
/// notAfter itself: a session made while a certificate was valid must not let its holder in
/// once the certificate has expired.
@Suite(.timeLimit(.minutes(2)))
struct SessionExpiryTests {
    @Test("a session does not outlive its client certificate", arguments: ["1.2", "1.3"])
    func resumedAfterExpiry(version: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let server = try await bed.startServer()
        let sessionFile = bed.path("session.pem")
        let flag = version == "1.2" ? "-tls1_2" : "-tls1_3"
        // The first connection must finish while the certificate is valid; a loaded machine
        // gets a longer-lived certificate on the next attempt.
        var lifetime: TimeInterval = 6
        var attempt: (client: ClientFiles, expiry: Date)?
        while attempt == nil {
            let expiry = Date().addingTimeInterval(lifetime)
            let client = try await bed.issueWithOpenSSL(
                "shortlived\(Int(lifetime))", notBefore: .daysFromNow(-1), notAfter: expiry)
            let first = try await bed.sClient(server, client: client, arguments: [flag, "-sess_out", sessionFile])
            // notAfter is written in whole seconds.
            if Date() < expiry.addingTimeInterval(-1) {
                await expectThroughGate(first, client: client, server: server)
                attempt = (client, expiry)
            } else {
                lifetime *= 2
                try #require(
                    lifetime <= 48, "even a \(lifetime / 2) s certificate expired before the first request ended")
            }
        }
        let (shortLived, expiry) = try #require(attempt)

        try await Task.sleep(for: .seconds(expiry.timeIntervalSinceNow + 1.5))
        let mark = server.logMark()
        let second = try await bed.sClient(
            server, client: shortLived, arguments: [flag, "-sess_in", sessionFile])

        // The session itself was accepted (so this is the resumption check, not a full verification)...
        #expect(second.result.standardOutput.contains("Reused, TLSv\(version)"), "\(second)")
        // ...and still no request got through.
        expectStoppedAtHandshake(second, server: server)
        let refusal = await server.waitForLogLine(
            containing: [
                "TLS handshake refused", "reason=resumed session's certificate has expired",
                "subject=\(shortLived.subject)",
            ], after: mark)
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")
        await server.stop()
    }
}
