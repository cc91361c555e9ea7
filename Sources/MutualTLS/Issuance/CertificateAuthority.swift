import Foundation

/// A CA certificate with its private key: what `dockgate certs` signs server certificates,
/// client certificates and CRLs with.
///
/// Both parts are immutable OpenSSL objects, so an authority can be shared between threads.
public struct CertificateAuthority: Sendable {
    public let certificate: X509Certificate
    public let key: PrivateKey

    init(certificate: X509Certificate, key: PrivateKey) {
        self.certificate = certificate
        self.key = key
    }

    /// A new self-signed root: v3, random serial, basicConstraints critical CA:TRUE, keyUsage
    /// critical keyCertSign + cRLSign, a subjectKeyIdentifier, signed with SHA-256.
    public static func create(
        commonName: String, algorithm: KeyAlgorithm = .ecdsaP256, notBefore: Date, notAfter: Date
    ) throws -> CertificateAuthority {
        let key = try PrivateKey.generate(algorithm)
        let request = CertificateRequest(
            commonName: commonName, usage: .authority, notBefore: notBefore, notAfter: notAfter)
        let builder = try CertificateBuilder(request, publicKeyOf: key)
        try builder.setIssuer(nil)
        try builder.addExtensions(for: request, key: key, issuer: nil)
        return CertificateAuthority(certificate: try builder.sign(with: key), key: key)
    }

    /// Loads an existing CA (`ca.pem`, `ca-key.pem`). The first certificate of the file is
    /// the CA; it must be a CA certificate and `keyPath` must hold its key. Errors name the file.
    public init(certificatePath: String, keyPath: String) throws {
        guard let certificate = try X509Certificate.loadAll(fromPEMFile: certificatePath).first else {
            throw TLSConfigurationError.noCertificates(path: certificatePath)
        }
        guard certificate.isCertificateAuthority else {
            throw IssuanceError.notAnAuthority(path: certificatePath, subject: certificate.subject.rfc2253)
        }
        let key: PrivateKey
        do {
            key = try PrivateKey.load(fromPEMFile: keyPath)
        } catch TLSConfigurationError.encryptedKeyWithoutPassphrase {
            throw IssuanceError.encryptedAuthorityKey(path: keyPath)
        }
        guard certificate.matches(key) else {
            throw TLSConfigurationError.keyDoesNotMatchCertificate(keyPath: keyPath, certificatePath: certificatePath)
        }
        self.init(certificate: certificate, key: key)
    }

    /// Signs a certificate for the public half of `key` (the private half is never needed
    /// and never leaves the caller).
    ///
    /// v3, random serial, issuer = this CA's subject; for `.server` / `.client`:
    /// basicConstraints critical CA:FALSE, keyUsage critical digitalSignature (plus
    /// keyEncipherment for RSA keys), extendedKeyUsage serverAuth / clientAuth; for
    /// `.authority`: an intermediate CA limited to pathlen 0. subjectAltName when the request
    /// has names; subject and authority key identifiers always.
    public func issue(_ request: CertificateRequest, publicKeyOf key: PrivateKey) throws -> X509Certificate {
        let builder = try CertificateBuilder(request, publicKeyOf: key)
        try builder.setIssuer(certificate)
        try builder.addExtensions(for: request, key: key, issuer: certificate)
        return try builder.sign(with: self.key)
    }
}
