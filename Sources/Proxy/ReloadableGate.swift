import NIOConcurrencyHelpers

/// A gate that can be replaced while requests flow (a policy reload): each request is
/// admitted by the gate current when its head arrived, and keeps that decision.
public final class ReloadableGate: RequestGate {
    private let current: NIOLockedValueBox<any RequestGate>

    public init(_ gate: any RequestGate) {
        current = NIOLockedValueBox(gate)
    }

    public func replace(with gate: any RequestGate) {
        current.withLockedValue { $0 = gate }
    }

    public func admit(_ request: GateRequest) -> Admission {
        current.withLockedValue { $0 }.admit(request)
    }
}
