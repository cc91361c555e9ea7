import COpenSSL
import Foundation

/// A certificate revocation list held by OpenSSL (`X509_CRL*`).
public final class RevocationList: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_CRL_free(pointer)
    }

    /// Every CRL in a PEM file.
    public static func parseAll(pem: [UInt8], source: String) throws -> [RevocationList] {
        let bio = try MemoryBIO(reading: pem)
        ERR_clear_error()
        var lists: [RevocationList] = []
        while let crl = PEM_read_bio_X509_CRL(bio.pointer, nil, nil, nil) {
            lists.append(RevocationList(taking: crl))
        }
        let stack = OpenSSLErrorStack.capture()
        if let bad = stack.entries.first(where: { $0.reason != PEM_R_NO_START_LINE }) {
            throw TLSConfigurationError.invalidPEM(path: source, what: "CRL", detail: bad.text)
        }
        if lists.isEmpty {
            throw TLSConfigurationError.invalidPEM(
                path: source, what: "CRL", detail: "no -----BEGIN X509 CRL----- block")
        }
        return lists
    }

    /// Loads the CRLs of a file and checks each one before it is trusted: signed by one of
    /// `authorities`, and within its lastUpdate ... nextUpdate (outside it OpenSSL would refuse
    /// every client: "CRL is not yet valid", "CRL has expired").
    static func loadAll(fromPEMFile path: String, trusting authorities: [X509Certificate], now: Date) throws
        -> [RevocationList]
    {
        let lists = try parseAll(pem: try readFile(path), source: path)
        for list in lists {
            guard authorities.contains(where: list.isIssued(by:)) else {
                throw TLSConfigurationError.revocationListFromUnknownIssuer(path: path, issuer: list.issuer.rfc2253)
            }
            if list.lastUpdate > now {
                throw TLSConfigurationError.revocationListNotYetValid(
                    path: path, lastUpdate: ASN1Time.string(list.lastUpdate))
            }
            if let nextUpdate = list.nextUpdate, nextUpdate < now {
                throw TLSConfigurationError.revocationListExpired(path: path, nextUpdate: ASN1Time.string(nextUpdate))
            }
        }
        return lists
    }

    public var issuer: DistinguishedName { DistinguishedName(X509_CRL_get_issuer(pointer)) }
    public var lastUpdate: Date { ASN1Time.date(X509_CRL_get0_lastUpdate(pointer)) }
    public var nextUpdate: Date? { X509_CRL_get0_nextUpdate(pointer).map { ASN1Time.date($0) } }

    /// Serial numbers of the revoked certificates, upper-case hex as `X509Certificate.serialNumberHex`.
    public var revokedSerialNumbers: [String] {
        guard let entries = X509_CRL_get_REVOKED(pointer) else { return [] }
        return (0..<dg_sk_X509_REVOKED_num(entries)).compactMap { index in
            guard let entry = dg_sk_X509_REVOKED_value(entries, index),
                let bn = ASN1_INTEGER_to_BN(X509_REVOKED_get0_serialNumber(entry), nil)
            else { return nil }
            defer { BN_free(bn) }
            guard let hex = BN_bn2hex(bn) else { return nil }
            defer { dg_OPENSSL_free(hex) }
            return String(cString: hex)
        }
    }

    /// True when `authority` has the CRL's issuer name and its key signed the CRL.
    public func isIssued(by authority: X509Certificate) -> Bool {
        guard X509_NAME_cmp(X509_get_subject_name(authority.pointer), X509_CRL_get_issuer(pointer)) == 0,
            let key = X509_get0_pubkey(authority.pointer)
        else { return false }
        ERR_clear_error()
        defer { ERR_clear_error() }
        return X509_CRL_verify(pointer, key) == 1
    }

    public func pemEncoded() throws -> String {
        let bio = try MemoryBIO()
        ERR_clear_error()
        guard PEM_write_bio_X509_CRL(bio.pointer, pointer) == 1 else { throw OpenSSLError("PEM_write_bio_X509_CRL") }
        return String(decoding: bio.drain(), as: UTF8.self)
    }
}
