/// One line of the audit log: one API call (allowed, denied, or failed upstream), one refused
/// TLS handshake, or a note the log writes about itself (records it lost, a crash it found).
///
/// A plain value: the proxy fills in what it knows and hands it to `AuditLog.record(_:)`.
/// Optional fields left nil are omitted from the line. docs/audit.md names every field as it
/// appears on disk; `AuditField` holds their order.
public struct AuditRecord: Sendable, Hashable {
    /// When the call arrived (or the handshake was refused). Set by the caller, not the writer.
    public var time: AuditTimestamp
    /// The request id the proxy also returns to the client (`AuditRequestID.make()`).
    public var id: String
    public var event: AuditEvent
    /// The client's address, `203.0.113.7:53312` or `[2001:db8::7]:53312`.
    public var client: String?
    public var identity: AuditIdentity
    public var method: String?
    /// The canonical path as the gate routed it, without the `/vX.Y` prefix.
    public var path: String?
    /// The Engine API version of the call (`1.41`), from its prefix or the default.
    public var apiVersion: String?
    /// The route table's name for the endpoint (`container.create`).
    public var endpoint: String?
    /// Ids of the objects the call names, by kind: `["container": "4f2a…", "exec": "9c1b…"]`.
    public var objects: [String: String]
    public var decision: AuditDecision?
    /// The rule that decided (`no-privileged`), or that refused the request before policy.
    public var rule: String?
    /// The sentence the docker user saw.
    public var reason: String?
    /// Which field and value decided (`HostConfig.Privileged=true`).
    public var detail: String?
    /// The policy profile the call was checked against.
    public var profile: String?
    /// The HTTP status sent to the client.
    public var status: Int?
    /// Request body bytes received from the client.
    public var bytesIn: Int?
    /// Response body bytes sent to the client.
    public var bytesOut: Int?
    /// From the request's arrival to the end of the response (or the upgrade, when hijacked).
    public var duration: Duration?
    /// The byte-for-byte session after an upgrade (attach, exec start, BuildKit), if any.
    public var hijack: AuditHijackedSession?
    /// SHA-256 of the request body exactly as the gate checked it.
    public var bodySHA256: AuditSHA256?
    /// SHA-256 of the policy file in force.
    public var policySHA256: AuditSHA256?
    /// Free text.
    public var note: String?

    /// A record stamped now, with a fresh request id; set the other fields as they become known.
    public init(event: AuditEvent, id: String = AuditRequestID.make(), time: AuditTimestamp = .now()) {
        self.time = time
        self.id = id
        self.event = event
        identity = AuditIdentity()
        objects = [:]
    }
}

/// What a record is about.
public enum AuditEvent: String, Sendable, Hashable, CaseIterable {
    /// An Engine API call: allowed, denied, or failed upstream.
    case request
    /// A TLS handshake dockgate refused (no certificate, untrusted, expired, revoked…).
    case handshake
    /// The log about itself: records it had to drop, an incomplete record left by a crash.
    case audit
}

/// What the gate did with the call.
public enum AuditDecision: String, Sendable, Hashable, CaseIterable {
    /// Forwarded to the daemon (whatever the daemon answered).
    case allow
    /// Refused by dockgate (policy, malformed request, refused handshake).
    case deny
    /// Allowed, but dockgate could not complete it (daemon unreachable, upstream failure).
    case error
}

/// The part of a call after the daemon upgraded the connection (101, or a raw stream): the
/// two directions glued byte for byte until both ends closed.
public struct AuditHijackedSession: Sendable, Hashable {
    public var duration: Duration
    /// Bytes from the client to the daemon.
    public var bytesIn: Int
    /// Bytes from the daemon to the client.
    public var bytesOut: Int

    public init(duration: Duration, bytesIn: Int, bytesOut: Int) {
        self.duration = duration
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
    }
}
