/// A team of the policy file: who belongs (`match`), what they may call (`role`), which
/// rules their requests meet (`profile`), and optional limits on what they hold (`quota`).
public struct Team: Sendable {
    public let name: String
    public let matchers: [IdentityMatcher]
    public let role: Role
    public let profile: Profile
    public let quota: TeamQuota?
    /// How many requests per second the team's members may make together.
    public let rate: TeamRate?

    public init(
        name: String, matchers: [IdentityMatcher], role: Role, profile: Profile, quota: TeamQuota? = nil,
        rate: TeamRate? = nil
    ) {
        self.name = name
        self.matchers = matchers
        self.role = role
        self.profile = profile
        self.quota = quota
        self.rate = rate
    }

    public func matches(_ identity: CertificateIdentity) -> Bool {
        matchers.contains { $0.matches(identity) }
    }
}

/// Per-team limits on containers held (running or not).
public struct TeamQuota: Sendable, Hashable {
    /// At most this many containers owned by the team.
    public let maximumContainers: Int?

    public init(maximumContainers: Int?) {
        self.maximumContainers = maximumContainers
    }
}

/// A token bucket: `perSecond` requests on average, up to `burst` at once.
public struct TeamRate: Sendable, Hashable {
    public let perSecond: Int
    public let burst: Int

    public init(perSecond: Int, burst: Int) {
        self.perSecond = perSecond
        self.burst = burst
    }
}

/// Who a certificate is to the gate: its team (role, profile), or why it has none.
public enum TeamResolution: Sendable {
    /// No `teams` in the policy: every certificate the CA signs gets the active profile,
    /// no ownership (dockerd --tlsverify plus the body rules).
    case singleTenant
    /// The first matching team in file order; `alsoMatched` names later ones (for the audit
    /// record) — a configuration smell the loader could not rule out.
    case team(Team, alsoMatched: [String])
    /// Teams exist and none matches: every request is refused.
    case unmatched
}
