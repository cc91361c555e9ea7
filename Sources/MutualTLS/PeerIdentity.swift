import Foundation

/// Who is on the other end of a verified TLS connection, as read from their certificate.
///
/// Made once, right after the handshake, and handed up the pipeline in
/// `TLSUserEvent.handshakeCompleted`; everything later (team matching, audit) reads this
/// value and never the certificate again.
public struct PeerIdentity: Sendable, Hashable {
    public let subject: DistinguishedName
    public let issuer: DistinguishedName
    public let subjectAlternativeNames: SubjectAlternativeNames
    /// Upper-case hex, as `openssl x509 -serial` prints it.
    public let serialNumber: String
    public let notBefore: Date
    public let notAfter: Date
    /// SHA-256 of the DER certificate, lower-case hex.
    public let sha256Fingerprint: String
    /// SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex.
    public let spkiSHA256: String

    public init(certificate: X509Certificate) {
        subject = certificate.subject
        issuer = certificate.issuer
        subjectAlternativeNames = certificate.subjectAlternativeNames
        serialNumber = certificate.serialNumberHex
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        sha256Fingerprint = certificate.sha256Fingerprint
        spkiSHA256 = Hex.encode(certificate.spkiSHA256)
    }

    public var commonName: String? { subject.commonName }
    public var organizations: [String] { subject.organizations }
    public var organizationalUnits: [String] { subject.organizationalUnits }
    /// URI SANs that are SPIFFE ids.
    public var spiffeIDs: [String] { subjectAlternativeNames.uris.filter { $0.lowercased().hasPrefix("spiffe://") } }
}

/// What the handshake settled, besides the peer's identity.
public struct TLSHandshakeSummary: Sendable, Hashable {
    public let peer: PeerIdentity
    /// "TLSv1.3" or "TLSv1.2".
    public let protocolVersion: String
    public let cipher: String
    /// The ALPN protocol both sides chose, if any.
    public let applicationProtocol: String?
    /// True when an earlier session was resumed instead of a full handshake.
    public let resumed: Bool
}

/// Events the TLS handler fires up the pipeline.
public enum TLSUserEvent: Sendable, Hashable {
    /// The handshake finished and the peer's certificate was verified.
    case handshakeCompleted(TLSHandshakeSummary)
    /// The handshake was refused (no or a bad certificate, a stall, plaintext, …); the
    /// connection is closing. For the audit record of the refusal.
    case handshakeRefused(TLSRefusal)
}

/// Why a handshake was refused, with the peer's certificate when it sent one.
public struct TLSRefusal: Sendable, Hashable {
    /// `TLSConnectionError.Kind`'s raw value (`handshakeFailed`, `plaintextHTTP`, …).
    public let kind: String
    public let reason: String
    public let subject: String?
    public let serial: String?
    public let fingerprint: String?

    public init(kind: String, reason: String, subject: String? = nil, serial: String? = nil, fingerprint: String? = nil)
    {
        self.kind = kind
        self.reason = reason
        self.subject = subject
        self.serial = serial
        self.fingerprint = fingerprint
    }
}
