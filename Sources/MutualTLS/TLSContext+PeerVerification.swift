import COpenSSL

extension TLSContext {
    /// Verifies a client's certificate chain against this context's CA bundle and CRLs, the
    /// way a full handshake under this context would: purpose sslclient, depth, security
    /// level, CRLs on every level, `LeafCertificateCheck`, and the current time.
    ///
    /// For connections that began under an older context: after a reload each open one is
    /// checked again, so a revoked or since-expired certificate does not keep a keep-alive
    /// connection or a long stream (exec, attach, logs -f) open. `presentedChain` is what the
    /// client sent above its own certificate (`SSL_get_peer_cert_chain`), nil if nothing.
    ///
    /// Returns nil when the chain still verifies. Safe to call from any thread: the store is
    /// only read.
    func verifyClient(_ leaf: X509Certificate, presentedChain: OpaquePointer?) -> CertificateVerificationFailure? {
        if let refusal = LeafCertificateCheck.refusal(leaf) {
            return CertificateVerificationFailure(reason: refusal, depth: 0, certificateAtFault: leaf)
        }
        ERR_clear_error()
        defer { ERR_clear_error() }
        guard let storeContext = X509_STORE_CTX_new() else {
            return CertificateVerificationFailure(
                reason: "cannot verify: \(OpenSSLErrorStack.capture())", depth: 0, certificateAtFault: leaf)
        }
        defer { X509_STORE_CTX_free(storeContext) }
        guard X509_STORE_CTX_init(storeContext, SSL_CTX_get_cert_store(pointer), leaf.pointer, presentedChain) == 1
        else {
            return CertificateVerificationFailure(
                reason: "cannot verify: \(OpenSSLErrorStack.capture())", depth: 0, certificateAtFault: leaf)
        }
        // What libssl sets up for a server verifying its client: the ssl_client defaults
        // (purpose and trust), then the context's depth and security level.
        _ = X509_STORE_CTX_set_default(storeContext, "ssl_client")
        let parameters = X509_STORE_CTX_get0_param(storeContext)
        X509_VERIFY_PARAM_set_depth(parameters, TLSContext.verifyDepth)
        X509_VERIFY_PARAM_set_auth_level(parameters, SSL_CTX_get_security_level(pointer))
        guard X509_verify_cert(storeContext) != 1 else { return nil }
        return CertificateVerificationFailure(storeContext: storeContext)
    }
}
