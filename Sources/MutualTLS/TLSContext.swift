import COpenSSL
import Foundation
import NIOCore

/// An OpenSSL `SSL_CTX`, built once from a configuration and shared by every connection
/// that starts while it is current.
///
/// Immutable after `init`: OpenSSL allows `SSL_new` on one context from many threads, and
/// nothing here changes the context later. A new certificate, CA or CRL means a new
/// context (see `ReloadableTLSContext`), which also means an empty session cache, so no
/// session made under the old trust settings resumes under the new ones.
public final class TLSContext: @unchecked Sendable {
    public enum Role: Sendable { case server, client }

    let pointer: OpaquePointer
    public let role: Role
    /// ALPN protocols in wire format (length-prefixed). Allocated once and freed in
    /// `deinit`, because OpenSSL's selection callback hands out a pointer into it.
    let alpnWireFormat: UnsafeMutableBufferPointer<UInt8>
    /// For a client context: the name to check on the server certificate.
    let serverName: String?
    /// The server's own leaf, for logs and tests.
    public let certificate: X509Certificate?
    public let handshakeTimeout: NIOCore.TimeAmount
    /// The earliest nextUpdate of the CRLs loaded; nil without CRLs. A resumed session skips
    /// chain verification, so the handler checks this itself (a full handshake fails on an
    /// expired CRL inside OpenSSL).
    public let revocationListsExpire: Date?

    init(
        pointer: OpaquePointer, role: Role, applicationProtocols: [String], serverName: String?,
        certificate: X509Certificate?, handshakeTimeout: NIOCore.TimeAmount, revocationListsExpire: Date? = nil
    ) throws {
        self.pointer = pointer
        self.role = role
        let wire = try TLSContext.wireFormat(applicationProtocols)
        self.alpnWireFormat = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: wire.count)
        _ = self.alpnWireFormat.initialize(from: wire)
        self.serverName = serverName
        self.certificate = certificate
        self.handshakeTimeout = handshakeTimeout
        self.revocationListsExpire = revocationListsExpire
        SSL_CTX_set_ex_data(pointer, TLSContext.exDataIndex, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        SSL_CTX_free(pointer)
        alpnWireFormat.deallocate()
    }

    /// Where each `SSL_CTX` keeps an unretained pointer back to its `TLSContext`, for the C callbacks.
    static let exDataIndex: Int32 = dg_SSL_CTX_get_ex_new_index()

    static func from(_ ctx: OpaquePointer) -> TLSContext? {
        guard let raw = SSL_CTX_get_ex_data(ctx, exDataIndex) else { return nil }
        return Unmanaged<TLSContext>.fromOpaque(raw).takeUnretainedValue()
    }

    static func wireFormat(_ protocols: [String]) throws -> [UInt8] {
        var out: [UInt8] = []
        for name in protocols {
            let bytes = Array(name.utf8)
            guard (1...255).contains(bytes.count) else {
                throw TLSConfigurationError.invalidSetting(
                    name: "ALPN", detail: "protocol name \"\(name)\" must be 1 to 255 bytes")
            }
            out.append(UInt8(bytes.count))
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// A fresh `SSL_CTX` with the settings both roles share: TLS 1.2 minimum, no
    /// renegotiation, no compression, ECDHE + AEAD suites only for TLS 1.2, security level 2.
    static func makeBase(method: OpaquePointer?, minimum: TLSVersion, maximum: TLSVersion = .tls13) throws
        -> OpaquePointer
    {
        ERR_clear_error()
        guard let ctx = SSL_CTX_new(method) else {
            throw TLSConfigurationError.openssl(OpenSSLError("SSL_CTX_new").description)
        }
        do {
            guard dg_SSL_CTX_set_min_proto_version(ctx, minimum.openSSLValue) == 1,
                dg_SSL_CTX_set_max_proto_version(ctx, maximum.openSSLValue) == 1
            else { throw TLSConfigurationError.openssl(OpenSSLError("setting the TLS version range").description) }
            SSL_CTX_set_options(
                ctx, dg_SSL_OP_NO_RENEGOTIATION() | dg_SSL_OP_NO_COMPRESSION() | dg_SSL_OP_CIPHER_SERVER_PREFERENCE())
            guard SSL_CTX_set_cipher_list(ctx, modernTLS12Ciphers) == 1 else {
                throw TLSConfigurationError.openssl(OpenSSLError("SSL_CTX_set_cipher_list").description)
            }
            guard dg_SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384") == 1 else {
                throw TLSConfigurationError.openssl(OpenSSLError("SSL_CTX_set1_groups_list").description)
            }
            // Set last and explicitly: SSL_CTX_new applies OPENSSL_CONF's system_default
            // section, whose CipherString may carry @SECLEVEL=0 and would otherwise let
            // RSA-1024 keys or SHA-1 signatures through.
            SSL_CTX_set_security_level(ctx, TLSContext.securityLevel)
            return ctx
        } catch {
            SSL_CTX_free(ctx)
            throw error
        }
    }

    /// 112-bit security: RSA and DH keys of at least 2048 bits, ECC of at least 224, no SHA-1
    /// signatures.
    static let securityLevel: Int32 = 2

    /// TLS 1.2 suites: forward secret key exchange and AEAD only. TLS 1.3 suites are all
    /// AEAD already and keep OpenSSL's defaults.
    static let modernTLS12Ciphers =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
        + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
        + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
}

extension TLSVersion {
    var openSSLValue: Int32 {
        switch self {
        case .tls12: return TLS1_2_VERSION
        case .tls13: return TLS1_3_VERSION
        }
    }
}
