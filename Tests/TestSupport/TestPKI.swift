import Foundation
import MutualTLS

/// A client certificate and its unencrypted key, both on disk.
public struct ClientFiles: Sendable {
    public let certificatePath: String
    public let keyPath: String
    public let certificate: X509Certificate
}

/// A fresh throw-away PKI in its own temporary directory.
///
/// One trusted CA issues the server certificate, the good clients and the bad ones that the
/// TLS tests must refuse; a second, untrusted CA issues `otherCA`. Every client except
/// `otherCA` has a subject and SPIFFE id of the dockgate scheme, so each bad certificate is
/// wrong in exactly one way. Made with the Issuance API, so no openssl CLI is needed.
public struct TestPKI: Sendable {
    public let directory: String
    /// ca.pem of the trusted CA.
    public let caPath: String
    /// CN=localhost, SAN DNS localhost + IP 127.0.0.1, serverAuth.
    public let serverCertificatePath: String
    public let serverKeyPath: String
    /// CRL of the trusted CA revoking `revoked`.
    public let crlPath: String
    /// CRL of the trusted CA revoking nothing.
    public let emptyCRLPath: String
    /// A valid, empty CRL of the untrusted CA (a CRL whose issuer is not in the CA bundle).
    public let otherCACRLPath: String
    /// CN=alice, OU=web, O=dockgate; SAN URI spiffe://dockgate/team/web/user/alice,
    /// DNS alice.dockgate.test, email alice@dockgate.test, IP 10.1.2.3; clientAuth.
    public let alice: ClientFiles
    /// CN=bob, OU=db, O=dockgate; SAN URI spiffe://dockgate/team/db/user/bob; clientAuth.
    public let bob: ClientFiles
    /// CN=mallory, OU=web, O=dockgate, signed by a different, untrusted CA.
    public let otherCA: ClientFiles
    /// Trusted CA, valid from 10 days ago until 1 day ago.
    public let expired: ClientFiles
    /// Trusted CA, valid from tomorrow.
    public let notYetValid: ClientFiles
    /// Trusted CA, listed in `crlPath`.
    public let revoked: ClientFiles
    /// Trusted CA, extendedKeyUsage serverAuth only (a server certificate used as a client's).
    public let serverOnly: ClientFiles
    /// A server certificate (serverAuth, CN=localhost) from the trusted CA, already expired.
    public let expiredServer: ClientFiles
    /// The server key, PKCS#8 encrypted with AES-256 under the passphrase "correct horse".
    public let encryptedServerKeyPath: String
    /// A file containing "correct horse\n".
    public let passphrasePath: String
    /// A file containing "wrong\n".
    public let wrongPassphrasePath: String

    public static let passphrase = "correct horse"

