import Foundation
import MutualTLS
import TestSupport
import Testing

/// `TestPKI.make()` delivers what its documentation promises, checked with the openssl CLI
/// so the TLS tests that rely on it fail for their own reasons only.
@Suite struct IssuanceTestPKITests {
    @Test func goodCertificatesVerify() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        for client in [pki.alice, pki.bob] {
            let result = try OpenSSLCLI.verify(
                client.certificatePath, caFile: pki.caPath, purpose: "sslclient", crlFile: pki.crlPath)
            #expect(result.succeeded, "\(result.output)")
        }
        let server = try OpenSSLCLI.verify(pki.serverCertificatePath, caFile: pki.caPath, purpose: "sslserver")
        #expect(server.succeeded, "\(server.output)")
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let name: String
        let files: @Sendable (TestPKI) -> ClientFiles
        let purpose: String
        let useCRL: Bool
        let says: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(
            name: "otherCA", files: { $0.otherCA }, purpose: "sslclient", useCRL: false,
            says: "unable to get local issuer certificate"),
        Bad(
            name: "expired", files: { $0.expired }, purpose: "sslclient", useCRL: false, says: "certificate has expired"
        ),
        Bad(
            name: "notYetValid", files: { $0.notYetValid }, purpose: "sslclient", useCRL: false,
            says: "certificate is not yet valid"),
        Bad(name: "revoked", files: { $0.revoked }, purpose: "sslclient", useCRL: true, says: "certificate revoked"),
        Bad(
            name: "serverOnly", files: { $0.serverOnly }, purpose: "sslclient", useCRL: false,
            says: "unsuitable certificate purpose"),
        Bad(
            name: "expiredServer", files: { $0.expiredServer }, purpose: "sslserver", useCRL: false,
            says: "certificate has expired"),
    ]

    @Test(arguments: bad)
    func badCertificatesFailForTheirOneReason(_ bad: Bad) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let files = bad.files(pki)
        let result = try OpenSSLCLI.verify(
            files.certificatePath, caFile: pki.caPath, purpose: bad.purpose, crlFile: bad.useCRL ? pki.crlPath : nil)
        #expect(!result.succeeded)
        #expect(result.output.contains(bad.says), "\(result.output)")
        #expect(files.certificate.matches(try PrivateKey.load(fromPEMFile: files.keyPath)))
        // Revocation is its only fault: without the CRL it verifies.
        if bad.useCRL {
            let unchecked = try OpenSSLCLI.verify(files.certificatePath, caFile: pki.caPath, purpose: bad.purpose)
            #expect(unchecked.succeeded)
            let empty = try OpenSSLCLI.verify(
                files.certificatePath, caFile: pki.caPath, purpose: bad.purpose, crlFile: pki.emptyCRLPath)
            #expect(empty.succeeded)
        }
    }

    @Test func identitiesAreExact() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        #expect(pki.alice.certificate.subject.rfc2253 == "CN=alice,OU=web,O=dockgate")
        #expect(
            pki.alice.certificate.subjectAlternativeNames
                == SubjectAlternativeNames(
                    dnsNames: ["alice.dockgate.test"], ipAddresses: ["10.1.2.3"],
                    emailAddresses: ["alice@dockgate.test"],
                    uris: ["spiffe://dockgate/team/web/user/alice"]))
        #expect(pki.bob.certificate.subject.rfc2253 == "CN=bob,OU=db,O=dockgate")
        #expect(
            pki.bob.certificate.subjectAlternativeNames
                == SubjectAlternativeNames(uris: ["spiffe://dockgate/team/db/user/bob"]))
        #expect(pki.otherCA.certificate.subject.commonName == "mallory")
        let server = try X509Certificate.loadAll(fromPEMFile: pki.serverCertificatePath)[0]
        #expect(server.subject.rfc2253 == "CN=localhost")
        #expect(
            server.subjectAlternativeNames
                == SubjectAlternativeNames(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"]))
        #expect(pki.expired.certificate.notAfter < Date())
        #expect(pki.notYetValid.certificate.notBefore > Date())
    }

    @Test func revocationListsAndKeysAreAsDescribed() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let ca = try X509Certificate.loadAll(fromPEMFile: pki.caPath)[0]
        let crl = try RevocationList.parseAll(
            pem: Array(FileManager.default.contents(atPath: pki.crlPath)!), source: pki.crlPath)[0]
        #expect(crl.revokedSerialNumbers == [pki.revoked.certificate.serialNumberHex])
        #expect(crl.isIssued(by: ca))
        let empty = try RevocationList.parseAll(
            pem: Array(FileManager.default.contents(atPath: pki.emptyCRLPath)!), source: pki.emptyCRLPath)[0]
        #expect(empty.revokedSerialNumbers == [])
        #expect(empty.isIssued(by: ca))
        let other = try RevocationList.parseAll(
            pem: Array(FileManager.default.contents(atPath: pki.otherCACRLPath)!), source: pki.otherCACRLPath)[0]
        #expect(!other.isIssued(by: ca))

        let server = try X509Certificate.loadAll(fromPEMFile: pki.serverCertificatePath)[0]
        #expect(throws: TLSConfigurationError.encryptedKeyWithoutPassphrase(path: pki.encryptedServerKeyPath)) {
            try PrivateKey.load(fromPEMFile: pki.encryptedServerKeyPath)
        }
        let passphrase = Array(
            String(decoding: FileManager.default.contents(atPath: pki.passphrasePath)!, as: UTF8.self).dropLast().utf8)
        #expect(String(decoding: passphrase, as: UTF8.self) == "correct horse")
        #expect(server.matches(try PrivateKey.load(fromPEMFile: pki.encryptedServerKeyPath, passphrase: passphrase)))
        #expect(server.matches(try PrivateKey.load(fromPEMFile: pki.serverKeyPath)))
        #expect(throws: TLSConfigurationError.self) {
            try PrivateKey.load(fromPEMFile: pki.encryptedServerKeyPath, passphrase: Array("wrong".utf8))
        }
        #expect(FileManager.default.contents(atPath: pki.wrongPassphrasePath) == Data("wrong\n".utf8))
    }

    @Test func removeDeletesTheDirectory() throws {
        let pki = try TestPKI.make()
        pki.remove()
        #expect(!FileManager.default.fileExists(atPath: pki.directory))
    }
}
