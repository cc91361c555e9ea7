/// What the gates a policy reload makes share about teams, so a reload neither refills a
/// team's request bucket nor drops the quota turn of a change in flight.
public final class TeamState: Sendable {
    let rates = TeamRateLimiter()
    let quotaTurns = QuotaTurns()

    public init() {}
}
