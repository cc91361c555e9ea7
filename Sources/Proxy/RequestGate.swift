import Audit
import MutualTLS
import NIOCore
import NIOHTTP1

/// The seam between a parsed request and the daemon: the only place a request is judged.
///
/// `admit` is called on the connection's event loop for every request, when its head
/// arrives and before any byte of it goes upstream. It decides at once, or asks for the body
/// and the daemon's facts and decides later (`PendingDecision`).
public protocol RequestGate: Sendable {
    func admit(_ request: GateRequest) -> Admission
    /// SHA-256 of the policy file this gate enforces, for audit records; nil when none.
    var policySHA256: AuditSHA256? { get }
}

extension RequestGate {
    public var policySHA256: AuditSHA256? { nil }
}

/// What the gate sees of a request.
public struct GateRequest: Sendable {
    public let head: HTTPRequestHead
    public let identity: PeerIdentity
    /// Where the gate writes down what it learnt, for the audit record.
    public let report: GateReport

    public init(head: HTTPRequestHead, identity: PeerIdentity, report: GateReport = GateReport()) {
        self.head = head
        self.identity = identity
        self.report = report
    }
}

/// What the gate learnt about a request, for its audit record: filled in by the gate and
/// read by the proxy, both on the connection's event loop (hence unchecked `Sendable`).
public final class GateReport: @unchecked Sendable {
    public var endpoint: String?
    /// The path as dockerd routes it (percent-decoded, without the version prefix).
    public var path: String?
    public var apiVersion: String?
    public var team: String?
    public var role: String?
    public var profile: String?
    /// The SAN that placed the caller in its team, when one did.
    public var matchedSAN: String?
    /// The objects the request names (`container`, `volume`, …), as given.
    public var objects: [String: String] = [:]
    /// SHA-256 of the inspected body, as checked.
    public var bodySHA256: AuditSHA256?
    /// Anything an operator should see beside the decision (a certificate matching two teams,
    /// a denial a `warn` or `dry-run` profile let through).
    public var note: String?
    /// A `Warning` header for the client (a `warn` profile's would-be denial).
    public var warning: String?
    /// The denial a `warn` or `dry-run` profile let through, for the audit record's rule.
    public var wouldBeDenied: GateRefusal?
    /// The policy file that decided (a reload mid-request does not change it).
    public var policySHA256: AuditSHA256?
    /// Run when the exchange is over (answered, refused, or the connection gone).
    private var finishing: [() -> Void] = []
    private var finished = false

    public init() {}

    /// Runs `action` when the exchange is over, or now if it already is.
    func whenFinished(_ action: @escaping () -> Void) {
        if finished { action() } else { finishing.append(action) }
    }

    /// The exchange is over: runs what waited for it (once).
    func finish() {
        guard !finished else { return }
        finished = true
        let actions = finishing
        finishing = []
        for action in actions { action() }
    }
}

/// The gate's first answer, at the request head.
public enum Admission: Sendable {
    /// Forward with this (possibly rewritten) head; a body streams through unread.
    case forward(HTTPRequestHead)
    /// Answer the client directly; nothing reaches the daemon.
    case refuse(GateRefusal)
    /// Read the body (if the decision needs it), then decide.
    case decideLater(PendingDecision)
}

/// The final answer for a request.
public enum GateDecision: Sendable, Equatable {
    /// Forward, with this (possibly rewritten) head. An inspected body follows as exactly the
    /// bytes that were checked — or `replacementBody`, a re-encoding of the checked tree with
    /// the gate's additions — framed with `Content-Length`.
    case allow(HTTPRequestHead, replacementBody: [UInt8]? = nil)
    /// Answer the client directly; nothing reaches the daemon.
    case refuse(GateRefusal)
}

/// A response dockgate writes itself, in the daemon's error format.
public struct GateRefusal: Sendable, Equatable, Error {
    public let status: HTTPResponseStatus
    /// Printed by the docker CLI after `Error response from daemon:`.
    public let message: String
    /// The rule that refused, and the field and value that decided, for the audit record.
    public let rule: String?
    public let detail: String?

    public init(status: HTTPResponseStatus, message: String, rule: String? = nil, detail: String? = nil) {
        self.status = status
        self.message = message
        self.rule = rule
        self.detail = detail
    }
}

/// A decision that needs the request body, facts from the daemon, or both.
public struct PendingDecision: Sendable {
    /// The body is read into memory up to this many bytes and handed to `decide`; a longer
    /// one is refused with 413 and never forwarded. `nil`: the body (a tar stream, if any) is
    /// not inspected and waits, unread, for the decision.
    public let inspectedBodyLimit: Int?
    /// Runs on the connection's event loop once the body is in.
    public let decide: @Sendable (_ body: ByteBuffer?, _ daemon: DaemonLookup) -> EventLoopFuture<GateDecision>

    public init(
        inspectedBodyLimit: Int?,
        decide: @escaping @Sendable (_ body: ByteBuffer?, _ daemon: DaemonLookup) -> EventLoopFuture<GateDecision>
    ) {
        self.inspectedBodyLimit = inspectedBodyLimit
        self.decide = decide
    }
}

/// Lets every authenticated request through unchanged, bodies unread: `dockerd --tlsverify`
/// semantics. For tests of the forwarding machinery.
public struct PassThroughGate: RequestGate {
    public init() {}

    public func admit(_ request: GateRequest) -> Admission {
        .forward(request.head)
    }
}
