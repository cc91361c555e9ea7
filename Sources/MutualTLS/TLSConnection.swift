import COpenSSL
import NIOCore

/// One TLS connection: an `SSL*` fed through two memory BIOs.
///
/// Ciphertext from the network is appended to the read BIO; whatever OpenSSL wants to send
/// collects in the write BIO and is drained by the handler. The connection never touches a
/// socket, so it can be driven by any channel, and by `EmbeddedChannel` in tests.
///
/// Not thread-safe: it belongs to one channel and lives on that channel's event loop.
final class TLSConnection {
    enum HandshakeResult {
        case complete
        case incomplete
        case failed(TLSConnectionError)
    }

    enum ReadResult {
        case data
        case wouldBlock
        /// The peer sent close_notify: it will send no more, but we may still write.
        case closeNotify
        case failed(TLSConnectionError)
    }

    enum WriteResult {
        /// All of the plaintext is encrypted and waits in the write BIO.
        case complete
        case failed(TLSConnectionError)
    }

    enum ShutdownResult {
        /// Our close_notify waits in the write BIO (or was sent before).
        case sent
        case failed(TLSConnectionError)
    }

    let ssl: OpaquePointer
    /// Keeps the `SSL_CTX` alive as long as the `SSL` needs it.
    let context: TLSContext
    private let networkToSSL: OpaquePointer
    private let sslToNetwork: OpaquePointer
    /// The first certificate verification failure, recorded by the verify callback, with the
    /// client's own certificate.
    private(set) var verificationFailure: (failure: CertificateVerificationFailure, leaf: X509Certificate?)?

