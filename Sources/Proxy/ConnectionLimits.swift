import NIOConcurrencyHelpers

/// How many client connections dockgate holds at once, overall and per client certificate,
/// so one misbehaving client (or many) cannot starve the rest. Shared by every event loop.
///
/// A connection over a limit still completes its TLS handshake and is then answered with a
/// readable refusal (`503` overall, `429` per client) and closed, so the docker user learns
/// why; the handshake is bounded by its own timeout.
///
/// Before the handshake nothing identifies the client but its address, and every connection
/// counts towards the overall limit from accept on: a stream of sockets that never finish a
/// handshake would fill every place for the handshake timeout each. So connections still
/// handshaking are also limited per source address, and the excess is closed at accept,
/// before any TLS work.
public final class ConnectionLimits: Sendable {
    public let maximumConnections: Int
    public let maximumPerClient: Int
    public let maximumHandshakesPerAddress: Int
    private let counts = NIOLockedValueBox<
        (total: Int, perClient: [String: Int], handshakesPerAddress: [String: Int])
    >((0, [:], [:]))

    public init(maximumConnections: Int = 4096, maximumPerClient: Int = 256, maximumHandshakesPerAddress: Int = 64) {
        self.maximumConnections = maximumConnections
        self.maximumPerClient = maximumPerClient
        self.maximumHandshakesPerAddress = maximumHandshakesPerAddress
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
            state.perClient.admit(client, limit: maximumPerClient)
        }
    }

    func clientClosed(_ client: String) {
        counts.withLockedValue { $0.perClient.release(client) }
    }

    /// Counts a connection from `address` that is about to start its TLS handshake; false
    /// (and not counted) when that address already has the maximum in progress.
    public func admitHandshake(from address: String) -> Bool {
        counts.withLockedValue { state in
            state.handshakesPerAddress.admit(address, limit: maximumHandshakesPerAddress)
        }
    }

    /// A handshake from `address` completed, failed, or its connection closed.
    public func handshakeEnded(from address: String) {
        counts.withLockedValue { $0.handshakesPerAddress.release(address) }
    }

    var activeConnections: Int { counts.withLockedValue { $0.total } }
}

extension Dictionary where Value == Int {
    /// One more for `key` unless it already has `limit`; the dictionary never holds zeros.
    fileprivate mutating func admit(_ key: Key, limit: Int) -> Bool {
        let current = self[key, default: 0]
        guard current < limit else { return false }
        self[key] = current + 1
        return true
    }

    fileprivate mutating func release(_ key: Key) {
        let remaining = self[key, default: 1] - 1
        self[key] = remaining > 0 ? remaining : nil
    }
}
