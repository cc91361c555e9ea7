import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import Proxy

/// A team's quota-counted changes go one at a time, in order; other teams are not held up;
/// a turn released twice hands over once.
@Suite struct QuotaTurnsTests {
    @Test func oneTurnPerTeamInOrder() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let turns = QuotaTurns()
        let granted = NIOLockedValueBox<[String]>([])
        func take(_ name: String, team: String = "web") -> EventLoopFuture<QuotaTurn> {
            turns.take(team: team, on: loop).map { turn in
                granted.withLockedValue { $0.append(name) }
                return turn
            }
        }
        let first = try await take("first").get()
        let second = take("second")
        let third = take("third")
        let otherTeam = try await take("other team", team: "data").get()
        try await Task.sleep(for: .milliseconds(50))
        #expect(granted.withLockedValue { $0 } == ["first", "other team"])

        first.release()
        first.release()  // a second release hands nothing over
        let secondTurn = try await second.get()
        try await Task.sleep(for: .milliseconds(50))
        #expect(granted.withLockedValue { $0 } == ["first", "other team", "second"])

        secondTurn.release()
        try await third.get().release()
        otherTeam.release()
        #expect(granted.withLockedValue { $0 } == ["first", "other team", "second", "third"])
        #expect(turns.busyTeams == 0)
        try await group.shutdownGracefully()
    }

    /// A turn granted after its connection closed (the exchange already over) is handed on at
    /// once, so the team is not blocked by a client that went away while it waited.
    @Test func aTurnForAFinishedExchangeIsReleasedAtOnce() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let turns = QuotaTurns()
        let holder = try await turns.take(team: "web", on: loop).get()
        let report = GateReport()
        let waiting = turns.take(team: "web", on: loop).map { turn in report.whenFinished { turn.release() } }
        report.finish()  // the client went away while waiting
        holder.release()
        try await waiting.get()
        #expect(turns.busyTeams == 0)
        try await group.shutdownGracefully()
    }
}
