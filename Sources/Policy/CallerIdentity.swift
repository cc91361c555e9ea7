/// Who is calling, as the gate established it from the client certificate. Plain strings:
/// Policy does not know about TLS or certificates.
public struct CallerIdentity: Sendable, Hashable {
    /// The certificate subject (e.g. `CN=alice,OU=web`).
    public let subject: String
    /// The team whose policy applies.
    public let team: String
    /// The caller's role within the team.
    public let role: String

    public init(subject: String, team: String, role: String) {
        self.subject = subject
        self.team = team
        self.role = role
    }
}