    /// Makes every file in a new temporary directory (mode 0700).
    public static func make() throws -> TestPKI {
        let directory = try makeTemporaryDirectory()
        let files = CertificateFiles(directory: directory)
        let now = Date()
        let day: TimeInterval = 86_400
        let authority = try CertificateAuthority.create(
            commonName: "dockgate test CA", notBefore: now - 30 * day, notAfter: now + 365 * day)
        let untrusted = try CertificateAuthority.create(
            commonName: "untrusted test CA", notBefore: now - 30 * day, notAfter: now + 365 * day)

        func issue(_ name: String, by issuer: CertificateAuthority = authority, _ request: CertificateRequest) throws
            -> ClientFiles
        {
            let key = try PrivateKey.generate(.ecdsaP256)
            let certificate = try issuer.issue(request, publicKeyOf: key)
            try files.write([
                .publicPEM("\(name)-cert.pem", try certificate.pemEncoded()),
                .privateKey("\(name)-key.pem", try key.pemEncoded()),
            ])
            return ClientFiles(
                certificatePath: files.path("\(name)-cert.pem"), keyPath: files.path("\(name)-key.pem"),
                certificate: certificate)
        }
        func client(_ name: String, team: String, from: Date = now - 300, until: Date = now + 30 * day)
            -> CertificateRequest
        {
            CertificateRequest(
                commonName: name, organization: "dockgate", organizationalUnits: [team],
                uris: ["spiffe://dockgate/team/\(team)/user/\(name)"], usage: .client, notBefore: from, notAfter: until)
        }
        func server(from: Date = now - 300, until: Date = now + 30 * day) -> CertificateRequest {
            CertificateRequest(
                commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"], usage: .server,
                notBefore: from, notAfter: until)
        }

        let serverKey = try PrivateKey.generate(.ecdsaP256)
        let serverCertificate = try authority.issue(server(), publicKeyOf: serverKey)
        var aliceRequest = client("alice", team: "web")
        aliceRequest.dnsNames = ["alice.dockgate.test"]
        aliceRequest.emailAddresses = ["alice@dockgate.test"]
        aliceRequest.ipAddresses = ["10.1.2.3"]
        var serverOnlyRequest = client("server-only", team: "web")
        serverOnlyRequest.usage = .server
        let revoked = try issue("revoked", client("revoked", team: "web"))
        let crl = try authority.revocationList(
            revoking: [revoked.certificate], previous: nil, thisUpdate: now - 60, nextUpdate: now + 30 * day)
        let emptyCRL = try authority.revocationList(
            revoking: [], previous: nil, thisUpdate: now - 60, nextUpdate: now + 30 * day)
        let otherCACRL = try untrusted.revocationList(
            revoking: [], previous: nil, thisUpdate: now - 60, nextUpdate: now + 30 * day)

        try files.write([
            .publicPEM("ca.pem", try authority.certificate.pemEncoded()),
            .publicPEM("other-ca.pem", try untrusted.certificate.pemEncoded()),
            .publicPEM("server-cert.pem", try serverCertificate.pemEncoded()),
            .privateKey("server-key.pem", try serverKey.pemEncoded()),
            .privateKey("server-key-encrypted.pem", try serverKey.pemEncoded(encryptingWith: passphrase)),
            .privateKey("passphrase.txt", passphrase + "\n"),
            .privateKey("wrong-passphrase.txt", "wrong\n"),
            .publicPEM("crl.pem", try crl.pemEncoded()),
            .publicPEM("empty-crl.pem", try emptyCRL.pemEncoded()),
            .publicPEM("other-ca-crl.pem", try otherCACRL.pemEncoded()),
        ])
        return TestPKI(
            directory: directory,
            caPath: files.path("ca.pem"),
            serverCertificatePath: files.path("server-cert.pem"),
            serverKeyPath: files.path("server-key.pem"),
            crlPath: files.path("crl.pem"),
            emptyCRLPath: files.path("empty-crl.pem"),
            otherCACRLPath: files.path("other-ca-crl.pem"),
            alice: try issue("alice", aliceRequest),
            bob: try issue("bob", client("bob", team: "db")),
            otherCA: try issue("mallory", by: untrusted, client("mallory", team: "web")),
            expired: try issue("expired", client("expired", team: "web", from: now - 10 * day, until: now - day)),
            notYetValid: try issue(
                "not-yet-valid", client("not-yet-valid", team: "web", from: now + day, until: now + 30 * day)),
            revoked: revoked,
            serverOnly: try issue("server-only", serverOnlyRequest),
            expiredServer: try issue("expired-server", server(from: now - 10 * day, until: now - day)),
            encryptedServerKeyPath: files.path("server-key-encrypted.pem"),
            passphrasePath: files.path("passphrase.txt"),
            wrongPassphrasePath: files.path("wrong-passphrase.txt")
        )
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func makeTemporaryDirectory() throws -> String {
        var base = NSTemporaryDirectory()
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var template = Array((base + "/dockgate-pki-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return String(cString: made)
    }
}
