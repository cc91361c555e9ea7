import COpenSSL
import Foundation

extension TLSContext {
    /// Builds the server context: loads and checks every file in `configuration`, and
    /// requires a client certificate that chains to the CA bundle.
    ///
    /// Fails with a `TLSConfigurationError` naming the file when a file is unreadable or not
    /// PEM, the key does not match the certificate, the certificate is expired or not yet
    /// valid, the CA bundle holds no certificate or one that is no CA, a CRL is expired, not yet
    /// valid or from an unknown CA, or (with any CRL given) a CA of the bundle has no CRL.
    public convenience init(server configuration: ServerTLSConfiguration, now: Date = Date()) throws {
        let chain = try X509Certificate.loadAll(fromPEMFile: configuration.certificateChainPath)
        let leaf = chain[0]
        try TLSContext.checkValidity(leaf, path: configuration.certificateChainPath, now: now)
        let passphrase = try configuration.privateKeyPassphrasePath.map(TLSContext.readPassphrase)
        let key = try PrivateKey.load(fromPEMFile: configuration.privateKeyPath, passphrase: passphrase)
        guard leaf.matches(key) else {
            throw TLSConfigurationError.keyDoesNotMatchCertificate(
                keyPath: configuration.privateKeyPath, certificatePath: configuration.certificateChainPath)
        }
        let authorities = try TrustBundle.load(configuration.caBundlePath)
        let revocationLists = try configuration.revocationListPaths.flatMap {
            try RevocationList.loadAll(fromPEMFile: $0, trusting: authorities, now: now)
        }
        if let uncovered = RevocationCoverage.authorityWithoutList(authorities, lists: revocationLists) {
            throw TLSConfigurationError.authorityWithoutRevocationList(
                caBundlePath: configuration.caBundlePath, subject: uncovered.subject.rfc2253)
        }

        let ctx = try TLSContext.makeBase(method: TLS_server_method(), minimum: configuration.minimumVersion)
        do {
            ERR_clear_error()
            guard SSL_CTX_use_certificate(ctx, leaf.pointer) == 1 else { throw OpenSSLError("SSL_CTX_use_certificate") }
            for intermediate in chain.dropFirst() {
                guard dg_SSL_CTX_add1_chain_cert(ctx, intermediate.pointer) == 1 else {
                    throw OpenSSLError(
                        "adding \(intermediate.subject) from \(configuration.certificateChainPath) to the chain")
                }
            }
            guard SSL_CTX_use_PrivateKey(ctx, key.pointer) == 1, SSL_CTX_check_private_key(ctx) == 1 else {
                throw OpenSSLError("SSL_CTX_use_PrivateKey")
            }

            let store = SSL_CTX_get_cert_store(ctx)
            for authority in authorities {
                guard X509_STORE_add_cert(store, authority.pointer) == 1 else {
                    throw OpenSSLError("adding CA \(authority.subject) from \(configuration.caBundlePath)")
                }
                // Listed in the CertificateRequest so clients holding several certificates pick ours.
                _ = SSL_CTX_add_client_CA(ctx, authority.pointer)
            }
            for list in revocationLists {
                guard X509_STORE_add_crl(store, list.pointer) == 1 else { throw OpenSSLError("X509_STORE_add_crl") }
            }
            if !revocationLists.isEmpty {
                // Every certificate of the chain, not only the client's: revoking an
                // intermediate CA must shut out everything it issued.
                X509_STORE_set_flags(store, UInt(X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL))
            }
            // clientAuth (or no EKU) required of the client's leaf; a serverAuth-only
            // certificate presented as a client certificate is refused.
            _ = SSL_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT)
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verifyCallback)
            SSL_CTX_set_verify_depth(ctx, TLSContext.verifyDepth)
            // A client's Certificate message is read whole before it is verified; OpenSSL's
            // default bound (100 KiB) is far above any real chain.
            _ = dg_SSL_CTX_set_max_cert_list(ctx, TLSContext.maximumCertificateListBytes)

