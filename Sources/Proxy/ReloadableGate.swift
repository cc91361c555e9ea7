import Audit
import NIOConcurrencyHelpers

/// A gate that can be replaced while requests flow (a policy reload): each request is
/// admitted by the gate current when its head arrived, keeps that decision, and its audit
/// record names that gate's policy file.
public final class ReloadableGate: RequestGate {
    private let current: NIOLockedValueBox<(gate: any RequestGate, policySHA256: AuditSHA256?)>

    public init(_ gate: any RequestGate, policySHA256: AuditSHA256? = nil) {
        current = NIOLockedValueBox((gate, policySHA256))
    }

    public func replace(with gate: any RequestGate, policySHA256: AuditSHA256? = nil) {
        current.withLockedValue { $0 = (gate, policySHA256) }
    }

    public var policySHA256: AuditSHA256? { current.withLockedValue { $0.policySHA256 } }

    public func admit(_ request: GateRequest) -> Admission {
        let (gate, policySHA256) = current.withLockedValue { $0 }
        request.report.policySHA256 = policySHA256
        return gate.admit(request)
    }
}
