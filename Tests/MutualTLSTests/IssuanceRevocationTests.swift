import Foundation
import MutualTLS
import TestSupport
import Testing

/// `CertificateAuthority.revocationList`: empty lists, extending a list, and refusing
/// certificates or lists of another CA.
@Suite struct IssuanceRevocationTests {
    static let january = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
    static let february = Date(timeIntervalSince1970: 1_706_745_600)  // 2024-02-01T00:00:00Z
    static let year: TimeInterval = 365 * 86_400

    static func leaf(_ name: String, from authority: CertificateAuthority) throws -> X509Certificate {
        try authority.issue(
            CertificateRequest(commonName: name, usage: .client, days: 30),
            publicKeyOf: try PrivateKey.generate(.ecdsaP256))
    }

    @Test(arguments: KeyAlgorithm.allCases)
    func buildsAnEmptyList(algorithm: KeyAlgorithm) throws {
        let fixture = try TemporaryAuthority(algorithm: algorithm)
        defer { fixture.remove() }
        let crl = try fixture.authority.revocationList(
            revoking: [], previous: nil, thisUpdate: Self.january, nextUpdate: Self.january + Self.year)
        #expect(crl.revokedSerialNumbers == [])
        #expect(crl.isIssued(by: fixture.authority.certificate))
        #expect(crl.issuer == fixture.authority.certificate.subject)
        #expect(crl.lastUpdate == Self.january)
        #expect(crl.nextUpdate == Self.january + Self.year)

        try fixture.files.write([.publicPEM("crl.pem", try crl.pemEncoded())])
        let number = try OpenSSLCLI.run(["crl", "-noout", "-crlnumber", "-in", fixture.files.path("crl.pem")])
        #expect(number.output == "crlNumber=0x01\n")
        let text = try OpenSSLCLI.run(["crl", "-noout", "-text", "-in", fixture.files.path("crl.pem")]).output
        #expect(text.contains("Version 2 (0x1)"))
        #expect(text.contains("X509v3 Authority Key Identifier"))
        #expect(text.contains("No Revoked Certificates."))
        let verified = try OpenSSLCLI.run(
            ["crl", "-noout", "-CAfile", fixture.certificatePath, "-in", fixture.files.path("crl.pem")])
        #expect(verified.output.contains("verify OK"))
    }

    @Test func extendsAListKeepingEarlierEntriesAndDates() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let ca = fixture.authority
        let first = try Self.leaf("first", from: ca)
        let second = try Self.leaf("second", from: ca)
        let january = try ca.revocationList(
            revoking: [first], previous: nil, thisUpdate: Self.january, nextUpdate: Self.january + Self.year)
        #expect(january.revokedSerialNumbers == [first.serialNumberHex])

        // Revoking `first` again must not list it twice.
        let february = try ca.revocationList(
            revoking: [second, first, second], previous: january, thisUpdate: Self.february,
            nextUpdate: Self.february + Self.year)
        let expected = [first.serialNumberHex, second.serialNumberHex].sorted { ($0.count, $0) < ($1.count, $1) }
        #expect(february.revokedSerialNumbers == expected)
        #expect(february.isIssued(by: ca.certificate))
        #expect(february.lastUpdate == Self.february)