            // Resumption is stateful: session ids (TLS 1.2) and, with SSL_OP_NO_TICKET, TLS 1.3
            // tickets that only name an entry of this context's bounded cache. Stateless
            // tickets would carry the resumption secret encrypted under a ticket key living as
            // long as the context, so one leaked key would open every recorded session. The id
            // context is required once client certificates are verified, or OpenSSL refuses
            // to resume.
            SSL_CTX_set_options(ctx, dg_SSL_OP_NO_TICKET())
            let sessionContext = Array("dockgate".utf8)
            guard SSL_CTX_set_session_id_context(ctx, sessionContext, UInt32(sessionContext.count)) == 1 else {
                throw OpenSSLError("SSL_CTX_set_session_id_context")
            }
            _ = dg_SSL_CTX_set_session_cache_mode(ctx, Int(SSL_SESS_CACHE_SERVER))
            _ = dg_SSL_CTX_sess_set_cache_size(ctx, configuration.sessionCacheSize)
            _ = SSL_CTX_set_timeout(ctx, configuration.sessionLifetimeSeconds)
            SSL_CTX_set_alpn_select_cb(ctx, alpnSelectCallback, nil)
        } catch let error as OpenSSLError {
            SSL_CTX_free(ctx)
            throw TLSConfigurationError.openssl(error.description)
        } catch {
            SSL_CTX_free(ctx)
            throw error
        }
        try self.init(
            pointer: ctx, role: .server, applicationProtocols: configuration.applicationProtocols, serverName: nil,
            certificate: leaf, handshakeTimeout: configuration.handshakeTimeout,
            revocationListsExpire: revocationLists.compactMap(\.nextUpdate).min())
    }

    /// Certificates a client chain may have above the client's own.
    static let verifyDepth: Int32 = 8

    /// 32 KiB for the client's whole certificate chain: a leaf and two intermediates with
    /// RSA-4096 keys take about 6 KiB.
    static let maximumCertificateListBytes = 32 * 1024

    /// An expired or not-yet-valid server certificate stops start-up, rather than letting
    /// every client fail its handshake with a less obvious error.
    static func checkValidity(_ certificate: X509Certificate, path: String, now: Date) throws {
        if certificate.notAfter < now {
            throw TLSConfigurationError.certificateExpired(
                path: path, subject: certificate.subject.rfc2253, notAfter: ASN1Time.string(certificate.notAfter))
        }
        if certificate.notBefore > now {
            throw TLSConfigurationError.certificateNotYetValid(
                path: path, subject: certificate.subject.rfc2253, notBefore: ASN1Time.string(certificate.notBefore))
        }
    }

    /// The first line of the passphrase file.
    static func readPassphrase(_ path: String) throws -> [UInt8] {
        let bytes = try readFile(path)
        return Array(bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") })
    }
}

/// Chooses the first of our ALPN protocols that the client also offers. With no overlap the
/// handshake goes on without ALPN (HTTP/1.1 is assumed), which is what Go clients expect.
private let alpnSelectCallback:
    @convention(c) (
        OpaquePointer?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, UnsafeMutablePointer<UInt8>?,
        UnsafePointer<UInt8>?, UInt32, UnsafeMutableRawPointer?
    ) -> Int32 = { ssl, out, outLength, offered, offeredLength, _ in
        guard let ssl, let out, let outLength, let offered,
            let context = TLSContext.from(SSL_get_SSL_CTX(ssl)), !context.alpnWireFormat.isEmpty
        else { return SSL_TLSEXT_ERR_NOACK }
        let ours = context.alpnWireFormat
        var selected: UnsafeMutablePointer<UInt8>? = nil
        var selectedLength: UInt8 = 0
        let result = SSL_select_next_proto(
            &selected, &selectedLength, ours.baseAddress, UInt32(ours.count), offered, offeredLength)
        guard result == OPENSSL_NPN_NEGOTIATED, let selected else { return SSL_TLSEXT_ERR_NOACK }
        // `selected` points into `alpnWireFormat`, which lives as long as the context.
        out.pointee = UnsafePointer(selected)
        outLength.pointee = selectedLength
        return SSL_TLSEXT_ERR_OK
    }

/// Keeps OpenSSL's verdict, adds dockgate's own check of the client's certificate
/// (`LeafCertificateCheck`), and records the first failure on the connection (with its depth,
/// the certificate at fault and the client's leaf), so the refusal can be logged precisely.
///
/// OpenSSL calls it once per certificate of the chain, root first, with `preverifyOK` 1 when
/// its own checks of that certificate passed.
let verifyCallback: @convention(c) (Int32, OpaquePointer?) -> Int32 = { preverifyOK, storeContext in
    guard let storeContext,
        let rawSSL = X509_STORE_CTX_get_ex_data(storeContext, SSL_get_ex_data_X509_STORE_CTX_idx()),
        let connection = TLSConnection.from(OpaquePointer(rawSSL))
    else { return preverifyOK }
    let leaf = { X509_STORE_CTX_get0_cert(storeContext).map { X509Certificate(borrowing: $0) } }
    guard preverifyOK == 1 else {
        connection.recordVerificationFailure(CertificateVerificationFailure(storeContext: storeContext), leaf: leaf())
        return preverifyOK
    }
    guard X509_STORE_CTX_get_error_depth(storeContext) == 0, let current = X509_STORE_CTX_get_current_cert(storeContext)
    else { return 1 }
    let certificate = X509Certificate(borrowing: current)
    guard let refusal = LeafCertificateCheck.refusal(certificate) else { return 1 }
    // A defined error for the session's verify result and the alert; failing without one
    // leaves OpenSSL to report an unspecified error.
    X509_STORE_CTX_set_error(storeContext, X509_V_ERR_APPLICATION_VERIFICATION)
    connection.recordVerificationFailure(
        CertificateVerificationFailure(reason: refusal, depth: 0, certificateAtFault: certificate), leaf: certificate)
    return 0
}
