import NIOConcurrencyHelpers
import NIOCore

/// One at a time per team: the changes a team quota counts (container create and update) of a
/// team with a quota wait for the one before them to be answered. Otherwise two creates
/// checked at once both see the same count and both fit, and the team ends above its quota.
///
/// A turn is held from before the quota's facts are looked up until the request's exchange
/// is over (answered, refused, or the connection gone), then handed to the next in line.
final class QuotaTurns: Sendable {
    /// Per team with a turn out: who waits, in order.
    private let queues = NIOLockedValueBox<[String: [EventLoopPromise<Void>]]>([:])

    init() {}

    /// Succeeds when it is this request's turn; call `release` on what it gives, once.
    func take(team: String, on eventLoop: EventLoop) -> EventLoopFuture<QuotaTurn> {
        let waiting: EventLoopPromise<Void>? = queues.withLockedValue { queues in
            guard queues[team] != nil else {
                queues[team] = []
                return nil
            }
            let promise = eventLoop.makePromise(of: Void.self)
            queues[team]?.append(promise)
            return promise
        }
        let turn = QuotaTurn(team: team, turns: self)
        guard let waiting else { return eventLoop.makeSucceededFuture(turn) }
        return waiting.futureResult.map { turn }
    }

    fileprivate func release(team: String) {
        let next: EventLoopPromise<Void>? = queues.withLockedValue { queues in
            guard var waiting = queues[team], !waiting.isEmpty else {
                queues[team] = nil
                return nil
            }
            let next = waiting.removeFirst()
            queues[team] = waiting
            return next
        }
        next?.succeed()
    }

    /// Teams with a turn out (for tests).
    var busyTeams: Int { queues.withLockedValue { $0.count } }
}

/// A team's turn; released once, by whoever comes first.
final class QuotaTurn: Sendable {
    let team: String
    private let turns: QuotaTurns
    private let released = NIOLockedValueBox(false)

    fileprivate init(team: String, turns: QuotaTurns) {
        self.team = team
        self.turns = turns
    }

    func release() {
        let first = released.withLockedValue { released in
            defer { released = true }
            return !released
        }
        if first { turns.release(team: team) }
    }
}
