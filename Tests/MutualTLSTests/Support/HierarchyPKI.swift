import Foundation
import MutualTLS
import TestSupport

/// A client certificate and its key on disk (TestSupport's `ClientFiles` has no public init).
struct ClientCertificate {
    let certificatePath: String
    let keyPath: String
    let certificate: X509Certificate
}

/// A throw-away PKI for what `TestPKI` does not cover: an intermediate CA under the root,
/// client certificates with a chosen issuer, key type, lifetime or chain, a CA certificate
/// presented as a client's, CRLs with chosen dates, and an RSA server key.
///
/// Every file lives in one temporary directory (`files`); `remove()` deletes it.
struct HierarchyPKI {
    let files: CertificateFiles
    let root: CertificateAuthority

    /// `root.pem`: the root CA alone, the usual CA bundle.
    var rootPath: String { files.path("root.pem") }
    var serverCertificatePath: String { files.path("server-cert.pem") }
    var serverKeyPath: String { files.path("server-key.pem") }

    static let day: TimeInterval = 86_400

    /// A root CA and a localhost server certificate with a `serverKey` key.
    static func make(serverKey algorithm: KeyAlgorithm = .ecdsaP256) throws -> HierarchyPKI {
        let files = CertificateFiles(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("dockgate-chain-\(UUID())").path)
        let now = Date()
        let root = try CertificateAuthority.create(
            commonName: "chain test root CA", notBefore: now - 30 * day, notAfter: now + 365 * day)
        let serverKey = try PrivateKey.generate(algorithm)
        let server = try root.issue(
            CertificateRequest(
                commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"], usage: .server, days: 30),
            publicKeyOf: serverKey)
        try files.write([
            .publicPEM("root.pem", try root.certificate.pemEncoded()),
            .privateKey("root-key.pem", try root.key.pemEncoded()),
            .publicPEM("server-cert.pem", try server.pemEncoded()),
            .privateKey("server-key.pem", try serverKey.pemEncoded()),
        ])
        return HierarchyPKI(files: files, root: root)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: files.directory)
    }

    /// An intermediate CA issued by the root (pathlen 0); its certificate is `NAME.pem`.
    func intermediate(_ name: String, algorithm: KeyAlgorithm = .ecdsaP256) throws -> CertificateAuthority {
        let key = try PrivateKey.generate(algorithm)
        let certificate = try root.issue(
            CertificateRequest(commonName: name, usage: .authority, days: 30), publicKeyOf: key)
        try files.write([
            .publicPEM("\(name).pem", try certificate.pemEncoded()),
            .privateKey("\(name)-key.pem", try key.pemEncoded()),
        ])
        return try CertificateAuthority(
            certificatePath: files.path("\(name).pem"), keyPath: files.path("\(name)-key.pem"))
    }

    /// A client certificate for `name` from `issuer` (the root by default), valid until
    /// `notAfter`; its file holds `chain` after it, which the client then sends too.
    func client(
        _ name: String, by issuer: CertificateAuthority? = nil, key algorithm: KeyAlgorithm = .ecdsaP256,
        notAfter: Date = Date() + 30 * day, chain: [X509Certificate] = []
    ) throws -> ClientCertificate {
        let key = try PrivateKey.generate(algorithm)
        let certificate = try (issuer ?? root).issue(
            CertificateRequest(
                commonName: name, organization: "dockgate", organizationalUnits: ["web"], usage: .client,
                notBefore: Date() - 300, notAfter: notAfter),
            publicKeyOf: key)
        let pem = try ([certificate] + chain).map { try $0.pemEncoded() }.joined()
        try files.write([.publicPEM("\(name)-cert.pem", pem), .privateKey("\(name)-key.pem", try key.pemEncoded())])
        return ClientCertificate(
            certificatePath: files.path("\(name)-cert.pem"), keyPath: files.path("\(name)-key.pem"),
            certificate: certificate)
    }

    /// A CA certificate (basicConstraints CA:TRUE) from the root that otherwise looks like a
    /// client's (keyUsage digitalSignature, extendedKeyUsage clientAuth), so OpenSSL's purpose
    /// check passes it. Made with the openssl CLI: dockgate's issuer never writes one.
    func authorityAsClient(_ name: String) throws -> ClientCertificate {
        let keyPath = files.path("\(name)-key.pem")
        let requestPath = files.path("\(name).csr")
        let extensionsPath = files.path("\(name).ext")
        let certificatePath = files.path("\(name)-cert.pem")
        try files.write([
            .privateKey("\(name)-key.pem", try PrivateKey.generate(.ecdsaP256).pemEncoded()),
            .publicPEM(
                "\(name).ext",
                "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,keyCertSign\nextendedKeyUsage=clientAuth\n"
            ),
        ])
        for arguments in [
            ["req", "-new", "-key", keyPath, "-subj", "/O=dockgate/OU=web/CN=\(name)", "-out", requestPath],
            [
                "x509", "-req", "-in", requestPath, "-CA", rootPath, "-CAkey", files.path("root-key.pem"),
                "-CAcreateserial", "-days", "2", "-extfile", extensionsPath, "-out", certificatePath,
            ],
        ] {
            let result = try OpenSSLCLI.run(arguments)
            guard result.succeeded else { throw HarnessError("openssl \(arguments[0]) failed:\n\(result.output)") }
        }
        let certificate = try X509Certificate.loadAll(fromPEMFile: certificatePath)[0]
        return ClientCertificate(certificatePath: certificatePath, keyPath: keyPath, certificate: certificate)
    }

    /// A CRL of `authority` listing `revoked`, written to `NAME`; returns its path.
    func revocationList(
        _ name: String, of authority: CertificateAuthority, revoking revoked: [X509Certificate] = [],
        thisUpdate: Date = Date() - 60, nextUpdate: Date = Date() + 30 * day
    ) throws -> String {
        let list = try authority.revocationList(
            revoking: revoked, previous: nil, thisUpdate: thisUpdate, nextUpdate: nextUpdate)
        try files.write([.publicPEM(name, try list.pemEncoded())])
        return files.path(name)
    }

    /// A PEM file of the given certificates, one after another (a CA bundle, a chain).
    func bundle(_ name: String, of certificates: [X509Certificate]) throws -> String {
        try files.write([.publicPEM(name, try certificates.map { try $0.pemEncoded() }.joined())])
        return files.path(name)
    }

    func serverConfiguration(caBundle: String? = nil, crls: [String] = []) -> ServerTLSConfiguration {
        ServerTLSConfiguration(
            caBundlePath: caBundle ?? rootPath, certificateChainPath: serverCertificatePath,
            privateKeyPath: serverKeyPath, revocationListPaths: crls)
    }

    func clientContext(_ client: ClientCertificate, maximum: TLSVersion = .tls13) throws -> TLSContext {
        try TLSContext(
            client: ClientTLSConfiguration(
                caBundlePath: rootPath, certificateChainPath: client.certificatePath, privateKeyPath: client.keyPath,
                maximumVersion: maximum))
    }
}
