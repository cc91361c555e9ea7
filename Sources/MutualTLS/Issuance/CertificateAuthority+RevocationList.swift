import COpenSSL
import Foundation

extension CertificateAuthority {
    /// True when this CA's key signed `certificate` and its issuer name and authority key
    /// identifier point at this CA (`X509_check_issued`).
    public func hasIssued(_ other: X509Certificate) -> Bool {
        ERR_clear_error()
        defer { ERR_clear_error() }
        return X509_check_issued(certificate.pointer, other.pointer) == X509_V_OK && other.isSigned(by: certificate)
    }

    /// A v2 CRL signed by this CA with SHA-256.
    ///
    /// Every entry of `previous` is kept as it was (its revocation date and any reason code),
    /// each certificate of `newlyRevoked` not yet listed is added with `thisUpdate` as its
    /// revocation date, and the entries are sorted by serial. The CRL number is one more than
    /// `previous`'s (1 for the first list). With nothing revoked the CRL is empty but still
    /// valid: `dockgate serve --tlscrl` can point at it from day one.
    public func revocationList(
        revoking newlyRevoked: [X509Certificate], previous: RevocationList?, thisUpdate: Date, nextUpdate: Date
    ) throws -> RevocationList {
        guard nextUpdate > thisUpdate else {
            throw IssuanceError.invalidValidity(
                notBefore: ASN1Time.string(thisUpdate), notAfter: ASN1Time.string(nextUpdate))
        }
        if let previous, !previous.isIssued(by: certificate) {
            throw IssuanceError.revocationListFromOtherAuthority(
                issuer: previous.issuer.rfc2253, authority: certificate.subject.rfc2253)
        }
        if let stranger = newlyRevoked.first(where: { !hasIssued($0) }) {
            throw IssuanceError.notIssuedByAuthority(
                subject: stranger.subject.rfc2253, authority: certificate.subject.rfc2253)
        }

        ERR_clear_error()
        guard let crl = X509_CRL_new() else { throw OpenSSLError("X509_CRL_new") }
        let list = RevocationList(taking: crl)
        ERR_clear_error()
        guard X509_CRL_set_version(crl, 1) == 1,
            X509_CRL_set_issuer_name(crl, X509_get_subject_name(certificate.pointer)) == 1
        else { throw OpenSSLError("setting the CRL version and issuer") }
        try setTimes(crl, thisUpdate: thisUpdate, nextUpdate: nextUpdate)

        var listed = Set<String>()
        if let previous {
            try copyEntries(of: previous, into: crl)
            listed.formUnion(previous.revokedSerialNumbers)
        }
        for revoked in newlyRevoked where listed.insert(revoked.serialNumberHex).inserted {
            try addEntry(serialOf: revoked, revokedAt: thisUpdate, to: crl)
        }
        ERR_clear_error()
        guard X509_CRL_sort(crl) == 1 else { throw OpenSSLError("X509_CRL_sort") }

        try addExtensions(crl, previous: previous)
        ERR_clear_error()
        guard X509_CRL_sign(crl, key.pointer, EVP_sha256()) > 0 else { throw OpenSSLError("X509_CRL_sign") }
        return list
    }

    private func setTimes(_ crl: OpaquePointer, thisUpdate: Date, nextUpdate: Date) throws {
        let last = try ASN1Time.make(thisUpdate, what: "the CRL's lastUpdate")
        defer { ASN1_TIME_free(last) }
        let next = try ASN1Time.make(nextUpdate, what: "the CRL's nextUpdate")
        defer { ASN1_TIME_free(next) }
        ERR_clear_error()
        guard X509_CRL_set1_lastUpdate(crl, last) == 1, X509_CRL_set1_nextUpdate(crl, next) == 1 else {
            throw OpenSSLError("setting the CRL's lastUpdate and nextUpdate")
        }
    }

    private func copyEntries(of previous: RevocationList, into crl: OpaquePointer) throws {
        guard let entries = X509_CRL_get_REVOKED(previous.pointer) else { return }
        for index in 0..<dg_sk_X509_REVOKED_num(entries) {
            ERR_clear_error()
            guard let entry = dg_sk_X509_REVOKED_value(entries, index), let copy = X509_REVOKED_dup(entry) else {
                throw OpenSSLError("copying entry \(index) of the previous CRL")
            }
            guard X509_CRL_add0_revoked(crl, copy) == 1 else {
                X509_REVOKED_free(copy)
                throw OpenSSLError("X509_CRL_add0_revoked")
            }
        }
    }

    private func addEntry(serialOf revoked: X509Certificate, revokedAt date: Date, to crl: OpaquePointer) throws {
        let time = try ASN1Time.make(date, what: "a revocation date")
        defer { ASN1_TIME_free(time) }
        ERR_clear_error()
        guard let entry = X509_REVOKED_new() else { throw OpenSSLError("X509_REVOKED_new") }
        let serial = UnsafeMutablePointer(mutating: X509_get0_serialNumber(revoked.pointer))
        guard X509_REVOKED_set_serialNumber(entry, serial) == 1,
            X509_REVOKED_set_revocationDate(entry, time) == 1,
            X509_CRL_add0_revoked(crl, entry) == 1
        else {
            X509_REVOKED_free(entry)
            throw OpenSSLError("adding serial \(revoked.serialNumberHex) to the CRL")
        }
    }

    /// cRLNumber (RFC 5280 requires it in every CRL) and authorityKeyIdentifier.
    private func addExtensions(_ crl: OpaquePointer, previous: RevocationList?) throws {
        let previousNumber = previous.flatMap {
            X509_CRL_get_ext_d2i($0.pointer, NID_crl_number, nil, nil)?.assumingMemoryBound(to: ASN1_INTEGER.self)
        }
        defer { ASN1_INTEGER_free(previousNumber) }
        let number = try SerialNumber.next(after: previousNumber)
        defer { ASN1_INTEGER_free(number) }
        ERR_clear_error()
        guard X509_CRL_add1_ext_i2d(crl, NID_crl_number, UnsafeMutableRawPointer(number), 0, 0) == 1 else {
            throw OpenSSLError("adding the CRL number")
        }

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, certificate.pointer, nil, nil, crl, 0)
        let ext = try ExtensionText.make(nid: NID_authority_key_identifier, value: "keyid,issuer", context: &context)
        defer { X509_EXTENSION_free(ext) }
        ERR_clear_error()
        guard X509_CRL_add_ext(crl, ext, -1) == 1 else { throw OpenSSLError("X509_CRL_add_ext") }
    }
}
