import Foundation
import NIOConcurrencyHelpers

/// The server TLS context in use, replaceable while the server runs.
///
/// Each new connection takes `current` once, when its handler is made; connections already
/// open keep the context they started with. `reload()` builds a complete new context from the
/// same files before swapping it in, so a half-written certificate or a CRL from the wrong CA
/// never replaces a working context: on failure the old one stays and the error is returned.
///
/// Safe to use from any thread.
public final class ReloadableTLSContext: Sendable {
    public let configuration: ServerTLSConfiguration
    private let state: NIOLockedValueBox<TLSContext>

    /// Builds the first context; throws (naming the file) if it cannot be built.
    public init(configuration: ServerTLSConfiguration) throws {
        self.configuration = configuration
        self.state = NIOLockedValueBox(try TLSContext(server: configuration))
    }

    public var current: TLSContext { state.withLockedValue { $0 } }

    /// Rebuilds the context from the configured files and swaps it in if that worked.
    @discardableResult
    public func reload() -> Result<TLSContext, Error> {
        do {
            let fresh = try TLSContext(server: configuration)
            state.withLockedValue { $0 = fresh }
            return .success(fresh)
        } catch {
            return .failure(error)
        }
    }
}
