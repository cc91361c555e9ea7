import Foundation
import Logging
import NIOCore

/// Fired into a server connection's pipeline after the server's trust settings changed (a
/// reload): the TLS handler verifies its client again against `context`'s CA bundle and CRLs,
/// and closes the connection if the client is no longer accepted. The handler consumes it.
public struct PeerRecheckEvent: Sendable {
    public let context: TLSContext

    public init(context: TLSContext) {
        self.context = context
    }
}

/// The server side's watch over a client after the handshake: the certificate must stay
/// valid (`watchExpiry`) and stay accepted by the current trust settings (`recheckPeer`). A
/// verdict only ever closes the connection, close_notify first, with a log line naming the
/// client, its fingerprint and the reason.
extension TLSHandler {
    /// A certificate valid for longer is looked at again after this long: NIO timers count
    /// nanoseconds in an Int64, which a notAfter of 9999 would overflow.
    static let longestExpiryWait: TimeInterval = 30 * 86_400

    /// Closes the connection when `certificate` (the client's) passes its notAfter.
    func watchExpiry(of certificate: X509Certificate, context: ChannelHandlerContext) {
        let remaining = certificate.notAfter.timeIntervalSinceNow
        let wait = min(max(remaining, 0), Self.longestExpiryWait)
        expiryTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(wait * 1e9))) {
            if wait < remaining {
                self.watchExpiry(of: certificate, context: context)
            } else {
                self.closeForLostTrust(
                    "certificate has expired (notAfter \(ASN1Time.string(certificate.notAfter)))",
                    certificate: certificate, context: context)
            }
        }
    }

    /// Verifies the client again against `trust`; closes the connection if that fails. A
    /// handshake still running finishes under the context it started with, so the check
    /// waits for its end (`handshakeCompleted`).
    func recheckPeer(against trust: TLSContext, context: ChannelHandlerContext) {
        guard connection.context.role == .server else { return }
        switch state {
        case .idle, .handshaking:
            pendingRecheck = trust
        case .active, .inputClosed, .outputClosed:
            guard let certificate = connection.peerCertificate else {
                closeCompletely(context: context, promise: nil)
                return
            }
            guard let failure = trust.verifyClient(certificate, presentedChain: connection.peerChain) else { return }
            var metadata: Logger.Metadata = ["depth": "\(failure.depth)"]
            if let atFault = failure.certificateAtFault { metadata["fault_subject"] = "\(atFault.subject)" }
            closeForLostTrust(failure.summary, certificate: certificate, context: context, extra: metadata)
        case .closing, .closed:
            break
        }
    }

    /// Logs why, then closes: our close_notify, then the socket (`closeCompletely`).
    func closeForLostTrust(
        _ reason: String, certificate: X509Certificate, context: ChannelHandlerContext, extra: Logger.Metadata = [:]
    ) {
        switch state {
        case .active, .inputClosed, .outputClosed:
            var metadata = Self.metadata(describing: certificate)
            metadata["peer"] = "\(context.remoteAddress.map { "\($0)" } ?? "?")"
            metadata["reason"] = "\(reason)"
            metadata.merge(extra) { _, new in new }
            logger.warning("closing TLS connection: the client certificate is no longer accepted", metadata: metadata)
            closeCompletely(context: context, promise: nil)
        case .idle, .handshaking, .closing, .closed:
            break
        }
    }
}
