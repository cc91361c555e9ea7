/// Why a TLS connection was refused or broke. Carries what the log line needs: the reason
/// in words, the OpenSSL error stack, and the client's certificate when one was seen.
public struct TLSConnectionError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The peer's certificate failed verification (unknown CA, expired, revoked, wrong usage, ...).
        case certificateRejected
        /// The peer sent no certificate although one is required.
        case noCertificate
        /// The handshake failed for a protocol reason (version, cipher, garbage bytes, ...).
        case handshakeFailed
        /// Plaintext HTTP arrived on the TLS port.
        case plaintextHTTP
        case handshakeTimedOut
        /// The peer closed the TCP connection before the handshake finished.
        case closedDuringHandshake
        /// A resumed session whose certificate has expired since the full handshake.
        case resumedCertificateExpired
        /// A record failed to decrypt or the peer broke the protocol after the handshake.
        case protocolError
    }

    public let kind: Kind
    public let reason: String
    public let stack: OpenSSLErrorStack
    /// The peer's leaf certificate, when the handshake got far enough to see one.
    public let peerCertificate: X509Certificate?
    /// For a rejected certificate: where in the chain verification failed (0 is the peer's
    /// own certificate), and the certificate it failed on.
    public let verificationDepth: Int?
    public let certificateAtFault: X509Certificate?

    public init(
        kind: Kind, reason: String, stack: OpenSSLErrorStack = OpenSSLErrorStack(entries: []),
        peerCertificate: X509Certificate? = nil, verificationDepth: Int? = nil,
        certificateAtFault: X509Certificate? = nil
    ) {
        self.kind = kind
        self.reason = reason
        self.stack = stack
        self.peerCertificate = peerCertificate
        self.verificationDepth = verificationDepth
        self.certificateAtFault = certificateAtFault
    }

    public var description: String {
        var text = reason
        if let peerCertificate {
            text +=
                " (subject \(peerCertificate.subject), serial \(peerCertificate.serialNumberHex), sha256 \(peerCertificate.sha256Fingerprint))"
        }
        if !stack.isEmpty && !reason.contains(stack.description) {
            text += " [openssl: \(stack)]"
        }
        return text
    }
}