    init(context: TLSContext) throws {
        ERR_clear_error()
        guard let ssl = SSL_new(context.pointer) else { throw OpenSSLError("SSL_new") }
        guard let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw OpenSSLError("BIO_new")
        }
        // An empty read BIO means "no data yet", never end of file: the handler alone decides
        // what a TCP EOF means.
        _ = dg_BIO_set_mem_eof_return(readBIO, -1)
        _ = dg_BIO_set_mem_eof_return(writeBIO, -1)
        SSL_set_bio(ssl, readBIO, writeBIO)
        self.ssl = ssl
        self.context = context
        self.networkToSSL = readBIO
        self.sslToNetwork = writeBIO
        SSL_set_ex_data(ssl, TLSConnection.exDataIndex, Unmanaged.passUnretained(self).toOpaque())
        switch context.role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client:
            SSL_set_connect_state(ssl)
            if let name = context.serverName {
                _ = dg_SSL_set_tlsext_host_name(ssl, name)
                _ = SSL_set1_host(ssl, name)
            }
        }
    }

    deinit {
        SSL_free(ssl)  // frees both BIOs too
    }

    static let exDataIndex: Int32 = dg_SSL_get_ex_new_index()

    static func from(_ ssl: OpaquePointer) -> TLSConnection? {
        guard let raw = SSL_get_ex_data(ssl, exDataIndex) else { return nil }
        return Unmanaged<TLSConnection>.fromOpaque(raw).takeUnretainedValue()
    }

    func recordVerificationFailure(_ failure: CertificateVerificationFailure, leaf: X509Certificate?) {
        if verificationFailure == nil { verificationFailure = (failure, leaf) }
    }

    // MARK: Ciphertext

    /// Hands bytes that arrived from the network to OpenSSL.
    func consumeCiphertext(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = BIO_write(
                    networkToSSL, bytes.baseAddress! + offset, Int32(min(bytes.count - offset, Int(Int32.max))))
                // A memory BIO only fails to grow when memory is exhausted.
                precondition(written > 0, "BIO_write to a memory BIO failed")
                offset += Int(written)
            }
        }
    }

    /// Everything OpenSSL produced for the network since the last call, or nil.
    func drainCiphertext(allocator: ByteBufferAllocator) -> ByteBuffer? {
        let pending = Int(dg_BIO_ctrl_pending(sslToNetwork))
        guard pending > 0 else { return nil }
        var buffer = allocator.buffer(capacity: pending)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { bytes in
            Int(BIO_read(sslToNetwork, bytes.baseAddress, Int32(pending)))
        }
        return buffer
    }

    var hasPendingCiphertext: Bool { dg_BIO_ctrl_pending(sslToNetwork) > 0 }

    // MARK: Handshake

    func handshake() -> HandshakeResult {
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        if result == 1 { return .complete }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .incomplete
        default:
            return .failed(handshakeError(stack: .capture()))
        }
    }

    private func handshakeError(stack: OpenSSLErrorStack) -> TLSConnectionError {
        if let (failure, leaf) = verificationFailure {
            // A stale CRL refuses every client; say whose file is at fault, not the client's.
            let hint = failure.isStaleRevocationList ? CertificateVerificationFailure.staleRevocationListHint : ""
            return TLSConnectionError(
                kind: .certificateRejected, reason: "certificate rejected: \(failure.summary)\(hint)", stack: stack,
                peerCertificate: leaf, verificationDepth: failure.depth, certificateAtFault: failure.certificateAtFault)
        }
        if stack.isPlaintextHTTP {
            return TLSConnectionError(kind: .plaintextHTTP, reason: "plaintext HTTP sent to the TLS port", stack: stack)
        }
        if stack.entries.contains(where: {
            $0.library == ERR_LIB_SSL && $0.reason == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE
        }) {
            return TLSConnectionError(kind: .noCertificate, reason: "client sent no certificate", stack: stack)
        }
        let reason = stack.entries.last.map { Self.shortReason($0) } ?? "handshake failed"
        return TLSConnectionError(kind: .handshakeFailed, reason: "handshake failed: \(reason)", stack: stack)
    }

    /// The reason part of `error:0A00010B:SSL routines::wrong version number`.
    private static func shortReason(_ entry: OpenSSLErrorEntry) -> String {
        if let reason = ERR_reason_error_string(entry.code) { return String(cString: reason) }
        return entry.text
    }

    // MARK: Application data

    /// Decrypts at most one TLS record's worth (16 KiB) into `buffer`. The handler calls
    /// again for the next: one buffer per record, never a growing buffer copied on each
    /// reallocation while a large upload streams through.
    func readPlaintext(into buffer: inout ByteBuffer) -> ReadResult {
        ERR_clear_error()
        var readCount = 0
        var status: Int32 = 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 16 * 1024) { bytes in
            status = SSL_read_ex(ssl, bytes.baseAddress, bytes.count, &readCount)
            return status == 1 ? readCount : 0
        }
        if status == 1 { return .data }
        switch SSL_get_error(ssl, status) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .wouldBlock
        case SSL_ERROR_ZERO_RETURN:
            return .closeNotify
        case let code:
            return .failed(failure("TLS read", code: code))
        }
    }

    /// Encrypts all of `buffer`. Memory BIOs never push back, so a write completes unless the
    /// connection cannot carry application data (no finished handshake, our close_notify
    /// sent, a fatal alert): then it fails, and says which.
    func writePlaintext(_ buffer: ByteBuffer) -> WriteResult {
        var result = WriteResult.complete
        buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                ERR_clear_error()
                var written = 0
                let status = SSL_write_ex(ssl, bytes.baseAddress! + offset, bytes.count - offset, &written)
                guard status == 1 else {
                    result = .failed(failure("TLS write", code: SSL_get_error(ssl, status)))
                    return
                }
                offset += written
            }
        }
        return result
    }

    /// Queues our close_notify alert (drain the ciphertext afterwards). Fails when there is no
    /// TLS session to close yet (mid-handshake) or after a fatal error.
    func sendCloseNotify() -> ShutdownResult {
        ERR_clear_error()
        let status = SSL_shutdown(ssl)
        // 0: ours is queued, the peer's not yet seen; 1: both directions are closed.
        guard status < 0 else { return .sent }
        return .failed(failure("TLS close_notify", code: SSL_get_error(ssl, status)))
    }

    /// A failed read, write or shutdown in words, from `SSL_get_error`'s `code` and the error
    /// queue (captured here, so call right after the failing call).
    private func failure(_ operation: String, code: Int32) -> TLSConnectionError {
        let stack = OpenSSLErrorStack.capture()
        let reason: String
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            // Only possible before the handshake finished: memory BIOs never block.
            reason = "the TLS handshake has not finished"
        case SSL_ERROR_ZERO_RETURN:
            reason = "the peer closed the TLS session (close_notify)"
        case SSL_ERROR_SYSCALL where stack.isEmpty:
            reason = "the connection broke"
        default:
            reason = stack.entries.last.map { Self.shortReason($0) } ?? "error \(code) from OpenSSL"
        }
        return TLSConnectionError(kind: .protocolError, reason: "\(operation) failed: \(reason)", stack: stack)
    }

    // MARK: Facts about the established connection

    var peerCertificate: X509Certificate? {
        SSL_get1_peer_certificate(ssl).map { X509Certificate(taking: $0) }
    }

    /// The certificates the peer sent above its own (`STACK_OF(X509)*`, owned by the SSL; use
    /// it before the next call into this connection). The server side never includes the leaf.
    var peerChain: OpaquePointer? { SSL_get_peer_cert_chain(ssl) }

    var negotiatedProtocol: String? {
        var data: UnsafePointer<UInt8>? = nil
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    var protocolVersion: String { String(cString: SSL_get_version(ssl)) }
    var cipherName: String {
        SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) } ?? ""
    }
    var sessionWasReused: Bool { SSL_session_reused(ssl) == 1 }

    /// The session to offer on a later connection (client role), once it can be resumed.
    var resumableSession: TLSSession? {
        guard let session = SSL_get1_session(ssl) else { return nil }
        let wrapped = TLSSession(taking: session)
        return wrapped.isResumable ? wrapped : nil
    }

    func offer(_ session: TLSSession) {
        _ = SSL_set_session(ssl, session.pointer)
    }
}

/// A TLS session a client can offer to resume (`SSL_SESSION*`).
public final class TLSSession: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        SSL_SESSION_free(pointer)
    }

    var isResumable: Bool { SSL_SESSION_is_resumable(pointer) == 1 }
}
