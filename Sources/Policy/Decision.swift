/// What the gate does with a request: forward it, or answer 403 with `Denial.message`.
public enum Decision: Sendable, Hashable, CustomStringConvertible {
    case allow
    case deny(Denial)

    public var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }

    public var denial: Denial? {
        if case .deny(let denial) = self { return denial }
        return nil
    }

    public var description: String {
        switch self {
        case .allow: "allow"
        case .deny(let denial): "deny: \(denial.message) [\(denial.detail)]"
        }
    }
}

/// Why a request is refused: the rule, a sentence for the docker user, and the field and
/// value that decided it.
public struct Denial: Sendable, Hashable {
    /// The check's stable id (`no-privileged`), for messages, audit records and policies.
    public let ruleID: String
    /// For the docker user: what is not allowed, and when it helps, what to do instead.
    public let reason: String
    /// Which field and value decided (`HostConfig.Privileged=true`), for the audit log and
    /// `dockgate policy explain`.
    public let detail: String
    /// The profile that refused.
    public let profile: String
    /// Set when the check could not decide without a fact the gate has not supplied: the gate
    /// looks it up and evaluates again, or sends this denial if it cannot.
    public let missingFact: FactQuery?

    public init(ruleID: String, reason: String, detail: String, profile: String, missingFact: FactQuery? = nil) {
        self.ruleID = ruleID
        self.reason = reason
        self.detail = detail
        self.profile = profile
        self.missingFact = missingFact
    }

    /// The response body's `message`; the docker CLI prints it after
    /// `Error response from daemon:`.
    public var message: String { "dockgate: \(reason) (rule \(ruleID), profile \(profile))" }
}
