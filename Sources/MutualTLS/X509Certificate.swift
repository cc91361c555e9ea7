import COpenSSL
import Foundation

/// An X.509 certificate held by OpenSSL (`X509*`).
///
/// Immutable once made: nothing in dockgate changes a certificate after it is parsed or
/// signed, so instances are shared freely between threads.
public final class X509Certificate: @unchecked Sendable {
    /// The owned `X509*`; freed in `deinit`.
    let pointer: OpaquePointer

    /// Takes ownership of one reference to `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Adds a reference to a certificate owned by someone else (an `SSL*`, a store).
    convenience init(borrowing pointer: OpaquePointer) {
        X509_up_ref(pointer)
        self.init(taking: pointer)
    }

    deinit {
        X509_free(pointer)
    }

    /// Every certificate in a PEM file, in file order (leaf first for a chain file).
    public static func loadAll(fromPEMFile path: String) throws -> [X509Certificate] {
        let data = try readFile(path)
        let certificates = try parseAll(pem: data, source: path)
        if certificates.isEmpty { throw TLSConfigurationError.noCertificates(path: path) }
        return certificates
    }

    /// Every certificate in PEM text; `source` names it in errors.
    public static func parseAll(pem: [UInt8], source: String) throws -> [X509Certificate] {
        ERR_clear_error()
        let bio = try MemoryBIO(reading: pem)
        var certificates: [X509Certificate] = []
        while let x509 = PEM_read_bio_X509(bio.pointer, nil, nil, nil) {
            certificates.append(X509Certificate(taking: x509))
        }
        // Reading stops with PEM_R_NO_START_LINE at the end of the data; anything else is a
        // damaged block that must not be skipped silently.
        let stack = OpenSSLErrorStack.capture()
        if let bad = stack.entries.first(where: { $0.reason != PEM_R_NO_START_LINE }) {
            throw TLSConfigurationError.invalidPEM(path: source, what: "certificate", detail: bad.text)
        }
        return certificates
    }

    /// Parses exactly one PEM certificate.
    public convenience init(pem: String) throws {
        let all = try X509Certificate.parseAll(pem: Array(pem.utf8), source: "PEM text")
        guard all.count == 1, let only = all.first else {
            throw TLSConfigurationError.invalidPEM(
                path: "PEM text", what: "certificate", detail: "expected exactly one certificate, found \(all.count)")
        }
        self.init(borrowing: only.pointer)
    }

    public func pemEncoded() throws -> String {
        let bio = try MemoryBIO()
        ERR_clear_error()
        guard PEM_write_bio_X509(bio.pointer, pointer) == 1 else { throw OpenSSLError("PEM_write_bio_X509") }
        return String(decoding: bio.drain(), as: UTF8.self)
    }

    public func derEncoded() throws -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>? = nil
        ERR_clear_error()
        let length = i2d_X509(pointer, &out)
        guard length > 0, let out else { throw OpenSSLError("i2d_X509") }
        defer { dg_OPENSSL_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    public var subject: DistinguishedName { DistinguishedName(X509_get_subject_name(pointer)) }
    public var issuer: DistinguishedName { DistinguishedName(X509_get_issuer_name(pointer)) }

    /// The serial number as upper-case hex without leading zeros, as `openssl x509 -serial` prints it.
    public var serialNumberHex: String {
        guard let bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(pointer), nil) else { return "" }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { dg_OPENSSL_free(hex) }
        return String(cString: hex)
    }

    public var notBefore: Date { ASN1Time.date(X509_get0_notBefore(pointer)) }
    public var notAfter: Date { ASN1Time.date(X509_get0_notAfter(pointer)) }

    /// SHA-256 of the DER certificate, lower-case hex (what `openssl x509 -fingerprint -sha256` shows, without colons).
    public var sha256Fingerprint: String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(pointer, EVP_sha256(), &digest, &length) == 1 else { return "" }
        return Hex.encode(digest.prefix(Int(length)))
    }

    /// SHA-256 of the DER SubjectPublicKeyInfo: the pin that survives re-issuing a
    /// certificate for the same key.
    public var spkiSHA256: [UInt8] {
        // The certificate's own SubjectPublicKeyInfo, re-encoded as stored: i2d_PUBKEY would
        // go through OpenSSL 3's provider encoders, a measurable cost on every handshake.
        guard let spki = X509_get_X509_PUBKEY(pointer) else { return [] }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509_PUBKEY(spki, &out)
        guard length > 0, let out else { return [] }
        defer { dg_OPENSSL_free(out) }
        return SHA256.digest(UnsafeRawBufferPointer(start: out, count: Int(length)))
    }

    public var subjectAlternativeNames: SubjectAlternativeNames { SubjectAlternativeNames(certificate: pointer) }

    /// True if the certificate's public key belongs to `key`.
    public func matches(_ key: PrivateKey) -> Bool {
        ERR_clear_error()
        defer { ERR_clear_error() }
        return X509_check_private_key(pointer, key.pointer) == 1
    }

    /// True if `issuer`'s key signed this certificate.
    public func isSigned(by issuer: X509Certificate) -> Bool {
        guard let key = X509_get0_pubkey(issuer.pointer) else { return false }
        ERR_clear_error()
        defer { ERR_clear_error() }
        return X509_verify(pointer, key) == 1
    }

    /// True for a certificate OpenSSL would accept as an issuer: basicConstraints CA:TRUE, or
    /// the legacy signs (a v1 self-signed certificate, keyUsage keyCertSign alone).
    public var isCertificateAuthority: Bool { X509_check_ca(pointer) >= 1 }

    /// True only for basicConstraints CA:TRUE (with keyCertSign if keyUsage is present): the
    /// explicit mark a trust anchor must carry.
    public var hasCABasicConstraint: Bool { X509_check_ca(pointer) == 1 }
}

extension X509Certificate: Equatable {
    public static func == (lhs: X509Certificate, rhs: X509Certificate) -> Bool {
        X509_cmp(lhs.pointer, rhs.pointer) == 0
    }
}

extension X509Certificate: CustomStringConvertible {
    public var description: String { "\(subject) (serial \(serialNumberHex), sha256 \(sha256Fingerprint))" }
}
