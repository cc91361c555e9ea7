/// Who is calling, as the gate established it from the client certificate and the policy's
/// teams. Plain strings: Policy does not know about TLS or certificates.
public struct CallerIdentity: Sendable, Hashable {
    /// The certificate subject (e.g. `CN=alice,OU=web`).
    public let subject: String
    /// The team whose policy applies (`""` without teams).
    public let team: String
    /// The team's role; nil without teams (every endpoint, no ownership).
    public let role: Role?
    /// The team's limits, if any.
    public let quota: TeamQuota?

    public init(subject: String, team: String = "", role: Role? = nil, quota: TeamQuota? = nil) {
        self.subject = subject
        self.team = team
        self.role = role
        self.quota = quota
    }

    /// Whether the caller may only name objects its team owns (every role but `admin`, and
    /// only when the policy has teams).
    public var enforcesOwnership: Bool { role?.enforcesOwnership ?? false }
}
