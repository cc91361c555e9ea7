import NIOConcurrencyHelpers
import NIOCore
import Policy

/// Per-team token buckets (`rate:` in the policy's teams), shared by every connection and
/// event loop: a team over its rate gets 429 until tokens refill.
final class TeamRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: NIODeadline
    }

    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])

    /// Takes one token from `team`'s bucket; false when it is empty.
    func admit(team: String, rate: TeamRate, now: NIODeadline = .now()) -> Bool {
        buckets.withLockedValue { buckets in
            var bucket = buckets[team] ?? Bucket(tokens: Double(rate.burst), updated: now)
            let elapsed = Double((now - bucket.updated).nanoseconds) / 1e9
            bucket.tokens = min(Double(rate.burst), bucket.tokens + max(0, elapsed) * Double(rate.perSecond))
            bucket.updated = now
            let admitted = bucket.tokens >= 1
            if admitted { bucket.tokens -= 1 }
            buckets[team] = bucket
            return admitted
        }
    }
}
