import Foundation
import Testing

/// `curl`, the way an operator checks a client certificate by hand: the good one gets through
/// to the daemon; every bad one is refused at the handshake and the refusal is logged with the
/// reason, the subject and the fingerprint; plaintext HTTP gets a readable 400.
@Suite(.timeLimit(.minutes(2)))
struct CurlTests {
    @Test(
        "a client certificate from `dockgate certs client` gets through to the daemon",
        arguments: zip(["ecdsa-p256", "rsa-3072"], ["localhost", "127.0.0.1"]))
    func authenticatedRequest(keyType: String, host: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice", team: "web", keyType: keyType)
        let server = try await bed.startServer()

        let response = try await bed.curl(server, client: alice, host: host)

        #expect(response.result.status == 0, "\(response)")
        await expectThroughGate(response, client: alice, server: server)
        await server.stop()
    }

    @Test("without a client certificate curl fails and the refusal is logged")
    func noClientCertificate() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let server = try await bed.startServer()

        let response = try await bed.curl(server, client: nil)

        #expect(response.result.status != 0, "curl succeeded without a certificate:\n\(response)")
        expectStoppedAtHandshake(response, server: server)
        let refusal = await server.waitForLogLine(containing: [
            "TLS handshake refused", "reason=client sent no certificate",
        ])
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")
        await server.stop()
    }

    @Test("plaintext HTTP to the TLS port gets a readable 400")
    func plaintextHTTP() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let server = try await bed.startServer()

        let response = try await bed.curlPlaintext(server)

        #expect(response.status == 400, "\(response)")
        #expect(response.body.contains(plaintextHTTPAnswer), "\(response)")
        let refusal = await server.waitForLogLine(containing: [
            "TLS handshake refused", "plaintext HTTP sent to the TLS port",
        ])
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")
        await server.stop()
    }

    /// A client certificate the gate must refuse, and the reason it must log.
    enum BadCertificate: String, CaseIterable, Sendable {
        case revoked, expired, notYetValid, otherCA, serverCertificateAsClient

        /// The refusal line's reason: `certificate rejected: ` and OpenSSL's words for the
        /// verification error.
        var loggedReason: [String] {
            switch self {
            case .revoked: return ["reason=certificate rejected: certificate revoked"]
            case .expired: return ["reason=certificate rejected: certificate has expired"]
            case .notYetValid: return ["reason=certificate rejected: certificate is not yet valid"]
            case .otherCA: return ["reason=certificate rejected: unable to get local issuer certificate"]
            // X509_V_ERR_INVALID_PURPOSE reads "unsupported certificate purpose" before
            // OpenSSL 3.0 and "unsuitable certificate purpose" from 3.0 on.
            case .serverCertificateAsClient: return ["reason=certificate rejected: ", " certificate purpose"]
            }
        }

        /// Makes the certificate in `bed` (the revoked one is also put in the bed's CRL).
        func make(in bed: TestBed) async throws -> ClientFiles {
            switch self {
            case .revoked:
                let mallory = try await bed.issueClient("mallory", team: "web")
                try await bed.revoke(mallory)
                return mallory
            case .expired:
                return try await bed.issueWithOpenSSL(
                    "expired", notBefore: .daysFromNow(-30), notAfter: .daysFromNow(-1))
            case .notYetValid:
                return try await bed.issueWithOpenSSL("future", notBefore: .daysFromNow(1), notAfter: .daysFromNow(30))
            case .otherCA:
                let otherPKI = bed.path("other-pki")
                try await bed.dockgateSucceeds(["certs", "init", "--dir", otherPKI])
                let out = bed.path("clients/stranger")
                try await bed.dockgateSucceeds([
                    "certs", "client", "--dir", otherPKI, "--name", "stranger", "--team", "web", "--out", out,
                ])
                return ClientFiles(directory: out, subject: "CN=stranger,OU=web,O=dockgate")
            case .serverCertificateAsClient:
                // What a confused operator does: hand the docker CLI dockgate's own server files.
                let out = bed.path("clients/server-as-client")
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: bed.pki.serverCertificate, toPath: out + "/cert.pem")
                try FileManager.default.copyItem(atPath: bed.pki.serverKey, toPath: out + "/key.pem")
                return ClientFiles(directory: out, subject: "CN=localhost")
            }
        }
    }

    @Test(
        "a bad client certificate is refused; the log names reason, subject and fingerprint",
        arguments: BadCertificate.allCases)
    func badClientCertificate(_ bad: BadCertificate) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let client = try await bad.make(in: bed)
        let fingerprint = try await bed.sha256Fingerprint(of: client.certificate)
        let server = try await bed.startServer(revocationList: true)

        let response = try await bed.curl(server, client: client)

        #expect(response.result.status != 0, "curl got through with a \(bad) certificate:\n\(response)")
        expectStoppedAtHandshake(response, server: server)
        let refusal = await server.waitForLogLine(containing: ["TLS handshake refused"] + bad.loggedReason)
        let line = try #require(refusal, "no refusal with \(bad.loggedReason) logged:\n\(server.log)")
        #expect(line.contains("subject=\(client.subject)"), "\(line)")
        #expect(line.contains("sha256=\(fingerprint)"), "\(line)")

        // The refusal was about that certificate only.
        let alice = try await bed.issueClient("alice")
        let good = try await bed.curl(server, client: alice)
        await expectThroughGate(good, client: alice, server: server)
        await server.stop()
    }
}
