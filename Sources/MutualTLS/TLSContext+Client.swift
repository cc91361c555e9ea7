import COpenSSL
import Foundation

extension TLSContext {
    /// Builds a client context that verifies the server against `caBundlePath` and, when
    /// configured, presents a client certificate. dockgate's tests drive the server handler
    /// with it, so both ends of every test handshake run through this module.
    public convenience init(client configuration: ClientTLSConfiguration) throws {
        let authorities = try TrustBundle.load(configuration.caBundlePath)
        var chain: [X509Certificate] = []
        var key: PrivateKey? = nil
        if let certificatePath = configuration.certificateChainPath {
            chain = try X509Certificate.loadAll(fromPEMFile: certificatePath)
            guard let keyPath = configuration.privateKeyPath else {
                throw TLSConfigurationError.invalidSetting(
                    name: "client key", detail: "\(certificatePath) given without its key")
            }
            let loaded = try PrivateKey.load(fromPEMFile: keyPath)
            guard chain[0].matches(loaded) else {
                throw TLSConfigurationError.keyDoesNotMatchCertificate(
                    keyPath: keyPath, certificatePath: certificatePath)
            }
            key = loaded
        }

        let ctx = try TLSContext.makeBase(
            method: TLS_client_method(), minimum: configuration.minimumVersion, maximum: configuration.maximumVersion)
        do {
            ERR_clear_error()
            let store = SSL_CTX_get_cert_store(ctx)
            for authority in authorities {
                guard X509_STORE_add_cert(store, authority.pointer) == 1 else {
                    throw OpenSSLError("X509_STORE_add_cert")
                }
            }
            if let key {
                guard SSL_CTX_use_certificate(ctx, chain[0].pointer) == 1 else {
                    throw OpenSSLError("SSL_CTX_use_certificate")
                }
                for intermediate in chain.dropFirst() {
                    guard dg_SSL_CTX_add1_chain_cert(ctx, intermediate.pointer) == 1 else {
                        throw OpenSSLError("add1_chain_cert")
                    }
                }
                guard SSL_CTX_use_PrivateKey(ctx, key.pointer) == 1 else {
                    throw OpenSSLError("SSL_CTX_use_PrivateKey")
                }
            }
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
            // Sessions are taken and offered explicitly by the caller (TLSHandler.resumableSession).
            _ = dg_SSL_CTX_set_session_cache_mode(ctx, Int(SSL_SESS_CACHE_CLIENT))
            let wire = try TLSContext.wireFormat(configuration.applicationProtocols)
            if !wire.isEmpty {
                // Unusually, 0 means success here.
                guard SSL_CTX_set_alpn_protos(ctx, wire, UInt32(wire.count)) == 0 else {
                    throw OpenSSLError("SSL_CTX_set_alpn_protos")
                }
            }
        } catch let error as OpenSSLError {
            SSL_CTX_free(ctx)
            throw TLSConfigurationError.openssl(error.description)
        } catch {
            SSL_CTX_free(ctx)
            throw error
        }
        try self.init(
            pointer: ctx, role: .client, applicationProtocols: configuration.applicationProtocols,
            serverName: configuration.serverName, certificate: chain.first, handshakeTimeout: .seconds(10))
    }
}
