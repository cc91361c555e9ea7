import Foundation
import Logging
import NIOCore

/// The handshake half of `TLSHandler`: starting it, driving it with each flight of
/// ciphertext, finishing it (identity out, held writes in), and refusing a peer.
extension TLSHandler {
    func startHandshake(context: ChannelHandlerContext) {
        switch state {
        case .idle:
            state = .handshaking
            let timeout = connection.context.handshakeTimeout
            handshakeTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                self.handshakeTimedOut(context: context, after: timeout)
            }
            advanceHandshake(context: context)  // a client sends its ClientHello now
        case .handshaking, .active, .inputClosed, .outputClosed, .closing, .closed:
            break
        }
    }

    func handshakeTimedOut(context: ChannelHandlerContext, after timeout: TimeAmount) {
        switch state {
        case .idle, .handshaking:
            failHandshake(
                TLSConnectionError(
                    kind: .handshakeTimedOut,
                    reason: "handshake not completed within \(Double(timeout.nanoseconds) / 1e9) s"),
                context: context)
        case .active, .inputClosed, .outputClosed, .closing, .closed:
            break
        }
    }
    func advanceHandshake(context: ChannelHandlerContext) {
        switch connection.handshake() {
        case .incomplete:
            writeCiphertext(context: context, promise: nil)
            context.flush()
        case .failed(let error):
            failHandshake(error, context: context)
        case .complete:
            handshakeCompleted(context: context)
        }
    }

    func handshakeCompleted(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        handshakeTimer = nil
        guard let certificate = connection.peerCertificate else {
            failHandshake(
                TLSConnectionError(kind: .noCertificate, reason: "peer sent no certificate"), context: context)
            return
        }
        let resumed = connection.sessionWasReused
        if resumed, let refusal = resumptionRefusal(certificate) {
            failHandshake(refusal, context: context)
            return
        }
        if let trust = pendingRecheck {
            pendingRecheck = nil
            if let failure = trust.verifyClient(certificate, presentedChain: connection.peerChain) {
                failHandshake(
                    TLSConnectionError(
                        kind: .certificateRejected,
                        reason:
                            "certificate rejected: \(failure.summary) (by the trust settings reloaded during the handshake)",
                        peerCertificate: certificate, verificationDepth: failure.depth,
                        certificateAtFault: failure.certificateAtFault),
                    context: context)
                return
            }
        }
        let summary = TLSHandshakeSummary(
            peer: PeerIdentity(certificate: certificate), protocolVersion: connection.protocolVersion,
            cipher: connection.cipherName, applicationProtocol: connection.negotiatedProtocol, resumed: resumed)
        handshakeSummary = summary
        state = .active
        if connection.context.role == .server { watchExpiry(of: certificate, context: context) }
        logger.debug(
            "TLS handshake completed",
            metadata: [
                "peer": "\(context.remoteAddress.map { "\($0)" } ?? "?")", "subject": "\(summary.peer.subject)",
                "sha256": "\(summary.peer.sha256Fingerprint)", "version": "\(summary.protocolVersion)",
                "resumed": "\(resumed)",
            ])
        writeCiphertext(context: context, promise: nil)  // session tickets
        context.flush()
        context.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(summary))
        if flushPending {
            flushPending = false
            encryptPendingWrites(context: context)
        }
        readPlaintext(context: context)  // application data that came with the last flight
    }
    /// Why a resumed session may not go on, if it may not. Resumption skips chain
    /// verification; the trust settings are those of this very context (a reload makes a new
    /// context with an empty session cache), so only the passage of time can have changed the
    /// verdict: the certificate expired, or a CRL passed its nextUpdate (a full handshake
    /// would then fail inside OpenSSL with "CRL has expired").
    func resumptionRefusal(_ certificate: X509Certificate, now: Date = Date()) -> TLSConnectionError? {
        if certificate.notAfter < now {
            return TLSConnectionError(
                kind: .resumedCertificateExpired, reason: "resumed session's certificate has expired",
                peerCertificate: certificate)
        }
        if let expiry = connection.context.revocationListsExpire, expiry < now {
            return TLSConnectionError(
                kind: .certificateRejected,
                reason:
                    "certificate rejected: CRL has expired\(CertificateVerificationFailure.staleRevocationListHint)",
                peerCertificate: certificate)
        }
        return nil
    }

    /// Logs the refusal, sends the alert (or, for plaintext HTTP, a readable HTTP answer as Go
    /// servers do), tells the pipeline, and closes.
    func failHandshake(_ error: TLSConnectionError, context: ChannelHandlerContext) {
        switch state {
        case .closing, .closed:
            return
        case .idle, .handshaking, .active, .inputClosed, .outputClosed:
            break
        }
        state = .closing
        cancelTimers()
        logRefusal(error, context: context)
        failPendingWrites(error)
        if error.kind == .plaintextHTTP {
            _ = connection.drainCiphertext(allocator: context.channel.allocator)
            var answer = context.channel.allocator.buffer(capacity: 96)
            answer.writeString("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
            context.write(wrapOutboundOut(answer), promise: nil)
        } else {
            writeCiphertext(context: context, promise: nil)
        }
        context.flush()
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }
    func logRefusal(_ error: TLSConnectionError, context: ChannelHandlerContext) {
        var metadata: Logger.Metadata = [
            "peer": "\(context.remoteAddress.map { "\($0)" } ?? "?")", "kind": "\(error.kind.rawValue)",
            "reason": "\(error.reason)",
        ]
        if let certificate = error.peerCertificate {
            metadata.merge(Self.metadata(describing: certificate)) { _, new in new }
        }
        if let depth = error.verificationDepth { metadata["depth"] = "\(depth)" }
        if let atFault = error.certificateAtFault { metadata["fault_subject"] = "\(atFault.subject)" }
        if !error.stack.isEmpty { metadata["openssl"] = "\(error.stack)" }
        logger.warning("TLS handshake refused", metadata: metadata)
        context.fireUserInboundEventTriggered(
            TLSUserEvent.handshakeRefused(
                TLSRefusal(
                    kind: error.kind.rawValue, reason: error.reason, subject: error.peerCertificate?.subject.rfc2253,
                    serial: error.peerCertificate?.serialNumberHex,
                    fingerprint: error.peerCertificate?.sha256Fingerprint)))
    }

    /// Who the peer is, for a log line: subject, serial and SHA-256 fingerprint.
    static func metadata(describing certificate: X509Certificate) -> Logger.Metadata {
        [
            "subject": "\(certificate.subject)", "serial": "\(certificate.serialNumberHex)",
            "sha256": "\(certificate.sha256Fingerprint)",
        ]
    }
}
