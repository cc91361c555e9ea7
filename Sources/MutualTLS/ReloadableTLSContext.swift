import Foundation
import NIOConcurrencyHelpers

/// The server TLS context in use, replaceable while the server runs.
///
/// Each new connection takes `current` once, when its handler is made, and keeps encrypting
/// with it. `reload()` builds a complete new context from the same files before swapping it
/// in, so a half-written certificate or a CRL from the wrong CA never replaces a working
/// context: on failure the old one stays and the error is returned.
///
/// After every swap the observers registered with `whenReplaced` are told (the `GateServer`
/// has each open connection verify its client again against the new CA bundle and CRLs, so a
/// revocation also ends connections that are already open).
///
/// Safe to use from any thread.
public final class ReloadableTLSContext: Sendable {
    private let state: NIOLockedValueBox<(context: TLSContext, configuration: ServerTLSConfiguration)>
    private let observers = NIOLockedValueBox<[@Sendable (TLSContext) -> Void]>([])

    /// Builds the first context; throws (naming the file) if it cannot be built.
    public init(configuration: ServerTLSConfiguration) throws {
        self.state = NIOLockedValueBox((try TLSContext(server: configuration), configuration))
    }

    public var current: TLSContext { state.withLockedValue { $0.context } }

    /// The files and settings the current context was built from.
    public var configuration: ServerTLSConfiguration { state.withLockedValue { $0.configuration } }

    /// Rebuilds the context from the configured files and swaps it in if that worked.
    @discardableResult
    public func reload() -> Result<TLSContext, Error> {
        let configuration = self.configuration
        do {
            let fresh = try TLSContext(server: configuration)
            replace(with: fresh, builtFrom: configuration)
            return .success(fresh)
        } catch {
            return .failure(error)
        }
    }

    /// Swaps in a context the caller built, e.g. from a changed configuration, together with
    /// other state it must change with; then tells the observers, on the calling thread.
    public func replace(with context: TLSContext, builtFrom configuration: ServerTLSConfiguration) {
        state.withLockedValue { $0 = (context, configuration) }
        for observer in observers.withLockedValue({ $0 }) { observer(context) }
    }

    /// Calls `observer` with every context swapped in from now on, after the swap. Observers
    /// are kept for the life of this object.
    public func whenReplaced(_ observer: @escaping @Sendable (TLSContext) -> Void) {
        observers.withLockedValue { $0.append(observer) }
    }
}
