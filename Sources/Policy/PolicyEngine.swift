/// Runs the team checks (ownership, quota: they hold under every profile) and then the
/// profile's checks over one request, in order; the first denial wins. Pure: the same
/// identity, request, facts and profile always give the same decision.
public enum PolicyEngine {
    public static func evaluate(
        identity: CallerIdentity, request: PolicyRequest, facts: Facts, profile: Profile
    ) -> Decision {
        let context = CheckContext(identity: identity, request: request, facts: facts, settings: profile.settings)
        for check in Check.team + profile.checks {
            switch check.evaluate(context) {
            case .allowed:
                continue
            case .forbidden(let reason, let detail, let missingFact):
                return .deny(
                    Denial(
                        ruleID: check.id, reason: reason, detail: detail, profile: profile.name,
                        missingFact: missingFact))
            }
        }
        return .allow
    }
}
