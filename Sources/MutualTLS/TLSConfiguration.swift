import NIOCore

/// A TLS protocol version dockgate can be told to accept as its minimum.
public enum TLSVersion: String, Sendable, Hashable, CaseIterable {
    case tls12 = "1.2"
    case tls13 = "1.3"
}

/// Everything the server side of mutual TLS is built from. Plain values, validated when a
/// `TLSContext` is made from them, so that a reload rebuilds from the same description.
public struct ServerTLSConfiguration: Sendable, Hashable {
    /// CA certificates that sign client certificates: a PEM file, or a directory whose
    /// `*.pem`, `*.crt` and `*.cer` files are all read.
    public var caBundlePath: String
    /// Server certificate, leaf first, then any intermediates (PEM).
    public var certificateChainPath: String
    public var privateKeyPath: String
    /// File holding the passphrase of an encrypted `privateKeyPath` (one line; the trailing
    /// newline is not part of it).
    public var privateKeyPassphrasePath: String?
    /// PEM CRLs; when any is given every client certificate is checked against its issuer's CRL.
    public var revocationListPaths: [String]
    public var minimumVersion: TLSVersion
    /// ALPN protocols in server preference order. A client offering none of them still
    /// connects, without ALPN, as Go clients expect.
    public var applicationProtocols: [String]
    /// A connection that has not finished its handshake by then is closed.
    public var handshakeTimeout: TimeAmount
    /// How long a session (ticket or id) may be resumed after the full handshake.
    public var sessionLifetimeSeconds: Int
    /// Sessions the server keeps for resumption; the oldest goes when a new one would
    /// exceed it (each holds the client's certificates, a few KiB).
    public var sessionCacheSize: Int

    public init(
        caBundlePath: String,
        certificateChainPath: String,
        privateKeyPath: String,
        privateKeyPassphrasePath: String? = nil,
        revocationListPaths: [String] = [],
        minimumVersion: TLSVersion = .tls12,
        applicationProtocols: [String] = ["http/1.1"],
        handshakeTimeout: TimeAmount = .seconds(10),
        sessionLifetimeSeconds: Int = 3600,
        sessionCacheSize: Int = 10_000
    ) {
        self.caBundlePath = caBundlePath
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.privateKeyPassphrasePath = privateKeyPassphrasePath
        self.revocationListPaths = revocationListPaths
        self.minimumVersion = minimumVersion
        self.applicationProtocols = applicationProtocols
        self.handshakeTimeout = handshakeTimeout
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.sessionCacheSize = sessionCacheSize
    }
}

/// The client side, used by dockgate's own tests and tools to talk to a mutual-TLS server
/// through the same OpenSSL code as the server.
public struct ClientTLSConfiguration: Sendable, Hashable {
    /// CA that must have signed the server certificate.
    public var caBundlePath: String
    /// Client certificate and key; nil connects without one (to test refusal).
    public var certificateChainPath: String?
    public var privateKeyPath: String?
    /// Name checked against the server certificate and sent as SNI; nil skips the name check.
    public var serverName: String?
    public var minimumVersion: TLSVersion
    public var maximumVersion: TLSVersion
    public var applicationProtocols: [String]

    public init(
        caBundlePath: String,
        certificateChainPath: String? = nil,
        privateKeyPath: String? = nil,
        serverName: String? = "localhost",
        minimumVersion: TLSVersion = .tls12,
        maximumVersion: TLSVersion = .tls13,
        applicationProtocols: [String] = ["http/1.1"]
    ) {
        self.caBundlePath = caBundlePath
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.serverName = serverName
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
        self.applicationProtocols = applicationProtocols
    }
}
