import NIOConcurrencyHelpers

/// How many client connections dockgate holds at once, overall and per client certificate,
/// so one misbehaving client (or many) cannot starve the rest. Shared by every event loop.
///
/// A connection over a limit still completes its TLS handshake and is then answered with a
/// readable refusal (`503` overall, `429` per client) and closed, so the docker user learns
/// why; the handshake is bounded by its own timeout.
public final class ConnectionLimits: Sendable {
    public let maximumConnections: Int
    public let maximumPerClient: Int
    private let counts = NIOLockedValueBox<(total: Int, perClient: [String: Int])>((0, [:]))

    public init(maximumConnections: Int = 4096, maximumPerClient: Int = 256) {
        self.maximumConnections = maximumConnections
        self.maximumPerClient = maximumPerClient
    }

    /// Counts a new connection; false when it is over the overall limit (it is not counted).
    func admitConnection() -> Bool {
        counts.withLockedValue { state in
            guard state.total < maximumConnections else { return false }
            state.total += 1
            return true
        }
    }

    func connectionClosed() {
        counts.withLockedValue { $0.total -= 1 }
    }

    /// Counts a connection of `client` (its certificate's fingerprint); false when over.
    func admitClient(_ client: String) -> Bool {
        counts.withLockedValue { state in
            let current = state.perClient[client, default: 0]
            guard current < maximumPerClient else { return false }
            state.perClient[client] = current + 1
            return true
        }
    }

    func clientClosed(_ client: String) {
        counts.withLockedValue { state in
            let remaining = state.perClient[client, default: 1] - 1
            state.perClient[client] = remaining > 0 ? remaining : nil
        }
    }

    var activeConnections: Int { counts.withLockedValue { $0.total } }
}
