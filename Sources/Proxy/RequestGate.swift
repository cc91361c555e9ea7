import MutualTLS
import NIOHTTP1

/// The seam between a parsed request and the daemon: the only place a request is judged.
///
/// Called on the connection's event loop for every request, after the head arrives and
/// before any byte of it goes upstream.
public protocol RequestGate: Sendable {
    func decide(_ request: GateRequest) -> GateDecision
}

/// What the gate sees of a request.
public struct GateRequest: Sendable {
    public let head: HTTPRequestHead
    public let identity: PeerIdentity

    public init(head: HTTPRequestHead, identity: PeerIdentity) {
        self.head = head
        self.identity = identity
    }
}

public enum GateDecision: Sendable, Equatable {
    /// Forward, with this (possibly rewritten) head.
    case allow(HTTPRequestHead)
    /// Answer the client directly; nothing reaches the daemon.
    case deny(status: HTTPResponseStatus, message: String)
}

/// Lets every authenticated request through unchanged: `dockerd --tlsverify` semantics,
/// until the policy engine provides a gate that reads requests.
public struct PassThroughGate: RequestGate {
    public init() {}

    public func decide(_ request: GateRequest) -> GateDecision {
        .allow(request.head)
    }
}
