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
    /// The team names no profile and takes the policy's active one (which `--profile` sets).
    public let inheritsProfile: Bool
    /// The team's own rollout mode, over its profile's.
    public let mode: RolloutMode?

    public init(
        name: String, matchers: [IdentityMatcher], role: Role, profile: Profile, quota: TeamQuota? = nil,
        rate: TeamRate? = nil, inheritsProfile: Bool = false, mode: RolloutMode? = nil
    ) {
        self.inheritsProfile = inheritsProfile
        self.mode = mode
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

    /// This team under another active profile: a team that names none takes it.
    func inheriting(_ active: Profile) -> Team {
        guard inheritsProfile else { return self }
        return Team(
            name: name, matchers: matchers, role: role, profile: mode.map { active.with(mode: $0) } ?? active,
            quota: quota, rate: rate, inheritsProfile: true, mode: mode)
    }
}

/// Per-team limits: containers held, and the memory and CPUs their containers may be limited
/// to together (running or not).
public struct TeamQuota: Sendable, Hashable {
    /// At most this many containers owned by the team.
    public let maximumContainers: Int?
    /// At most this much memory (bytes) across the team's containers' limits.
    public let maximumMemory: Int64?
    /// At most this many nano-CPUs across the team's containers' limits.
    public let maximumNanoCPUs: Int64?

    public init(maximumContainers: Int?, maximumMemory: Int64? = nil, maximumNanoCPUs: Int64? = nil) {
        self.maximumContainers = maximumContainers
        self.maximumMemory = maximumMemory
        self.maximumNanoCPUs = maximumNanoCPUs
    }

    /// `40 containers, 8Gi memory, 4 CPUs`.
    public var description: String {
        var parts: [String] = []
        if let maximumContainers { parts.append("\(maximumContainers) containers") }
        if let maximumMemory { parts.append("\(LimitText.bytes(maximumMemory)) memory") }
        if let maximumNanoCPUs { parts.append("\(LimitText.cpus(maximumNanoCPUs)) CPUs") }
        return parts.joined(separator: ", ")
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
