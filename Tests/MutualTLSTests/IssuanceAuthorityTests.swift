import Foundation
import MutualTLS
import TestSupport
import Testing

/// `CertificateAuthority.create` and `init(certificatePath:keyPath:)`.
@Suite struct IssuanceAuthorityTests {
    static let notBefore = Date(timeIntervalSince1970: 1_700_000_000)
    static let notAfter = Date(timeIntervalSince1970: 1_700_000_000 + 10 * 86_400)

    @Test(arguments: KeyAlgorithm.allCases)
    func createsASelfSignedRoot(algorithm: KeyAlgorithm) throws {
        let authority = try CertificateAuthority.create(
            commonName: "Test Root", algorithm: algorithm, notBefore: Self.notBefore, notAfter: Self.notAfter)
        let certificate = authority.certificate
        #expect(certificate.subject.rfc2253 == "CN=Test Root")
        #expect(certificate.issuer == certificate.subject)
        #expect(certificate.isSigned(by: certificate))
        #expect(certificate.isCertificateAuthority)
        #expect(certificate.matches(authority.key))
        #expect(certificate.notBefore == Self.notBefore)
        #expect(certificate.notAfter == Self.notAfter)
        #expect(certificate.subjectAlternativeNames == SubjectAlternativeNames())
    }

    @Test func serialsAreRandomPositive128BitNumbers() throws {
        let serials = try (0..<8).map { _ in
            try CertificateAuthority.create(commonName: "R", notBefore: Self.notBefore, notAfter: Self.notAfter)
                .certificate.serialNumberHex
        }
        #expect(Set(serials).count == serials.count)
        for serial in serials {
            #expect(!serial.isEmpty && serial.count <= 32)
            // 32 hex digits means the top octet is in use; its high bit must be clear (positive).
            if serial.count == 32 { #expect(Int(String(serial.first!), radix: 16)! < 8) }
        }
    }

    @Test func rootExtensionsAreThoseOfACA() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let text = try OpenSSLCLI.extensions(
            "basicConstraints,keyUsage,subjectKeyIdentifier", of: fixture.certificatePath)
        #expect(text.contains("X509v3 Basic Constraints: critical\n    CA:TRUE\n"))
        #expect(text.contains("X509v3 Key Usage: critical\n    Certificate Sign, CRL Sign\n"))
        #expect(text.contains("X509v3 Subject Key Identifier"))
    }

    @Test func loadsWhatItWrote() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let loaded = try CertificateAuthority(certificatePath: fixture.certificatePath, keyPath: fixture.keyPath)
        #expect(loaded.certificate == fixture.authority.certificate)
        #expect(loaded.certificate.matches(loaded.key))
    }

    @Test func refusesAKeyOfAnotherCA() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let stranger = try PrivateKey.generate(.ecdsaP256)
        try fixture.files.write([.privateKey("other-key.pem", try stranger.pemEncoded())])
        let otherKey = fixture.files.path("other-key.pem")
        #expect(
            throws: TLSConfigurationError.keyDoesNotMatchCertificate(
                keyPath: otherKey, certificatePath: fixture.certificatePath)
        ) {
            try CertificateAuthority(certificatePath: fixture.certificatePath, keyPath: otherKey)
        }
    }

    @Test func refusesALeafCertificate() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let key = try PrivateKey.generate(.ecdsaP256)
        let leaf = try fixture.authority.issue(
            CertificateRequest(commonName: "leaf", usage: .client, days: 1), publicKeyOf: key)
        try fixture.files.write([
            .publicPEM("leaf.pem", try leaf.pemEncoded()), .privateKey("leaf-key.pem", try key.pemEncoded()),
        ])
        #expect(throws: IssuanceError.notAnAuthority(path: fixture.files.path("leaf.pem"), subject: "CN=leaf")) {
            try CertificateAuthority(
                certificatePath: fixture.files.path("leaf.pem"), keyPath: fixture.files.path("leaf-key.pem"))
        }
    }

    @Test func refusesAnEncryptedKeyNamingIt() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        try fixture.files.write([
            .privateKey("locked.pem", try fixture.authority.key.pemEncoded(encryptingWith: "secret"))
        ])
        let locked = fixture.files.path("locked.pem")
        #expect(throws: IssuanceError.encryptedAuthorityKey(path: locked)) {
            try CertificateAuthority(certificatePath: fixture.certificatePath, keyPath: locked)
        }
    }

    @Test func namesAMissingFile() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let missing = fixture.files.path("nope.pem")
        #expect(throws: TLSConfigurationError.unreadableFile(path: missing, reason: "No such file or directory")) {
            try CertificateAuthority(certificatePath: missing, keyPath: fixture.keyPath)
        }
    }
}
