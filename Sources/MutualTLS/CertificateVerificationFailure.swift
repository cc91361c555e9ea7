import COpenSSL

/// Why a certificate chain failed verification, and where in the chain.
///
/// The certificate at fault is not always the client's own: with CRL checks on every level, a
/// revoked intermediate CA fails at depth 1. Logs name both the client (its leaf, from the
/// caller) and the certificate at fault (this value).
struct CertificateVerificationFailure {
    /// OpenSSL's words for the error (`certificate revoked`), or dockgate's for its own checks.
    let reason: String
    /// 0 for the client's own certificate, 1 for its issuer, and so on.
    let depth: Int
    /// The certificate the failure is about (`X509_STORE_CTX_get_current_cert`).
    let certificateAtFault: X509Certificate?

    init(reason: String, depth: Int, certificateAtFault: X509Certificate?) {
        self.reason = reason
        self.depth = depth
        self.certificateAtFault = certificateAtFault
    }

    /// Reads the verdict of a store context whose verification just failed.
    init(storeContext: OpaquePointer) {
        let code = X509_STORE_CTX_get_error(storeContext)
        self.init(
            reason: code == X509_V_OK
                ? "verification failed without an error code"
                : String(cString: X509_verify_cert_error_string(Int(code))),
            depth: Int(X509_STORE_CTX_get_error_depth(storeContext)),
            certificateAtFault: X509_STORE_CTX_get_current_cert(storeContext).map { X509Certificate(borrowing: $0) })
    }

    /// `certificate revoked`; above the client's own certificate, also where:
    /// `certificate revoked (depth 1: CN=web intermediate CA)`.
    var summary: String {
        guard depth > 0 else { return reason }
        return "\(reason) (depth \(depth): \(certificateAtFault?.subject.rfc2253 ?? "unknown certificate"))"
    }

    /// Set when the reason is about the server's CRL rather than the client's certificate.
    var isStaleRevocationList: Bool { reason.hasPrefix("CRL ") }

    /// What to do about a stale CRL: the fault is the server's file, not the client.
    static let staleRevocationListHint =
        " (the server's --tlscrl file is out of date: re-sign it with dockgate certs revoke --dir CA_DIR, then reload)"
}
