import NIOConcurrencyHelpers
import NIOCore

/// The server's listening channels, guarded for access from any thread.
final class ListeningChannels: Sendable {
    private let channels = NIOLockedValueBox<[Channel]>([])

    func set(_ new: [Channel]) {
        channels.withLockedValue { $0 = new }
    }

    func take() -> [Channel] {
        channels.withLockedValue { current in
            defer { current = [] }
            return current
        }
    }
}
