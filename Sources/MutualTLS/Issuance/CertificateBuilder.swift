import COpenSSL
import Foundation

/// An `X509*` being assembled by `CertificateAuthority`.
///
/// Call order: `init` (version, serial, subject, validity, public key), `setIssuer`,
/// `addExtensions`, then `sign`, which hands the finished certificate over. A builder that is
/// dropped before `sign` frees its half-made certificate. Used on one thread only.
final class CertificateBuilder {
    private let pointer: OpaquePointer
    private var finished = false

    /// A v3 certificate with a random serial, `request`'s subject and validity, and the
    /// public half of `key`.
    init(_ request: CertificateRequest, publicKeyOf key: PrivateKey) throws {
        guard request.notAfter > request.notBefore else {
            throw IssuanceError.invalidValidity(
                notBefore: ASN1Time.string(request.notBefore), notAfter: ASN1Time.string(request.notAfter))
        }
        ERR_clear_error()
        guard let x509 = X509_new() else { throw OpenSSLError("X509_new") }
        pointer = x509

        ERR_clear_error()
        guard X509_set_version(pointer, 2) == 1 else { throw OpenSSLError("X509_set_version") }
        let serial = try SerialNumber.random()
        defer { ASN1_INTEGER_free(serial) }
        ERR_clear_error()
        guard X509_set_serialNumber(pointer, serial) == 1 else { throw OpenSSLError("X509_set_serialNumber") }

        let subject = try SubjectName.make(request)
        defer { X509_NAME_free(subject) }
        ERR_clear_error()
        guard X509_set_subject_name(pointer, subject) == 1 else { throw OpenSSLError("X509_set_subject_name") }

        try ASN1Time.set(X509_getm_notBefore(pointer), to: request.notBefore, what: "notBefore")
        try ASN1Time.set(X509_getm_notAfter(pointer), to: request.notAfter, what: "notAfter")

        ERR_clear_error()
        guard X509_set_pubkey(pointer, key.pointer) == 1 else { throw OpenSSLError("X509_set_pubkey") }
    }

    deinit {
        if !finished { X509_free(pointer) }
    }

    /// The issuer's subject becomes this certificate's issuer; nil means self-signed.
    func setIssuer(_ issuer: X509Certificate?) throws {
        let name = X509_get_subject_name(issuer?.pointer ?? pointer)
        ERR_clear_error()
        guard X509_set_issuer_name(pointer, name) == 1 else { throw OpenSSLError("X509_set_issuer_name") }
    }

    /// Adds `request.usage`'s constraints and key usages, the subjectAltNames, the subject key
    /// identifier and, when `issuer` is given, the authority key identifier.
    func addExtensions(for request: CertificateRequest, key: PrivateKey, issuer: X509Certificate?) throws {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.pointer ?? pointer, pointer, nil, nil, 0)
        var values = request.usage.extensionValues(rsaKey: key.isRSA, pathLength: issuer == nil ? nil : 0)
        values.append((NID_subject_key_identifier, "hash"))
        // keyid when the CA has a subjectKeyIdentifier (ours always do), else its name and serial.
        if issuer != nil { values.append((NID_authority_key_identifier, "keyid,issuer")) }
        for (nid, value) in values {
            let ext = try ExtensionText.make(nid: nid, value: value, context: &context)
            defer { X509_EXTENSION_free(ext) }
            ERR_clear_error()
            guard X509_add_ext(pointer, ext, -1) == 1 else { throw OpenSSLError("X509_add_ext") }
        }
        guard request.hasSubjectAlternativeNames else { return }
        let names = SubjectAlternativeNames(
            dnsNames: request.dnsNames, ipAddresses: request.ipAddresses,
            emailAddresses: request.emailAddresses, uris: request.uris)
        let encoded = try names.encoded()
        defer { dg_GENERAL_NAMES_free(encoded) }
        ERR_clear_error()
        guard X509_add1_ext_i2d(pointer, NID_subject_alt_name, UnsafeMutableRawPointer(encoded), 0, 0) == 1 else {
            throw OpenSSLError("adding the subjectAltName extension")
        }
    }

    /// Signs with SHA-256 and hands the certificate over; the builder is spent afterwards.
    func sign(with key: PrivateKey) throws -> X509Certificate {
        precondition(!finished, "CertificateBuilder.sign called twice")
        ERR_clear_error()
        guard X509_sign(pointer, key.pointer, EVP_sha256()) > 0 else { throw OpenSSLError("X509_sign") }
        finished = true
        return X509Certificate(taking: pointer)
    }
}
