import Foundation
import MutualTLS
import TestSupport
import Testing

/// Start-up validation: every broken server configuration is refused with a message that
/// names the file to fix.
@Suite struct TLSContextConfigurationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let configure: @Sendable (TestPKI, inout ServerTLSConfiguration) throws -> Void
        /// The path the message must name, read from the PKI.
        let namedFile: @Sendable (TestPKI) -> String
        let says: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "missing CA bundle", configure: { pki, c in c.caBundlePath = pki.directory + "/nope.pem" },
            namedFile: { $0.directory + "/nope.pem" }, says: "No such file or directory"),
        Case(
            name: "CA bundle without certificates",
            configure: { pki, c in
                let path = pki.directory + "/empty.pem"
                try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: path))
                c.caBundlePath = path
            }, namedFile: { $0.directory + "/empty.pem" }, says: "contains no PEM certificate"),
        Case(
            name: "unreadable server certificate", configure: { pki, c in c.certificatePath = pki.directory },
            namedFile: { $0.directory }, says: "cannot read"),
        Case(
            name: "key of another certificate", configure: { pki, c in c.privateKeyPath = pki.alice.keyPath },
            namedFile: { $0.alice.keyPath }, says: "does not belong to certificate"),
        Case(
            name: "expired server certificate",
            configure: { pki, c in
                c.certificatePath = pki.expiredServer.certificatePath
                c.privateKeyPath = pki.expiredServer.keyPath
            }, namedFile: { $0.expiredServer.certificatePath }, says: "expired at"),
        Case(
            name: "encrypted key without passphrase",
            configure: { pki, c in c.privateKeyPath = pki.encryptedServerKeyPath },
            namedFile: { $0.encryptedServerKeyPath }, says: "is an encrypted private key"),
        Case(
            name: "encrypted key with the wrong passphrase",
            configure: { pki, c in
                c.privateKeyPath = pki.encryptedServerKeyPath
                c.privateKeyPassphrasePath = pki.wrongPassphrasePath
            }, namedFile: { $0.encryptedServerKeyPath }, says: "cannot decrypt"),
        Case(
            name: "CRL of another CA",
            configure: { pki, c in
                // The other CA's certificate stands in for its CRL's issuer: any CRL not signed
                // by the bundle's CA must be refused, so use a CRL file made for a different CA.
                c.revocationListPaths = [pki.otherCACRLPath]
            }, namedFile: { $0.otherCACRLPath }, says: "not a CA in the CA bundle"),
        Case(
            name: "garbage CRL",
            configure: { pki, c in
                let path = pki.directory + "/garbage-crl.pem"
                try Data("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n".utf8).write(
                    to: URL(fileURLWithPath: path))
                c.revocationListPaths = [path]
            }, namedFile: { $0.directory + "/garbage-crl.pem" }, says: "not a valid PEM CRL"),
        Case(
            name: "client certificate dropped into a CA bundle directory",
            configure: { pki, c in
                let directory = pki.directory + "/ca.d"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: pki.caPath, toPath: directory + "/ca.pem")
                try FileManager.default.copyItem(atPath: pki.alice.certificatePath, toPath: directory + "/alice.pem")
                c.caBundlePath = directory
            }, namedFile: { $0.directory + "/ca.d/alice.pem" }, says: "CN=alice,OU=web,O=dockgate, which is not a CA"),
        Case(
            name: "CA in the bundle without a CRL",
            configure: { pki, c in
                let bundle = pki.directory + "/two-cas.pem"
                let both =
                    try String(contentsOfFile: pki.caPath, encoding: .utf8)
                    + String(contentsOfFile: pki.directory + "/other-ca.pem", encoding: .utf8)
                try both.write(toFile: bundle, atomically: true, encoding: .utf8)
                c.caBundlePath = bundle
                c.revocationListPaths = [pki.crlPath]
            }, namedFile: { $0.directory + "/two-cas.pem" }, says: "CA CN=untrusted test CA in"),
    ]

    @Test(arguments: cases)
    func refused(_ testCase: Case) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        var configuration = pki.serverConfiguration()
        try testCase.configure(pki, &configuration)
        let error = #expect(throws: TLSConfigurationError.self) { try TLSContext(server: configuration) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains(testCase.namedFile(pki)), "\(message)")
        #expect(message.contains(testCase.says), "\(message)")
    }

    @Test func encryptedKeyWithItsPassphraseLoads() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        var configuration = pki.serverConfiguration()
        configuration.privateKeyPath = pki.encryptedServerKeyPath
        configuration.privateKeyPassphrasePath = pki.passphrasePath
        let context = try TLSContext(server: configuration)
        #expect(context.certificate?.subject.commonName == "localhost")
    }

    @Test func caBundleMayBeADirectory() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let directory = pki.directory + "/ca.d"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pki.caPath, toPath: directory + "/ca.crt")
        var configuration = pki.serverConfiguration()
        configuration.caBundlePath = directory
        let pair = try EmbeddedTLSPair(server: TLSContext(server: configuration), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        try pair.pump()
        #expect(pair.serverRecorder.summaries.first?.peer.commonName == "alice")
    }
}

extension ServerTLSConfiguration {
    /// Shorter name for the tests' table.
    var certificatePath: String {
        get { certificateChainPath }
        set { certificateChainPath = newValue }
    }
}