        try fixture.files.write([.publicPEM("crl.pem", try february.pemEncoded())])
        let path = fixture.files.path("crl.pem")
        #expect(try OpenSSLCLI.run(["crl", "-noout", "-crlnumber", "-in", path]).output == "crlNumber=0x02\n")
        let text = try OpenSSLCLI.run(["crl", "-noout", "-text", "-in", path]).output
        #expect(
            text.contains("Serial Number: \(first.serialNumberHex)\n        Revocation Date: Jan  1 00:00:00 2024 GMT"))
        #expect(
            text.contains("Serial Number: \(second.serialNumberHex)\n        Revocation Date: Feb  1 00:00:00 2024 GMT")
        )

        // A refresh keeps everything and only moves the dates and the number on.
        let march = try ca.revocationList(
            revoking: [], previous: february, thisUpdate: Self.february + 86_400, nextUpdate: Self.february + Self.year)
        #expect(march.revokedSerialNumbers == expected)
    }

    @Test func revokedCertificatesFailVerificationOthersPass() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let revoked = try Self.leaf("revoked", from: fixture.authority)
        let kept = try Self.leaf("kept", from: fixture.authority)
        let now = Date()
        let crl = try fixture.authority.revocationList(
            revoking: [revoked], previous: nil, thisUpdate: now - 60, nextUpdate: now + 86_400)
        try fixture.files.write([
            .publicPEM("crl.pem", try crl.pemEncoded()),
            .publicPEM("revoked.pem", try revoked.pemEncoded()),
            .publicPEM("kept.pem", try kept.pemEncoded()),
        ])
        let crlPath = fixture.files.path("crl.pem")
        let refused = try OpenSSLCLI.verify(
            fixture.files.path("revoked.pem"), caFile: fixture.certificatePath, purpose: "sslclient", crlFile: crlPath)
        #expect(!refused.succeeded)
        #expect(refused.output.contains("certificate revoked"))
        let accepted = try OpenSSLCLI.verify(
            fixture.files.path("kept.pem"), caFile: fixture.certificatePath, purpose: "sslclient", crlFile: crlPath)
        #expect(accepted.succeeded, "\(accepted.output)")
    }

    @Test func roundTripsThroughPEM() throws {
        let ca = try TemporaryAuthority()
        defer { ca.remove() }
        let revoked = try Self.leaf("revoked", from: ca.authority)
        let crl = try ca.authority.revocationList(
            revoking: [revoked], previous: nil, thisUpdate: Self.january, nextUpdate: Self.february)
        let parsed = try RevocationList.parseAll(pem: Array(try crl.pemEncoded().utf8), source: "test")
        #expect(parsed.count == 1)
        #expect(parsed.first?.revokedSerialNumbers == [revoked.serialNumberHex])
        #expect(parsed.first?.isIssued(by: ca.authority.certificate) == true)
    }

    @Test func refusesACertificateOfAnotherCA() throws {
        let ours = try CertificateAuthority.create(
            commonName: "Ours", notBefore: Self.january, notAfter: Date() + Self.year)
        let theirs = try CertificateAuthority.create(
            commonName: "Theirs", notBefore: Self.january, notAfter: Date() + Self.year)
        let stranger = try Self.leaf("stranger", from: theirs)
        #expect(throws: IssuanceError.notIssuedByAuthority(subject: "CN=stranger", authority: "CN=Ours")) {
            try ours.revocationList(
                revoking: [stranger], previous: nil, thisUpdate: Self.january, nextUpdate: Self.february)
        }
    }

    @Test func refusesAPreviousListOfAnotherCA() throws {
        let ours = try CertificateAuthority.create(
            commonName: "Ours", notBefore: Self.january, notAfter: Date() + Self.year)
        // Same name, different key: only the signature tells them apart.
        let impostor = try CertificateAuthority.create(
            commonName: "Ours", notBefore: Self.january, notAfter: Date() + Self.year)
        let foreign = try impostor.revocationList(
            revoking: [], previous: nil, thisUpdate: Self.january, nextUpdate: Self.february)
        #expect(throws: IssuanceError.revocationListFromOtherAuthority(issuer: "CN=Ours", authority: "CN=Ours")) {
            try ours.revocationList(
                revoking: [], previous: foreign, thisUpdate: Self.january, nextUpdate: Self.february)
        }
    }

    @Test func refusesNextUpdateBeforeThisUpdate() throws {
        let ca = try CertificateAuthority.create(
            commonName: "Ours", notBefore: Self.january, notAfter: Date() + Self.year)
        #expect(throws: IssuanceError.self) {
            try ca.revocationList(revoking: [], previous: nil, thisUpdate: Self.february, nextUpdate: Self.january)
        }
    }
}
